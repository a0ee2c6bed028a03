/* Hardening internals (issue 11), white-box: the identity-number mask of every
 * message, exact decimals, and writers that never print inf or nan. Expected values
 * are written out by hand. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "util.h"
#include "model/model.h"
#include "../fuzz/fuzz_check.h"

/* ------------------------------------------------------------ fupin__mask_ids */

static void mask_is(const char *in, const char *want, size_t runs)
{
    char t[256];
    snprintf(t, sizeof t, "%s", in);
    size_t got = fupin__mask_ids(t, strlen(t));
    if (strcmp(t, want) != 0 || got != runs)
        fail_msg("mask(\"%s\") = \"%s\" (%zu runs), wanted \"%s\" (%zu)", in, t, got, want, runs);
}

static void test_mask_ids_masks_every_form_of_an_identity_number(void **state)
{
    (void)state;
    mask_is("520402196809268794", "520402********8794", 1);
    mask_is("52040219680926879X", "520402********879X", 1);
    mask_is("52040219680926879x,", "520402********879x,", 1);
    mask_is("got \"520402 19680926 8794\"", "got \"520402 ******** 8794\"", 1);
    mask_is("520402-19680926-8794", "520402-********-8794", 1);
    mask_is("5204 0219 6809 2687 94", "5204 02** **** **87 94", 1);
    mask_is("H520402196809268794", "H520402********8794", 1);     /* glued to a letter */
    mask_is("52040219680926879", "520402*******6879", 1);         /* 17: the checksum follows */
    mask_is("520402680926879", "520402*****6879", 1);             /* 15: first generation */
    mask_is("12345678901234", "12345678901234", 0);               /* 14: an amount in fen */
    mask_is("520102001001 2024", "520102001001 2024", 0);         /* village code and year */
    mask_is("520402  19680926 8794", "520402  19680926 8794", 0); /* two spaces end a run */
    mask_is("a 1-2 3", "a 1-2 3", 0);
    mask_is("村 520402196809268794 号", "村 520402********8794 号", 1);
    mask_is("520402196809268794 and 110101199003070011",
            "520402********8794 and 110101********0011", 2);
    mask_is("520402196809268794 2024", "520402********8794 2024", 1); /* id, then a year */
    mask_is("520402-19680926-8794-01", "520402-********-8794-01", 1);
    mask_is("", "", 0);
    /* masking twice changes nothing (fuzz_policy found a message that a second pass
     * changed: the masked run had shrunk to 4 digits, which a dash then joined to the
     * next 14 digits) */
    mask_is("000000******************************0000-00000999999999...",
            "000000******************************0000-00000999999999...", 0);
    mask_is("520402********8794", "520402********8794", 0);
    mask_is("5204021968******** 2024", "520402************ 2024", 1);
}

/* Every message is a fixed point of the mask, whatever was in it: masking is idempotent
 * over random digit, separator, star and X soup. */
static void test_mask_ids_is_idempotent(void **state)
{
    (void)state;
    static const char alphabet[] = "0123456789 -*Xa";
    uint64_t seed = 12345;
    for (int round = 0; round < 200000; round++) {
        char t[48], u[48];
        size_t n = 1 + (size_t)(round % 47);
        for (size_t i = 0; i < n; i++) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            t[i] = alphabet[(seed >> 33) % (sizeof alphabet - 1)];
        }
        t[n] = '\0';
        fupin__mask_ids(t, n);
        memcpy(u, t, n + 1);
        if (fupin__mask_ids(u, n) != 0 || strcmp(t, u) != 0)
            fail_msg("masking \"%s\" again gives \"%s\"", t, u);
    }
}

static void test_every_error_message_is_masked_even_when_cut(void **state)
{
    (void)state;
    char long_prefix[1100];
    memset(long_prefix, 'a', sizeof long_prefix);
    long_prefix[1008] = '\0';
    /* the id starts at byte 1008 and the message is cut at 1023: the part shown is
     * masked, because the whole message is masked before it is cut */
    fupin__error(FUPIN_EINVAL, "%s520402196809268794", long_prefix);
    assert_int_equal(strlen(fupin_last_error()), 1023);
    assert_string_equal(fupin_last_error() + 1008, "520402********8");
    fupin__error(FUPIN_EINVAL, "x %s y", "520402196809268794");
    assert_string_equal(fupin_last_error(), "x 520402********8794 y");
}

/* ------------------------------------------------------------ fupin__dec */

