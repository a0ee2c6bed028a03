/* R-I4..R-I7: income growth against the national average, for households and
 * villages (black-box). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

#define CODE "520102001001"

static fupin_policy *national(void)
{
    fupin_policy *p = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_builtin(&p, "national"));
    return p;
}

/* A complete income record for a year, all of it as wage (NULL: no record). */
static void income(fupin_household *h, int32_t year, const char *wage)
{
    if (!wage)
        return;
    const char *f[][2] = {{"wage", wage}, {"business", "0"}, {"property", "0"}, {"transfer", "0"}};
    for (int i = 0; i < 4; i++)
        FUPIN_OK_OR_FAIL(fupin_household_set_income(h, year, f[i][0], f[i][1]));
}

/* A one-member household with incomes for 2023 (prev) and 2024 (now). */
static fupin_household *hh(const char *id, const char *prev, const char *now)
{
    fupin_household *h = tu_household_ok(id, 2024, NULL);
    assert_non_null(h);
    income(h, 2023, prev);
    income(h, 2024, now);
    return h;
}

static fupin_result *eval(const fupin_evaluator *e, const fupin_household *h)
{
    fupin_result *r = NULL;
    FUPIN_OK_OR_FAIL(fupin_result_create(&r));
    FUPIN_OK_OR_FAIL(fupin_evaluator_evaluate_household(e, h, r));
    return r;
}

static double fig(const fupin_result *r, int which)
{
    double d = NAN;
    FUPIN_OK_OR_FAIL(fupin_result_figure(r, which, &d));
    return d;
}

static int is_null(const fupin_result *r, int which)
{
    double d;
    return fupin_result_figure(r, which, &d) == FUPIN_ENULL;
}

static const char *json(const fupin_result *r)
{
    static char buf[4096];
    FUPIN_OK_OR_FAIL(fupin_result_to_json(r, buf, sizeof buf, NULL));
    return buf;
}

static void test_R_I4_national_growth_reproduces_nbs_published_nominal_growth(void **state)
{
    (void)state;
    /* NBS published nominal growth of rural per-capita disposable income, percent */
    static const struct {
        int32_t year;
        double published;
    } nbs[] = {{2015, 8.9},  {2016, 8.2}, {2018, 8.8}, {2019, 9.6}, {2020, 6.9},
               {2021, 10.5}, {2022, 6.3}, {2023, 7.7}, {2024, 6.6}};
    fupin_policy *p = national();
    fupin_household *h = tu_household_ok("H1", 2024, "10000");
    for (size_t i = 0; i < sizeof nbs / sizeof nbs[0]; i++) {
        fupin_evaluator *e = NULL;
        FUPIN_OK_OR_FAIL(fupin_evaluator_create(&e, p, nbs[i].year));
        fupin_result *r = eval(e, h);
        double g = fig(r, FUPIN_FIG_NATIONAL_GROWTH);
        /* published to 0.1 pp: the series must agree within half of that */
        if (fabs(g - nbs[i].published) > 0.05 + 1e-9)
            fail_msg("%d: national growth %.4f, NBS %.1f", nbs[i].year, g, nbs[i].published);
        assert_true(strncmp(fupin_evaluator_series_origin(e), "built-in: NBS", 13) == 0);
        fupin_result_free(r);
        fupin_evaluator_free(e);
    }
    fupin_household_free(h);
    fupin_policy_free(p);
}

static void test_R_I4_household_growth_gap_and_real_growth_for_2024(void **state)
{
    (void)state;
    fupin_policy *p = national();
    fupin_evaluator *e = NULL;
    FUPIN_OK_OR_FAIL(fupin_evaluator_create(&e, p, 2024));
    fupin_household *h = hh("H1", "10000", "11000");
    fupin_result *r = eval(e, h);
    /* 11000 / 10000 - 1 = 10 %; 23119 / 21691 - 1 = 6.5834 % */
    assert_true(fig(r, FUPIN_FIG_GROWTH) == 10.0);
    assert_true(fig(r, FUPIN_FIG_NATIONAL_GROWTH) == 6.58);
    assert_true(fig(r, FUPIN_FIG_GAP_PP) == 3.42);
    /* R-I6 with rural_cpi 2024 = 0.3: 1.1 / 1.003 - 1 = 9.6710 %; 1.065834 / 1.003 - 1 */
    assert_true(fig(r, FUPIN_FIG_REAL_GROWTH) == 9.67);
    assert_true(fig(r, FUPIN_FIG_NATIONAL_REAL_GROWTH) == 6.26);
    fupin_result_free(r);
    fupin_household_free(h);
    fupin_evaluator_free(e);
    fupin_policy_free(p);
}

