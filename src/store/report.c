/* report.c: evc_report_write, one self-contained HTML5 page about the events
 * of a store: totals, events over time by quad class and by CAMEO root, the
 * top dyads, and the surges (src/store/surge.c) marked on their series.
 * Inline CSS and SVG (chart.c) only; a Content-Security-Policy forbids any
 * fetch or script, and every string from the store is HTML-escaped. */
#include "chart.h"
#include "evcode.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void evc_report_opts_default(evc_report_opts *o)
{
    if (!o)
        return;
    memset(o, 0, sizeof *o);
    o->by = -1;
    o->top_dyads = 15;
    o->top_roots = 8;
    o->surge_charts = 6;
    evc_surge_params_default(&o->surge);
}

static const char *const palette[] = {"#4e79a7", "#f28e2b", "#e15759",
                                      "#76b7b2", "#59a14f", "#edc948",
                                      "#b07aa1", "#ff9da7", "#9c755f",
                                      "#bab0ac"};
static const char *const quad_color[5] = {"", "#9bd08f", "#2e8b57", "#f4a259",
                                          "#c0392b"};
static const char *const quad_name[5] = {"", "Verbal cooperation",
                                         "Material cooperation",
                                         "Verbal conflict",
                                         "Material conflict"};
#define GAP_COLOR "#ececec"

static const char style[] =
    "<style>\n"
    ":root{--ink:#1f2430;--muted:#5f6675;--line:#d9dce3;--bg:#f6f7f9}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 "
    "system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,"
    "sans-serif}\n"
    "main{max-width:960px;margin:0 auto;padding:28px 20px 48px}\n"
    "header h1{margin:0 0 4px;font-size:26px;letter-spacing:-.01em}\n"
    ".sub{margin:0;color:var(--muted)}\n"
    "section{background:#fff;border:1px solid var(--line);border-radius:10px;"
    "padding:18px 20px;margin:20px 0}\n"
    "h2{font-size:18px;margin:0 0 4px}\n"
    ".note{color:var(--muted);margin:0 0 12px;font-size:13.5px}\n"
    "table{border-collapse:collapse;width:100%;font-size:13.5px}\n"
    "th,td{text-align:left;padding:5px 8px;border-bottom:1px solid "
    "var(--line);vertical-align:top}\n"
    "th{color:var(--muted);font-weight:600}\n"
    "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;"
    "white-space:nowrap}\n"
    ".grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,"
    "1fr));gap:18px}\n"
    "figure{margin:0}\n"
    ".chart{width:100%;height:auto;display:block;font-size:11px}\n"
    ".chart .plot{fill:#fff}\n"
    ".chart .gap{fill:" GAP_COLOR "}\n"
    ".chart .axis line{stroke:#e3e5ea}\n"
    ".chart .axis .base,.chart .base{stroke:#8a909c}\n"
    ".chart .axis text{fill:var(--muted)}\n"
    ".chart .axis.y text{text-anchor:end}\n"
    ".chart .axis.x text{text-anchor:middle}\n"
    ".chart .axis-title{fill:var(--muted);text-anchor:middle;font-size:12px}\n"
    ".chart path.line{fill:none;stroke-width:2;stroke-linejoin:round}\n"
    ".chart path.area{stroke:#fff;stroke-width:.5;opacity:.92}\n"
    ".chart path.threshold{stroke-width:1.5;stroke-dasharray:5 4}\n"
    ".chart .surge,.chart .key-surge{fill:none;stroke:#d62728;"
    "stroke-width:2.2}\n"
    ".chart .legend text{fill:var(--ink)}\n"
    ".chart .bar-label{text-anchor:end;fill:var(--ink);font-size:12px}\n"
    ".chart .bar-value{fill:var(--muted);font-size:12px}\n"
    "figcaption{color:var(--muted);font-size:13px;margin-top:6px}\n"
    ".surge-fig h3{font-size:14px;margin:0 0 2px}\n"
    "q{font-style:italic}\n"
    "code{font-size:12.5px}\n"
    "footer{color:var(--muted);font-size:12.5px;margin-top:24px}\n"
    "</style>\n";

