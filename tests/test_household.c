/* The household record through the API (black-box): every column of households.csv,
 * members.csv, incomes.csv and events.csv is settable from its CSV text, and every
 * value docs/dataset.md forbids is rejected with FUPIN_EINVAL, a message naming
 * the column and the value, and the household left exactly as it was. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* ------------------------------------------------------------ helpers */

static fupin_policy *national(void)
{
    fupin_policy *p = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_builtin(&p, "national"));
    return p;
}

/* Everything a black-box caller can observe of a household: its accessors and its
 * evaluation in two years (guarantees, reasons, income, exit, registration). Any
 * change made by a rejected call to a field that takes part in a rule shows here. */
static void fingerprint(const fupin_household *h, char *buf, size_t cap)
{
    fupin_policy *p = national();
    fupin_result *r = NULL;
    FUPIN_OK_OR_FAIL(fupin_result_create(&r));
    size_t o = (size_t)snprintf(buf, cap, "id=%s n=%zu inc=%d", fupin_household_id(h),
                                fupin_household_member_count(h), fupin_household_incomplete(h));
    for (int32_t y = 2023; y <= 2024; y++) {
        int rc = fupin_household_evaluate(p, h, y, r);
        o += (size_t)snprintf(buf + o, cap - o, " |%d rc=%d", (int)y, rc);
        if (rc)
            continue;
        int64_t pc = 0, net = 0;
        int pcrc = fupin_result_per_capita_fen(r, &pc);
        int netrc = fupin_result_net_income_fen(r, &net);
        o += (size_t)snprintf(buf + o, cap - o, " v=%s g=%d", fupin_result_village(r),
                              fupin_result_guarantee(r));
        for (int d = 0; d < FUPIN_DIM_COUNT; d++)
            o += (size_t)snprintf(buf + o, cap - o, "%d", fupin_result_dimension(r, d));
        o += (size_t)snprintf(buf + o, cap - o, " R");
        for (size_t i = 0; i < fupin_result_reason_count(r, FUPIN_LIST_GUARANTEE); i++)
            o += (size_t)snprintf(buf + o, cap - o, ",%d",
                                  fupin_result_reason(r, FUPIN_LIST_GUARANTEE, i));
        o += (size_t)snprintf(buf + o, cap - o, " i=%d pc=%d:%lld net=%d:%lld e=%d reg=%d",
                              fupin_result_income_status(r), pcrc, (long long)pc, netrc,
                              (long long)net, fupin_result_exit_eligible(r),
                              fupin_result_registration(r));
    }
    fupin_result_free(r);
    fupin_policy_free(p);
}

/* A household where every household field is known and every rule is decided, so
 * that a rejected value that slipped through would change the fingerprint. */
static fupin_household *full_household(void)
{
    fupin_household *h = NULL;
    FUPIN_OK_OR_FAIL(fupin_household_create(&h, "H1"));
    const char *f[][2] = {
        {"village_code", "520102001001"},
        {"registered_year", "2016"},
        {"exit_year", "2019"},
        {"monitor", "unstable"},
        {"monitor_since", "2022-03"},
        {"assistance", "dibao"},
        {"housing", "B"},
        {"food_secure", "1"},
        {"clothing_secure", "1"},
        {"water_litres", "40"},
        {"water_minutes", "10"},
        {"water_supply_rate", "95"},
        {"water_quality_ok", "1"},
        {"region", "west"},
        {"water_scarce", "0"},
    };
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
        FUPIN_OK_OR_FAIL(fupin_household_set(h, f[i][0], f[i][1]));
    FUPIN_OK_OR_FAIL(fupin_household_add_member(h, "m1", "1980-05-01"));
    FUPIN_OK_OR_FAIL(fupin_household_add_member(h, "m2", "2012-03-04"));
    const char *m[][2] = {{"sex", "F"},     {"school", "enrolled"}, {"disability", "0"},
                          {"insured", "1"}, {"health", "healthy"},  {"labor", "none"}};
    for (size_t i = 0; i < sizeof m / sizeof m[0]; i++) {
        FUPIN_OK_OR_FAIL(fupin_household_set_member(h, "m1", m[i][0], m[i][1]));
        FUPIN_OK_OR_FAIL(fupin_household_set_member(h, "m2", m[i][0], m[i][1]));
    }
    for (int32_t y = 2023; y <= 2024; y++) {
        const char *inc[][2] = {
            {"wage", "9000"},          {"business", "-100.5"},       {"property", "20"},
            {"transfer", "300.25"},    {"production_expense", "10"}, {"medical_expense", "5"},
            {"education_expense", "7"}};
        for (size_t i = 0; i < sizeof inc / sizeof inc[0]; i++)
            FUPIN_OK_OR_FAIL(fupin_household_set_income(h, y, inc[i][0], inc[i][1]));
    }
    FUPIN_OK_OR_FAIL(fupin_household_add_event(h, 2024, "accident", "100"));
    return h;
}

/* The common contract of a rejected value (docs/dataset.md, Bad input; household.h). */
static void assert_rejected(int rc, const fupin_household *h, const char *before,
                            const char *column, const char *value)
{
    char after[4096];
    if (rc != FUPIN_EINVAL)
        fail_msg("column %s value \"%s\": expected FUPIN_EINVAL, got %d", column, value, rc);
    const char *err = fupin_last_error();
    if (!strstr(err, column))
        fail_msg("error \"%s\" does not name column %s", err, column);
    if (value && value[0] && !strstr(err, value))
        fail_msg("error \"%s\" does not contain the value \"%s\"", err, value);
    fingerprint(h, after, sizeof after);
    if (strcmp(before, after) != 0)
        fail_msg("column %s value \"%s\" changed the household:\n%s\n%s", column, value, before,
                 after);
}

