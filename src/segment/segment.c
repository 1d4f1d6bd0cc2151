/* segment.c: raw English text -> sentences of tokens in the conventions of the
 * UD English treebanks EWT and GUM (v2): clitics, punctuation and most hyphens
 * split; numbers, URLs, e-mail addresses and abbreviations whole. A scanner
 * driven by a byte-class table (charclass.c) cuts tokens; punctuation rules
 * and an averaged perceptron (sbd_model.c) end sentences. Linear throughout. */
#include "segment/segment.h"
#include "segment/charclass.h"
#include "segment/sbd.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ---------------------------------------------------------------- tokens */

/* Facts about a token, gathered by the scanner for the sentence rules. */
enum {
    T_NL = 1u << 0,         /* a line break before it */
    T_BLANK = 1u << 1,      /* a blank line before it */
    T_INDENT = 1u << 2,     /* the line it begins is indented */
    T_SHORTPREV = 1u << 3,  /* the line before it is short (wrapped text) */
    T_ABBR = 1u << 4,       /* a word with its abbreviation stop: "Inc." */
    T_TITLE = 1u << 5,      /* an abbreviation before a name or number: "Mr." */
    T_TERM = 1u << 6,       /* runs of . ! ? and ellipses */
    T_ELLIPSIS = 1u << 7,   /* "..", "...", U+2026 */
    T_CLOSE = 1u << 8,      /* closing bracket or quote */
    T_OPEN = 1u << 9,       /* opening bracket or quote */
    T_EMOTICON = 1u << 10,  /* :-) and friends: stay with the sentence before */
    T_NOSTART = 1u << 11,   /* , ; : and such: never begins a sentence */
    T_UPPER = 1u << 12,     /* begins with an uppercase letter */
    T_DIGIT = 1u << 13,     /* begins with a digit */
    T_WORD = 1u << 14,      /* letters, digits, URL: not punctuation */
    T_NORM = 1u << 15,      /* its form differs from its bytes */
    T_RULE = 1u << 16,      /* the punctuation rules end a sentence after it */
    T_FORCED = 1u << 17,    /* a line break ends a sentence after it */
    T_END = 1u << 18        /* a sentence ends after it (the final verdict) */
};

typedef struct stok {
    uint32_t off, len;
    uint32_t flags;
    uint32_t word, shape; /* feature hashes of its form and its shape */
    uint32_t pos;         /* tokens before it since a paragraph break, max 3 */
} stok;

/* Extra classes for code points past ASCII, next to the CC_ bits. */
#define K_WORDU 0x010000u /* letter, mark or number past ASCII */
#define K_SQ 0x020000u    /* a curly single quote or apostrophe */
#define K_DQ 0x040000u    /* a curly or angle double quote */
#define K_HYPH 0x080000u  /* U+2010, U+2011, U+2212: a hyphen */
#define K_DASH 0x100000u  /* figure, en, em dash, horizontal bar */
#define K_ELL 0x200000u   /* U+2026 */
#define K_OPENQ 0x400000u /* the quote opens */
#define K_CLOSEQ 0x800000u /* the quote closes */

#define WORDCH (CC_ALNUM | K_WORDU)

typedef struct seg {
    const unsigned char *t;
    size_t n;
    stok *tok;
    size_t ntok, cap;
    int oom;
    uint32_t pending;      /* whitespace facts for the next chunk's token */
    size_t dot_plain_until;  /* dots before here split with no look-ahead */
    size_t hyph_plain_until; /* likewise for hyphens between digits */
    size_t mail_fail_until;  /* no e-mail address starts before here */
    size_t file_fail_until;  /* no file or host name starts before here */
    int chunk_has_at;
    int squote_open;       /* an opening ' awaits its closing one */
    int dquote_open;       /* likewise for " */
    int wrapped;           /* the text is hard-wrapped (newlines in sentences) */
    size_t wrap_width;
} seg;

/* ---------------------------------------------------------------- characters */

/* Decodes the (already validated) UTF-8 sequence at s[i]. */
static int32_t decode(const unsigned char *s, size_t i, int *k)
{
    unsigned c = s[i];
    if (c < 0xe0) {
        *k = 2;
        return (int32_t)(((c & 0x1f) << 6) | (s[i + 1] & 0x3f));
    }
    if (c < 0xf0) {
        *k = 3;
        return (int32_t)(((c & 0x0f) << 12) | ((s[i + 1] & 0x3fu) << 6) |
                         (s[i + 2] & 0x3f));
    }
    *k = 4;
    return (int32_t)(((c & 0x07) << 18) | ((s[i + 1] & 0x3fu) << 12) |
                     ((s[i + 2] & 0x3fu) << 6) | (s[i + 3] & 0x3f));
}

/* Class bits of a code point past ASCII. */
static uint32_t uclass(int32_t cp)
{
    switch (cp) {
    case 0x85: case 0x2028: case 0x2029:
        return CC_NL;
    case 0xa0: case 0x1680: case 0x202f: case 0x205f: case 0x3000:
    case 0x200b: case 0xfeff:
        return CC_SPACE;
    case 0x2018: case 0x201a: case 0x201b:
        return CC_PUNCT | CC_QUOTE | K_SQ | K_OPENQ;
    case 0x2019: case 0x2032:
        return CC_PUNCT | CC_QUOTE | K_SQ | K_CLOSEQ;
    case 0x201c: case 0x201e: case 0x201f: case 0xab:
        return CC_PUNCT | CC_QUOTE | K_DQ | K_OPENQ;
    case 0x201d: case 0x2033: case 0xbb:
        return CC_PUNCT | CC_QUOTE | K_DQ | K_CLOSEQ;
    case 0x2010: case 0x2011: case 0x2212:
        return CC_PUNCT | K_HYPH;
    case 0x2012: case 0x2013: case 0x2014: case 0x2015:
        return CC_PUNCT | K_DASH;
    case 0x2026:
        return CC_PUNCT | CC_TERM | K_ELL;
    default:
        break;
    }
    if (cp >= 0x2000 && cp <= 0x200a)
        return CC_SPACE;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
        return K_WORDU | CC_UPPER;
    case UTF8PROC_CATEGORY_LL:
        return K_WORDU | CC_LOWER;
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
    case UTF8PROC_CATEGORY_CF:
        return K_WORDU;
    case UTF8PROC_CATEGORY_ZS:
        return CC_SPACE;
    case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP:
        return CC_NL;
    default:
        return CC_PUNCT;
    }
}

/* Class bits of the character at t[i] (i < n), and its length in *k. */
static inline uint32_t kind_at(const seg *S, size_t i, int *k)
{
    unsigned char b = S->t[i];
    if (b < 0x80) {
        *k = 1;
        return evc_seg_cclass[b];
    }
    return uclass(decode(S->t, i, k));
}

/* Class bits at i, or 0 at or past e. */
static inline uint32_t kind_in(const seg *S, size_t i, size_t e)
{
    int k;
    return i < e ? kind_at(S, i, &k) : 0;
}

