/* The loader's hash tables of ids (villages, households, members of large
 * households), the per-household chains of members and incomes, and the pools. */
/* madvise's MADV_HUGEPAGE is Linux's, not POSIX. */
#define _DEFAULT_SOURCE
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

/* ------------------------------------------------------------ hashing */

/* Eight bytes at a time: ids are short, and a byte loop was a visible share of a
 * load. Not a stable format: only ever compared within one load. */
uint64_t fupin__ld_hash_bytes(const char *s, size_t n, uint64_t seed)
{
    uint64_t h = seed * 0x9e3779b97f4a7c15ULL ^ n, w;
    for (; n >= 8; s += 8, n -= 8) {
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
        h ^= h >> 31;
    }
    w = 0;
    for (size_t i = 0; i < n; i++)
        w |= (uint64_t)(unsigned char)s[i] << (8 * i);
    h = (h ^ w) * 0x94d049bb133111ebULL;
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 32;
    return h;
}

void *fupin__ld_zpool(size_t n, size_t size);

/* A dense table, zeroed. One of several megabytes is read at random (a households.csv
 * of a million ids: 16 MB, a slot per record of households.csv, members.csv and
 * incomes.csv), so nearly every probe also missed the TLB: on the 2-core virtual
 * machine the prefetch of a household's slot was 3.4-5.2 % of a load's CPU on 4 kB
 * pages and 1.3-1.6 % on huge pages (issue 15). Only this table is advised: huge pages
 * for all the pools cost more in clearing than they saved (fupin__ld_pool). */
static void *dense_table(size_t bytes)
{
    char *p = fupin__malloc(bytes);
    if (!p)
        return NULL;
#ifdef MADV_HUGEPAGE
    if (bytes >= ((size_t)4 << 20)) {
        long page = sysconf(_SC_PAGESIZE);
        uintptr_t pg = page > 0 ? (uintptr_t)page : 4096;
        uintptr_t from = ((uintptr_t)p + pg - 1) / pg * pg, to = ((uintptr_t)p + bytes) / pg * pg;
        (void)madvise((void *)from, to - from, MADV_HUGEPAGE); /* advice only */
    }
#endif
    memset(p, 0, bytes);
    return p;
}

int fupin__ld_idtab_init(struct idtab *t, size_t n, int dense)
{
    size_t cap = 16;
    while (cap / 2 < n + 1) {
        if (cap > SIZE_MAX / 4)
            return FUPIN_ENOMEM;
        cap <<= 1;
    }
    /* a sparse table (members of large households: a few among millions) is left
     * to the allocator's lazily zeroed pages; see fupin__ld_zpool for a dense one */
    t->slot = dense ? dense_table(cap * sizeof *t->slot) : fupin__calloc(cap, sizeof *t->slot);
    if (!t->slot)
        return FUPIN_ENOMEM;
    t->mask = cap - 1;
    return 0;
}

void fupin__ld_idtab_free(struct idtab *t)
{
    fupin__free(t->slot);
    fupin__free(t->narrow);
    t->slot = NULL;
    t->narrow = NULL;
    t->mask = 0;
}

/* In place, front to back: narrow slot i (bytes 4i..4i+3) never overlaps a wide slot
 * still to be read (bytes 8j.., j > i). Then the block is shrunk to its first half; a
 * failure to (never seen in practice) fails the load, as any failed allocation does. */
int fupin__ld_idtab_narrow(struct idtab *t)
{
    size_t cap = t->mask + 1;
    uint32_t *n = (uint32_t *)(void *)t->slot, vmask = (uint32_t)t->mask;
    for (size_t i = 0; i < cap; i++) {
        struct idslot s = t->slot[i];
        n[i] = s.val ? (s.tag & ~vmask) | s.val : 0;
    }
    uint32_t *p = fupin__realloc(n, cap * sizeof *n);
    t->narrow = p ? p : n;
    t->slot = NULL;
    return p ? 0 : FUPIN_ENOMEM;
}

/* stored (NUL-terminated) equals p[0..n), which may itself hold NUL bytes. */
int fupin__ld_str_eq(const char *stored, const char *p, size_t n)
{
    size_t i = 0;
    while (i < n && stored[i] && stored[i] == p[i])
        i++;
    return i == n && stored[n] == '\0';
}

