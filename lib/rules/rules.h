/* Internal: the rule families, pure functions of (parameters, household or village,
 * year) -> result fields. rules -> model, core. No I/O, no clock, no allocation. */
#ifndef FUPIN_RULES_H
#define FUPIN_RULES_H

#include <math.h>
#include <stddef.h>
#include <string.h>

#include "../model/model.h"

/* R-G1..R-G7: r->dim[], r->guarantee, r->reasons[FUPIN_LIST_GUARANTEE] (the year is in
 * p's school-age window). */
void fupin__rule_guarantee(const struct fupin__params *p, const struct fupin_household *h,
                           struct fupin_result *r);

/* A date (m 1..12, d 1..31) as one number that orders as the dates do, so that "age on
 * (y, m, d) >= A" is "birth key <= fupin__date_key(y - A, m, d)" (R-G3). */
static inline int64_t fupin__date_key(int64_t y, int64_t m, int64_t d)
{
    return y * 512 + m * 32 + d;
}

/* R-G3: the key of a member's birth date resolved as fupin__date_resolve_birth
 * resolves it (YYYY -> YYYY-07-01, YYYY-MM -> the 15th), without the call: it runs
 * for every member of every evaluation (tests/test_guarantee.c checks the two agree). */
static inline int64_t fupin__birth_key(const struct fupin__date *b)
{
    /* m = prec >= 2 ? m : 7 and d = prec >= 3 ? d : prec == 2 ? 15 : 1, in arithmetic:
     * precisions vary from member to member, and branches on them mispredicted. */
    int64_t has_m = b->prec >= 2, has_d = b->prec >= 3, d0 = 1 + 14 * (b->prec == 2);
    int64_t m = 7 + (b->m - 7) * has_m;
    int64_t d = d0 + (b->d - d0) * has_d;
    return fupin__date_key(b->y, m, d);
}

/* fupin__income_amount (model.h) in one unaligned 8-byte load instead of six byte
 * loads, for the five R-I1 parts and the two R-A4 expenses read by every evaluation
 * (issue 15). The load stays inside the record for every field but the last
 * (FUPIN__INC_EDUCATION: its 6 bytes end the 48-byte record), which takes the byte path.
 * Little-endian GCC/Clang only, where the 48-bit two's complement is the low 6 bytes
 * and >> on a negative int64 is arithmetic; elsewhere the model.h accessor. */
static inline int64_t fupin__income_amount_fast(const struct fupin__income *inc,
                                                enum fupin__income_field f)
{
#if (defined(__GNUC__) || defined(__clang__)) && defined(__BYTE_ORDER__) &&                        \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    _Static_assert(offsetof(struct fupin__income, amount) + 6 * (FUPIN__INC_N - 2) + 8 <=
                       sizeof(struct fupin__income),
                   "an 8-byte load at every field but the last stays in the record");
    if (f < FUPIN__INC_N - 1) {
        uint64_t w;
        memcpy(&w, inc->amount[f], sizeof w);
        /* the 48 bits to the top, then back down with their sign */
        int64_t v = (int64_t)(w << 16) >> 16;
        return v == -(int64_t)FUPIN__INC_SIGN ? FUPIN__FEN_UNKNOWN : v;
    }
#endif
    return fupin__income_amount(inc, f);
}

/* The income records one evaluation reads: Y, Y-1 and the span start for R-I1, Y again
 * for R-A4. Found in one pass over the household's sorted incomes, once per
 * evaluation, instead of one search per rule and year. NULL: no record that year. */
struct fupin__incomes {
    const struct fupin__income *now, *prev, *since;
    int all_skipped; /* a lenient load skipped a record of every year: all unknown */
};
void fupin__incomes_find(const struct fupin_household *h, int32_t year, int32_t since,
                         struct fupin__incomes *out);

/* R-I1..R-I3, R-E1, R-E2: net income (Y, Y-1 and the span start), members, per-capita,
 * income status, exit_eligible, registration, from the records `in` found for year
 * and since. Needs r->guarantee (run after guarantee). */
void fupin__rule_income(const struct fupin__params *p, const struct fupin_household *h,
                        int32_t year, int32_t since, const struct fupin__incomes *in,
                        struct fupin_result *r);

/* R-I4..R-I6 household growth figures from r's incomes and the national statistics. */
void fupin__rule_growth(const struct fupin__stats *s, const struct fupin_household *h, int32_t year,
                        struct fupin_result *r);

/* The growth formulas, written once for households, villages, groups and the national
 * series (R-I4..R-I6). Each returns NAN where the rule says null. */
/* R-I4: the growth ratio now / prev - 1 (not percent); NAN unless prev > 0. */
double fupin__growth_ratio(double now, double prev);
/* R-I6: real growth in percent from a nominal ratio g and rural_cpi(Y) in percent:
 * (1 + g) / (1 + cpi / 100) - 1; NAN when g or cpi is NAN. */
double fupin__real_growth_pct(double g, double cpi);
/* The same with the divisor 1 + cpi / 100 already worked out (fupin__stats.cpi_divisor:
 * once per evaluator rather than a division per household). */
double fupin__real_growth_div(double g, double divisor);
/* R-I5: the compound annual rate in percent over `years` years,
 * (now / base)^(1 / years) - 1; NAN unless base > 0 and now >= 0. */
double fupin__cagr_pct(double now, double base, int32_t years);

/* Facts of R-A3, R-A4, R-A5 and R-A7 that both the alert (R-A10) and the monitoring
 * exit (R-M1) need; computed once by fupin__rule_risks from r's incomes and the
 * record of Y in `in` (after rule_income), then read by both. */
