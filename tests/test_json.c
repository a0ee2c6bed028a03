/* Result writers: JSON Lines and CSV, docs/reference/output.md (black-box). */
#include <stdio.h>
#include <stdlib.h>
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

static const char *to_json(const fupin_policy *p, const fupin_household *h, int32_t year)
{
    fupin_result *r = NULL;
    FUPIN_OK_OR_FAIL(fupin_result_create(&r));
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(p, h, year, r));
    size_t needed = 0;
    FUPIN_OK_OR_FAIL(fupin_result_to_json(r, line, sizeof line, &needed));
    assert_int_equal(needed, strlen(line));
    fupin_result_free(r);
    return line;
}

/* The example household of docs/reference/output.md: exited, a child out of school, no
 * water data; 10247 yuan for two members in 2024 and 9461.68 in 2023. */
static void test_json_household_line_has_the_formats_example_shape(void **state)
{
    (void)state;
    fupin_policy *p = national();
    fupin_household *h = tu_household_ok("H0001", 2024, "10247");
    income(h, 2023, "9461.68");
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "registered_year", "2016"));
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "exit_year", "2019"));
    FUPIN_OK_OR_FAIL(fupin_household_add_member(h, "c1", "2012-03-01"));
    FUPIN_OK_OR_FAIL(fupin_household_set_member(h, "c1", "school", "dropout"));
    FUPIN_OK_OR_FAIL(fupin_household_set_member(h, "c1", "insured", "1"));
    const char *water[] = {"water_litres", "water_minutes", "water_supply_rate",
                           "water_quality_ok"};
    for (int i = 0; i < 4; i++)
        FUPIN_OK_OR_FAIL(fupin_household_set(h, water[i], ""));
    fupin_village *v = NULL;
    FUPIN_OK_OR_FAIL(fupin_village_create(&v, CODE, "west"));
    FUPIN_OK_OR_FAIL(fupin_village_add_household(v, h));
    /* per capita 5123.5; growth 10247 / 9461.68 - 1 = 8.300006 %; national 6.583376 %;
     * gap 1.716630; real 1.0830 / 1.003 - 1 = 7.976078 %; national real 6.264582 % */
    const char *expect =
        "{\"household\":\"H0001\",\"village\":\"520102001001\",\"year\":2024,"
        "\"guarantee\":{\"status\":\"unmet\",\"food\":\"met\",\"clothing\":\"met\","
        "\"education\":\"unmet\",\"medical\":\"met\",\"housing\":\"met\","
        "\"water\":\"unknown\",\"reasons\":[\"EDU_DROPOUT\",\"WATER_UNKNOWN\"]},"
        "\"income\":{\"per_capita\":5123.5,\"poverty_line\":4000,\"status\":\"above\","
        "\"growth\":8.3,\"national_growth\":6.58,\"gap_pp\":1.72,\"real_growth\":7.98,"
        "\"national_real_growth\":6.26},\"exit_eligible\":false,\"alert\":{\"level\":";
    to_json(p, fupin_village_household(v, 0), 2024);
    assert_memory_equal(line, expect, strlen(expect));
    /* alert and monitor_exit are objects in a year with a threshold */
    assert_non_null(strstr(line, ",\"category\":"));
    assert_non_null(strstr(line, "},\"monitor_exit\":{\"status\":"));
    assert_string_equal(line + strlen(line) - 2, "}}");
    fupin_village_free(v);
    fupin_household_free(h);
    fupin_policy_free(p);
}