static int lower_ascii(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Lowercased copy of t[p..q) into buf (size 24), or 0 if it is too long or
 * not ASCII. */
static int lower_key(const seg *S, size_t p, size_t q, char *buf)
{
    if (q - p >= 24)
        return 0;
    for (size_t i = p; i < q; i++) {
        if (S->t[i] >= 0x80)
            return 0;
        buf[i - p] = (char)lower_ascii(S->t[i]);
    }
    buf[q - p] = 0;
    return 1;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int in_list(const char *key, const char *const *list, size_t n)
{
    return bsearch(&key, list, n, sizeof *list, cmp_str) != NULL;
}

#define IN(key, list) in_list(key, list, sizeof list / sizeof list[0])

/* ---------------------------------------------------------------- word lists */

/* The lists are sorted (bsearch); they come from the abbreviations, prefixes
 * and units the EWT and GUM training files show, plus common news usage. */

/* Abbreviations that stand before a name or number and so never end a
 * sentence ("Mr. Smith", "Gen. Musharraf", "St. Louis"). Lowercase keys:
 * a text form matches as written in lowercase, capitalized or all caps,
 * except that lowercase text only matches the lowercase-only entries. */
static const char *const TITLES[] = {
    "adm", "amb", "atty", "brig", "capt", "cmdr", "col", "cpl", "det", "dr",
    "drs",
    "fr", "ft", "gen", "gov", "hon", "insp", "lt", "maj", "messrs", "mlle",
    "mme", "mr", "mrs", "ms", "mt", "pres", "prof", "pvt", "rep", "reps",
    "rev", "sen", "sens", "sgt", "st", "supt",
};

/* Abbreviations that may end a sentence. */
static const char *const ABBREVS[] = {
    "ala", "apr", "ariz", "ark", "assn", "aug", "ave", "blvd", "bros",
    "cal", "calif", "colo", "conn", "corp", "dec", "del", "dept", "esq", "feb",
    "fla", "fri", "ga", "inc", "ind", "jan", "jr", "jul", "jun", "kan",
    "kans", "ky", "la", "ltd", "mar", "mass", "md", "mich", "minn", "miss",
    "mo", "mon", "mont", "neb", "nev", "nov", "oct", "okla", "ore", "pa",
    "penn", "rd", "sat", "sep", "sept", "sr", "sun", "tenn", "tex", "thu",
    "thur", "thurs", "tue", "tues", "univ", "va", "vt", "wash", "wed", "wis",
    "wyo",
};

/* Lowercase-only abbreviations (any case matches). */
static const char *const ABBREVS_LC[] = {
    "a.k.a", "al", "approx", "ca", "cf", "co", "esp", "est", "etc", "ext",
    "hr", "hrs", "incl", "lb", "lbs", "min", "mins", "misc", "oz", "sq",
    "viz", "vs", "yr", "yrs",
};

/* Abbreviations only before a number: "No. 5", "pp. 12". */
static const char *const NUM_ABBREVS[] = {
    "art", "ch", "fig", "figs", "no", "nos", "op", "p", "pp", "sec", "vol",
    "vols",
};

/* Of these, the lowercase ones mid-sentence never end it. */
static const char *const NEVER_END[] = {
    "approx", "ca", "cf", "e.g", "i.e", "viz", "vs",
};

/* Hyphenated words whose first part is one of these stay whole
 * (non-violent, e-mail, re-elected); other hyphens are split, as EWT and GUM
 * split "al - Qaeda", "year - old", "Tehrik - i - Taliban". */
static const char *const HYPH_PREFIXES[] = {
    "anti", "co", "counter", "cross", "e", "ex", "inter", "intra", "macro",
    "micro", "mid", "mini", "multi", "neo", "non", "over", "post", "pre",
    "pro", "proto", "psycho", "re", "semi", "socio", "sub", "super", "ultra",
    "un",
};

/* Letters after a number that the treebanks split off: "10 am", "5 kg". */
static const char *const UNITS[] = {
    "am", "bn", "cm", "ft", "g", "gb", "ghz", "hr", "hrs", "k", "kb", "kg",
    "km", "kw", "kwh", "lb", "lbs", "m", "mb", "mg", "mhz", "mi", "min",
    "mins", "ml", "mln", "mm", "mph", "mw", "oz", "pm", "sec", "secs", "x",
    "yr", "yrs",
};

/* Top-level domains that make "word.tld" a host name (words such as "in",
 * "it", "me", "us" are left out: "come in.It" is two sentences). */
static const char *const TLDS[] = {
    "ae", "af", "au", "biz", "br", "ca", "cn", "com", "cz", "de", "dk", "edu",
    "es", "eu", "fi", "fr", "gov", "gr", "hk", "ie", "il", "info", "io", "ir",
    "jp", "ke", "kr", "mil", "mx", "net", "ng", "nl", "nz", "org", "pk", "pl",
    "ru", "se", "sg", "tv", "tw", "uk", "za",
};

/* File extensions that make "name.ext" one token. */
static const char *const FILE_EXTS[] = {
    "asp", "aspx", "avi", "cfm", "csv", "doc", "docx", "exe", "gif", "htm",
    "html", "jpeg", "jpg", "jsp", "mov", "mp3", "mp4", "pdf", "php", "png",
    "ppt", "pptx", "rtf", "txt", "wav", "xls", "xlsx", "xml", "zip",
};

/* Words that, capitalized after an abbreviation's stop, begin a sentence
 * ("... Inc. The company said"); a capitalized name after it does not. */
static const char *const STARTERS[] = {
    "a", "after", "all", "also", "although", "an", "and", "another", "are",
    "as", "at", "because", "before", "both", "but", "can", "could", "did",
    "do", "does", "dr", "each", "even", "every", "for", "from", "had", "has",
    "have", "he", "her", "here", "his", "how", "however", "i", "if", "in",
    "is", "it", "its", "just", "last", "let", "many", "meanwhile", "more",
    "most", "mr", "mrs", "ms", "my", "no", "not", "now", "of", "on", "once",
    "one", "only", "or", "our", "please", "she", "since", "so", "some",
    "still", "such", "thanks", "that", "the", "their", "then", "there",
    "these", "they", "this", "those", "thus", "to", "today", "under",
    "was", "we", "were", "what", "when", "where", "which", "while", "who",
    "why", "will", "with", "would", "yes", "yesterday", "you", "your",
};

/* Word contractions written without an apostrophe, split as the treebanks
 * split them (multiword tokens): the key and the length of its first part. */
static const struct {
    const char *word;
    int first;
} FUSED[] = {
    {"aint", 2},    {"arent", 3},   {"cannot", 3},  {"cant", 2},
    {"couldnt", 5}, {"didnt", 3},   {"doesnt", 4},  {"dont", 2},
    {"gimme", 3},   {"gonna", 3},   {"gotta", 3},   {"hadnt", 3},
    {"hasnt", 3},   {"havent", 4},  {"hes", 2},     {"im", 1},
    {"isnt", 2},    {"ive", 1},     {"outta", 3},   {"shouldnt", 6},
    {"thats", 4},   {"theyre", 4},  {"wanna", 3},   {"wasnt", 3},
    {"werent", 4},  {"whats", 4},   {"wont", 2},    {"wouldnt", 5},
    {"youre", 3},
};

/* ---------------------------------------------------------------- emitting */

static int grow(seg *S)
{
    size_t cap = S->cap ? S->cap * 2 : 1024;
    stok *t = realloc(S->tok, cap * sizeof *t);
    if (!t) {
        S->oom = 1;
        return 0;
    }
    S->tok = t;
    S->cap = cap;
    return 1;
}

/* Does t[p..p+len) hold a character evc_segment rewrites in the form? */
static int needs_norm(const seg *S, size_t p, size_t len)
{
    const unsigned char *s = S->t + p;
    for (size_t i = 0; i + 2 < len; i++) {
        if (s[i] != 0xe2)
            continue;
        if (s[i + 1] == 0x80 &&
            ((s[i + 2] >= 0x90 && s[i + 2] <= 0x95) ||
             (s[i + 2] >= 0x98 && s[i + 2] <= 0x9f) || s[i + 2] == 0xa6 ||
             s[i + 2] == 0xb2 || s[i + 2] == 0xb3))
            return 1;
        if (s[i + 1] == 0x88 && s[i + 2] == 0x92)
            return 1;
    }
    return 0;
}

static void emit(seg *S, size_t p, size_t q, uint32_t flags)
{
    if (q <= p || S->oom)
        return;
    if (S->ntok == S->cap && !grow(S))
        return;
    int k;
    uint32_t c = kind_at(S, p, &k);
    if (c & CC_UPPER)
        flags |= T_UPPER;
    else if (c & CC_DIGIT)
        flags |= T_DIGIT;
    if (c & WORDCH)
        flags |= T_WORD;
    if (needs_norm(S, p, q - p))
        flags |= T_NORM;
    stok *t = &S->tok[S->ntok++];
    t->off = (uint32_t)p;
    t->len = (uint32_t)(q - p);
    t->flags = flags | S->pending;
    S->pending = 0;
}

static stok *last_tok(seg *S)
{
    return S->ntok ? &S->tok[S->ntok - 1] : NULL;
}

/* Is the last token a word ending right at p (no space between)? */
static int glued_word(seg *S, size_t p)
{
    stok *t = last_tok(S);
    return t && t->off + t->len == p && (t->flags & T_WORD);
}

/* ---------------------------------------------------------------- URLs, mail */

static int starts_ci(const seg *S, size_t p, size_t e, const char *w)
{
    size_t n = strlen(w);
    if (e - p < n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (lower_ascii(S->t[p + i]) != w[i])
            return 0;
    return 1;
}

/* End of a URL starting at p, or 0. Sentence punctuation and an unmatched
 * closing bracket at its end are left out. */
static size_t url_end(const seg *S, size_t p, size_t e)
{
    static const char *const schemes[] = {"http://", "https://", "ftp://",
                                          "www.", "mailto:", "file://"};
    size_t r = 0;
    if (!strchr("hHwWfFmM", S->t[p]))
        return 0;
    for (size_t i = 0; i < sizeof schemes / sizeof schemes[0]; i++)
        if (starts_ci(S, p, e, schemes[i])) {
            r = p + strlen(schemes[i]);
            break;
        }
    if (!r || r >= e || !(kind_in(S, r, e) & (CC_ALNUM | CC_URL)))
        return 0;
    long paren = 0;
    while (r < e && ((evc_seg_cclass[S->t[r]] & CC_URL) || S->t[r] >= 0x80)) {
        if (S->t[r] == '(')
            paren++;
        else if (S->t[r] == ')')
            paren--;
        r++;
    }
    while (r > p) {
        unsigned char c = S->t[r - 1];
        if (c == ')' && paren < 0) {
            paren++;
            r--;
        } else if (strchr(".,;:!?'\"]}>", c) && c != 0) {
            r--;
        } else {
            break;
        }
    }
    return r;
}

/* End of an e-mail address starting at p, or 0. */
static size_t mail_end(seg *S, size_t p, size_t e)
{
    if (p < S->mail_fail_until)
        return 0;
    size_t r = p;
    while (r < e && (evc_seg_cclass[S->t[r]] & CC_MAIL))
        r++;
    if (r == p || r >= e || S->t[r] != '@') {
        S->mail_fail_until = r > p ? r : p + 1;
        return 0;
    }
    size_t d = r + 1, q = d;
    int dots = 0;
    while (q < e && ((evc_seg_cclass[S->t[q]] & CC_ALNUM) || S->t[q] == '-' ||
                     (S->t[q] == '.' && q + 1 < e &&
                      (evc_seg_cclass[S->t[q + 1]] & CC_ALNUM)))) {
        dots += S->t[q] == '.';
        q++;
    }
    (void)dots; /* Enron-style name@ENRON has none */
    if (q - d < 2) {
        S->mail_fail_until = r + 1;
        return 0;
    }
    return q;
}

/* ---------------------------------------------------------------- words */

/* Is "n't" (or "n’t") at q, ending the word? Sets *end past it. */
static int is_nt(const seg *S, size_t q, size_t e, size_t *end)
{
    const unsigned char *t = S->t;
    if (q + 3 > e || lower_ascii(t[q]) != 'n')
        return 0;
    size_t a = q + 1;
    int k = 0;
    uint32_t c = kind_at(S, a, &k);
    if (!(t[a] == '\'' || (c & K_SQ)))
        return 0;
    a += (size_t)k;
    if (a >= e || lower_ascii(t[a]) != 't')
        return 0;
    a++;
    if (kind_in(S, a, e) & WORDCH)
        return 0;
    *end = a;
    return 1;
}

/* Length of a clitic suffix (s, re, ll, ve, d, m) at a that ends the word. */
static size_t clitic_suffix(const seg *S, size_t a, size_t e)
{
    static const char *const suf[] = {"s", "re", "ll", "ve", "d", "m"};
    for (size_t i = 0; i < sizeof suf / sizeof suf[0]; i++) {
        size_t n = strlen(suf[i]);
        if (a + n > e)
            continue;
        size_t j = 0;
        while (j < n && lower_ascii(S->t[a + j]) == suf[i][j])
            j++;
        if (j == n && !(kind_in(S, a + n, e) & WORDCH))
            return n;
    }
    return 0;
}

/* Is t[p..q) an abbreviation (without its stop) that keeps the stop? `next`
 * is the first character after the stop and the whitespace after it.
 * Sets T_TITLE in *fl for the ones that never end a sentence. */
static int is_abbrev(const seg *S, size_t p, size_t q, uint32_t next_kind,
                     uint32_t *fl)
{
    char key[24];
    if (!lower_key(S, p, q, key))
        return 0;
    int cap = S->t[p] >= 'A' && S->t[p] <= 'Z';
    int allcaps = 1, lower = 1;
    for (size_t i = p; i < q; i++) {
        if (S->t[i] >= 'a' && S->t[i] <= 'z')
            allcaps = 0;
        if (S->t[i] >= 'A' && S->t[i] <= 'Z')
            lower = 0;
    }
    if (IN(key, NUM_ABBREVS) && (next_kind & CC_DIGIT)) {
        *fl |= T_TITLE;
        return 1;
    }
    if (IN(key, ABBREVS_LC)) {
        if (IN(key, NEVER_END))
            *fl |= T_TITLE;
        return 1;
    }
    if (lower || !(cap || allcaps))
        return 0;
    if (IN(key, TITLES)) {
        *fl |= T_TITLE;
        return 1;
    }
    if (IN(key, ABBREVS)) {
        /* months before a day number: "Jan. 5" */
        if (next_kind & CC_DIGIT)
            *fl |= T_TITLE;
        return 1;
    }
    return 0;
}

/* First non-space character class after i (up to the text's end). */
static uint32_t next_visible(const seg *S, size_t i)
{
    int k;
    while (i < S->n) {
        uint32_t c = kind_at(S, i, &k);
        if (!(c & CC_WS))
            return c;
        i += (size_t)k;
    }
    return 0;
}

/* Is the hyphen at q part of the word t[p..q)...? Returns where the word
 * goes on (past the hyphen, or past a whole phone number), or 0 to split. */
static size_t hyphen_end(seg *S, size_t p, size_t q, size_t hl, size_t e)
{
    const unsigned char *t = S->t;
    int digits = t[q] == '-';
    for (size_t i = p; i < q && digits; i++)
        digits = t[i] >= '0' && t[i] <= '9';
    if (digits) {
        if (q < S->hyph_plain_until || !(kind_in(S, q + 1, e) & CC_DIGIT))
            return 0;
        /* groups of digits: phone numbers and dates stay whole (713-853-3989,
         * 11-20-2000, 646-8420); ranges split (1969 - 1970, 3 - 4) */
        size_t r = p, groups = 0, len[2] = {0, 0};
        while (r < e) {
            size_t g = r;
            while (r < e && t[r] >= '0' && t[r] <= '9')
                r++;
            if (r == g)
                break;
            if (groups < 2)
                len[groups] = r - g;
            groups++;
            if (r + 1 < e && t[r] == '-' && t[r + 1] >= '0' && t[r + 1] <= '9')
                r++;
            else
                break;
        }
        if (groups >= 3 || (groups == 2 && len[0] <= 3 && len[1] == 4))
            return r;
        S->hyph_plain_until = r;
        return 0;
    }
    /* the part since the last hyphen */
    size_t a = q;
    while (a > p && t[a - 1] != '-')
        a--;
    char key[24];
    if (a != p || !lower_key(S, a, q, key))
        return 0;
    return IN(key, HYPH_PREFIXES) ? q + hl : 0;
}

/* A run of word characters, single dots, hyphens and underscores from p:
 * returns its end, and tells whether it reads as initials (U.S, e.g, Ph.D),
 * a host name (www.x.org, Represent.com) or a file name (memo.doc). */
static size_t dotted_run(const seg *S, size_t p, size_t e, int *initials,
                         int *host)
{
    const unsigned char *t = S->t;
    size_t r = p, seg_start = p, last_seg = p;
    int maxseg = 0, hyph = 0, nondigit = 0, upper = 0, nseg = 1;
    int k;
    while (r < e) {
        uint32_t c = kind_at(S, r, &k);
        if (c & WORDCH) {
            if (!(c & CC_DIGIT))
                nondigit = 1;
            if (!(c & (CC_LOWER | CC_DIGIT)))
                upper = 1;
            r += (size_t)k;
            continue;
        }
        if (t[r] == '-' || t[r] == '_') {
            hyph = 1;
            r++;
            continue;
        }
        if (t[r] == '.' && r + 1 < e && (kind_in(S, r + 1, e) & WORDCH)) {
            if ((int)(r - seg_start) > maxseg)
                maxseg = (int)(r - seg_start);
            r++;
            seg_start = last_seg = r;
            nseg++;
            continue;
        }
        break;
    }
    if ((int)(r - seg_start) > maxseg)
        maxseg = (int)(r - seg_start);
    *initials = !hyph && nondigit && maxseg <= 2;
    char key[24];
    /* three or more lowercase parts: a newsgroup or package name,
     * alt.animals.cat */
    *host = nseg >= 3 && !upper && nondigit;
    if (starts_ci(S, p, e, "www.") ||
        (lower_key(S, last_seg, r, key) && (IN(key, TLDS) || IN(key, FILE_EXTS))))
        *host = 1;
    return r;
}

/* A file or host name with hyphens from p, "ld2d-#69366-1.DOC",
 * "Get-A-Free-House.com", ".doc": returns its end, or 0. */
static size_t file_end(seg *S, size_t p, size_t e)
{
    const unsigned char *t = S->t;
    if (p < S->file_fail_until)
        return 0;
    size_t r = p, dot = 0;
    int hyph = 0;
    while (r < e) {
        unsigned char b = t[r];
        if (evc_seg_cclass[b] & CC_ALNUM) {
            r++;
        } else if ((b == '-' || b == '_' || b == '#') && r + 1 < e &&
                   (evc_seg_cclass[t[r + 1]] & (CC_ALNUM | CC_PUNCT)) &&
                   t[r + 1] != '.') {
            hyph = 1;
            r++;
        } else if (b == '.' && r + 1 < e && (evc_seg_cclass[t[r + 1]] & CC_ALNUM)) {
            dot = ++r;
        } else {
            break;
        }
    }
    char key[24];
    if ((hyph || dot == p + 1) && dot && !(kind_in(S, r, e) & WORDCH) &&
        lower_key(S, dot, r, key) && (IN(key, TLDS) || IN(key, FILE_EXTS)))
        return r;
    S->file_fail_until = r > p ? r : p + 1;
    return 0;
}

/* Is the lowercase word t[p..q) a fused contraction? Returns the length of
 * its first part ("dont" -> 2), else 0. */
static size_t fused_split(const seg *S, size_t p, size_t q)
{
    char key[24];
    /* every entry starts with one of these letters */
    if (q - p < 2 || q - p > 8 || !strchr("acdghiostwyACDGHIOSTWY", S->t[p]) ||
        !lower_key(S, p, q, key))
        return 0;
    size_t lo = 0, hi = sizeof FUSED / sizeof FUSED[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(key, FUSED[mid].word);
        if (c == 0)
            return (size_t)FUSED[mid].first;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

/* Scans one word token from p. Returns its end; *rest is set past a clitic
 * that follows it directly (n't, 's, possessive ') or stays 0. *fl gets
 * T_ABBR and T_TITLE. */
static size_t word_end(seg *S, size_t p, size_t e, size_t *rest, uint32_t *fl)
{
    const unsigned char *t = S->t;
    size_t q = p;
    int letters = 0, alpha_only = 1;
    uint32_t prev = 0;
    int k;
    *rest = 0;
    while (q < e) {
        uint32_t c = kind_at(S, q, &k);
        if (c & WORDCH) {
            size_t nt;
            if (q > p && (t[q] == 'n' || t[q] == 'N') && is_nt(S, q, e, &nt)) {
                *rest = nt;
                return q;
            }
            if ((c & (CC_ALPHA | K_WORDU)) && (prev & CC_DIGIT) && !letters) {
                /* a number running into letters: split off units */
                size_t r = q;
                while (r < e && (evc_seg_cclass[t[r]] & CC_ALPHA))
                    r++;
                char key[24];
                if (!(kind_in(S, r, e) & WORDCH) && lower_key(S, q, r, key) &&
                    IN(key, UNITS))
                    return q;
            }
            if (c & (CC_ALPHA | K_WORDU))
                letters = 1;
            if (!(c & CC_ALPHA))
                alpha_only = 0;
            prev = c;
            q += (size_t)k;
            continue;
        }
        if (q == p) {
            /* a leading '.' or '+' of ".5", "+1" */
            if ((t[q] == '.' || t[q] == '+') && (kind_in(S, q + 1, e) & CC_DIGIT)) {
                prev = CC_PUNCT;
                q++;
                continue;
            }
            break;
        }
        uint32_t nx = kind_in(S, q + (size_t)k, e);
        if (t[q] == '\'' || (c & K_SQ)) {
            size_t a = q + (size_t)k, n;
            if ((n = clitic_suffix(S, a, e)) != 0) {
                *rest = a + n;
                return q;
            }
            if ((nx & CC_ALPHA) && letters) {
                prev = c;
                q = a;
                continue;
            }
            if (letters && !S->squote_open && lower_ascii(t[q - 1]) == 's' &&
                !(nx & WORDCH)) {
                *rest = a; /* possessive: Steffes' */
                return q;
            }
            break;
        }
        if (t[q] == '-' || (c & K_HYPH)) {
            size_t h;
            if (q + (size_t)k == e && alpha_only && q - p <= 3 && t[q] == '-' &&
                (evc_seg_cclass[t[p]] & CC_LOWER))
                return q + 1; /* a cut-off word in speech: "th- the" */
            if ((nx & WORDCH) && (h = hyphen_end(S, p, q, (size_t)k, e)) != 0) {
                alpha_only = 0;
                prev = h > q + (size_t)k ? CC_DIGIT : c;
                q = h;
                continue;
            }
            break;
        }
        if (t[q] == '.') {
            if ((prev & CC_DIGIT) && (nx & CC_DIGIT)) {
                prev = c;
                q++;
                continue;
            }
            if (nx & WORDCH) {
                /* the run of dotted parts is looked at once, from its start */
                if (q >= S->dot_plain_until) {
                    int initials, host;
                    size_t r = dotted_run(S, p, e, &initials, &host);
                    if (initials || host) {
                        char key[24];
                        if (initials && r < e && t[r] == '.' &&
                            !(kind_in(S, r + 1, e) & WORDCH) &&
                            !(r + 1 < e && t[r + 1] == '.')) {
                            *fl |= T_ABBR;
                            if (lower_key(S, p, r, key) && IN(key, NEVER_END))
                                *fl |= T_TITLE;
                            r++;
                        }
                        return r;
                    }
                    S->dot_plain_until = r;
                }
                if (alpha_only && is_abbrev(S, p, q, nx, fl)) {
                    *fl |= T_ABBR; /* "Mr.Smith" */
                    return q + 1;
                }
                break;
            }
            if (q + 1 < e && t[q + 1] == '.') {
                /* "Inc.." is Inc. and a stop; "etc..." etc and an ellipsis */
                if (alpha_only && !(q + 2 < e && t[q + 2] == '.') &&
                    is_abbrev(S, p, q, next_visible(S, q + 2), fl)) {
                    *fl |= T_ABBR;
                    return q + 1;
                }
                break;
            }
            if (alpha_only) {
                uint32_t after = next_visible(S, q + 1);
                if (q - p == 1 && (prev & CC_ALPHA)) {
                    *fl |= T_ABBR;
                    return q + 1;
                }
                if (is_abbrev(S, p, q, after, fl)) {
                    *fl |= T_ABBR;
                    return q + 1;
                }
            }
            break;
        }
        if ((t[q] == ',' || t[q] == ':' || t[q] == '/') && (prev & CC_DIGIT) &&
            (nx & CC_DIGIT)) {
            prev = c;
            q++;
            continue;
        }
        if (t[q] == '/' && alpha_only && q - p == 1 && (nx & CC_ALPHA)) {
            /* s/he, w/o, l/c stay whole; he / she, and / or split */
            size_t r = q + 1;
            while (r < e && r - q <= 5 && (evc_seg_cclass[t[r]] & CC_ALPHA))
                r++;
            if (r - q <= 5 && !(kind_in(S, r, e) & WORDCH) &&
                !(r < e && t[r] == '/'))
                return r;
            break;
        }
        if (t[q] == '&' && letters && (nx & CC_ALPHA) && q - p <= 3) {
            alpha_only = 0;
            prev = c;
            q++;
            continue;
        }
        if (t[q] == '_' && (nx & WORDCH)) {
            alpha_only = 0;
            prev = c;
            q++;
            continue;
        }
        break;
    }
    if (q > p && alpha_only && !(*fl & T_ABBR)) {
        size_t f = fused_split(S, p, q);
        if (f) {
            *rest = q;
            return p + f;
        }
    }
    return q;
}

/* ---------------------------------------------------------------- punctuation */

/* Emoticons kept whole, as EWT writes them. */
static size_t emoticon(const seg *S, size_t p, size_t e)
{
    static const char *const faces[] = {
        ":-)", ":-(", ":-D", ":-P", ":-p", ":-/", ";-)", ":')", ":'(",
        ":)", ":(", ":D", ":P", ":p", ";)", ":/", "=)", ":]", ":[", "<3",
        "^_^", "^^",
    };
    for (size_t i = 0; i < sizeof faces / sizeof faces[0]; i++) {
        size_t n = strlen(faces[i]);
        if (e - p < n || memcmp(S->t + p, faces[i], n) != 0)
            continue;
        uint32_t after = kind_in(S, p + n, e);
        int letter_end = faces[i][n - 1] >= 'A';
        if (after & CC_ALNUM)
            continue;
        if (letter_end && (p + n < e || (p > 0 && !(evc_seg_cclass[S->t[p - 1]] & CC_WS))))
            continue;
        return p + n;
    }
    return 0;
}

/* Scans one punctuation token at p; *fl gets its T_ flags. */
static size_t punct_end(seg *S, size_t p, size_t e, uint32_t *fl)
{
    const unsigned char *t = S->t;
    int k;
    uint32_t c = kind_at(S, p, &k);
    size_t q = p + (size_t)k, r;
    if ((r = emoticon(S, p, e)) != 0) {
        *fl |= T_EMOTICON;
        return r;
    }
    if (c & CC_TERM) {
        /* . ! ? and U+2026 runs: "...", "?!", "!!!" */
        int dots = 0, other = 0;
        size_t i = p;
        while (i < e) {
            uint32_t ci = kind_at(S, i, &k);
            if (!(ci & CC_TERM))
                break;
            if (t[i] == '.')
                dots++;
            else if (ci & K_ELL)
                dots += 3;
            else
                other++;
            i += (size_t)k;
        }
        *fl |= T_TERM;
        if (dots >= 2 && !other)
            *fl |= T_ELLIPSIS;
        return i;
    }
    if (c & (K_DASH | K_HYPH)) {
        while (q < e && kind_in(S, q, e) == c)
            q += 3; /* these code points are all 3 bytes */
        return q;
    }
    if (t[p] == '"' || t[p] == '\'' || t[p] == '`' || (c & (K_SQ | K_DQ))) {
        int sq = t[p] == '\'' || (c & K_SQ);
        int *open = sq ? &S->squote_open : &S->dquote_open;
        if (t[p] == '`') {
            while (q < e && t[q] == '`')
                q++;
            *fl |= T_OPEN;
            *open = 1;
            return q;
        }
        if (t[p] == '\'' && q < e && t[q] == '\'') {
            q++; /* '' closes like " */
            c |= K_CLOSEQ;
            open = &S->dquote_open;
        } else if ((c & K_SQ) && q + 3 <= e && memcmp(t + p, t + q, 3) == 0) {
            q += 3; /* ‘‘ and ’’ are double quotes */
            open = &S->dquote_open;
        }
        stok *lt = last_tok(S);
        int space_before = !lt || lt->off + lt->len < p;
        int after_open = !space_before && (lt->flags & T_OPEN);
        uint32_t nx = kind_in(S, q, e);
        int opening;
        if (c & K_OPENQ)
            opening = 1;
        else if (c & K_CLOSEQ) /* ’ also opens: ’Tis, ’quoted’ */
            opening = sq && space_before && (nx & WORDCH);
        else if (!space_before && !after_open)
            opening = 0;
        else if (nx & WORDCH)
            opening = 1;
        else
            opening = !*open;
        *fl |= opening ? T_OPEN : T_CLOSE;
        *open = opening;
        return q;
    }
    if (t[p] < 0x80 && (c & CC_OPEN) && t[p] != '<') {
        *fl |= T_OPEN;
        return q;
    }
    if (t[p] < 0x80 && (c & CC_CLOSE) && t[p] != '>') {
        *fl |= T_CLOSE;
        return q;
    }
    if ((t[p] == '#' || t[p] == '@') && (kind_in(S, q, e) & CC_ALPHA) &&
        (!last_tok(S) || last_tok(S)->off + last_tok(S)->len < p)) {
        /* #hashtag, @handle, @domain.com */
        while (q < e && ((evc_seg_cclass[t[q]] & CC_ALNUM) || t[q] == '_' ||
                         (t[p] == '@' && (t[q] == '.' || t[q] == '-') &&
                          q + 1 < e && (evc_seg_cclass[t[q + 1]] & CC_ALNUM))))
            q++;
        return q;
    }
    if (t[p] < 0x80 && strchr("-=_*~#", t[p]) && q < e && t[q] &&
        strchr("-=_*~#", t[q])) {
        /* line art: ----==== */
        while (q < e && t[q] && strchr("-=_*~#", t[q]))
            q++;
        return q;
    }
    if (t[p] < 0x80 && (c & CC_RUN)) {
        while (q < e && t[q] == t[p])
            q++;
        if (q - p == 1 && strchr(",;:", t[p]))
            *fl |= T_NOSTART;
        return q;
    }
    if (t[p] == ',' || t[p] == ';' || t[p] == ':' || t[p] == '%')
        *fl |= T_NOSTART;
    return q;
}

/* ---------------------------------------------------------------- scanning */

/* Cuts the whitespace-free chunk t[s..e) into tokens. */
static void scan_chunk(seg *S, size_t s, size_t e)
{
    const unsigned char *t = S->t;
    S->chunk_has_at = memchr(t + s, '@', e - s) != NULL;
    size_t p = s;
    int k;
    while (p < e && !S->oom) {
        uint32_t c = kind_at(S, p, &k);
        uint32_t fl = 0;
        size_t q;
        if ((t[p] == '\'' || (c & K_SQ)) && !glued_word(S, p) && p + (size_t)k + 2 <= e &&
            (evc_seg_cclass[t[p + (size_t)k]] & CC_DIGIT) &&
            (evc_seg_cclass[t[p + (size_t)k + 1]] & CC_DIGIT)) {
            /* '90s, ’70s: a year cut short */
            size_t r = p + (size_t)k + 2;
            if (r < e && t[r] == 's')
                r++;
            if (!(kind_in(S, r, e) & WORDCH)) {
                emit(S, p, r, T_WORD);
                p = r;
                continue;
            }
        }
        if (t[p] == '.' && !glued_word(S, p) && (q = file_end(S, p, e)) != 0) {
            emit(S, p, q, T_WORD);
            p = q;
            continue;
        }
        int word = (c & WORDCH) ||
                   ((t[p] == '.' || (t[p] == '+' && p == s)) &&
                    (kind_in(S, p + 1, e) & CC_DIGIT) && !glued_word(S, p));
        if (word) {
            if ((q = url_end(S, p, e)) != 0 ||
                (S->chunk_has_at && (q = mail_end(S, p, e)) != 0) ||
                (q = file_end(S, p, e)) != 0) {
                emit(S, p, q, 0);
                p = q;
                continue;
            }
            size_t rest;
            q = word_end(S, p, e, &rest, &fl);
            if (q == p) /* cannot happen, but never loop */
                q = p + (size_t)k;
            emit(S, p, q, fl);
            if (rest > q) {
                emit(S, q, rest, T_WORD);
                q = rest;
            }
            p = q;
            continue;
        }
        q = punct_end(S, p, e, &fl);
        emit(S, p, q, fl);
        p = q;
    }
}

/* Looks at the lines of the text: is it hard-wrapped, with line breaks
 * inside sentences (as in Reuters stories), or is each line a paragraph (as
 * in most web text and in the shared task's rebuilt text)? Wrapped text has
 * short lines, and many of them either continue a sentence (no stop at the
 * end, a lowercase letter or digit next) or open an indented paragraph. */
static void detect_wrapping(seg *S)
{
    const unsigned char *t = S->t;
    size_t n = S->n, i = 0, lines = 0, long_lines = 0, breaks = 0, cont = 0,
           indented = 0, maxlen = 0;
    unsigned char last = 0; /* last visible byte of the previous line */
    int prev_nonempty = 0;
    while (i < n) {
        const unsigned char *nl = memchr(t + i, '\n', n - i);
        size_t e = nl ? (size_t)(nl - t) : n;
        size_t a = i, b = e;
        while (a < b && (evc_seg_cclass[t[a]] & CC_WS))
            a++;
        while (b > a && (evc_seg_cclass[t[b - 1]] & CC_WS))
            b--;
        if (b > a) {
            lines++;
            indented += a > i;
            if (b - a > 100)
                long_lines++;
            if (b - a > maxlen)
                maxlen = b - a;
            if (prev_nonempty) {
                breaks++;
                if (a == i && (evc_seg_cclass[t[a]] & (CC_LOWER | CC_DIGIT)) &&
                    ((evc_seg_cclass[last] & CC_ALNUM) || last == ','))
                    cont++;
            }
            last = t[b - 1];
            prev_nonempty = 1;
        } else {
            prev_nonempty = 0;
        }
        i = e + 1;
    }
    S->wrapped = breaks >= 2 && long_lines * 10 <= lines &&
                 (cont * 5 >= breaks ||
                  (cont > 0 && indented * 5 >= lines && indented < lines));
    S->wrap_width = maxlen;
}

static void scan(seg *S)
{
    const unsigned char *t = S->t;
    size_t n = S->n, i = 0, line_start = 0, prev_line_len = 0;
    int nl = 0;
    int k;
    while (i < n && !S->oom) {
        unsigned char b = t[i];
        uint32_t c = b < 0x80 ? evc_seg_cclass[b] : kind_at(S, i, &k);
        if (b < 0x80)
            k = 1;
        if (c & CC_NL) {
            /* the length of the line that ends here, without indentation */
            size_t a = line_start;
            while (a < i && (evc_seg_cclass[t[a]] & CC_SPACE))
                a++;
            prev_line_len = i - a;
            nl++;
            i += (size_t)k;
            line_start = i;
            continue;
        }
        if (c & CC_SPACE) {
            i += (size_t)k;
            continue;
        }
        size_t j = i;
        while (j < n) {
            unsigned char bj = t[j];
            if (bj < 0x80) {
                if (evc_seg_cclass[bj] & CC_WS)
                    break;
                j++;
            } else {
                if (kind_at(S, j, &k) & CC_WS)
                    break;
                j += (size_t)k;
            }
        }
        uint32_t pend = 0;
        if (nl) {
            pend |= T_NL;
            if (nl >= 2)
                pend |= T_BLANK;
            if (i > line_start)
                pend |= T_INDENT;
            if (prev_line_len * 2 < S->wrap_width)
                pend |= T_SHORTPREV;
        }
        S->pending = pend;
        scan_chunk(S, i, j);
        S->pending = 0;
        nl = 0;
        i = j;
    }
}

/* ---------------------------------------------------------------- sentences */

/* Would the capitalized token t begin a sentence after an abbreviation? */
static int is_starter(const seg *S, const stok *t)
{
    char key[24];
    if (!(t->flags & T_UPPER) || !lower_key(S, t->off, t->off + t->len, key))
        return 0;
    return IN(key, STARTERS);
}

/* Does a sentence end between a (terminal punctuation or abbreviation, with
 * any closing quotes and brackets after it) and the next token nx? */
static int ends_sentence(const seg *S, const stok *a, const stok *nx)
{
    uint32_t f = nx->flags;
    if (a->flags & T_ABBR) {
        if (a->flags & T_TITLE)
            return 0;
        return is_starter(S, nx);
    }
    if (a->flags & T_ELLIPSIS)
        return (f & (T_UPPER | T_OPEN)) != 0;
    if (f & T_NOSTART)
        return 0;
    if (f & T_CLOSE)
        return 0;
    return 1;
}

/* The punctuation rules: T_FORCED after a token a paragraph break follows,
 * T_RULE after one that ends a sentence by its punctuation. */
static void apply_rules(seg *S)
{
    stok *t = S->tok;
    size_t n = S->ntok, since = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t f = t[i].flags;
        if (i > 0 && ((f & T_BLANK) ||
                      ((f & T_NL) &&
                       (!S->wrapped || (f & T_INDENT) ||
                        ((f & T_SHORTPREV) && (f & (T_UPPER | T_DIGIT))))))) {
            t[i - 1].flags |= T_FORCED;
            since = 0;
        }
        since++;
        if (!(f & (T_TERM | T_ABBR)) || (since == 1 && (f & T_TERM)))
            continue;
        size_t j = i;
        while (j + 1 < n && (t[j + 1].flags & (T_CLOSE | T_EMOTICON)) &&
               !(t[j + 1].flags & T_NL))
            j++;
        if (j + 1 >= n)
            break;
        if (ends_sentence(S, &t[i], &t[j + 1])) {
            t[j].flags |= T_RULE;
            since = 0;
        } else {
            since += j - i;
        }
        i = j;
    }
}

/* ---------------------------------------------------------------- learned ends */

/* The rules miss sentence ends without punctuation (e-mail signatures and
 * headers, lists, lowercase web text) and take some wrongly; an averaged
 * perceptron (tools/train_segment.c, trained on EWT and GUM train) decides
 * each gap from the rules' verdict and the words and shapes around it. */

#define FNV_PRIME 16777619u
#define FNV_BASIS 2166136261u

static inline uint32_t fnv_byte(uint32_t h, unsigned char b)
{
    return (h ^ b) * FNV_PRIME;
}

static uint32_t fnv_str(uint32_t h, const char *s)
{
    while (*s)
        h = fnv_byte(h, (unsigned char)*s++);
    return h;
}

/* Hash of the token's form lowercased, quotes straightened; at most its
 * first 48 bytes count (long tokens are URLs and such: their shape says
 * enough). */
static uint32_t word_hash(const seg *S, const stok *t)
{
    const unsigned char *s = S->t + t->off;
    size_t n = t->len < 48 ? t->len : 48;
    uint32_t h = fnv_byte(FNV_BASIS, 'w');

    for (size_t i = 0; i < n; i++) {
        unsigned char b = s[i];
        if (b == 0xe2 && i + 2 < t->len && s[i + 1] == 0x80) {
            unsigned char c = s[i + 2];
            if (c >= 0x98 && c <= 0x9b) {
                h = fnv_byte(h, '\'');
                i += 2;
                continue;
            }
            if (c >= 0x9c && c <= 0x9f) {
                h = fnv_byte(h, '"');
                i += 2;
                continue;
            }
        }
        h = fnv_byte(h, (unsigned char)lower_ascii(b));
    }
    return h;
}

/* Hash of the token's shape: URL, MAIL, TIME (8:30), DATE (03/29/2001),
 * NUM, NUMX (2.5, 1,000), CAPS, Cap, low, other (letters without case), ART
 * (-----, ====), or for punctuation its first three bytes. */
static uint32_t shape_hash(const seg *S, const stok *t)
{
    const unsigned char *s = S->t + t->off;
    size_t n = t->len, digit = 0, colon = 0, slash = 0, numpunct = 0, upper = 0,
           art = 0, at = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char b = s[i];
        uint32_t c = evc_seg_cclass[b];
        digit += (c & CC_DIGIT) != 0;
        upper += (c & CC_UPPER) != 0;
        switch (b) {
        case ':': colon++; break;
        case '/': slash++; break;
        case '.': case ',': numpunct++; break;
        case '-': numpunct++; art++; break;
        case '@': at++; break;
        case '=': case '_': case '*': case '~': case '#': case '+': case '<':
        case '>': case '|': art++; break;
        default: break;
        }
    }
    int k;
    uint32_t c = kind_at(S, t->off, &k);
    const char *name;
    uint32_t h = fnv_byte(FNV_BASIS, 's');
    if ((s[0] == 'h' || s[0] == 'H' || s[0] == 'w' || s[0] == 'W') &&
        (starts_ci(S, t->off, t->off + n, "http://") ||
         starts_ci(S, t->off, t->off + n, "https://") ||
         starts_ci(S, t->off, t->off + n, "www.")))
        name = "URL";
    else if (n > 1 && at)
        name = "MAIL";
    else if (digit == n)
        name = "NUM";
    else if (digit + colon == n && n >= 4 && n <= 8 && (s[1] == ':' || s[2] == ':'))
        name = "TIME";
    else if (digit + slash == n && slash >= 2)
        name = "DATE";
    else if ((c & CC_DIGIT) && digit + colon + slash + numpunct == n)
        name = "NUMX";
    else if (c & CC_UPPER)
        name = upper == n && n > 1 ? "CAPS" : "Cap";
    else if (c & CC_LOWER)
        name = "low";
    else if (c & WORDCH)
        name = "other";
    else if (n >= 3 && art == n)
        name = "ART";
    else {
        h = fnv_byte(h, 'P');
        for (size_t i = 0; i < n && i < 3; i++)
            h = fnv_byte(h, s[i]);
        return h;
    }
    return fnv_str(h, name);
}

/* Hash of a feature: its template number and up to three values, mixed
 * by odd multipliers and xorshifts (no cryptographic claim: collisions
 * only blur a few weights). */
static uint32_t feat(uint32_t tmpl, uint32_t a, uint32_t b, uint32_t c)
{
    uint32_t h = tmpl * 0x27d4eb2fu + a * 0x9e3779b1u + (b ^ (c >> 7)) * 0x85ebca6bu +
                 c * 0xc2b2ae35u;
    h ^= h >> 15;
    h *= 0x2c1b3c6du;
    h ^= h >> 12;
    return h ? h : 1;
}

/* The features of the gap after token i (i + 1 < ntok). */
static void gap_features(const seg *S, size_t i, uint32_t *f)
{
    const stok *t = S->tok;
    size_t n = S->ntok;
    const uint32_t pad = 0x5f5f5f5fu; /* outside the text */
    uint32_t w0 = t[i].word, s0 = t[i].shape;
    uint32_t w1 = t[i + 1].word, s1 = t[i + 1].shape;
    uint32_t wm = i > 0 ? t[i - 1].word : pad, sm = i > 0 ? t[i - 1].shape : pad;
    uint32_t s2 = i + 2 < n ? t[i + 2].shape : pad;
    uint32_t p0 = t[i].pos, pm = i > 0 ? t[i - 1].pos : 4;
    uint32_t rule = (t[i].flags & T_RULE) != 0;
    uint32_t sp = t[i].off + t[i].len < t[i + 1].off;
    int k = 0;
    f[k++] = feat(0, 0, 0, 0);
    f[k++] = feat(1, w0, 0, 0);
    f[k++] = feat(2, s0, 0, 0);
    f[k++] = feat(3, w1, 0, 0);
    f[k++] = feat(4, s1, 0, 0);
    f[k++] = feat(5, wm, 0, 0);
    f[k++] = feat(6, sm, 0, 0);
    f[k++] = feat(7, s2, 0, 0);
    f[k++] = feat(8, s0, s1, 0);
    f[k++] = feat(9, w0, s1, 0);
    f[k++] = feat(10, s0, w1, 0);
    f[k++] = feat(11, w0, w1, 0);
    f[k++] = feat(12, sm, s0, s1);
    f[k++] = feat(13, wm, w0, 0);
    f[k++] = feat(14, rule, 0, 0);
    f[k++] = feat(15, rule, s1, 0);
    f[k++] = feat(16, sp, 0, 0);
    f[k++] = feat(17, sp, s1, 0);
    f[k++] = feat(18, p0, s0, 0);
    f[k++] = feat(19, pm, sm, s0);
}

static float model_weight(const evc_sbd_model *m, uint32_t key)
{
    uint32_t mask = m->size - 1;
    for (uint32_t i = key & mask;; i = (i + 1) & mask) {
        if (m->table[i].key == key)
            return m->table[i].weight;
        if (m->table[i].key == 0)
            return 0;
    }
}

static void hash_tokens(seg *S)
{
    uint32_t pos = 0;
    for (size_t i = 0; i < S->ntok; i++) {
        S->tok[i].word = word_hash(S, &S->tok[i]);
        S->tok[i].shape = shape_hash(S, &S->tok[i]);
        S->tok[i].pos = pos;
        pos = S->tok[i].flags & T_FORCED ? 0 : pos < 3 ? pos + 1 : 3;
    }
}

/* Sets T_END: forced ends, the model's ends (or the rules' when the model
 * is empty), a cut every EVC_SEGMENT_MAX_TOKENS tokens, and the last token. */
static void find_sentences(seg *S)
{
    const evc_sbd_model *m = &evc_sbd_default;
    stok *t = S->tok;
    size_t n = S->ntok, since = 0;
    apply_rules(S);
    if (m->size)
        hash_tokens(S);
    for (size_t i = 0; i + 1 < n; i++) {
        int end;
        if (t[i].flags & T_FORCED) {
            end = 1;
        } else if (m->size) {
            uint32_t f[EVC_SBD_NFEAT];
            gap_features(S, i, f);
            float sum = 0;
            for (int k = 0; k < EVC_SBD_NFEAT; k++)
                sum += model_weight(m, f[k]);
            end = sum > 0;
        } else {
            end = (t[i].flags & T_RULE) != 0;
        }
        if (++since >= EVC_SEGMENT_MAX_TOKENS)
            end = 1;
        if (end) {
            t[i].flags |= T_END;
            since = 0;
        }
    }
    if (n)
        t[n - 1].flags |= T_END;
}

/* ---------------------------------------------------------------- output */

static const char *const UNDERSCORE = "_";

/* Writes the form of t[off..off+len) to out (normalized); returns its length. */
static size_t write_form(const seg *S, size_t off, size_t len, int norm,
                         char *out)
{
    const unsigned char *s = S->t + off;
    if (!norm) {
        memcpy(out, s, len);
        return len;
    }
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        if (s[i] == 0xe2 && i + 2 < len) {
            unsigned b1 = s[i + 1], b2 = s[i + 2];
            const char *rep = NULL;
            if (b1 == 0x80) {
                if (b2 == 0x98 || b2 == 0x99 || b2 == 0x9a || b2 == 0x9b ||
                    b2 == 0xb2)
                    rep = "'";
                else if (b2 == 0x9c || b2 == 0x9d || b2 == 0x9e ||
                         b2 == 0x9f || b2 == 0xb3)
                    rep = "\"";
                else if (b2 == 0x90 || b2 == 0x91)
                    rep = "-";
                else if (b2 >= 0x92 && b2 <= 0x95)
                    rep = "--";
                else if (b2 == 0xa6)
                    rep = "...";
            } else if (b1 == 0x88 && b2 == 0x92) {
                rep = "-";
            }
            if (rep) {
                size_t rl = strlen(rep);
                memcpy(out + o, rep, rl);
                o += rl;
                i += 3;
                continue;
            }
        }
        out[o++] = (char)s[i++];
    }
    return o;
}

static void set_token(evc_token *tk, const char *form, size_t off, size_t len)
{
    memset(tk, 0, sizeof *tk);
    tk->form = form;
    tk->lemma = tk->upos = tk->xpos = tk->feats = tk->deprel = UNDERSCORE;
    tk->head = 0;
    tk->off = (int32_t)off;
    tk->len = (int32_t)len;
}

/* Does sentence-final token t give its stop to a token of its own? */
static int splits_stop(const seg *S, const stok *t)
{
    return (t->flags & T_ABBR) && t->len >= 2 && S->t[t->off + t->len - 1] == '.';
}

static evc_status build(seg *S, evc_arena *a, evc_sentence **sents,
                        int *nsents)
{
    size_t nsent = 0, ntok = 0, chars = 0, text = 0, first = 0;
    for (size_t i = 0; i < S->ntok; i++) {
        const stok *t = &S->tok[i];
        ntok++;
        chars += t->len + 1;
        if (t->flags & T_END) {
            if (splits_stop(S, t)) {
                ntok++;
                chars += 2;
            }
            text += t->off + t->len - S->tok[first].off + 1;
            nsent++;
            first = i + 1;
        }
    }
    *sents = NULL;
    *nsents = 0;
    if (nsent == 0)
        return EVC_OK;
    if (nsent > (size_t)INT32_MAX)
        return EVC_ERR_LIMIT;
    evc_sentence *ss = evc_arena_alloc(a, nsent * sizeof *ss);
    evc_token *tk = evc_arena_alloc(a, (ntok + nsent) * sizeof *tk);
    char *cb = evc_arena_alloc(a, chars ? chars : 1);
    char *tb = evc_arena_alloc(a, text);
    if (!ss || !tk || !cb || !tb)
        return EVC_ERR_NOMEM;
    size_t si = 0;
    first = 0;
    for (size_t i = 0; i < S->ntok; i++) {
        if (!(S->tok[i].flags & T_END))
            continue;
        evc_sentence *s = &ss[si++];
        const stok *ft = &S->tok[first], *lt = &S->tok[i];
        size_t span = lt->off + lt->len - ft->off;
        memcpy(tb, S->t + ft->off, span);
        tb[span] = 0;
        s->id = NULL;
        s->text = tb;
        s->date = 0;
        tb += span + 1;
        s->tok = tk;
        set_token(tk, "ROOT", 0, 0);
        tk->head = -1;
        tk->off = -1;
        int m = 0;
        for (size_t j = first; j <= i; j++) {
            const stok *t = &S->tok[j];
            size_t len = t->len;
            int split = j == i && splits_stop(S, t);
            if (split)
                len--;
            size_t fl = write_form(S, t->off, len, (t->flags & T_NORM) != 0, cb);
            cb[fl] = 0;
            set_token(&tk[++m], cb, t->off, len);
            cb += fl + 1;
            if (split) {
                cb[0] = '.';
                cb[1] = 0;
                set_token(&tk[++m], cb, t->off + len, 1);
                cb += 2;
            }
        }
        s->ntok = m;
        tk += m + 1;
        first = i + 1;
    }
    *sents = ss;
    *nsents = (int)nsent;
    return EVC_OK;
}

/* ---------------------------------------------------------------- entry */

/* Returns the offset of the first invalid UTF-8 byte, or n. */
static size_t utf8_check(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        /* eight ASCII bytes at a time */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ull)
                break;
            i += 8;
        }
        if (i >= n)
            break;
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(s + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0)
            return i;
        i += (size_t)k;
    }
    return n;
}

