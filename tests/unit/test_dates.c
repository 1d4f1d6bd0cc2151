/* test_dates.c: calendar arithmetic (day numbers, weekdays, month ends, leap
 * years, year boundaries) and the event-date resolver on hand-made UD parses
 * (with Penn tags, for the tense): which expression governs a verb, how it
 * resolves, and which expressions are not event dates. No model needed; the
 * resolver on real parses is test_dates_gold.c. */
#include "evcode.h"
#include "testing.h"

static evc_arena *arena;

/* Resolves the date of token `verb` of the rows ("FORM LEMMA UPOS XPOS HEAD
 * DEPREL") against article date `date`; returns the ISO date and fills *r. */
static const char *resolve_rows(const char *const *rows, int verb, int32_t date,
                                evc_date_res *r)
{
    char buf[4096];
    size_t n = test_rows_conllu(rows, 2, buf, sizeof buf);
    evc_sentence s;
    evc_error err = {0};
    if (evc_conllu_parse(buf, n, arena, &s, "rows", 1, &err)) {
        fprintf(stderr, "bad rows: %s\n", err.message);
        exit(1);
    }
    static char iso[16];
    if (evc_event_date_resolve(&s, verb, date, r) != EVC_OK)
        return "error";
    snprintf(iso, sizeof iso, "%s", r->iso);
    return iso;
}

static void test_calendar(void)
{
    CHECK_INT(evc_date_to_day(19700101), 0);
    CHECK_INT(evc_date_to_day(19691231), -1);
    CHECK_INT(evc_date_to_day(19700102), 1);
    CHECK_INT(evc_date_to_day(20000101), 10957);
    CHECK_INT(evc_day_to_date(10957), 20000101);
    CHECK_INT(evc_date_to_day(00010101), INT32_MIN); /* octal 0101 = 65: no date */
    CHECK_INT(evc_day_to_date(evc_date_to_day(10101)), 10101);
    CHECK_INT(evc_day_to_date(evc_date_to_day(99991231)), 99991231);
    CHECK_INT(evc_day_to_date(evc_date_to_day(99991231) + 1), 0);
    CHECK_INT(evc_day_to_date(evc_date_to_day(10101) - 1), 0);

    /* leap years: every 4th, not every 100th, every 400th */
    CHECK(evc_date_valid(19880229));
    CHECK(!evc_date_valid(19870229));
    CHECK(evc_date_valid(20000229));
    CHECK(!evc_date_valid(19000229));
    CHECK(evc_date_valid(20240229));
    CHECK(!evc_date_valid(20230229));
    CHECK(!evc_date_valid(19870431));
    CHECK(!evc_date_valid(19871301));
    CHECK(!evc_date_valid(19870100));
    CHECK(!evc_date_valid(0));
    CHECK(!evc_date_valid(-19870101));
    CHECK_INT(evc_date_to_day(20000301) - evc_date_to_day(20000228), 2);
    CHECK_INT(evc_date_to_day(19000301) - evc_date_to_day(19000228), 1);
    CHECK_INT(evc_date_to_day(19880101) - evc_date_to_day(19870101), 365);
    CHECK_INT(evc_date_to_day(19890101) - evc_date_to_day(19880101), 366);

    /* month ends and year ends */
    CHECK_INT(evc_day_to_date(evc_date_to_day(19870131) + 1), 19870201);
    CHECK_INT(evc_day_to_date(evc_date_to_day(19870228) + 1), 19870301);
    CHECK_INT(evc_day_to_date(evc_date_to_day(19880228) + 1), 19880229);
    CHECK_INT(evc_day_to_date(evc_date_to_day(19861231) + 1), 19870101);
    CHECK_INT(evc_day_to_date(evc_date_to_day(19870101) - 1), 19861231);

    /* weekdays, ISO: 1 Monday .. 7 Sunday */
    CHECK_INT(evc_day_weekday(0), 4);                         /* 1970-01-01 Thu */
    CHECK_INT(evc_day_weekday(evc_date_to_day(19870226)), 4); /* Thursday */
    CHECK_INT(evc_day_weekday(evc_date_to_day(19870301)), 7); /* Sunday */
    CHECK_INT(evc_day_weekday(evc_date_to_day(20240101)), 1); /* Monday */
    CHECK_INT(evc_day_weekday(evc_date_to_day(19691231)), 3); /* Wednesday */
    CHECK_INT(evc_day_weekday(evc_date_to_day(10101)), 1);    /* 0001-01-01 Mon */

    /* every day of years 1-9999 round-trips, and days run on by one */
    int32_t prev = evc_date_to_day(10101) - 1;
    int bad = 0;
    for (int y = 1; y <= 9999; y++)
        for (int m = 1; m <= 12; m++)
            for (int d = 1; d <= 31; d++) {
                int32_t v = y * 10000 + m * 100 + d;
                if (!evc_date_valid(v))
                    continue;
                int32_t day = evc_date_to_day(v);
                if (day != prev + 1 || evc_day_to_date(day) != v)
                    bad++;
                prev = day;
            }
    CHECK_INT(bad, 0);

    CHECK_STR(evc_date_gran_str(EVC_DATE_DAY), "day");
    CHECK_STR(evc_date_gran_str(EVC_DATE_WEEK), "week");
    CHECK_STR(evc_date_gran_str(EVC_DATE_MONTH), "month");
    CHECK_STR(evc_date_gran_str(EVC_DATE_YEAR), "year");
    CHECK_STR(evc_date_gran_str(EVC_DATE_NONE), "");
}