/* "01 Make public statement" */
static void root_label(int root, char *buf, size_t n)
{
    char code[8];
    snprintf(code, sizeof code, "%02d", root);
    const evc_cameo_info *ci = evc_cameo_lookup(code);
    const char *name = ci ? ci->name : "(not in CAMEO)";
    size_t k = (size_t)snprintf(buf, n, "%s ", code);
    for (size_t i = 0; name[i] && k + 1 < n; i++, k++)
        buf[k] = i == 0 ? name[i]
                        : (char)(name[i] >= 'A' && name[i] <= 'Z'
                                     ? name[i] - 'A' + 'a'
                                     : name[i]);
    if (k < n)
        buf[k] = '\0';
}

static const char *period_word(evc_period by)
{
    return evc_period_name(by);
}

static void day_text(FILE *o, int32_t day)
{
    char d[11];
    evc_day_format(day, d);
    fputs(d, o);
}

/* ------------------------------------------------------------ surges */

typedef struct flag {
    size_t series, period;
    evc_surge_point pt;
    double threshold;
} flag;

typedef struct surge_result {
    flag *flags;
    size_t nflags;
    size_t tested_series, tested_periods;
    double *best_p; /* per series: smallest p among its flags, 2 if none */
    const evc_surge_params *params;
} surge_result;

static int cmp_flag_p(const void *a, const void *b)
{
    const flag *x = a, *y = b;
    if (x->pt.p != y->pt.p)
        return x->pt.p < y->pt.p ? -1 : 1;
    if (x->series != y->series)
        return x->series < y->series ? -1 : 1;
    return x->period < y->period ? -1 : x->period > y->period;
}

static evc_status run_surges(const evc_series_set *cr,
                             const evc_surge_params *params,
                             surge_result *r, evc_error *err)
{
    memset(r, 0, sizeof *r);
    r->params = params;
    size_t np = cr->nperiods ? cr->nperiods : 1;
    evc_surge_point *pt = malloc(np * sizeof *pt);
    r->best_p = malloc((cr->nseries ? cr->nseries : 1) * sizeof *r->best_p);
    size_t cap = 0;
    if (!pt || !r->best_p)
        goto oom;
    for (size_t i = 0; i < cr->nseries; i++) {
        evc_surge_summary sum;
        evc_status s = evc_surge_detect(cr->series[i].count, cr->nperiods,
                                        params, pt, &sum, err);
        if (s != EVC_OK) {
            free(pt);
            return s;
        }
        r->best_p[i] = 2.0;
        r->tested_series += sum.tested > 0;
        r->tested_periods += sum.tested;
        for (size_t t = 0; t < cr->nperiods; t++) {
            if (!pt[t].flagged)
                continue;
            if (r->nflags == cap) {
                size_t nc = cap ? cap * 2 : 32;
                flag *nf = realloc(r->flags, nc * sizeof *nf);
                if (!nf)
                    goto oom;
                r->flags = nf;
                cap = nc;
            }
            flag *f = &r->flags[r->nflags++];
            f->series = i;
            f->period = t;
            f->pt = pt[t];
            f->threshold = sum.threshold;
            if (pt[t].p < r->best_p[i])
                r->best_p[i] = pt[t].p;
        }
    }
    free(pt);
    if (r->nflags > 1)
        qsort(r->flags, r->nflags, sizeof *r->flags, cmp_flag_p);
    return EVC_OK;
oom:
    free(pt);
    return evc_error_set(err, EVC_ERR_NOMEM, NULL, 0, 0, "out of memory");
}

static void surge_result_free(surge_result *r)
{
    free(r->flags);
    free(r->best_p);
}

/* ------------------------------------------------------------ sections */

static void frame_for(chart_frame *f, const evc_series_set *set,
                      const char *kind, const char *title, const char *ylabel,
                      const char *xlabel)
{
    memset(f, 0, sizeof *f);
    f->kind = kind;
    f->title = title;
    f->ylabel = ylabel;
    f->xlabel = xlabel;
    f->width = 880;
    f->height = 320;
    f->left = 62;
    f->right = 190;
    f->top = 14;
    f->bottom = 52;
    f->by = set->by;
    f->nperiods = set->nperiods;
    f->start = set->start;
    f->coverage = set->coverage;
}