/* The part of a hash a slot keeps: the lower bits chose the slot. */
static uint32_t tag_of(uint64_t h)
{
    return (uint32_t)(h >> 32);
}

/* The limit of records a file may hold (loader.h); a test lowers it to see a file
 * past it refused without writing 2 G records. */
size_t fupin__ld_records_limit = FUPIN__LD_MAX_RECORDS;

void fupin__ld_test_max_records(size_t n)
{
    fupin__ld_records_limit = n ? n : FUPIN__LD_MAX_RECORDS;
}

size_t fupin__ld_member_idoff(const struct fupin__member *m)
{
    return (size_t)(uintptr_t)m->id;
}

/* Villages and households: value = (index << 1 | skipped) + 1. */
static const char *village_key(const struct loader *L, size_t val)
{
    size_t i = (val - 1) >> 1;
    return (val - 1) & 1 ? L->arena.data + L->vskip_off[i] : L->v[i].code;
}

static const char *household_key(const struct loader *L, size_t val)
{
    size_t i = (val - 1) >> 1;
    return L->arena.data + ((val - 1) & 1 ? L->hskip_off[i] : fupin__ld_household_idoff(&L->h[i]));
}

/* The slot of a key: its own, or the empty one where it goes (given the key's hash,
 * so that the caller only has to set val). */
uint32_t *fupin__ld_find_village(struct loader *L, const char *p, size_t n)
{
    uint64_t h = fupin__ld_hash_bytes(p, n, 0);
    uint32_t tag = tag_of(h);
    struct idslot *s;
    for (size_t i = (size_t)h & L->vt.mask;; i = (i + 1) & L->vt.mask) {
        s = &L->vt.slot[i];
        if (!s->val || (s->tag == tag && fupin__ld_str_eq(village_key(L, s->val), p, n)))
            break;
    }
    s->tag = tag;
    return &s->val;
}

/* A household's table slot is fetched at random from a table of about 32 bytes per
 * household: start fetching it as soon as the id is known, so that the record's other
 * columns are parsed meanwhile (a third of a households.csv load went to waiting for
 * those slots). Returns the id's hash for fupin__ld_find_household. */
uint64_t fupin__ld_household_prefetch(const struct loader *L, const char *p, size_t n)
{
    uint64_t h = fupin__ld_hash_bytes(p, n, 0);
#if defined(__GNUC__)
    __builtin_prefetch(&L->ht.slot[(size_t)h & L->ht.mask], 1);
#endif
    return h;
}

uint32_t *fupin__ld_find_household_hashed(struct loader *L, const char *p, size_t n, uint64_t h)
{
    uint32_t tag = tag_of(h);
    struct idslot *s;
    for (size_t i = (size_t)h & L->ht.mask;; i = (i + 1) & L->ht.mask) {
        s = &L->ht.slot[i];
        if (!s->val || (s->tag == tag && fupin__ld_str_eq(household_key(L, s->val), p, n)))
            break;
    }
    s->tag = tag;
    return &s->val;
}

/* fupin__ld_lookup_household in a narrowed table (struct idtab). */
static size_t lookup_narrow(const struct loader *L, const char *p, size_t n, uint64_t h)
{
    uint32_t tag = tag_of(h), vmask = (uint32_t)L->ht.mask;
    for (size_t i = (size_t)h & L->ht.mask;; i = (i + 1) & L->ht.mask) {
        uint32_t s = L->ht.narrow[i], val = s & vmask;
        if (!val || (!((s ^ tag) & ~vmask) && fupin__ld_str_eq(household_key(L, val), p, n)))
            return val;
    }
}

size_t fupin__ld_lookup_household(const struct loader *L, const char *p, size_t n)
{
    uint64_t h = fupin__ld_hash_bytes(p, n, 0);
    if (L->ht.narrow)
        return lookup_narrow(L, p, n, h);
    uint32_t tag = tag_of(h);
    for (size_t i = (size_t)h & L->ht.mask;; i = (i + 1) & L->ht.mask) {
        const struct idslot *s = &L->ht.slot[i];
        if (!s->val || (s->tag == tag && fupin__ld_str_eq(household_key(L, s->val), p, n)))
            return s->val;
    }
}

