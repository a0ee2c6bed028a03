/* Villages: the handle, its households, and the R-V1..R-V3 summary (black-box). */
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

static fupin_village *village(const char *region, const char *population)
{
    fupin_village *v = NULL;
    FUPIN_OK_OR_FAIL(fupin_village_create(&v, CODE, region));
    FUPIN_OK_OR_FAIL(fupin_village_set(v, "population", population));
    return v;
}

/* A household of `members` adults, everything met, 10000 yuan in 2024; registered poor
 * from reg (NULL: never) and exited in ex (NULL: not exited). */
static fupin_household *household(const char *id, int members, const char *reg, const char *ex)
{
    fupin_household *h = tu_household_ok(id, 2024, "10000");
    assert_non_null(h);
    for (int i = 1; i < members; i++) {
        char mid[16];
        snprintf(mid, sizeof mid, "m%d", i + 1);
        FUPIN_OK_OR_FAIL(fupin_household_add_member(h, mid, "1985"));
        FUPIN_OK_OR_FAIL(fupin_household_set_member(h, mid, "insured", "1"));
    }
    if (reg)
        FUPIN_OK_OR_FAIL(fupin_household_set(h, "registered_year", reg));
    if (ex)
        FUPIN_OK_OR_FAIL(fupin_household_set(h, "exit_year", ex));
    return h;
}

static void add(fupin_village *v, fupin_household *h)
{
    FUPIN_OK_OR_FAIL(fupin_village_add_household(v, h));
    fupin_household_free(h);
}

/* Evaluate v for 2024 under p; the caller frees the result. */
static fupin_summary *eval(const fupin_policy *p, const fupin_village *v, int32_t year)
{
    fupin_summary *r = NULL;
    FUPIN_OK_OR_FAIL(fupin_summary_create(&r));
    FUPIN_OK_OR_FAIL(fupin_village_evaluate(p, v, year, r));
    return r;
}

static int64_t count(const fupin_summary *r, int which)
{
    int64_t n = -99;
    FUPIN_OK_OR_FAIL(fupin_summary_count(r, which, &n));
    return n;
}

static void assert_reasons(const fupin_summary *r, const int *expect, size_t n)
{
    assert_int_equal(fupin_summary_reason_count(r), n);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(fupin_summary_reason(r, i), expect[i]);
}

/* ------------------------------------------------------------ the handle */

static void test_village_create_validates_code_and_region(void **state)
{
    (void)state;
    fupin_village *v = (fupin_village *)1;
    assert_int_equal(fupin_village_create(&v, "52010200100", "east"), FUPIN_EINVAL);
    assert_null(v);
    assert_int_equal(fupin_village_create(&v, "52010200100A", "east"), FUPIN_EINVAL);
    assert_int_equal(fupin_village_create(&v, CODE, "north"), FUPIN_EINVAL);
    assert_int_equal(fupin_village_create(&v, CODE, ""), FUPIN_EINVAL);
    assert_null(v);
    assert_int_equal(fupin_village_create(NULL, CODE, "east"), FUPIN_EINVAL);
    FUPIN_OK_OR_FAIL(fupin_village_create(&v, CODE, "west"));
    assert_string_equal(fupin_village_code(v), CODE);
    assert_string_equal(fupin_village_name(v), "");
    assert_int_equal(fupin_village_household_count(v), 0);
    assert_null(fupin_village_household(v, 0));
    assert_null(fupin_village_find(v, "H1"));
    fupin_village_free(v);
    fupin_village_free(NULL);
}

