/* RFC 4180 reading (docs/dataset.md): quoted fields with doubled quotes and
 * newlines, BOM ignored. CRLF, LF and a lone CR each end a line (issue 10 item 1:
 * Excel's "CSV (Macintosh)" writes CR alone, and files edited in several programs mix
 * them); inside quotes each is kept as one line feed; empty lines skipped, fields never trimmed.
 * The scanning loops stop only on the few bytes that matter, so the reader runs at memory speed;
 * every malformed input still yields a record and never a crash. */
#include <string.h>

#include "../core/core.h"
#include "csv.h"

void fupin__csv_init(struct fupin__csv *c, const char *data, size_t len)
{
    memset(c, 0, sizeof *c);
    c->data = data;
    c->len = len;
    c->line = 1;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        c->pos = 3;
}

void fupin__csv_window(struct fupin__csv *c, const char *data, size_t len)
{
    c->data = data;
    c->len = len;
    c->pos = 0;
}

void fupin__csv_free(struct fupin__csv *c)
{
    fupin__free(c->fields);
    fupin__free(c->scratch_off);
    fupin__free(c->scratch);
    c->fields = NULL;
    c->scratch_off = NULL;
    c->scratch = NULL;
    c->cap_fields = c->scratch_cap = c->scratch_len = 0;
}

const char *fupin__csv_fault_text(int fault)
{
    switch (fault) {
    case FUPIN__CSV_QUOTE_IN_FIELD:
        return "quote inside an unquoted field";
    case FUPIN__CSV_TEXT_AFTER_QUOTE:
        return "text after a closing quote";
    case FUPIN__CSV_UNTERMINATED:
        return "unterminated quote";
    default:
        return "malformed record";
    }
}

static int grow_fields(struct fupin__csv *c)
{
    size_t cap = c->cap_fields ? c->cap_fields * 2 : 32;
    struct fupin__csv_field *f = fupin__reallocarray(c->fields, cap, sizeof *f);
    if (!f)
        return -1;
    c->fields = f;
    size_t *o = fupin__reallocarray(c->scratch_off, cap, sizeof *o);
    if (!o)
        return -1;
    c->scratch_off = o;
    c->cap_fields = cap;
    return 0;
}

static int scratch_add(struct fupin__csv *c, const char *s, size_t n)
{
    if (c->scratch_len + n > c->scratch_cap) {
        size_t cap = c->scratch_cap ? c->scratch_cap : 256;
        while (cap < c->scratch_len + n) {
            if (cap > SIZE_MAX / 2)
                return -1;
            cap *= 2;
        }
        char *p = fupin__realloc(c->scratch, cap);
        if (!p)
            return -1;
        c->scratch = p;
        c->scratch_cap = cap;
    }
    if (n)
        memcpy(c->scratch + c->scratch_len, s, n);
    c->scratch_len += n;
    return 0;
}

/* Bytes that end an unquoted run: , " CR LF. */
static const unsigned char stop_unquoted[256] = {['\n'] = 1, ['\r'] = 1, [','] = 1, ['"'] = 1};
/* Bytes that matter inside quotes: " CR LF. */
static const unsigned char stop_quoted[256] = {['\n'] = 1, ['\r'] = 1, ['"'] = 1};

static size_t scan(const char *d, size_t pos, size_t len, const unsigned char *stop)
{
    while (pos + 4 <= len) {
        if (stop[(unsigned char)d[pos]])
            return pos;
        if (stop[(unsigned char)d[pos + 1]])
            return pos + 1;
        if (stop[(unsigned char)d[pos + 2]])
            return pos + 2;
        if (stop[(unsigned char)d[pos + 3]])
            return pos + 3;
        pos += 4;
    }
    while (pos < len && !stop[(unsigned char)d[pos]])
        pos++;
    return pos;
}

static void set_fault(struct fupin__csv_record *rec, int fault, size_t field)
{
    if (rec->fault == FUPIN__CSV_FINE) {
        rec->fault = fault;
        rec->fault_field = field;
    }
}

/* At a field delimiter (or the end)? */
static int at_delim(const char *d, size_t pos, size_t len)
{
    return pos >= len || d[pos] == ',' || d[pos] == '\n' || d[pos] == '\r';
}

/* The length of the line end at pos (LF 1, CRLF 2, lone CR 1), d[pos] a CR or LF. */
static size_t eol_len(const char *d, size_t pos, size_t len)
{
    return d[pos] == '\r' && pos + 1 < len && d[pos + 1] == '\n' ? 2 : 1;
}