static int64_t net_fen(const fupin_household *h, int32_t year)
{
    fupin_policy *p = national();
    fupin_result *r = NULL;
    int64_t v = -1;
    FUPIN_OK_OR_FAIL(fupin_result_create(&r));
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(p, h, year, r));
    if (fupin_result_net_income_fen(r, &v) == FUPIN_ENULL)
        v = INT64_MIN;
    fupin_result_free(r);
    fupin_policy_free(p);
    return v;
}

/* ------------------------------------------------------------ households.csv */

static void test_every_households_csv_column_accepts_its_values_and_blank(void **state)
{
    (void)state;
    static const struct {
        const char *field;
        const char *good[8];
    } cols[] = {
        {"village_code", {"520102001001", "000000000000", NULL}},
        {"registered_year", {"1949", "2100", "2016", NULL}},
        {"exit_year", {"2019", "2100", NULL}},
        {"monitor", {"unstable", "marginal", "hardship", NULL}},
        {"monitor_since", {"2023-06", "2023", "1949-01", "2100-12", NULL}},
        {"assistance", {"dibao", "tekun", "none", NULL}},
        {"housing", {"A", "B", "C", "D", "relocated", "none", NULL}},
        {"food_secure", {"0", "1", NULL}},
        {"clothing_secure", {"0", "1", NULL}},
        {"water_litres", {"0", "35", "34.99", "20.5", "1000", NULL}},
        {"water_minutes", {"0", "20", "20.01", NULL}},
        {"water_supply_rate", {"0", "90", "89.99", "100", "100.00", NULL}},
        {"water_quality_ok", {"0", "1", NULL}},
        {"region", {"east", "central", "west", NULL}},
        {"water_scarce", {"0", "1", NULL}},
    };
    for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++) {
        fupin_household *h = full_household();
        for (size_t i = 0; cols[c].good[i]; i++)
            if (fupin_household_set(h, cols[c].field, cols[c].good[i]))
                fail_msg("%s = \"%s\" rejected: %s", cols[c].field, cols[c].good[i],
                         fupin_last_error());
        /* "" and NULL both mean unknown. monitor_since and registered_year must be
         * blanked after what depends on them, or evaluation (not the setter) fails. */
        FUPIN_OK_OR_FAIL(fupin_household_set(h, cols[c].field, ""));
        FUPIN_OK_OR_FAIL(fupin_household_set(h, cols[c].field, NULL));
        fupin_household_free(h);
    }
}

static void test_blank_and_null_household_fields_mean_unknown(void **state)
{
    (void)state;
    fupin_policy *p = national();
    fupin_result *r = NULL;
    FUPIN_OK_OR_FAIL(fupin_result_create(&r));
    for (int use_null = 0; use_null <= 1; use_null++) {
        fupin_household *h = full_household();
        const char *blank = use_null ? NULL : "";
        FUPIN_OK_OR_FAIL(fupin_household_set(h, "food_secure", blank));
        FUPIN_OK_OR_FAIL(fupin_household_set(h, "clothing_secure", blank));
        FUPIN_OK_OR_FAIL(fupin_household_set(h, "housing", blank));
        FUPIN_OK_OR_FAIL(fupin_household_set(h, "water_litres", blank));
        FUPIN_OK_OR_FAIL(fupin_household_set(h, "village_code", blank));
        FUPIN_OK_OR_FAIL(fupin_household_set(h, "exit_year", blank));
        FUPIN_OK_OR_FAIL(fupin_household_evaluate(p, h, 2024, r));
        assert_int_equal(fupin_result_dimension(r, FUPIN_DIM_FOOD), FUPIN_STATUS_UNKNOWN);
        assert_int_equal(fupin_result_dimension(r, FUPIN_DIM_CLOTHING), FUPIN_STATUS_UNKNOWN);
        assert_int_equal(fupin_result_dimension(r, FUPIN_DIM_HOUSING), FUPIN_STATUS_UNKNOWN);
        assert_int_equal(fupin_result_dimension(r, FUPIN_DIM_WATER), FUPIN_STATUS_UNKNOWN);
        assert_string_equal(fupin_result_village(r), "");
        /* R-E2: exit_year blank -> still registered poor */
        assert_int_equal(fupin_result_registration(r), FUPIN_REG_REGISTERED);
        FUPIN_OK_OR_FAIL(fupin_household_set(h, "registered_year", blank));
        FUPIN_OK_OR_FAIL(fupin_household_evaluate(p, h, 2024, r));
        assert_int_equal(fupin_result_registration(r), FUPIN_REG_NEVER);
        fupin_household_free(h);
    }
    fupin_result_free(r);
    fupin_policy_free(p);
}

