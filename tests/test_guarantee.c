/* R-G1..R-G7 at their boundaries, with the built-in national policy (black-box).
 * Evaluation year 2024: school ages 6..15 counted on 31 August 2024; water 35 L
 * (scarce 20 L), 20 minutes, 90 %. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

/* struct fx, setup and teardown: tests/util.h (the national policy and a result) */

/* Every guarantee met: one insured adult, housing A, water 60 L / 0 min / 95 % / ok. */
static fupin_household *base(void)
{
    fupin_household *h = tu_household_ok("G1", 2024, "20000");
    assert_non_null(h);
    return h;
}

static const fupin_result *eval(struct fx *f, const fupin_household *h)
{
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(f->policy, h, 2024, f->r));
    return f->r;
}

/* Assert the R-G7 reason list: n codes, in this order. */
static void assert_reasons(const fupin_result *r, size_t n, ...)
{
    va_list ap;
    size_t got = fupin_result_reason_count(r, FUPIN_LIST_GUARANTEE);
    char list[512] = "";
    for (size_t i = 0; i < got; i++) {
        strcat(list, " ");
        strcat(list, fupin_reason_name(fupin_result_reason(r, FUPIN_LIST_GUARANTEE, i)));
    }
    if (got != n)
        fail_msg("expected %zu reasons, got %zu:%s", n, got, list);
    va_start(ap, n);
    for (size_t i = 0; i < n; i++) {
        int want = va_arg(ap, int);
        if (fupin_result_reason(r, FUPIN_LIST_GUARANTEE, i) != want)
            fail_msg("reason %zu: expected %s, got:%s", i, fupin_reason_name(want), list);
    }
    va_end(ap);
}

static void set(fupin_household *h, const char *field, const char *value)
{
    if (fupin_household_set(h, field, value))
        fail_msg("set %s=%s: %s", field, value ? value : "(null)", fupin_last_error());
}

static void add_child(fupin_household *h, const char *id, const char *birth, const char *school)
{
    FUPIN_OK_OR_FAIL(fupin_household_add_member(h, id, birth));
    FUPIN_OK_OR_FAIL(fupin_household_set_member(h, id, "insured", "1"));
    FUPIN_OK_OR_FAIL(fupin_household_set_member(h, id, "school", school));
}

static void test_baseline_household_meets_every_guarantee(void **state)
{
    struct fx *f = *state;
    fupin_household *h = base();
    const fupin_result *r = eval(f, h);
    assert_int_equal(fupin_result_guarantee(r), FUPIN_STATUS_MET);
    for (int d = 0; d < FUPIN_DIM_COUNT; d++)
        assert_int_equal(fupin_result_dimension(r, d), FUPIN_STATUS_MET);
    assert_reasons(r, 0);
    fupin_household_free(h);
}

/* ------------------------------------------------------------ R-G1, R-G2 */

static void test_R_G1_R_G2_food_and_clothing_one_zero_blank(void **state)
{
    struct fx *f = *state;
    static const struct {
        const char *field;
        int dim, unmet, unknown;
    } d[] = {
        {"food_secure", FUPIN_DIM_FOOD, FUPIN_REASON_FOOD_INSECURE, FUPIN_REASON_FOOD_UNKNOWN},
        {"clothing_secure", FUPIN_DIM_CLOTHING, FUPIN_REASON_CLOTHING_INSECURE,
         FUPIN_REASON_CLOTHING_UNKNOWN},
    };
    for (size_t i = 0; i < 2; i++) {
        fupin_household *h = base();
        set(h, d[i].field, "1");
        const fupin_result *r = eval(f, h);
        assert_int_equal(fupin_result_dimension(r, d[i].dim), FUPIN_STATUS_MET);
        set(h, d[i].field, "0");
        r = eval(f, h);
        assert_int_equal(fupin_result_dimension(r, d[i].dim), FUPIN_STATUS_UNMET);
        assert_int_equal(fupin_result_guarantee(r), FUPIN_STATUS_UNMET);
        assert_reasons(r, 1, d[i].unmet);
        set(h, d[i].field, "");
        r = eval(f, h);
        assert_int_equal(fupin_result_dimension(r, d[i].dim), FUPIN_STATUS_UNKNOWN);
        assert_int_equal(fupin_result_guarantee(r), FUPIN_STATUS_UNKNOWN);
        assert_reasons(r, 1, d[i].unknown);
        fupin_household_free(h);
    }
}

