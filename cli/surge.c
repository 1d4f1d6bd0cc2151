/* surge.c: `evcode surge`, the periods whose count of events is improbably
 * high against the series' own trailing baseline, per country (and place)
 * and CAMEO root, with the numbers behind each flag. The test is the
 * library's (evc_surge_detect, src/store/surge.c). */
#include "evcode.h"
#include "filter.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *cmd = "surge";

static void surge_usage(FILE *f)
{
    fprintf(f,
            "usage: evcode surge --db FILE.db [--by day|week|month|year]\n"
            "         [--root 18,19,20] [--quad 1,4] [--country PAK[,AFG]]\n"
            "         [--place NAME] [--from YYYY-MM-DD] [--to YYYY-MM-DD]\n"
            "         [--window K] [--alpha A] [--min-count N]\n"
            "         [--format table|csv|json] [--all]\n"
            "  Flags periods whose count is improbably high against the\n"
            "  previous K periods of the same series (country and root, and\n"
            "  place and root where events have places): negative-binomial\n"
            "  tail p <= A / (periods tested), so A is the chance that a\n"
            "  series without a surge gets any flag. Defaults: --by week,\n"
            "  --window 8, --alpha 0.05, --min-count 3. --all prints every\n"
            "  tested period, flagged or not.\n");
}

typedef enum { OUT_TABLE, OUT_CSV, OUT_JSON } out_format;

/* CSV field: quoted when it holds a comma, quote or line break */
static void csv_field(FILE *o, const char *s)
{
    if (!s)
        return;
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, o);
        return;
    }
    fputc('"', o);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', o);
        fputc(*s, o);
    }
    fputc('"', o);
}

