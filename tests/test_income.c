/* R-I1..R-I3 (income against the line), R-E1 (exit standard) and R-E2 (registration),
 * black-box, with the built-in national policy (line 4000 yuan from 2020). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

/* struct fx, setup and teardown: tests/util.h (the national policy and a result) */

/* A household of `members` insured adults meeting every guarantee, with the income
 * record of `year` given component by component (NULL: no record for the year). */
static fupin_household *household(int members, int32_t year, const char *wage, const char *business,
                                  const char *property, const char *transfer)
{
    fupin_household *h = tu_household_ok("I1", year, NULL);
    assert_non_null(h);
    for (int i = 2; i <= members; i++) {
        char id[16];
        snprintf(id, sizeof id, "m%d", i);
        FUPIN_OK_OR_FAIL(fupin_household_add_member(h, id, "1975-02-03"));
        FUPIN_OK_OR_FAIL(fupin_household_set_member(h, id, "insured", "1"));
    }
    if (wage) {
        FUPIN_OK_OR_FAIL(fupin_household_set_income(h, year, "wage", wage));
        FUPIN_OK_OR_FAIL(fupin_household_set_income(h, year, "business", business));
        FUPIN_OK_OR_FAIL(fupin_household_set_income(h, year, "property", property));
        FUPIN_OK_OR_FAIL(fupin_household_set_income(h, year, "transfer", transfer));
    }
    return h;
}

static const fupin_result *eval(struct fx *f, const fupin_household *h, int32_t year)
{
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(f->policy, h, year, f->r));
    return f->r;
}

static int64_t net(const fupin_result *r)
{
    int64_t v = 0;
    return fupin_result_net_income_fen(r, &v) == 0 ? v : INT64_MIN;
}

static int64_t per_capita(const fupin_result *r)
{
    int64_t v = 0;
    return fupin_result_per_capita_fen(r, &v) == 0 ? v : INT64_MIN;
}

/* ------------------------------------------------------------ R-I1 */

static void test_R_I1_net_income_sums_components_less_production_expense(void **state)
{
    struct fx *f = *state;
    fupin_household *h = household(1, 2024, "1000", "500.50", "-200.25", "300");
    const fupin_result *r = eval(f, h, 2024);
    assert_true(net(r) == 160025); /* 1000 + 500.50 - 200.25 + 300 = 1600.25 */
    FUPIN_OK_OR_FAIL(fupin_household_set_income(h, 2024, "production_expense", "100.01"));
    r = eval(f, h, 2024);
    assert_true(net(r) == 150024);
    double yuan = 0;
    FUPIN_OK_OR_FAIL(fupin_result_figure(r, FUPIN_FIG_NET_INCOME, &yuan));
    assert_true(yuan == 1500.24);
    /* the rigid expenses are not part of net income */
    FUPIN_OK_OR_FAIL(fupin_household_set_income(h, 2024, "medical_expense", "999"));
    FUPIN_OK_OR_FAIL(fupin_household_set_income(h, 2024, "education_expense", "999"));
    assert_true(net(eval(f, h, 2024)) == 150024);
    /* a negative total is a total like any other */
    FUPIN_OK_OR_FAIL(fupin_household_set_income(h, 2024, "business", "-5000"));
    assert_true(net(eval(f, h, 2024)) == 100000 - 500000 - 20025 + 30000 - 10001);
    fupin_household_free(h);
}

