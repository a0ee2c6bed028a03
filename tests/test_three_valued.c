/* The three-valued-logic audit (docs/reference/rules.md conventions, issue 10 item 6): a result is
 * unknown only when the missing facts could change it. One test per rule where known
 * facts decide beside unknown ones, with the boundary (one fen above zero, exactly at
 * the limit) and the unknown case. Households come from CSV text as a lenient load
 * reads it, since only the loader can leave a household incomplete. Expected values
 * are worked out by hand in the comments (national policy, 2023: line 4000,
 * threshold 6000, rigid_expense_ratio 1.0, school ages 6..15 on 31 August, village
 * exit incidence 2 %). */
#include <string.h>

#include "util.h"
#include "io/io.h"
#include "model/model.h"

#define Y 2023

#define VH                                                                                         \
    "village_code,name,region,population,water_scarce,paved_road,electricity,clinic,broadband,"    \
    "collective_income\n"
#define HH                                                                                         \
    "household_id,village_code,registered_year,exit_year,monitor,monitor_since,assistance,"        \
    "housing,food_secure,clothing_secure,water_litres,water_minutes,water_supply_rate,"            \
    "water_quality_ok\n"
#define MH "household_id,member_id,birth,sex,id_number,school,disability,insured,health,labor\n"
#define IH "household_id,year,wage,business,property,transfer,medical_expense,education_expense\n"
/* monitored since 2022-01 (24 months by the end of 2023), every guarantee met */
#define OK_REST ",,,unstable,2022-01,none,A,1,1,60,0,95,1\n"
#define V1      "520102001001"
#define V2      "520102001002"

static fupin_policy *national;
static fupin_dataset *ds;
static fupin_result *res;

static int setup(void **state)
{
    (void)state;
    const char *data[FUPIN_FILE_COUNT] = {
        VH V1 ",a,east,100,0,1,1,1,1,\n" V2 ",b,east,100,0,1,1,1,1,\n",
        HH
        /* R-A4 */
        "Z0," V1 OK_REST "Z1," V1 OK_REST "Z2," V1 OK_REST "K1," V1 OK_REST "K2," V1 OK_REST
        /* R-G4, R-G6, R-G1, R-E1 */
        "INS," V1 OK_REST "WAT," V1 ",,,,,none,A,1,1,,,,0\n"
        "LOW," V1 ",,,,,none,A,,1,60,0,95,1\n"
        /* incomplete households (a members.csv row skipped) */
        "DROP," V1 OK_REST "ADULT," V1 OK_REST "LABNONE," V1 OK_REST
        /* R-V2: registered poor beside a skipped household record */
        "P3," V1 ",2016,,,,none,A,1,1,60,0,95,1\n"
        "BADV1," V1 ",,,,,none,Q,1,1,60,0,95,1\n"
        "P2," V2 ",2016,,,,none,A,1,1,60,0,95,1\n"
        "BADV2," V2 ",,,,,none,Q,1,1,60,0,95,1\n",
        MH "Z0,m1,1980-05-01,M,,completed,0,1,healthy,full\n"
           "Z1,m1,1980-05-01,M,,completed,0,1,healthy,full\n"
           "Z2,m1,1980-05-01,M,,completed,0,1,healthy,full\n"
           "K1,m1,1980-05-01,M,,completed,0,1,healthy,full\n"
           "K2,m1,1980-05-01,M,,completed,0,1,healthy,full\n"
           "INS,m1,1980-05-01,M,,completed,0,0,healthy,full\n"
           "INS,m2,1982-05-01,F,,completed,0,,healthy,full\n"
           "WAT,m1,1980-05-01,M,,completed,0,1,healthy,full\n"
           "LOW,m1,1980-05-01,M,,completed,0,1,healthy,full\n"
           "DROP,c1,2013-03-01,F,,dropout,0,1,healthy,none\n" /* 10 on 2023-08-31 */
           "DROP,m1,19x0,M,,completed,0,1,healthy,full\n"     /* skipped: incomplete */
           "ADULT,m1,1980-05-01,M,,completed,0,1,healthy,full\n"
           "ADULT,m2,19x0,M,,completed,0,1,healthy,full\n"
           "LABNONE,m1,1950-05-01,M,,completed,0,1,healthy,none\n"
           "LABNONE,m2,19x0,M,,completed,0,1,healthy,full\n"
           "P3,m1,1980-05-01,M,,completed,0,1,healthy,full\n"
           "P3,m2,1981-05-01,F,,completed,0,1,healthy,full\n"
           "P3,m3,1982-05-01,F,,completed,0,1,healthy,full\n"
           "P2,m1,1980-05-01,M,,completed,0,1,healthy,full\n"
           "P2,m2,1981-05-01,F,,completed,0,1,healthy,full\n",
        IH                        /* income of 2023 unknown (wage blank), no 2022 record */
        "Z0,2023,,0,0,0,0,0\n"    /* spending known to be zero */
        "Z1,2023,,0,0,0,0.01,0\n" /* one fen of spending */
        "Z2,2023,,0,0,0,0,\n"     /* zero and blank */
        "K1,2022,10000,0,0,0,0,0\n"
        "K1,2023,10000,0,0,0,10000.01,\n" /* known part alone exceeds 1.0 x 10000 */
        "K2,2022,10000,0,0,0,0,0\n"
        "K2,2023,10000,0,0,0,10000,\n" /* exactly at the limit: not above */
        "INS,2023,20000,0,0,0,0,0\n"
        "WAT,2023,20000,0,0,0,0,0\n"
        "LOW,2023,1000,0,0,0,0,0\n"
        "DROP,2023,100000,0,0,0,0,0\n"
        "ADULT,2023,100000,0,0,0,0,0\n"
        "LABNONE,2023,100000,0,0,0,0,0\n",
        NULL};
    size_t len[FUPIN_FILE_COUNT] = {0};
    for (int i = 0; i < FUPIN_FILE_COUNT; i++)
        len[i] = data[i] ? strlen(data[i]) : 0;
    if (fupin_policy_builtin(&national, "national") || fupin_result_create(&res))
        return -1;
    return fupin__dataset_load_memory(&ds, data, len, FUPIN_LOAD_LENIENT);
}