int fupin__csv_test_bytewise;

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define bytes_equal fupin__bytes_equal

/* The common record, taken eight bytes at a time: no quote and no CR before its LF,
 * so its fields are exactly the runs between commas. 1 when taken (fields set, c
 * moved past the LF), 0 when the record needs the general reader below (a quote, a
 * CR, or no LF within the last 8 bytes), FUPIN_ENOMEM. Either way the record reads
 * the same. */
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Room for `more` fields after the first nf, so that a step of the loops below, which
 * ends at most one field a byte, stores them without checking each one. */
static int fields_room(struct fupin__csv *c, size_t nf, size_t more)
{
    while (c->cap_fields < nf + more)
        if (grow_fields(c))
            return -1;
    return 0;
}

static int fast_record(struct fupin__csv *c, size_t pos, size_t *nf_out)
{
    const char *d = c->data;
    const size_t len = c->len;
    size_t nf = 0, start = pos;
    if (fupin__csv_test_bytewise)
        return 0;
    /* a local copy: a size_t store could alias c->cap_fields, and the compiler would
     * then load c->fields and c->cap_fields again at every field */
    struct fupin__csv_field *fields = c->fields;
#if defined(__SSE2__)
    /* sixteen bytes at a time where SSE2 is there (every x86-64): half the steps of a
     * record of the usual 40 to 60 bytes; the words below finish what is left */
    const __m128i nl_v = _mm_set1_epi8('\n'), q_v = _mm_set1_epi8('"'), cr_v = _mm_set1_epi8('\r'),
                  comma_v = _mm_set1_epi8(',');
    while (pos + 16 <= len) {
        __m128i w = _mm_loadu_si128((const __m128i *)(const void *)(d + pos));
        uint32_t nl = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(w, nl_v));
        uint32_t odd = (uint32_t)_mm_movemask_epi8(
            _mm_or_si128(_mm_cmpeq_epi8(w, q_v), _mm_cmpeq_epi8(w, cr_v)));
        uint32_t comma = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(w, comma_v));
        uint32_t upto = nl ? (nl ^ (nl - 1)) : 0xFFFFu; /* bits up to the first LF */
        if (odd & upto)
            return 0;
        if (c->cap_fields < nf + 16) {
            if (fields_room(c, nf, 16))
                return FUPIN_ENOMEM;
            fields = c->fields;
        }
        for (uint32_t ends = (comma | nl) & upto; ends; ends &= ends - 1) {
            size_t at = pos + (size_t)__builtin_ctz(ends);
            fields[nf].p = d + start;
            fields[nf++].n = at - start;
            start = at + 1;
        }
        if (nl) {
            c->pos = start;
            c->line++;
            *nf_out = nf;
            return 1;
        }
        pos += 16;
    }
#endif
    while (pos + 8 <= len) {
        uint64_t w;
        memcpy(&w, d + pos, 8);
        uint64_t nl = bytes_equal(w, '\n');
        uint64_t odd = bytes_equal(w, '"') | bytes_equal(w, '\r');
        uint64_t comma = bytes_equal(w, ',');
        uint64_t upto = nl ? (nl ^ (nl - 1)) : ~0ULL; /* bits up to the first LF */
        if (odd & upto)
            return 0;
        if (c->cap_fields < nf + 8) {
            if (fields_room(c, nf, 8))
                return FUPIN_ENOMEM;
            fields = c->fields;
        }
        /* each comma, then the LF, ends a field */
        for (uint64_t ends = (comma | nl) & upto; ends; ends &= ends - 1) {
            size_t at = pos + (size_t)(__builtin_ctzll(ends) >> 3);
            fields[nf].p = d + start;
            fields[nf++].n = at - start;
            start = at + 1;
        }
        if (nl) {
            c->pos = start; /* past the LF, the last field's end */
            c->line++;
            *nf_out = nf;
            return 1;
        }
        pos += 8;
    }
    return 0;
}
#else
static int fast_record(struct fupin__csv *c, size_t pos, size_t *nf_out)
{
    (void)c, (void)pos, (void)nf_out;
    return 0;
}
#endif

