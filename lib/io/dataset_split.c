/* households.csv parsed in two halves at once (issue 15): while the calling thread
 * parses the first half, another parses the second with a loader of its own, and the
 * merge makes of both exactly what one parse front to back gives (the same records in
 * the same order, ids, problems, first error, counts and progress reports), or parses
 * the second half again on the calling thread when it cannot (a household_id of the
 * second half already in the first, a failure of the second half's thread).
 *
 * Only a streamed file without a double quote is split: every line end then ends a
 * record (or an empty line), so a half starts at a record. docs/scale.md, "Memory and
 * threads". */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "loader.h"

/* Below this size the second thread costs more than it saves. */
#define SPLIT_MIN ((uint64_t)4 << 20)

int fupin__ld_test_split;
uint64_t fupin__ld_test_split_at;
unsigned long fupin__ld_test_split_merged, fupin__ld_test_split_again;

struct ld_split_job {
    struct loader T; /* the second half's loader */
    struct fupin__stream *s;
    size_t off;    /* T's pools are L's from this index on (the first half's line ends) */
    size_t cap;    /* and hold this many records */
    size_t arena0; /* T's arena starts as a copy of L's first arena0 bytes (villages) */
    uint64_t from, line;
    pthread_t tid;
    int running; /* tid is still to be joined */
    int rc;      /* the second half's return code */
    long live;   /* the thread's allocations still live when it ended (alloc.c) */
};

int fupin__ld_split_plan(const struct loader *L, const struct fupin__stream *s, size_t lines,
                         struct ld_split *sp)
{
    if (!lines) {
        /* before the count: worth a thread (or forced by a test), threads allowed (a
         * test's failing allocation must be met on this thread) */
        if (L->file != FUPIN_FILE_HOUSEHOLDS || fupin__ld_test_split < 0)
            return 0;
        if (fupin__ld_test_split == 0 && (s->size < SPLIT_MIN || fupin__test_alloc_failing()))
            return 0;
        sp->at = fupin__ld_test_split_at ? fupin__ld_test_split_at : s->size / 2;
        return 1;
    }
    /* after it: a line end that is a record end, before the end of the file, and no
     * record past the limit of records (past_limit counts them in one loader) */
    return sp->found && !sp->quote && sp->at < s->size && lines <= fupin__ld_max_records();
}

static void *split_copy(const void *p, size_t n)
{
    void *q = fupin__malloc(n ? n : 1);
    if (q && n)
        memcpy(q, p, n);
    return q;
}

static void split_free(struct ld_split_job *j)
{
    if (!j)
        return;
    struct loader *T = &j->T;
    fupin__buf_free(&T->arena);
    fupin__free(T->v);
    fupin__free(T->vskip_off);
    fupin__free(T->vt.slot);
    fupin__ld_idtab_free(&T->ht);
    fupin__free(T->end);
    fupin__ld_free_findings(T);
    fupin__free(j);
}

/* The second half's loader: L's header (read only), a copy of its villages (L writes
 * their household_skipped meanwhile, and a lookup writes the table's tags), and the
 * tails of L's households pools. */
static struct ld_split_job *split_job(struct loader *L, struct fupin__stream *s, size_t lines,
                                      const struct ld_split *sp)
{
    struct ld_split_job *j = fupin__calloc(1, sizeof *j);
    if (!j)
        return NULL;
    struct loader *T = &j->T;
    j->s = s;
    j->off = (size_t)(sp->line - 1);
    j->cap = lines - j->off;
    j->from = sp->at;
    j->line = sp->line;
    j->arena0 = L->arena.len;
    T->lenient = L->lenient;
    T->encoding = L->encoding;
    T->file = L->file;
    T->fname = L->fname;
    memcpy(T->col, L->col, sizeof T->col);
    memcpy(T->fidx, L->fidx, sizeof T->fidx);
    memcpy(T->hset, L->hset, sizeof T->hset);
    T->hmap = L->hmap;
    T->hname = L->hname;
    T->nhdr = L->nhdr;
    T->p_mark = SIZE_MAX;
    T->split_ends = L->progress != NULL;
    T->last_h = SIZE_MAX;
    fupin__buf_init(&T->arena);
    fupin__buf_add(&T->arena, L->arena.data, L->arena.len);
    T->nv = L->nv;
    T->v = split_copy(L->v, L->nv * sizeof *L->v);
    T->nvskip = L->nvskip;
    T->vskip_off = split_copy(L->vskip_off, L->nvskip * sizeof *L->vskip_off);
    T->vt.mask = L->vt.mask;
    T->vt.slot = split_copy(L->vt.slot, (L->vt.mask + 1) * sizeof *L->vt.slot);
    T->h = L->h + j->off;
    T->hskip_off = L->hskip_off + j->off;
    if (T->arena.failed || !T->v || !T->vskip_off || !T->vt.slot) {
        split_free(j);
        return NULL;
    }
    return j;
}