static int teardown(void **state)
{
    (void)state;
    fupin_dataset_free(ds);
    fupin_result_free(res);
    fupin_policy_free(national);
    return 0;
}

static const fupin_result *eval(const char *id)
{
    for (size_t v = 0; v < fupin_dataset_village_count(ds); v++) {
        const fupin_village *vil = fupin_dataset_village(ds, v);
        for (size_t i = 0; i < fupin_village_household_count(vil); i++) {
            const fupin_household *h = fupin_village_household(vil, i);
            if (strcmp(fupin_household_id(h), id) == 0) {
                FUPIN_OK_OR_FAIL(fupin_household_evaluate(national, h, Y, res));
                return res;
            }
        }
    }
    fail_msg("no household %s", id);
    return NULL;
}

static void expect_list(const fupin_result *r, int list, const int *codes, size_t n)
{
    assert_int_equal(fupin_result_reason_count(r, list), n);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(fupin_result_reason(r, list, i), codes[i]);
}

static int has_reason(const fupin_result *r, int list, int code)
{
    for (size_t i = 0; i < fupin_result_reason_count(r, list); i++)
        if (fupin_result_reason(r, list, i) == code)
            return 1;
    return 0;
}

/* R-A4: spending known to be zero never exceeds anything, so with both incomes
 * unknown it is false, not unknown: R-M1 has no RISK_UNKNOWN (was RISK_UNKNOWN). */
static void test_R_A4_spending_known_zero_is_no_risk_with_both_incomes_unknown(void **state)
{
    (void)state;
    const fupin_result *r = eval("Z0");
    assert_false(has_reason(r, FUPIN_LIST_ALERT, FUPIN_REASON_RIGID_EXPENSE));
    const int exit_codes[] = {FUPIN_REASON_INCOME_UNKNOWN};
    expect_list(r, FUPIN_LIST_MONITOR_EXIT, exit_codes, 1);
}

