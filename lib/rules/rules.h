/* Internal: the rule families, pure functions of (parameters, household or village,
 * year) -> result fields. rules -> model, core. No I/O, no clock, no allocation. */
#ifndef FUPIN_RULES_H
#define FUPIN_RULES_H

#include "../model/model.h"

/* R-G1..R-G7: r->dim[], r->guarantee, r->reasons[FUPIN_LIST_GUARANTEE]. */
void fupin__rule_guarantee(const struct fupin__params *p, const struct fupin_household *h,
                           int32_t year, struct fupin_result *r);

/* R-I1..R-I3, R-E1, R-E2: net income (Y, Y-1 and the span start), members, per-capita,
 * income status, exit_eligible, registration. Needs r->guarantee (run after guarantee). */
void fupin__rule_income(const struct fupin__params *p, const struct fupin_household *h,
                        int32_t year, int32_t since, struct fupin_result *r);

/* R-I4..R-I6 household growth figures from r's incomes and the national statistics. */
void fupin__rule_growth(const struct fupin__stats *s, const struct fupin_household *h,
                        int32_t year, struct fupin_result *r);

/* R-A1..R-A11: alert level, category and signals (only when p->has_threshold). */
void fupin__rule_alert(const struct fupin__params *p, const struct fupin_household *h,
                       int32_t year, struct fupin_result *r);

/* Section 5, R-M1: monitoring exit (only when p->has_threshold; after rule_alert). */
void fupin__rule_monitor(const struct fupin__params *p, const struct fupin_household *h,
                         int32_t year, struct fupin_result *r);

/* R-V1..R-V3 and R-I7 for a village: evaluates each household into a stack result. */
void fupin__rule_village(const struct fupin_evaluator *e, const struct fupin_village *v,
                         struct fupin_village_result *vr);

/* Net income of a household-year in fen (R-I1), or FUPIN__FEN_UNKNOWN. */
int64_t fupin__net_income(const struct fupin_household *h, int32_t year);

/* A 128-bit integer for exact products of fen amounts with counts and ratios. */
__extension__ typedef __int128 fupin__i128;

/* Append a reason code to a list (ignored when full, which the sizes rule out). */
static inline void fupin__reason_add(struct fupin__reasons *l, int code)
{
    if (l->n < FUPIN__MAX_REASONS)
        l->code[l->n++] = (int16_t)code;
}

#endif
