/* The result writers' text and buffers (docs/reference/output.md; docs/reference/rules.md,
 * Rounding), white-box: a household line written with every kind of edge value reads
 * exactly as written here by hand; every line is the same whether it is written in
 * place (a buffer larger than the longest line) or through the writers' scratch
 * buffer, and a buffer one byte too small gets FUPIN_ENOSPC with nothing written past
 * its end; the name tables the writers copy from (lib/core/names.h) agree with
 * fupin_enum_name and fupin_reason_name. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "core/names.h"
#include "model/model.h"

#define CODE "520102001001"

/* A household line with an id to escape, a reason code without a name, and the edges
 * of number formatting: money below one yuan and negative, a figure of 0, -0.005 and
 * 0.005 (stored just beyond their ties: -0.01, 0.01), 1e15 (printed through printf),
 * 9.999 (rounded up across a digit: 10), and null for figures that are not finite. */
static void edge_result(struct fupin_result *r)
{
    memset(r, 0, sizeof *r);
    /* a quote, a backslash, a control byte, é, and a byte that is not UTF-8 */
    strcpy(r->household, "H\"1\\\x01\xC3\xA9\xFF");
    strcpy(r->village, CODE);
    r->year = 2024;
    r->guarantee = FUPIN_STATUS_UNMET;
    const int8_t dims[FUPIN_DIM_COUNT] = {FUPIN_STATUS_MET,   FUPIN_STATUS_UNKNOWN,
                                          FUPIN_STATUS_UNMET, FUPIN_STATUS_MET,
                                          FUPIN_STATUS_MET,   FUPIN_STATUS_MET};
    memcpy(r->dim, dims, sizeof dims);
    struct fupin__reasons *g = &r->reasons[FUPIN_LIST_GUARANTEE];
    g->code[g->n++] = FUPIN_REASON_EDU_DROPOUT;
    g->code[g->n++] = FUPIN_REASON_CLOTHING_UNKNOWN;
    g->code[g->n++] = 16; /* between the R-G and R-A codes: no reason has it */
    r->per_capita_fen = -1;
    r->poverty_line_fen = 400000;
    r->income_status = FUPIN_INCOME_BELOW;
    r->growth = 0.0;
    r->national_growth = -0.005;
    r->gap_pp = 0.005;
    r->real_growth = 1e15;
    r->national_real_growth = 9.999;
    r->since = 2019;
    r->cagr = NAN;
    r->national_cagr = INFINITY;
    r->exit_eligible = FUPIN_TRI_NULL;
    r->monitoring_threshold_fen = 500000;
    r->alert_level = FUPIN_ALERT_SEVERE;
    r->category = FUPIN_CATEGORY_NULL;
    struct fupin__reasons *a = &r->reasons[FUPIN_LIST_ALERT];
    a->code[a->n++] = FUPIN_REASON_INCOME_BELOW_LINE;
    r->monitor_exit = FUPIN_MONITOR_EXIT_STAY;
}

static void test_edge_values_print_the_hand_derived_json_line(void **state)
{
    (void)state;
    struct fupin_result r;
    char line[1 << 15];
    edge_result(&r);
    FUPIN_OK_OR_FAIL(fupin_result_to_json(&r, line, sizeof line, NULL));
    assert_string_equal(
        line, "{\"household\":\"H\\\"1\\\\\\u0001\xC3\xA9\xEF\xBF\xBD\",\"village\":\"" CODE
              "\",\"year\":2024,\"guarantee\":{\"status\":\"unmet\",\"food\":\"met\","
              "\"clothing\":\"unknown\",\"education\":\"unmet\",\"medical\":\"met\","
              "\"housing\":\"met\",\"water\":\"met\","
              "\"reasons\":[\"EDU_DROPOUT\",\"CLOTHING_UNKNOWN\",\"?\"]},"
              "\"income\":{\"per_capita\":-0.01,\"poverty_line\":4000,\"status\":\"below\","
              "\"growth\":0,\"national_growth\":-0.01,\"gap_pp\":0.01,"
              "\"real_growth\":1000000000000000,\"national_real_growth\":10,\"since\":2019,"
              "\"cagr\":null,\"national_cagr\":null},\"exit_eligible\":null,"
              "\"alert\":{\"level\":\"severe\",\"category\":null,"
              "\"reasons\":[\"INCOME_BELOW_LINE\"]},"
              "\"monitor_exit\":{\"status\":\"stay\",\"reasons\":[]}}");
}

