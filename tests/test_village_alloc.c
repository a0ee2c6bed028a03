/* Villages under allocation failure, and evaluation and writers allocating nothing
 * (white-box: the allocator hook). */
#include <string.h>

#include "util.h"
#include "core/core.h"

#define CODE "520102001001"

static fupin_household *member_household(const char *id)
{
    fupin_household *h = tu_household_ok(id, 2024, "12000");
    assert_non_null(h);
    FUPIN_OK_OR_FAIL(fupin_household_add_member(h, "m2", "2010-01-01"));
    FUPIN_OK_OR_FAIL(fupin_household_add_event(h, 2024, "accident", "100"));
    return h;
}

/* Every allocation of fupin_village_add_household may fail: ENOMEM, the village
 * unchanged and nothing leaked; with 8 households the 9th needs the array to grow. */
static void test_add_household_fails_cleanly_at_every_allocation(void **state)
{
    (void)state;
    for (int start = 0; start <= 8; start += 8) {
        fupin_village *v = NULL;
        FUPIN_OK_OR_FAIL(fupin_village_create(&v, CODE, "east"));
        char id[16];
        for (int i = 0; i < start; i++) {
            memcpy(id, "H0", 3);
            id[1] = (char)('a' + i);
            fupin_household *h = member_household(id);
            FUPIN_OK_OR_FAIL(fupin_village_add_household(v, h));
            fupin_household_free(h);
        }
        fupin_household *h = member_household("new");
        int done = 0;
        for (long n = 1; n < 100 && !done; n++) {
            long live = fupin__test_alloc_live();
            fupin__test_fail_alloc_at(n);
            int rc = fupin_village_add_household(v, h);
            fupin__test_fail_alloc_at(0);
            if (rc == 0) {
                done = 1;
                break;
            }
            assert_int_equal(rc, FUPIN_ENOMEM);
            assert_int_equal(fupin_village_household_count(v), (size_t)start);
            assert_null(fupin_village_find(v, "new"));
            /* a grown array may stay (capacity is not visible); nothing else may */
            long extra = fupin__test_alloc_live() - live;
            assert_true(extra == 0 || (extra == 1 && start == 0));
        }
        assert_true(done);
        assert_int_equal(fupin_village_household_count(v), (size_t)start + 1);
        assert_int_equal(fupin_household_member_count(fupin_village_find(v, "new")), 2);
        fupin_household_free(h);
        fupin_village_free(v);
    }
}

static void test_create_and_set_name_fail_cleanly(void **state)
{
    (void)state;
    long live = fupin__test_alloc_live();
    fupin_village *v = (fupin_village *)1;
    fupin__test_fail_alloc_at(1);
    assert_int_equal(fupin_village_create(&v, CODE, "east"), FUPIN_ENOMEM);
    fupin__test_fail_alloc_at(0);
    assert_null(v);
    assert_int_equal(fupin__test_alloc_live(), live);
    FUPIN_OK_OR_FAIL(fupin_village_create(&v, CODE, "east"));
    FUPIN_OK_OR_FAIL(fupin_village_set(v, "name", "old"));
    fupin__test_fail_alloc_at(1);
    assert_int_equal(fupin_village_set(v, "name", "new"), FUPIN_ENOMEM);
    fupin__test_fail_alloc_at(0);
    assert_string_equal(fupin_village_name(v), "old");
    fupin_summary *r = (fupin_summary *)1;
    fupin__test_fail_alloc_at(1);
    assert_int_equal(fupin_summary_create(&r), FUPIN_ENOMEM);
    fupin__test_fail_alloc_at(0);
    assert_null(r);
    fupin_village_free(v);
    assert_int_equal(fupin__test_alloc_live(), live);
}

/* Evaluation of a village and the writers allocate nothing (style.md, Memory). */
static void test_village_evaluation_and_writers_allocate_nothing(void **state)
{
    (void)state;
    fupin_policy *p = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_builtin(&p, "national"));
    fupin_village *v = NULL;
    FUPIN_OK_OR_FAIL(fupin_village_create(&v, CODE, "east"));
    FUPIN_OK_OR_FAIL(fupin_village_set(v, "population", "10"));
    fupin_household *h = member_household("H1");
    FUPIN_OK_OR_FAIL(fupin_village_add_household(v, h));
    fupin_household_free(h);
    fupin_evaluator *e = NULL;
    FUPIN_OK_OR_FAIL(fupin_evaluator_create_since(&e, p, 2024, 2020));
    fupin_summary *vr = NULL;
    fupin_result *r = NULL;
    FUPIN_OK_OR_FAIL(fupin_summary_create(&vr));
    FUPIN_OK_OR_FAIL(fupin_result_create(&r));
    char buf[4096];
    fupin__test_fail_alloc_at(0);
    FUPIN_OK_OR_FAIL(fupin_evaluator_evaluate_village(e, v, vr));
    FUPIN_OK_OR_FAIL(fupin_summary_to_json(vr, buf, sizeof buf, NULL));
    FUPIN_OK_OR_FAIL(fupin_evaluator_evaluate_household(e, fupin_village_household(v, 0), r));
    FUPIN_OK_OR_FAIL(fupin_result_to_json(r, buf, sizeof buf, NULL));
    FUPIN_OK_OR_FAIL(fupin_result_to_csv(r, buf, sizeof buf, NULL));
    assert_int_equal(fupin__test_alloc_count(), 0);
    fupin_result_free(r);
    fupin_summary_free(vr);
    fupin_evaluator_free(e);
    fupin_village_free(v);
    fupin_policy_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_add_household_fails_cleanly_at_every_allocation),
        cmocka_unit_test(test_create_and_set_name_fail_cleanly),
        cmocka_unit_test(test_village_evaluation_and_writers_allocate_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