/* ------------------------------------------------------------ runs and chains
 *
 * A household's members (and its incomes) are found through its last record
 * (cap_members of its record, h_inc: index + 1) and the records before it. Files are
 * nearly always grouped by household, so while every household's records form one run
 * (the records of a household follow each other), the record before is simply the one
 * before, within the current run: no per-record array is written, which keeps 8 bytes
 * a member and 8 an income out of a large load's peak (issue 15). The first record that
 * joins a household whose run is over turns the file's records into chains (owner and
 * previous record, as the build and the walks need them), once, from the runs. */

/* owner[0..n) from runs that end at last[j] - 1 (0: household j has none) and
 * together cover 0..n-1: each run's end is marked with its household + 1, then every
 * run is filled up to its mark. */
void fupin__ld_owners_from_runs(uint32_t *owner, size_t n, struct ld_ends last, size_t nh)
{
    memset(owner, 0, n * sizeof *owner);
    for (size_t j = 0; j < nh; j++) {
        uint32_t e = fupin__ld_end(last, j);
        if (e)
            owner[e - 1] = (uint32_t)(j + 1);
    }
    size_t from = 0;
    for (size_t k = 0; k < n; k++) {
        if (!owner[k])
            continue;
        uint32_t j = owner[k] - 1;
        while (from <= k)
            owner[from++] = j;
    }
}

/* Until the members are grouped, each household record holds its members' run end in
 * cap_members and their count in n_members (struct loader, h). */
struct ld_ends fupin__ld_member_ends(const struct loader *L)
{
    struct ld_ends e = {(const unsigned char *)&L->h[0].cap_members, sizeof *L->h};
    return e;
}

struct ld_ends fupin__ld_member_counts(const struct loader *L)
{
    struct ld_ends e = {(const unsigned char *)&L->h[0].n_members, sizeof *L->h};
    return e;
}

/* Until the events are placed (fupin__ld_build), n_events (struct loader, h). */
struct ld_ends fupin__ld_household_dests(const struct loader *L)
{
    struct ld_ends e = {(const unsigned char *)&L->h[0].n_events, sizeof *L->h};
    return e;
}

/* Runs to chains: in a run, the previous record of the household is the one before. */
static void chain_runs(uint32_t *owner, uint32_t *prev, size_t n, struct ld_ends last, size_t nh)
{
    fupin__ld_owners_from_runs(owner, n, last, nh);
    for (size_t k = 0; k < n; k++)
        prev[k] = k && owner[k - 1] == owner[k] ? (uint32_t)k : 0;
}

/* Once, when a household's records come apart: the records read so far as chains. */
static void members_to_chains(struct loader *L)
{
    chain_runs(L->ms, L->m_prev, L->nm, fupin__ld_member_ends(L), L->nh);
    L->m_chained = 1;
}

static void incomes_to_chains(struct loader *L)
{
    chain_runs(L->i_h, L->i_prev, L->ni, fupin__ld_ends_array(L->h_inc), L->nh);
    L->i_chained = 1;
}

/* Household h is about to be read or joined: its records still form the current run
 * (or it has none), or the records become chains for good. Per record: kept small
 * enough to inline. */
static inline void members_touch(struct loader *L, size_t h)
{
    if (!L->m_chained && L->h[h].cap_members && h != L->m_run_h)
        members_to_chains(L);
}

static inline void incomes_touch(struct loader *L, size_t h)
{
    if (!L->i_chained && L->h_inc[h] && h != L->i_run_h)
        incomes_to_chains(L);
}

/* The member before member i - 1 in its household (+ 1; 0: none), i's household being
 * the current run's when the members are not chains. */
static size_t member_before(const struct loader *L, size_t i)
{
    if (L->m_chained)
        return L->m_prev[i - 1];
    return i - 1 > L->m_run ? i - 1 : 0;
}

static size_t income_before(const struct loader *L, size_t i)
{
    if (L->i_chained)
        return L->i_prev[i - 1];
    return i - 1 > L->i_run ? i - 1 : 0;
}

/* Duplicate member_id check. Households are small and their records usually adjacent,
 * so a household's own chain is searched (cache-friendly); a household that grows past
 * BIG_HOUSEHOLD members moves to the hash table so no input is quadratic. */
#define BIG_HOUSEHOLD 32
static uint32_t *find_member(struct loader *L, size_t h, const char *p, size_t n);

