/* Versions, error codes and reason-code tables (black-box). */
#include <stdio.h>
#include <string.h>

#include "util.h"

static void test_version_string_agrees_with_macros_and_numbers(void **state)
{
    (void)state;
    char expect[64];
    int32_t ma, mi, pa;
    snprintf(expect, sizeof expect, "%d.%d.%d", FUPIN_VERSION_MAJOR, FUPIN_VERSION_MINOR,
             FUPIN_VERSION_PATCH);
    assert_string_equal(fupin_version(), expect);
    assert_string_equal(fupin_version(), FUPIN_VERSION_STRING);
    fupin_version_numbers(&ma, &mi, &pa);
    assert_int_equal(ma, FUPIN_VERSION_MAJOR);
    assert_int_equal(mi, FUPIN_VERSION_MINOR);
    assert_int_equal(pa, FUPIN_VERSION_PATCH);
    fupin_version_numbers(NULL, NULL, NULL);
}

static void test_every_error_code_has_its_own_description(void **state)
{
    (void)state;
    const int codes[] = {FUPIN_OK,        FUPIN_ENOMEM, FUPIN_EINVAL, FUPIN_EPARSE, FUPIN_ERANGE,
                         FUPIN_ENOTFOUND, FUPIN_EIO,    FUPIN_EEXIST, FUPIN_ENOSPC, FUPIN_ENULL};
    const size_t n = sizeof codes / sizeof codes[0];
    for (size_t i = 0; i < n; i++) {
        assert_non_null(fupin_strerror(codes[i]));
        assert_string_not_equal(fupin_strerror(codes[i]), "unknown error");
        for (size_t j = 0; j < i; j++)
            assert_string_not_equal(fupin_strerror(codes[i]), fupin_strerror(codes[j]));
    }
    assert_string_equal(fupin_strerror(-999), "unknown error");
    assert_non_null(fupin_last_error());
}

/* The codes of docs/reference/rules.md with their rule ids: the contract of results and expect
 * files. */
static const struct {
    int code;
    const char *name, *rule;
} codes[] = {
    {FUPIN_REASON_FOOD_INSECURE, "FOOD_INSECURE", "R-G1"},
    {FUPIN_REASON_FOOD_UNKNOWN, "FOOD_UNKNOWN", "R-G1"},
    {FUPIN_REASON_CLOTHING_INSECURE, "CLOTHING_INSECURE", "R-G2"},
    {FUPIN_REASON_CLOTHING_UNKNOWN, "CLOTHING_UNKNOWN", "R-G2"},
    {FUPIN_REASON_EDU_DROPOUT, "EDU_DROPOUT", "R-G3"},
    {FUPIN_REASON_EDU_UNKNOWN, "EDU_UNKNOWN", "R-G3"},
    {FUPIN_REASON_MED_UNINSURED, "MED_UNINSURED", "R-G4"},
    {FUPIN_REASON_MED_UNKNOWN, "MED_UNKNOWN", "R-G4"},
    {FUPIN_REASON_HOUSING_UNSAFE, "HOUSING_UNSAFE", "R-G5"},
    {FUPIN_REASON_HOUSING_UNKNOWN, "HOUSING_UNKNOWN", "R-G5"},
    {FUPIN_REASON_WATER_QUANTITY, "WATER_QUANTITY", "R-G6"},
    {FUPIN_REASON_WATER_ACCESS, "WATER_ACCESS", "R-G6"},
    {FUPIN_REASON_WATER_SUPPLY, "WATER_SUPPLY", "R-G6"},
    {FUPIN_REASON_WATER_QUALITY, "WATER_QUALITY", "R-G6"},
    {FUPIN_REASON_WATER_UNKNOWN, "WATER_UNKNOWN", "R-G6"},
    {FUPIN_REASON_INCOME_BELOW_LINE, "INCOME_BELOW_LINE", "R-A1"},
    {FUPIN_REASON_INCOME_BELOW_THRESHOLD, "INCOME_BELOW_THRESHOLD", "R-A2"},
    {FUPIN_REASON_INCOME_DROP, "INCOME_DROP", "R-A3"},
    {FUPIN_REASON_RIGID_EXPENSE, "RIGID_EXPENSE", "R-A4"},
    {FUPIN_REASON_EVENT_MAJOR_ILLNESS, "EVENT_MAJOR_ILLNESS", "R-A5"},
    {FUPIN_REASON_EVENT_ACCIDENT, "EVENT_ACCIDENT", "R-A5"},
    {FUPIN_REASON_EVENT_DISABILITY, "EVENT_DISABILITY", "R-A5"},
    {FUPIN_REASON_EVENT_DISASTER, "EVENT_DISASTER", "R-A5"},
    {FUPIN_REASON_EVENT_DEATH, "EVENT_DEATH", "R-A5"},
    {FUPIN_REASON_EVENT_JOB_LOSS, "EVENT_JOB_LOSS", "R-A5"},
    {FUPIN_REASON_EVENT_BUSINESS_FAILURE, "EVENT_BUSINESS_FAILURE", "R-A5"},
    {FUPIN_REASON_EVENT_OTHER, "EVENT_OTHER", "R-A5"},
    {FUPIN_REASON_NO_LABOR, "NO_LABOR", "R-A7"},
    {FUPIN_REASON_NO_LABOR_UNCOVERED, "NO_LABOR_UNCOVERED", "R-A8"},
    {FUPIN_REASON_INCOME_UNKNOWN, "INCOME_UNKNOWN", "R-A9"},
    {FUPIN_REASON_MONITORED_TOO_SHORT, "MONITORED_TOO_SHORT", "R-M1"},
    {FUPIN_REASON_GUARANTEE_NOT_MET, "GUARANTEE_NOT_MET", "R-M1"},
    {FUPIN_REASON_RISK_PRESENT, "RISK_PRESENT", "R-M1"},
    {FUPIN_REASON_RISK_UNKNOWN, "RISK_UNKNOWN", "R-M1"},
    {FUPIN_REASON_LABOR_UNKNOWN, "LABOR_UNKNOWN", "R-M1"},
    {FUPIN_REASON_INCIDENCE_TOO_HIGH, "INCIDENCE_TOO_HIGH", "R-V2"},
    {FUPIN_REASON_INCIDENCE_UNKNOWN, "INCIDENCE_UNKNOWN", "R-V2"},
    {FUPIN_REASON_VILLAGE_NO_PAVED_ROAD, "VILLAGE_NO_PAVED_ROAD", "R-V2"},
    {FUPIN_REASON_VILLAGE_NO_ELECTRICITY, "VILLAGE_NO_ELECTRICITY", "R-V2"},
    {FUPIN_REASON_VILLAGE_NO_CLINIC, "VILLAGE_NO_CLINIC", "R-V2"},
    {FUPIN_REASON_VILLAGE_NO_BROADBAND, "VILLAGE_NO_BROADBAND", "R-V2"},
    {FUPIN_REASON_VILLAGE_UNKNOWN_PAVED_ROAD, "VILLAGE_UNKNOWN_PAVED_ROAD", "R-V2"},
    {FUPIN_REASON_VILLAGE_UNKNOWN_ELECTRICITY, "VILLAGE_UNKNOWN_ELECTRICITY", "R-V2"},
    {FUPIN_REASON_VILLAGE_UNKNOWN_CLINIC, "VILLAGE_UNKNOWN_CLINIC", "R-V2"},
    {FUPIN_REASON_VILLAGE_UNKNOWN_BROADBAND, "VILLAGE_UNKNOWN_BROADBAND", "R-V2"},
};