static void test_village_set_stores_name_and_rejects_bad_values_unchanged(void **state)
{
    (void)state;
    fupin_village *v = village("east", "100");
    FUPIN_OK_OR_FAIL(fupin_village_set(v, "name", "花溪村"));
    assert_string_equal(fupin_village_name(v), "花溪村");
    FUPIN_OK_OR_FAIL(fupin_village_set(v, "name", "Huaxi"));
    assert_string_equal(fupin_village_name(v), "Huaxi");
    FUPIN_OK_OR_FAIL(fupin_village_set(v, "name", NULL));
    assert_string_equal(fupin_village_name(v), "");
    assert_int_equal(fupin_village_set(v, "population", "0"), FUPIN_EINVAL);
    assert_int_equal(fupin_village_set(v, "population", "12a"), FUPIN_EINVAL);
    assert_int_equal(fupin_village_set(v, "region", ""), FUPIN_EINVAL);
    assert_int_equal(fupin_village_set(v, "water_scarce", ""), FUPIN_EINVAL);
    assert_int_equal(fupin_village_set(v, "paved_road", "2"), FUPIN_EINVAL);
    assert_int_equal(fupin_village_set(v, "collective_income", "1e3"), FUPIN_EINVAL);
    assert_int_equal(fupin_village_set(v, "colour", "red"), FUPIN_EINVAL);
    assert_int_equal(fupin_village_set(v, NULL, "1"), FUPIN_EINVAL);
    FUPIN_OK_OR_FAIL(fupin_village_set(v, "collective_income", "-12.5"));
    FUPIN_OK_OR_FAIL(fupin_village_set(v, "collective_income", ""));
    /* the rejected population left 100 in place */
    fupin_policy *p = national();
    fupin_summary *r = eval(p, v, 2024);
    assert_int_equal(count(r, FUPIN_VC_POPULATION), 100);
    fupin_summary_free(r);
    fupin_policy_free(p);
    fupin_village_free(v);
}

static void test_duplicate_household_id_is_rejected_and_nothing_changes(void **state)
{
    (void)state;
    fupin_village *v = village("east", "100");
    add(v, household("H1", 1, NULL, NULL));
    fupin_household *dup = household("H1", 2, NULL, NULL);
    assert_int_equal(fupin_village_add_household(v, dup), FUPIN_EEXIST);
    fupin_household_free(dup);
    assert_int_equal(fupin_village_household_count(v), 1);
    assert_int_equal(fupin_household_member_count(fupin_village_household(v, 0)), 1);
    assert_int_equal(fupin_village_add_household(v, NULL), FUPIN_EINVAL);
    fupin_village_free(v);
}

static void test_many_households_keep_their_order_and_records_after_growth(void **state)
{
    (void)state;
    fupin_village *v = village("east", "1000");
    char id[16];
    for (int i = 0; i < 50; i++) {
        snprintf(id, sizeof id, "H%02d", i);
        add(v, household(id, 1 + i % 3, NULL, NULL));
    }
    assert_int_equal(fupin_village_household_count(v), 50);
    for (int i = 0; i < 50; i++) {
        snprintf(id, sizeof id, "H%02d", i);
        const fupin_household *h = fupin_village_household(v, (size_t)i);
        assert_string_equal(fupin_household_id(h), id);
        assert_ptr_equal(fupin_village_find(v, id), h);
        assert_int_equal(fupin_household_member_count(h), (size_t)(1 + i % 3));
    }
    fupin_result *res = NULL;
    fupin_policy *p = national();
    FUPIN_OK_OR_FAIL(fupin_result_create(&res));
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(p, fupin_village_household(v, 0), 2024, res));
    assert_string_equal(fupin_result_village(res), CODE);
    fupin_result_free(res);
    fupin_policy_free(p);
    fupin_village_free(v);
}

static void test_village_household_is_an_independent_copy(void **state)
{
    (void)state;
    fupin_policy *p = national();
    fupin_village *v = village("east", "100");
    fupin_household *h = household("H1", 1, NULL, NULL);
    FUPIN_OK_OR_FAIL(fupin_village_add_household(v, h));
    /* change the caller's household after adding it, then free it */
    FUPIN_OK_OR_FAIL(fupin_household_set_income(h, 2024, "wage", "1"));
    FUPIN_OK_OR_FAIL(fupin_household_add_member(h, "m9", "1990"));
    fupin_household_free(h);
    fupin_result *res = NULL;
    FUPIN_OK_OR_FAIL(fupin_result_create(&res));
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(p, fupin_village_find(v, "H1"), 2024, res));
    int64_t fen = 0;
    FUPIN_OK_OR_FAIL(fupin_result_per_capita_fen(res, &fen));
    assert_int_equal(fen, 1000000);
    assert_int_equal(fupin_household_member_count(fupin_village_find(v, "H1")), 1);
    fupin_result_free(res);
    fupin_village_free(v);
    fupin_policy_free(p);
}