static void test_edge_values_print_the_hand_derived_csv_row(void **state)
{
    (void)state;
    struct fupin_result r;
    char line[1 << 15];
    edge_result(&r);
    FUPIN_OK_OR_FAIL(fupin_result_to_csv(&r, line, sizeof line, NULL));
    /* RFC 4180: quoted for its quote, which is doubled; bytes passed as they are */
    assert_string_equal(line, "\"H\"\"1\\\x01\xC3\xA9\xFF\"," CODE
                              ",2024,unmet,met,unknown,unmet,met,met,met,"
                              "EDU_DROPOUT CLOTHING_UNKNOWN ?,-0.01,4000,below,0,-0.01,0.01,"
                              "1000000000000000,10,2019,,,,severe,,INCOME_BELOW_LINE,stay,,");
}

typedef int (*writer_fn)(const void *obj, char *buf, size_t cap, size_t *needed);

static int json_of(const void *obj, char *buf, size_t cap, size_t *needed)
{
    return fupin_result_to_json(obj, buf, cap, needed);
}

static int csv_of(const void *obj, char *buf, size_t cap, size_t *needed)
{
    return fupin_result_to_csv(obj, buf, cap, needed);
}

static int summary_of(const void *obj, char *buf, size_t cap, size_t *needed)
{
    return fupin_summary_to_json(obj, buf, cap, needed);
}

#define BIG   (1 << 16) /* more than the longest household line: written in place */
#define FENCE 64

/* The line in a big buffer; then in every buffer from 0 bytes to one byte more than
 * it needs: FUPIN_ENOSPC with the size needed and an empty string until it fits, the
 * same line once it does, and never a byte written past the buffer. */
static void check_every_size(writer_fn fn, const void *obj)
{
    static char whole[BIG], buf[BIG + FENCE];
    size_t needed = 0, got = 0;
    FUPIN_OK_OR_FAIL(fn(obj, whole, sizeof whole, &needed));
    assert_int_equal(needed, strlen(whole));
    assert_true(needed + 1 + FENCE < sizeof buf);
    assert_int_equal(fn(obj, NULL, 0, &got), FUPIN_ENOSPC);
    assert_int_equal(got, needed);
    for (size_t cap = 0; cap <= needed + 1; cap++) {
        memset(buf, 0x5A, needed + 1 + FENCE);
        got = 0;
        int rc = fn(obj, buf, cap, &got);
        assert_int_equal(got, needed);
        if (cap <= needed) {
            assert_int_equal(rc, FUPIN_ENOSPC);
            if (cap)
                assert_int_equal(buf[0], '\0');
        } else {
            assert_int_equal(rc, 0);
            assert_memory_equal(buf, whole, needed + 1);
        }
        for (size_t i = cap; i < needed + 1 + FENCE; i++)
            if (buf[i] != 0x5A)
                fail_msg("a buffer of %zu bytes: byte %zu written past its end", cap, i);
    }
}

static void test_household_lines_are_the_same_in_every_buffer_size(void **state)
{
    (void)state;
    struct fupin_result r;
    edge_result(&r);
    check_every_size(json_of, &r);
    check_every_size(csv_of, &r);
    /* the longest id, all escapes (6 bytes each in JSON), and a formula cell in CSV */
    memset(r.household, '\x1f', sizeof r.household - 1);
    r.household[sizeof r.household - 1] = '\0';
    r.household[0] = '=';
    r.since = 0;
    r.monitoring_threshold_fen = -1;
    r.village[0] = '\0';
    check_every_size(json_of, &r);
    check_every_size(csv_of, &r);
    /* low-confidence labels after the line, the longest reason lists */
    r.low = ~(uint64_t)0;
    r.monitoring_threshold_fen = 0;
    for (int l = 0; l < 3; l++)
        for (r.reasons[l].n = 0; r.reasons[l].n < FUPIN__MAX_REASONS; r.reasons[l].n++)
            r.reasons[l].code[r.reasons[l].n] = FUPIN_REASON_VILLAGE_UNKNOWN_ELECTRICITY;
    check_every_size(json_of, &r);
    check_every_size(csv_of, &r);
}

