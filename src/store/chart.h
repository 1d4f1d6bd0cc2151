/* chart.h: inline SVG charts for the HTML report (src/store/report.c): a
 * time frame with axes, gridlines and coverage gaps, lines, stacked areas,
 * markers, a legend, and horizontal bars. Internal to the library. Every
 * string passed in is HTML-escaped on output. */
#ifndef EVC_STORE_CHART_H
#define EVC_STORE_CHART_H

#include "evcode.h"

#include <stdio.h>

/* Writes s as HTML text or attribute value: & < > " ' escaped, control
 * characters and invalid UTF-8 replaced by U+FFFD. NULL writes nothing. */
void html_text(FILE *o, const char *s);
/* 12345 -> "12,345" */
void html_count(FILE *o, long n);

/* A chart over the periods of a series set. */
typedef struct chart_frame {
    const char *kind;       /* data-chart attribute, e.g. "quad" */
    const char *title;      /* the SVG's <title> */
    const char *ylabel;     /* y axis title */
    const char *xlabel;     /* x axis title */
    int width, height;      /* of the whole SVG */
    int left, right, top, bottom; /* plot area margins */
    evc_period by;
    size_t nperiods;
    const int32_t *start;   /* first day of each period */
    const long *coverage;   /* 0 marks a gap (drawn as a band); may be NULL */
    double ymax;            /* set by chart_open from the data max */
} chart_frame;

/* Opens the SVG: background, gap bands, gridlines, axes, tick labels and
 * axis titles. data_max is the largest value to be drawn. `extra` is
 * added inside the <svg> tag as is (constant attributes only). */
void chart_open(FILE *o, chart_frame *f, double data_max, const char *extra);
void chart_close(FILE *o);
double chart_x(const chart_frame *f, size_t i);
double chart_y(const chart_frame *f, double v);

/* A line through v[0..nperiods); values < 0 break it (gaps). One <path
 * class="series">; a lone point between gaps gets a dot so it shows. */
void chart_line(FILE *o, const chart_frame *f, const double *v,
                const char *color, const char *label, int dashed);
/* The band between lo and hi (stacked areas), one <path class="series">
 * with a shape per run of periods that have coverage. */
void chart_band(FILE *o, const chart_frame *f, const double *lo,
                const double *hi, const char *color, const char *label);
/* A marker at period i, value v: <circle class="surge"> with a tooltip. */
void chart_mark(FILE *o, const chart_frame *f, size_t i, double v,
                const char *tooltip);
/* A legend in the right margin: n swatches and labels; a NULL color
 * shows the surge marker's ring. */
void chart_legend(FILE *o, const chart_frame *f, const char *const *labels,
                  const char *const *colors, size_t n);

/* Horizontal bars: label[i] and value[i], largest first. */
void chart_bars(FILE *o, const char *kind, const char *title,
                const char *xlabel, const char *const *label,
                const long *value, size_t n, const char *color);

#endif
