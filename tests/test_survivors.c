/* Rules that a hand mutation audit of lib/ (issue 16) found unpinned by any test, each
 * pinned here with expected values derived by hand in the comments (never computed by
 * the code under test). Black-box: fupin.h only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static fupin_policy *national(void)
{
    fupin_policy *p = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_builtin(&p, "national"));
    return p;
}

static fupin_policy *policy_text(const char *text)
{
    fupin_policy *p = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_parse(&p, text, strlen(text), "test.pol", "."));
    return p;
}

static void set(fupin_household *h, const char *field, const char *value)
{
    FUPIN_OK_OR_FAIL(fupin_household_set(h, field, value));
}

static void income(fupin_household *h, int32_t year, const char *field, const char *value)
{
    FUPIN_OK_OR_FAIL(fupin_household_set_income(h, year, field, value));
}

/* A one-member household (tu_household_ok) with an income in 2023 as well. */
static fupin_household *two_years(const char *id, const char *y2023, const char *y2024)
{
    fupin_household *h = tu_household_ok(id, 2024, y2024);
    assert_non_null(h);
    const char *inc[][2] = {{"wage", y2023},          {"business", "0"},
                            {"property", "0"},        {"transfer", "0"},
                            {"medical_expense", "0"}, {"education_expense", "0"}};
    for (size_t i = 0; i < sizeof inc / sizeof inc[0]; i++)
        income(h, 2023, inc[i][0], inc[i][1]);
    return h;
}

static fupin_village *village(const char *population)
{
    fupin_village *v = NULL;
    FUPIN_OK_OR_FAIL(fupin_village_create(&v, "520102001001", "east"));
    if (population)
        FUPIN_OK_OR_FAIL(fupin_village_set(v, "population", population));
    return v;
}

static void add(fupin_village *v, fupin_household *h)
{
    FUPIN_OK_OR_FAIL(fupin_village_add_household(v, h));
    fupin_household_free(h);
}

static double hfig(const fupin_result *r, int which)
{
    double x = -99;
    FUPIN_OK_OR_FAIL(fupin_result_figure(r, which, &x));
    return x;
}

static double vfig(const fupin_summary *r, int which)
{
    double x = -99;
    FUPIN_OK_OR_FAIL(fupin_summary_figure(r, which, &x));
    return x;
}

static fupin_summary *evaluate_village(const fupin_policy *p, const fupin_village *v)
{
    fupin_summary *r = NULL;
    FUPIN_OK_OR_FAIL(fupin_summary_create(&r));
    FUPIN_OK_OR_FAIL(fupin_village_evaluate(p, v, 2024, r));
    return r;
}

/* ------------------------------------------------------------ S1: group rounding */

/* R-I2 / R-I7: a group's per-capita income is rounded half away from zero from the
 * exact total. Two one-member households with 4000.01 and 4000.00 yuan: 800001 fen /
 * 2 members = 400000.5 fen, a tie, so 400001 fen = 4000.01 (truncation: 4000.00). */
static void test_R_I7_group_per_capita_at_a_half_fen_rounds_up(void **state)
{
    (void)state;
    fupin_policy *p = national();
    fupin_village *v = village("100");
    add(v, tu_household_ok("a", 2024, "4000.01"));
    add(v, tu_household_ok("b", 2024, "4000"));
    fupin_summary *r = evaluate_village(p, v);
    assert_true(vfig(r, FUPIN_VF_PER_CAPITA) == 4000.01);
    fupin_summary_free(r);
    fupin_village_free(v);
    fupin_policy_free(p);
}

/* R-I7: the same tie below zero goes away from zero. Household a: wage 0, business
 * -0.01; b: 0. Total -1 fen / 2 = -0.5 fen -> -1 fen = -0.01 (not 0, not -0). One fen
 * less (-0.02 and 0: -1 fen exactly) and one more (0.01 and 0: 0.5 -> 0.01). */
static void test_R_I7_group_per_capita_negative_half_fen_rounds_away_from_zero(void **state)
{
    (void)state;
    static const struct {
        const char *business;
        const char *wage;
        double expected;
    } cases[] = {{"-0.01", "0", -0.01}, {"-0.02", "0", -0.01}, {"0", "0.01", 0.01}};
    fupin_policy *p = national();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fupin_village *v = village("100");
        fupin_household *a = tu_household_ok("a", 2024, cases[i].wage);
        income(a, 2024, "business", cases[i].business);
        add(v, a);
        add(v, tu_household_ok("b", 2024, "0"));
        fupin_summary *r = evaluate_village(p, v);
        assert_true(vfig(r, FUPIN_VF_PER_CAPITA) == cases[i].expected);
        fupin_summary_free(r);
        fupin_village_free(v);
    }
    fupin_policy_free(p);
}

/* ------------------------------------------------------------ S2: water lookup */