static void test_each_reason_code_has_name_rule_and_both_descriptions(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        int32_t back = -1;
        assert_string_equal(fupin_reason_name(codes[i].code), codes[i].name);
        assert_string_equal(fupin_reason_rule(codes[i].code), codes[i].rule);
        assert_non_null(fupin_reason_describe(codes[i].code, "en"));
        assert_non_null(fupin_reason_describe(codes[i].code, NULL));
        const char *zh = fupin_reason_describe(codes[i].code, "zh");
        assert_non_null(zh);
        /* Chinese text: at least one byte outside ASCII */
        int non_ascii = 0;
        for (const char *c = zh; *c; c++)
            non_ascii |= (unsigned char)*c >= 0x80;
        assert_true(non_ascii);
        assert_int_equal(fupin_reason_from_name(codes[i].name, &back), 0);
        assert_int_equal(back, codes[i].code);
    }
}

static void test_unknown_reason_code_and_language_give_null(void **state)
{
    (void)state;
    int32_t out;
    assert_null(fupin_reason_name(0));
    assert_null(fupin_reason_name(9999));
    assert_null(fupin_reason_rule(-1));
    assert_null(fupin_reason_describe(FUPIN_REASON_EDU_DROPOUT, "fr"));
    assert_int_equal(fupin_reason_from_name("NOT_A_CODE", &out), FUPIN_ENOTFOUND);
    assert_int_equal(fupin_reason_from_name(NULL, &out), FUPIN_EINVAL);
}

/* Issue 14: the names of enum values are the JSON contract's texts
 * (docs/reference/output.md), written here by hand, and read back. */
