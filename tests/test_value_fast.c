/* The fast paths of the value parsers (lib/core/value.c) at their edges: each text is
 * given to the fast entry point and to the general routine it stands in for, and the
 * two must agree exactly (accepted or not, the same value, the same message), so that
 * loading speed changes no accepted or refused value of docs/dataset.md. The enum
 * names, ids and identity numbers are compared with simple reference versions of the
 * rules (strlen + memcmp; a loop of the mask rule; the date rule of fupin__parse_date). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util.h"
#include "core/core.h"
#include "core/value.h"
#include "model/fields.h"

#define S(t)     t, strlen(t)
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void same_message(const char *a, const char *b, const char *text)
{
    if ((a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0))
        fail_msg("\"%s\": fast path says %s, general routine %s", text, a ? a : "ok", b ? b : "ok");
}

static const char *const amounts[] = {
    "0", "-0", "0.0", "0.00", "-0.00", "1", "12", "123", "123.4", "123.45", "123.456", ".5", "5.",
    "-5", "-5.5", "+5", " 5", "5 ", "5 .5", "1e3", "1E3", "0x10", "5..5", "5.5.5", "5,5", "", "-",
    ".", "-.", "00", "007.07", "1.2a", "1.a", "a",
    /* the largest plain amount of the fast path: 11 integer digits */
    "99999999999", "99999999999.9", "99999999999.99",
    /* the limit, 100000000000 yuan, and one fen more: the general routine's */
    "100000000000", "100000000000.0", "100000000000.00", "100000000000.01", "100000000001",
    "-100000000000", "-100000000000.01", "999999999999", "00000000000001", "000000000000.01",
    "99999999999999999999999", "18446744073709551616", "184467440737095516160"};

/* formats.md 2: every amount text, allowed negative or not, parses as before. */
static void test_amount_fast_path_agrees_with_general_routine(void **state)
{
    (void)state;
    for (size_t i = 0; i < COUNT(amounts); i++) {
        for (int neg = 0; neg <= 1; neg++) {
            int64_t a = 42, b = 42;
            const char *fa = fupin__parse_amount(S(amounts[i]), neg, &a);
            const char *fb = fupin__parse_amount_exact(S(amounts[i]), neg, &b);
            same_message(fa, fb, amounts[i]);
            assert_int_equal(a, b);
        }
    }
}

/* The fast path of amounts (issue 15): random texts of 0 to 16 bytes, mostly digits
 * with points, signs and other bytes among them (bytes one either side of '0'..'9' and
 * '.' too), at every length, read the same as by the general routine. */
static void test_amount_fast_path_agrees_on_random_texts(void **state)
{
    (void)state;
    static const char alphabet[] = "0123456789012345678901234567890123456789.../-:+ e\x80\xb9";
    uint32_t seed = 2024;
    char text[17];
    for (int round = 0; round < 400000; round++) {
        size_t n = (size_t)round % 17;
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            /* a third of the rounds digits only, so that long plain amounts come up */
            size_t span = round % 3 ? sizeof alphabet - 1 : 10;
            text[i] = alphabet[(seed >> 16) % span];
        }
        text[n] = '\0';
        for (int neg = 0; neg <= 1; neg++) {
            int64_t a = 42, b = 42;
            const char *fa = fupin__parse_amount(text, n, neg, &a);
            const char *fb = fupin__parse_amount_exact(text, n, neg, &b);
            same_message(fa, fb, text);
            assert_int_equal(a, b);
        }
    }
}

/* Every count of integer digits, 1 to 12, with 0, 1 and 2 decimals, and each digit
 * place holding each digit: the value is the one worked out by arithmetic. */