/* ------------------------------------------------------------ R-G3 */

/* Education status of the base household plus one child. */
static int edu_with_child(struct fx *f, const char *birth, const char *school)
{
    fupin_household *h = base();
    add_child(h, "c", birth, school);
    int st = fupin_result_dimension(eval(f, h), FUPIN_DIM_EDUCATION);
    fupin_household_free(h);
    return st;
}

static void test_R_G3_child_aged_exactly_6_on_cutoff_is_concerned(void **state)
{
    struct fx *f = *state;
    /* born 2018-08-31: 6 on 31 August 2024 */
    assert_int_equal(edu_with_child(f, "2018-08-31", "dropout"), FUPIN_STATUS_UNMET);
    assert_int_equal(edu_with_child(f, "2018-08-31", ""), FUPIN_STATUS_UNKNOWN);
    assert_int_equal(edu_with_child(f, "2018-08-31", "enrolled"), FUPIN_STATUS_MET);
}

static void test_R_G3_child_born_one_day_later_aged_5_is_not_concerned(void **state)
{
    struct fx *f = *state;
    assert_int_equal(edu_with_child(f, "2018-09-01", "dropout"), FUPIN_STATUS_MET);
    assert_int_equal(edu_with_child(f, "2018-09-01", "none"), FUPIN_STATUS_MET);
    assert_int_equal(edu_with_child(f, "2018-09-01", ""), FUPIN_STATUS_MET);
}

static void test_R_G3_child_aged_15_on_cutoff_who_dropped_out_fails_education(void **state)
{
    struct fx *f = *state;
    /* born 2008-09-01: still 15 on 31 August 2024 (16 the next day) */
    assert_int_equal(edu_with_child(f, "2008-09-01", "dropout"), FUPIN_STATUS_UNMET);
    assert_int_equal(edu_with_child(f, "2008-09-01", ""), FUPIN_STATUS_UNKNOWN);
}

static void test_R_G3_child_born_one_day_earlier_aged_16_is_not_concerned(void **state)
{
    struct fx *f = *state;
    /* born 2008-08-31: 16 on 31 August 2024 */
    assert_int_equal(edu_with_child(f, "2008-08-31", "dropout"), FUPIN_STATUS_MET);
    assert_int_equal(edu_with_child(f, "2008-08-31", ""), FUPIN_STATUS_MET);
}

static void test_R_G3_every_school_value_of_a_concerned_child(void **state)
{
    struct fx *f = *state;
    static const struct {
        const char *school;
        int status;
        int reason; /* 0: no reason */
    } v[] = {
        {"enrolled", FUPIN_STATUS_MET, 0},
        {"home_tuition", FUPIN_STATUS_MET, 0},
        {"exempt", FUPIN_STATUS_MET, 0},
        {"completed", FUPIN_STATUS_MET, 0},
        {"dropout", FUPIN_STATUS_UNMET, FUPIN_REASON_EDU_DROPOUT},
        {"none", FUPIN_STATUS_UNMET, FUPIN_REASON_EDU_DROPOUT},
        {"", FUPIN_STATUS_UNKNOWN, FUPIN_REASON_EDU_UNKNOWN},
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        fupin_household *h = base();
        add_child(h, "c", "2014-01-10", v[i].school); /* aged 10 */
        const fupin_result *r = eval(f, h);
        if (fupin_result_dimension(r, FUPIN_DIM_EDUCATION) != v[i].status)
            fail_msg("school \"%s\": education %d, expected %d", v[i].school,
                     fupin_result_dimension(r, FUPIN_DIM_EDUCATION), v[i].status);
        assert_int_equal(fupin_result_guarantee(r), v[i].status);
        if (v[i].reason)
            assert_reasons(r, 1, v[i].reason);
        else
            assert_reasons(r, 0);
        fupin_household_free(h);
    }
}

static void test_R_G3_completed_is_accepted_at_any_age(void **state)
{
    struct fx *f = *state;
    assert_int_equal(edu_with_child(f, "2012-03-01", "completed"), FUPIN_STATUS_MET); /* 12 */
    assert_int_equal(edu_with_child(f, "2018-08-31", "completed"), FUPIN_STATUS_MET); /* 6 */
}

