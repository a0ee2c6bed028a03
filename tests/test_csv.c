/* The RFC 4180 reader (docs/dataset.md), white-box: records, fields, lines and
 * faults exactly as the loader sees them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "core/core.h"
#include "io/csv.h"

/* Read every record of text into a flat description: fields joined by '|', records by
 * '/', each record prefixed with its line, faults as !fault@field. */
static const char *parse_all(const char *text, size_t len)
{
    static char out[4096];
    struct fupin__csv c;
    struct fupin__csv_record r;
    size_t o = 0;
    int rc;
    out[0] = '\0';
    fupin__csv_init(&c, text, len);
    while ((rc = fupin__csv_next(&c, &r)) > 0) {
        o += (size_t)snprintf(out + o, sizeof out - o, "%s%llu:", o ? "/" : "",
                              (unsigned long long)r.line);
        for (size_t i = 0; i < r.n; i++)
            o += (size_t)snprintf(out + o, sizeof out - o, "%s%.*s", i ? "|" : "",
                                  (int)r.fields[i].n, r.fields[i].p);
        if (r.fault)
            o += (size_t)snprintf(out + o, sizeof out - o, "!%d@%zu", r.fault, r.fault_field);
    }
    assert_int_equal(rc, 0);
    fupin__csv_free(&c);
    return out;
}

#define PARSE(s) parse_all(s, sizeof(s) - 1)

static void test_plain_records_with_lf_and_crlf_line_ends(void **state)
{
    (void)state;
    assert_string_equal(PARSE("a,b\n1,2\n"), "1:a|b/2:1|2");
    assert_string_equal(PARSE("a,b\r\n1,2\r\n"), "1:a|b/2:1|2");
    assert_string_equal(PARSE("a,b\r\n1,2\n3,4\r\n"), "1:a|b/2:1|2/3:3|4");
}

static void test_no_trailing_newline_and_empty_last_line_are_fine(void **state)
{
    (void)state;
    assert_string_equal(PARSE("a,b\n1,2"), "1:a|b/2:1|2");
    assert_string_equal(PARSE("a,b\n1,2\n\n"), "1:a|b/2:1|2");
    assert_string_equal(PARSE("a,b\n1,"), "1:a|b/2:1|");
    assert_string_equal(PARSE("a,b\n1,\n"), "1:a|b/2:1|");
    assert_string_equal(PARSE(""), "");
}

static void test_empty_lines_are_skipped_but_counted_as_physical_lines(void **state)
{
    (void)state;
    assert_string_equal(PARSE("a,b\n\n\r\n1,2\n\n3,4\n"), "1:a|b/4:1|2/6:3|4");
    assert_string_equal(PARSE("\na\n"), "2:a");
}

static void test_bom_at_start_is_ignored_but_nowhere_else(void **state)
{
    (void)state;
    assert_string_equal(PARSE("\xEF\xBB\xBF"
                              "a,b\n1,2\n"),
                        "1:a|b/2:1|2");
    assert_string_equal(PARSE("a\n\xEF\xBB\xBF"
                              "b\n"),
                        "1:a/2:\xEF\xBB\xBF"
                        "b");
}

static void test_quoted_fields_unescape_doubled_quotes_and_keep_commas(void **state)
{
    (void)state;
    assert_string_equal(PARSE("\"a, \"\"b\"\"\",c\n"), "1:a, \"b\"|c");
    assert_string_equal(PARSE("\"\",\"x\"\n"), "1:|x");
    assert_string_equal(PARSE("\"\"\"\"\n"), "1:\"");
}

static void test_quoted_newlines_are_kept_as_line_feeds_and_lines_counted(void **state)
{
    (void)state;
    assert_string_equal(PARSE("h\n\"a\nb\"\nc\n"), "1:h/2:a\nb/4:c");
    /* a CRLF inside quotes becomes LF */
    assert_string_equal(PARSE("h\r\n\"a\r\nb\",\"x\"\"\r\ny\"\r\nc\r\n"), "1:h/2:a\nb|x\"\ny/5:c");
}

static void test_fields_are_never_trimmed(void **state)
{
    (void)state;
    assert_string_equal(PARSE(" a , b \n"), "1: a | b ");
    assert_string_equal(PARSE("a\tb\n"), "1:a\tb");
}

static void test_utf8_passes_through_unchanged(void **state)
{
    (void)state;
    assert_string_equal(PARSE("name\n\xe5\xb0\x8f\xe6\x9d\x91,\"\xe6\x9d\x91,\"\n"),
                        "1:name/2:\xe5\xb0\x8f\xe6\x9d\x91|\xe6\x9d\x91,");
}

static void test_quote_inside_unquoted_field_is_a_fault_at_that_field(void **state)
{
    (void)state;
    assert_string_equal(PARSE("a,b\"c,d\nx\n"), "1:a|b\"c|d!1@1/2:x");
}

static void test_text_after_closing_quote_is_a_fault_at_that_field(void **state)
{
    (void)state;
    assert_string_equal(PARSE("a,\"b\"c,d\nx\n"), "1:a|b|d!2@1/2:x");
}

