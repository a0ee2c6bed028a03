/* Exact rounding of ratios of integers (rules.md, Rounding: half away from zero,
 * computed from unrounded values), white-box: fupin__round_ratio of lib/core, which
 * growth (from fen totals) and shares (of counts) print; and the allocator's edges.
 * Expected values are worked by hand in comments. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>

#include "util.h"
#include "core/core.h"

static int64_t ratio(fupin__i128 num, fupin__i128 den, int decimals)
{
    fupin__i128 k = -12345;
    assert_int_equal(fupin__round_ratio(num, den, decimals, &k), 0);
    return (int64_t)k;
}

/* 1/8 = 0.125: at 2 decimals K = round(12.5) = 13; -1/8 -> -13; 0.12375 (99/800)
 * -> 12; 1/3 -> 33; 2/3 -> 67; at 0 decimals 5/2 = 2.5 -> 3, -5/2 -> -3, 3/2 -> 2;
 * a negative denominator: 1/-8 -> -13; 3/20000 at 4 decimals: 1.5 -> 2; 0 -> 0. */
static void test_round_ratio_ties_go_away_from_zero(void **state)
{
    (void)state;
    assert_int_equal(ratio(1, 8, 2), 13);
    assert_int_equal(ratio(-1, 8, 2), -13);
    assert_int_equal(ratio(1, -8, 2), -13);
    assert_int_equal(ratio(99, 800, 2), 12);
    assert_int_equal(ratio(-99, 800, 2), -12);
    assert_int_equal(ratio(1, 3, 2), 33);
    assert_int_equal(ratio(2, 3, 2), 67);
    assert_int_equal(ratio(5, 2, 0), 3);
    assert_int_equal(ratio(-5, 2, 0), -3);
    assert_int_equal(ratio(3, 2, 0), 2);
    assert_int_equal(ratio(3, 20000, 4), 2);
    assert_int_equal(ratio(0, 7, 4), 0);
    /* at 6 decimals: 1500000 / 10^12 x 10^6 = 1.5 -> 2; 1499999 / 10^12 -> 1.499999 -> 1 */
    assert_int_equal(ratio(1500000, 1000000000000LL, 6), 2);
    assert_int_equal(ratio(1499999, 1000000000000LL, 6), 1);
}

/* Bad arguments: no division by zero, no overflow of the scaled numerator. */
static void test_round_ratio_refuses_zero_denominator_and_overflow(void **state)
{
    (void)state;
    fupin__i128 k = 7;
    assert_int_equal(fupin__round_ratio(1, 0, 2, &k), -1);
    assert_int_equal(fupin__round_ratio(1, 1, 7, &k), -1);
    assert_int_equal(fupin__round_ratio(1, 1, -1, &k), -1);
    fupin__i128 big = (fupin__i128)1 << 120;
    assert_int_equal(fupin__round_ratio(big, 3, 6, &k), -1);
    assert_int_equal(fupin__round_ratio(-big, 3, 6, &k), -1);
    assert_true(k == 7);
    /* 10^31 x 10^6 still fits: 10^31 / 10^31 at 6 decimals = 1000000 */
    fupin__i128 e31 = (fupin__i128)10000000000000000LL * 1000000000000000LL;
    assert_int_equal(ratio(e31, e31, 6), 1000000);
}

/* The allocator (style.md, Memory): zero sizes still give a block (freeable), an
 * array size that overflows size_t is refused before any allocation and leaves the
 * live count unchanged. */
static void test_allocator_edges(void **state)
{
    (void)state;
    long live = fupin__test_alloc_live();
    void *a = fupin__malloc(0), *b = fupin__calloc(0, 0), *c = fupin__realloc(NULL, 0);
    assert_non_null(a);
    assert_non_null(b);
    assert_non_null(c);
    assert_int_equal(fupin__test_alloc_live(), live + 3);
    assert_null(fupin__reallocarray(NULL, SIZE_MAX / 2 + 1, 2));
    assert_int_equal(fupin__test_alloc_live(), live + 3);
    c = fupin__reallocarray(c, 4, 8);
    assert_non_null(c);
    fupin__free(a);
    fupin__free(b);
    fupin__free(c);
    fupin__free(NULL);
    assert_int_equal(fupin__test_alloc_live(), live);
    char *d = fupin__strndup("abcdef", 3);
    assert_string_equal(d, "abc");
    fupin__free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_ratio_ties_go_away_from_zero),
        cmocka_unit_test(test_round_ratio_refuses_zero_denominator_and_overflow),
        cmocka_unit_test(test_allocator_edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
