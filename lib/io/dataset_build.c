/* The loaded pools grouped in place into villages and households (the order results
 * are written in), and the problems sorted by position. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "loader.h"

/* ------------------------------------------------------------ building */

/* Move element i to dest[i] for every i, in place (cycle following). */
static void permute(void *base, size_t n, size_t size, uint32_t *dest)
{
    unsigned char tmp[512];
    unsigned char *b = base;
    for (size_t i = 0; i < n; i++) {
        while (dest[i] != i) {
            size_t j = dest[i];
            memcpy(tmp, b + j * size, size);
            memcpy(b + j * size, b + i * size, size);
            memcpy(b + i * size, tmp, size);
            dest[i] = dest[j];
            dest[j] = (uint32_t)j;
        }
    }
}

/* Give each record of a pool its final position: grouped by final household, in file
 * order within a household. owner[i] (a load index) becomes the destination; start
 * must hold nh + 1 zeroed entries and ends with start[fh] = the group's end. */
static void group_by_household(uint32_t *owner, size_t n, struct ld_ends hdest, uint32_t *start,
                               size_t nh)
{
    for (size_t i = 0; i < n; i++)
        start[fupin__ld_end(hdest, owner[i]) + 1]++;
    for (size_t i = 0; i < nh; i++)
        start[i + 1] += start[i];
    for (size_t i = 0; i < n; i++)
        owner[i] = start[fupin__ld_end(hdest, owner[i])]++;
}

/* The households moved to their final places, in place (cycle following): each one's
 * destination rides in its own n_events (fupin__ld_household_dests), and moves with it. */
static void permute_households(struct fupin_household *h, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        while (h[i].n_events != i) {
            size_t j = h[i].n_events;
            struct fupin_household t = h[j];
            h[j] = h[i]; /* in its place for good */
            h[i] = t;
        }
    }
}

/* Records that are runs (idtab.c), each household's ending at end j - 1 of last with
 * end j of count records (count.at NULL: the runs are in the households' load order, so a run
 * starts where the one before ended), may already be in the final order: households
 * grouped by village. Then start[fh] .. start[fh + 1] is final household fh's group
 * and nothing moves (1); else 0, and start is to be cleared again. */
static int runs_in_place(uint32_t *start, struct ld_ends last, struct ld_ends count,
                         struct ld_ends hdest, size_t nh)
{
    memset(start, 0, (nh + 1) * sizeof *start);
    if (!last.at)
        return 1; /* no records at all (an absent incomes.csv) */
    uint32_t end = 0;
    for (size_t j = 0; j < nh; j++) {
        uint32_t e = fupin__ld_end(last, j);
        if (!e)
            continue;
        start[fupin__ld_end(hdest, j) + 1] = count.at ? fupin__ld_end(count, j) : e - end;
        end = e;
    }
    for (size_t i = 0; i < nh; i++)
        start[i + 1] += start[i];
    for (size_t j = 0; j < nh; j++) {
        uint32_t e = fupin__ld_end(last, j);
        if (e && e != start[fupin__ld_end(hdest, j) + 1])
            return 0;
    }
    return 1;
}

/* Final household fh's group [*b, *e) in start: as group_by_household leaves it
 * (moved: start[fh] is the group's end) or as runs_in_place does. */
static void group_at(const uint32_t *start, int moved, uint32_t fh, uint32_t *b, uint32_t *e)
{
    *b = moved ? (fh ? start[fh - 1] : 0) : start[fh];
    *e = start[fh + !moved];
}

static void *shrink(void *p, size_t n, size_t size)
{
    if (!p || !n)
        return p;
    void *q = fupin__realloc(p, n * size);
    return q ? q : p;
}

/* A side array of the loader once built from: given back at once, so that the pages
 * of the next steps can reuse it rather than grow the load's peak. */
static void drop(void *pp)
{
    void **p = pp;
    fupin__free(*p);
    *p = NULL;
}

/* Households grouped by village in village order, file order within a village: each
 * household's village index (n_events, fupin__ld_household_dests) becomes its final
 * position, each village's n_households its count.
 * Done once, once households.csv is read (fupin__ld_load_rest), before the pools are
 * grouped. */