int fupin__csv_next(struct fupin__csv *c, struct fupin__csv_record *rec)
{
    const char *d = c->data;
    const size_t len = c->len;
    size_t pos = c->pos;

    for (;;) {
        if (pos >= len) {
            c->pos = pos;
            return 0;
        }
        if (d[pos] == '\n' || d[pos] == '\r') {
            pos += eol_len(d, pos, len);
            c->line++;
        } else {
            break;
        }
    }
    memset(rec, 0, sizeof *rec);
    rec->line = c->line;
    size_t fast_n = 0;
    int fast = fast_record(c, pos, &fast_n);
    if (fast) {
        if (fast < 0)
            return fast;
        rec->fields = c->fields;
        rec->n = fast_n;
        return 1;
    }
    c->scratch_len = 0;
    size_t nf = 0;
    int end = 0;
    while (!end) {
        if (nf == c->cap_fields && grow_fields(c))
            return FUPIN_ENOMEM;
        size_t start = pos;
        struct fupin__csv_field *f = &c->fields[nf];
        c->scratch_off[nf] = SIZE_MAX;
        if (pos < len && d[pos] == '"') {
            size_t seg = ++pos, s0 = c->scratch_len;
            int copied = 0, closed = 0;
            while (!closed) {
                size_t q = scan(d, pos, len, stop_quoted);
                if (q >= len) {
                    /* An unterminated quote runs to the end: there is no way to know
                     * where the writer meant it to stop. */
                    set_fault(rec, FUPIN__CSV_UNTERMINATED, nf);
                    if (rec->fault_field == nf && rec->fault == FUPIN__CSV_UNTERMINATED) {
                        rec->raw = d + start;
                        rec->raw_n = len - start;
                    }
                    if (copied && scratch_add(c, d + seg, len - seg))
                        return FUPIN_ENOMEM;
                    pos = q = len;
                    end = 1;
                    if (copied) {
                        c->scratch_off[nf] = s0;
                        f->n = c->scratch_len - s0;
                    } else {
                        f->p = d + seg;
                        f->n = len - seg;
                    }
                    break;
                }
                if (d[q] == '\n') {
                    c->line++;
                    pos = q + 1;
                } else if (d[q] == '\r') {
                    /* a quoted CRLF or lone CR is kept as a line feed */
                    if (scratch_add(c, d + seg, q - seg) || scratch_add(c, "\n", 1))
                        return FUPIN_ENOMEM;
                    copied = 1;
                    c->line++;
                    pos = seg = q + eol_len(d, q, len);
                } else if (q + 1 < len && d[q + 1] == '"') {
                    if (scratch_add(c, d + seg, q + 1 - seg))
                        return FUPIN_ENOMEM;
                    copied = 1;
                    pos = seg = q + 2;
                } else {
                    if (copied) {
                        if (scratch_add(c, d + seg, q - seg))
                            return FUPIN_ENOMEM;
                        c->scratch_off[nf] = s0;
                        f->n = c->scratch_len - s0;
                    } else {
                        f->p = d + seg;
                        f->n = q - seg;
                    }
                    pos = q + 1;
                    closed = 1;
                }
            }
            if (end) {
                nf++;
                break;
            }
            if (!at_delim(d, pos, len)) {
                set_fault(rec, FUPIN__CSV_TEXT_AFTER_QUOTE, nf);
                while (!at_delim(d, pos, len))
                    pos++;
                if (rec->fault_field == nf) {
                    rec->raw = d + start;
                    rec->raw_n = pos - start;
                }
            }
        } else {
            for (;;) {
                pos = scan(d, pos, len, stop_unquoted);
                if (pos < len && d[pos] == '"') {
                    set_fault(rec, FUPIN__CSV_QUOTE_IN_FIELD, nf);
                    pos++;
                } else {
                    break;
                }
            }
            f->p = d + start;
            f->n = pos - start;
            if (rec->fault && rec->fault_field == nf) {
                rec->raw = d + start;
                rec->raw_n = pos - start;
            }
        }
        nf++;
        if (pos >= len) {
            end = 1;
        } else if (d[pos] == ',') {
            pos++;
            if (pos >= len) {
                /* "a,b," at the very end: the last field is empty */
                if (nf == c->cap_fields && grow_fields(c))
                    return FUPIN_ENOMEM;
                c->fields[nf].p = d + pos;
                c->fields[nf].n = 0;
                c->scratch_off[nf] = SIZE_MAX;
                nf++;
                end = 1;
            }
        } else {
            pos += eol_len(d, pos, len); /* LF, CRLF or a lone CR */
            c->line++;
            end = 1;
        }
    }
    for (size_t i = 0; i < nf; i++)
        if (c->scratch_off[i] != SIZE_MAX)
            c->fields[i].p = c->scratch + c->scratch_off[i];
    c->pos = pos;
    rec->fields = c->fields;
    rec->n = nf;
    return 1;
}