static void dec_is(const char *s, int64_t m, int32_t k)
{
    struct fupin__dec d = {-1, -1};
    const char *bad = fupin__dec_parse(s, strlen(s), &d);
    if (bad || d.m != m || d.k != k)
        fail_msg("dec(\"%s\") = %lld e-%d (%s), wanted %lld e-%d", s, (long long)d.m, (int)d.k,
                 bad ? bad : "ok", (long long)m, (int)k);
}

static void test_decimals_are_held_exactly(void **state)
{
    (void)state;
    dec_is("0.0199996", 199996, 7);
    dec_is("0.02", 2, 2);
    dec_is("0.0200", 2, 2);
    dec_is("2e-2", 2, 2);
    dec_is("+20E-3", 2, 2);
    dec_is("-0.5", -5, 1);
    dec_is("0", 0, 0);
    dec_is("-0.000", 0, 0);
    dec_is("4000", 4000, 0);
    dec_is("1e9", 1000000000, 0);
    dec_is("1e-300", 1, 300);
    dec_is("0.019999999999999999", 19999999999999999, 18);
    dec_is("999999999999999999", 999999999999999999, 0);
    struct fupin__dec d;
    assert_string_equal(fupin__dec_parse("0.1234567890123456789", 21, &d),
                        "more than 18 significant digits");
    assert_string_equal(fupin__dec_parse("1e19", 4, &d), "number out of range");
    assert_non_null(fupin__dec_parse("1.", 2, &d));
    assert_non_null(fupin__dec_parse("inf", 3, &d));
    assert_non_null(fupin__dec_parse("0x10", 4, &d));
    /* a double set through the API stands for its shortest decimal */
    assert_int_equal(fupin__dec_from_double(0.0199996, &d), 0);
    assert_true(d.m == 199996 && d.k == 7);
    assert_int_equal(fupin__dec_from_double(0.3, &d), 0);
    assert_true(d.m == 3 && d.k == 1);
    assert_int_equal(fupin__dec_from_double(4000.01, &d), 0);
    assert_true(d.m == 400001 && d.k == 2);
    assert_int_equal(fupin__dec_from_double(-50, &d), 0);
    assert_true(d.m == -50 && d.k == 0);
    char text[64];
    static const char *const shown[] = {
        "0.0199996", "-50", "4000.01", "0.000001", "0", "1000000000.01", "0.019999999999999999"};
    for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++) {
        fupin__dec_parse(shown[i], strlen(shown[i]), &d);
        assert_int_equal(fupin__dec_format(&d, text, sizeof text), strlen(shown[i]));
        assert_string_equal(text, shown[i]);
    }
    fupin__dec_parse("1e-300", 6, &d);
    assert_int_equal(fupin__dec_format(&d, text, sizeof text), 0);
    assert_int_equal(fupin__dec_from_double(INFINITY, &d), -1);
    assert_int_equal(fupin__dec_from_double(NAN, &d), -1);
}

static void test_cmp_mul_is_exact_at_every_boundary(void **state)
{
    (void)state;
    struct fupin__dec r;
    /* 1 vs 0.0199996 x 50 = 0.99998 */
    fupin__dec_parse("0.0199996", 9, &r);
    assert_int_equal(fupin__dec_cmp_mul(1, &r, 50), 1);
    fupin__dec_parse("0.02", 4, &r);
    assert_int_equal(fupin__dec_cmp_mul(1, &r, 50), 0);
    assert_int_equal(fupin__dec_cmp_mul(0, &r, 50), -1);
    assert_int_equal(fupin__dec_cmp_mul(-1, &r, -50), 0);
    assert_int_equal(fupin__dec_cmp_mul(1, &r, -50), 1);
    assert_int_equal(fupin__dec_cmp_mul(-2, &r, 50), -1);
    fupin__dec_parse("0.019999999999999999", 20, &r);
    assert_int_equal(fupin__dec_cmp_mul(1, &r, 50), 1);
    /* large operands: int64 extremes do not overflow */
    fupin__dec_parse("1", 1, &r);
    assert_int_equal(fupin__dec_cmp_mul(INT64_MAX, &r, INT64_MAX), 0);
    assert_int_equal(fupin__dec_cmp_mul(INT64_MIN, &r, INT64_MIN), 0);
    assert_int_equal(fupin__dec_cmp_mul(INT64_MAX, &r, INT64_MIN), 1);
    fupin__dec_parse("999999999999999999", 18, &r);
    assert_int_equal(fupin__dec_cmp_mul(INT64_MAX, &r, INT64_MAX), -1);
    assert_int_equal(fupin__dec_cmp_mul(INT64_MIN, &r, INT64_MAX), -1);
    /* a tiny ratio: 1 x 10^300 overflows, so any a > 0 beats 1e-300 x b */
    fupin__dec_parse("1e-300", 6, &r);
    assert_int_equal(fupin__dec_cmp_mul(1, &r, INT64_MAX), 1);
    assert_int_equal(fupin__dec_cmp_mul(-1, &r, INT64_MAX), -1);
    assert_int_equal(fupin__dec_cmp_mul(0, &r, INT64_MAX), -1);
    /* every small case against integer arithmetic worked out by scaling by 1000 */
    for (int m = -30; m <= 30; m++) {
        struct fupin__dec q = {m, 3}; /* m / 1000 */
        for (int64_t a = -40; a <= 40; a++)
            for (int64_t b = -40; b <= 40; b++) {
                int64_t lhs = a * 1000, rhs = (int64_t)m * b;
                int want = (lhs > rhs) - (lhs < rhs);
                if (fupin__dec_cmp_mul(a, &q, b) != want)
                    fail_msg("%lld vs %d/1000 x %lld", (long long)a, m, (long long)b);
            }
    }
}

