/* test_segment.c: the segmenter (src/segment/): UD English tokens (clitics,
 * abbreviations, numbers, URLs, quotes, dashes), offsets back into the text,
 * sentence ends, errors and limits, and the CoNLL 2018-style evaluation on
 * a small treebank (tests/data/segment/tiny.conllu). Run from the repo root. */
#include "evcode.h"
#include "segment/segment.h"
#include "testing.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static evc_arena *A;

/* Segments text (NUL-terminated); returns the number of sentences. */
static int seg(const char *text, evc_sentence **s)
{
    evc_error err = {0};
    int n = -1;
    evc_status st = evc_segment(text, strlen(text), A, s, &n, &err);
    CHECK_INT(st, EVC_OK);
    return n;
}

/* The forms of sentence s joined by spaces (a static buffer). */
static const char *forms(const evc_sentence *s)
{
    static char buf[8192];
    size_t k = 0;
    buf[0] = 0;
    for (int i = 1; i <= s->ntok && k + 1 < sizeof buf; i++) {
        int w = snprintf(buf + k, sizeof buf - k, "%s%s", i > 1 ? " " : "",
                         s->tok[i].form);
        if (w < 0)
            break;
        k += (size_t)w;
    }
    return buf;
}

/* All sentences of text, each followed by " |". */
static const char *all_forms(const char *text)
{
    static char buf[16384];
    evc_sentence *s;
    int n = seg(text, &s);
    size_t k = 0;
    buf[0] = 0;
    for (int i = 0; i < n && k + 1 < sizeof buf; i++) {
        int w = snprintf(buf + k, sizeof buf - k, "%s%s |", i ? " " : "",
                         forms(&s[i]));
        if (w < 0)
            break;
        k += (size_t)w;
    }
    return buf;
}

/* What the segmenter's form should be for the original bytes b[0..n). */
static void normalize(const char *b, size_t n, char *out)
{
    static const struct {
        const char *from, *to;
    } map[] = {
        {"\u2018", "'"},   {"\u2019", "'"},  {"\u201a", "'"},  {"\u201b", "'"},
        {"\u2032", "'"},   {"\u201c", "\""}, {"\u201d", "\""}, {"\u201e", "\""},
        {"\u201f", "\""},  {"\u2033", "\""}, {"\u2010", "-"},  {"\u2011", "-"},
        {"\u2212", "-"},   {"\u2012", "--"}, {"\u2013", "--"}, {"\u2014", "--"},
        {"\u2015", "--"},  {"\u2026", "..."},
    };
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        size_t j;
        for (j = 0; j < sizeof map / sizeof map[0]; j++) {
            size_t fl = strlen(map[j].from);
            if (i + fl <= n && memcmp(b + i, map[j].from, fl) == 0) {
                strcpy(out + o, map[j].to);
                o += strlen(map[j].to);
                i += fl;
                break;
            }
        }
        if (j == sizeof map / sizeof map[0])
            out[o++] = b[i++];
    }
    out[o] = 0;
}

/* Invariants of any segmentation of text: the root, the "_" columns,
 * offsets inside the text, increasing and non-overlapping, forms that are
 * the bytes they point at (normalized), sentence texts that are their
 * spans, at most EVC_SEGMENT_MAX_TOKENS tokens. */
static void check_invariants(const char *text, size_t len,
                             const evc_sentence *s, int n)
{
    long prev_end = 0;
    int bad = 0;
    static char norm[1 << 16];
    for (int i = 0; i < n && !bad; i++) {
        CHECK(s[i].ntok >= 1 && s[i].ntok <= EVC_SEGMENT_MAX_TOKENS);
        CHECK_STR(s[i].tok[0].form, "ROOT");
        CHECK_INT(s[i].tok[0].head, -1);
        CHECK(s[i].id == NULL && s[i].date == 0);
        const evc_token *f = &s[i].tok[1], *l = &s[i].tok[s[i].ntok];
        size_t span = (size_t)(l->off + l->len - f->off);
        CHECK(strlen(s[i].text) == span &&
              memcmp(s[i].text, text + f->off, span) == 0);
        for (int j = 1; j <= s[i].ntok; j++) {
            const evc_token *t = &s[i].tok[j];
            if (t->off < prev_end || t->len <= 0 ||
                (size_t)t->off + (size_t)t->len > len || t->head != 0 ||
                strcmp(t->lemma, "_") || strcmp(t->upos, "_") ||
                strcmp(t->xpos, "_") || strcmp(t->feats, "_") ||
                strcmp(t->deprel, "_")) {
                bad = 1;
                break;
            }
            prev_end = t->off + t->len;
            if ((size_t)t->len < sizeof norm / 3) {
                normalize(text + t->off, (size_t)t->len, norm);
                if (strcmp(norm, t->form) != 0) {
                    fprintf(stderr, "form \"%s\" at %d: bytes \"%.*s\"\n",
                            t->form, t->off, (int)t->len, text + t->off);
                    bad = 1;
                }
            }
        }
    }
    CHECK(!bad);
}

