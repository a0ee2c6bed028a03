/* Issue 15, round 6 (branch eval3), white-box: the shortcuts of the evaluation agree
 * with what they replace. fupin__income_amount_fast (rules.h) reads an amount with one
 * 8-byte load and a shift: every boundary value in every field, next to neighbours of
 * every byte pattern (a wrong mask or shift lets a neighbour's bytes in), reads as
 * fupin__income_amount (model.h) reads it. */
#include <stdint.h>
#include <string.h>

#include "util.h"
#include "rules/rules.h"

static const int64_t values[] = {
    FUPIN__FEN_MAX,
    -FUPIN__FEN_MAX,
    0,
    -1,
    1,
    FUPIN__FEN_UNKNOWN,
    (int64_t)1 << 43,
    -((int64_t)1 << 43),
    0x090807060504,
    -0x090807060504,
    0x08FFFFFFFFFF,
    -0x08FFFFFFFFFF,
    FUPIN__FEN_MAX - 1,
    -FUPIN__FEN_MAX + 1,
};

static void test_fast_amount_reads_as_the_accessor(void **state)
{
    (void)state;
    static const uint8_t fill[] = {0x00, 0xFF, 0x5A, 0x80};
    size_t nv = sizeof values / sizeof values[0];
    for (size_t k = 0; k < sizeof fill; k++)
        for (size_t i = 0; i < nv; i++)
            for (int f = 0; f < FUPIN__INC_N; f++) {
                struct fupin__income inc;
                memset(&inc, fill[k], sizeof inc);
                /* the neighbours hold other values too, blank among them */
                for (int g = 0; g < FUPIN__INC_N; g++)
                    if (g != f && k == 3)
                        fupin__income_set_amount(&inc, g, values[(i + (size_t)g) % nv]);
                fupin__income_set_amount(&inc, f, values[i]);
                int64_t want = fupin__income_amount(&inc, f);
                int64_t got = fupin__income_amount_fast(&inc, f);
                if (got != want || want != values[i])
                    fail_msg("fill %02x field %d: set %lld, accessor %lld, fast %lld", fill[k], f,
                             (long long)values[i], (long long)want, (long long)got);
            }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fast_amount_reads_as_the_accessor),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