static void test_village_region_and_water_scarcity_reach_its_households(void **state)
{
    (void)state;
    fupin_policy *p = national();
    /* section 7: a west-only line makes the household's region observable */
    FUPIN_OK_OR_FAIL(fupin_policy_set(p, "poverty_line", "west", 0, 20000));
    fupin_village *v = village("east", "100");
    fupin_household *h = household("H1", 1, NULL, NULL);
    /* R-G6: 25 litres fails the plain 35 but passes the scarce 20 */
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "water_litres", "25"));
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "region", "west"));
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "water_scarce", "1"));
    add(v, h);
    fupin_result *res = NULL;
    FUPIN_OK_OR_FAIL(fupin_result_create(&res));
    const fupin_household *in = fupin_village_household(v, 0);
    /* the village's context (east, not scarce) replaced the household's own */
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(p, in, 2024, res));
    assert_int_equal(fupin_result_income_status(res), FUPIN_INCOME_ABOVE);
    assert_int_equal(fupin_result_dimension(res, FUPIN_DIM_WATER), FUPIN_STATUS_UNMET);
    FUPIN_OK_OR_FAIL(fupin_village_set(v, "region", "west"));
    FUPIN_OK_OR_FAIL(fupin_village_set(v, "water_scarce", "1"));
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(p, fupin_village_household(v, 0), 2024, res));
    assert_int_equal(fupin_result_income_status(res), FUPIN_INCOME_BELOW);
    assert_int_equal(fupin_result_dimension(res, FUPIN_DIM_WATER), FUPIN_STATUS_MET);
    fupin_result_free(res);
    fupin_village_free(v);
    fupin_policy_free(p);
}

/* ------------------------------------------------------------ R-V1, R-V2 */

/* A village of `poor` registered one-member households and one never-registered and
 * one exited household (neither counts as poor). */
static fupin_village *village_with_poor(const char *region, const char *population, int poor)
{
    fupin_village *v = village(region, population);
    char id[16];
    for (int i = 0; i < poor; i++) {
        snprintf(id, sizeof id, "P%d", i);
        add(v, household(id, 1, "2015", NULL));
    }
    add(v, household("N", 4, NULL, NULL));
    add(v, household("X", 5, "2015", "2020"));
    return v;
}

static void test_R_V1_R_V2_incidence_exactly_2_percent_is_eligible(void **state)
{
    (void)state;
    fupin_policy *p = national();
    fupin_village *v = village_with_poor("east", "100", 2);
    fupin_summary *r = eval(p, v, 2024);
    assert_string_equal(fupin_summary_code(r), CODE);
    assert_int_equal(fupin_summary_year(r), 2024);
    assert_int_equal(count(r, FUPIN_VC_POOR_POPULATION), 2);
    double inc = -1;
    FUPIN_OK_OR_FAIL(fupin_summary_figure(r, FUPIN_VF_INCIDENCE, &inc));
    assert_true(inc == 0.02);
    assert_int_equal(fupin_summary_exit_eligible(r), FUPIN_TRI_TRUE);
    assert_reasons(r, NULL, 0);
    fupin_summary_free(r);
    fupin_village_free(v);
    fupin_policy_free(p);
}

static void test_R_V2_one_person_above_2_percent_is_too_high(void **state)
{
    (void)state;
    fupin_policy *p = national();
    fupin_village *v = village_with_poor("east", "100", 3);
    fupin_summary *r = eval(p, v, 2024);
    assert_int_equal(count(r, FUPIN_VC_POOR_POPULATION), 3);
    assert_int_equal(fupin_summary_exit_eligible(r), FUPIN_TRI_FALSE);
    const int expect[] = {FUPIN_REASON_INCIDENCE_TOO_HIGH};
    assert_reasons(r, expect, 1);
    fupin_summary_free(r);
    /* 2 of 99 is 2.0202 %: just above the limit */
    fupin_village *v2 = village_with_poor("central", "99", 2);
    r = eval(p, v2, 2024);
    assert_int_equal(fupin_summary_exit_eligible(r), FUPIN_TRI_FALSE);
    double inc = 0;
    FUPIN_OK_OR_FAIL(fupin_summary_figure(r, FUPIN_VF_INCIDENCE, &inc));
    assert_true(inc == 0.0202);
    fupin_summary_free(r);
    fupin_village_free(v2);
    fupin_village_free(v);
    fupin_policy_free(p);
}

