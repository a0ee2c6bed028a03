/* One dataset file: its encoding, its header, the pools sized from its line count,
 * the paging of a large file and the loop over its records, read whole or in pieces
 * (a stream: "streams" below). */
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

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* ------------------------------------------------------------ columns */

static const char *const village_cols[VC_N] = {
    "village_code", "name",        "region", "population", "water_scarce",
    "paved_road",   "electricity", "clinic", "broadband",  "collective_income"};

static const char *const household_cols[HC_N] = {
    "household_id",  "village_code",  "registered_year",   "exit_year",       "monitor",
    "monitor_since", "assistance",    "housing",           "food_secure",     "clothing_secure",
    "water_litres",  "water_minutes", "water_supply_rate", "water_quality_ok"};

static const char *const member_cols[MC_N] = {"household_id", "member_id", "birth",      "sex",
                                              "id_number",    "school",    "disability", "insured",
                                              "health",       "labor"};

static const char *const income_cols[IC_N] = {"household_id",
                                              "year",
                                              "wage",
                                              "business",
                                              "property",
                                              "transfer",
                                              "production_expense",
                                              "medical_expense",
                                              "education_expense"};

static const char *const event_cols[EC_N] = {"household_id", "year", "kind", "amount"};

const struct file_spec fupin__ld_specs[FUPIN_FILE_COUNT] = {
    {village_cols, VC_N, -1, 1}, {household_cols, HC_N, -1, 1},
    {member_cols, MC_N, -1, 1},  {income_cols, IC_N, IC_PRODUCTION, 0},
    {event_cols, EC_N, -1, 0},
};

/* ------------------------------------------------------------ one file */

void fupin__ld_free_header(struct loader *L)
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
    const struct file_spec *sp = &fupin__ld_specs[L->file];
    char q[256];
    if (r->fault) {
        char raw_copy[200];
        size_t rn = r->raw_n < sizeof raw_copy ? r->raw_n : sizeof raw_copy;
        if (rn)
            memcpy(raw_copy, r->raw, rn);
        fupin__mask_field_ids(raw_copy, rn, r->raw_n > rn); /* a data row read as a header */
        fupin__quote_value(q, sizeof q, raw_copy, rn);
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
            if (!fupin__ld_str_eq(sp->cols[k], f->p, f->n))
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
    fupin__ld_bind_setters(L);
    /* every missing column in one message (issue 10 item 5) */
    char names[512];
    size_t nn = 0, missing = 0;
    names[0] = '\0';
    for (int k = 0; k < sp->ncols; k++) {
        if (L->col[k] < 0 && k != sp->optional_col) {
            int w =
                snprintf(names + nn, sizeof names - nn, "%s%s", missing ? ", " : "", sp->cols[k]);
            if (w > 0 && (size_t)w < sizeof names - nn)
                nn += (size_t)w;
            missing++;
        }
    }
    if (missing) {
        /* A missing column written under a near name (Water_Litres, water_litre): name
         * it. Only where most columns were found, so that a file without a header (its
         * first record read as one) gets no hint from its data. */
        char hint[200];
        hint[0] = '\0';
        for (int k = 0; k < sp->ncols && !hint[0] && missing * 2 <= (size_t)sp->ncols; k++) {
            size_t len = strlen(sp->cols[k]), most = len / 3 < 3 ? len / 3 : 3;
            if (L->col[k] >= 0 || k == sp->optional_col)
                continue;
            for (size_t i = 0; i < r->n; i++) {
                if (L->hmap[i] >= 0 || fupin__edit_distance(L->hname[i], sp->cols[k]) > most)
                    continue;
                char hq[100];
                fupin__quote_value(hq, sizeof hq, L->hname[i], strlen(L->hname[i]));
                snprintf(hint, sizeof hint,
                         "; the header has \"%s\" for %s: names are exact and case-sensitive", hq,
                         sp->cols[k]);
                break;
            }
        }
        /* the header as written, ids masked: a file without a header shows its first
         * record here */
        char raw_copy[200];
        size_t rn = raw_n < sizeof raw_copy ? raw_n : sizeof raw_copy;
        memcpy(raw_copy, raw, rn);
        fupin__mask_field_ids(raw_copy, rn, raw_n > rn);
        fupin__quote_value(q, sizeof q, raw_copy, rn);
        return fupin__error(FUPIN_EPARSE,
                            "%s:%llu: column%s %s: required column%s missing from the header"
                            "%s (got \"%s\")",
                            L->fname, (unsigned long long)r->line, missing > 1 ? "s" : "", names,
                            missing > 1 ? "s are" : " is", hint, q);
    }
    /* The optional column under a near name (production_expenses, Production_Expense,
     * a trailing space) is not read, so business would be taken as net of costs (R-I1)
     * without a word: say which column is not read. */
    if (sp->optional_col >= 0 && L->col[sp->optional_col] < 0) {
        const char *want = sp->cols[sp->optional_col];
        for (size_t i = 0; i < r->n; i++) {
            if (L->hmap[i] >= 0 || fupin__edit_distance(L->hname[i], want) > 3)
                continue;
            fupin__quote_value(q, sizeof q, L->hname[i], strlen(L->hname[i]));
            if (fupin__ld_notice(L,
                                 "%s: column \"%s\" is not read: did you mean %s? Without a "
                                 "%s column, business is taken as net of production costs "
                                 "(R-I1)",
                                 L->fname, q, want, want))
                return fupin__oom();
            break;
        }
    }
    return 0;
}