static void test_json_exact_line_without_threshold_escapes_and_uses_null(void **state)
{
    (void)state;
    fupin_policy *p = national();
    /* a quote, a backslash, a tab and a UTF-8 character in the id */
    fupin_household *h = tu_household_ok("H\"2\\\t\xC3\xA9", 2019, "3218");
    income(h, 2018, "0");
    /* 2019: line 3218 (exactly at the line is not below), no monitoring threshold, base
     * year income 0 (growth null); national 16021 / 14617 - 1 = 9.605254 %, real
     * 1.096053 / 1.032 - 1 = 6.206642 %. The line of 2019 (3218) has status "weak" and
     * rural_cpi 2019 (3.2) "unconfirmed" in data/national-defaults.csv: both are used,
     * so both are listed, in the data file's order; national_rural_income 2018 and
     * 2019 are confirmed. */
    assert_string_equal(
        to_json(p, h, 2019),
        "{\"household\":\"H\\\"2\\\\\\u0009\xC3\xA9\",\"village\":null,\"year\":2019,"
        "\"guarantee\":{\"status\":\"met\",\"food\":\"met\",\"clothing\":\"met\","
        "\"education\":\"met\",\"medical\":\"met\",\"housing\":\"met\",\"water\":\"met\","
        "\"reasons\":[]},\"income\":{\"per_capita\":3218,\"poverty_line\":3218,"
        "\"status\":\"above\",\"growth\":null,\"national_growth\":9.61,\"gap_pp\":null,"
        "\"real_growth\":null,\"national_real_growth\":6.21},\"exit_eligible\":true,"
        "\"alert\":null,\"monitor_exit\":null,\"low_confidence\":[\"poverty_line@2019\",\"rural_"
        "cpi@2019\"]}");
    fupin_household_free(h);
    fupin_policy_free(p);
}

static void test_json_unknown_income_is_null_and_status_unknown(void **state)
{
    (void)state;
    fupin_policy *p = national();
    fupin_household *h = tu_household_ok("H3", 2019, NULL);
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "food_secure", ""));
    assert_string_equal(
        to_json(p, h, 2019),
        "{\"household\":\"H3\",\"village\":null,\"year\":2019,"
        "\"guarantee\":{\"status\":\"unknown\",\"food\":\"unknown\",\"clothing\":\"met\","
        "\"education\":\"met\",\"medical\":\"met\",\"housing\":\"met\",\"water\":\"met\","
        "\"reasons\":[\"FOOD_UNKNOWN\"]},\"income\":{\"per_capita\":null,"
        "\"poverty_line\":3218,\"status\":\"unknown\",\"growth\":null,"
        "\"national_growth\":9.61,\"gap_pp\":null,\"real_growth\":null,"
        "\"national_real_growth\":6.21},\"exit_eligible\":null,"
        "\"alert\":null,\"monitor_exit\":null,\"low_confidence\":[\"poverty_line@2019\",\"rural_"
        "cpi@2019\"]}");
    fupin_household_free(h);
    fupin_policy_free(p);
}

static void test_json_numbers_are_shortest_and_negative_per_capita_prints(void **state)
{
    (void)state;
    static const struct {
        const char *wage, *business;
        const char *expect;
    } cases[] = {
        {"4000", "0", "\"per_capita\":4000,"},
        {"4000.10", "0", "\"per_capita\":4000.1,"},
        {"0.01", "0", "\"per_capita\":0.01,"},
        {"0", "0", "\"per_capita\":0,"},
        {"0", "-1000.5", "\"per_capita\":-1000.5,"},
        {"0", "-0.07", "\"per_capita\":-0.07,"},
        {"100000000000", "0", "\"per_capita\":100000000000,"},
    };
    fupin_policy *p = national();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fupin_household *h = tu_household_ok("H", 2019, cases[i].wage);
        FUPIN_OK_OR_FAIL(fupin_household_set_income(h, 2019, "business", cases[i].business));
        const char *s = to_json(p, h, 2019);
        if (!strstr(s, cases[i].expect))
            fail_msg("%s not in %s", cases[i].expect, s);
        assert_null(strstr(s, "-0,"));
        assert_null(strstr(s, "e+"));
        fupin_household_free(h);
    }
    /* a per-capita that rounds: 10000.01 / 3 = 3333.3367 -> 3333.34 */
    fupin_household *h = tu_household_ok("H", 2019, "10000.01");
    FUPIN_OK_OR_FAIL(fupin_household_add_member(h, "m2", "1980"));
    FUPIN_OK_OR_FAIL(fupin_household_add_member(h, "m3", "1980"));
    assert_non_null(strstr(to_json(p, h, 2019), "\"per_capita\":3333.34,"));
    fupin_household_free(h);
    fupin_policy_free(p);
}