/* R-G6 and rules.md 7: in a water-scarce village the three water thresholds try
 * NAME:scarce first, then NAME:REGION, then NAME. With water_litres_min:west = 30 and
 * the built-in water_litres_min:scarce = 20, a western scarce household needs 20 L:
 * 20 is met (>= is inclusive), 19.99 is unmet (WATER_QUANTITY); region-first would
 * need 30 and fail both. In a non-scarce western village the region variant (30)
 * applies: 29.99 unmet, 30 met. */
static void test_R_G6_scarce_variant_is_tried_before_the_region_variant(void **state)
{
    (void)state;
    static const struct {
        const char *scarce, *litres;
        int expected;
    } cases[] = {{"1", "20", FUPIN_STATUS_MET},
                 {"1", "19.99", FUPIN_STATUS_UNMET},
                 {"1", "25", FUPIN_STATUS_MET},
                 {"0", "29.99", FUPIN_STATUS_UNMET},
                 {"0", "30", FUPIN_STATUS_MET}};
    fupin_policy *p = policy_text("water_litres_min:west = 30\n"
                                  "water_minutes_max:west = 10\n"
                                  "water_minutes_max:scarce = 40\n");
    fupin_result *r = NULL;
    FUPIN_OK_OR_FAIL(fupin_result_create(&r));
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fupin_household *h = tu_household_ok("h", 2024, "9000");
        set(h, "region", "west");
        set(h, "water_scarce", cases[i].scarce);
        set(h, "water_litres", cases[i].litres);
        FUPIN_OK_OR_FAIL(fupin_household_evaluate(p, h, 2024, r));
        assert_int_equal(fupin_result_dimension(r, FUPIN_DIM_WATER), cases[i].expected);
        fupin_household_free(h);
    }
    /* water_minutes_max: scarce 40 wins over west 10 for a scarce village (35 minutes
     * met; 41 unmet), west 10 for a non-scarce one (10 met, 11 unmet). */
    static const struct {
        const char *scarce, *minutes;
        int expected;
    } minutes[] = {{"1", "35", FUPIN_STATUS_MET},
                   {"1", "41", FUPIN_STATUS_UNMET},
                   {"0", "10", FUPIN_STATUS_MET},
                   {"0", "11", FUPIN_STATUS_UNMET}};
    for (size_t i = 0; i < sizeof minutes / sizeof minutes[0]; i++) {
        fupin_household *h = tu_household_ok("h", 2024, "9000");
        set(h, "region", "west");
        set(h, "water_scarce", minutes[i].scarce);
        set(h, "water_minutes", minutes[i].minutes);
        FUPIN_OK_OR_FAIL(fupin_household_evaluate(p, h, 2024, r));
        assert_int_equal(fupin_result_dimension(r, FUPIN_DIM_WATER), minutes[i].expected);
        fupin_household_free(h);
    }
    fupin_result_free(r);
    fupin_policy_free(p);
}

/* ------------------------------------------------------------ S4: JSON escapes */

/* formats.md 4: a result line is valid JSON, so every byte below 0x20 in an id is
 * written as \u00XX (lower-case hex), 0x01 and 0x1f included. The whole line, by hand:
 * no village (null); one adult, all guarantees met, 5000 yuan in 2024: per-capita 5000 >= 4000 line
 * (above), exit eligible; national growth 23119/21691 - 1 = 6.5834 % -> 6.58, real
 * (1.065834 / 1.003 - 1) = 6.2646 % -> 6.26; no 2023 income, so growth, gap and real
 * growth are null; 5000 < threshold 6000 gives INCOME_BELOW_THRESHOLD (R-A2), no risk:
 * watch, category none; not monitored. */
static void test_F4_control_bytes_in_ids_are_escaped_in_json(void **state)
{
    (void)state;
    fupin_policy *p = national();
    fupin_household *h = tu_household_ok("a\x01"
                                         "b\x1f"
                                         "c\x10",
                                         2024, "5000");
    assert_non_null(h);
    fupin_result *r = NULL;
    FUPIN_OK_OR_FAIL(fupin_result_create(&r));
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(p, h, 2024, r));
    char buf[2048];
    FUPIN_OK_OR_FAIL(fupin_result_to_json(r, buf, sizeof buf, NULL));
    assert_string_equal(
        buf, "{\"household\":\"a\\u0001b\\u001fc\\u0010\",\"village\":null,\"year\":2024,"
             "\"guarantee\":{\"status\":\"met\",\"food\":\"met\",\"clothing\":\"met\","
             "\"education\":\"met\",\"medical\":\"met\",\"housing\":\"met\",\"water\":\"met\","
             "\"reasons\":[]},"
             "\"income\":{\"per_capita\":5000,\"poverty_line\":4000,\"status\":\"above\","
             "\"growth\":null,\"national_growth\":6.58,\"gap_pp\":null,\"real_growth\":null,"
             "\"national_real_growth\":6.26},"
             "\"exit_eligible\":true,"
             "\"alert\":{\"level\":\"watch\",\"category\":\"none\","
             "\"reasons\":[\"INCOME_BELOW_THRESHOLD\"]},"
             "\"monitor_exit\":{\"status\":\"not_monitored\",\"reasons\":[]}}");
    fupin_result_free(r);
    fupin_household_free(h);
    fupin_policy_free(p);
}

