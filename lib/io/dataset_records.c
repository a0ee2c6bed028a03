/* One record of each dataset file: every value checked, references resolved, and
 * every problem reported with its position (docs/dataset.md, "When a value is wrong"). */
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

/* ------------------------------------------------------------ problems */

int fupin__ld_pos_before(int f1, uint64_t l1, int c1, int f2, uint64_t l2, int c2)
{
    if (f1 != f2)
        return f1 < f2;
    if (l1 != l2)
        return l1 < l2;
    return c1 < c2;
}

int fupin__ld_report_at(struct loader *L, int file, uint64_t line, int col, const char *colname,
                        const char *what, const char *v, size_t n)
{
    char val[80], q[256], msg[1024];
    size_t vn = n < 70 ? n : 70;
    if (!v)
        v = "";
    if (strcmp(colname, "id_number") == 0) {
        fupin__mask_idnum(v, vn, val, sizeof val);
        vn = strlen(val);
        fupin__mask_field_ids(val, vn, n > 70);
    } else {
        memcpy(val, v, vn);
        fupin__mask_field_ids(val, vn, n > 70);
    }
    fupin__quote_value(q, sizeof q, val, n > 70 ? 61 : vn);
    snprintf(msg, sizeof msg, "%s:%llu: column %.200s: %s (got \"%s\")",
             fupin__dataset_file_names[file], (unsigned long long)line, colname, what, q);
    if (!L->lenient) {
        if (!L->have_err ||
            fupin__ld_pos_before(file, line, col, L->err_file, L->err_line, L->err_col)) {
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

/* The problems of one record: every bad value, each reported on its own line in a
 * lenient load (docs/dataset.md: every rejected value is reported), and the leftmost in
 * header order kept for a strict one. */
#define REC_MAX_PROBLEMS (MAX_COLS + 4)
struct rec_problem {
    int col;
    const char *what, *val;
    size_t vn;
};
struct rec {
    const struct fupin__csv_record *r;
    int limit;        /* header indices >= limit are not read (a malformed record) */
    int bad_col;      /* header index of the leftmost problem, INT_MAX when none */
    const char *what; /* the leftmost problem, NULL when none */
    uint32_t bad;     /* known columns whose value was rejected */
    int n;
    struct rec_problem p[REC_MAX_PROBLEMS];
    char what_buf[96];
};

static void cand(struct rec *x, int col, const char *what, const char *v, size_t n)
{
    if (x->n < REC_MAX_PROBLEMS)
        x->p[x->n++] = (struct rec_problem){col, what, v ? v : "", n};
    if (col < x->bad_col) {
        x->bad_col = col;
        x->what = what;
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
    x->n = 0;
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
        /* a record with more fields than the header is shifted somewhere (an unquoted
         * comma): its values cannot be trusted, so it is reported once, as a record
         * with N fields where the header has M, not as bad values (issue 10 item 5) */
        if (r->n > (size_t)L->nhdr && fwhat == x->what_buf)
            x->limit = 0;
        cand(x, fcol, fwhat, fval, fvn);
    }
}

static int rec_report(struct loader *L, struct rec *x)
{
    /* in header order; problems of one column in the order found */
    for (int i = 1; i < x->n; i++) {
        struct rec_problem t = x->p[i];
        int j = i;
        while (j > 0 && x->p[j - 1].col > t.col) {
            x->p[j] = x->p[j - 1];
            j--;
        }
        x->p[j] = t;
    }
    int n = L->lenient ? x->n : 1;
    for (int i = 0; i < n; i++) {
        const struct rec_problem *q = &x->p[i];
        if (fupin__ld_report_at(L, L->file, x->r->line, q->col, L->hname[q->col], q->what, q->val,
                                q->vn))
            return FUPIN_ENOMEM;
    }
    return 0;
}

static int buf_add_str(struct fupin__buf *b, const char *p, size_t n, size_t *off)
{
    *off = b->len;
    /* the common case inline (an id per household and per member, issue 15): room for
     * the text, its NUL, and the NUL that always follows a buffer's bytes */
    if (!b->failed && b->cap - b->len >= n + 2) {
        if (n)
            memcpy(b->data + b->len, p, n);
        b->data[b->len + n] = '\0';
        b->len += n + 1;
        b->data[b->len] = '\0';
        return 0;
    }
    fupin__buf_add(b, p, n);
    fupin__buf_add(b, "", 1);
    return b->failed ? FUPIN_ENOMEM : 0;
}

static int arena_add(struct loader *L, const char *p, size_t n, size_t *off)
{
    return buf_add_str(&L->arena, p, n, off);
}

/* A record past the limit of records a file may hold (loader.h, docs/scale.md) is not
 * loaded: reported once per file, the first by position, which a strict load ends
 * with; a lenient one skips the rest of the file's records. 1: skip the record (*rc 0
 * or FUPIN_ENOMEM); 0: load it. */
static int past_limit_report(struct loader *L, const struct fupin__csv_record *r, int *rc);

static inline int past_limit(struct loader *L, const struct fupin__csv_record *r, int *rc)
{
    *rc = 0;
    if (L->read[L->file] <= fupin__ld_max_records())
        return 0;
    return past_limit_report(L, r, rc);
}

/* past_limit's rare part, out of line so that the check itself is a load and a compare
 * in every record step. */
#if defined(__GNUC__)
__attribute__((noinline, cold))
#endif
static int
past_limit_report(struct loader *L, const struct fupin__csv_record *r, int *rc)
{
    size_t max = fupin__ld_max_records();
    L->skipped[L->file]++;
    if (L->full & (1u << L->file))
        return 1;
    L->full |= 1u << L->file;
    char what[200];
    snprintf(what, sizeof what,
             "too many records: a file holds at most %zu (docs/scale.md), so this record and "
             "those after it are not loaded",
             max);
    struct fupin__csv_field f = r->n ? r->fields[0] : (struct fupin__csv_field){"", 0};
    *rc = fupin__ld_report_at(L, L->file, r->line, 0, L->hname[0], what, f.p, f.n);
    return 1;
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
    size_t s = fupin__ld_lookup_household(L, f.p, f.n);
    return s && !((s - 1) & 1) ? (s - 1) >> 1 : SIZE_MAX;
}

int fupin__ld_village_record(struct loader *L, const struct fupin__csv_record *r)
{
    struct rec x;
    struct fupin_village v;
    char *name = NULL;
    struct fupin__csv_field namef = {"", 0};
    int rc;
    if (past_limit(L, r, &rc))
        return rc;
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
    uint32_t *slot = NULL;
    if (ok_col(L, &x, VC_CODE)) {
        slot = fupin__ld_find_village(L, v.code, 12);
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
            *slot = (uint32_t)(((L->nvskip++ << 1) | 1) + 1);
        }
        return rec_report(L, &x);
    }
    if (arena_add(L, namef.p, namef.n, &L->v_nameoff[L->nv]))
        return FUPIN_ENOMEM;
    *slot = (uint32_t)((L->nv << 1) + 1);
    L->v[L->nv++] = v;
    L->loaded[L->file]++;
    return 0;
}

int fupin__ld_household_record(struct loader *L, const struct fupin__csv_record *r)
{
    struct rec x;
    struct fupin_household h;
    size_t vidx = SIZE_MAX;
    int rc;
    if (past_limit(L, r, &rc))
        return rc;
    rec_begin(L, &x, r);
    struct fupin__csv_field idf = fld(L, &x, HC_ID);
    uint64_t idhash = fupin__ld_household_prefetch(L, idf.p, idf.n);
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
                size_t s = *fupin__ld_find_village(L, f.p, f.n);
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
    uint32_t *slot = NULL;
    if (ok_col(L, &x, HC_ID)) {
        slot = fupin__ld_find_household_hashed(L, idf.p, idf.n, idhash);
        if (*slot)
            cand(&x, L->col[HC_ID], "duplicate household_id", idf.p, idf.n);
    }
    /* docs/dataset.md, "When a value is wrong": each cross-column check is made where its own two
     * columns were read, so that an exit_year before registration (column 4) is reported before a
     * bad monitor (column 5) of the same record. */
    if (x.limit == L->nhdr) {
        if (!(x.bad & ((1u << HC_REGISTERED) | (1u << HC_EXIT))))
            value_cand(L, &x, HC_EXIT, fupin__household_check_exit(&h));
        if (!(x.bad & ((1u << HC_MONITOR) | (1u << HC_MONITOR_SINCE))))
            value_cand(L, &x, HC_MONITOR_SINCE, fupin__household_check_monitor(&h));
    }
    if (x.what) {
        L->skipped[L->file]++;
        if (vidx == SIZE_MAX) {
            struct fupin__csv_field f = fld(L, &x, HC_VILLAGE);
            size_t s = f.n == 12 ? *fupin__ld_find_village(L, f.p, f.n) : 0;
            if (s && !((s - 1) & 1))
                vidx = (s - 1) >> 1;
        }
        if (vidx != SIZE_MAX)
            L->v[vidx].household_skipped = 1; /* R-V1: poor population unknown */
        if (!slot && idf.n && !fupin__check_id(idf.p, idf.n)) {
            slot = fupin__ld_find_household_hashed(L, idf.p, idf.n, idhash);
        }
        if (slot && !*slot) {
            size_t off;
            if (arena_add(L, idf.p, idf.n, &off))
                return FUPIN_ENOMEM;
            L->hskip_off[L->nhskip] = off;
            *slot = (uint32_t)(((L->nhskip++ << 1) | 1) + 1);
        }
        return rec_report(L, &x);
    }
    size_t idoff;
    if (arena_add(L, idf.p, idf.n, &idoff))
        return FUPIN_ENOMEM;
    fupin__ld_set_household_idoff(&h, idoff);
    h.region = L->v[vidx].region;
    h.water_scarce = L->v[vidx].water_scarce;
    h.n_events = (uint32_t)vidx; /* until placed: fupin__ld_household_dests */
    fupin__ld_set_household_line(&h, r->line);
    *slot = (uint32_t)((L->nh << 1) + 1);
    L->h[L->nh++] = h;
    L->loaded[L->file]++;
    return 0;
}

/* Whether an id typed with spaces or tabs around it names a household of
 * households.csv once they are taken off: only to say so in the message, never to
 * load the record (fields are never trimmed, docs/dataset.md). */
static int spaced_household(struct loader *L, const char *p, size_t n)
{
    size_t a = 0, b = n;
    while (a < b && (p[a] == ' ' || p[a] == '\t'))
        a++;
    while (b > a && (p[b - 1] == ' ' || p[b - 1] == '\t'))
        b--;
    return a < b && b - a < n && fupin__ld_lookup_household(L, p + a, b - a) != 0;
}

/* The household a members/incomes/events record names, checked as a value. */
static size_t household_ref(struct loader *L, struct rec *x, int k)
{
    struct fupin__csv_field f = fld(L, x, k);
    if (L->col[k] >= x->limit)
        return SIZE_MAX;
    /* records of one household usually follow each other: skip the table (with the
     * id's length kept, one memcmp rather than a byte loop that stops at a zero) */
    if (L->last_h != SIZE_MAX && f.n) {
        if (f.n == L->last_n && memcmp(L->arena.data + L->last_off, f.p, f.n) == 0)
            return L->last_h;
        /* files sorted like households.csv: the next household is the next one */
        if (L->last_h + 1 < L->nh) {
            size_t off = fupin__ld_household_idoff(&L->h[L->last_h + 1]);
            if (fupin__ld_str_eq(L->arena.data + off, f.p, f.n)) {
                L->last_off = off;
                L->last_n = f.n;
                return ++L->last_h;
            }
        }
    }
    const char *bad = fupin__check_id(f.p, f.n);
    size_t idx = SIZE_MAX;
    if (!bad) {
        size_t s = fupin__ld_lookup_household(L, f.p, f.n);
        if (!s)
            bad = spaced_household(L, f.p, f.n)
                      ? "unknown household (not in households.csv, which has it without "
                        "the spaces around it: fields are never trimmed)"
                      : "unknown household (not in households.csv)";
        else if ((s - 1) & 1)
            bad = "household was skipped";
        else {
            idx = L->last_h = (s - 1) >> 1;
            /* the stored id equals f: its length is f.n */
            L->last_off = fupin__ld_household_idoff(&L->h[idx]);
            L->last_n = f.n;
        }
    }
    value_cand(L, x, k, bad);
    return idx;
}

/* ------------------------------------------------------------ column setters */

/* members.csv's member_id: checked here, kept by the record step (fupin__ld_add_member) */
static const char *member_id_value(void *rec, const char *v, size_t n)
{
    (void)rec;
    return fupin__check_id(v, n);
}

static const char *parse_year_req(const struct fupin__csv_field *f, int32_t *y);

/* incomes.csv's year, into the record (its year stays 0 when unreadable) */
static const char *income_year_value(void *rec, const char *v, size_t n)
{
    struct fupin__csv_field f = {v, n};
    return parse_year_req(&f, &((struct fupin__income *)rec)->year);
}

/* The setter of known column k's values in the current file, NULL when the record step
 * reads it itself (the household reference) or it is unknown (k < 0). */
static fupin__setter *column_setter(const struct loader *L, int k)
{
    if (k < 0)
        return NULL;
    if (L->file == FUPIN_FILE_MEMBERS)
        return k == MC_ID          ? member_id_value
               : k == MC_HOUSEHOLD ? NULL
                                   : fupin__member_setter(L->fidx[k]);
    if (L->file == FUPIN_FILE_INCOMES)
        return k == IC_YEAR        ? income_year_value
               : k == IC_HOUSEHOLD ? NULL
                                   : fupin__income_setter(L->fidx[k]);
    return NULL;
}

void fupin__ld_bind_setters(struct loader *L)
{
    for (int i = 0; i < MAX_COLS; i++)
        L->hset[i] = column_setter(L, i < L->nhdr ? L->hmap[i] : -1);
}

/* Header column i's value through set; a problem as the record's candidate. */
static void set_value(struct loader *L, struct rec *x, void *rec, int i, fupin__setter *set)
{
    const struct fupin__csv_field *f = &x->r->fields[i];
    const char *bad = set(rec, f->p, f->n);
    if (bad)
        value_cand(L, x, L->hmap[i], bad);
}

/* A members.csv or incomes.csv record's values in header order, each through the
 * setter of its column: written out column by column, so that each call site always
 * calls the same setter and its jump is predicted (one call site for every column
 * was mispredicted from column to column; members.csv and incomes.csv are 80 % of a
 * dataset's records). Columns past the first MAX_COLS (a header with many unknown
 * ones) go through one loop. */
_Static_assert(MAX_COLS == 16, "set_values writes out MAX_COLS columns");
static void set_values(struct loader *L, struct rec *x, void *rec)
{
    int lim = x->limit;
#define SET_COLUMN(i)                                                                              \
    if ((i) >= lim)                                                                                \
        return;                                                                                    \
    if (L->hset[i]) {                                                                              \
        const char *bad = L->hset[i](rec, x->r->fields[i].p, x->r->fields[i].n);                   \
        if (bad)                                                                                   \
            value_cand(L, x, L->hmap[i], bad);                                                     \
    }
    SET_COLUMN(0)
    SET_COLUMN(1)
    SET_COLUMN(2)
    SET_COLUMN(3)
    SET_COLUMN(4)
    SET_COLUMN(5)
    SET_COLUMN(6)
    SET_COLUMN(7)
    SET_COLUMN(8)
    SET_COLUMN(9)
    SET_COLUMN(10)
    SET_COLUMN(11)
    SET_COLUMN(12)
    SET_COLUMN(13)
    SET_COLUMN(14)
    SET_COLUMN(15)
#undef SET_COLUMN
    for (int i = MAX_COLS; i < lim; i++) {
        fupin__setter *set = column_setter(L, L->hmap[i]);
        if (set)
            set_value(L, x, rec, i, set);
    }
}

static void member_init(struct fupin__member *m)
{
    memset(m, 0, sizeof *m);
    m->sex = m->school = m->disability = m->insured = m->health = m->labor = -1;
}

int fupin__ld_member_record(struct loader *L, const struct fupin__csv_record *r)
{
    struct rec x;
    struct fupin__member m;
    int rc;
    if (past_limit(L, r, &rc))
        return rc;
    rec_begin(L, &x, r);
    member_init(&m);
    size_t hidx = household_ref(L, &x, MC_HOUSEHOLD);
    set_values(L, &x, &m);
    struct fupin__csv_field idf = fld(L, &x, MC_ID);
    if (hidx != SIZE_MAX && ok_col(L, &x, MC_ID)) {
        if (fupin__ld_member_exists(L, hidx, idf.p, idf.n))
            cand(&x, L->col[MC_ID], "duplicate member_id in the household", idf.p, idf.n);
    }
    if (hidx == SIZE_MAX && x.what)
        hidx = resolve_household(L, &x, MC_HOUSEHOLD);
    if (x.what) {
        L->skipped[L->file]++;
        if (hidx != SIZE_MAX)
            L->h[hidx].incomplete = 1; /* its members are not all known */
        return rec_report(L, &x);
    }
    size_t off;
    if (buf_add_str(&L->marena, idf.p, idf.n, &off) || fupin__ld_add_member(L, hidx, &m, off))
        return FUPIN_ENOMEM;
    L->loaded[L->file]++;
    return 0;
}

static void income_init(struct fupin__income *inc, int32_t year)
{
    memset(inc, 0, sizeof *inc);
    inc->year = year;
    for (int f = 0; f < FUPIN__INC_N; f++)
        fupin__income_set_amount(inc, f, FUPIN__FEN_UNKNOWN);
    fupin__income_set_amount(inc, FUPIN__INC_PRODUCTION, 0); /* as when the column is absent */
}

/* A year written as 4 digits but outside 1949..2100 (2101, 1900): a record that only
 * speaks of a year no evaluation can ask about. Anything else ("20", "20x3") is
 * unreadable: it may mean any year. */
static int year_outside(const struct fupin__csv_field *f)
{
    if (f->n != 4)
        return 0;
    int64_t y = 0;
    for (size_t i = 0; i < f->n; i++) {
        if (f->p[i] < '0' || f->p[i] > '9')
            return 0;
        y = y * 10 + (f->p[i] - '0');
    }
    return y < FUPIN_YEAR_MIN || y > FUPIN_YEAR_MAX;
}

static const char *parse_year_req(const struct fupin__csv_field *f, int32_t *y)
{
    if (f->n == 0)
        return "year is required";
    return fupin__parse_year(f->p, f->n, FUPIN_YEAR_MIN, FUPIN_YEAR_MAX, y);
}

int fupin__ld_income_record(struct loader *L, const struct fupin__csv_record *r)
{
    struct rec x;
    struct fupin__income inc;
    int32_t year = 0;
    int rc;
    if (past_limit(L, r, &rc))
        return rc;
    rec_begin(L, &x, r);
    income_init(&inc, 0);
    size_t hidx = household_ref(L, &x, IC_HOUSEHOLD);
    set_values(L, &x, &inc);
    year = inc.year;
    int year_ok = ok_col(L, &x, IC_YEAR);
    if (!year_ok && x.what && L->col[IC_YEAR] >= x.limit) {
        /* a malformed record: use its year when it is readable */
        struct fupin__csv_field f = fld(L, &x, IC_YEAR);
        year_ok = !parse_year_req(&f, &year);
    }
    if (!year_ok)
        year = 0;
    if (hidx != SIZE_MAX && ok_col(L, &x, IC_YEAR)) {
        if (fupin__ld_has_income(L, hidx, year)) {
            struct fupin__csv_field f = fld(L, &x, IC_YEAR);
            cand(&x, L->col[IC_YEAR], "duplicate year for the household", f.p, f.n);
        }
    }
    if (x.what) {
        L->skipped[L->file]++;
        if (hidx == SIZE_MAX)
            hidx = resolve_household(L, &x, IC_HOUSEHOLD);
        struct fupin__csv_field yf = fld(L, &x, IC_YEAR);
        if (hidx == SIZE_MAX || (!year_ok && year_outside(&yf))) {
            /* a year outside 1949..2100 is never evaluated: the record is in doubt
             * only for itself (docs/dataset.md, lenient) */
        } else if (fupin__ld_has_income(L, hidx, year)) {
            /* a second record for the household-year (a duplicate, or a bad one beside
             * a good one): which is right is not known, so that year's income is
             * unknown, never the first one's (docs/dataset.md, lenient) */
            fupin__ld_income_unknown(L, hidx, year);
        } else {
            /* the household-year's income is unknown (year 0: every year) */
            struct fupin__income marker;
            income_init(&marker, year);
            marker.skipped = 1;
            if (fupin__ld_add_income(L, hidx, &marker))
                return FUPIN_ENOMEM;
        }
        return rec_report(L, &x);
    }
    inc.year = year;
    if (fupin__ld_add_income(L, hidx, &inc))
        return FUPIN_ENOMEM;
    if (year > L->latest)
        L->latest = year;
    L->loaded[L->file]++;
    return 0;
}

int fupin__ld_event_record(struct loader *L, const struct fupin__csv_record *r)
{
    struct rec x;
    struct fupin__event ev = {0, 0, FUPIN__FEN_UNKNOWN};
    int32_t year = 0;
    int rc;
    if (past_limit(L, r, &rc))
        return rc;
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
        struct fupin__csv_field yf = fld(L, &x, EC_YEAR);
        /* a year outside 1949..2100 is never evaluated: in doubt only for itself */
        if (hidx != SIZE_MAX && !(!year_ok && year_outside(&yf))) {
            /* R-M1: an unreadable risk event makes the risk unknown */
            ev.kind = FUPIN__EVENT_SKIPPED;
            ev.amount = FUPIN__FEN_UNKNOWN;
            L->ev[L->ne] = ev;
            L->e_h[L->ne++] = (uint32_t)hidx;
        }
        return rec_report(L, &x);
    }
    L->ev[L->ne] = ev;
    L->e_h[L->ne++] = (uint32_t)hidx;
    L->loaded[L->file]++;
    return 0;
}

/* The line rides in the members pointer, which only fupin__ld_build_members sets, after
 * fupin__ld_check_members has read it (struct loader, h). */
void fupin__ld_set_household_line(struct fupin_household *h, uint64_t line)
{
    h->members = (struct fupin__member *)(uintptr_t)line;
}

uint64_t fupin__ld_household_line(const struct fupin_household *h)
{
    return (uint64_t)(uintptr_t)h->members;
}

/* Every household needs at least one member row (docs/dataset.md); reported at its own
 * households.csv line, which is why "first" is decided by position. */
int fupin__ld_check_members(struct loader *L)
{
    for (size_t i = 0; i < L->nh; i++) {
        /* some members.csv record resolved to it: loaded, or skipped (incomplete) */
        if (L->h[i].n_members || L->h[i].incomplete)
            continue;
        L->h[i].incomplete = 1;
        const char *id = L->arena.data + fupin__ld_household_idoff(&L->h[i]);
        uint64_t line = fupin__ld_household_line(&L->h[i]);
        if (fupin__ld_report_at(L, FUPIN_FILE_HOUSEHOLDS, line, L->col_hid_households,
                                "household_id", "household has no member in members.csv", id,
                                strlen(id)))
            return FUPIN_ENOMEM;
    }
    return 0;
}