void fupin__ld_order_households(struct loader *L)
{
    struct fupin_household *h = L->h;
    for (size_t i = 0; i < L->nv; i++)
        L->v[i].n_households = 0;
    for (size_t i = 0; i < L->nh; i++)
        L->v[h[i].n_events].n_households++;
    /* cap_households: the village's next position, until fupin__ld_build */
    size_t at = 0;
    for (size_t i = 0; i < L->nv; i++) {
        L->v[i].cap_households = at;
        at += L->v[i].n_households;
    }
    for (size_t i = 0; i < L->nh; i++)
        h[i].n_events = (uint32_t)L->v[h[i].n_events].cap_households++;
}

/* Where the n records of a pool go (start, as group_at reads it): where they are, when
 * they are runs in the final order (neither must_move nor out of order), or else
 * through each one's owner, which runs become first unless the records are chains.
 * 1 when the records must then be moved (permute through owner). */
static int place_records(uint32_t *start, int must_move, int chained, uint32_t *owner, size_t n,
                         struct ld_ends ends, struct ld_ends counts, struct ld_ends hdest,
                         size_t nh)
{
    int moved = must_move || !runs_in_place(start, ends, counts, hdest, nh);
    if (moved) {
        if (!chained)
            fupin__ld_owners_from_runs(owner, n, ends, nh);
        memset(start, 0, (nh + 1) * sizeof *start);
        group_by_household(owner, n, hdest, start, nh);
    }
    return moved;
}

/* Incomes as slices of their pool, sorted by year within a household; the households
 * are not moved (their slices move with them), so this may run on the incomes'
 * thread while members.csv is read, and its side arrays go before the load's peak.
 * Indices fit in 32 bits: a file holds at most FUPIN__LD_MAX_RECORDS records. */
int fupin__ld_build_incomes(struct loader *L)
{
    size_t nh = L->nh;
    struct ld_ends hdest = fupin__ld_household_dests(L);
    uint32_t *start = fupin__malloc((nh + 1) * sizeof *start);
    if (!start)
        return fupin__oom();
    L->inc = shrink(L->inc, L->ni, sizeof *L->inc);
    struct ld_ends ends = fupin__ld_ends_array(L->h_inc), none = {NULL, 0};
    int moved = place_records(start, L->i_chained || L->i_unsorted, L->i_chained, L->i_h, L->ni,
                              ends, none, hdest, nh);
    uint32_t b, e;
    for (size_t i = 0; i < nh; i++) {
        group_at(start, moved, fupin__ld_end(hdest, i), &b, &e);
        L->h[i].incomes = L->inc ? L->inc + b : NULL;
        L->h[i].n_incomes = L->h[i].cap_incomes = e - b;
    }
    if (moved)
        permute(L->inc, L->ni, sizeof *L->inc, L->i_h);
    drop(&L->i_h);
    drop(&L->h_inc);
    fupin__free(start);
    /* incomes sorted by year (files are usually sorted already: insertion sort) */
    for (size_t i = 0; i < nh; i++) {
        struct fupin__income *a = L->h[i].incomes;
        for (size_t j = 1; j < L->h[i].n_incomes; j++) {
            struct fupin__income t = a[j];
            size_t k = j;
            while (k > 0 && a[k - 1].year > t.year) {
                a[k] = a[k - 1];
                k--;
            }
            a[k] = t;
        }
    }
    return 0;
}

/* Members as slices of their pool, their ids pointers into marena (final once
 * members.csv is read); as fupin__ld_build_incomes, on members.csv's thread as soon as
 * the file is read. Members read as runs in the final order (a large load's files are
 * grouped and sorted like households.csv) stay where they are; else each member's
 * owner gives its place. */
int fupin__ld_build_members(struct loader *L)
{
    size_t nh = L->nh;
    struct ld_ends hdest = fupin__ld_household_dests(L);
    uint32_t *start = fupin__malloc((nh + 1) * sizeof *start);
    if (!start)
        return fupin__oom();
    for (size_t i = 0; i < L->nm; i++)
        L->m[i].id = L->marena.data + fupin__ld_member_idoff(&L->m[i]);
    L->m = shrink(L->m, L->nm, sizeof *L->m);
    /* the runs' ends and counts are in the household records, which the loop below
     * overwrites with the members' slices: both are read before it */
    int moved = place_records(start, L->m_chained, L->m_chained, L->ms, L->nm,
                              fupin__ld_member_ends(L), fupin__ld_member_counts(L), hdest, nh);
    uint32_t b, e;
    for (size_t i = 0; i < nh; i++) {
        group_at(start, moved, fupin__ld_end(hdest, i), &b, &e);
        L->h[i].members = L->m ? L->m + b : NULL;
        L->h[i].n_members = L->h[i].cap_members = e - b;
    }
    if (moved)
        permute(L->m, L->nm, sizeof *L->m, L->ms);
    drop(&L->ms);
    fupin__free(start);
    return 0;
}