/* Checks that some token of s has this form at the offset where `where`
 * occurs in text (plus delta bytes) and this length. */
static void check_token(const char *text, const evc_sentence *s, int n,
                        const char *where, size_t delta, const char *form,
                        int len)
{
    const char *p = strstr(text, where);
    CHECK(p != NULL);
    if (!p)
        return;
    int32_t off = (int32_t)(p - text + (ptrdiff_t)delta);
    for (int i = 0; i < n; i++)
        for (int j = 1; j <= s[i].ntok; j++)
            if (s[i].tok[j].off == off) {
                CHECK_STR(s[i].tok[j].form, form);
                CHECK_INT(s[i].tok[j].len, len);
                return;
            }
    fprintf(stderr, "no token at offset %d (%s)\n", (int)off, form);
    CHECK(0);
}

static void test_empty(void)
{
    evc_sentence *s = (evc_sentence *)&s;
    int n = -1;
    evc_error err = {0};
    CHECK_INT(evc_segment("", 0, A, &s, &n, &err), EVC_OK);
    CHECK_INT(n, 0);
    CHECK(s == NULL);
    CHECK_INT(evc_segment(NULL, 0, A, &s, &n, &err), EVC_OK);
    CHECK_INT(n, 0);
    CHECK_INT(seg(" \n\t\r\n  \n", &s), 0);
    CHECK_INT(seg("\xc2\xa0\xe2\x80\x83", &s), 0); /* NBSP, em space */
    CHECK_INT(evc_segment("x", 1, NULL, &s, &n, &err), EVC_ERR_ARG);
    CHECK_INT(evc_segment("x", 1, A, NULL, &n, &err), EVC_ERR_ARG);
}

static void test_root_and_columns(void)
{
    evc_sentence *s;
    const char *t = "  Pakistan rejected the idea straightaway.  ";
    CHECK_INT(seg(t, &s), 1);
    CHECK_INT(s[0].ntok, 6);
    CHECK_STR(s[0].text, "Pakistan rejected the idea straightaway.");
    CHECK_STR(forms(&s[0]), "Pakistan rejected the idea straightaway .");
    CHECK_INT(s[0].tok[1].off, 2);
    CHECK_INT(s[0].tok[1].len, 8);
    CHECK_INT(s[0].tok[6].off, 41);
    CHECK_INT(s[0].tok[6].len, 1);
    check_invariants(t, strlen(t), s, 1);
}

static void test_clitics(void)
{
    CHECK_STR(all_forms("I don't know, you can't and won't."),
              "I do n't know , you ca n't and wo n't . |");
    CHECK_STR(all_forms("I'm sure they're here; we'll see, I've said he'd go."),
              "I 'm sure they 're here ; we 'll see , I 've said he 'd go . |");
    CHECK_STR(all_forms("It's John's. I cannot go, I'm gonna stay."),
              "It 's John 's . | I can not go , I 'm gon na stay . |");
    CHECK_STR(all_forms("DON'T. Isn't it? Ma'am O'Brien's rock'n'roll"),
              "DO N'T . | Is n't it ? | Ma'am O'Brien 's rock'n'roll |");
    /* possessive apostrophe vs closing quote */
    CHECK_STR(all_forms("The bosses' cars left."), "The bosses ' cars left . |");

    /* curly apostrophes: forms normalized, offsets on the original bytes */
    const char *t = "Don\u2019t take Pakistan\u2019s offer.";
    evc_sentence *s;
    CHECK_INT(seg(t, &s), 1);
    CHECK_STR(forms(&s[0]), "Do n't take Pakistan 's offer .");
    CHECK_INT(s[0].tok[2].off, 2);
    CHECK_INT(s[0].tok[2].len, 5); /* n + 3-byte ’ + t */
    CHECK_INT(s[0].tok[5].off, 21);
    CHECK_INT(s[0].tok[5].len, 4);
    check_invariants(t, strlen(t), s, 1);

    /* multiword tokens: which pieces form one orthographic word */
    CHECK_INT(seg("I don't think Steffes' car isn't gonna move, it's 'odd'.", &s), 1);
    CHECK_STR(forms(&s[0]), "I do n't think Steffes ' car is n't gon na move , it 's ' odd ' .");
    const int joined[] = {0, 0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0};
    for (int i = 1; i <= s[0].ntok && i < 20; i++)
        CHECK_INT(evc_segment_joins_previous(&s[0], i), joined[i]);
    CHECK_INT(evc_segment_joins_previous(&s[0], 0), 0);
    CHECK_INT(evc_segment_joins_previous(&s[0], s[0].ntok + 1), 0);
    CHECK_INT(evc_segment_joins_previous(NULL, 2), 0);
}

