/* dates.c: an event's own date. Finds the temporal expressions of a parsed
 * sentence (UD v2 tree, Penn tags), picks the one that governs the event's
 * verb, and resolves it against the article date in whole days on the
 * proleptic Gregorian calendar (no time zones). evcode's own rules (issue 6);
 * README "Event dates" lists what is recognized and how it resolves. */
#include "evcode.h"

#include <limits.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------ calendar */

static bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int month_len(int y, int m)
{
    static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return len[m - 1] + (m == 2 && leap(y));
}

/* Day numbers (days since 1970-01-01) and civil dates convert with the
 * store's calendar (evc_day_from_ymd, evc_day_to_ymd in src/store/period.c);
 * dates stay within years 1-9999. */
static int32_t ymd_to_day(int y, int m, int d) { return evc_day_from_ymd(y, m, d); }

static bool ymd_valid(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= month_len(y, m);
}

int evc_date_valid(int32_t v)
{
    return v > 0 && ymd_valid(v / 10000, v / 100 % 100, v % 100);
}

int32_t evc_date_to_day(int32_t v)
{
    if (!evc_date_valid(v))
        return INT32_MIN;
    return ymd_to_day(v / 10000, v / 100 % 100, v % 100);
}

/* Year, month and day of a day number; false outside years 1-9999. */
static bool day_to_ymd(int32_t day, int *py, int *pm, int *pd)
{
    /* 0001-01-01 and 9999-12-31 */
    if (day < evc_day_from_ymd(1, 1, 1) || day > evc_day_from_ymd(9999, 12, 31))
        return false;
    evc_day_to_ymd(day, py, pm, pd);
    return true;
}

int32_t evc_day_to_date(int32_t day)
{
    int y, m, d;
    if (!day_to_ymd(day, &y, &m, &d))
        return 0;
    return (int32_t)y * 10000 + m * 100 + d;
}

int evc_day_weekday(int32_t day)
{
    /* 1970-01-01 was a Thursday (ISO 4) */
    int r = (int)(((int64_t)day % 7 + 7) % 7);
    return (r + 3) % 7 + 1;
}

const char *evc_date_gran_str(evc_date_gran g)
{
    switch (g) {
    case EVC_DATE_DAY: return "day";
    case EVC_DATE_WEEK: return "week";
    case EVC_DATE_MONTH: return "month";
    case EVC_DATE_YEAR: return "year";
    case EVC_DATE_NONE: break;
    }
    return "";
}

/* The day `months` months after (before, when negative) day: the same day of
 * the month, or that month's last day when it is shorter. */
static int32_t add_months(int32_t day, int months)
{
    int y, m, d;
    if (!day_to_ymd(day, &y, &m, &d))
        return day;
    int idx = y * 12 + (m - 1) + months;
    y = idx / 12;
    m = idx % 12 + 1;
    if (y < 1 || y > 9999)
        return day;
    if (d > month_len(y, m))
        d = month_len(y, m);
    return ymd_to_day(y, m, d);
}

/* The Monday that starts day's ISO week. */
static int32_t week_start(int32_t day) { return day - (evc_day_weekday(day) - 1); }

static int32_t month_start(int32_t day, int months)
{
    int y, m, d;
    if (!day_to_ymd(add_months(day, months), &y, &m, &d))
        return day;
    return ymd_to_day(y, m, 1);
}

static int day_year(int32_t day)
{
    int y, m, d;
    return day_to_ymd(day, &y, &m, &d) ? y : 0;
}

static int day_month(int32_t day)
{
    int y, m, d;
    return day_to_ymd(day, &y, &m, &d) ? m : 0;
}

/* ------------------------------------------------------------ words */

enum tense { T_UNKNOWN, T_PAST, T_FUTURE };

enum kind {
    K_OFFSET,  /* n days from the article date */
    K_MONTHS,  /* n months from the article date (years are 12 months) */
    K_WEEKDAY, /* wd, with rel */
    K_PERIOD,  /* unit week/month/year/weekend, offset n from the current one */
    K_MONTH,   /* month m, year y or year offset or rel */
    K_DATE,    /* month m, day d, year y (0: from the tense) */
    K_YEAR     /* year y */
};

enum rel {
    R_TENSE,  /* from the predicate's tense */
    R_LAST,   /* strictly before the article date ("last Friday") */
    R_NEXT,   /* strictly after ("next Monday") */
    R_COMING, /* on or after ("this coming Tuesday") */
    R_WEEK,   /* in the ISO week n weeks from the article's ("Wednesday last week") */
    R_YEAROFF /* K_MONTH/K_DATE: in the year n years from the article's */
};

enum unit { U_DAY, U_WEEK, U_MONTH, U_YEAR, U_WEEKEND };

typedef struct expr {
    int first, last;  /* tokens of the expression */
    int kind, rel, unit;
    int n;            /* offset, count */
    int wd, m, d, y;  /* weekday 1-7, month 1-12, day, year */
    int gran;
    int by;           /* introduced by "by": a date only for a past predicate */
    int compared;     /* a comparison may hold it ("from 3 pct in June"): an
                         event date only in the verb's own clause */
    int anchor;       /* the token whose head is outside the expression */
    int pred;         /* the predicate it modifies */
    int32_t day;      /* resolved */
} expr;