static void test_R_I4_gap_pp_comes_from_unrounded_operands(void **state)
{
    (void)state;
    fupin_policy *p = national();
    fupin_evaluator *e = NULL;
    FUPIN_OK_OR_FAIL(fupin_evaluator_create(&e, p, 2024));
    /* growth 7.006 % (prints 7.01), national 6.5834 % (prints 6.58): the gap is
     * 0.4226 -> 0.42, not 7.01 - 6.58 = 0.43 */
    fupin_household *h = hh("H1", "10000", "10700.6");
    fupin_result *r = eval(e, h);
    assert_true(fig(r, FUPIN_FIG_GROWTH) == 7.01);
    assert_true(fig(r, FUPIN_FIG_GAP_PP) == 0.42);
    assert_non_null(strstr(json(r), "\"growth\":7.01,\"national_growth\":6.58,\"gap_pp\":0.42,"));
    fupin_result_free(r);
    fupin_household_free(h);
    fupin_evaluator_free(e);
    fupin_policy_free(p);
}

static void test_R_I4_zero_negative_or_missing_base_income_gives_null_growth(void **state)
{
    (void)state;
    fupin_policy *p = national();
    fupin_evaluator *e = NULL;
    FUPIN_OK_OR_FAIL(fupin_evaluator_create(&e, p, 2024));
    fupin_household *zero = hh("zero", "0", "5000");
    fupin_household *neg = hh("neg", "0", "5000");
    FUPIN_OK_OR_FAIL(fupin_household_set_income(neg, 2023, "business", "-100"));
    fupin_household *missing = hh("missing", NULL, "5000");
    fupin_household *blank = hh("blank", "1000", "5000");
    FUPIN_OK_OR_FAIL(fupin_household_set_income(blank, 2023, "transfer", ""));
    fupin_household *now_unknown = hh("now", "1000", NULL);
    fupin_household *cases[] = {zero, neg, missing, blank, now_unknown};
    for (size_t i = 0; i < 5; i++) {
        fupin_result *r = eval(e, cases[i]);
        assert_true(is_null(r, FUPIN_FIG_GROWTH));
        assert_true(is_null(r, FUPIN_FIG_GAP_PP));
        assert_true(is_null(r, FUPIN_FIG_REAL_GROWTH));
        assert_false(is_null(r, FUPIN_FIG_NATIONAL_GROWTH));
        const char *line = json(r);
        assert_non_null(strstr(line, "\"growth\":null,\"national_growth\":6.58,\"gap_pp\":null,"
                                     "\"real_growth\":null,\"national_real_growth\":6.26}"));
        assert_null(strstr(line, "inf"));
        assert_null(strstr(line, "nan"));
        fupin_result_free(r);
        fupin_household_free(cases[i]);
    }
    fupin_evaluator_free(e);
    fupin_policy_free(p);
}

static void test_R_I4_negative_current_income_gives_negative_growth(void **state)
{
    (void)state;
    fupin_policy *p = national();
    fupin_evaluator *e = NULL;
    FUPIN_OK_OR_FAIL(fupin_evaluator_create(&e, p, 2024));
    fupin_household *h = hh("H1", "1000", "0");
    FUPIN_OK_OR_FAIL(fupin_household_set_income(h, 2024, "business", "-500"));
    fupin_result *r = eval(e, h);
    assert_true(fig(r, FUPIN_FIG_GROWTH) == -150.0);
    assert_non_null(strstr(json(r), "\"per_capita\":-500,"));
    fupin_result_free(r);
    fupin_household_free(h);
    fupin_evaluator_free(e);
    fupin_policy_free(p);
}

static void test_R_I6_real_growth_needs_rural_cpi_of_the_year(void **state)
{
    (void)state;
    fupin_policy *p = national();
    fupin_household *h = tu_household_ok("H1", 2025, "11000");
    income(h, 2024, "10000");
    fupin_evaluator *e = NULL;
    /* 2025: no rural_cpi and no national_rural_income in the built-in series */
    FUPIN_OK_OR_FAIL(fupin_evaluator_create(&e, p, 2025));
    fupin_result *r = eval(e, h);
    assert_true(fig(r, FUPIN_FIG_GROWTH) == 10.0);
    assert_true(is_null(r, FUPIN_FIG_REAL_GROWTH));
    assert_true(is_null(r, FUPIN_FIG_NATIONAL_GROWTH));
    assert_true(is_null(r, FUPIN_FIG_NATIONAL_REAL_GROWTH));
    assert_true(is_null(r, FUPIN_FIG_GAP_PP));
    assert_string_equal(fupin_evaluator_series_origin(e), "");
    fupin_result_free(r);
    fupin_evaluator_free(e);
    /* with rural_cpi(2025) = 1.5: 1.1 / 1.015 - 1 = 8.3744 % */
    FUPIN_OK_OR_FAIL(fupin_policy_set(p, "rural_cpi", NULL, 2025, 1.5));
    FUPIN_OK_OR_FAIL(fupin_evaluator_create(&e, p, 2025));
    r = eval(e, h);
    assert_true(fig(r, FUPIN_FIG_REAL_GROWTH) == 8.37);
    assert_true(is_null(r, FUPIN_FIG_NATIONAL_REAL_GROWTH));
    fupin_result_free(r);
    fupin_evaluator_free(e);
    fupin_household_free(h);
    fupin_policy_free(p);
}

