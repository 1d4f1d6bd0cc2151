/* cli.h: what cli/evcode.c shares with the other files of the command line
 * (cli/store.c): error lines, and `evcode code`'s
 * threaded, ordered pipeline with a sink that takes each coded article, in
 * input order, instead of writing lines. */
#ifndef EVC_CLI_H
#define EVC_CLI_H

#include "evcode.h"

/* Writes "evcode: file:line:column: message" for e on stderr. */
void cli_die_err(const evc_error *e);

/* Where `evcode code`'s pipeline hands its articles when it does not write
 * them. All calls come from the main thread: check in reading order, put
 * and batch_end in input order. */
typedef struct cli_sink {
    void *arg;
    /* Before an article is coded: 0 codes it; 1 leaves it out quietly (it
     * is stored already, say); -1 leaves it out as skipped, with the
     * message why in msg (one line, no newline). `date` is --date, 0 if
     * not given. May be NULL. */
    int (*check)(void *arg, const char *file, const evc_article *a,
                 int32_t date, char *msg, size_t n);
    /* Each coded article: 0 on success, 1 if it was skipped (err says
     * why: the run goes on, exit status 1), 2 on an error that ends the
     * run (err says which). */
    int (*put)(void *arg, const evc_coded_article *a, evc_error *err);
    /* After the articles of one batch: 0, or 2 with err set to stop. */
    int (*batch_end)(void *arg, evc_error *err);
} cli_sink;

/* `evcode code` with argv[0] the subcommand's name: its options and
 * inputs. With a sink, the articles go to it instead of standard output:
 * only raw articles (JSON Lines, text) are read, JSON Lines being the
 * default, and the options that shape output lines (--format,
 * --one-a-day, --explain) are refused. Returns the exit status. */
int cli_code(int argc, char **argv, const cli_sink *sink);

/* Subcommands in cli/store.c. */
int cmd_ingest(int argc, char **argv);
int cmd_query(int argc, char **argv);
int cmd_export(int argc, char **argv);
void store_usage(FILE *f);

#endif
