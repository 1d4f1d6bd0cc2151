/* store.c: the SQLite store of articles, sentences and coded events
 * (evcode.h, "store"; the schema agreed in the README, "Store and queries"):
 * opening and creating it (WAL mode, FTS5 over article and sentence text),
 * content hashes, and evc_store_put_article, idempotent by hash. Every
 * statement takes its values as bound parameters, never as SQL text. */
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* The schema, version 1. Columns beyond the agreed ones: event.issues,
 * event.source_antecedent, event.target_antecedent (what `evcode code`
 * writes, so that an export gives its lines back); one index more,
 * event_root_day (counts of root codes over all countries). Sentence text is
 * indexed in sentence_fts under rowid article * 2^20 + idx (a sentence
 * table with a composite key has no stable rowid for external content). */
static const char schema_sql[] =
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS article("
    " id INTEGER PRIMARY KEY,"
    " ext_id TEXT NOT NULL UNIQUE,"
    " date TEXT, day INTEGER,"
    " source TEXT, title TEXT, url TEXT,"
    " text TEXT NOT NULL,"
    " hash TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS sentence("
    " article INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,"
    " idx INTEGER NOT NULL, text TEXT NOT NULL,"
    " PRIMARY KEY(article, idx));"
    "CREATE TABLE IF NOT EXISTS event("
    " id INTEGER PRIMARY KEY,"
    " article INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,"
    " sentence INTEGER NOT NULL,"
    " date TEXT NOT NULL, day INTEGER NOT NULL,"
    " source TEXT, source_root TEXT, source_agent TEXT, source_text TEXT,"
    " target TEXT, target_root TEXT, target_agent TEXT, target_text TEXT,"
    " code TEXT NOT NULL,"
    " root INTEGER NOT NULL,"
    " quad INTEGER NOT NULL,"
    " goldstein REAL,"
    " plover TEXT,"
    " negated INTEGER NOT NULL DEFAULT 0,"
    " verb TEXT,"
    " country TEXT,"
    " place_name TEXT, geonameid INTEGER, feature_code TEXT, lat REAL, lon REAL,"
    " admin1 TEXT, admin1_code TEXT, admin1_geonames TEXT, loc_text TEXT,"
    " place_kind INTEGER, place_gn_code TEXT, country2 TEXT, country_name TEXT,"
    " loc_method TEXT, date_method TEXT,"
    " issues TEXT, source_antecedent TEXT, target_antecedent TEXT);"
    "CREATE INDEX IF NOT EXISTS event_country_root_day ON event(country, root, day);"
    "CREATE INDEX IF NOT EXISTS event_day ON event(day);"
    "CREATE INDEX IF NOT EXISTS event_dyad ON event(source_root, target_root, day);"
    "CREATE INDEX IF NOT EXISTS event_article ON event(article);"
    "CREATE INDEX IF NOT EXISTS event_root_day ON event(root, day);"
    "CREATE VIRTUAL TABLE IF NOT EXISTS article_fts USING fts5("
    " title, text, content='article', content_rowid='id');"
    "CREATE VIRTUAL TABLE IF NOT EXISTS sentence_fts USING fts5(text);"
    "CREATE TRIGGER IF NOT EXISTS article_fts_add AFTER INSERT ON article BEGIN"
    " INSERT INTO article_fts(rowid, title, text) VALUES (new.id, new.title, new.text);"
    " END;"
    "CREATE TRIGGER IF NOT EXISTS article_fts_del AFTER DELETE ON article BEGIN"
    " INSERT INTO article_fts(article_fts, rowid, title, text)"
    "  VALUES ('delete', old.id, old.title, old.text);"
    " END;"
    "CREATE TRIGGER IF NOT EXISTS article_fts_set AFTER UPDATE OF title, text ON article BEGIN"
    " INSERT INTO article_fts(article_fts, rowid, title, text)"
    "  VALUES ('delete', old.id, old.title, old.text);"
    " INSERT INTO article_fts(rowid, title, text) VALUES (new.id, new.title, new.text);"
    " END;"
    "CREATE TRIGGER IF NOT EXISTS sentence_fts_add AFTER INSERT ON sentence BEGIN"
    " INSERT INTO sentence_fts(rowid, text) VALUES (new.article * 1048576 + new.idx, new.text);"
    " END;"
    "CREATE TRIGGER IF NOT EXISTS sentence_fts_del AFTER DELETE ON sentence BEGIN"
    " DELETE FROM sentence_fts WHERE rowid = old.article * 1048576 + old.idx;"
    " END;"
    "CREATE TRIGGER IF NOT EXISTS sentence_fts_set AFTER UPDATE ON sentence BEGIN"
    " DELETE FROM sentence_fts WHERE rowid = old.article * 1048576 + old.idx;"
    " INSERT INTO sentence_fts(rowid, text) VALUES (new.article * 1048576 + new.idx, new.text);"
    " END;"
    "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', '1');";

const char *evc_store_schema(void) { return schema_sql; }

/* The indexes EVC_STORE_BULK leaves out until close (schema_sql makes
 * them again). event_article stays: replacing an article needs it. */
static const char bulk_sql[] =
    "DROP INDEX IF EXISTS event_country_root_day;"
    "DROP INDEX IF EXISTS event_day;"
    "DROP INDEX IF EXISTS event_dyad;"
    "DROP INDEX IF EXISTS event_root_day;";

/* A sentence index must fit the 20 bits of its sentence_fts rowid. */
#define MAX_SENTENCES (1 << 20)

static const char *const stmt_sql[ST_COUNT] = {
    [ST_FIND] = "SELECT id, hash FROM article WHERE ext_id = ?1",
    [ST_ARTICLE_ADD] = "INSERT INTO article(ext_id, date, day, source, title, url, text, hash)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    [ST_ARTICLE_SET] = "UPDATE article SET date = ?2, day = ?3, source = ?4, title = ?5,"
                       " url = ?6, text = ?7, hash = ?8 WHERE id = ?1",
    [ST_ARTICLE_HASH] = "UPDATE article SET text = ?2, hash = ?3 WHERE id = ?1",
    [ST_DEL_EVENTS] = "DELETE FROM event WHERE article = ?1",
    [ST_DEL_SENTENCES] = "DELETE FROM sentence WHERE article = ?1",
    [ST_SENTENCE_ADD] = "INSERT OR IGNORE INTO sentence(article, idx, text) VALUES (?1, ?2, ?3)",
    [ST_SENTENCES] = "SELECT text FROM sentence WHERE article = ?1 ORDER BY idx",
    [ST_EVENT_ADD] =
        "INSERT INTO event(article, sentence, date, day,"
        " source, source_root, source_agent, source_text,"
        " target, target_root, target_agent, target_text,"
        " code, root, quad, goldstein, plover, negated, verb, country,"
        " place_name, geonameid, feature_code, lat, lon, admin1, admin1_code,"
        " loc_method, date_method, issues, source_antecedent, target_antecedent,"
        " admin1_geonames, loc_text, place_kind, place_gn_code, country2,"
        " country_name)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
        " ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28,"
        " ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, ?37, ?38)",
    [ST_SAVEPOINT] = "SAVEPOINT put_article",
    [ST_RELEASE] = "RELEASE put_article",
    [ST_ROLLBACK_TO] = "ROLLBACK TO put_article",
};

evc_status evc_store_fail(evc_store *s, evc_error *err, const char *what)
{
    int rc = s && s->db ? sqlite3_errcode(s->db) : SQLITE_ERROR;
    evc_status code = rc == SQLITE_NOMEM      ? EVC_ERR_NOMEM
                      : rc == SQLITE_NOTADB    ? EVC_ERR_SYNTAX
                      : rc == SQLITE_CORRUPT   ? EVC_ERR_SYNTAX
                                               : EVC_ERR_IO;
    return evc_error_set(err, code, s ? s->path : NULL, 0, 0, "%s: %s", what,
                         s && s->db ? sqlite3_errmsg(s->db) : "SQLite error");
}

/* ---------------------------------------------------------------- calendar */

int evc_ymd_valid(int y, int m, int d)
{
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= mdays[m - 1] + (m == 2 && leap);
}

/* yyyymmdd <-> days since 1970-01-01: the calendar of src/store/period.c */
long evc_days_from_ymd(int32_t ymd)
{
    return evc_day_from_ymd(ymd / 10000, ymd / 100 % 100, ymd % 100);
}

int32_t evc_ymd_from_days(long days)
{
    int y, m, d;
    evc_day_to_ymd((int32_t)days, &y, &m, &d);
    return (int32_t)(y * 10000 + m * 100 + d);
}

void evc_ymd_format(int32_t ymd, char *buf)
{
    unsigned u = (unsigned)ymd;
    snprintf(buf, 11, "%04u-%02u-%02u", u / 10000 % 10000, u / 100 % 100,
             u % 100);
}

static int ymd_ok(int32_t ymd)
{
    return ymd > 0 && evc_ymd_valid(ymd / 10000, ymd / 100 % 100, ymd % 100);
}

/* ---------------------------------------------------------------- hashes */

/* FNV-1a (64 bits) and CRC-32 (zlib) over the same bytes, and their length:
 * 96 bits of two unrelated functions, enough to see that an article
 * changed; not meant to resist someone forging a collision (which could
 * only make ingest keep an older copy). Each part is framed by a tag and
 * its length, so ("ab","c") and ("a","bc") differ, and NULL from "". */
typedef struct hasher {
    uint64_t fnv;
    uLong crc;
    uint64_t len;
} hasher;

static void hash_bytes(hasher *h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        h->fnv = (h->fnv ^ b[i]) * 1099511628211ull;
    for (size_t done = 0; done < n;) {
        uInt k = n - done > 1u << 30 ? 1u << 30 : (uInt)(n - done);
        h->crc = crc32(h->crc, b + done, k);
        done += k;
    }
    h->len += n;
}

static void hash_part(hasher *h, const char *s, size_t n)
{
    unsigned char frame[9];
    frame[0] = s ? 1 : 0;
    uint64_t len = s ? n : 0;
    for (int i = 0; i < 8; i++)
        frame[1 + i] = (unsigned char)(len >> (8 * i));
    hash_bytes(h, frame, sizeof frame);
    if (s)
        hash_bytes(h, s, n);
}

void evc_store_hash_parts(const char *const *parts, const size_t *lens, int n,
                          char out[EVC_STORE_HASH_SIZE])
{
    hasher h = {1469598103934665603ull, crc32(0L, Z_NULL, 0), 0};
    for (int i = 0; i < n; i++)
        hash_part(&h, parts[i], parts[i] ? (lens ? lens[i] : strlen(parts[i])) : 0);
    snprintf(out, EVC_STORE_HASH_SIZE, "%016llx%08lx%llx",
             (unsigned long long)h.fnv, (unsigned long)h.crc,
             (unsigned long long)h.len);
}

void evc_store_hash(const evc_coded_article *a, char out[EVC_STORE_HASH_SIZE])
{
    char date[16];
    if (ymd_ok(a->date))
        evc_ymd_format(a->date, date);
    const char *parts[6] = {a->id, ymd_ok(a->date) ? date : NULL, a->title,
                            a->source, a->url, a->text ? a->text : ""};
    evc_store_hash_parts(parts, NULL, 6, out);
}

/* ---------------------------------------------------------------- opening */

static sqlite3_stmt *stmt(evc_store *s, int which, evc_error *err)
{
    if (!s->st[which] &&
        sqlite3_prepare_v3(s->db, stmt_sql[which], -1, SQLITE_PREPARE_PERSISTENT,
                           &s->st[which], NULL) != SQLITE_OK) {
        evc_store_fail(s, err, "preparing a statement");
        return NULL;
    }
    sqlite3_reset(s->st[which]);
    sqlite3_clear_bindings(s->st[which]);
    return s->st[which];
}

static int exec(evc_store *s, const char *sql)
{
    return sqlite3_exec(s->db, sql, NULL, NULL, NULL);
}

/* The value of a one-column, one-row query of constant SQL into buf ("" if
 * no row). SQLITE_OK or the error code. */
static int query_text(evc_store *s, const char *sql, char *buf, size_t n)
{
    sqlite3_stmt *q;
    buf[0] = 0;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &q, NULL);
    if (rc != SQLITE_OK)
        return rc;
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        const unsigned char *t = sqlite3_column_text(q, 0);
        snprintf(buf, n, "%s", t ? (const char *)t : "");
        rc = SQLITE_OK;
    } else if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    sqlite3_finalize(q);
    return rc;
}

