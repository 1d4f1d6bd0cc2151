/* store.h: what the store's files share (store.c writes, query.c asks,
 * country.c knows the country codes): the open store and its cached
 * statements, and the calendar arithmetic of its `day` columns (days since
 * 1970-01-01 in the proleptic Gregorian calendar). */
#ifndef EVC_STORE_STORE_H
#define EVC_STORE_STORE_H

#include "evcode.h"

#include <sqlite3.h>

/* The statements store.c prepares once and reuses; all take parameters. */
enum {
    ST_FIND,          /* id, hash of the article with ext_id ?1 */
    ST_ARTICLE_ADD,   /* a new article */
    ST_ARTICLE_SET,   /* an article's fields and hash, by id */
    ST_ARTICLE_HASH,  /* an article's hash (and text), by id */
    ST_DEL_EVENTS,    /* an article's events */
    ST_DEL_SENTENCES, /* an article's sentences */
    ST_SENTENCE_ADD,  /* INSERT OR IGNORE: append keeps a stored text */
    ST_SENTENCES,     /* an article's sentence texts in order */
    ST_EVENT_ADD,
    ST_SAVEPOINT,     /* an article is written whole or not at all */
    ST_RELEASE,
    ST_ROLLBACK_TO,
    ST_COUNT
};

struct evc_store {
    sqlite3 *db;
    sqlite3_stmt *st[ST_COUNT]; /* prepared on first use */
    int in_tx;                  /* evc_store_begin without commit */
    int bulk;                   /* EVC_STORE_BULK: indexes to build at close */
    char path[256];             /* for messages */
};

/* An SQLite failure as an evc_error: "PATH: what: sqlite's message". */
evc_status evc_store_fail(evc_store *s, evc_error *err, const char *what);

/* Days since 1970-01-01 of yyyymmdd (which must be a valid date), and back. */
long evc_days_from_ymd(int32_t ymd);
int32_t evc_ymd_from_days(long days);
/* yyyymmdd of a valid date as "YYYY-MM-DD" in buf (>= 11 bytes). */
void evc_ymd_format(int32_t ymd, char *buf);
/* 1 when y-m-d is a date of the calendar (year 1-9999). */
int evc_ymd_valid(int y, int m, int d);

#endif