static void test_abbreviations(void)
{
    CHECK_STR(all_forms("Mr. Smith met Gen. Musharraf on Jan. 5 in the U.S. and left."),
              "Mr. Smith met Gen. Musharraf on Jan. 5 in the U.S. and left . |");
    CHECK_STR(all_forms("Dr. Jones, Sen. Warren and Mrs. Lee of Acme Inc. or Ltd. won."),
              "Dr. Jones , Sen. Warren and Mrs. Lee of Acme Inc. or Ltd. won . |");
    CHECK_STR(all_forms("See p. 5 and No. 3 (e.g. this, i.e. that, vs. them)."),
              "See p. 5 and No. 3 ( e.g. this , i.e. that , vs. them ) . |");
    /* a sentence-final abbreviation gives its stop to a token of its own */
    const char *t = "He lives in the U.S. We do not.";
    evc_sentence *s;
    CHECK_INT(seg(t, &s), 2);
    CHECK_STR(forms(&s[0]), "He lives in the U.S .");
    CHECK_INT(s[0].tok[5].off, 16);
    CHECK_INT(s[0].tok[5].len, 3);
    CHECK_INT(s[0].tok[6].off, 19);
    CHECK_INT(s[0].tok[6].len, 1);
    CHECK_STR(s[0].text, "He lives in the U.S.");
    check_invariants(t, strlen(t), s, 2);
    CHECK_STR(all_forms("We sell apples, pears, etc. The shop opens at 9 a.m. daily."),
              "We sell apples , pears , etc . | The shop opens at 9 a.m. daily . |");
    /* "No." before a number only: "No." at a sentence end is a word */
    CHECK_STR(all_forms("He said No. Then he left."),
              "He said No . | Then he left . |");
}

static void test_numbers(void)
{
    CHECK_STR(all_forms("Prices rose 2.5% to $600,000 in the 1990s, 11.8 times."),
              "Prices rose 2.5 % to $ 600,000 in the 1990s , 11.8 times . |");
    CHECK_STR(all_forms("At 5:30 pm on 11/28/2000 call 713-853-3989 or +1 x3-9890."),
              "At 5:30 pm on 11/28/2000 call 713-853-3989 or +1 x3 - 9890 . |");
    CHECK_STR(all_forms("The 21st of 27 rose .5 from 1969-1970 by 3-4 km at 10am."),
              "The 21st of 27 rose .5 from 1969 - 1970 by 3 - 4 km at 10 am . |");
}

static void test_urls_mail(void)
{
    CHECK_STR(all_forms("See http://www.example.com/a?b=c&d=1, or (www.x.org/y)."),
              "See http://www.example.com/a?b=c&d=1 , or ( www.x.org/y ) . |");
    CHECK_STR(all_forms("Mail john.smith@example.co.uk; Warner@ENRON or @user."),
              "Mail john.smith@example.co.uk ; Warner@ENRON or @user . |");
    CHECK_STR(all_forms("Open memo-2.doc at Represent.com in alt.animals.cat now."),
              "Open memo-2.doc at Represent.com in alt.animals.cat now . |");
}