/* Refuses a database that holds tables but not evcode's meta table, and a
 * schema version other than 1. */
static evc_status check_store(evc_store *s, int readonly, evc_error *err)
{
    char buf[64];
    if (query_text(s, "SELECT count(*) FROM sqlite_master", buf, sizeof buf))
        return evc_store_fail(s, err, "not a store");
    if (!strcmp(buf, "0")) {
        if (readonly)
            return evc_error_set(err, EVC_ERR_SYNTAX, s->path, 0, 0,
                                 "an empty database, not an evcode store");
        return EVC_OK;
    }
    if (query_text(s, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                      " AND name = 'meta'", buf, sizeof buf))
        return evc_store_fail(s, err, "reading the schema");
    if (strcmp(buf, "1"))
        return evc_error_set(err, EVC_ERR_SYNTAX, s->path, 0, 0,
                             "not an evcode store (an SQLite database without "
                             "its meta table)");
    if (query_text(s, "SELECT value FROM meta WHERE key = 'schema_version'", buf,
                   sizeof buf))
        return evc_store_fail(s, err, "reading the schema version");
    if (strcmp(buf, "1"))
        return evc_error_set(err, EVC_ERR_SYNTAX, s->path, 0, 0,
                             "store schema version '%s'; this evcode reads "
                             "version 1", buf);
    return EVC_OK;
}

