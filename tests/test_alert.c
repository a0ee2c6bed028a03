/* Prevent-return alerts (docs/reference/rules.md section 4, R-A1..R-A11) and leaving monitoring
 * (section 5, R-M1), black-box through the public API with the built-in national
 * policy: poverty line 4000 and monitoring threshold 6000 (yuan per person) from 2020,
 * income_drop_ratio 0.3, rigid_expense_ratio 1.0, monitor_min_months 6. */
#include <stdio.h>
#include <string.h>

#include "util.h"

#define Y   2023
#define END 0 /* FUPIN_REASON_NONE ends an expected list */

struct fixture {
    fupin_policy *national;
    fupin_result *r;
};

static int setup(void **state)
{
    static struct fixture f;
    if (fupin_policy_builtin(&f.national, "national") || fupin_result_create(&f.r))
        return -1;
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    fupin_result_free(f->r);
    fupin_policy_free(f->national);
    return 0;
}

/* A household of n members born 1980, all insured with labour `labor` ("" unknown),
 * every guarantee met (water fully safe, housing A), in a non-scarce eastern context. */
static fupin_household *household(int n, const char *labor)
{
    fupin_household *h = NULL;
    FUPIN_OK_OR_FAIL(fupin_household_create(&h, "h1"));
    const char *fields[][2] = {
        {"region", "east"},     {"water_scarce", "0"},       {"housing", "A"},
        {"food_secure", "1"},   {"clothing_secure", "1"},    {"water_litres", "60"},
        {"water_minutes", "0"}, {"water_supply_rate", "95"}, {"water_quality_ok", "1"},
    };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        FUPIN_OK_OR_FAIL(fupin_household_set(h, fields[i][0], fields[i][1]));
    for (int i = 0; i < n; i++) {
        char id[16];
        snprintf(id, sizeof id, "m%d", i + 1);
        FUPIN_OK_OR_FAIL(fupin_household_add_member(h, id, "1980-05-01"));
        FUPIN_OK_OR_FAIL(fupin_household_set_member(h, id, "insured", "1"));
        FUPIN_OK_OR_FAIL(fupin_household_set_member(h, id, "labor", labor));
    }
    return h;
}

/* The income record of a year: `total` yuan as business income (the one part that may be
 * negative), the other parts 0; medical and
 * education spending as given (NULL leaves them blank). */
static void income(fupin_household *h, int32_t year, const char *total, const char *medical,
                   const char *education)
{
    FUPIN_OK_OR_FAIL(fupin_household_set_income(h, year, "wage", "0"));
    FUPIN_OK_OR_FAIL(fupin_household_set_income(h, year, "business", total));
    FUPIN_OK_OR_FAIL(fupin_household_set_income(h, year, "property", "0"));
    FUPIN_OK_OR_FAIL(fupin_household_set_income(h, year, "transfer", "0"));
    if (medical)
        FUPIN_OK_OR_FAIL(fupin_household_set_income(h, year, "medical_expense", medical));
    if (education)
        FUPIN_OK_OR_FAIL(fupin_household_set_income(h, year, "education_expense", education));
}

static void monitored_since(fupin_household *h, const char *since)
{
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "monitor", "marginal"));
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "monitor_since", since));
}

static fupin_result *evaluate(void **state, const fupin_household *h, int32_t year)
{
    struct fixture *f = *state;
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(f->national, h, year, f->r));
    return f->r;
}

/* A reason list equals `expect` (END-terminated), in order; names make failures legible. */
static void assert_reasons(const fupin_result *r, int list, const int *expect)
{
    size_t n = 0;
    while (expect[n] != END)
        n++;
    size_t got = fupin_result_reason_count(r, list);
    for (size_t i = 0; i < n && i < got; i++)
        if (fupin_result_reason(r, list, i) != expect[i])
            fail_msg("list %d item %zu: got %s, expected %s", list, i,
                     fupin_reason_name(fupin_result_reason(r, list, i)),
                     fupin_reason_name(expect[i]));
    if (got != n)
        fail_msg("list %d: %zu reasons (first %s), expected %zu", list, got,
                 got ? fupin_reason_name(fupin_result_reason(r, list, 0)) : "-", n);
}

#define ALERTS(r, ...) assert_reasons((r), FUPIN_LIST_ALERT, (const int[]){__VA_ARGS__, END})
#define NO_ALERTS(r)   assert_reasons((r), FUPIN_LIST_ALERT, (const int[]){END})
#define EXIT_REASONS(r, ...)                                                                       \
    assert_reasons((r), FUPIN_LIST_MONITOR_EXIT, (const int[]){__VA_ARGS__, END})

/* One household, one income for Y, evaluated: the common shape of the boundary tests. */
static fupin_result *one(void **state, int members, const char *total)
{
    fupin_household *h = household(members, "full");
    income(h, Y, total, "0", "0");
    fupin_result *r = evaluate(state, h, Y);
    fupin_household_free(h);
    return r;
}

/* ------------------------------------------------------------ R-A1, R-A2 */

static void test_R_A2_per_capita_exactly_at_threshold_is_not_below(void **state)
{
    fupin_result *r = one(state, 1, "6000");
    NO_ALERTS(r);
    assert_int_equal(fupin_result_alert_level(r), FUPIN_ALERT_NONE);
    assert_int_equal(fupin_result_alert_category(r), FUPIN_CATEGORY_NONE);
}

static void test_R_A2_one_fen_below_threshold_is_watch(void **state)
{
    fupin_result *r = one(state, 1, "5999.99");
    ALERTS(r, FUPIN_REASON_INCOME_BELOW_THRESHOLD);
    assert_int_equal(fupin_result_alert_level(r), FUPIN_ALERT_WATCH);
    assert_int_equal(fupin_result_alert_category(r), FUPIN_CATEGORY_NONE);
}

static void test_R_A2_compared_without_division_per_capita_printing_6000_is_below(void **state)
{
    /* 17999.99 / 3 = 5999.9967 rounds to 6000.00 but is below 6000 */
    fupin_result *r = one(state, 3, "17999.99");
    int64_t pc = 0;
    FUPIN_OK_OR_FAIL(fupin_result_per_capita_fen(r, &pc));
    assert_int_equal(pc, 600000);
    ALERTS(r, FUPIN_REASON_INCOME_BELOW_THRESHOLD);
    r = one(state, 3, "18000");
    NO_ALERTS(r);
}

