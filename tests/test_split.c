/* households.csv parsed in two halves at once (lib/io/dataset_split.c; issue 15): a
 * split load must give exactly what one parse front to back gives, wherever the split
 * lands (next to a CR LF, a lone CR, an empty line, a BOM, in the last line without
 * its line end), strict and lenient, with a bad record in either half and a
 * household_id in both. fupin__ld_test_split forces the split on small files (-1 turns
 * it off: the reference), fupin__ld_test_split_at chooses where it is looked for. */
#define _DEFAULT_SOURCE /* mkdtemp */
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"
#include "io/io.h"
#include "io/loader.h"
#include "model/model.h"

#include "messy_dataset.h"

/* x split at every byte of households.csv (from `from` on) gives what x unsplit gives,
 * strict and lenient, on two threads and on one. */
static void assert_split_anywhere_as_whole(const struct ds *x, size_t from)
{
    for (uint32_t mode = 0; mode <= FUPIN_LOAD_LENIENT; mode++) {
        char whole_msg[1024], msg[1024];
        fupin_dataset *whole = NULL;
        int rc_whole = load_pieces(x, mode, -1, 0, 64, 0, &whole, whole_msg, sizeof whole_msg);
        for (size_t at = from; at <= x->f[FUPIN_FILE_HOUSEHOLDS].len; at++) {
            fupin_dataset *d = NULL;
            int rc = load_pieces(x, mode, 1, at ? at : 1, 8 + at % 57, (int)(at & 1), &d, msg,
                                 sizeof msg);
            if (rc != rc_whole || strcmp(msg, whole_msg) != 0)
                fail_msg("split at %zu, mode %u: %d \"%s\", whole: %d \"%s\"", at, mode, rc, msg,
                         rc_whole, whole_msg);
            if (d)
                assert_same_dataset(d, whole);
            fupin_dataset_free(d);
        }
        fupin_dataset_free(whole);
    }
}

/* households.csv of n records, about one in three wrong in one of many ways: a bad
 * value, an unknown village, a short or long record, an exit before registration, a
 * spaced id, a BOM at a line's start, the id of an earlier record (either half), a
 * skipped record the only one of its village, with
 * LF, CR LF and lone CR line ends, empty lines, and the last line without its end
 * (seed odd). No double quote: a quote turns the split off. */
static void messy_households(struct ds *x, size_t n, uint32_t seed)
{
    struct fupin__buf *b = &x->f[FUPIN_FILE_HOUSEHOLDS];
    fupin__buf_free(b);
    fupin__buf_init(b);
    fupin__buf_adds(b, HH);
    const char *eol = "\n";
    for (size_t h = 0; h < n; h++) {
        unsigned k = next(&seed) % 16;
        size_t id = k == 3 && h ? next(&seed) % h : h;
        eol = k == 1 ? "\r\n" : k == 2 ? "\r" : k == 12 ? "\n\r\n\n" : "\n";
        const char *pre = k == 8 ? "\xEF\xBB\xBF" : k == 9 ? " " : "";
        const char *vil = k == 4    ? "520102009999"
                          : k == 11 ? ""
                          : k == 13 ? "520102001003" /* skipped: its only household */
                                    : "520102001001";
        const char *reg = k == 0 ? "x" : k == 10 ? "2020" : "";
        const char *ex = k == 10 ? "2019" : "";
        if (k == 5)
            fupin__buf_addf(b, "H%zu,%s%s", id, vil, eol);
        else
            fupin__buf_addf(b, "%sH%zu,%s,%s,%s,,,none,%s,1,1,60,10,95,1%s%s", pre, id, vil, reg,
                            ex, k == 13 ? "Q" : "A", k == 6 ? ",x" : "", eol);
    }
    if (seed & 1)
        b->len -= strlen(eol);
    assert_false(b->failed);
}

/* A messy households.csv split at every byte: as unsplit; the halves were merged, and
 * parsed again where an id is in both. */
static void test_a_split_anywhere_loads_as_one_parse(void **state)
{
    (void)state;
    unsigned long merged = fupin__ld_test_split_merged, again = fupin__ld_test_split_again;
    for (uint32_t seed = 1; seed <= 4; seed++) {
        struct ds x;
        make(&x, 30, 5, seed);
        messy_households(&x, 30, seed);
        assert_split_anywhere_as_whole(&x, 0);
        drop(&x);
    }
    assert_true(fupin__ld_test_split_merged > merged);
    assert_true(fupin__ld_test_split_again > again);
}