static void test_R_I1_any_blank_component_makes_income_unknown(void **state)
{
    struct fx *f = *state;
    static const char *fields[] = {"wage", "business", "property", "transfer",
                                   "production_expense"};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        fupin_household *h = household(1, 2024, "9000", "0", "0", "0");
        FUPIN_OK_OR_FAIL(fupin_household_set_income(h, 2024, "production_expense", "0"));
        assert_true(net(eval(f, h, 2024)) == 900000);
        FUPIN_OK_OR_FAIL(fupin_household_set_income(h, 2024, fields[i], ""));
        const fupin_result *r = eval(f, h, 2024);
        assert_true(net(r) == INT64_MIN);
        assert_true(per_capita(r) == INT64_MIN);
        assert_int_equal(fupin_result_income_status(r), FUPIN_INCOME_UNKNOWN);
        double d;
        assert_int_equal(fupin_result_figure(r, FUPIN_FIG_PER_CAPITA, &d), FUPIN_ENULL);
        fupin_household_free(h);
    }
    /* a record where only some components were ever given */
    fupin_household *h = household(1, 2024, NULL, NULL, NULL, NULL);
    FUPIN_OK_OR_FAIL(fupin_household_set_income(h, 2024, "wage", "9000"));
    assert_int_equal(fupin_result_income_status(eval(f, h, 2024)), FUPIN_INCOME_UNKNOWN);
    fupin_household_free(h);
}

static void test_R_I1_no_row_for_the_year_makes_income_unknown(void **state)
{
    struct fx *f = *state;
    fupin_household *h = household(1, 2023, "9000", "0", "0", "0");
    assert_true(net(eval(f, h, 2023)) == 900000);
    const fupin_result *r = eval(f, h, 2024);
    assert_true(net(r) == INT64_MIN);
    assert_int_equal(fupin_result_income_status(r), FUPIN_INCOME_UNKNOWN);
    fupin_household_free(h);
}

/* ------------------------------------------------------------ R-I2 */

static void test_R_I2_per_capita_rounded_half_away_from_zero_to_the_fen(void **state)
{
    struct fx *f = *state;
    static const struct {
        int members;
        const char *business; /* the whole total, as business (may be negative) */
        int64_t fen;
        double yuan;
    } v[] = {
        {3, "100.00", 3333, 33.33},    /* 33.333... */
        {3, "200.00", 6667, 66.67},    /* 66.666... */
        {2, "100.01", 5001, 50.01},    /* 5000.5 fen -> 5001 */
        {2, "100.03", 5002, 50.02},    /* 5001.5 fen -> 5002 */
        {4, "0.02", 1, 0.01},          /* 0.5 fen -> 1 */
        {4, "0.01", 0, 0},             /* 0.25 fen -> 0 */
        {3, "-100.00", -3333, -33.33}, /* negative totals round symmetrically */
        {3, "-200.00", -6667, -66.67},
        {2, "-100.01", -5001, -50.01}, /* -5000.5 fen -> -5001 */
        {4, "-0.01", 0, 0},
        {1, "12000", 1200000, 12000},
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        fupin_household *h = household(v[i].members, 2024, "0", v[i].business, "0", "0");
        const fupin_result *r = eval(f, h, 2024);
        if (per_capita(r) != v[i].fen)
            fail_msg("%s over %d: %lld fen, expected %lld", v[i].business, v[i].members,
                     (long long)per_capita(r), (long long)v[i].fen);
        double yuan = -1;
        FUPIN_OK_OR_FAIL(fupin_result_figure(r, FUPIN_FIG_PER_CAPITA, &yuan));
        if (yuan != v[i].yuan || (yuan == 0 && signbit(yuan)))
            fail_msg("%s over %d: %.17g yuan, expected %.2f", v[i].business, v[i].members, yuan,
                     v[i].yuan);
        fupin_household_free(h);
    }
}

/* ------------------------------------------------------------ R-I3 */

static void test_R_I3_per_capita_exactly_at_the_line_is_above(void **state)
{
    struct fx *f = *state;
    /* 2020 line 4000: 12000.00 over 3 = 4000.00 exactly, not below */
    fupin_household *h = household(3, 2020, "12000.00", "0", "0", "0");
    const fupin_result *r = eval(f, h, 2020);
    assert_int_equal(fupin_result_income_status(r), FUPIN_INCOME_ABOVE);
    assert_true(per_capita(r) == 400000);
    double line = 0;
    FUPIN_OK_OR_FAIL(fupin_result_figure(r, FUPIN_FIG_POVERTY_LINE, &line));
    assert_true(line == 4000);
    fupin_household_free(h);
}

