/* The command line's writers (issue 13): stored zip entries with CRC-32, display widths
 * of CJK text, figures printed as the JSON prints them, CSV cells that stay text.
 * Expected values are known answers (CRC-32 check values of the zip/PNG polynomial),
 * or worked out by hand in the comments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "cli.h"
#include "present.h"
#include "zip.h"

static uint32_t crc_of(const char *s)
{
    uint32_t t[256];
    zip_crc32_table(t);
    return zip_crc32(t, 0, s, strlen(s));
}

static void test_crc32_of_known_strings(void **state)
{
    (void)state;
    assert_int_equal(crc_of(""), 0x00000000u);
    assert_int_equal(crc_of("a"), 0xE8B7BE43u);
    assert_int_equal(crc_of("abc"), 0x352441C2u);
    /* the check value of CRC-32/ISO-HDLC, the zip and PNG CRC */
    assert_int_equal(crc_of("123456789"), 0xCBF43926u);
    assert_int_equal(crc_of("The quick brown fox jumps over the lazy dog"), 0x414FA339u);
}

static void test_crc32_continues_across_pieces(void **state)
{
    (void)state;
    uint32_t t[256];
    zip_crc32_table(t);
    uint32_t c = zip_crc32(t, 0, "1234", 4);
    c = zip_crc32(t, c, "56789", 5);
    assert_int_equal(c, 0xCBF43926u);
}