/* R-A4 one fen above zero, income unknown: the income decides, so unknown. */
static void test_R_A4_one_fen_of_spending_with_income_unknown_is_unknown(void **state)
{
    (void)state;
    const int exit_codes[] = {FUPIN_REASON_INCOME_UNKNOWN, FUPIN_REASON_RISK_UNKNOWN};
    expect_list(eval("Z1"), FUPIN_LIST_MONITOR_EXIT, exit_codes, 2);
    /* zero and a blank: the blank one may be anything */
    expect_list(eval("Z2"), FUPIN_LIST_MONITOR_EXIT, exit_codes, 2);
}

/* R-A4: the known expense alone above 1.0 x last year's 10000 triggers with the other
 * blank; exactly at the limit it does not, and the blank one keeps it unknown. */
static void test_R_A4_known_expense_alone_decides_above_the_limit_only(void **state)
{
    (void)state;
    const fupin_result *r = eval("K1");
    assert_true(has_reason(r, FUPIN_LIST_ALERT, FUPIN_REASON_RIGID_EXPENSE));
    assert_int_equal(fupin_result_alert_level(r), FUPIN_ALERT_WARNING);
    r = eval("K2");
    assert_false(has_reason(r, FUPIN_LIST_ALERT, FUPIN_REASON_RIGID_EXPENSE));
    const int exit_codes[] = {FUPIN_REASON_RISK_UNKNOWN};
    expect_list(r, FUPIN_LIST_MONITOR_EXIT, exit_codes, 1);
}

/* R-G4: one member known uninsured decides medical beside a blank one. */
static void test_R_G4_one_known_uninsured_member_is_unmet_beside_a_blank(void **state)
{
    (void)state;
    const fupin_result *r = eval("INS");
    assert_int_equal(fupin_result_dimension(r, FUPIN_DIM_MEDICAL), FUPIN_STATUS_UNMET);
    const int codes[] = {FUPIN_REASON_MED_UNINSURED};
    expect_list(r, FUPIN_LIST_GUARANTEE, codes, 1);
}

/* R-G6: a failed indicator decides water beside three blank ones (no WATER_UNKNOWN). */
static void test_R_G6_one_failed_indicator_is_unmet_beside_blank_ones(void **state)
{
    (void)state;
    const fupin_result *r = eval("WAT");
    assert_int_equal(fupin_result_dimension(r, FUPIN_DIM_WATER), FUPIN_STATUS_UNMET);
    const int codes[] = {FUPIN_REASON_WATER_QUALITY};
    expect_list(r, FUPIN_LIST_GUARANTEE, codes, 1);
    assert_int_equal(fupin_result_guarantee(r), FUPIN_STATUS_UNMET);
}

/* R-G1 blank is unknown; R-E1: income known below the line decides the exit beside
 * an unknown guarantee. */
static void test_R_E1_income_below_the_line_is_no_exit_beside_an_unknown_guarantee(void **state)
{
    (void)state;
    const fupin_result *r = eval("LOW");
    assert_int_equal(fupin_result_dimension(r, FUPIN_DIM_FOOD), FUPIN_STATUS_UNKNOWN);
    assert_int_equal(fupin_result_guarantee(r), FUPIN_STATUS_UNKNOWN);
    assert_int_equal(fupin_result_income_status(r), FUPIN_INCOME_BELOW);
    assert_int_equal(fupin_result_exit_eligible(r), FUPIN_TRI_FALSE);
}

/* R-G3: a known dropout child decides education in an incomplete household; without
 * one the skipped member could be a child, so it is unknown. */
static void test_R_G3_known_dropout_decides_an_incomplete_household(void **state)
{
    (void)state;
    const fupin_result *r = eval("DROP");
    assert_int_equal(fupin_result_dimension(r, FUPIN_DIM_EDUCATION), FUPIN_STATUS_UNMET);
    const int codes[] = {FUPIN_REASON_EDU_DROPOUT, FUPIN_REASON_MED_UNKNOWN};
    expect_list(r, FUPIN_LIST_GUARANTEE, codes, 2);
    r = eval("ADULT");
    assert_int_equal(fupin_result_dimension(r, FUPIN_DIM_EDUCATION), FUPIN_STATUS_UNKNOWN);
}