/* ------------------------------------------------------------ S5: national CAGR */

/* R-I5: national CAGR over a one-year span 2023..2024 is the plain growth:
 * 23119 / 21691 - 1 = 0.065834 -> 6.58 %. Since 2012 it is null: the built-in series
 * has no 2012 figure (it starts in 2013) and statistics are never carried (R 7). */
static void test_R_I5_national_cagr_over_one_year_and_from_a_missing_year(void **state)
{
    (void)state;
    fupin_policy *p = national();
    fupin_household *h = two_years("h", "5000", "5500");
    fupin_result *r = NULL;
    fupin_evaluator *e = NULL;
    double d;
    FUPIN_OK_OR_FAIL(fupin_result_create(&r));
    FUPIN_OK_OR_FAIL(fupin_evaluator_create_since(&e, p, 2024, 2023));
    FUPIN_OK_OR_FAIL(fupin_evaluator_evaluate_household(e, h, r));
    assert_true(hfig(r, FUPIN_FIG_NATIONAL_CAGR) == 6.58);
    /* the household's own one-year CAGR: 5500 / 5000 - 1 = 10 % */
    assert_true(hfig(r, FUPIN_FIG_CAGR) == 10.0);
    fupin_evaluator_free(e);
    FUPIN_OK_OR_FAIL(fupin_evaluator_create_since(&e, p, 2024, 2012));
    FUPIN_OK_OR_FAIL(fupin_evaluator_evaluate_household(e, h, r));
    assert_int_equal(fupin_result_figure(r, FUPIN_FIG_NATIONAL_CAGR, &d), FUPIN_ENULL);
    /* and the household has no 2012 income: null too */
    assert_int_equal(fupin_result_figure(r, FUPIN_FIG_CAGR, &d), FUPIN_ENULL);
    fupin_evaluator_free(e);
    /* 2013..2014 (the first pair): 10489 / 9430 - 1 = 0.112301 -> 11.23 % */
    FUPIN_OK_OR_FAIL(fupin_evaluator_create_since(&e, p, 2014, 2013));
    fupin_household *g = tu_household_ok("g", 2014, "5000");
    FUPIN_OK_OR_FAIL(fupin_evaluator_evaluate_household(e, g, r));
    assert_true(hfig(r, FUPIN_FIG_NATIONAL_CAGR) == 11.23);
    fupin_household_free(g);
    fupin_evaluator_free(e);
    fupin_result_free(r);
    fupin_household_free(h);
    fupin_policy_free(p);
}

/* ------------------------------------------------------------ S6: no region */

/* rules.md 7: a household without a region is refused (FUPIN_EINVAL, the message names
 * the parameter) whenever the policy's value for the year differs by region, for every
 * household parameter, not only poverty_line; with no regional difference it is
 * evaluated. */
static void test_R7_household_without_region_is_refused_for_every_regional_parameter(void **state)
{
    (void)state;
    static const struct {
        const char *text, *named;
    } cases[] = {
        {"poverty_line:west = 4100\n", "poverty_line"},
        {"monitoring_threshold:east = 7000\n", "monitoring_threshold"},
        {"school_age_max:central = 16\n", "school_age_*"},
        {"school_age_min:east = 7\n", "school_age_*"},
        {"school_age_month:west = 9\n", "school_age_*"},
        {"school_age_day:west = 30\n", "school_age_*"},
        {"water_litres_min:west = 30\n", "water_*"},
        {"water_minutes_max:east = 30\n", "water_*"},
        {"water_supply_rate_min:central = 95\n", "water_*"},
        {"income_drop_ratio:west = 0.4\n", "income_drop_ratio"},
        {"rigid_expense_ratio:east = 0.5\n", "rigid_expense_ratio"},
        {"monitor_min_months:central = 12\n", "monitor_min_months"},
        /* a regional value equal to the plain one changes nothing: evaluated */
        {"poverty_line:west@2024 = 4000\n", NULL},
        /* a regional value only from 2025 does not matter in 2024 */
        {"poverty_line:west@2025 = 4500\n", NULL},
    };
    fupin_result *r = NULL;
    FUPIN_OK_OR_FAIL(fupin_result_create(&r));
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fupin_policy *p = policy_text(cases[i].text);
        fupin_household *h = NULL;
        FUPIN_OK_OR_FAIL(fupin_household_create(&h, "h"));
        FUPIN_OK_OR_FAIL(fupin_household_add_member(h, "m1", "1980"));
        int rc = fupin_household_evaluate(p, h, 2024, r);
        if (cases[i].named) {
            assert_int_equal(rc, FUPIN_EINVAL);
            assert_non_null(strstr(fupin_last_error(), "has no region"));
            assert_non_null(strstr(fupin_last_error(), cases[i].named));
        } else {
            assert_int_equal(rc, 0);
        }
        /* with a region the same household evaluates under every policy */
        set(h, "region", "west");
        FUPIN_OK_OR_FAIL(fupin_household_evaluate(p, h, 2024, r));
        fupin_household_free(h);
        fupin_policy_free(p);
    }
    fupin_result_free(r);
}