static void test_unterminated_quote_is_a_fault_running_to_the_end(void **state)
{
    (void)state;
    assert_string_equal(PARSE("a,\"b\nc,d\n"), "1:a|b\nc,d\n!3@1");
}

static void test_first_fault_of_a_record_wins_and_raw_text_is_given(void **state)
{
    (void)state;
    const char text[] = "x\"y,\"z\"w\n";
    struct fupin__csv c;
    struct fupin__csv_record r;
    fupin__csv_init(&c, text, sizeof text - 1);
    assert_int_equal(fupin__csv_next(&c, &r), 1);
    assert_int_equal(r.fault, FUPIN__CSV_QUOTE_IN_FIELD);
    assert_int_equal(r.fault_field, 0);
    assert_int_equal(r.raw_n, 3);
    assert_memory_equal(r.raw, "x\"y", 3);
    assert_int_equal(fupin__csv_next(&c, &r), 0);
    fupin__csv_free(&c);
}

/* issue 10 item 1: a lone CR (Excel's "CSV (Macintosh)") ends a line like LF and CRLF. */
static void test_lone_cr_ends_a_line_and_nul_bytes_are_data(void **state)
{
    (void)state;
    const char text[] = "a\rb,c\0d\n";
    struct fupin__csv c;
    struct fupin__csv_record r;
    fupin__csv_init(&c, text, sizeof text - 1);
    assert_int_equal(fupin__csv_next(&c, &r), 1);
    assert_int_equal(r.n, 1);
    assert_int_equal(r.line, 1);
    assert_memory_equal(r.fields[0].p, "a", 1);
    assert_int_equal(fupin__csv_next(&c, &r), 1);
    assert_int_equal(r.line, 2);
    assert_int_equal(r.n, 2);
    assert_int_equal(r.fields[1].n, 3);
    assert_memory_equal(r.fields[1].p, "c\0d", 3);
    assert_int_equal(fupin__csv_next(&c, &r), 0);
    fupin__csv_free(&c);
}

/* CR, LF and CRLF mixed in one file: each ends one line, empty lines are skipped, and
 * inside quotes each becomes one line feed; line numbers count physical lines. */
static void test_mixed_line_ends_count_lines_and_quoted_ends_become_lf(void **state)
{
    (void)state;
    const char text[] = "h1,h2\r\nx,1\ry,2\n\r\r\nz,\"a\rb\r\nc\"\rw,\"\"\"q\"\"\"\r";
    struct fupin__csv c;
    struct fupin__csv_record r;
    fupin__csv_init(&c, text, sizeof text - 1);
    assert_int_equal(fupin__csv_next(&c, &r), 1);
    assert_int_equal(r.line, 1);
    assert_int_equal(fupin__csv_next(&c, &r), 1);
    assert_int_equal(r.line, 2);
    assert_memory_equal(r.fields[0].p, "x", 1);
    assert_int_equal(fupin__csv_next(&c, &r), 1);
    assert_int_equal(r.line, 3);
    assert_memory_equal(r.fields[1].p, "2", 1);
    assert_int_equal(fupin__csv_next(&c, &r), 1);
    assert_int_equal(r.line, 6); /* lines 4 (LF... CR) and 5 (CRLF) are empty */
    assert_int_equal(r.n, 2);
    assert_int_equal(r.fields[1].n, 5);
    assert_memory_equal(r.fields[1].p, "a\nb\nc", 5);
    assert_int_equal(r.fault, FUPIN__CSV_FINE);
    assert_int_equal(fupin__csv_next(&c, &r), 1);
    assert_int_equal(r.line, 9); /* the quoted field held two line ends */
    assert_int_equal(r.fields[1].n, 3);
    assert_memory_equal(r.fields[1].p, "\"q\"", 3);
    assert_int_equal(fupin__csv_next(&c, &r), 0);
    fupin__csv_free(&c);
}

static void test_many_fields_and_long_quoted_field(void **state)
{
    (void)state;
    size_t n = 200000;
    char *text = malloc(n + 16);
    struct fupin__csv c;
    struct fupin__csv_record r;
    /* 1000 fields, then one field of 100000 doubled quotes */
    size_t o = 0;
    for (int i = 0; i < 1000; i++) {
        text[o++] = 'x';
        text[o++] = ',';
    }
    text[o++] = '"';
    for (int i = 0; i < 50000; i++) {
        text[o++] = '"';
        text[o++] = '"';
    }
    text[o++] = '"';
    fupin__csv_init(&c, text, o);
    assert_int_equal(fupin__csv_next(&c, &r), 1);
    assert_int_equal(r.n, 1001);
    assert_int_equal(r.fields[1000].n, 50000);
    assert_int_equal(r.fields[999].n, 1);
    assert_int_equal(r.fault, 0);
    fupin__csv_free(&c);
    free(text);
}

/* The fast path makes room for a step's fields before the step (issue 15): records of
 * 100 to 130 fields, their first field 0 to 40 bytes long so that the steps end their
 * fields at every offset, read every field, and the next record after them. */