evc_status evc_segment(const char *text, size_t len, evc_arena *a,
                       evc_sentence **sents, int *nsents, evc_error *err)
{
    if (sents)
        *sents = NULL;
    if (nsents)
        *nsents = 0;
    if ((!text && len) || !a || !sents || !nsents)
        return evc_error_set(err, EVC_ERR_ARG, NULL, 0, 0,
                             "evc_segment: missing text, arena or output");
    if (len > (size_t)INT32_MAX - 1)
        return evc_error_set(err, EVC_ERR_LIMIT, NULL, 0, 0,
                             "text of %zu bytes is longer than 2 GiB", len);
    const unsigned char *t = (const unsigned char *)text;
    size_t bad = utf8_check(t, len);
    if (bad < len) {
        long line = 1;
        size_t ls = 0;
        for (size_t i = 0; i < bad; i++)
            if (t[i] == '\n') {
                line++;
                ls = i + 1;
            }
        return evc_error_set(err, EVC_ERR_UTF8, NULL, line, (long)(bad - ls) + 1,
                             "invalid UTF-8 byte 0x%02x at offset %zu", t[bad],
                             bad);
    }
    seg S;
    memset(&S, 0, sizeof S);
    S.t = t;
    S.n = len;
    detect_wrapping(&S);
    scan(&S);
    evc_status st = EVC_OK;
    if (S.oom) {
        st = EVC_ERR_NOMEM;
    } else {
        find_sentences(&S);
        st = build(&S, a, sents, nsents);
    }
    free(S.tok);
    if (st != EVC_OK) {
        *sents = NULL;
        *nsents = 0;
        return evc_error_set(err, st, NULL, 0, 0, "%s",
                             st == EVC_ERR_NOMEM ? "out of memory segmenting text"
                                                 : "too many sentences");
    }
    return EVC_OK;
}

