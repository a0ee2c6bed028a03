/* Built-in values of low confidence (data/national-defaults.csv status unconfirmed,
 * weak or widely quoted) are carried by every result that uses them: the
 * "low_confidence" key of the household, village and group JSON (present only when
 * non-empty), the CSV column of the same name, and the *_low_confidence accessors.
 * Expected lists are read off the data file by hand for each year. Black-box. */
#include <stdio.h>
#include <string.h>

#include "util.h"

#define CODE "520102001001"

static char line[8192];

static fupin_policy *national(void)
{
    fupin_policy *p = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_builtin(&p, "national"));
    return p;
}

static void income(fupin_household *h, int32_t year, const char *wage)
{
    const char *f[][2] = {{"wage", wage}, {"business", "0"}, {"property", "0"}, {"transfer", "0"}};
    for (int i = 0; i < 4; i++)
        FUPIN_OK_OR_FAIL(fupin_household_set_income(h, year, f[i][0], f[i][1]));
}

/* Evaluate a household (income in `year` and the year before) and return its list as
 * one space-separated string, after checking the JSON and CSV carry the same. */
static const char *low_of(const fupin_policy *p, int32_t year)
{
    static char list[1024];
    char want_json[1100];
    fupin_household *h = tu_household_ok("H1", year, "9000");
    income(h, year - 1, "8000");
    fupin_result *r = NULL;
    FUPIN_OK_OR_FAIL(fupin_result_create(&r));
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(p, h, year, r));
    size_t n = fupin_result_low_confidence_count(r), o = 0, j = 0;
    list[0] = '\0';
    want_json[0] = '\0';
    j += (size_t)snprintf(want_json, sizeof want_json, ",\"low_confidence\":[");
    for (size_t i = 0; i < n; i++) {
        const char *label = fupin_result_low_confidence(r, i);
        assert_non_null(label);
        o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", i ? " " : "", label);
        j += (size_t)snprintf(want_json + j, sizeof want_json - j, "%s\"%s\"", i ? "," : "", label);
    }
    snprintf(want_json + j, sizeof want_json - j, "]}");
    assert_null(fupin_result_low_confidence(r, n));
    FUPIN_OK_OR_FAIL(fupin_result_to_json(r, line, sizeof line, NULL));
    if (n) /* the last key of the line */
        assert_string_equal(line + strlen(line) - strlen(want_json), want_json);
    else /* and absent when empty */
        assert_null(strstr(line, "low_confidence"));
    FUPIN_OK_OR_FAIL(fupin_result_to_csv(r, line, sizeof line, NULL));
    const char *last = strrchr(line, ',');
    assert_non_null(last);
    assert_string_equal(last + 1, list); /* the last CSV column, blank when empty */
    fupin_result_free(r);
    fupin_household_free(h);
    return list;
}

/* 2024: line of 2020 (confirmed, about), threshold of 2020 (derived by rule), national
 * income 2024 and 2023 (confirmed), rural CPI 2024 (derived): nothing to flag. */
static void test_R7_result_resting_on_established_values_has_no_list(void **state)
{
    (void)state;
    fupin_policy *p = national();
    assert_string_equal(low_of(p, 2024), "");
    fupin_policy_free(p);
}

/* 2021: the CPI of 2021 is "unconfirmed" and enters the real growth figures (R-I6). */
static void test_R7_real_growth_of_2021_rests_on_an_unconfirmed_cpi(void **state)
{
    (void)state;
    fupin_policy *p = national();
    assert_string_equal(low_of(p, 2021), "rural_cpi@2021");
    fupin_policy_free(p);
}

/* 2014: national growth (R-I4) uses the income of 2013, "widely quoted"; the CPI of
 * 2014 is "unconfirmed"; the line of 2014 is confirmed. Listed in the data file's
 * order (national_rural_income before rural_cpi). */
static void test_R7_national_growth_of_2014_lists_the_2013_income(void **state)
{
    (void)state;
    fupin_policy *p = national();
    assert_string_equal(low_of(p, 2014), "national_rural_income@2013 rural_cpi@2014");
    fupin_policy_free(p);
}

/* 2013: the national growth is null (no 2012 income), so the "widely quoted" 2013
 * income is used by no figure and is not listed; CPI 2013 and line 2013 confirmed. */
static void test_R7_a_value_only_a_null_figure_would_use_is_not_listed(void **state)
{
    (void)state;
    fupin_policy *p = national();
    assert_string_equal(low_of(p, 2013), "");
    fupin_policy_free(p);
}

/* 2019: the line of 2019 is "weak" (a rule in force from 2019), the CPI "unconfirmed";
 * 2020 takes the line of 2020 and the CPI of 2020 ("unconfirmed"). 2017 and 2018:
 * the "unconfirmed" lines of those years. */