static void test_R_I3_one_fen_less_is_below_though_it_prints_as_the_line(void **state)
{
    struct fx *f = *state;
    fupin_household *h = household(3, 2020, "11999.99", "0", "0", "0");
    const fupin_result *r = eval(f, h, 2020);
    assert_int_equal(fupin_result_income_status(r), FUPIN_INCOME_BELOW);
    /* 3999.99666... rounds to 4000.00 for printing; the status stays exact */
    assert_true(per_capita(r) == 400000);
    double pc = 0;
    FUPIN_OK_OR_FAIL(fupin_result_figure(r, FUPIN_FIG_PER_CAPITA, &pc));
    assert_true(pc == 4000);
    fupin_household_free(h);
}

static void test_R_I3_line_follows_the_year(void **state)
{
    struct fx *f = *state;
    /* 2019 line 3218: 3218 per head is above; 2010 line 2300 */
    fupin_household *h = household(2, 2019, "6436", "0", "0", "0");
    assert_int_equal(fupin_result_income_status(eval(f, h, 2019)), FUPIN_INCOME_ABOVE);
    FUPIN_OK_OR_FAIL(fupin_household_set_income(h, 2019, "wage", "6435.99"));
    assert_int_equal(fupin_result_income_status(eval(f, h, 2019)), FUPIN_INCOME_BELOW);
    fupin_household_free(h);
    /* 2024 carries the 2020 line forward (a rule parameter) */
    h = household(1, 2024, "3999.99", "0", "0", "0");
    assert_int_equal(fupin_result_income_status(eval(f, h, 2024)), FUPIN_INCOME_BELOW);
    FUPIN_OK_OR_FAIL(fupin_household_set_income(h, 2024, "wage", "4000"));
    assert_int_equal(fupin_result_income_status(eval(f, h, 2024)), FUPIN_INCOME_ABOVE);
    fupin_household_free(h);
}

static void test_R_I3_poverty_line_with_no_value_for_2009_is_not_found(void **state)
{
    struct fx *f = *state;
    fupin_household *h = household(1, 2009, "9000", "0", "0", "0");
    assert_int_equal(fupin_household_evaluate(f->policy, h, 2009, f->r), FUPIN_ENOTFOUND);
    assert_non_null(strstr(fupin_last_error(), "poverty_line"));
    assert_non_null(strstr(fupin_last_error(), "2009"));
    fupin_evaluator *e = (fupin_evaluator *)f; /* must be reset to NULL */
    assert_int_equal(fupin_evaluator_create(&e, f->policy, 2009), FUPIN_ENOTFOUND);
    assert_null(e);
    /* 2010 is the first year with a line */
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(f->policy, h, 2010, f->r));
    fupin_household_free(h);
}

/* ------------------------------------------------------------ R-E1 */

