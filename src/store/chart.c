/* chart.c: the report's SVG charts, drawn as text (see chart.h): time
 * frames with "nice" 1-2-5 axis ticks, lines, stacked bands, surge markers,
 * legends and bar charts. SVG 1.1 elements only, inline in HTML5, so the
 * file needs nothing from outside. */
#include "chart.h"

#include <math.h>
#include <string.h>

/* ------------------------------------------------------------ text */

/* Length of the valid UTF-8 sequence at s (1-4), or 0 if invalid. */
static size_t utf8_len(const unsigned char *s)
{
    unsigned c = s[0];
    size_t n;
    unsigned min;
    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf)
        n = 2, min = 0x80;
    else if (c >= 0xe0 && c <= 0xef)
        n = 3, min = 0x800;
    else if (c >= 0xf0 && c <= 0xf4)
        n = 4, min = 0x10000;
    else
        return 0;
    unsigned cp = c & (0xff >> (n + 1));
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return n;
}

void html_text(FILE *o, const char *s)
{
    if (!s)
        return;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        switch (*p) {
        case '&': fputs("&amp;", o); p++; continue;
        case '<': fputs("&lt;", o); p++; continue;
        case '>': fputs("&gt;", o); p++; continue;
        case '"': fputs("&quot;", o); p++; continue;
        case '\'': fputs("&#39;", o); p++; continue;
        default: break;
        }
        size_t n = utf8_len(p);
        if (n == 0 || (*p < 0x20 && *p != '\t' && *p != '\n') || *p == 0x7f) {
            fputs("\xEF\xBF\xBD", o); /* U+FFFD */
            p++;
            continue;
        }
        fwrite(p, 1, n, o);
        p += n;
    }
}

void html_count(FILE *o, long n)
{
    char d[32];
    int k = snprintf(d, sizeof d, "%ld", n < 0 ? -n : n);
    if (n < 0)
        fputc('-', o);
    for (int i = 0; i < k; i++) {
        fputc(d[i], o);
        if ((k - i - 1) % 3 == 0 && i + 1 < k)
            fputc(',', o);
    }
}

/* html_text of at most max characters of s, with an ellipsis when cut */
static void html_text_cut(FILE *o, const char *s, size_t max)
{
    if (!s)
        return;
    size_t chars = 0, i = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (p[i] && chars < max) {
        size_t n = utf8_len(p + i);
        i += n ? n : 1;
        chars++;
    }
    if (!p[i]) {
        html_text(o, s);
        return;
    }
    char buf[512];
    if (i >= sizeof buf)
        i = sizeof buf - 1;
    memcpy(buf, s, i);
    buf[i] = '\0';
    html_text(o, buf);
    fputs("\xE2\x80\xA6", o); /* … */
}

/* ------------------------------------------------------------ frames */

static double nice_step(double max)
{
    if (!(max > 0))
        return 1;
    double raw = max / 5.0;
    double mag = pow(10.0, floor(log10(raw)));
    double r = raw / mag;
    double step = (r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10) * mag;
    return step < 1 ? 1 : step;
}

double chart_x(const chart_frame *f, size_t i)
{
    double w = f->width - f->left - f->right;
    if (f->nperiods <= 1)
        return f->left + w / 2;
    return f->left + w * (double)i / (double)(f->nperiods - 1);
}

double chart_y(const chart_frame *f, double v)
{
    double h = f->height - f->top - f->bottom;
    return f->top + h - h * (v / f->ymax);
}

static void tick_label(FILE *o, const chart_frame *f, size_t i)
{
    char buf[32];
    if (f->by == EVC_PERIOD_DAY || f->by == EVC_PERIOD_WEEK)
        evc_day_format(f->start[i], buf); /* weeks by their Monday */
    else
        evc_period_label(f->by, f->start[i], buf, sizeof buf);
    fputs(buf, o);
}

/* Does period i start a coarser unit? unit 0: a month (for days and
 * weeks: the day 1, the week of the first Monday), a year (for months),
 * every year;
 * unit 1: a quarter for months, a week (Monday) for days. */