static int has_gap(const evc_series_set *set)
{
    for (size_t i = 0; i < set->nperiods; i++)
        if (set->coverage[i] == 0)
            return 1;
    return 0;
}

/* The legend (with the gap swatch when the set has gaps; labels and
 * colors have room for it) and the end of the chart. */
static void legend_and_close(FILE *o, const chart_frame *f,
                             const evc_series_set *set, const char **labels,
                             const char **colors, size_t n)
{
    if (has_gap(set)) {
        labels[n] = "no events stored";
        colors[n++] = GAP_COLOR;
    }
    chart_legend(o, f, labels, colors, n);
    chart_close(o);
}

static double value_at(const evc_series *s, size_t i)
{
    return s->count[i] < 0 ? 0.0 : (double)s->count[i];
}

static void x_title(char *buf, size_t n, evc_period by)
{
    snprintf(buf, n, "%s%s", period_word(by),
             by == EVC_PERIOD_WEEK ? " (ISO, by its Monday)" : "");
}

/* Stacked areas, one band per quad class with events. */
static evc_status section_quads(FILE *o, const evc_series_set *q)
{
    fputs("<section id=\"quads\">\n<h2>Events over time by quad class</h2>\n",
          o);
    fprintf(o, "<p class=\"note\">Events per %s, stacked: cooperation below, "
               "conflict on top. Grey bands: no event stored at all in those "
               "%ss (a gap in the sources, not a zero).</p>\n",
            period_word(q->by), period_word(q->by));
    if (!q->nperiods) {
        fputs("<p>No events.</p>\n</section>\n", o);
        return EVC_OK;
    }
    /* a store may hold quad values outside 1..4: one band each */
    double *lo = calloc(q->nperiods, sizeof *lo);
    double *hi = calloc(q->nperiods, sizeof *hi);
    const char **labels = malloc((q->nseries + 1) * sizeof *labels);
    const char **colors = malloc((q->nseries + 1) * sizeof *colors);
    if (!lo || !hi || !labels || !colors) {
        free(lo);
        free(hi);
        free(labels);
        free(colors);
        return EVC_ERR_NOMEM;
    }
    double max = 0;
    for (size_t i = 0; i < q->nperiods; i++) {
        double t = 0;
        for (size_t j = 0; j < q->nseries; j++)
            t += value_at(&q->series[j], i);
        if (t > max)
            max = t;
    }
    char xt[64], yt[64], extra[64];
    x_title(xt, sizeof xt, q->by);
    snprintf(yt, sizeof yt, "events per %s", period_word(q->by));
    chart_frame f;
    frame_for(&f, q, "quad", "Events over time by quad class", yt, xt);
    snprintf(extra, sizeof extra, "data-series=\"%zu\"", q->nseries);
    chart_open(o, &f, max, extra);
    size_t nl = 0;
    for (size_t j = 0; j < q->nseries; j++) {
        int qc = q->series[j].quad;
        for (size_t i = 0; i < q->nperiods; i++) {
            lo[i] = hi[i];
            hi[i] += value_at(&q->series[j], i);
        }
        const char *color = qc >= 1 && qc <= 4 ? quad_color[qc] : "#888";
        const char *name = qc >= 1 && qc <= 4 ? quad_name[qc] : "Unknown class";
        chart_band(o, &f, lo, hi, color, name);
        labels[nl] = name;
        colors[nl++] = color;
    }
    legend_and_close(o, &f, q, labels, colors, nl);
    free(lo);
    free(hi);
    free(labels);
    free(colors);
    fputs("</section>\n", o);
    return EVC_OK;
}

static int cmp_total_desc(const void *a, const void *b)
{
    const evc_series *x = *(const evc_series *const *)a;
    const evc_series *y = *(const evc_series *const *)b;
    if (x->total != y->total)
        return x->total > y->total ? -1 : 1;
    return x->root - y->root;
}