static void test_bad_households_csv_values_are_rejected_and_change_nothing(void **state)
{
    (void)state;
    static const struct {
        const char *field, *value;
    } bad[] = {
        {"village_code", "52010200100"},
        {"village_code", "5201020010011"},
        {"village_code", "52010200100a"},
        {"village_code", " 520102001001"},
        {"registered_year", "1948"},
        {"registered_year", "2101"},
        {"registered_year", "16"},
        {"registered_year", "02016"},
        {"registered_year", "2016.0"},
        {"registered_year", " 2016"},
        {"registered_year", "+201"},
        {"exit_year", "1948"},
        {"exit_year", "2101"},
        {"exit_year", "abcd"},
        {"monitor", "Unstable"},
        {"monitor", "yes"},
        {"monitor", "unstable "},
        {"monitor_since", "2023-06-01"},
        {"monitor_since", "2023-13"},
        {"monitor_since", "2023-00"},
        {"monitor_since", "2023-6"},
        {"monitor_since", "1948-12"},
        {"monitor_since", "2101"},
        {"monitor_since", "2023/06"},
        {"assistance", "Dibao"},
        {"assistance", "both"},
        {"housing", "a"},
        {"housing", "E"},
        {"housing", "Relocated"},
        {"food_secure", "2"},
        {"food_secure", "yes"},
        {"food_secure", " 1"},
        {"food_secure", "1.0"},
        {"clothing_secure", "-1"},
        {"clothing_secure", "true"},
        {"water_litres", " 35"},
        {"water_litres", "-1"},
        {"water_litres", "+35"},
        {"water_litres", ".5"},
        {"water_litres", "5."},
        {"water_litres", "1e3"},
        {"water_litres", "35 "},
        {"water_litres", "3,5"},
        {"water_minutes", "-0.5"},
        {"water_minutes", "inf"},
        {"water_minutes", "nan"},
        {"water_supply_rate", "100.01"},
        {"water_supply_rate", "101"},
        {"water_supply_rate", "90%"},
        {"water_quality_ok", "2"},
        {"water_quality_ok", "ok"},
        {"region", "north"},
        {"region", "West"},
        {"water_scarce", "2"},
        {"water_scarce", "scarce"},
    };
    fupin_household *h = full_household();
    char before[4096];
    fingerprint(h, before, sizeof before);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_rejected(fupin_household_set(h, bad[i].field, bad[i].value), h, before, bad[i].field,
                        bad[i].value);
    fupin_household_free(h);
}

static void test_unknown_field_names_are_rejected(void **state)
{
    (void)state;
    fupin_household *h = full_household();
    char before[4096];
    fingerprint(h, before, sizeof before);
    assert_int_equal(fupin_household_set(h, "Housing", "A"), FUPIN_EINVAL);
    assert_non_null(strstr(fupin_last_error(), "Housing"));
    assert_int_equal(fupin_household_set(h, "household_id", "H2"), FUPIN_EINVAL);
    assert_int_equal(fupin_household_set_member(h, "m1", "insured ", "1"), FUPIN_EINVAL);
    assert_int_equal(fupin_household_set_member(h, "m1", "member_id", "m9"), FUPIN_EINVAL);
    assert_int_equal(fupin_household_set_income(h, 2024, "income", "1"), FUPIN_EINVAL);
    assert_int_equal(fupin_household_set_income(h, 2024, "year", "2024"), FUPIN_EINVAL);
    char after[4096];
    fingerprint(h, after, sizeof after);
    assert_string_equal(before, after);
    fupin_household_free(h);
}

/* ------------------------------------------------------------ ids */

static void test_household_id_of_64_bytes_accepted_and_65_rejected(void **state)
{
    (void)state;
    char id[80];
    fupin_household *h = NULL;
    memset(id, 'h', 64);
    id[64] = '\0';
    FUPIN_OK_OR_FAIL(fupin_household_create(&h, id));
    assert_string_equal(fupin_household_id(h), id);
    /* member ids follow the same 1..64 byte rule */
    memset(id, 'm', 64);
    FUPIN_OK_OR_FAIL(fupin_household_add_member(h, id, "1980"));
    id[64] = 'm';
    id[65] = '\0';
    assert_int_equal(fupin_household_add_member(h, id, "1980"), FUPIN_EINVAL);
    assert_non_null(strstr(fupin_last_error(), "member_id"));
    assert_int_equal(fupin_household_add_member(h, "", "1980"), FUPIN_EINVAL);
    assert_int_equal(fupin_household_member_count(h), 1);
    fupin_household_free(h);

    fupin_household *h2 = (fupin_household *)&h2; /* must be reset to NULL */
    memset(id, 'h', 65);
    id[65] = '\0';
    assert_int_equal(fupin_household_create(&h2, id), FUPIN_EINVAL);
    assert_null(h2);
    assert_non_null(strstr(fupin_last_error(), "household_id"));
    h2 = (fupin_household *)&h2;
    assert_int_equal(fupin_household_create(&h2, ""), FUPIN_EINVAL);
    assert_null(h2);
    /* UTF-8 ids count bytes: 21 three-byte characters (63 bytes) plus one = 64 */
    char utf[80] = "";
    for (int i = 0; i < 21; i++)
        strcat(utf, "\xe6\x89\xb6");
    strcat(utf, "x");
    FUPIN_OK_OR_FAIL(fupin_household_create(&h2, utf));
    fupin_household_free(h2);
    strcat(utf, "y");
    assert_int_equal(fupin_household_create(&h2, utf), FUPIN_EINVAL);
}

