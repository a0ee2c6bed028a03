/* Findings of the second independent review (docs/reference/rules.md and docs/dataset.md against
 * lib/): each test states a rule at a boundary where the code and the rule book disagreed, with its
 * expected value derived by hand from the rule. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* docs/reference/rules.md, "Money is exact": a line is compared as household_total < line x members
 * in fen. A line of 4000.005 yuan was rounded to 4000.00, so a one-member household with 4000.00
 * yuan (exactly 0.005 below the line) was decided `above`. A line finer than a fen cannot be
 * compared in fen: it is refused, as ratios finer than a millionth are. */
static void test_R_I3_poverty_line_finer_than_a_fen_is_refused_not_rounded(void **state)
{
    (void)state;
    fupin_policy *p = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_builtin(&p, "national"));
    assert_int_equal(fupin_policy_set(p, "poverty_line", NULL, 2024, 4000.005), FUPIN_ERANGE);
    assert_non_null(strstr(fupin_last_error(), "poverty_line"));
    assert_int_equal(fupin_policy_set(p, "monitoring_threshold", NULL, 2024, 6000.001),
                     FUPIN_ERANGE);
    fupin_policy_free(p);

    p = NULL;
    const char *text = "name = review\npoverty_line@2024 = 4000.005\n";
    assert_int_equal(fupin_policy_parse(&p, text, strlen(text), "review.pol", NULL), FUPIN_EPARSE);
    assert_null(p);
    assert_non_null(strstr(fupin_last_error(), "review.pol:2"));
}

/* R-I3 at a line of whole fen (accepted): 4000.00 is below 4000.01, and 4000.01 is not
 * below itself (strictly below). */
static void test_R_I3_poverty_line_of_whole_fen_decides_exactly(void **state)
{
    (void)state;
    fupin_policy *p = NULL;
    fupin_result *r = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_builtin(&p, "national"));
    FUPIN_OK_OR_FAIL(fupin_result_create(&r));
    FUPIN_OK_OR_FAIL(fupin_policy_set(p, "poverty_line", NULL, 2024, 4000.01));
    fupin_household *below = tu_household_ok("H1", 2024, "4000");
    fupin_household *at = tu_household_ok("H2", 2024, "4000.01");
    assert_non_null(below);
    assert_non_null(at);
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(p, below, 2024, r));
    assert_int_equal(fupin_result_income_status(r), FUPIN_INCOME_BELOW);
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(p, at, 2024, r));
    assert_int_equal(fupin_result_income_status(r), FUPIN_INCOME_ABOVE);
    fupin_household_free(below);
    fupin_household_free(at);
    fupin_result_free(r);
    fupin_policy_free(p);
}

/* docs/reference/rules.md, "Money is exact": a line too large for int64 fen (1e300 yuan) became a
 * negative number of fen, which put every household `above` it. Lines are held in the
 * same range as dataset amounts (docs/dataset.md, General rules: at most 100,000,000,000 yuan). */
static void test_R_I3_poverty_line_beyond_the_amount_range_is_refused(void **state)
{
    (void)state;
    fupin_policy *p = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_builtin(&p, "national"));
    assert_int_equal(fupin_policy_set(p, "poverty_line", NULL, 2024, 1e300), FUPIN_ERANGE);
    assert_int_equal(fupin_policy_set(p, "monitoring_threshold", NULL, 2024, 1e11 + 0.01),
                     FUPIN_ERANGE);
    /* the largest amount is still accepted, and a household far below it is below */
    FUPIN_OK_OR_FAIL(fupin_policy_set(p, "poverty_line", NULL, 2024, 1e11));
    fupin_result *r = NULL;
    FUPIN_OK_OR_FAIL(fupin_result_create(&r));
    fupin_household *h = tu_household_ok("H1", 2024, "4000");
    assert_non_null(h);
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(p, h, 2024, r));
    assert_int_equal(fupin_result_income_status(r), FUPIN_INCOME_BELOW);
    fupin_household_free(h);
    fupin_result_free(r);
    fupin_policy_free(p);
}

