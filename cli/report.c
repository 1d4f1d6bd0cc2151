/* report.c: `evcode report`, one self-contained HTML file of charts and
 * tables about the events of a store (evc_report_write). The file is
 * written beside its destination and renamed into place, so an error
 * leaves no partial report. */
#include "evcode.h"
#include "filter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *cmd = "report";

static void report_usage(FILE *f)
{
    fprintf(f,
            "usage: evcode report --db FILE.db -o REPORT.html\n"
            "         [--by day|week|month|year] [--title TEXT]\n"
            "         [--root 18,19,20] [--quad 1,4] [--country PAK[,AFG]]\n"
            "         [--place NAME] [--from YYYY-MM-DD] [--to YYYY-MM-DD]\n"
            "         [--window K] [--alpha A] [--min-count N] [--top N]\n"
            "  One HTML file with inline SVG charts (events over time by quad\n"
            "  class and by CAMEO root, the top N dyads, surges marked on\n"
            "  their series) and tables; it needs no network. --by defaults\n"
            "  to day for spans up to 90 days, week up to three years, else\n"
            "  month; --window, --alpha and --min-count are those of evcode\n"
            "  surge.\n");
}

int cmd_report(int argc, char **argv);
int cmd_report(int argc, char **argv)
{
    cli_query q;
    cli_query_init(&q);
    evc_report_opts opts;
    evc_report_opts_default(&opts);
    const char *out_path = NULL;
    evc_error e;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        int took = cli_query_option(cmd, &q, argc, argv, &i);
        if (took == 2)
            return 2;
        if (took)
            continue;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            report_usage(stdout);
            return 0;
        }
        if (strcmp(a, "-o") && strcmp(a, "--title") && strcmp(a, "--top"))
            return cli_fail(cmd, "unknown option '%s' (see evcode report "
                                 "--help)", a);
        if (!(v = cli_value(cmd, argc, argv, &i)))
            return 2;
        if (!strcmp(a, "-o")) {
            out_path = v;
        } else if (!strcmp(a, "--title")) {
            opts.title = v;
        } else {
            char *end;
            long n = strtol(v, &end, 10);
            if (!*v || *end || n < 1 || n > 100)
                return cli_fail(cmd, "--top: '%.40s' is not a number from 1 "
                                     "to 100", v);
            opts.top_dyads = (size_t)n;
        }
    }
    if (cli_filter_finish(cmd, &q.filter))
        return 2;
    opts.by = q.by;
    opts.surge = q.surge;
    const char *db_path = q.db;
    const cli_filter *cf = &q.filter;
    if (!out_path)
        return cli_fail(cmd, "-o REPORT.html is required");
    evc_eventdb *db = NULL;
    if (cli_open_db(cmd, db_path, &db))
        return 2;
    char label[1024];
    cli_filter_describe(cf, label, sizeof label);
    const char *base = strrchr(db_path, '/');
    opts.filter = cf->f;
    opts.filter_label = label;
    opts.db_label = base ? base + 1 : db_path;

    /* write beside the destination, then rename into place */
    size_t n = strlen(out_path) + 16;
    char *tmp = malloc(n);
    if (!tmp) {
        evc_eventdb_close(db);
        return cli_fail(cmd, "out of memory");
    }
    snprintf(tmp, n, "%s.tmpXXXXXX", out_path);
    int fd = mkstemp(tmp);
    if (fd >= 0) { /* mkstemp makes it private; a report is an ordinary file */
        mode_t mask = umask(0);
        umask(mask);
        fchmod(fd, 0666 & ~mask);
    }
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) {
        int rc = cli_fail(cmd, "%s: cannot write the report here", out_path);
        if (fd >= 0) {
            close(fd);
            unlink(tmp);
        }
        free(tmp);
        evc_eventdb_close(db);
        return rc;
    }
    int rc = 0;
    if (evc_report_write(db, &opts, f, &e) != EVC_OK)
        rc = cli_fail_err(cmd, &e);
    if (fclose(f) != 0 && !rc)
        rc = cli_fail(cmd, "%s: cannot write the report", out_path);
    if (!rc && rename(tmp, out_path) != 0)
        rc = cli_fail(cmd, "%s: cannot write the report", out_path);
    if (rc)
        unlink(tmp);
    free(tmp);
    evc_eventdb_close(db);
    return rc;
}