/* R-I3 (the exception kept on purpose): an incomplete household's income status is
 * unknown even where its known income (100000 for at most 2 members) would decide it. */
static void test_R_I3_incomplete_household_income_stays_unknown(void **state)
{
    (void)state;
    const fupin_result *r = eval("ADULT");
    assert_int_equal(fupin_result_income_status(r), FUPIN_INCOME_UNKNOWN);
}

/* R-A7 / R-M1: a loaded member with labour capacity decides "not without labour" in
 * an incomplete household; a loaded member without it leaves LABOR_UNKNOWN. */
static void test_R_M1_known_labour_decides_an_incomplete_household(void **state)
{
    (void)state;
    const fupin_result *r = eval("DROP"); /* c1 none, skipped m1 */
    const int unknown[] = {FUPIN_REASON_INCOME_UNKNOWN, FUPIN_REASON_GUARANTEE_NOT_MET,
                           FUPIN_REASON_LABOR_UNKNOWN};
    expect_list(r, FUPIN_LIST_MONITOR_EXIT, unknown, 3);
    r = eval("ADULT"); /* m1 full */
    const int known[] = {FUPIN_REASON_INCOME_UNKNOWN, FUPIN_REASON_GUARANTEE_NOT_MET};
    expect_list(r, FUPIN_LIST_MONITOR_EXIT, known, 2);
    r = eval("LABNONE"); /* m1 none, skipped m2 */
    expect_list(r, FUPIN_LIST_MONITOR_EXIT, unknown, 3);
}

/* R-V2: with a household record skipped, 3 known poor of 100 already exceed 2 %
 * (3 x 1e6 > 20000 x 100): decided false with INCIDENCE_TOO_HIGH. 2 known poor are
 * exactly at the limit, and the skipped household could add more: unknown. */
static void test_R_V2_known_poor_above_the_limit_decide_beside_a_skipped_household(void **state)
{
    (void)state;
    fupin_summary *vr = NULL;
    FUPIN_OK_OR_FAIL(fupin_summary_create(&vr));
    const fupin_village *v = fupin_dataset_village(ds, 0);
    FUPIN_OK_OR_FAIL(fupin_village_evaluate(national, v, Y, vr));
    assert_int_equal(fupin_summary_exit_eligible(vr), FUPIN_TRI_FALSE);
    assert_int_equal(fupin_summary_reason_count(vr), 1);
    assert_int_equal(fupin_summary_reason(vr, 0), FUPIN_REASON_INCIDENCE_TOO_HIGH);
    v = fupin_dataset_village(ds, 1);
    FUPIN_OK_OR_FAIL(fupin_village_evaluate(national, v, Y, vr));
    assert_int_equal(fupin_summary_exit_eligible(vr), FUPIN_TRI_NULL);
    assert_int_equal(fupin_summary_reason_count(vr), 1);
    assert_int_equal(fupin_summary_reason(vr, 0), FUPIN_REASON_INCIDENCE_UNKNOWN);
    fupin_summary_free(vr);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_R_A4_spending_known_zero_is_no_risk_with_both_incomes_unknown),
        cmocka_unit_test(test_R_A4_one_fen_of_spending_with_income_unknown_is_unknown),
        cmocka_unit_test(test_R_A4_known_expense_alone_decides_above_the_limit_only),
        cmocka_unit_test(test_R_G4_one_known_uninsured_member_is_unmet_beside_a_blank),
        cmocka_unit_test(test_R_G6_one_failed_indicator_is_unmet_beside_blank_ones),
        cmocka_unit_test(test_R_E1_income_below_the_line_is_no_exit_beside_an_unknown_guarantee),
        cmocka_unit_test(test_R_G3_known_dropout_decides_an_incomplete_household),
        cmocka_unit_test(test_R_I3_incomplete_household_income_stays_unknown),
        cmocka_unit_test(test_R_M1_known_labour_decides_an_incomplete_household),
        cmocka_unit_test(test_R_V2_known_poor_above_the_limit_decide_beside_a_skipped_household),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