static int coarse_start(const chart_frame *f, size_t i, int unit)
{
    int y, m, d;
    evc_day_to_ymd(f->start[i], &y, &m, &d);
    switch (f->by) {
    case EVC_PERIOD_DAY:
        return unit ? evc_period_start(EVC_PERIOD_WEEK, f->start[i]) ==
                          f->start[i]
                    : d == 1;
    case EVC_PERIOD_WEEK:
        return d <= 7; /* the week of the month's first Monday */
    case EVC_PERIOD_MONTH:
        return unit ? (m - 1) % 3 == 0 : m == 1;
    case EVC_PERIOD_YEAR:
        return 1;
    }
    return 0;
}

static size_t coarse_count(const chart_frame *f, int unit)
{
    size_t n = 0;
    for (size_t i = 0; i < f->nperiods; i++)
        n += coarse_start(f, i, unit);
    return n;
}

static void x_tick(FILE *o, const chart_frame *f, size_t i, double y1)
{
    double x = chart_x(f, i);
    fprintf(o, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>"
               "<text x=\"%.1f\" y=\"%.1f\">", x, x, y1, y1 + 5, x, y1 + 18);
    tick_label(o, f, i);
    fputs("</text>\n", o);
}

void chart_open(FILE *o, chart_frame *f, double data_max, const char *extra)
{
    double step = nice_step(data_max);
    f->ymax = data_max > 0 ? ceil(data_max / step) * step : step;
    fprintf(o,
            "<svg class=\"chart\" data-chart=\"%s\" viewBox=\"0 0 %d %d\" "
            "width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"",
            f->kind, f->width, f->height, f->width, f->height);
    html_text(o, f->title);
    fprintf(o, "\"%s%s>\n<title>", extra ? " " : "", extra ? extra : "");
    html_text(o, f->title);
    fputs("</title>\n", o);
    double x0 = f->left, x1 = f->width - f->right;
    double y0 = f->top, y1 = f->height - f->bottom;
    fprintf(o, "<rect class=\"plot\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
               "height=\"%.1f\"/>\n", x0, y0, x1 - x0, y1 - y0);
    /* coverage gaps: runs of periods with no event in the store */
    double half = f->nperiods > 1 ? (x1 - x0) / (double)(f->nperiods - 1) / 2
                                  : (x1 - x0) / 2;
    for (size_t i = 0; f->coverage && i < f->nperiods; i++) {
        if (f->coverage[i] != 0)
            continue;
        size_t j = i;
        while (j + 1 < f->nperiods && f->coverage[j + 1] == 0)
            j++;
        double a = chart_x(f, i) - half, b = chart_x(f, j) + half;
        a = a < x0 ? x0 : a;
        b = b > x1 ? x1 : b;
        fprintf(o, "<rect class=\"gap\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                   "height=\"%.1f\"><title>no events stored for these "
                   "periods</title></rect>\n", a, y0, b - a, y1 - y0);
        i = j;
    }
    /* y gridlines and labels */
    fputs("<g class=\"axis y\">\n", o);
    for (double v = 0; v <= f->ymax + step / 2; v += step) {
        double y = chart_y(f, v);
        fprintf(o, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>"
                   "<text x=\"%.1f\" y=\"%.1f\">", x0, x1, y, y, x0 - 6, y + 4);
        html_count(o, (long)llround(v));
        fputs("</text>\n", o);
    }
    fputs("</g>\n<g class=\"axis x\">\n", o);
    /* x ticks: as many labels as fit, about 90 px apart, on the starts of
     * a coarser unit where there are at least two (months for days and
     * weeks, years or else quarters for months), else evenly spaced */
    size_t k = (size_t)((x1 - x0) / 90.0);
    k = k < 2 ? 2 : k;
    int unit = coarse_count(f, 0) >= 2 ? 0 : 1;
    size_t nc = coarse_count(f, unit);
    if (nc >= 2) {
        size_t step = (nc + k - 1) / k;
        for (size_t i = 0, c = 0; i < f->nperiods; i++) {
            if (!coarse_start(f, i, unit))
                continue;
            if (c++ % step == 0)
                x_tick(o, f, i, y1);
        }
    } else {
        k = k > f->nperiods ? f->nperiods : k;
        for (size_t j = 0; j < k; j++)
            x_tick(o, f,
                   k == 1 ? 0
                          : (size_t)llround((double)j * (f->nperiods - 1.0) /
                                            (k - 1.0)),
                   y1);
    }
    fprintf(o, "<line class=\"base\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" "
               "y2=\"%.1f\"/>\n</g>\n", x0, x1, y1, y1);
    fprintf(o, "<text class=\"axis-title\" x=\"%.1f\" y=\"%.1f\">",
            (x0 + x1) / 2, (double)f->height - 8);
    html_text(o, f->xlabel);
    fprintf(o, "</text>\n<text class=\"axis-title\" transform=\"translate(14 "
               "%.1f) rotate(-90)\">", (y0 + y1) / 2);
    html_text(o, f->ylabel);
    fputs("</text>\n", o);
}

