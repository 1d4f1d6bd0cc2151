/* geo.h: internals of the gazetteer: the layout of its binary index (the
 * cache file), name normalization, and the builder that turns the GeoNames
 * and countries sources into an index. Shared by src/geo/ only. */
#ifndef EVC_GEO_H
#define EVC_GEO_H

#include "evcode.h"

#include <stddef.h>
#include <stdint.h>

/* ---------------------------------------------------------------- layout
 * One file: a header, then sections, each 8-byte aligned, at the offsets the
 * header gives. Integers are native (the header's `endian` word rejects a
 * file written on a machine of the other byte order). Strings are offsets
 * into the string section, which starts with an empty string and ends with a
 * NUL, so every offset below its size names a NUL-terminated string.
 * Coordinates are degrees times 1e5 (GeoNames gives five decimals), or
 * GZ_NOCOORD when unknown. Indices are GZ_NONE when absent. */

#define GZ_MAGIC "EVCGAZ\r\n"
#define GZ_VERSION 5u
#define GZ_ENDIAN 0x01020304u
#define GZ_NONE 0xFFFFFFFFu
#define GZ_NOCOORD INT32_MIN

enum gz_section {
    GZ_SEC_STR,     /* char */
    GZ_SEC_COUNTRY, /* gz_country */
    GZ_SEC_ADMIN1,  /* gz_admin */
    GZ_SEC_ADMIN2,  /* gz_admin */
    GZ_SEC_REGION,  /* gz_admin (the aliases file's own regions) */
    GZ_SEC_PLACE,   /* gz_place */
    GZ_SEC_KEY,     /* gz_key */
    GZ_SEC_SLOT,    /* uint32_t: key index + 1, 0 = empty; a power of two */
    GZ_SEC_POST,    /* uint32_t postings (GZ_POST_*) */
    GZ_NSEC
};

typedef struct gz_header {
    char magic[8];
    uint32_t version, endian;
    uint64_t key;  /* the sources' paths, sizes and times, hashed */
    uint64_t size; /* of the whole file */
    uint32_t crc;  /* CRC-32 of bytes [sizeof(gz_header), size) */
    uint32_t nsec; /* GZ_NSEC */
    struct {
        uint64_t off, count;
    } sec[GZ_NSEC];
    uint64_t reserved[3];
} gz_header;

typedef struct gz_country {
    uint32_t name, official; /* strings */
    char iso2[4], iso3[4];   /* NUL-terminated */
    int32_t lat, lon;
    uint32_t pop;            /* population of its places in cities500 */
    uint32_t independent;    /* 0 or 1 */
} gz_country;

/* A first- or second-order division, or a region of the aliases file. */
typedef struct gz_admin {
    uint32_t code;    /* GeoNames code "PK.03", "PK.03.1164211"; a region: "" */
    uint32_t name;
    uint32_t iso;     /* ISO 3166-2 ("PK-KP") or "" */
    int32_t lat, lon; /* population-weighted centre, else the seat */
    uint32_t pop;
    uint32_t admin1;  /* index (admin2, regions), GZ_NONE for an admin1 */
    uint32_t country; /* index or GZ_NONE */
} gz_admin;

typedef struct gz_place {
    uint32_t id;    /* GeoNames id */
    uint32_t name;
    uint32_t fcode; /* feature code string, "PPLA" */
    int32_t lat, lon;
    uint32_t pop;
    uint32_t admin1;
    uint32_t country;
    uint32_t nalt;  /* alternate names in GeoNames, all scripts: how widely
                       the place is known */
} gz_place;

typedef struct gz_key {
    uint32_t str;   /* the normalized name */
    uint32_t post;  /* first posting */
    uint32_t npost;
    uint32_t hash;  /* gz_hash of the name */
} gz_key;

