/* members.csv is read on the caller's thread while a second thread reads incomes.csv
 * and events.csv (lib/io/dataset_par.c, issue 15). The load must give exactly what
 * reading the files one after the other gives: the same records, problems in the same
 * order, the same notices, the same first error of a strict load, progress reported
 * on the caller's thread only. A test that arms the allocation-failure hook keeps the
 * load on one thread, so the one-thread load (armed, never failing) is the reference. */
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "io/io.h"
#include "model/model.h"

#include "messy_dataset.h"

static int load(const struct ds *x, const int absent[FUPIN_FILE_COUNT], uint32_t flags,
                int one_thread, fupin_dataset **d)
{
    struct fupin_load_options o = {flags, FUPIN_ENCODING_UTF8, NULL, NULL};
    return load_with(x, absent, &o, one_thread, d);
}

/* A lenient load of messy files: everything as one reader finds it, problems of the
 * three files in file order. */
static void test_two_readers_find_what_one_reader_finds_lenient(void **state)
{
    (void)state;
    struct ds x;
    make(&x, 3000, 40, 7);
    fupin_dataset *two = NULL, *one = NULL;
    assert_int_equal(load(&x, NULL, FUPIN_LOAD_LENIENT, 0, &two), 0);
    assert_int_equal(load(&x, NULL, FUPIN_LOAD_LENIENT, 1, &one), 0);
    assert_true(two->n_problems > 100); /* the files are really messy */
    assert_true(two->skipped[FUPIN_FILE_MEMBERS] > 0 && two->skipped[FUPIN_FILE_INCOMES] > 0 &&
                two->skipped[FUPIN_FILE_EVENTS] > 0);
    assert_same_dataset(two, one);
    /* in file order: the last problem is an events.csv one */
    assert_non_null(strstr(two->problems[two->n_problems - 1], "events.csv:"));
    fupin_dataset_free(two);
    fupin_dataset_free(one);
    /* and with an absent events.csv: its notice is said once, in its place */
    int absent[FUPIN_FILE_COUNT] = {0, 0, 0, 0, 1};
    assert_int_equal(load(&x, absent, FUPIN_LOAD_LENIENT, 0, &two), 0);
    assert_int_equal(load(&x, absent, FUPIN_LOAD_LENIENT, 1, &one), 0);
    assert_same_dataset(two, one);
    assert_true(two->n_notices >= 1);
    assert_non_null(strstr(two->notices[0], "events.csv: not present"));
    fupin_dataset_free(two);
    fupin_dataset_free(one);
    drop(&x);
}

/* Strict: the first error by position, whichever reader meets its own first. */
static void test_two_readers_stop_at_the_same_first_error_strict(void **state)
{
    (void)state;
    for (unsigned bad = 5; bad <= 400; bad *= 3) {
        struct ds x;
        make(&x, 2000, bad, bad);
        char msg[1024];
        fupin_dataset *d = (fupin_dataset *)1;
        int rc = load(&x, NULL, FUPIN_LOAD_STRICT, 1, &d);
        assert_int_equal(rc, FUPIN_EPARSE);
        snprintf(msg, sizeof msg, "%s", fupin_last_error());
        assert_int_equal(load(&x, NULL, FUPIN_LOAD_STRICT, 0, &d), FUPIN_EPARSE);
        assert_null(d);
        assert_string_equal(fupin_last_error(), msg);
        drop(&x);
    }
}

/* Strict, where the second reader meets a broken header (an error that ends its
 * file at once) while members.csv has a bad value or a household has no member:
 * incomes.csv would never have been read, so its error is not the one reported. */
static void test_an_earlier_error_beats_a_broken_incomes_header(void **state)
{
    (void)state;
    struct ds x;
    make(&x, 50, 0, 1);
    fupin__buf_free(&x.f[3]);
    fupin__buf_init(&x.f[3]);
    fupin__buf_adds(&x.f[3], "household_id,year\nH1,2024\n");
    fupin_dataset *d = (fupin_dataset *)1;
    /* members.csv clean: the broken header is the error, said on the caller's thread */
    assert_int_equal(load(&x, NULL, FUPIN_LOAD_STRICT, 0, &d), FUPIN_EPARSE);
    assert_non_null(strstr(fupin_last_error(), "incomes.csv:1: columns wage, business"));
    /* a bad value in members.csv comes first */
    char *sex = strstr(x.f[2].data, ",F,");
    sex[1] = 'Q';
    assert_int_equal(load(&x, NULL, FUPIN_LOAD_STRICT, 0, &d), FUPIN_EPARSE);
    assert_string_equal(fupin_last_error(), "members.csv:2: column sex: not M or F (got \"Q\")");
    sex[1] = 'F';
    /* a household without members (households.csv) comes first */
    /* H49 -> HX9 on its three lines: H49 has no member, and HX9 is unknown (later) */
    for (char *m = x.f[2].data; (m = strstr(m, "\nH49,")) != NULL;)
        m[2] = 'X';
    assert_int_equal(load(&x, NULL, FUPIN_LOAD_STRICT, 0, &d), FUPIN_EPARSE);
    assert_string_equal(fupin_last_error(), "households.csv:51: column household_id: household "
                                            "has no member in members.csv (got \"H49\")");
    assert_null(d);
    drop(&x);
}

/* A broken members.csv header ends the load with its own error, even when the
 * second reader found bad values in incomes.csv, in both modes. */