static void test_R_A1_per_capita_exactly_at_line_is_only_below_threshold(void **state)
{
    fupin_result *r = one(state, 1, "4000");
    ALERTS(r, FUPIN_REASON_INCOME_BELOW_THRESHOLD);
    assert_int_equal(fupin_result_alert_level(r), FUPIN_ALERT_WATCH);
}

static void test_R_A1_one_fen_below_line_is_severe_without_R_A2(void **state)
{
    fupin_result *r = one(state, 1, "3999.99");
    ALERTS(r, FUPIN_REASON_INCOME_BELOW_LINE);
    assert_int_equal(fupin_result_alert_level(r), FUPIN_ALERT_SEVERE);
    assert_int_equal(fupin_result_alert_category(r), FUPIN_CATEGORY_MARGINAL);
    r = one(state, 3, "11999.99"); /* 3999.9967 per person, printed 4000.00 */
    ALERTS(r, FUPIN_REASON_INCOME_BELOW_LINE);
    r = one(state, 3, "12000");
    ALERTS(r, FUPIN_REASON_INCOME_BELOW_THRESHOLD);
}

static void test_R_A_threshold_from_policy_set_moves_the_boundary(void **state)
{
    struct fixture *f = *state;
    fupin_policy *p = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_copy(&p, f->national));
    FUPIN_OK_OR_FAIL(fupin_policy_set(p, "monitoring_threshold", NULL, 2023, 8050));
    fupin_household *h = household(1, "full");
    income(h, Y, "8049.99", "0", "0");
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(p, h, Y, f->r));
    ALERTS(f->r, FUPIN_REASON_INCOME_BELOW_THRESHOLD);
    income(h, Y, "8050", "0", "0");
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(p, h, Y, f->r));
    NO_ALERTS(f->r);
    /* 2022 keeps the national 6000 */
    income(h, 2022, "8049.99", "0", "0");
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(p, h, 2022, f->r));
    NO_ALERTS(f->r);
    fupin_household_free(h);
    fupin_policy_free(p);
}

/* ------------------------------------------------------------ R-A3 */

static fupin_result *drop(void **state, const char *prev, const char *now)
{
    fupin_household *h = household(2, "full");
    if (prev)
        income(h, Y - 1, prev, "0", "0");
    income(h, Y, now, "0", "0");
    fupin_result *r = evaluate(state, h, Y);
    fupin_household_free(h);
    return r;
}

static void test_R_A3_drop_exactly_at_ratio_is_a_drop_and_only_watch(void **state)
{
    /* per capita 10000 -> 7000: exactly (1 - 0.3) x last year */
    fupin_result *r = drop(state, "20000", "14000");
    ALERTS(r, FUPIN_REASON_INCOME_DROP);
    assert_int_equal(fupin_result_alert_level(r), FUPIN_ALERT_WATCH);
    assert_int_equal(fupin_result_alert_category(r), FUPIN_CATEGORY_NONE);
}

static void test_R_A3_one_fen_less_of_a_drop_is_no_drop(void **state)
{
    fupin_result *r = drop(state, "20000", "14000.02"); /* 7000.01 per person */
    NO_ALERTS(r);
    assert_int_equal(fupin_result_alert_level(r), FUPIN_ALERT_NONE);
}

static void test_R_A3_needs_a_known_positive_previous_year(void **state)
{
    fupin_result *r = drop(state, NULL, "14000"); /* Y-1 unknown */
    NO_ALERTS(r);
    r = drop(state, "0", "-100"); /* pc(Y-1) = 0 */
    ALERTS(r, FUPIN_REASON_INCOME_BELOW_LINE);
    r = drop(state, "-2000", "-5000"); /* pc(Y-1) < 0 */
    ALERTS(r, FUPIN_REASON_INCOME_BELOW_LINE);
}

static void test_R_A3_drop_into_the_range_keeps_both_signals(void **state)
{
    fupin_result *r = drop(state, "20000", "2000"); /* 10000 -> 1000 per person */
    ALERTS(r, FUPIN_REASON_INCOME_BELOW_LINE, FUPIN_REASON_INCOME_DROP);
    assert_int_equal(fupin_result_alert_level(r), FUPIN_ALERT_SEVERE);
}

/* ------------------------------------------------------------ R-A4 */

static fupin_result *rigid(void **state, const char *prev, const char *now, const char *med,
                           const char *edu)
{
    fupin_household *h = household(1, "full");
    monitored_since(h, "2022-01");
    if (prev)
        income(h, Y - 1, prev, "0", "0");
    income(h, Y, now, med, edu);
    fupin_result *r = evaluate(state, h, Y);
    fupin_household_free(h);
    return r;
}

static void test_R_A4_spending_exactly_at_last_years_income_is_no_signal(void **state)
{
    fupin_result *r = rigid(state, "10000", "10000", "6000", "4000");
    NO_ALERTS(r);
    assert_int_equal(fupin_result_monitor_exit(r), FUPIN_MONITOR_EXIT_ELIGIBLE);
}

static void test_R_A4_one_fen_above_last_years_income_is_warning_alone(void **state)
{
    fupin_result *r = rigid(state, "10000", "10000", "6000", "4000.01");
    ALERTS(r, FUPIN_REASON_RIGID_EXPENSE);
    assert_int_equal(fupin_result_alert_level(r), FUPIN_ALERT_WARNING);
    assert_int_equal(fupin_result_alert_category(r), FUPIN_CATEGORY_HARDSHIP);
    EXIT_REASONS(r, FUPIN_REASON_RISK_PRESENT);
    assert_int_equal(fupin_result_monitor_exit(r), FUPIN_MONITOR_EXIT_STAY);
}

static void test_R_A4_compares_with_last_year_not_this_year(void **state)
{
    /* 9000 exceeds this year's 8000 but not last year's 10000 */
    fupin_result *r = rigid(state, "10000", "8000", "9000", "0");
    NO_ALERTS(r);
    /* 9000 exceeds last year's 8000 though not this year's 10000 */
    r = rigid(state, "8000", "10000", "9000", "0");
    ALERTS(r, FUPIN_REASON_RIGID_EXPENSE);
}

static void test_R_A4_uses_this_years_income_when_last_years_is_unknown(void **state)
{
    fupin_result *r = rigid(state, NULL, "10000", "10000", "0");
    NO_ALERTS(r);
    r = rigid(state, NULL, "10000", "10000.01", "0");
    ALERTS(r, FUPIN_REASON_RIGID_EXPENSE);
}

