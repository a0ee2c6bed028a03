/* Findings of the independent review of the rule implementations against docs/reference/rules.md:
 * each test states a rule at a boundary where the code and the rule book disagreed. */
#include <stdio.h>
#include <string.h>

#include "util.h"

/* R-A4 compares rigid spending with rigid_expense_ratio x income exactly: a ratio finer
 * than a millionth was once rounded, which decided 1 fen > 0.0000006 x 1,000,000 fen as
 * "no risk"; then refused. Since issue 11 it is held exactly (test_harden.c has the
 * boundary cases), so it is accepted. */
static void test_R_A4_ratio_finer_than_a_millionth_is_accepted_exactly(void **state)
{
    (void)state;
    fupin_policy *p = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_builtin(&p, "national"));
    FUPIN_OK_OR_FAIL(fupin_policy_set(p, "rigid_expense_ratio", NULL, 0, 0.0000006));
    FUPIN_OK_OR_FAIL(fupin_policy_set(p, "rigid_expense_ratio", NULL, 0, 0.000001));
    fupin_policy_free(p);
}

/* R-V2: incidence <= village_exit_incidence_max compared exactly. 1 poor of 50 is 0.02,
 * above 0.0199996: rounding the maximum to 0.02 let the village exit. The value is now
 * held exactly (test_harden.c evaluates the village). */
static void test_R_V2_incidence_max_finer_than_a_millionth_is_accepted_exactly(void **state)
{
    (void)state;
    fupin_policy *p = NULL;
    const char *text = "village_exit_incidence_max = 0.0199996\n";
    FUPIN_OK_OR_FAIL(fupin_policy_parse(&p, text, strlen(text), "review.pol", NULL));
    fupin_policy_free(p);
    const char *ok = "village_exit_incidence_max = 0.025\nincome_drop_ratio = 0.333333\n";
    FUPIN_OK_OR_FAIL(fupin_policy_parse(&p, ok, strlen(ok), "review.pol", NULL));
    fupin_policy_free(p);
}

/* docs/reference/rules.md 7 tries NAME:REGION first. A household evaluated on its own without a
 * region must not be judged by the plain line when the west has its own: with 4200 per capita it
 * would pass a plain 4000 line but not a western 4500 one. */
static void test_R_I3_household_without_region_is_refused_where_the_region_matters(void **state)
{
    (void)state;
    fupin_policy *p = NULL;
    fupin_result *r = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_builtin(&p, "national"));
    FUPIN_OK_OR_FAIL(fupin_result_create(&r));
    fupin_household *h = tu_household_ok("H1", 2024, "4200");
    assert_non_null(h);
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "region", ""));

    /* national: no household parameter differs by region, so no region is needed */
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(p, h, 2024, r));
    assert_int_equal(fupin_result_income_status(r), FUPIN_INCOME_ABOVE);

    FUPIN_OK_OR_FAIL(fupin_policy_set(p, "poverty_line", "west", 2024, 4500));
    assert_int_equal(fupin_household_evaluate(p, h, 2024, r), FUPIN_EINVAL);
    assert_non_null(strstr(fupin_last_error(), "has no region"));
    assert_non_null(strstr(fupin_last_error(), "poverty_line"));
    /* 2023 is before the western entry: the region does not matter there */
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(p, h, 2023, r));

    FUPIN_OK_OR_FAIL(fupin_household_set(h, "region", "west"));
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(p, h, 2024, r));
    assert_int_equal(fupin_result_income_status(r), FUPIN_INCOME_BELOW);
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "region", "east"));
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(p, h, 2024, r));
    assert_int_equal(fupin_result_income_status(r), FUPIN_INCOME_ABOVE);
    fupin_household_free(h);
    fupin_result_free(r);
    fupin_policy_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_R_A4_ratio_finer_than_a_millionth_is_accepted_exactly),
        cmocka_unit_test(test_R_V2_incidence_max_finer_than_a_millionth_is_accepted_exactly),
        cmocka_unit_test(test_R_I3_household_without_region_is_refused_where_the_region_matters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