static int split_run(struct ld_split_job *j)
{
    if (fupin__ld_idtab_init(&j->T.ht, j->cap, 1))
        return FUPIN_ENOMEM;
    return fupin__ld_parse_stream_part(&j->T, j->s, j->cap, j->from, j->line);
}

static void *split_thread(void *arg)
{
    struct ld_split_job *j = arg;
    j->rc = split_run(j);
    j->live = fupin__test_alloc_live();
    return NULL;
}

void fupin__ld_split_start(struct loader *L, struct fupin__stream *s, size_t lines,
                           const struct ld_split *sp, struct ld_split_job **job)
{
    /* without a job the second half is parsed after the first, on this thread */
    *job = split_job(L, s, lines, sp);
    if (*job && !fupin__test_alloc_failing())
        (*job)->running = pthread_create(&(*job)->tid, NULL, split_thread, *job) == 0;
}

int fupin__ld_split_end(struct loader *L, uint64_t at)
{
    if (L->nend == L->capend) {
        size_t cap = L->capend ? L->capend * 2 : 1024;
        uint64_t *e = fupin__reallocarray(L->end, cap, sizeof *e);
        if (!e)
            return FUPIN_ENOMEM;
        L->end = e;
        L->capend = cap;
    }
    L->end[L->nend++] = at;
    return 0;
}

/* ------------------------------------------------------------ the merge */

/* The table is read at random: each id's slot is fetched this many ids ahead. */
#define PUT_AHEAD 8

/* The arena offset of L's household k's id, or of its skipped record k's. */
static size_t id_off(const struct loader *L, size_t k, int skipped)
{
    return skipped ? L->hskip_off[k] : fupin__ld_household_idoff(&L->h[k]);
}

/* The id at arena offset off: its length and hash, its slot fetched. */
static void id_hash(const struct loader *L, size_t off, size_t *n, uint64_t *h)
{
    const char *p = L->arena.data + off;
    *n = strlen(p);
    *h = fupin__ld_household_prefetch(L, p, *n);
}

/* The ids of L's households base..base+n-1 (skipped: of its skipped records) into L's
 * table. How many were put before one found there already (the sequential parse would
 * have found it a duplicate). */
static size_t put_ids_of(struct loader *L, size_t base, size_t n, int skipped)
{
    size_t len[PUT_AHEAD];
    uint64_t h[PUT_AHEAD];
    for (size_t i = 0; i < n && i < PUT_AHEAD; i++)
        id_hash(L, id_off(L, base + i, skipped), &len[i], &h[i]);
    for (size_t i = 0; i < n; i++) {
        size_t r = i % PUT_AHEAD;
        const char *id = L->arena.data + id_off(L, base + i, skipped);
        uint32_t *slot = fupin__ld_find_household_hashed(L, id, len[r], h[r]);
        if (*slot)
            return i;
        *slot = (uint32_t)((((base + i) << 1) | (size_t)skipped) + 1);
        if (i + PUT_AHEAD < n)
            id_hash(L, id_off(L, base + i + PUT_AHEAD, skipped), &len[r], &h[r]);
    }
    return n;
}

/* Take the ids out again: in the reverse order of put_ids_of, the table is then as
 * before. */
static void take_ids(struct loader *L, size_t base, size_t n, int skipped)
{
    while (n > 0) {
        size_t len, off = id_off(L, base + --n, skipped);
        uint64_t h;
        id_hash(L, off, &len, &h);
        *fupin__ld_find_household_hashed(L, L->arena.data + off, len, h) = 0;
    }
}

/* The second half's ids in L's table, loaded then skipped ones; 0 when one of them was
 * in the first half, and then the table is as it was. */
static int put_ids(struct loader *L, const struct loader *T)
{
    size_t i = put_ids_of(L, L->nh, T->nh, 0), k = 0;
    if (i == T->nh)
        k = put_ids_of(L, L->nhskip, T->nhskip, 1);
    if (i == T->nh && k == T->nhskip)
        return 1;
    take_ids(L, L->nhskip, k, 1);
    take_ids(L, L->nh, i, 0);
    return 0;
}