/* ------------------------------------------------------------ exact rounding ties */

/* rules.md, Rounding: growth from exact fen amounts, rounded half away from zero.
 * 800 -> 801 yuan: 801/800 - 1 = 0.00125 = 0.125 % exactly, a tie: 0.13 (a double
 * computes 0.12499999999999734 and would print 0.12). 800 -> 799: -0.125 % -> -0.13.
 * Just off the tie: 800 -> 800.99 is 0.12375 % -> 0.12 (and -0.12 for 799.01). */
static void test_rounding_growth_tie_of_an_eighth_percent_rounds_away_from_zero(void **state)
{
    (void)state;
    static const struct {
        const char *y2023, *y2024;
        double expected;
    } cases[] = {{"800", "801", 0.13},
                 {"800", "799", -0.13},
                 {"1600", "1602", 0.13},
                 {"800", "800.99", 0.12},
                 {"800", "799.01", -0.12}};
    fupin_policy *p = national();
    fupin_result *r = NULL;
    FUPIN_OK_OR_FAIL(fupin_result_create(&r));
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fupin_household *h = two_years("h", cases[i].y2023, cases[i].y2024);
        FUPIN_OK_OR_FAIL(fupin_household_evaluate(p, h, 2024, r));
        assert_true(hfig(r, FUPIN_FIG_GROWTH) == cases[i].expected);
        char buf[2048];
        FUPIN_OK_OR_FAIL(fupin_result_to_json(r, buf, sizeof buf, NULL));
        char want[64];
        snprintf(want, sizeof want, "\"growth\":%.2f,", cases[i].expected);
        assert_non_null(strstr(buf, want));
        fupin_household_free(h);
    }
    /* the village over the same panel (one household): 0.13 too, and the JSON line */
    fupin_village *v = village("100");
    add(v, two_years("h", "800", "801"));
    fupin_summary *vr = evaluate_village(p, v);
    assert_true(vfig(vr, FUPIN_VF_GROWTH) == 0.13);
    fupin_summary_free(vr);
    fupin_village_free(v);
    fupin_result_free(r);
    fupin_policy_free(p);
}

/* R-V1 and rules.md, Rounding: incidence from exact counts, 4 decimals. 3 poor
 * members of a population of 20000: 0.00015 exactly, a tie: 0.0002 (the double
 * 3/20000 is just below the tie and would give 0.0001). 1 of 20000 = 0.00005 -> 0.0001;
 * 2 of 20000 = 0.0001 exactly; 5 of 40000 = 0.000125 -> 0.0001 (no tie: the fix moves
 * nothing that is not at a tie). */
static void test_R_V1_incidence_tie_rounds_away_from_zero(void **state)
{
    (void)state;
    static const struct {
        int poor;
        const char *population;
        double expected;
    } cases[] = {
        {3, "20000", 0.0002}, {1, "20000", 0.0001}, {2, "20000", 0.0001}, {5, "40000", 0.0001}};
    fupin_policy *p = national();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fupin_village *v = village(cases[i].population);
        fupin_household *h = tu_household_ok("h", 2024, "9000");
        for (int m = 1; m < cases[i].poor; m++) {
            char mid[16];
            snprintf(mid, sizeof mid, "m%d", m + 1);
            FUPIN_OK_OR_FAIL(fupin_household_add_member(h, mid, "1980"));
        }
        set(h, "registered_year", "2016");
        add(v, h);
        fupin_summary *r = evaluate_village(p, v);
        assert_true(vfig(r, FUPIN_VF_INCIDENCE) == cases[i].expected);
        fupin_summary_free(r);
        fupin_village_free(v);
    }
    fupin_policy_free(p);
}

/* ------------------------------------------------------------ survivors of the run */

/* R-G3: age is counted on school_age_month/school_age_day of Y; a day past the end of
 * the month (31 February) is the month's last day. Policy: month 2, day 31, ages
 * 6..14. A child born 2008-02-29 who dropped out: on 2023-02-28 (2023 is no leap year)
 * she is 14, her birthday not yet reached: inside the ages, EDU_DROPOUT. Taking the
 * 31st literally would make her 15 and outside. On 2024-02-29 she is 16: outside. */
static void test_R_G3_school_day_past_the_month_end_is_its_last_day(void **state)
{
    (void)state;
    fupin_policy *p = policy_text("school_age_month = 2\nschool_age_day = 31\n"
                                  "school_age_max = 14\n");
    fupin_result *r = NULL;
    FUPIN_OK_OR_FAIL(fupin_result_create(&r));
    static const struct {
        int32_t year;
        int expected;
    } cases[] = {{2023, FUPIN_STATUS_UNMET}, {2024, FUPIN_STATUS_MET}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fupin_household *h = tu_household_ok("h", cases[i].year, "9000");
        FUPIN_OK_OR_FAIL(fupin_household_add_member(h, "c", "2008-02-29"));
        FUPIN_OK_OR_FAIL(fupin_household_set_member(h, "c", "insured", "1"));
        FUPIN_OK_OR_FAIL(fupin_household_set_member(h, "c", "school", "dropout"));
        FUPIN_OK_OR_FAIL(fupin_household_evaluate(p, h, cases[i].year, r));
        assert_int_equal(fupin_result_dimension(r, FUPIN_DIM_EDUCATION), cases[i].expected);
        fupin_household_free(h);
    }
    fupin_result_free(r);
    fupin_policy_free(p);
}

