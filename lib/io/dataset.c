/* Loading a dataset folder (docs/dataset.md).
 *
 * Every file is read whole and parsed once. Records go into pools sized from the
 * file's line count (so they are allocated once) and ids into one string arena; hash
 * tables of indices (open addressing, allocated once per file) resolve references.
 * Strict and lenient loads run the same code: every bad record is found and reported
 * with its position (file, line, column), lenient keeps the reports, strict keeps the
 * first by position. That is what makes "first" independent of when an error is found
 * (a household without members is only known after members.csv, but is reported at
 * its households.csv line). At the end the pools are permuted in place into the
 * grouped order the villages and households point into. */
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

#include "../model/fields.h"
#include "csv.h"
#include "io.h"

const char *const fupin__dataset_file_names[FUPIN_FILE_COUNT] = {
    "villages.csv", "households.csv", "members.csv", "incomes.csv", "events.csv"};

/* ------------------------------------------------------------ columns */

enum {
    VC_CODE,
    VC_NAME,
    VC_REGION,
    VC_POPULATION,
    VC_WATER_SCARCE,
    VC_PAVED_ROAD,
    VC_ELECTRICITY,
    VC_CLINIC,
    VC_BROADBAND,
    VC_COLLECTIVE_INCOME,
    VC_N
};
static const char *const village_cols[VC_N] = {
    "village_code", "name",        "region", "population", "water_scarce",
    "paved_road",   "electricity", "clinic", "broadband",  "collective_income"};

enum {
    HC_ID,
    HC_VILLAGE,
    HC_REGISTERED,
    HC_EXIT,
    HC_MONITOR,
    HC_MONITOR_SINCE,
    HC_ASSISTANCE,
    HC_HOUSING,
    HC_FOOD,
    HC_CLOTHING,
    HC_LITRES,
    HC_MINUTES,
    HC_SUPPLY,
    HC_QUALITY,
    HC_N
};
static const char *const household_cols[HC_N] = {
    "household_id",  "village_code",  "registered_year",   "exit_year",       "monitor",
    "monitor_since", "assistance",    "housing",           "food_secure",     "clothing_secure",
    "water_litres",  "water_minutes", "water_supply_rate", "water_quality_ok"};

enum {
    MC_HOUSEHOLD,
    MC_ID,
    MC_BIRTH,
    MC_SEX,
    MC_IDNUM,
    MC_SCHOOL,
    MC_DISABILITY,
    MC_INSURED,
    MC_HEALTH,
    MC_LABOR,
    MC_N
};
static const char *const member_cols[MC_N] = {"household_id", "member_id", "birth",      "sex",
                                              "id_number",    "school",    "disability", "insured",
                                              "health",       "labor"};

enum {
    IC_HOUSEHOLD,
    IC_YEAR,
    IC_WAGE,
    IC_BUSINESS,
    IC_PROPERTY,
    IC_TRANSFER,
    IC_PRODUCTION,
    IC_MEDICAL,
    IC_EDUCATION,
    IC_N
};
static const char *const income_cols[IC_N] = {"household_id",
                                              "year",
                                              "wage",
                                              "business",
                                              "property",
                                              "transfer",
                                              "production_expense",
                                              "medical_expense",
                                              "education_expense"};

enum { EC_HOUSEHOLD, EC_YEAR, EC_KIND, EC_AMOUNT, EC_N };
static const char *const event_cols[EC_N] = {"household_id", "year", "kind", "amount"};

#define MAX_COLS 16

struct file_spec {
    const char *const *cols;
    int ncols;
    int optional_col; /* the one column that may be missing from the header, or -1 */
    int required;     /* the file itself is required */
};

static const struct file_spec specs[FUPIN_FILE_COUNT] = {
    {village_cols, VC_N, -1, 1}, {household_cols, HC_N, -1, 1},
    {member_cols, MC_N, -1, 1},  {income_cols, IC_N, IC_PRODUCTION, 0},
    {event_cols, EC_N, -1, 0},
};

/* ------------------------------------------------------------ loader state */

/* Open-addressing table of record indices; val 0 = empty, else value + 1. The key's
 * hash is kept in the slot: a probe that meets another key is settled without
 * fetching that key's text (two cache misses at random on a large load). */
struct idslot {
    uint64_t hash;
    size_t val;
};
struct idtab {
    struct idslot *slot;
    size_t mask;
};

struct problem {
    int file;
    int col;
    uint64_t line;
    size_t seq;
    char *msg;
};

struct member_side {
    size_t h;     /* household (load index), later the member's final position */
    size_t idoff; /* arena offset of member_id */
};

struct loader {
    int lenient;
    int mapped; /* the current file is a private file mapping the loader may page */
    int file;
    const char *fname;
    /* header of the current file */
    int col[MAX_COLS]; /* known column -> header index, -1 when absent */
    /* known column -> the model's setter index: names are resolved once per file,
     * not per value */
    int fidx[MAX_COLS];
    int *hmap;    /* header index -> known column, -1 when unknown */
    char **hname; /* header names (for messages) */
    char *hbuf;
    int nhdr;
    int col_hid_households; /* header index of household_id in households.csv */
    struct fupin__buf arena;
    /* villages */
    struct fupin_village *v;
    size_t nv;
    size_t *v_nameoff;
    size_t *vskip_off; /* codes of skipped villages (arena offsets) */
    size_t nvskip;
    struct idtab vt;
    /* households, in file order */
    struct fupin_household *h;
    size_t nh;
    size_t *h_idoff, *h_vidx;
    uint64_t *h_line;
    uint8_t *h_ref; /* some members.csv record resolved to it */
    size_t *h_inc;  /* last income record of the household + 1 (0: none) */
    size_t last_h;  /* the household the previous reference resolved to, or SIZE_MAX */
    size_t *hskip_off;
    size_t nhskip;
    struct idtab ht;
    /* members, incomes, events, in file order */
    struct fupin__member *m;
    size_t nm;
    struct member_side *ms;
    size_t capm;
    size_t *m_prev;  /* previous member of the same household + 1 (0: none) */
    size_t *h_mem;   /* last member of the household + 1 (0: none) */
    uint32_t *h_nm;  /* members of the household so far */
    struct idtab mt; /* members of large households only (allocated at first need) */
    struct fupin__income *inc;
    size_t ni;
    size_t *i_h;
    size_t *i_prev; /* previous income record of the same household + 1 (0: none) */
    struct fupin__event *ev;
    size_t ne;
    size_t *e_h;
    /* problems: all of them (lenient) or the first by position (strict) */
    struct problem *probs;
    size_t nprobs, capprobs, seq;
    int have_err, err_file, err_col;
    uint64_t err_line;
    char err_msg[1024];
    uint64_t read[FUPIN_FILE_COUNT], loaded[FUPIN_FILE_COUNT], skipped[FUPIN_FILE_COUNT];
    int32_t latest;
};

/* ------------------------------------------------------------ hashing */

