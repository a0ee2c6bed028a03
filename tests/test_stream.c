/* Dataset files in UTF-8 are read in pieces (lib/io/dataset_read.c, "streams"; issue
 * 15): households.csv and events.csv twice, counted then parsed; members.csv and
 * incomes.csv once, their pools grown from an estimate and each piece checked as
 * UTF-8 as it is read. A record cut at any place by the end of a piece, a character
 * cut in its bytes, a CR whose LF is in the next piece, a bad byte anywhere: the load
 * must give exactly what reading the file whole gives. A file written between or
 * during the two reads is refused, never read past the pools sized from its count.
 * fupin__ld_test_window makes the pieces tiny and streams memory sources too; with
 * it at 0 a memory source is read whole, the reference here. */
#define _DEFAULT_SOURCE /* mkdtemp, utimensat */
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

/* x read in pieces of every size from 8 to last bytes, and of the default size, gives
 * what x read whole gives, strict and lenient, on one thread and on several. */
static void assert_pieces_read_as_whole(const struct ds *x, size_t last)
{
    for (uint32_t mode = 0; mode <= FUPIN_LOAD_LENIENT; mode++) {
        char whole_msg[1024], msg[1024];
        fupin_dataset *whole = NULL;
        int rc_whole = load_pieces(x, mode, 0, 0, 0, 1, &whole, whole_msg, sizeof whole_msg);
        for (size_t w = 8; w <= last + 1; w++) {
            size_t window = w == last + 1 ? SIZE_MAX : w; /* SIZE_MAX: the default pieces */
            fupin_dataset *d = NULL;
            int rc = load_pieces(x, mode, 0, 0, window == SIZE_MAX ? 1u << 20 : window,
                                 (int)(w & 1), &d, msg, sizeof msg);
            if (rc != rc_whole || strcmp(msg, whole_msg) != 0)
                fail_msg("pieces of %zu bytes, mode %u: %d \"%s\", whole: %d \"%s\"", window, mode,
                         rc, msg, rc_whole, whole_msg);
            if (d)
                assert_same_dataset(d, whole);
            fupin_dataset_free(d);
        }
        fupin_dataset_free(whole);
    }
}

/* Every kind of line end, quoted line ends and doubled quotes, a byte-order mark,
 * names in Chinese (three bytes a character), empty lines, a spaced id, a last
 * record without its line end, a lone CR at the very end. */
static void test_records_cut_anywhere_read_as_whole(void **state)
{
    (void)state;
    struct ds x;
    make(&x, 0, 0, 1);
    set(&x, FUPIN_FILE_VILLAGES,
        "\xEF\xBB\xBF"
        "village_code,name,region,population,water_scarce,paved_road,electricity,clinic,"
        "broadband,collective_income\r\n"
        "520102001001,\"\xE5\xBC\xA0\xE5\xAE\xB6\"\"\xE6\x9D\x91\"\"\r\n\xE4\xB8\x9C\",west,1200,"
        "1,1,1,1,1,50000\r\n"
        "\r\n"
        "520102001002,\xE6\x9D\x8E\xE6\x9D\x91,east,900,0,1,1,1,1,\r"
        "520102001003,\"c\rd\",central,,0,,,,,");
    set(&x, FUPIN_FILE_HOUSEHOLDS,
        HH "H1,520102001001,2016,,,,none,A,1,1,60,10,95,1\r\n"
           "H2,520102001002,2016,,,,none,A,1,1,60,10,95,1\n\n\n"
           "H3,520102001003,,,,,none,A,1,1,60,10,95,1\r"
           " H4,520102001003,,,,,none,A,1,1,60,10,95,1\n"
           "H5,520102001001,,,,,none,A,\"1\"\"\",1,60,10,95,1\r\n"
           "H6,520102001002,,,,,none,A,1,1,60,10,95,1\r");
    set(&x, FUPIN_FILE_MEMBERS,
        MH "H1,m1,1980-05,M,,completed,0,1,healthy,full\r\n"
           "H1,\"\xE5\xBC\xA0\xE4\xB8\x89\",1982,F,,completed,0,1,healthy,full\n"
           "H2,m1,1950,F,,none,0,1,chronic,none\r"
           "H3,m1,2012-09-01,M,,enrolled,0,1,healthy,none\r\n"
           "H4,m1,1990,M,,completed,0,1,healthy,full\n"
           "H6,m1,1990,X,,completed,0,1,healthy,full\n"
           "H6,m2,1991,F,,completed,0,1,healthy,full");
    set(&x, FUPIN_FILE_INCOMES,
        IH "H1,2023,12000.50,3000,0,500,,,\r\n"
           "H1,2024,13000,3000,0,500,,,\r"
           "H2,2024,\"4,000\",0,0,9000,0,1200,\n"
           "H3,2024,800,x,0,0,0,,\n"
           "H6,2024,8000,0,0,0,0,,\r\n");
    set(&x, FUPIN_FILE_EVENTS, EH "H1,2024,major_illness,20000\r\nH2,2024,storm,1\r");
    assert_pieces_read_as_whole(&x, 120);
    drop(&x);
}

