/* The files after households.csv, in two threads (issue 15, speed), and read ahead
 * while households.csv is parsed (below, "reading ahead"). members.csv is parsed on
 * the calling thread while a second thread reads incomes.csv, then events.csv. Both
 * only read what villages.csv and households.csv built (the households' hash table
 * and the arena of their ids); each writes its own pools, problems and notices,
 * members.csv its ids to an arena of its own, and once its file is read each groups
 * its records, setting only its own fields of the household records (members' or
 * incomes' slices; members.csv also `incomplete`). Afterwards the two are merged as if the
 * files had been read one after the other: the same records, the same problems in
 * the same order, the same first error of a strict load (files are taken in order,
 * and a strict load stops at the first file with an error, so what the second thread
 * found is dropped when members.csv or its check ends the load). The progress
 * callback is only ever called on the caller's thread (fupin_progress_fn). */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "loader.h"

struct rest {
    struct loader B; /* the second reader: incomes.csv and events.csv */
    const struct fupin__dataset_source *src;
    int rc;         /* its first return code */
    char msg[1024]; /* and that error's message, from its thread */
    long live;      /* its allocations still live when it ended (alloc.c) */
    /* progress: bytes each reader has done, reported from the caller's thread */
    int sync; /* lock and changed are in use */
    pthread_mutex_t lock;
    pthread_cond_t changed;
    int finished, fresh;
    uint64_t a_done, b_done, reported;
    fupin_progress_fn user;
    void *user_ctx;
    uint64_t total;
};

/* incomes.csv, then events.csv, as the sequential load would read them */
static void read_incomes_events(struct rest *r)
{
    for (int f = FUPIN_FILE_INCOMES; f < FUPIN_FILE_COUNT; f++) {
        int rc = fupin__ld_load_file(&r->B, r->src, f);
        /* the incomes grouped here, while members.csv may still be read: their side
         * arrays go before the load's peak (a strict load with an error ends anyway) */
        if (!rc && f == FUPIN_FILE_INCOMES && (r->B.lenient || !r->B.have_err))
            rc = fupin__ld_build_incomes(&r->B);
        if (rc) {
            r->rc = rc;
            snprintf(r->msg, sizeof r->msg, "%s", fupin_last_error());
            return;
        }
        fupin__ld_release_after(&r->B, f);
        /* strict: nothing after an error in this file can come first */
        if (!r->B.lenient && r->B.have_err)
            return;
    }
}

static void *rest_thread(void *arg)
{
    struct rest *r = arg;
    read_incomes_events(r);
    r->live = fupin__test_alloc_live();
    if (r->sync) {
        pthread_mutex_lock(&r->lock);
        r->finished = 1;
        pthread_cond_signal(&r->changed);
        pthread_mutex_unlock(&r->lock);
    }
    return NULL;
}

/* ------------------------------------------------------------ progress */

/* On the caller's thread: both readers' bytes, at most every PROGRESS_STEP. */
static void progress_both(struct rest *r, uint64_t done)
{
    if (done > r->total)
        done = r->total;
    if (done < r->reported + FUPIN__LD_PROGRESS_STEP)
        return;
    r->reported = done;
    r->user(r->user_ctx, done, r->total);
}

/* members.csv's reader (the caller's thread) */
static void progress_a(void *ctx, uint64_t done, uint64_t total)
{
    struct rest *r = ctx;
    (void)total;
    pthread_mutex_lock(&r->lock);
    r->a_done = done;
    uint64_t both = r->a_done + r->b_done;
    r->fresh = 0;
    pthread_mutex_unlock(&r->lock);
    progress_both(r, both);
}

/* the second reader: only noted, for the caller's thread to report */
static void progress_b(void *ctx, uint64_t done, uint64_t total)
{
    struct rest *r = ctx;
    (void)total;
    pthread_mutex_lock(&r->lock);
    r->b_done = done;
    r->fresh = 1;
    pthread_cond_signal(&r->changed);
    pthread_mutex_unlock(&r->lock);
}