#define MAX_EXPRS 16
/* Walks up the tree stop after this many steps: real clauses are shallower,
 * and a bound keeps a pathological parse (a 4000-token chain, a cycle)
 * linear in its length. */
#define MAX_WALK 64

static const char *form_at(const evc_sentence *s, int i)
{
    return i >= 1 && i <= s->ntok && s->tok[i].form ? s->tok[i].form : "";
}

static bool is_w(const evc_sentence *s, int i, const char *w)
{
    return strcasecmp(form_at(s, i), w) == 0;
}

/* Is the form of token i one of the words of list (NULL-terminated)? */
static bool is_any(const evc_sentence *s, int i, const char *const *list)
{
    const char *f = form_at(s, i);
    for (; *list; list++)
        if (strcasecmp(f, *list) == 0)
            return true;
    return false;
}

static bool str_is(const char *a, const char *b) { return a && strcmp(a, b) == 0; }

static int weekday_of(const evc_sentence *s, int i)
{
    static const char *const names[] = {"monday", "tuesday", "wednesday", "thursday",
                                        "friday", "saturday", "sunday"};
    const char *f = form_at(s, i);
    for (int k = 0; k < 7; k++)
        if (strcasecmp(f, names[k]) == 0)
            return k + 1;
    return 0;
}