/* One id in both halves, both loaded, the first skipped, the second skipped (after
 * another skipped record, taken out of the table again); a bad
 * record in each half (strict: the first by position wins, wherever the split). */
static void test_an_id_in_both_halves_is_found_a_duplicate(void **state)
{
    (void)state;
    static const char *const files[] = {
        /* both loaded */
        HH "H1,520102001001,,,,,none,A,1,1,60,10,95,1\n"
           "H2,520102001002,,,,,none,A,1,1,60,10,95,1\n"
           "H1,520102001003,,,,,none,A,1,1,60,10,95,1\n",
        /* the first skipped, the second loaded */
        HH "H1,520102001001,x,,,,none,A,1,1,60,10,95,1\n"
           "H2,520102001002,,,,,none,A,1,1,60,10,95,1\n"
           "H1,520102001003,,,,,none,A,1,1,60,10,95,1\n",
        /* the first loaded, the second skipped */
        HH "H1,520102001001,,,,,none,A,1,1,60,10,95,1\n"
           "H2,520102001002,,,,,none,A,1,1,60,10,95,1\n"
           "H1,520102001003,,,,,none,Q,1,1,60,10,95,1\n",
        /* a skipped record, then one skipped with an id of the first half */
        HH "H1,520102001001,,,,,none,A,1,1,60,10,95,1\n"
           "H2,520102001002,,,,,none,A,1,1,60,10,95,1\n"
           "H3,520102001003,,,,,none,Q,1,1,60,10,95,1\n"
           "H1,520102001003,,,,,none,Q,1,1,60,10,95,1\n",
        /* a bad record in each half, no id in both */
        HH "H1,520102001001,,,,,none,Q,1,1,60,10,95,1\n"
           "H2,520102001002,,,,,none,A,1,1,60,10,95,1\n"
           "H3,520102001003,1,,,,none,A,1,1,60,10,95,1\n",
    };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        struct ds x;
        make(&x, 4, 0, 1);
        set(&x, FUPIN_FILE_HOUSEHOLDS, files[i]);
        unsigned long again = fupin__ld_test_split_again;
        assert_split_anywhere_as_whole(&x, 0);
        if (i < 4)
            assert_true(fupin__ld_test_split_again > again);
        drop(&x);
    }
}

/* Empty lines before the header: a split looked for at the start is none. */
static void test_no_split_before_the_header_ends(void **state)
{
    (void)state;
    struct ds x;
    make(&x, 6, 0, 2);
    set(&x, FUPIN_FILE_HOUSEHOLDS,
        "\n\r\n\r" HH "H0,520102001001,,,,,none,A,1,1,60,10,95,1\n"
        "H1,520102001002,,,,,none,A,1,1,60,10,95,1\n"
        "H2,520102001003,,,,,none,Q,1,1,60,10,95,1\n"
        "H3,520102001003,,,,,none,A,1,1,60,10,95,1\n");
    unsigned long merged = fupin__ld_test_split_merged;
    assert_split_anywhere_as_whole(&x, 0);
    assert_true(fupin__ld_test_split_merged > merged);
    drop(&x);
}

/* Text with a double quote anywhere is not split (a line end may be inside a field);
 * with none it is, without a line end after the place looked at it is not. */
