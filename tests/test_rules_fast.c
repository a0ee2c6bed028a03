/* The shortcuts of lib/rules that keep evaluation fast (issue 15) decide exactly what
 * the general code decides, white-box: the income records found once per evaluation
 * (R-I1, R-A4), the 128-bit ratio comparison of R-A3 and R-A4 against
 * fupin__dec_cmp_mul, and the 64-bit exact rounding of the R-I4 growth against
 * fupin__round_ratio; and the R-G1..R-G7 statuses read from tables. Expected values
 * are worked by hand in comments. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "util.h"
#include "rules/rules.h"

/* ------------------------------------------------------------ income records */

static struct fupin__income incomes[8];

/* A household whose incomes are the given years, in order (year 0: the skipped
 * marker of a lenient load). */
static void household_with_years(struct fupin_household *h, const int32_t *years, size_t n)
{
    fupin__household_init(h);
    memset(incomes, 0, sizeof incomes);
    for (size_t i = 0; i < n; i++) {
        incomes[i].year = years[i];
        incomes[i].skipped = years[i] == 0;
    }
    h->incomes = incomes;
    h->n_incomes = (uint32_t)n;
}

/* Incomes 2019, 2020, 2022, 2023: Y 2023 finds 2023 and 2022; Y 2022 finds 2022 and no
 * 2021; a span from 2019 finds it below Y-1; since = Y-1 is both records at once. */
static void test_incomes_found_for_year_previous_year_and_span_start(void **state)
{
    (void)state;
    static const int32_t years[4] = {2019, 2020, 2022, 2023};
    struct fupin_household h;
    struct fupin__incomes in;
    household_with_years(&h, years, 4);

    fupin__incomes_find(&h, 2023, 0, &in);
    assert_ptr_equal(in.now, &incomes[3]);
    assert_ptr_equal(in.prev, &incomes[2]);
    assert_null(in.since);
    assert_int_equal(in.all_skipped, 0);

    fupin__incomes_find(&h, 2022, 0, &in);
    assert_ptr_equal(in.now, &incomes[2]);
    assert_null(in.prev);

    fupin__incomes_find(&h, 2023, 2019, &in);
    assert_ptr_equal(in.now, &incomes[3]);
    assert_ptr_equal(in.prev, &incomes[2]);
    assert_ptr_equal(in.since, &incomes[0]);

    fupin__incomes_find(&h, 2021, 2020, &in);
    assert_null(in.now);
    assert_ptr_equal(in.prev, &incomes[1]);
    assert_ptr_equal(in.since, &incomes[1]);

    fupin__incomes_find(&h, 2024, 2020, &in);
    assert_null(in.now);
    assert_ptr_equal(in.prev, &incomes[3]);
    assert_ptr_equal(in.since, &incomes[1]);

    /* a year after every record and one before them all find nothing */
    fupin__incomes_find(&h, 2030, 0, &in);
    assert_null(in.now);
    assert_null(in.prev);
    fupin__incomes_find(&h, 2010, 0, &in);
    assert_null(in.now);
    assert_null(in.prev);
}

/* A lenient load's year-0 marker (every year skipped) is reported, and is never the
 * record of a year. */
static void test_incomes_all_skipped_marker(void **state)
{
    (void)state;
    static const int32_t years[2] = {0, 2023};
    struct fupin_household h;
    struct fupin__incomes in;
    household_with_years(&h, years, 2);
    fupin__incomes_find(&h, 2023, 2020, &in);
    assert_int_equal(in.all_skipped, 1);
    assert_ptr_equal(in.now, &incomes[1]);
    assert_null(in.prev);
    assert_null(in.since);

    household_with_years(&h, years + 1, 1);
    fupin__incomes_find(&h, 2023, 0, &in);
    assert_int_equal(in.all_skipped, 0);
    assert_ptr_equal(in.now, &incomes[0]);

    household_with_years(&h, years, 0);
    fupin__incomes_find(&h, 2023, 0, &in);
    assert_int_equal(in.all_skipped, 0);
    assert_null(in.now);
}

/* ------------------------------------------------------------ R-A3, R-A4 ratios */

/* 3 against 0.3 x 10 is equal (0), 4 above (1), 2 below (-1); negative sides keep
 * their sign; and for every ratio of up to 20 decimals (beyond 18 the general
 * comparison decides) the shortcut agrees with fupin__dec_cmp_mul. */