static void test_R_G3_dropout_and_blank_children_give_EDU_DROPOUT_only(void **state)
{
    struct fx *f = *state;
    fupin_household *h = base();
    add_child(h, "c1", "2014-01-10", "");
    add_child(h, "c2", "2012-05-05", "dropout");
    add_child(h, "c3", "2016-05-05", "");
    const fupin_result *r = eval(f, h);
    assert_int_equal(fupin_result_dimension(r, FUPIN_DIM_EDUCATION), FUPIN_STATUS_UNMET);
    assert_int_equal(fupin_result_guarantee(r), FUPIN_STATUS_UNMET);
    assert_reasons(r, 1, FUPIN_REASON_EDU_DROPOUT);
    fupin_household_free(h);
}

static void test_R_G3_adult_without_school_status_is_not_concerned(void **state)
{
    struct fx *f = *state;
    /* the base adult (born 1980) has a blank school status */
    fupin_household *h = base();
    FUPIN_OK_OR_FAIL(fupin_household_set_member(h, "m1", "school", "dropout"));
    assert_int_equal(fupin_result_dimension(eval(f, h), FUPIN_DIM_EDUCATION), FUPIN_STATUS_MET);
    fupin_household_free(h);
}

/* Education status with a dropout child under a policy cut-off day month/day. */
static int edu_cutoff(struct fx *f, int month, int day, const char *birth)
{
    fupin_policy *p = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_copy(&p, f->policy));
    FUPIN_OK_OR_FAIL(fupin_policy_set(p, "school_age_month", NULL, 0, month));
    FUPIN_OK_OR_FAIL(fupin_policy_set(p, "school_age_day", NULL, 0, day));
    fupin_household *h = base();
    add_child(h, "c", birth, "dropout");
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(p, h, 2024, f->r));
    int st = fupin_result_dimension(f->r, FUPIN_DIM_EDUCATION);
    fupin_household_free(h);
    fupin_policy_free(p);
    return st;
}

static void test_R_G3_birth_given_as_year_is_taken_as_1_july(void **state)
{
    struct fx *f = *state;
    /* "2018" = 2018-07-01: 6 on 1 July 2024 (concerned), 5 on 30 June 2024 (not) */
    assert_int_equal(edu_cutoff(f, 7, 1, "2018"), FUPIN_STATUS_UNMET);
    assert_int_equal(edu_cutoff(f, 6, 30, "2018"), FUPIN_STATUS_MET);
    /* upper end: "2008" = 2008-07-01: 16 on 1 July 2024 (not), 15 on 30 June (concerned) */
    assert_int_equal(edu_cutoff(f, 7, 1, "2008"), FUPIN_STATUS_MET);
    assert_int_equal(edu_cutoff(f, 6, 30, "2008"), FUPIN_STATUS_UNMET);
    /* with the national 31 August cut-off: "2018" is 6, "2019" is 5, "2009" 15, "2008" 16 */
    assert_int_equal(edu_with_child(f, "2018", "dropout"), FUPIN_STATUS_UNMET);
    assert_int_equal(edu_with_child(f, "2019", "dropout"), FUPIN_STATUS_MET);
    assert_int_equal(edu_with_child(f, "2009", "dropout"), FUPIN_STATUS_UNMET);
    assert_int_equal(edu_with_child(f, "2008", "dropout"), FUPIN_STATUS_MET);
}

static void test_R_G3_birth_given_as_month_is_taken_as_the_15th(void **state)
{
    struct fx *f = *state;
    /* "2018-08" = 2018-08-15: 6 on 15 August 2024, 5 on 14 August */
    assert_int_equal(edu_cutoff(f, 8, 15, "2018-08"), FUPIN_STATUS_UNMET);
    assert_int_equal(edu_cutoff(f, 8, 14, "2018-08"), FUPIN_STATUS_MET);
    /* "2008-08" = 2008-08-15: 16 on 15 August 2024, 15 on 14 August */
    assert_int_equal(edu_cutoff(f, 8, 15, "2008-08"), FUPIN_STATUS_MET);
    assert_int_equal(edu_cutoff(f, 8, 14, "2008-08"), FUPIN_STATUS_UNMET);
    /* national cut-off 31 August: "2018-09" is 5, "2008-09" is 15, "2008-08" is 16 */
    assert_int_equal(edu_with_child(f, "2018-09", "dropout"), FUPIN_STATUS_MET);
    assert_int_equal(edu_with_child(f, "2008-09", "dropout"), FUPIN_STATUS_UNMET);
    assert_int_equal(edu_with_child(f, "2008-08", "dropout"), FUPIN_STATUS_MET);
}