static void test_json_too_small_buffer_gives_enospc_and_the_size_needed(void **state)
{
    (void)state;
    fupin_policy *p = national();
    fupin_household *h = tu_household_ok("H1", 2019, "5000");
    fupin_result *r = NULL;
    FUPIN_OK_OR_FAIL(fupin_result_create(&r));
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(p, h, 2019, r));
    size_t needed = 0;
    char small[16];
    assert_int_equal(fupin_result_to_json(r, small, sizeof small, &needed), FUPIN_ENOSPC);
    assert_string_equal(small, "");
    assert_true(needed > sizeof small);
    assert_int_equal(fupin_result_to_json(r, NULL, 0, &needed), FUPIN_ENOSPC);
    assert_int_equal(fupin_result_to_json(r, line, needed, NULL), FUPIN_ENOSPC);
    FUPIN_OK_OR_FAIL(fupin_result_to_json(r, line, needed + 1, NULL));
    assert_int_equal(strlen(line), needed);
    assert_int_equal(fupin_result_to_csv(r, small, sizeof small, &needed), FUPIN_ENOSPC);
    FUPIN_OK_OR_FAIL(fupin_result_to_csv(r, line, needed + 1, NULL));
    assert_int_equal(strlen(line), needed);
    assert_int_equal(fupin_result_to_json(NULL, line, sizeof line, NULL), FUPIN_EINVAL);
    fupin_result_free(r);
    fupin_household_free(h);
    fupin_policy_free(p);
}

static void test_csv_header_and_row_follow_the_json_order(void **state)
{
    (void)state;
    assert_string_equal(
        fupin_result_csv_header(),
        "household,village,year,guarantee.status,guarantee.food,guarantee.clothing,"
        "guarantee.education,guarantee.medical,guarantee.housing,guarantee.water,"
        "guarantee.reasons,income.per_capita,income.poverty_line,income.status,"
        "income.growth,income.national_growth,income.gap_pp,income.real_growth,"
        "income.national_real_growth,income.since,income.cagr,income.national_cagr,"
        "exit_eligible,alert.level,alert.category,alert.reasons,monitor_exit.status,"
        "monitor_exit.reasons,low_confidence");
    fupin_policy *p = national();
    fupin_household *h = tu_household_ok("H\"2,\xC3\xA9", 2019, "3218");
    income(h, 2018, "0");
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "housing", "C"));
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "water_litres", "10"));
    fupin_result *r = NULL;
    FUPIN_OK_OR_FAIL(fupin_result_create(&r));
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(p, h, 2019, r));
    FUPIN_OK_OR_FAIL(fupin_result_to_csv(r, line, sizeof line, NULL));
    assert_string_equal(line, "\"H\"\"2,\xC3\xA9\",,2019,unmet,met,met,met,met,unmet,unmet,"
                              "HOUSING_UNSAFE WATER_QUANTITY,3218,3218,above,,9.61,,,6.21,"
                              ",,,false,,,,,,poverty_line@2019 rural_cpi@2019");
    fupin_result_free(r);
    fupin_household_free(h);
    fupin_policy_free(p);
}

static fupin_village *village_2019(void)
{
    fupin_village *v = NULL;
    FUPIN_OK_OR_FAIL(fupin_village_create(&v, CODE, "east"));
    FUPIN_OK_OR_FAIL(fupin_village_set(v, "name", "花溪村"));
    FUPIN_OK_OR_FAIL(fupin_village_set(v, "population", "100"));
    const char *now[2] = {"11000", "12000"};
    for (int i = 0; i < 2; i++) {
        fupin_household *h = tu_household_ok(i ? "P1" : "P0", 2019, now[i]);
        income(h, 2018, "10000");
        income(h, 2015, "8000");
        FUPIN_OK_OR_FAIL(fupin_household_set(h, "registered_year", "2015"));
        FUPIN_OK_OR_FAIL(fupin_village_add_household(v, h));
        fupin_household_free(h);
    }
    return v;
}