/* Eight bytes at a time: ids are short, and a byte loop was a visible share of a
 * load. Not a stable format: only ever compared within one load. */
static uint64_t hash_bytes(const char *s, size_t n, uint64_t seed)
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

static void *zpool(size_t n, size_t size);

static int idtab_init(struct idtab *t, size_t n)
{
    size_t cap = 16;
    while (cap / 2 < n + 1) {
        if (cap > SIZE_MAX / 4)
            return FUPIN_ENOMEM;
        cap <<= 1;
    }
    t->slot = zpool(cap, sizeof *t->slot);
    if (!t->slot)
        return FUPIN_ENOMEM;
    t->mask = cap - 1;
    return 0;
}

static void idtab_free(struct idtab *t)
{
    fupin__free(t->slot);
    t->slot = NULL;
    t->mask = 0;
}

/* stored (NUL-terminated) equals p[0..n), which may itself hold NUL bytes. */
static int str_eq(const char *stored, const char *p, size_t n)
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
static size_t *find_village(struct loader *L, const char *p, size_t n)
{
    uint64_t h = hash_bytes(p, n, 0);
    struct idslot *s;
    for (size_t i = (size_t)h & L->vt.mask;; i = (i + 1) & L->vt.mask) {
        s = &L->vt.slot[i];
        if (!s->val || (s->hash == h && str_eq(village_key(L, s->val), p, n)))
            break;
    }
    s->hash = h;
    return &s->val;
}

static size_t *find_household(struct loader *L, const char *p, size_t n)
{
    uint64_t h = hash_bytes(p, n, 0);
    struct idslot *s;
    for (size_t i = (size_t)h & L->ht.mask;; i = (i + 1) & L->ht.mask) {
        s = &L->ht.slot[i];
        if (!s->val || (s->hash == h && str_eq(household_key(L, s->val), p, n)))
            break;
    }
    s->hash = h;
    return &s->val;
}

/* Duplicate member_id check. Households are small and their records usually adjacent,
 * so a household's own chain is searched (cache-friendly); a household that grows past
 * BIG_HOUSEHOLD members moves to the hash table so no input is quadratic. */
#define BIG_HOUSEHOLD 32
static size_t *find_member(struct loader *L, size_t h, const char *p, size_t n);

static int member_exists(struct loader *L, size_t h, const char *p, size_t n)
{
    if (L->h_nm[h] < BIG_HOUSEHOLD) {
        for (size_t i = L->h_mem[h]; i; i = L->m_prev[i - 1])
            if (str_eq(L->arena.data + L->ms[i - 1].idoff, p, n))
                return 1;
        return 0;
    }
    return *find_member(L, h, p, n) != 0;
}

static int add_member(struct loader *L, size_t h, const struct fupin__member *m, size_t idoff)
{
    size_t idx = L->nm++;
    L->m[idx] = *m;
    L->ms[idx].h = h;
    L->ms[idx].idoff = idoff;
    L->m_prev[idx] = L->h_mem[h];
    L->h_mem[h] = idx + 1;
    if (++L->h_nm[h] < BIG_HOUSEHOLD)
        return 0;
    if (!L->mt.slot && idtab_init(&L->mt, L->capm))
        return FUPIN_ENOMEM;
    if (L->h_nm[h] > BIG_HOUSEHOLD) {
        const char *id = L->arena.data + idoff;
        *find_member(L, h, id, strlen(id)) = idx + 1;
        return 0;
    }
    for (size_t i = L->h_mem[h]; i; i = L->m_prev[i - 1]) {
        const char *id = L->arena.data + L->ms[i - 1].idoff;
        *find_member(L, h, id, strlen(id)) = i;
    }
    return 0;
}

static size_t *find_member(struct loader *L, size_t h, const char *p, size_t n)
{
    uint64_t hash = hash_bytes(p, n, h);
    struct idslot *slot;
    for (size_t i = (size_t)hash & L->mt.mask;; i = (i + 1) & L->mt.mask) {
        slot = &L->mt.slot[i];
        size_t s = slot->val;
        if (!s || (slot->hash == hash && L->ms[s - 1].h == h &&
                   str_eq(L->arena.data + L->ms[s - 1].idoff, p, n)))
            break;
    }
    slot->hash = hash;
    return &slot->val;
}

/* A household has at most one record per year 1949..2100 (and one year-0 marker), so
 * its chain of income records is short: no table needed. */
static int has_income(const struct loader *L, size_t h, int32_t year)
{
    for (size_t i = L->h_inc[h]; i; i = L->i_prev[i - 1])
        if (L->inc[i - 1].year == year)
            return 1;
    return 0;
}

static void add_income(struct loader *L, size_t h, const struct fupin__income *inc)
{
    L->inc[L->ni] = *inc;
    L->i_h[L->ni] = h;
    L->i_prev[L->ni] = L->h_inc[h];
    L->h_inc[h] = ++L->ni;
}

/* ------------------------------------------------------------ problems */

/* Identity numbers are never printed whole (docs/dataset.md): any run of 15 or more
 * digits (an id number, possibly shifted into another column) keeps only its first 6
 * and last 4 characters. */
static void mask_runs(char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if (!((s[i] >= '0' && s[i] <= '9') || s[i] == 'X' || s[i] == 'x')) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && ((s[j] >= '0' && s[j] <= '9') || s[j] == 'X' || s[j] == 'x'))
            j++;
        if (j - i >= 15)
            for (size_t k = i + 6; k < j - 4; k++)
                s[k] = '*';
        i = j;
    }
}

static int pos_before(int f1, uint64_t l1, int c1, int f2, uint64_t l2, int c2)
{
    if (f1 != f2)
        return f1 < f2;
    if (l1 != l2)
        return l1 < l2;
    return c1 < c2;
}

static int report_at(struct loader *L, int file, uint64_t line, int col, const char *colname,
                     const char *what, const char *v, size_t n)
{
    char val[80], q[256], msg[1024];
    size_t vn = n < 70 ? n : 70;
    if (!v)
        v = "";
    if (strcmp(colname, "id_number") == 0) {
        fupin__mask_idnum(v, vn, val, sizeof val);
        vn = strlen(val);
    } else {
        memcpy(val, v, vn);
        mask_runs(val, vn);
    }
    fupin__quote_value(q, sizeof q, val, n > 70 ? 61 : vn);
    snprintf(msg, sizeof msg, "%s:%llu: column %.200s: %s (got \"%s\")",
             fupin__dataset_file_names[file], (unsigned long long)line, colname, what, q);
    if (!L->lenient) {
        if (!L->have_err || pos_before(file, line, col, L->err_file, L->err_line, L->err_col)) {
            L->have_err = 1;
            L->err_file = file;
            L->err_line = line;
            L->err_col = col;
            memcpy(L->err_msg, msg, sizeof msg);
        }
        return 0;
    }
    if (L->nprobs == L->capprobs) {
        size_t cap = L->capprobs ? L->capprobs * 2 : 64;
        struct problem *p = fupin__reallocarray(L->probs, cap, sizeof *p);
        if (!p)
            return FUPIN_ENOMEM;
        L->probs = p;
        L->capprobs = cap;
    }
    char *s = fupin__strdup(msg);
    if (!s)
        return FUPIN_ENOMEM;
    L->probs[L->nprobs++] = (struct problem){file, col, line, L->seq++, s};
    L->have_err = 1;
    return 0;
}

