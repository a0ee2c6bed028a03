/* R-A1..R-A11: prevent-return monitoring signals, alert level and category. */
#include <string.h>

#include "rules.h"

/* The index of the lowest set bit of v (v != 0). */
static int lowest_bit(unsigned v)
{
#if defined(__GNUC__) || defined(__clang__)
    return __builtin_ctz(v);
#else
    int i = 0;
    for (; !(v & 1u); v >>= 1)
        i++;
    return i;
#endif
}

/* R-A3: pc(Y) <= (1 - ratio) x pc(Y-1) with pc(Y-1) > 0. Both years divide by the same
 * members, so the totals are compared exactly, with the ratio as written:
 * now <= (1 - ratio) x prev  <=>  prev - now >= ratio x prev. */
static int8_t income_drop(const struct fupin__params *p, const struct fupin_result *r)
{
    /* docs/reference/rules.md 5: R-A3 needs a known positive previous year and is simply false
     * without one; an incomplete household has no known per-capita income at all. */
    if (r->members <= 0 || r->net_income_fen == FUPIN__FEN_UNKNOWN ||
        r->net_income_prev_fen == FUPIN__FEN_UNKNOWN || r->net_income_prev_fen <= 0)
        return 0;
    /* Household totals are within +-5e13 fen (formats.md bounds), so the difference
     * fits in int64. */
    int64_t fall = r->net_income_prev_fen - r->net_income_fen;
    return fupin__ratio_cmp(fall, &p->income_drop, r->net_income_prev_fen) >= 0;
}

/* Whether spending exceeds rigid_expense_ratio x income, exactly; an income <= 0 makes
 * any spending above zero exceed it (R-A4). */
static int exceeds(int64_t spending, int64_t income, const struct fupin__dec *ratio)
{
    if (income <= 0)
        return spending > 0;
    return fupin__ratio_cmp(spending, ratio, income) > 0;
}

/* R-A4: medical + education spending of Y against last year's household net income
 * (this year's when last year's is unknown). Unknown is not "no": R-M1 needs it. */
static int8_t rigid_expense(const struct fupin__params *p, const struct fupin__incomes *in,
                            const struct fupin_result *r)
{
    int64_t income = r->net_income_prev_fen;
    if (income == FUPIN__FEN_UNKNOWN)
        income = r->net_income_fen;
    const struct fupin__income *inc = in->now;
    int64_t med = FUPIN__FEN_UNKNOWN, edu = FUPIN__FEN_UNKNOWN;
    if (inc && !inc->skipped && !in->all_skipped) {
        med = fupin__income_amount_fast(inc, FUPIN__INC_MEDICAL);
        edu = fupin__income_amount_fast(inc, FUPIN__INC_EDUCATION);
    }
    /* docs/reference/rules.md, three-valued logic: spending known to be zero never exceeds any
     * income (R-A4 asks for spending above zero even when income <= 0), so it is
     * decided without the income. */
    if (med == 0 && edu == 0)
        return FUPIN_TRI_FALSE;
    if (income == FUPIN__FEN_UNKNOWN)
        return FUPIN_TRI_NULL;
    if (med != FUPIN__FEN_UNKNOWN && edu != FUPIN__FEN_UNKNOWN)
        return exceeds(med + edu, income, &p->rigid_expense) ? FUPIN_TRI_TRUE : FUPIN_TRI_FALSE;
    /* One expense blank: the known one alone exceeding is enough, since the blank one
     * cannot be negative; anything short of that is unknown. */
    if (med != FUPIN__FEN_UNKNOWN && exceeds(med, income, &p->rigid_expense))
        return FUPIN_TRI_TRUE;
    if (edu != FUPIN__FEN_UNKNOWN && exceeds(edu, income, &p->rigid_expense))
        return FUPIN_TRI_TRUE;
    return FUPIN_TRI_NULL;
}

/* R-A7 three-valued: known true only when every member of a complete household is
 * known to have no labour capacity; false as soon as one member is known to have some. */
static int8_t no_labor(const struct fupin_household *h)
{
    int unknown = h->incomplete || h->n_members == 0;
    for (size_t i = 0; i < h->n_members; i++) {
        int8_t l = h->members[i].labor;
        if (l == FUPIN__LABOR_FULL || l == FUPIN__LABOR_PARTIAL)
            return FUPIN_TRI_FALSE;
        if (l != FUPIN__LABOR_NONE)
            unknown = 1;
    }
    return unknown ? FUPIN_TRI_NULL : FUPIN_TRI_TRUE;
}

void fupin__rule_risks(const struct fupin__params *p, const struct fupin_household *h, int32_t year,
                       const struct fupin__incomes *in, const struct fupin_result *r,
                       struct fupin__risks *out)
{
    out->drop = income_drop(p, r);
    out->rigid = rigid_expense(p, in, r);
    out->events = 0;
    out->events_skipped = 0;
    for (size_t i = 0; i < h->n_events; i++) {
        const struct fupin__event *ev = &h->events[i];
        if (ev->kind == FUPIN__EVENT_SKIPPED) {
            /* year 0: the skipped record's year was unreadable, so it may be Y */
            if (ev->year == year || ev->year == 0)
                out->events_skipped = 1;
        } else if (ev->year == year && ev->kind >= 0 && ev->kind < FUPIN__EVENT_KIND_COUNT) {
            out->events = (uint16_t)(out->events | (1u << ev->kind));
        }
    }
    out->no_labor = no_labor(h);
}