static void test_R_A4_any_spending_triggers_when_that_income_is_not_positive(void **state)
{
    fupin_result *r = rigid(state, "0", "10000", "0", "0.01");
    ALERTS(r, FUPIN_REASON_RIGID_EXPENSE);
    r = rigid(state, "0", "10000", "0", "0");
    NO_ALERTS(r);
    r = rigid(state, "-500", "10000", "0.01", "0");
    ALERTS(r, FUPIN_REASON_RIGID_EXPENSE);
    r = rigid(state, "-500", "10000", "0", "0");
    NO_ALERTS(r);
}

static void test_R_A4_one_expense_blank_triggers_only_when_the_known_one_exceeds(void **state)
{
    fupin_result *r = rigid(state, "10000", "10000", "10000.01", NULL);
    ALERTS(r, FUPIN_REASON_RIGID_EXPENSE);
    r = rigid(state, "10000", "10000", NULL, "10000.01");
    ALERTS(r, FUPIN_REASON_RIGID_EXPENSE);
    /* R-A4 unknown: no alert code, but R-M1 cannot call the risk gone */
    r = rigid(state, "10000", "10000", "10000", NULL);
    NO_ALERTS(r);
    assert_int_equal(fupin_result_alert_level(r), FUPIN_ALERT_NONE);
    EXIT_REASONS(r, FUPIN_REASON_RISK_UNKNOWN);
    r = rigid(state, "10000", "10000", NULL, NULL);
    NO_ALERTS(r);
    EXIT_REASONS(r, FUPIN_REASON_RISK_UNKNOWN);
}

/* ------------------------------------------------------------ R-A5 */

static void test_R_A5_each_event_kind_gives_its_code(void **state)
{
    static const struct {
        const char *kind;
        int code;
    } kinds[] = {
        {"major_illness", FUPIN_REASON_EVENT_MAJOR_ILLNESS},
        {"accident", FUPIN_REASON_EVENT_ACCIDENT},
        {"disability", FUPIN_REASON_EVENT_DISABILITY},
        {"disaster", FUPIN_REASON_EVENT_DISASTER},
        {"death", FUPIN_REASON_EVENT_DEATH},
        {"job_loss", FUPIN_REASON_EVENT_JOB_LOSS},
        {"business_failure", FUPIN_REASON_EVENT_BUSINESS_FAILURE},
        {"other", FUPIN_REASON_EVENT_OTHER},
    };
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        fupin_household *h = household(1, "full");
        income(h, Y, "8000", "0", "0");
        FUPIN_OK_OR_FAIL(fupin_household_add_event(h, Y, kinds[i].kind, "500"));
        fupin_result *r = evaluate(state, h, Y);
        ALERTS(r, kinds[i].code);
        /* an event alone is a signal but not a risk combination: watch */
        assert_int_equal(fupin_result_alert_level(r), FUPIN_ALERT_WATCH);
        assert_int_equal(fupin_result_alert_category(r), FUPIN_CATEGORY_NONE);
        fupin_household_free(h);
    }
}

static void test_R_A5_one_code_per_kind_in_kind_order_and_only_for_year_Y(void **state)
{
    fupin_household *h = household(1, "full");
    income(h, Y, "8000", "0", "0");
    FUPIN_OK_OR_FAIL(fupin_household_add_event(h, Y, "other", NULL));
    FUPIN_OK_OR_FAIL(fupin_household_add_event(h, Y, "major_illness", "30000"));
    FUPIN_OK_OR_FAIL(fupin_household_add_event(h, Y, "major_illness", "2000"));
    FUPIN_OK_OR_FAIL(fupin_household_add_event(h, Y - 1, "disaster", "100"));
    FUPIN_OK_OR_FAIL(fupin_household_add_event(h, Y + 1, "death", "100"));
    fupin_result *r = evaluate(state, h, Y);
    ALERTS(r, FUPIN_REASON_EVENT_MAJOR_ILLNESS, FUPIN_REASON_EVENT_OTHER);
    fupin_household_free(h);

    h = household(1, "full");
    income(h, Y, "8000", "0", "0");
    FUPIN_OK_OR_FAIL(fupin_household_add_event(h, Y - 1, "disaster", "100"));
    r = evaluate(state, h, Y);
    NO_ALERTS(r);
    fupin_household_free(h);
}

/* ------------------------------------------------------------ R-A6 */

static void test_R_A6_unmet_guarantee_is_severe_unknown_only_watch(void **state)
{
    fupin_household *h = household(1, "full");
    income(h, Y, "8000", "0", "0");
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "housing", ""));
    fupin_result *r = evaluate(state, h, Y);
    ALERTS(r, FUPIN_REASON_HOUSING_UNKNOWN);
    assert_int_equal(fupin_result_alert_level(r), FUPIN_ALERT_WATCH);
    assert_int_equal(fupin_result_alert_category(r), FUPIN_CATEGORY_NONE);

    FUPIN_OK_OR_FAIL(fupin_household_set(h, "housing", "D"));
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "water_minutes", "25"));
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "food_secure", ""));
    r = evaluate(state, h, Y);
    ALERTS(r, FUPIN_REASON_FOOD_UNKNOWN, FUPIN_REASON_HOUSING_UNSAFE, FUPIN_REASON_WATER_ACCESS);
    assert_int_equal(fupin_result_alert_level(r), FUPIN_ALERT_SEVERE);
    assert_int_equal(fupin_result_alert_category(r), FUPIN_CATEGORY_HARDSHIP);
    fupin_household_free(h);
}

/* ------------------------------------------------------------ R-A7, R-A8 */

static fupin_result *labor(void **state, const char *assistance)
{
    fupin_household *h = household(2, "none");
    monitored_since(h, "2022-01");
    income(h, Y, "16000", "0", "0"); /* 8000 per person: above the threshold */
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "assistance", assistance));
    fupin_result *r = evaluate(state, h, Y);
    fupin_household_free(h);
    return r;
}

static void test_R_A7_no_labor_covered_by_dibao_or_tekun_is_watch_and_stays(void **state)
{
    const char *covered[] = {"dibao", "tekun"};
    for (int i = 0; i < 2; i++) {
        fupin_result *r = labor(state, covered[i]);
        ALERTS(r, FUPIN_REASON_NO_LABOR);
        assert_int_equal(fupin_result_alert_level(r), FUPIN_ALERT_WATCH);
        assert_int_equal(fupin_result_monitor_exit(r), FUPIN_MONITOR_EXIT_STAY);
        EXIT_REASONS(r, FUPIN_REASON_NO_LABOR);
    }
}

