/* fuzz_report.c: libFuzzer target for what reads the store's strings into
 * HTML (src/store/report.c, chart.c, eventdb.c): the input is lines of
 * tab-separated fields (source, target, their texts, code, country, verb,
 * place) and two bytes of date, stored in an in-memory store, reported on;
 * the page must stay whole, escaped and valid UTF-8. */
#include "evcode.h"

#include "../tests/unit/store_fixture.h"

#include <stdint.h>
#include <stdio.h>
#include <strings.h>

#define DB_URI "file:fuzzreport?mode=memory&cache=shared"

static int has_ci(const char *h, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (strncasecmp(h + i, needle, k) == 0)
            return 1;
    return 0;
}

static size_t count(const char *h, const char *needle)
{
    size_t n = 0, k = strlen(needle);
    for (const char *p = h; (p = strstr(p, needle)); p += k)
        n++;
    return n;
}

static int valid_utf8(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned c = s[i];
        size_t k = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2
                 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
        if (!k || i + k > n)
            return 0;
        for (size_t j = 1; j < k; j++)
            if ((s[i + j] & 0xc0) != 0x80)
                return 0;
        i += k;
    }
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    sqlite3 *w = NULL;
    if (sqlite3_open_v2(DB_URI, &w, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                                        SQLITE_OPEN_URI, NULL) != SQLITE_OK ||
        sqlite3_exec(w, evc_store_schema(), NULL, NULL, NULL) != SQLITE_OK) {
        sqlite3_close(w);
        return 0;
    }
    int by = data[0] % 5 - 1; /* -1 (auto) .. year */
    size_t top = data[1] % 20;
    /* the rest: lines of "DD<tab-separated fields>" (DD: two date bytes) */
    char *text = strndup((const char *)data + 2, size - 2);
    char *save = NULL;
    int n = 0;
    for (char *line = text ? strtok_r(text, "\n", &save) : NULL; line && n < 64;
         line = strtok_r(NULL, "\n", &save), n++) {
        size_t len = strlen(line);
        unsigned d = len >= 2 ? ((unsigned char)line[0] << 8 |
                                 (unsigned char)line[1]) % 2200
                              : 0;
        char *f[8] = {0};
        char *p = line + (len >= 2 ? 2 : len);
        for (int k = 0; k < 8 && p; k++) {
            f[k] = p;
            p = strchr(p, '\t');
            if (p)
                *p++ = '\0';
        }
        char date[11];
        evc_day_format(evc_day_from_ymd(2020, 1, 1) + (int32_t)d, date);
        fixture_event e = {.article = "a", .date = date, .source = f[0],
                           .source_root = f[0], .target = f[1],
                           .target_root = f[1], .source_text = f[2],
                           .target_text = f[3], .code = f[4] ? f[4] : "010",
                           .country = f[5], .verb = f[6], .place = f[7],
                           .geonameid = n};
        fixture_add_n(w, &e, 1 + (long)(d % 3));
    }
    free(text);

    evc_eventdb *db = NULL;
    if (evc_eventdb_open(DB_URI, &db, NULL) == EVC_OK) {
        evc_report_opts o;
        evc_report_opts_default(&o);
        o.by = by;
        o.top_dyads = top;
        char *buf = NULL;
        size_t len = 0;
        FILE *out = open_memstream(&buf, &len);
        if (out) {
            evc_status s = evc_report_write(db, &o, out, NULL);
            fclose(out);
            if (s == EVC_OK) {
                if (has_ci(buf, len, "<script") || has_ci(buf, len, "<img") ||
                    !valid_utf8((const unsigned char *)buf, len) ||
                    count(buf, "<svg") != count(buf, "</svg>") ||
                    count(buf, "<tr>") != count(buf, "</tr>") ||
                    count(buf, "<title>") != count(buf, "</title>") ||
                    !strstr(buf, "</html>\n"))
                    __builtin_trap();
            } else if (s != EVC_ERR_LIMIT) {
                __builtin_trap(); /* only a too-long span may fail */
            }
            free(buf);
        }
        evc_eventdb_close(db);
    }
    sqlite3_close(w);
    return 0;
}
