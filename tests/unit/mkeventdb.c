/* mkeventdb.c: a test store from events in evcode's JSON Lines (the output
 * of `evcode code`), for the CLI tests of surge and report until `evcode
 * ingest --events` does this. Usage: mkeventdb OUT.db < events.jsonl
 * Beyond evcode's fields an event may carry "country" and "place" (a place
 * name; "geonameid" with it); without "country" it is the target's root,
 * else the source's, when that is three letters A-Z other than IGO, NGO,
 * MNC (the fixture's rule; the store has its own). Events without a date
 * are skipped (and counted on stderr). */
#include "store_fixture.h"

#include <jansson.h>

static const char *str(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static const char *actor(json_t *ev, const char *side, const char *k)
{
    return str(json_object_get(ev, side), k);
}

static int is_country(const char *r)
{
    if (!r || strlen(r) != 3 || !strcmp(r, "IGO") || !strcmp(r, "NGO") ||
        !strcmp(r, "MNC"))
        return 0;
    for (int i = 0; i < 3; i++)
        if (r[i] < 'A' || r[i] > 'Z')
            return 0;
    return 1;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: mkeventdb OUT.db < events.jsonl\n");
        return 2;
    }
    sqlite3 *db = fixture_create(argv[1]);
    char *line = NULL;
    size_t cap = 0;
    long lineno = 0, n = 0, undated = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, stdin)) > 0) {
        lineno++;
        json_error_t je;
        json_t *ev = json_loadb(line, (size_t)len, 0, &je);
        if (!json_is_object(ev) || !str(ev, "code")) {
            fprintf(stderr, "mkeventdb: stdin:%ld: not an event: %s\n", lineno,
                    je.text);
            return 2;
        }
        fixture_event e = {0};
        json_t *id = json_object_get(ev, "article_id");
        char idbuf[64];
        if (json_is_integer(id)) {
            snprintf(idbuf, sizeof idbuf, "%lld",
                     (long long)json_integer_value(id));
            e.article = idbuf;
        } else {
            e.article = json_is_string(id) ? json_string_value(id) : "?";
        }
        e.sentence = (int)json_integer_value(json_object_get(ev, "sentence"));
        e.date = str(ev, "date");
        e.source = actor(ev, "source", "code");
        e.source_root = actor(ev, "source", "root");
        e.source_text = actor(ev, "source", "text");
        e.target = actor(ev, "target", "code");
        e.target_root = actor(ev, "target", "root");
        e.target_text = actor(ev, "target", "text");
        e.code = str(ev, "code");
        e.verb = str(ev, "verb");
        e.country = str(ev, "country");
        if (!e.country)
            e.country = is_country(e.target_root)   ? e.target_root
                        : is_country(e.source_root) ? e.source_root
                                                    : NULL;
        e.place = str(ev, "place");
        e.geonameid = json_integer_value(json_object_get(ev, "geonameid"));
        if (!e.date) {
            undated++;
        } else {
            fixture_add(db, &e);
            n++;
        }
        json_decref(ev);
    }
    free(line);
    fixture_close(db);
    fprintf(stderr, "mkeventdb: %ld events stored, %ld without a date skipped\n",
            n, undated);
    return 0;
}