static void test_R_V2_western_village_exits_at_3_percent_not_above(void **state)
{
    (void)state;
    fupin_policy *p = national();
    fupin_village *v = village_with_poor("west", "100", 3);
    fupin_summary *r = eval(p, v, 2024);
    assert_int_equal(fupin_summary_exit_eligible(r), FUPIN_TRI_TRUE);
    fupin_summary_free(r);
    fupin_village_free(v);
    v = village_with_poor("west", "100", 4);
    r = eval(p, v, 2024);
    assert_int_equal(fupin_summary_exit_eligible(r), FUPIN_TRI_FALSE);
    fupin_summary_free(r);
    fupin_village_free(v);
    fupin_policy_free(p);
}

static void test_R_V1_R_V2_blank_population_gives_unknown_incidence_and_null_exit(void **state)
{
    (void)state;
    fupin_policy *p = national();
    fupin_village *v = village_with_poor("east", "", 0);
    fupin_summary *r = eval(p, v, 2024);
    int64_t n;
    double d;
    assert_int_equal(fupin_summary_count(r, FUPIN_VC_POPULATION, &n), FUPIN_ENULL);
    assert_int_equal(count(r, FUPIN_VC_POOR_POPULATION), 0);
    assert_int_equal(fupin_summary_figure(r, FUPIN_VF_INCIDENCE, &d), FUPIN_ENULL);
    assert_int_equal(fupin_summary_exit_eligible(r), FUPIN_TRI_NULL);
    const int expect[] = {FUPIN_REASON_INCIDENCE_UNKNOWN};
    assert_reasons(r, expect, 1);
    fupin_summary_free(r);
    fupin_village_free(v);
    fupin_policy_free(p);
}

static void test_R_V2_each_required_flag_zero_fails_blank_is_unknown_one_passes(void **state)
{
    (void)state;
    static const struct {
        const char *param, *flag;
        int no, unknown;
    } flags[4] = {
        {"village_require_paved_road", "paved_road", FUPIN_REASON_VILLAGE_NO_PAVED_ROAD,
         FUPIN_REASON_VILLAGE_UNKNOWN_PAVED_ROAD},
        {"village_require_electricity", "electricity", FUPIN_REASON_VILLAGE_NO_ELECTRICITY,
         FUPIN_REASON_VILLAGE_UNKNOWN_ELECTRICITY},
        {"village_require_clinic", "clinic", FUPIN_REASON_VILLAGE_NO_CLINIC,
         FUPIN_REASON_VILLAGE_UNKNOWN_CLINIC},
        {"village_require_broadband", "broadband", FUPIN_REASON_VILLAGE_NO_BROADBAND,
         FUPIN_REASON_VILLAGE_UNKNOWN_BROADBAND},
    };
    for (int i = 0; i < 4; i++) {
        fupin_policy *p = national();
        fupin_village *v = village_with_poor("east", "100", 1);
        fupin_summary *r;
        /* not required (the national default): a missing flag does not matter */
        FUPIN_OK_OR_FAIL(fupin_village_set(v, flags[i].flag, "0"));
        r = eval(p, v, 2024);
        assert_int_equal(fupin_summary_exit_eligible(r), FUPIN_TRI_TRUE);
        fupin_summary_free(r);

        FUPIN_OK_OR_FAIL(fupin_policy_set(p, flags[i].param, NULL, 0, 1));
        r = eval(p, v, 2024);
        assert_int_equal(fupin_summary_exit_eligible(r), FUPIN_TRI_FALSE);
        assert_reasons(r, &flags[i].no, 1);
        fupin_summary_free(r);

        FUPIN_OK_OR_FAIL(fupin_village_set(v, flags[i].flag, ""));
        r = eval(p, v, 2024);
        assert_int_equal(fupin_summary_exit_eligible(r), FUPIN_TRI_NULL);
        assert_reasons(r, &flags[i].unknown, 1);
        fupin_summary_free(r);

        FUPIN_OK_OR_FAIL(fupin_village_set(v, flags[i].flag, "1"));
        r = eval(p, v, 2024);
        assert_int_equal(fupin_summary_exit_eligible(r), FUPIN_TRI_TRUE);
        assert_reasons(r, NULL, 0);
        fupin_summary_free(r);

        /* a required flag set to 0 again in a later year's policy only */
        FUPIN_OK_OR_FAIL(fupin_policy_set(p, flags[i].param, NULL, 2025, 0));
        FUPIN_OK_OR_FAIL(fupin_village_set(v, flags[i].flag, "0"));
        r = eval(p, v, 2025);
        assert_int_equal(fupin_summary_exit_eligible(r), FUPIN_TRI_TRUE);
        fupin_summary_free(r);
        fupin_village_free(v);
        fupin_policy_free(p);
    }
}

