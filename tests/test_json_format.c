/* Number formatting of the result writers (docs/reference/output.md; docs/reference/rules.md,
 * Rounding), white-box: the integer-arithmetic formatting must print every value exactly as the
 * printf-based code it replaced (kept here as the reference): figures rounded once,
 * half away from zero (fupin__round), to 2 or 4 decimals, shortest form, never -0,
 * null when not finite or beyond 1e300; money from exact fen; integers. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "model/model.h"

size_t fupin__json_format_dec(char *t, size_t cap, double v, int decimals);

/* ------------------------------------------------------------ the reference */

/* The former put_dec: fupin__round, then %.*f, trailing zeros and point dropped. */
static const char *ref_dec(char *t, size_t cap, double v, int decimals, const char *null_text)
{
    if (!isfinite(v))
        return null_text;
    v = fupin__round(v, decimals);
    if (!isfinite(v))
        return null_text; /* issue 11: a figure too large to round is null, never inf */
    int n = snprintf(t, cap, "%.*f", decimals, v);
    if (n < 0 || (size_t)n >= cap)
        return null_text;
    if (memchr(t, '.', (size_t)n)) {
        while (n > 0 && t[n - 1] == '0')
            n--;
        if (n > 0 && t[n - 1] == '.')
            n--;
    }
    t[n] = '\0';
    return strcmp(t, "-0") == 0 ? "0" : t;
}

/* The former put_fen. */
static const char *ref_fen(char *t, size_t cap, int64_t fen)
{
    uint64_t a = fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;
    unsigned frac = (unsigned)(a % 100);
    if (frac == 0)
        snprintf(t, cap, "%s%llu", fen < 0 ? "-" : "", (unsigned long long)(a / 100));
    else if (frac % 10 == 0)
        snprintf(t, cap, "%s%llu.%u", fen < 0 ? "-" : "", (unsigned long long)(a / 100), frac / 10);
    else
        snprintf(t, cap, "%s%llu.%02u", fen < 0 ? "-" : "", (unsigned long long)(a / 100), frac);
    return t;
}

/* ------------------------------------------------------------ values */