void chart_close(FILE *o)
{
    fputs("</svg>\n", o);
}

void chart_line(FILE *o, const chart_frame *f, const double *v,
                const char *color, const char *label, int dashed)
{
    fprintf(o, "<path class=\"series line%s\" stroke=\"%s\" d=\"",
            dashed ? " threshold" : "", color);
    int pen = 0;
    double w = f->width - f->left - f->right;
    double half = f->nperiods > 1 ? 0.3 * w / (double)(f->nperiods - 1) : 8;
    for (size_t i = 0; i < f->nperiods; i++) {
        if (v[i] < 0) {
            pen = 0;
            continue;
        }
        int alone = !pen && (i + 1 == f->nperiods || v[i + 1] < 0);
        if (alone && dashed) { /* a level, drawn as a short dash */
            double xa = chart_x(f, i) - half, xb = chart_x(f, i) + half;
            xa = xa < f->left ? f->left : xa;
            xb = xb > f->width - f->right ? f->width - f->right : xb;
            fprintf(o, "%sM%.1f %.1f L%.1f %.1f", i ? " " : "", xa,
                    chart_y(f, v[i]), xb, chart_y(f, v[i]));
        } else
            fprintf(o, "%s%.1f %.1f", pen ? " L" : (i ? " M" : "M"),
                    chart_x(f, i), chart_y(f, v[i]));
        pen = 1;
    }
    fputs("\"><title>", o);
    html_text(o, label);
    fputs("</title></path>\n", o);
    /* dots where a point has no neighbour to draw a segment to */
    for (size_t i = 0; !dashed && i < f->nperiods; i++) {
        int alone = v[i] >= 0 && (i == 0 || v[i - 1] < 0) &&
                    (i + 1 == f->nperiods || v[i + 1] < 0);
        if (alone)
            fprintf(o, "<circle class=\"point\" fill=\"%s\" cx=\"%.1f\" "
                       "cy=\"%.1f\" r=\"2.5\"/>\n",
                    color, chart_x(f, i), chart_y(f, v[i]));
    }
}

void chart_band(FILE *o, const chart_frame *f, const double *lo,
                const double *hi, const char *color, const char *label)
{
    /* one closed shape per run of periods with coverage; a run of one
     * period is drawn as a column so it does not vanish */
    double w = f->width - f->left - f->right;
    double half = f->nperiods > 1 ? 0.3 * w / (double)(f->nperiods - 1) : 8;
    fprintf(o, "<path class=\"series area\" fill=\"%s\" d=\"", color);
    const char *sep = "";
    for (size_t a = 0; a < f->nperiods; a++) {
        if (f->coverage && f->coverage[a] == 0)
            continue;
        size_t b = a;
        while (b + 1 < f->nperiods && !(f->coverage && f->coverage[b + 1] == 0))
            b++;
        if (a == b) {
            double x = chart_x(f, a), xa = x - half, xb = x + half;
            xa = xa < f->left ? f->left : xa;
            xb = xb > f->width - f->right ? f->width - f->right : xb;
            fprintf(o, "%sM%.1f %.1f L%.1f %.1f L%.1f %.1f L%.1f %.1f Z", sep,
                    xa, chart_y(f, hi[a]), xb, chart_y(f, hi[a]), xb,
                    chart_y(f, lo[a]), xa, chart_y(f, lo[a]));
        } else {
            for (size_t i = a; i <= b; i++)
                fprintf(o, "%s%.1f %.1f", i == a ? (*sep ? " M" : "M") : " L",
                        chart_x(f, i), chart_y(f, hi[i]));
            for (size_t i = b + 1; i-- > a;)
                fprintf(o, " L%.1f %.1f", chart_x(f, i), chart_y(f, lo[i]));
            fputs(" Z", o);
        }
        sep = " ";
        a = b;
    }
    fputs("\"><title>", o);
    html_text(o, label);
    fputs("</title></path>\n", o);
}