/* A posting: what a name may stand for. */
enum gz_kind {
    GZ_PLACE = 0,
    GZ_ADMIN1 = 1,
    GZ_ADMIN2 = 2,
    GZ_COUNTRY = 3,
    GZ_REGION = 4,
    GZ_DEMONYM = 5, /* "Pakistani": the country, as context, never a place */
    GZ_STOP = 6     /* index 0: the name is no place ("Africa", "Gulf"),
                       whatever else its key lists */
};
#define GZ_POST_ALT (1u << 25)   /* by an alternate name, not the main one */
#define GZ_POST_ABBR (1u << 26)  /* an abbreviation ("Fla."): qualifier only */
#define GZ_POST_ALIAS (1u << 27) /* from the project's aliases file */
#define GZ_POST_KIND(p) ((p) >> 29)
#define GZ_POST_INDEX(p) ((p)&0x01FFFFFFu)
#define GZ_POST(kind, index) (((uint32_t)(kind) << 29) | (uint32_t)(index))
#define GZ_MAX_INDEX 0x01FFFFFFu

/* ---------------------------------------------------------------- gazetteer */

struct evc_gazetteer {
    const unsigned char *base; /* the image */
    size_t size;
    int mapped;                /* 1: munmap(base), 0: free(base) */
    const char *str;
    size_t nstr;
    const gz_country *country;
    const gz_admin *admin1, *admin2, *region;
    const gz_place *place;
    const gz_key *key;
    const uint32_t *slot, *post;
    size_t ncountry, nadmin1, nadmin2, nregion, nplace, nkey, nslot, npost;
};

/* Checks an image (header, sections, every offset and index) and points g
 * at it; g does not own the bytes. `name` labels errors. A checksum
 * mismatch is EVC_ERR_SYNTAX with "checksum". */
evc_status gz_attach(struct evc_gazetteer *g, const void *image, size_t size,
                     const char *name, evc_error *err);

/* The key entry of a normalized name, or NULL; NULL too for a name the
 * aliases file says is no place (a GZ_STOP posting). */
const gz_key *gz_find(const struct evc_gazetteer *g, const char *key, size_t len);

uint32_t gz_hash(const char *s, size_t n);

/* A place's likelihood before any context: log10 of its population, with
 * bonuses by kind and feature (a capital, a country) and maluses for
 * alternate names and abbreviations. */
double gz_prior(const struct evc_gazetteer *g, uint32_t post);

/* Fills an evc_place from a posting (kind and index already checked). */
void gz_place_of(const struct evc_gazetteer *g, uint32_t post, evc_place *out);

/* ---------------------------------------------------------------- names */

/* Normalizes a name for lookup: case folded, diacritics stripped (utf8proc:
 * NFKD, case fold, strip marks), a few letters without a decomposition
 * spelled in ASCII (ł l, ø o, æ ae, ...), apostrophes and periods dropped,
 * "&" read as "and", other punctuation and spaces turned into single
 * spaces, trimmed. Writes at most cap - 1 bytes and a NUL into out; returns
 * the length, or 0 when the name is empty or does not fit. Invalid UTF-8
 * bytes count as separators. */
size_t gz_normalize(const char *s, size_t n, char *out, size_t cap);

/* The longest normalized name kept in the index, in bytes. */
#define GZ_MAX_KEY 96

/* ---------------------------------------------------------------- building */

typedef struct gz_builder gz_builder;

gz_builder *gz_builder_new(void);
void gz_builder_free(gz_builder *b);

/* The readers of each source, from bytes in memory (`name` labels errors
 * with file:line:column). They must be given in this order: countries,
 * admin1 names, admin1_derived, admin2 names, cities, aliases; each may be
 * left out. */
evc_status gz_read_countries(gz_builder *b, const char *data, size_t len,
                             const char *name, evc_error *err);
evc_status gz_read_admin_json(gz_builder *b, int level, const char *data,
                              size_t len, const char *name, evc_error *err);
evc_status gz_read_admin1_derived(gz_builder *b, const char *data, size_t len,
                                  const char *name, evc_error *err);
evc_status gz_read_cities(gz_builder *b, const char *data, size_t len,
                          const char *name, evc_error *err);
evc_status gz_read_aliases(gz_builder *b, const char *data, size_t len,
                           const char *name, evc_error *err);

/* The index image (malloc'd, *size bytes), with `key` in its header. */
evc_status gz_builder_finish(gz_builder *b, uint64_t key, unsigned char **image,
                             size_t *size, evc_error *err);

#endif
