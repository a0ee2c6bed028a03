/* Hostile values and private data (issue 11), black-box through the public API:
 * bounded money and statistics, no non-finite figure, exact ratios with any number of
 * decimals (R-A3, R-A4, R-V2, R-V4), identity numbers masked from every entry point,
 * and the 16 MiB policy size limit. Expected values are worked out by hand in the
 * comments. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define ID      "520402196809268794"
#define ID_MASK "520402********8794"

static fupin_policy *parse(const char *text)
{
    fupin_policy *p = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_parse(&p, text, strlen(text), "t.pol", NULL));
    return p;
}

/* The text must be refused at t.pol:LINE with FUPIN_EPARSE and `what` in the message. */
static void refused(const char *text, int line, const char *what)
{
    fupin_policy *p = NULL;
    char at[32];
    int rc = fupin_policy_parse(&p, text, strlen(text), "t.pol", NULL);
    if (rc != FUPIN_EPARSE)
        fail_msg("%s: rc %d (%s), wanted FUPIN_EPARSE", text, rc, fupin_last_error());
    assert_null(p);
    snprintf(at, sizeof at, "t.pol:%d: ", line);
    if (strncmp(fupin_last_error(), at, strlen(at)) != 0 || !strstr(fupin_last_error(), what))
        fail_msg("%s: message \"%s\", wanted %s... %s", text, fupin_last_error(), at, what);
}

static double get(const fupin_policy *p, const char *name, int32_t year)
{
    double v = -1;
    FUPIN_OK_OR_FAIL(fupin_policy_get(p, name, NULL, year, &v));
    return v;
}

static void no_full_id(const char *text)
{
    if (strstr(text, ID) || strstr(text, "520402 19680926 8794") ||
        strstr(text, "520402-19680926-8794"))
        fail_msg("an identity number in full: %s", text);
}

/* ------------------------------------------------------------ bounds */

/* Money: a whole number of fen in 0..1,000,000,000 yuan. */
static void test_money_parameters_are_bounded_and_whole_fen_in_files(void **state)
{
    (void)state;
    fupin_policy *p = parse("poverty_line = 100000000000\nmonitoring_threshold = 0\n"
                            "national_rural_income@2023 = 0.01\npoverty_line@2030 = 4000.01\n");
    assert_true(get(p, "poverty_line", 2024) == 100000000000.0);
    assert_true(get(p, "poverty_line", 2030) == 4000.01);
    assert_true(get(p, "monitoring_threshold", 2024) == 0);
    fupin_policy_free(p);
    refused("poverty_line = 100000000000.01\n", 1,
            "poverty_line: must be at most 100000000000 yuan");
    refused("# the issue's case\npoverty_line = 1e17\n", 2, "must be at most 100000000000 yuan");
    refused("monitoring_threshold = 1e17\n", 1, "monitoring_threshold: must be at most");
    refused("poverty_line = -0.01\n", 1, "may not be negative");
    refused("poverty_line = 4000.005\n", 1, "whole number of fen");
    refused("national_rural_income@2023 = 1e-300\n", 1, "national_rural_income: must be a whole");
    refused("national_rural_income@2023 = 100000000000.01\n", 1, "must be at most 100000000000");
    /* rural_cpi: -50..1000 percent */
    p = parse("rural_cpi@2023 = -50\nrural_cpi@2024 = 1000\n");
    assert_true(get(p, "rural_cpi", 2023) == -50);
    assert_true(get(p, "rural_cpi", 2024) == 1000);
    fupin_policy_free(p);
    refused("rural_cpi@2023 = -50.01\n", 1, "outside -50..1000");
    refused("rural_cpi@2023 = 1000.01\n", 1, "outside -50..1000");
    refused("rural_cpi@2023 = -100\n", 1, "outside -50..1000");
    /* ratios to their meaning */
    refused("income_drop_ratio = 1.0000001\n", 1, "above 1");
    /* the same double as 1, but more than a share: bounds are checked exactly too */
    refused("income_drop_ratio = 1.0000000000000001\n", 1, "above 1 (a share)");
    refused("poverty_line = 100000000000.000001\n", 1, "must be at most 100000000000");
    p = parse("income_drop_ratio = 1\nvillage_exit_incidence_max = 1.000\nrigid_expense_ratio = "
              "1000\ncounty_exit_incidence_max = 0\n");
    fupin_policy_free(p);
    refused("village_exit_incidence_max:west = 1.01\n", 1, "above 1");
    refused("rigid_expense_ratio = 1000.5\n", 1, "above 1000");
    refused("mpi_weight_food = 1000001\n", 1, "above 1000000");
    refused("mpi_k = 1.5\n", 1, "above 1");
}