/* ------------------------------------------------------------ writers */

static void test_writers_never_print_inf_or_nan(void **state)
{
    (void)state;
    struct fupin_result r;
    memset(&r, 0, sizeof r);
    snprintf(r.household, sizeof r.household, "H1");
    r.year = 2024;
    r.per_capita_fen = FUPIN__FEN_UNKNOWN;
    r.poverty_line_fen = 400000;
    r.monitoring_threshold_fen = -1;
    r.growth = INFINITY;
    r.national_growth = -INFINITY;
    r.gap_pp = NAN;
    r.real_growth = 1e307; /* finite, but x 100 to round it overflows */
    r.national_real_growth = -1.7e308;
    r.since = 2020;
    r.cagr = 1e300; /* finite and printable: a number, not null */
    r.national_cagr = 5e306;
    char line[4096];
    FUPIN_OK_OR_FAIL(fupin_result_to_json(&r, line, sizeof line, NULL));
    assert_non_null(strstr(line, "\"growth\":null,\"national_growth\":null,\"gap_pp\":null,"
                                 "\"real_growth\":null,\"national_real_growth\":null,"
                                 "\"since\":2020,\"cagr\":1000000000000000052504760255"));
    assert_non_null(strstr(line, "\"national_cagr\":null"));
    assert_null(strstr(line, "inf"));
    assert_null(strstr(line, "nan"));
    FUPIN_OK_OR_FAIL(fupin_result_to_csv(&r, line, sizeof line, NULL));
    assert_null(strstr(line, "inf"));
    assert_null(strstr(line, "nan"));
    assert_non_null(strstr(line, ",,,,,,2020,1000000000000000052504760255"));
}

/* CSV injection: a household id that a spreadsheet would run is written as text. */
static void test_csv_household_cell_that_looks_like_a_formula_is_text(void **state)
{
    (void)state;
    static const struct {
        const char *id, *cell;
    } cases[] = {
        {"=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\","},
        {"+1", "\"'+1\","},
        {"-1", "\"'-1\","},
        {"@SUM(A1)", "\"'@SUM(A1)\","},
        {"\tx", "\"'\tx\","},
        {"\rx", "\"'\rx\","},
        {"H=1", "H=1,"},
        {"a,b", "\"a,b\","},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct fupin_result r;
        memset(&r, 0, sizeof r);
        snprintf(r.household, sizeof r.household, "%s", cases[i].id);
        r.per_capita_fen = -150; /* a negative number the library writes stays a number */
        r.monitoring_threshold_fen = -1;
        r.growth = r.national_growth = r.gap_pp = r.real_growth = r.national_real_growth = NAN;
        char line[4096];
        FUPIN_OK_OR_FAIL(fupin_result_to_csv(&r, line, sizeof line, NULL));
        if (strncmp(line, cases[i].cell, strlen(cases[i].cell)) != 0)
            fail_msg("id %s: row %s, wanted it to start with %s", cases[i].id, line, cases[i].cell);
        assert_non_null(strstr(line, ",-1.5,"));
    }
}

/* Values beyond the bounds, set past the checks (as a future code path might): every
 * line written over the sample data is still strict JSON without inf or nan, so the
 * rules and writers hold on their own. national_rural_income 1e-300 in 2023 and 1e300
 * in 2024 makes the national growth overflow; rural_cpi -100 makes the deflator 0; weights of 1e308
 * make their sum overflow. */