/* One line per frequent root, the rest summed. */
static evc_status section_roots(FILE *o, const evc_series_set *r,
                                size_t top)
{
    fputs("<section id=\"roots\">\n<h2>Events over time by CAMEO root</h2>\n",
          o);
    fprintf(o, "<p class=\"note\">Events per %s for the %zu most frequent "
               "root codes%s.</p>\n",
            period_word(r->by), top,
            r->nseries > top ? "; the others are summed" : "");
    if (!r->nperiods) {
        fputs("<p>No events.</p>\n</section>\n", o);
        return EVC_OK;
    }
    const evc_series **order = malloc((r->nseries + 1) * sizeof *order);
    double *v = malloc(r->nperiods * sizeof *v);
    double *other = calloc(r->nperiods, sizeof *other);
    char(*names)[64] = malloc((top + 1) * sizeof *names);
    const char **labels = malloc((top + 2) * sizeof *labels);
    const char **colors = malloc((top + 2) * sizeof *colors);
    evc_status st = EVC_OK;
    if (!order || !v || !other || !names || !labels || !colors) {
        st = EVC_ERR_NOMEM;
        goto done;
    }
    for (size_t j = 0; j < r->nseries; j++)
        order[j] = &r->series[j];
    qsort(order, r->nseries, sizeof *order, cmp_total_desc);
    size_t nline = r->nseries < top ? r->nseries : top;
    int any_other = r->nseries > top;
    double max = 0;
    for (size_t j = 0; j < r->nseries; j++)
        for (size_t i = 0; i < r->nperiods; i++) {
            double x = value_at(order[j], i);
            if (j >= top)
                other[i] += x;
            else if (x > max)
                max = x;
        }
    for (size_t i = 0; any_other && i < r->nperiods; i++)
        if (other[i] > max)
            max = other[i];
    char xt[64], yt[64], extra[64];
    x_title(xt, sizeof xt, r->by);
    snprintf(yt, sizeof yt, "events per %s", period_word(r->by));
    chart_frame f;
    frame_for(&f, r, "root", "Events over time by CAMEO root", yt, xt);
    snprintf(extra, sizeof extra, "data-series=\"%zu\"",
             nline + (size_t)any_other);
    chart_open(o, &f, max, extra);
    size_t nl = 0;
    for (size_t j = 0; j < nline; j++) {
        for (size_t i = 0; i < r->nperiods; i++)
            v[i] = order[j]->count[i] < 0 ? -1.0 : (double)order[j]->count[i];
        root_label(order[j]->root, names[j], sizeof names[j]);
        chart_line(o, &f, v, palette[j % 10], names[j], 0);
        labels[nl] = names[j];
        colors[nl++] = palette[j % 10];
    }
    if (any_other) {
        for (size_t i = 0; i < r->nperiods; i++)
            v[i] = r->coverage[i] == 0 ? -1.0 : other[i];
        chart_line(o, &f, v, "#7f7f7f", "other roots", 0);
        labels[nl] = "other roots";
        colors[nl++] = "#7f7f7f";
    }
    legend_and_close(o, &f, r, labels, colors, nl);
    fputs("</section>\n", o);
done:
    free(order);
    free(v);
    free(other);
    free(names);
    free(labels);
    free(colors);
    return st;
}

static void example_text(FILE *o, const evc_dyad *d)
{
    if (!d->source_text && !d->verb && !d->target_text)
        return;
    fputs("<q>", o);
    html_text(o, d->source_text ? d->source_text : "?");
    fputs("</q> ", o);
    html_text(o, d->verb ? d->verb : "?");
    fputs(" <q>", o);
    html_text(o, d->target_text ? d->target_text : "?");
    fputs("</q> (", o);
    html_text(o, d->code);
    if (d->date) {
        fputs(", ", o);
        html_text(o, d->date);
    }
    fputs(")", o);
}