static void test_amount_every_digit_place(void **state)
{
    (void)state;
    for (int digits = 1; digits <= 12; digits++)
        for (int decimals = 0; decimals <= 2; decimals++)
            for (int place = 0; place < digits + decimals; place++)
                for (int d = 0; d <= 9; d++) {
                    char text[20];
                    int64_t want = 0;
                    size_t n = 0;
                    for (int i = 0; i < digits + decimals; i++) {
                        if (i == digits)
                            text[n++] = '.';
                        int v = i == place ? d : (i * 7 + 3) % 10;
                        text[n++] = (char)('0' + v);
                        want = want * 10 + v;
                    }
                    for (int i = decimals; i < 2; i++)
                        want *= 10;
                    int64_t fen = -1;
                    const char *bad = fupin__parse_amount(text, n, 0, &fen);
                    if (want > 9999999999999LL + 1) {
                        assert_non_null(bad);
                        continue;
                    }
                    int64_t exact = -1;
                    const char *bad_exact = fupin__parse_amount_exact(text, n, 0, &exact);
                    same_message(bad, bad_exact, text);
                    if (!bad) {
                        assert_int_equal(fen, want);
                        assert_int_equal(fen, exact);
                    }
                }
}

/* The values themselves, worked out by hand, at the fast path's edges. */
static void test_amount_edges_by_hand(void **state)
{
    (void)state;
    int64_t fen = 0;
    assert_null(fupin__parse_amount(S("99999999999.99"), 0, &fen));
    assert_int_equal(fen, 9999999999999LL);
    assert_null(fupin__parse_amount(S("100000000000.00"), 0, &fen));
    assert_int_equal(fen, 10000000000000LL);
    assert_string_equal(fupin__parse_amount(S("100000000000.01"), 0, &fen),
                        "amount too large (at most 100000000000 yuan)");
    assert_null(fupin__parse_amount(S("123.4"), 0, &fen));
    assert_int_equal(fen, 12340);
    assert_null(fupin__parse_amount(S("7"), 0, &fen));
    assert_int_equal(fen, 700);
    assert_null(fupin__parse_amount(S("0.05"), 0, &fen));
    assert_int_equal(fen, 5);
    assert_string_equal(fupin__parse_amount(S("1.234"), 1, &fen),
                        "amount has more than two decimals");
    assert_string_equal(fupin__parse_amount(S("5."), 1, &fen), "not an amount");
    assert_string_equal(fupin__parse_amount(S(".5"), 1, &fen), "not an amount");
    assert_string_equal(fupin__parse_amount(S("-1"), 0, &fen), "amount may not be negative");
    assert_null(fupin__parse_amount(S("-0"), 0, &fen));
    assert_int_equal(fen, 0);
    assert_null(fupin__parse_amount(S("-12.5"), 1, &fen));
    assert_int_equal(fen, -1250);
    /* n bounds the text: the digits after it are not read */
    assert_null(fupin__parse_amount("12.345", 5, 0, &fen));
    assert_int_equal(fen, 1234);
    assert_null(fupin__parse_amount("123", 2, 0, &fen));
    assert_int_equal(fen, 1200);
}

static const char *const decimals[] = {"0",
                                       "00",
                                       "0.0",
                                       "0.5",
                                       "5",
                                       "55",
                                       "123.45",
                                       "0.1",
                                       "0.2",
                                       "0.3",
                                       "2.675",
                                       "1.005",
                                       "123456789012345",
                                       "12345678901234.5",
                                       "0.00000000000001",
                                       "0.000000000000001",
                                       "1234567890123456",
                                       "1234567890123.456",
                                       "9007199254740993",
                                       "9007199254740993.5",
                                       "0.30000000000000004",
                                       "0000000000000001",
                                       "000000000000001",
                                       "99999999999999999999",
                                       "1" /* the rest refused */,
                                       "",
                                       ".5",
                                       "5.",
                                       "-1",
                                       "+1",
                                       "-0",
                                       " 1",
                                       "1 ",
                                       "1e3",
                                       "1E3",
                                       "1..2",
                                       "1.2.3",
                                       ".",
                                       "1,5",
                                       "nan",
                                       "inf",
                                       "0x10",
                                       "1.a",
                                       "1234567890123456789012345678901234567890"};

/* docs/dataset.md: a non-negative number, converted bit for bit as before. */
static void test_decimal_fast_path_agrees_with_general_routine(void **state)
{
    (void)state;
    for (size_t i = 0; i < COUNT(decimals); i++) {
        double a = -7, b = -7;
        const char *fa = fupin__parse_decimal(S(decimals[i]), &a);
        const char *fb = fupin__parse_decimal_exact(S(decimals[i]), &b);
        same_message(fa, fb, decimals[i]);
        assert_memory_equal(&a, &b, sizeof a);
    }
    double v = 0;
    assert_null(fupin__parse_decimal(S("123.45"), &v));
    assert_true(v == 123.45);
    assert_null(fupin__parse_decimal(S("12345678901234.5"), &v));
    assert_true(v == 12345678901234.5);
    assert_string_equal(fupin__parse_decimal(S("5."), &v), "not a non-negative number");
    assert_null(fupin__parse_decimal("2.59", 3, &v)); /* n bounds the text */
    assert_true(v == 2.5);
}

