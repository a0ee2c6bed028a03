/* R-I1..R-I3 (income against the line) and R-E1, R-E2 (exit standard, registration). */
#include "rules.h"

void fupin__incomes_find(const struct fupin_household *h, int32_t year, int32_t since,
                         struct fupin__incomes *out)
{
    out->now = out->prev = out->since = NULL;
    out->all_skipped = fupin__household_income_all_skipped_inline(h);
    /* Sorted by year, one per year, the latest (usually Y) last: scan back from the
     * end and stop below the earliest year wanted. */
    int32_t lowest = since && since < year - 1 ? since : year - 1;
    for (size_t i = h->n_incomes; i-- > 0;) {
        const struct fupin__income *inc = &h->incomes[i];
        if (inc->year < lowest)
            break;
        if (inc->year == year)
            out->now = inc;
        else if (inc->year == year - 1)
            out->prev = inc;
        if (since && inc->year == since)
            out->since = inc;
    }
}

/* R-I1 of one household-year's record (NULL: the year has no row). */
static int64_t record_net(const struct fupin__income *inc)
{
    /* R-I1: unknown if the year has no row or any component is blank */
    if (!inc || inc->skipped)
        return FUPIN__FEN_UNKNOWN;
    const int64_t parts[5] = {fupin__income_amount_fast(inc, FUPIN__INC_WAGE),
                              fupin__income_amount_fast(inc, FUPIN__INC_BUSINESS),
                              fupin__income_amount_fast(inc, FUPIN__INC_PROPERTY),
                              fupin__income_amount_fast(inc, FUPIN__INC_TRANSFER),
                              fupin__income_amount_fast(inc, FUPIN__INC_PRODUCTION)};
    for (int i = 0; i < 5; i++)
        if (parts[i] == FUPIN__FEN_UNKNOWN)
            return FUPIN__FEN_UNKNOWN;
    /* Each part is at most 1e13 fen in magnitude (docs/dataset.md), so this cannot
     * overflow: wage + business + property + transfer - production_expense. */
    return parts[0] + parts[1] + parts[2] + parts[3] - parts[4];
}

/* R-I1 of a record found by fupin__incomes_find (every year unknown when all skipped). */
static int64_t found_net(const struct fupin__incomes *in, const struct fupin__income *inc)
{
    return in->all_skipped ? FUPIN__FEN_UNKNOWN : record_net(inc);
}

int64_t fupin__net_income(const struct fupin_household *h, int32_t year)
{
    if (fupin__household_income_all_skipped(h))
        return FUPIN__FEN_UNKNOWN;
    return record_net(fupin__household_income(h, year));
}

/* R-I2: total / members rounded half away from zero, exactly in integers. */
static int64_t per_capita(int64_t total, int64_t members)
{
    int64_t q = total / members, rem = total % members;
    int64_t twice = rem < 0 ? -2 * rem : 2 * rem;
    /* away from zero by a mask, not a branch: ties and signs vary by household */
    int64_t away = total < 0 ? -1 : 1;
    q += away & -(int64_t)(twice >= members);
    return q;
}

void fupin__rule_income(const struct fupin__params *p, const struct fupin_household *h,
                        int32_t year, int32_t since, const struct fupin__incomes *in,
                        struct fupin_result *r)
{
    int members_known = !(h->incomplete || h->n_members == 0);
    r->poverty_line_fen = p->poverty_line_fen;
    r->monitoring_threshold_fen = p->has_threshold ? p->monitoring_threshold_fen : -1;
    r->members = members_known ? (int64_t)h->n_members : 0;
    r->net_income_fen = found_net(in, in->now);
    r->net_income_prev_fen = found_net(in, in->prev);
    r->since = since;
    r->net_income_since_fen = since ? found_net(in, in->since) : FUPIN__FEN_UNKNOWN;

    /* R-I3: unknown when the income is unknown or the household is incomplete */
    if (r->net_income_fen == FUPIN__FEN_UNKNOWN || !members_known) {
        r->income_status = FUPIN_INCOME_UNKNOWN;
        r->per_capita_fen = FUPIN__FEN_UNKNOWN;
    } else {
        r->per_capita_fen = per_capita(r->net_income_fen, r->members);
        /* Compared without division: total < line x members (docs/reference/rules.md, Money is
         * exact). */
        fupin__i128 line_total = (fupin__i128)p->poverty_line_fen * r->members;
        r->income_status = r->net_income_fen < line_total ? FUPIN_INCOME_BELOW : FUPIN_INCOME_ABOVE;
    }

    /* R-E1: above the line and guarantees met, by three-valued logic */
    if (r->income_status == FUPIN_INCOME_BELOW || r->guarantee == FUPIN_STATUS_UNMET)
        r->exit_eligible = FUPIN_TRI_FALSE;
    else if (r->income_status == FUPIN_INCOME_ABOVE && r->guarantee == FUPIN_STATUS_MET)
        r->exit_eligible = FUPIN_TRI_TRUE;
    else
        r->exit_eligible = FUPIN_TRI_NULL;

    /* R-E2 */
    if (h->exit_year && h->exit_year <= year)
        r->registration = FUPIN_REG_EXITED;
    else if (h->registered_year && h->registered_year <= year)
        r->registration = FUPIN_REG_REGISTERED;
    else
        r->registration = FUPIN_REG_NEVER;
}