static void test_R_V2_reasons_incidence_first_then_flags_in_order_any_failure_false(void **state)
{
    (void)state;
    fupin_policy *p = national();
    const char *req[] = {"village_require_paved_road", "village_require_electricity",
                         "village_require_clinic", "village_require_broadband"};
    for (int i = 0; i < 4; i++)
        FUPIN_OK_OR_FAIL(fupin_policy_set(p, req[i], NULL, 0, 1));
    fupin_village *v = village_with_poor("east", "100", 3);
    FUPIN_OK_OR_FAIL(fupin_village_set(v, "paved_road", "0"));
    FUPIN_OK_OR_FAIL(fupin_village_set(v, "electricity", ""));
    FUPIN_OK_OR_FAIL(fupin_village_set(v, "clinic", "0"));
    FUPIN_OK_OR_FAIL(fupin_village_set(v, "broadband", ""));
    fupin_summary *r = eval(p, v, 2024);
    const int expect[] = {FUPIN_REASON_INCIDENCE_TOO_HIGH, FUPIN_REASON_VILLAGE_NO_PAVED_ROAD,
                          FUPIN_REASON_VILLAGE_UNKNOWN_ELECTRICITY, FUPIN_REASON_VILLAGE_NO_CLINIC,
                          FUPIN_REASON_VILLAGE_UNKNOWN_BROADBAND};
    assert_int_equal(fupin_summary_exit_eligible(r), FUPIN_TRI_FALSE);
    assert_reasons(r, expect, 5);
    fupin_summary_free(r);

    /* unknown incidence with only unknown flags: null, unknown codes in order */
    FUPIN_OK_OR_FAIL(fupin_village_set(v, "population", ""));
    FUPIN_OK_OR_FAIL(fupin_village_set(v, "paved_road", "1"));
    FUPIN_OK_OR_FAIL(fupin_village_set(v, "clinic", "1"));
    r = eval(p, v, 2024);
    const int expect2[] = {FUPIN_REASON_INCIDENCE_UNKNOWN, FUPIN_REASON_VILLAGE_UNKNOWN_ELECTRICITY,
                           FUPIN_REASON_VILLAGE_UNKNOWN_BROADBAND};
    assert_int_equal(fupin_summary_exit_eligible(r), FUPIN_TRI_NULL);
    assert_reasons(r, expect2, 3);
    fupin_summary_free(r);

    /* unknown incidence and a failing flag: false */
    FUPIN_OK_OR_FAIL(fupin_village_set(v, "clinic", "0"));
    r = eval(p, v, 2024);
    assert_int_equal(fupin_summary_exit_eligible(r), FUPIN_TRI_FALSE);
    const int expect3[] = {FUPIN_REASON_INCIDENCE_UNKNOWN, FUPIN_REASON_VILLAGE_UNKNOWN_ELECTRICITY,
                           FUPIN_REASON_VILLAGE_NO_CLINIC, FUPIN_REASON_VILLAGE_UNKNOWN_BROADBAND};
    assert_reasons(r, expect3, 4);
    fupin_summary_free(r);
    fupin_village_free(v);
    fupin_policy_free(p);
}