/* members.csv is read: report the second reader's progress until it ends. */
static void wait_reporting(struct rest *r)
{
    pthread_mutex_lock(&r->lock);
    while (!r->finished) {
        if (r->fresh) {
            r->fresh = 0;
            uint64_t both = r->a_done + r->b_done;
            pthread_mutex_unlock(&r->lock);
            progress_both(r, both);
            pthread_mutex_lock(&r->lock);
            continue;
        }
        pthread_cond_wait(&r->changed, &r->lock);
    }
    pthread_mutex_unlock(&r->lock);
}

/* ------------------------------------------------------------ reading ahead */

/* While households.csv is parsed, the second core would idle: it reads members.csv
 * and incomes.csv meanwhile, when they are not streamed: each is read whole, converted
 * from GB18030 when asked, checked and counted. A stream (UTF-8) is read once, by its
 * parse, which checks it as it goes (fupin__ld_parse_stream_once): nothing to do ahead.
 * What the reader finds, errors included, is only used where the load reaches the
 * file, so messages and their order are as before. */
static void *ahead_thread(void *arg)
{
    struct ld_ahead *a = arg;
    a->rc = a->src->open(a->src->ctx, a->file, &a->data, &a->len);
    if (a->rc) {
        snprintf(a->msg, sizeof a->msg, "%s", fupin_last_error());
    } else {
        a->opened = 1;
        const char *text = a->data;
        size_t n = a->len;
        if (a->encoding == FUPIN_ENCODING_GB18030) {
            a->conv_rc = fupin__text_from_gb18030(fupin__dataset_file_names[a->file], a->data,
                                                  a->len, &a->conv, &a->conv_len);
            if (a->conv_rc)
                snprintf(a->msg, sizeof a->msg, "%s", fupin_last_error());
            text = a->conv;
            n = a->conv_len;
        }
        if (!a->conv_rc) {
            a->bad = fupin__utf8_invalid(text, n);
            a->lines = fupin__ld_count_lines(text, n);
        }
    }
    a->live = fupin__test_alloc_live();
    return NULL;
}

void fupin__ld_ahead_start(struct loader *L, const struct fupin__dataset_source *src)
{
    static const int files[] = {FUPIN_FILE_MEMBERS, FUPIN_FILE_INCOMES};
    if (fupin__test_alloc_failing())
        return;
    /* streams are read when reached, once (ld_ahead) */
    if (src->stream && L->encoding == FUPIN_ENCODING_UTF8)
        return;
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        struct ld_ahead *a = fupin__calloc(1, sizeof *a);
        if (!a)
            return; /* read when reached, as without threads */
        a->src = src;
        a->file = files[i];
        a->encoding = L->encoding;
        if (pthread_create(&a->tid, NULL, ahead_thread, a)) {
            fupin__free(a);
            return;
        }
        a->running = 1;
        L->ahead[a->file] = a;
    }
}

void fupin__ld_ahead_join(struct ld_ahead *a)
{
    if (!a->running)
        return;
    pthread_join(a->tid, NULL);
    a->running = 0;
    /* what it allocated is freed on this thread */
    fupin__alloc_adopt(a->live);
}

void fupin__ld_ahead_free(struct loader *L)
{
    for (int f = 0; f < FUPIN_FILE_COUNT; f++) {
        struct ld_ahead *a = L->ahead[f];
        if (!a)
            continue;
        fupin__ld_ahead_join(a);
        if (a->opened)
            a->src->close(a->src->ctx, f, a->data, a->len);
        fupin__free(a->conv);
        fupin__free(a);
        L->ahead[f] = NULL;
    }
}

/* ------------------------------------------------------------ the two readers */

/* The second reader starts from L as households.csv left it, with nothing of its own:
 * no header, problems, notices or member ids; bytes counted from base. */