/* A messy generated dataset (bad values, duplicates, unknown and spaced households,
 * short and long records, stray quotes) in pieces of every size up to 64 bytes. */
static void test_messy_files_in_small_pieces_read_as_whole(void **state)
{
    (void)state;
    struct ds x;
    make(&x, 300, 12, 11);
    assert_pieces_read_as_whole(&x, 64);
    drop(&x);
}

/* A file that is not UTF-8 is read whole after its count: the message names its line
 * and column as before, and a GB18030 load still converts it. */
static void test_text_not_in_utf8_is_named_as_when_read_whole(void **state)
{
    (void)state;
    struct ds x;
    make(&x, 40, 0, 2);
    memcpy(strstr(x.f[FUPIN_FILE_MEMBERS].data, ",m2,") + 1, "\xd5\xc5", 2); /* GBK 张 */
    char whole[1024], msg[1024];
    fupin_dataset *d = NULL;
    assert_int_equal(load_pieces(&x, FUPIN_LOAD_LENIENT, 0, 0, 0, 0, &d, whole, sizeof whole),
                     FUPIN_EPARSE);
    assert_non_null(strstr(whole, "members.csv:3: column member_id: not UTF-8 text"));
    for (size_t w = 8; w <= 40; w += 3) {
        assert_int_equal(
            load_pieces(&x, FUPIN_LOAD_LENIENT, 0, 0, w, (int)(w & 1), &d, msg, sizeof msg),
            FUPIN_EPARSE);
        assert_string_equal(msg, whole);
    }
    drop(&x);
}

/* Absent and empty files, required or optional, each read as a stream (on the caller's
 * thread, or counted ahead on another): the same error, or the same notices, as when
 * read whole. */
static void test_absent_and_empty_files_are_said_as_when_read_whole(void **state)
{
    (void)state;
    for (int f = 0; f < FUPIN_FILE_COUNT; f++) {
        for (int empty = 0; empty <= 1; empty++) {
            struct ds x;
            make(&x, 20, 0, 6);
            const char *data[FUPIN_FILE_COUNT];
            size_t len[FUPIN_FILE_COUNT];
            for (int i = 0; i < FUPIN_FILE_COUNT; i++) {
                data[i] = x.f[i].data;
                len[i] = x.f[i].len;
            }
            data[f] = empty ? "\n\r\n" : NULL;
            len[f] = empty ? 3 : 0;
            char whole[1024] = "";
            fupin_dataset *dw = NULL;
            int rc_whole = fupin__dataset_load_memory(&dw, data, len, FUPIN_LOAD_LENIENT);
            if (rc_whole)
                snprintf(whole, sizeof whole, "%s", fupin_last_error());
            for (size_t w = 8; w <= 64; w += 56) {
                for (int one = 0; one <= 1; one++) {
                    fupin_dataset *d = NULL;
                    fupin__ld_test_window = w;
                    if (one)
                        fupin__test_fail_alloc_at(LONG_MAX); /* one thread */
                    int rc = fupin__dataset_load_memory(&d, data, len, FUPIN_LOAD_LENIENT);
                    fupin__test_fail_alloc_at(0);
                    fupin__ld_test_window = 0;
                    assert_int_equal(rc, rc_whole);
                    if (rc)
                        assert_string_equal(fupin_last_error(), whole);
                    else
                        assert_same_dataset(d, dw);
                    fupin_dataset_free(d);
                }
            }
            /* what a user reads: a required file is named, an optional one noticed */
            if (f <= FUPIN_FILE_MEMBERS)
                assert_non_null(strstr(whole, fupin__dataset_file_names[f]));
            else
                assert_non_null(strstr(dw->notices[0], empty ? "empty" : "not present"));
            fupin_dataset_free(dw);
            drop(&x);
        }
    }
}

