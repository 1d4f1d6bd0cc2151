/* article.h: streaming readers of raw (unparsed) news articles: JSON Lines,
 * one article object per line (DESIGN.md, "Command line"), and plain text,
 * where the whole file is one article. Implemented in jsonl.c and text.c. */
#ifndef EVC_READ_ARTICLE_H
#define EVC_READ_ARTICLE_H

#include "evcode.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ---------------------------------------------------------------- public API
 * This block is meant to move verbatim into evcode.h; it defines its own
 * guard, so once evcode.h carries it, the copy below is skipped. */
#ifndef EVC_ARTICLE_API
#define EVC_ARTICLE_API

/* One raw article. Every string lives in the arena passed to
 * evc_article_reader_next and is NUL-terminated; valid UTF-8 throughout. */
typedef struct evc_article {
    const char *id;       /* never NULL: the "id" field, or "<file>:<line>"
                             when the line has none (JSONL); the file name's
                             base without extension (text) */
    int32_t date;         /* yyyymmdd, 0 when unknown */
    const char *date_str; /* the "date" field as written, NULL if absent */
    const char *title, *source, *url; /* NULL when absent or null */
    const char *text;     /* never NULL (may be "") */
    size_t text_len;      /* bytes of text, without the NUL */
    const char *extra_json; /* the other members of the JSON object, as a
                               compact JSON object whose values are the input
                               bytes unchanged; NULL if there are none */
    long line;            /* 1-based input line of the article (1 for text) */
} evc_article;

typedef struct evc_article_reader evc_article_reader;

/* JSON Lines: one object per line with "text" (a string, required), "id"
 * (string or number; missing, null or "" gives "<file>:<line>"), "date" (ISO
 * 8601: YYYY-MM-DD, YYYY-MM-DDTHH:MM:SS[.s][Z|+hh:mm|-hh:mm] (a space may
 * stand for the T), or YYYYMMDD; null or "" means unknown), and optional
 * string "title", "source", "url". Blank lines are skipped; a UTF-8 BOM
 * before the first line is ignored; lines may end in CRLF.
 * The reader does not own f: close f after evc_article_reader_close.
 * `name` labels errors and default ids (NULL, "" and "-" read as "stdin"). */
evc_status evc_jsonl_reader_open(FILE *f, const char *name,
                                 evc_article_reader **out, evc_error *err);

/* Plain text: the whole of f is one article, its bytes unchanged (CRLF kept,
 * so offsets match the file) except that a leading UTF-8 BOM is dropped.
 * id is the base of `name` without its extension ("a/b.txt" -> "b"; "stdin"
 * for NULL, "" or "-"); date 0; line 1. A file with no bytes (or only a BOM) has no
 * article: the first call returns EVC_END. */
evc_status evc_text_reader_open(FILE *f, const char *name,
                                evc_article_reader **out, evc_error *err);

/* Fills *out with the next article, its strings allocated in `a` (a failed
 * call may also have allocated there; reset the arena as usual). Returns
 * EVC_OK, EVC_END when the input is exhausted, or an error for THIS article
 * (err names file, line, column when known, and the article id when known):
 *   EVC_ERR_UTF8    invalid UTF-8 (column of the first bad byte);
 *   EVC_ERR_SYNTAX  not JSON, not an object, missing or mistyped fields, a
 *                   date that is not ISO, a NUL byte in a text file;
 *   EVC_ERR_LIMIT   a line over EVC_JSONL_MAX_LINE or a text file over
 *                   EVC_TEXT_MAX bytes (skipped without being held);
 *   EVC_ERR_NOMEM   out of memory for this article.
 * After any of these the next call goes on with the next article, so a
 * caller may report, count and continue. EVC_ERR_IO (a read error) and
 * EVC_ERR_ARG are sticky: every later call returns them again, so a caller
 * that continues after errors must stop on them. Columns count characters. */
evc_status evc_article_reader_next(evc_article_reader *r, evc_arena *a,
                                   evc_article *out, evc_error *err);

void evc_article_reader_close(evc_article_reader *r); /* NULL is a no-op */

#endif /* EVC_ARTICLE_API */

/* ---------------------------------------------------------------- internals */

/* Longest JSON line read, without its newline. A longer line is skipped
 * while being read, so it costs at most this much memory however long it
 * is; 16 MiB, like the XML reader's longest <Text>, is far beyond any news
 * article (Reuters-21578's longest line is 14 KB). */
#define EVC_JSONL_MAX_LINE (16L << 20)

/* Largest text file read as one article. More room than a JSON line: a text
 * file is one input the user chose, not one record of a stream. The reader
 * holds the file twice while copying it into the arena. */
#define EVC_TEXT_MAX (64L << 20)

/* Both readers start with this header; evc_article_reader_next and
 * evc_article_reader_close (jsonl.c) dispatch through it. */
struct evc_article_reader {
    evc_status (*next)(evc_article_reader *r, evc_arena *a, evc_article *out,
                       evc_error *err);
    void (*close)(evc_article_reader *r);
};

/* Length of the longest valid UTF-8 prefix of s[0..n) (n when all of it is
 * valid). Overlong forms, surrogates and code points past U+10FFFF are
 * invalid. Shared by both readers (defined in jsonl.c). */
size_t evc_utf8_valid_prefix(const char *s, size_t n);

/* Number of UTF-8 characters in s[0..n) (bytes that are not continuation
 * bytes): turns a byte offset within a line into a column. */
size_t evc_utf8_count(const char *s, size_t n);

/* Writes a printable form of id into buf (size n >= 8): at most about 60
 * bytes, cut at a character boundary and marked "...", control characters
 * as '?'. For error messages. Returns buf. */
const char *evc_article_id_show(const char *id, char *buf, size_t n);

#endif