static const char *member_id(const struct loader *L, size_t i)
{
    return L->marena.data + fupin__ld_member_idoff(&L->m[i]);
}

int fupin__ld_member_exists(struct loader *L, size_t h, const char *p, size_t n)
{
    members_touch(L, h);
    if (L->h[h].n_members < BIG_HOUSEHOLD) {
        for (size_t i = L->h[h].cap_members; i; i = member_before(L, i))
            if (fupin__ld_str_eq(member_id(L, i - 1), p, n))
                return 1;
        return 0;
    }
    return *find_member(L, h, p, n) != 0;
}

/* The pools are grown by realloc when full (a stream read once sized them from an
 * estimate, dataset_read.c): glibc moves a large block with mremap, without copying.
 * Records are reached by their 32-bit indices only, never by a pointer kept across an
 * append, so nothing points into the old blocks. n: the records they are to hold. */
static int grow(void **a, void **b, void **c, size_t n, size_t sa, size_t sbc)
{
    void *p = fupin__reallocarray(*a, n, sa);
    if (!p)
        return FUPIN_ENOMEM;
    *a = p;
    if (!(p = fupin__reallocarray(*b, n, sbc)))
        return FUPIN_ENOMEM;
    *b = p;
    if (!(p = fupin__reallocarray(*c, n, sbc)))
        return FUPIN_ENOMEM;
    *c = p;
    return 0;
}

/* The records a full pool of cap grows to (cap >= 1): twice, FUPIN__LD_MAX_RECORDS at
 * most, for no file loads more records than that (past_limit, dataset_records.c). */
static size_t grown(size_t cap)
{
    return cap < FUPIN__LD_MAX_RECORDS / 2 ? cap * 2 : FUPIN__LD_MAX_RECORDS;
}

/* The table of large households' members is sized for capm members (find_member's
 * probes end at an empty slot, so it must never fill): made again for the grown pools.
 * A member's slot is found from its id and household (ms, so the members become
 * chains first: rare, a large household in a file larger than its estimate). */
static int members_rehash(struct loader *L)
{
    struct idtab old = L->mt;
    if (fupin__ld_idtab_init(&L->mt, L->capm, 0)) {
        L->mt = old;
        return FUPIN_ENOMEM;
    }
    if (!L->m_chained)
        members_to_chains(L);
    for (size_t i = 0; i <= old.mask; i++) {
        uint32_t v = old.slot[i].val;
        if (!v)
            continue;
        const char *id = member_id(L, v - 1);
        uint64_t hash = fupin__ld_hash_bytes(id, strlen(id), L->ms[v - 1]);
        size_t j = (size_t)hash & L->mt.mask;
        while (L->mt.slot[j].val)
            j = (j + 1) & L->mt.mask;
        L->mt.slot[j].tag = tag_of(hash);
        L->mt.slot[j].val = v;
    }
    fupin__ld_idtab_free(&old);
    return 0;
}

static int members_grow(struct loader *L)
{
    size_t cap = grown(L->capm);
    if (grow((void **)&L->m, (void **)&L->ms, (void **)&L->m_prev, cap, sizeof *L->m,
             sizeof *L->ms))
        return FUPIN_ENOMEM;
    L->capm = cap;
    return L->mt.slot ? members_rehash(L) : 0;
}

static int incomes_grow(struct loader *L)
{
    size_t cap = grown(L->capi);
    if (grow((void **)&L->inc, (void **)&L->i_h, (void **)&L->i_prev, cap, sizeof *L->inc,
             sizeof *L->i_h))
        return FUPIN_ENOMEM;
    L->capi = cap;
    return 0;
}