/* ------------------------------------------------------------ files that change */

static struct ds *between_x;
static int between_file;

/* after the count: more line ends in the same bytes (a program rewriting the file),
 * after the header */
static void add_line_ends(int file)
{
    if (file != between_file)
        return;
    struct fupin__buf *b = &between_x->f[file];
    for (size_t i = (size_t)(strchr(b->data, '\n') - b->data); i < b->len; i++)
        if (b->data[i] == ',')
            b->data[i] = '\n';
}

/* However the bytes change after the count, no more records are taken than the pools
 * were sized for: the load is refused. households.csv only: members.csv and incomes.csv
 * are not counted (read once, their pools grow), so nothing can be written between
 * their count and their parse. */
static void test_more_records_than_counted_are_refused(void **state)
{
    (void)state;
    for (int f = FUPIN_FILE_HOUSEHOLDS; f <= FUPIN_FILE_HOUSEHOLDS; f++) {
        struct ds x;
        make(&x, 60, 0, 3);
        between_x = &x;
        between_file = f;
        fupin__ld_test_between = add_line_ends;
        char msg[1024];
        fupin_dataset *d = (fupin_dataset *)1;
        int rc = load_pieces(&x, FUPIN_LOAD_LENIENT, 0, 0, 64, 0, &d, msg, sizeof msg);
        fupin__ld_test_between = NULL;
        assert_int_equal(rc, FUPIN_EIO);
        assert_null(d);
        char want[200];
        snprintf(want, sizeof want,
                 "%s: the file was written while it was read: load it again when nothing is "
                 "writing it",
                 fupin__dataset_file_names[f]);
        assert_string_equal(msg, want);
        drop(&x);
    }
}

/* A dataset folder whose households.csv is changed between its count and its parse:
 * refused with what happened, as a whole read refuses a file that shrank or grew. */
static void test_a_file_changed_between_count_and_parse_is_refused(void **state)
{
    (void)state;
    expect_changed_households_refused("/tmp/fupin-stream-XXXXXX", NULL);
}

/* Every allocation of a streamed load may fail: the load then says so and leaks
 * nothing (the pieces' buffers included). */
static void test_a_streamed_load_survives_every_failed_allocation(void **state)
{
    (void)state;
    struct ds x;
    make(&x, 20, 6, 5);
    fupin__ld_test_window = 16;
    expect_every_allocation_failure_met(&x, NULL);
    fupin__ld_test_window = 0;
    drop(&x);
}

/* Progress of a streamed load: the same reports at the same bytes as a whole read. */
static void test_progress_is_reported_as_when_read_whole(void **state)
{
    (void)state;
    struct ds x;
    make(&x, 60000, 0, 3); /* about 10 MB */
    struct progress_log log[2];
    for (int streamed = 0; streamed <= 1; streamed++) {
        memset(&log[streamed], 0, sizeof log[streamed]);
        log[streamed].caller = pthread_self();
        struct fupin_load_options o = {FUPIN_LOAD_STRICT, FUPIN_ENCODING_UTF8, on_progress,
                                       &log[streamed]};
        fupin_dataset *d = NULL;
        fupin__ld_test_window = streamed ? 4096 : 0;
        int rc = load_with(&x, NULL, &o, 1, &d);
        fupin__ld_test_window = 0;
        FUPIN_OK_OR_FAIL(rc);
        fupin_dataset_free(d);
    }
    assert_true(log[0].n >= 3);
    assert_int_equal(log[1].n, log[0].n);
    assert_int_equal(log[1].total, log[0].total);
    for (size_t i = 0; i < log[0].n && i < 64; i++)
        assert_int_equal(log[1].done[i], log[0].done[i]);
    drop(&x);
}

/* The line count that sizes the pools, against a count byte by byte: random text of
 * line ends and letters, lengths across the counter's blocks of 2040 bytes, and text
 * of nothing but line ends (every byte lane full). */