static void test_long_unquoted_records_keep_every_field(void **state)
{
    (void)state;
    char text[512];
    for (int lead = 0; lead <= 40; lead++) {
        for (int commas = 99; commas <= 129; commas += 3) {
            size_t o = 0;
            for (int i = 0; i < lead; i++)
                text[o++] = 'x';
            for (int i = 0; i < commas; i++) {
                text[o++] = ',';
                if (i % 7 == 3)
                    text[o++] = (char)('a' + i % 26); /* a field of one letter now and then */
            }
            memcpy(text + o, "\nlast,one\n", 10);
            o += 10;
            struct fupin__csv c;
            struct fupin__csv_record r;
            fupin__csv_init(&c, text, o);
            assert_int_equal(fupin__csv_next(&c, &r), 1);
            assert_int_equal(r.n, (size_t)commas + 1);
            assert_int_equal(r.fields[0].n, (size_t)lead);
            for (int i = 0; i < commas; i++) {
                const struct fupin__csv_field *f = &r.fields[i + 1];
                if (i % 7 == 3) {
                    assert_int_equal(f->n, 1);
                    assert_int_equal(f->p[0], 'a' + i % 26);
                } else {
                    assert_int_equal(f->n, 0);
                }
            }
            assert_int_equal(fupin__csv_next(&c, &r), 1);
            assert_int_equal(r.n, 2);
            assert_int_equal(r.line, 2);
            assert_memory_equal(r.fields[1].p, "one", 3);
            assert_int_equal(fupin__csv_next(&c, &r), 0);
            fupin__csv_free(&c);
        }
    }
}

static void test_reader_survives_allocation_failures(void **state)
{
    (void)state;
    const char text[] = "a,\"b\"\"c\",d\n";
    for (long k = 1; k < 10; k++) {
        struct fupin__csv c;
        struct fupin__csv_record r;
        fupin__csv_init(&c, text, sizeof text - 1);
        fupin__test_fail_alloc_at(k);
        int rc = fupin__csv_next(&c, &r);
        fupin__test_fail_alloc_at(0);
        assert_true(rc == 1 || rc == FUPIN_ENOMEM);
        fupin__csv_free(&c);
    }
}

/* Records are read eight bytes at a time when no quote or CR comes before their LF
 * (issue 15), byte by byte otherwise: random texts of the bytes that matter, records
 * at every offset from a word boundary, read both ways, read the same. */
static void test_word_at_a_time_reading_equals_byte_by_byte(void **state)
{
    (void)state;
    /* '-' after ',' and '#' after '"': bytes one above those that matter */
    static const char alphabet[] = {'a', ',', '\n', '-', ',', '"', '\r', '#'};
    uint32_t seed = 12345;
    char text[200], words[4096];
    for (int round = 0; round < 50000; round++) {
        size_t n = (size_t)round % 200;
        for (size_t i = 0; i < n; i++) {
            seed = seed * 1103515245u + 12345u;
            /* most rounds without quotes or CRs, so that the fast way is taken */
            text[i] = alphabet[(seed >> 16) % (round % 4 ? 5 : 8)];
        }
        snprintf(words, sizeof words, "%s", parse_all(text, n));
        fupin__csv_test_bytewise = 1;
        const char *bytes = parse_all(text, n);
        fupin__csv_test_bytewise = 0;
        assert_string_equal(words, bytes);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_records_with_lf_and_crlf_line_ends),
        cmocka_unit_test(test_no_trailing_newline_and_empty_last_line_are_fine),
        cmocka_unit_test(test_empty_lines_are_skipped_but_counted_as_physical_lines),
        cmocka_unit_test(test_bom_at_start_is_ignored_but_nowhere_else),
        cmocka_unit_test(test_quoted_fields_unescape_doubled_quotes_and_keep_commas),
        cmocka_unit_test(test_quoted_newlines_are_kept_as_line_feeds_and_lines_counted),
        cmocka_unit_test(test_fields_are_never_trimmed),
        cmocka_unit_test(test_utf8_passes_through_unchanged),
        cmocka_unit_test(test_quote_inside_unquoted_field_is_a_fault_at_that_field),
        cmocka_unit_test(test_text_after_closing_quote_is_a_fault_at_that_field),
        cmocka_unit_test(test_unterminated_quote_is_a_fault_running_to_the_end),
        cmocka_unit_test(test_first_fault_of_a_record_wins_and_raw_text_is_given),
        cmocka_unit_test(test_lone_cr_ends_a_line_and_nul_bytes_are_data),
        cmocka_unit_test(test_mixed_line_ends_count_lines_and_quoted_ends_become_lf),
        cmocka_unit_test(test_many_fields_and_long_quoted_field),
        cmocka_unit_test(test_long_unquoted_records_keep_every_field),
        cmocka_unit_test(test_reader_survives_allocation_failures),
        cmocka_unit_test(test_word_at_a_time_reading_equals_byte_by_byte),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