/* Is tok[i], a lone ', a closing quote rather than a possessive? It is
 * when an opening ' (one with a space before it) is still open in the
 * sentence, as the scanner decides. */
static int closes_quote(const evc_sentence *s, int i)
{
    int open = 0;
    for (int j = 1; j < i; j++) {
        const evc_token *t = &s->tok[j];
        if (strcmp(t->form, "'") != 0)
            continue;
        int glued = j > 1 && s->tok[j - 1].off + s->tok[j - 1].len == t->off;
        open = !glued;
    }
    return open;
}

int evc_segment_joins_previous(const evc_sentence *s, int i)
{
    if (!s || i < 2 || i > s->ntok)
        return 0;
    const evc_token *a = &s->tok[i - 1], *b = &s->tok[i];
    if (a->off < 0 || a->off + a->len != b->off)
        return 0;
    static const char *const clitics[] = {"n't", "'s", "'re", "'ll", "'ve",
                                          "'d", "'m"};
    char low[8];
    size_t n = strlen(b->form), m = strlen(a->form);
    if (n >= sizeof low || m == 0)
        return 0;
    for (size_t j = 0; j < n; j++)
        low[j] = (char)lower_ascii((unsigned char)b->form[j]);
    low[n] = '\0';
    for (size_t j = 0; j < sizeof clitics / sizeof clitics[0]; j++)
        if (strcmp(low, clitics[j]) == 0)
            return 1;
    if (strcmp(low, "'") == 0) /* possessive: Steffes' */
        return lower_ascii((unsigned char)a->form[m - 1]) == 's' &&
               !closes_quote(s, i);
    /* fused contractions: the pair must spell a FUSED entry */
    if (m + n >= 24)
        return 0;
    char key[24];
    for (size_t j = 0; j < m; j++)
        key[j] = (char)lower_ascii((unsigned char)a->form[j]);
    for (size_t j = 0; j <= n; j++)
        key[m + j] = (char)lower_ascii((unsigned char)b->form[j]);
    for (size_t j = 0; j < sizeof FUSED / sizeof FUSED[0]; j++)
        if (strcmp(key, FUSED[j].word) == 0 && (size_t)FUSED[j].first == m)
            return 1;
    return 0;
}