evc_status evc_store_open(const char *path, int flags, evc_store **out,
                          evc_error *err)
{
    if (!path || !out)
        return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0,
                             "evc_store_open: NULL argument");
    *out = NULL;
    evc_store *s = calloc(1, sizeof *s);
    if (!s)
        return evc_error_set(err, EVC_ERR_NOMEM, path, 0, 0, "out of memory");
    snprintf(s->path, sizeof s->path, "%s", path);
    int readonly = flags & EVC_STORE_READONLY;
    int oflags = readonly ? SQLITE_OPEN_READONLY
                          : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    evc_status st = EVC_OK;
    if (sqlite3_open_v2(path, &s->db, oflags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        st = readonly && sqlite3_errcode(s->db) == SQLITE_CANTOPEN
                 ? evc_error_set(err, EVC_ERR_IO, path, 0, 0,
                                 "no such store (cannot open it)")
                 : evc_store_fail(s, err, "cannot open");
        goto fail;
    }
    sqlite3_extended_result_codes(s->db, 0);
    sqlite3_busy_timeout(s->db, 10000);
    if ((st = check_store(s, readonly, err)) != EVC_OK)
        goto fail;
    /* a cache of 64 MiB: the indexes of a store of millions of events;
     * questions read the file mapped (no read call per page) */
    if (exec(s, "PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536") ||
        (readonly && exec(s, "PRAGMA mmap_size = 2000000000"))) {
        st = evc_store_fail(s, err, "setting up");
        goto fail;
    }
    if (!readonly) {
        /* (an in-memory database, ":memory:", keeps its journal in memory) */
        char mode[16];
        if (query_text(s, "PRAGMA journal_mode = WAL", mode, sizeof mode) ||
            (strcmp(mode, "wal") != 0 &&
             !(strcmp(mode, "memory") == 0 && strcmp(path, ":memory:") == 0))) {
            st = evc_store_fail(s, err, "cannot use WAL mode");
            goto fail;
        }
        /* in WAL mode a commit survives the process being killed; NORMAL
         * only risks the last commits on a power cut, OFF (bulk) the file */
        if (exec(s, flags & EVC_STORE_BULK
                        ? "PRAGMA synchronous = OFF; PRAGMA cache_size = -262144"
                        : "PRAGMA synchronous = NORMAL") ||
            exec(s, "BEGIN IMMEDIATE") || exec(s, schema_sql) || exec(s, "COMMIT")) {
            st = evc_store_fail(s, err, "creating the schema");
            exec(s, "ROLLBACK");
            goto fail;
        }
        /* bulk: rows now, the indexes once at the end (sorting all keys
         * once costs far less than inserting each into four trees) */
        if ((flags & EVC_STORE_BULK) && exec(s, bulk_sql)) {
            st = evc_store_fail(s, err, "dropping the indexes");
            goto fail;
        }
        s->bulk = (flags & EVC_STORE_BULK) != 0;
    }
    *out = s;
    return EVC_OK;
fail:
    evc_store_close(s);
    return st;
}