static void test_R_V1_registered_household_of_unknown_size_makes_poor_population_null(void **state)
{
    (void)state;
    fupin_policy *p = national();
    fupin_village *v = village_with_poor("east", "100", 1);
    fupin_household *empty = NULL;
    FUPIN_OK_OR_FAIL(fupin_household_create(&empty, "E"));
    FUPIN_OK_OR_FAIL(fupin_household_set(empty, "registered_year", "2016"));
    add(v, empty); /* accepted, evaluates as incomplete (village.h) */
    fupin_summary *r = eval(p, v, 2024);
    int64_t n;
    double d;
    assert_int_equal(count(r, FUPIN_VC_HOUSEHOLDS), 4);
    assert_int_equal(fupin_summary_count(r, FUPIN_VC_POOR_POPULATION, &n), FUPIN_ENULL);
    assert_int_equal(fupin_summary_figure(r, FUPIN_VF_INCIDENCE, &d), FUPIN_ENULL);
    /* unknown poor population must not look like a pass */
    assert_int_equal(fupin_summary_exit_eligible(r), FUPIN_TRI_NULL);
    const int expect[] = {FUPIN_REASON_INCIDENCE_UNKNOWN};
    assert_reasons(r, expect, 1);
    fupin_summary_free(r);
    fupin_village_free(v);

    /* the known poor alone already exceed 2 %: too high although the total is unknown */
    v = village_with_poor("east", "100", 3);
    FUPIN_OK_OR_FAIL(fupin_household_create(&empty, "E"));
    FUPIN_OK_OR_FAIL(fupin_household_set(empty, "registered_year", "2016"));
    add(v, empty);
    r = eval(p, v, 2024);
    assert_int_equal(fupin_summary_exit_eligible(r), FUPIN_TRI_FALSE);
    const int expect2[] = {FUPIN_REASON_INCIDENCE_TOO_HIGH};
    assert_reasons(r, expect2, 1);
    fupin_summary_free(r);
    fupin_village_free(v);
    fupin_policy_free(p);
}

static void test_R_V1_household_registered_after_the_year_is_not_poor_yet(void **state)
{
    (void)state;
    fupin_policy *p = national();
    fupin_village *v = village("east", "100");
    add(v, household("A", 3, "2025", NULL));
    add(v, household("B", 2, "2024", "2025")); /* exits after Y: still poor in Y */
    fupin_summary *r = eval(p, v, 2024);
    assert_int_equal(count(r, FUPIN_VC_POOR_POPULATION), 2);
    assert_int_equal(fupin_summary_exit_eligible(r), FUPIN_TRI_TRUE);
    fupin_summary_free(r);
    fupin_village_free(v);
    fupin_policy_free(p);
}

/* ------------------------------------------------------------ R-V3 */

static void test_R_V3_counts_guarantee_statuses_and_household_in_error_as_unknown(void **state)
{
    (void)state;
    fupin_policy *p = national();
    fupin_village *v = village("east", "100");
    add(v, household("met", 1, NULL, NULL));
    fupin_household *h = household("unmet", 1, NULL, NULL);
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "food_secure", "0"));
    add(v, h);
    h = household("unknown", 1, NULL, NULL);
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "housing", ""));
    add(v, h);
    /* an input error (exit_year without registered_year) counts as unknown */
    h = household("bad", 1, NULL, NULL);
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "exit_year", "2020"));
    add(v, h);
    fupin_summary *r = eval(p, v, 2024);
    int64_t n;
    assert_int_equal(count(r, FUPIN_VC_HOUSEHOLDS), 4);
    assert_int_equal(count(r, FUPIN_VC_GUARANTEE_MET), 1);
    assert_int_equal(count(r, FUPIN_VC_GUARANTEE_UNMET), 1);
    assert_int_equal(count(r, FUPIN_VC_GUARANTEE_UNKNOWN), 2);
    assert_int_equal(count(r, FUPIN_VC_INCOME_KNOWN), 3);
    assert_int_equal(fupin_summary_count(r, FUPIN_VC_POOR_POPULATION, &n), FUPIN_ENULL);
    /* 2024 has a monitoring threshold: the alert counts exist */
    assert_int_equal(fupin_summary_count(r, FUPIN_VC_ALERT_NONE, &n), 0);
    assert_int_equal(fupin_summary_count(r, FUPIN_VC_MONITOR_ELIGIBLE, &n), 0);
    assert_int_equal(fupin_summary_count(r, 22, &n), FUPIN_EINVAL);
    assert_int_equal(fupin_summary_count(r, -1, &n), FUPIN_EINVAL);
    assert_int_equal(fupin_summary_count(r, 0, NULL), FUPIN_EINVAL);
    double d;
    assert_int_equal(fupin_summary_figure(r, 9, &d), FUPIN_EINVAL);
    assert_int_equal(fupin_summary_reason(r, 5), FUPIN_INVALID);
    fupin_summary_free(r);
    fupin_village_free(v);
    fupin_policy_free(p);
}