/* R-I5: CAGR is null unless pc(Y1) >= 0. Over 2023..2024 with 1000 yuan in 2023:
 * -100 yuan in 2024 (business -100) gives null (a one-year power would compute -110 %);
 * exactly 0 gives (0/1000)^1 - 1 = -100 %. */
static void test_R_I5_cagr_is_null_for_a_negative_final_income(void **state)
{
    (void)state;
    fupin_policy *p = national();
    fupin_result *r = NULL;
    fupin_evaluator *e = NULL;
    double d;
    FUPIN_OK_OR_FAIL(fupin_result_create(&r));
    FUPIN_OK_OR_FAIL(fupin_evaluator_create_since(&e, p, 2024, 2023));
    fupin_household *h = two_years("h", "1000", "0");
    income(h, 2024, "business", "-100");
    FUPIN_OK_OR_FAIL(fupin_evaluator_evaluate_household(e, h, r));
    assert_int_equal(fupin_result_figure(r, FUPIN_FIG_CAGR, &d), FUPIN_ENULL);
    fupin_household_free(h);
    h = two_years("h", "1000", "0");
    FUPIN_OK_OR_FAIL(fupin_evaluator_evaluate_household(e, h, r));
    assert_true(hfig(r, FUPIN_FIG_CAGR) == -100.0);
    fupin_household_free(h);
    fupin_evaluator_free(e);
    fupin_result_free(r);
    fupin_policy_free(p);
}

/* R-I4: national growth is null when the previous year's figure is 0 (no division by
 * zero, no inf in the JSON): national_rural_income@2023 = 0. */
static void test_R_I4_national_growth_null_when_the_base_year_is_zero(void **state)
{
    (void)state;
    fupin_policy *p = policy_text("national_rural_income@2023 = 0\n");
    fupin_household *h = two_years("h", "5000", "5500");
    fupin_result *r = NULL;
    double d;
    char buf[2048];
    FUPIN_OK_OR_FAIL(fupin_result_create(&r));
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(p, h, 2024, r));
    assert_int_equal(fupin_result_figure(r, FUPIN_FIG_NATIONAL_GROWTH, &d), FUPIN_ENULL);
    assert_int_equal(fupin_result_figure(r, FUPIN_FIG_GAP_PP, &d), FUPIN_ENULL);
    FUPIN_OK_OR_FAIL(fupin_result_to_json(r, buf, sizeof buf, NULL));
    assert_non_null(strstr(buf, "\"national_growth\":null,\"gap_pp\":null,"));
    fupin_result_free(r);
    fupin_household_free(h);
    fupin_policy_free(p);
}

/* R-I3 and rules.md "Money is exact": a line in yuan is held as the nearest fen. The
 * double 1024.09 x 100 is 102408.99999999999; the line must be 102409 fen, so a
 * per-capita income of 1024.08 is below it and 1024.09 is not. */
static void test_R_I3_poverty_line_is_the_nearest_fen(void **state)
{
    (void)state;
    fupin_policy *p = policy_text("poverty_line@2024 = 1024.09\n");
    fupin_result *r = NULL;
    FUPIN_OK_OR_FAIL(fupin_result_create(&r));
    static const struct {
        const char *income;
        int expected;
    } cases[] = {{"1024.08", FUPIN_INCOME_BELOW}, {"1024.09", FUPIN_INCOME_ABOVE}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fupin_household *h = tu_household_ok("h", 2024, cases[i].income);
        FUPIN_OK_OR_FAIL(fupin_household_evaluate(p, h, 2024, r));
        assert_int_equal(fupin_result_income_status(r), cases[i].expected);
        assert_true(hfig(r, FUPIN_FIG_POVERTY_LINE) == 1024.09);
        fupin_household_free(h);
    }
    fupin_result_free(r);
    fupin_policy_free(p);
}

/* R-I4 / R-I7: a group's growth needs a positive base total over its panel. One
 * household with -1000 yuan in 2023 (business) and 500 in 2024: growth null, not
 * 500 / -1000 - 1 = -150 %. With 0 in 2023: null too (no division by zero). */
static void test_R_I7_group_growth_null_for_a_base_total_not_above_zero(void **state)
{
    (void)state;
    fupin_policy *p = national();
    static const char *const base_business[] = {"-1000", "0"};
    for (size_t i = 0; i < 2; i++) {
        fupin_village *v = village("100");
        fupin_household *h = two_years("h", "0", "500");
        income(h, 2023, "business", base_business[i]);
        add(v, h);
        fupin_summary *r = evaluate_village(p, v);
        double d;
        assert_int_equal(fupin_summary_figure(r, FUPIN_VF_GROWTH, &d), FUPIN_ENULL);
        assert_int_equal(fupin_summary_figure(r, FUPIN_VF_GAP_PP, &d), FUPIN_ENULL);
        fupin_summary_free(r);
        fupin_village_free(v);
    }
    fupin_policy_free(p);
}