static evc_status section_dyads(FILE *o, const evc_dyad_list *l,
                                long ndyads)
{
    fputs("<section id=\"dyads\">\n<h2>Top dyads</h2>\n", o);
    fprintf(o, "<p class=\"note\">The %zu most frequent source &#8594; target "
               "actor pairs of %ld.</p>\n", l->n, ndyads);
    if (!l->n) {
        fputs("<p>No events with both a source and a target.</p>\n"
              "</section>\n", o);
        return EVC_OK;
    }
    const char **labels = malloc(l->n * sizeof *labels);
    char **buf = calloc(l->n, sizeof *buf);
    long *val = malloc(l->n * sizeof *val);
    evc_status st = EVC_OK;
    if (!labels || !buf || !val) {
        st = EVC_ERR_NOMEM;
        goto done;
    }
    for (size_t i = 0; i < l->n; i++) {
        size_t n = strlen(l->dyad[i].source) + strlen(l->dyad[i].target) + 8;
        if (!(buf[i] = malloc(n))) {
            st = EVC_ERR_NOMEM;
            goto done;
        }
        snprintf(buf[i], n, "%s \xE2\x86\x92 %s", l->dyad[i].source,
                 l->dyad[i].target);
        labels[i] = buf[i];
        val[i] = l->dyad[i].count;
    }
    chart_bars(o, "dyads", "Top dyads", "events", labels, val, l->n,
               palette[0]);
    fputs("<table>\n<tr><th>source</th><th>target</th><th class=\"n\">events"
          "</th><th>latest example</th></tr>\n", o);
    for (size_t i = 0; i < l->n; i++) {
        const evc_dyad *d = &l->dyad[i];
        fputs("<tr><td><code>", o);
        html_text(o, d->source);
        fputs("</code></td><td><code>", o);
        html_text(o, d->target);
        fputs("</code></td><td class=\"n\">", o);
        html_count(o, d->count);
        fputs("</td><td>", o);
        example_text(o, d);
        fputs("</td></tr>\n", o);
    }
    fputs("</table>\n</section>\n", o);
done:
    if (buf)
        for (size_t i = 0; i < l->n; i++)
            free(buf[i]);
    free(buf);
    free(labels);
    free(val);
    return st;
}

static void series_name(const evc_series *s, char *buf, size_t n)
{
    char rl[64];
    root_label(s->root, rl, sizeof rl);
    snprintf(buf, n, "%s%s%s \xC2\xB7 %s", s->country ? s->country : "?",
             s->place ? " \xC2\xB7 " : "", s->place ? s->place : "", rl);
}

static int cmp_best(const void *a, const void *b, const double *best)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    if (best[x] != best[y])
        return best[x] < best[y] ? -1 : 1;
    return x < y ? -1 : x > y;
}
static const double *sort_best; /* qsort has no context argument in C11 */
static int cmp_best_q(const void *a, const void *b)
{
    return cmp_best(a, b, sort_best);
}

/* The series with the strongest surges, one small chart each: counts, the
 * count that would have been flagged (dashed), flagged periods circled. */