static void test_R_V3_alert_counts_are_null_in_a_year_without_threshold(void **state)
{
    (void)state;
    fupin_policy *p = national();
    fupin_village *v = village_with_poor("east", "100", 1);
    fupin_summary *r = eval(p, v, 2019);
    int64_t n;
    for (int which = FUPIN_VC_ALERT_NONE; which <= FUPIN_VC_MONITOR_ELIGIBLE; which++)
        assert_int_equal(fupin_summary_count(r, which, &n), FUPIN_ENULL);
    assert_int_equal(count(r, FUPIN_VC_HOUSEHOLDS), 3);
    assert_int_equal(count(r, FUPIN_VC_GUARANTEE_MET), 3);
    fupin_summary_free(r);
    fupin_village_free(v);
    fupin_policy_free(p);
}

static void test_village_without_households_still_has_a_result(void **state)
{
    (void)state;
    fupin_policy *p = national();
    fupin_village *v = village("east", "100");
    fupin_summary *r = eval(p, v, 2024);
    int64_t n;
    double d;
    assert_int_equal(count(r, FUPIN_VC_HOUSEHOLDS), 0);
    assert_int_equal(count(r, FUPIN_VC_POOR_POPULATION), 0);
    assert_int_equal(fupin_summary_exit_eligible(r), FUPIN_TRI_TRUE);
    assert_int_equal(count(r, FUPIN_VC_INCOME_KNOWN), 0);
    assert_int_equal(fupin_summary_figure(r, FUPIN_VF_PER_CAPITA, &d), FUPIN_ENULL);
    assert_int_equal(fupin_summary_figure(r, FUPIN_VF_GROWTH, &d), FUPIN_ENULL);
    assert_int_equal(fupin_summary_count(r, FUPIN_VC_SPAN_PANEL, &n), FUPIN_ENULL);
    fupin_summary_free(r);
    fupin_village_free(v);
    fupin_policy_free(p);
}

static void test_empty_village_result_reads_as_null(void **state)
{
    (void)state;
    fupin_summary *r = NULL;
    FUPIN_OK_OR_FAIL(fupin_summary_create(&r));
    int64_t n;
    double d;
    assert_int_equal(fupin_summary_exit_eligible(r), FUPIN_TRI_NULL);
    assert_int_equal(fupin_summary_count(r, FUPIN_VC_POPULATION, &n), FUPIN_ENULL);
    assert_int_equal(fupin_summary_figure(r, FUPIN_VF_INCIDENCE, &d), FUPIN_ENULL);
    assert_int_equal(fupin_summary_reason_count(r), 0);
    fupin_summary_free(r);
    fupin_summary_free(NULL);
    assert_int_equal(fupin_summary_create(NULL), FUPIN_EINVAL);
}

/* ------------------------------------------------------------ households to visit first */

/* One adult, everything met; per capita 10000 (none), 3000 (R-A1: severe) or 10000 with
 * 10000.01 of medical spending (R-A4 alone: warning). */
static fupin_household *at_level(const char *id, int level)
{
    fupin_household *h = tu_household_ok(id, 2024, level == FUPIN_ALERT_SEVERE ? "3000" : "10000");
    assert_non_null(h);
    if (level == FUPIN_ALERT_WARNING)
        FUPIN_OK_OR_FAIL(fupin_household_set_income(h, 2024, "medical_expense", "10000.01"));
    return h;
}

static void assert_visit(const fupin_summary *r, const int64_t *expect, size_t n)
{
    assert_int_equal(fupin_summary_visit_count(r), n);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(fupin_summary_visit(r, i), expect[i]);
    assert_int_equal(fupin_summary_visit(r, n), FUPIN_INVALID);
}