static void test_R_A8_no_labor_and_no_assistance_is_warning(void **state)
{
    fupin_result *r = labor(state, "none");
    ALERTS(r, FUPIN_REASON_NO_LABOR, FUPIN_REASON_NO_LABOR_UNCOVERED);
    assert_int_equal(fupin_result_alert_level(r), FUPIN_ALERT_WARNING);
    assert_int_equal(fupin_result_alert_category(r), FUPIN_CATEGORY_HARDSHIP);
    /* R-M1: R-A8 is not a risk of its own there; NO_LABOR covers it */
    EXIT_REASONS(r, FUPIN_REASON_NO_LABOR);
}

static void test_R_A8_blank_assistance_is_not_known_to_be_uncovered(void **state)
{
    fupin_result *r = labor(state, "");
    ALERTS(r, FUPIN_REASON_NO_LABOR);
    assert_int_equal(fupin_result_alert_level(r), FUPIN_ALERT_WATCH);
}

static void test_R_A7_needs_every_member_known_to_be_without_labour(void **state)
{
    fupin_household *h = household(2, "none");
    monitored_since(h, "2022-01");
    income(h, Y, "16000", "0", "0");
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "assistance", "none"));
    FUPIN_OK_OR_FAIL(fupin_household_set_member(h, "m2", "labor", "partial"));
    fupin_result *r = evaluate(state, h, Y);
    NO_ALERTS(r);
    assert_int_equal(fupin_result_monitor_exit(r), FUPIN_MONITOR_EXIT_ELIGIBLE);
    /* one member blank: R-A7 unknown, no alert, R-M1 LABOR_UNKNOWN */
    FUPIN_OK_OR_FAIL(fupin_household_set_member(h, "m2", "labor", ""));
    r = evaluate(state, h, Y);
    NO_ALERTS(r);
    assert_int_equal(fupin_result_alert_level(r), FUPIN_ALERT_NONE);
    EXIT_REASONS(r, FUPIN_REASON_LABOR_UNKNOWN);
    /* a member known to work settles it even when another is blank */
    FUPIN_OK_OR_FAIL(fupin_household_set_member(h, "m1", "labor", "full"));
    r = evaluate(state, h, Y);
    assert_int_equal(fupin_result_monitor_exit(r), FUPIN_MONITOR_EXIT_ELIGIBLE);
    fupin_household_free(h);
}

/* ------------------------------------------------------------ R-A9 */

static void test_R_A9_unknown_income_is_watch_and_never_below(void **state)
{
    fupin_household *h = household(1, "full");
    income(h, Y, "8000", "0", "0");
    FUPIN_OK_OR_FAIL(fupin_household_set_income(h, Y, "transfer", ""));
    fupin_result *r = evaluate(state, h, Y);
    ALERTS(r, FUPIN_REASON_INCOME_UNKNOWN);
    assert_int_equal(fupin_result_alert_level(r), FUPIN_ALERT_WATCH);
    assert_int_equal(fupin_result_alert_category(r), FUPIN_CATEGORY_NONE);
    fupin_household_free(h);
}

/* ------------------------------------------------------------ R-A10 order */

static void test_R_A10_below_threshold_with_a_risk_or_no_labor_is_warning(void **state)
{
    /* R-A2 + R-A7 (covered by dibao, so no R-A8) */
    fupin_household *h = household(1, "none");
    income(h, Y, "5000", "0", "0");
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "assistance", "dibao"));
    fupin_result *r = evaluate(state, h, Y);
    ALERTS(r, FUPIN_REASON_INCOME_BELOW_THRESHOLD, FUPIN_REASON_NO_LABOR);
    assert_int_equal(fupin_result_alert_level(r), FUPIN_ALERT_WARNING);
    assert_int_equal(fupin_result_alert_category(r), FUPIN_CATEGORY_MARGINAL);
    fupin_household_free(h);

    /* R-A2 + an R-A5 event */
    h = household(1, "full");
    income(h, Y, "5000", "0", "0");
    FUPIN_OK_OR_FAIL(fupin_household_add_event(h, Y, "accident", "100"));
    r = evaluate(state, h, Y);
    ALERTS(r, FUPIN_REASON_INCOME_BELOW_THRESHOLD, FUPIN_REASON_EVENT_ACCIDENT);
    assert_int_equal(fupin_result_alert_level(r), FUPIN_ALERT_WARNING);
    fupin_household_free(h);

    /* R-A2 + R-A3: 10000 -> 5000 */
    r = drop(state, "20000", "10000");
    ALERTS(r, FUPIN_REASON_INCOME_BELOW_THRESHOLD, FUPIN_REASON_INCOME_DROP);
    assert_int_equal(fupin_result_alert_level(r), FUPIN_ALERT_WARNING);
    assert_int_equal(fupin_result_alert_category(r), FUPIN_CATEGORY_MARGINAL);
}

static void test_R_A10_drop_with_an_event_is_warning(void **state)
{
    fupin_household *h = household(1, "full");
    income(h, Y - 1, "10000", "0", "0");
    income(h, Y, "7000", "0", "0");
    FUPIN_OK_OR_FAIL(fupin_household_add_event(h, Y, "job_loss", NULL));
    fupin_result *r = evaluate(state, h, Y);
    ALERTS(r, FUPIN_REASON_INCOME_DROP, FUPIN_REASON_EVENT_JOB_LOSS);
    assert_int_equal(fupin_result_alert_level(r), FUPIN_ALERT_WARNING);
    assert_int_equal(fupin_result_alert_category(r), FUPIN_CATEGORY_HARDSHIP);
    fupin_household_free(h);
}

static void test_R_A10_below_line_wins_over_warning(void **state)
{
    fupin_household *h = household(1, "none");
    income(h, Y, "3000", "0", "5000");
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "assistance", "none"));
    fupin_result *r = evaluate(state, h, Y);
    ALERTS(r, FUPIN_REASON_INCOME_BELOW_LINE, FUPIN_REASON_RIGID_EXPENSE, FUPIN_REASON_NO_LABOR,
           FUPIN_REASON_NO_LABOR_UNCOVERED);
    assert_int_equal(fupin_result_alert_level(r), FUPIN_ALERT_SEVERE);
    fupin_household_free(h);
}

/* ------------------------------------------------------------ R-A11 */

static fupin_result *category(void **state, const char *registered, const char *exited,
                              const char *total)
{
    fupin_household *h = household(1, "full");
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "registered_year", registered));
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "exit_year", exited));
    if (total)
        income(h, Y, total, "0", "0");
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "housing", "C")); /* severe whatever the income */
    fupin_result *r = evaluate(state, h, Y);
    fupin_household_free(h);
    return r;
}

