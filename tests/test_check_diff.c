/* Unit-testing a policy change: `check` against expectations
 * (docs/reference/README.md#expectations) and `diff` between two policies (docs/cli.md), through
 * the C API. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

static char dir[64];

static void write_file(const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* One eastern village; three one-person households with every guarantee met and
 * per-capita incomes of 10000 (H1), 7000 (H2) and 3000 (H3) in 2024. */
static int setup(void **state)
{
    (void)state;
    strcpy(dir, "/tmp/fupin-check-XXXXXX");
    if (!tu_mkdtemp(dir))
        return -1;
    write_file("villages.csv", "village_code,name,region,population,water_scarce,paved_road,"
                               "electricity,clinic,broadband,collective_income\n"
                               "520102001001,Test,east,100,0,1,1,1,1,50000\n");
    const char *hh_head = "household_id,village_code,registered_year,exit_year,monitor,"
                          "monitor_since,assistance,housing,food_secure,clothing_secure,"
                          "water_litres,water_minutes,water_supply_rate,water_quality_ok\n";
    char hh[1024];
    snprintf(hh, sizeof hh, "%s%s%s%s", hh_head, "H1,520102001001,,,,,none,A,1,1,50,0,95,1\n",
             "H2,520102001001,,,,,none,A,1,1,50,0,95,1\n",
             "H3,520102001001,,,,,none,A,1,1,50,0,95,1\n");
    write_file("households.csv", hh);
    write_file("members.csv",
               "household_id,member_id,birth,sex,id_number,school,disability,insured,health,labor\n"
               "H1,m1,1980-01-01,M,,,0,1,healthy,full\n"
               "H2,m1,1980-01-01,F,,,0,1,healthy,full\n"
               "H3,m1,1980-01-01,M,,,0,1,healthy,full\n");
    write_file("incomes.csv", "household_id,year,wage,business,property,transfer,"
                              "medical_expense,education_expense\n"
                              "H1,2023,9000,0,0,0,0,0\nH1,2024,10000,0,0,0,0,0\n"
                              "H2,2023,7000,0,0,0,0,0\nH2,2024,7000,0,0,0,0,0\n"
                              "H3,2023,3000,0,0,0,0,0\nH3,2024,3000,0,0,0,0,0\n");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static fupin_dataset *load(void)
{
    fupin_dataset *d = NULL;
    FUPIN_OK_OR_FAIL(fupin_dataset_load(&d, dir, FUPIN_LOAD_STRICT));
    return d;
}

static fupin_policy *policy_with_threshold(double threshold)
{
    fupin_policy *p = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_builtin(&p, "national"));
    if (threshold > 0)
        FUPIN_OK_OR_FAIL(fupin_policy_set(p, "monitoring_threshold", NULL, 2024, threshold));
    return p;
}

/* ------------------------------------------------------------ diff */

static void test_diff_of_identical_policies_has_no_change(void **state)
{
    (void)state;
    fupin_dataset *d = load();
    fupin_policy *a = policy_with_threshold(0), *b = policy_with_threshold(0);
    fupin_diff *diff = NULL;
    FUPIN_OK_OR_FAIL(fupin_diff_dataset(&diff, a, b, d, 2024));
    assert_int_equal(fupin_diff_line_count(diff), 0);
    assert_int_equal(fupin_diff_transition_count(diff), 0);
    assert_int_equal(fupin_diff_households_changed(diff), 0);
    assert_int_equal(fupin_diff_villages_changed(diff), 0);
    assert_null(fupin_diff_line(diff, 0));
    fupin_diff_free(diff);
    fupin_policy_free(a);
    fupin_policy_free(b);
    fupin_dataset_free(d);
}

/* Raising the 2024 threshold from 6000 to 8700 puts H2 (7000) on the watch list
 * (R-A2 without a risk); H1 (10000) and H3 (3000, already severe) do not change. */