static void test_R_G3_school_age_max_changed_by_policy_changes_the_result(void **state)
{
    struct fx *f = *state;
    fupin_household *h = base();
    add_child(h, "c", "2009-01-01", "dropout"); /* 15 on 31 August 2024 */
    assert_int_equal(fupin_result_dimension(eval(f, h), FUPIN_DIM_EDUCATION), FUPIN_STATUS_UNMET);
    fupin_policy *p = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_copy(&p, f->policy));
    FUPIN_OK_OR_FAIL(fupin_policy_set(p, "school_age_max", NULL, 0, 14));
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(p, h, 2024, f->r));
    assert_int_equal(fupin_result_dimension(f->r, FUPIN_DIM_EDUCATION), FUPIN_STATUS_MET);
    assert_int_equal(fupin_result_guarantee(f->r), FUPIN_STATUS_MET);
    /* a dated entry only from 2025: 2024 still uses 15 */
    fupin_policy_free(p);
    FUPIN_OK_OR_FAIL(fupin_policy_copy(&p, f->policy));
    FUPIN_OK_OR_FAIL(fupin_policy_set(p, "school_age_max", NULL, 2025, 14));
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(p, h, 2024, f->r));
    assert_int_equal(fupin_result_dimension(f->r, FUPIN_DIM_EDUCATION), FUPIN_STATUS_UNMET);
    /* and the original policy is untouched by the copy's change */
    assert_int_equal(fupin_result_dimension(eval(f, h), FUPIN_DIM_EDUCATION), FUPIN_STATUS_UNMET);
    fupin_policy_free(p);
    fupin_household_free(h);
}

/* ------------------------------------------------------------ R-G4 */

static void test_R_G4_insured_across_members(void **state)
{
    struct fx *f = *state;
    static const struct {
        const char *a, *b;
        int status, reason;
    } v[] = {
        {"1", "1", FUPIN_STATUS_MET, 0},
        {"1", "0", FUPIN_STATUS_UNMET, FUPIN_REASON_MED_UNINSURED},
        {"0", "1", FUPIN_STATUS_UNMET, FUPIN_REASON_MED_UNINSURED},
        {"1", "", FUPIN_STATUS_UNKNOWN, FUPIN_REASON_MED_UNKNOWN},
        {"", "", FUPIN_STATUS_UNKNOWN, FUPIN_REASON_MED_UNKNOWN},
        {"0", "", FUPIN_STATUS_UNMET, FUPIN_REASON_MED_UNINSURED},
        {"", "0", FUPIN_STATUS_UNMET, FUPIN_REASON_MED_UNINSURED},
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        fupin_household *h = base();
        FUPIN_OK_OR_FAIL(fupin_household_add_member(h, "m2", "1985"));
        FUPIN_OK_OR_FAIL(fupin_household_set_member(h, "m1", "insured", v[i].a));
        FUPIN_OK_OR_FAIL(fupin_household_set_member(h, "m2", "insured", v[i].b));
        const fupin_result *r = eval(f, h);
        if (fupin_result_dimension(r, FUPIN_DIM_MEDICAL) != v[i].status)
            fail_msg("insured \"%s\",\"%s\": medical %d, expected %d", v[i].a, v[i].b,
                     fupin_result_dimension(r, FUPIN_DIM_MEDICAL), v[i].status);
        if (v[i].reason)
            assert_reasons(r, 1, v[i].reason);
        else
            assert_reasons(r, 0);
        fupin_household_free(h);
    }
}

/* ------------------------------------------------------------ R-G5 */

static void test_R_G5_every_housing_value(void **state)
{
    struct fx *f = *state;
    static const struct {
        const char *housing;
        int status, reason;
    } v[] = {
        {"A", FUPIN_STATUS_MET, 0},
        {"B", FUPIN_STATUS_MET, 0},
        {"relocated", FUPIN_STATUS_MET, 0},
        {"C", FUPIN_STATUS_UNMET, FUPIN_REASON_HOUSING_UNSAFE},
        {"D", FUPIN_STATUS_UNMET, FUPIN_REASON_HOUSING_UNSAFE},
        {"none", FUPIN_STATUS_UNMET, FUPIN_REASON_HOUSING_UNSAFE},
        {"", FUPIN_STATUS_UNKNOWN, FUPIN_REASON_HOUSING_UNKNOWN},
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        fupin_household *h = base();
        set(h, "housing", v[i].housing);
        const fupin_result *r = eval(f, h);
        assert_int_equal(fupin_result_dimension(r, FUPIN_DIM_HOUSING), v[i].status);
        assert_int_equal(fupin_result_guarantee(r), v[i].status);
        if (v[i].reason)
            assert_reasons(r, 1, v[i].reason);
        else
            assert_reasons(r, 0);
        fupin_household_free(h);
    }
}