/* ------------------------------------------------------------ one record */

/* The leftmost problem of a record, in header order. */
struct rec {
    const struct fupin__csv_record *r;
    int limit;   /* header indices >= limit are not read (a malformed record) */
    int bad_col; /* header index of the leftmost problem, INT_MAX when none */
    const char *what, *val;
    size_t vn;
    uint32_t bad; /* known columns whose value was rejected */
    char what_buf[96];
};

static void cand(struct rec *x, int col, const char *what, const char *v, size_t n)
{
    if (col < x->bad_col) {
        x->bad_col = col;
        x->what = what;
        x->val = v;
        x->vn = n;
    }
}

/* A known column's value: blank when the column is absent or beyond a short record. */
static struct fupin__csv_field fld(const struct loader *L, const struct rec *x, int k)
{
    struct fupin__csv_field f = {"", 0};
    int i = L->col[k];
    if (i >= 0 && (size_t)i < x->r->n)
        f = x->r->fields[i];
    return f;
}

static void value_cand(const struct loader *L, struct rec *x, int k, const char *what)
{
    if (what) {
        struct fupin__csv_field f = fld(L, x, k);
        x->bad |= 1u << k;
        cand(x, L->col[k], what, f.p, f.n);
    }
}

static void rec_begin(const struct loader *L, struct rec *x, const struct fupin__csv_record *r)
{
    x->r = r;
    x->bad_col = INT_MAX;
    x->bad = 0;
    x->what = NULL;
    x->val = "";
    x->vn = 0;
    x->limit = L->nhdr;
    int fcol = INT_MAX;
    const char *fwhat = NULL, *fval = "";
    size_t fvn = 0;
    if (r->fault) {
        fcol = (int)(r->fault_field < (size_t)INT_MAX ? r->fault_field : INT_MAX);
        fwhat = fupin__csv_fault_text(r->fault);
        fval = r->raw;
        fvn = r->raw_n;
    }
    if (r->n != (size_t)L->nhdr) {
        int c = r->n < (size_t)L->nhdr ? (int)r->n : L->nhdr - 1;
        if (c < fcol) {
            fcol = c;
            snprintf(x->what_buf, sizeof x->what_buf,
                     "wrong number of fields (%zu, the header has %d)", r->n, L->nhdr);
            fwhat = x->what_buf;
            fval = r->n < (size_t)L->nhdr ? "" : r->fields[L->nhdr].p;
            fvn = r->n < (size_t)L->nhdr ? 0 : r->fields[L->nhdr].n;
        }
    }
    if (fwhat) {
        if (fcol > L->nhdr - 1)
            fcol = L->nhdr - 1;
        x->limit = fcol;
        cand(x, fcol, fwhat, fval, fvn);
    }
}

static int rec_report(struct loader *L, struct rec *x)
{
    return report_at(L, L->file, x->r->line, x->bad_col, L->hname[x->bad_col], x->what, x->val,
                     x->vn);
}

static int arena_add(struct loader *L, const char *p, size_t n, size_t *off)
{
    *off = L->arena.len;
    fupin__buf_add(&L->arena, p, n);
    fupin__buf_add(&L->arena, "", 1);
    return L->arena.failed ? FUPIN_ENOMEM : 0;
}

static int ok_col(const struct loader *L, const struct rec *x, int k)
{
    return L->col[k] >= 0 && L->col[k] < x->limit && !(x->bad & (1u << k));
}

/* A lenient load must attribute a skipped record to its household even when the record
 * is malformed: look its household_id up as written. SIZE_MAX when not loaded. */
static size_t resolve_household(struct loader *L, const struct rec *x, int k)
{
    struct fupin__csv_field f = fld(L, x, k);
    if (!f.n || fupin__check_id(f.p, f.n))
        return SIZE_MAX;
    size_t s = *find_household(L, f.p, f.n);
    return s && !((s - 1) & 1) ? (s - 1) >> 1 : SIZE_MAX;
}

static int village_record(struct loader *L, const struct fupin__csv_record *r)
{
    struct rec x;
    struct fupin_village v;
    char *name = NULL;
    struct fupin__csv_field namef = {"", 0};
    rec_begin(L, &x, r);
    fupin__village_init(&v);
    for (int i = 0; i < x.limit; i++) {
        int k = L->hmap[i];
        if (k < 0)
            continue;
        struct fupin__csv_field f = r->fields[i];
        const char *bad;
        if (k == VC_CODE) {
            bad = f.n ? fupin__village_check_code(f.p, f.n) : "village_code is required";
            if (!bad) {
                memcpy(v.code, f.p, 12);
                v.code[12] = '\0';
            }
        } else {
            bad = fupin__village_set_field_at(&v, L->fidx[k], f.p, f.n, &name);
            if (k == VC_NAME)
                namef = f;
        }
        value_cand(L, &x, k, bad);
    }
    size_t *slot = NULL;
    if (ok_col(L, &x, VC_CODE)) {
        slot = find_village(L, v.code, 12);
        if (*slot) {
            struct fupin__csv_field f = fld(L, &x, VC_CODE);
            cand(&x, L->col[VC_CODE], "duplicate village_code", f.p, f.n);
        }
    }
    if (x.what) {
        L->skipped[L->file]++;
        if (slot && !*slot) {
            /* households naming it are skipped as referring to a skipped record */
            size_t off;
            if (arena_add(L, v.code, 12, &off))
                return FUPIN_ENOMEM;
            L->vskip_off[L->nvskip] = off;
            *slot = ((L->nvskip++ << 1) | 1) + 1;
        }
        return rec_report(L, &x);
    }
    if (arena_add(L, namef.p, namef.n, &L->v_nameoff[L->nv]))
        return FUPIN_ENOMEM;
    *slot = (L->nv << 1) + 1;
    L->v[L->nv++] = v;
    L->loaded[L->file]++;
    return 0;
}

