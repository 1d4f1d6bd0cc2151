/* error.c: evc_error, the error value every fallible call fills (STYLE rule 4). */
#include "evcode.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

const char *evc_status_str(evc_status s)
{
    switch (s) {
    case EVC_OK: return "ok";
    case EVC_END: return "end of input";
    case EVC_ERR_IO: return "I/O error";
    case EVC_ERR_SYNTAX: return "syntax error";
    case EVC_ERR_NOMEM: return "out of memory";
    case EVC_ERR_ARG: return "bad argument";
    case EVC_ERR_UTF8: return "invalid UTF-8";
    case EVC_ERR_LIMIT: return "limit exceeded";
    }
    return "unknown error";
}

evc_status evc_error_set(evc_error *err, evc_status code, const char *file,
                         long line, long column, const char *fmt, ...)
{
    if (!err)
        return code;
    err->code = code;
    err->line = line;
    err->column = column;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return code;
}

void evc_error_format(const evc_error *err, char *buf, size_t n)
{
    if (!err || n == 0)
        return;
    size_t k = 0;
    if (err->file[0]) {
        int w = snprintf(buf, n, "%s:", err->file);
        k = w > 0 ? (size_t)w : 0;
        if (k < n && err->line > 0) {
            w = snprintf(buf + k, n - k, "%ld:", err->line);
            k += w > 0 ? (size_t)w : 0;
            if (k < n && err->column > 0) {
                w = snprintf(buf + k, n - k, "%ld:", err->column);
                k += w > 0 ? (size_t)w : 0;
            }
        }
        if (k < n) {
            w = snprintf(buf + k, n - k, " ");
            k += w > 0 ? (size_t)w : 0;
        }
    }
    if (k < n)
        snprintf(buf + k, n - k, "%s",
                 err->message[0] ? err->message : evc_status_str(err->code));
}
