/* test_surge.c: evc_surge_detect on series whose answer is known by
 * construction: the tail against closed forms and brute-force sums, the
 * numbers behind a flag, coverage gaps, and, over many seeded series, the
 * false-alarm rate on flat Poisson and overdispersed noise, injected spikes,
 * slow trends and a lasting change of level. */
#include "evcode.h"
#include "testing.h"

#include <math.h>
#include <stdint.h>

/* ---- seeded noise (splitmix64), the test's own: the library has none */
static uint64_t rng_state;
static double unif(void)
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    z ^= z >> 31;
    return ((double)(z >> 11) + 0.5) / 9007199254740992.0;
}
/* Poisson by inversion (fine for the means used here, < 100) */
static long poisson(double lambda)
{
    double u = unif(), p = exp(-lambda), c = p;
    long k = 0;
    while (u > c && k < 10000) {
        k++;
        p *= lambda / k;
        c += p;
    }
    return k;
}
static double normal(void)
{
    return sqrt(-2.0 * log(unif())) * cos(6.283185307179586 * unif());
}
/* Gamma(shape >= 1, scale 1), Marsaglia and Tsang */
static double gamma_draw(double shape)
{
    double d = shape - 1.0 / 3.0, c = 1.0 / sqrt(9.0 * d);
    for (;;) {
        double x = normal(), v = 1.0 + c * x;
        if (v <= 0)
            continue;
        v = v * v * v;
        if (log(unif()) < 0.5 * x * x + d - d * v + d * log(v))
            return d * v;
    }
}
/* negative binomial with mean m and variance phi * m (a gamma-Poisson mix) */
static long negbin(double m, double phi)
{
    double r = m / (phi - 1.0);
    return poisson(gamma_draw(r) * m / r);
}

/* P(X >= x) by summing the pmf up to x - 1 (log-space terms) */
static double tail_brute(long x, double mean, double disp)
{
    double r = mean / (disp - 1.0), q = 1.0 - 1.0 / disp, below = 0.0;
    for (long k = 0; k < x; k++)
        below += exp(lgamma(k + r) - lgamma(r) - lgamma(k + 1.0) +
                     r * log1p(-q) + k * log(q));
    return 1.0 - below;
}

static int close_rel(double a, double b, double tol)
{
    return fabs(a - b) <= tol * fabs(b) + 1e-300;
}

static void test_tail(void)
{
    /* dispersion 1 + mean is the geometric law: P(X >= x) = q^x */
    double means[] = {0.5, 2.0, 9.0, 40.0};
    for (int i = 0; i < 4; i++) {
        double m = means[i], q = m / (m + 1.0);
        for (long x = 1; x <= 60; x += 7)
            CHECK(close_rel(evc_surge_tail(x, m, 1.0 + m), pow(q, (double)x),
                            1e-10));
    }
    /* against summed probabilities where the tail is not tiny */
    struct { double m, d; long x; } c[] = {
        {5, 1.25, 9}, {5, 1.25, 3}, {20, 3, 35}, {20, 3, 10},
        {0.3, 1.1, 1}, {0.3, 1.1, 2}, {100, 1.05, 120}, {100, 1.05, 95},
        {3, 1.125, 7}, {1000, 2, 1100}};
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        double got = evc_surge_tail(c[i].x, c[i].m, c[i].d);
        double want = tail_brute(c[i].x, c[i].m, c[i].d);
        if (!close_rel(got, want, 1e-8))
            fprintf(stderr, "tail(%ld, %g, %g) = %.12g, sum gives %.12g\n",
                    c[i].x, c[i].m, c[i].d, got, want);
        CHECK(close_rel(got, want, 1e-8));
    }
    CHECK(evc_surge_tail(0, 5, 2) == 1.0);
    /* tiny tails stay positive and ordered */
    double a = evc_surge_tail(60, 5, 1.125), b = evc_surge_tail(80, 5, 1.125);
    CHECK(a > 0 && b > 0 && b < a && a < 1e-20);
}