static void test_village_json_exact_line(void **state)
{
    (void)state;
    fupin_policy *p = national();
    fupin_village *v = village_2019();
    fupin_summary *r = NULL;
    FUPIN_OK_OR_FAIL(fupin_summary_create(&r));
    FUPIN_OK_OR_FAIL(fupin_village_evaluate(p, v, 2019, r));
    size_t needed = 0;
    FUPIN_OK_OR_FAIL(fupin_summary_to_json(r, line, sizeof line, &needed));
    /* R-V1: 2 poor of 100 = 0.02, exit true. R-I7: 23000 / 2 = 11500; growth
     * 23000 / 20000 - 1 = 15 %, gap 15 - 9.605254 = 5.394746, real 1.15 / 1.032 - 1 =
     * 11.434109 %; both households beat 9.61 % (10 % and 20 %). 2019: no threshold. */
    assert_string_equal(
        line, "{\"village\":{\"code\":\"520102001001\",\"name\":\"花溪村\",\"year\":2019,"
              "\"households\":2,\"population\":100,\"poor_population\":2,\"incidence\":0.02,"
              "\"exit_eligible\":true,\"exit_reasons\":[],"
              "\"guarantee\":{\"met\":2,\"unmet\":0,\"unknown\":0},\"alerts\":null,"
              "\"categories\":null,\"monitor_exit\":null,\"income\":{\"per_capita\":11500,"
              "\"growth\":15,\"national_growth\":9.61,\"gap_pp\":5.39,\"real_growth\":11.43,"
              "\"national_real_growth\":6.21,\"households_income_known\":2,"
              "\"panel_households\":2,\"households_above_national\":2},\"visit_first\":null,"
              "\"low_confidence\":[\"poverty_line@2019\",\"rural_cpi@2019\"]}}");
    assert_int_equal(needed, strlen(line));

    /* with a span: since, cagr and national_cagr after national_real_growth.
     * (23000 / 16000)^(1/4) - 1 = 9.4994 %; (16021 / 11422)^(1/4) - 1 = 8.8284 % */
    fupin_evaluator *e = NULL;
    FUPIN_OK_OR_FAIL(fupin_evaluator_create_since(&e, p, 2019, 2015));
    FUPIN_OK_OR_FAIL(fupin_evaluator_evaluate_village(e, v, r));
    FUPIN_OK_OR_FAIL(fupin_summary_to_json(r, line, sizeof line, NULL));
    assert_non_null(strstr(line,
                           "\"national_real_growth\":6.21,\"since\":2015,\"cagr\":9.5,"
                           "\"national_cagr\":8.83,\"households_income_known\":2,"
                           "\"panel_households\":2,\"households_above_national\":2,"
                           "\"span_panel_households\":2},\"visit_first\":null,"
                           "\"low_confidence\":[\"poverty_line@2019\",\"rural_cpi@2019\"]}}"));
    fupin_evaluator_free(e);

    /* blank population and name: nulls, and alerts objects in a threshold year */
    FUPIN_OK_OR_FAIL(fupin_village_set(v, "population", ""));
    FUPIN_OK_OR_FAIL(fupin_village_set(v, "name", ""));
    FUPIN_OK_OR_FAIL(fupin_village_evaluate(p, v, 2024, r));
    FUPIN_OK_OR_FAIL(fupin_summary_to_json(r, line, sizeof line, NULL));
    const char *prefix = "{\"village\":{\"code\":\"520102001001\",\"name\":null,\"year\":2024,"
                         "\"households\":2,\"population\":null,\"poor_population\":2,"
                         "\"incidence\":null,\"exit_eligible\":null,"
                         "\"exit_reasons\":[\"INCIDENCE_UNKNOWN\"],"
                         "\"guarantee\":{\"met\":2,\"unmet\":0,\"unknown\":0},"
                         "\"alerts\":{\"none\":";
    assert_memory_equal(line, prefix, strlen(prefix));
    assert_non_null(strstr(line, ",\"categories\":{\"none\":"));
    assert_non_null(strstr(line, ",\"monitor_exit\":{\"not_monitored\":"));
    /* no income in 2024 or 2023 */
    assert_non_null(strstr(line, "\"income\":{\"per_capita\":null,\"growth\":null,"
                                 "\"national_growth\":6.58,\"gap_pp\":null,"
                                 "\"real_growth\":null,\"national_real_growth\":6.26,"
                                 "\"households_income_known\":0,\"panel_households\":0,"
                                 "\"households_above_national\":0},\"visit_first\":[]}}"));

    /* a small buffer gives ENOSPC */
    char small[8];
    assert_int_equal(fupin_summary_to_json(r, small, sizeof small, &needed), FUPIN_ENOSPC);
    assert_true(needed > 100);
    fupin_summary_free(r);
    fupin_village_free(v);
    fupin_policy_free(p);
}