/* rules.md 7: school_age_month/_day must name a day of the year; a policy whose
 * values do not is refused when an evaluator is made for that year (FUPIN_EINVAL),
 * never silently clamped. Month 13, month 0, day 0 and day 32 are refused; month 12
 * day 31 is accepted. */
static void test_R_G3_school_age_day_must_be_a_day_of_the_year(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int rc;
    } cases[] = {{"school_age_month = 13\n", FUPIN_EINVAL},
                 {"school_age_month = 0\n", FUPIN_EINVAL},
                 {"school_age_day = 0\n", FUPIN_EINVAL},
                 {"school_age_day = 32\n", FUPIN_EINVAL},
                 {"school_age_month = 12\nschool_age_day = 31\n", 0}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fupin_policy *p = policy_text(cases[i].text);
        fupin_evaluator *e = (fupin_evaluator *)p;
        assert_int_equal(fupin_evaluator_create(&e, p, 2024), cases[i].rc);
        if (cases[i].rc) {
            assert_null(e);
            assert_non_null(strstr(fupin_last_error(), "is not a day of the year"));
        }
        fupin_evaluator_free(e);
        fupin_policy_free(p);
    }
    /* NULL arguments and years outside 1949..2100 or a span not before the year */
    fupin_policy *p = national();
    fupin_evaluator *e = NULL;
    assert_int_equal(fupin_evaluator_create(NULL, p, 2024), FUPIN_EINVAL);
    assert_int_equal(fupin_evaluator_create(&e, NULL, 2024), FUPIN_EINVAL);
    assert_int_equal(fupin_evaluator_create(&e, p, 1948), FUPIN_EINVAL);
    assert_int_equal(fupin_evaluator_create(&e, p, 2101), FUPIN_EINVAL);
    assert_int_equal(fupin_evaluator_create_since(&e, p, 2024, 1948), FUPIN_EINVAL);
    assert_int_equal(fupin_evaluator_create_since(&e, p, 2024, 2025), FUPIN_EINVAL);
    assert_null(e);
    /* a rule parameter with no value for the year is an error naming it (R 7) */
    assert_int_equal(fupin_evaluator_create(&e, p, 2009), FUPIN_ENOTFOUND);
    assert_non_null(strstr(fupin_last_error(), "poverty_line has no value for 2009"));
    fupin_policy_free(p);
}

/* formats.md 4: every output is valid in its format. A village name set through the
 * API with bytes that are not UTF-8 (ED A0 80 encodes a surrogate; C0 80 is overlong)
 * is written with U+FFFD for each invalid byte, so the JSON line stays valid UTF-8;
 * valid multi-byte text passes unchanged. An id with a line feed is quoted in CSV. */
static void test_F4_outputs_stay_valid_utf8_json_and_csv(void **state)
{
    (void)state;
    static const struct {
        const char *name, *json;
    } cases[] = {
        {"a\xED\xA0\x80z", "\"name\":\"a\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDz\""},
        {"a\xC0\x80z", "\"name\":\"a\xEF\xBF\xBD\xEF\xBF\xBDz\""},
        {"a\xF4\x90\x80\x80z", "\"name\":\"a\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDz\""},
        {"\xE7\x94\xB2\xE6\x9D\x91", "\"name\":\"\xE7\x94\xB2\xE6\x9D\x91\""},
    };
    fupin_policy *p = national();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fupin_village *v = village("100");
        FUPIN_OK_OR_FAIL(fupin_village_set(v, "name", cases[i].name));
        fupin_summary *r = evaluate_village(p, v);
        char buf[4096];
        FUPIN_OK_OR_FAIL(fupin_summary_to_json(r, buf, sizeof buf, NULL));
        if (!strstr(buf, cases[i].json))
            fail_msg("case %zu: %s", i, buf);
        fupin_summary_free(r);
        fupin_village_free(v);
    }
    fupin_household *h = tu_household_ok("a\nb", 2024, "5000");
    fupin_result *r = NULL;
    FUPIN_OK_OR_FAIL(fupin_result_create(&r));
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(p, h, 2024, r));
    char buf[4096];
    FUPIN_OK_OR_FAIL(fupin_result_to_csv(r, buf, sizeof buf, NULL));
    assert_int_equal(strncmp(buf, "\"a\nb\",", 6), 0);
    fupin_result_free(r);
    fupin_household_free(h);
    fupin_policy_free(p);
}

/* formats.md 2 and 5, found by the second mutation batch: a ratio may not be negative;
 * name and extends are printable text (0x1f and 0x7f refused); `policy show` prints
 * values in their shortest decimal form, small ones included (0.00001, 0.000001: not
 * 1e-05). */