/* The rest of the build: fupin__ld_load_rest has ordered the households and grouped
 * the members and incomes (a load that did not, failed). */
int fupin__ld_build(struct loader *L, fupin_dataset *d)
{
    size_t nh = L->nh, nv = L->nv;
    /* nothing looks an id up from here: the households' table is given back first */
    fupin__ld_idtab_free(&L->ht);
    uint32_t *start = fupin__calloc(nh + 1, sizeof *start);
    if (!start)
        return fupin__oom();
    /* the arena is final from here on: turn offsets into pointers */
    d->arena = L->arena.data;
    d->arena_len = L->arena.len;
    L->arena.data = NULL;
    d->member_ids = L->marena.data;
    L->marena.data = NULL;
    for (size_t i = 0; i < nv; i++) {
        L->v[i].name = d->arena + L->v_nameoff[i];
        L->v[i].owns_storage = 0;
    }
    for (size_t i = 0; i < nh; i++)
        L->h[i].id = d->arena + fupin__ld_household_idoff(&L->h[i]);

    L->ev = shrink(L->ev, L->ne, sizeof *L->ev);
    L->h = shrink(L->h, nh, sizeof *L->h);
    L->v = shrink(L->v, nv, sizeof *L->v);

    size_t at = 0;
    for (size_t i = 0; i < nv; i++) {
        L->v[i].households = L->h ? L->h + at : NULL;
        L->v[i].cap_households = L->v[i].n_households;
        at += L->v[i].n_households;
    }

    /* events as slices of their pool: grouped by final household (start[fh] is then the
     * group's end) while the households' n_events still say where each goes; the
     * households moved there, and each given its slice, which moves with the events */
    group_by_household(L->e_h, L->ne, fupin__ld_household_dests(L), start, nh);
    permute_households(L->h, nh);
    for (size_t fh = 0; fh < nh; fh++) {
        uint32_t begin = fh ? start[fh - 1] : 0;
        L->h[fh].events = L->ev ? L->ev + begin : NULL;
        L->h[fh].n_events = L->h[fh].cap_events = start[fh] - begin;
        L->h[fh].owns_arrays = 0;
    }
    permute(L->ev, L->ne, sizeof *L->ev, L->e_h);
    drop(&L->e_h);
    fupin__free(start);

    d->villages = L->v;
    d->n_villages = nv;
    d->households = L->h;
    d->n_households = nh;
    d->members = L->m;
    d->n_members = L->nm;
    d->incomes = L->inc;
    d->n_incomes = L->ni;
    d->events = L->ev;
    d->n_events = L->ne;
    L->v = NULL;
    L->h = NULL;
    L->m = NULL;
    L->inc = NULL;
    L->ev = NULL;
    d->latest_year = L->latest;
    memcpy(d->read, L->read, sizeof d->read);
    memcpy(d->loaded, L->loaded, sizeof d->loaded);
    memcpy(d->skipped, L->skipped, sizeof d->skipped);
    return 0;
}

static int cmp_problem(const void *a, const void *b)
{
    const struct problem *p = a, *q = b;
    if (fupin__ld_pos_before(p->file, p->line, p->col, q->file, q->line, q->col))
        return -1;
    if (fupin__ld_pos_before(q->file, q->line, q->col, p->file, p->line, p->col))
        return 1;
    return p->seq < q->seq ? -1 : p->seq > q->seq;
}

/* Problems in position order, so a reader sees them as in the files. */
int fupin__ld_take_problems(struct loader *L, fupin_dataset *d)
{
    if (!L->nprobs)
        return 0;
    d->problems = fupin__malloc(L->nprobs * sizeof *d->problems);
    if (!d->problems)
        return fupin__oom();
    qsort(L->probs, L->nprobs, sizeof *L->probs, cmp_problem);
    for (size_t i = 0; i < L->nprobs; i++) {
        d->problems[i] = L->probs[i].msg;
        L->probs[i].msg = NULL;
    }
    d->n_problems = L->nprobs;
    return 0;
}
