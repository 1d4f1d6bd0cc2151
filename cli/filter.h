/* filter.h: the command-line options shared by the commands that question
 * the store: which events (--root, --quad, --country, --place, --from,
 * --to), the store (--db), the period (--by) and the surge test (--window,
 * --alpha, --min-count). Bad values get one line on stderr. */
#ifndef EVC_CLI_FILTER_H
#define EVC_CLI_FILTER_H

#include "evcode.h"

#define CLI_MAX_LIST 64

typedef struct cli_filter {
    evc_event_filter f;
    const char *countries[CLI_MAX_LIST];
    char country_buf[CLI_MAX_LIST][4];
    const char *places[CLI_MAX_LIST];
} cli_filter;

/* "evcode: CMD: message" on stderr; returns 2 (the exit status). */
int cli_fail(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* The library's error as one line; returns 2. */
int cli_fail_err(const char *cmd, const evc_error *e);

/* If argv[*i] is a filter option, reads its value into cf and moves *i past
 * it: returns 1, or 2 after a message when the value is bad or missing.
 * Returns 0 for any other argument. Values are kept by pointer. */
int cli_filter_option(const char *cmd, cli_filter *cf, int argc, char **argv,
                      int *i);

/* Checks the options together (--from not after --to); 0 or 2. */
int cli_filter_finish(const char *cmd, cli_filter *cf);

/* The filter with --db, --by and the surge test's options. */
typedef struct cli_query {
    cli_filter filter;
    const char *db;         /* --db, NULL if not given */
    int by;                 /* --by as an evc_period, -1 if not given */
    evc_surge_params surge; /* defaults unless given */
} cli_query;

void cli_query_init(cli_query *q);
/* As cli_filter_option, for every option of cli_query. */
int cli_query_option(const char *cmd, cli_query *q, int argc, char **argv,
                     int *i);

/* The value of option argv[*i] (moving *i), or NULL after a message. */
const char *cli_value(const char *cmd, int argc, char **argv, int *i);

/* Opens --db read-only; 0, or 2 after a message. */
int cli_open_db(const char *cmd, const char *path, evc_eventdb **db);

/* The filter in words for titles and summaries ("roots 18-20, PAK, from
 * 1987-03-01"); "all events" when nothing is chosen. */
void cli_filter_describe(const cli_filter *cf, char *buf, size_t n);

#endif
