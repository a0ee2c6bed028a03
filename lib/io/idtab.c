/* The loader's hash tables of ids (villages, households, members of large
 * households), the per-household chains of members and incomes, and the pools. */
/* madvise's Linux advice values (huge pages, bulk population) are not POSIX. */
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

int fupin__ld_idtab_init(struct idtab *t, size_t n)
{
    size_t cap = 16;
    while (cap / 2 < n + 1) {
        if (cap > SIZE_MAX / 4)
            return FUPIN_ENOMEM;
        cap <<= 1;
    }
    t->slot = fupin__ld_zpool(cap, sizeof *t->slot);
    if (!t->slot)
        return FUPIN_ENOMEM;
    t->mask = cap - 1;
    return 0;
}

void fupin__ld_idtab_free(struct idtab *t)
{
    fupin__free(t->slot);
    t->slot = NULL;
    t->mask = 0;
}

/* stored (NUL-terminated) equals p[0..n), which may itself hold NUL bytes. */
int fupin__ld_str_eq(const char *stored, const char *p, size_t n)
{
    size_t i = 0;
    while (i < n && stored[i] && stored[i] == p[i])
        i++;
    return i == n && stored[n] == '\0';
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
    return L->arena.data + ((val - 1) & 1 ? L->hskip_off[i] : L->h_idoff[i]);
}

/* The slot of a key: its own, or the empty one where it goes (given the key's hash,
 * so that the caller only has to set val). */
size_t *fupin__ld_find_village(struct loader *L, const char *p, size_t n)
{
    uint64_t h = fupin__ld_hash_bytes(p, n, 0);
    struct idslot *s;
    for (size_t i = (size_t)h & L->vt.mask;; i = (i + 1) & L->vt.mask) {
        s = &L->vt.slot[i];
        if (!s->val || (s->hash == h && fupin__ld_str_eq(village_key(L, s->val), p, n)))
            break;
    }
    s->hash = h;
    return &s->val;
}

size_t *fupin__ld_find_household(struct loader *L, const char *p, size_t n)
{
    uint64_t h = fupin__ld_hash_bytes(p, n, 0);
    struct idslot *s;
    for (size_t i = (size_t)h & L->ht.mask;; i = (i + 1) & L->ht.mask) {
        s = &L->ht.slot[i];
        if (!s->val || (s->hash == h && fupin__ld_str_eq(household_key(L, s->val), p, n)))
            break;
    }
    s->hash = h;
    return &s->val;
}

size_t fupin__ld_lookup_household(const struct loader *L, const char *p, size_t n)
{
    uint64_t h = fupin__ld_hash_bytes(p, n, 0);
    for (size_t i = (size_t)h & L->ht.mask;; i = (i + 1) & L->ht.mask) {
        const struct idslot *s = &L->ht.slot[i];
        if (!s->val || (s->hash == h && fupin__ld_str_eq(household_key(L, s->val), p, n)))
            return s->val;
    }
}

/* Duplicate member_id check. Households are small and their records usually adjacent,
 * so a household's own chain is searched (cache-friendly); a household that grows past
 * BIG_HOUSEHOLD members moves to the hash table so no input is quadratic. */
#define BIG_HOUSEHOLD 32
static size_t *find_member(struct loader *L, size_t h, const char *p, size_t n);

int fupin__ld_member_exists(struct loader *L, size_t h, const char *p, size_t n)
{
    if (L->h_nm[h] < BIG_HOUSEHOLD) {
        for (size_t i = L->h_mem[h]; i; i = L->m_prev[i - 1])
            if (fupin__ld_str_eq(L->marena.data + L->ms[i - 1].idoff, p, n))
                return 1;
        return 0;
    }
    return *find_member(L, h, p, n) != 0;
}

int fupin__ld_add_member(struct loader *L, size_t h, const struct fupin__member *m, size_t idoff)
{
    size_t idx = L->nm++;
    L->m[idx] = *m;
    L->ms[idx].h = h;
    L->ms[idx].idoff = idoff;
    L->m_prev[idx] = L->h_mem[h];
    L->h_mem[h] = idx + 1;
    if (++L->h_nm[h] < BIG_HOUSEHOLD)
        return 0;
    if (!L->mt.slot && fupin__ld_idtab_init(&L->mt, L->capm))
        return FUPIN_ENOMEM;
    if (L->h_nm[h] > BIG_HOUSEHOLD) {
        const char *id = L->marena.data + idoff;
        *find_member(L, h, id, strlen(id)) = idx + 1;
        return 0;
    }
    for (size_t i = L->h_mem[h]; i; i = L->m_prev[i - 1]) {
        const char *id = L->marena.data + L->ms[i - 1].idoff;
        *find_member(L, h, id, strlen(id)) = i;
    }
    return 0;
}

static size_t *find_member(struct loader *L, size_t h, const char *p, size_t n)
{
    uint64_t hash = fupin__ld_hash_bytes(p, n, h);
    struct idslot *slot;
    for (size_t i = (size_t)hash & L->mt.mask;; i = (i + 1) & L->mt.mask) {
        slot = &L->mt.slot[i];
        size_t s = slot->val;
        if (!s || (slot->hash == hash && L->ms[s - 1].h == h &&
                   fupin__ld_str_eq(L->marena.data + L->ms[s - 1].idoff, p, n)))
            break;
    }
    slot->hash = hash;
    return &slot->val;
}

/* A household has at most one record per year 1949..2100 (and one year-0 marker), so
 * its chain of income records is short: no table needed. */
int fupin__ld_has_income(const struct loader *L, size_t h, int32_t year)
{
    for (size_t i = L->h_inc[h]; i; i = L->i_prev[i - 1])
        if (L->inc[i - 1].year == year)
            return 1;
    return 0;
}

void fupin__ld_income_unknown(struct loader *L, size_t h, int32_t year)
{
    for (size_t i = L->h_inc[h]; i; i = L->i_prev[i - 1])
        if (L->inc[i - 1].year == year)
            L->inc[i - 1].skipped = 1;
}

void fupin__ld_add_income(struct loader *L, size_t h, const struct fupin__income *inc)
{
    L->inc[L->ni] = *inc;
    L->i_h[L->ni] = h;
    L->i_prev[L->ni] = L->h_inc[h];
    L->h_inc[h] = ++L->ni;
}

/* ------------------------------------------------------------ pools */

/* The pools and tables are written once, the tables at random: with 4 KiB pages a
 * million-household load spends more time in page faults and TLB misses than in
 * parsing (notably on virtual machines), so ask for huge pages where the system
 * offers them on request. Advice only: nothing depends on it being taken. */
static void *huge(void *p, size_t bytes)
{
#ifdef MADV_HUGEPAGE
    const uintptr_t hp = (uintptr_t)2 << 20;
    uintptr_t a = ((uintptr_t)p + hp - 1) & ~(hp - 1), e = ((uintptr_t)p + bytes) & ~(hp - 1);
    if (p && e > a)
        (void)madvise((void *)a, e - a, MADV_HUGEPAGE);
#else
    (void)bytes;
#endif
    return p;
}

void *fupin__ld_pool(size_t n, size_t size)
{
    return huge(fupin__malloc(n * size), n * size);
}

void *fupin__ld_zpool(size_t n, size_t size)
{
    return huge(fupin__calloc(n, size), n * size);
}