static int household_record(struct loader *L, const struct fupin__csv_record *r)
{
    struct rec x;
    struct fupin_household h;
    size_t vidx = SIZE_MAX;
    rec_begin(L, &x, r);
    fupin__household_init(&h);
    for (int i = 0; i < x.limit; i++) {
        int k = L->hmap[i];
        if (k < 0)
            continue;
        struct fupin__csv_field f = r->fields[i];
        const char *bad;
        if (k == HC_ID) {
            bad = fupin__check_id(f.p, f.n);
        } else if (k == HC_VILLAGE && f.n == 0) {
            bad = "village_code is required";
        } else {
            bad = fupin__household_set_field_at(&h, L->fidx[k], f.p, f.n);
            if (!bad && k == HC_VILLAGE) {
                size_t s = *find_village(L, f.p, f.n);
                if (!s)
                    bad = "unknown village (not in villages.csv)";
                else if ((s - 1) & 1)
                    bad = "village was skipped";
                else
                    vidx = (s - 1) >> 1;
            }
        }
        value_cand(L, &x, k, bad);
    }
    size_t *slot = NULL;
    struct fupin__csv_field idf = fld(L, &x, HC_ID);
    if (ok_col(L, &x, HC_ID)) {
        slot = find_household(L, idf.p, idf.n);
        if (*slot)
            cand(&x, L->col[HC_ID], "duplicate household_id", idf.p, idf.n);
    }
    if (x.limit == L->nhdr && !(x.bad & ((1u << HC_REGISTERED) | (1u << HC_EXIT) |
                                         (1u << HC_MONITOR) | (1u << HC_MONITOR_SINCE)))) {
        const char *column = NULL;
        const char *bad = fupin__household_check(&h, &column);
        if (bad) {
            int k = strcmp(column, "exit_year") == 0 ? HC_EXIT : HC_MONITOR_SINCE;
            value_cand(L, &x, k, bad);
        }
    }
    if (x.what) {
        L->skipped[L->file]++;
        if (vidx == SIZE_MAX) {
            struct fupin__csv_field f = fld(L, &x, HC_VILLAGE);
            size_t s = f.n == 12 ? *find_village(L, f.p, f.n) : 0;
            if (s && !((s - 1) & 1))
                vidx = (s - 1) >> 1;
        }
        if (vidx != SIZE_MAX)
            L->v[vidx].household_skipped = 1; /* R-V1: poor population unknown */
        if (!slot && idf.n && !fupin__check_id(idf.p, idf.n)) {
            slot = find_household(L, idf.p, idf.n);
        }
        if (slot && !*slot) {
            size_t off;
            if (arena_add(L, idf.p, idf.n, &off))
                return FUPIN_ENOMEM;
            L->hskip_off[L->nhskip] = off;
            *slot = ((L->nhskip++ << 1) | 1) + 1;
        }
        return rec_report(L, &x);
    }
    if (arena_add(L, idf.p, idf.n, &L->h_idoff[L->nh]))
        return FUPIN_ENOMEM;
    h.region = L->v[vidx].region;
    h.water_scarce = L->v[vidx].water_scarce;
    L->h_vidx[L->nh] = vidx;
    L->h_line[L->nh] = r->line;
    L->h_ref[L->nh] = 0;
    *slot = (L->nh << 1) + 1;
    L->h[L->nh++] = h;
    L->loaded[L->file]++;
    return 0;
}

/* The household a members/incomes/events record names, checked as a value. */
static size_t household_ref(struct loader *L, struct rec *x, int k)
{
    struct fupin__csv_field f = fld(L, x, k);
    if (L->col[k] >= x->limit)
        return SIZE_MAX;
    /* records of one household usually follow each other: skip the table */
    if (L->last_h != SIZE_MAX && f.n) {
        if (str_eq(L->arena.data + L->h_idoff[L->last_h], f.p, f.n))
            return L->last_h;
        /* files sorted like households.csv: the next household is the next one */
        if (L->last_h + 1 < L->nh && str_eq(L->arena.data + L->h_idoff[L->last_h + 1], f.p, f.n))
            return ++L->last_h;
    }
    const char *bad = fupin__check_id(f.p, f.n);
    size_t idx = SIZE_MAX;
    if (!bad) {
        size_t s = *find_household(L, f.p, f.n);
        if (!s)
            bad = "unknown household (not in households.csv)";
        else if ((s - 1) & 1)
            bad = "household was skipped";
        else
            idx = L->last_h = (s - 1) >> 1;
    }
    value_cand(L, x, k, bad);
    return idx;
}

static void member_init(struct fupin__member *m)
{
    memset(m, 0, sizeof *m);
    m->sex = m->school = m->disability = m->insured = m->health = m->labor = -1;
}

static int member_record(struct loader *L, const struct fupin__csv_record *r)
{
    struct rec x;
    struct fupin__member m;
    rec_begin(L, &x, r);
    member_init(&m);
    size_t hidx = household_ref(L, &x, MC_HOUSEHOLD);
    for (int i = 0; i < x.limit; i++) {
        int k = L->hmap[i];
        if (k < 0 || k == MC_HOUSEHOLD)
            continue;
        struct fupin__csv_field f = r->fields[i];
        const char *bad;
        if (k == MC_ID)
            bad = fupin__check_id(f.p, f.n);
        else
            bad = fupin__member_set_field_at(&m, L->fidx[k], f.p, f.n);
        value_cand(L, &x, k, bad);
    }
    struct fupin__csv_field idf = fld(L, &x, MC_ID);
    if (hidx != SIZE_MAX && ok_col(L, &x, MC_ID)) {
        if (member_exists(L, hidx, idf.p, idf.n))
            cand(&x, L->col[MC_ID], "duplicate member_id in the household", idf.p, idf.n);
    }
    if (hidx == SIZE_MAX && x.what)
        hidx = resolve_household(L, &x, MC_HOUSEHOLD);
    if (hidx != SIZE_MAX)
        L->h_ref[hidx] = 1;
    if (x.what) {
        L->skipped[L->file]++;
        if (hidx != SIZE_MAX)
            L->h[hidx].incomplete = 1; /* its members are not all known */
        return rec_report(L, &x);
    }
    size_t off;
    if (arena_add(L, idf.p, idf.n, &off) || add_member(L, hidx, &m, off))
        return FUPIN_ENOMEM;
    L->loaded[L->file]++;
    return 0;
}

static void income_init(struct fupin__income *inc, int32_t year)
{
    memset(inc, 0, sizeof *inc);
    inc->year = year;
    inc->wage = inc->business = inc->property = inc->transfer = FUPIN__FEN_UNKNOWN;
    inc->medical_expense = inc->education_expense = FUPIN__FEN_UNKNOWN;
    inc->production_expense = 0; /* as when the optional column is absent */
}

static const char *parse_year_req(const struct fupin__csv_field *f, int32_t *y)
{
    if (f->n == 0)
        return "year is required";
    return fupin__parse_year(f->p, f->n, 1949, 2100, y);
}

