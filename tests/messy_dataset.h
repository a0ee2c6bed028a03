/* Tests: a generated dataset, clean or messy, held in memory, loaded from memory, and
 * the comparison of two loads of it, and a folder changed while it is read
 * (test_load_threads.c, test_stream.c, test_split.c, test_load_lines.c). */
#ifndef FUPIN_TEST_MESSY_DATASET_H
#define FUPIN_TEST_MESSY_DATASET_H

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

#include "csv_headers.h"

struct ds {
    struct fupin__buf f[FUPIN_FILE_COUNT];
};

static inline uint32_t next(uint32_t *s)
{
    *s = *s * 1103515245u + 12345u;
    return *s >> 8;
}

/* n households in 3 villages; with bad != 0, about one record in `bad` of members,
 * incomes and events is wrong in one of several ways (a bad value, a duplicate, an
 * unknown or spaced household, a short or long record, a stray quote). */
static inline void make(struct ds *x, size_t n, unsigned bad, uint32_t seed)
{
    for (int i = 0; i < FUPIN_FILE_COUNT; i++)
        fupin__buf_init(&x->f[i]);
    fupin__buf_adds(&x->f[0], VH "520102001001,a,west,1200,1,1,1,1,1,50000\n"
                                 "520102001002,b,east,900,0,1,1,1,1,\n"
                                 "520102001003,c,central,,0,,,,,\n");
    fupin__buf_adds(&x->f[1], HH);
    fupin__buf_adds(&x->f[2], MH);
    fupin__buf_adds(&x->f[3], IH);
    fupin__buf_adds(&x->f[4], EH);
    for (size_t h = 0; h < n; h++) {
        fupin__buf_addf(&x->f[1], "H%zu,52010200100%zu,,,,,none,A,1,1,60,10,95,1\n", h, 1 + h % 3);
        for (int m = 1; m <= 3; m++) {
            unsigned k = bad ? next(&seed) % bad : 1;
            const char *sex = k == 0 ? "X" : "F";
            const char *hid = k == 2 ? " " : "";
            fupin__buf_addf(&x->f[2], "H%zu%s,m%d,19%02u-0%u,%s,,completed,0,1,healthy,full%s\n", h,
                            hid, k == 3 ? 1 : m, 50 + next(&seed) % 50, 1 + next(&seed) % 9, sex,
                            k == 4 ? ",x" : "");
        }
        for (int y = 2022; y <= 2024; y++) {
            unsigned k = bad ? next(&seed) % bad : 1;
            fupin__buf_addf(&x->f[3], "H%zu,%d,%u%s,100,0,%s,0,,\n", k == 5 ? h + n : h,
                            k == 0 ? y - 1 : y, next(&seed) % 20000, k == 2 ? "x" : "",
                            k == 3 ? "\"1\"2" : "300");
        }
        if (h % 7 == 0) {
            unsigned k = bad ? next(&seed) % bad : 1;
            fupin__buf_addf(&x->f[4], "H%zu,2024,%s,500\n", h, k == 0 ? "storm" : "job_loss");
        }
    }
    for (int i = 0; i < FUPIN_FILE_COUNT; i++)
        assert_false(x->f[i].failed);
}

/* File f of x replaced by text (a hand-written file in a generated dataset). */
static inline void set(struct ds *x, int f, const char *text)
{
    fupin__buf_free(&x->f[f]);
    fupin__buf_init(&x->f[f]);
    fupin__buf_adds(&x->f[f], text);
    assert_false(x->f[f].failed);
}

static inline void drop(struct ds *x)
{
    for (int i = 0; i < FUPIN_FILE_COUNT; i++)
        fupin__buf_free(&x->f[i]);
}

/* Load x with options o (absent: files left out, or NULL); one_thread: the reference,
 * one file after the other. */
static inline int load_with(const struct ds *x, const int absent[FUPIN_FILE_COUNT],
                            const struct fupin_load_options *o, int one_thread, fupin_dataset **d)
{
    const char *data[FUPIN_FILE_COUNT];
    size_t len[FUPIN_FILE_COUNT];
    for (int i = 0; i < FUPIN_FILE_COUNT; i++) {
        data[i] = absent && absent[i] ? NULL : x->f[i].data;
        len[i] = x->f[i].len;
    }
    if (one_thread)
        fupin__test_fail_alloc_at(LONG_MAX); /* armed, never reached */
    int rc = fupin__dataset_load_memory_with(d, data, len, o);
    fupin__test_fail_alloc_at(0);
    return rc;
}

/* x loaded streamed in pieces of `window` bytes (0: whole), households.csv split (1),
 * not (-1) or as its size says (0), the split looked for at `at` (0: the middle);
 * one_thread as load_with. The outcome's message in msg. */