static void test_ratio_comparison_agrees_with_the_general_one(void **state)
{
    (void)state;
    struct fupin__dec r = {3, 1};
    assert_int_equal(fupin__ratio_cmp(3, &r, 10), 0);
    assert_int_equal(fupin__ratio_cmp(4, &r, 10), 1);
    assert_int_equal(fupin__ratio_cmp(2, &r, 10), -1);
    assert_int_equal(fupin__ratio_cmp(-3, &r, -10), 0);
    assert_int_equal(fupin__ratio_cmp(-2, &r, -10), 1);
    assert_int_equal(fupin__ratio_cmp(0, &r, 0), 0);
    /* 0.0000000000000000001 (k = 19) x 10^19 is 1: beyond int64, but 9 x 10^18 is not */
    struct fupin__dec tiny = {1, 19};
    assert_int_equal(fupin__ratio_cmp(0, &tiny, 9000000000000000000LL), -1);
    assert_int_equal(fupin__ratio_cmp(1, &tiny, 9000000000000000000LL), 1);

    static const int64_t ms[] = {0, 1, 3, 5, 15, 333, 999999999999999999LL};
    static const int64_t vals[] = {0,
                                   1,
                                   -1,
                                   7,
                                   10,
                                   -10,
                                   300,
                                   5000000,
                                   -5000000,
                                   50000000000000LL,
                                   -50000000000000LL,
                                   INT64_MAX,
                                   INT64_MIN + 1};
    size_t nm = sizeof ms / sizeof ms[0], nv = sizeof vals / sizeof vals[0];
    for (int32_t k = 0; k <= 20; k++)
        for (size_t i = 0; i < nm; i++)
            for (size_t a = 0; a < nv; a++)
                for (size_t b = 0; b < nv; b++) {
                    struct fupin__dec d = {ms[i], k};
                    int want = fupin__dec_cmp_mul(vals[a], &d, vals[b]);
                    if (fupin__ratio_cmp(vals[a], &d, vals[b]) != want)
                        fail_msg("%lld vs %lld e-%d x %lld: want %d", (long long)vals[a],
                                 (long long)ms[i], (int)k, (long long)vals[b], want);
                }
}

/* ------------------------------------------------------------ R-I4 rounding */

/* The growth of now over prev in percent at 2 decimals, as fupin__round_ratio decides. */
static double general_growth(fupin__i128 now, fupin__i128 prev)
{
    fupin__i128 k;
    assert_int_equal(fupin__round_ratio((now - prev) * 100, prev, 2, &k), 0);
    return (double)k / 100.0;
}

/* 101125 / 100000 - 1 = 1.125 % exactly: 1.13 (the double 1.12499... gave 1.12);
 * 98875 / 100000 - 1 = -1.125 %: -1.13, away from zero; 101124: 1.1240 -> 1.12;
 * 98876: -1.124 -> -1.12; beyond the 64-bit bound (prev or the difference above 10^14
 * fen) the same figures come from the 128-bit division: 2.0225e14 / 2e14 - 1 = 1.125 %
 * -> 1.13; 3e14 / 1e14 - 1 = 200 %; and every figure of a sweep agrees. */
static void test_growth_rounding_is_exact_at_ties_both_ways(void **state)
{
    (void)state;
    assert_true(fupin__growth_pct_rounded(101125, 100000) == 1.13);
    assert_true(fupin__growth_pct_rounded(98875, 100000) == -1.13);
    assert_true(fupin__growth_pct_rounded(101124, 100000) == 1.12);
    assert_true(fupin__growth_pct_rounded(98876, 100000) == -1.12);
    assert_true(fupin__growth_pct_rounded(100000, 100000) == 0.0);
    assert_true(fupin__growth_pct_rounded(202250000000000LL, 200000000000000LL) == 1.13);
    assert_true(fupin__growth_pct_rounded(300000000000000LL, 100000000000000LL) == 200.0);
    assert_true(fupin__growth_pct_rounded(-100000000000001LL, 100000000000000LL) == -200.0);
    assert_true(fupin__growth_pct_rounded(100000000000000LL, 100000000000000LL) == 0.0);

    static const int64_t prevs[] = {
        1, 3, 7, 8, 400, 100000, 123457, 99999999999999LL, 100000000000000LL, 100000000000001LL};
    for (size_t i = 0; i < sizeof prevs / sizeof prevs[0]; i++) {
        int64_t p = prevs[i];
        for (int64_t d = -3 * p; d <= 3 * p; d += p / 16 + 1) {
            double want = general_growth(p + d, p);
            if (fupin__growth_pct_rounded(p + d, p) != want)
                fail_msg("%lld over %lld: want %.2f", (long long)(p + d), (long long)p, want);
        }
        /* the ties themselves: now - prev = prev x j / 20000 for odd j (x.xx5 %) */
        for (int64_t j = -40001; j <= 40001; j += 2) {
            fupin__i128 now = (fupin__i128)p * (20000 + j);
            fupin__i128 prev = (fupin__i128)p * 20000;
            double want = general_growth(now, prev);
            if (fupin__growth_pct_rounded(now, prev) != want)
                fail_msg("tie %lld over 20000 x %lld: want %.2f", (long long)j, (long long)p, want);
        }
    }
}