void fupin__rule_alert(const struct fupin__params *p, const struct fupin_household *h,
                       const struct fupin__risks *risks, struct fupin_result *r)
{
    struct fupin__reasons *l = &r->reasons[FUPIN_LIST_ALERT];
    const struct fupin__risks k = *risks;
    int known = r->per_capita_fen != FUPIN__FEN_UNKNOWN;

    /* R-A1, R-A2: per-capita against the line and the threshold without division. The
     * line's comparison is R-I3's, already made: below the line is the income status
     * below (known exactly when the per-capita income is). */
    int below_line = r->income_status == FUPIN_INCOME_BELOW, below_threshold = 0;
    if (known) {
        fupin__i128 threshold = (fupin__i128)p->monitoring_threshold_fen * r->members;
        below_threshold = !below_line && r->net_income_fen < threshold;
    }
    int rigid = k.rigid == FUPIN_TRI_TRUE;
    int no_lab = k.no_labor == FUPIN_TRI_TRUE;
    int uncovered = no_lab && h->assistance == FUPIN__ASSIST_NONE; /* R-A8 */

    /* fupin__reason_put has no room check: at most 24 codes (4 here, one per event
     * kind, 9 of R-G7, 2 of labour and R-A9's) go into this list, which starts empty. */
    _Static_assert(4 + FUPIN__EVENT_KIND_COUNT + 9 + 3 <= FUPIN__MAX_REASONS,
                   "the alert list has room for every code R-A2..R-A9 can give");
    fupin__reason_put(l, FUPIN_REASON_INCOME_BELOW_LINE, below_line);
    fupin__reason_put(l, FUPIN_REASON_INCOME_BELOW_THRESHOLD, below_threshold);
    fupin__reason_put(l, FUPIN_REASON_INCOME_DROP, k.drop);
    fupin__reason_put(l, FUPIN_REASON_RIGID_EXPENSE, rigid);
    /* R-A5: one code per kind, in kind order (the codes follow the kinds). The set
     * bits only, lowest first: most households have no event, and a test of every
     * kind was a fifth of this rule (issue 15). */
    for (unsigned ev = k.events; ev; ev &= ev - 1)
        fupin__reason_add(l, FUPIN_REASON_EVENT_MAJOR_ILLNESS + lowest_bit(ev));
    /* R-A6: the R-G7 reasons, unmet and unknown alike, in their order: one copy of
     * as many as the list has room for (fupin__reason_add ignores the rest) */
    const struct fupin__reasons *g = &r->reasons[FUPIN_LIST_GUARANTEE];
    size_t room = FUPIN__MAX_REASONS - l->n, copied = g->n < room ? g->n : room;
    /* R-G7 gives at most 9 codes: a copy of a constant 16 (inlined, no call) when the
     * list has that room, which it always has after at most 12 codes */
    if (copied <= 16 && room >= 16)
        memcpy(l->code + l->n, g->code, 16 * sizeof g->code[0]);
    else
        memcpy(l->code + l->n, g->code, copied * sizeof g->code[0]);
    l->n = (uint16_t)(l->n + copied);
    fupin__reason_put(l, FUPIN_REASON_NO_LABOR, no_lab);
    fupin__reason_put(l, FUPIN_REASON_NO_LABOR_UNCOVERED, uncovered);
    fupin__reason_put(l, FUPIN_REASON_INCOME_UNKNOWN, !known); /* R-A9 */

    /* R-A10: first match wins; only unmet guarantees count for severe. */
    int risk = k.drop || rigid || k.events || uncovered;
    if (below_line || r->guarantee == FUPIN_STATUS_UNMET)
        r->alert_level = FUPIN_ALERT_SEVERE;
    else if ((below_threshold && (risk || no_lab)) || rigid || (k.drop && k.events) || uncovered)
        r->alert_level = FUPIN_ALERT_WARNING;
    else if (l->n > 0)
        r->alert_level = FUPIN_ALERT_WATCH;
    else
        r->alert_level = FUPIN_ALERT_NONE;

    /* R-A11 */
    if (r->alert_level != FUPIN_ALERT_SEVERE && r->alert_level != FUPIN_ALERT_WARNING)
        r->category = FUPIN_CATEGORY_NONE;
    else if (r->registration == FUPIN_REG_REGISTERED)
        r->category = FUPIN_CATEGORY_REGISTERED;
    else if (below_line || below_threshold)
        r->category =
            r->registration == FUPIN_REG_EXITED ? FUPIN_CATEGORY_UNSTABLE : FUPIN_CATEGORY_MARGINAL;
    else
        r->category = FUPIN_CATEGORY_HARDSHIP;
}