/* "Prices rose in December ." / "Prices will rise in December ." */
static void test_months(void)
{
    const char *past[] = {"Prices price NOUN NNS 2 nsubj", "rose rise VERB VBD 0 root",
                          "in in ADP IN 4 case", "December December PROPN NNP 2 obl",
                          ". . PUNCT . 2 punct", NULL};
    const char *future[] = {"Prices price NOUN NNS 3 nsubj", "will will AUX MD 3 aux",
                            "rise rise VERB VB 0 root", "in in ADP IN 5 case",
                            "December December PROPN NNP 3 obl", ". . PUNCT . 3 punct", NULL};
    evc_date_res r;
    /* said in January of the past: last year's December */
    CHECK_STR(resolve_rows(past, 2, 19870115, &r), "1986-12-01");
    CHECK_STR(evc_date_gran_str(r.gran), "month");
    CHECK_STR(r.method, "clause");
    CHECK_INT(r.first, 3);
    CHECK_INT(r.last, 4);
    CHECK_STR(resolve_rows(future, 3, 19870115, &r), "1987-12-01");
    /* said in December: this December either way */
    CHECK_STR(resolve_rows(past, 2, 19871220, &r), "1987-12-01");
    CHECK_STR(resolve_rows(future, 3, 19871220, &r), "1987-12-01");
    CHECK_INT(r.date, 19871201);
    CHECK_INT(r.day, evc_date_to_day(19871201));

    /* "Sales fell last month ." in January: December of the year before */
    const char *last_month[] = {"Sales sale NOUN NNS 2 nsubj", "fell fall VERB VBD 0 root",
                                "last last ADJ JJ 4 amod", "month month NOUN NN 2 obl:tmod",
                                ". . PUNCT . 2 punct", NULL};
    CHECK_STR(resolve_rows(last_month, 2, 19870110, &r), "1986-12-01");
    CHECK_STR(resolve_rows(last_month, 2, 19880331, &r), "1988-02-01");

    /* "a month ago" on March 31: the month is shorter, its last day */
    const char *ago[] = {"Sales sale NOUN NNS 2 nsubj", "fell fall VERB VBD 0 root",
                         "a a DET DT 4 det", "month month NOUN NN 5 obl:npmod",
                         "ago ago ADV RB 2 advmod", ". . PUNCT . 2 punct", NULL};
    CHECK_STR(resolve_rows(ago, 2, 19870331, &r), "1987-02-28");
    CHECK_STR(evc_date_gran_str(r.gran), "month");
    CHECK_STR(resolve_rows(ago, 2, 19880331, &r), "1988-02-29");
    CHECK_STR(resolve_rows(ago, 2, 19870115, &r), "1986-12-15");
}