/* {4,6,4,6,4,6,4,6,30}: the numbers behind the flag at the end */
static void test_numbers(void)
{
    long s[] = {4, 6, 4, 6, 4, 6, 4, 6, 30};
    evc_surge_point pt[9];
    evc_surge_summary sum;
    CHECK_INT(evc_surge_detect(s, 9, NULL, pt, &sum, NULL), EVC_OK);
    for (int t = 0; t < 4; t++)
        CHECK(!pt[t].tested && !pt[t].flagged && pt[t].p == 1.0);
    CHECK_INT(sum.tested, 5); /* t = 4..8: at least 4 earlier periods */
    CHECK(fabs(sum.threshold - 0.01) < 1e-15);
    CHECK_INT(sum.flagged, 1);
    const evc_surge_point *f = &pt[8];
    CHECK(f->tested && f->flagged);
    CHECK_INT(f->count, 30);
    CHECK_INT(f->baseline_n, 8);
    CHECK(fabs(f->mean - 5.0) < 1e-12);
    CHECK(fabs(f->variance - 8.0 / 7.0) < 1e-12);
    CHECK(fabs(f->dispersion - 1.125) < 1e-12); /* variance < mean: 1 * 9/8 */
    CHECK(close_rel(f->p, evc_surge_tail(30, 5.0, 1.125), 1e-14));
    CHECK(f->p < 1e-10);
    /* critical: the first count at or under the threshold */
    CHECK(f->critical > 5);
    CHECK(evc_surge_tail(f->critical, 5.0, 1.125) <= 0.01);
    CHECK(evc_surge_tail(f->critical - 1, 5.0, 1.125) > 0.01);
    /* t = 4: baseline {4,6,4,6}, mean 5, variance 4/3 */
    CHECK_INT(pt[4].baseline_n, 4);
    CHECK(fabs(pt[4].variance - 4.0 / 3.0) < 1e-12);
    CHECK(fabs(pt[4].dispersion - 1.25) < 1e-12);
    CHECK(!pt[4].flagged);

    /* an overdispersed baseline widens the test: {0,10,0,10,...} */
    long w[] = {0, 10, 0, 10, 0, 10, 0, 10, 20};
    CHECK_INT(evc_surge_detect(w, 9, NULL, pt, &sum, NULL), EVC_OK);
    CHECK(fabs(pt[8].mean - 5.0) < 1e-12);
    CHECK(fabs(pt[8].variance - 200.0 / 7.0) < 1e-9);
    /* window dispersions at t = 4..8: 20/3, 7.5, 6, 20/3, 40/7; median 20/3
     * is above the last window's own 40/7 */
    CHECK(fabs(sum.series_dispersion - 20.0 / 3.0) < 1e-9);
    CHECK(fabs(pt[8].dispersion - (20.0 / 3.0) * 1.125) < 1e-9);
    CHECK(!pt[8].flagged); /* 20 is within such a series' swings */
}

static void test_gaps_and_zeros(void)
{
    evc_surge_point pt[16];
    evc_surge_summary sum;
    /* periods without coverage are skipped in baselines and not tested */
    long g[] = {5, 5, -1, 5, 5, -1, -1, 5, 40, -1};
    CHECK_INT(evc_surge_detect(g, 10, NULL, pt, &sum, NULL), EVC_OK);
    CHECK(!pt[2].tested && pt[2].count == -1);
    CHECK(!pt[9].tested);
    CHECK(pt[7].tested && pt[7].baseline_n == 4);
    CHECK(pt[8].tested && pt[8].baseline_n == 5 && pt[8].flagged);
    CHECK_INT(sum.tested, 2);

    /* an all-zero baseline: 3 events is a surge, 2 is under min_count */
    long z[] = {0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0};
    CHECK_INT(evc_surge_detect(z, 9, NULL, pt, &sum, NULL), EVC_OK);
    CHECK(fabs(pt[8].mean - 0.5 / 8) < 1e-15);
    CHECK(pt[8].flagged);
    z[8] = 2;
    CHECK_INT(evc_surge_detect(z, 9, NULL, pt, &sum, NULL), EVC_OK);
    CHECK(!pt[8].flagged && pt[8].p < sum.threshold);
    CHECK(pt[8].critical == 3);
    /* nothing at all */
    CHECK_INT(evc_surge_detect(z, 16, NULL, pt, &sum, NULL), EVC_OK);
    CHECK_INT(sum.flagged, 0);
    CHECK_INT(evc_surge_detect(NULL, 0, NULL, NULL, &sum, NULL), EVC_OK);
    CHECK_INT(sum.tested, 0);
}

/* A lasting change of level is flagged when it comes, then becomes the
 * baseline. */
static void test_level_shift(void)
{
    long s[40];
    evc_surge_point pt[40];
    for (int t = 0; t < 40; t++)
        s[t] = t < 20 ? 10 : 30;
    CHECK_INT(evc_surge_detect(s, 40, NULL, pt, NULL, NULL), EVC_OK);
    CHECK(pt[20].flagged);
    for (int t = 0; t < 20; t++)
        CHECK(!pt[t].flagged);
    for (int t = 28; t < 40; t++)
        CHECK(!pt[t].flagged);
}