static const char *const month_names[12] = {
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december"};

/* The month a word names: a full name or a newswire abbreviation ("Feb",
 * "Sept", "Jan."), capitalized; 0 if none. */
static int month_word(const char *f)
{
    static const char *const abbr[12] = {"jan", "feb", "mar", "apr", "may", "jun",
                                         "jul", "aug", "sep", "oct", "nov", "dec"};
    if (!f || f[0] < 'A' || f[0] > 'Z')
        return 0;
    size_t n = strlen(f);
    if (n && f[n - 1] == '.')
        n--;
    for (int k = 0; k < 12; k++) {
        if (strlen(month_names[k]) == n && strncasecmp(f, month_names[k], n) == 0)
            return k + 1;
        if (n == 3 && strncasecmp(f, abbr[k], 3) == 0)
            return k + 1;
    }
    if (n == 4 && strncasecmp(f, "sept", 4) == 0)
        return 9;
    return 0;
}

/* A day of the month written as digits: "4", "04", "4th", "15-16" (the
 * first day of a range); 0 if not. */
static int day_number(const char *f)
{
    int v = 0, k = 0;
    while (k < 2 && f[k] >= '0' && f[k] <= '9')
        v = v * 10 + (f[k++] - '0');
    if (k == 0 || v < 1 || v > 31)
        return 0;
    const char *rest = f + k;
    if (!*rest || *rest == '-' || *rest == '/')
        return v;
    if (!strcasecmp(rest, "st") || !strcasecmp(rest, "nd") || !strcasecmp(rest, "rd") ||
        !strcasecmp(rest, "th"))
        return v;
    return 0;
}

/* A year written as four digits, 1000-2999; 0 if not. */
static int year_number(const char *f)
{
    if (strlen(f) != 4)
        return 0;
    int v = 0;
    for (int k = 0; k < 4; k++) {
        if (f[k] < '0' || f[k] > '9')
            return 0;
        v = v * 10 + (f[k] - '0');
    }
    return v >= 1000 && v <= 2999 ? v : 0;
}

/* "a", "one" .. "twelve", or digits (1-999): a count; 0 if not. */
static int count_word(const char *f)
{
    static const char *const words[] = {"one", "two", "three", "four", "five", "six",
                                        "seven", "eight", "nine", "ten", "eleven", "twelve"};
    if (!strcasecmp(f, "a") || !strcasecmp(f, "an"))
        return 1;
    for (int k = 0; k < 12; k++)
        if (!strcasecmp(f, words[k]))
            return k + 1;
    int v = 0, k = 0;
    while (f[k] >= '0' && f[k] <= '9' && k < 3)
        v = v * 10 + (f[k++] - '0');
    return k > 0 && f[k] == '\0' ? v : 0;
}

/* day(s), week(s), month(s), year(s): the unit, or -1. */
static int unit_word(const char *f)
{
    static const char *const u[4][2] = {{"day", "days"}, {"week", "weeks"},
                                        {"month", "months"}, {"year", "years"}};
    for (int k = 0; k < 4; k++)
        if (!strcasecmp(f, u[k][0]) || !strcasecmp(f, u[k][1]))
            return k;
    return -1;
}

static const char *const part_of_day[] = {"morning", "afternoon", "evening", "night", NULL};

/* A month name that is also an English word ("May", "March") names the month
 * only where the tagger calls it a proper noun or its neighbours show it. */
static bool month_token(const evc_sentence *s, int i)
{
    int m = month_word(form_at(s, i));
    if (!m)
        return false;
    if (m != 3 && m != 5)
        return true;
    static const char *const before[] = {"in", "since", "during", "last", "next", "this",
                                         "early", "late", "of", "mid", "by", "until", NULL};
    return str_is(s->tok[i].upos, "PROPN") || day_number(form_at(s, i + 1)) ||
           year_number(form_at(s, i + 1)) || is_any(s, i - 1, before);
}

/* A finite verb or an auxiliary. */
static bool finite(const evc_sentence *s, int i)
{
    const evc_token *t = &s->tok[i];
    return str_is(t->upos, "AUX") || str_is(t->xpos, "VBD") || str_is(t->xpos, "VBZ") ||
           str_is(t->xpos, "VBP") || str_is(t->xpos, "MD");
}

/* ------------------------------------------------------------ matching */

/* Matches an expression whose core starts at token i (after any modifiers).
 * Fills e (kind, parameters, e->last) and returns true, or false. */
static bool match_at(const evc_sentence *s, int i, expr *e)
{
    const char *f = form_at(s, i);
    memset(e, 0, sizeof *e);
    e->first = e->last = i;
    e->gran = EVC_DATE_DAY;

    /* today, tonight, yesterday, tomorrow (+ morning ... night) */
    int off = !strcasecmp(f, "today") || !strcasecmp(f, "tonight") ? 0
              : !strcasecmp(f, "yesterday")                       ? -1
              : !strcasecmp(f, "tomorrow")                        ? 1
                                                                  : 99;
    if (off != 99) {
        if (form_at(s, i + 1)[0] == '-')
            return false; /* "tomorrow-next" funds */
        e->kind = K_OFFSET;
        e->n = off;
        if (is_any(s, i + 1, part_of_day))
            e->last = i + 1;
        return true;
    }

    /* last / this / next (+ coming) + weekday, period, month; last night,
     * this morning */
    bool is_last = !strcasecmp(f, "last");
    bool is_next = !strcasecmp(f, "next");
    bool is_this = !strcasecmp(f, "this");
    if (is_last || is_next || is_this) {
        /* "in the last week", "its last year": a span of days or a last
         * one, not the calendar period */
        if (is_any(s, i - 1, (const char *const[]){"the", "its", "their", "his", "her", NULL}))
            return false;
        int j = i + 1;
        bool coming = false;
        if (is_this && is_w(s, j, "coming")) {
            coming = true;
            j++;
        }
        if (is_this && is_any(s, j, part_of_day)) {
            e->kind = K_OFFSET;
            e->n = 0;
            e->last = j;
            return true;
        }
        if (is_last && is_w(s, j, "night")) {
            e->kind = K_OFFSET;
            e->n = -1;
            e->last = j;
            return true;
        }
        int wd = weekday_of(s, j);
        if (wd) {
            e->kind = K_WEEKDAY;
            e->wd = wd;
            e->rel = coming ? R_COMING : is_next ? R_NEXT : is_last ? R_LAST : R_TENSE;
            e->last = j + (is_any(s, j + 1, part_of_day) ? 1 : 0);
            return true;
        }
        if (coming)
            return false;
        int u = is_w(s, j, "week") ? U_WEEK : is_w(s, j, "month") ? U_MONTH
                : is_w(s, j, "year") ? U_YEAR : -1;
        bool weekend = is_w(s, j, "weekend");
        if (u >= 0 || weekend) {
            e->kind = K_PERIOD;
            e->unit = weekend ? U_WEEKEND : u;
            e->n = is_last ? -1 : is_next ? 1 : 0;
            e->gran = weekend || u == U_WEEK ? EVC_DATE_WEEK
                      : u == U_MONTH         ? EVC_DATE_MONTH
                                             : EVC_DATE_YEAR;
            e->last = j;
            return true;
        }
        if (month_token(s, j)) {
            e->kind = K_MONTH;
            e->m = month_word(form_at(s, j));
            e->rel = is_last ? R_LAST : is_next ? R_NEXT : R_YEAROFF;
            e->n = 0;
            e->gran = EVC_DATE_MONTH;
            e->last = j;
            return true;
        }
        return false;
    }

    /* the weekend */
    if (!strcasecmp(f, "the") && is_w(s, i + 1, "weekend")) {
        e->kind = K_PERIOD;
        e->unit = U_WEEKEND;
        e->n = 0;
        e->gran = EVC_DATE_WEEK;
        e->last = i + 1;
        return true;
    }

    /* weekday (+ part of day) (+ last/this/next week | , Month Day) */
    int wd = weekday_of(s, i);
    if (wd) {
        /* "Good Friday" is a holiday, not the last Friday */
        if (is_w(s, i - 1, "good"))
            return false;
        int j = i + (is_any(s, i + 1, part_of_day) ? 1 : 0);
        e->kind = K_WEEKDAY;
        e->wd = wd;
        e->rel = R_TENSE;
        e->last = j;
        if (is_any(s, j + 1, (const char *const[]){"last", "this", "next", NULL}) &&
            is_w(s, j + 2, "week")) {
            e->rel = R_WEEK;
            e->n = is_w(s, j + 1, "last") ? -1 : is_w(s, j + 1, "next") ? 1 : 0;
            e->last = j + 2;
        } else if (is_w(s, j + 1, ",") && month_token(s, j + 2) &&
                   day_number(form_at(s, j + 3))) {
            expr d;
            if (match_at(s, j + 2, &d) && d.kind == K_DATE) {
                d.first = i;
                *e = d;
            }
        }
        return true;
    }

    /* Month Day (, Year) | Month Year | Month this/last/next year | Month;
     * "mid-March" */
    const char *mf = f;
    bool mid = false;
    if (!strncasecmp(f, "mid-", 4) && month_word(f + 4)) {
        mf = f + 4;
        mid = true;
    }
    if (mid || month_token(s, i)) {
        e->m = month_word(mf);
        e->gran = EVC_DATE_MONTH;
        e->kind = K_MONTH;
        e->rel = R_TENSE;
        int dn = mid ? 0 : day_number(form_at(s, i + 1));
        int yn = year_number(form_at(s, i + 1));
        if (dn) {
            e->kind = K_DATE;
            e->d = dn;
            e->gran = EVC_DATE_DAY;
            e->last = i + 1;
            int k = i + 2;
            if (is_w(s, k, ","))
                k++;
            if (year_number(form_at(s, k))) {
                e->y = year_number(form_at(s, k));
                e->last = k;
            }
        } else if (yn) {
            e->y = yn;
            e->last = i + 1;
        }
        if (!e->y && is_any(s, e->last + 1, (const char *const[]){"this", "last", "next", NULL}) &&
            is_w(s, e->last + 2, "year")) {
            e->rel = R_YEAROFF;
            e->n = is_w(s, e->last + 1, "last") ? -1 : is_w(s, e->last + 1, "next") ? 1 : 0;
            e->last += 2;
        }
        if (e->kind == K_DATE && !ymd_valid(e->y ? e->y : 2000, e->m, e->d))
            return false;
        /* "the March 17 budget presentation": a date that names a noun's
         * event, not the verb's */
        if (e->kind == K_DATE &&
            is_any(s, i - 1, (const char *const[]){"the", "a", "its", "their", "his", "her", NULL}))
            return false;
        if (e->kind == K_MONTH && !e->y && e->rel == R_TENSE) {
            /* a bare month is a time only after a preposition ("in March",
             * "since early June"), not as a noun's modifier ("the February
             * figure", "in February U.S. indicators") */
            int p = i - 1;
            while (p >= 1 && is_any(s, p, (const char *const[]){"early", "late", "mid", NULL}))
                p--;
            if (!is_any(s, p, (const char *const[]){"in", "during", "since", "by", "from", NULL}))
                return false;
            if (str_is(s->tok[i].deprel, "compound") || str_is(s->tok[i].deprel, "amod")) {
                /* unless the noun after it is a subject with its verb: "In
                 * February ICN had said" (a fronted time without a comma) */
                int j = i + 1;
                while (j <= s->ntok && j <= i + 3 && str_is(s->tok[j].upos, "PROPN"))
                    j++;
                if (j == i + 1 || j > s->ntok || !finite(s, j))
                    return false;
            }
        }
        return true;
    }

    /* Day Month (Year): "4 July 1986", "26th February" */
    int dn = day_number(f);
    if (dn && month_token(s, i + 1)) {
        e->kind = K_DATE;
        e->d = dn;
        e->m = month_word(form_at(s, i + 1));
        e->rel = R_TENSE;
        e->last = i + 1;
        if (year_number(form_at(s, i + 2))) {
            e->y = year_number(form_at(s, i + 2));
            e->last = i + 2;
        }
        return ymd_valid(e->y ? e->y : 2000, e->m, e->d);
    }

    /* N units ago / earlier / before. "Two days later" counts from an event
     * of the story, not from the article date: not resolved; nor is "two
     * days before the vote". */
    int cnt = count_word(f);
    int u = unit_word(form_at(s, i + 1));
    if (cnt && u >= 0) {
        bool before = is_w(s, i + 2, "before");
        if (!is_w(s, i + 2, "ago") && !is_w(s, i + 2, "earlier") && !before)
            return false;
        if (before && i + 3 <= s->ntok && !str_is(s->tok[i + 3].upos, "PUNCT"))
            return false;
        e->last = i + 2;
        if (u == U_DAY || u == U_WEEK) {
            e->kind = K_OFFSET;
            e->n = -cnt * (u == U_WEEK ? 7 : 1);
            e->gran = u == U_WEEK ? EVC_DATE_WEEK : EVC_DATE_DAY;
        } else {
            e->kind = K_MONTHS;
            e->n = -cnt * (u == U_YEAR ? 12 : 1);
            e->gran = u == U_YEAR ? EVC_DATE_YEAR : EVC_DATE_MONTH;
        }
        return true;
    }

    /* in / during / since 1986 */
    int yn = year_number(f);
    if (yn && is_any(s, i - 1, (const char *const[]){"in", "during", "since", NULL}) &&
        !is_w(s, i + 1, "/")) {
        e->kind = K_YEAR;
        e->y = yn;
        e->gran = EVC_DATE_YEAR;
        return true;
    }
    return false;
}

/* Words before an expression that belong to it without changing it. */
static const char *const modifiers[] = {"late", "early", "earlier", "later", "mid", "just",
                                        "about", "some", "nearly", "almost", "only",
                                        "around", "approximately", NULL};

/* Prepositions that make an expression a bound or a comparison, not the time
 * of the event ("until Friday", "for 1986", "compared with last year"). */
static const char *const bound_preps[] = {
    "until", "till", "through", "thru", "to", "before", "after", "between", "for", "of",
    "as", "than", "versus", "vs", "vs.", "against", "ahead", "toward", "towards", "per",
    "within", "into", "with", "from", "over", "by", "beyond", "past", "like", NULL};

/* Words that start a comparison of quantities a few tokens before an
 * expression ("down from 19,448 during February last year", "versus 127,000
 * a year ago", "compared with 10,000 a week earlier"). */
static const char *const compare_words[] = {"from", "than", "versus", "vs", "vs.", "against",
                                            "compared", NULL};

/* A finite verb, an auxiliary or a clause break ends the look-back; with
 * `participles`, so does any verb (the participle's own phrase: "a rise
 * estimated a month ago"). */
static bool ends_lookback(const evc_sentence *s, int i, bool participles)
{
    const evc_token *t = &s->tok[i];
    if (participles && str_is(t->upos, "VERB") && !is_w(s, i, "compared"))
        return true;
    return finite(s, i) ||
           is_any(s, i, (const char *const[]){";", ":", ",", "while", "when", "but", NULL});
}

/* Does a comparison of quantities end just before token `end`: a compare word
 * followed within four words by a number, with no verb (see ends_lookback)
 * between it and `end`? */
static bool comparison_before(const evc_sentence *s, int end, bool participles)
{
    for (int k = end - 1, n = 0; k >= 1 && n < 8; k--, n++) {
        if (ends_lookback(s, k, participles))
            return false;
        if (!is_any(s, k, compare_words))
            continue;
        for (int j = k + 1; j < end && j <= k + 4; j++)
            if (str_is(s->tok[j].upos, "NUM") && !year_number(form_at(s, j)))
                return true;
    }
    return false;
}

/* Is expression e a time of an event, judged by the words around it? Sets
 * e->by for "by Wednesday". Extends e->first over its modifiers and its
 * preposition. */
static bool keep_expr(const evc_sentence *s, expr *e)
{
    const char *nx = form_at(s, e->last + 1);
    if (!strcmp(nx, "'s") || !strcmp(nx, "\xE2\x80\x99s") || !strcmp(nx, "'") ||
        !strcasecmp(nx, "than"))
        return false;
    int p = e->first - 1;
    while (p >= 1 && is_any(s, p, modifiers))
        p--;
    if (p >= 1 && is_any(s, p, bound_preps)) {
        bool day_like = e->kind == K_DATE || e->kind == K_WEEKDAY;
        if (is_w(s, p, "by") && e->kind != K_PERIOD && e->kind != K_YEAR)
            e->by = 1; /* "by Wednesday, the dollar climbed": past only */
        else if (is_w(s, p, "from") && day_like)
            ; /* "raised prices from April 1": a start */
        else if (is_w(s, p, "over") && e->kind == K_PERIOD && e->unit == U_WEEKEND)
            ; /* "over the weekend" */
        else
            return false;
    }
    if (p >= 1 && p < e->first &&
        (str_is(s->tok[p].upos, "ADP") || is_any(s, p, bound_preps)))
        e->first = p;
    else
        e->first = p + 1;
    if (comparison_before(s, e->first, true))
        return false;
    e->compared = comparison_before(s, e->first, false);
    return true;
}

/* ------------------------------------------------------------ the tree */

static bool has_child_rel(const evc_sentence *s, int h, const char *rel)
{
    for (int i = 1; i <= s->ntok; i++)
        if (s->tok[i].head == h && str_is(s->tok[i].deprel, rel))
            return true;
    return false;
}

/* A predicate: a verb, a sentence's root, or a word with a copula. */
static bool is_pred(const evc_sentence *s, int h)
{
    const evc_token *t = &s->tok[h];
    return str_is(t->upos, "VERB") || t->head == 0 || has_child_rel(s, h, "cop");
}

/* The token of e whose head lies outside it (the first such). */
static int anchor_of(const evc_sentence *s, const expr *e)
{
    for (int i = e->first; i <= e->last; i++) {
        int h = s->tok[i].head;
        if (h < e->first || h > e->last)
            return i;
    }
    return e->last;
}

/* The predicate an expression modifies: the first predicate above its
 * anchor (the anchor itself when it is the root: "the vote is on Monday"). */
static int governing_pred(const evc_sentence *s, int anchor)
{
    if (s->tok[anchor].head == 0)
        return anchor;
    int h = s->tok[anchor].head;
    for (int guard = 0; h > 0 && guard < MAX_WALK; guard++) {
        if (is_pred(s, h))
            return h;
        if (s->tok[h].head == 0)
            return h;
        h = s->tok[h].head;
    }
    return anchor;
}

static bool has_subject(const evc_sentence *s, int h)
{
    for (int i = 1; i <= s->ntok; i++)
        if (s->tok[i].head == h && s->tok[i].deprel && !strncmp(s->tok[i].deprel, "nsubj", 5))
            return true;
    return false;
}

/* Is a an ancestor of b (a != b)? */
static bool is_ancestor(const evc_sentence *s, int a, int b)
{
    int h = s->tok[b].head;
    for (int guard = 0; h > 0 && guard < MAX_WALK; guard++) {
        if (h == a)
            return true;
        h = s->tok[h].head;
    }
    return false;
}

static bool speech_lemma(const char *l)
{
    static const char *const w[] = {"say", "tell", "report", "claim", "state", "add",
                                    "note", NULL};
    for (int k = 0; l && w[k]; k++)
        if (!strcasecmp(l, w[k]))
            return true;
    return false;
}

/* The tense of predicate p as the expression's reference: past (did, has
 * done, was done, had done), future (will, would, can, may ..., "to", "is
 * doing", "is expected", present tense of a verb that is not speech), or
 * unknown. A participle or bare form without auxiliaries takes the tense of
 * the predicate above it. */
static int tense_of(const evc_sentence *s, int p, int depth)
{
    if (p < 1 || p > s->ntok || depth > 4)
        return T_UNKNOWN;
    const evc_token *t = &s->tok[p];
    if (str_is(t->xpos, "VBD"))
        return T_PAST; /* even after a "modal": a mistagged name ("American
                          Can sold") */
    bool have = false, past = false, present = false, to = false;
    for (int i = 1; i <= s->ntok; i++) {
        const evc_token *c = &s->tok[i];
        if (c->head != p)
            continue;
        bool aux = str_is(c->deprel, "aux") || str_is(c->deprel, "aux:pass") ||
                   str_is(c->deprel, "cop");
        if (aux) {
            if (str_is(c->xpos, "MD"))
                return T_FUTURE;
            if (!strcasecmp(c->form, "to"))
                to = true;
            else if (c->lemma && !strcasecmp(c->lemma, "have"))
                have = true;
            if (str_is(c->xpos, "VBD"))
                past = true;
            else if (str_is(c->xpos, "VBZ") || str_is(c->xpos, "VBP"))
                present = true;
        } else if (str_is(c->deprel, "mark") && !strcasecmp(c->form, "to")) {
            to = true;
        }
    }
    if (to) {
        /* an infinitive looks ahead of its governor: the future of a
         * present or future one, either way from a past one ("agreed to
         * sell in April") */
        if (have)
            return T_PAST;
        int g = t->head > 0 ? governing_pred(s, p) : 0;
        return g && g != p && tense_of(s, g, depth + 1) == T_PAST ? T_UNKNOWN : T_FUTURE;
    }
    if (have || past)
        return T_PAST;
    if (present)
        return T_FUTURE;
    /* a conjunct without auxiliaries of its own shares its first
     * conjunct's ("has to be debated and voted on") */
    if (str_is(t->deprel, "conj") && t->head > 0 && !str_is(t->xpos, "VBZ") &&
        !str_is(t->xpos, "VBP"))
        return tense_of(s, t->head, depth + 1);
    if (str_is(t->xpos, "VB")) {
        /* a modal hung elsewhere by the parser, just before the verb: "will
         * on Thursday consider" */
        for (int k = p - 1; k >= 1 && k >= p - 5; k--) {
            if (str_is(s->tok[k].xpos, "MD") || is_w(s, k, "to"))
                return T_FUTURE;
            if (str_is(s->tok[k].upos, "VERB") || str_is(s->tok[k].upos, "PUNCT"))
                break;
        }
    }
    if (str_is(t->xpos, "VBN")) {
        /* "proposals scheduled for Wednesday" */
        static const char *const ahead[] = {"schedule", "expect", "plan", "slate", "due", NULL};
        for (int k = 0; ahead[k]; k++)
            if (t->lemma && !strcasecmp(t->lemma, ahead[k]))
                return T_FUTURE;
        return T_PAST;
    }
    if (str_is(t->xpos, "VBZ") || str_is(t->xpos, "VBP"))
        return speech_lemma(t->lemma) ? T_UNKNOWN : T_FUTURE;
    if (t->head == 0)
        return T_UNKNOWN;
    return tense_of(s, governing_pred(s, p), depth + 1);
}

/* ------------------------------------------------------------ resolving */

/* The occurrence of a month-day (or a month's first day) nearest the
 * article date a, in the direction the tense asks when it is far. */
static int32_t pick_year(int m, int d, int32_t a, int tense)
{
    int y = day_year(a);
    int32_t c[3];
    for (int k = 0; k < 3; k++) {
        int yy = y - 1 + k;
        int dd = d > month_len(yy, m) ? month_len(yy, m) : d;
        c[k] = ymd_to_day(yy, m, dd);
    }
    /* within a week of the article date it is this year's, whatever the
     * tense says (a tense read wrongly would cost a year) */
    int32_t cur = c[1];
    if ((cur > a ? cur - a : a - cur) <= 7)
        return cur;
    if (tense == T_PAST)
        return cur <= a ? cur : c[0];
    if (tense == T_FUTURE)
        return cur >= a ? cur : c[2];
    int32_t best = cur;
    for (int k = 0; k < 3; k++) {
        int32_t dk = c[k] > a ? c[k] - a : a - c[k];
        int32_t db = best > a ? best - a : a - best;
        if (dk < db)
            best = c[k];
    }
    return best;
}

/* The month m whose span holds or is nearest the article date, by tense. */
static int32_t pick_month(int m, int32_t a, int tense)
{
    int y = day_year(a), am = day_month(a);
    if (tense == T_PAST)
        return ymd_to_day(m <= am ? y : y - 1, m, 1);
    if (tense == T_FUTURE)
        return ymd_to_day(m >= am ? y : y + 1, m, 1);
    int diff = m - am; /* nearest, within six months either way */
    if (diff > 6)
        return ymd_to_day(y - 1, m, 1);
    if (diff < -6)
        return ymd_to_day(y + 1, m, 1);
    return ymd_to_day(y, m, 1);
}

/* Fills e->day, for a predicate of the given tense. False when it cannot be
 * resolved (a year out of range, "by Friday" of the future). */
static bool resolve(expr *e, int32_t a, int tense)
{
    if (e->by && tense != T_PAST)
        return false;
    int y = day_year(a), am = day_month(a);
    int awd = evc_day_weekday(a);
    switch (e->kind) {
    case K_OFFSET:
        e->day = a + e->n;
        return true;
    case K_MONTHS:
        e->day = add_months(a, e->n);
        return true;
    case K_WEEKDAY: {
        int back = (awd - e->wd + 7) % 7; /* days back to the last such day */
        int fwd = (e->wd - awd + 7) % 7;
        switch (e->rel) {
        case R_LAST: e->day = a - (back ? back : 7); break;
        case R_NEXT: e->day = a + (fwd ? fwd : 7); break;
        case R_COMING: e->day = a + fwd; break;
        case R_WEEK: e->day = week_start(a) + 7 * e->n + (e->wd - 1); break;
        default:
            if (tense == T_PAST)
                e->day = a - back;
            else if (tense == T_FUTURE)
                e->day = a + fwd;
            else
                e->day = back <= fwd ? a - back : a + fwd;
        }
        return true;
    }
    case K_PERIOD:
        switch (e->unit) {
        case U_WEEK: e->day = week_start(a) + 7 * e->n; break;
        case U_MONTH: e->day = month_start(a, e->n); break;
        case U_YEAR:
            if (y + e->n < 1 || y + e->n > 9999)
                return false;
            e->day = ymd_to_day(y + e->n, 1, 1);
            break;
        default: {
            /* a weekend: its Saturday; "this weekend" / "the weekend" the
             * one just past early in the week or for the past tense */
            int32_t sat = week_start(a) + 5; /* this week's Saturday */
            if (e->n < 0)
                e->day = sat - 7;
            else if (e->n > 0)
                e->day = sat + 7;
            else if (awd >= 6)
                e->day = sat;
            else if (tense == T_PAST || (tense == T_UNKNOWN && awd <= 3))
                e->day = sat - 7;
            else
                e->day = sat;
        }
        }
        return true;
    case K_MONTH:
        if (e->y) {
            e->day = ymd_to_day(e->y, e->m, 1);
        } else if (e->rel == R_LAST) {
            e->day = ymd_to_day(e->m < am ? y : y - 1, e->m, 1);
        } else if (e->rel == R_NEXT) {
            e->day = ymd_to_day(e->m > am ? y : y + 1, e->m, 1);
        } else if (e->rel == R_YEAROFF) {
            e->day = ymd_to_day(y + e->n, e->m, 1);
        } else {
            e->day = pick_month(e->m, a, tense);
        }
        return true;
    case K_DATE:
        if (e->y)
            e->day = ymd_to_day(e->y, e->m, e->d);
        else if (e->rel == R_YEAROFF && ymd_valid(y + e->n, e->m, e->d))
            e->day = ymd_to_day(y + e->n, e->m, e->d);
        else
            e->day = pick_year(e->m, e->d, a, tense);
        return true;
    case K_YEAR:
        e->day = ymd_to_day(e->y, 1, 1);
        return true;
    }
    return false;
}

/* Finds the expressions of s (at most MAX_EXPRS), left to right, not
 * overlapping. */
static int find_exprs(const evc_sentence *s, expr *out)
{
    int n = 0;
    for (int i = 1; i <= s->ntok && n < MAX_EXPRS; i++) {
        expr e;
        if (!match_at(s, i, &e))
            continue;
        int last = e.last;
        if (keep_expr(s, &e)) {
            e.anchor = anchor_of(s, &e);
            e.pred = governing_pred(s, e.anchor);
            out[n++] = e;
        }
        i = last;
    }
    return n;
}

static void set_day(evc_date_res *out, int32_t day, int gran, const char *method)
{
    int y, m, d;
    if (!day_to_ymd(day, &y, &m, &d)) {
        memset(out, 0, sizeof *out);
        out->method = "none";
        return;
    }
    out->day = day;
    out->date = (int32_t)y * 10000 + m * 100 + d;
    /* y is 1-9999, m and d two digits: exactly ten characters */
    out->iso[0] = (char)('0' + y / 1000);
    out->iso[1] = (char)('0' + y / 100 % 10);
    out->iso[2] = (char)('0' + y / 10 % 10);
    out->iso[3] = (char)('0' + y % 10);
    out->iso[4] = '-';
    out->iso[5] = (char)('0' + m / 10);
    out->iso[6] = (char)('0' + m % 10);
    out->iso[7] = '-';
    out->iso[8] = (char)('0' + d / 10);
    out->iso[9] = (char)('0' + d % 10);
    out->iso[10] = '\0';
    out->gran = (evc_date_gran)gran;
    out->method = method;
}

/* Are the expression and verb v in one stretch of words, with no clause
 * between them (no finite verb, auxiliary, subordinator, relative pronoun or
 * clause punctuation; before the verb, no comma either)? This catches what a
 * wrong attachment hides: "will resume Monday, a spokesman said" with Monday
 * hung on "said". */
static bool same_stretch(const evc_sentence *s, const expr *e, int v)
{
    /* before the verb and hung on a predicate before it: the tree is right
     * ("said on Thursday rebels attacked") */
    if (v > e->last && e->pred < e->first)
        return false;
    int lo = v < e->first ? v + 1 : e->last + 1;
    int hi = v < e->first ? e->first - 1 : v - 1;
    static const char *const breaks[] = {";", ":", "--", "(", ")", "\"", "which", "who",
                                         "whom", "whose", "that", "but", NULL};
    for (int i = lo; i <= hi; i++) {
        const evc_token *t = &s->tok[i];
        bool verb = str_is(t->upos, "VERB") && !str_is(t->deprel, "case") &&
                    !str_is(t->deprel, "mark") && !str_is(t->deprel, "fixed") &&
                    !str_is(t->deprel, "amod");
        /* the subject of another verb starts another clause ("it said
         * major buyers last month were ...") */
        bool subject = t->head != v && t->deprel &&
                       (!strncmp(t->deprel, "nsubj", 5) || !strncmp(t->deprel, "csubj", 5));
        if (verb || subject || str_is(t->upos, "AUX") || str_is(t->upos, "SCONJ") ||
            str_is(t->deprel, "mark") || is_any(s, i, breaks) ||
            (v > e->last && is_w(s, i, ",")))
            return false;
    }
    return true;
}

/* How close expression e is to verb v: 0 its own clause on the tree (the
 * predicate it modifies is v, or one is the other's xcomp), 1 its own clause
 * by the words (same_stretch), 2 a clause above v (the reporting clause
 * "said on Thursday (that) ..."), 3 elsewhere. */
static int closeness(const evc_sentence *s, const expr *e, int v)
{
    if (v < 1 || v > s->ntok)
        return 3;
    int p = e->pred;
    if (p == v)
        return 0;
    /* one clause with its infinitive or participle complement ("plans to
     * meet later today"), not with a gerund's ("denied today giving an
     * interview") */
    if ((s->tok[v].head == p && str_is(s->tok[v].deprel, "xcomp") &&
         !str_is(s->tok[v].xpos, "VBG")) ||
        (s->tok[p].head == v && str_is(s->tok[p].deprel, "xcomp") &&
         !str_is(s->tok[p].xpos, "VBG")))
        return 0;
    if (v >= e->first && v <= e->last)
        return 3;
    /* coordinated verbs that share a subject share a clause ("rose 5 pct
     * and closed higher on Friday") */
    if (((s->tok[p].head == v && str_is(s->tok[p].deprel, "conj") && !has_subject(s, p)) ||
         (s->tok[v].head == p && str_is(s->tok[v].deprel, "conj") && !has_subject(s, v))) &&
        str_is(s->tok[p].upos, "VERB") && str_is(s->tok[v].upos, "VERB"))
        return 1;
    if (same_stretch(s, e, v))
        return 1;
    if (is_ancestor(s, p, v))
        return 2;
    return 3;
}

evc_status evc_event_date_resolve(const evc_sentence *s, int verb,
                                  int32_t article_date, evc_date_res *out)
{
    if (!s || !out)
        return EVC_ERR_ARG;
    memset(out, 0, sizeof *out);
    out->method = "none";
    int32_t a = evc_date_to_day(article_date);
    if (a == INT32_MIN)
        return EVC_OK;
    expr ex[MAX_EXPRS];
    int n = s->tok && s->ntok > 0 ? find_exprs(s, ex) : 0;
    int best = -1, best_rank = 0;
    bool has_verb = verb >= 1 && verb <= s->ntok;
    int vt = has_verb ? tense_of(s, verb, 0) : T_UNKNOWN;
    bool speech = has_verb && speech_lemma(s->tok[verb].lemma);
    for (int k = 0; k < n; k++) {
        int c = closeness(s, &ex[k], verb);
        if (c >= 2 && ex[k].compared)
            continue;
        /* a speech verb is not dated by the clause it reports ("said the
         * firm had complained last July"; "prices will rise this year, the
         * minister told reporters", where the parser hangs the speech verb
         * under the report); it may be by a clause above ("quoted him last
         * month as saying") */
        if (speech && (c == 3 || (c == 2 && str_is(s->tok[verb].deprel, "parataxis"))))
            continue;
        /* found by the words, the expression takes the verb's tense */
        if (!resolve(&ex[k], a, c == 1 ? vt : tense_of(s, ex[k].pred, 0)))
            continue;
        /* an expression of another clause must not contradict the verb's
         * tense ("said" of a meeting "next week"), nor be a month or date
         * whose year was guessed far from the article date: those name
         * other events ("the crop year beginning August 1") */
        if (c >= 2 && ((vt == T_PAST && ex[k].day > a) || (vt == T_FUTURE && ex[k].day < a)))
            continue;
        if (c >= 2 && (ex[k].kind == K_MONTH || ex[k].kind == K_DATE) && !ex[k].y &&
            ex[k].rel == R_TENSE && (ex[k].day > a + 92 || ex[k].day < a - 92))
            continue;
        int dist = has_verb ? (ex[k].anchor > verb ? ex[k].anchor - verb : verb - ex[k].anchor) : k;
        /* rank: closeness, then the finer granularity, then the nearer */
        int rank = c * 100000 + ex[k].gran * 1000 + (dist < 999 ? dist : 999);
        if (best < 0 || rank < best_rank) {
            best = k;
            best_rank = rank;
        }
    }
    if (best < 0) {
        set_day(out, a, EVC_DATE_DAY, "article");
        return EVC_OK;
    }
    set_day(out, ex[best].day, ex[best].gran, best_rank < 200000 ? "clause" : "sentence");
    if (out->date) {
        out->first = ex[best].first;
        out->last = ex[best].last;
    }
    return EVC_OK;
}