static void reader_init(struct loader *B, const struct loader *L, uint64_t base)
{
    *B = *L;
    B->hmap = NULL;
    B->hname = NULL;
    B->hbuf = NULL;
    B->nhdr = 0;
    fupin__buf_init(&B->marena);
    B->probs = NULL;
    B->nprobs = B->capprobs = 0;
    B->seq = 0; /* ties of position are within one file, so within one reader */
    B->have_err = 0;
    B->notices = NULL;
    B->nnotices = B->capnotices = 0;
    B->last_h = SIZE_MAX;
    B->p_base = base;
}

static int append_notices(struct loader *L, char **n, size_t k)
{
    for (size_t i = 0; i < k; i++) {
        if (L->nnotices == L->capnotices) {
            size_t cap = L->capnotices ? L->capnotices * 2 : 8;
            char **m = fupin__reallocarray(L->notices, cap, sizeof *m);
            if (!m) {
                for (size_t j = i; j < k; j++)
                    fupin__free(n[j]);
                fupin__free(n);
                return FUPIN_ENOMEM;
            }
            L->notices = m;
            L->capnotices = cap;
        }
        L->notices[L->nnotices++] = n[i];
    }
    fupin__free(n);
    return 0;
}

static int append_problems(struct loader *L, struct problem *p, size_t k)
{
    if (k && L->nprobs + k > L->capprobs) {
        struct problem *q = fupin__reallocarray(L->probs, L->nprobs + k, sizeof *q);
        if (!q) {
            for (size_t i = 0; i < k; i++)
                fupin__free(p[i].msg);
            fupin__free(p);
            return FUPIN_ENOMEM;
        }
        L->probs = q;
        L->capprobs = L->nprobs + k;
    }
    if (k)
        memcpy(L->probs + L->nprobs, p, k * sizeof *p);
    L->nprobs += k;
    fupin__free(p);
    return 0;
}

/* What the second reader allocated becomes L's to keep or free. */
static void take_pools(struct loader *L, struct loader *B, int threaded)
{
    L->inc = B->inc;
    L->i_h = B->i_h;
    L->i_prev = B->i_prev;
    L->h_inc = B->h_inc;
    L->i_chained = B->i_chained;
    L->i_unsorted = B->i_unsorted;
    L->ni = B->ni;
    L->ev = B->ev;
    L->e_h = B->e_h;
    L->ne = B->ne;
    L->latest = B->latest;
    for (int f = FUPIN_FILE_INCOMES; f < FUPIN_FILE_COUNT; f++) {
        L->read[f] = B->read[f];
        L->loaded[f] = B->loaded[f];
        L->skipped[f] = B->skipped[f];
    }
    L->p_base = threaded ? L->p_base + B->p_base : B->p_base;
    L->p_last = B->p_last > L->p_last ? B->p_last : L->p_last;
    fupin__ld_free_header(B);
}

/* The second reader's problems, notices and error, after members.csv's: the load
 * goes on to incomes.csv. */
static int take_findings(struct loader *L, struct loader *B, struct rest *r)
{
    int rc = append_problems(L, B->probs, B->nprobs);
    B->probs = NULL;
    B->nprobs = 0;
    if (append_notices(L, B->notices, B->nnotices))
        rc = FUPIN_ENOMEM;
    B->notices = NULL;
    B->nnotices = 0;
    if (rc)
        return fupin__oom();
    if (B->have_err && !L->have_err) {
        L->have_err = 1;
        L->err_file = B->err_file;
        L->err_line = B->err_line;
        L->err_col = B->err_col;
        memcpy(L->err_msg, B->err_msg, sizeof L->err_msg);
    }
    if (!r->rc)
        return 0;
    rc = r->rc == FUPIN_ENOMEM ? fupin__oom() : fupin__error(r->rc, "%s", r->msg);
    /* strict: an error in an earlier position still comes first */
    if (!L->lenient && L->have_err && rc != FUPIN_ENOMEM)
        rc = fupin__error(FUPIN_EPARSE, "%s", L->err_msg);
    return rc;
}