/* The rule before the fast enum lookup: exact bytes, exact length. */
static int enum_reference(const char *s, size_t n, const char *const *names, int count)
{
    for (int i = 0; i < count; i++)
        if (strlen(names[i]) == n && memcmp(names[i], s, n) == 0)
            return i;
    return -1;
}

static void test_enum_names_match_exactly(void **state)
{
    (void)state;
    static const char *const *sets[] = {
        fupin__monitor_names, fupin__assistance_names, fupin__housing_names,
        fupin__school_names,  fupin__sex_names,        fupin__health_names,
        fupin__labor_names,   fupin__event_names,      fupin__region_names};
    static const int counts[] = {3, 3, 6, 6, 2, 3, 3, FUPIN__EVENT_KIND_COUNT, 3};
    static const char *const odd[] = {"",
                                      " ",
                                      "M ",
                                      " M",
                                      "m",
                                      "f",
                                      "MF",
                                      "Healthy",
                                      "health",
                                      "healthy ",
                                      "HEALTHY",
                                      "none\t",
                                      "non",
                                      "nonee",
                                      "A ",
                                      "a",
                                      "AB",
                                      "major",
                                      "major_illness_",
                                      "dibao\r",
                                      "东",
                                      "disaster",
                                      "disabilit"};
    char buf[64];
    for (size_t k = 0; k < COUNT(sets); k++) {
        for (int i = 0; i < counts[k]; i++) {
            const char *name = sets[k][i];
            size_t n = strlen(name);
            assert_int_equal(fupin__parse_enum(name, n, sets[k], counts[k]), i);
            /* a trailing space, a wrong case, a prefix, a NUL inside: refused as before */
            snprintf(buf, sizeof buf, "%s ", name);
            assert_int_equal(fupin__parse_enum(buf, n + 1, sets[k], counts[k]), -1);
            snprintf(buf, sizeof buf, "%s", name);
            buf[0] = (char)(buf[0] ^ 0x20);
            assert_int_equal(fupin__parse_enum(buf, n, sets[k], counts[k]),
                             enum_reference(buf, n, sets[k], counts[k]));
            assert_int_equal(fupin__parse_enum(name, n - 1, sets[k], counts[k]),
                             enum_reference(name, n - 1, sets[k], counts[k]));
            memcpy(buf, name, n + 1);
            assert_int_equal(fupin__parse_enum(buf, n + 1, sets[k], counts[k]), -1);
        }
        for (size_t j = 0; j < COUNT(odd); j++)
            assert_int_equal(fupin__parse_enum(S(odd[j]), sets[k], counts[k]),
                             enum_reference(S(odd[j]), sets[k], counts[k]));
    }
    /* an empty text matches only an empty name (villages: "region is required") */
    static const char *const with_empty[] = {"x", ""};
    assert_int_equal(fupin__parse_enum("", 0, fupin__region_names, 3), -1);
    assert_int_equal(fupin__parse_enum("", 0, with_empty, 2), 1);
}

/* docs/dataset.md ids: 1..64 bytes of UTF-8 without NUL; the first failing check names
 * the fault (length, then NUL, then UTF-8). */
static void test_ids_at_the_ascii_fast_path_edges(void **state)
{
    (void)state;
    char id[80];
    memset(id, 'a', sizeof id);
    assert_null(fupin__check_id(id, 1));
    assert_null(fupin__check_id(id, 64));
    assert_string_equal(fupin__check_id(id, 65), "id longer than 64 bytes");
    assert_string_equal(fupin__check_id(id, 0), "id is empty");
    assert_null(fupin__check_id(S("\x01\x7f ~")));
    assert_string_equal(fupin__check_id("a\0b", 3), "id contains a NUL byte");
    assert_string_equal(fupin__check_id("\xff\0", 2), "id contains a NUL byte");
    assert_string_equal(fupin__check_id(S("a\x80")), "id is not valid UTF-8");
    assert_string_equal(fupin__check_id(S("\xc0\xaf")), "id is not valid UTF-8");
    assert_null(fupin__check_id(S("户-村")));
    id[63] = '\0';
    assert_string_equal(fupin__check_id(id, 64), "id contains a NUL byte");
    id[63] = (char)0xe6; /* a cut multibyte character at the end */
    assert_string_equal(fupin__check_id(id, 64), "id is not valid UTF-8");
}