static void test_a_quote_or_no_line_end_turns_the_split_off(void **state)
{
    (void)state;
    struct ds x;
    make(&x, 6, 0, 2);
    set(&x, FUPIN_FILE_HOUSEHOLDS,
        HH "H0,520102001001,,,,,none,A,1,1,60,10,95,1\n"
           "H1,520102001002,,,,,none,A,1,1,60,10,95,1\n"
           "H2,520102001003,,,,,none,A,1,1,60,10,95,1\n"
           "H3,520102001003,,,,,none,A,1,1,60,10,95,1\n"
           "\"H4\",520102001001,,,,,none,A,1,1,60,10,95,1\n"
           "H5,520102001002,,,,,none,A,1,1,60,10,95,1");
    unsigned long merged = fupin__ld_test_split_merged, again = fupin__ld_test_split_again;
    assert_split_anywhere_as_whole(&x, 0);
    assert_int_equal(fupin__ld_test_split_merged, merged);
    assert_int_equal(fupin__ld_test_split_again, again);
    /* without the quote: split wherever a line end follows the place looked at */
    char *q = strchr(x.f[FUPIN_FILE_HOUSEHOLDS].data, '"');
    q[0] = q[3] = 'Z';
    char msg[1024];
    fupin_dataset *d = NULL;
    size_t last =
        (size_t)(strrchr(x.f[FUPIN_FILE_HOUSEHOLDS].data, '\n') - x.f[FUPIN_FILE_HOUSEHOLDS].data);
    FUPIN_OK_OR_FAIL(load_pieces(&x, FUPIN_LOAD_LENIENT, 1, last, 64, 0, &d, msg, sizeof msg));
    fupin_dataset_free(d);
    assert_int_equal(fupin__ld_test_split_merged, merged + 1);
    FUPIN_OK_OR_FAIL(load_pieces(&x, FUPIN_LOAD_LENIENT, 1, last + 1, 64, 0, &d, msg, sizeof msg));
    fupin_dataset_free(d);
    assert_int_equal(fupin__ld_test_split_merged, merged + 1);
    /* a line end the last byte: the second half would be empty */
    fupin__buf_add(&x.f[FUPIN_FILE_HOUSEHOLDS], "\n", 1);
    FUPIN_OK_OR_FAIL(load_pieces(&x, FUPIN_LOAD_LENIENT, 1, last + 1, 64, 0, &d, msg, sizeof msg));
    fupin_dataset_free(d);
    assert_int_equal(fupin__ld_test_split_merged, merged + 1);
    drop(&x);
}

/* The limit of records a file holds (lowered by a test): a file past it is not split
 * (past_limit counts the records of one loader), one within it is. */
static void test_the_record_limit_is_kept_across_the_halves(void **state)
{
    (void)state;
    struct ds x;
    make(&x, 20, 0, 3);
    for (size_t limit = 18; limit <= 23; limit++) {
        fupin__ld_test_max_records(limit);
        unsigned long merged = fupin__ld_test_split_merged;
        assert_split_anywhere_as_whole(&x, x.f[FUPIN_FILE_HOUSEHOLDS].len / 2);
        /* 20 records: 22 lines with the header and the empty one after the last end */
        if (limit >= 22)
            assert_true(fupin__ld_test_split_merged > merged);
        else
            assert_int_equal(fupin__ld_test_split_merged, merged);
    }
    fupin__ld_test_max_records(0);
    drop(&x);
}

/* Every allocation of a split load (on one thread: a failing allocation is met there)
 * may fail: the load says so, or gives what an unsplit load gives, and leaks nothing. */
static void test_a_split_load_survives_every_failed_allocation(void **state)
{
    (void)state;
    struct ds x;
    make(&x, 20, 6, 5);
    messy_households(&x, 20, 5);
    char msg[1024];
    fupin_dataset *whole = NULL;
    FUPIN_OK_OR_FAIL(load_pieces(&x, FUPIN_LOAD_LENIENT, -1, 0, 16, 1, &whole, msg, sizeof msg));
    fupin__ld_test_window = 16;
    fupin__ld_test_split = 1;
    expect_every_allocation_failure_met(&x, whole);
    fupin__ld_test_window = 0;
    fupin__ld_test_split = 0;
    fupin_dataset_free(whole);
    drop(&x);
}

/* Progress of a split load: the same reports at the same bytes as unsplit, all on the
 * calling thread (the second half's are made at the merge); on two threads and on one.
 * Without incomes.csv and events.csv: members.csv and incomes.csv read at once report
 * as the two threads go (dataset_par.c), not the same from one load to the next. */