/* Records of a file cannot outnumber its lines: size the pools and tables once. A
 * stream read once passes an estimate instead, and its pools grow (idtab.c). */
static int prepare(struct loader *L, size_t n)
{
    switch (L->file) {
    case FUPIN_FILE_VILLAGES:
        L->v = fupin__calloc(n, sizeof *L->v);
        L->v_nameoff = fupin__calloc(n, sizeof *L->v_nameoff);
        L->vskip_off = fupin__calloc(n, sizeof *L->vskip_off);
        if (!L->v || !L->v_nameoff || !L->vskip_off)
            return FUPIN_ENOMEM;
        return fupin__ld_idtab_init(&L->vt, n, 1);
    case FUPIN_FILE_HOUSEHOLDS:
        L->h = fupin__ld_pool(n, sizeof *L->h);
        L->hskip_off = fupin__malloc(n * sizeof *L->hskip_off);
        if (!L->h || !L->hskip_off)
            return FUPIN_ENOMEM;
        return fupin__ld_idtab_init(&L->ht, n, 1);
    case FUPIN_FILE_MEMBERS:
        L->capm = n;
        L->m = fupin__ld_pool(n, sizeof *L->m);
        L->ms = fupin__ld_pool(n, sizeof *L->ms);
        L->m_prev = fupin__ld_pool(n, sizeof *L->m_prev);
        /* each household's run end and count start as its record's zero cap_members and
         * n_members (fupin__household_init): nothing to allocate or clear */
        return L->m && L->ms && L->m_prev ? 0 : FUPIN_ENOMEM;
    case FUPIN_FILE_INCOMES:
        L->capi = n;
        L->inc = fupin__ld_pool(n, sizeof *L->inc);
        L->i_h = fupin__ld_pool(n, sizeof *L->i_h);
        L->i_prev = fupin__ld_pool(n, sizeof *L->i_prev);
        L->h_inc = fupin__ld_zpool(L->nh ? L->nh : 1, sizeof *L->h_inc);
        return L->inc && L->i_h && L->i_prev && L->h_inc ? 0 : FUPIN_ENOMEM;
    default:
        L->ev = fupin__malloc(n * sizeof *L->ev);
        L->e_h = fupin__malloc(n * sizeof *L->e_h);
        return L->ev && L->e_h ? 0 : FUPIN_ENOMEM;
    }
}

/* A large file is read into an anonymous mapping (file.c) and parsed front to back:
 * give back the pages behind, which no record points into any more, so the file does
 * not sit in memory on top of the records. Never during the count (the parse reads
 * those pages again), and memory sources are never touched. */
#define PAGER_WINDOW ((size_t)8 << 20)

struct pager {
    const char *data;
    size_t len, page, next, dropped;
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
    p->next = PAGER_WINDOW;
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
    p->next = pos + PAGER_WINDOW;
}