/* GB 11643: 17 digits, then the check character of their weighted sum. */
static void with_check(char *id)
{
    static const int weight[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; i++)
        sum += (id[i] - '0') * weight[i];
    id[17] = "10X98765432"[sum % 11];
    id[18] = '\0';
}

/* The birth date inside an identity number is accepted exactly when fupin__parse_date
 * accepts it as a day in 1800..2100: month ends, Feb 29 in leap and common years, the
 * year bounds. */
static void test_identity_number_birth_dates(void **state)
{
    (void)state;
    static const char *const dates[] = {"20000229", "19000229", "20240229", "20230229", "21000229",
                                        "18000229", "20240430", "20240431", "20240131", "20240132",
                                        "20241231", "20241232", "20240000", "20240001", "20240100",
                                        "20241301", "20240631", "17991231", "18000101", "21001231",
                                        "21010101", "00000101", "99991231"};
    char id[19], iso[11];
    for (size_t i = 0; i < COUNT(dates); i++) {
        snprintf(id, sizeof id, "520102%s001", dates[i]);
        with_check(id);
        snprintf(iso, sizeof iso, "%.4s-%.2s-%.2s", dates[i], dates[i] + 4, dates[i] + 6);
        struct fupin__date d;
        const char *want = fupin__parse_date(iso, 10, 1800, 2100, 1, &d)
                               ? "identity number has an impossible birth date"
                               : NULL;
        same_message(fupin__check_idnum(id, 18, NULL), want, id);
    }
    /* the birth agreement still holds after the date check */
    snprintf(id, sizeof id, "52010220000229001");
    with_check(id);
    struct fupin__date birth = {2000, 2, 29, 3};
    assert_null(fupin__check_idnum(id, 18, &birth));
    birth.d = 28;
    assert_string_equal(fupin__check_idnum(id, 18, &birth),
                        "identity number does not agree with birth");
}

/* The mask rule as a loop: first 6 and last 4 kept when longer than 10, cut to cap. */
static void mask_reference(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    if (!cap)
        return;
    for (size_t i = 0; i < n && o + 1 < cap; i++)
        out[o++] = n > 10 && (i < 6 || i >= n - 4) ? s[i] : '*';
    out[o] = '\0';
}

static void test_mask_of_every_length_and_room(void **state)
{
    (void)state;
    const char *src = "52232719850312011612345";
    char a[32], b[32];
    for (size_t n = 0; n <= strlen(src); n++) {
        for (size_t cap = 1; cap <= 25; cap++) {
            memset(a, '?', sizeof a);
            memset(b, '?', sizeof b);
            fupin__mask_idnum(src, n, a, cap);
            mask_reference(src, n, b, cap);
            assert_memory_equal(a, b, sizeof a);
        }
    }
    fupin__mask_idnum(S("522327198503120116"), a, 19);
    assert_string_equal(a, "522327********0116");
}

/* Years: exactly 4 digits, then the range. */
static void test_years(void **state)
{
    (void)state;
    int32_t y = 0;
    assert_null(fupin__parse_year(S("2024"), 2000, 2100, &y));
    assert_int_equal(y, 2024);
    assert_null(fupin__parse_year(S("2100"), 2000, 2100, &y));
    assert_string_equal(fupin__parse_year(S("2101"), 2000, 2100, &y), "year out of range");
    assert_string_equal(fupin__parse_year(S("1999"), 2000, 2100, &y), "year out of range");
    static const char *const bad[] = {"",     "202",  "20244", "+024", " 024",
                                      "202 ", "20a4", "2.02",  "-202", "2O24"};
    for (size_t i = 0; i < COUNT(bad); i++)
        assert_string_equal(fupin__parse_year(S(bad[i]), 0, 9999, &y), "not a 4-digit year");
}

