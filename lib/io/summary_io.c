/* The serialised form of a group result (docs/scale.md): versioned text, one line per
 * field, fixed order. Sums are exact decimal integers and doubles travel as their
 * IEEE-754 bit patterns in hex, so nothing depends on the locale or on printf
 * rounding, and a parsed result finishes to the very same figures. The parser treats
 * the text as untrusted: every number is range-checked and the counts must agree. */
#include <stdio.h>
#include <string.h>

#include "io.h"
#include "../model/national.h"
#include "fupin/rollup.h"

#define SUMMARY_MAGIC   "fupin-group-summary"
#define SUMMARY_VERSION 1

__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

/* ------------------------------------------------------------ writing */

struct out {
    char *buf;
    size_t cap, len;
};

static void put(struct out *o, const char *s, size_t n)
{
    if (o->len < o->cap) {
        size_t room = o->cap - o->len;
        memcpy(o->buf + o->len, s, n < room ? n : room);
    }
    o->len += n;
}

static void puts_(struct out *o, const char *s)
{
    put(o, s, strlen(s));
}

static void put_i128(struct out *o, i128 v)
{
    char tmp[48];
    size_t n = 0;
    u128 u = v < 0 ? (u128)0 - (u128)v : (u128)v;
    do {
        tmp[n++] = (char)('0' + (int)(u % 10));
        u /= 10;
    } while (u);
    put(o, " ", 1);
    if (v < 0)
        put(o, "-", 1);
    while (n)
        put(o, &tmp[--n], 1);
}

static void put_int(struct out *o, int64_t v)
{
    put_i128(o, v);
}

static void put_hex64(struct out *o, uint64_t bits)
{
    char tmp[20];
    snprintf(tmp, sizeof tmp, " %016llx", (unsigned long long)bits);
    puts_(o, tmp);
}

static void put_double(struct out *o, double d)
{
    uint64_t bits;
    memcpy(&bits, &d, sizeof bits);
    char tmp[20];
    snprintf(tmp, sizeof tmp, " %016llx", (unsigned long long)bits);
    puts_(o, tmp);
}

static void key(struct out *o, const char *k)
{
    puts_(o, k);
}

static void end(struct out *o)
{
    put(o, "\n", 1);
}

int fupin_summary_serialize(const fupin_summary *r, char *buf, size_t cap, size_t *needed)
{
    if (needed)
        *needed = 0;
    if (!r || (!buf && cap))
        return fupin__error(FUPIN_EINVAL, "fupin_summary_serialize: NULL argument");
    if (r->kind != FUPIN_SUMMARY_GROUP)
        return fupin__error(FUPIN_EINVAL, "fupin_summary_serialize: not a group's summary");
    const struct fupin__totals *t = &r->t;
    const struct fupin__stats *s = &r->ctx.stats;
    struct out o = {buf, cap, 0};
    key(&o, SUMMARY_MAGIC);
    put_int(&o, SUMMARY_VERSION);
    end(&o);
    key(&o, "prefix ");
    puts_(&o, r->code);
    end(&o);
    key(&o, "year");
    put_int(&o, r->ctx.year);
    end(&o);
    key(&o, "since");
    put_int(&o, s->since);
    end(&o);
    key(&o, "stats");
    put_double(&o, s->national_income);
    put_double(&o, s->national_income_prev);
    put_double(&o, s->cpi);
    put_double(&o, s->national_growth);
    put_double(&o, s->national_real_growth);
    put_double(&o, s->national_cagr);
    put_double(&o, s->cpi_product);
    put_hex64(&o, s->low);
    end(&o);
    for (int i = 0; i < 4; i++) {
        const struct fupin__params *p = &r->ctx.region[i];
        key(&o, "params");
        put_int(&o, i);
        put_int(&o, p->has_threshold);
        put_int(&o, p->county_exit_incidence.m);
        put_int(&o, p->county_exit_incidence.k);
        put_int(&o, p->mpi_ok);
        put_double(&o, p->mpi_k);
        for (int d = 0; d < FUPIN__MPI_DIMS; d++)
            put_double(&o, p->mpi_weight[d]);
        put_hex64(&o, p->low);
        end(&o);
    }
    key(&o, "villages");
    put_int(&o, t->villages);
    put_int(&o, t->households);
    put_int(&o, t->population);
    put_int(&o, t->region);
    end(&o);
    key(&o, "poor");
    put_int(&o, t->poor_low);
    put_int(&o, t->poor_known);
    end(&o);
    key(&o, "guarantee");
    for (int i = 0; i < 3; i++)
        put_int(&o, t->guarantee[i]);
    end(&o);
    key(&o, "alerts");
    for (int i = 0; i < 4; i++)
        put_int(&o, t->alerts[i]);
    end(&o);
    key(&o, "categories");
    for (int i = 0; i < 5; i++)
        put_int(&o, t->categories[i]);
    end(&o);
    key(&o, "monitor_exit");
    for (int i = 0; i < 3; i++)
        put_int(&o, t->monitor_exit[i]);
    end(&o);
    key(&o, "income");
    put_i128(&o, t->total);
    put_i128(&o, t->members);
    put_i128(&o, t->now);
    put_i128(&o, t->prev);
    put_i128(&o, t->span_now);
    put_i128(&o, t->span_base);
    end(&o);
    key(&o, "panels");
    put_int(&o, t->known);
    put_int(&o, t->panel);
    put_int(&o, t->span_panel);
    put_int(&o, t->above);
    end(&o);
    key(&o, "mpi_unknown");
    put_int(&o, t->mpi_unknown);
    end(&o);
    key(&o, "low");
    put_hex64(&o, t->low);
    end(&o);
    for (int m = 0; m < FUPIN__MPI_MASKS; m++) {
        if (!t->mpi_households[m])
            continue;
        key(&o, "mpi");
        put_int(&o, m);
        put_int(&o, t->mpi_households[m]);
        put_int(&o, t->mpi_members[m]);
        end(&o);
    }
    key(&o, "end");
    end(&o);
    if (needed)
        *needed = o.len;
    if (o.len >= cap)
        return fupin__error(FUPIN_ENOSPC, "fupin_summary_serialize: %zu bytes needed", o.len + 1);
    buf[o.len] = '\0';
    return 0;
}