/* ------------------------------------------------------------ R-G1, R-G7 tables */

/* A flag holds 0, 1 or -1 (blank); a value outside those (none is ever stored, but the
 * table must not be read outside its bounds) is unknown like a blank: R-G1 food
 * unknown, the guarantee unknown and FOOD_UNKNOWN its only reason; food 0 is unmet
 * with FOOD_INSECURE, and unmet outweighs an unknown clothing (R-G7 conventions). */
static void test_flag_outside_its_values_is_unknown(void **state)
{
    (void)state;
    fupin_policy *p = NULL;
    fupin_result *r = NULL;
    fupin_household *h = tu_household_ok("H1", 2023, "20000");
    FUPIN_OK_OR_FAIL(fupin_policy_builtin(&p, "national"));
    FUPIN_OK_OR_FAIL(fupin_result_create(&r));
    h->food_secure = 7;
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(p, h, 2023, r));
    assert_int_equal(fupin_result_dimension(r, FUPIN_DIM_FOOD), FUPIN_STATUS_UNKNOWN);
    assert_int_equal(fupin_result_guarantee(r), FUPIN_STATUS_UNKNOWN);
    assert_int_equal(fupin_result_reason_count(r, FUPIN_LIST_GUARANTEE), 1);
    assert_int_equal(fupin_result_reason(r, FUPIN_LIST_GUARANTEE, 0), FUPIN_REASON_FOOD_UNKNOWN);

    h->food_secure = 0;
    h->clothing_secure = -1;
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(p, h, 2023, r));
    assert_int_equal(fupin_result_guarantee(r), FUPIN_STATUS_UNMET);
    assert_int_equal(fupin_result_reason_count(r, FUPIN_LIST_GUARANTEE), 2);
    assert_int_equal(fupin_result_reason(r, FUPIN_LIST_GUARANTEE, 0), FUPIN_REASON_FOOD_INSECURE);
    assert_int_equal(fupin_result_reason(r, FUPIN_LIST_GUARANTEE, 1),
                     FUPIN_REASON_CLOTHING_UNKNOWN);
    fupin_result_free(r);
    fupin_policy_free(p);
    fupin_household_free(h);
}

/* ------------------------------------------------------------ R-G3 school-age window */

/* R-G3 compares birth-date keys with a window fixed per evaluator instead of working
 * out an age per member: for every birth date of every precision (a year is 1 July, a
 * month the 15th) over two decades, on cut-off days that exist, that a short February
 * moves to its last day (30 February: the 28th in 2023, the 29th in 2024), and for the
 * ages 6..15, 0..0 and 3..4, the window says "of school age" exactly when the age that
 * fupin__date_resolve_birth and fupin__age_on give lies within [min, max]. */