static void test_quotes_dashes_ellipsis(void)
{
    CHECK_STR(all_forms("Wait... what? Well\u2026 no \u2014 maybe -- yes \u2013 fine."),
              "Wait ... what ? | Well ... no -- maybe -- yes -- fine . |");
    CHECK_STR(all_forms("He said \u201cStop.\u201d Then \"go\" and \u2018run\u2019 :-)"),
              "He said \" Stop . \" | Then \" go \" and ' run ' :-) |");
    CHECK_STR(all_forms("A re-run of non-violent e-mail and self-help well-known al-Qaeda."),
              "A re-run of non-violent e-mail and self - help well - known al - Qaeda . |");
    CHECK_STR(all_forms("What?! No!!! Really?? ----- ====="),
              "What ?! | No !!! | Really ?? | ----- | ===== |");
}

static void test_sentences(void)
{
    CHECK_STR(all_forms("Mr. Smith went to Washington. He left on Monday."),
              "Mr. Smith went to Washington . | He left on Monday . |");
    CHECK_STR(all_forms("I saw the U.S. Army. It was big! Was it? Yes."),
              "I saw the U.S. Army . | It was big ! | Was it ? | Yes . |");
    CHECK_STR(all_forms("\"We will not talk.\" The minister (Dar) agreed."),
              "\" We will not talk . \" | The minister ( Dar ) agreed . |");
    /* line breaks: a blank line always ends a sentence, and so does a line
     * break in text whose lines are paragraphs */
    CHECK_STR(all_forms("no stop here\n\nnext paragraph\nand a line"),
              "no stop here | next paragraph | and a line |");
    /* ... but not in hard-wrapped text, where an indented line opens a
     * paragraph (Reuters, 1987) */
    const char *wrapped =
        "Showers continued throughout the week in\n"
        "the Bahia cocoa zone, alleviating the drought since early\n"
        "January and improving prospects for the coming temporao,\n"
        "although normal humidity levels have not been restored,\n"
        "Comissaria Smith said in its weekly review.\n"
        "    The dry period means the temporao will be late this year\n"
        "    Arrivals for the week ended February 22 were 155,221 bags\n"
        "of 60 kilos making a cumulative total for the season.\n";
    evc_sentence *s;
    CHECK_INT(seg(wrapped, &s), 3);
    CHECK_INT(s[0].ntok, 42);
    CHECK_STR(s[1].text, "The dry period means the temporao will be late this year");
    CHECK_STR(forms(&s[2]), "Arrivals for the week ended February 22 were 155,221 "
                            "bags of 60 kilos making a cumulative total for the season .");
    check_invariants(wrapped, strlen(wrapped), s, 3);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *b = malloc(1 << 20);
    *len = b ? fread(b, 1, (1 << 20) - 1, f) : 0;
    fclose(f);
    if (b)
        b[*len] = 0;
    return b;
}

/* The example article: quotes, numbers, names, dashes and 28 sentences. */
static void test_pakistan(void)
{
    size_t len;
    char *t = read_file(SHARED "/examples/pakistan-ttp-talks.txt", &len);
    CHECK(t != NULL);
    if (!t)
        return;
    evc_sentence *s;
    int n = -1;
    evc_error err = {0};
    CHECK_INT(evc_segment(t, len, A, &s, &n, &err), EVC_OK);
    CHECK_INT(n, 28);
    check_invariants(t, len, s, n);
    if (n != 28) {
        free(t);
        return;
    }
    CHECK_STR(s[0].text, "Amidst a sharp surge in militant attacks on security "
                         "forces and civilians in recent months, Pakistan has "
                         "made it clear that it will not engage in any "
                         "negotiations with the militants.");
    CHECK_STR(forms(&s[20]), "Pakistan rejected the idea straightaway .");
    /* hyphenated names split as EWT and GUM split them (al - Qaeda) */
    check_token(t, s, n, "Tehrik-i-Taliban", 0, "Tehrik", 6);
    check_token(t, s, n, "Tehrik-i-Taliban", 6, "-", 1);
    check_token(t, s, n, "Tehrik-i-Taliban", 7, "i", 1);
    check_token(t, s, n, "Tehrik-i-Taliban", 9, "Taliban", 7);
    check_token(t, s, n, "(TTP).", 0, "(", 1);
    check_token(t, s, n, "(TTP).", 1, "TTP", 3);
    check_token(t, s, n, "(TTP).", 5, ".", 1);
    /* curly quotes: straight in the form, 3 bytes in the text */
    check_token(t, s, n, "\u201cno plans\u201d", 0, "\"", 3);
    check_token(t, s, n, "\u201cno plans\u201d", 3, "no", 2);
    check_token(t, s, n, "\u201cno plans\u201d", 11, "\"", 3);
    check_token(t, s, n, "\u2018warnings\u2019", 0, "'", 3);
    check_token(t, s, n, "\u2018warnings\u2019", 11, "'", 3);
    check_token(t, s, n, "\u201creinvigorated\u201d", 3, "reinvigorated", 13);
    /* clitics */
    check_token(t, s, n, "government\u2019s offer", 0, "government", 10);
    check_token(t, s, n, "government\u2019s offer", 10, "'s", 4);
    check_token(t, s, n, "a year\u2019s extension", 6, "'s", 4);
    /* dashes, hyphens */
    check_token(t, s, n, "success \u2013 in", 8, "--", 3);
    check_token(t, s, n, "short-lived", 5, "-", 1);
    check_token(t, s, n, "anti-state", 0, "anti-state", 10);
    check_token(t, s, n, "Pakistan-China", 8, "-", 1);
    /* numbers */
    check_token(t, s, n, "600,000 Afghan", 0, "600,000", 7);
    check_token(t, s, n, "300 attacks", 0, "300", 3);
    check_token(t, s, n, "27 taking", 0, "27", 2);
    check_token(t, s, n, "(IFRP).", 1, "IFRP", 4);
    /* the quote with its possessive-looking end is a quote, not a clitic */
    for (int i = 0; i < n; i++)
        for (int j = 2; j <= s[i].ntok; j++)
            if (strcmp(s[i].tok[j - 1].form, "warnings") == 0)
                CHECK_INT(evc_segment_joins_previous(&s[i], j), 0);
    CHECK_STR(forms(&s[2]), "Foreign Office spokesperson Mumtaz Zahra Baloch told "
                            "media in Islamabad that her government had \" no "
                            "plans \" to enter into talks with the banned terror group .");
    free(t);
}