static void test_ids_that_are_not_utf8_are_rejected(void **state)
{
    (void)state;
    /* docs/dataset.md: ids are 1..64 bytes of UTF-8 */
    static const char *bad[] = {
        "H\xff",     "\xc0\xaf", "\xe0\x80\xaf",        "\xed\xa0\x80", "\xf4\x90\x80\x80",
        "H\xe6\x89", "\x80",     "\xf8\x88\x80\x80\x80"};
    static const char *good[] = {"\xe6\x89\xb6\xe8\xb4\xab", "\xc3\xa9", "\xf0\x9f\x98\x80",
                                 "\xf4\x8f\xbf\xbf", "\xed\x9f\xbf"};
    fupin_household *h = NULL;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(fupin_household_create(&h, bad[i]), FUPIN_EINVAL);
        assert_null(h);
        assert_non_null(strstr(fupin_last_error(), "household_id"));
    }
    FUPIN_OK_OR_FAIL(fupin_household_create(&h, "H1"));
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(fupin_household_add_member(h, bad[i], "1980"), FUPIN_EINVAL);
        assert_non_null(strstr(fupin_last_error(), "member_id"));
    }
    assert_int_equal(fupin_household_member_count(h), 0);
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        FUPIN_OK_OR_FAIL(fupin_household_add_member(h, good[i], "1980"));
    fupin_household_free(h);
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        FUPIN_OK_OR_FAIL(fupin_household_create(&h, good[i]));
        assert_string_equal(fupin_household_id(h), good[i]);
        fupin_household_free(h);
    }
}

static void test_duplicate_member_id_is_eexist_and_ids_compare_exactly(void **state)
{
    (void)state;
    fupin_household *h = NULL;
    FUPIN_OK_OR_FAIL(fupin_household_create(&h, "H1"));
    FUPIN_OK_OR_FAIL(fupin_household_add_member(h, "m1", "1980"));
    assert_int_equal(fupin_household_add_member(h, "m1", "1990"), FUPIN_EEXIST);
    assert_non_null(strstr(fupin_last_error(), "m1"));
    FUPIN_OK_OR_FAIL(fupin_household_add_member(h, "M1", "1990"));
    FUPIN_OK_OR_FAIL(fupin_household_add_member(h, "m1 ", "1990"));
    assert_int_equal(fupin_household_member_count(h), 3);
    assert_int_equal(fupin_household_set_member(h, "m2", "insured", "1"), FUPIN_ENOTFOUND);
    fupin_household_free(h);
}

/* ------------------------------------------------------------ members.csv */

static void test_every_members_csv_column_accepts_its_values_and_blank(void **state)
{
    (void)state;
    static const struct {
        const char *field;
        const char *good[8];
    } cols[] = {
        {"sex", {"M", "F", NULL}},
        {"school", {"enrolled", "dropout", "home_tuition", "exempt", "completed", "none", NULL}},
        {"disability", {"0", "1", "2", "3", "4", NULL}},
        {"insured", {"0", "1", NULL}},
        {"health", {"healthy", "chronic", "major_illness", NULL}},
        {"labor", {"full", "partial", "none", NULL}},
    };
    fupin_household *h = full_household();
    for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++) {
        for (size_t i = 0; cols[c].good[i]; i++)
            if (fupin_household_set_member(h, "m1", cols[c].field, cols[c].good[i]))
                fail_msg("%s = \"%s\" rejected: %s", cols[c].field, cols[c].good[i],
                         fupin_last_error());
        FUPIN_OK_OR_FAIL(fupin_household_set_member(h, "m1", cols[c].field, ""));
        FUPIN_OK_OR_FAIL(fupin_household_set_member(h, "m1", cols[c].field, NULL));
    }
    static const char *births[] = {"1900",       "2100",       "1900-01",
                                   "2100-12",    "1900-01-01", "2100-12-31",
                                   "2024-02-29", "2000-02-29", "1980-05"};
    for (size_t i = 0; i < sizeof births / sizeof births[0]; i++) {
        if (fupin_household_set_member(h, "m1", "birth", births[i]))
            fail_msg("birth \"%s\" rejected: %s", births[i], fupin_last_error());
        if (fupin_household_add_member(h, births[i], births[i]))
            fail_msg("add_member birth \"%s\" rejected: %s", births[i], fupin_last_error());
    }
    fupin_household_free(h);
}

static void test_bad_members_csv_values_are_rejected_and_change_nothing(void **state)
{
    (void)state;
    static const struct {
        const char *field, *value;
    } bad[] = {
        {"birth", "1899"},
        {"birth", "2101"},
        {"birth", "1899-12-31"},
        {"birth", "2101-01-01"},
        {"birth", "2023-02-29"},
        {"birth", "1900-02-29"},
        {"birth", "2023-04-31"},
        {"birth", "2023-13-01"},
        {"birth", "2023-00-10"},
        {"birth", "2023-01-00"},
        {"birth", "2023-1-5"},
        {"birth", "20230105"},
        {"birth", "2023-01-05 "},
        {"birth", "05/01/2023"},
        {"birth", "abcd"},
        {"sex", "m"},
        {"sex", "X"},
        {"school", "Enrolled"},
        {"school", "dropped"},
        {"disability", "5"},
        {"disability", "-1"},
        {"disability", "1.0"},
        {"disability", "1 "},
        {"insured", "2"},
        {"insured", "Y"},
        {"health", "sick"},
        {"labor", "Full"},
        {"labor", "half"},
    };
    fupin_household *h = full_household();
    /* give m2 a non-adult school status that R-G3 sees, so that changes to it show */
    char before[4096];
    fingerprint(h, before, sizeof before);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_rejected(fupin_household_set_member(h, "m2", bad[i].field, bad[i].value), h, before,
                        bad[i].field, bad[i].value);
    /* birth is required: blank is not unknown for it */
    assert_rejected(fupin_household_set_member(h, "m2", "birth", ""), h, before, "birth", "");
    assert_rejected(fupin_household_set_member(h, "m2", "birth", NULL), h, before, "birth", "");
    assert_rejected(fupin_household_add_member(h, "m3", ""), h, before, "birth", "");
    assert_rejected(fupin_household_add_member(h, "m3", NULL), h, before, "birth", "");
    assert_rejected(fupin_household_add_member(h, "m3", "2023-02-29"), h, before, "birth",
                    "2023-02-29");
    assert_rejected(fupin_household_add_member(h, "m3", "1899"), h, before, "birth", "1899");
    fupin_household_free(h);
}