static void test_R_A11_registered_poor_in_Y_is_registered(void **state)
{
    fupin_result *r = category(state, "2016", "", "3000");
    assert_int_equal(fupin_result_alert_category(r), FUPIN_CATEGORY_REGISTERED);
    r = category(state, "2016", "2024", "9000"); /* exits after Y: still registered */
    assert_int_equal(fupin_result_alert_category(r), FUPIN_CATEGORY_REGISTERED);
}

static void test_R_A11_exited_below_threshold_is_unstable(void **state)
{
    fupin_result *r = category(state, "2016", "2023", "5999.99"); /* exit_year = Y */
    ALERTS(r, FUPIN_REASON_INCOME_BELOW_THRESHOLD, FUPIN_REASON_HOUSING_UNSAFE);
    assert_int_equal(fupin_result_alert_level(r), FUPIN_ALERT_SEVERE);
    assert_int_equal(fupin_result_alert_category(r), FUPIN_CATEGORY_UNSTABLE);
    r = category(state, "2016", "2019", "100");
    assert_int_equal(fupin_result_alert_category(r), FUPIN_CATEGORY_UNSTABLE);
}

static void test_R_A11_never_registered_below_threshold_is_marginal(void **state)
{
    fupin_result *r = category(state, "", "", "5999.99");
    assert_int_equal(fupin_result_alert_category(r), FUPIN_CATEGORY_MARGINAL);
    r = category(state, "2024", "", "5999.99"); /* registered after Y: never, in Y */
    assert_int_equal(fupin_result_alert_category(r), FUPIN_CATEGORY_MARGINAL);
}

static void test_R_A11_at_threshold_or_unknown_income_is_hardship(void **state)
{
    fupin_result *r = category(state, "2016", "2019", "6000");
    assert_int_equal(fupin_result_alert_category(r), FUPIN_CATEGORY_HARDSHIP);
    r = category(state, "", "", NULL);
    ALERTS(r, FUPIN_REASON_HOUSING_UNSAFE, FUPIN_REASON_INCOME_UNKNOWN);
    assert_int_equal(fupin_result_alert_category(r), FUPIN_CATEGORY_HARDSHIP);
}

/* ------------------------------------------------------------ section 4: no threshold */

static void test_section4_year_without_threshold_has_null_alert_and_exit(void **state)
{
    fupin_household *h = household(1, "none");
    monitored_since(h, "2018-01");
    income(h, 2019, "1000", "0", "0");
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "housing", "D"));
    fupin_result *r = evaluate(state, h, 2019);
    assert_int_equal(fupin_result_alert_level(r), FUPIN_ALERT_NULL);
    assert_int_equal(fupin_result_alert_category(r), FUPIN_CATEGORY_NULL);
    assert_int_equal(fupin_result_monitor_exit(r), FUPIN_MONITOR_EXIT_NULL);
    NO_ALERTS(r);
    assert_int_equal(fupin_result_reason_count(r, FUPIN_LIST_MONITOR_EXIT), 0);
    /* the exit standard still judges it */
    assert_int_equal(fupin_result_income_status(r), FUPIN_INCOME_BELOW);
    fupin_household_free(h);
}

/* ------------------------------------------------------------ R-M1 */

static fupin_result *months(void **state, const char *since)
{
    fupin_household *h = household(1, "full");
    income(h, Y, "8000", "0", "0");
    if (since)
        monitored_since(h, since);
    fupin_result *r = evaluate(state, h, Y);
    fupin_household_free(h);
    return r;
}

static void test_R_M1_five_months_is_too_short_six_is_enough(void **state)
{
    fupin_result *r = months(state, "2023-07"); /* Jul..Dec: 5 by the formula */
    assert_int_equal(fupin_result_monitor_exit(r), FUPIN_MONITOR_EXIT_STAY);
    EXIT_REASONS(r, FUPIN_REASON_MONITORED_TOO_SHORT);
    r = months(state, "2023-06");
    assert_int_equal(fupin_result_monitor_exit(r), FUPIN_MONITOR_EXIT_ELIGIBLE);
    EXIT_REASONS(r, END);
}

static void test_R_M1_since_given_as_a_year_is_december(void **state)
{
    /* December 2023: (2023 x 12 + 12) - (2023 x 12 + 12) = 0 months */
    fupin_result *r = months(state, "2023");
    EXIT_REASONS(r, FUPIN_REASON_MONITORED_TOO_SHORT);
    r = months(state, "2022"); /* December 2022: 12 months */
    assert_int_equal(fupin_result_monitor_exit(r), FUPIN_MONITOR_EXIT_ELIGIBLE);
}

static void test_R_M1_not_monitored_without_monitor_or_when_since_is_after_Y(void **state)
{
    fupin_result *r = months(state, NULL);
    assert_int_equal(fupin_result_monitor_exit(r), FUPIN_MONITOR_EXIT_NOT_MONITORED);
    EXIT_REASONS(r, END);
    r = months(state, "2024-01");
    assert_int_equal(fupin_result_monitor_exit(r), FUPIN_MONITOR_EXIT_NOT_MONITORED);
    EXIT_REASONS(r, END);
    r = months(state, "2023-12"); /* not after Y: monitored, 0 months */
    EXIT_REASONS(r, FUPIN_REASON_MONITORED_TOO_SHORT);
}

static void test_R_M1_min_months_from_policy(void **state)
{
    struct fixture *f = *state;
    fupin_policy *p = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_copy(&p, f->national));
    FUPIN_OK_OR_FAIL(fupin_policy_set(p, "monitor_min_months", NULL, 0, 12));
    fupin_household *h = household(1, "full");
    income(h, Y, "8000", "0", "0");
    monitored_since(h, "2022-12"); /* 12 months */
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(p, h, Y, f->r));
    assert_int_equal(fupin_result_monitor_exit(f->r), FUPIN_MONITOR_EXIT_ELIGIBLE);
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "monitor_since", "2023-01")); /* 11 */
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(p, h, Y, f->r));
    EXIT_REASONS(f->r, FUPIN_REASON_MONITORED_TOO_SHORT);
    fupin_household_free(h);
    fupin_policy_free(p);
}