static void test_diff_of_threshold_change_gives_exactly_the_expected_transitions(void **state)
{
    (void)state;
    fupin_dataset *d = load();
    fupin_policy *a = policy_with_threshold(0), *b = policy_with_threshold(8700);
    fupin_diff *diff = NULL;
    uint64_t n = 0;
    FUPIN_OK_OR_FAIL(fupin_diff_dataset(&diff, a, b, d, 2024));
    assert_int_equal(fupin_diff_households_changed(diff), 1);
    assert_int_equal(fupin_diff_villages_changed(diff), 1);
    assert_int_equal(fupin_diff_line_count(diff), 2);
    assert_string_equal(fupin_diff_line(diff, 0),
                        "{\"household\":\"H2\",\"changes\":{\"alert.level\":[\"none\",\"watch\"],"
                        "\"alert.reasons\":[[],[\"INCOME_BELOW_THRESHOLD\"]]}}");
    assert_string_equal(fupin_diff_line(diff, 1),
                        "{\"village\":\"520102001001\",\"changes\":{\"village.alerts.none\":[2,1],"
                        "\"village.alerts.watch\":[0,1]}}");
    const char *expect[] = {"alert.level none->watch", "alert.reasons []->[INCOME_BELOW_THRESHOLD]",
                            "village.alerts.none 2->1", "village.alerts.watch 0->1"};
    assert_int_equal(fupin_diff_transition_count(diff), 4);
    for (size_t i = 0; i < 4; i++) {
        assert_string_equal(fupin_diff_transition(diff, i, &n), expect[i]);
        assert_int_equal(n, 1);
    }
    assert_null(fupin_diff_transition(diff, 4, &n));
    const char *field, *before, *after, *record, *id;
    FUPIN_OK_OR_FAIL(fupin_diff_transition_parts(diff, 1, &field, &before, &after, &n));
    assert_string_equal(field, "alert.reasons");
    assert_string_equal(before, "[]");
    assert_string_equal(after, "[INCOME_BELOW_THRESHOLD]");
    assert_int_equal(fupin_diff_transition_parts(diff, 4, NULL, NULL, NULL, NULL), FUPIN_EINVAL);

    /* the same changes field by field, as spreadsheet cells */
    const char *cells[4][5] = {
        {"household", "H2", "alert.level", "none", "watch"},
        {"household", "H2", "alert.reasons", "", "INCOME_BELOW_THRESHOLD"},
        {"village", "520102001001", "village.alerts.none", "2", "1"},
        {"village", "520102001001", "village.alerts.watch", "0", "1"},
    };
    assert_int_equal(fupin_diff_change_count(diff), 4);
    for (size_t i = 0; i < 4; i++) {
        FUPIN_OK_OR_FAIL(fupin_diff_change(diff, i, &record, &id, &field, &before, &after));
        assert_string_equal(record, cells[i][0]);
        assert_string_equal(id, cells[i][1]);
        assert_string_equal(field, cells[i][2]);
        assert_string_equal(before, cells[i][3]);
        assert_string_equal(after, cells[i][4]);
    }
    assert_int_equal(fupin_diff_change(diff, 4, &record, NULL, NULL, NULL, NULL), FUPIN_EINVAL);
    fupin_diff_free(diff);

    /* the same change over one village through fupin_diff_village */
    FUPIN_OK_OR_FAIL(fupin_diff_village(&diff, a, b, fupin_dataset_village(d, 0), 2024));
    assert_int_equal(fupin_diff_line_count(diff), 2);
    fupin_diff_free(diff);
    fupin_policy_free(a);
    fupin_policy_free(b);
    fupin_dataset_free(d);
}

/* Transitions of one field are ordered by count (largest first), then by text. */
static void test_diff_transitions_are_ordered_by_count_then_text(void **state)
{
    (void)state;
    fupin_dataset *d = load();
    fupin_policy *a = policy_with_threshold(0), *b = policy_with_threshold(0);
    /* a line of 8000 puts H2 (7000) and H3 (3000) below it; H1 (10000) stays above */
    FUPIN_OK_OR_FAIL(fupin_policy_set(b, "poverty_line", NULL, 2024, 8000));
    fupin_diff *diff = NULL;
    uint64_t n = 0;
    FUPIN_OK_OR_FAIL(fupin_diff_dataset(&diff, a, b, d, 2024));
    assert_string_equal(fupin_diff_transition(diff, 0, &n), "income.poverty_line 4000->8000");
    assert_int_equal(n, 3);
    assert_string_equal(fupin_diff_transition(diff, 1, &n), "income.status above->below");
    assert_int_equal(n, 1);
    fupin_diff_free(diff);
    fupin_policy_free(a);
    fupin_policy_free(b);
    fupin_dataset_free(d);
}

static void test_diff_with_a_year_without_poverty_line_fails_cleanly(void **state)
{
    (void)state;
    fupin_dataset *d = load();
    fupin_policy *a = policy_with_threshold(0);
    fupin_diff *diff = (fupin_diff *)(uintptr_t)1;
    assert_int_equal(fupin_diff_dataset(&diff, a, a, d, 2009), FUPIN_ENOTFOUND);
    assert_null(diff);
    assert_non_null(strstr(fupin_last_error(), "poverty_line has no value for 2009"));
    fupin_policy_free(a);
    fupin_dataset_free(d);
}