static int income_record(struct loader *L, const struct fupin__csv_record *r)
{
    struct rec x;
    struct fupin__income inc;
    int32_t year = 0;
    rec_begin(L, &x, r);
    income_init(&inc, 0);
    size_t hidx = household_ref(L, &x, IC_HOUSEHOLD);
    for (int i = 0; i < x.limit; i++) {
        int k = L->hmap[i];
        if (k < 0 || k == IC_HOUSEHOLD)
            continue;
        struct fupin__csv_field f = r->fields[i];
        const char *bad;
        if (k == IC_YEAR)
            bad = parse_year_req(&f, &year);
        else
            bad = fupin__income_set_field_at(&inc, L->fidx[k], f.p, f.n);
        value_cand(L, &x, k, bad);
    }
    int year_ok = ok_col(L, &x, IC_YEAR);
    if (!year_ok && x.what && L->col[IC_YEAR] >= x.limit) {
        /* a malformed record: use its year when it is readable */
        struct fupin__csv_field f = fld(L, &x, IC_YEAR);
        year_ok = !parse_year_req(&f, &year);
    }
    if (!year_ok)
        year = 0;
    if (hidx != SIZE_MAX && ok_col(L, &x, IC_YEAR)) {
        if (has_income(L, hidx, year)) {
            struct fupin__csv_field f = fld(L, &x, IC_YEAR);
            cand(&x, L->col[IC_YEAR], "duplicate year for the household", f.p, f.n);
        }
    }
    if (x.what) {
        L->skipped[L->file]++;
        if (hidx == SIZE_MAX)
            hidx = resolve_household(L, &x, IC_HOUSEHOLD);
        if (hidx != SIZE_MAX && !has_income(L, hidx, year)) {
            /* the household-year's income is unknown (year 0: every year) */
            struct fupin__income marker;
            income_init(&marker, year);
            marker.skipped = 1;
            add_income(L, hidx, &marker);
        }
        return rec_report(L, &x);
    }
    inc.year = year;
    add_income(L, hidx, &inc);
    if (year > L->latest)
        L->latest = year;
    L->loaded[L->file]++;
    return 0;
}

static int event_record(struct loader *L, const struct fupin__csv_record *r)
{
    struct rec x;
    struct fupin__event ev = {0, 0, FUPIN__FEN_UNKNOWN};
    int32_t year = 0;
    rec_begin(L, &x, r);
    size_t hidx = household_ref(L, &x, EC_HOUSEHOLD);
    for (int i = 0; i < x.limit; i++) {
        int k = L->hmap[i];
        if (k < 0 || k == EC_HOUSEHOLD)
            continue;
        struct fupin__csv_field f = r->fields[i];
        const char *bad = NULL;
        if (k == EC_YEAR) {
            bad = parse_year_req(&f, &year);
        } else if (k == EC_KIND) {
            int kind = fupin__parse_enum(f.p, f.n, fupin__event_names, FUPIN__EVENT_KIND_COUNT);
            if (kind < 0)
                bad = f.n ? "not an event kind" : "kind is required";
            else
                ev.kind = kind;
        } else if (f.n) {
            bad = fupin__parse_amount(f.p, f.n, 0, &ev.amount);
        }
        value_cand(L, &x, k, bad);
    }
    int year_ok = ok_col(L, &x, EC_YEAR);
    if (!year_ok && x.what && L->col[EC_YEAR] >= x.limit) {
        struct fupin__csv_field f = fld(L, &x, EC_YEAR);
        year_ok = !parse_year_req(&f, &year);
    }
    ev.year = year_ok ? year : 0;
    if (x.what) {
        L->skipped[L->file]++;
        if (hidx == SIZE_MAX)
            hidx = resolve_household(L, &x, EC_HOUSEHOLD);
        if (hidx != SIZE_MAX) {
            /* R-M1: an unreadable risk event makes the risk unknown */
            ev.kind = FUPIN__EVENT_SKIPPED;
            ev.amount = FUPIN__FEN_UNKNOWN;
            L->ev[L->ne] = ev;
            L->e_h[L->ne++] = hidx;
        }
        return rec_report(L, &x);
    }
    L->ev[L->ne] = ev;
    L->e_h[L->ne++] = hidx;
    L->loaded[L->file]++;
    return 0;
}

/* ------------------------------------------------------------ one file */

static void free_header(struct loader *L)
{
    fupin__free(L->hmap);
    fupin__free(L->hname);
    fupin__free(L->hbuf);
    L->hmap = NULL;
    L->hname = NULL;
    L->hbuf = NULL;
    L->nhdr = 0;
}

static int header(struct loader *L, const struct fupin__csv_record *r, const char *raw,
                  size_t raw_n)
{
    const struct file_spec *sp = &specs[L->file];
    char q[256];
    if (r->fault) {
        fupin__quote_value(q, sizeof q, r->raw, r->raw_n);
        return fupin__error(FUPIN_EPARSE, "%s:%llu: column %zu: %s (got \"%s\")", L->fname,
                            (unsigned long long)r->line, r->fault_field + 1,
                            fupin__csv_fault_text(r->fault), q);
    }
    if (r->n > (size_t)INT_MAX / 2)
        return fupin__error(FUPIN_EPARSE, "%s:%llu: too many columns", L->fname,
                            (unsigned long long)r->line);
    size_t total = 0;
    for (size_t i = 0; i < r->n; i++)
        total += r->fields[i].n + 1;
    L->nhdr = (int)r->n;
    L->hmap = fupin__malloc(r->n * sizeof *L->hmap);
    L->hname = fupin__malloc(r->n * sizeof *L->hname);
    L->hbuf = fupin__malloc(total);
    if (!L->hmap || !L->hname || !L->hbuf)
        return fupin__oom();
    char *o = L->hbuf;
    static int (*const field_index[FUPIN_FILE_COUNT])(const char *) = {
        fupin__village_field_index, fupin__household_field_index, fupin__member_field_index,
        fupin__income_field_index, NULL};
    for (int k = 0; k < MAX_COLS; k++) {
        L->col[k] = -1;
        L->fidx[k] = k < sp->ncols && field_index[L->file] ? field_index[L->file](sp->cols[k]) : -1;
    }
    for (size_t i = 0; i < r->n; i++) {
        const struct fupin__csv_field *f = &r->fields[i];
        memcpy(o, f->p, f->n);
        o[f->n] = '\0';
        L->hname[i] = o;
        o += f->n + 1;
        L->hmap[i] = -1;
        for (int k = 0; k < sp->ncols; k++) {
            if (!str_eq(sp->cols[k], f->p, f->n))
                continue;
            if (L->col[k] >= 0) {
                fupin__quote_value(q, sizeof q, f->p, f->n);
                return fupin__error(FUPIN_EPARSE,
                                    "%s:%llu: column %s: column appears twice in the header "
                                    "(got \"%s\")",
                                    L->fname, (unsigned long long)r->line, sp->cols[k], q);
            }
            L->col[k] = (int)i;
            L->hmap[i] = k;
        }
    }
    for (int k = 0; k < sp->ncols; k++) {
        if (L->col[k] < 0 && k != sp->optional_col) {
            fupin__quote_value(q, sizeof q, raw, raw_n);
            return fupin__error(FUPIN_EPARSE,
                                "%s:%llu: column %s: required column is missing from the "
                                "header (got \"%s\")",
                                L->fname, (unsigned long long)r->line, sp->cols[k], q);
        }
    }
    return 0;
}

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