static inline int load_pieces(const struct ds *x, uint32_t flags, int split, uint64_t at,
                              size_t window, int one_thread, fupin_dataset **d, char *msg,
                              size_t msg_n)
{
    struct fupin_load_options o = {flags, FUPIN_ENCODING_UTF8, NULL, NULL};
    fupin__ld_test_window = window;
    fupin__ld_test_split = split;
    fupin__ld_test_split_at = at;
    int rc = load_with(x, NULL, &o, one_thread, d);
    fupin__ld_test_window = 0;
    fupin__ld_test_split = 0;
    fupin__ld_test_split_at = 0;
    snprintf(msg, msg_n, "%s", rc ? fupin_last_error() : "");
    return rc;
}

static inline void assert_same_dataset(const fupin_dataset *a, const fupin_dataset *b)
{
    assert_int_equal(a->n_problems, b->n_problems);
    for (size_t i = 0; i < a->n_problems; i++)
        assert_string_equal(a->problems[i], b->problems[i]);
    assert_int_equal(a->n_notices, b->n_notices);
    for (size_t i = 0; i < a->n_notices; i++)
        assert_string_equal(a->notices[i], b->notices[i]);
    for (int f = 0; f < FUPIN_FILE_COUNT; f++) {
        assert_int_equal(a->read[f], b->read[f]);
        assert_int_equal(a->loaded[f], b->loaded[f]);
        assert_int_equal(a->skipped[f], b->skipped[f]);
    }
    assert_int_equal(a->latest_year, b->latest_year);
    assert_int_equal(a->n_villages, b->n_villages);
    for (size_t i = 0; i < a->n_villages; i++) {
        assert_string_equal(a->villages[i].code, b->villages[i].code);
        assert_string_equal(a->villages[i].name ? a->villages[i].name : "",
                            b->villages[i].name ? b->villages[i].name : "");
        assert_int_equal(a->villages[i].n_households, b->villages[i].n_households);
    }
    assert_int_equal(a->n_households, b->n_households);
    for (size_t i = 0; i < a->n_households; i++) {
        const struct fupin_household *p = &a->households[i], *q = &b->households[i];
        assert_string_equal(p->id, q->id);
        assert_int_equal(p->incomplete, q->incomplete);
        assert_int_equal(p->n_members, q->n_members);
        for (size_t j = 0; j < p->n_members; j++) {
            assert_string_equal(p->members[j].id, q->members[j].id);
            /* field by field: a date has a byte of padding */
            assert_int_equal(p->members[j].birth.y, q->members[j].birth.y);
            assert_int_equal(p->members[j].birth.m, q->members[j].birth.m);
            assert_int_equal(p->members[j].birth.d, q->members[j].birth.d);
            assert_int_equal(p->members[j].birth.prec, q->members[j].birth.prec);
        }
        assert_int_equal(p->n_incomes, q->n_incomes);
        for (size_t j = 0; j < p->n_incomes; j++) {
            assert_int_equal(p->incomes[j].year, q->incomes[j].year);
            assert_int_equal(p->incomes[j].skipped, q->incomes[j].skipped);
            assert_int_equal(fupin__income_amount(&p->incomes[j], FUPIN__INC_WAGE),
                             fupin__income_amount(&q->incomes[j], FUPIN__INC_WAGE));
        }
        assert_int_equal(p->n_events, q->n_events);
        for (size_t j = 0; j < p->n_events; j++) {
            assert_int_equal(p->events[j].kind, q->events[j].kind);
            assert_int_equal(p->events[j].year, q->events[j].year);
        }
    }
}

/* What a load's progress callback (on_progress) was told: the first 64 reports, their
 * count, the total, and whether any came on another thread than `caller`. */
struct progress_log {
    pthread_t caller;
    int other_thread;
    uint64_t done[64], total;
    size_t n;
};

static inline void on_progress(void *ctx, uint64_t done, uint64_t total)
{
    struct progress_log *p = ctx;
    if (!pthread_equal(pthread_self(), p->caller))
        p->other_thread = 1;
    if (p->n < 64)
        p->done[p->n] = done;
    p->total = total;
    p->n++;
}

/* A lenient load of x from memory with its k-th allocation failing, for k = 1, 2, ...
 * until one succeeds: each failure is FUPIN_ENOMEM and leaks nothing, and the load
 * that succeeds equals `expect` when given. The allocations that failed (more than 20:
 * the failures did reach the load). The caller sets how it is read (test hooks). */
