/* diff and check (lib/app) under allocation failure and on bad expectations files:
 * every failing allocation returns FUPIN_ENOMEM, leaves *out NULL and leaks nothing
 * (style.md, Memory); a malformed expectations file is an error naming file, line and
 * column (formats.md 3). White-box: the allocator hook. Data: tests/golden/mini. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "core/core.h"

struct fx2 {
    fupin_policy *national, *province;
    fupin_dataset *ds;
};

static int setup(void **state)
{
    static struct fx2 f;
    if (fupin_policy_builtin(&f.national, "national") ||
        fupin_policy_load(&f.province, tu_source_path("tests/golden/mini-province.pol")) ||
        fupin_dataset_load(&f.ds, tu_source_path("tests/golden/mini"), FUPIN_LOAD_STRICT))
        return -1;
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    struct fx2 *f = *state;
    fupin_dataset_free(f->ds);
    fupin_policy_free(f->province);
    fupin_policy_free(f->national);
    return 0;
}

#define OOM_LOOP(op_rc, out, free_out)                                                             \
    do {                                                                                           \
        long live0_ = fupin__test_alloc_live(), n_;                                                \
        for (n_ = 1; n_ < 100000; n_++) {                                                          \
            fupin__test_fail_alloc_at(n_);                                                         \
            int rc_ = (op_rc);                                                                     \
            fupin__test_fail_alloc_at(0);                                                          \
            if (rc_ == 0)                                                                          \
                break;                                                                             \
            if (rc_ != FUPIN_ENOMEM)                                                               \
                fail_msg("allocation %ld failing gave %d: %s", n_, rc_, fupin_last_error());       \
            assert_null(out);                                                                      \
            if (fupin__test_alloc_live() != live0_)                                                \
                fail_msg("allocation %ld failing leaked %ld", n_,                                  \
                         fupin__test_alloc_live() - live0_);                                       \
        }                                                                                          \
        assert_true(n_ > 1);                                                                       \
        assert_non_null(out);                                                                      \
        free_out;                                                                                  \
        assert_int_equal(fupin__test_alloc_live(), live0_);                                        \
    } while (0)

/* The diff of NOTES-scenarios.md (mini, national -> province.pol): 3 households and
 * the village changed, 11 transitions. */
static void test_diff_fails_cleanly_at_every_allocation(void **state)
{
    struct fx2 *f = *state;
    fupin_diff *d = NULL;
    OOM_LOOP(fupin_diff_dataset(&d, f->national, f->province, f->ds, 2024), d, {
        assert_int_equal(fupin_diff_households_changed(d), 3);
        assert_int_equal(fupin_diff_villages_changed(d), 1);
        assert_int_equal(fupin_diff_transition_count(d), 11);
        fupin_diff_free(d);
        d = NULL;
    });
    OOM_LOOP(
        fupin_diff_village(&d, f->national, f->province, fupin_dataset_village(f->ds, 0), 2024), d,
        {
            assert_int_equal(fupin_diff_households_changed(d), 3);
            fupin_diff_free(d);
            d = NULL;
        });
}

/* The check of NOTES-scenarios.md: 6 passed, 5 failed. */
static void test_check_fails_cleanly_at_every_allocation(void **state)
{
    struct fx2 *f = *state;
    fupin_check *k = NULL;
    const char *expect = tu_source_path("tests/golden/mini-expect.csv");
    char path[4096];
    snprintf(path, sizeof path, "%s", expect);
    OOM_LOOP(fupin_check_dataset(&k, f->national, f->ds, path, 0), k, {
        assert_int_equal(fupin_check_passed(k), 6);
        assert_int_equal(fupin_check_failed(k), 5);
        fupin_check_free(k);
        k = NULL;
    });
}

