/* The reader of our own JSON lines that check and diff share (lib/app/flat.c),
 * white-box: well-formed lines give the dotted paths and the value texts users write
 * (formats.md 3: strings unquoted, lists space-separated, null as "null"); anything
 * that is not JSON of the shape we write is refused (-1), never read past its end. */
#include <stdio.h>
#include <string.h>

#include "util.h"
#include "app/flat.h"

static struct fupin__flat f;

static int parse(const char *json)
{
    return fupin__flat_parse(&f, json, strlen(json));
}

static const char *text(const char *path)
{
    static char buf[256];
    const struct fupin__flat_leaf *l = fupin__flat_find(&f, path);
    if (!l)
        return NULL;
    fupin__flat_text(l, buf, sizeof buf);
    return buf;
}

static void test_flat_paths_and_texts(void **state)
{
    (void)state;
    assert_int_equal(parse("{\"household\":\"H\\\"1\",\"year\":2024,\"guarantee\":{\"status\":"
                           "\"met\",\"reasons\":[\"A\",\"B\"]},\"alert\":null,"
                           "\"x\":{\"y\":{\"z\":-1.5}},\"e\":[],\"t\":true}"),
                     0);
    assert_int_equal(f.n, 8);
    assert_string_equal(text("household"), "H\"1"); /* unescaped, as users write it */
    assert_string_equal(text("year"), "2024");
    assert_string_equal(text("guarantee.status"), "met");
    assert_string_equal(text("guarantee.reasons"), "A B");
    assert_string_equal(text("alert"), "null");
    assert_string_equal(text("x.y.z"), "-1.5");
    assert_string_equal(text("e"), "");
    assert_string_equal(text("t"), "true");
    assert_null(text("guarantee"));
    assert_null(text("nothing"));
    /* whitespace between tokens is allowed */
    assert_int_equal(parse(" { \"a\" : \"x\" , \"b\" : { } }\n"), 0);
    assert_string_equal(text("a"), "x");
    /* equality is byte equality of the JSON text */
    assert_int_equal(parse("{\"a\":1,\"b\":1,\"c\":1.0}"), 0);
    assert_true(fupin__flat_equal(fupin__flat_find(&f, "a"), fupin__flat_find(&f, "b")));
    assert_false(fupin__flat_equal(fupin__flat_find(&f, "a"), fupin__flat_find(&f, "c")));
    /* a text longer than the buffer is cut, NUL-terminated */
    char small[4];
    assert_int_equal(parse("{\"a\":\"abcdefgh\"}"), 0);
    assert_true(fupin__flat_text(fupin__flat_find(&f, "a"), small, sizeof small) <= 3);
    assert_int_equal(small[3], '\0');
}

static void test_flat_refuses_what_we_never_write(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "",
        "[]",
        "{",
        "{\"a\"}",
        "{\"a\":}",
        "{\"a\":1",
        "{\"a\":1,}",
        "{\"a\":\"open}",
        "{a:1}",
        "{\"a\":[1,}",
        "{\"a\":[{\"b\":1}]}",
        "{\"a\":[\"x\"",
        "{\"a\":{\"b\":1}",
        "{\"a\":1}x",
        "{\"a\" 1}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (parse(bad[i]) != -1)
            fail_msg("accepted: %s", bad[i]);
    /* more leaves than the reader holds */
    char big[8192];
    size_t n = 0;
    big[n++] = '{';
    for (int i = 0; i < FUPIN__FLAT_MAX + 1; i++)
        n += (size_t)snprintf(big + n, sizeof big - n, "%s\"k%d\":1", i ? "," : "", i);
    big[n++] = '}';
    big[n] = '\0';
    assert_int_equal(parse(big), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_flat_paths_and_texts),
        cmocka_unit_test(test_flat_refuses_what_we_never_write),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