/* The bytes ch in d[0..n), eight at a time: a line is about 55 bytes, so a memchr
 * per line end cost a call per line (a tenth of a households.csv load). Each byte lane
 * of acc counts up to 255 matches, then the lanes are added in 16-bit pairs. */
static size_t count_byte(const char *d, size_t n, int ch)
{
    size_t k = 0, i = 0;
    while (i + 8 <= n) {
        uint64_t acc = 0, w;
        for (size_t stop = i + 8 * 255; i + 8 <= n && i < stop; i += 8) {
            memcpy(&w, d + i, 8);
            acc += fupin__bytes_equal(w, (unsigned char)ch) >> 7;
        }
        acc = (acc & 0x00FF00FF00FF00FFULL) + ((acc >> 8) & 0x00FF00FF00FF00FFULL);
        k += (size_t)((acc * 0x0001000100010001ULL) >> 48);
    }
    for (; i < n; i++)
        k += d[i] == (char)ch;
    return k;
}

/* What the count needs of a piece, in one pass instead of four (issue 15: the count of
 * the files ahead took a tenth of a load's instructions): its LFs, and whether it holds a
 * CR or a byte of 0x80 or more at all. The pieces that do (a Mac file, a name in
 * Chinese) are looked at again for those; a dataset of ASCII digits is not. */
struct piece_scan {
    size_t lf;
    int cr, high;
};

static struct piece_scan scan_piece(const char *d, size_t n)
{
    struct piece_scan r = {0, 0, 0};
    size_t i = 0;
#if defined(__SSE2__)
    const __m128i lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r'), zero = _mm_setzero_si128();
    __m128i any_cr = zero, any_high = zero;
    while (i + 16 <= n) {
        /* each byte lane counts at most 255 LFs, then the lanes are summed */
        __m128i acc = zero;
        for (size_t stop = i + 16 * 255; i + 16 <= n && i < stop; i += 16) {
            __m128i w = _mm_loadu_si128((const __m128i *)(const void *)(d + i));
            acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(w, lf));
            any_cr = _mm_or_si128(any_cr, _mm_cmpeq_epi8(w, cr));
            any_high = _mm_or_si128(any_high, w);
        }
        __m128i sum = _mm_sad_epu8(acc, zero);
        r.lf += (size_t)_mm_cvtsi128_si32(sum) + (size_t)_mm_cvtsi128_si32(_mm_srli_si128(sum, 8));
    }
    r.cr = _mm_movemask_epi8(any_cr) != 0;
    r.high = _mm_movemask_epi8(any_high) != 0;
    for (; i < n; i++) {
        r.lf += d[i] == '\n';
        r.cr |= d[i] == '\r';
        r.high |= (unsigned char)d[i] >= 0x80;
    }
#else
    /* elsewhere the word-at-a-time count, and every piece looked at again */
    r.lf = count_byte(d, n, '\n');
    r.cr = memchr(d, '\r', n) != NULL;
    r.high = 1;
    (void)i;
#endif
    return r;
}

/* Whether d[0..n) holds a byte of 0x80 or more: all a piece of a file read once needs
 * to know before it is taken as UTF-8 (most pieces of a dataset are ASCII). A third of
 * scan_piece's instructions: 64 bytes or'ed together a step. */
static int has_high(const char *d, size_t n)
{
    size_t i = 0;
#if defined(__SSE2__)
    __m128i acc = _mm_setzero_si128();
    for (; i + 64 <= n; i += 64) {
        const __m128i *q = (const __m128i *)(const void *)(d + i);
        acc = _mm_or_si128(
            acc, _mm_or_si128(_mm_or_si128(_mm_loadu_si128(q), _mm_loadu_si128(q + 1)),
                              _mm_or_si128(_mm_loadu_si128(q + 2), _mm_loadu_si128(q + 3))));
    }
    if (_mm_movemask_epi8(acc))
        return 1;
#endif
    for (; i < n; i++)
        if ((unsigned char)d[i] >= 0x80)
            return 1;
    return 0;
}

/* An upper bound on the records of d[0..n): its lines, where CR, LF and CRLF each end
 * one (issue 10 item 1: Excel's "CSV (Macintosh)" ends lines with CR alone). The
 * pools are sized from it, so it must never count short. */