static void test_money_parameters_are_bounded_through_fupin_policy_set(void **state)
{
    (void)state;
    fupin_policy *p = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_builtin(&p, "national"));
    FUPIN_OK_OR_FAIL(fupin_policy_set(p, "poverty_line", NULL, 2024, 100000000000.0));
    FUPIN_OK_OR_FAIL(fupin_policy_set(p, "poverty_line", NULL, 2025, 4000.01));
    assert_int_equal(fupin_policy_set(p, "poverty_line", NULL, 2024, 100000000000.01),
                     FUPIN_ERANGE);
    assert_string_equal(fupin_last_error(), "poverty_line: must be at most 100000000000 yuan (the "
                                            "largest amount) (got 100000000000.01)");
    assert_int_equal(fupin_policy_set(p, "poverty_line", NULL, 2024, 1e17), FUPIN_ERANGE);
    assert_int_equal(fupin_policy_set(p, "poverty_line", NULL, 2024, 1e300), FUPIN_ERANGE);
    assert_int_equal(fupin_policy_set(p, "income_drop_ratio", NULL, 2024, 1e300), FUPIN_ERANGE);
    assert_int_equal(fupin_policy_set(p, "poverty_line", NULL, 2024, 4000.005), FUPIN_ERANGE);
    assert_int_equal(fupin_policy_set(p, "monitoring_threshold", NULL, 2024, 1e17), FUPIN_ERANGE);
    assert_int_equal(fupin_policy_set(p, "national_rural_income", NULL, 2023, 1e-300),
                     FUPIN_ERANGE);
    assert_int_equal(fupin_policy_set(p, "rural_cpi", NULL, 2023, -50.01), FUPIN_ERANGE);
    FUPIN_OK_OR_FAIL(fupin_policy_set(p, "rural_cpi", NULL, 2023, -50));
    assert_int_equal(fupin_policy_set(p, "income_drop_ratio", NULL, 0, 1.01), FUPIN_ERANGE);
    /* refusals changed nothing */
    assert_true(get(p, "poverty_line", 2024) == 100000000000.0);
    assert_true(get(p, "monitoring_threshold", 2024) == 6000);
    assert_true(get(p, "national_rural_income", 2023) == 21691);
    fupin_policy_free(p);
}

/* ------------------------------------------------------------ non-finite figures */

/* national_rural_income 0.01 -> 1e11 yuan is the widest growth the bounds allow:
 * (1e11 / 0.01 - 1) x 100 = 999,999,999,999,900 %; deflated by rural_cpi -50 (x 2):
 * (2e13 - 1) x 100 = 1,999,999,999,999,900 %. Finite, and printed as numbers. */
static void test_figures_at_the_bounds_stay_finite_and_print_as_numbers(void **state)
{
    (void)state;
    fupin_policy *p = parse("national_rural_income@2023 = 0.01\n"
                            "national_rural_income@2024 = 100000000000\nrural_cpi@2024 = -50\n");
    fupin_household *h = tu_household_ok("H1", 2024, "1000000");
    fupin_result *r = NULL;
    FUPIN_OK_OR_FAIL(fupin_result_create(&r));
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(p, h, 2024, r));
    double g = 0;
    FUPIN_OK_OR_FAIL(fupin_result_figure(r, FUPIN_FIG_NATIONAL_GROWTH, &g));
    assert_true(g > 999999999999899.0 && g < 999999999999901.0);
    FUPIN_OK_OR_FAIL(fupin_result_figure(r, FUPIN_FIG_NATIONAL_REAL_GROWTH, &g));
    assert_true(g > 1999999999999899.0 && g < 1999999999999901.0);
    char line[4096];
    FUPIN_OK_OR_FAIL(fupin_result_to_json(r, line, sizeof line, NULL));
    assert_null(strstr(line, "inf"));
    assert_null(strstr(line, "nan"));
    assert_non_null(strstr(line, "\"national_growth\":99999999999"));
    FUPIN_OK_OR_FAIL(fupin_result_to_csv(r, line, sizeof line, NULL));
    assert_null(strstr(line, "inf"));
    assert_null(strstr(line, "nan"));
    fupin_result_free(r);
    fupin_household_free(h);
    fupin_policy_free(p);
}

/* ------------------------------------------------------------ exact ratios */