static void test_R_M1_income_exactly_at_threshold_leaves_one_fen_below_stays(void **state)
{
    fupin_household *h = household(2, "full");
    monitored_since(h, "2022-06");
    income(h, Y, "12000", "0", "0");
    fupin_result *r = evaluate(state, h, Y);
    assert_int_equal(fupin_result_monitor_exit(r), FUPIN_MONITOR_EXIT_ELIGIBLE);
    income(h, Y, "11999.99", "0", "0");
    r = evaluate(state, h, Y);
    EXIT_REASONS(r, FUPIN_REASON_INCOME_BELOW_THRESHOLD);
    income(h, Y, "3000", "0", "0"); /* below the line too: one code, the threshold's */
    r = evaluate(state, h, Y);
    EXIT_REASONS(r, FUPIN_REASON_INCOME_BELOW_THRESHOLD);
    fupin_household_free(h);
}

static void test_R_M1_whole_household_without_labour_stays_with_or_without_dibao(void **state)
{
    const char *assist[] = {"dibao", "none", ""};
    for (int i = 0; i < 3; i++) {
        fupin_result *r = labor(state, assist[i]);
        assert_int_equal(fupin_result_monitor_exit(r), FUPIN_MONITOR_EXIT_STAY);
        EXIT_REASONS(r, FUPIN_REASON_NO_LABOR);
    }
}

static void test_R_M1_risk_present_wins_over_risk_unknown(void **state)
{
    fupin_household *h = household(1, "full");
    monitored_since(h, "2022-01");
    income(h, Y, "8000", "100", NULL); /* R-A4 unknown */
    FUPIN_OK_OR_FAIL(fupin_household_add_event(h, Y, "disaster", NULL));
    fupin_result *r = evaluate(state, h, Y);
    EXIT_REASONS(r, FUPIN_REASON_RISK_PRESENT);
    fupin_household_free(h);
}

/* ------------------------------------------------------------ table */

/* One household in Y = 2023, one member per person counted in `members`. NULL incomes
 * mean no record; NULL monitor_since means not monitored; "" is a blank field. */
struct row {
    const char *covers;
    int members;
    const char *labor, *assistance, *housing, *food;
    const char *prev, *now, *medical, *education;
    const char *events[8]; /* kinds in Y, then "-" marks one in Y-1 */
    const char *registered, *exited, *since;
    int level, category;
    int alerts[12]; /* END-terminated (an empty list is {END}) */
    int exit;
    int exit_reasons[8];
};

#define R(name) FUPIN_REASON_##name