size_t fupin__ld_count_lines(const char *d, size_t n)
{
    size_t lines = 1 + count_byte(d, n, '\n');
    /* lone CRs only: a CRLF is one line end, already counted */
    for (const char *q = d, *end = d + n; (q = memchr(q, '\r', (size_t)(end - q))) != NULL; q++)
        if (q + 1 == end || q[1] != '\n')
            lines++;
    return lines;
}

static int (*const record_fn[FUPIN_FILE_COUNT])(struct loader *,
                                                const struct fupin__csv_record *) = {
    fupin__ld_village_record, fupin__ld_household_record, fupin__ld_member_record,
    fupin__ld_income_record, fupin__ld_event_record};

static int parse_text(struct loader *L, const char *data, size_t len, size_t file_bytes,
                      const struct ld_ahead *a);

int fupin__ld_parse_file(struct loader *L, const char *data, size_t len)
{
    L->empty = 0;
    const struct ld_ahead *a = L->ahead[L->file];
    if (a && a->conv_rc)
        return a->conv_rc == FUPIN_ENOMEM ? fupin__oom() : fupin__error(a->conv_rc, "%s", a->msg);
    if (a && a->conv) {
        int mapped = L->mapped;
        L->mapped = 0;
        int rc = parse_text(L, a->conv, a->conv_len, len, a);
        L->mapped = mapped;
        return rc;
    }
    if (a)
        return parse_text(L, data, len, len, a);
    if (L->encoding == FUPIN_ENCODING_GB18030) {
        char *conv = NULL;
        size_t n = 0;
        int rc = fupin__text_from_gb18030(L->fname, data, len, &conv, &n);
        if (rc)
            return rc;
        int mapped = L->mapped;
        L->mapped = 0;
        rc = parse_text(L, conv, n, len, NULL);
        L->mapped = mapped;
        fupin__free(conv);
        return rc;
    }
    return parse_text(L, data, len, len, NULL);
}

/* data[0..len) is the text (UTF-8 once converted); file_bytes the file's own size; a:
 * what its reader ahead found of it, or NULL. */