static void test_R_I4_a_policy_replacing_national_rural_income_changes_national_growth(void **state)
{
    (void)state;
    fupin_policy *p = national();
    FUPIN_OK_OR_FAIL(fupin_policy_set(p, "national_rural_income", NULL, 2024, 24000));
    fupin_evaluator *e = NULL;
    FUPIN_OK_OR_FAIL(fupin_evaluator_create(&e, p, 2024));
    fupin_household *h = hh("H1", "10000", "11000");
    fupin_result *r = eval(e, h);
    /* 24000 / 21691 - 1 = 10.6450 % */
    assert_true(fig(r, FUPIN_FIG_NATIONAL_GROWTH) == 10.64);
    assert_string_equal(fupin_evaluator_series_origin(e), "set by API");
    fupin_result_free(r);
    fupin_evaluator_free(e);
    /* an undated entry replaces the whole series with a constant (policy.c: an undated
     * statistic holds for every year), so national growth is 0, printed as 0 */
    FUPIN_OK_OR_FAIL(fupin_policy_set(p, "national_rural_income", NULL, 0, 24000));
    FUPIN_OK_OR_FAIL(fupin_evaluator_create(&e, p, 2024));
    r = eval(e, h);
    assert_true(fig(r, FUPIN_FIG_NATIONAL_GROWTH) == 0.0);
    assert_true(fig(r, FUPIN_FIG_GAP_PP) == 10.0);
    assert_non_null(strstr(json(r), "\"national_growth\":0,\"gap_pp\":10,"));
    fupin_result_free(r);
    fupin_evaluator_free(e);
    fupin_household_free(h);
    fupin_policy_free(p);
}

static void test_R_I5_cagr_over_a_span_and_its_null_cases(void **state)
{
    (void)state;
    fupin_policy *p = national();
    fupin_evaluator *e = NULL;
    assert_int_equal(fupin_evaluator_create_since(&e, p, 2024, 2024), FUPIN_EINVAL);
    assert_null(e);
    FUPIN_OK_OR_FAIL(fupin_evaluator_create_since(&e, p, 2024, 2020));
    /* 10000 -> 14641 over 4 years: 1.4641^(1/4) - 1 = 10 % */
    fupin_household *h = hh("H1", "13310", "14641");
    income(h, 2020, "10000");
    fupin_result *r = eval(e, h);
    assert_true(fig(r, FUPIN_FIG_CAGR) == 10.0);
    /* (23119 / 17131)^(1/4) - 1 = 7.7821 % */
    assert_true(fig(r, FUPIN_FIG_NATIONAL_CAGR) == 7.78);
    assert_non_null(strstr(json(r), "\"national_real_growth\":6.26,\"since\":2020,\"cagr\":10,"
                                    "\"national_cagr\":7.78}"));
    fupin_result_free(r);
    /* a zero base makes the span figure null; a negative end too is null (pc(Y1) < 0) */
    fupin_household *z = hh("Z", "1", "100");
    income(z, 2020, "0");
    r = eval(e, z);
    assert_true(is_null(r, FUPIN_FIG_CAGR));
    assert_non_null(strstr(json(r), "\"since\":2020,\"cagr\":null,\"national_cagr\":7.78}"));
    fupin_result_free(r);
    fupin_household *n = hh("N", "1", "0");
    income(n, 2020, "100");
    FUPIN_OK_OR_FAIL(fupin_household_set_income(n, 2024, "business", "-1"));
    r = eval(e, n);
    assert_true(is_null(r, FUPIN_FIG_CAGR));
    fupin_result_free(r);
    /* the end exactly 0 is allowed: (0 / 100)^(1/4) - 1 = -100 % */
    FUPIN_OK_OR_FAIL(fupin_household_set_income(n, 2024, "business", "0"));
    r = eval(e, n);
    assert_true(fig(r, FUPIN_FIG_CAGR) == -100.0);
    fupin_result_free(r);
    fupin_evaluator_free(e);
    /* without a span the figures are null and the JSON has no span keys */
    FUPIN_OK_OR_FAIL(fupin_evaluator_create(&e, p, 2024));
    r = eval(e, h);
    assert_true(is_null(r, FUPIN_FIG_CAGR));
    assert_true(is_null(r, FUPIN_FIG_NATIONAL_CAGR));
    assert_null(strstr(json(r), "since"));
    fupin_result_free(r);
    fupin_evaluator_free(e);
    fupin_household_free(n);
    fupin_household_free(z);
    fupin_household_free(h);
    fupin_policy_free(p);
}