/* ------------------------------------------------------------ identity numbers */

/* GB 11643: the check character of a 17-digit body. */
static char id_check(const char *body17)
{
    static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; i++)
        sum += (body17[i] - '0') * w[i];
    return "10X98765432"[sum % 11];
}

/* A valid 18-character number for area 110101, birth YYYYMMDD, sequence seq (3 digits). */
static void make_id(char out[19], const char *yyyymmdd, int seq)
{
    snprintf(out, 19, "110101%s%03u", yyyymmdd, (unsigned)seq % 1000u);
    out[17] = id_check(out);
    out[18] = '\0';
}

static void masked(char out[19], const char *id)
{
    memcpy(out, id, 6);
    memset(out + 6, '*', 8);
    memcpy(out + 14, id + 14, 4);
    out[18] = '\0';
}

static void test_id_check_computation_matches_the_published_example(void **state)
{
    (void)state;
    /* The GB 11643 worked example 11010519491231002X (checks the test's own helper). */
    assert_int_equal(id_check("11010519491231002"), 'X');
}

static void test_valid_identity_numbers_are_accepted_upper_and_lower_x(void **state)
{
    (void)state;
    fupin_household *h = NULL;
    FUPIN_OK_OR_FAIL(fupin_household_create(&h, "H1"));
    FUPIN_OK_OR_FAIL(fupin_household_add_member(h, "m1", "1980-05-01"));
    char id[19];
    make_id(id, "19800501", 1);
    FUPIN_OK_OR_FAIL(fupin_household_set_member(h, "m1", "id_number", id));
    /* find a sequence whose check character is X, and give it in lower case too */
    int seq = 0;
    for (;; seq++) {
        make_id(id, "19800501", seq);
        if (id[17] == 'X')
            break;
    }
    FUPIN_OK_OR_FAIL(fupin_household_set_member(h, "m1", "id_number", id));
    id[17] = 'x';
    FUPIN_OK_OR_FAIL(fupin_household_set_member(h, "m1", "id_number", id));
    FUPIN_OK_OR_FAIL(fupin_household_set_member(h, "m1", "id_number", ""));
    FUPIN_OK_OR_FAIL(fupin_household_set_member(h, "m1", "id_number", NULL));
    /* partial births agree with any number of that year (and month) */
    FUPIN_OK_OR_FAIL(fupin_household_add_member(h, "m2", "1980"));
    make_id(id, "19801231", 7);
    FUPIN_OK_OR_FAIL(fupin_household_set_member(h, "m2", "id_number", id));
    FUPIN_OK_OR_FAIL(fupin_household_add_member(h, "m3", "1980-12"));
    FUPIN_OK_OR_FAIL(fupin_household_set_member(h, "m3", "id_number", id));
    fupin_household_free(h);
}

/* Check one bad identity number: rejected, masked in the message, never in full. */
static void assert_id_rejected(fupin_household *h, const char *member, const char *id,
                               const char *before)
{
    char m[19];
    int rc = fupin_household_set_member(h, member, "id_number", id);
    assert_int_equal(rc, FUPIN_EINVAL);
    const char *err = fupin_last_error();
    if (strstr(err, id))
        fail_msg("error shows the identity number in full: %s", err);
    if (strlen(id) == 18) {
        masked(m, id);
        if (!strstr(err, m))
            fail_msg("error \"%s\" lacks the masked number %s", err, m);
    }
    assert_non_null(strstr(err, "id_number"));
    char after[4096];
    fingerprint(h, after, sizeof after);
    assert_string_equal(before, after);
}

static void test_bad_identity_numbers_are_rejected_and_printed_masked(void **state)
{
    (void)state;
    fupin_household *h = full_household();
    FUPIN_OK_OR_FAIL(fupin_household_add_member(h, "full", "1980-05-01"));
    FUPIN_OK_OR_FAIL(fupin_household_add_member(h, "ym", "1980-05"));
    FUPIN_OK_OR_FAIL(fupin_household_add_member(h, "y", "1980"));
    char before[4096];
    fingerprint(h, before, sizeof before);
    char id[19];

    /* bad checksum: every wrong check character */
    make_id(id, "19800501", 12);
    char good = id[17];
    for (const char *c = "0123456789X"; *c; c++) {
        if (*c == good)
            continue;
        id[17] = *c;
        assert_id_rejected(h, "full", id, before);
    }
    /* disagreement with a full birth date: day, month, year */
    make_id(id, "19800502", 12);
    assert_id_rejected(h, "full", id, before);
    make_id(id, "19800601", 12);
    assert_id_rejected(h, "full", id, before);
    make_id(id, "19810501", 12);
    assert_id_rejected(h, "full", id, before);
    /* YYYY-MM birth: the month and the year must agree, the day is free */
    make_id(id, "19800430", 12);
    assert_id_rejected(h, "ym", id, before);
    make_id(id, "19790531", 12);
    assert_id_rejected(h, "ym", id, before);
    /* YYYY birth: the year must agree */
    make_id(id, "19790101", 12);
    assert_id_rejected(h, "y", id, before);
    make_id(id, "19810101", 12);
    assert_id_rejected(h, "y", id, before);
    /* impossible birth date inside an otherwise well-formed number */
    make_id(id, "19800230", 12);
    assert_id_rejected(h, "y", id, before);
    make_id(id, "19801301", 12);
    assert_id_rejected(h, "y", id, before);
    /* wrong lengths, non-digits */
    make_id(id, "19800501", 12);
    char longer[21];
    snprintf(longer, sizeof longer, "%s1", id);
    assert_id_rejected(h, "full", longer, before);
    id[17] = '\0';
    assert_id_rejected(h, "full", id, before);
    make_id(id, "19800501", 12);
    id[3] = 'a';
    assert_id_rejected(h, "full", id, before);
    make_id(id, "19800501", 12);
    char spaced[21];
    snprintf(spaced, sizeof spaced, " %s", id);
    assert_id_rejected(h, "full", spaced, before);
    fupin_household_free(h);
}