void evc_store_close(evc_store *s)
{
    if (!s)
        return;
    for (int i = 0; i < ST_COUNT; i++)
        sqlite3_finalize(s->st[i]);
    if (s->db && s->in_tx)
        exec(s, "ROLLBACK");
    if (s->db && s->bulk)
        exec(s, schema_sql); /* failing, the next open builds them */
    sqlite3_close(s->db);
    free(s);
}

evc_status evc_store_begin(evc_store *s, evc_error *err)
{
    if (s->in_tx)
        return EVC_OK;
    if (exec(s, "BEGIN IMMEDIATE"))
        return evc_store_fail(s, err, "beginning a transaction");
    s->in_tx = 1;
    return EVC_OK;
}

evc_status evc_store_commit(evc_store *s, evc_error *err)
{
    if (!s->in_tx)
        return EVC_OK;
    if (exec(s, "COMMIT"))
        return evc_store_fail(s, err, "committing");
    s->in_tx = 0;
    return EVC_OK;
}

evc_status evc_store_rollback(evc_store *s, evc_error *err)
{
    if (!s->in_tx)
        return EVC_OK;
    s->in_tx = 0;
    if (exec(s, "ROLLBACK"))
        return evc_store_fail(s, err, "rolling back");
    return EVC_OK;
}