/* ------------------------------------------------------------ R-G6 */

/* Water status of the base household with one water field changed. */
static int water(struct fx *f, const char *scarce, const char *field, const char *value,
                 int *reason)
{
    fupin_household *h = base();
    set(h, "water_scarce", scarce);
    set(h, field, value);
    const fupin_result *r = eval(f, h);
    int st = fupin_result_dimension(r, FUPIN_DIM_WATER);
    *reason = fupin_result_reason_count(r, FUPIN_LIST_GUARANTEE) == 1
                  ? fupin_result_reason(r, FUPIN_LIST_GUARANTEE, 0)
                  : (int)fupin_result_reason_count(r, FUPIN_LIST_GUARANTEE) * -1;
    fupin_household_free(h);
    return st;
}

static void test_R_G6_each_indicator_at_its_threshold_and_just_past_it(void **state)
{
    struct fx *f = *state;
    static const struct {
        const char *scarce, *field, *value;
        int status, reason; /* reason 0: none (count 0) */
    } v[] = {
        {"0", "water_litres", "35", FUPIN_STATUS_MET, 0},
        {"0", "water_litres", "35.00", FUPIN_STATUS_MET, 0},
        {"0", "water_litres", "34.99", FUPIN_STATUS_UNMET, FUPIN_REASON_WATER_QUANTITY},
        {"0", "water_litres", "20", FUPIN_STATUS_UNMET, FUPIN_REASON_WATER_QUANTITY},
        {"0", "water_litres", "", FUPIN_STATUS_UNKNOWN, FUPIN_REASON_WATER_UNKNOWN},
        {"1", "water_litres", "20", FUPIN_STATUS_MET, 0},
        {"1", "water_litres", "19.99", FUPIN_STATUS_UNMET, FUPIN_REASON_WATER_QUANTITY},
        {"0", "water_minutes", "20", FUPIN_STATUS_MET, 0},
        {"0", "water_minutes", "0", FUPIN_STATUS_MET, 0},
        {"0", "water_minutes", "20.01", FUPIN_STATUS_UNMET, FUPIN_REASON_WATER_ACCESS},
        {"1", "water_minutes", "20", FUPIN_STATUS_MET, 0},
        {"1", "water_minutes", "20.01", FUPIN_STATUS_UNMET, FUPIN_REASON_WATER_ACCESS},
        {"0", "water_minutes", "", FUPIN_STATUS_UNKNOWN, FUPIN_REASON_WATER_UNKNOWN},
        {"0", "water_supply_rate", "90", FUPIN_STATUS_MET, 0},
        {"0", "water_supply_rate", "100", FUPIN_STATUS_MET, 0},
        {"0", "water_supply_rate", "89.99", FUPIN_STATUS_UNMET, FUPIN_REASON_WATER_SUPPLY},
        {"1", "water_supply_rate", "89.99", FUPIN_STATUS_UNMET, FUPIN_REASON_WATER_SUPPLY},
        {"0", "water_supply_rate", "", FUPIN_STATUS_UNKNOWN, FUPIN_REASON_WATER_UNKNOWN},
        {"0", "water_quality_ok", "1", FUPIN_STATUS_MET, 0},
        {"0", "water_quality_ok", "0", FUPIN_STATUS_UNMET, FUPIN_REASON_WATER_QUALITY},
        {"0", "water_quality_ok", "", FUPIN_STATUS_UNKNOWN, FUPIN_REASON_WATER_UNKNOWN},
        /* water_scarce unknown: decided only where both thresholds agree */
        {"", "water_litres", "35", FUPIN_STATUS_MET, 0},
        {"", "water_litres", "34.99", FUPIN_STATUS_UNKNOWN, FUPIN_REASON_WATER_UNKNOWN},
        {"", "water_litres", "20", FUPIN_STATUS_UNKNOWN, FUPIN_REASON_WATER_UNKNOWN},
        {"", "water_litres", "19.99", FUPIN_STATUS_UNMET, FUPIN_REASON_WATER_QUANTITY},
        {"", "water_minutes", "20", FUPIN_STATUS_MET, 0},
        {"", "water_minutes", "20.01", FUPIN_STATUS_UNMET, FUPIN_REASON_WATER_ACCESS},
        {"", "water_supply_rate", "89.99", FUPIN_STATUS_UNMET, FUPIN_REASON_WATER_SUPPLY},
        {"", "water_supply_rate", "90", FUPIN_STATUS_MET, 0},
    };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        int reason;
        int st = water(f, v[i].scarce, v[i].field, v[i].value, &reason);
        if (st != v[i].status || reason != v[i].reason)
            fail_msg("scarce \"%s\" %s=\"%s\": water %d reason %d, expected %d reason %d",
                     v[i].scarce, v[i].field, v[i].value, st, reason, v[i].status, v[i].reason);
    }
}