static void test_enum_names_are_the_json_texts(void **state)
{
    (void)state;
    assert_string_equal(fupin_enum_name(FUPIN_ENUM_STATUS, FUPIN_STATUS_UNMET), "unmet");
    assert_string_equal(fupin_enum_name(FUPIN_ENUM_TRI, FUPIN_TRI_NULL), "null");
    assert_string_equal(fupin_enum_name(FUPIN_ENUM_INCOME_STATUS, FUPIN_INCOME_BELOW), "below");
    assert_string_equal(fupin_enum_name(FUPIN_ENUM_DIMENSION, FUPIN_DIM_WATER), "water");
    assert_string_equal(fupin_enum_name(FUPIN_ENUM_REGISTRATION, FUPIN_REG_EXITED), "exited");
    assert_string_equal(fupin_enum_name(FUPIN_ENUM_ALERT_LEVEL, FUPIN_ALERT_WARNING), "warning");
    assert_string_equal(fupin_enum_name(FUPIN_ENUM_CATEGORY, FUPIN_CATEGORY_HARDSHIP), "hardship");
    assert_string_equal(fupin_enum_name(FUPIN_ENUM_MONITOR_EXIT, FUPIN_MONITOR_EXIT_NOT_MONITORED),
                        "not_monitored");
    assert_string_equal(fupin_enum_name(FUPIN_ENUM_REASON, FUPIN_REASON_EDU_DROPOUT),
                        "EDU_DROPOUT");
    assert_string_equal(fupin_enum_name(FUPIN_ENUM_LIST, FUPIN_LIST_ALERT), "alert.reasons");
    assert_string_equal(fupin_enum_name(FUPIN_ENUM_FIGURE, FUPIN_FIG_GAP_PP), "income.gap_pp");
    assert_string_equal(fupin_enum_name(FUPIN_ENUM_DATASET_FILE, FUPIN_FILE_MEMBERS),
                        "members.csv");
    assert_string_equal(fupin_enum_name(FUPIN_ENUM_SUMMARY_COUNT, FUPIN_VC_MONITOR_STAY),
                        "monitor_exit.stay");
    assert_string_equal(fupin_enum_name(FUPIN_ENUM_SUMMARY_COUNT, FUPIN_VC_SPAN_PANEL),
                        "income.span_panel_households");
    assert_string_equal(fupin_enum_name(FUPIN_ENUM_SUMMARY_FIGURE, FUPIN_VF_INCIDENCE),
                        "incidence");
    assert_string_equal(fupin_enum_name(FUPIN_ENUM_MPI_FIGURE, FUPIN_MPI_M0), "M0");
    assert_string_equal(fupin_enum_name(FUPIN_ENUM_MPI_DIMENSION, FUPIN_MPI_DIM_INCOME), "income");
    assert_string_equal(fupin_enum_name(FUPIN_ENUM_SUMMARY_KIND, FUPIN_SUMMARY_GROUP), "group");
    /* every value of every kind reads back to itself */
    for (int kind = 0; kind < FUPIN_ENUM_COUNT; kind++) {
        size_t n = fupin_enum_count(kind);
        assert_true(n >= 3);
        for (size_t i = 0; i < n; i++) {
            int v = fupin_enum_value(kind, i);
            int32_t back = 0;
            assert_int_equal(fupin_enum_from_name(kind, fupin_enum_name(kind, v), &back), 0);
            assert_int_equal(back, v);
        }
        assert_int_equal(fupin_enum_value(kind, n), FUPIN_INVALID);
    }
    assert_int_equal(fupin_enum_count(FUPIN_ENUM_REASON), 45);
    assert_int_equal(fupin_enum_count(FUPIN_ENUM_ALERT_LEVEL), 5);
}

static void test_unknown_enum_names_kinds_and_values_are_refused(void **state)
{
    (void)state;
    int32_t out = 7;
    assert_int_equal(fupin_enum_from_name(FUPIN_ENUM_STATUS, "Met", &out), FUPIN_ENOTFOUND);
    assert_int_equal(out, 7);
    assert_int_equal(fupin_enum_from_name(FUPIN_ENUM_COUNT, "met", &out), FUPIN_EINVAL);
    assert_int_equal(fupin_enum_from_name(-1, "met", &out), FUPIN_EINVAL);
    assert_int_equal(fupin_enum_from_name(FUPIN_ENUM_STATUS, NULL, &out), FUPIN_EINVAL);
    assert_int_equal(fupin_enum_from_name(FUPIN_ENUM_STATUS, "met", NULL), FUPIN_EINVAL);
    assert_null(fupin_enum_name(FUPIN_ENUM_STATUS, 3));
    assert_non_null(strstr(fupin_last_error(), "fupin_enum_name"));
    assert_null(fupin_enum_name(FUPIN_ENUM_ALERT_LEVEL, -2));
    assert_null(fupin_enum_name(FUPIN_ENUM_COUNT, 0));
    assert_null(fupin_enum_name(FUPIN_ENUM_REASON, 16));
    assert_int_equal(fupin_enum_count(FUPIN_ENUM_COUNT), 0);
    assert_int_equal(fupin_enum_value(FUPIN_ENUM_COUNT, 0), FUPIN_INVALID);
}