static void test_progress_is_reported_as_unsplit(void **state)
{
    (void)state;
    struct ds x;
    make(&x, 100000, 0, 3); /* households.csv about 4.5 MB: reports in its second half */
    static const int absent[FUPIN_FILE_COUNT] = {0, 0, 0, 1, 1};
    for (int one_thread = 0; one_thread <= 1; one_thread++) {
        struct progress_log log[2];
        unsigned long merged = fupin__ld_test_split_merged;
        for (int split = 0; split <= 1; split++) {
            memset(&log[split], 0, sizeof log[split]);
            log[split].caller = pthread_self();
            struct fupin_load_options o = {FUPIN_LOAD_STRICT, FUPIN_ENCODING_UTF8, on_progress,
                                           &log[split]};
            fupin_dataset *d = NULL;
            fupin__ld_test_window = 1u << 20;
            fupin__ld_test_split = split ? 1 : -1;
            int rc = load_with(&x, absent, &o, one_thread, &d);
            fupin__ld_test_window = 0;
            fupin__ld_test_split = 0;
            FUPIN_OK_OR_FAIL(rc);
            fupin_dataset_free(d);
            assert_false(log[split].other_thread);
        }
        assert_int_equal(fupin__ld_test_split_merged, merged + 1);
        assert_true(log[0].n >= 3);
        assert_int_equal(log[1].n, log[0].n);
        assert_int_equal(log[1].total, log[0].total);
        for (size_t i = 0; i < log[0].n && i < 64; i++)
            if (log[1].done[i] != log[0].done[i])
                fail_msg("report %zu: %llx split, %llx unsplit", i,
                         (unsigned long long)log[1].done[i], (unsigned long long)log[0].done[i]);
    }
    drop(&x);
}

/* Without the test's hook: a households.csv of 4 MiB or more is split, on a thread, a
 * smaller one is not, nor one whose load a test makes fail (it must fail on the
 * calling thread). */
static void test_only_a_large_file_is_split_by_default(void **state)
{
    (void)state;
    struct ds x;
    make(&x, 100000, 0, 3); /* households.csv about 4.5 MB */
    assert_true(x.f[FUPIN_FILE_HOUSEHOLDS].len >= (4u << 20));
    char msg[1024];
    fupin_dataset *d = NULL, *whole = NULL;
    unsigned long merged = fupin__ld_test_split_merged;
    FUPIN_OK_OR_FAIL(load_pieces(&x, 0, 0, 0, 1u << 20, 1, &whole, msg, sizeof msg));
    assert_int_equal(fupin__ld_test_split_merged, merged);
    FUPIN_OK_OR_FAIL(load_pieces(&x, 0, 0, 0, 1u << 20, 0, &d, msg, sizeof msg));
    assert_int_equal(fupin__ld_test_split_merged, merged + 1);
    assert_same_dataset(d, whole);
    fupin_dataset_free(d);
    fupin_dataset_free(whole);
    drop(&x);
    make(&x, 2000, 0, 3);
    FUPIN_OK_OR_FAIL(load_pieces(&x, 0, 0, 0, 1u << 20, 0, &d, msg, sizeof msg));
    fupin_dataset_free(d);
    assert_int_equal(fupin__ld_test_split_merged, merged + 1);
    drop(&x);
}

static unsigned long merged_before;

/* the folder's first load was split and merged */
static void split_and_merged(void)
{
    assert_int_equal(fupin__ld_test_split_merged, merged_before + 1);
    merged_before = fupin__ld_test_split_merged;
}

/* A split households.csv changed between its count and its parse: refused with what
 * happened (FUPIN_EIO), as unsplit. */
static void test_a_file_changed_while_split_is_refused(void **state)
{
    (void)state;
    fupin__ld_test_split = 1;
    merged_before = fupin__ld_test_split_merged;
    expect_changed_households_refused("/tmp/fupin-split-XXXXXX", split_and_merged);
    fupin__ld_test_split = 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_split_anywhere_loads_as_one_parse),
        cmocka_unit_test(test_an_id_in_both_halves_is_found_a_duplicate),
        cmocka_unit_test(test_no_split_before_the_header_ends),
        cmocka_unit_test(test_a_quote_or_no_line_end_turns_the_split_off),
        cmocka_unit_test(test_the_record_limit_is_kept_across_the_halves),
        cmocka_unit_test(test_a_split_load_survives_every_failed_allocation),
        cmocka_unit_test(test_progress_is_reported_as_unsplit),
        cmocka_unit_test(test_only_a_large_file_is_split_by_default),
        cmocka_unit_test(test_a_file_changed_while_split_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
