/* The value syntax of formats.md 1 and 2 (lib/core/value.c), white-box, at its edges:
 * each text below is accepted or refused as the contract says, with the value worked
 * out by hand. The identity numbers' check characters were computed with the GB 11643
 * weights (7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, mod 11 -> 1 0 X 9 8 7 6 5 4 3 2). */
#include <math.h>
#include <string.h>

#include "util.h"
#include "core/core.h"
#include "core/value.h"

#define S(t) t, strlen(t)

static void test_amounts(void **state)
{
    (void)state;
    int64_t fen = 0;
    assert_null(fupin__parse_amount(S("12.5"), 0, &fen));
    assert_int_equal(fen, 1250);
    assert_null(fupin__parse_amount(S("-0.01"), 1, &fen));
    assert_int_equal(fen, -1);
    assert_null(fupin__parse_amount(S("-0"), 0, &fen)); /* minus zero is zero */
    assert_int_equal(fen, 0);
    assert_null(fupin__parse_amount(S("100000000000"), 0, &fen));
    assert_int_equal(fen, 10000000000000LL);
    assert_non_null(fupin__parse_amount(S("100000000000.01"), 0, &fen));
    assert_non_null(fupin__parse_amount(S("99999999999999999999999"), 0, &fen));
    assert_non_null(fupin__parse_amount(S("-1"), 0, &fen));
    assert_non_null(fupin__parse_amount(S("1.234"), 0, &fen));
    assert_non_null(fupin__parse_amount(S("5."), 0, &fen));
    assert_non_null(fupin__parse_amount(S(".5"), 0, &fen));
    assert_non_null(fupin__parse_amount(S("+1"), 0, &fen));
    assert_non_null(fupin__parse_amount(S("1e3"), 0, &fen));
    assert_non_null(fupin__parse_amount(S(""), 0, &fen));
}

static void test_whole_numbers_years_and_dates(void **state)
{
    (void)state;
    int64_t v = 0;
    int32_t y = 0;
    struct fupin__date d;
    assert_null(fupin__parse_uint(S("42"), 0, 100, &v));
    assert_int_equal(v, 42);
    assert_non_null(fupin__parse_uint(S(""), 0, 100, &v));
    assert_non_null(fupin__parse_uint(S("4a"), 0, 100, &v));
    assert_non_null(fupin__parse_uint(S("101"), 0, 100, &v));
    assert_non_null(fupin__parse_uint(S("99999999999999999999"), 0, INT64_MAX, &v));
    assert_null(fupin__parse_year(S("2100"), 1949, 2100, &y));
    assert_non_null(fupin__parse_year(S("2101"), 1949, 2100, &y));
    assert_non_null(fupin__parse_year(S("1948"), 1949, 2100, &y));
    assert_non_null(fupin__parse_year(S("20x4"), 1949, 2100, &y));
    assert_non_null(fupin__parse_year(S("024"), 1949, 2100, &y));
    assert_null(fupin__parse_date(S("2024-02-29"), 1900, 2100, 1, &d)); /* leap */
    assert_int_equal(d.prec, 3);
    assert_non_null(fupin__parse_date(S("2023-02-29"), 1900, 2100, 1, &d));
    assert_non_null(fupin__parse_date(S("1900-02-29"), 1800, 2100, 1, &d)); /* not leap */
    assert_null(fupin__parse_date(S("2000-02-29"), 1900, 2100, 1, &d));     /* leap */
    assert_non_null(fupin__parse_date(S("2024-13"), 1900, 2100, 1, &d));
    assert_non_null(fupin__parse_date(S("2024-00"), 1900, 2100, 1, &d));
    assert_non_null(fupin__parse_date(S("2024/01"), 1900, 2100, 1, &d));
    assert_non_null(fupin__parse_date(S("2024-1-01"), 1900, 2100, 1, &d));
    assert_non_null(fupin__parse_date(S("2024-01-00"), 1900, 2100, 1, &d));
    assert_non_null(fupin__parse_date(S("2024-01-01"), 1900, 2100, 0, &d)); /* month only */
    assert_null(fupin__parse_date(S("2024-06"), 1900, 2100, 0, &d));
    assert_int_equal(d.prec, 2);
    assert_non_null(fupin__parse_date(S("1899"), 1900, 2100, 1, &d));
    /* R-G3: YYYY is 1 July, YYYY-MM the 15th; age in completed years */
    int32_t by, bm, bd;
    struct fupin__date yo = {2010, 0, 0, 1}, ym = {2010, 3, 0, 2};
    fupin__date_resolve_birth(&yo, &by, &bm, &bd);
    assert_true(bm == 7 && bd == 1);
    fupin__date_resolve_birth(&ym, &by, &bm, &bd);
    assert_true(bm == 3 && bd == 15);
    assert_int_equal(fupin__age_on(2010, 8, 31, 2024, 8, 31), 14); /* birthday: 14 */
    assert_int_equal(fupin__age_on(2010, 9, 1, 2024, 8, 31), 13);  /* day before */
}