static void test_a_broken_members_header_is_the_error_in_both_modes(void **state)
{
    (void)state;
    struct ds x;
    make(&x, 50, 3, 5);
    memcpy(strstr(x.f[2].data, "member_id"), "member_ix", 9);
    for (uint32_t mode = 0; mode <= FUPIN_LOAD_LENIENT; mode++) {
        fupin_dataset *d = (fupin_dataset *)1;
        assert_int_equal(load(&x, NULL, mode, 0, &d), FUPIN_EPARSE);
        assert_null(d);
        assert_non_null(strstr(fupin_last_error(), "members.csv:1: column member_id: required "
                                                   "column is missing from the header"));
    }
    drop(&x);
}

/* members.csv and incomes.csv are read ahead while households.csv is parsed (the
 * read, the GB18030 conversion, the UTF-8 check): what that finds is said where the
 * load reaches the file, exactly as one reader says it. */
static void test_what_is_read_ahead_is_said_where_the_load_reaches_it(void **state)
{
    (void)state;
    struct ds x;
    make(&x, 40, 0, 2);
    /* a GBK member id (\xd5\xc5 is 张) in members.csv and a stray byte in incomes.csv */
    char *m = strstr(x.f[2].data, ",m2,");
    memcpy(m + 1, "\xd5\xc5", 2);
    char *i = strstr(x.f[3].data, "\nH3,");
    i[1] = '\xff';
    for (int enc = 0; enc <= 1; enc++) {
        struct fupin_load_options o = {
            FUPIN_LOAD_LENIENT, enc ? FUPIN_ENCODING_GB18030 : FUPIN_ENCODING_UTF8, NULL, NULL};
        char one[1024];
        fupin_dataset *d = (fupin_dataset *)1;
        int rc1 = load_with(&x, NULL, &o, 1, &d);
        snprintf(one, sizeof one, "%s", fupin_last_error());
        int rc2 = load_with(&x, NULL, &o, 0, &d);
        assert_int_equal(rc1, FUPIN_EPARSE);
        assert_int_equal(rc2, FUPIN_EPARSE);
        assert_null(d);
        assert_string_equal(fupin_last_error(), one);
        /* UTF-8: the GBK bytes of members.csv; GB18030: 0xFF is not GB18030 either */
        assert_non_null(strstr(one, enc ? "incomes.csv:" : "members.csv:"));
        assert_non_null(strstr(one, enc ? "not GB18030 text" : "not UTF-8 text"));
    }
    /* without the stray byte, GB18030 reads the id as UTF-8 */
    i[1] = 'H';
    struct fupin_load_options o = {FUPIN_LOAD_STRICT, FUPIN_ENCODING_GB18030, NULL, NULL};
    fupin_dataset *d = NULL;
    FUPIN_OK_OR_FAIL(load_with(&x, NULL, &o, 0, &d));
    assert_string_equal(d->households[0].members[1].id, "\xe5\xbc\xa0");
    fupin_dataset_free(d);
    drop(&x);
}

/* Progress while both readers work: on the caller's thread only, increasing, at
 * least 4 MB apart, ending at the total (fupin_progress_fn). */
static void test_progress_of_both_readers_is_said_on_the_callers_thread(void **state)
{
    (void)state;
    struct ds x;
    make(&x, 150000, 0, 3); /* about 16 MB of members and 9 MB of incomes */
    assert_true(x.f[2].len > (12u << 20) && x.f[3].len > (8u << 20));
    uint64_t total = 0;
    for (int i = 0; i < FUPIN_FILE_COUNT; i++)
        total += x.f[i].len;
    for (int one = 0; one <= 1; one++) {
        struct progress_log log;
        memset(&log, 0, sizeof log);
        log.caller = pthread_self();
        struct fupin_load_options o = {FUPIN_LOAD_STRICT, FUPIN_ENCODING_UTF8, on_progress, &log};
        fupin_dataset *d = NULL;
        FUPIN_OK_OR_FAIL(load_with(&x, NULL, &o, one, &d));
        assert_false(log.other_thread);
        if (!(log.n >= 2 && log.n <= total / (4u << 20) + 1))
            fail_msg("%zu progress reports for %llu bytes", log.n, (unsigned long long)total);
        assert_int_equal(log.total, total);
        for (size_t i = 1; i < log.n; i++)
            assert_true(log.done[i] > log.done[i - 1]);
        for (size_t i = 0; i + 1 < log.n; i++)
            assert_true(log.done[i] >= (uint64_t)(i + 1) * (4u << 20));
        assert_int_equal(log.done[log.n - 1], total);
        assert_int_equal(d->n_households, 150000);
        fupin_dataset_free(d);
    }
    drop(&x);
}

/* What the second thread allocated is freed with the dataset (or the failed load),
 * and counted as this thread's. */
static void test_the_second_readers_memory_is_freed_with_the_dataset(void **state)
{
    (void)state;
    struct ds x;
    make(&x, 500, 20, 9);
    for (uint32_t mode = 0; mode <= FUPIN_LOAD_LENIENT; mode++) {
        long live = fupin__test_alloc_live();
        fupin_dataset *d = NULL;
        int rc = load(&x, NULL, mode, 0, &d);
        assert_int_equal(rc, mode ? 0 : FUPIN_EPARSE);
        fupin_dataset_free(d);
        assert_int_equal(fupin__test_alloc_live(), live);
    }
    drop(&x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_two_readers_find_what_one_reader_finds_lenient),
        cmocka_unit_test(test_two_readers_stop_at_the_same_first_error_strict),
        cmocka_unit_test(test_an_earlier_error_beats_a_broken_incomes_header),
        cmocka_unit_test(test_a_broken_members_header_is_the_error_in_both_modes),
        cmocka_unit_test(test_what_is_read_ahead_is_said_where_the_load_reaches_it),
        cmocka_unit_test(test_progress_of_both_readers_is_said_on_the_callers_thread),
        cmocka_unit_test(test_the_second_readers_memory_is_freed_with_the_dataset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