static void test_school_window_agrees_with_the_age(void **state)
{
    (void)state;
    static const int cutoff[][2] = {{8, 31}, {2, 29}, {2, 30}, {12, 31}, {1, 1}};
    static const int ages[][2] = {{6, 15}, {0, 0}, {3, 4}};
    fupin_policy *p = NULL;
    struct fupin_evaluator e;
    for (size_t c = 0; c < sizeof cutoff / sizeof cutoff[0]; c++)
        for (size_t a = 0; a < sizeof ages / sizeof ages[0]; a++)
            for (int32_t year = 2023; year <= 2024; year++) {
                FUPIN_OK_OR_FAIL(fupin_policy_builtin(&p, "national"));
                FUPIN_OK_OR_FAIL(fupin_policy_set(p, "school_age_month", NULL, 0, cutoff[c][0]));
                FUPIN_OK_OR_FAIL(fupin_policy_set(p, "school_age_day", NULL, 0, cutoff[c][1]));
                FUPIN_OK_OR_FAIL(fupin_policy_set(p, "school_age_min", NULL, 0, ages[a][0]));
                FUPIN_OK_OR_FAIL(fupin_policy_set(p, "school_age_max", NULL, 0, ages[a][1]));
                FUPIN_OK_OR_FAIL(fupin__evaluator_init(&e, p, year, 0));
                const struct fupin__params *prm = &e.region[0];
                int32_t cm = cutoff[c][0], cd = cutoff[c][1];
                if (cd > fupin__days_in_month(year, cm))
                    cd = fupin__days_in_month(year, cm);
                size_t in = 0;
                for (int32_t y = year - 20; y <= year + 1; y++)
                    for (int32_t m = 1; m <= 12; m++)
                        for (int32_t d = 1; d <= fupin__days_in_month(y, m); d++)
                            for (int8_t prec = 1; prec <= 3; prec++) {
                                /* as fupin__parse_date stores them: no month or day
                                 * beyond the precision */
                                struct fupin__date b = {(int16_t)y, (int8_t)(prec >= 2 ? m : 0),
                                                        (int8_t)(prec >= 3 ? d : 0), prec};
                                int32_t by, bm, bd;
                                fupin__date_resolve_birth(&b, &by, &bm, &bd);
                                int32_t age = fupin__age_on(by, bm, bd, year, cm, cd);
                                int want = age >= ages[a][0] && age <= ages[a][1];
                                int64_t key = fupin__birth_key(&b);
                                int got =
                                    key > prm->school_born_after && key <= prm->school_born_by;
                                if (got != want)
                                    fail_msg("%d-%02d-%02d prec %d on %d-%02d-%02d, ages %d..%d: "
                                             "window %d, age %d",
                                             (int)y, (int)m, (int)d, (int)prec, (int)year, (int)cm,
                                             (int)cd, ages[a][0], ages[a][1], got, (int)age);
                                in += (size_t)got;
                            }
                assert_true(in > 0); /* the window is not empty */
                fupin_policy_free(p);
                p = NULL;
            }
}

/* A group read back from its text form has the evaluator's R-I6 divisor too (it is
 * derived, not written): its context reads the same as the evaluated group's. */
static void test_parsed_group_context_has_the_cpi_divisor(void **state)
{
    (void)state;
    fupin_policy *p = NULL;
    fupin_evaluator *e = NULL;
    fupin_village *v = NULL;
    fupin_summary *g = NULL, *back = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_builtin(&p, "national"));
    FUPIN_OK_OR_FAIL(fupin_evaluator_create(&e, p, 2023));
    FUPIN_OK_OR_FAIL(fupin_village_create(&v, "520102001001", "west"));
    FUPIN_OK_OR_FAIL(fupin_summary_create(&g));
    FUPIN_OK_OR_FAIL(fupin_summary_create(&back));
    const fupin_village *vs[1] = {v};
    FUPIN_OK_OR_FAIL(fupin_evaluator_evaluate_group_villages(e, vs, 1, "52", g));
    char text[4096];
    FUPIN_OK_OR_FAIL(fupin_summary_serialize(g, text, sizeof text, NULL));
    FUPIN_OK_OR_FAIL(fupin_summary_parse(back, text, strlen(text)));
    assert_false(isnan(g->ctx.stats.cpi_divisor));
    assert_true(back->ctx.stats.cpi_divisor == g->ctx.stats.cpi_divisor);
    fupin_summary_free(back);
    fupin_summary_free(g);
    fupin_village_free(v);
    fupin_evaluator_free(e);
    fupin_policy_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_incomes_found_for_year_previous_year_and_span_start),
        cmocka_unit_test(test_incomes_all_skipped_marker),
        cmocka_unit_test(test_ratio_comparison_agrees_with_the_general_one),
        cmocka_unit_test(test_growth_rounding_is_exact_at_ties_both_ways),
        cmocka_unit_test(test_flag_outside_its_values_is_unknown),
        cmocka_unit_test(test_school_window_agrees_with_the_age),
        cmocka_unit_test(test_parsed_group_context_has_the_cpi_divisor),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