void chart_mark(FILE *o, const chart_frame *f, size_t i, double v,
                const char *tooltip)
{
    fprintf(o, "<circle class=\"surge\" cx=\"%.1f\" cy=\"%.1f\" r=\"5.5\">"
               "<title>", chart_x(f, i), chart_y(f, v));
    html_text(o, tooltip);
    fputs("</title></circle>\n", o);
}

void chart_legend(FILE *o, const chart_frame *f, const char *const *labels,
                  const char *const *colors, size_t n)
{
    double x = f->width - f->right + 14, y = f->top + 4;
    fputs("<g class=\"legend\">\n", o);
    for (size_t i = 0; i < n; i++, y += 19) {
        if (colors[i])
            fprintf(o, "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" "
                       "height=\"12\" rx=\"2\" fill=\"%s\"/>",
                    x, y, colors[i]);
        else /* the surge marker's ring */
            fprintf(o, "<circle class=\"key-surge\" cx=\"%.1f\" cy=\"%.1f\" "
                       "r=\"5\"/>", x + 6, y + 6);
        fprintf(o, "<text x=\"%.1f\" y=\"%.1f\">", x + 18, y + 10);
        html_text_cut(o, labels[i], 24);
        fputs("</text>\n", o);
    }
    fputs("</g>\n", o);
}

void chart_bars(FILE *o, const char *kind, const char *title,
                const char *xlabel, const char *const *label,
                const long *value, size_t n, const char *color)
{
    const int width = 880, left = 270, right = 70, top = 12, row = 24;
    int height = top + (int)n * row + 44;
    long max = 1;
    for (size_t i = 0; i < n; i++)
        if (value[i] > max)
            max = value[i];
    fprintf(o,
            "<svg class=\"chart\" data-chart=\"%s\" data-bars=\"%zu\" "
            "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\" "
            "aria-label=\"",
            kind, n, width, height, width, height);
    html_text(o, title);
    fputs("\">\n<title>", o);
    html_text(o, title);
    fputs("</title>\n", o);
    double w = width - left - right;
    for (size_t i = 0; i < n; i++) {
        double y = top + (double)i * row;
        double bw = w * (double)value[i] / (double)max;
        if (bw < 1)
            bw = 1;
        fprintf(o, "<text class=\"bar-label\" x=\"%d\" y=\"%.1f\">", left - 10,
                y + 16);
        html_text_cut(o, label[i], 40);
        fprintf(o, "</text><rect class=\"bar\" fill=\"%s\" x=\"%d\" y=\"%.1f\" "
                   "width=\"%.1f\" height=\"%d\"><title>",
                color, left, y + 3, bw, row - 6);
        html_text(o, label[i]);
        fputs(": ", o);
        html_count(o, value[i]);
        fprintf(o, "</title></rect><text class=\"bar-value\" x=\"%.1f\" "
                   "y=\"%.1f\">", left + bw + 6, y + 16);
        html_count(o, value[i]);
        fputs("</text>\n", o);
    }
    double yb = top + (double)n * row + 4;
    fprintf(o, "<line class=\"base\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%.1f\"/>\n",
            left, left, top, yb);
    fprintf(o, "<text class=\"axis-title\" x=\"%.1f\" y=\"%.1f\">",
            left + w / 2, yb + 30);
    html_text(o, xlabel);
    fputs("</text>\n</svg>\n", o);
}