static void test_lines_are_counted_as_byte_by_byte(void **state)
{
    (void)state;
    static char buf[9000];
    uint32_t seed = 17;
    for (int t = 0; t < 3000; t++) {
        size_t n = t < 16 ? (size_t)t * 559 % sizeof buf : next(&seed) % sizeof buf;
        int dense = t % 5 == 0;
        for (size_t i = 0; i < n; i++) {
            uint32_t r = next(&seed) % 8;
            buf[i] = dense ? (r < 6 ? '\n' : '\r') : r == 0 ? '\n' : r == 1 ? '\r' : 'a';
        }
        size_t want = 1;
        for (size_t i = 0; i < n; i++)
            want += buf[i] == '\n' || (buf[i] == '\r' && (i + 1 == n || buf[i + 1] != '\n'));
        if (fupin__ld_count_lines(buf, n) != want)
            fail_msg("%zu bytes: %zu lines counted, %zu by bytes", n, fupin__ld_count_lines(buf, n),
                     want);
    }
    memset(buf, '\n', sizeof buf);
    assert_int_equal(fupin__ld_count_lines(buf, sizeof buf), sizeof buf + 1);
}

/* A stream's count, piece by piece, against the count and the UTF-8 check of the
 * whole text: line ends and characters of two to four bytes cut by the pieces' ends
 * (a CR at the end of one piece and its LF, or not, in the next), and a bad byte. */
static void test_a_stream_is_counted_as_the_whole_text(void **state)
{
    (void)state;
    static const char *const bits[] = {
        "\r", "\n", "\r\n", "ab", "\xC3\xA9", "\xE5\xBC\xA0", "\xF0\x9F\x98\x80", ","};
    static char buf[600];
    uint32_t seed = 5;
    for (int t = 0; t < 400; t++) {
        size_t n = 0, want_n = next(&seed) % 500;
        while (n < want_n) {
            const char *b = bits[next(&seed) % 8];
            memcpy(buf + n, b, strlen(b));
            n += strlen(b);
        }
        if (t % 7 == 0 && n)
            buf[next(&seed) % n] = '\xFF'; /* not UTF-8 anywhere */
        int whole_utf8 = fupin__utf8_invalid(buf, n) == SIZE_MAX;
        for (size_t w = 8; w <= 24; w++) {
            struct fupin__stream s;
            fupin__stream_memory(&s, buf, n, "members.csv");
            size_t lines = 0;
            int utf8 = -1;
            fupin__ld_test_window = w;
            int rc = fupin__ld_stream_count(&s, &lines, &utf8);
            fupin__ld_test_window = 0;
            FUPIN_OK_OR_FAIL(rc);
            if (lines != fupin__ld_count_lines(buf, n) || utf8 != whole_utf8)
                fail_msg("%zu bytes in pieces of %zu: %zu lines (%zu), UTF-8 %d (%d)", n, w, lines,
                         fupin__ld_count_lines(buf, n), utf8, whole_utf8);
        }
    }
}

/* The same on long texts, whose pieces the count takes sixteen bytes at a time (issue
 * 15): ASCII with a CR, a character of two to four bytes or a bad byte put at random
 * places (inside a block of sixteen, in a piece's last bytes, across two pieces), and
 * pieces of nothing but LFs, more than a byte lane of the count can hold. */
static void test_long_pieces_are_counted_as_the_whole_text(void **state)
{
    (void)state;
    static const char *const odd[] = {
        "\r", "\r\n", "\xC3\xA9", "\xE5\xBC\xA0", "\xF0\x9F\x98\x80", "\xFF", "\xE5\xBC"};
    static const size_t windows[] = {16, 17, 31, 64, 4080, 4096, 4097, 9000, 20000};
    static char buf[12000];
    uint32_t seed = 23;
    for (int t = 0; t < 300; t++) {
        size_t n = 1000 + next(&seed) % (sizeof buf - 1000);
        int dense = t % 10 == 0;
        for (size_t i = 0; i < n; i++)
            buf[i] = dense ? '\n' : next(&seed) % 50 == 0 ? '\n' : (char)('0' + next(&seed) % 10);
        for (int k = t % 4; k > 0; k--) {
            const char *o = odd[next(&seed) % 7];
            size_t at = next(&seed) % (n - 4);
            memcpy(buf + at, o, strlen(o));
        }
        int whole_utf8 = fupin__utf8_invalid(buf, n) == SIZE_MAX;
        for (size_t w = 0; w < sizeof windows / sizeof windows[0]; w++) {
            struct fupin__stream s;
            fupin__stream_memory(&s, buf, n, "members.csv");
            size_t lines = 0;
            int utf8 = -1;
            fupin__ld_test_window = windows[w];
            int rc = fupin__ld_stream_count(&s, &lines, &utf8);
            fupin__ld_test_window = 0;
            FUPIN_OK_OR_FAIL(rc);
            if (lines != fupin__ld_count_lines(buf, n) || utf8 != whole_utf8)
                fail_msg("%zu bytes in pieces of %zu: %zu lines (%zu), UTF-8 %d (%d)", n,
                         windows[w], lines, fupin__ld_count_lines(buf, n), utf8, whole_utf8);
        }
    }
}