static void *pool(size_t n, size_t size)
{
    return huge(fupin__malloc(n * size), n * size);
}

static void *zpool(size_t n, size_t size)
{
    return huge(fupin__calloc(n, size), n * size);
}

/* Records of a file cannot outnumber its lines: size the pools and tables once. */
static int prepare(struct loader *L, size_t n)
{
    switch (L->file) {
    case FUPIN_FILE_VILLAGES:
        L->v = fupin__calloc(n, sizeof *L->v);
        L->v_nameoff = fupin__calloc(n, sizeof *L->v_nameoff);
        L->vskip_off = fupin__calloc(n, sizeof *L->vskip_off);
        if (!L->v || !L->v_nameoff || !L->vskip_off)
            return FUPIN_ENOMEM;
        return idtab_init(&L->vt, n);
    case FUPIN_FILE_HOUSEHOLDS:
        L->h = pool(n, sizeof *L->h);
        L->h_idoff = pool(n, sizeof *L->h_idoff);
        L->h_vidx = pool(n, sizeof *L->h_vidx);
        L->h_line = pool(n, sizeof *L->h_line);
        L->h_ref = fupin__malloc(n * sizeof *L->h_ref);
        L->hskip_off = fupin__malloc(n * sizeof *L->hskip_off);
        if (!L->h || !L->h_idoff || !L->h_vidx || !L->h_line || !L->h_ref || !L->hskip_off)
            return FUPIN_ENOMEM;
        return idtab_init(&L->ht, n);
    case FUPIN_FILE_MEMBERS:
        L->capm = n;
        L->m = pool(n, sizeof *L->m);
        L->ms = pool(n, sizeof *L->ms);
        L->m_prev = pool(n, sizeof *L->m_prev);
        L->h_mem = zpool(L->nh ? L->nh : 1, sizeof *L->h_mem);
        L->h_nm = zpool(L->nh ? L->nh : 1, sizeof *L->h_nm);
        return L->m && L->ms && L->m_prev && L->h_mem && L->h_nm ? 0 : FUPIN_ENOMEM;
    case FUPIN_FILE_INCOMES:
        L->inc = pool(n, sizeof *L->inc);
        L->i_h = pool(n, sizeof *L->i_h);
        L->i_prev = pool(n, sizeof *L->i_prev);
        L->h_inc = zpool(L->nh ? L->nh : 1, sizeof *L->h_inc);
        return L->inc && L->i_h && L->i_prev && L->h_inc ? 0 : FUPIN_ENOMEM;
    default:
        L->ev = fupin__malloc(n * sizeof *L->ev);
        L->e_h = fupin__malloc(n * sizeof *L->e_h);
        return L->ev && L->e_h ? 0 : FUPIN_ENOMEM;
    }
}

/* A mapped file is read front to back, twice (count, then parse): map its pages in
 * bulk a window ahead, one call instead of a fault per few pages, and give back the
 * pages behind, which no record points into any more, so the files do not sit in
 * memory on top of the records. Memory sources are never touched. */
#define PAGER_WINDOW ((size_t)8 << 20)

struct pager {
    const char *data;
    size_t len, page, next, populated, dropped;
    int on;
};

static void pager_init(struct pager *p, const struct loader *L, const char *data, size_t len)
{
    memset(p, 0, sizeof *p);
    p->data = data;
    p->len = len;
    long page = sysconf(_SC_PAGESIZE);
    p->page = page > 0 ? (size_t)page : 4096;
    p->on = L->mapped && (uintptr_t)data % p->page == 0;
}

/* Everything before pos has been read. */
static void pager_at(struct pager *p, size_t pos)
{
    if (!p->on || pos < p->next)
        return;
    size_t behind = pos / p->page * p->page;
    if (behind > p->dropped) {
        (void)madvise((char *)p->data + p->dropped, behind - p->dropped, MADV_DONTNEED);
        p->dropped = behind;
    }
    if (p->populated < p->dropped)
        p->populated = p->dropped;
#ifdef MADV_POPULATE_READ
    size_t ahead = pos + PAGER_WINDOW < p->len ? pos + PAGER_WINDOW : p->len;
    if (ahead > p->populated) {
        (void)madvise((char *)p->data + p->populated, ahead - p->populated, MADV_POPULATE_READ);
        p->populated = (ahead + p->page - 1) / p->page * p->page;
    }
#endif
    p->next = pos + PAGER_WINDOW / 2;
}

static size_t count_lines(struct pager *pg, const char *d, size_t n)
{
    size_t lines = 1, done = 0;
    const char *base = pg->data;
    while (done < n) {
        size_t step = n - done < PAGER_WINDOW / 4 ? n - done : PAGER_WINDOW / 4;
        pager_at(pg, (size_t)(d + done - base));
        const char *q = d + done, *end = q + step;
        while ((q = memchr(q, '\n', (size_t)(end - q))) != NULL) {
            lines++;
            q++;
        }
        done += step;
    }
    /* the parse starts over from the front */
    pg->next = pg->populated = 0;
    pg->dropped = 0;
    return lines;
}

static int (*const record_fn[FUPIN_FILE_COUNT])(struct loader *,
                                                const struct fupin__csv_record *) = {
    village_record, household_record, member_record, income_record, event_record};

static int parse_file(struct loader *L, const char *data, size_t len)
{
    struct fupin__csv c;
    struct fupin__csv_record r;
    int rc;
    fupin__csv_init(&c, data, len);
    size_t hstart = c.pos;
    rc = fupin__csv_next(&c, &r);
    if (rc < 0)
        goto oom;
    if (rc == 0) {
        fupin__csv_free(&c);
        if (!specs[L->file].required)
            return 0; /* an empty optional file is as good as absent */
        return fupin__error(FUPIN_EIO, "%s: required file is empty", L->fname);
    }
    /* the header's text, without its line end, for the missing-column message */
    size_t hend = c.pos;
    while (hend > hstart && (data[hend - 1] == '\n' || data[hend - 1] == '\r'))
        hend--;
    rc = header(L, &r, data + hstart, hend - hstart);
    if (rc) {
        fupin__csv_free(&c);
        return rc;
    }
    struct pager pg;
    pager_init(&pg, L, data, len);
    if (prepare(L, count_lines(&pg, data + c.pos, len - c.pos)))
        goto oom;
    while ((rc = fupin__csv_next(&c, &r)) > 0) {
        L->read[L->file]++;
        if (record_fn[L->file](L, &r))
            goto oom;
        pager_at(&pg, c.pos);
    }
    if (rc < 0)
        goto oom;
    fupin__csv_free(&c);
    return 0;
oom:
    fupin__csv_free(&c);
    return fupin__oom();
}

/* Every household needs at least one member row (docs/dataset.md); reported at its own
 * households.csv line, which is why "first" is decided by position. */