/* Issue 14: one misuse value, outside every enum, with the thread's error naming the
 * function. guarantee(NULL) gave 0 (unknown) and registration(NULL) a legal answer. */
static void test_getters_given_null_or_out_of_range_return_fupin_invalid(void **state)
{
    (void)state;
    int32_t lo = 0, hi = 0;
    fupin_year_range(&lo, &hi);
    assert_int_equal(lo, FUPIN_YEAR_MIN);
    assert_int_equal(hi, FUPIN_YEAR_MAX);
    assert_int_equal(FUPIN_YEAR_MIN, 1949);
    assert_int_equal(FUPIN_YEAR_MAX, 2100);
    fupin_year_range(NULL, NULL);
    /* outside every enum of the library */
    for (int kind = 0; kind < FUPIN_ENUM_COUNT; kind++)
        assert_null(fupin_enum_name(kind, FUPIN_INVALID));
    assert_int_equal(fupin_result_guarantee(NULL), FUPIN_INVALID);
    assert_non_null(strstr(fupin_last_error(), "fupin_result_guarantee"));
    assert_int_equal(fupin_result_registration(NULL), FUPIN_INVALID);
    assert_non_null(strstr(fupin_last_error(), "fupin_result_registration"));
    assert_int_equal(fupin_result_year(NULL), FUPIN_INVALID);
    assert_int_equal(fupin_result_income_status(NULL), FUPIN_INVALID);
    assert_int_equal(fupin_result_exit_eligible(NULL), FUPIN_INVALID);
    assert_int_equal(fupin_result_alert_level(NULL), FUPIN_INVALID);
    assert_int_equal(fupin_result_alert_category(NULL), FUPIN_INVALID);
    assert_int_equal(fupin_result_monitor_exit(NULL), FUPIN_INVALID);
    assert_int_equal(fupin_result_dimension(NULL, 0), FUPIN_INVALID);
    assert_int_equal(fupin_result_reason(NULL, 0, 0), FUPIN_INVALID);
    assert_int_equal(fupin_result_reason_count(NULL, 0), 0);
    assert_string_equal(fupin_result_household(NULL), "");
    fupin_result *r = NULL;
    assert_int_equal(fupin_result_create(&r), 0);
    assert_int_equal(fupin_result_dimension(r, FUPIN_DIM_COUNT), FUPIN_INVALID);
    assert_non_null(strstr(fupin_last_error(), "fupin_result_dimension"));
    assert_int_equal(fupin_result_dimension(r, -1), FUPIN_INVALID);
    assert_int_equal(fupin_result_reason(r, FUPIN_LIST_GUARANTEE, 0), FUPIN_INVALID);
    assert_int_equal(fupin_result_reason(r, FUPIN_LIST_VILLAGE_EXIT, 0), FUPIN_INVALID);
    fupin_result_free(r);
    assert_int_equal(fupin_summary_kind(NULL), FUPIN_INVALID);
    assert_int_equal(fupin_summary_year(NULL), FUPIN_INVALID);
    assert_int_equal(fupin_summary_village_count(NULL), FUPIN_INVALID);
    assert_int_equal(fupin_summary_exit_eligible(NULL), FUPIN_INVALID);
    assert_int_equal(fupin_summary_reason(NULL, 0), FUPIN_INVALID);
    assert_int_equal(fupin_summary_visit(NULL, 0), FUPIN_INVALID);
    assert_int_equal(fupin_summary_mpi_excluded(NULL), FUPIN_INVALID);
    assert_int_equal(fupin_summary_visit_count(NULL), 0);
    assert_null(fupin_summary_visit_id(NULL, 0));
    assert_string_equal(fupin_summary_code(NULL), "");
    assert_string_equal(fupin_summary_name(NULL), "");
    fupin_summary *s = NULL;
    assert_int_equal(fupin_summary_create(&s), 0);
    assert_int_equal(fupin_summary_kind(s), FUPIN_SUMMARY_NONE);
    char buf[16];
    assert_int_equal(fupin_summary_to_json(s, buf, sizeof buf, NULL), FUPIN_EINVAL);
    assert_non_null(strstr(fupin_last_error(), "fupin_summary_to_json"));
    fupin_summary_free(s);
    fupin_summary_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_version_string_agrees_with_macros_and_numbers),
        cmocka_unit_test(test_every_error_code_has_its_own_description),
        cmocka_unit_test(test_each_reason_code_has_name_rule_and_both_descriptions),
        cmocka_unit_test(test_unknown_reason_code_and_language_give_null),
        cmocka_unit_test(test_enum_names_are_the_json_texts),
        cmocka_unit_test(test_unknown_enum_names_kinds_and_values_are_refused),
        cmocka_unit_test(test_getters_given_null_or_out_of_range_return_fupin_invalid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