static evc_status surge_charts(FILE *o, const evc_series_set *cr,
                               const surge_result *r, size_t max)
{
    size_t n = 0;
    size_t *idx = malloc((cr->nseries ? cr->nseries : 1) * sizeof *idx);
    double *v = malloc((cr->nperiods ? cr->nperiods : 1) * sizeof *v);
    double *crit = malloc((cr->nperiods ? cr->nperiods : 1) * sizeof *crit);
    evc_surge_point *pt = malloc((cr->nperiods ? cr->nperiods : 1) * sizeof *pt);
    evc_status st = EVC_OK;
    if (!idx || !v || !crit || !pt) {
        st = EVC_ERR_NOMEM;
        goto done;
    }
    for (size_t i = 0; i < cr->nseries; i++)
        if (r->best_p[i] <= 1.0)
            idx[n++] = i;
    sort_best = r->best_p;
    qsort(idx, n, sizeof *idx, cmp_best_q);
    if (n > max)
        n = max;
    for (size_t k = 0; k < n; k++) {
        const evc_series *s = &cr->series[idx[k]];
        evc_surge_summary sum;
        /* the same test again, for this series' numbers per period */
        if (evc_surge_detect(s->count, cr->nperiods, r->params, pt, &sum,
                             NULL) != EVC_OK)
            continue;
        double max_v = 0;
        size_t marks = 0;
        for (size_t i = 0; i < cr->nperiods; i++) {
            v[i] = s->count[i] < 0 ? -1.0 : (double)s->count[i];
            crit[i] = pt[i].tested ? (double)pt[i].critical : -1.0;
            if (v[i] > max_v)
                max_v = v[i];
            if (crit[i] > max_v)
                max_v = crit[i];
            marks += pt[i].flagged;
        }
        char name[200], xt[64], yt[64], extra[64];
        series_name(s, name, sizeof name);
        x_title(xt, sizeof xt, cr->by);
        snprintf(yt, sizeof yt, "events per %s", period_word(cr->by));
        snprintf(extra, sizeof extra, "data-series=\"2\" data-marks=\"%zu\"",
                 marks);
        chart_frame f;
        char kind[32];
        snprintf(kind, sizeof kind, "surge-%zu", k + 1);
        frame_for(&f, cr, kind, name, yt, xt);
        f.height = 260;
        fputs("<figure class=\"surge-fig\">\n<h3>", o);
        html_text(o, name);
        fputs("</h3>\n", o);
        chart_open(o, &f, max_v, extra);
        chart_line(o, &f, v, palette[0], "events", 0);
        chart_line(o, &f, crit, "#d62728", "smallest count that is a surge",
                   1);
        for (size_t i = 0; i < cr->nperiods; i++) {
            if (!pt[i].flagged)
                continue;
            char tip[300], label[32];
            evc_period_label(cr->by, cr->start[i], label, sizeof label);
            snprintf(tip, sizeof tip,
                     "%s: %ld events; baseline mean %.1f over %d %ss, "
                     "dispersion %.2f, p = %.2g",
                     label, pt[i].count, pt[i].mean, pt[i].baseline_n,
                     period_word(cr->by), pt[i].dispersion, pt[i].p);
            chart_mark(o, &f, i, v[i], tip);
        }
        const char *labels[4] = {"events", "surge threshold", "surge"};
        const char *colors[4] = {palette[0], "#d62728", NULL};
        legend_and_close(o, &f, cr, labels, colors, 3);
        fputs("</figure>\n", o);
    }
done:
    free(idx);
    free(v);
    free(crit);
    free(pt);
    return st;
}

static evc_status section_surges(FILE *o, const evc_series_set *cr,
                                 const surge_result *r,
                                 const evc_report_opts *opts)
{
    const evc_surge_params *p = &opts->surge;
    fputs("<section id=\"surges\">\n<h2>Surges</h2>\n", o);
    fprintf(o,
            "<p class=\"note\">A %s is a surge when its count of events in a "
            "country and root is improbably high against that series' "
            "previous %d %ss: negative-binomial tail probability with the "
            "baseline's mean and dispersion, at most %g divided by the "
            "number of %ss tested in the series (so %g is the chance that a "
            "series without any surge shows one), and at least %ld events. "
            "%zu series with a baseline, %zu %ss tested, %zu flagged.</p>\n",
            period_word(cr->by), p->window, period_word(cr->by), p->alpha,
            period_word(cr->by), p->alpha, p->min_count, r->tested_series,
            r->tested_periods, period_word(cr->by), r->nflags);
    if (!r->nflags) {
        fputs("<p>No surges.</p>\n</section>\n", o);
        return EVC_OK;
    }
    evc_status st = surge_charts(o, cr, r, opts->surge_charts);
    if (st != EVC_OK)
        return st;
    fputs("<table>\n<tr><th>country</th><th>root</th><th>period</th>"
          "<th class=\"n\">events</th><th class=\"n\">baseline mean</th>"
          "<th class=\"n\">dispersion</th><th class=\"n\">p</th>"
          "<th class=\"n\">threshold</th></tr>\n", o);
    size_t shown = r->nflags < 50 ? r->nflags : 50;
    for (size_t k = 0; k < shown; k++) {
        const flag *f = &r->flags[k];
        const evc_series *s = &cr->series[f->series];
        char rl[64], label[32];
        root_label(s->root, rl, sizeof rl);
        evc_period_label(cr->by, cr->start[f->period], label, sizeof label);
        fputs("<tr><td><code>", o);
        html_text(o, s->country);
        if (s->place) {
            fputs("</code> ", o);
            html_text(o, s->place);
            fputs("<code>", o);
        }
        fputs("</code></td><td>", o);
        html_text(o, rl);
        fprintf(o, "</td><td>%s</td><td class=\"n\">", label);
        html_count(o, f->pt.count);
        fprintf(o, "</td><td class=\"n\">%.1f</td><td class=\"n\">%.2f</td>"
                   "<td class=\"n\">%.2g</td><td class=\"n\">%.2g</td></tr>\n",
                f->pt.mean, f->pt.dispersion, f->pt.p, f->threshold);
    }
    fputs("</table>\n", o);
    if (shown < r->nflags)
        fprintf(o, "<p class=\"note\">and %zu more (evcode surge lists "
                   "them all).</p>\n", r->nflags - shown);
    fputs("</section>\n", o);
    return EVC_OK;
}