/* The default year of a run is the latest year in incomes.csv (not the policy's). */
static void test_default_year_is_the_latest_income_year(void **state)
{
    (void)state;
    fupin_dataset *d = load();
    fupin_policy *p = policy_with_threshold(0);
    FUPIN_OK_OR_FAIL(fupin_policy_set(p, "poverty_line", NULL, 2030, 5000));
    int32_t year = 0;
    FUPIN_OK_OR_FAIL(fupin_dataset_default_year(d, p, &year));
    assert_int_equal(year, 2024);
    assert_int_equal(fupin_dataset_default_year(d, NULL, &year), FUPIN_EINVAL);
    fupin_policy_free(p);
    fupin_dataset_free(d);
}

/* ------------------------------------------------------------ check */

static const char *write_expect(const char *text)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/expect.csv", dir);
    write_file("expect.csv", text);
    return path;
}

static void test_check_counts_passes_and_reports_every_mismatch(void **state)
{
    (void)state;
    fupin_dataset *d = load();
    fupin_policy *p = policy_with_threshold(0);
    fupin_check *k = NULL;
    const char *path =
        write_expect("household_id,year,field,expected\n"
                     "H1,2024,guarantee.status,met\n"                 /* pass */
                     "H1,,alert.level,none\n"                         /* pass: blank year -> 2024 */
                     "H3,2024,alert.reasons,INCOME_BELOW_LINE\n"      /* pass: a list */
                     "H3,2024,alert.level,warning\n"                  /* fail */
                     "H1,2024,income.per_capita,10000.004\n"          /* pass: within 0.01 */
                     "H1,2024,income.per_capita,10000.02\n"           /* fail: beyond 0.01 */
                     "H1,2024,monitor_exit.reasons,\n"                /* pass: blank = empty list */
                     "H9,2024,alert.level,none\n"                     /* fail: no such household */
                     "H1,2024,alert.nope,x\n"                         /* fail: no such field */
                     "520102001001,2024,village.households,3\n"       /* pass: a count */
                     "520102001001,2024,village.exit_eligible,true\n" /* pass: a boolean */
                     "520102001002,2024,village.households,3\n"       /* fail: no such village */
                     "H1,2023,income.growth,null\n"                   /* pass: no 2022 income */
                     "H1,2024,income.growth,11.11\n"                  /* pass: 10000/9000 - 1 */
                     "H1,2024,alert.category,null\n");                /* fail: it is none */
    FUPIN_OK_OR_FAIL(fupin_check_dataset(&k, p, d, path, 0));
    const char *expect[] = {
        "H3 2024 alert.level: expected warning, got severe",
        "H1 2024 income.per_capita: expected 10000.02, got 10000",
        "H9 2024 alert.level: expected none, got no such household",
        "H1 2024 alert.nope: expected x, got no such field",
        "520102001002 2024 village.households: expected 3, got no such village",
        "H1 2024 alert.category: expected null, got none",
    };
    assert_int_equal(fupin_check_failed(k), 6);
    assert_int_equal(fupin_check_passed(k), 9);
    for (size_t i = 0; i < 6; i++)
        assert_string_equal(fupin_check_mismatch(k, i), expect[i]);
    assert_null(fupin_check_mismatch(k, 6));
    fupin_check_free(k);
    fupin_policy_free(p);
    fupin_dataset_free(d);
}

/* docs/reference/README.md#expectations: a list matches when it holds exactly the listed codes, in
 * any order. */