static void test_policy_numbers(void **state)
{
    (void)state;
    double v = 0;
    assert_null(fupin__parse_number(S("+0.25"), &v));
    assert_true(v == 0.25);
    assert_null(fupin__parse_number(S("-3e2"), &v));
    assert_true(v == -300);
    /* more than 19 significant digits still converts (correctly rounded) */
    assert_null(fupin__parse_number(S("12345678901234567890123"), &v));
    assert_true(v == 12345678901234567890123.0);
    assert_null(fupin__parse_number(S("0.000000000000000000001"), &v));
    assert_true(v == 1e-21);
    assert_non_null(fupin__parse_number(S("inf"), &v));
    assert_non_null(fupin__parse_number(S("nan"), &v));
    assert_non_null(fupin__parse_number(S("0x10"), &v));
    assert_non_null(fupin__parse_number(S("1e"), &v));
    assert_non_null(fupin__parse_number(S("."), &v));
    /* 1e999 overflows: the parser gives no finite value, and a policy refuses it */
    assert_true(fupin__parse_number(S("1e999"), &v) != NULL || !isfinite(v));
    fupin_policy *p = NULL;
    assert_int_equal(fupin_policy_parse(&p, S("poverty_line = 1e999\n"), "x.pol", "."),
                     FUPIN_EPARSE);
    assert_null(p);
    char long_text[128];
    memset(long_text, '1', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    assert_non_null(fupin__parse_number(S(long_text), &v)); /* > 100 characters */
    assert_null(fupin__parse_decimal(S("35.5"), &v));
    assert_true(v == 35.5);
    assert_non_null(fupin__parse_decimal(S("-1"), &v));
    assert_non_null(fupin__parse_decimal(S("1."), &v));
    assert_non_null(fupin__parse_decimal(S("1e2"), &v));
    int8_t f;
    assert_null(fupin__parse_flag(S("1"), &f));
    assert_non_null(fupin__parse_flag(S("2"), &f));
    assert_non_null(fupin__parse_flag(S("01"), &f));
}

static void test_ids_and_identity_numbers(void **state)
{
    (void)state;
    assert_null(fupin__check_id(S("H0001")));
    assert_non_null(fupin__check_id("", 0));
    assert_non_null(fupin__check_id("a\0b", 3));
    char id65[66];
    memset(id65, 'a', 65);
    id65[65] = '\0';
    assert_non_null(fupin__check_id(S(id65)));
    assert_null(fupin__check_id(id65, 64));
    assert_non_null(fupin__check_id(S("a\xC0\x80")));         /* overlong */
    assert_non_null(fupin__check_id(S("a\xED\xA0\x80")));     /* surrogate */
    assert_non_null(fupin__check_id(S("a\xF4\x90\x80\x80"))); /* above U+10FFFF */
    assert_non_null(fupin__check_id(S("a\xE7\x94")));         /* cut short */
    assert_null(fupin__check_id(S("\xE7\x94\xB2")));          /* 甲 */
    struct fupin__date b = {1985, 3, 12, 3}, wrong = {1985, 3, 13, 3}, year = {1985, 0, 0, 1};
    assert_null(fupin__check_idnum(S("522327198503120116"), &b));
    assert_null(fupin__check_idnum(S("522327198503120116"), &year));
    assert_null(fupin__check_idnum(S("522327198503120116"), NULL));
    assert_non_null(fupin__check_idnum(S("522327198503120116"), &wrong));
    assert_non_null(fupin__check_idnum(S("522327198503120117"), NULL)); /* checksum */
    assert_non_null(fupin__check_idnum(S("52232719850312011Y"), NULL)); /* last char */
    assert_non_null(fupin__check_idnum(S("52232719850312011"), NULL));  /* 17 chars */
    assert_non_null(fupin__check_idnum(S("5223271985031201A6"), NULL)); /* non-digit */
    /* checksums hold, dates do not: month 13, 30 February, year 1800 */
    assert_non_null(fupin__check_idnum(S("52232719851312011X"), NULL));
    assert_non_null(fupin__check_idnum(S("522327198502300115"), NULL));
    assert_null(fupin__check_idnum(S("522327180001010114"), NULL));
    char out[32];
    fupin__mask_idnum(S("522327198503120116"), out, sizeof out);
    assert_string_equal(out, "522327********0116");
    fupin__mask_idnum(S("12345"), out, sizeof out); /* short: wholly masked */
    assert_string_equal(out, "*****");
    fupin__mask_idnum(S("522327198503120116"), out, 8); /* cut to the buffer, still masked */
    assert_string_equal(out, "522327*");
    fupin__mask_idnum(S("x"), out, 0); /* no room: nothing written */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_amounts),
        cmocka_unit_test(test_whole_numbers_years_and_dates),
        cmocka_unit_test(test_policy_numbers),
        cmocka_unit_test(test_ids_and_identity_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