static void test_birth_changed_to_disagree_with_identity_number_is_rejected(void **state)
{
    (void)state;
    fupin_household *h = full_household();
    FUPIN_OK_OR_FAIL(fupin_household_add_member(h, "m3", "1980-05-01"));
    char id[19];
    make_id(id, "19800501", 3);
    FUPIN_OK_OR_FAIL(fupin_household_set_member(h, "m3", "id_number", id));
    char before[4096];
    fingerprint(h, before, sizeof before);
    assert_rejected(fupin_household_set_member(h, "m3", "birth", "1980-05-02"), h, before, "birth",
                    "1980-05-02");
    assert_rejected(fupin_household_set_member(h, "m3", "birth", "1980-06"), h, before, "birth",
                    "1980-06");
    assert_rejected(fupin_household_set_member(h, "m3", "birth", "1981"), h, before, "birth",
                    "1981");
    assert_null(strstr(fupin_last_error(), id));
    FUPIN_OK_OR_FAIL(fupin_household_set_member(h, "m3", "birth", "1980-05"));
    FUPIN_OK_OR_FAIL(fupin_household_set_member(h, "m3", "birth", "1980"));
    fupin_household_free(h);
}

/* ------------------------------------------------------------ incomes.csv */

static void test_amounts_are_held_exactly_in_fen(void **state)
{
    (void)state;
    static const struct {
        const char *field, *text;
        int64_t fen; /* its contribution to R-I1 net income */
    } ok[] = {
        {"wage", "12", 1200},
        {"wage", "12.5", 1250},
        {"wage", "12.50", 1250},
        {"wage", "0.01", 1},
        {"wage", "0", 0},
        {"wage", "007", 700},
        {"wage", "100000000000", 10000000000000LL},
        {"transfer", "100000000000.00", 10000000000000LL},
        {"business", "-3", -300},
        {"business", "-0.01", -1},
        {"business", "-100000000000", -10000000000000LL},
        {"property", "-3", -300},
        {"property", "-12.5", -1250},
        {"production_expense", "12.34", -1234},
        {"production_expense", "100000000000", -10000000000000LL},
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        fupin_household *h = tu_household_ok("H1", 2024, "0");
        assert_non_null(h);
        if (fupin_household_set_income(h, 2024, ok[i].field, ok[i].text))
            fail_msg("%s = \"%s\" rejected: %s", ok[i].field, ok[i].text, fupin_last_error());
        int64_t got = net_fen(h, 2024);
        if (got != ok[i].fen)
            fail_msg("%s = \"%s\": net %lld fen, expected %lld", ok[i].field, ok[i].text,
                     (long long)got, (long long)ok[i].fen);
        fupin_household_free(h);
    }
    /* the extreme sums of one household-year stay exact (docs/dataset.md: never overflow) */
    fupin_household *h = tu_household_ok("H1", 2024, "100000000000");
    FUPIN_OK_OR_FAIL(fupin_household_set_income(h, 2024, "business", "100000000000"));
    FUPIN_OK_OR_FAIL(fupin_household_set_income(h, 2024, "property", "100000000000"));
    FUPIN_OK_OR_FAIL(fupin_household_set_income(h, 2024, "transfer", "100000000000"));
    assert_true(net_fen(h, 2024) == 40000000000000LL);
    FUPIN_OK_OR_FAIL(fupin_household_set_income(h, 2024, "wage", "0"));
    FUPIN_OK_OR_FAIL(fupin_household_set_income(h, 2024, "transfer", "0"));
    FUPIN_OK_OR_FAIL(fupin_household_set_income(h, 2024, "business", "-100000000000"));
    FUPIN_OK_OR_FAIL(fupin_household_set_income(h, 2024, "property", "-100000000000"));
    FUPIN_OK_OR_FAIL(fupin_household_set_income(h, 2024, "production_expense", "100000000000"));
    assert_true(net_fen(h, 2024) == -30000000000000LL);
    fupin_household_free(h);
}