/* The second half's problems after the first's (lenient), or its first error when it
 * comes first (strict). 0 or FUPIN_ENOMEM. */
static int merge_problems(struct loader *L, struct loader *T)
{
    if (T->nprobs && L->nprobs + T->nprobs > L->capprobs) {
        size_t cap = L->nprobs + T->nprobs;
        struct problem *p = fupin__reallocarray(L->probs, cap, sizeof *p);
        if (!p)
            return FUPIN_ENOMEM;
        L->probs = p;
        L->capprobs = cap;
    }
    for (size_t i = 0; i < T->nprobs; i++) {
        L->probs[L->nprobs] = T->probs[i];
        L->probs[L->nprobs++].seq = L->seq++;
    }
    T->nprobs = 0; /* the messages are L's now */
    if (!L->lenient && T->have_err &&
        (!L->have_err || fupin__ld_pos_before(T->err_file, T->err_line, T->err_col, L->err_file,
                                              L->err_line, L->err_col))) {
        L->err_file = T->err_file;
        L->err_line = T->err_line;
        L->err_col = T->err_col;
        memcpy(L->err_msg, T->err_msg, sizeof L->err_msg);
    }
    L->have_err |= T->have_err;
    return 0;
}

/* The second half's records moved down after the first half's, its ids (arena offsets
 * moved) into L's arena and table. 1 when merged, 0 when it must be parsed again (an
 * id of both halves), or FUPIN_ENOMEM. */
static int merge(struct loader *L, struct ld_split_job *j)
{
    struct loader *T = &j->T;
    size_t nh = L->nh, nsk = L->nhskip, len0 = L->arena.len, shift = len0 - j->arena0;
    fupin__buf_add(&L->arena, T->arena.data + j->arena0, T->arena.len - j->arena0);
    if (L->arena.failed)
        return FUPIN_ENOMEM;
    memmove(L->h + nh, T->h, T->nh * sizeof *L->h);
    for (size_t i = nh; i < nh + T->nh; i++)
        fupin__ld_set_household_idoff(&L->h[i], fupin__ld_household_idoff(&L->h[i]) + shift);
    /* forwards: nsk <= off, so an entry is read before its place is written */
    for (size_t i = 0; i < T->nhskip; i++)
        L->hskip_off[nsk + i] = T->hskip_off[i] + shift;
    if (!put_ids(L, T)) {
        L->arena.len = len0;
        return 0;
    }
    if (merge_problems(L, T))
        return FUPIN_ENOMEM;
    L->nh += T->nh;
    L->nhskip += T->nhskip;
    L->read[L->file] += T->read[L->file];
    L->loaded[L->file] += T->loaded[L->file];
    L->skipped[L->file] += T->skipped[L->file];
    for (size_t i = 0; i < L->nv; i++)
        L->v[i].household_skipped |= T->v[i].household_skipped;
    /* the progress reports the second half's records would have made here */
    for (size_t i = 0; i < T->nend; i++)
        if (T->end[i] >= L->p_mark)
            fupin__ld_progress(L, T->end[i], j->s->size, j->s->size);
    return 1;
}

int fupin__ld_split_finish(struct loader *L, struct fupin__stream *s, size_t lines,
                           const struct ld_split *sp, struct ld_split_job *j, int rc)
{
    if (j && j->running) {
        pthread_join(j->tid, NULL);
        j->running = 0;
        fupin__alloc_adopt(j->live); /* what it allocated is freed on this thread */
    } else if (j && !rc) {
        j->rc = split_run(j);
    }
    if (!rc && j && !j->rc) {
        /* the second half checked the file at its end, maybe before the first ended */
        rc = fupin__stream_check(s, s->size);
        if (!rc)
            rc = merge(L, j);
        if (rc == FUPIN_ENOMEM)
            rc = fupin__oom();
        if (rc) {
            split_free(j);
            fupin__ld_test_split_merged += rc > 0;
            return rc < 0 ? rc : 0;
        }
    }
    split_free(j);
    if (rc)
        return rc;
    fupin__ld_test_split_again++;
    /* not merged: the second half read here, as in one parse */
    return fupin__ld_parse_stream_part(L, s, lines, sp->at, sp->line);
}
