/* Groups over a dataset (R-V4), and group evaluation and its writer allocating nothing
 * (white-box: a dataset is assembled by hand, as no loader exists yet; the
 * allocator hook). */
#include <string.h>

#include "util.h"
#include "core/core.h"
#include "model/model.h"

static fupin_village *village(const char *code, const char *region, const char *id, const char *reg)
{
    fupin_village *v = NULL;
    FUPIN_OK_OR_FAIL(fupin_village_create(&v, code, region));
    FUPIN_OK_OR_FAIL(fupin_village_set(v, "population", "100"));
    fupin_household *h = tu_household_ok(id, 2024, "9000");
    assert_non_null(h);
    if (reg)
        FUPIN_OK_OR_FAIL(fupin_household_set(h, "registered_year", reg));
    FUPIN_OK_OR_FAIL(fupin_village_add_household(v, h));
    fupin_household_free(h);
    return v;
}

/* R-V4: a dataset's group is the same as the group of the same villages held by the
 * caller, and evaluating it and writing its line allocate nothing (style.md, Memory). */
static void test_R_V4_dataset_group_matches_the_villages_group_and_allocates_nothing(void **state)
{
    (void)state;
    fupin_policy *p = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_builtin(&p, "national"));
    fupin_village *v[3] = {village("520102001001", "west", "A", "2015"),
                           village("520102002001", "west", "B", NULL),
                           village("520103001001", "west", "C", "2015")};
    /* the dataset's villages are contiguous: shallow copies that the test never frees */
    struct fupin_village copies[3];
    for (int i = 0; i < 3; i++)
        copies[i] = *v[i];
    struct fupin_dataset d;
    memset(&d, 0, sizeof d);
    d.villages = copies;
    d.n_villages = 3;
    fupin_evaluator *e = NULL;
    FUPIN_OK_OR_FAIL(fupin_evaluator_create(&e, p, 2024));
    fupin_summary *a = NULL, *b = NULL;
    FUPIN_OK_OR_FAIL(fupin_summary_create(&a));
    FUPIN_OK_OR_FAIL(fupin_summary_create(&b));
    char ja[4096], jb[4096];

    fupin__test_fail_alloc_at(0);
    FUPIN_OK_OR_FAIL(fupin_evaluator_evaluate_group(e, &d, "520102", a));
    FUPIN_OK_OR_FAIL(fupin_summary_to_json(a, ja, sizeof ja, NULL));
    assert_int_equal(fupin__test_alloc_count(), 0);

    FUPIN_OK_OR_FAIL(fupin_evaluator_evaluate_group_villages(e, (const fupin_village *const *)v, 3,
                                                             "520102", b));
    FUPIN_OK_OR_FAIL(fupin_summary_to_json(b, jb, sizeof jb, NULL));
    assert_string_equal(ja, jb);
    assert_int_equal(fupin_summary_village_count(a), 2);
    int64_t n = 0;
    FUPIN_OK_OR_FAIL(fupin_summary_count(a, FUPIN_VC_POOR_POPULATION, &n));
    assert_int_equal(n, 1);

    fupin_summary_free(a);
    fupin_summary_free(b);
    fupin_evaluator_free(e);
    for (int i = 0; i < 3; i++)
        fupin_village_free(v[i]);
    fupin_policy_free(p);
}

/* fupin_summary_create fails cleanly: ENOMEM, *out NULL, nothing leaked. */
static void test_group_result_create_fails_cleanly(void **state)
{
    (void)state;
    long live = fupin__test_alloc_live();
    fupin_summary *r = (fupin_summary *)1;
    fupin__test_fail_alloc_at(1);
    assert_int_equal(fupin_summary_create(&r), FUPIN_ENOMEM);
    fupin__test_fail_alloc_at(0);
    assert_null(r);
    assert_int_equal(fupin__test_alloc_live(), live);
    assert_int_equal(fupin_summary_create(NULL), FUPIN_EINVAL);
    fupin_summary_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_R_V4_dataset_group_matches_the_villages_group_and_allocates_nothing),
        cmocka_unit_test(test_group_result_create_fails_cleanly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