/* R-V2: a village of 50 with 1 poor member has incidence exactly 0.02. */
static int village_exit(const char *policy_text, int *too_high)
{
    fupin_policy *p = parse(policy_text);
    fupin_village *v = NULL;
    FUPIN_OK_OR_FAIL(fupin_village_create(&v, "520102001001", "east"));
    FUPIN_OK_OR_FAIL(fupin_village_set(v, "population", "50"));
    fupin_household *h = tu_household_ok("H1", 2024, "10000");
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "registered_year", "2016"));
    FUPIN_OK_OR_FAIL(fupin_village_add_household(v, h));
    fupin_household_free(h);
    fupin_summary *r = NULL;
    FUPIN_OK_OR_FAIL(fupin_summary_create(&r));
    FUPIN_OK_OR_FAIL(fupin_village_evaluate(p, v, 2024, r));
    int exit = fupin_summary_exit_eligible(r);
    *too_high = fupin_summary_reason_count(r) == 1 &&
                fupin_summary_reason(r, 0) == FUPIN_REASON_INCIDENCE_TOO_HIGH;
    /* R-V4: the county of that one village, with county_exit_incidence_max */
    fupin_evaluator *e = NULL;
    fupin_summary *g = NULL;
    const fupin_village *vs[1] = {v};
    FUPIN_OK_OR_FAIL(fupin_evaluator_create(&e, p, 2024));
    FUPIN_OK_OR_FAIL(fupin_summary_create(&g));
    FUPIN_OK_OR_FAIL(fupin_evaluator_evaluate_group_villages(e, vs, 1, "520102", g));
    int county = fupin_summary_exit_eligible(g);
    fupin_summary_free(g);
    fupin_evaluator_free(e);
    fupin_summary_free(r);
    fupin_village_free(v);
    fupin_policy_free(p);
    return exit * 10 + county;
}

static void test_R_V2_R_V4_incidence_max_with_any_decimals_is_exact(void **state)
{
    (void)state;
    int too_high = 0;
    /* the case: 1 > 0.0199996 x 50 = 0.99998 */
    assert_int_equal(village_exit("village_exit_incidence_max = 0.0199996\n", &too_high),
                     FUPIN_TRI_FALSE * 10 + FUPIN_TRI_TRUE);
    assert_true(too_high);
    /* exactly at the limit: "not more than" includes it */
    assert_int_equal(village_exit("village_exit_incidence_max = 0.02\n", &too_high),
                     FUPIN_TRI_TRUE * 10 + FUPIN_TRI_TRUE);
    assert_false(too_high);
    /* 0.019999999999999999 is the same double as 0.02, but 1 > 0.99999999999999995 */
    assert_int_equal(village_exit("village_exit_incidence_max = 0.019999999999999999\n"
                                  "county_exit_incidence_max = 0.019999999999999999\n",
                                  &too_high),
                     FUPIN_TRI_FALSE * 10 + FUPIN_TRI_FALSE);
    assert_true(too_high);
    /* one step above the limit in the 18th digit still passes; trailing zeros are free */
    assert_int_equal(village_exit("village_exit_incidence_max = 0.0200000000000000010000\n"
                                  "county_exit_incidence_max = 2e-2\n",
                                  &too_high),
                     FUPIN_TRI_TRUE * 10 + FUPIN_TRI_TRUE);
    /* more than 18 significant digits cannot be compared exactly: refused, not rounded */
    refused("village_exit_incidence_max = 0.0199999999999999999999\n", 1,
            "more than 18 significant digits");
}

/* A household of `members` adults, everything met, with business income prev (Y-1)
 * and now (Y) and medical spending med in Y; evaluated for 2023 under the text. */
static fupin_result *household_2023(const char *policy_text, int members, const char *prev,
                                    const char *now, const char *med)
{
    static fupin_result *r;
    fupin_policy *p = parse(policy_text);
    fupin_household *h = tu_household_ok("H1", 2023, NULL);
    for (int i = 1; i < members; i++) {
        char id[16];
        snprintf(id, sizeof id, "m%d", i + 1);
        FUPIN_OK_OR_FAIL(fupin_household_add_member(h, id, "1980"));
        FUPIN_OK_OR_FAIL(fupin_household_set_member(h, id, "insured", "1"));
        FUPIN_OK_OR_FAIL(fupin_household_set_member(h, id, "labor", "full"));
    }
    const char *year_total[2] = {prev, now};
    for (int y = 0; y < 2; y++) {
        const char *parts[][2] = {
            {"wage", "0"},     {"business", year_total[y]},        {"property", "0"},
            {"transfer", "0"}, {"medical_expense", y ? med : "0"}, {"education_expense", "0"}};
        for (size_t i = 0; i < 6; i++)
            FUPIN_OK_OR_FAIL(fupin_household_set_income(h, 2022 + y, parts[i][0], parts[i][1]));
    }
    if (!r)
        FUPIN_OK_OR_FAIL(fupin_result_create(&r));
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(p, h, 2023, r));
    fupin_household_free(h);
    fupin_policy_free(p);
    return r;
}

