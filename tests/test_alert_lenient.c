/* Alerts and monitoring exit of households a lenient load left partly unknown
 * (docs/reference/rules.md section 4 "Alerts rest on known facts", R-A7, R-A9, R-M1 RISK_UNKNOWN
 * and LABOR_UNKNOWN). White-box: only the loader can mark a skipped record, so the tests set those
 * internal marks on a household built through the API. */
#include <string.h>

#include "util.h"
#include "model/model.h"

#define Y 2023

static fupin_policy *national;

static int setup(void **state)
{
    (void)state;
    return fupin_policy_builtin(&national, "national");
}

static int teardown(void **state)
{
    (void)state;
    fupin_policy_free(national);
    return 0;
}

/* Monitored since 2022-01, above the threshold, every guarantee met, labour `labor`. */
static fupin_household *monitored(const char *labor)
{
    fupin_household *h = tu_household_ok("h1", Y, "8000");
    assert_non_null(h);
    FUPIN_OK_OR_FAIL(fupin_household_set_member(h, "m1", "labor", labor));
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "monitor", "unstable"));
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "monitor_since", "2022-01"));
    return h;
}

static void skipped_event(fupin_household *h, int32_t year)
{
    /* what the loader records for an events row it could not read */
    FUPIN_OK_OR_FAIL(fupin_household_add_event(h, year == 0 ? Y : year, "other", NULL));
    h->events[h->n_events - 1].kind = FUPIN__EVENT_SKIPPED;
    h->events[h->n_events - 1].year = year;
}

static void expect_exit(const fupin_result *r, int status, int code)
{
    assert_int_equal(fupin_result_monitor_exit(r), status);
    assert_int_equal(fupin_result_reason_count(r, FUPIN_LIST_MONITOR_EXIT), code ? 1 : 0);
    if (code)
        assert_int_equal(fupin_result_reason(r, FUPIN_LIST_MONITOR_EXIT, 0), code);
}

static void test_R_M1_skipped_events_record_of_Y_makes_the_risk_unknown(void **state)
{
    (void)state;
    fupin_result *r = NULL;
    FUPIN_OK_OR_FAIL(fupin_result_create(&r));
    fupin_household *h = monitored("full");
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(national, h, Y, r));
    expect_exit(r, FUPIN_MONITOR_EXIT_ELIGIBLE, 0);

    skipped_event(h, Y);
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(national, h, Y, r));
    /* not a signal: the alert stays clear */
    assert_int_equal(fupin_result_alert_level(r), FUPIN_ALERT_NONE);
    assert_int_equal(fupin_result_reason_count(r, FUPIN_LIST_ALERT), 0);
    expect_exit(r, FUPIN_MONITOR_EXIT_STAY, FUPIN_REASON_RISK_UNKNOWN);
    fupin_household_free(h);

    /* a skipped record of another year says nothing about Y */
    h = monitored("full");
    skipped_event(h, Y - 1);
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(national, h, Y, r));
    expect_exit(r, FUPIN_MONITOR_EXIT_ELIGIBLE, 0);
    fupin_household_free(h);

    /* year 0: the record's year was unreadable, so it may be Y */
    h = monitored("full");
    skipped_event(h, 0);
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(national, h, Y, r));
    expect_exit(r, FUPIN_MONITOR_EXIT_STAY, FUPIN_REASON_RISK_UNKNOWN);

    /* a known event of Y is a risk present, whatever was skipped */
    FUPIN_OK_OR_FAIL(fupin_household_add_event(h, Y, "accident", NULL));
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(national, h, Y, r));
    expect_exit(r, FUPIN_MONITOR_EXIT_STAY, FUPIN_REASON_RISK_PRESENT);
    fupin_household_free(h);
    fupin_result_free(r);
}