/* formats.md 3: a bad expectations file is refused with file, line and column. */
static void test_bad_expectations_files_are_refused_with_their_line(void **state)
{
    struct fx2 *f = *state;
    static const struct {
        const char *text, *message;
    } cases[] = {
        {"", "empty"},
        {"household_id,year,field\nA1,2024,alert.level\n", "expected"},
        {"household_id,year,field,expected\nA1,20x4,alert.level,none\n", ":2: column year"},
        {"household_id,year,field,expected\nA1,2024,alert.level\n", ":2: column"},
        {"household_id,year,field,expected\nA1,2024,alert.level,\"none\n", ":2: column"},
        {"household_id,year,field,expected\nA1,2024,,none\n", ":2: column field"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *path = tu_write_temp("expect.csv", cases[i].text);
        fupin_check *k = (fupin_check *)path; /* must be reset to NULL */
        int rc = fupin_check_dataset(&k, f->national, f->ds, path, 2024);
        if (rc == 0)
            fail_msg("case %zu accepted", i);
        assert_null(k);
        if (!strstr(fupin_last_error(), cases[i].message))
            fail_msg("case %zu: '%s' lacks '%s'", i, fupin_last_error(), cases[i].message);
    }
    /* a missing file */
    fupin_check *k = NULL;
    assert_int_equal(fupin_check_dataset(&k, f->national, f->ds, "/nonexistent/e.csv", 2024),
                     FUPIN_ENOTFOUND);
    assert_null(k);
    /* NULL arguments */
    assert_int_equal(fupin_check_dataset(NULL, f->national, f->ds, "x", 2024), FUPIN_EINVAL);
    assert_int_equal(fupin_check_dataset(&k, NULL, f->ds, "x", 2024), FUPIN_EINVAL);
    fupin_diff *d = NULL;
    assert_int_equal(fupin_diff_dataset(&d, NULL, f->national, f->ds, 2024), FUPIN_EINVAL);
    assert_int_equal(fupin_diff_village(&d, f->national, f->national, NULL, 2024), FUPIN_EINVAL);
    assert_null(d);
}

/* formats.md 3: derived figures compare within one unit of their last printed place:
 * incidence (4 decimals) 0.03 matches 0.0301 and 0.0299, not 0.0302; growth (2
 * decimals) 10.53 matches 10.54, not 10.55. A null value (A1 has no 2018 income, so
 * no 2019 growth) matches a blank or "null" expectation, never a number. */
static void test_check_tolerance_is_one_unit_of_the_last_place(void **state)
{
    struct fx2 *f = *state;
    const char *path = tu_write_temp("expect.csv", "household_id,year,field,expected\n"
                                                   "530102001001,2024,village.incidence,0.0301\n"
                                                   "530102001001,2024,village.incidence,0.0299\n"
                                                   "530102001001,2024,village.incidence,0.0302\n"
                                                   "A3,2024,income.growth,10.54\n"
                                                   "A3,2024,income.growth,10.55\n"
                                                   "A1,2019,income.growth,5\n"
                                                   "A1,2019,income.growth,\n"
                                                   "A1,2019,income.growth,null\n");
    fupin_check *k = NULL;
    FUPIN_OK_OR_FAIL(fupin_check_dataset(&k, f->national, f->ds, path, 0));
    assert_int_equal(fupin_check_passed(k), 5);
    assert_int_equal(fupin_check_failed(k), 3);
    assert_string_equal(fupin_check_mismatch(k, 0),
                        "530102001001 2024 village.incidence: expected 0.0302, got 0.03");
    assert_string_equal(fupin_check_mismatch(k, 2), "A1 2019 income.growth: expected 5, got null");
    fupin_check_free(k);
}

/* formats.md 3: a blank year takes the default year given to check (`--year`); without
 * one, the dataset's default (2024 for mini); a village row of a code that does not
 * exist, and a household field on a village row, fail. */
static void test_check_blank_years_and_unknown_records(void **state)
{
    struct fx2 *f = *state;
    const char *path = tu_write_temp("expect.csv", "household_id,year,field,expected\n"
                                                   "A3,,income.status,below\n"
                                                   "A3,,income.poverty_line,3218\n"
                                                   "530102009999,2024,village.incidence,0\n"
                                                   "530102001001,2024,village.nothing,0\n");
    fupin_check *k = NULL;
    FUPIN_OK_OR_FAIL(fupin_check_dataset(&k, f->national, f->ds, path, 2019));
    /* 2019: A3 3000 < 3218: both pass */
    assert_int_equal(fupin_check_passed(k), 2);
    assert_int_equal(fupin_check_failed(k), 2);
    fupin_check_free(k);
    FUPIN_OK_OR_FAIL(fupin_check_dataset(&k, f->national, f->ds, path, 0));
    /* 2024: A3 4200 >= 4000, line 4000: both fail */
    assert_int_equal(fupin_check_passed(k), 0);
    assert_int_equal(fupin_check_failed(k), 4);
    fupin_check_free(k);
}

/* formats.md 5: transitions of one field by count (largest first), then by text.
 * Sample data, national -> examples/policies/county-2024.pol (threshold 9000, scarce
 * water 25 L): alert.reasons gains INCOME_BELOW_THRESHOLD for GZ06 (8200) and GS01
 * (7000), both from [] (count 2); and one each for GS05 and GS07 (income) and GS03,
 * GS04 (WATER_QUANTITY: 22 and 20 L < 25), whose texts sort as below. */
static void test_diff_transitions_by_count_then_text(void **state)
{
    (void)state;
    fupin_policy *base = NULL, *county = NULL;
    fupin_dataset *ds = NULL;
    fupin_diff *d = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_builtin(&base, "national"));
    FUPIN_OK_OR_FAIL(
        fupin_policy_load(&county, tu_source_path("examples/policies/county-2024.pol")));
    FUPIN_OK_OR_FAIL(fupin_dataset_load(&ds, tu_source_path("examples/data"), FUPIN_LOAD_STRICT));
    FUPIN_OK_OR_FAIL(fupin_diff_dataset(&d, base, county, ds, 2024));
    static const char *const want[] = {
        "alert.reasons []->[INCOME_BELOW_THRESHOLD]",
        "alert.reasons [EVENT_DEATH WATER_QUANTITY WATER_ACCESS]->[INCOME_BELOW_THRESHOLD "
        "EVENT_DEATH WATER_QUANTITY WATER_ACCESS]",
        "alert.reasons [INCOME_BELOW_LINE FOOD_INSECURE CLOTHING_INSECURE]->[INCOME_BELOW_LINE "
        "FOOD_INSECURE CLOTHING_INSECURE WATER_QUANTITY]",
        "alert.reasons [INCOME_BELOW_THRESHOLD MED_UNINSURED]->[INCOME_BELOW_THRESHOLD "
        "MED_UNINSURED WATER_QUANTITY]",
        "alert.reasons [INCOME_DROP EVENT_DISABILITY EVENT_OTHER]->[INCOME_BELOW_THRESHOLD "
        "INCOME_DROP EVENT_DISABILITY EVENT_OTHER]",
    };
    size_t k = 0;
    for (size_t i = 0; i < fupin_diff_transition_count(d); i++) {
        uint64_t count = 0;
        const char *t = fupin_diff_transition(d, i, &count);
        if (strncmp(t, "alert.reasons ", 14) != 0)
            continue;
        assert_true(k < 5);
        assert_string_equal(t, want[k]);
        assert_int_equal(count, k == 0 ? 2 : 1);
        k++;
    }
    assert_int_equal(k, 5);
    fupin_diff_free(d);
    fupin_dataset_free(ds);
    fupin_policy_free(county);
    fupin_policy_free(base);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_diff_fails_cleanly_at_every_allocation),
        cmocka_unit_test(test_check_fails_cleanly_at_every_allocation),
        cmocka_unit_test(test_bad_expectations_files_are_refused_with_their_line),
        cmocka_unit_test(test_check_tolerance_is_one_unit_of_the_last_place),
        cmocka_unit_test(test_diff_transitions_by_count_then_text),
        cmocka_unit_test(test_check_blank_years_and_unknown_records),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