/* ------------------------------------------------------------ reading */

struct in {
    const char *p, *end;
    int line;      /* the current line, 1-based */
    const char *k; /* the current line's key, for messages */
};

static int bad(const struct in *in, const char *what)
{
    return fupin__error(FUPIN_EPARSE, "group summary line %d (%s): %s", in->line,
                        in->k ? in->k : "?", what);
}

/* Start a line with the given key. */
static int begin(struct in *in, const char *k)
{
    size_t n = strlen(k);
    in->line++;
    in->k = k;
    if ((size_t)(in->end - in->p) < n || memcmp(in->p, k, n) != 0 ||
        (in->p + n < in->end && in->p[n] != ' ' && in->p[n] != '\n'))
        return bad(in, "expected this key here");
    in->p += n;
    return 0;
}

static int peek(const struct in *in, const char *k)
{
    size_t n = strlen(k);
    return (size_t)(in->end - in->p) > n && memcmp(in->p, k, n) == 0 && in->p[n] == ' ';
}

static int finish_line(struct in *in)
{
    if (in->p >= in->end || *in->p != '\n')
        return bad(in, "expected the end of the line");
    in->p++;
    return 0;
}

/* " -?digits", at most 36 digits (so that sums of two never overflow 128 bits) */
static int get_i128(struct in *in, i128 *out)
{
    if (in->p >= in->end || *in->p != ' ')
        return bad(in, "missing a value");
    in->p++;
    int neg = in->p < in->end && *in->p == '-';
    if (neg)
        in->p++;
    const char *start = in->p;
    i128 v = 0;
    while (in->p < in->end && *in->p >= '0' && *in->p <= '9') {
        if (in->p - start >= 36)
            return bad(in, "a number with too many digits");
        v = v * 10 + (*in->p - '0');
        in->p++;
    }
    if (in->p == start || (in->p - start > 1 && *start == '0') || (neg && v == 0))
        return bad(in, "not a plain integer");
    *out = neg ? -v : v;
    return 0;
}

static int get_int(struct in *in, int64_t lo, int64_t hi, int64_t *out)
{
    i128 v = 0;
    int rc = get_i128(in, &v);
    if (rc)
        return rc;
    if (v < lo || v > hi)
        return bad(in, "a value out of range");
    *out = (int64_t)v;
    return 0;
}