static void test_bad_amounts_are_rejected_and_change_nothing(void **state)
{
    (void)state;
    static const char *always_bad[] = {
        "+12",          ".5",  "5.",  "1e3",   "12.345", "100000000000.01",
        "100000000001", " 35", "35 ", "1,000", "12.5.0", "abc",
        "0x10",         "-",   "--1", "12-",   "1 000",  "\xef\xbc\x91"};
    static const char *fields[] = {"wage",
                                   "business",
                                   "property",
                                   "transfer",
                                   "production_expense",
                                   "medical_expense",
                                   "education_expense"};
    fupin_household *h = full_household();
    char before[4096];
    fingerprint(h, before, sizeof before);
    for (size_t f = 0; f < sizeof fields / sizeof fields[0]; f++) {
        for (size_t i = 0; i < sizeof always_bad / sizeof always_bad[0]; i++)
            assert_rejected(fupin_household_set_income(h, 2024, fields[f], always_bad[i]), h,
                            before, fields[f], always_bad[i]);
        int may_be_negative = !strcmp(fields[f], "business") || !strcmp(fields[f], "property");
        if (!may_be_negative) {
            assert_rejected(fupin_household_set_income(h, 2024, fields[f], "-1"), h, before,
                            fields[f], "-1");
            assert_rejected(fupin_household_set_income(h, 2024, fields[f], "-0.01"), h, before,
                            fields[f], "-0.01");
        } else {
            assert_rejected(fupin_household_set_income(h, 2024, fields[f], "-100000000000.01"), h,
                            before, fields[f], "-100000000000.01");
        }
    }
    fupin_household_free(h);
}

static void test_income_and_event_years_outside_1949_2100_are_rejected(void **state)
{
    (void)state;
    fupin_household *h = full_household();
    char before[4096];
    fingerprint(h, before, sizeof before);
    assert_int_equal(fupin_household_set_income(h, 1948, "wage", "1"), FUPIN_EINVAL);
    assert_int_equal(fupin_household_set_income(h, 2101, "wage", "1"), FUPIN_EINVAL);
    assert_int_equal(fupin_household_add_event(h, 1948, "accident", "1"), FUPIN_EINVAL);
    assert_int_equal(fupin_household_add_event(h, 2101, "accident", "1"), FUPIN_EINVAL);
    char after[4096];
    fingerprint(h, after, sizeof after);
    assert_string_equal(before, after);
    FUPIN_OK_OR_FAIL(fupin_household_set_income(h, 1949, "wage", "1"));
    FUPIN_OK_OR_FAIL(fupin_household_set_income(h, 2100, "wage", "1"));
    FUPIN_OK_OR_FAIL(fupin_household_add_event(h, 1949, "other", ""));
    FUPIN_OK_OR_FAIL(fupin_household_add_event(h, 2100, "other", NULL));
    fupin_household_free(h);
}

static void test_blank_income_component_means_unknown(void **state)
{
    (void)state;
    static const char *fields[] = {"wage", "business", "property", "transfer",
                                   "production_expense"};
    for (size_t f = 0; f < sizeof fields / sizeof fields[0]; f++) {
        for (int use_null = 0; use_null <= 1; use_null++) {
            fupin_household *h = tu_household_ok("H1", 2024, "5000");
            assert_true(net_fen(h, 2024) == 500000);
            FUPIN_OK_OR_FAIL(fupin_household_set_income(h, 2024, fields[f], use_null ? NULL : ""));
            assert_true(net_fen(h, 2024) == INT64_MIN);
            fupin_household_free(h);
        }
    }
    /* the rigid expenses may be blank without touching net income */
    fupin_household *h = tu_household_ok("H1", 2024, "5000");
    FUPIN_OK_OR_FAIL(fupin_household_set_income(h, 2024, "medical_expense", ""));
    FUPIN_OK_OR_FAIL(fupin_household_set_income(h, 2024, "education_expense", NULL));
    assert_true(net_fen(h, 2024) == 500000);
    fupin_household_free(h);
}

/* ------------------------------------------------------------ events.csv */

static void test_every_event_kind_and_amount_is_accepted(void **state)
{
    (void)state;
    static const char *kinds[] = {"major_illness", "accident", "disability",       "disaster",
                                  "death",         "job_loss", "business_failure", "other"};
    fupin_household *h = full_household();
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        FUPIN_OK_OR_FAIL(fupin_household_add_event(h, 2024, kinds[i], "12.5"));
        FUPIN_OK_OR_FAIL(fupin_household_add_event(h, 2024, kinds[i], ""));
        FUPIN_OK_OR_FAIL(fupin_household_add_event(h, 2024, kinds[i], NULL));
        FUPIN_OK_OR_FAIL(fupin_household_add_event(h, 2024, kinds[i], "100000000000"));
    }
    fupin_household_free(h);
}

static void test_bad_event_values_are_rejected_and_change_nothing(void **state)
{
    (void)state;
    fupin_household *h = full_household();
    char before[4096];
    fingerprint(h, before, sizeof before);
    static const char *bad_kinds[] = {"flood", "Accident", "accident ", "", "major illness"};
    for (size_t i = 0; i < sizeof bad_kinds / sizeof bad_kinds[0]; i++)
        assert_rejected(fupin_household_add_event(h, 2024, bad_kinds[i], "1"), h, before, "kind",
                        bad_kinds[i]);
    static const char *bad_amounts[] = {"+12", ".5", "5.", "1e3", "12.345", "100000000000.01",
                                        " 35", "-1"};
    for (size_t i = 0; i < sizeof bad_amounts / sizeof bad_amounts[0]; i++)
        assert_rejected(fupin_household_add_event(h, 2024, "accident", bad_amounts[i]), h, before,
                        "amount", bad_amounts[i]);
    fupin_household_free(h);
}

/* ------------------------------------------------------------ record checks */