/* ------------------------------------------------------------ files read once */

/* x read in pieces of some sizes with the pools of members.csv and incomes.csv started
 * at `estimate` records, gives what x read whole gives, strict and lenient. */
static void assert_grown_as_whole(const struct ds *x, size_t estimate)
{
    static const size_t windows[] = {8, 13, 64, 4096, 1u << 20};
    for (uint32_t mode = 0; mode <= FUPIN_LOAD_LENIENT; mode++) {
        char whole_msg[1024], msg[1024];
        fupin_dataset *whole = NULL;
        int rc_whole = load_pieces(x, mode, 0, 0, 0, 1, &whole, whole_msg, sizeof whole_msg);
        for (size_t w = 0; w < sizeof windows / sizeof *windows; w++) {
            fupin_dataset *d = NULL;
            fupin__ld_test_estimate = estimate;
            int rc = load_pieces(x, mode, 0, 0, windows[w], (int)(w & 1), &d, msg, sizeof msg);
            fupin__ld_test_estimate = 0;
            if (rc != rc_whole || strcmp(msg, whole_msg) != 0)
                fail_msg("estimate %zu, pieces of %zu, mode %u: %d \"%s\", whole: %d \"%s\"",
                         estimate, windows[w], mode, rc, msg, rc_whole, whole_msg);
            if (d)
                assert_same_dataset(d, whole);
            fupin_dataset_free(d);
        }
        fupin_dataset_free(whole);
    }
}

/* A household of more members than the chain search takes (idtab.c, BIG_HOUSEHOLD:
 * 32), in one run and then again after others (its members become chains), with
 * duplicate ids before and after the pools grow: the table of its members is made
 * again for the grown pools and still finds them. 200 members: more than the 128 slots
 * of the table first made for 32, which would fill (and its probes never end). */
static void big_household(struct ds *x, int bad)
{
    make(x, 20, 0, 9);
    struct fupin__buf *b = &x->f[FUPIN_FILE_MEMBERS];
    fupin__buf_free(b);
    fupin__buf_init(b);
    fupin__buf_adds(b, MH);
    /* not the first household: its index seeds the hash of its members' ids */
    for (int m = 1; m <= 40; m++)
        fupin__buf_addf(b, "H5,m%d,1980,F,,completed,0,1,healthy,full\n", m);
    fupin__buf_adds(b, "H5,m7,1981,F,,completed,0,1,healthy,full\n");
    for (int h = 0; h < 20; h++)
        for (int m = 1; m <= 2 && h != 5; m++)
            fupin__buf_addf(b, "H%d,m%d,1990,M,,completed,0,1,healthy,full\n", h, m);
    for (int m = 41; m <= 200; m++)
        fupin__buf_addf(b, "H5,m%d,1980,F,,completed,0,1,healthy,full\n", m);
    fupin__buf_adds(b, "H5,m5,1982,F,,completed,0,1,healthy,full\n"
                       "H5,m77,1982,F,,completed,0,1,healthy,full\n"
                       "H3,m2,1982,F,,completed,0,1,healthy,full\n");
    if (bad)
        fupin__buf_adds(b, "H5,m91,1982,F,,completed,0,1,healthy,full,x\n");
    assert_false(b->failed);
}

/* Pools of members.csv and incomes.csv that grow many times (an estimate of one record
 * and up): the same dataset, problems and first error as when counted. */
static void test_pools_grown_from_an_estimate_read_as_whole(void **state)
{
    (void)state;
    struct ds x;
    make(&x, 200, 12, 11);
    for (size_t e = 1; e <= 5; e += 2)
        assert_grown_as_whole(&x, e);
    drop(&x);
    for (int bad = 0; bad <= 1; bad++) {
        big_household(&x, bad);
        assert_grown_as_whole(&x, 1);
        assert_grown_as_whole(&x, 33);
        drop(&x);
    }
    /* one record more than the estimate, and one less */
    make(&x, 10, 0, 2);
    assert_grown_as_whole(&x, 29);
    assert_grown_as_whole(&x, 31);
    drop(&x);
}

