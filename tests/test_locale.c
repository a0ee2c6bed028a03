/* Numbers in datasets and policy files use '.', whatever locale the host program set
 * (docs/dataset.md: "Numbers use . as the decimal point"). A program that called
 * setlocale(LC_ALL, "") in a German or French locale must read the same values. */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

static int setup_comma_locale(void **state)
{
    (void)state;
    const char *names[] = {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (setlocale(LC_ALL, names[i]) && strcmp(localeconv()->decimal_point, ",") == 0)
            return 0;
    /* scripts/deps.sh installs locales-all: without it this test cannot prove anything */
    fprintf(stderr, "no comma-decimal locale installed (install locales-all)\n");
    return -1;
}

static int teardown_locale(void **state)
{
    (void)state;
    setlocale(LC_ALL, "C");
    return 0;
}

static void test_water_decimals_read_the_same_under_a_comma_locale(void **state)
{
    (void)state;
    fupin_policy *p = NULL;
    fupin_result *r = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_builtin(&p, "national"));
    FUPIN_OK_OR_FAIL(fupin_result_create(&r));
    fupin_household *h = tu_household_ok("H1", 2024, "10000");
    assert_non_null(h);
    /* R-G6 with a threshold of 34.5: 34.6 passes and 34.4 fails; a reader that stopped
     * at the '.' (strtod under a comma locale) would see 34 and fail both. */
    FUPIN_OK_OR_FAIL(fupin_policy_set(p, "water_litres_min", NULL, 0, 34.5));
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "water_litres", "34.6"));
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(p, h, 2024, r));
    assert_int_equal(fupin_result_dimension(r, FUPIN_DIM_WATER), FUPIN_STATUS_MET);
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "water_litres", "34.4"));
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(p, h, 2024, r));
    assert_int_equal(fupin_result_dimension(r, FUPIN_DIM_WATER), FUPIN_STATUS_UNMET);
    /* a comma is not a decimal point in the data, whatever the locale */
    assert_int_equal(fupin_household_set(h, "water_litres", "35,5"), FUPIN_EINVAL);
    fupin_household_free(h);
    fupin_result_free(r);
    fupin_policy_free(p);
}

static void test_policy_numbers_read_the_same_under_a_comma_locale(void **state)
{
    (void)state;
    static const char text[] = "income_drop_ratio = 0.25\nrigid_expense_ratio = 1.5e0\n"
                               "water_litres_min = 35.123456789012345678901\n";
    fupin_policy *p = NULL;
    double v = 0;
    FUPIN_OK_OR_FAIL(fupin_policy_parse(&p, text, sizeof text - 1, "p.pol", NULL));
    FUPIN_OK_OR_FAIL(fupin_policy_get(p, "income_drop_ratio", NULL, 2024, &v));
    assert_true(v == 0.25);
    FUPIN_OK_OR_FAIL(fupin_policy_get(p, "rigid_expense_ratio", NULL, 2024, &v));
    assert_true(v == 1.5);
    /* too many digits for the exact path: converted through the slow path */
    FUPIN_OK_OR_FAIL(fupin_policy_get(p, "water_litres_min", NULL, 2024, &v));
    assert_true(v > 35.12 && v < 35.13);
    fupin_policy_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_water_decimals_read_the_same_under_a_comma_locale),
        cmocka_unit_test(test_policy_numbers_read_the_same_under_a_comma_locale),
    };
    return cmocka_run_group_tests(tests, setup_comma_locale, teardown_locale);
}