static void test_R_A10_visit_first_lists_severe_then_warning_each_in_village_order(void **state)
{
    (void)state;
    fupin_policy *p = national();
    fupin_village *v = village("east", "100");
    add(v, at_level("w1", FUPIN_ALERT_WARNING));
    add(v, at_level("s1", FUPIN_ALERT_SEVERE));
    add(v, at_level("n1", FUPIN_ALERT_NONE));
    add(v, at_level("w2", FUPIN_ALERT_WARNING));
    add(v, at_level("s2", FUPIN_ALERT_SEVERE));
    fupin_summary *r = eval(p, v, 2024);
    const int64_t expect[] = {1, 4, 0, 3};
    assert_visit(r, expect, 4);
    char json[4096];
    FUPIN_OK_OR_FAIL(fupin_summary_to_json(r, json, sizeof json, NULL));
    assert_non_null(strstr(json, ",\"visit_first\":[\"s1\",\"s2\",\"w1\",\"w2\"]}}"));
    fupin_summary_free(r);
    fupin_village_free(v);
    fupin_policy_free(p);
}

/* Every household at warning (the list fills the whole village), in a village larger
 * than the room a new result reserves, evaluated twice into the same result. */
static void test_R_A10_visit_first_when_every_household_needs_a_visit(void **state)
{
    (void)state;
    enum { N = 300 };
    fupin_policy *p = national();
    fupin_village *v = village("east", "1000");
    int64_t expect[N];
    for (int i = 0; i < N; i++) {
        char id[16];
        snprintf(id, sizeof id, "h%03d", i);
        add(v, at_level(id, FUPIN_ALERT_WARNING));
        expect[i] = i;
    }
    fupin_summary *r = eval(p, v, 2024);
    assert_visit(r, expect, N);
    FUPIN_OK_OR_FAIL(fupin_village_evaluate(p, v, 2024, r));
    assert_visit(r, expect, N);
    /* 2019 has no monitoring threshold: nobody is listed */
    FUPIN_OK_OR_FAIL(fupin_village_evaluate(p, v, 2019, r));
    assert_visit(r, expect, 0);
    fupin_summary_free(r);
    fupin_village_free(v);
    fupin_policy_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_village_create_validates_code_and_region),
        cmocka_unit_test(test_village_set_stores_name_and_rejects_bad_values_unchanged),
        cmocka_unit_test(test_duplicate_household_id_is_rejected_and_nothing_changes),
        cmocka_unit_test(test_many_households_keep_their_order_and_records_after_growth),
        cmocka_unit_test(test_village_household_is_an_independent_copy),
        cmocka_unit_test(test_village_region_and_water_scarcity_reach_its_households),
        cmocka_unit_test(test_R_V1_R_V2_incidence_exactly_2_percent_is_eligible),
        cmocka_unit_test(test_R_V2_one_person_above_2_percent_is_too_high),
        cmocka_unit_test(test_R_V2_western_village_exits_at_3_percent_not_above),
        cmocka_unit_test(test_R_V1_R_V2_blank_population_gives_unknown_incidence_and_null_exit),
        cmocka_unit_test(test_R_V2_each_required_flag_zero_fails_blank_is_unknown_one_passes),
        cmocka_unit_test(test_R_V2_reasons_incidence_first_then_flags_in_order_any_failure_false),
        cmocka_unit_test(test_R_V1_registered_household_of_unknown_size_makes_poor_population_null),
        cmocka_unit_test(test_R_V1_household_registered_after_the_year_is_not_poor_yet),
        cmocka_unit_test(test_R_V3_counts_guarantee_statuses_and_household_in_error_as_unknown),
        cmocka_unit_test(test_R_V3_alert_counts_are_null_in_a_year_without_threshold),
        cmocka_unit_test(test_village_without_households_still_has_a_result),
        cmocka_unit_test(test_empty_village_result_reads_as_null),
        cmocka_unit_test(test_R_A10_visit_first_lists_severe_then_warning_each_in_village_order),
        cmocka_unit_test(test_R_A10_visit_first_when_every_household_needs_a_visit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