/* ------------------------------------------------------------ R-I7 villages */

static fupin_village *village(void)
{
    fupin_village *v = NULL;
    FUPIN_OK_OR_FAIL(fupin_village_create(&v, CODE, "east"));
    FUPIN_OK_OR_FAIL(fupin_village_set(v, "population", "100"));
    return v;
}

static void add(fupin_village *v, fupin_household *h)
{
    FUPIN_OK_OR_FAIL(fupin_village_add_household(v, h));
    fupin_household_free(h);
}

static double vfig(const fupin_summary *r, int which)
{
    double d = NAN;
    FUPIN_OK_OR_FAIL(fupin_summary_figure(r, which, &d));
    return d;
}

static int64_t vcount(const fupin_summary *r, int which)
{
    int64_t n = -99;
    FUPIN_OK_OR_FAIL(fupin_summary_count(r, which, &n));
    return n;
}

static void test_R_I7_group_per_capita_is_total_over_members_of_known_households(void **state)
{
    (void)state;
    fupin_policy *p = national();
    fupin_village *v = village();
    fupin_household *two = hh("two", "9000", "10000.01");
    FUPIN_OK_OR_FAIL(fupin_household_add_member(two, "m2", "1990"));
    add(v, two);
    add(v, hh("one", NULL, "5000"));
    add(v, hh("unknown", "7000", NULL));
    fupin_summary *r = NULL;
    FUPIN_OK_OR_FAIL(fupin_summary_create(&r));
    FUPIN_OK_OR_FAIL(fupin_village_evaluate(p, v, 2024, r));
    /* (10000.01 + 5000) / 3 = 5000.0033 -> 5000 (not the mean of per-capitas) */
    assert_true(vfig(r, FUPIN_VF_PER_CAPITA) == 5000.0);
    assert_int_equal(vcount(r, FUPIN_VC_INCOME_KNOWN), 2);
    /* balanced panel: only "two" is known in both years: 10000.01 / 9000 - 1 */
    assert_int_equal(vcount(r, FUPIN_VC_PANEL), 1);
    assert_true(vfig(r, FUPIN_VF_GROWTH) == 11.11);
    assert_true(vfig(r, FUPIN_VF_NATIONAL_GROWTH) == 6.58);
    assert_true(vfig(r, FUPIN_VF_GAP_PP) == 4.53);
    assert_int_equal(vcount(r, FUPIN_VC_ABOVE_NATIONAL), 1);
    fupin_summary_free(r);
    fupin_village_free(v);
    fupin_policy_free(p);
}

static void test_R_I7_balanced_panel_leaves_out_households_known_in_one_year_only(void **state)
{
    (void)state;
    fupin_policy *p = national();
    fupin_village *v = village();
    add(v, hh("both1", "10000", "12000"));
    add(v, hh("both2", "15000", "18000"));
    add(v, hh("newonly", NULL, "100000")); /* would distort growth if counted */
    add(v, hh("oldonly", "100000", NULL));
    fupin_summary *r = NULL;
    FUPIN_OK_OR_FAIL(fupin_summary_create(&r));
    FUPIN_OK_OR_FAIL(fupin_village_evaluate(p, v, 2024, r));
    assert_int_equal(vcount(r, FUPIN_VC_PANEL), 2);
    assert_int_equal(vcount(r, FUPIN_VC_INCOME_KNOWN), 3);
    /* (12000 + 18000) / (10000 + 15000) - 1 = 20 % */
    assert_true(vfig(r, FUPIN_VF_GROWTH) == 20.0);
    /* 1.2 / 1.003 - 1 = 19.6411 % */
    assert_true(vfig(r, FUPIN_VF_REAL_GROWTH) == 19.64);
    assert_true(vfig(r, FUPIN_VF_NATIONAL_REAL_GROWTH) == 6.26);
    fupin_summary_free(r);
    fupin_village_free(v);
    fupin_policy_free(p);
}