static int has_alert(const fupin_result *r, int code)
{
    for (size_t i = 0; i < fupin_result_reason_count(r, FUPIN_LIST_ALERT); i++)
        if (fupin_result_reason(r, FUPIN_LIST_ALERT, i) == code)
            return 1;
    return 0;
}

/* R-A3: per capita 10000 -> 7000 (2 members, 20000 -> 14000) is a 30 % drop. */
static void test_R_A3_income_drop_ratio_with_any_decimals_is_exact(void **state)
{
    (void)state;
    const fupin_result *r = household_2023("income_drop_ratio = 0.3\n", 2, "20000", "14000", "0");
    assert_true(has_alert(r, FUPIN_REASON_INCOME_DROP)); /* 14000 <= 0.7 x 20000 */
    /* the same double as 0.3, but 14000 > 0.69999999999999999 x 20000 = 13999.9999999999998 */
    r = household_2023("income_drop_ratio = 0.30000000000000001\n", 2, "20000", "14000", "0");
    assert_false(has_alert(r, FUPIN_REASON_INCOME_DROP));
    /* 14000 <= 0.7000001 x 20000 = 14000.002 */
    r = household_2023("income_drop_ratio = 0.2999999\n", 2, "20000", "14000", "0");
    assert_true(has_alert(r, FUPIN_REASON_INCOME_DROP));
    /* one fen less than the 30 % line: 13999.99 <= 14000 */
    r = household_2023("income_drop_ratio = 0.3\n", 2, "20000", "13999.99", "0");
    assert_true(has_alert(r, FUPIN_REASON_INCOME_DROP));
    /* 14000.01 > 14000 */
    r = household_2023("income_drop_ratio = 0.3\n", 2, "20000", "14000.01", "0");
    assert_false(has_alert(r, FUPIN_REASON_INCOME_DROP));
}

/* R-A4: medical spending 10000 against last year's income 10000. */
static void test_R_A4_rigid_expense_ratio_with_any_decimals_is_exact(void **state)
{
    (void)state;
    const fupin_result *r =
        household_2023("rigid_expense_ratio = 1\n", 1, "10000", "10000", "10000");
    assert_false(has_alert(r, FUPIN_REASON_RIGID_EXPENSE)); /* not more than 1 x 10000 */
    /* the same double as 1.0, but 10000 > 0.99999999999999999 x 10000 */
    r = household_2023("rigid_expense_ratio = 0.99999999999999999\n", 1, "10000", "10000", "10000");
    assert_true(has_alert(r, FUPIN_REASON_RIGID_EXPENSE));
    r = household_2023("rigid_expense_ratio = 1.0000001\n", 1, "10000", "10000", "10000");
    assert_false(has_alert(r, FUPIN_REASON_RIGID_EXPENSE));
    /* 0.0000006 x 1,000,000 fen = 0.6 fen < 1 fen: one fen of spending exceeds it */
    r = household_2023("rigid_expense_ratio = 0.0000006\n", 1, "10000", "10000", "0.01");
    assert_true(has_alert(r, FUPIN_REASON_RIGID_EXPENSE));
}

/* R-V5: mpi_k is not compared exactly (the rule book's 1e-9 tolerance), but any number
 * of decimals is accepted. */
static void test_R_V5_mpi_k_with_many_decimals_is_accepted(void **state)
{
    (void)state;
    fupin_policy *p = parse("mpi_k = 0.142857142857142857142857\n");
    assert_true(get(p, "mpi_k", 2024) > 0.1428571 && get(p, "mpi_k", 2024) < 0.1428572);
    fupin_policy_free(p);
}

/* ------------------------------------------------------------ private data */