/* "He met them on Monday ." / "He will meet them on Monday ." */
static void test_weekdays(void)
{
    const char *past[] = {"He he PRON PRP 2 nsubj", "met meet VERB VBD 0 root",
                          "them they PRON PRP 2 obj", "on on ADP IN 5 case",
                          "Monday Monday PROPN NNP 2 obl", ". . PUNCT . 2 punct", NULL};
    const char *future[] = {"He he PRON PRP 3 nsubj", "will will AUX MD 3 aux",
                            "meet meet VERB VB 0 root", "them they PRON PRP 3 obj",
                            "on on ADP IN 6 case", "Monday Monday PROPN NNP 3 obl",
                            ". . PUNCT . 3 punct", NULL};
    evc_date_res r;
    /* Thursday 1987-02-26: the Monday before, the Monday after */
    CHECK_STR(resolve_rows(past, 2, 19870226, &r), "1987-02-23");
    CHECK_STR(evc_date_gran_str(r.gran), "day");
    CHECK_STR(resolve_rows(future, 3, 19870226, &r), "1987-03-02");
    /* on a Monday, "on Monday" is that day */
    CHECK_STR(resolve_rows(past, 2, 19870223, &r), "1987-02-23");
    CHECK_STR(resolve_rows(future, 3, 19870223, &r), "1987-02-23");
    /* across a year end: Friday 1987-01-02 */
    CHECK_STR(resolve_rows(past, 2, 19870102, &r), "1986-12-29");
    /* across February of a leap year: Thursday 1988-03-03 */
    CHECK_STR(resolve_rows(past, 2, 19880303, &r), "1988-02-29");

    /* "last Monday" is before the day even on a Monday; "next Monday" after */
    const char *last[] = {"He he PRON PRP 2 nsubj", "met meet VERB VBD 0 root",
                          "them they PRON PRP 2 obj", "last last ADJ JJ 5 amod",
                          "Monday Monday PROPN NNP 2 obl:tmod", ". . PUNCT . 2 punct", NULL};
    CHECK_STR(resolve_rows(last, 2, 19870223, &r), "1987-02-16");
    CHECK_STR(resolve_rows(last, 2, 19870226, &r), "1987-02-23");
    const char *next[] = {"He he PRON PRP 3 nsubj", "will will AUX MD 3 aux",
                          "meet meet VERB VB 0 root", "them they PRON PRP 3 obj",
                          "next next ADJ JJ 6 amod", "Monday Monday PROPN NNP 3 obl:tmod",
                          ". . PUNCT . 3 punct", NULL};
    CHECK_STR(resolve_rows(next, 3, 19870223, &r), "1987-03-02");
    CHECK_STR(resolve_rows(next, 3, 19870226, &r), "1987-03-02");

    /* "Thursday night" and "Wednesday last week" */
    const char *night[] = {"Talks talk NOUN NNS 2 nsubj", "ended end VERB VBD 0 root",
                           "Thursday Thursday PROPN NNP 4 compound",
                           "night night NOUN NN 2 obl:tmod", ". . PUNCT . 2 punct", NULL};
    CHECK_STR(resolve_rows(night, 2, 19870302, &r), "1987-02-26");
    CHECK_INT(r.first, 3);
    CHECK_INT(r.last, 4);
    const char *lastweek[] = {"Talks talk NOUN NNS 2 nsubj", "ended end VERB VBD 0 root",
                              "on on ADP IN 4 case", "Wednesday Wednesday PROPN NNP 2 obl",
                              "last last ADJ JJ 6 amod", "week week NOUN NN 4 obl:tmod",
                              ". . PUNCT . 2 punct", NULL};
    CHECK_STR(resolve_rows(lastweek, 2, 19870402, &r), "1987-03-25");
}

