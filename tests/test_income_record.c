/* The income record keeps its seven amounts in 6 bytes each (issue 15: 48 bytes, not
 * 64), white-box: every amount the parser accepts, blank among them, comes back
 * exactly through fupin__income_set_amount / fupin__income_amount, and the fields do
 * not overlap. */
#include <stdint.h>
#include <string.h>

#include "amount_values.h"
#include "util.h"
#include "model/model.h"

static void test_every_boundary_value_round_trips_in_every_field(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof amount_values / sizeof amount_values[0]; i++)
        for (int f = 0; f < FUPIN__INC_N; f++) {
            struct fupin__income inc;
            memset(&inc, 0x5A, sizeof inc);
            fupin__income_set_amount(&inc, f, amount_values[i]);
            if (fupin__income_amount(&inc, f) != amount_values[i])
                fail_msg("field %d: set %lld, read %lld", f, (long long)amount_values[i],
                         (long long)fupin__income_amount(&inc, f));
        }
}

static void test_fields_do_not_overlap(void **state)
{
    (void)state;
    struct fupin__income inc;
    memset(&inc, 0, sizeof inc);
    size_t nv = sizeof amount_values / sizeof amount_values[0];
    for (int f = 0; f < FUPIN__INC_N; f++)
        fupin__income_set_amount(&inc, f, amount_values[(size_t)f * 2 % nv]);
    for (int f = 0; f < FUPIN__INC_N; f++)
        assert_int_equal(fupin__income_amount(&inc, f), amount_values[(size_t)f * 2 % nv]);
}

/* The layout the brief fixes: little-endian two's complement, blank as -2^47. */
static void test_stored_bytes_are_little_endian_48_bit(void **state)
{
    (void)state;
    struct fupin__income inc;
    memset(&inc, 0, sizeof inc);
    fupin__income_set_amount(&inc, FUPIN__INC_WAGE, -1);
    fupin__income_set_amount(&inc, FUPIN__INC_BUSINESS, FUPIN__FEN_UNKNOWN);
    fupin__income_set_amount(&inc, FUPIN__INC_PROPERTY, 0x060504030201);
    static const uint8_t minus1[6] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
    static const uint8_t unknown[6] = {0, 0, 0, 0, 0, 0x80};
    static const uint8_t counted[6] = {1, 2, 3, 4, 5, 6};
    assert_memory_equal(inc.amount[FUPIN__INC_WAGE], minus1, 6);
    assert_memory_equal(inc.amount[FUPIN__INC_BUSINESS], unknown, 6);
    assert_memory_equal(inc.amount[FUPIN__INC_PROPERTY], counted, 6);
    assert_int_equal(sizeof inc, 48);
}

/* Through the parser: the largest and smallest amounts it accepts, and blank. */
static void test_parsed_extremes_are_kept(void **state)
{
    (void)state;
    struct fupin__income inc;
    memset(&inc, 0, sizeof inc);
    int unknown_field = 1;
    static const struct {
        const char *field, *text;
        int index;
        int64_t fen;
    } cases[] = {
        {"wage", "100000000000", FUPIN__INC_WAGE, FUPIN__FEN_MAX},
        {"business", "-100000000000.00", FUPIN__INC_BUSINESS, -FUPIN__FEN_MAX},
        {"property", "-0.01", FUPIN__INC_PROPERTY, -1},
        {"transfer", "", FUPIN__INC_TRANSFER, FUPIN__FEN_UNKNOWN},
        {"production_expense", "99999999999.99", FUPIN__INC_PRODUCTION, FUPIN__FEN_MAX - 1},
        {"medical_expense", "0", FUPIN__INC_MEDICAL, 0},
        {"education_expense", "0.01", FUPIN__INC_EDUCATION, 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *bad = fupin__income_set_field(&inc, cases[i].field, cases[i].text,
                                                  strlen(cases[i].text), &unknown_field);
        assert_null(bad);
        assert_int_equal(unknown_field, 0);
    }
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(fupin__income_amount(&inc, cases[i].index), cases[i].fen);
    /* a refused value leaves the field as it was */
    assert_non_null(fupin__income_set_field(&inc, "wage", "100000000000.01", 15, &unknown_field));
    assert_int_equal(fupin__income_amount(&inc, FUPIN__INC_WAGE), FUPIN__FEN_MAX);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_boundary_value_round_trips_in_every_field),
        cmocka_unit_test(test_fields_do_not_overlap),
        cmocka_unit_test(test_stored_bytes_are_little_endian_48_bit),
        cmocka_unit_test(test_parsed_extremes_are_kept),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