static void test_R7_rule_values_are_listed_in_the_years_they_are_in_force(void **state)
{
    (void)state;
    fupin_policy *p = national();
    assert_string_equal(low_of(p, 2019), "poverty_line@2019 rural_cpi@2019");
    assert_string_equal(low_of(p, 2020), "rural_cpi@2020");
    assert_string_equal(low_of(p, 2018), "poverty_line@2018 rural_cpi@2018");
    assert_string_equal(low_of(p, 2017), "poverty_line@2017");
    fupin_policy_free(p);
}

/* A policy file that gives its own value replaces the built-in one: no longer flagged
 * (and an undated entry replaces the whole series). */
static void test_R7_a_policy_file_value_is_not_low_confidence(void **state)
{
    (void)state;
    fupin_policy *p = NULL;
    const char *text = "rural_cpi@2021 = 0.9\npoverty_line = 3000\n";
    FUPIN_OK_OR_FAIL(fupin_policy_parse(&p, text, strlen(text), "p.pol", "."));
    assert_string_equal(low_of(p, 2021), "");
    assert_string_equal(low_of(p, 2019), "rural_cpi@2019");
    fupin_policy_free(p);
}

/* Villages and groups carry what their households and their own figures used. */
static void test_R7_village_and_group_results_carry_the_list(void **state)
{
    (void)state;
    fupin_policy *p = national();
    fupin_village *v = NULL;
    FUPIN_OK_OR_FAIL(fupin_village_create(&v, CODE, "west"));
    FUPIN_OK_OR_FAIL(fupin_village_set(v, "population", "100"));
    fupin_household *h = tu_household_ok("H1", 2021, "9000");
    income(h, 2020, "8000");
    FUPIN_OK_OR_FAIL(fupin_village_add_household(v, h));
    fupin_summary *vr = NULL;
    FUPIN_OK_OR_FAIL(fupin_summary_create(&vr));
    FUPIN_OK_OR_FAIL(fupin_village_evaluate(p, v, 2021, vr));
    assert_int_equal(fupin_summary_low_confidence_count(vr), 1);
    assert_string_equal(fupin_summary_low_confidence(vr, 0), "rural_cpi@2021");
    assert_null(fupin_summary_low_confidence(vr, 1));
    FUPIN_OK_OR_FAIL(fupin_summary_to_json(vr, line, sizeof line, NULL));
    assert_string_equal(line + strlen(line) - strlen(",\"low_confidence\":[\"rural_cpi@2021\"]}}"),
                        ",\"low_confidence\":[\"rural_cpi@2021\"]}}");

    const fupin_village *villages[1] = {v};
    fupin_evaluator *e = NULL;
    fupin_summary *gr = NULL;
    FUPIN_OK_OR_FAIL(fupin_evaluator_create(&e, p, 2021));
    FUPIN_OK_OR_FAIL(fupin_summary_create(&gr));
    FUPIN_OK_OR_FAIL(fupin_evaluator_evaluate_group_villages(e, villages, 1, "52", gr));
    assert_int_equal(fupin_summary_low_confidence_count(gr), 1);
    assert_string_equal(fupin_summary_low_confidence(gr, 0), "rural_cpi@2021");
    FUPIN_OK_OR_FAIL(fupin_summary_to_json(gr, line, sizeof line, NULL));
    assert_non_null(strstr(line, ",\"low_confidence\":[\"rural_cpi@2021\"]}}"));

    /* 2024 rests on nothing flagged: no key at all */
    FUPIN_OK_OR_FAIL(fupin_village_evaluate(p, v, 2024, vr));
    assert_int_equal(fupin_summary_low_confidence_count(vr), 0);
    FUPIN_OK_OR_FAIL(fupin_summary_to_json(vr, line, sizeof line, NULL));
    assert_null(strstr(line, "low_confidence"));

    /* NULL results: nothing */
    assert_int_equal(fupin_result_low_confidence_count(NULL), 0);
    assert_null(fupin_result_low_confidence(NULL, 0));
    assert_int_equal(fupin_summary_low_confidence_count(NULL), 0);
    assert_null(fupin_summary_low_confidence(NULL, 0));

    fupin_summary_free(gr);
    fupin_evaluator_free(e);
    fupin_summary_free(vr);
    fupin_household_free(h);
    fupin_village_free(v);
    fupin_policy_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_R7_result_resting_on_established_values_has_no_list),
        cmocka_unit_test(test_R7_real_growth_of_2021_rests_on_an_unconfirmed_cpi),
        cmocka_unit_test(test_R7_national_growth_of_2014_lists_the_2013_income),
        cmocka_unit_test(test_R7_a_value_only_a_null_figure_would_use_is_not_listed),
        cmocka_unit_test(test_R7_rule_values_are_listed_in_the_years_they_are_in_force),
        cmocka_unit_test(test_R7_a_policy_file_value_is_not_low_confidence),
        cmocka_unit_test(test_R7_village_and_group_results_carry_the_list),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