/* last/this/next week, ISO weeks from Monday, across a year end */
static void test_periods(void)
{
    const char *lastweek[] = {"Rebels rebel NOUN NNS 2 nsubj", "attacked attack VERB VBD 0 root",
                              "the the DET DT 4 det", "town town NOUN NN 2 obj",
                              "last last ADJ JJ 6 amod", "week week NOUN NN 2 obl:tmod",
                              ", , PUNCT , 9 punct", "officials official NOUN NNS 9 nsubj",
                              "said say VERB VBD 2 parataxis",
                              "yesterday yesterday NOUN NN 9 obl:tmod",
                              ". . PUNCT . 2 punct", NULL};
    evc_date_res r;
    /* Thursday 1987-02-26: last week began Monday 1987-02-16 */
    CHECK_STR(resolve_rows(lastweek, 2, 19870226, &r), "1987-02-16");
    CHECK_STR(evc_date_gran_str(r.gran), "week");
    CHECK_STR(r.method, "clause");
    /* each verb its own expression: "said yesterday" */
    CHECK_STR(resolve_rows(lastweek, 9, 19870226, &r), "1987-02-25");
    CHECK_STR(evc_date_gran_str(r.gran), "day");
    CHECK_STR(r.method, "clause");
    /* on a Sunday the ISO week is still the one that began on Monday */
    CHECK_STR(resolve_rows(lastweek, 2, 19870301, &r), "1987-02-16");
    /* Friday 1987-01-02: its week began Monday 1986-12-29 */
    CHECK_STR(resolve_rows(lastweek, 2, 19870102, &r), "1986-12-22");

    const char *nextyear[] = {"Output output NOUN NN 3 nsubj", "will will AUX MD 3 aux",
                              "rise rise VERB VB 0 root", "next next ADJ JJ 5 amod",
                              "year year NOUN NN 3 obl:tmod", ". . PUNCT . 3 punct", NULL};
    CHECK_STR(resolve_rows(nextyear, 3, 19871231, &r), "1988-01-01");
    CHECK_STR(evc_date_gran_str(r.gran), "year");
    const char *nextmonth[] = {"Output output NOUN NN 3 nsubj", "will will AUX MD 3 aux",
                               "rise rise VERB VB 0 root", "next next ADJ JJ 5 amod",
                               "month month NOUN NN 3 obl:tmod", ". . PUNCT . 3 punct", NULL};
    CHECK_STR(resolve_rows(nextmonth, 3, 19871215, &r), "1988-01-01");
}

/* The verb's own clause first, then the clause above it, then the article. */
static void test_choice(void)
{
    /* "The minister said on Thursday rebels attacked the town ." */
    const char *rows[] = {"The the DET DT 2 det", "minister minister NOUN NN 3 nsubj",
                          "said say VERB VBD 0 root", "on on ADP IN 5 case",
                          "Thursday Thursday PROPN NNP 3 obl", "rebels rebel NOUN NNS 7 nsubj",
                          "attacked attack VERB VBD 3 ccomp", "the the DET DT 9 det",
                          "town town NOUN NN 7 obj", ". . PUNCT . 3 punct", NULL};
    evc_date_res r;
    CHECK_STR(resolve_rows(rows, 3, 19870302, &r), "1987-02-26");
    CHECK_STR(r.method, "clause");
    CHECK_STR(resolve_rows(rows, 7, 19870302, &r), "1987-02-26");
    CHECK_STR(r.method, "sentence");
    /* no verb: any expression of the sentence */
    CHECK_STR(resolve_rows(rows, 0, 19870302, &r), "1987-02-26");
    CHECK_STR(r.method, "sentence");

    /* a speech verb is not dated by what it reports */
    const char *report[] = {"He he PRON PRP 2 nsubj", "said say VERB VBD 0 root",
                            "the the DET DT 4 det", "firm firm NOUN NN 6 nsubj",
                            "had have AUX VBD 6 aux", "complained complain VERB VBN 2 ccomp",
                            "last last ADJ JJ 8 amod", "July July PROPN NNP 6 obl:tmod",
                            ". . PUNCT . 2 punct", NULL};
    CHECK_STR(resolve_rows(report, 6, 19870320, &r), "1986-07-01");
    CHECK_STR(r.method, "clause");
    CHECK_STR(resolve_rows(report, 2, 19870320, &r), "1987-03-20");
    CHECK_STR(r.method, "article");
    const char *told[] = {"Prices price NOUN NNS 3 nsubj", "will will AUX MD 3 aux",
                          "rise rise VERB VB 0 root", "this this DET DT 5 det",
                          "year year NOUN NN 3 obl:tmod", ", , PUNCT , 8 punct",
                          "he he PRON PRP 8 nsubj", "told tell VERB VBD 3 parataxis",
                          "reporters reporter NOUN NNS 8 obj", ". . PUNCT . 3 punct", NULL};
    CHECK_STR(resolve_rows(told, 3, 19870320, &r), "1987-01-01");
    CHECK_STR(resolve_rows(told, 8, 19870320, &r), "1987-03-20");
    CHECK_STR(r.method, "article");

    /* no expression: the article date; no article date: nothing */
    const char *none[] = {"Rebels rebel NOUN NNS 2 nsubj", "attacked attack VERB VBD 0 root",
                          "the the DET DT 4 det", "town town NOUN NN 2 obj",
                          ". . PUNCT . 2 punct", NULL};
    CHECK_STR(resolve_rows(none, 2, 19870302, &r), "1987-03-02");
    CHECK_STR(r.method, "article");
    CHECK_STR(evc_date_gran_str(r.gran), "day");
    CHECK_INT(r.first, 0);
    CHECK_STR(resolve_rows(none, 2, 0, &r), "");
    CHECK_STR(r.method, "none");
    CHECK_INT(r.date, 0);
    CHECK_STR(resolve_rows(rows, 3, 0, &r), "");
    CHECK_STR(r.method, "none");
    CHECK_STR(resolve_rows(rows, 3, 19870230, &r), ""); /* not a date */
    CHECK_STR(r.method, "none");

    CHECK(evc_event_date_resolve(NULL, 1, 19870302, &r) == EVC_ERR_ARG);
    evc_sentence empty;
    memset(&empty, 0, sizeof empty);
    CHECK(evc_event_date_resolve(&empty, 1, 19870302, NULL) == EVC_ERR_ARG);
    CHECK(evc_event_date_resolve(&empty, 1, 19870302, &r) == EVC_OK);
    CHECK_STR(r.method, "article");
}