static void test_F2_policy_values_names_and_their_shown_form(void **state)
{
    (void)state;
    static const char *const refused[] = {
        "income_drop_ratio = -0.1\n",
        "village_exit_incidence_max:west = -0.01\n",
        "name = a\x1f"
        "b\n",
        "name = a\x7f"
        "b\n",
        "extends = a\x1f"
        "b.pol\n",
    };
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        fupin_policy *p = NULL;
        if (fupin_policy_parse(&p, refused[i], strlen(refused[i]), "t.pol", ".") == 0)
            fail_msg("accepted: %s", refused[i]);
        assert_null(p);
        assert_non_null(strstr(fupin_last_error(), "t.pol:1"));
    }
    fupin_policy *p = policy_text("income_drop_ratio = 0.00001\nmpi_k = 0.000001\n"
                                  "rigid_expense_ratio = 2.5\n");
    char buf[16384];
    size_t need = 0;
    FUPIN_OK_OR_FAIL(fupin_policy_show(p, 2024, buf, sizeof buf, &need));
    assert_non_null(strstr(buf, "\nincome_drop_ratio = 0.00001    # "));
    assert_non_null(strstr(buf, "\nmpi_k = 0.000001    # "));
    assert_non_null(strstr(buf, "\nrigid_expense_ratio = 2.5    # "));
    assert_non_null(strstr(buf, "\nwater_litres_min:scarce = 20    # "));
    fupin_policy_free(p);
    /* a signed value, zero, and a value below 1e-6 (docs/choices.md: like JavaScript's
     * Number#toString, decimal from 1e-6 to below 1e21, else exponent) */
    p = policy_text("rural_cpi@2024 = -0.5\nincome_drop_ratio = 0\n"
                    "mpi_weight_food = 0.00000015\n");
    FUPIN_OK_OR_FAIL(fupin_policy_show(p, 2024, buf, sizeof buf, &need));
    assert_non_null(strstr(buf, "\nrural_cpi = -0.5    # "));
    assert_non_null(strstr(buf, "\nincome_drop_ratio = 0    # "));
    assert_non_null(strstr(buf, "\nmpi_weight_food = 1.5e-7    # "));
    fupin_policy_free(p);
}

/* R-A4 with last year's income at zero: "any spending above zero triggers"; spending
 * of zero does not. Medical 0 with education blank: the known part (0) does not
 * trigger and the blank part could, so R-A4 is unknown: no RIGID_EXPENSE, and a
 * monitored household stays with RISK_UNKNOWN (R-M1). 2023 income 0, 2024 9000 (one
 * member: >= 6000, no R-A2; R-A3 needs a positive 2023): alert none. Medical 1 with
 * education blank: 1 > 0 triggers -> RIGID_EXPENSE, warning (R-A10). */
static void test_R_A4_zero_income_zero_spending_with_a_blank_is_unknown(void **state)
{
    (void)state;
    fupin_policy *p = national();
    fupin_result *r = NULL;
    FUPIN_OK_OR_FAIL(fupin_result_create(&r));
    static const struct {
        const char *medical;
        int level;
        size_t n_alert;
        int monitor_code;
    } cases[] = {{"0", FUPIN_ALERT_NONE, 0, FUPIN_REASON_RISK_UNKNOWN},
                 {"1", FUPIN_ALERT_WARNING, 1, FUPIN_REASON_RISK_PRESENT}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fupin_household *h = two_years("h", "0", "9000");
        income(h, 2024, "medical_expense", cases[i].medical);
        income(h, 2024, "education_expense", "");
        set(h, "monitor", "hardship");
        set(h, "monitor_since", "2023-01");
        FUPIN_OK_OR_FAIL(fupin_household_evaluate(p, h, 2024, r));
        assert_int_equal(fupin_result_alert_level(r), cases[i].level);
        assert_int_equal(fupin_result_reason_count(r, FUPIN_LIST_ALERT), cases[i].n_alert);
        if (cases[i].n_alert)
            assert_int_equal(fupin_result_reason(r, FUPIN_LIST_ALERT, 0),
                             FUPIN_REASON_RIGID_EXPENSE);
        assert_int_equal(fupin_result_reason_count(r, FUPIN_LIST_MONITOR_EXIT), 1);
        assert_int_equal(fupin_result_reason(r, FUPIN_LIST_MONITOR_EXIT, 0), cases[i].monitor_code);
        fupin_household_free(h);
    }
    fupin_result_free(r);
    fupin_policy_free(p);
}

/* Write a dataset folder of the given file texts (NULL-terminated name/text pairs). */
static const char *dataset_dir(const char *const *files)
{
    static char dir[64];
    snprintf(dir, sizeof dir, "/tmp/fupin-survivors-XXXXXX");
    assert_non_null(tu_mkdtemp(dir));
    for (size_t i = 0; files[i]; i += 2) {
        char path[256];
        snprintf(path, sizeof path, "%s/%s", dir, files[i]);
        FILE *f = fopen(path, "wb");
        assert_non_null(f);
        fputs(files[i + 1], f);
        fclose(f);
    }
    return dir;
}