/* Every allocation of a load whose pools grow (and whose table of a large household's
 * members is made again) may fail: ENOMEM, nothing leaked. */
static void test_growing_pools_survive_every_failed_allocation(void **state)
{
    (void)state;
    struct ds x;
    big_household(&x, 0);
    fupin__ld_test_window = 64;
    fupin__ld_test_estimate = 1;
    expect_every_allocation_failure_met(&x, NULL);
    fupin__ld_test_estimate = 0;
    fupin__ld_test_window = 0;
    drop(&x);
}

/* x with `bytes` (len of them) written over file f at offset at (from its end when
 * negative). */
static void put_bytes(struct ds *x, int f, long at, const char *bytes, size_t len)
{
    struct fupin__buf *b = &x->f[f];
    size_t off = at < 0 ? b->len - (size_t)-at : (size_t)at;
    assert_true(off + len <= b->len);
    memcpy(b->data + off, bytes, len);
}

/* x in pieces of several sizes, strict and lenient, on one thread and on two: the
 * outcome and message of x read whole, which must be a failure naming the text not
 * UTF-8 (want: a part of it). */
static void assert_named_as_whole(const struct ds *x, const char *want)
{
    static const size_t windows[] = {8, 9, 10, 11, 16, 17, 33, 64, 100, 4096, 1u << 20};
    for (uint32_t mode = 0; mode <= FUPIN_LOAD_LENIENT; mode++) {
        char whole[1024], msg[1024];
        fupin_dataset *d = NULL;
        int rc_whole = load_pieces(x, mode, 0, 0, 0, 1, &d, whole, sizeof whole);
        assert_null(d);
        assert_int_not_equal(rc_whole, 0);
        if (!strstr(whole, want))
            fail_msg("mode %u: \"%s\", not \"%s\"", mode, whole, want);
        for (size_t w = 0; w < sizeof windows / sizeof *windows; w++) {
            for (int one = 0; one <= 1; one++) {
                int rc = load_pieces(x, mode, 0, 0, windows[w], one, &d, msg, sizeof msg);
                if (rc != rc_whole || strcmp(msg, whole) != 0)
                    fail_msg("pieces of %zu, mode %u: %d \"%s\", whole: %d \"%s\"", windows[w],
                             mode, rc, msg, rc_whole, whole);
                assert_null(d);
            }
        }
    }
}

/* A bad byte in members.csv or incomes.csv read once, in the first piece, a middle one,
 * a character cut across two pieces, the last byte: named as when read whole (line and
 * column), before any value of the file, whatever the parse found before it. */
static void test_a_bad_byte_read_once_is_named_as_when_read_whole(void **state)
{
    (void)state;
    static const struct {
        long at;
        const char *bytes;
    } bad[] = {
        {60, "\xFF"},           /* the first piece: the header */
        {700, "\xE5\xBC"},      /* a character without its last byte */
        {701, "\xC3\xA9\xA9"},  /* a continuation byte too many */
        {1201, "\xF0\x9F\x98"}, /* four bytes, three given, then a comma */
        {1302, "\xED\xA0\x80"}, /* a surrogate */
        {1501, "\xC0\xAF"},     /* an overlong slash */
        {900, "\xC3\x61\x62"},  /* a first byte, then ASCII (\x61: a) */
        {61, "\xC3\x61\x62"},   /* the same, ending the first piece of 64 bytes */
        {1100, "\xE5\x61"},     /* a first byte of three, then ASCII */
        {-1, "\xC3"},           /* the last byte starts a character */
        {-2, "\xA9"},           /* a lone continuation byte near the end */
    };
    for (int f = FUPIN_FILE_MEMBERS; f <= FUPIN_FILE_INCOMES; f++) {
        for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
            struct ds x;
            make(&x, 40, 0, 2);
            put_bytes(&x, f, bad[i].at, bad[i].bytes, strlen(bad[i].bytes));
            char want[64];
            snprintf(want, sizeof want, "%s:", fupin__dataset_file_names[f]);
            assert_named_as_whole(&x, want);
            /* a strict load with a bad value on line 2 and a missing household on line
             * 3: the bad byte is named all the same */
            put_bytes(&x, f, (long)(strchr(x.f[f].data, '\n') - x.f[f].data) + 1, "Hx", 2);
            put_bytes(&x, f, (long)(strchr(x.f[f].data, '\n') - x.f[f].data) + 6, "q", 1);
            assert_named_as_whole(&x, "not UTF-8");
            drop(&x);
        }
    }
}