static int get_hex64(struct in *in, uint64_t *out)
{
    if (in->end - in->p < 17 || *in->p != ' ')
        return bad(in, "missing a 16-digit hex value");
    uint64_t bits = 0;
    for (int i = 1; i <= 16; i++) {
        char c = in->p[i];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (d < 0)
            return bad(in, "not a 16-digit lower-case hex value");
        bits = bits << 4 | (uint64_t)d;
    }
    in->p += 17;
    *out = bits;
    return 0;
}

/* a set of low-confidence values: only bits the built-in table has */
static int get_low(struct in *in, uint64_t *out)
{
    if (get_hex64(in, out))
        return FUPIN_EPARSE;
    if (fupin__national_low_count < 64 && (*out >> fupin__national_low_count) != 0)
        return bad(in, "a low-confidence set with bits this library does not have");
    return 0;
}

static int get_double(struct in *in, double *out)
{
    uint64_t bits = 0;
    if (get_hex64(in, &bits))
        return FUPIN_EPARSE;
    memcpy(out, &bits, sizeof *out);
    return 0;
}

/* a statistic: finite or NaN (null); a weight or cut-off: finite and >= 0 */
static int is_stat(double d)
{
    return d == d ? d - d == 0 : 1;
}

static int is_weight(double d)
{
    return d == d && d - d == 0 && d >= 0;
}