/* A dataset folder from five texts (NULL: the file is not written). */
static const char *write_dataset(const char *villages, const char *households, const char *members,
                                 const char *incomes, const char *events)
{
    static char dir[64];
    snprintf(dir, sizeof dir, "/tmp/fupin-review2-XXXXXX");
    if (!tu_mkdtemp(dir))
        return NULL;
    const char *names[5] = {"villages.csv", "households.csv", "members.csv", "incomes.csv",
                            "events.csv"};
    const char *texts[5] = {villages, households, members, incomes, events};
    for (int i = 0; i < 5; i++) {
        if (!texts[i])
            continue;
        char path[128];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        FILE *f = fopen(path, "wb");
        if (!f)
            return NULL;
        fputs(texts[i], f);
        fclose(f);
    }
    return dir;
}

static const char *const VILLAGES =
    "village_code,name,region,population,water_scarce,paved_road,electricity,clinic,broadband,"
    "collective_income\n"
    "110101001001,V,east,100,0,1,1,1,1,0\n";
#define HOUSEHOLD_HEADER                                                                           \
    "household_id,village_code,registered_year,exit_year,monitor,monitor_since,assistance,"        \
    "housing,food_secure,clothing_secure,water_litres,water_minutes,water_supply_rate,"            \
    "water_quality_ok\n"
#define MEMBER_HEADER                                                                              \
    "household_id,member_id,birth,sex,id_number,school,disability,insured,health,labor\n"

/* docs/dataset.md, "When a value is wrong", strict mode: "first" is by position, and within a
 * record the leftmost bad column in header order. An exit_year before the registered_year (column
 * 4) is the first error of a record whose monitor (column 5) is also bad; the cross-column check of
 * exit_year was skipped whenever any of the four date and monitor columns was bad, so the load
 * reported the monitor column instead. */
static void test_F1_strict_reports_the_leftmost_bad_column_exit_before_a_bad_monitor(void **state)
{
    (void)state;
    const char *dir = write_dataset(
        VILLAGES, HOUSEHOLD_HEADER "H1,110101001001,2016,2015,bogus,,none,A,1,1,40,10,95,1\n",
        MEMBER_HEADER "H1,M1,1980,M,,completed,0,1,healthy,full\n", NULL, NULL);
    assert_non_null(dir);
    fupin_dataset *d = NULL;
    assert_int_equal(fupin_dataset_load(&d, dir, 0), FUPIN_EPARSE);
    assert_null(d);
    assert_string_equal(
        fupin_last_error(),
        "households.csv:2: column exit_year: exit before registration (got \"2015\")");
}

/* The same with an exit_year without registered_year (column 4) and a malformed
 * monitor_since (column 6). */
static void
test_F1_strict_reports_exit_without_registration_before_a_bad_monitor_since(void **state)
{
    (void)state;
    const char *dir = write_dataset(
        VILLAGES, HOUSEHOLD_HEADER "H1,110101001001,,2016,unstable,2024-13,none,A,1,1,40,10,95,1\n",
        MEMBER_HEADER "H1,M1,1980,M,,completed,0,1,healthy,full\n", NULL, NULL);
    assert_non_null(dir);
    fupin_dataset *d = NULL;
    assert_int_equal(fupin_dataset_load(&d, dir, 0), FUPIN_EPARSE);
    assert_string_equal(fupin_last_error(), "households.csv:2: column exit_year: exit_year needs "
                                            "registered_year (got \"2016\")");
    /* and a bad registered_year (column 3) still comes first */
    dir = write_dataset(VILLAGES,
                        HOUSEHOLD_HEADER
                        "H1,110101001001,1948,2016,unstable,2024-13,none,A,1,1,40,10,95,1\n",
                        MEMBER_HEADER "H1,M1,1980,M,,completed,0,1,healthy,full\n", NULL, NULL);
    assert_non_null(dir);
    assert_int_equal(fupin_dataset_load(&d, dir, 0), FUPIN_EPARSE);
    assert_string_equal(fupin_last_error(), "households.csv:2: column registered_year: year out "
                                            "of range (got \"1948\")");
}

/* docs/reference/rules.md, Rounding: shares are rounded once to 4 decimals, half away from zero,
 * from unrounded values. 57 registered poor of a population of 800 is exactly 0.07125, so 0.0713;
 * the double nearest 0.07125 lies just below it, and rounding that double gave 0.0712 (R-V1). The
 * MPI headcount ratio H and the censored headcount of income over the same 57 poor members of 800
 * (R-V5) are the same exact share. */