/* B1 (issue 14): a summary owns what it prints. Village A (50 households, all severe:
 * per capita 3000 < line 4000 in 2024) is evaluated, then freed, and village B with
 * the same code and one household is built in its place: A's line is still A's. */
static void test_village_json_is_written_from_the_summary_alone(void **state)
{
    (void)state;
    fupin_policy *p = NULL;
    fupin_summary *r = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_builtin(&p, "national"));
    fupin_village *a = NULL, *b = NULL;
    FUPIN_OK_OR_FAIL(fupin_summary_create(&r));
    FUPIN_OK_OR_FAIL(fupin_village_create(&a, "520102001001", "west"));
    FUPIN_OK_OR_FAIL(fupin_village_set(a, "name", "A村"));
    char id[16];
    for (int i = 0; i < 50; i++) {
        snprintf(id, sizeof id, "A%02d", i);
        fupin_household *h = tu_household_ok(id, 2024, "3000");
        FUPIN_OK_OR_FAIL(fupin_village_add_household(a, h));
        fupin_household_free(h);
    }
    FUPIN_OK_OR_FAIL(fupin_village_evaluate(p, a, 2024, r));
    fupin_village_free(a);
    FUPIN_OK_OR_FAIL(fupin_village_create(&b, "520102001001", "west"));
    fupin_household *h = tu_household_ok("B1", 2024, "3000");
    FUPIN_OK_OR_FAIL(fupin_village_add_household(b, h));
    fupin_household_free(h);

    size_t needed = 0;
    assert_int_equal(fupin_summary_to_json(r, NULL, 0, &needed), FUPIN_ENOSPC);
    char *text = malloc(needed + 1);
    assert_non_null(text);
    FUPIN_OK_OR_FAIL(fupin_summary_to_json(r, text, needed + 1, NULL));
    assert_non_null(strstr(text, "\"name\":\"A村\""));
    assert_non_null(strstr(text, "\"households\":50,"));
    assert_non_null(strstr(text, "\"visit_first\":[\"A00\",\"A01\","));
    assert_non_null(strstr(text, ",\"A48\",\"A49\"]}}"));
    assert_null(strstr(text, "B1"));
    assert_string_equal(fupin_summary_name(r), "A村");
    assert_string_equal(fupin_summary_visit_id(r, 49), "A49");
    assert_null(fupin_summary_visit_id(r, 50));
    free(text);
    fupin_village_free(b);
    fupin_summary_free(r);
    fupin_policy_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_household_line_has_the_formats_example_shape),
        cmocka_unit_test(test_json_exact_line_without_threshold_escapes_and_uses_null),
        cmocka_unit_test(test_json_unknown_income_is_null_and_status_unknown),
        cmocka_unit_test(test_json_numbers_are_shortest_and_negative_per_capita_prints),
        cmocka_unit_test(test_json_too_small_buffer_gives_enospc_and_the_size_needed),
        cmocka_unit_test(test_csv_header_and_row_follow_the_json_order),
        cmocka_unit_test(test_village_json_exact_line),
        cmocka_unit_test(test_village_json_is_written_from_the_summary_alone),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
