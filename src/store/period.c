/* period.c: the calendar of the event store: days since 1970-01-01 (the
 * store's `day` column, proleptic Gregorian), strict ISO 8601 dates, the
 * periods counts are grouped by (ISO 8601 weeks start on Monday), and the
 * CAMEO root lists of --root (roots 1..20 of the CAMEO codebook). */
#include "evcode.h"

#include <stdio.h>
#include <string.h>

/* Days from the civil date: the year is taken to start in March, so the
 * leap day is the last day of its year and month lengths repeat in a
 * 153-day cycle of five months; 400-year eras have 146097 days. */
int32_t evc_day_from_ymd(int y, int m, int d)
{
    long yy = (long)y - (m <= 2);
    long era = (yy >= 0 ? yy : yy - 399) / 400;
    long yoe = yy - era * 400;
    long mp = (m + 9) % 12; /* March = 0 */
    long doy = (153 * mp + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int32_t)(era * 146097 + doe - 719468);
}

void evc_day_to_ymd(int32_t day, int *y, int *m, int *d)
{
    long z = (long)day + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long dd = doy - (153 * mp + 2) / 5 + 1;
    long mm = mp < 10 ? mp + 3 : mp - 9;
    long yy = yoe + era * 400 + (mm <= 2);
    if (y)
        *y = (int)yy;
    if (m)
        *m = (int)mm;
    if (d)
        *d = (int)dd;
}

static int days_in_month(int y, int m)
{
    static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return len[m - 1];
}

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

evc_status evc_day_parse(const char *s, int32_t *day, evc_error *err)
{
    if (!s || !day)
        return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0, "no date");
    int y = -1, m = -1, d = -1;
    if (strlen(s) == 10 && s[4] == '-' && s[7] == '-') {
        y = digits(s, 4);
        m = digits(s + 5, 2);
        d = digits(s + 8, 2);
    }
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0,
                             "'%.40s' is not a date (YYYY-MM-DD)", s);
    *day = evc_day_from_ymd(y, m, d);
    return EVC_OK;
}

void evc_day_format(int32_t day, char buf[11])
{
    int y, m, d;
    char tmp[48];
    evc_day_to_ymd(day, &y, &m, &d);
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", ((y % 10000) + 10000) % 10000,
             m, d);
    memcpy(buf, tmp, 10);
    buf[10] = '\0';
}

evc_status evc_period_parse(const char *s, evc_period *out, evc_error *err)
{
    static const char *const names[] = {"day", "week", "month", "year"};
    for (int i = 0; s && i < 4; i++)
        if (!strcmp(s, names[i])) {
            *out = (evc_period)i;
            return EVC_OK;
        }
    return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0,
                         "unknown period '%.40s' (day, week, month or year)",
                         s ? s : "");
}

const char *evc_period_name(evc_period p)
{
    switch (p) {
    case EVC_PERIOD_DAY: return "day";
    case EVC_PERIOD_WEEK: return "week";
    case EVC_PERIOD_MONTH: return "month";
    case EVC_PERIOD_YEAR: return "year";
    }
    return "?";
}

int32_t evc_period_start(evc_period p, int32_t day)
{
    int y, m, d;
    switch (p) {
    case EVC_PERIOD_DAY:
        return day;
    case EVC_PERIOD_WEEK: {
        /* 1970-01-01 was a Thursday: Monday-based weekday = (day + 3) mod 7 */
        int32_t wd = (int32_t)(((long)day + 3) % 7);
        if (wd < 0)
            wd += 7;
        return day - wd;
    }
    case EVC_PERIOD_MONTH:
        evc_day_to_ymd(day, &y, &m, &d);
        return evc_day_from_ymd(y, m, 1);
    case EVC_PERIOD_YEAR:
        evc_day_to_ymd(day, &y, &m, &d);
        return evc_day_from_ymd(y, 1, 1);
    }
    return day;
}

int32_t evc_period_next(evc_period p, int32_t start)
{
    int y, m, d;
    switch (p) {
    case EVC_PERIOD_DAY:
        return start + 1;
    case EVC_PERIOD_WEEK:
        return evc_period_start(p, start) + 7;
    case EVC_PERIOD_MONTH:
        evc_day_to_ymd(start, &y, &m, &d);
        return m == 12 ? evc_day_from_ymd(y + 1, 1, 1)
                       : evc_day_from_ymd(y, m + 1, 1);
    case EVC_PERIOD_YEAR:
        evc_day_to_ymd(start, &y, &m, &d);
        return evc_day_from_ymd(y + 1, 1, 1);
    }
    return start + 1;
}

void evc_period_label(evc_period p, int32_t start, char *buf, size_t n)
{
    int y, m, d;
    evc_day_to_ymd(start, &y, &m, &d);
    switch (p) {
    case EVC_PERIOD_WEEK: {
        /* ISO 8601: the week belongs to the year of its Thursday */
        int32_t thu = evc_period_start(p, start) + 3;
        int ty;
        evc_day_to_ymd(thu, &ty, NULL, NULL);
        int week = (int)((thu - evc_day_from_ymd(ty, 1, 1)) / 7 + 1);
        snprintf(buf, n, "%04d-W%02d", ty % 10000, week);
        break;
    }
    case EVC_PERIOD_MONTH:
        snprintf(buf, n, "%04d-%02d", y % 10000, m);
        break;
    case EVC_PERIOD_YEAR:
        snprintf(buf, n, "%04d", y % 10000);
        break;
    default:
        snprintf(buf, n, "%04d-%02d-%02d", y % 10000, m, d);
    }
}

/* "18", "18,19,20", "18-20", "01,4,18-20": each item a root 1..20 or a
 * range lo-hi of them. */
evc_status evc_roots_parse(const char *list, uint32_t *mask, evc_error *err)
{
    uint32_t bits = 0;
    const char *p = list ? list : "";
    if (!*p)
        return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0,
                             "no CAMEO root given (roots are 1-20)");
    for (;;) {
        const char *item = p;
        int lo = 0, hi, nd = 0;
        while (*p >= '0' && *p <= '9' && nd < 3)
            lo = lo * 10 + (*p++ - '0'), nd++;
        hi = lo;
        int ok = nd > 0;
        if (ok && *p == '-') {
            p++;
            int nd2 = 0;
            hi = 0;
            while (*p >= '0' && *p <= '9' && nd2 < 3)
                hi = hi * 10 + (*p++ - '0'), nd2++;
            ok = nd2 > 0;
        }
        size_t len = strcspn(item, ",");
        if (!ok || (*p != ',' && *p != '\0') || lo < 1 || hi > 20 || lo > hi)
            return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0,
                                 "unknown CAMEO root '%.*s' (roots are 1-20)",
                                 (int)(len > 40 ? 40 : len), item);
        for (int r = lo; r <= hi; r++)
            bits |= 1u << r;
        if (*p == '\0')
            break;
        p++;
    }
    *mask = bits;
    return EVC_OK;
}
