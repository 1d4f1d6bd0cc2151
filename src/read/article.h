/* article.h: streaming readers of raw (unparsed) news articles: JSON Lines,
 * one article object per line (DESIGN.md, "Command line"), and plain text,
 * where the whole file is one article. Implemented in jsonl.c and text.c. */
#ifndef EVC_READ_ARTICLE_H
#define EVC_READ_ARTICLE_H

#include "evcode.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The public API (evc_article, evc_jsonl_reader_open, ...) is in evcode.h. */

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

/* For other readers of JSON Lines (read/events.c): the next line that is
 * not blank of a reader from evc_jsonl_reader_open, parsed as a JSON object
 * (*root, which the caller json_decref's), with the line's bytes (*line,
 * *len: valid until the next call) and its number. Errors as
 * evc_article_reader_next's: invalid UTF-8, invalid JSON, not an object,
 * a line over the limit; EVC_END at the end. */
struct json_t;
evc_status evc_jsonl_reader_object(evc_article_reader *r, struct json_t **root,
                                   const char **line, size_t *len,
                                   long *lineno, evc_error *err);

#endif