/* A character cut by a piece's end whose next piece does not complete it (a
 * continuation byte, then ASCII where the third byte should be): the pieces' ends
 * fall wherever records were cut, so every place from 300 to 339 and every piece size
 * from 8 to 40 bytes puts the first byte at some piece's end. Named as when read whole. */
static void test_a_cut_character_completed_badly_is_named(void **state)
{
    (void)state;
    for (int f = FUPIN_FILE_MEMBERS; f <= FUPIN_FILE_INCOMES; f++) {
        for (long at = 300; at < 340; at++) {
            struct ds x;
            make(&x, 20, 0, 2);
            put_bytes(&x, f, at, "\xE5\xBC", 2);
            char whole[1024], msg[1024];
            fupin_dataset *d = NULL;
            int rc_whole = load_pieces(&x, 0, 0, 0, 0, 1, &d, whole, sizeof whole);
            assert_null(d);
            assert_non_null(strstr(whole, "not UTF-8"));
            for (size_t w = 8; w <= 40; w++) {
                int rc = load_pieces(&x, 0, 0, 0, w, 1, &d, msg, sizeof msg);
                if (rc != rc_whole || strcmp(msg, whole) != 0)
                    fail_msg("%s at %ld, pieces of %zu: %d \"%s\", whole: %d \"%s\"",
                             fupin__dataset_file_names[f], at, w, rc, msg, rc_whole, whole);
                assert_null(d);
            }
            drop(&x);
        }
    }
}

/* The parse of a file read once stops early (a header without a required column, an
 * allocation that fails) before a bad byte further on: the rest of the file is
 * checked, and the bad byte named, as when read whole. */
static void test_a_bad_byte_after_an_early_stop_is_named(void **state)
{
    (void)state;
    for (int f = FUPIN_FILE_MEMBERS; f <= FUPIN_FILE_INCOMES; f++) {
        struct ds x;
        make(&x, 60, 0, 4);
        put_bytes(&x, f, 0, "xousehold_id", 12);
        put_bytes(&x, f, -3, "\xE5\xBC", 2);
        assert_named_as_whole(&x, "not UTF-8");
        drop(&x);
    }
    /* households.csv in error, strict: its error stands, as before */
    struct ds x;
    make(&x, 60, 0, 4);
    put_bytes(&x, FUPIN_FILE_HOUSEHOLDS, (long)strlen(HH) + 4, "x", 1);
    put_bytes(&x, FUPIN_FILE_MEMBERS, -3, "\xFF", 1);
    char whole[1024], msg[1024];
    fupin_dataset *d = NULL;
    int rc_whole = load_pieces(&x, 0, 0, 0, 0, 1, &d, whole, sizeof whole);
    for (size_t w = 8; w <= 64; w += 7) {
        assert_int_equal(load_pieces(&x, 0, 0, 0, w, (int)(w & 1), &d, msg, sizeof msg), rc_whole);
        assert_string_equal(msg, whole);
    }
    drop(&x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_records_cut_anywhere_read_as_whole),
        cmocka_unit_test(test_messy_files_in_small_pieces_read_as_whole),
        cmocka_unit_test(test_text_not_in_utf8_is_named_as_when_read_whole),
        cmocka_unit_test(test_absent_and_empty_files_are_said_as_when_read_whole),
        cmocka_unit_test(test_more_records_than_counted_are_refused),
        cmocka_unit_test(test_a_file_changed_between_count_and_parse_is_refused),
        cmocka_unit_test(test_a_streamed_load_survives_every_failed_allocation),
        cmocka_unit_test(test_progress_is_reported_as_when_read_whole),
        cmocka_unit_test(test_lines_are_counted_as_byte_by_byte),
        cmocka_unit_test(test_a_stream_is_counted_as_the_whole_text),
        cmocka_unit_test(test_long_pieces_are_counted_as_the_whole_text),
        cmocka_unit_test(test_pools_grown_from_an_estimate_read_as_whole),
        cmocka_unit_test(test_growing_pools_survive_every_failed_allocation),
        cmocka_unit_test(test_a_bad_byte_read_once_is_named_as_when_read_whole),
        cmocka_unit_test(test_a_cut_character_completed_badly_is_named),
        cmocka_unit_test(test_a_bad_byte_after_an_early_stop_is_named),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