/* Comparisons, possessives and bounds are not event dates. */
static void test_not_dates(void)
{
    evc_date_res r;
    /* "Sales rose to 5 pct from 3 pct a year ago ." */
    const char *cmp[] = {"Sales sale NOUN NNS 2 nsubj", "rose rise VERB VBD 0 root",
                         "to to ADP IN 5 case", "5 5 NUM CD 5 nummod",
                         "pct pct NOUN NN 2 obl", "from from ADP IN 8 case",
                         "3 3 NUM CD 8 nummod", "pct pct NOUN NN 2 obl",
                         "a a DET DT 10 det", "year year NOUN NN 11 obl:npmod",
                         "ago ago ADV RB 8 advmod", ". . PUNCT . 2 punct", NULL};
    CHECK_STR(resolve_rows(cmp, 2, 19870302, &r), "1987-03-02");
    CHECK_STR(r.method, "article");
    /* "Output fell from last year 's level ." */
    const char *poss[] = {"Output output NOUN NN 2 nsubj", "fell fall VERB VBD 0 root",
                          "from from ADP IN 7 case", "last last ADJ JJ 5 amod",
                          "year year NOUN NN 7 nmod:poss", "'s 's PART POS 5 case",
                          "level level NOUN NN 2 obl", ". . PUNCT . 2 punct", NULL};
    CHECK_STR(resolve_rows(poss, 2, 19870302, &r), "1987-03-02");
    CHECK_STR(r.method, "article");
    /* "Talks were adjourned until Thursday ." */
    const char *until[] = {"Talks talk NOUN NNS 3 nsubj:pass", "were be AUX VBD 3 aux:pass",
                           "adjourned adjourn VERB VBN 0 root", "until until ADP IN 5 case",
                           "Thursday Thursday PROPN NNP 3 obl", ". . PUNCT . 3 punct", NULL};
    CHECK_STR(resolve_rows(until, 3, 19870302, &r), "1987-03-02");
    CHECK_STR(r.method, "article");
    /* "the February figure": a month that modifies a noun */
    const char *fig[] = {"The the DET DT 3 det", "February February PROPN NNP 3 compound",
                         "figure figure NOUN NN 4 nsubj", "rose rise VERB VBD 0 root",
                         ". . PUNCT . 4 punct", NULL};
    CHECK_STR(resolve_rows(fig, 4, 19870302, &r), "1987-03-02");
    CHECK_STR(r.method, "article");
    /* "a day earlier" counts from the article date; "two days later" from
     * an event of the story, so it is left alone */
    const char *earlier[] = {"He he PRON PRP 2 nsubj", "left leave VERB VBD 0 root",
                             "a a DET DT 4 det", "day day NOUN NN 5 obl:npmod",
                             "earlier early ADV RBR 2 advmod", ". . PUNCT . 2 punct", NULL};
    CHECK_STR(resolve_rows(earlier, 2, 19870301, &r), "1987-02-28");
    CHECK_STR(r.method, "clause");
    earlier[2] = "two two NUM CD 4 nummod";
    earlier[3] = "days day NOUN NNS 5 obl:npmod";
    earlier[4] = "later late ADV RBR 2 advmod";
    CHECK_STR(resolve_rows(earlier, 2, 19870301, &r), "1987-03-01");
    CHECK_STR(r.method, "article");
    /* "tomorrow-next" funds and "may" the verb are not dates */
    const char *modal[] = {"Rates rate NOUN NNS 3 nsubj", "may may AUX MD 3 aux",
                           "rise rise VERB VB 0 root", ". . PUNCT . 3 punct", NULL};
    CHECK_STR(resolve_rows(modal, 3, 19870302, &r), "1987-03-02");
    CHECK_STR(r.method, "article");
}