static void test_check_compares_lists_as_sets(void **state)
{
    (void)state;
    fupin_dataset *d = load();
    fupin_policy *p = policy_with_threshold(0);
    FUPIN_OK_OR_FAIL(fupin_policy_set(p, "poverty_line", NULL, 2024, 8000));
    fupin_check *k = NULL;
    /* H2 at 7000 under a line of 8000: INCOME_BELOW_LINE only (R-A2 is "and not R-A1") */
    const char *path = write_expect("field,expected,household_id,year\n"
                                    "alert.reasons,INCOME_BELOW_LINE,H2,2024\n"
                                    "alert.reasons,INCOME_BELOW_LINE INCOME_BELOW_LINE,H2,2024\n"
                                    "alert.reasons,INCOME_BELOW_LINE FOOD_INSECURE,H2,2024\n"
                                    "alert.reasons,,H2,2024\n");
    FUPIN_OK_OR_FAIL(fupin_check_dataset(&k, p, d, path, 0));
    assert_int_equal(fupin_check_passed(k), 2);
    assert_int_equal(fupin_check_failed(k), 2);
    assert_string_equal(fupin_check_mismatch(k, 0),
                        "H2 2024 alert.reasons: expected INCOME_BELOW_LINE FOOD_INSECURE, got "
                        "INCOME_BELOW_LINE");
    assert_string_equal(fupin_check_mismatch(k, 1),
                        "H2 2024 alert.reasons: expected (blank), got INCOME_BELOW_LINE");
    fupin_check_free(k);
    fupin_policy_free(p);
    fupin_dataset_free(d);
}

static void test_check_rejects_a_malformed_expectations_file_with_line_and_column(void **state)
{
    (void)state;
    fupin_dataset *d = load();
    fupin_policy *p = policy_with_threshold(0);
    fupin_check *k = (fupin_check *)(uintptr_t)1;
    const char *path = write_expect("household_id,year,field,expected\n"
                                    "H1,2024,guarantee.status,met\n"
                                    "H1,20x4,guarantee.status,met\n");
    assert_int_equal(fupin_check_dataset(&k, p, d, path, 0), FUPIN_EPARSE);
    assert_null(k);
    assert_non_null(strstr(fupin_last_error(), "expect.csv:3: column year: not a 4-digit year "
                                               "(got \"20x4\")"));
    path = write_expect("household_id,year,expected\nH1,2024,met\n");
    assert_int_equal(fupin_check_dataset(&k, p, d, path, 0), FUPIN_EPARSE);
    assert_non_null(strstr(fupin_last_error(), "expect.csv:1: column field: required column"));
    char missing[300];
    snprintf(missing, sizeof missing, "%s/none.csv", dir);
    assert_int_equal(fupin_check_dataset(&k, p, d, missing, 0), FUPIN_ENOTFOUND);
    fupin_policy_free(p);
    fupin_dataset_free(d);
}

/* A village of one household H1 (per capita 10000 in 2018 and 2019) for the diffs of
 * a year without a monitoring threshold (2019 in the national policy). */
static fupin_village *village_2019(void)
{
    fupin_village *v = NULL;
    FUPIN_OK_OR_FAIL(fupin_village_create(&v, "520102001001", "east"));
    FUPIN_OK_OR_FAIL(fupin_village_set(v, "population", "100"));
    fupin_household *h = tu_household_ok("H1", 2019, "10000");
    assert_non_null(h);
    FUPIN_OK_OR_FAIL(fupin_household_set_income(h, 2018, "wage", "10000"));
    FUPIN_OK_OR_FAIL(fupin_village_add_household(v, h));
    fupin_household_free(h);
    return v;
}

/* Issue 16 S3 / issue 10 item 7: a policy that adds a monitoring threshold for 2019
 * turns "alert":null into an object. Every field of the new object is a change from
 * null, for the household and for the village; H1 is above the threshold (10000 >
 * 5000) with no signal, so its level and category are none. */
