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
        fupin_policy_load(&f.province, tu_source_path("tests/golden/mini/province.pol")) ||
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
    const char *expect = tu_source_path("tests/golden/mini/expect.csv");
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
 * decimals) 10.53 matches 10.54, not 10.55. */
static void test_check_tolerance_is_one_unit_of_the_last_place(void **state)
{
    struct fx2 *f = *state;
    const char *path = tu_write_temp("expect.csv", "household_id,year,field,expected\n"
                                                   "530102001001,2024,village.incidence,0.0301\n"
                                                   "530102001001,2024,village.incidence,0.0299\n"
                                                   "530102001001,2024,village.incidence,0.0302\n"
                                                   "A3,2024,income.growth,10.54\n"
                                                   "A3,2024,income.growth,10.55\n");
    fupin_check *k = NULL;
    FUPIN_OK_OR_FAIL(fupin_check_dataset(&k, f->national, f->ds, path, 0));
    assert_int_equal(fupin_check_passed(k), 3);
    assert_int_equal(fupin_check_failed(k), 2);
    assert_string_equal(fupin_check_mismatch(k, 0),
                        "530102001001 2024 village.incidence: expected 0.0302, got 0.03");
    fupin_check_free(k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_diff_fails_cleanly_at_every_allocation),
        cmocka_unit_test(test_check_fails_cleanly_at_every_allocation),
        cmocka_unit_test(test_bad_expectations_files_are_refused_with_their_line),
        cmocka_unit_test(test_check_tolerance_is_one_unit_of_the_last_place),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