static void test_R_E1_exit_eligible_by_three_valued_logic(void **state)
{
    struct fx *f = *state;
    static const struct {
        const char *wage;    /* one member, 2024, line 4000; NULL: income unknown */
        const char *housing; /* A met, D unmet, "" unknown */
        int income, guarantee, eligible;
    } v[] = {
        {"4000", "A", FUPIN_INCOME_ABOVE, FUPIN_STATUS_MET, FUPIN_TRI_TRUE},
        {"3999.99", "A", FUPIN_INCOME_BELOW, FUPIN_STATUS_MET, FUPIN_TRI_FALSE},
        {"4000", "D", FUPIN_INCOME_ABOVE, FUPIN_STATUS_UNMET, FUPIN_TRI_FALSE},
        {"3999.99", "D", FUPIN_INCOME_BELOW, FUPIN_STATUS_UNMET, FUPIN_TRI_FALSE},
        {"3999.99", "", FUPIN_INCOME_BELOW, FUPIN_STATUS_UNKNOWN, FUPIN_TRI_FALSE},
        {"4000", "", FUPIN_INCOME_ABOVE, FUPIN_STATUS_UNKNOWN, FUPIN_TRI_NULL},
        {NULL, "A", FUPIN_INCOME_UNKNOWN, FUPIN_STATUS_MET, FUPIN_TRI_NULL},
        {NULL, "D", FUPIN_INCOME_UNKNOWN, FUPIN_STATUS_UNMET, FUPIN_TRI_FALSE},
        {NULL, "", FUPIN_INCOME_UNKNOWN, FUPIN_STATUS_UNKNOWN, FUPIN_TRI_NULL},
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        fupin_household *h = household(1, 2024, v[i].wage ? v[i].wage : "1", "0", "0", "0");
        if (!v[i].wage)
            FUPIN_OK_OR_FAIL(fupin_household_set_income(h, 2024, "transfer", ""));
        FUPIN_OK_OR_FAIL(fupin_household_set(h, "housing", v[i].housing));
        const fupin_result *r = eval(f, h, 2024);
        assert_int_equal(fupin_result_income_status(r), v[i].income);
        assert_int_equal(fupin_result_guarantee(r), v[i].guarantee);
        if (fupin_result_exit_eligible(r) != v[i].eligible)
            fail_msg("case %zu: exit_eligible %d, expected %d", i, fupin_result_exit_eligible(r),
                     v[i].eligible);
        fupin_household_free(h);
    }
}

/* ------------------------------------------------------------ R-E2 */

static void test_R_E2_registered_exited_never_at_the_boundary_years(void **state)
{
    struct fx *f = *state;
    fupin_household *h = household(1, 2020, "9000", "0", "0", "0");
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "registered_year", "2016"));
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "exit_year", "2019"));
    static const struct {
        int32_t year;
        int reg;
    } v[] = {
        {2015, FUPIN_REG_NEVER},  {2016, FUPIN_REG_REGISTERED}, {2018, FUPIN_REG_REGISTERED},
        {2019, FUPIN_REG_EXITED}, {2020, FUPIN_REG_EXITED},     {2024, FUPIN_REG_EXITED},
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        assert_int_equal(fupin_result_registration(eval(f, h, v[i].year)), v[i].reg);
    /* exit in the registration year: exited from that very year */
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "exit_year", "2016"));
    assert_int_equal(fupin_result_registration(eval(f, h, 2015)), FUPIN_REG_NEVER);
    assert_int_equal(fupin_result_registration(eval(f, h, 2016)), FUPIN_REG_EXITED);
    /* no exit: registered from registered_year on, for good */
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "exit_year", ""));
    assert_int_equal(fupin_result_registration(eval(f, h, 2015)), FUPIN_REG_NEVER);
    assert_int_equal(fupin_result_registration(eval(f, h, 2016)), FUPIN_REG_REGISTERED);
    assert_int_equal(fupin_result_registration(eval(f, h, 2024)), FUPIN_REG_REGISTERED);
    /* never registered */
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "registered_year", ""));
    assert_int_equal(fupin_result_registration(eval(f, h, 2024)), FUPIN_REG_NEVER);
    fupin_household_free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_R_I1_net_income_sums_components_less_production_expense),
        cmocka_unit_test(test_R_I1_any_blank_component_makes_income_unknown),
        cmocka_unit_test(test_R_I1_no_row_for_the_year_makes_income_unknown),
        cmocka_unit_test(test_R_I2_per_capita_rounded_half_away_from_zero_to_the_fen),
        cmocka_unit_test(test_R_I3_per_capita_exactly_at_the_line_is_above),
        cmocka_unit_test(test_R_I3_one_fen_less_is_below_though_it_prints_as_the_line),
        cmocka_unit_test(test_R_I3_line_follows_the_year),
        cmocka_unit_test(test_R_I3_poverty_line_with_no_value_for_2009_is_not_found),
        cmocka_unit_test(test_R_E1_exit_eligible_by_three_valued_logic),
        cmocka_unit_test(test_R_E2_registered_exited_never_at_the_boundary_years),
    };
    return cmocka_run_group_tests(tests, tu_setup_national, tu_teardown_national);
}