static void section_totals(FILE *o, const evc_event_totals *t, long ndyads,
                           const evc_series_set *q, const evc_series_set *r)
{
    fputs("<section id=\"totals\">\n<h2>Totals</h2>\n<div class=\"grid\">\n"
          "<table>\n", o);
    fputs("<tr><th>events</th><td class=\"n\">", o);
    html_count(o, t->events);
    fputs("</td></tr>\n<tr><th>articles with events</th><td class=\"n\">", o);
    html_count(o, t->articles);
    fputs("</td></tr>\n<tr><th>countries</th><td class=\"n\">", o);
    html_count(o, t->countries);
    fputs("</td></tr>\n<tr><th>dyads (source, target)</th><td class=\"n\">", o);
    html_count(o, ndyads);
    fputs("</td></tr>\n", o);
    if (t->events) {
        fputs("<tr><th>first event</th><td class=\"n\">", o);
        day_text(o, t->first_day);
        fputs("</td></tr>\n<tr><th>last event</th><td class=\"n\">", o);
        day_text(o, t->last_day);
        fputs("</td></tr>\n", o);
        size_t gaps = 0;
        for (size_t i = 0; i < q->nperiods; i++)
            gaps += q->coverage[i] == 0;
        fprintf(o, "<tr><th>%ss</th><td class=\"n\">%zu (%zu without any "
                   "stored event)</td></tr>\n",
                period_word(q->by), q->nperiods, gaps);
    }
    fputs("</table>\n<table>\n<tr><th>quad class</th><th class=\"n\">events"
          "</th><th class=\"n\">share</th></tr>\n", o);
    for (size_t j = 0; j < q->nseries; j++) {
        int qc = q->series[j].quad;
        fputs("<tr><td>", o);
        fputs(qc >= 1 && qc <= 4 ? quad_name[qc] : "unknown", o);
        fputs("</td><td class=\"n\">", o);
        html_count(o, q->series[j].total);
        fprintf(o, "</td><td class=\"n\">%.1f%%</td></tr>\n",
                t->events ? 100.0 * q->series[j].total / t->events : 0.0);
    }
    fputs("</table>\n</div>\n<table>\n<tr><th>CAMEO root</th><th class=\"n\">"
          "events</th><th class=\"n\">share</th></tr>\n", o);
    for (size_t j = 0; j < r->nseries; j++) {
        char rl[64];
        root_label(r->series[j].root, rl, sizeof rl);
        fputs("<tr><td>", o);
        html_text(o, rl);
        fputs("</td><td class=\"n\">", o);
        html_count(o, r->series[j].total);
        fprintf(o, "</td><td class=\"n\">%.1f%%</td></tr>\n",
                t->events ? 100.0 * r->series[j].total / t->events : 0.0);
    }
    fputs("</table>\n</section>\n", o);
}

/* day up to 90 days, week up to three years, month beyond */
static evc_period auto_period(const evc_event_totals *t,
                              const evc_event_filter *f)
{
    int32_t a = f->has_from ? f->from : t->first_day;
    int32_t b = f->has_to ? f->to : t->last_day;
    long span = (long)b - a;
    return span <= 90 ? EVC_PERIOD_DAY
           : span <= 3 * 366 ? EVC_PERIOD_WEEK
                             : EVC_PERIOD_MONTH;
}