static const struct row table[] = {
    /* nothing at all; R-M1 eligible (12+ months, above threshold, met, no risk, labour) */
    {"R-A10 none, R-A11 none, R-M1 eligible",
     1,
     "full",
     "",
     "A",
     "1",
     "8000",
     "8000",
     "0",
     "0",
     {NULL},
     "",
     "",
     "2022-01",
     FUPIN_ALERT_NONE,
     FUPIN_CATEGORY_NONE,
     {END},
     FUPIN_MONITOR_EXIT_ELIGIBLE,
     {END}},
    /* R-A1 severe; exited -> unstable; R-M1 INCOME_BELOW_THRESHOLD, exactly 6 months */
    {"R-A1, R-A10 severe, R-A11 unstable, R-M1 below threshold",
     1,
     "full",
     "",
     "A",
     "1",
     NULL,
     "3000",
     "0",
     "0",
     {NULL},
     "2016",
     "2019",
     "2023-06",
     FUPIN_ALERT_SEVERE,
     FUPIN_CATEGORY_UNSTABLE,
     {R(INCOME_BELOW_LINE), END},
     FUPIN_MONITOR_EXIT_STAY,
     {R(INCOME_BELOW_THRESHOLD), END}},
    /* R-A2 + R-A7 warning; never registered -> marginal; R-M1 5 months, NO_LABOR */
    {"R-A2, R-A7, R-A10 warning, R-A11 marginal, R-M1 too short + no labour",
     1,
     "none",
     "dibao",
     "A",
     "1",
     NULL,
     "5000",
     "0",
     "0",
     {NULL},
     "",
     "",
     "2023-07",
     FUPIN_ALERT_WARNING,
     FUPIN_CATEGORY_MARGINAL,
     {R(INCOME_BELOW_THRESHOLD), R(NO_LABOR), END},
     FUPIN_MONITOR_EXIT_STAY,
     {R(MONITORED_TOO_SHORT), R(INCOME_BELOW_THRESHOLD), R(NO_LABOR), END}},
    /* R-A3 + R-A5 warning; above threshold -> hardship; not monitored */
    {"R-A3, R-A5, R-A10 warning, R-A11 hardship, R-M1 not monitored",
     2,
     "full",
     "",
     "A",
     "1",
     "20000",
     "14000",
     "0",
     "0",
     {"other", "job_loss", NULL},
     "",
     "",
     NULL,
     FUPIN_ALERT_WARNING,
     FUPIN_CATEGORY_HARDSHIP,
     {R(INCOME_DROP), R(EVENT_JOB_LOSS), R(EVENT_OTHER), END},
     FUPIN_MONITOR_EXIT_NOT_MONITORED,
     {END}},
    /* R-A4 alone warning; registered in Y -> registered; R-M1 RISK_PRESENT (since YYYY) */
    {"R-A4, R-A10 warning, R-A11 registered, R-M1 risk present",
     1,
     "full",
     "",
     "A",
     "1",
     "8000",
     "8000",
     "5000",
     "3000.01",
     {NULL},
     "2020",
     "",
     "2022",
     FUPIN_ALERT_WARNING,
     FUPIN_CATEGORY_REGISTERED,
     {R(RIGID_EXPENSE), END},
     FUPIN_MONITOR_EXIT_STAY,
     {R(RISK_PRESENT), END}},
    /* R-A6 unknown and unmet codes in R-G7 order; unmet -> severe; above -> hardship */
    {"R-A6 unmet + unknown, R-A10 severe, R-A11 hardship, R-M1 guarantee",
     1,
     "full",
     "",
     "C",
     "",
     "8000",
     "8000",
     "0",
     "0",
     {NULL},
     "",
     "",
     "2022-01",
     FUPIN_ALERT_SEVERE,
     FUPIN_CATEGORY_HARDSHIP,
     {R(FOOD_UNKNOWN), R(HOUSING_UNSAFE), END},
     FUPIN_MONITOR_EXIT_STAY,
     {R(GUARANTEE_NOT_MET), END}},
    /* R-A6 unknown only: a signal, so watch */
    {"R-A6 unknown, R-A10 watch, R-M1 guarantee",
     1,
     "full",
     "",
     "",
     "1",
     "8000",
     "8000",
     "0",
     "0",
     {NULL},
     "",
     "",
     "2022-01",
     FUPIN_ALERT_WATCH,
     FUPIN_CATEGORY_NONE,
     {R(HOUSING_UNKNOWN), END},
     FUPIN_MONITOR_EXIT_STAY,
     {R(GUARANTEE_NOT_MET), END}},
    /* R-A8 warning above the threshold -> hardship; R-M1 NO_LABOR only */
    {"R-A7, R-A8, R-A10 warning, R-A11 hardship, R-M1 no labour",
     2,
     "none",
     "none",
     "A",
     "1",
     "16000",
     "16000",
     "0",
     "0",
     {NULL},
     "",
     "",
     "2022-01",
     FUPIN_ALERT_WARNING,
     FUPIN_CATEGORY_HARDSHIP,
     {R(NO_LABOR), R(NO_LABOR_UNCOVERED), END},
     FUPIN_MONITOR_EXIT_STAY,
     {R(NO_LABOR), END}},
    /* R-A9 watch; R-M1: 0 months (YYYY = December), income unknown, R-A4 unknown (no
     * income in either year), labour blank */
    {"R-A9, R-A10 watch, R-M1 too short, income unknown, risk unknown, labour unknown",
     1,
     "",
     "",
     "A",
     "1",
     NULL,
     NULL,
     NULL,
     NULL,
     {NULL},
     "",
     "",
     "2023",
     FUPIN_ALERT_WATCH,
     FUPIN_CATEGORY_NONE,
     {R(INCOME_UNKNOWN), END},
     FUPIN_MONITOR_EXIT_STAY,
     {R(MONITORED_TOO_SHORT), R(INCOME_UNKNOWN), R(RISK_UNKNOWN), R(LABOR_UNKNOWN), END}},
    /* R-A5 alone (two major illnesses give one code; last year's disaster none): watch */
    {"R-A5, R-A10 watch, R-M1 risk present",
     1,
     "full",
     "",
     "A",
     "1",
     "8000",
     "8000",
     "0",
     "0",
     {"major_illness", "death", "major_illness", "accident", "-", NULL},
     "",
     "",
     "2022-06",
     FUPIN_ALERT_WATCH,
     FUPIN_CATEGORY_NONE,
     {R(EVENT_MAJOR_ILLNESS), R(EVENT_ACCIDENT), R(EVENT_DEATH), END},
     FUPIN_MONITOR_EXIT_STAY,
     {R(RISK_PRESENT), END}},
    /* R-A9 + unmet guarantee: severe, income unknown -> hardship */
    {"R-A6, R-A9, R-A10 severe, R-A11 hardship (unknown income)",
     1,
     "full",
     "",
     "D",
     "1",
     NULL,
     NULL,
     NULL,
     NULL,
     {NULL},
     "",
     "",
     NULL,
     FUPIN_ALERT_SEVERE,
     FUPIN_CATEGORY_HARDSHIP,
     {R(HOUSING_UNSAFE), R(INCOME_UNKNOWN), END},
     FUPIN_MONITOR_EXIT_NOT_MONITORED,
     {END}},
    /* R-A4 unknown (education blank, medical alone not above): no code, RISK_UNKNOWN */
    {"R-A4 unknown, R-A10 none, R-M1 risk unknown",
     1,
     "full",
     "",
     "A",
     "1",
     "8000",
     "8000",
     "100",
     NULL,
     {NULL},
     "",
     "",
     "2022-01",
     FUPIN_ALERT_NONE,
     FUPIN_CATEGORY_NONE,
     {END},
     FUPIN_MONITOR_EXIT_STAY,
     {R(RISK_UNKNOWN), END}},
    /* R-A2 alone is only watch */
    {"R-A2, R-A10 watch",
     1,
     "full",
     "",
     "A",
     "1",
     NULL,
     "5999.99",
     "0",
     "0",
     {NULL},
     "",
     "",
     NULL,
     FUPIN_ALERT_WATCH,
     FUPIN_CATEGORY_NONE,
     {R(INCOME_BELOW_THRESHOLD), END},
     FUPIN_MONITOR_EXIT_NOT_MONITORED,
     {END}},
    /* R-A1 + registered: severe, registered; every signal of the table in its order */
    {"R-A1, R-A3, R-A4, R-A5, R-A6, R-A7, R-A8 in table order, R-A11 registered",
     1,
     "none",
     "none",
     "B",
     "0",
     "10000",
     "1000",
     "10000.01",
     "0",
     {"disaster", NULL},
     "2014",
     "",
     "2023-01",
     FUPIN_ALERT_SEVERE,
     FUPIN_CATEGORY_REGISTERED,
     {R(INCOME_BELOW_LINE), R(INCOME_DROP), R(RIGID_EXPENSE), R(EVENT_DISASTER), R(FOOD_INSECURE),
      R(NO_LABOR), R(NO_LABOR_UNCOVERED), END},
     FUPIN_MONITOR_EXIT_STAY,
     {R(INCOME_BELOW_THRESHOLD), R(GUARANTEE_NOT_MET), R(RISK_PRESENT), R(NO_LABOR), END}},
};

static void test_R_A_and_R_M1_table(void **state)
{
    for (size_t t = 0; t < sizeof table / sizeof table[0]; t++) {
        const struct row *w = &table[t];
        print_message("row %zu: %s\n", t, w->covers);
        fupin_household *h = household(w->members, w->labor);
        FUPIN_OK_OR_FAIL(fupin_household_set(h, "assistance", w->assistance));
        FUPIN_OK_OR_FAIL(fupin_household_set(h, "housing", w->housing));
        FUPIN_OK_OR_FAIL(fupin_household_set(h, "food_secure", w->food));
        FUPIN_OK_OR_FAIL(fupin_household_set(h, "registered_year", w->registered));
        FUPIN_OK_OR_FAIL(fupin_household_set(h, "exit_year", w->exited));
        if (w->since)
            monitored_since(h, w->since);
        if (w->prev)
            income(h, Y - 1, w->prev, "0", "0");
        if (w->now)
            income(h, Y, w->now, w->medical, w->education);
        for (int i = 0; w->events[i]; i++) {
            if (strcmp(w->events[i], "-") == 0)
                FUPIN_OK_OR_FAIL(fupin_household_add_event(h, Y - 1, "disaster", "1"));
            else
                FUPIN_OK_OR_FAIL(fupin_household_add_event(h, Y, w->events[i], NULL));
        }
        fupin_result *r = evaluate(state, h, Y);
        assert_reasons(r, FUPIN_LIST_ALERT, w->alerts);
        assert_int_equal(fupin_result_alert_level(r), w->level);
        assert_int_equal(fupin_result_alert_category(r), w->category);
        assert_int_equal(fupin_result_monitor_exit(r), w->exit);
        assert_reasons(r, FUPIN_LIST_MONITOR_EXIT, w->exit_reasons);
        fupin_household_free(h);
    }
}

