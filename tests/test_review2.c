/* Findings of the second independent review (rules.md and formats.md against lib/):
 * each test states a rule at a boundary where the code and the rule book disagreed,
 * with its expected value derived by hand from the rule. */
#include <stdio.h>
#include <string.h>

#include "util.h"

/* rules.md, "Money is exact": a line is compared as household_total < line x members in
 * fen. A line of 4000.005 yuan was rounded to 4000.00, so a one-member household with
 * 4000.00 yuan (exactly 0.005 below the line) was decided `above`. A line finer than a
 * fen cannot be compared in fen: it is refused, as ratios finer than a millionth are. */
static void test_R_I3_poverty_line_finer_than_a_fen_is_refused_not_rounded(void **state)
{
    (void)state;
    fupin_policy *p = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_builtin(&p, "national"));
    assert_int_equal(fupin_policy_set(p, "poverty_line", NULL, 2024, 4000.005), FUPIN_EINVAL);
    assert_non_null(strstr(fupin_last_error(), "poverty_line"));
    assert_int_equal(fupin_policy_set(p, "monitoring_threshold", NULL, 2024, 6000.001),
                     FUPIN_EINVAL);
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

/* rules.md, "Money is exact": a line too large for int64 fen (1e300 yuan) became a
 * negative number of fen, which put every household `above` it. Lines are held in the
 * same range as dataset amounts (formats.md 1: at most 100,000,000,000 yuan). */
static void test_R_I3_poverty_line_beyond_the_amount_range_is_refused(void **state)
{
    (void)state;
    fupin_policy *p = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_builtin(&p, "national"));
    assert_int_equal(fupin_policy_set(p, "poverty_line", NULL, 2024, 1e300), FUPIN_EINVAL);
    assert_int_equal(fupin_policy_set(p, "monitoring_threshold", NULL, 2024, 1e11 + 0.01),
                     FUPIN_EINVAL);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_R_I3_poverty_line_finer_than_a_fen_is_refused_not_rounded),
        cmocka_unit_test(test_R_I3_poverty_line_of_whole_fen_decides_exactly),
        cmocka_unit_test(test_R_I3_poverty_line_beyond_the_amount_range_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