static void test_policy_file_that_is_not_a_policy_is_refused_without_its_content(void **state)
{
    (void)state;
    const char *idlist = ID ",张三\n" ID ",李四\n";
    fupin_policy *p = NULL;
    assert_int_equal(fupin_policy_parse(&p, idlist, strlen(idlist), "idlist.txt", NULL),
                     FUPIN_EPARSE);
    const char *m = fupin_last_error();
    assert_non_null(strstr(m, "idlist.txt:1: not a policy line"));
    assert_null(strstr(m, "520402"));
    assert_null(strstr(m, "张三"));
    /* extends = a file that is not a policy: named, not shown */
    const char *secret = tu_write_temp("shadow", "root:$6$saltsalt$hashhash:19000:0:99999:7:::\n");
    char text[4200];
    snprintf(text, sizeof text, "name = x\nextends = %s\n", secret);
    assert_int_equal(fupin_policy_parse(&p, text, strlen(text), "t.pol", NULL), FUPIN_EPARSE);
    m = fupin_last_error();
    assert_non_null(strstr(m, "not a policy line"));
    assert_null(strstr(m, "root"));
    assert_null(strstr(m, "hashhash"));
    /* a bad value quotes the value only, masked; never the rest of the line */
    const char *bad = "poverty_line = " ID " # " ID "\n";
    assert_int_equal(fupin_policy_parse(&p, bad, strlen(bad), "t.pol", NULL), FUPIN_EPARSE);
    m = fupin_last_error();
    no_full_id(m);
    assert_null(strstr(m, "poverty_line ="));
    const char *name = ID " = 1\n";
    assert_int_equal(fupin_policy_parse(&p, name, strlen(name), "t.pol", NULL), FUPIN_EPARSE);
    assert_non_null(strstr(fupin_last_error(), ID_MASK));
    no_full_id(fupin_last_error());
}

/* Every C setter masks an identity number in its message, even written with spaces or
 * dashes. */
static void test_setters_mask_identity_numbers_in_messages(void **state)
{
    (void)state;
    fupin_household *h = tu_household_ok("H1", 2024, "1000");
    assert_int_equal(fupin_household_set(h, "housing", ID), FUPIN_EINVAL);
    assert_non_null(strstr(fupin_last_error(), ID_MASK));
    no_full_id(fupin_last_error());
    assert_int_equal(fupin_household_set(h, "water_litres", "520402 19680926 8794"), FUPIN_EINVAL);
    assert_non_null(strstr(fupin_last_error(), "520402 ******** 8794"));
    no_full_id(fupin_last_error());
    assert_int_equal(fupin_household_set(h, ID, "1"), FUPIN_EINVAL); /* as a field name */
    no_full_id(fupin_last_error());
    assert_int_equal(fupin_household_set_member(h, ID, "insured", "1"), FUPIN_ENOTFOUND);
    assert_non_null(strstr(fupin_last_error(), ID_MASK));
    assert_int_equal(fupin_household_set_member(h, "m1", "school", "520402-19680926-8794"),
                     FUPIN_EINVAL);
    assert_non_null(strstr(fupin_last_error(), "520402-********-8794"));
    no_full_id(fupin_last_error());
    assert_int_equal(fupin_household_set_income(h, 2024, "wage", "52040219680926879X"),
                     FUPIN_EINVAL);
    assert_non_null(strstr(fupin_last_error(), "520402********879X"));
    assert_int_equal(fupin_household_add_event(h, 2024, ID, NULL), FUPIN_EINVAL);
    no_full_id(fupin_last_error());
    assert_int_equal(fupin_household_add_event(h, 2024, "death", ID), FUPIN_EINVAL);
    no_full_id(fupin_last_error());
    fupin_household_free(h);
    /* a household whose id is an identity number: messages name it masked */
    h = NULL;
    FUPIN_OK_OR_FAIL(fupin_household_create(&h, ID));
    assert_int_equal(fupin_household_set(h, "housing", "Z"), FUPIN_EINVAL);
    assert_non_null(strstr(fupin_last_error(), ID_MASK));
    fupin_household_free(h);
    fupin_village *v = NULL;
    assert_int_equal(fupin_village_create(&v, ID, "west"), FUPIN_EINVAL);
    assert_non_null(strstr(fupin_last_error(), ID_MASK));
    assert_int_equal(fupin_village_create(&v, "520102001001", ID), FUPIN_EINVAL);
    no_full_id(fupin_last_error());
    FUPIN_OK_OR_FAIL(fupin_village_create(&v, "520102001001", "west"));
    assert_int_equal(fupin_village_set(v, "population", "520402 19680926 8794"), FUPIN_EINVAL);
    no_full_id(fupin_last_error());
    fupin_village_free(v);
    /* the masking function itself, for programs that print user text */
    char t[] = "a 520402 19680926 8794, b 520102001001 2024, c 1234567890123456";
    assert_int_equal(fupin_text_mask_ids(t, strlen(t)), 2);
    assert_string_equal(t, "a 520402 ******** 8794, b 520102001001 2024, c 123456******3456");
    assert_int_equal(fupin_text_mask_ids(NULL, 3), 0);
}