/* The table covers every level, category, monitor-exit status and R-M1 code. */
static void test_table_covers_every_level_category_and_code(void **state)
{
    (void)state;
    int level[4] = {0}, cat[5] = {0}, status[3] = {0}, seen[64] = {0}, mseen[64] = {0};
    for (size_t t = 0; t < sizeof table / sizeof table[0]; t++) {
        level[table[t].level]++;
        cat[table[t].category]++;
        status[table[t].exit]++;
        for (int i = 0; table[t].alerts[i]; i++)
            seen[table[t].alerts[i]]++;
        for (int i = 0; table[t].exit_reasons[i]; i++)
            mseen[table[t].exit_reasons[i]]++;
    }
    for (int i = 0; i < 4; i++)
        assert_true(level[i] > 0);
    for (int i = 0; i < 5; i++)
        assert_true(cat[i] > 0);
    for (int i = 0; i < 3; i++)
        assert_true(status[i] > 0);
    /* R-A1..R-A4, R-A5 (some kind), R-A6 unmet and unknown, R-A7, R-A8, R-A9 */
    const int alert_rows[] = {
        R(INCOME_BELOW_LINE),  R(INCOME_BELOW_THRESHOLD), R(INCOME_DROP),     R(RIGID_EXPENSE),
        R(EVENT_DISASTER),     R(HOUSING_UNSAFE),         R(HOUSING_UNKNOWN), R(NO_LABOR),
        R(NO_LABOR_UNCOVERED), R(INCOME_UNKNOWN)};
    for (size_t i = 0; i < sizeof alert_rows / sizeof alert_rows[0]; i++)
        assert_true(seen[alert_rows[i]] > 0);
    const int exit_codes[] = {
        R(MONITORED_TOO_SHORT), R(INCOME_BELOW_THRESHOLD), R(INCOME_UNKNOWN), R(GUARANTEE_NOT_MET),
        R(RISK_PRESENT),        R(RISK_UNKNOWN),           R(NO_LABOR),       R(LABOR_UNKNOWN)};
    for (size_t i = 0; i < sizeof exit_codes / sizeof exit_codes[0]; i++)
        assert_true(mseen[exit_codes[i]] > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_R_A2_per_capita_exactly_at_threshold_is_not_below),
        cmocka_unit_test(test_R_A2_one_fen_below_threshold_is_watch),
        cmocka_unit_test(test_R_A2_compared_without_division_per_capita_printing_6000_is_below),
        cmocka_unit_test(test_R_A1_per_capita_exactly_at_line_is_only_below_threshold),
        cmocka_unit_test(test_R_A1_one_fen_below_line_is_severe_without_R_A2),
        cmocka_unit_test(test_R_A_threshold_from_policy_set_moves_the_boundary),
        cmocka_unit_test(test_R_A3_drop_exactly_at_ratio_is_a_drop_and_only_watch),
        cmocka_unit_test(test_R_A3_one_fen_less_of_a_drop_is_no_drop),
        cmocka_unit_test(test_R_A3_needs_a_known_positive_previous_year),
        cmocka_unit_test(test_R_A3_drop_into_the_range_keeps_both_signals),
        cmocka_unit_test(test_R_A4_spending_exactly_at_last_years_income_is_no_signal),
        cmocka_unit_test(test_R_A4_one_fen_above_last_years_income_is_warning_alone),
        cmocka_unit_test(test_R_A4_compares_with_last_year_not_this_year),
        cmocka_unit_test(test_R_A4_uses_this_years_income_when_last_years_is_unknown),
        cmocka_unit_test(test_R_A4_any_spending_triggers_when_that_income_is_not_positive),
        cmocka_unit_test(test_R_A4_one_expense_blank_triggers_only_when_the_known_one_exceeds),
        cmocka_unit_test(test_R_A5_each_event_kind_gives_its_code),
        cmocka_unit_test(test_R_A5_one_code_per_kind_in_kind_order_and_only_for_year_Y),
        cmocka_unit_test(test_R_A6_unmet_guarantee_is_severe_unknown_only_watch),
        cmocka_unit_test(test_R_A7_no_labor_covered_by_dibao_or_tekun_is_watch_and_stays),
        cmocka_unit_test(test_R_A8_no_labor_and_no_assistance_is_warning),
        cmocka_unit_test(test_R_A8_blank_assistance_is_not_known_to_be_uncovered),
        cmocka_unit_test(test_R_A7_needs_every_member_known_to_be_without_labour),
        cmocka_unit_test(test_R_A9_unknown_income_is_watch_and_never_below),
        cmocka_unit_test(test_R_A10_below_threshold_with_a_risk_or_no_labor_is_warning),
        cmocka_unit_test(test_R_A10_drop_with_an_event_is_warning),
        cmocka_unit_test(test_R_A10_below_line_wins_over_warning),
        cmocka_unit_test(test_R_A11_registered_poor_in_Y_is_registered),
        cmocka_unit_test(test_R_A11_exited_below_threshold_is_unstable),
        cmocka_unit_test(test_R_A11_never_registered_below_threshold_is_marginal),
        cmocka_unit_test(test_R_A11_at_threshold_or_unknown_income_is_hardship),
        cmocka_unit_test(test_section4_year_without_threshold_has_null_alert_and_exit),
        cmocka_unit_test(test_R_M1_five_months_is_too_short_six_is_enough),
        cmocka_unit_test(test_R_M1_since_given_as_a_year_is_december),
        cmocka_unit_test(test_R_M1_not_monitored_without_monitor_or_when_since_is_after_Y),
        cmocka_unit_test(test_R_M1_min_months_from_policy),
        cmocka_unit_test(test_R_M1_income_exactly_at_threshold_leaves_one_fen_below_stays),
        cmocka_unit_test(test_R_M1_whole_household_without_labour_stays_with_or_without_dibao),
        cmocka_unit_test(test_R_M1_risk_present_wins_over_risk_unknown),
        cmocka_unit_test(test_R_A_and_R_M1_table),
        cmocka_unit_test(test_table_covers_every_level_category_and_code),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