static void test_R_A7_incomplete_household_is_not_known_to_be_without_labour(void **state)
{
    (void)state;
    fupin_result *r = NULL;
    FUPIN_OK_OR_FAIL(fupin_result_create(&r));
    fupin_household *h = monitored("none");
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "assistance", "none"));
    h->incomplete = 1; /* a member record was skipped */
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(national, h, Y, r));
    /* R-A9 (per-capita unknown), R-G3/R-G4 unknown; no R-A7 or R-A8 */
    static const int alerts[] = {FUPIN_REASON_EDU_UNKNOWN, FUPIN_REASON_MED_UNKNOWN,
                                 FUPIN_REASON_INCOME_UNKNOWN};
    assert_int_equal(fupin_result_reason_count(r, FUPIN_LIST_ALERT), 3);
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(fupin_result_reason(r, FUPIN_LIST_ALERT, i), alerts[i]);
    assert_int_equal(fupin_result_alert_level(r), FUPIN_ALERT_WATCH);
    /* R-M1: income and guarantees unknown; R-A4 still known from the household total */
    static const int exits[] = {FUPIN_REASON_INCOME_UNKNOWN, FUPIN_REASON_GUARANTEE_NOT_MET,
                                FUPIN_REASON_LABOR_UNKNOWN};
    assert_int_equal(fupin_result_reason_count(r, FUPIN_LIST_MONITOR_EXIT), 3);
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(fupin_result_reason(r, FUPIN_LIST_MONITOR_EXIT, i), exits[i]);

    /* one member known to work settles the labour question even so */
    FUPIN_OK_OR_FAIL(fupin_household_set_member(h, "m1", "labor", "partial"));
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(national, h, Y, r));
    assert_int_equal(fupin_result_reason_count(r, FUPIN_LIST_MONITOR_EXIT), 2);
    fupin_household_free(h);
    fupin_result_free(r);
}

static void test_R_A3_incomplete_household_has_no_known_drop(void **state)
{
    (void)state;
    fupin_result *r = NULL;
    FUPIN_OK_OR_FAIL(fupin_result_create(&r));
    fupin_household *h = tu_household_ok("h1", Y, "1000");
    FUPIN_OK_OR_FAIL(fupin_household_set_income(h, Y - 1, "wage", "10000"));
    FUPIN_OK_OR_FAIL(fupin_household_set_income(h, Y - 1, "business", "0"));
    FUPIN_OK_OR_FAIL(fupin_household_set_income(h, Y - 1, "property", "0"));
    FUPIN_OK_OR_FAIL(fupin_household_set_income(h, Y - 1, "transfer", "0"));
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(national, h, Y, r));
    assert_int_equal(fupin_result_reason(r, FUPIN_LIST_ALERT, 1), FUPIN_REASON_INCOME_DROP);
    h->incomplete = 1;
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(national, h, Y, r));
    for (size_t i = 0; i < fupin_result_reason_count(r, FUPIN_LIST_ALERT); i++)
        assert_int_not_equal(fupin_result_reason(r, FUPIN_LIST_ALERT, i), FUPIN_REASON_INCOME_DROP);
    fupin_household_free(h);
    fupin_result_free(r);
}

static void test_R_A4_skipped_income_record_of_Y_makes_rigid_spending_unknown(void **state)
{
    (void)state;
    fupin_result *r = NULL;
    FUPIN_OK_OR_FAIL(fupin_result_create(&r));
    fupin_household *h = monitored("full");
    struct fupin__income *inc = (struct fupin__income *)fupin__household_income(h, Y);
    inc->skipped = 1; /* the loader could not read Y's incomes row */
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(national, h, Y, r));
    assert_int_equal(fupin_result_reason_count(r, FUPIN_LIST_ALERT), 1);
    assert_int_equal(fupin_result_reason(r, FUPIN_LIST_ALERT, 0), FUPIN_REASON_INCOME_UNKNOWN);
    static const int exits[] = {FUPIN_REASON_INCOME_UNKNOWN, FUPIN_REASON_RISK_UNKNOWN};
    assert_int_equal(fupin_result_reason_count(r, FUPIN_LIST_MONITOR_EXIT), 2);
    for (size_t i = 0; i < 2; i++)
        assert_int_equal(fupin_result_reason(r, FUPIN_LIST_MONITOR_EXIT, i), exits[i]);
    fupin_household_free(h);
    fupin_result_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_R_M1_skipped_events_record_of_Y_makes_the_risk_unknown),
        cmocka_unit_test(test_R_A7_incomplete_household_is_not_known_to_be_without_labour),
        cmocka_unit_test(test_R_A3_incomplete_household_has_no_known_drop),
        cmocka_unit_test(test_R_A4_skipped_income_record_of_Y_makes_rigid_spending_unknown),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