static int check_members(struct loader *L)
{
    for (size_t i = 0; i < L->nh; i++) {
        if (L->h_ref[i])
            continue;
        L->h[i].incomplete = 1;
        const char *id = L->arena.data + L->h_idoff[i];
        if (report_at(L, FUPIN_FILE_HOUSEHOLDS, L->h_line[i], L->col_hid_households, "household_id",
                      "household has no member in members.csv", id, strlen(id)))
            return FUPIN_ENOMEM;
    }
    return 0;
}

/* ------------------------------------------------------------ building */

/* Move element i to dest[i] for every i, in place (cycle following). */
static void permute(void *base, size_t n, size_t size, size_t *dest)
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
            dest[j] = j;
        }
    }
}

/* Give each record of a pool its final position: grouped by final household, in file
 * order within a household. owner[i] (a load index) becomes the destination; start
 * must hold nh + 1 zeroed entries and ends with start[fh] = the group's end. */
static void group_by_household(size_t *owner, size_t n, const size_t *hdest, size_t *start,
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

static int build(struct loader *L, fupin_dataset *d)
{
    size_t nh = L->nh, nv = L->nv;
    size_t *start = fupin__calloc(nh + 1 > nv + 1 ? nh + 1 : nv + 1, sizeof *start);
    if (!start)
        return fupin__oom();
    /* the arena is final from here on: turn offsets into pointers */
    d->arena = L->arena.data;
    d->arena_len = L->arena.len;
    L->arena.data = NULL;
    for (size_t i = 0; i < nv; i++) {
        L->v[i].name = d->arena + L->v_nameoff[i];
        L->v[i].owns_storage = 0;
    }
    for (size_t i = 0; i < nh; i++)
        L->h[i].id = d->arena + L->h_idoff[i];
    for (size_t i = 0; i < L->nm; i++)
        L->m[i].id = d->arena + L->ms[i].idoff;

    L->m = shrink(L->m, L->nm, sizeof *L->m);
    L->inc = shrink(L->inc, L->ni, sizeof *L->inc);
    L->ev = shrink(L->ev, L->ne, sizeof *L->ev);
    L->h = shrink(L->h, nh, sizeof *L->h);
    L->v = shrink(L->v, nv, sizeof *L->v);

    /* households grouped by village in village order, file order within a village */
    size_t *hdest = L->h_vidx;
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
    size_t *ms_owner = fupin__malloc((L->nm ? L->nm : 1) * sizeof *ms_owner);
    if (!ms_owner) {
        fupin__free(start);
        return fupin__oom();
    }
    for (size_t i = 0; i < L->nm; i++)
        ms_owner[i] = L->ms[i].h;
    memset(start, 0, (nh + 1) * sizeof *start);
    group_by_household(ms_owner, L->nm, hdest, start, nh);
    for (size_t i = 0; i < nh; i++) {
        size_t fh = hdest[i], begin = fh ? start[fh - 1] : 0;
        L->h[i].members = L->m ? L->m + begin : NULL;
        L->h[i].n_members = L->h[i].cap_members = start[fh] - begin;
    }
    permute(L->m, L->nm, sizeof *L->m, ms_owner);
    fupin__free(ms_owner);

    memset(start, 0, (nh + 1) * sizeof *start);
    group_by_household(L->i_h, L->ni, hdest, start, nh);
    for (size_t i = 0; i < nh; i++) {
        size_t fh = hdest[i], begin = fh ? start[fh - 1] : 0;
        L->h[i].incomes = L->inc ? L->inc + begin : NULL;
        L->h[i].n_incomes = L->h[i].cap_incomes = start[fh] - begin;
    }
    permute(L->inc, L->ni, sizeof *L->inc, L->i_h);
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
        size_t fh = hdest[i], begin = fh ? start[fh - 1] : 0;
        L->h[i].events = L->ev ? L->ev + begin : NULL;
        L->h[i].n_events = L->h[i].cap_events = start[fh] - begin;
        L->h[i].owns_arrays = 0;
    }
    permute(L->ev, L->ne, sizeof *L->ev, L->e_h);
    permute(L->h, nh, sizeof *L->h, hdest);
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
    if (pos_before(p->file, p->line, p->col, q->file, q->line, q->col))
        return -1;
    if (pos_before(q->file, q->line, q->col, p->file, p->line, p->col))
        return 1;
    return p->seq < q->seq ? -1 : p->seq > q->seq;
}

/* Problems in position order, so a reader sees them as in the files. */
static int take_problems(struct loader *L, fupin_dataset *d)
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

static void loader_free(struct loader *L)
{
    free_header(L);
    fupin__buf_free(&L->arena);
    fupin__free(L->v);
    fupin__free(L->v_nameoff);
    fupin__free(L->vskip_off);
    idtab_free(&L->vt);
    fupin__free(L->h);
    fupin__free(L->h_idoff);
    fupin__free(L->h_vidx);
    fupin__free(L->h_line);
    fupin__free(L->h_ref);
    fupin__free(L->hskip_off);
    idtab_free(&L->ht);
    fupin__free(L->m);
    fupin__free(L->ms);
    fupin__free(L->m_prev);
    fupin__free(L->h_mem);
    fupin__free(L->h_nm);
    idtab_free(&L->mt);
    fupin__free(L->inc);
    fupin__free(L->i_h);
    fupin__free(L->i_prev);
    fupin__free(L->h_inc);
    fupin__free(L->ev);
    fupin__free(L->e_h);
    for (size_t i = 0; i < L->nprobs; i++)
        fupin__free(L->probs[i].msg);
    fupin__free(L->probs);
}

/* Tables no longer needed once a file's references are resolved. */
static void release_after(struct loader *L, int file)
{
    if (file == FUPIN_FILE_MEMBERS) {
        /* check_members has run: lines and references are no longer asked for */
        fupin__free(L->h_line);
        fupin__free(L->h_ref);
        L->h_line = NULL;
        L->h_ref = NULL;
        idtab_free(&L->mt);
        fupin__free(L->m_prev);
        fupin__free(L->h_mem);
        fupin__free(L->h_nm);
        L->m_prev = L->h_mem = NULL;
        L->h_nm = NULL;
    }
    if (file == FUPIN_FILE_INCOMES) {
        fupin__free(L->i_prev);
        fupin__free(L->h_inc);
        L->i_prev = L->h_inc = NULL;
    }
}

struct dir_src {
    const char *dir;
    struct fupin__file f;
};
static int dir_open(void *ctx, int file, const char **data, size_t *len);