static void test_diff_reports_fields_that_appear_from_null(void **state)
{
    (void)state;
    fupin_policy *base = policy_with_threshold(0), *with = policy_with_threshold(0);
    FUPIN_OK_OR_FAIL(fupin_policy_set(with, "monitoring_threshold", NULL, 2019, 5000));
    fupin_village *v = village_2019();
    fupin_diff *d = NULL;
    FUPIN_OK_OR_FAIL(fupin_diff_village(&d, base, with, v, 2019));
    assert_int_equal(fupin_diff_line_count(d), 2);
    assert_string_equal(fupin_diff_line(d, 0),
                        "{\"household\":\"H1\",\"changes\":{\"alert.level\":[null,\"none\"],"
                        "\"alert.category\":[null,\"none\"],\"alert.reasons\":[null,[]],"
                        "\"monitor_exit.status\":[null,\"not_monitored\"],"
                        "\"monitor_exit.reasons\":[null,[]]}}");
    assert_string_equal(
        fupin_diff_line(d, 1),
        "{\"village\":\"520102001001\",\"changes\":{\"village.alerts.none\":[null,1],"
        "\"village.alerts.watch\":[null,0],\"village.alerts.warning\":[null,0],"
        "\"village.alerts.severe\":[null,0],\"village.categories.none\":[null,1],"
        "\"village.categories.registered\":[null,0],\"village.categories.unstable\":[null,0],"
        "\"village.categories.marginal\":[null,0],\"village.categories.hardship\":[null,0],"
        "\"village.monitor_exit.not_monitored\":[null,1],\"village.monitor_exit.stay\":[null,0],"
        "\"village.monitor_exit.eligible\":[null,0],\"village.visit_first\":[null,[]]}}");
    /* transitions and cells say the same: null before, the value after */
    const char *field, *before, *after;
    FUPIN_OK_OR_FAIL(fupin_diff_transition_parts(d, 0, &field, &before, &after, NULL));
    assert_string_equal(field, "alert.level");
    assert_string_equal(before, "null");
    assert_string_equal(after, "none");
    const char *record, *id;
    FUPIN_OK_OR_FAIL(fupin_diff_change(d, 2, &record, &id, &field, &before, &after));
    assert_string_equal(record, "household");
    assert_string_equal(field, "alert.reasons");
    assert_string_equal(before, "");
    assert_string_equal(after, "");
    fupin_diff_free(d);

    /* and the other way: the threshold removed, every field goes to null */
    FUPIN_OK_OR_FAIL(fupin_diff_village(&d, with, base, v, 2019));
    assert_int_equal(fupin_diff_line_count(d), 2);
    assert_string_equal(fupin_diff_line(d, 0),
                        "{\"household\":\"H1\",\"changes\":{\"alert.level\":[\"none\",null],"
                        "\"alert.category\":[\"none\",null],\"alert.reasons\":[[],null],"
                        "\"monitor_exit.status\":[\"not_monitored\",null],"
                        "\"monitor_exit.reasons\":[[],null]}}");
    assert_non_null(strstr(fupin_diff_line(d, 1), "{\"village\":\"520102001001\",\"changes\":"
                                                  "{\"village.alerts.none\":[1,null],"));
    assert_non_null(strstr(fupin_diff_line(d, 1), "\"village.visit_first\":[[],null]}}"));
    FUPIN_OK_OR_FAIL(fupin_diff_transition_parts(d, 0, &field, &before, &after, NULL));
    assert_string_equal(field, "alert.level");
    assert_string_equal(before, "none");
    assert_string_equal(after, "null");
    fupin_diff_free(d);
    fupin_village_free(v);
    fupin_policy_free(base);
    fupin_policy_free(with);
}

/* B2 (issue 14): a village of 2,000 households, all severe in 2024 (per capita 3000
 * below the line of 4000), through report (the summary's JSON), diff and check, with
 * no fixed-size line anywhere. The visit_first list alone is 2000 x 19 bytes. */