static void test_R_V1_R_V5_exact_half_shares_round_away_from_zero(void **state)
{
    (void)state;
    const char *villages = "village_code,name,region,population,water_scarce,paved_road,"
                           "electricity,clinic,broadband,collective_income\n"
                           "110101001001,V,east,800,0,1,1,1,1,0\n";
    const char *households = HOUSEHOLD_HEADER "P,110101001001,2016,,,,none,A,1,1,40,10,95,1\n"
                                              "R,110101001001,,,,,none,A,1,1,40,10,95,1\n";
    const char *incomes = "household_id,year,wage,business,property,transfer,medical_expense,"
                          "education_expense\n"
                          "P,2024,0,0,0,0,0,0\n"
                          "R,2024,100000000,0,0,0,0,0\n";
    size_t cap = 800 * 64 + 128;
    char *members = malloc(cap);
    assert_non_null(members);
    size_t n = (size_t)snprintf(members, cap, "%s", MEMBER_HEADER);
    for (int i = 0; i < 800; i++)
        n += (size_t)snprintf(members + n, cap - n, "%s,m%d,1980,M,,completed,0,1,healthy,full\n",
                              i < 57 ? "P" : "R", i);
    const char *dir = write_dataset(villages, households, members, incomes, NULL);
    free(members);
    assert_non_null(dir);

    fupin_dataset *d = NULL;
    fupin_policy *p = NULL;
    fupin_evaluator *e = NULL;
    fupin_summary *s = NULL;
    FUPIN_OK_OR_FAIL(fupin_dataset_load(&d, dir, 0));
    FUPIN_OK_OR_FAIL(fupin_policy_builtin(&p, "national"));
    FUPIN_OK_OR_FAIL(fupin_evaluator_create(&e, p, 2024));
    FUPIN_OK_OR_FAIL(fupin_summary_create(&s));
    FUPIN_OK_OR_FAIL(fupin_evaluator_evaluate_village(e, fupin_dataset_village(d, 0), s));
    int64_t poor = 0;
    FUPIN_OK_OR_FAIL(fupin_summary_count(s, FUPIN_VC_POOR_POPULATION, &poor));
    assert_int_equal(poor, 57);
    double v = 0, censored = 0;
    FUPIN_OK_OR_FAIL(fupin_summary_figure(s, FUPIN_VF_INCIDENCE, &v));
    assert_true(fabs(v - 0.0713) < 1e-12);
    FUPIN_OK_OR_FAIL(fupin_summary_mpi(s, FUPIN_MPI_H, &v));
    assert_true(fabs(v - 0.0713) < 1e-12);
    assert_int_equal(fupin_summary_mpi_dimension(s, FUPIN_MPI_DIM_INCOME, &censored, NULL), 0);
    assert_true(fabs(censored - 0.0713) < 1e-12);
    /* the JSON line prints the same */
    char line[4096];
    size_t len = 0;
    FUPIN_OK_OR_FAIL(fupin_summary_to_json(s, line, sizeof line, &len));
    assert_non_null(strstr(line, "\"incidence\":0.0713,"));
    fupin_summary_free(s);
    fupin_evaluator_free(e);
    fupin_policy_free(p);
    fupin_dataset_free(d);
}

/* docs/reference/rules.md, Rounding: percentages to 2 decimals, half away from zero, from unrounded
 * values. R-I4: 100000 -> 101125 yuan is exactly +1.125 %, so 1.13 (and 100000 ->
 * 98875 is -1.125 %, so -1.13); the double of 1.01125 - 1 lies below the half and
 * printed 1.12. R-I7: the village panel 200000 -> 201130 is exactly +0.565 %, so 0.57
 * (printed 0.56). gap_pp stays computed from the unrounded growth: 1.125 - 6.5833...
 * (23119 / 21691 - 1) = -5.4583..., so -5.46. */