/* A village line: its name escaped (quotes, backslashes, control bytes), its counts,
 * figures and keys, in every buffer size. */
static void test_village_lines_are_the_same_in_every_buffer_size(void **state)
{
    (void)state;
    fupin_policy *p = NULL;
    fupin_village *v = NULL;
    fupin_summary *s = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_builtin(&p, "national"));
    FUPIN_OK_OR_FAIL(fupin_village_create(&v, CODE, "west"));
    FUPIN_OK_OR_FAIL(fupin_village_set(v, "name", "\"\\\"\\\x01\x02\x03 \xE8\xA5\xBF"));
    for (int i = 0; i < 3; i++) {
        char id[16];
        snprintf(id, sizeof id, "H%d", i);
        fupin_household *h = tu_household_ok(id, 2024, i ? "30000" : "3000");
        FUPIN_OK_OR_FAIL(fupin_village_add_household(v, h));
        fupin_household_free(h);
    }
    FUPIN_OK_OR_FAIL(fupin_summary_create(&s));
    FUPIN_OK_OR_FAIL(fupin_village_evaluate(p, v, 2024, s));
    check_every_size(summary_of, s);
    fupin_summary_free(s);
    fupin_village_free(v);
    fupin_policy_free(p);
}

/* The writers index the name tables by value: every table lists consecutive values,
 * each name with its length and as fupin_enum_name gives it. */
static void test_name_tables_index_by_value_and_agree_with_enum_name(void **state)
{
    (void)state;
    for (int kind = 0; kind < FUPIN_ENUM_COUNT; kind++) {
        if (kind == FUPIN_ENUM_REASON)
            continue;
        size_t n = fupin_enum_count(kind);
        assert_true(n > 0);
        int first = fupin_enum_value(kind, 0);
        for (size_t i = 0; i < n; i++) {
            int v = fupin_enum_value(kind, i);
            assert_int_equal(v, first + (int)i);
            const struct fupin__name *row = fupin__enum_row(kind, v);
            assert_non_null(row);
            assert_int_equal(row->value, v);
            assert_int_equal(row->len, strlen(row->text));
            assert_string_equal(row->text, fupin_enum_name(kind, v));
        }
        assert_null(fupin__enum_row(kind, first - 1));
        assert_null(fupin__enum_row(kind, first + (int)n));
        assert_null(fupin_enum_name(kind, first + (int)n));
    }
}

/* Reasons are indexed by code, with empty rows between the groups of codes: a code
 * has a name exactly when fupin_reason_name gives one, and fupin_enum_value lists the
 * named codes in order. */
static void test_reason_rows_index_by_code_and_agree_with_reason_name(void **state)
{
    (void)state;
    size_t named = 0;
    for (int code = -2; code < 80; code++) {
        const struct fupin__name *row = fupin__reason_row(code);
        const char *name = fupin_reason_name(code);
        if (!name) {
            assert_null(row);
            continue;
        }
        assert_non_null(row);
        assert_int_equal(row->value, code);
        assert_int_equal(row->len, strlen(name));
        assert_string_equal(row->text, name);
        assert_int_equal(fupin_enum_value(FUPIN_ENUM_REASON, named), code);
        int32_t back = 0;
        FUPIN_OK_OR_FAIL(fupin_reason_from_name(name, &back));
        assert_int_equal(back, code);
        named++;
    }
    assert_int_equal(named, fupin_enum_count(FUPIN_ENUM_REASON));
    assert_int_equal(fupin_enum_value(FUPIN_ENUM_REASON, named), FUPIN_INVALID);
    assert_null(fupin_reason_name(FUPIN_REASON_NONE));
    assert_null(fupin_reason_name(16));
    assert_null(fupin_reason_name(60));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_edge_values_print_the_hand_derived_json_line),
        cmocka_unit_test(test_edge_values_print_the_hand_derived_csv_row),
        cmocka_unit_test(test_household_lines_are_the_same_in_every_buffer_size),
        cmocka_unit_test(test_village_lines_are_the_same_in_every_buffer_size),
        cmocka_unit_test(test_name_tables_index_by_value_and_agree_with_enum_name),
        cmocka_unit_test(test_reason_rows_index_by_code_and_agree_with_reason_name),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