static void test_R_G6_several_failing_indicators_give_their_codes_in_order(void **state)
{
    struct fx *f = *state;
    fupin_household *h = base();
    set(h, "water_quality_ok", "0");
    set(h, "water_supply_rate", "10");
    set(h, "water_minutes", "45");
    set(h, "water_litres", "5");
    const fupin_result *r = eval(f, h);
    assert_int_equal(fupin_result_dimension(r, FUPIN_DIM_WATER), FUPIN_STATUS_UNMET);
    assert_reasons(r, 4, FUPIN_REASON_WATER_QUANTITY, FUPIN_REASON_WATER_ACCESS,
                   FUPIN_REASON_WATER_SUPPLY, FUPIN_REASON_WATER_QUALITY);
    set(h, "water_litres", "35");
    set(h, "water_supply_rate", "90");
    r = eval(f, h);
    assert_reasons(r, 2, FUPIN_REASON_WATER_ACCESS, FUPIN_REASON_WATER_QUALITY);
    fupin_household_free(h);
}

static void test_R_G6_failing_plus_unknown_indicator_gives_only_the_failing_code(void **state)
{
    struct fx *f = *state;
    fupin_household *h = base();
    set(h, "water_litres", "");
    set(h, "water_quality_ok", "0");
    const fupin_result *r = eval(f, h);
    assert_int_equal(fupin_result_dimension(r, FUPIN_DIM_WATER), FUPIN_STATUS_UNMET);
    assert_reasons(r, 1, FUPIN_REASON_WATER_QUALITY);
    /* every indicator unknown: one WATER_UNKNOWN */
    set(h, "water_quality_ok", "");
    set(h, "water_minutes", "");
    set(h, "water_supply_rate", "");
    r = eval(f, h);
    assert_int_equal(fupin_result_dimension(r, FUPIN_DIM_WATER), FUPIN_STATUS_UNKNOWN);
    assert_reasons(r, 1, FUPIN_REASON_WATER_UNKNOWN);
    fupin_household_free(h);
}

/* ------------------------------------------------------------ R-G7 */

static void test_R_G7_every_dimension_unmet_gives_reasons_in_table_order(void **state)
{
    struct fx *f = *state;
    fupin_household *h = base();
    set(h, "water_supply_rate", "50");
    set(h, "housing", "D");
    FUPIN_OK_OR_FAIL(fupin_household_set_member(h, "m1", "insured", "0"));
    add_child(h, "c", "2014-01-10", "dropout");
    set(h, "clothing_secure", "0");
    set(h, "food_secure", "0");
    set(h, "water_litres", "1");
    const fupin_result *r = eval(f, h);
    assert_int_equal(fupin_result_guarantee(r), FUPIN_STATUS_UNMET);
    for (int d = 0; d < FUPIN_DIM_COUNT; d++)
        assert_int_equal(fupin_result_dimension(r, d), FUPIN_STATUS_UNMET);
    assert_reasons(r, 7, FUPIN_REASON_FOOD_INSECURE, FUPIN_REASON_CLOTHING_INSECURE,
                   FUPIN_REASON_EDU_DROPOUT, FUPIN_REASON_MED_UNINSURED,
                   FUPIN_REASON_HOUSING_UNSAFE, FUPIN_REASON_WATER_QUANTITY,
                   FUPIN_REASON_WATER_SUPPLY);
    fupin_household_free(h);
}

