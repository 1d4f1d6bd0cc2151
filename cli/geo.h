/* geo.h: the command line's places: where the gazetteer's sources and cache
 * are (options, environment, defaults), `evcode gazetteer` and `evcode
 * places`. Implemented in cli/geo.c with the public header only. */
#ifndef EVC_CLI_GEO_H
#define EVC_CLI_GEO_H

#include "evcode.h"

typedef struct cli_geo_opts {
    const char *geonames;  /* --geonames DIR */
    const char *countries; /* --countries FILE */
    const char *aliases;   /* --aliases FILE */
    const char *cache;     /* --gazetteer-cache FILE */
    int off;               /* --no-geo */
} cli_geo_opts;

/* Takes argv[*i] (and its value) when it is one of the options above:
 * returns 1 (and advances *i past a value), 0 when it is not one, -1 when
 * its value is missing (a message is printed). */
int cli_geo_option(cli_geo_opts *o, int argc, char **argv, int *i);

/* The usage lines of those options. */
extern const char cli_geo_usage[];

/* The gazetteer for `evcode code`, loaded once: NULL when --no-geo, or when
 * its sources are not there (one warning line on stderr: events then have no
 * location). A malformed source or index sets *fatal (the message is
 * printed). A rebuilt or unwritable cache is noted on stderr. `data` is
 * the data folder (aliases), may be NULL. */
evc_gazetteer *cli_geo_open(const cli_geo_opts *o, const char *data, int *fatal);

/* evcode gazetteer build|info|check|lookup ... */
int cmd_gazetteer(int argc, char **argv, const char *data);

/* evcode places: the place mentions of articles, one TSV line each. */
int cmd_places(int argc, char **argv, const char *data, const char *model);

#endif