evc_status evc_report_write(evc_eventdb *db, const evc_report_opts *opts,
                            FILE *o, evc_error *err)
{
    evc_report_opts def;
    if (!opts) {
        evc_report_opts_default(&def);
        opts = &def;
    }
    if (!db || !o)
        return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0,
                             "report: no store or no output");
    evc_report_opts op = *opts;
    if (!op.top_dyads)
        op.top_dyads = 15;
    if (!op.top_roots)
        op.top_roots = 8;
    if (!op.surge_charts)
        op.surge_charts = 6;
    const evc_event_filter *flt = &op.filter;
    evc_event_totals tot;
    evc_series_set *q = NULL, *r = NULL, *cr = NULL;
    evc_dyad_list *dy = NULL;
    surge_result sr;
    memset(&sr, 0, sizeof sr);
    evc_status s = evc_eventdb_totals(db, flt, &tot, err);
    evc_period by = op.by >= 0 && op.by <= EVC_PERIOD_YEAR
                        ? (evc_period)op.by
                        : auto_period(&tot, flt);
    if (s == EVC_OK)
        s = evc_eventdb_series(db, flt, by, EVC_SERIES_QUAD, &q, err);
    if (s == EVC_OK)
        s = evc_eventdb_series(db, flt, by, EVC_SERIES_ROOT, &r, err);
    if (s == EVC_OK)
        s = evc_eventdb_series(db, flt, by, EVC_SERIES_COUNTRY_ROOT, &cr, err);
    if (s == EVC_OK)
        s = evc_eventdb_dyads(db, flt, op.top_dyads, &dy, err);
    if (s == EVC_OK)
        s = run_surges(cr, &op.surge, &sr, err);
    if (s != EVC_OK)
        goto done;

    const char *title = op.title ? op.title : "evcode report";
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8"
          "\">\n<meta http-equiv=\"Content-Security-Policy\" content=\""
          "default-src 'none'; style-src 'unsafe-inline'\">\n<meta name=\""
          "viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<title>", o);
    html_text(o, title);
    fputs("</title>\n", o);
    fputs(style, o);
    fputs("</head>\n<body>\n<main>\n<header>\n<h1>", o);
    html_text(o, title);
    fputs("</h1>\n<p class=\"sub\">", o);
    if (op.db_label) {
        fputs("Store <code>", o);
        html_text(o, op.db_label);
        fputs("</code> \xC2\xB7 ", o);
    }
    html_text(o, op.filter_label ? op.filter_label : "all events");
    if (tot.events) {
        fputs(" \xC2\xB7 ", o);
        day_text(o, tot.first_day);
        fputs(" to ", o);
        day_text(o, tot.last_day);
    }
    fprintf(o, " \xC2\xB7 by %s</p>\n</header>\n", period_word(by));
    section_totals(o, &tot, dy->distinct, q, r);
    if (s == EVC_OK)
        s = section_quads(o, q);
    if (s == EVC_OK)
        s = section_roots(o, r, op.top_roots);
    if (s == EVC_OK)
        s = section_dyads(o, dy, dy->distinct);
    if (s == EVC_OK)
        s = section_surges(o, cr, &sr, &op);
    fprintf(o, "<footer>Made by evcode %s from the events of the store; "
               "counts are of coded events, not of incidents: one incident "
               "reported in many articles is counted in each.</footer>\n"
               "</main>\n</body>\n</html>\n", EVCODE_VERSION);
    if (s != EVC_OK)
        s = evc_error_set(err, s, NULL, 0, 0, "report: out of memory");
    else if (ferror(o))
        s = evc_error_set(err, EVC_ERR_IO, NULL, 0, 0,
                          "report: cannot write the output");
done:
    surge_result_free(&sr);
    evc_series_set_free(q);
    evc_series_set_free(r);
    evc_series_set_free(cr);
    evc_dyad_list_free(dy);
    return s;
}