static inline void expect_every_allocation_failure_met(const struct ds *x,
                                                       const fupin_dataset *expect)
{
    const char *data[FUPIN_FILE_COUNT];
    size_t len[FUPIN_FILE_COUNT];
    for (int f = 0; f < FUPIN_FILE_COUNT; f++) {
        data[f] = x->f[f].data;
        len[f] = x->f[f].len;
    }
    int rc = FUPIN_ENOMEM;
    long k;
    for (k = 1; rc == FUPIN_ENOMEM && k < 100000; k++) {
        long live = fupin__test_alloc_live();
        fupin_dataset *d = NULL;
        fupin__test_fail_alloc_at(k);
        rc = fupin__dataset_load_memory(&d, data, len, FUPIN_LOAD_LENIENT);
        fupin__test_fail_alloc_at(0);
        if (rc == 0 && expect)
            assert_same_dataset(d, expect);
        else if (rc)
            assert_int_equal(rc, FUPIN_ENOMEM);
        fupin_dataset_free(d);
        assert_int_equal(fupin__test_alloc_live(), live);
    }
    assert_int_equal(rc, 0);
    assert_true(k > 20);
}

/* ------------------------------------------------------------ a file changed while read */

/* The folder written by expect_changed_households_refused and how its households.csv
 * is changed: one per test program (a function's static, so that programs that do not
 * use it hold no unused variable). */
struct changed_folder {
    char dir[64];
    int kind; /* 0 a line more, 1 a line less, 2 the same bytes written again */
};

static inline struct changed_folder *changed_folder(void)
{
    static struct changed_folder c;
    return &c;
}

static inline void changed_path(char *out, size_t n, int file)
{
    snprintf(out, n, "%s/%s", changed_folder()->dir, fupin__dataset_file_names[file]);
}

/* fupin__ld_test_between: households.csv changed after its count, before its parse
 * (kind 2 moves its modification time only, as a write of the same bytes would). */
static inline void change_households(int file)
{
    if (file != FUPIN_FILE_HOUSEHOLDS)
        return;
    char p[128];
    changed_path(p, sizeof p, file);
    struct stat st;
    assert_int_equal(stat(p, &st), 0);
    if (changed_folder()->kind == 0) {
        FILE *fp = fopen(p, "ab");
        assert_non_null(fp);
        fputs("H999,520102001001,,,,,none,A,1,1,60,10,95,1\n", fp);
        fclose(fp);
    } else if (changed_folder()->kind == 1) {
        assert_int_equal(truncate(p, st.st_size - 10), 0);
    } else {
        struct timespec t[2] = {st.st_atim, st.st_mtim};
        t[1].tv_sec -= 100;
        assert_int_equal(utimensat(AT_FDCWD, p, t, 0), 0);
    }
}

/* A folder (made from tmpl, for mkdtemp) whose households.csv is changed between its
 * count and its parse in each of the three ways: refused with FUPIN_EIO and what
 * happened, where the unchanged folder loads. after_load, when not NULL, is called
 * after that first load (a test checks how it was read). */
static inline void expect_changed_households_refused(const char *tmpl, void (*after_load)(void))
{
    static const char *const want[] = {"households.csv: the file grew while it was read",
                                       "households.csv: the file shrank while it was read",
                                       "households.csv: the file was written while it was read"};
    struct changed_folder *c = changed_folder();
    for (c->kind = 0; c->kind < 3; c->kind++) {
        struct ds x;
        make(&x, 30, 0, 4);
        snprintf(c->dir, sizeof c->dir, "%s", tmpl);
        assert_non_null(tu_mkdtemp(c->dir));
        for (int f = 0; f < FUPIN_FILE_COUNT; f++) {
            char p[128];
            changed_path(p, sizeof p, f);
            FILE *fp = fopen(p, "wb");
            assert_non_null(fp);
            assert_int_equal(fwrite(x.f[f].data, 1, x.f[f].len, fp), x.f[f].len);
            fclose(fp);
        }
        fupin_dataset *d = NULL;
        FUPIN_OK_OR_FAIL(fupin_dataset_load(&d, c->dir, FUPIN_LOAD_STRICT));
        if (after_load)
            after_load();
        assert_int_equal(d->n_households, 30);
        fupin_dataset_free(d);
        fupin__ld_test_between = change_households;
        int rc = fupin_dataset_load(&d, c->dir, FUPIN_LOAD_LENIENT);
        fupin__ld_test_between = NULL;
        assert_int_equal(rc, FUPIN_EIO);
        assert_null(d);
        if (!strstr(fupin_last_error(), want[c->kind]))
            fail_msg("change %d: \"%s\"", c->kind, fupin_last_error());
        for (int f = 0; f < FUPIN_FILE_COUNT; f++) {
            char p[128];
            changed_path(p, sizeof p, f);
            unlink(p);
        }
        rmdir(c->dir);
        drop(&x);
    }
}

#endif