/* formats.md 1 (lenient) and R-V1: a village with a skipped household record has an
 * unknown poor population and incidence, and an unknown exit unless the known poor
 * already exceed the limit. G2's housing "E" is no grade: the record is skipped. With
 * population 100 the one known poor member (G1) is within 3 % (west): exit null,
 * INCIDENCE_UNKNOWN; with population 10, 1 > 0.03 x 10: exit false, INCIDENCE_TOO_HIGH. */
static void test_R_V1_skipped_household_makes_the_poor_population_unknown(void **state)
{
    (void)state;
    static const struct {
        const char *villages;
        int exit;
        const char *reason;
    } cases[] = {
        {"village_code,name,region,population,water_scarce,paved_road,electricity,clinic,"
         "broadband,collective_income\n530102001001,v,west,100,0,1,1,1,1,\n",
         FUPIN_TRI_NULL, "INCIDENCE_UNKNOWN"},
        {"village_code,name,region,population,water_scarce,paved_road,electricity,clinic,"
         "broadband,collective_income\n530102001001,v,west,10,0,1,1,1,1,\n",
         FUPIN_TRI_FALSE, "INCIDENCE_TOO_HIGH"},
    };
    const char *households =
        "household_id,village_code,registered_year,exit_year,monitor,monitor_since,"
        "assistance,housing,food_secure,clothing_secure,water_litres,water_minutes,"
        "water_supply_rate,water_quality_ok\n"
        "G1,530102001001,2016,,,,none,A,1,1,40,10,95,1\n"
        "G2,530102001001,2016,,,,none,E,1,1,40,10,95,1\n";
    const char *members = "household_id,member_id,birth,sex,id_number,school,disability,"
                          "insured,health,labor\nG1,m1,1980,M,,,0,1,healthy,full\n"
                          "G2,m1,1980,M,,,0,1,healthy,full\n";
    fupin_policy *p = national();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *files[] = {"villages.csv",
                               cases[i].villages,
                               "households.csv",
                               households,
                               "members.csv",
                               members,
                               NULL};
        const char *dir = dataset_dir(files);
        fupin_dataset *ds = NULL;
        FUPIN_OK_OR_FAIL(fupin_dataset_load(&ds, dir, FUPIN_LOAD_LENIENT));
        assert_int_equal(fupin_village_household_count(fupin_dataset_village(ds, 0)), 1);
        fupin_summary *r = NULL;
        FUPIN_OK_OR_FAIL(fupin_summary_create(&r));
        FUPIN_OK_OR_FAIL(fupin_village_evaluate(p, fupin_dataset_village(ds, 0), 2024, r));
        int64_t n = -5;
        double d;
        assert_int_equal(fupin_summary_count(r, FUPIN_VC_POOR_POPULATION, &n), FUPIN_ENULL);
        assert_int_equal(fupin_summary_figure(r, FUPIN_VF_INCIDENCE, &d), FUPIN_ENULL);
        assert_int_equal(fupin_summary_exit_eligible(r), cases[i].exit);
        assert_int_equal(fupin_summary_reason_count(r), 1);
        assert_string_equal(fupin_reason_name(fupin_summary_reason(r, 0)), cases[i].reason);
        fupin_summary_free(r);
        fupin_dataset_free(ds);
    }
    fupin_policy_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_R_I7_group_per_capita_at_a_half_fen_rounds_up),
        cmocka_unit_test(test_R_I7_group_per_capita_negative_half_fen_rounds_away_from_zero),
        cmocka_unit_test(test_R_G6_scarce_variant_is_tried_before_the_region_variant),
        cmocka_unit_test(test_F4_control_bytes_in_ids_are_escaped_in_json),
        cmocka_unit_test(test_R_I5_national_cagr_over_one_year_and_from_a_missing_year),
        cmocka_unit_test(test_R7_household_without_region_is_refused_for_every_regional_parameter),
        cmocka_unit_test(test_rounding_growth_tie_of_an_eighth_percent_rounds_away_from_zero),
        cmocka_unit_test(test_R_V1_incidence_tie_rounds_away_from_zero),
        cmocka_unit_test(test_R_G3_school_day_past_the_month_end_is_its_last_day),
        cmocka_unit_test(test_R_I5_cagr_is_null_for_a_negative_final_income),
        cmocka_unit_test(test_R_I4_national_growth_null_when_the_base_year_is_zero),
        cmocka_unit_test(test_R_I3_poverty_line_is_the_nearest_fen),
        cmocka_unit_test(test_R_V1_skipped_household_makes_the_poor_population_unknown),
        cmocka_unit_test(test_R_I7_group_growth_null_for_a_base_total_not_above_zero),
        cmocka_unit_test(test_R_G3_school_age_day_must_be_a_day_of_the_year),
        cmocka_unit_test(test_F4_outputs_stay_valid_utf8_json_and_csv),
        cmocka_unit_test(test_F2_policy_values_names_and_their_shown_form),
        cmocka_unit_test(test_R_A4_zero_income_zero_spending_with_a_blank_is_unknown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