static uint32_t rd32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static unsigned rd16(const unsigned char *p)
{
    return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static void test_zip_headers_carry_crc_sizes_and_offsets(void **state)
{
    (void)state;
    FILE *f = tmpfile();
    assert_non_null(f);
    struct zip *z = malloc(sizeof *z);
    assert_non_null(z);
    zip_start(z, f);
    zip_begin(z, "a.txt");
    zip_write(z, "hel", 3);
    zip_puts(z, "lo");
    zip_begin(z, "b/c.xml"); /* ends a.txt */
    assert_int_equal(zip_finish(z), 0);
    free(z);

    unsigned char buf[512];
    rewind(f);
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    /* a.txt: 30-byte header + 5-byte name + 5 bytes; b/c.xml: 30 + 7 + 0 */
    assert_int_equal(n, 30 + 5 + 5 + 30 + 7 + (46 + 5) + (46 + 7) + 22);
    assert_int_equal(rd32(buf), 0x04034b50u);
    assert_int_equal(rd16(buf + 8), 0);            /* stored */
    assert_int_equal(rd32(buf + 14), 0x3610A686u); /* CRC-32 of "hello" */
    assert_int_equal(rd32(buf + 18), 5);
    assert_int_equal(rd32(buf + 22), 5);
    assert_memory_equal(buf + 30, "a.txthello", 10);
    const unsigned char *second = buf + 40;
    assert_int_equal(rd32(second), 0x04034b50u);
    assert_int_equal(rd32(second + 14), 0); /* CRC-32 of nothing */
    assert_int_equal(rd32(second + 18), 0);
    const unsigned char *cd = buf + 77;
    assert_int_equal(rd32(cd), 0x02014b50u);
    assert_int_equal(rd32(cd + 16), 0x3610A686u);
    assert_int_equal(rd32(cd + 42), 0); /* a.txt's local header offset */
    assert_int_equal(rd32(cd + 51 + 42), 40);
    const unsigned char *end = buf + n - 22;
    assert_int_equal(rd32(end), 0x06054b50u);
    assert_int_equal(rd16(end + 8), 2);
    assert_int_equal(rd16(end + 10), 2);
    assert_int_equal(rd32(end + 12), 51 + 53); /* central directory size */
    assert_int_equal(rd32(end + 16), 77);      /* and where it starts */
}

static void test_zip_to_a_pipe_fails_with_a_message(void **state)
{
    (void)state;
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    FILE *f = fdopen(fds[1], "wb");
    assert_non_null(f);
    struct zip *z = malloc(sizeof *z);
    assert_non_null(z);
    zip_start(z, f);
    zip_begin(z, "x");
    zip_puts(z, "data");
    assert_int_equal(zip_finish(z), -1);
    assert_non_null(strstr(z->err, "-o FILE"));
    free(z);
    fclose(f);
    close(fds[0]);
}

static void test_cjk_characters_take_two_columns(void **state)
{
    (void)state;
    assert_int_equal(text_width(""), 0);
    assert_int_equal(text_width("abc"), 3);
    assert_int_equal(text_width("坡脚村"), 6);
    assert_int_equal(text_width("a坡"), 3);
    assert_int_equal(text_width("（R-V2）"), 8); /* full-width parentheses */
    assert_int_equal(text_width("a\x01"
                                "b"),
                     2);                     /* a control character takes none */
    assert_int_equal(text_width("\xff"), 1); /* a stray byte: one replacement */
}

static char *cell_text(const char *s, size_t width, int right)
{
    static char buf[128];
    FILE *f = tmpfile();
    print_cell(f, s, width, right);
    rewind(f);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static void test_cells_pad_and_cut_by_display_width(void **state)
{
    (void)state;
    assert_string_equal(cell_text("坡脚村", 8, 0), "坡脚村  ");
    assert_string_equal(cell_text("坡脚村", 8, 1), "  坡脚村");
    /* 8 columns into 5: two characters (4) and the ellipsis (1) */
    assert_string_equal(cell_text("坡脚村村", 5, 0), "坡脚…");
    /* into 6: still two (a third would need 7 with the ellipsis), then a space */
    assert_string_equal(cell_text("坡脚村村", 6, 0), "坡脚… ");
    assert_string_equal(cell_text("abcdef", 4, 0), "abc…");
}

static const char *dec(double v, int decimals)
{
    static struct row r;
    row_reset(&r);
    row_dec(&r, v, decimals);
    assert_int_equal(r.c[0].kind, CELL_NUM);
    return r.c[0].s;
}

static void test_figures_print_in_their_shortest_form(void **state)
{
    (void)state;
    assert_string_equal(dec(0.0024, 4), "0.0024");
    assert_string_equal(dec(16000, 2), "16000");
    assert_string_equal(dec(6.5, 2), "6.5");
    assert_string_equal(dec(8366.67, 2), "8366.67");
    assert_string_equal(dec(-5.46, 2), "-5.46");
    assert_string_equal(dec(-0.001, 2), "0"); /* never -0 */
    assert_string_equal(dec(0, 4), "0");
}

static char *csv_of(const struct row *r)
{
    static char buf[256];
    FILE *f = tmpfile();
    row_write_csv(r, f);
    rewind(f);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static void test_csv_cells_never_run_as_formulas(void **state)
{
    (void)state;
    struct row *r = malloc(sizeof *r);
    assert_non_null(r);
    row_reset(r);
    row_text(r, "=1+1");
    row_text(r, "@SUM(A1)");
    row_text(r, "-2");
    row_int(r, -2);
    row_text(r, "a,\"b\"");
    row_empty(r);
    assert_string_equal(csv_of(r), "\"'=1+1\",\"'@SUM(A1)\",\"'-2\",-2,\"a,\"\"b\"\"\",\n");
    free(r);
}

static void test_library_csv_rows_split_into_typed_cells(void **state)
{
    (void)state;
    struct row *r = malloc(sizeof *r);
    assert_non_null(r);
    assert_int_equal(row_from_csv_line(r, "GZ01,\"a,\"\"b\",,3.5",
                                       "household,village,year,income.growth",
                                       household_numeric_column),
                     0);
    assert_int_equal(r->n, 4);
    assert_int_equal(r->c[0].kind, CELL_TEXT);
    assert_string_equal(r->c[0].s, "GZ01");
    assert_int_equal(r->c[1].kind, CELL_TEXT);
    assert_string_equal(r->c[1].s, "a,\"b");
    assert_int_equal(r->c[2].kind, CELL_EMPTY); /* null year: an empty cell */
    assert_int_equal(r->c[3].kind, CELL_NUM);
    assert_string_equal(r->c[3].s, "3.5");
    /* a line with more fields than the header is refused */
    assert_int_equal(row_from_csv_line(r, "a,b,c", "x,y", household_numeric_column), -1);
    free(r);
}

static void test_numeric_household_columns_are_the_library_figures(void **state)
{
    (void)state;
    assert_true(household_numeric_column("year"));
    assert_true(household_numeric_column("income.since"));
    assert_true(household_numeric_column("income.per_capita"));
    assert_true(household_numeric_column("income.national_cagr"));
    assert_false(household_numeric_column("village")); /* a code is text */
    assert_false(household_numeric_column("household"));
    assert_false(household_numeric_column("income.status"));
    assert_false(household_numeric_column("exit_eligible"));
}

static void test_language_follows_the_environment(void **state)
{
    (void)state;
    setenv("LC_ALL", "", 1);
    setenv("LC_MESSAGES", "", 1);
    setenv("LANG", "zh_CN.UTF-8", 1);
    assert_string_equal(fupin_cli_lang(NULL), "zh");
    assert_string_equal(fupin_cli_lang("en"), "en"); /* --lang wins */
    setenv("LC_ALL", "C", 1);                        /* LC_ALL overrides LANG */
    assert_string_equal(fupin_cli_lang(NULL), "en");
    setenv("LC_ALL", "", 1);
    setenv("LC_MESSAGES", "zh_TW.UTF-8", 1);
    setenv("LANG", "en_GB.UTF-8", 1);
    assert_string_equal(fupin_cli_lang(NULL), "zh");
    unsetenv("LC_MESSAGES");
    unsetenv("LANG");
    assert_string_equal(fupin_cli_lang(NULL), "en");
    assert_string_equal(words_for("zh")->alert[3], "严重");
    assert_string_equal(words_for("en")->alert[3], "severe");
    char buf[256];
    int codes[2] = {FUPIN_REASON_INCOME_BELOW_LINE, FUPIN_REASON_EDU_DROPOUT};
    reasons_text(buf, sizeof buf, codes, 2, "en");
    assert_string_equal(buf, "per-capita income below the poverty line; a member of "
                             "compulsory-school age is out of school");
    reasons_text(buf, 20, codes, 2, "en"); /* cut, but terminated */
    assert_int_equal(strlen(buf), 19);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_crc32_of_known_strings),
        cmocka_unit_test(test_crc32_continues_across_pieces),
        cmocka_unit_test(test_zip_headers_carry_crc_sizes_and_offsets),
        cmocka_unit_test(test_zip_to_a_pipe_fails_with_a_message),
        cmocka_unit_test(test_cjk_characters_take_two_columns),
        cmocka_unit_test(test_cells_pad_and_cut_by_display_width),
        cmocka_unit_test(test_figures_print_in_their_shortest_form),
        cmocka_unit_test(test_csv_cells_never_run_as_formulas),
        cmocka_unit_test(test_library_csv_rows_split_into_typed_cells),
        cmocka_unit_test(test_numeric_household_columns_are_the_library_figures),
        cmocka_unit_test(test_language_follows_the_environment),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