static void test_household_without_members_cannot_be_evaluated(void **state)
{
    (void)state;
    fupin_policy *p = national();
    fupin_result *r = NULL;
    fupin_household *h = NULL;
    FUPIN_OK_OR_FAIL(fupin_result_create(&r));
    FUPIN_OK_OR_FAIL(fupin_household_create(&h, "H0"));
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "food_secure", "1"));
    /* R-G3/R-G4: no members is an input error, not a household that passes */
    assert_int_equal(fupin_household_evaluate(p, h, 2024, r), FUPIN_EINVAL);
    assert_non_null(strstr(fupin_last_error(), "H0"));
    assert_int_equal(fupin_household_member_count(h), 0);
    fupin_household_free(h);
    fupin_result_free(r);
    fupin_policy_free(p);
}

static void assert_eval_fails_naming(fupin_household *h, const char *column)
{
    fupin_policy *p = national();
    fupin_result *r = NULL;
    FUPIN_OK_OR_FAIL(fupin_result_create(&r));
    assert_int_equal(fupin_household_evaluate(p, h, 2024, r), FUPIN_EINVAL);
    if (!strstr(fupin_last_error(), column))
        fail_msg("error \"%s\" does not name %s", fupin_last_error(), column);
    fupin_result_free(r);
    fupin_policy_free(p);
}

static void test_cross_field_errors_fail_evaluation_naming_the_column(void **state)
{
    (void)state;
    /* exit_year without registered_year */
    fupin_household *h = tu_household_ok("H1", 2024, "9000");
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "exit_year", "2019"));
    assert_eval_fails_naming(h, "exit_year");
    /* exit_year before registered_year */
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "registered_year", "2020"));
    assert_eval_fails_naming(h, "exit_year");
    /* equal years are fine (exit_year >= registered_year) */
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "registered_year", "2019"));
    assert_int_equal(net_fen(h, 2024), 900000);
    fupin_household_free(h);

    /* monitor without monitor_since */
    h = tu_household_ok("H2", 2024, "9000");
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "monitor", "marginal"));
    assert_eval_fails_naming(h, "monitor_since");
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "monitor_since", "2023"));
    assert_int_equal(net_fen(h, 2024), 900000);
    /* monitor_since alone (monitor blank) is not an error */
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "monitor", ""));
    assert_int_equal(net_fen(h, 2024), 900000);
    fupin_household_free(h);
}

static void test_copies_are_independent(void **state)
{
    (void)state;
    fupin_household *a = full_household();
    fupin_household *b = NULL;
    char fa[4096], fb[4096], fa2[4096];
    FUPIN_OK_OR_FAIL(fupin_household_copy(&b, a));
    fingerprint(a, fa, sizeof fa);
    fingerprint(b, fb, sizeof fb);
    assert_string_equal(fa, fb);
    /* change the copy everywhere: household field, member, income, new member */
    FUPIN_OK_OR_FAIL(fupin_household_set(b, "housing", "D"));
    FUPIN_OK_OR_FAIL(fupin_household_set_member(b, "m1", "insured", "0"));
    FUPIN_OK_OR_FAIL(fupin_household_set_income(b, 2024, "wage", "1"));
    FUPIN_OK_OR_FAIL(fupin_household_add_member(b, "m9", "2000"));
    FUPIN_OK_OR_FAIL(fupin_household_add_event(b, 2024, "death", ""));
    fingerprint(a, fa2, sizeof fa2);
    assert_string_equal(fa, fa2);
    fingerprint(b, fb, sizeof fb);
    assert_string_not_equal(fa, fb);
    assert_int_equal(fupin_household_member_count(a), 2);
    assert_int_equal(fupin_household_member_count(b), 3);
    /* and the original after the copy is freed */
    fupin_household_free(b);
    FUPIN_OK_OR_FAIL(fupin_household_copy(&b, a));
    fupin_household_free(a);
    fingerprint(b, fb, sizeof fb);
    assert_string_equal(fa, fb);
    fupin_household_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_households_csv_column_accepts_its_values_and_blank),
        cmocka_unit_test(test_blank_and_null_household_fields_mean_unknown),
        cmocka_unit_test(test_bad_households_csv_values_are_rejected_and_change_nothing),
        cmocka_unit_test(test_unknown_field_names_are_rejected),
        cmocka_unit_test(test_household_id_of_64_bytes_accepted_and_65_rejected),
        cmocka_unit_test(test_ids_that_are_not_utf8_are_rejected),
        cmocka_unit_test(test_duplicate_member_id_is_eexist_and_ids_compare_exactly),
        cmocka_unit_test(test_every_members_csv_column_accepts_its_values_and_blank),
        cmocka_unit_test(test_bad_members_csv_values_are_rejected_and_change_nothing),
        cmocka_unit_test(test_id_check_computation_matches_the_published_example),
        cmocka_unit_test(test_valid_identity_numbers_are_accepted_upper_and_lower_x),
        cmocka_unit_test(test_bad_identity_numbers_are_rejected_and_printed_masked),
        cmocka_unit_test(test_birth_changed_to_disagree_with_identity_number_is_rejected),
        cmocka_unit_test(test_amounts_are_held_exactly_in_fen),
        cmocka_unit_test(test_bad_amounts_are_rejected_and_change_nothing),
        cmocka_unit_test(test_income_and_event_years_outside_1949_2100_are_rejected),
        cmocka_unit_test(test_blank_income_component_means_unknown),
        cmocka_unit_test(test_every_event_kind_and_amount_is_accepted),
        cmocka_unit_test(test_bad_event_values_are_rejected_and_change_nothing),
        cmocka_unit_test(test_household_without_members_cannot_be_evaluated),
        cmocka_unit_test(test_cross_field_errors_fail_evaluation_naming_the_column),
        cmocka_unit_test(test_copies_are_independent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
