/* norm.c: the one normalization of place names, used both when the index is
 * built and when a mention is looked up, so that "Khyber-Pakhtunkhwa",
 * "KHYBER PAKHTUNKHWA" and "Muzaffarābād" meet their entries. Unicode
 * handling (compatibility decomposition, case folding, mark stripping,
 * categories) is utf8proc's. */
#include "geo/geo.h"

#include <string.h>
#include <utf8proc.h>

/* Letters that have no decomposition into a base letter and a mark, spelled
 * as English-language atlases write them. */
static const char *plain_letter(utf8proc_int32_t c)
{
    switch (c) {
    case 0x0142: return "l";  /* ł */
    case 0x00F8: return "o";  /* ø */
    case 0x0111: return "d";  /* đ */
    case 0x00F0: return "d";  /* ð */
    case 0x00FE: return "th"; /* þ */
    case 0x00E6: return "ae"; /* æ */
    case 0x0153: return "oe"; /* œ */
    case 0x0131: return "i";  /* dotless i */
    case 0x0127: return "h";  /* ħ */
    case 0x0167: return "t";  /* ŧ */
    case 0x014B: return "n";  /* ŋ */
    case 0x00DF: return "ss"; /* ß (case folding gives "ss" already) */
    default: return NULL;
    }
}

typedef struct out {
    char *p;
    size_t n, cap;
    int space; /* a separator is pending */
    int full;
} out;

static void put(out *o, const char *s, size_t k)
{
    if (o->space && o->n) {
        if (o->n + 1 >= o->cap) {
            o->full = 1;
            return;
        }
        o->p[o->n++] = ' ';
    }
    o->space = 0;
    if (o->n + k >= o->cap) {
        o->full = 1;
        return;
    }
    memcpy(o->p + o->n, s, k);
    o->n += k;
}

/* One code point after decomposition and folding. */
static void put_cp(out *o, utf8proc_int32_t c)
{
    if (c < 0x80) {
        char ch = (char)c;
        if (ch >= 'A' && ch <= 'Z')
            ch = (char)(ch - 'A' + 'a');
        if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
            put(o, &ch, 1);
        else if (ch == '\'' || ch == '.' || ch == '`')
            ; /* "Ra's", "St.", "U.S.": dropped, not split */
        else if (ch == '&') {
            o->space = 1;
            put(o, "and", 3);
            o->space = 1;
        } else
            o->space = 1;
        return;
    }
    const char *plain = plain_letter(c);
    if (plain) {
        put(o, plain, strlen(plain));
        return;
    }
    switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO: {
        utf8proc_uint8_t buf[4];
        utf8proc_ssize_t k = utf8proc_encode_char(c, buf);
        put(o, (const char *)buf, (size_t)k);
        return;
    }
    case UTF8PROC_CATEGORY_LM: /* ʻ ʼ ʿ: apostrophe-like letters */
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_CF: /* soft hyphen, zero-width joiners */
        return;
    case UTF8PROC_CATEGORY_PI: /* ‘ ’: apostrophes in names */
    case UTF8PROC_CATEGORY_PF:
        if (c == 0x2018 || c == 0x2019)
            return;
        o->space = 1;
        return;
    default:
        o->space = 1;
    }
}

size_t gz_normalize(const char *s, size_t n, char *outbuf, size_t cap)
{
    if (!cap)
        return 0;
    out o = {outbuf, 0, cap, 0, 0};
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s, *end = p + n;
    while (p < end && !o.full) {
        if (*p < 0x80) {
            put_cp(&o, *p++);
            continue;
        }
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(p, end - p, &c);
        if (k <= 0) {
            o.space = 1;
            p++;
            continue;
        }
        p += k;
        utf8proc_int32_t d[8];
        utf8proc_ssize_t m = utf8proc_decompose_char(
            c, d, 8,
            UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK,
            NULL);
        if (m < 0 || m > 8) {
            o.space = 1;
            continue;
        }
        for (utf8proc_ssize_t i = 0; i < m; i++)
            put_cp(&o, d[i]);
    }
    if (o.full) {
        outbuf[0] = 0;
        return 0;
    }
    outbuf[o.n] = 0;
    return o.n;
}