struct fupin__risks {
    int8_t drop;           /* R-A3: 0 or 1 (false without a known positive Y-1) */
    int8_t rigid;          /* R-A4: enum fupin_tri, FUPIN_TRI_NULL when not evaluable */
    uint16_t events;       /* R-A5: bit k set when an event of kind k is in Y */
    int8_t events_skipped; /* a lenient load skipped an events record for Y (R-M1) */
    int8_t no_labor;       /* R-A7: enum fupin_tri (NULL: no member known to work and
                            * some member's labour unknown, or the household incomplete) */
};
void fupin__rule_risks(const struct fupin__params *p, const struct fupin_household *h, int32_t year,
                       const struct fupin__incomes *in, const struct fupin_result *r,
                       struct fupin__risks *out);

/* R-A1..R-A11: alert level, category and signals (only when p->has_threshold). */
void fupin__rule_alert(const struct fupin__params *p, const struct fupin_household *h,
                       const struct fupin__risks *risks, struct fupin_result *r);

/* Section 5, R-M1: monitoring exit (only when p->has_threshold; after rule_alert). */
void fupin__rule_monitor(const struct fupin__params *p, const struct fupin_household *h,
                         int32_t year, const struct fupin__risks *risks, struct fupin_result *r);

/* The running totals of a village or group summary (lib/rules/group.c). */
struct fupin__acc {
    int32_t year;
    const struct fupin__stats *st;
    const struct fupin__params *p; /* the village's or group's parameters */
    struct fupin__totals t;
};

/* A village summary built from results the caller evaluates (so that a report
 * evaluates each household once for its line and its village): begin, add every
 * household i of the village in order with its result (NULL when its evaluation
 * failed: it then counts as unknown), end. begin may fail (FUPIN_ENOMEM) and then
 * changes nothing; add and end cannot fail. */
struct fupin__village_run {
    struct fupin__acc a;
    const struct fupin_village *v;
    struct fupin_summary *vr;
    size_t n_severe, n_warning;
};
int fupin__village_begin(const struct fupin_evaluator *e, const struct fupin_village *v,
                         struct fupin_summary *vr, struct fupin__village_run *run);
void fupin__village_add(struct fupin__village_run *run, size_t i, const struct fupin_result *r);
void fupin__village_end(struct fupin__village_run *run);

/* R-V1..R-V3, R-I7 and R-V5 for a village: evaluates each household into a stack result. */
int fupin__rule_village(const struct fupin_evaluator *e, const struct fupin_village *v,
                        struct fupin_summary *vr);

/* R-V4, R-V5: the group summary (gr->s, villages, exit check) from its totals gr->t and
 * context gr->ctx; used after evaluating, merging and parsing alike. */
void fupin__group_finish(struct fupin_summary *gr);

/* Copy a group summary's values (kind, prefix, figures, totals, context) into another
 * summary, keeping the destination's own name and visit storage. */
void fupin__group_copy(struct fupin_summary *to, const struct fupin_summary *from);

/* Whether two groups were computed under the same year, statistics and group
 * parameters (the fields struct fupin__group_ctx names), so that they may merge. */
int fupin__group_ctx_same(const struct fupin__group_ctx *a, const struct fupin__group_ctx *b);

/* Net income of a household-year in fen (R-I1), or FUPIN__FEN_UNKNOWN. */
int64_t fupin__net_income(const struct fupin_household *h, int32_t year);

/* No figure is ever non-finite: an overflow or a division by zero gives null (NAN),
 * which every writer prints as null (issue 11). */
static inline double fupin__finite(double v)
{
    return isfinite(v) ? v : NAN;
}

/* R-I4, R-I7, docs/reference/rules.md Rounding: the growth now / prev - 1 of two exact totals
 * (prev > 0) in percent, rounded once to 2 decimals half away from zero in integers,
 * as the double nearest that decimal (which rounding it again leaves unchanged). */
double fupin__growth_pct_rounded(fupin__i128 now, fupin__i128 prev);

/* sign(a - r x b) for an exact ratio r = m / 10^k, as fupin__dec_cmp_mul (lib/core)
 * says, for the R-A3 and R-A4 comparisons of every evaluation: with 0 <= k <= 18 both
 * products fit in 128 bits (|a| x 10^18 < 2^123, |m x b| < 2^126), so one multiply
 * each decides it; a ratio with more decimals goes to the general comparison. */
static inline int fupin__ratio_cmp(int64_t a, const struct fupin__dec *r, int64_t b)
{
    static const int64_t pow10[19] = {1,
                                      10,
                                      100,
                                      1000,
                                      10000,
                                      100000,
                                      1000000,
                                      10000000,
                                      100000000,
                                      1000000000,
                                      10000000000,
                                      100000000000,
                                      1000000000000,
                                      10000000000000,
                                      100000000000000,
                                      1000000000000000,
                                      10000000000000000,
                                      100000000000000000,
                                      1000000000000000000};
    if (r->k < 0 || r->k > 18)
        return fupin__dec_cmp_mul(a, r, b);
    fupin__i128 lhs = (fupin__i128)a * pow10[r->k], rhs = (fupin__i128)r->m * b;
    return (lhs > rhs) - (lhs < rhs);
}

/* Append code to a list when cond holds, by a store and an add rather than a branch on
 * the household's data. No room check: the caller's list has room (a result's lists
 * start empty, and no rule adds half of FUPIN__MAX_REASONS codes). */
static inline void fupin__reason_put(struct fupin__reasons *l, int code, int cond)
{
    l->code[l->n] = (int16_t)code;
    l->n = (uint16_t)(l->n + (cond != 0));
}

/* Append a reason code to a list (ignored when full, which the sizes rule out). */
static inline void fupin__reason_add(struct fupin__reasons *l, int code)
{
    if (l->n < FUPIN__MAX_REASONS)
        l->code[l->n++] = (int16_t)code;
}

#endif