static void test_utf8_errors(void)
{
    evc_sentence *s = (evc_sentence *)&s;
    int n = -1;
    evc_error err = {0};
    const char *bad = "ok line\nab\xff" "cd";
    CHECK_INT(evc_segment(bad, strlen(bad), A, &s, &n, &err), EVC_ERR_UTF8);
    CHECK_INT(err.code, EVC_ERR_UTF8);
    CHECK_INT(err.line, 2);
    CHECK_INT(err.column, 3);
    CHECK(s == NULL && n == 0);
    const char *cut = "abc\xe2\x80";
    CHECK_INT(evc_segment(cut, strlen(cut), A, &s, &n, &err), EVC_ERR_UTF8);
    CHECK_INT(err.line, 1);
    CHECK_INT(err.column, 4);
    const char *overlong = "x \xc0\xaf";
    CHECK_INT(evc_segment(overlong, strlen(overlong), A, &s, &n, &err),
              EVC_ERR_UTF8);
    CHECK_INT(err.column, 3);
    const char *surrogate = "\xed\xa0\x80";
    CHECK_INT(evc_segment(surrogate, 3, A, &s, &n, &err), EVC_ERR_UTF8);
    /* NUL bytes are text, not an error */
    CHECK_INT(evc_segment("a\0b", 3, A, &s, &n, &err), EVC_OK);
    /* errors are optional */
    CHECK_INT(evc_segment(bad, strlen(bad), A, &s, &n, NULL), EVC_ERR_UTF8);
}

/* Pathological input must stay linear: a 1 MB line without spaces in a
 * few shapes, each within a time budget, sentences at most 1000 tokens. */
static void test_huge_lines(void)
{
    static const char *const units[] = {"a", "ab-", "a.", "(", "@", ".-",
                                        "1,", "x'", "\u2019", "abc.def."};
    size_t len = 1 << 20;
    char *t = malloc(len + 8);
    CHECK(t != NULL);
    if (!t)
        return;
    for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
        size_t ul = strlen(units[u]), k = 0;
        while (k + ul <= len) {
            memcpy(t + k, units[u], ul);
            k += ul;
        }
        evc_arena *a = evc_arena_new(1 << 20);
        evc_sentence *s;
        int n = 0;
        evc_error err = {0};
        clock_t c0 = clock();
        evc_status st = evc_segment(t, k, a, &s, &n, &err);
        double secs = (double)(clock() - c0) / CLOCKS_PER_SEC;
        CHECK_INT(st, EVC_OK);
        if (secs > 3.0)
            fprintf(stderr, "1 MB of \"%s\" took %.2f s\n", units[u], secs);
        CHECK(secs < 3.0);
        long ntok = 0;
        for (int i = 0; i < n; i++) {
            CHECK(s[i].ntok <= EVC_SEGMENT_MAX_TOKENS);
            ntok += s[i].ntok;
        }
        CHECK(ntok >= 1);
        if (u == 0)
            CHECK(n == 1 && s[0].ntok == 1 && s[0].tok[1].len == (int32_t)k);
        if (u == 1)
            CHECK(n >= (int)(k / 2 / EVC_SEGMENT_MAX_TOKENS));
        evc_arena_free(a);
    }
    free(t);
}