/* ---------------------------------------------------------------- writing */

/* Binds s (NULL or "" as NULL). */
static int bind_text(sqlite3_stmt *q, int i, const char *s)
{
    return s && *s ? sqlite3_bind_text(q, i, s, -1, SQLITE_STATIC)
                   : sqlite3_bind_null(q, i);
}

static int bind_date(sqlite3_stmt *q, int text_col, int32_t ymd, char *buf)
{
    if (!ymd_ok(ymd))
        return sqlite3_bind_null(q, text_col) | sqlite3_bind_null(q, text_col + 1);
    evc_ymd_format(ymd, buf);
    return sqlite3_bind_text(q, text_col, buf, -1, SQLITE_STATIC) |
           sqlite3_bind_int64(q, text_col + 1, evc_days_from_ymd(ymd));
}

static int step_done(sqlite3_stmt *q)
{
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* The event's CAMEO root (1-20) and its facts, or 0 for a code that has no
 * root in the CAMEO table. */
static int event_root(const char *code, const evc_cameo_info **root_info)
{
    if (!code || code[0] < '0' || code[0] > '9' || code[1] < '0' || code[1] > '9')
        return 0;
    char r[3] = {code[0], code[1], 0};
    *root_info = evc_cameo_lookup(r);
    return *root_info ? (code[0] - '0') * 10 + (code[1] - '0') : 0;
}

/* Where it happened: the given country, else the target's root, else the
 * source's, when one is a country code. */
static const char *event_country(const evc_coded_event *e)
{
    if (e->country && *e->country)
        return e->country;
    if (e->ev.target.root && evc_country_known(e->ev.target.root))
        return e->ev.target.root;
    if (e->ev.source.root && evc_country_known(e->ev.source.root))
        return e->ev.source.root;
    return NULL;
}

static evc_status put_event(evc_store *s, sqlite3_int64 article,
                            const evc_coded_article *a, const evc_coded_event *e,
                            evc_store_put *res, evc_error *err)
{
    const evc_cameo_info *ri = NULL;
    int root = event_root(e->ev.code, &ri);
    if (!root) {
        res->dropped++;
        return EVC_OK;
    }
    sqlite3_stmt *q = stmt(s, ST_EVENT_ADD, err);
    if (!q)
        return err ? err->code : EVC_ERR_IO;
    const evc_cameo_info *ci = evc_cameo_lookup(e->ev.code);
    const evc_actor *src = &e->ev.source, *tgt = &e->ev.target;
    char date[16];
    int rc = sqlite3_bind_int64(q, 1, article) |
             sqlite3_bind_int(q, 2, e->sentence) |
             bind_date(q, 3, e->date ? e->date : a->date, date) |
             bind_text(q, 5, src->code) | bind_text(q, 6, src->root) |
             bind_text(q, 7, src->agent) | bind_text(q, 8, src->text) |
             bind_text(q, 9, tgt->code) | bind_text(q, 10, tgt->root) |
             bind_text(q, 11, tgt->agent) | bind_text(q, 12, tgt->text) |
             bind_text(q, 13, e->ev.code) | sqlite3_bind_int(q, 14, root) |
             sqlite3_bind_int(q, 15, ri->quad) |
             (ci ? sqlite3_bind_double(q, 16, ci->goldstein) : sqlite3_bind_null(q, 16)) |
             bind_text(q, 17, ci ? ci->plover_type : NULL) |
             sqlite3_bind_int(q, 18, e->ev.negated != 0) | bind_text(q, 19, e->verb) |
             bind_text(q, 20, event_country(e)) | bind_text(q, 21, e->place_name) |
             (e->geonameid ? sqlite3_bind_int64(q, 22, e->geonameid)
                           : sqlite3_bind_null(q, 22)) |
             bind_text(q, 23, e->feature_code) |
             (e->has_coords ? sqlite3_bind_double(q, 24, e->lat) |
                                  sqlite3_bind_double(q, 25, e->lon)
                            : SQLITE_OK) |
             bind_text(q, 26, e->admin1) | bind_text(q, 27, e->admin1_code) |
             bind_text(q, 28, e->loc_method) | bind_text(q, 29, e->date_method) |
             bind_text(q, 30, e->ev.issues) | bind_text(q, 31, src->antecedent) |
             bind_text(q, 32, tgt->antecedent) |
             bind_text(q, 33, e->admin1_geonames) | bind_text(q, 34, e->loc_text) |
             (e->place_kind ? sqlite3_bind_int(q, 35, e->place_kind) : SQLITE_OK) |
             bind_text(q, 36, e->place_gn_code) | bind_text(q, 37, e->country2) |
             bind_text(q, 38, e->country_name);
    if (rc != SQLITE_OK || step_done(q) != SQLITE_OK)
        return evc_store_fail(s, err, "storing an event");
    res->events++;
    return EVC_OK;
}

static evc_status put_children(evc_store *s, sqlite3_int64 id,
                               const evc_coded_article *a, evc_store_put *res,
                               evc_error *err)
{
    for (int i = 0; i < a->nsentences; i++) {
        if (!a->sentences[i])
            continue;
        sqlite3_stmt *q = stmt(s, ST_SENTENCE_ADD, err);
        if (!q)
            return err ? err->code : EVC_ERR_IO;
        if ((sqlite3_bind_int64(q, 1, id) | sqlite3_bind_int(q, 2, i) |
             sqlite3_bind_text(q, 3, a->sentences[i], -1, SQLITE_STATIC)) ||
            step_done(q) != SQLITE_OK)
            return evc_store_fail(s, err, "storing a sentence");
    }
    for (int i = 0; i < a->nevents; i++) {
        evc_status st = put_event(s, id, a, &a->events[i], res, err);
        if (st)
            return st;
    }
    return EVC_OK;
}

/* Binds the article's fields to ?2..?8 of ST_ARTICLE_ADD / ST_ARTICLE_SET,
 * ?1 being the ext_id or the id. */
static int bind_article(sqlite3_stmt *q, const evc_coded_article *a,
                        const char *hash, char *date)
{
    return bind_date(q, 2, a->date, date) | bind_text(q, 4, a->source) |
           bind_text(q, 5, a->title) | bind_text(q, 6, a->url) |
           sqlite3_bind_text(q, 7, a->text ? a->text : "", -1, SQLITE_STATIC) |
           sqlite3_bind_text(q, 8, hash, -1, SQLITE_STATIC);
}

/* After an append: the article's text becomes its sentences' texts, in
 * order, one per line, and its hash `hash`. */
static evc_status rebuild_text(evc_store *s, sqlite3_int64 id, const char *hash,
                               evc_error *err)
{
    sqlite3_stmt *q = stmt(s, ST_SENTENCES, err);
    if (!q)
        return err ? err->code : EVC_ERR_IO;
    sqlite3_bind_int64(q, 1, id);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return evc_error_set(err, EVC_ERR_NOMEM, s->path, 0, 0, "out of memory");
    int rc, first = 1;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        if (!first)
            fputc('\n', f);
        fputs((const char *)sqlite3_column_text(q, 0), f);
        first = 0;
    }
    sqlite3_reset(q);
    int ferr = fclose(f);
    if (rc != SQLITE_DONE || ferr) {
        free(buf);
        return rc != SQLITE_DONE ? evc_store_fail(s, err, "reading sentences")
                                 : evc_error_set(err, EVC_ERR_NOMEM, s->path, 0,
                                                 0, "out of memory");
    }
    q = stmt(s, ST_ARTICLE_HASH, err);
    evc_status st = EVC_OK;
    if (!q)
        st = err ? err->code : EVC_ERR_IO;
    else if ((sqlite3_bind_int64(q, 1, id) |
              sqlite3_bind_text(q, 2, buf, (int)len, SQLITE_STATIC) |
              sqlite3_bind_text(q, 3, hash, -1, SQLITE_STATIC)) ||
             step_done(q) != SQLITE_OK)
        st = evc_store_fail(s, err, "updating an article");
    free(buf);
    return st;
}