static void test_R_G7_every_dimension_unknown_gives_unknown_codes_in_table_order(void **state)
{
    struct fx *f = *state;
    fupin_household *h = base();
    set(h, "water_quality_ok", "");
    set(h, "housing", "");
    FUPIN_OK_OR_FAIL(fupin_household_set_member(h, "m1", "insured", ""));
    add_child(h, "c", "2014-01-10", "");
    set(h, "clothing_secure", "");
    set(h, "food_secure", "");
    const fupin_result *r = eval(f, h);
    assert_int_equal(fupin_result_guarantee(r), FUPIN_STATUS_UNKNOWN);
    assert_reasons(r, 6, FUPIN_REASON_FOOD_UNKNOWN, FUPIN_REASON_CLOTHING_UNKNOWN,
                   FUPIN_REASON_EDU_UNKNOWN, FUPIN_REASON_MED_UNKNOWN, FUPIN_REASON_HOUSING_UNKNOWN,
                   FUPIN_REASON_WATER_UNKNOWN);
    fupin_household_free(h);
}

static void test_R_G7_mixed_unmet_and_unknown_is_unmet_with_both_kinds_in_order(void **state)
{
    struct fx *f = *state;
    fupin_household *h = base();
    set(h, "food_secure", "");
    set(h, "clothing_secure", "0");
    add_child(h, "c", "2014-01-10", "");
    set(h, "housing", "none");
    set(h, "water_minutes", "");
    const fupin_result *r = eval(f, h);
    assert_int_equal(fupin_result_guarantee(r), FUPIN_STATUS_UNMET);
    assert_int_equal(fupin_result_dimension(r, FUPIN_DIM_MEDICAL), FUPIN_STATUS_MET);
    assert_reasons(r, 5, FUPIN_REASON_FOOD_UNKNOWN, FUPIN_REASON_CLOTHING_INSECURE,
                   FUPIN_REASON_EDU_UNKNOWN, FUPIN_REASON_HOUSING_UNSAFE,
                   FUPIN_REASON_WATER_UNKNOWN);
    fupin_household_free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_baseline_household_meets_every_guarantee),
        cmocka_unit_test(test_R_G1_R_G2_food_and_clothing_one_zero_blank),
        cmocka_unit_test(test_R_G3_child_aged_exactly_6_on_cutoff_is_concerned),
        cmocka_unit_test(test_R_G3_child_born_one_day_later_aged_5_is_not_concerned),
        cmocka_unit_test(test_R_G3_child_aged_15_on_cutoff_who_dropped_out_fails_education),
        cmocka_unit_test(test_R_G3_child_born_one_day_earlier_aged_16_is_not_concerned),
        cmocka_unit_test(test_R_G3_every_school_value_of_a_concerned_child),
        cmocka_unit_test(test_R_G3_completed_is_accepted_at_any_age),
        cmocka_unit_test(test_R_G3_dropout_and_blank_children_give_EDU_DROPOUT_only),
        cmocka_unit_test(test_R_G3_adult_without_school_status_is_not_concerned),
        cmocka_unit_test(test_R_G3_birth_given_as_year_is_taken_as_1_july),
        cmocka_unit_test(test_R_G3_birth_given_as_month_is_taken_as_the_15th),
        cmocka_unit_test(test_R_G3_school_age_max_changed_by_policy_changes_the_result),
        cmocka_unit_test(test_R_G4_insured_across_members),
        cmocka_unit_test(test_R_G5_every_housing_value),
        cmocka_unit_test(test_R_G6_each_indicator_at_its_threshold_and_just_past_it),
        cmocka_unit_test(test_R_G6_several_failing_indicators_give_their_codes_in_order),
        cmocka_unit_test(test_R_G6_failing_plus_unknown_indicator_gives_only_the_failing_code),
        cmocka_unit_test(test_R_G7_every_dimension_unmet_gives_reasons_in_table_order),
        cmocka_unit_test(test_R_G7_every_dimension_unknown_gives_unknown_codes_in_table_order),
        cmocka_unit_test(test_R_G7_mixed_unmet_and_unknown_is_unmet_with_both_kinds_in_order),
    };
    return cmocka_run_group_tests(tests, tu_setup_national, tu_teardown_national);
}
