/*
 * Unit-testing a policy change in C, the way a province would before publishing it:
 * "from 2025 our monitoring threshold is 8700 yuan, not the national 6000".
 *
 * Copy this file, change the households and the policy, and keep it in your test
 * suite. Build it against the installed library:
 *
 *     cc test_threshold_change.c $(pkg-config --cflags --libs fupin cmocka) -o t && ./t
 *
 * Each test builds households through the public API (the same field texts as the
 * dataset CSV files), evaluates them under the national policy and under the
 * changed one, and asserts what must change and what must not.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fupin.h>

struct fixture {
    fupin_policy *national;
    fupin_policy *province; /* national, with monitoring_threshold 8700 from 2025 */
    fupin_result *result;
};

static void assert_ok(int rc)
{
    if (rc != 0)
        fail_msg("fupin call failed (%d): %s", rc, fupin_last_error());
}

static int setup(void **state)
{
    static struct fixture f;
    assert_ok(fupin_policy_builtin(&f.national, "national"));
    assert_ok(fupin_policy_copy(&f.province, f.national));
    /* The change under test: a dated entry layers on top of the national series. */
    assert_ok(fupin_policy_set(f.province, "monitoring_threshold", NULL, 2025, 8700));
    assert_ok(fupin_result_create(&f.result));
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    fupin_result_free(f->result);
    fupin_policy_free(f->province);
    fupin_policy_free(f->national);
    return 0;
}

/* A household of two working adults with every guarantee met and safe water, living
 * in an eastern village, with `income` yuan of wages in 2024 and 2025. */
static fupin_household *family(const char *id, const char *income)
{
    fupin_household *h = NULL;
    static const char *fields[][2] = {
        {"region", "east"},     {"water_scarce", "0"},       {"housing", "B"},
        {"food_secure", "1"},   {"clothing_secure", "1"},    {"water_litres", "50"},
        {"water_minutes", "0"}, {"water_supply_rate", "98"}, {"water_quality_ok", "1"},
        {"assistance", "none"},
    };
    assert_ok(fupin_household_create(&h, id));
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        assert_ok(fupin_household_set(h, fields[i][0], fields[i][1]));
    const char *members[] = {"father", "mother"};
    for (size_t i = 0; i < 2; i++) {
        assert_ok(fupin_household_add_member(h, members[i], i ? "1982-11" : "1980"));
        assert_ok(fupin_household_set_member(h, members[i], "insured", "1"));
        assert_ok(fupin_household_set_member(h, members[i], "labor", "full"));
    }
    for (int32_t year = 2024; year <= 2025; year++) {
        static const char *zero[] = {"business", "property", "transfer", "medical_expense",
                                     "education_expense"};
        assert_ok(fupin_household_set_income(h, year, "wage", income));
        for (size_t i = 0; i < 5; i++)
            assert_ok(fupin_household_set_income(h, year, zero[i], "0"));
    }
    return h;
}

/* Per capita 8000 yuan: above the national 6000, below the province's 8700 (R-A2). */
static void test_household_between_6000_and_8700_comes_onto_the_watch_list(void **state)
{
    struct fixture *f = *state;
    fupin_household *h = family("H-8000", "16000");

    assert_ok(fupin_household_evaluate(f->national, h, 2025, f->result));
    assert_int_equal(fupin_result_alert_level(f->result), FUPIN_ALERT_NONE);

    assert_ok(fupin_household_evaluate(f->province, h, 2025, f->result));
    /* R-A2 without a risk is only a watch; R-A10 needs a risk for a warning */
    assert_int_equal(fupin_result_alert_level(f->result), FUPIN_ALERT_WATCH);
    assert_int_equal(fupin_result_reason_count(f->result, FUPIN_LIST_ALERT), 1);
    assert_int_equal(fupin_result_reason(f->result, FUPIN_LIST_ALERT, 0),
                     FUPIN_REASON_INCOME_BELOW_THRESHOLD);
    /* The exit standard rests on the poverty line, which the change leaves alone. */
    assert_int_equal(fupin_result_exit_eligible(f->result), FUPIN_TRI_TRUE);
    fupin_household_free(h);
}

/* The same household after a job loss: a risk (R-A5) with R-A2 makes a warning, and a
 * never-registered household below the threshold is a marginal household (R-A11). */
static void test_job_loss_below_the_new_threshold_is_a_marginal_warning(void **state)
{
    struct fixture *f = *state;
    fupin_household *h = family("H-8000-jobloss", "16000");
    assert_ok(fupin_household_add_event(h, 2025, "job_loss", "3000"));

    assert_ok(fupin_household_evaluate(f->national, h, 2025, f->result));
    assert_int_equal(fupin_result_alert_level(f->result), FUPIN_ALERT_WATCH);

    assert_ok(fupin_household_evaluate(f->province, h, 2025, f->result));
    assert_int_equal(fupin_result_alert_level(f->result), FUPIN_ALERT_WARNING);
    assert_int_equal(fupin_result_alert_category(f->result), FUPIN_CATEGORY_MARGINAL);
    fupin_household_free(h);
}

/* Exactly at the new threshold is not below it (docs/reference/rules.md: "strictly below"). */
static void test_household_exactly_at_8700_stays_off_the_list(void **state)
{
    struct fixture *f = *state;
    fupin_household *h = family("H-8700", "17400");
    assert_ok(fupin_household_evaluate(f->province, h, 2025, f->result));
    assert_int_equal(fupin_result_alert_level(f->result), FUPIN_ALERT_NONE);
    fupin_household_free(h);
}

/* The change starts in 2025: 2024 is judged by the national threshold in both. */
static void test_change_does_not_reach_back_to_2024(void **state)
{
    struct fixture *f = *state;
    fupin_household *h = family("H-8000-2024", "16000");
    assert_ok(fupin_household_evaluate(f->province, h, 2024, f->result));
    assert_int_equal(fupin_result_alert_level(f->result), FUPIN_ALERT_NONE);
    fupin_household_free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_household_between_6000_and_8700_comes_onto_the_watch_list),
        cmocka_unit_test(test_job_loss_below_the_new_threshold_is_a_marginal_warning),
        cmocka_unit_test(test_household_exactly_at_8700_stays_off_the_list),
        cmocka_unit_test(test_change_does_not_reach_back_to_2024),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