int fupin__dataset_load_source(fupin_dataset **out, const struct fupin__dataset_source *src,
                               uint32_t flags)
{
    struct loader L;
    int rc = 0;
    if (out)
        *out = NULL;
    if (!out || !src)
        return fupin__error(FUPIN_EINVAL, "fupin_dataset_load: NULL argument");
    if (flags & ~(uint32_t)FUPIN_LOAD_LENIENT)
        return fupin__error(FUPIN_EINVAL, "fupin_dataset_load: unknown flags 0x%x",
                            (unsigned)flags);
    memset(&L, 0, sizeof L);
    L.lenient = (flags & FUPIN_LOAD_LENIENT) != 0;
    L.last_h = SIZE_MAX;
    fupin__buf_init(&L.arena);
    for (int f = 0; f < FUPIN_FILE_COUNT; f++) {
        const char *data = NULL;
        size_t len = 0;
        L.file = f;
        L.fname = fupin__dataset_file_names[f];
        rc = src->open(src->ctx, f, &data, &len);
        if (rc == FUPIN_ENOTFOUND && !specs[f].required) {
            rc = 0;
        } else if (rc == FUPIN_ENOTFOUND) {
            rc = fupin__error(FUPIN_ENOTFOUND, "%s: required file is missing", L.fname);
        } else if (rc == 0) {
            L.mapped = src->open == dir_open && ((struct dir_src *)src->ctx)->f.mapped;
            rc = parse_file(&L, data, len);
            src->close(src->ctx, f, data, len);
            if (f == FUPIN_FILE_HOUSEHOLDS && !rc)
                L.col_hid_households = L.col[HC_ID];
            free_header(&L);
        }
        if (!rc && f == FUPIN_FILE_MEMBERS)
            rc = check_members(&L) ? fupin__oom() : 0;
        if (rc) {
            /* strict: an error in an earlier position still comes first */
            if (!L.lenient && L.have_err && rc != FUPIN_ENOMEM)
                rc = fupin__error(FUPIN_EPARSE, "%s", L.err_msg);
            loader_free(&L);
            return rc;
        }
        release_after(&L, f);
        /* strict: nothing read later can come before an error already found, except
         * a household without members (known once members.csv is read) */
        if (!L.lenient && L.have_err && f != FUPIN_FILE_HOUSEHOLDS)
            break;
    }
    if (!L.lenient && L.have_err) {
        rc = fupin__error(FUPIN_EPARSE, "%s", L.err_msg);
        loader_free(&L);
        return rc;
    }
    fupin_dataset *d = fupin__calloc(1, sizeof *d);
    if (!d) {
        loader_free(&L);
        return fupin__oom();
    }
    rc = build(&L, d);
    if (!rc)
        rc = take_problems(&L, d);
    loader_free(&L);
    if (rc) {
        fupin_dataset_free(d);
        return rc;
    }
    *out = d;
    return 0;
}

/* ------------------------------------------------------------ sources */

struct memory_src {
    const char *const *data;
    const size_t *len;
};

static int memory_open(void *ctx, int file, const char **data, size_t *len)
{
    const struct memory_src *m = ctx;
    if (!m->data[file])
        return FUPIN_ENOTFOUND;
    *data = m->data[file];
    *len = m->len[file];
    return 0;
}

static void memory_close(void *ctx, int file, const char *data, size_t len)
{
    (void)ctx;
    (void)file;
    (void)data;
    (void)len;
}

int fupin__dataset_load_memory(fupin_dataset **out, const char *const data[FUPIN_FILE_COUNT],
                               const size_t len[FUPIN_FILE_COUNT], uint32_t flags)
{
    struct memory_src m = {data, len};
    struct fupin__dataset_source src = {memory_open, memory_close, &m};
    return fupin__dataset_load_source(out, &src, flags);
}

static int dir_open(void *ctx, int file, const char **data, size_t *len)
{
    struct dir_src *ds = ctx;
    const char *name = fupin__dataset_file_names[file];
    struct fupin__buf path;
    fupin__buf_init(&path);
    fupin__buf_addf(&path, "%s/%s", ds->dir, name);
    if (path.failed)
        return fupin__oom();
    int rc = fupin__file_open(&ds->f, path.data, name);
    fupin__buf_free(&path);
    if (rc)
        return rc;
    *data = ds->f.data;
    *len = ds->f.len;
    return 0;
}

static void dir_close(void *ctx, int file, const char *data, size_t len)
{
    struct dir_src *ds = ctx;
    (void)file, (void)data, (void)len;
    fupin__file_close(&ds->f);
}

/* ------------------------------------------------------------ public API */

int fupin_dataset_load(fupin_dataset **out, const char *dir, uint32_t flags)
{
    if (out)
        *out = NULL;
    if (!out || !dir)
        return fupin__error(FUPIN_EINVAL, "fupin_dataset_load: NULL argument");
    struct dir_src ds = {dir, {0}};
    struct fupin__dataset_source src = {dir_open, dir_close, &ds};
    return fupin__dataset_load_source(out, &src, flags);
}

void fupin_dataset_free(fupin_dataset *d)
{
    if (!d)
        return;
    fupin__free(d->villages);
    fupin__free(d->households);
    fupin__free(d->members);
    fupin__free(d->incomes);
    fupin__free(d->events);
    fupin__free(d->arena);
    for (size_t i = 0; i < d->n_problems; i++)
        fupin__free(d->problems[i]);
    fupin__free(d->problems);
    fupin__free(d);
}

size_t fupin_dataset_village_count(const fupin_dataset *d)
{
    return d ? d->n_villages : 0;
}

const fupin_village *fupin_dataset_village(const fupin_dataset *d, size_t i)
{
    return d && i < d->n_villages ? &d->villages[i] : NULL;
}

size_t fupin_dataset_problem_count(const fupin_dataset *d)
{
    return d ? d->n_problems : 0;
}

const char *fupin_dataset_problem(const fupin_dataset *d, size_t i)
{
    return d && i < d->n_problems ? d->problems[i] : NULL;
}

int fupin_dataset_file_counts(const fupin_dataset *d, int file, uint64_t *read, uint64_t *loaded,
                              uint64_t *skipped)
{
    if (!d || file < 0 || file >= FUPIN_FILE_COUNT)
        return fupin__error(FUPIN_EINVAL, "fupin_dataset_file_counts: bad argument");
    if (read)
        *read = d->read[file];
    if (loaded)
        *loaded = d->loaded[file];
    if (skipped)
        *skipped = d->skipped[file];
    return 0;
}

int fupin_dataset_latest_year(const fupin_dataset *d, int32_t *out)
{
    if (!d || !out)
        return fupin__error(FUPIN_EINVAL, "fupin_dataset_latest_year: NULL argument");
    if (!d->latest_year)
        return fupin__error(FUPIN_ENOTFOUND, "the dataset has no incomes");
    *out = d->latest_year;
    return 0;
}

int fupin_dataset_default_year(const fupin_dataset *d, const fupin_policy *policy, int32_t *out)
{
    if (!d || !policy || !out)
        return fupin__error(FUPIN_EINVAL, "fupin_dataset_default_year: NULL argument");
    /* The year the data was collected for; without incomes, the policy's latest year. */
    if (d->latest_year) {
        *out = d->latest_year;
        return 0;
    }
    if (fupin_policy_latest_year(policy, out) == 0)
        return 0;
    return fupin__error(FUPIN_ENOTFOUND,
                        "no year given, and neither the dataset's incomes nor the policy "
                        "\"%s\" name a year",
                        fupin_policy_name(policy));
}
