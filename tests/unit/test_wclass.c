/* test_wclass.c: distributional word classes (src/nlp/wclass.c): the
 * exchange algorithm finds the word classes of a toy grammar, is
 * deterministic, and its table survives a save and load; a bad table is
 * refused. */
#include "nlp/wclass.h"
#include "testing.h"

#include <stdint.h>

static uint64_t rng = 99;
static unsigned rnd(unsigned n)
{
    rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)(rng >> 33) % n;
}

static const char *det[] = {"the", "a", "this", "that"};
static const char *noun[] = {"cat", "dog", "bird", "fish", "Cow"};
static const char *verb[] = {"sees", "likes", "chases", "eats"};

static void add(evc_wclass_builder *b, const char *w)
{
    evc_wclass_builder_add(b, w, strlen(w));
}

/* 3000 sentences "DET NOUN VERB DET NOUN ." and a rare word. */
static evc_wclass_builder *toy(void)
{
    evc_wclass_builder *b = evc_wclass_builder_new();
    rng = 99;
    for (int i = 0; i < 3000; i++) {
        add(b, det[rnd(4)]);
        add(b, noun[rnd(5)]);
        add(b, verb[rnd(4)]);
        add(b, det[rnd(4)]);
        add(b, i == 7 ? "zebra" : noun[rnd(5)]);
        add(b, ".");
        evc_wclass_builder_end(b);
    }
    return b;
}

static uint32_t cl(const evc_wclass *c, const char *w)
{
    return evc_wclass_get(c, evc_wclass_key(w, strlen(w)));
}

static unsigned char *bytes(const evc_wclass *c, size_t *len)
{
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);
    evc_bw w;
    evc_bw_init(&w, f);
    evc_wclass_save(c, &w);
    fclose(f);
    return (unsigned char *)buf;
}

int main(void)
{
    evc_error err = {0};
    evc_wclass_builder *b = toy();
    evc_wclass *c = NULL, *c2 = NULL;
    CHECK_INT(evc_wclass_build(b, 5, 3, 50, NULL, &c, &err), EVC_OK);
    CHECK_INT(evc_wclass_build(b, 5, 3, 50, NULL, &c2, &err), EVC_OK);
    evc_wclass_builder_free(b);
    if (!c || !c2)
        TEST_DONE();
    /* 14 words: the rare "zebra" has no class */
    CHECK_INT(evc_wclass_size(c), 14);
    CHECK_INT(evc_wclass_classes(c), 5);
    CHECK_INT(cl(c, "zebra"), 0);
    CHECK_INT(cl(c, "unseen"), 0);
    /* each part of speech is one class, and the three differ */
    uint32_t d = cl(c, "the"), n = cl(c, "cat"), v = cl(c, "sees");
    CHECK(d && n && v && d != n && n != v && d != v);
    for (int i = 0; i < 4; i++)
        CHECK_INT(cl(c, det[i]), d);
    for (int i = 0; i < 5; i++)
        CHECK_INT(cl(c, noun[i]), n);
    for (int i = 0; i < 4; i++)
        CHECK_INT(cl(c, verb[i]), v);
    CHECK(cl(c, ".") != d && cl(c, ".") != n && cl(c, ".") != v);
    /* keys ignore case and digits: COW is Cow, 1987 is 2024 */
    CHECK_INT(cl(c, "COW"), n);
    CHECK_INT(evc_wclass_key("1987", 4), evc_wclass_key("2024", 4));
    CHECK(evc_wclass_key("cat", 3) != evc_wclass_key("cats", 4));

    /* deterministic, and a save and load keeps every class */
    size_t n1 = 0, n2 = 0;
    unsigned char *b1 = bytes(c, &n1), *b2 = bytes(c2, &n2);
    CHECK(n1 == 8 + 14 * 6 && n1 == n2 && memcmp(b1, b2, n1) == 0);
    evc_br r;
    evc_br_init(&r, b1, n1);
    evc_wclass *l = NULL;
    CHECK_INT(evc_wclass_load(&r, &l), 0);
    CHECK(l && evc_wclass_size(l) == 14);
    if (l) {
        CHECK_INT(cl(l, "dog"), n);
        CHECK_INT(cl(l, "that"), d);
        CHECK_INT(cl(l, "zebra"), 0);
    }
    evc_wclass_free(l);
    evc_wclass *cp = evc_wclass_copy(c);
    CHECK(cp && cl(cp, "eats") == v && evc_wclass_size(cp) == 14);
    evc_wclass_free(cp);

    /* a missing table is count 0 and loads as none */
    size_t n0 = 0;
    unsigned char *b0 = bytes(NULL, &n0);
    CHECK_INT(n0, 4);
    evc_br_init(&r, b0, n0);
    l = (evc_wclass *)1;
    CHECK_INT(evc_wclass_load(&r, &l), 0);
    CHECK(l == NULL);
    CHECK_INT(cl(NULL, "cat"), 0);
    free(b0);

    /* truncated anywhere, keys out of order, a class out of range */
    int cuts_ok = 1;
    for (size_t len = 0; len < n1; len++) {
        evc_br_init(&r, b1, len);
        l = NULL;
        if (evc_wclass_load(&r, &l) != -1 || l)
            cuts_ok = 0;
    }
    CHECK(cuts_ok);
    unsigned char *bad = malloc(n1);
    memcpy(bad, b1, n1);
    memcpy(bad + 8 + 6, b1 + 8, 6); /* the second key equals the first */
    evc_br_init(&r, bad, n1);
    CHECK_INT(evc_wclass_load(&r, &l), -1);
    CHECK(r.what && strstr(r.what, "word class table"));
    memcpy(bad, b1, n1);
    bad[8 + 4] = 9; /* class 9 of 5 */
    evc_br_init(&r, bad, n1);
    CHECK_INT(evc_wclass_load(&r, &l), -1);
    memcpy(bad, b1, n1);
    bad[4] = 0; /* zero classes */
    evc_br_init(&r, bad, n1);
    CHECK_INT(evc_wclass_load(&r, &l), -1);
    free(bad);

    /* bad arguments and an empty text */
    b = evc_wclass_builder_new();
    CHECK_INT(evc_wclass_build(b, 1, 3, 5, NULL, &l, &err), EVC_ERR_ARG);
    CHECK_INT(evc_wclass_build(b, 8, 0, 5, NULL, &l, &err), EVC_ERR_ARG);
    CHECK_INT(evc_wclass_build(b, 8, 1, 5, NULL, &l, &err), EVC_OK);
    CHECK(l && evc_wclass_size(l) == 0);
    evc_wclass_free(l);
    evc_wclass_builder_free(b);

    free(b1);
    free(b2);
    evc_wclass_free(c);
    evc_wclass_free(c2);
    TEST_DONE();
}
