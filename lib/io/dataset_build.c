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
static void group_by_household(uint32_t *owner, size_t n, const uint32_t *hdest, uint32_t *start,
                               size_t nh)
{
    for (size_t i = 0; i < n; i++)
        start[hdest[owner[i]] + 1]++;
    for (size_t i = 0; i < nh; i++)
        start[i + 1] += start[i];
    for (size_t i = 0; i < n; i++)
        owner[i] = start[hdest[owner[i]]]++;
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

/* Indices fit in 32 bits: a file holds at most FUPIN__LD_MAX_RECORDS records. */
int fupin__ld_build(struct loader *L, fupin_dataset *d)
{
    size_t nh = L->nh, nv = L->nv;
    uint32_t *start = fupin__calloc(nh + 1 > nv + 1 ? nh + 1 : nv + 1, sizeof *start);
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
        L->h[i].id = d->arena + L->h_idoff[i];
    drop(&L->h_idoff);
    for (size_t i = 0; i < L->nm; i++)
        L->m[i].id = d->member_ids + fupin__ld_member_idoff(&L->m[i]);

    L->m = shrink(L->m, L->nm, sizeof *L->m);
    L->inc = shrink(L->inc, L->ni, sizeof *L->inc);
    L->ev = shrink(L->ev, L->ne, sizeof *L->ev);
    L->h = shrink(L->h, nh, sizeof *L->h);
    L->v = shrink(L->v, nv, sizeof *L->v);

    /* households grouped by village in village order, file order within a village */
    uint32_t *hdest = L->h_vidx;
    for (size_t i = 0; i < nh; i++)
        start[hdest[i] + 1]++;
    for (size_t i = 0; i < nv; i++)
        start[i + 1] += start[i];
    for (size_t i = 0; i < nv; i++) {
        L->v[i].households = L->h ? L->h + start[i] : NULL;
        L->v[i].n_households = L->v[i].cap_households = start[i + 1] - start[i];
    }
    for (size_t i = 0; i < nh; i++)
        hdest[i] = start[hdest[i]]++;

    /* members, incomes and events as slices of their pools; slices are set on the
     * households before these move, and move with them */
    memset(start, 0, (nh + 1) * sizeof *start);
    group_by_household(L->ms, L->nm, hdest, start, nh);
    for (size_t i = 0; i < nh; i++) {
        uint32_t fh = hdest[i], begin = fh ? start[fh - 1] : 0;
        L->h[i].members = L->m ? L->m + begin : NULL;
        L->h[i].n_members = L->h[i].cap_members = start[fh] - begin;
    }
    permute(L->m, L->nm, sizeof *L->m, L->ms);
    drop(&L->ms);

    memset(start, 0, (nh + 1) * sizeof *start);
    group_by_household(L->i_h, L->ni, hdest, start, nh);
    for (size_t i = 0; i < nh; i++) {
        uint32_t fh = hdest[i], begin = fh ? start[fh - 1] : 0;
        L->h[i].incomes = L->inc ? L->inc + begin : NULL;
        L->h[i].n_incomes = L->h[i].cap_incomes = start[fh] - begin;
    }
    permute(L->inc, L->ni, sizeof *L->inc, L->i_h);
    drop(&L->i_h);
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

    memset(start, 0, (nh + 1) * sizeof *start);
    group_by_household(L->e_h, L->ne, hdest, start, nh);
    for (size_t i = 0; i < nh; i++) {
        uint32_t fh = hdest[i], begin = fh ? start[fh - 1] : 0;
        L->h[i].events = L->ev ? L->ev + begin : NULL;
        L->h[i].n_events = L->h[i].cap_events = start[fh] - begin;
        L->h[i].owns_arrays = 0;
    }
    permute(L->ev, L->ne, sizeof *L->ev, L->e_h);
    drop(&L->e_h);
    permute(L->h, nh, sizeof *L->h, hdest);
    drop(&L->h_vidx);
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
