/* store_fixture.h: test stores for the tests of what reads the event store
 * (series, surges, the report): the store makes the schema
 * (evc_store_open), the fixture writes known events into it with plain
 * SQL. Failures end the test program. */
#ifndef EVC_STORE_FIXTURE_H
#define EVC_STORE_FIXTURE_H

#include "evcode.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void fixture_die(sqlite3 *db, const char *what)
{
    fprintf(stderr, "store fixture: %s: %s\n", what,
            db ? sqlite3_errmsg(db) : "cannot open");
    exit(2);
}

/* A new, empty store at path (an old file there is replaced), in one open
 * transaction: call fixture_close to commit. */
static sqlite3 *fixture_create(const char *path)
{
    sqlite3 *db = NULL;
    char side[4096];
    unlink(path);
    snprintf(side, sizeof side, "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof side, "%s-shm", path);
    unlink(side);
    /* the store makes its own schema */
    evc_store *store = NULL;
    evc_error e;
    memset(&e, 0, sizeof e);
    if (evc_store_open(path, 0, &store, &e) != EVC_OK) {
        fprintf(stderr, "store fixture: %s: %s\n", path, e.message);
        exit(2);
    }
    evc_store_close(store);
    if (sqlite3_open(path, &db) != SQLITE_OK)
        fixture_die(db, path);
    if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
        fixture_die(db, "begin");
    return db;
}

static void fixture_close(sqlite3 *db)
{
    if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        fixture_die(db, "commit");
    sqlite3_close(db);
}

/* One event as the tests describe it; NULL strings are stored as NULL. */
typedef struct fixture_event {
    const char *article; /* article ext_id (made on first use) */
    int sentence;
    const char *date;    /* YYYY-MM-DD */
    const char *source, *source_root, *source_text;
    const char *target, *target_root, *target_text;
    const char *code;    /* CAMEO; root and quad come from the codebook,
                            else root from the first two digits, quad 0 */
    const char *verb;
    const char *country;
    const char *place;   /* place name; geonameid is set when place is */
    long long geonameid;
} fixture_event;

static void bind_opt(sqlite3_stmt *st, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

static void fixture_add(sqlite3 *db, const fixture_event *ev)
{
    int32_t day;
    if (evc_day_parse(ev->date, &day, NULL) != EVC_OK) {
        fprintf(stderr, "store fixture: bad date '%s'\n", ev->date);
        exit(2);
    }
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db,
                           "INSERT OR IGNORE INTO article(ext_id, date, day,"
                           " text, hash) VALUES(?1, ?2, ?3, '', ?1)",
                           -1, &st, NULL) != SQLITE_OK)
        fixture_die(db, "article");
    bind_opt(st, 1, ev->article);
    bind_opt(st, 2, ev->date);
    sqlite3_bind_int(st, 3, day);
    if (sqlite3_step(st) != SQLITE_DONE)
        fixture_die(db, "article insert");
    sqlite3_finalize(st);

    const evc_cameo_info *ci = evc_cameo_lookup(ev->code);
    int root = ci ? atoi(ci->root) : atoi(ev->code);
    int quad = ci ? ci->quad : 0;
    if (sqlite3_prepare_v2(
            db,
            "INSERT INTO event(article, sentence, date, day, source,"
            " source_root, source_text, target, target_root, target_text,"
            " code, root, quad, verb, country, place_name, geonameid)"
            " VALUES((SELECT id FROM article WHERE ext_id = ?1), ?2, ?3, ?4,"
            " ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
            -1, &st, NULL) != SQLITE_OK)
        fixture_die(db, "event");
    bind_opt(st, 1, ev->article);
    sqlite3_bind_int(st, 2, ev->sentence);
    bind_opt(st, 3, ev->date);
    sqlite3_bind_int(st, 4, day);
    bind_opt(st, 5, ev->source);
    bind_opt(st, 6, ev->source_root);
    bind_opt(st, 7, ev->source_text);
    bind_opt(st, 8, ev->target);
    bind_opt(st, 9, ev->target_root);
    bind_opt(st, 10, ev->target_text);
    bind_opt(st, 11, ev->code);
    sqlite3_bind_int(st, 12, root);
    sqlite3_bind_int(st, 13, quad);
    bind_opt(st, 14, ev->verb);
    bind_opt(st, 15, ev->country);
    bind_opt(st, 16, ev->place);
    if (ev->place)
        sqlite3_bind_int64(st, 17, ev->geonameid);
    else
        sqlite3_bind_null(st, 17);
    if (sqlite3_step(st) != SQLITE_DONE)
        fixture_die(db, "event insert");
    sqlite3_finalize(st);
}

/* n events alike but for the article id (made from prefix and a counter). */
static inline void fixture_add_n(sqlite3 *db, const fixture_event *ev, long n)
{
    static long serial;
    for (long i = 0; i < n; i++) {
        char id[128];
        fixture_event e = *ev;
        snprintf(id, sizeof id, "%s-%ld", ev->article ? ev->article : "a",
                 ++serial);
        e.article = id;
        fixture_add(db, &e);
    }
}

#endif