evc_status evc_sbd_gaps(const char *text, size_t len, evc_sbd_gap **gaps,
                        size_t *ngaps, evc_error *err)
{
    *gaps = NULL;
    *ngaps = 0;
    if (len > (size_t)INT32_MAX - 1)
        return evc_error_set(err, EVC_ERR_LIMIT, NULL, 0, 0, "text too long");
    if (utf8_check((const unsigned char *)text, len) < len)
        return evc_error_set(err, EVC_ERR_UTF8, NULL, 0, 0, "invalid UTF-8");
    seg S;
    memset(&S, 0, sizeof S);
    S.t = (const unsigned char *)text;
    S.n = len;
    detect_wrapping(&S);
    scan(&S);
    evc_sbd_gap *g = NULL;
    if (!S.oom && S.ntok > 1) {
        apply_rules(&S);
        hash_tokens(&S);
        g = malloc((S.ntok - 1) * sizeof *g);
        if (g) {
            for (size_t i = 0; i + 1 < S.ntok; i++) {
                g[i].off = S.tok[i].off + S.tok[i].len;
                g[i].forced = (S.tok[i].flags & T_FORCED) != 0;
                gap_features(&S, i, g[i].feat);
            }
        }
    }
    int oom = S.oom || (S.ntok > 1 && !g);
    size_t n = S.ntok > 1 ? S.ntok - 1 : 0;
    free(S.tok);
    if (oom) {
        free(g);
        return evc_error_set(err, EVC_ERR_NOMEM, NULL, 0, 0, "out of memory");
    }
    *gaps = g;
    *ngaps = n;
    return EVC_OK;
}