static void test_bad_params(void)
{
    long s[] = {1, 2, 3};
    evc_surge_point pt[3];
    evc_surge_params p;
    evc_error e;
    evc_surge_params_default(&p);
    p.window = 1;
    CHECK_INT(evc_surge_detect(s, 3, &p, pt, NULL, &e), EVC_ERR_ARG);
    CHECK(strstr(e.message, "window") != NULL);
    evc_surge_params_default(&p);
    p.alpha = 0.0;
    CHECK_INT(evc_surge_detect(s, 3, &p, pt, NULL, &e), EVC_ERR_ARG);
    p.alpha = 1.0;
    CHECK_INT(evc_surge_detect(s, 3, &p, pt, NULL, &e), EVC_ERR_ARG);
    p.alpha = NAN;
    CHECK_INT(evc_surge_detect(s, 3, &p, pt, NULL, &e), EVC_ERR_ARG);
    evc_surge_params_default(&p);
    p.min_baseline = 9;
    CHECK_INT(evc_surge_detect(s, 3, &p, pt, NULL, &e), EVC_ERR_ARG);
    evc_surge_params_default(&p);
    p.min_count = 0;
    CHECK_INT(evc_surge_detect(s, 3, &p, pt, NULL, &e), EVC_ERR_ARG);
    CHECK_INT(evc_surge_detect(NULL, 3, NULL, pt, NULL, &e), EVC_ERR_ARG);
}

/* ---- many seeded series: rates, printed so the README can cite them */
enum { LEN = 60, RUNS = 2000 };

typedef long (*draw_fn)(int t, int run);

/* the fraction of RUNS series with any flag, and the share of all tested
 * periods flagged */
static double flag_rate(draw_fn draw, uint64_t seed, double *per_period,
                        int check_at, int *hits_at)
{
    long s[LEN];
    evc_surge_point pt[LEN];
    evc_surge_summary sum;
    int any = 0;
    size_t flags = 0, tested = 0;
    rng_state = seed;
    if (hits_at)
        *hits_at = 0;
    for (int run = 0; run < RUNS; run++) {
        for (int t = 0; t < LEN; t++)
            s[t] = draw(t, run);
        if (evc_surge_detect(s, LEN, NULL, pt, &sum, NULL) != EVC_OK)
            return -1;
        any += sum.flagged > 0;
        flags += sum.flagged;
        tested += sum.tested;
        if (hits_at && pt[check_at].flagged)
            (*hits_at)++;
    }
    if (per_period)
        *per_period = (double)flags / (double)tested;
    return (double)any / RUNS;
}

static const double lambdas[] = {1.0, 3.0, 10.0, 40.0};
static long draw_flat(int t, int run)
{
    (void)t;
    return poisson(lambdas[run % 4]);
}
static long draw_overdispersed(int t, int run)
{
    (void)t;
    return negbin(lambdas[run % 4] + 2.0, 3.0);
}
static long draw_trend(int t, int run)
{
    /* the mean doubles over the series */
    double base = lambdas[run % 4] + 2.0;
    return poisson(base * (1.0 + t / (LEN - 1.0)));
}
static double spike_size;
static long draw_spike(int t, int run)
{
    double lam = lambdas[run % 4] + 4.0;
    long c = poisson(lam);
    return t == 45 ? c + (long)(spike_size * lam) : c;
}

static void test_rates(void)
{
    double pp, rate;
    int hits;
    /* 2000 flat Poisson series of 60 periods, means 1, 3, 10 and 40: the
     * share of series with any flag must stay under alpha (0.05) with room
     * for sampling (2000 draws: sd 0.005) */
    rate = flag_rate(draw_flat, 1, &pp, 0, NULL);
    printf("flat Poisson: %.4f of series flagged, %.5f of periods\n", rate, pp);
    CHECK(rate >= 0 && rate <= 0.05);
    /* overdispersed noise (variance 3x the mean): the series' dispersion
     * keeps the false-alarm rate near alpha where the window's alone gave
     * 40% */
    rate = flag_rate(draw_overdispersed, 2, &pp, 0, NULL);
    printf("negative binomial (dispersion 3): %.4f of series, %.5f of periods\n",
           rate, pp);
    CHECK(rate >= 0 && rate <= 0.10);
    /* a slow trend (the mean doubles over the series) is followed by the
     * baseline */
    rate = flag_rate(draw_trend, 3, &pp, 0, NULL);
    printf("slow trend (x2): %.4f of series flagged, %.5f of periods\n", rate,
           pp);
    CHECK(rate >= 0 && rate <= 0.06);
    /* a spike of 6, then 3 times the mean on top of the noise at period 45 */
    spike_size = 6.0;
    rate = flag_rate(draw_spike, 4, &pp, 45, &hits);
    printf("spike +6x mean at period 45: flagged in %d of %d series\n", hits,
           RUNS);
    CHECK(hits >= RUNS * 99 / 100);
    spike_size = 3.0;
    rate = flag_rate(draw_spike, 5, &pp, 45, &hits);
    printf("spike +3x mean at period 45: flagged in %d of %d series\n", hits,
           RUNS);
    CHECK(hits >= RUNS * 90 / 100);
}

int main(void)
{
    test_tail();
    test_numbers();
    test_gaps_and_zeros();
    test_level_shift();
    test_bad_params();
    test_rates();
    TEST_DONE();
}