static void test_invariants_mixed(void)
{
    const char *t =
        "\xef\xbb\xbf\u201cIt\u2019s 5\u20136 p.m.\u201d\u2014said Dr.\u00a0No\u2026 "
        "(see http://x.org/a_(b)).\r\n\r\nNext: caf\u00e9 na\u00efve \u00c9cole "
        "\u65e5\u672c\u8a9e 10\u00bd \u2212 3 \u2010 ok?! ''yes'' ``no'' \u2018\u2018q\u2019\u2019";
    evc_sentence *s;
    int n = seg(t, &s);
    CHECK(n >= 2);
    check_invariants(t, strlen(t), s, n);
}

static void test_eval(void)
{
    evc_seg_scores sc;
    evc_error err = {0};
    CHECK_INT(evc_segment_eval("tests/data/segment/tiny.conllu", &sc, &err), EVC_OK);
    /* gold: 29 tokens, 30 words, 4 sentences; the segmenter splits
     * 5-year-old (5 tokens for 1), writes cannot as can|not (one token, two
     * words) and misses the sentence end between "a lot" and "and more" */
    CHECK_INT(sc.tokens.gold, 29);
    CHECK_INT(sc.tokens.system, 33);
    CHECK_INT(sc.tokens.correct, 28);
    CHECK_INT(sc.words.gold, 30);
    CHECK_INT(sc.words.system, 35);
    CHECK_INT(sc.words.correct, 28);
    CHECK_INT(sc.sentences.gold, 4);
    CHECK_INT(sc.sentences.system, 3);
    CHECK_INT(sc.sentences.correct, 2);
    CHECK(sc.sentences.precision > 0.6666 && sc.sentences.precision < 0.6667);
    CHECK(sc.sentences.recall == 0.5);
    CHECK(sc.tokens.f1 > 0.9032 && sc.tokens.f1 < 0.9033);
    CHECK_INT((long)sc.bytes, 137);

    CHECK_INT(evc_segment_eval("tests/data/segment/missing.conllu", &sc, &err),
              EVC_ERR_IO);
    CHECK_INT(sc.tokens.gold, 0);
    const char *bad = "# text = a b\n1\ta\n2\tc\n\n";
    CHECK_INT(evc_segment_eval_mem(bad, strlen(bad), "bad.conllu", &sc, &err),
              EVC_ERR_SYNTAX);
    CHECK_INT(err.line, 1);
    const char *notext = "1\ta\n\n";
    CHECK_INT(evc_segment_eval_mem(notext, strlen(notext), "x", &sc, &err),
              EVC_ERR_SYNTAX);
    /* empty texts and forms (a fuzzer's find: no memcmp on NULL) */
    const char *blank = "# text =\n1\t \t_\n\n# text = a\n1-2\ta\n1\t\t_\n2\ta\n\n";
    CHECK_INT(evc_segment_eval_mem(blank, strlen(blank), "blank", &sc, &err), EVC_OK);
    CHECK_INT(sc.sentences.gold, 1);
    CHECK_INT(sc.tokens.correct, 1);
    CHECK_INT(evc_segment_eval_mem("", 0, "empty", &sc, &err), EVC_OK);
    CHECK_INT(sc.tokens.gold, 0);
    CHECK_INT(sc.sentences.system, 0);
}

int main(void)
{
    A = evc_arena_new(0);
    if (!A)
        return 1;
    test_empty();
    test_root_and_columns();
    test_clitics();
    test_abbreviations();
    test_numbers();
    test_urls_mail();
    test_quotes_dashes_ellipsis();
    test_sentences();
    test_pakistan();
    test_utf8_errors();
    test_huge_lines();
    test_invariants_mixed();
    test_eval();
    evc_arena_free(A);
    TEST_DONE();
}