static void
test_a_village_of_2000_alerted_households_goes_through_report_diff_and_check(void **state)
{
    (void)state;
    char big[64];
    strcpy(big, dir);
    strcpy(dir, "/tmp/fupin-big-XXXXXX");
    assert_non_null(tu_mkdtemp(dir));
    size_t cap = 2001 * 200;
    char *hh = malloc(cap), *mem = malloc(cap), *inc = malloc(cap), *exp = malloc(cap);
    assert_true(hh && mem && inc && exp);
    size_t nh = (size_t)snprintf(hh, cap,
                                 "household_id,village_code,registered_year,exit_year,"
                                 "monitor,monitor_since,assistance,housing,food_secure,"
                                 "clothing_secure,water_litres,water_minutes,"
                                 "water_supply_rate,water_quality_ok\n");
    size_t nm = (size_t)snprintf(mem, cap,
                                 "household_id,member_id,birth,sex,id_number,school,"
                                 "disability,insured,health,labor\n");
    size_t ni = (size_t)snprintf(inc, cap,
                                 "household_id,year,wage,business,property,transfer,"
                                 "medical_expense,education_expense\n");
    size_t ne = (size_t)snprintf(exp, cap,
                                 "household_id,year,field,expected\n"
                                 "520102001001,2024,village.alerts.severe,2000\n"
                                 "520102001001,2024,village.visit_first,");
    for (int i = 1; i <= 2000; i++) {
        nh += (size_t)snprintf(hh + nh, cap - nh,
                               "BIGHOUSEHOLD%04d,520102001001,,,,,none,A,1,1,50,0,95,1\n", i);
        nm += (size_t)snprintf(mem + nm, cap - nm,
                               "BIGHOUSEHOLD%04d,m1,1980-01-01,M,,,0,1,healthy,full\n", i);
        ni += (size_t)snprintf(inc + ni, cap - ni, "BIGHOUSEHOLD%04d,2024,3000,0,0,0,0,0\n", i);
        ne += (size_t)snprintf(exp + ne, cap - ne, "%sBIGHOUSEHOLD%04d", i > 1 ? " " : "", i);
    }
    snprintf(exp + ne, cap - ne, "\n");
    write_file("villages.csv", "village_code,name,region,population,water_scarce,paved_road,"
                               "electricity,clinic,broadband,collective_income\n"
                               "520102001001,Big,east,2000,0,1,1,1,1,0\n");
    write_file("households.csv", hh);
    write_file("members.csv", mem);
    write_file("incomes.csv", inc);
    write_file("expect.csv", exp);
    fupin_dataset *ds = load();
    fupin_policy *p = policy_with_threshold(0), *low = policy_with_threshold(0);
    FUPIN_OK_OR_FAIL(fupin_policy_set(low, "poverty_line", NULL, 2024, 2000));
    FUPIN_OK_OR_FAIL(fupin_policy_set(low, "monitoring_threshold", NULL, 2024, 2500));

    /* report: the village line, whatever its length */
    fupin_summary *r = NULL;
    FUPIN_OK_OR_FAIL(fupin_summary_create(&r));
    FUPIN_OK_OR_FAIL(fupin_village_evaluate(p, fupin_dataset_village(ds, 0), 2024, r));
    size_t needed = 0;
    assert_int_equal(fupin_summary_to_json(r, NULL, 0, &needed), FUPIN_ENOSPC);
    assert_true(needed > 2000 * 19);
    char *line = malloc(needed + 1);
    assert_non_null(line);
    FUPIN_OK_OR_FAIL(fupin_summary_to_json(r, line, needed + 1, NULL));
    assert_non_null(strstr(line, "\"alerts\":{\"none\":0,\"watch\":0,\"warning\":0,"
                                 "\"severe\":2000}"));
    assert_non_null(strstr(line, ",\"BIGHOUSEHOLD1999\",\"BIGHOUSEHOLD2000\"]}}"));
    assert_int_equal(fupin_summary_visit_count(r), 2000);

    /* diff: every household and the village change; the village's visit list empties */
    fupin_diff *d = NULL;
    FUPIN_OK_OR_FAIL(fupin_diff_dataset(&d, p, low, ds, 2024));
    assert_int_equal(fupin_diff_households_changed(d), 2000);
    assert_int_equal(fupin_diff_villages_changed(d), 1);
    const char *vline = fupin_diff_line(d, 2000);
    assert_non_null(strstr(vline, "\"village.visit_first\":[[\"BIGHOUSEHOLD0001\","));
    assert_non_null(strstr(vline, ",\"BIGHOUSEHOLD2000\"],[]]}}"));

    /* check: an expected list as long as the village */
    fupin_check *k = NULL;
    char path[128];
    snprintf(path, sizeof path, "%s/expect.csv", dir);
    FUPIN_OK_OR_FAIL(fupin_check_dataset(&k, p, ds, path, 0));
    assert_int_equal(fupin_check_failed(k), 0);
    assert_int_equal(fupin_check_passed(k), 2);

    fupin_check_free(k);
    fupin_diff_free(d);
    free(line);
    fupin_summary_free(r);
    fupin_policy_free(p);
    fupin_policy_free(low);
    fupin_dataset_free(ds);
    free(hh);
    free(mem);
    free(inc);
    free(exp);
    assert_int_equal(teardown(NULL), 0);
    strcpy(dir, big);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_diff_of_identical_policies_has_no_change),
        cmocka_unit_test(test_diff_reports_fields_that_appear_from_null),
        cmocka_unit_test(
            test_a_village_of_2000_alerted_households_goes_through_report_diff_and_check),
        cmocka_unit_test(test_diff_of_threshold_change_gives_exactly_the_expected_transitions),
        cmocka_unit_test(test_diff_transitions_are_ordered_by_count_then_text),
        cmocka_unit_test(test_diff_with_a_year_without_poverty_line_fails_cleanly),
        cmocka_unit_test(test_default_year_is_the_latest_income_year),
        cmocka_unit_test(test_check_counts_passes_and_reports_every_mismatch),
        cmocka_unit_test(test_check_compares_lists_as_sets),
        cmocka_unit_test(test_check_rejects_a_malformed_expectations_file_with_line_and_column),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