int fupin__ld_load_rest(struct loader *L, const struct fupin__dataset_source *src)
{
    struct rest r;
    pthread_t tid;
    memset(&r, 0, sizeof r);
    r.src = src;
    /* the notices said so far stay first; members.csv's own follow them */
    char **before = L->notices;
    size_t n_before = L->nnotices, cap_before = L->capnotices;
    int threaded = 0;
    /* the households' final positions, which the incomes' thread groups them by */
    fupin__ld_order_households(L);
    /* a strict load with an error in households.csv reads only members.csv more */
    if (!fupin__test_alloc_failing() && (L->lenient || !L->have_err)) {
        reader_init(&r.B, L, 0);
        r.user = L->progress;
        r.user_ctx = L->progress_ctx;
        r.total = L->p_total;
        r.reported = L->p_last;
        r.a_done = L->p_base;
        if (r.user) {
            r.sync = pthread_mutex_init(&r.lock, NULL) == 0;
            if (r.sync && pthread_cond_init(&r.changed, NULL)) {
                pthread_mutex_destroy(&r.lock);
                r.sync = 0;
            }
            r.B.progress = progress_b;
            r.B.progress_ctx = &r;
            r.B.p_last = 0;
            r.B.p_next = FUPIN__LD_PROGRESS_STEP;
        }
        if (!r.user || r.sync)
            threaded = pthread_create(&tid, NULL, rest_thread, &r) == 0;
        if (threaded) {
            L->notices = NULL;
            L->nnotices = L->capnotices = 0;
            if (r.user) {
                L->progress = progress_a;
                L->progress_ctx = &r;
            }
        } else {
            fupin__ld_free_findings(&r.B);
        }
    }
    int rc = fupin__ld_load_file(L, src, FUPIN_FILE_MEMBERS);
    /* members.csv's side arrays go, and its members are grouped, while incomes.csv
     * may still be read: the load's peak is lower when members.csv ends first */
    if (!rc)
        rc = fupin__ld_check_members(L) ? fupin__oom() : 0;
    if (!rc)
        fupin__ld_release_after(L, FUPIN_FILE_MEMBERS);
    if (!rc && (L->lenient || !L->have_err))
        rc = fupin__ld_build_members(L);
    if (threaded) {
        if (r.user) {
            wait_reporting(&r);
            L->progress = r.user;
            L->progress_ctx = r.user_ctx;
            L->p_last = r.reported;
        }
        pthread_join(tid, NULL);
        fupin__alloc_adopt(r.live);
        /* members.csv's notices (none today) after those said before */
        char **mine = L->notices;
        size_t n_mine = L->nnotices;
        L->notices = before;
        L->nnotices = n_before;
        L->capnotices = cap_before;
        if (append_notices(L, mine, n_mine) && !rc)
            rc = fupin__oom();
    }
    if (r.sync) {
        pthread_cond_destroy(&r.changed);
        pthread_mutex_destroy(&r.lock);
    }
    if (rc) {
        if (threaded) {
            take_pools(L, &r.B, 1);
            fupin__ld_free_findings(&r.B);
        }
        /* strict: an error in an earlier position still comes first */
        if (!L->lenient && L->have_err && rc != FUPIN_ENOMEM)
            rc = fupin__error(FUPIN_EPARSE, "%s", L->err_msg);
        return rc;
    }
    if (!L->lenient && L->have_err) {
        /* strict: incomes.csv would not have been read */
        if (threaded) {
            take_pools(L, &r.B, 1);
            fupin__ld_free_findings(&r.B);
        }
        return 0;
    }
    if (!threaded) {
        /* one thread: read them now, after members.csv, as before */
        reader_init(&r.B, L, L->p_base);
        r.B.p_last = L->p_last;
        r.B.p_next = L->p_next;
        read_incomes_events(&r);
    }
    take_pools(L, &r.B, threaded);
    rc = take_findings(L, &r.B, &r);
    fupin__ld_free_findings(&r.B);
    return rc;
}