/* The record setters look names up in their own tables (lib/model/household.c):
 * every name, and every near miss, gives what the plain rule gives. */
static void test_setters_take_exactly_the_names(void **state)
{
    (void)state;
    static const char *const odd[] = {
        "",       " ",           "M ",       " M",      "m",       "F\t",    "Healthy",
        "health", "healthy ",    "non",      "nonee",   "A ",      "a",      "AB",
        "东",     "completed\r", "complete", "exempt_", "hardshi", "centra", "eastt"};
    struct member_field {
        const char *field;
        const char *const *names;
        int count;
    } fields[] = {{"sex", fupin__sex_names, 2},         {"school", fupin__school_names, 6},
                  {"health", fupin__health_names, 3},   {"labor", fupin__labor_names, 3},
                  {"monitor", fupin__monitor_names, 3}, {"assistance", fupin__assistance_names, 3},
                  {"housing", fupin__housing_names, 6}, {"region", fupin__region_names, 3}};
    for (size_t k = 0; k < COUNT(fields); k++) {
        int mi = fupin__member_field_index(fields[k].field);
        int hi = fupin__household_field_index(fields[k].field);
        for (int t = 0; t < fields[k].count + (int)COUNT(odd); t++) {
            const char *text = t < fields[k].count ? fields[k].names[t] : odd[t - fields[k].count];
            size_t n = strlen(text);
            int want = n ? enum_reference(text, n, fields[k].names, fields[k].count) : -1;
            int8_t got;
            const char *bad;
            if (mi >= 0) {
                struct fupin__member m;
                memset(&m, 0, sizeof m);
                bad = fupin__member_set_field_at(&m, mi, text, n);
                got = *(fields[k].names == fupin__sex_names      ? &m.sex
                        : fields[k].names == fupin__school_names ? &m.school
                        : fields[k].names == fupin__health_names ? &m.health
                                                                 : &m.labor);
            } else {
                struct fupin_household h;
                fupin__household_init(&h);
                bad = fupin__household_set_field_at(&h, hi, text, n);
                got = fields[k].names == fupin__monitor_names      ? h.monitor
                      : fields[k].names == fupin__assistance_names ? h.assistance
                      : fields[k].names == fupin__housing_names    ? h.housing
                                                                   : h.region;
            }
            if (n && want < 0) {
                if (!bad)
                    fail_msg("%s \"%s\" accepted", fields[k].field, text);
                continue;
            }
            assert_null(bad);
            assert_int_equal(got, want);
        }
    }
}

/* A disability grade is one digit 0..4 (docs/dataset.md); anything else as before. */
static void test_disability_grades(void **state)
{
    (void)state;
    int mi = fupin__member_field_index("disability");
    static const char *const texts[] = {"0",  "1",  "4",  "5", "9",   "00", "04", "-1",
                                        "+1", " 1", "1 ", "a", "1.0", "/",  ":"};
    for (size_t i = 0; i < COUNT(texts); i++) {
        struct fupin__member m;
        memset(&m, 0, sizeof m);
        int64_t d;
        const char *want = fupin__parse_uint(S(texts[i]), 0, 4, &d);
        const char *bad = fupin__member_set_field_at(&m, mi, S(texts[i]));
        if (want) {
            assert_string_equal(bad, "not a disability grade 0..4");
        } else {
            assert_null(bad);
            assert_int_equal(m.disability, d);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_amount_fast_path_agrees_with_general_routine),
        cmocka_unit_test(test_amount_fast_path_agrees_on_random_texts),
        cmocka_unit_test(test_amount_every_digit_place),
        cmocka_unit_test(test_amount_edges_by_hand),
        cmocka_unit_test(test_decimal_fast_path_agrees_with_general_routine),
        cmocka_unit_test(test_enum_names_match_exactly),
        cmocka_unit_test(test_ids_at_the_ascii_fast_path_edges),
        cmocka_unit_test(test_identity_number_birth_dates),
        cmocka_unit_test(test_mask_of_every_length_and_room),
        cmocka_unit_test(test_years),
        cmocka_unit_test(test_setters_take_exactly_the_names),
        cmocka_unit_test(test_disability_grades),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