static void test_R_V3_beating_national_growth_is_strict(void **state)
{
    (void)state;
    fupin_policy *p = national();
    fupin_village *v = village();
    /* exactly the national ratio 23119 / 21691: not above */
    add(v, hh("equal", "21691", "23119"));
    add(v, hh("above", "21691", "23119.01"));
    add(v, hh("below", "21691", "23118.99"));
    add(v, hh("null", "0", "23119"));
    fupin_summary *r = NULL;
    FUPIN_OK_OR_FAIL(fupin_summary_create(&r));
    FUPIN_OK_OR_FAIL(fupin_village_evaluate(p, v, 2024, r));
    assert_int_equal(vcount(r, FUPIN_VC_ABOVE_NATIONAL), 1);
    fupin_summary_free(r);
    /* null when national growth is null (2025 has no national_rural_income) */
    FUPIN_OK_OR_FAIL(fupin_summary_create(&r));
    FUPIN_OK_OR_FAIL(fupin_village_evaluate(p, v, 2025, r));
    int64_t n;
    double d;
    assert_int_equal(fupin_summary_count(r, FUPIN_VC_ABOVE_NATIONAL, &n), FUPIN_ENULL);
    assert_int_equal(fupin_summary_figure(r, FUPIN_VF_NATIONAL_GROWTH, &d), FUPIN_ENULL);
    assert_int_equal(fupin_summary_figure(r, FUPIN_VF_GROWTH, &d), FUPIN_ENULL);
    fupin_summary_free(r);
    fupin_village_free(v);
    fupin_policy_free(p);
}

static void test_R_I5_village_cagr_over_the_span_panel(void **state)
{
    (void)state;
    fupin_policy *p = national();
    fupin_village *v = village();
    fupin_household *a = hh("a", NULL, "14641");
    income(a, 2020, "10000");
    fupin_household *b = hh("b", NULL, "29282");
    income(b, 2020, "20000");
    add(v, a);
    add(v, b);
    add(v, hh("c", "1", "100000")); /* no 2020 income: not in the span panel */
    fupin_evaluator *e = NULL;
    FUPIN_OK_OR_FAIL(fupin_evaluator_create_since(&e, p, 2024, 2020));
    fupin_summary *r = NULL;
    FUPIN_OK_OR_FAIL(fupin_summary_create(&r));
    FUPIN_OK_OR_FAIL(fupin_evaluator_evaluate_village(e, v, r));
    assert_int_equal(vcount(r, FUPIN_VC_SPAN_PANEL), 2);
    /* (43923 / 30000)^(1/4) - 1 = 10 % */
    assert_true(vfig(r, FUPIN_VF_CAGR) == 10.0);
    assert_true(vfig(r, FUPIN_VF_NATIONAL_CAGR) == 7.78);
    fupin_evaluator_free(e);
    /* a span panel whose base total is 0: null */
    FUPIN_OK_OR_FAIL(fupin_evaluator_create_since(&e, p, 2024, 2023));
    fupin_village *z = village();
    add(z, hh("z", "0", "100"));
    FUPIN_OK_OR_FAIL(fupin_evaluator_evaluate_village(e, z, r));
    double d;
    assert_int_equal(vcount(r, FUPIN_VC_SPAN_PANEL), 1);
    assert_int_equal(fupin_summary_figure(r, FUPIN_VF_CAGR, &d), FUPIN_ENULL);
    fupin_summary_free(r);
    fupin_evaluator_free(e);
    fupin_village_free(z);
    fupin_village_free(v);
    fupin_policy_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_R_I4_national_growth_reproduces_nbs_published_nominal_growth),
        cmocka_unit_test(test_R_I4_household_growth_gap_and_real_growth_for_2024),
        cmocka_unit_test(test_R_I4_gap_pp_comes_from_unrounded_operands),
        cmocka_unit_test(test_R_I4_zero_negative_or_missing_base_income_gives_null_growth),
        cmocka_unit_test(test_R_I4_negative_current_income_gives_negative_growth),
        cmocka_unit_test(test_R_I6_real_growth_needs_rural_cpi_of_the_year),
        cmocka_unit_test(
            test_R_I4_a_policy_replacing_national_rural_income_changes_national_growth),
        cmocka_unit_test(test_R_I5_cagr_over_a_span_and_its_null_cases),
        cmocka_unit_test(test_R_I7_group_per_capita_is_total_over_members_of_known_households),
        cmocka_unit_test(test_R_I7_balanced_panel_leaves_out_households_known_in_one_year_only),
        cmocka_unit_test(test_R_V3_beating_national_growth_is_strict),
        cmocka_unit_test(test_R_I5_village_cagr_over_the_span_panel),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
