/* "Did you mean ...?": fupin_name_suggest and the library messages that use it
 * (unknown fields, policy parameters, variants, built-in policy names). The limits
 * are those of common.h: 1 edit in a word of up to 5 bytes, 2 in a longer one; an
 * edit inserts, deletes or replaces a byte or swaps two neighbours; ASCII case is
 * ignored; names of 2 bytes or fewer are never proposed. Black-box. */
#include <string.h>

#include "util.h"

static const char *const params[] = {"poverty_line", "monitoring_threshold", "rural_cpi", "mpi_k"};
#define N(a) (sizeof(a) / sizeof(a)[0])

static void test_one_edit_of_each_kind_is_found(void **state)
{
    (void)state;
    assert_string_equal(fupin_name_suggest("povertyline", params, N(params)), "poverty_line");
    assert_string_equal(fupin_name_suggest("poverty__line", params, N(params)), "poverty_line");
    assert_string_equal(fupin_name_suggest("poverty_lime", params, N(params)), "poverty_line");
    assert_string_equal(fupin_name_suggest("povetry_line", params, N(params)), "poverty_line");
    assert_string_equal(fupin_name_suggest("POVERTY_LINE", params, N(params)), "poverty_line");
}

/* 6 bytes and more: 2 edits still count, 3 do not. */
static void test_long_words_allow_two_edits_not_three(void **state)
{
    (void)state;
    assert_string_equal(fupin_name_suggest("rurl_cp", params, N(params)), "rural_cpi");
    assert_null(fupin_name_suggest("rurl_c", params, N(params))); /* 3 edits from rural_cpi */
    assert_string_equal(fupin_name_suggest("monitoring_treshhold", params, N(params)),
                        "monitoring_threshold"); /* one deletion, one insertion */
}

/* Up to 5 bytes: exactly 1 edit. "mpi_k" -> "mpik" (1) yes, "mp_x" (2) no. */
static void test_short_words_allow_one_edit(void **state)
{
    (void)state;
    assert_string_equal(fupin_name_suggest("mpik", params, N(params)), "mpi_k");
    assert_null(fupin_name_suggest("mp_x", params, N(params)));
    static const char *const opts[] = {"--year", "--since"};
    assert_string_equal(fupin_name_suggest("--yaer", opts, 2), "--year");
    assert_null(fupin_name_suggest("--yr", opts, 2)); /* 2 edits, word of 4 bytes */
}

static void test_names_of_two_bytes_are_never_proposed_and_ties_go_first(void **state)
{
    (void)state;
    static const char *const tiny[] = {"ab", "abc"};
    assert_string_equal(fupin_name_suggest("ab", tiny, 2), "abc"); /* "ab" itself: too short */
    static const char *const twins[] = {"east", "west"};
    assert_string_equal(fupin_name_suggest("wast", twins, 2), "east"); /* 1 edit from both */
    static const char *const holes[] = {NULL, "west"};
    assert_string_equal(fupin_name_suggest("wset", holes, 2), "west");
}

static void test_unrelated_null_and_overlong_words_get_nothing(void **state)
{
    (void)state;
    char longword[80];
    memset(longword, 'a', sizeof longword - 1);
    longword[sizeof longword - 1] = '\0';
    assert_null(fupin_name_suggest("head_name", params, N(params)));
    assert_null(fupin_name_suggest(NULL, params, N(params)));
    assert_null(fupin_name_suggest("x", NULL, 3));
    assert_null(fupin_name_suggest(longword, params, N(params)));
    assert_null(fupin_name_suggest("poverty_line", params, 0));
}

/* The library's own messages name the field or parameter meant. */
static void test_messages_name_the_field_meant(void **state)
{
    (void)state;
    fupin_household *h = NULL;
    FUPIN_OK_OR_FAIL(fupin_household_create(&h, "H1"));
    assert_int_equal(fupin_household_set(h, "housng", "B"), FUPIN_EINVAL);
    assert_string_equal(fupin_last_error(),
                        "household \"H1\": unknown field \"housng\" (did you mean housing?)");
    assert_int_equal(fupin_household_set(h, "head_name", "x"), FUPIN_EINVAL);
    assert_string_equal(fupin_last_error(), "household \"H1\": unknown field \"head_name\"");
    FUPIN_OK_OR_FAIL(fupin_household_add_member(h, "m1", "1980"));
    assert_int_equal(fupin_household_set_member(h, "m1", "labour", "full"), FUPIN_EINVAL);
    assert_string_equal(fupin_last_error(),
                        "household \"H1\": unknown member field \"labour\" (did you mean labor?)");
    assert_int_equal(fupin_household_set_income(h, 2024, "wages", "1"), FUPIN_EINVAL);
    assert_string_equal(fupin_last_error(),
                        "household \"H1\": unknown income field \"wages\" (did you mean wage?)");
    fupin_household_free(h);

    fupin_policy *p = NULL;
    double v = 0;
    FUPIN_OK_OR_FAIL(fupin_policy_builtin(&p, "national"));
    assert_int_equal(fupin_policy_get(p, "povrty_line", NULL, 2024, &v), FUPIN_EINVAL);
    assert_string_equal(fupin_last_error(),
                        "unknown policy parameter \"povrty_line\" (did you mean poverty_line?)");
    assert_int_equal(fupin_policy_get(p, "water_litres_min", "scarse", 2024, &v), FUPIN_EINVAL);
    assert_string_equal(fupin_last_error(), "unknown variant \"scarse\" (scarce, east, central or "
                                            "west); did you mean scarce?");
    fupin_policy_free(p);
    p = NULL;
    assert_int_equal(fupin_policy_builtin(&p, "natinal"), FUPIN_ENOTFOUND);
    assert_string_equal(fupin_last_error(),
                        "no built-in policy named \"natinal\" (did you mean national?)");
    assert_null(p);
}

/* The field-name lists that callers (the Python binding) suggest from. */
static void test_field_name_lists_end_with_null(void **state)
{
    (void)state;
    assert_string_equal(fupin_household_field_name(0), "village_code");
    assert_string_equal(fupin_member_field_name(0), "birth");
    assert_string_equal(fupin_income_field_name(0), "wage");
    size_t n = 0;
    while (fupin_household_field_name(n))
        n++;
    assert_int_equal(n,
                     15); /* 13 households.csv columns after household_id, region, water_scarce */
    n = 0;
    while (fupin_member_field_name(n))
        n++;
    assert_int_equal(n, 8);
    n = 0;
    while (fupin_income_field_name(n))
        n++;
    assert_int_equal(n, 7);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_one_edit_of_each_kind_is_found),
        cmocka_unit_test(test_long_words_allow_two_edits_not_three),
        cmocka_unit_test(test_short_words_allow_one_edit),
        cmocka_unit_test(test_names_of_two_bytes_are_never_proposed_and_ties_go_first),
        cmocka_unit_test(test_unrelated_null_and_overlong_words_get_nothing),
        cmocka_unit_test(test_messages_name_the_field_meant),
        cmocka_unit_test(test_field_name_lists_end_with_null),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