static int parse_text(struct loader *L, const char *data, size_t len, size_t file_bytes,
                      const struct ld_ahead *a)
{
    struct fupin__csv c;
    struct fupin__csv_record r;
    int rc;
    /* docs/dataset.md: text is UTF-8. A file in another encoding is named, never read with
     * its bytes passed on (a GBK name would print as U+FFFD in every result). */
    size_t bad = a ? a->bad : fupin__utf8_invalid(data, len);
    if (bad != SIZE_MAX)
        return fupin__text_not_utf8(L->fname, data, len, bad, 1);
    fupin__csv_init(&c, data, len);
    size_t hstart = c.pos;
    rc = fupin__csv_next(&c, &r);
    if (rc < 0)
        goto oom;
    if (rc == 0) {
        fupin__csv_free(&c);
        if (!fupin__ld_specs[L->file].required) {
            L->empty = 1;
            return 0; /* an empty optional file is as good as absent */
        }
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
    /* the whole text's lines when counted ahead: one more (the header) than needed */
    if (prepare(L, a ? a->lines : fupin__ld_count_lines(data + c.pos, len - c.pos)))
        goto oom;
    fupin__ld_progress_start(L, len, file_bytes);
    while ((rc = fupin__csv_next(&c, &r)) > 0) {
        L->read[L->file]++;
        if (record_fn[L->file](L, &r))
            goto oom;
        pager_at(&pg, c.pos);
        if (c.pos >= L->p_mark)
            fupin__ld_progress(L, c.pos, len, file_bytes);
    }
    if (rc < 0)
        goto oom;
    fupin__csv_free(&c);
    return 0;
oom:
    fupin__csv_free(&c);
    return fupin__oom();
}

/* ------------------------------------------------------------ streams
 *
 * A dataset file in UTF-8 is read in pieces of STREAM_CHUNK. Reading a 428 MB dataset
 * whole put every byte into fresh memory, a third of the load's page faults (issue
 * 15); a piece is read into the same buffer again and again. households.csv and
 * events.csv are read twice: first to count their lines (the pools' sizes; the split
 * of households.csv in two halves) and check that they are UTF-8, then to parse them.
 * members.csv and incomes.csv, three quarters of the bytes, are read once (issue 15,
 * round 6): their pools start from an estimate and grow, and each piece is checked as
 * UTF-8 as it is read (struct utf8_check). A file that is not UTF-8 is read whole as
 * before (its message names the line and column, and a GB18030 load converts the
 * whole text). */
#define STREAM_CHUNK ((size_t)1 << 20)

size_t fupin__ld_test_window;
void (*fupin__ld_test_between)(int file);

static size_t chunk_size(void)
{
    if (!fupin__ld_test_window)
        return STREAM_CHUNK;
    return fupin__ld_test_window < 8 ? 8 : fupin__ld_test_window;
}

/* Line ends in d[0..n) as fupin__ld_count_lines counts them, for text read in pieces:
 * a CR at the end of a piece is one once the next piece shows no LF after it. ps is
 * scan_piece's look at d[0..n). */
static size_t count_piece_scanned(const char *d, size_t n, int *pending_cr,
                                  const struct piece_scan *ps)
{
    size_t k = 0;
    if (*pending_cr && n) {
        k += d[0] != '\n';
        *pending_cr = 0;
    }
    k += ps->lf;
    if (!ps->cr)
        return k;
    for (const char *q = d, *end = d + n; (q = memchr(q, '\r', (size_t)(end - q))) != NULL; q++) {
        if (q + 1 == end)
            *pending_cr = 1;
        else if (q[1] != '\n')
            k++;
    }
    return k;
}

static size_t count_piece(const char *d, size_t n, int *pending_cr)
{
    struct piece_scan ps = scan_piece(d, n);
    return count_piece_scanned(d, n, pending_cr, &ps);
}

/* The split of households.csv (dataset_split.c): the first line end at or after
 * sp->at in the piece d[0..n) at file offset off, with the line ends before the piece
 * (n_lines - 1, *pending_cr the CR at the piece's start): the second half starts after
 * it. A CR at the piece's end is passed over (it may be a CR LF cut in two). */
static void split_in_piece(struct ld_split *sp, const char *d, size_t n, uint64_t off,
                           size_t n_lines, int pending_cr)
{
    size_t j = sp->at > off ? (size_t)(sp->at - off) : 0;
    for (; j + 1 < n; j++)
        if (d[j] == '\n' || (d[j] == '\r' && d[j + 1] != '\n'))
            break;
    if (j + 1 < n || (j + 1 == n && d[j] == '\n')) {
        int pc = pending_cr;
        size_t ends = n_lines - 1 + count_piece(d, j + 1, &pc);
        sp->at = off + j + 1;
        sp->line = (uint64_t)(ends + (size_t)pc) + 1; /* a lone CR at j is counted here */
        sp->found = 1;
    }
}

int fupin__ld_stream_count(struct fupin__stream *s, size_t *lines, int *utf8)
{
    return fupin__ld_stream_count_split(s, lines, utf8, NULL);
}

int fupin__ld_stream_count_split(struct fupin__stream *s, size_t *lines, int *utf8,
                                 struct ld_split *sp)
{
    size_t cap = chunk_size(), carry = 0, n_lines = 1;
    uint64_t off = 0;
    int pending_cr = 0, valid = 1, rc = 0;
    char *buf = fupin__map(cap);
    if (!buf)
        return fupin__oom();
    for (;;) {
        size_t got;
        rc = fupin__stream_read(s, off, buf + carry, cap - carry, &got);
        if (rc)
            break;
        if (sp && !sp->quote)
            sp->quote = memchr(buf + carry, '"', got) != NULL;
        if (sp && !sp->found && off + got > sp->at)
            split_in_piece(sp, buf + carry, got, off, n_lines, pending_cr);
        struct piece_scan ps = scan_piece(buf + carry, got);
        n_lines += count_piece_scanned(buf + carry, got, &pending_cr, &ps);
        off += got;
        int end = got < cap - carry;
        size_t n = carry + got;
        /* all ASCII, and no character carried from the last piece: UTF-8 */
        int ascii = !ps.high && !carry;
        carry = 0;
        if (valid && !ascii) {
            size_t bad = fupin__utf8_invalid(buf, n);
            /* a character cut at the end of the piece is checked with the next one */
            if (bad != SIZE_MAX && !end && n - bad <= 3) {
                carry = n - bad;
                memmove(buf, buf + bad, carry);
            } else if (bad != SIZE_MAX) {
                valid = 0;
            }
        }
        if (end)
            break;
    }
    fupin__unmap(buf, cap);
    if (rc)
        return rc;
    *lines = n_lines + (size_t)pending_cr;
    *utf8 = valid;
    return fupin__stream_check(s, off);
}

/* Whether the text read so far, in pieces, is UTF-8 as fupin__utf8_invalid of the
 * whole text would say: a character cut at a piece's end is kept in carry and checked
 * once the next piece completes it. */
struct utf8_check {
    char carry[4];
    size_t n; /* bytes in carry: 0 to 3 */
    int bad;  /* the text is not UTF-8 */
};

/* The bytes of the character whose first byte is c; 0: c starts none. */
static size_t utf8_length(unsigned char c)
{
    return c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
}

/* d[0..n) follows the text checked so far (n > 0). */
static void utf8_piece(struct utf8_check *k, const char *d, size_t n)
{
    if (k->bad)
        return;
    if (k->n) {
        /* the character cut at the last piece's end, completed from this one; none
         * when the bytes carried are already as many as it has, or more (a first byte
         * followed by ASCII) */
        size_t len = utf8_length((unsigned char)k->carry[0]);
        if (len <= k->n) {
            k->bad = 1;
            return;
        }
        size_t more = len - k->n;
        if (n < more) {
            memcpy(k->carry + k->n, d, n);
            k->n += n;
            return;
        }
        char c[4];
        memcpy(c, k->carry, k->n);
        memcpy(c + k->n, d, more);
        k->n = 0;
        if (fupin__utf8_invalid(c, len) != SIZE_MAX) {
            k->bad = 1;
            return;
        }
        d += more;
        n -= more;
    }
    /* all ASCII: UTF-8 (most pieces of a dataset) */
    if (!has_high(d, n))
        return;
    size_t bad = fupin__utf8_invalid(d, n);
    if (bad == SIZE_MAX)
        return;
    if (n - bad <= 3) {
        /* perhaps a character cut by the piece's end: checked with the next piece */
        memcpy(k->carry, d + bad, n - bad);
        k->n = n - bad;
    } else {
        k->bad = 1;
    }
}

/* The text has ended: a character still cut is a bad one. */
static void utf8_end(struct utf8_check *k)
{
    k->bad |= k->n != 0;
    k->n = 0;
}

/* What of a stream is in memory: buf[0..len) is the file from offset base on. */
struct window {
    struct fupin__stream *s;
    char *buf;
    size_t cap, len;
    uint64_t base, next; /* file offsets of buf[0] and of the next byte to read */
    uint64_t stop;       /* the end of the part read: the file's size, or a split */
    int eof;
    struct utf8_check *chk; /* each piece read is checked as UTF-8 (a stream read once) */
};

/* Keep buf[keep..len) and read on after it, into a larger buffer when one record
 * fills this one. 0 or a return code with the message set. */
static int window_fill(struct window *w, size_t keep)
{
    memmove(w->buf, w->buf + keep, w->len - keep);
    w->len -= keep;
    w->base += keep;
    if (w->len == w->cap) {
        char *b = w->cap <= SIZE_MAX / 2 ? fupin__map(w->cap * 2) : NULL;
        if (!b)
            return fupin__oom();
        memcpy(b, w->buf, w->len);
        fupin__unmap(w->buf, w->cap);
        w->buf = b;
        w->cap *= 2;
    }
    /* at most one byte past the size the file had: that one shows a file that grew;
     * a first half (dataset_split.c) ends at its split, checked by the second */
    uint64_t lim = w->stop < w->s->size ? w->stop : w->s->size + 1;
    size_t want = w->cap - w->len, got;
    if (lim - w->next < want)
        want = (size_t)(lim - w->next);
    int rc = fupin__stream_read(w->s, w->next, w->buf + w->len, want, &got);
    if (rc)
        return rc;
    if (w->chk && got)
        utf8_piece(w->chk, w->buf + w->len, got);
    w->len += got;
    w->next += got;
    if (got < want || w->next > w->s->size) {
        w->eof = 1;
        rc = fupin__stream_check(w->s, w->next);
        if (rc || !w->chk)
            return rc;
        utf8_end(w->chk);
    } else {
        w->eof = w->stop < w->s->size && w->next == w->stop;
    }
    return w->chk && w->chk->bad ? FUPIN__LD_NOT_UTF8 : 0;
}

/* A stream read once whose parse stopped early with rc (an error): the rest of the
 * file is checked, for a file that is not UTF-8 is named before any of its values
 * (fupin__ld_parse_stream_once). w->buf holds nothing needed any more. rc, or
 * FUPIN__LD_NOT_UTF8. */
static int check_rest(struct window *w, int rc)
{
    char msg[1024];
    snprintf(msg, sizeof msg, "%s", fupin_last_error());
    while (!w->eof && !w->chk->bad) {
        size_t got, want = w->cap;
        if (w->next >= w->s->size) {
            w->eof = 1;
            utf8_end(w->chk);
            break;
        }
        if (w->s->size - w->next < want)
            want = (size_t)(w->s->size - w->next);
        if (fupin__stream_read(w->s, w->next, w->buf, want, &got)) {
            /* the parse's error stands, with its message */
            return rc == FUPIN_ENOMEM ? fupin__oom() : fupin__error(rc, "%s", msg);
        }
        if (got)
            utf8_piece(w->chk, w->buf, got);
        w->next += got;
        w->eof = got < want;
        if (w->eof)
            utf8_end(w->chk);
    }
    return w->chk->bad ? FUPIN__LD_NOT_UTF8 : rc;
}

/* The next record, as fupin__csv_next, reading on whenever a record reaches the end of
 * what is in memory (it may go on in the file): it is then read again from its start.
 * *start: where the text before it (empty lines, then the record) starts in w->buf.
 * 1, 0 at the end, or a return code with the message set. */
static int stream_next(struct window *w, struct fupin__csv *c, struct fupin__csv_record *r,
                       size_t *start)
{
    for (;;) {
        size_t pos0 = c->pos;
        uint64_t line0 = c->line;
        int rc = fupin__csv_next(c, r);
        if (rc < 0)
            return fupin__oom();
        if (w->eof || (rc && c->pos < w->len)) {
            *start = pos0;
            return rc;
        }
        c->line = line0;
        rc = window_fill(w, pos0);
        if (rc)
            return rc;
        fupin__csv_window(c, w->buf, w->len);
    }
}

/* The first half of a split ends at stop (after the header): what was read past it is
 * the second half's. */
static void window_stop(struct window *w, struct fupin__csv *c, uint64_t stop)
{
    w->stop = stop;
    if (w->next >= stop) {
        w->len = (size_t)(stop - w->base);
        w->next = stop;
        w->eof = 1;
        c->len = w->len;
    }
}

/* The records of w from c on, into pools for `lines` records at most. */
static int stream_records(struct loader *L, struct window *w, struct fupin__csv *c, size_t lines)
{
    struct fupin__csv_record r;
    size_t start = 0;
    int rc;
    while ((rc = stream_next(w, c, &r, &start)) > 0) {
        /* never more records than the pools hold: the file was written since it was
         * counted */
        if (L->read[L->file] >= lines) {
            return fupin__error(FUPIN_EIO,
                                "%s: the file was written while it was read: load it again when "
                                "nothing is writing it",
                                L->fname);
        }
        L->read[L->file]++;
        if (record_fn[L->file](L, &r))
            return fupin__oom();
        uint64_t at = w->base + c->pos;
        if (L->split_ends && fupin__ld_split_end(L, at))
            return fupin__oom();
        if (at >= L->p_mark)
            fupin__ld_progress(L, at, w->s->size, w->s->size);
    }
    return rc;
}

/* lines: the file's lines, or with chk (a stream read once) an estimate of its
 * records. */
static int parse_stream(struct loader *L, struct fupin__stream *s, size_t lines,
                        const struct ld_split *sp, struct utf8_check *chk)
{
    struct window w = {s, NULL, chunk_size(), 0, 0, 0, s->size, 0, chk};
    struct fupin__csv c;
    struct fupin__csv_record r;
    struct ld_split_job *job = NULL;
    size_t start = 0;
    memset(&c, 0, sizeof c);
    w.buf = fupin__map(w.cap);
    int rc = w.buf ? window_fill(&w, 0) : fupin__oom();
    if (rc)
        goto out;
    fupin__csv_init(&c, w.buf, w.len);
    rc = stream_next(&w, &c, &r, &start);
    if (rc < 0)
        goto out;
    if (rc == 0) {
        if (!fupin__ld_specs[L->file].required)
            L->empty = 1; /* an empty optional file is as good as absent */
        else
            rc = fupin__error(FUPIN_EIO, "%s: required file is empty", L->fname);
        goto out;
    }
    /* the header's text, without its line end, for the missing-column message */
    size_t hend = c.pos;
    while (hend > start && (w.buf[hend - 1] == '\n' || w.buf[hend - 1] == '\r'))
        hend--;
    rc = header(L, &r, w.buf + start, hend - start);
    if (rc)
        goto out;
    if (prepare(L, lines)) {
        rc = fupin__oom();
        goto out;
    }
    fupin__ld_progress_start(L, s->size, s->size);
    /* a split before the header's end (empty lines before it) is none */
    if (sp && sp->at < w.base + c.pos)
        sp = NULL;
    if (sp) {
        window_stop(&w, &c, sp->at);
        fupin__ld_split_start(L, s, lines, sp, &job);
    }
    /* the first half's records are fewer than its line ends; a stream read once has
     * no count to hold to */
    rc = stream_records(L, &w, &c, chk ? SIZE_MAX : sp ? (size_t)(sp->line - 1) : lines);
    if (sp)
        rc = fupin__ld_split_finish(L, s, lines, sp, job, rc);
out:
    if (chk && rc < 0 && rc != FUPIN__LD_NOT_UTF8 && w.buf)
        rc = check_rest(&w, rc);
    fupin__csv_free(&c);
    fupin__unmap(w.buf, w.cap);
    return rc < 0 ? rc : 0;
}

/* The records of s from offset from (a line start, line `line`) to its end: the second
 * half of a split, into pools for `lines` records at most. */
int fupin__ld_parse_stream_part(struct loader *L, struct fupin__stream *s, size_t lines,
                                uint64_t from, uint64_t line)
{
    struct window w = {s, NULL, chunk_size(), 0, from, from, s->size, 0, NULL};
    struct fupin__csv c;
    memset(&c, 0, sizeof c);
    w.buf = fupin__map(w.cap);
    int rc = w.buf ? window_fill(&w, 0) : fupin__oom();
    if (!rc) {
        fupin__csv_init(&c, w.buf, w.len);
        c.pos = 0; /* a BOM is one only at the start of the file */
        c.line = line;
        rc = stream_records(L, &w, &c, lines);
    }
    fupin__csv_free(&c);
    fupin__unmap(w.buf, w.cap);
    return rc < 0 ? rc : 0;
}

int fupin__ld_parse_stream(struct loader *L, struct fupin__stream *s, size_t lines,
                           const struct ld_split *sp)
{
    L->empty = 0;
    return parse_stream(L, s, lines, sp, NULL);
}

size_t fupin__ld_test_estimate;

/* The records a stream read once starts its pools with: a generated members.csv has
 * 59 bytes a line and incomes.csv 54, a real one rarely less than 32. Too many costs
 * address space only (a pool's pages are touched as records are written), too few a
 * realloc, which moves a large block with mremap, not by copying. */
#define BYTES_PER_RECORD 32

int fupin__ld_parse_stream_once(struct loader *L, struct fupin__stream *s)
{
    struct utf8_check chk = {{0}, 0, 0};
    size_t n = fupin__ld_test_estimate ? fupin__ld_test_estimate
                                       : (size_t)(s->size / BYTES_PER_RECORD) + 16;
    L->empty = 0;
    return parse_stream(L, s, n, NULL, &chk);
}