static void test_R_I4_R_I7_exact_half_percentages_round_away_from_zero(void **state)
{
    (void)state;
    const char *households = HOUSEHOLD_HEADER "U,110101001001,,,,,none,A,1,1,40,10,95,1\n"
                                              "W,110101001001,,,,,none,A,1,1,40,10,95,1\n"
                                              "D,110101002001,,,,,none,A,1,1,40,10,95,1\n";
    const char *members = MEMBER_HEADER "U,m1,1980,M,,completed,0,1,healthy,full\n"
                                        "W,m1,1980,M,,completed,0,1,healthy,full\n"
                                        "D,m1,1980,M,,completed,0,1,healthy,full\n";
    const char *incomes = "household_id,year,wage,business,property,transfer,medical_expense,"
                          "education_expense\n"
                          "U,2023,100000,0,0,0,0,0\nU,2024,101125,0,0,0,0,0\n"
                          "W,2023,100000,0,0,0,0,0\nW,2024,100005,0,0,0,0,0\n"
                          "D,2023,100000,0,0,0,0,0\nD,2024,98875,0,0,0,0,0\n";
    const char *villages = "village_code,name,region,population,water_scarce,paved_road,"
                           "electricity,clinic,broadband,collective_income\n"
                           "110101001001,V,east,100,0,1,1,1,1,0\n"
                           "110101002001,V2,east,100,0,1,1,1,1,0\n";
    const char *dir = write_dataset(villages, households, members, incomes, NULL);
    assert_non_null(dir);
    fupin_dataset *d = NULL;
    fupin_policy *p = NULL;
    fupin_evaluator *e = NULL;
    fupin_result *r = NULL;
    fupin_summary *s = NULL;
    FUPIN_OK_OR_FAIL(fupin_dataset_load(&d, dir, 0));
    FUPIN_OK_OR_FAIL(fupin_policy_builtin(&p, "national"));
    FUPIN_OK_OR_FAIL(fupin_evaluator_create(&e, p, 2024));
    FUPIN_OK_OR_FAIL(fupin_result_create(&r));
    FUPIN_OK_OR_FAIL(fupin_summary_create(&s));
    const fupin_village *v = fupin_dataset_village(d, 0);
    char line[4096];
    size_t len = 0;
    double g = 0;

    FUPIN_OK_OR_FAIL(fupin_evaluator_evaluate_household(e, fupin_village_household(v, 0), r));
    FUPIN_OK_OR_FAIL(fupin_result_figure(r, FUPIN_FIG_GROWTH, &g));
    assert_true(fabs(g - 1.13) < 1e-12);
    FUPIN_OK_OR_FAIL(fupin_result_figure(r, FUPIN_FIG_GAP_PP, &g));
    assert_true(fabs(g - -5.46) < 1e-12);
    FUPIN_OK_OR_FAIL(fupin_result_to_json(r, line, sizeof line, &len));
    assert_non_null(strstr(line, "\"growth\":1.13,"));
    assert_non_null(strstr(line, "\"gap_pp\":-5.46,"));

    FUPIN_OK_OR_FAIL(fupin_evaluator_evaluate_village(e, v, s));
    FUPIN_OK_OR_FAIL(fupin_summary_figure(s, FUPIN_VF_GROWTH, &g));
    assert_true(fabs(g - 0.57) < 1e-12);
    FUPIN_OK_OR_FAIL(fupin_summary_to_json(s, line, sizeof line, &len));
    assert_non_null(strstr(line, "\"growth\":0.57,"));

    const fupin_village *v2 = fupin_dataset_village(d, 1);
    FUPIN_OK_OR_FAIL(fupin_evaluator_evaluate_household(e, fupin_village_household(v2, 0), r));
    FUPIN_OK_OR_FAIL(fupin_result_figure(r, FUPIN_FIG_GROWTH, &g));
    assert_true(fabs(g - -1.13) < 1e-12);

    fupin_summary_free(s);
    fupin_result_free(r);
    fupin_evaluator_free(e);
    fupin_policy_free(p);
    fupin_dataset_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_R_I3_poverty_line_finer_than_a_fen_is_refused_not_rounded),
        cmocka_unit_test(test_R_I3_poverty_line_of_whole_fen_decides_exactly),
        cmocka_unit_test(test_R_I3_poverty_line_beyond_the_amount_range_is_refused),
        cmocka_unit_test(test_F1_strict_reports_the_leftmost_bad_column_exit_before_a_bad_monitor),
        cmocka_unit_test(
            test_F1_strict_reports_exit_without_registration_before_a_bad_monitor_since),
        cmocka_unit_test(test_R_V1_R_V5_exact_half_shares_round_away_from_zero),
        cmocka_unit_test(test_R_I4_R_I7_exact_half_percentages_round_away_from_zero),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