/* table cells: the store's strings, with control characters shown as '?' */
static void table_field(FILE *o, const char *s, int width)
{
    char buf[64];
    size_t k = 0;
    for (; s && *s && k + 1 < sizeof buf; s++)
        buf[k++] = (unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s;
    buf[k] = '\0';
    fprintf(o, "%-*s ", width, k ? buf : "-");
}

typedef struct surge_run {
    out_format fmt;
    int all;
    evc_surge_params params;
    FILE *out;
    json_t *flags; /* JSON: the rows */
    size_t series, tested, flagged;
} surge_run;

static void print_row(surge_run *r, const evc_series_set *set,
                      const evc_series *s, size_t t, const evc_surge_point *p,
                      const evc_surge_summary *sum)
{
    char label[32], start[11];
    evc_period_label(set->by, set->start[t], label, sizeof label);
    evc_day_format(set->start[t], start);
    const evc_cameo_info *ci = NULL;
    char rc[8];
    snprintf(rc, sizeof rc, "%02d", s->root);
    ci = evc_cameo_lookup(rc);
    if (r->fmt == OUT_JSON) {
        json_t *o = json_object();
        json_object_set_new(o, "country",
                            s->country ? json_string(s->country) : json_null());
        json_object_set_new(o, "place",
                            s->place ? json_string(s->place) : json_null());
        if (s->place)
            json_object_set_new(o, "geonameid", json_integer(s->geonameid));
        json_object_set_new(o, "root", json_integer(s->root));
        json_object_set_new(o, "root_name",
                            ci ? json_string(ci->name) : json_null());
        json_object_set_new(o, "period", json_string(label));
        json_object_set_new(o, "start", json_string(start));
        json_object_set_new(o, "count", json_integer(p->count));
        json_object_set_new(o, "flagged", json_boolean(p->flagged));
        json_object_set_new(o, "baseline_periods", json_integer(p->baseline_n));
        json_object_set_new(o, "mean", json_real(p->mean));
        json_object_set_new(o, "variance", json_real(p->variance));
        json_object_set_new(o, "dispersion", json_real(p->dispersion));
        json_object_set_new(o, "p", json_real(p->p));
        json_object_set_new(o, "threshold", json_real(sum->threshold));
        json_object_set_new(o, "critical", json_integer(p->critical));
        json_array_append_new(r->flags, o);
        return;
    }
    if (r->fmt == OUT_CSV) {
        csv_field(r->out, s->country);
        fputc(',', r->out);
        csv_field(r->out, s->place);
        fprintf(r->out, ",%d,%s,%s,%ld,%d,%d,%.4f,%.4f,%.4f,%.3e,%.3e,%ld\n",
                s->root, label, start, p->count, p->flagged, p->baseline_n,
                p->mean, p->variance, p->dispersion, p->p, sum->threshold,
                p->critical);
        return;
    }
    table_field(r->out, s->country, 7);
    table_field(r->out, s->place, 12);
    fprintf(r->out, "%-4s %-10s %-10s %7ld %-4s %8.2f %9.2f %6.2f %9.2e %9.2e %8ld\n",
            rc, label, start, p->count, p->flagged ? "yes" : "no", p->mean,
            p->variance, p->dispersion, p->p, sum->threshold, p->critical);
}

/* Tests every series of set and prints its flags (or, with --all, every
 * tested period). 0 or 2. */
static int run_set(surge_run *r, const evc_series_set *set)
{
    evc_surge_point *pt = malloc((set->nperiods ? set->nperiods : 1) * sizeof *pt);
    if (!pt)
        return cli_fail(cmd, "out of memory");
    for (size_t i = 0; i < set->nseries; i++) {
        const evc_series *s = &set->series[i];
        evc_surge_summary sum;
        evc_error e;
        if (evc_surge_detect(s->count, set->nperiods, &r->params, pt, &sum,
                             &e) != EVC_OK) {
            free(pt);
            return cli_fail_err(cmd, &e);
        }
        r->series++;
        r->tested += sum.tested;
        r->flagged += sum.flagged;
        for (size_t t = 0; t < set->nperiods; t++)
            if (pt[t].flagged || (r->all && pt[t].tested))
                print_row(r, set, s, t, &pt[t], &sum);
    }
    free(pt);
    return 0;
}

int cmd_surge(int argc, char **argv);
int cmd_surge(int argc, char **argv)
{
    cli_query q;
    cli_query_init(&q);
    surge_run r;
    memset(&r, 0, sizeof r);
    r.fmt = OUT_TABLE;
    r.out = stdout;
    evc_error e;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int took = cli_query_option(cmd, &q, argc, argv, &i);
        if (took == 2)
            return 2;
        if (took)
            continue;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            surge_usage(stdout);
            return 0;
        } else if (!strcmp(a, "--all")) {
            r.all = 1;
        } else if (!strcmp(a, "--format")) {
            const char *v = cli_value(cmd, argc, argv, &i);
            if (!v)
                return 2;
            if (!strcmp(v, "table"))
                r.fmt = OUT_TABLE;
            else if (!strcmp(v, "csv"))
                r.fmt = OUT_CSV;
            else if (!strcmp(v, "json"))
                r.fmt = OUT_JSON;
            else
                return cli_fail(cmd, "--format: unknown format '%.40s' "
                                     "(table, csv or json)", v);
        } else {
            return cli_fail(cmd, "unknown option '%s' (see evcode surge "
                                 "--help)", a);
        }
    }
    if (cli_filter_finish(cmd, &q.filter))
        return 2;
    evc_period by = q.by >= 0 ? (evc_period)q.by : EVC_PERIOD_WEEK;
    r.params = q.surge;
    const cli_filter *cf = &q.filter;
    const char *db_path = q.db;
    evc_eventdb *db = NULL;
    if (cli_open_db(cmd, db_path, &db))
        return 2;

    /* read both sets before printing anything: an error leaves no output */
    evc_series_set *sets[2] = {NULL, NULL};
    evc_series_key keys[2] = {EVC_SERIES_COUNTRY_ROOT, EVC_SERIES_PLACE_ROOT};
    int rc = 0;
    for (int k = 0; k < 2 && !rc; k++)
        if (evc_eventdb_series(db, &cf->f, by, keys[k], &sets[k], &e) != EVC_OK)
            rc = cli_fail_err(cmd, &e);
    evc_eventdb_close(db);
    if (rc) {
        evc_series_set_free(sets[0]);
        evc_series_set_free(sets[1]);
        return rc;
    }

    if (r.fmt == OUT_JSON)
        r.flags = json_array();
    else if (r.fmt == OUT_CSV)
        fputs("country,place,root,period,start,count,flagged,baseline_periods,"
              "mean,variance,dispersion,p,threshold,critical\n",
              r.out);
    else
        fprintf(r.out, "%-7s %-12s %-4s %-10s %-10s %7s %-4s %8s %9s %6s %9s %9s %8s\n",
                "country", "place", "root", "period", "start", "count", "flag",
                "mean", "variance", "disp", "p", "threshold", "critical");
    for (int k = 0; k < 2 && !rc; k++)
        rc = run_set(&r, sets[k]);
    if (!rc && r.fmt == OUT_JSON) {
        json_t *o = json_object();
        json_object_set_new(o, "by", json_string(evc_period_name(by)));
        json_object_set_new(o, "window", json_integer(r.params.window));
        json_object_set_new(o, "alpha", json_real(r.params.alpha));
        json_object_set_new(o, "min_count", json_integer(r.params.min_count));
        json_object_set_new(o, "series", json_integer((json_int_t)r.series));
        json_object_set_new(o, "tested", json_integer((json_int_t)r.tested));
        json_object_set_new(o, "flagged", json_integer((json_int_t)r.flagged));
        json_object_set(o, r.all ? "periods" : "flags", r.flags);
        json_dumpf(o, r.out, JSON_INDENT(1) | JSON_REAL_PRECISION(6));
        fputc('\n', r.out);
        json_decref(o);
    } else if (!rc && r.fmt == OUT_TABLE) {
        fprintf(r.out,
                "# %zu series (%s), %zu periods tested, %zu flagged; alpha "
                "%g per series, window %d %ss, min count %ld\n",
                r.series, evc_period_name(by), r.tested, r.flagged,
                r.params.alpha, r.params.window, evc_period_name(by),
                r.params.min_count);
    }
    json_decref(r.flags);
    evc_series_set_free(sets[0]);
    evc_series_set_free(sets[1]);
    if (!rc && fflush(r.out) != 0)
        rc = cli_fail(cmd, "cannot write the output");
    return rc;
}