/* Dates with a month and day take the year the tense asks when far away. */
static void test_month_days(void)
{
    evc_date_res r;
    /* "The stock was issued on February 23 ." */
    const char *issued[] = {"The the DET DT 2 det", "stock stock NOUN NN 4 nsubj:pass",
                            "was be AUX VBD 4 aux:pass", "issued issue VERB VBN 0 root",
                            "on on ADP IN 7 case", "February February PROPN NNP 7 compound",
                            "23 23 NUM CD 4 obl", ". . PUNCT . 4 punct", NULL};
    CHECK_STR(resolve_rows(issued, 4, 19870313, &r), "1987-02-23");
    CHECK_STR(resolve_rows(issued, 4, 19870110, &r), "1986-02-23");
    /* "The vote will be held on November 20 ." said in February */
    const char *held[] = {"The the DET DT 2 det", "vote vote NOUN NN 5 nsubj:pass",
                          "will will AUX MD 5 aux", "be be AUX VB 5 aux:pass",
                          "held hold VERB VBN 0 root", "on on ADP IN 8 case",
                          "November November PROPN NNP 8 compound", "20 20 NUM CD 5 obl",
                          ". . PUNCT . 5 punct", NULL};
    CHECK_STR(resolve_rows(held, 5, 19870226, &r), "1987-11-20");
    /* "... on January 3" said on December 28: next year's */
    held[6] = "January January PROPN NNP 8 compound";
    held[7] = "3 3 NUM CD 5 obl";
    CHECK_STR(resolve_rows(held, 5, 19871228, &r), "1988-01-03");
    /* an explicit year wins; "4 July 1986" */
    const char *explicit_year[] = {"It it PRON PRP 2 nsubj", "ended end VERB VBD 0 root",
                                   "on on ADP IN 4 case", "4 4 NUM CD 2 obl",
                                   "July July PROPN NNP 4 nmod:tmod", "1986 1986 NUM CD 4 nmod:tmod",
                                   ". . PUNCT . 2 punct", NULL};
    CHECK_STR(resolve_rows(explicit_year, 2, 19870302, &r), "1986-07-04");
    CHECK_STR(evc_date_gran_str(r.gran), "day");
    /* "February 30" is no date */
    const char *bad[] = {"It it PRON PRP 2 nsubj", "ended end VERB VBD 0 root",
                         "on on ADP IN 5 case", "February February PROPN NNP 5 compound",
                         "30 30 NUM CD 2 obl", ". . PUNCT . 2 punct", NULL};
    CHECK_STR(resolve_rows(bad, 2, 19870302, &r), "1987-03-02");
    CHECK_STR(r.method, "article");
}

int main(void)
{
    arena = evc_arena_new(0);
    test_calendar();
    test_months();
    test_weekdays();
    test_periods();
    test_choice();
    test_not_dates();
    test_month_days();
    evc_arena_free(arena);
    TEST_DONE();
}