static void test_values_past_the_bounds_still_give_strict_json_over_the_sample(void **state)
{
    (void)state;
    fupin_policy *p = NULL;
    fupin_dataset *d = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_builtin(&p, "national"));
    FUPIN_OK_OR_FAIL(fupin_dataset_load(&d, tu_source_path("examples/data"), 0));
    FUPIN_OK_OR_FAIL(fupin__policy_set_entry(p, FUPIN__P_NATIONAL_RURAL_INCOME, FUPIN__V_NONE, 2022,
                                             1e300, NULL, "test"));
    FUPIN_OK_OR_FAIL(fupin__policy_set_entry(p, FUPIN__P_NATIONAL_RURAL_INCOME, FUPIN__V_NONE, 2023,
                                             1e-300, NULL, "test"));
    FUPIN_OK_OR_FAIL(fupin__policy_set_entry(p, FUPIN__P_NATIONAL_RURAL_INCOME, FUPIN__V_NONE, 2024,
                                             1e300, NULL, "test"));
    FUPIN_OK_OR_FAIL(
        fupin__policy_set_entry(p, FUPIN__P_RURAL_CPI, FUPIN__V_NONE, 2024, -100, NULL, "test"));
    for (int w = FUPIN__P_MPI_WEIGHT_FOOD; w <= FUPIN__P_MPI_WEIGHT_INCOME; w++)
        FUPIN_OK_OR_FAIL(fupin__policy_set_entry(p, w, FUPIN__V_NONE, 0, 1e308, NULL, "test"));
    fupin_result *r = NULL;
    fupin_summary *vr = NULL;
    fupin_summary *gr = NULL;
    FUPIN_OK_OR_FAIL(fupin_result_create(&r));
    FUPIN_OK_OR_FAIL(fupin_summary_create(&vr));
    FUPIN_OK_OR_FAIL(fupin_summary_create(&gr));
    static char line[1 << 16];
    size_t n = 0, lines = 0;
    for (int32_t since = 0; since <= 2023; since += 2023) {
        fupin_evaluator *e = NULL;
        FUPIN_OK_OR_FAIL(fupin_evaluator_create_since(&e, p, 2024, since));
        for (size_t v = 0; v < fupin_dataset_village_count(d); v++) {
            const fupin_village *vil = fupin_dataset_village(d, v);
            for (size_t h = 0; h < fupin_village_household_count(vil); h++) {
                FUPIN_OK_OR_FAIL(
                    fupin_evaluator_evaluate_household(e, fupin_village_household(vil, h), r));
                FUPIN_OK_OR_FAIL(fupin_result_to_json(r, line, sizeof line, &n));
                if (!fz_json_valid(line, n) || strstr(line, "inf") || strstr(line, "nan"))
                    fail_msg("not strict JSON: %s", line);
                FUPIN_OK_OR_FAIL(fupin_result_to_csv(r, line, sizeof line, &n));
                if (strstr(line, "inf") || strstr(line, "nan"))
                    fail_msg("CSV: %s", line);
                lines++;
            }
            FUPIN_OK_OR_FAIL(fupin_evaluator_evaluate_village(e, vil, vr));
            FUPIN_OK_OR_FAIL(fupin_summary_to_json(vr, line, sizeof line, &n));
            if (!fz_json_valid(line, n) || strstr(line, "inf") || strstr(line, "nan"))
                fail_msg("not strict JSON: %s", line);
            lines++;
        }
        FUPIN_OK_OR_FAIL(fupin_evaluator_evaluate_group(e, d, "52", gr));
        FUPIN_OK_OR_FAIL(fupin_summary_to_json(gr, line, sizeof line, &n));
        if (!fz_json_valid(line, n) || strstr(line, "inf") || strstr(line, "nan"))
            fail_msg("not strict JSON: %s", line);
        /* the growth figures really were out of range: null, not a number */
        assert_non_null(strstr(line, "\"national_growth\":null"));
        fupin_evaluator_free(e);
    }
    assert_int_equal(lines, 2 * 21);
    fupin_summary_free(gr);
    fupin_summary_free(vr);
    fupin_result_free(r);
    fupin_dataset_free(d);
    fupin_policy_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mask_ids_masks_every_form_of_an_identity_number),
        cmocka_unit_test(test_mask_ids_is_idempotent),
        cmocka_unit_test(test_every_error_message_is_masked_even_when_cut),
        cmocka_unit_test(test_decimals_are_held_exactly),
        cmocka_unit_test(test_cmp_mul_is_exact_at_every_boundary),
        cmocka_unit_test(test_writers_never_print_inf_or_nan),
        cmocka_unit_test(test_csv_household_cell_that_looks_like_a_formula_is_text),
        cmocka_unit_test(test_values_past_the_bounds_still_give_strict_json_over_the_sample),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