static uint64_t next(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static double unit(uint64_t *s)
{
    return (double)(next(s) >> 11) / 9007199254740992.0;
}

/* A value of the kind that is hard to round: ties and their neighbours, values a
 * billionth off a tie, negatives, values of every magnitude, raw bit patterns. */
static double hard_value(uint64_t *s, int decimals)
{
    static const double scale[] = {1, 10, 100, 1000, 10000};
    double sc = scale[decimals];
    uint64_t pick = next(s) % 10;
    double sign = next(s) & 1 ? -1.0 : 1.0;
    double k = (double)(int64_t)(next(s) % 2000000) - 1000000.0;
    switch (pick) {
    case 0: /* a tie k.5 in the last place, as written in decimal */
        return sign * (k + 0.5) / sc;
    case 1: { /* one ulp either side of a tie */
        double t = (k + 0.5) / sc;
        return next(s) & 1 ? nextafter(t, INFINITY) : nextafter(t, -INFINITY);
    }
    case 2: /* a billionth off a tie */
        return (k + 0.5) / sc + (next(s) & 1 ? 1e-9 : -1e-9);
    case 3: /* exact decimals with a few places */
        return sign * (double)(int64_t)(next(s) % 100000000) / 1e6;
    case 4: /* any magnitude from 1e-12 to 1e18 */
        return sign * pow(10.0, unit(s) * 30.0 - 12.0);
    case 5: { /* around the largest scaled value printed without printf, 2^40 */
        double b = 1099511627776.0 / sc;
        return sign * (b + (unit(s) - 0.5) * 4.0 / sc);
    }
    case 6: { /* any finite double at all */
        uint64_t bits = next(s);
        double v;
        memcpy(&v, &bits, sizeof v);
        return isfinite(v) ? v : 0.5;
    }
    case 7: /* percentages as computed: ratios of money */
        return sign * 100.0 * ((double)(next(s) % 100000000) / (double)(1 + next(s) % 100000000));
    case 8: /* tiny values that round to zero from either side */
        return sign * unit(s) * 1.5 / sc;
    default: /* plain uniform */
        return sign * unit(s) * 1000.0;
    }
}

static void check_dec(double v, int decimals)
{
    char want_buf[400], got[400];
    const char *want = ref_dec(want_buf, sizeof want_buf, v, decimals, "");
    size_t n = isfinite(v) ? fupin__json_format_dec(got, sizeof got, v, decimals) : 0;
    if (n == 0)
        got[0] = '\0';
    if (strcmp(want, got) != 0)
        fail_msg("%.17g to %d decimals: printed \"%s\", the reference \"%s\"", v, decimals, got,
                 want);
}

/* ------------------------------------------------------------ tests */

/* Fixed expected text, written by hand (not by any reference code): rules.md,
 * Rounding (half away from zero, once) and formats.md 4 (shortest form, never -0).
 * The decimal literals below are the doubles the C compiler picks for them: 0.125,
 * 2.5, 1.5 and 0.375 are exact in binary, so they are true ties; 1.005 is stored as
 * 1.00499999999999989..., below the tie, so it prints 1 (not 1.01); 0.00015 is
 * stored just below its tie (0.0001), 0.00025 and -0.005 just beyond theirs (0.0003,
 * -0.01). Exact ties of exact quantities are lib/core's fupin__round_exact's job. */
static void test_fixed_values_print_the_hand_derived_text(void **state)
{
    (void)state;
    static const struct {
        double v;
        int decimals;
        const char *text;
    } cases[] = {
        {0.125, 2, "0.13"},
        {-0.125, 2, "-0.13"},
        {2.5, 0, "3"},
        {-2.5, 0, "-3"},
        {1.5, 0, "2"},
        {0.375, 2, "0.38"},
        {1.005, 2, "1"},
        {6.5834, 2, "6.58"},
        {6.2646, 2, "6.26"},
        {-0.004, 2, "0"},
        {-0.0049, 2, "0"},
        {-0.005, 2, "-0.01"},
        {0.00015, 4, "0.0001"},
        {0.00025, 4, "0.0003"},
        {0.02, 4, "0.02"},
        {100, 2, "100"},
        {5123.5, 2, "5123.5"},
        {4000, 2, "4000"},
        {0, 4, "0"},
        {-0.0, 2, "0"},
        {12.3456, 4, "12.3456"},
        {1e15, 2, "1000000000000000"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char got[400];
        size_t n = fupin__json_format_dec(got, sizeof got, cases[i].v, cases[i].decimals);
        assert_true(n > 0);
        got[n] = '\0';
        assert_string_equal(got, cases[i].text);
    }
}

static void test_rounding_ties_away_from_zero_and_shortest_form_as_before(void **state)
{
    (void)state;
    static const double edges[] = {0.0,
                                   -0.0,
                                   0.005,
                                   -0.005,
                                   0.004999999999,
                                   -0.004999999999,
                                   0.00005,
                                   -0.00005,
                                   1.005,
                                   2.675,
                                   -2.675,
                                   1.125,
                                   -1.125,
                                   0.125,
                                   12.345,
                                   99.995,
                                   -99.995,
                                   100.0,
                                   0.1,
                                   0.7,
                                   1e-9,
                                   -1e-9,
                                   5e-324,
                                   -5e-324,
                                   2.2250738585072014e-308,
                                   1e15,
                                   -1e15,
                                   1e16,
                                   4503599627370496.5,
                                   9007199254740993.0,
                                   1e20,
                                   -1e20,
                                   1e300,
                                   -1e300,
                                   1.0000000000000001e300,
                                   1e301,
                                   -1e305,
                                   1.7976931348623157e308,
                                   -1.7976931348623157e308,
                                   10995116277.76,
                                   10995116277.755,
                                   -10995116277.765,
                                   109951162.7776,
                                   109951162.77755,
                                   NAN,
                                   INFINITY,
                                   -INFINITY};
    for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++) {
        check_dec(edges[i], 2);
        check_dec(edges[i], 4);
        check_dec(nextafter(edges[i], INFINITY), 2);
        check_dec(nextafter(edges[i], -INFINITY), 4);
    }
    /* every tie and neighbour of 2 and 4 decimals on a dense grid */
    for (int64_t k = -300000; k <= 300000; k++) {
        for (int d = 2; d <= 4; d += 2) {
            double sc = d == 2 ? 100.0 : 10000.0, t = ((double)k + 0.5) / sc;
            check_dec(t, d);
            check_dec(nextafter(t, INFINITY), d);
            check_dec(nextafter(t, -INFINITY), d);
            check_dec(t + 1e-9, d);
            check_dec(t - 1e-9, d);
            check_dec((double)k / sc, d);
        }
    }
}

static void test_random_values_of_every_kind_print_as_before(void **state)
{
    (void)state;
    uint64_t s = 20240601;
    for (int i = 0; i < 1000000; i++) {
        int d = i & 1 ? 2 : 4;
        check_dec(hard_value(&s, d), d);
    }
}

/* The figures of a household line in JSON and CSV: money from exact fen (any int64),
 * the year, the seven rounded figures; through the writers themselves. */
static void test_result_lines_print_money_years_and_figures_as_before(void **state)
{
    (void)state;
    static const int64_t fens[] = {
        0,         1,   -1,   9,      10,     -10,       99,        100,           -100,
        101,       110, -110, 512350, 400000, INT64_MAX, INT64_MIN, INT64_MIN + 1, INT64_MAX - 9,
        1000000007};
    uint64_t s = 7;
    struct fupin_result r;
    char line[4096], want[1024], a[400], b[400], fig[7][400];
    const char *figs[7];
    for (int i = 0; i < 200000; i++) {
        memset(&r, 0, sizeof r);
        strcpy(r.household, "H1");
        r.monitoring_threshold_fen = -1;
        size_t nf = sizeof fens / sizeof fens[0];
        r.per_capita_fen = i < (int)nf ? fens[i] : (int64_t)next(&s) >> (next(&s) % 64);
        if (r.per_capita_fen == FUPIN__FEN_UNKNOWN)
            r.per_capita_fen++;
        r.poverty_line_fen = i < (int)nf ? fens[nf - 1 - (size_t)i] : (int64_t)(next(&s) % 1000000);
        r.year =
            (int32_t)(next(&s) % 3 == 0 ? (int32_t)next(&s) : 1949 + (int32_t)(next(&s) % 152));
        r.since = i % 3 == 0 ? 0 : (int32_t)next(&s);
        double *dv[7] = {&r.growth,       &r.national_growth,      &r.gap_pp,
                         &r.real_growth,  &r.national_real_growth, &r.cagr,
                         &r.national_cagr};
        for (int k = 0; k < 7; k++) {
            *dv[k] = next(&s) % 17 == 0 ? NAN : hard_value(&s, 2);
            figs[k] = ref_dec(fig[k], sizeof fig[k], *dv[k], 2, "null");
        }

        FUPIN_OK_OR_FAIL(fupin_result_to_json(&r, line, sizeof line, NULL));
        char since[32];
        snprintf(since, sizeof since, "%lld", (long long)r.since);
        snprintf(want, sizeof want, "\"year\":%lld,\"guarantee\":", (long long)r.year);
        if (!strstr(line, want))
            fail_msg("%s lacks %s", line, want);
        snprintf(want, sizeof want,
                 "\"per_capita\":%s,\"poverty_line\":%s,\"status\":\"unknown\",\"growth\":%s,"
                 "\"national_growth\":%s,\"gap_pp\":%s,\"real_growth\":%s,"
                 "\"national_real_growth\":%s%s%s%s%s%s%s}",
                 ref_fen(a, sizeof a, r.per_capita_fen), ref_fen(b, sizeof b, r.poverty_line_fen),
                 figs[0], figs[1], figs[2], figs[3], figs[4], r.since ? ",\"since\":" : "",
                 r.since ? since : "", r.since ? ",\"cagr\":" : "", r.since ? figs[5] : "",
                 r.since ? ",\"national_cagr\":" : "", r.since ? figs[6] : "");
        if (!strstr(line, want))
            fail_msg("%s lacks %s", line, want);

        FUPIN_OK_OR_FAIL(fupin_result_to_csv(&r, line, sizeof line, NULL));
        for (int k = 0; k < 7; k++)
            figs[k] = ref_dec(fig[k], sizeof fig[k], *dv[k], 2, "");
        snprintf(want, sizeof want, ",%lld,", (long long)r.year);
        if (!strstr(line, want))
            fail_msg("%s lacks %s", line, want);
        snprintf(want, sizeof want, ",%s,%s,unknown,%s,%s,%s,%s,%s,%s,%s,%s,",
                 ref_fen(a, sizeof a, r.per_capita_fen), ref_fen(b, sizeof b, r.poverty_line_fen),
                 figs[0], figs[1], figs[2], figs[3], figs[4], r.since ? since : "",
                 r.since ? figs[5] : "", r.since ? figs[6] : "");
        if (!strstr(line, want))
            fail_msg("%s lacks %s", line, want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixed_values_print_the_hand_derived_text),
        cmocka_unit_test(test_rounding_ties_away_from_zero_and_shortest_form_as_before),
        cmocka_unit_test(test_random_values_of_every_kind_print_as_before),
        cmocka_unit_test(test_result_lines_print_money_years_and_figures_as_before),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