/* The stored id and hash of the article `ext_id`: 1 found, 0 not, -1 on
 * error (err set). */
static int find_article(evc_store *s, const char *ext_id, sqlite3_int64 *id,
                        char hash[EVC_STORE_HASH_SIZE], evc_error *err)
{
    sqlite3_stmt *q = stmt(s, ST_FIND, err);
    if (!q)
        return -1;
    sqlite3_bind_text(q, 1, ext_id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q), found = 0;
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(q, 0);
        const unsigned char *h = sqlite3_column_text(q, 1);
        snprintf(hash, EVC_STORE_HASH_SIZE, "%s", h ? (const char *)h : "");
        found = 1;
    } else if (rc != SQLITE_DONE) {
        evc_store_fail(s, err, "looking up an article");
        found = -1;
    }
    sqlite3_reset(q);
    return found;
}

static evc_status check_article(evc_store *s, const evc_coded_article *a,
                                evc_error *err)
{
    if (!a->id || !*a->id)
        return evc_error_set(err, EVC_ERR_ARG, s->path, 0, 0,
                             "an article without an id");
    if (a->nsentences < 0 || a->nsentences > MAX_SENTENCES || a->nevents < 0 ||
        (a->nsentences && !a->sentences) || (a->nevents && !a->events))
        return evc_error_set(err, EVC_ERR_ARG, s->path, 0, 0,
                             "article %.80s: bad sentence or event list", a->id);
    for (int i = 0; i < a->nevents; i++) {
        const evc_coded_event *e = &a->events[i];
        if (!ymd_ok(e->date ? e->date : a->date))
            return evc_error_set(err, EVC_ERR_ARG, s->path, 0, 0,
                                 "article %.80s: an event without a date "
                                 "(the article has none)", a->id);
        if (e->sentence < 0 || e->sentence >= MAX_SENTENCES)
            return evc_error_set(err, EVC_ERR_ARG, s->path, 0, 0,
                                 "article %.80s: sentence index %d out of range",
                                 a->id, e->sentence);
    }
    return EVC_OK;
}