/* check echoes expectation values in its mismatch lines: masked. */
static void test_check_masks_identity_numbers_it_echoes(void **state)
{
    (void)state;
    fupin_policy *p = NULL;
    fupin_dataset *d = NULL;
    fupin_check *k = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_builtin(&p, "national"));
    FUPIN_OK_OR_FAIL(fupin_dataset_load(&d, tu_source_path("examples/data"), 0));
    const char *x = tu_write_temp("expect.csv", "household_id,year,field,expected\n"
                                                "GZ01,2024,income.status," ID "\n"
                                                "GZ01,2024,income.status,520402 19680926 8794\n" ID
                                                ",2024,income.status,above\n");
    FUPIN_OK_OR_FAIL(fupin_check_dataset(&k, p, d, x, 0));
    assert_int_equal(fupin_check_failed(k), 3);
    assert_string_equal(fupin_check_mismatch(k, 0),
                        "GZ01 2024 income.status: expected " ID_MASK ", got above");
    assert_string_equal(fupin_check_mismatch(k, 1),
                        "GZ01 2024 income.status: expected 520402 ******** 8794, got above");
    no_full_id(fupin_check_mismatch(k, 2));
    fupin_check_free(k);
    fupin_dataset_free(d);
    fupin_policy_free(p);
}

/* ------------------------------------------------------------ small ones */

static void test_library_messages_name_no_cli_option(void **state)
{
    (void)state;
    fupin_policy *p = NULL;
    fupin_evaluator *e = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_builtin(&p, "national"));
    assert_int_equal(fupin_evaluator_create_since(&e, p, 2024, 2024), FUPIN_EINVAL);
    assert_null(strstr(fupin_last_error(), "--"));
    assert_non_null(strstr(fupin_last_error(), "2024"));
    fupin_policy_free(p);
}

/* A policy file of exactly 16 MiB is read; one byte more is refused. */
static void test_policy_size_limit_is_exactly_16_mib(void **state)
{
    (void)state;
    const size_t limit = (size_t)16 << 20;
    char *text = malloc(limit + 2);
    assert_non_null(text);
    const char *head = "name = big\npoverty_line = 4321\n";
    size_t n = strlen(head);
    memcpy(text, head, n);
    memset(text + n, '#', limit - n);
    for (size_t i = n + 99; i < limit; i += 100)
        text[i] = '\n';
    text[limit - 1] = '\n';
    text[limit] = '\0';
    char path[4200];
    snprintf(path, sizeof path, "%s", tu_write_temp("big.pol", text));
    fupin_policy *p = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_load(&p, path));
    assert_true(get(p, "poverty_line", 2024) == 4321);
    fupin_policy_free(p);
    text[limit] = '\n';
    text[limit + 1] = '\0';
    snprintf(path, sizeof path, "%s", tu_write_temp("big.pol", text));
    assert_int_equal(fupin_policy_load(&p, path), FUPIN_EIO);
    assert_non_null(strstr(fupin_last_error(), "larger than 16 MiB"));
    assert_null(p);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_money_parameters_are_bounded_and_whole_fen_in_files),
        cmocka_unit_test(test_money_parameters_are_bounded_through_fupin_policy_set),
        cmocka_unit_test(test_figures_at_the_bounds_stay_finite_and_print_as_numbers),
        cmocka_unit_test(test_R_V2_R_V4_incidence_max_with_any_decimals_is_exact),
        cmocka_unit_test(test_R_A3_income_drop_ratio_with_any_decimals_is_exact),
        cmocka_unit_test(test_R_A4_rigid_expense_ratio_with_any_decimals_is_exact),
        cmocka_unit_test(test_R_V5_mpi_k_with_many_decimals_is_accepted),
        cmocka_unit_test(test_policy_file_that_is_not_a_policy_is_refused_without_its_content),
        cmocka_unit_test(test_setters_mask_identity_numbers_in_messages),
        cmocka_unit_test(test_check_masks_identity_numbers_it_echoes),
        cmocka_unit_test(test_library_messages_name_no_cli_option),
        cmocka_unit_test(test_policy_size_limit_is_exactly_16_mib),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