int fupin__group_parse(const char *text, size_t len, struct fupin_summary *r)
{
    struct in in = {text, text + len, 0, NULL};
    int64_t v = 0;
    memset(r, 0, sizeof *r);
    r->kind = FUPIN_SUMMARY_GROUP;
    struct fupin__totals *t = &r->t;
    struct fupin__stats *s = &r->ctx.stats;
#define TRY(x)                                                                                     \
    do {                                                                                           \
        if (x)                                                                                     \
            return FUPIN_EPARSE;                                                                   \
    } while (0)
#define INT(lo, hi, dst)                                                                           \
    do {                                                                                           \
        TRY(get_int(&in, lo, hi, &v));                                                             \
        dst = (__typeof__(dst))v;                                                                  \
    } while (0)
    TRY(begin(&in, SUMMARY_MAGIC));
    TRY(get_int(&in, 0, INT64_MAX, &v));
    if (v != SUMMARY_VERSION)
        return bad(&in, "an unknown version (this library reads version 1)");
    TRY(finish_line(&in));

    TRY(begin(&in, "prefix"));
    if (in.p >= in.end || *in.p != ' ')
        return bad(&in, "missing the prefix");
    in.p++;
    size_t n = 0;
    while (in.p + n < in.end && n < 10 && in.p[n] >= '0' && in.p[n] <= '9')
        n++;
    if (n != 2 && n != 4 && n != 6 && n != 9)
        return bad(&in, "not a 2, 4, 6 or 9-digit prefix");
    memcpy(r->code, in.p, n);
    in.p += n;
    TRY(finish_line(&in));

    TRY(begin(&in, "year"));
    INT(1, 9999, r->ctx.year);
    TRY(finish_line(&in));
    TRY(begin(&in, "since"));
    INT(0, r->ctx.year - 1, s->since);
    TRY(finish_line(&in));
    TRY(begin(&in, "stats"));
    double *stats[7] = {&s->national_income, &s->national_income_prev, &s->cpi,
                        &s->national_growth, &s->national_real_growth, &s->national_cagr,
                        &s->cpi_product};
    for (int i = 0; i < 7; i++) {
        TRY(get_double(&in, stats[i]));
        if (!is_stat(*stats[i]))
            return bad(&in, "an infinite statistic");
    }
    TRY(get_low(&in, &s->low));
    TRY(finish_line(&in));
    /* derived, not written: as fupin_evaluator_create works it out (R-I6), so that the
     * context reads the same as an evaluated group's */
    s->cpi_divisor = 1 + s->cpi / 100;
    for (int i = 0; i < 4; i++) {
        struct fupin__params *p = &r->ctx.region[i];
        TRY(begin(&in, "params"));
        TRY(get_int(&in, i, i, &v));
        INT(0, 1, p->has_threshold);
        /* the county limit, an exact decimal M x 10^-K in [0, 1], trailing zeros
         * dropped (so equal limits are equal) */
        INT(0, 1000000000000000000, p->county_exit_incidence.m);
        INT(0, 18, p->county_exit_incidence.k);
        {
            const struct fupin__dec *d = &p->county_exit_incidence;
            if ((d->m == 0 && d->k != 0) || (d->k > 0 && d->m % 10 == 0) ||
                fupin__dec_cmp_mul(1, d, 1) < 0)
                return bad(&in, "a county exit limit that is not a decimal in [0, 1] in "
                                "its shortest form");
        }
        INT(0, 1, p->mpi_ok);
        TRY(get_double(&in, &p->mpi_k));
        if (!is_weight(p->mpi_k))
            return bad(&in, "a cut-off that is not a finite number >= 0");
        for (int d = 0; d < FUPIN__MPI_DIMS; d++) {
            TRY(get_double(&in, &p->mpi_weight[d]));
            if (!is_weight(p->mpi_weight[d]))
                return bad(&in, "a weight that is not a finite number >= 0");
        }
        TRY(get_low(&in, &p->low));
        TRY(finish_line(&in));
    }

    TRY(begin(&in, "villages"));
    INT(0, INT64_MAX, t->villages);
    INT(0, INT64_MAX, t->households);
    INT(-1, INT64_MAX, t->population);
    INT(-2, 2, t->region);
    TRY(finish_line(&in));
    if ((t->villages == 0) != (t->region == -2))
        return bad(&in, "a region given for no village, or none for some");
    if (t->villages == 0 && (t->households || t->population))
        return bad(&in, "households or population without a village");
    TRY(begin(&in, "poor"));
    INT(0, INT64_MAX, t->poor_low);
    INT(0, 1, t->poor_known);
    TRY(finish_line(&in));
    int64_t sum = 0;
    TRY(begin(&in, "guarantee"));
    for (int i = 0; i < 3; i++) {
        INT(0, t->households, t->guarantee[i]);
        sum += t->guarantee[i];
    }
    TRY(finish_line(&in));
    if (sum != t->households)
        return bad(&in, "guarantee counts that do not add up to the households");
    struct {
        const char *k;
        int64_t *c;
        int n;
    } buckets[3] = {{"alerts", t->alerts, 4},
                    {"categories", t->categories, 5},
                    {"monitor_exit", t->monitor_exit, 3}};
    for (int b = 0; b < 3; b++) {
        TRY(begin(&in, buckets[b].k));
        sum = 0;
        for (int i = 0; i < buckets[b].n; i++) {
            INT(0, t->households, buckets[b].c[i]);
            sum += buckets[b].c[i];
        }
        TRY(finish_line(&in));
        if (sum > t->households)
            return bad(&in, "counts that add up to more than the households");
    }
    TRY(begin(&in, "income"));
    i128 *sums[6] = {&t->total, &t->members, &t->now, &t->prev, &t->span_now, &t->span_base};
    for (int i = 0; i < 6; i++)
        TRY(get_i128(&in, sums[i]));
    TRY(finish_line(&in));
    TRY(begin(&in, "panels"));
    INT(0, t->households, t->known);
    INT(0, t->known, t->panel);
    INT(0, t->known, t->span_panel);
    INT(0, t->households, t->above);
    TRY(finish_line(&in));
    if (t->members < t->known || (t->known == 0 && (t->members || t->total)) ||
        (t->panel == 0 && (t->now || t->prev)) ||
        (t->span_panel == 0 && (t->span_now || t->span_base)) || (!s->since && t->span_panel))
        return bad(&in, "income sums that disagree with the panel counts");
    TRY(begin(&in, "mpi_unknown"));
    INT(0, t->households, t->mpi_unknown);
    TRY(finish_line(&in));
    TRY(begin(&in, "low"));
    TRY(get_low(&in, &t->low));
    TRY(finish_line(&in));
    sum = t->mpi_unknown;
    int last = -1;
    while (peek(&in, "mpi")) {
        int64_t m = 0;
        TRY(begin(&in, "mpi"));
        TRY(get_int(&in, last + 1, FUPIN__MPI_MASKS - 1, &m));
        last = (int)m;
        INT(1, t->households - sum, t->mpi_households[m]);
        sum += t->mpi_households[m];
        INT(t->mpi_households[m], INT64_MAX, t->mpi_members[m]);
        TRY(finish_line(&in));
    }
    if (sum != t->households)
        return bad(&in, "R-V5 counts that do not add up to the households");
    TRY(begin(&in, "end"));
    TRY(finish_line(&in));
    if (in.p != in.end)
        return bad(&in, "text after the end");
#undef INT
#undef TRY
    return 0;
}