evc_status evc_store_has_article(evc_store *s, const evc_coded_article *a,
                                 int *same, evc_error *err)
{
    *same = 0;
    if (!a->id || !*a->id)
        return EVC_OK;
    char hash[EVC_STORE_HASH_SIZE], stored[EVC_STORE_HASH_SIZE];
    if (a->hash)
        snprintf(hash, sizeof hash, "%s", a->hash);
    else
        evc_store_hash(a, hash);
    sqlite3_int64 id;
    int found = find_article(s, a->id, &id, stored, err);
    if (found < 0)
        return err ? err->code : EVC_ERR_IO;
    *same = found && !strcmp(hash, stored);
    return EVC_OK;
}

evc_status evc_store_put_article(evc_store *s, const evc_coded_article *a,
                                 int flags, evc_store_put *res, evc_error *err)
{
    evc_store_put local;
    if (!res)
        res = &local;
    memset(res, 0, sizeof *res);
    if (!s || !a)
        return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0,
                             "evc_store_put_article: NULL argument");
    evc_status st = check_article(s, a, err);
    if (st)
        return st;
    char hash[EVC_STORE_HASH_SIZE], stored[EVC_STORE_HASH_SIZE], date[16];
    if (a->hash)
        snprintf(hash, sizeof hash, "%s", a->hash);
    else
        evc_store_hash(a, hash);
    /* a savepoint: an article is written whole or not at all */
    sqlite3_stmt *sp = stmt(s, ST_SAVEPOINT, err);
    if (!sp || step_done(sp) != SQLITE_OK)
        return evc_store_fail(s, err, "beginning to store an article");
    sqlite3_int64 id = 0;
    int found = find_article(s, a->id, &id, stored, err);
    if (found < 0) {
        st = err ? err->code : EVC_ERR_IO;
        goto undo;
    }
    if (found && (flags & EVC_STORE_APPEND)) {
        const char *parts[2] = {stored, hash};
        char chained[EVC_STORE_HASH_SIZE];
        evc_store_hash_parts(parts, NULL, 2, chained);
        res->action = EVC_STORE_APPENDED;
        if ((st = put_children(s, id, a, res, err)) ||
            (st = rebuild_text(s, id, chained, err)))
            goto undo;
    } else if (found && !(flags & EVC_STORE_REPLACE) && !strcmp(stored, hash)) {
        res->action = EVC_STORE_UNCHANGED;
    } else if (found) {
        res->action = EVC_STORE_REPLACED;
        sqlite3_stmt *q = stmt(s, ST_ARTICLE_SET, err);
        if (!q || (sqlite3_bind_int64(q, 1, id) | bind_article(q, a, hash, date)) ||
            step_done(q) != SQLITE_OK) {
            st = q ? evc_store_fail(s, err, "updating an article") : EVC_ERR_IO;
            goto undo;
        }
        int bad = 0;
        for (int which = ST_DEL_EVENTS; which <= ST_DEL_SENTENCES && !bad; which++) {
            q = stmt(s, which, err);
            bad = !q || sqlite3_bind_int64(q, 1, id) || step_done(q) != SQLITE_OK;
        }
        if (bad) {
            st = evc_store_fail(s, err, "deleting an article's events");
            goto undo;
        }
        if ((st = put_children(s, id, a, res, err)))
            goto undo;
    } else {
        res->action = EVC_STORE_ADDED;
        sqlite3_stmt *q = stmt(s, ST_ARTICLE_ADD, err);
        if (!q ||
            (sqlite3_bind_text(q, 1, a->id, -1, SQLITE_STATIC) |
             bind_article(q, a, hash, date)) ||
            step_done(q) != SQLITE_OK) {
            st = q ? evc_store_fail(s, err, "storing an article") : EVC_ERR_IO;
            goto undo;
        }
        id = sqlite3_last_insert_rowid(s->db);
        if ((st = put_children(s, id, a, res, err)))
            goto undo;
    }
    sp = stmt(s, ST_RELEASE, err);
    if (!sp || step_done(sp) != SQLITE_OK)
        return evc_store_fail(s, err, "storing an article");
    return EVC_OK;
undo:
    if ((sp = stmt(s, ST_ROLLBACK_TO, NULL)))
        step_done(sp);
    if ((sp = stmt(s, ST_RELEASE, NULL)))
        step_done(sp);
    res->action = 0;
    res->events = 0;
    return st ? st : EVC_ERR_IO;
}

evc_status evc_store_totals_get(evc_store *s, evc_store_totals *out,
                                evc_error *err)
{
    static const char *const sql[3] = {"SELECT count(*) FROM article",
                                       "SELECT count(*) FROM sentence",
                                       "SELECT count(*) FROM event"};
    long *dst[3] = {&out->articles, &out->sentences, &out->events};
    for (int i = 0; i < 3; i++) {
        char buf[32];
        if (query_text(s, sql[i], buf, sizeof buf))
            return evc_store_fail(s, err, "counting");
        *dst[i] = strtol(buf, NULL, 10);
    }
    return EVC_OK;
}
