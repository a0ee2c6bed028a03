/* Out-of-memory paths (style.md, Memory): every allocation of loading a policy file
 * with a two-level extends chain, and of building, copying and resolving for a
 * household, may fail; each failure returns FUPIN_ENOMEM, leaves *out NULL and leaks
 * nothing. Evaluation itself allocates nothing. White-box: the allocator hook. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"
#include "core/core.h"

static char root[64];
static char paths[3][128];

static void write_at(int i, const char *name, const char *text)
{
    snprintf(paths[i], sizeof paths[i], "%s/%s", root, name);
    FILE *f = fopen(paths[i], "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int setup(void **state)
{
    (void)state;
    snprintf(root, sizeof root, "/tmp/fupin-oom-XXXXXX");
    if (!tu_mkdtemp(root))
        return -1;
    write_at(0, "grand.pol", "poverty_line@2024 = 4100\nincome_drop_ratio = 0.2\n");
    write_at(1, "parent.pol",
             "extends = grand.pol\nmonitoring_threshold@2024 = 7000\nmpi_k@2024 = 0.25\n");
    write_at(2, "child.pol",
             "name = child\nextends = parent.pol\npoverty_line@2024 = 4300\n"
             "poverty_line = 4000\nwater_litres_min:scarce = 22\n");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    for (int i = 0; i < 3; i++)
        unlink(paths[i]);
    rmdir(root);
    return 0;
}

/* Run op with the n-th allocation failing, n = 1, 2, ... until it succeeds. Every
 * failing run must report ENOMEM and leave the live allocation count unchanged. */
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
        assert_true(n_ > 1); /* the operation did allocate, so failures were exercised */          \
        assert_non_null(out);                                                                      \
        free_out;                                                                                  \
    } while (0)

static void test_loading_a_policy_chain_fails_cleanly_at_every_allocation(void **state)
{
    (void)state;
    fupin_policy *p = NULL;
    long start = fupin__test_alloc_live();
    OOM_LOOP(fupin_policy_load(&p, paths[2]), p, {
        double v = 0;
        FUPIN_OK_OR_FAIL(fupin_policy_get(p, "poverty_line", NULL, 2024, &v));
        assert_true(v == 4300);
        FUPIN_OK_OR_FAIL(fupin_policy_get(p, "monitoring_threshold", NULL, 2024, &v));
        assert_true(v == 7000);
        fupin_policy_free(p);
    });
    assert_int_equal(fupin__test_alloc_live(), start);
}

static void test_parsing_and_showing_fail_cleanly_at_every_allocation(void **state)
{
    (void)state;
    static const char text[] = "extends = parent.pol\nmpi_k = 0.5\n";
    fupin_policy *p = NULL;
    long start = fupin__test_alloc_live();
    OOM_LOOP(fupin_policy_parse(&p, text, sizeof text - 1, "mem.pol", root), p, {});
    char buf[8192];
    size_t needed;
    long live0 = fupin__test_alloc_live(), n;
    for (n = 1;; n++) {
        fupin__test_fail_alloc_at(n);
        int rc = fupin_policy_show(p, 2024, buf, sizeof buf, &needed);
        fupin__test_fail_alloc_at(0);
        if (rc == 0)
            break;
        assert_int_equal(rc, FUPIN_ENOMEM);
        assert_int_equal(fupin__test_alloc_live(), live0);
    }
    assert_true(n > 1);
    fupin_policy *c = NULL;
    OOM_LOOP(fupin_policy_copy(&c, p), c, fupin_policy_free(c));
    fupin_policy_free(p);
    assert_int_equal(fupin__test_alloc_live(), start);
}

/* Build the household in one go so that any allocation inside may be the failing one. */
static int build_household(fupin_household **out)
{
    fupin_household *h = NULL;
    int rc = fupin_household_create(&h, "H001");
    if (!rc)
        rc = fupin_household_set(h, "region", "west");
    if (!rc)
        rc = fupin_household_set(h, "water_scarce", "1");
    if (!rc)
        rc = fupin_household_add_member(h, "m1", "1980-05-01");
    if (!rc)
        rc = fupin_household_add_member(h, "m2", "2012-09");
    if (!rc)
        rc = fupin_household_set_member(h, "m2", "school", "enrolled");
    if (!rc)
        rc = fupin_household_set_member(h, "m1", "labor", "full");
    if (!rc)
        rc = fupin_household_set_income(h, 2024, "wage", "9000");
    if (!rc)
        rc = fupin_household_set_income(h, 2023, "wage", "8000");
    if (!rc)
        rc = fupin_household_add_event(h, 2024, "major_illness", "3000");
    if (!rc)
        rc = fupin_household_add_event(h, 2024, "disaster", "");
    if (rc) {
        fupin_household_free(h);
        return rc;
    }
    *out = h;
    return 0;
}

static void
test_households_and_evaluators_fail_cleanly_and_evaluation_allocates_nothing(void **state)
{
    (void)state;
    fupin_household *h = NULL, *c = NULL;
    fupin_policy *p = NULL;
    fupin_evaluator *e = NULL;
    fupin_result *r = NULL;
    long start = fupin__test_alloc_live();
    OOM_LOOP(build_household(&h), h, {});
    OOM_LOOP(fupin_household_copy(&c, h), c, {});
    OOM_LOOP(fupin_policy_load(&p, paths[2]), p, {});
    /* The evaluator may be a single allocation: then only n = 1 fails. */
    long live0 = fupin__test_alloc_live();
    fupin__test_fail_alloc_at(1);
    assert_int_equal(fupin_evaluator_create(&e, p, 2024), FUPIN_ENOMEM);
    assert_null(e);
    fupin__test_fail_alloc_at(1);
    assert_int_equal(fupin_result_create(&r), FUPIN_ENOMEM);
    assert_null(r);
    fupin__test_fail_alloc_at(0);
    assert_int_equal(fupin__test_alloc_live(), live0);
    FUPIN_OK_OR_FAIL(fupin_evaluator_create(&e, p, 2024));
    FUPIN_OK_OR_FAIL(fupin_result_create(&r));

    fupin__test_fail_alloc_at(0); /* resets the count */
    long before = fupin__test_alloc_count();
    FUPIN_OK_OR_FAIL(fupin_evaluator_evaluate_household(e, h, r));
    FUPIN_OK_OR_FAIL(fupin_evaluator_evaluate_household(e, c, r));
    assert_int_equal(fupin__test_alloc_count(), before);
    assert_int_equal(fupin_result_year(r), 2024);

    fupin_result_free(r);
    fupin_evaluator_free(e);
    fupin_policy_free(p);
    fupin_household_free(c);
    fupin_household_free(h);
    assert_int_equal(fupin__test_alloc_live(), start);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_loading_a_policy_chain_fails_cleanly_at_every_allocation),
        cmocka_unit_test(test_parsing_and_showing_fail_cleanly_at_every_allocation),
        cmocka_unit_test(
            test_households_and_evaluators_fail_cleanly_and_evaluation_allocates_nothing),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