int fupin__ld_add_member(struct loader *L, size_t h, const struct fupin__member *m, size_t idoff)
{
    if (L->nm == L->capm && members_grow(L))
        return FUPIN_ENOMEM;
    members_touch(L, h);
    size_t idx = L->nm++;
    L->m[idx] = *m;
    L->m[idx].id = (char *)(uintptr_t)idoff;
    if (L->m_chained) {
        L->ms[idx] = (uint32_t)h;
        L->m_prev[idx] = L->h[h].cap_members;
    } else if (!L->h[h].cap_members) {
        L->m_run = idx;
        L->m_run_h = h;
    }
    L->h[h].cap_members = (uint32_t)(idx + 1);
    if (++L->h[h].n_members < BIG_HOUSEHOLD)
        return 0;
    if (!L->mt.slot && fupin__ld_idtab_init(&L->mt, L->capm, 0))
        return FUPIN_ENOMEM;
    if (L->h[h].n_members > BIG_HOUSEHOLD) {
        const char *id = L->marena.data + idoff;
        *find_member(L, h, id, strlen(id)) = (uint32_t)(idx + 1);
        return 0;
    }
    for (size_t i = L->h[h].cap_members; i; i = member_before(L, i)) {
        const char *id = member_id(L, i - 1);
        *find_member(L, h, id, strlen(id)) = (uint32_t)i;
    }
    return 0;
}

/* Member i belongs to household h: as runs, h is the current run's (members_touch). */
static int member_of(const struct loader *L, size_t i, size_t h)
{
    return L->m_chained ? L->ms[i] == h : i >= L->m_run;
}

static uint32_t *find_member(struct loader *L, size_t h, const char *p, size_t n)
{
    uint64_t hash = fupin__ld_hash_bytes(p, n, h);
    uint32_t tag = tag_of(hash);
    struct idslot *slot;
    for (size_t i = (size_t)hash & L->mt.mask;; i = (i + 1) & L->mt.mask) {
        slot = &L->mt.slot[i];
        size_t s = slot->val;
        if (!s || (slot->tag == tag && member_of(L, s - 1, h) &&
                   fupin__ld_str_eq(member_id(L, s - 1), p, n)))
            break;
    }
    slot->tag = tag;
    return &slot->val;
}

/* A household has at most one record per year 1949..2100 (and one year-0 marker), so
 * its chain of income records is short: no table needed. */
int fupin__ld_has_income(struct loader *L, size_t h, int32_t year)
{
    incomes_touch(L, h);
    for (size_t i = L->h_inc[h]; i; i = income_before(L, i))
        if (L->inc[i - 1].year == year)
            return 1;
    return 0;
}

void fupin__ld_income_unknown(struct loader *L, size_t h, int32_t year)
{
    incomes_touch(L, h);
    for (size_t i = L->h_inc[h]; i; i = income_before(L, i))
        if (L->inc[i - 1].year == year)
            L->inc[i - 1].skipped = 1;
}

int fupin__ld_add_income(struct loader *L, size_t h, const struct fupin__income *inc)
{
    if (L->ni == L->capi && incomes_grow(L))
        return FUPIN_ENOMEM;
    incomes_touch(L, h);
    if (L->i_chained) {
        L->i_h[L->ni] = (uint32_t)h;
        L->i_prev[L->ni] = L->h_inc[h];
    } else if (!L->h_inc[h]) {
        /* runs in households.csv's order can be counted without owners (the build) */
        if (L->ni && h < L->i_run_h)
            L->i_unsorted = 1;
        L->i_run = L->ni;
        L->i_run_h = h;
    }
    L->inc[L->ni] = *inc;
    L->h_inc[h] = (uint32_t)++L->ni;
    return 0;
}

/* ------------------------------------------------------------ pools */

/* The pools are written once. They used to be advised to huge pages
 * (MADV_HUGEPAGE), against page-fault and TLB costs; on the 2-core virtual machine of
 * issue 15 that made a million-household load slower, not faster: clearing pages took
 * 38 % of the load's CPU (4.3 s in all) against 3.5 % (3.0 s in all) with ordinary
 * pages (perf, same binary otherwise), most likely because 2 MB pages come from memory
 * the guest has not used before, which its host backs only then. So they are plain
 * allocations, and the system's own policy decides; only the households' table, read
 * at random, is advised (dense_table). */
void *fupin__ld_pool(size_t n, size_t size)
{
    return fupin__malloc(n * size);
}

/* Zeroed by writing, not by calloc: a table is read before it is written (a lookup
 * before the insert), and a fresh calloc'd page that is read first is mapped to the
 * shared zero page, so the write that follows faults again to copy it and flushes
 * the TLB of every core the load's threads run on: 5 % of a million-household load's
 * CPU. Written first, each page faults once. For pools every entry of which is used. */
void *fupin__ld_zpool(size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    void *p = fupin__malloc(n * size);
    if (p)
        memset(p, 0, n * size);
    return p;
}
