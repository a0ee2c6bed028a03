/* Section 5, R-M1: leaving prevent-return monitoring (risk elimination). */
#include "rules.h"

void fupin__rule_monitor(const struct fupin__params *p, const struct fupin_household *h,
                         int32_t year, const struct fupin__risks *risks, struct fupin_result *r)
{
    struct fupin__reasons *l = &r->reasons[FUPIN_LIST_MONITOR_EXIT];
    l->n = 0;
    /* docs/reference/rules.md conventions: a monitor_since of YYYY is December of that year. */
    int32_t since_year = h->monitor_since.y;
    int32_t since_month = h->monitor_since.prec >= 2 ? h->monitor_since.m : 12;
    if (h->monitor < 0 || !h->monitor_since.prec || since_year > year) {
        r->monitor_exit = FUPIN_MONITOR_EXIT_NOT_MONITORED;
        return;
    }

    /* R-M1: months monitored by the end of Y (since 2023-06 gives 6 by 2023-12) */
    int32_t months = (year * 12 + 12) - (since_year * 12 + since_month);
    if (months < p->monitor_min_months)
        fupin__reason_add(l, FUPIN_REASON_MONITORED_TOO_SHORT);

    /* R-M1: per-capita(Y) not known to be >= the threshold, compared without division */
    if (r->per_capita_fen == FUPIN__FEN_UNKNOWN)
        fupin__reason_add(l, FUPIN_REASON_INCOME_UNKNOWN);
    else if (r->net_income_fen < (fupin__i128)p->monitoring_threshold_fen * r->members)
        fupin__reason_add(l, FUPIN_REASON_INCOME_BELOW_THRESHOLD);

    if (r->guarantee != FUPIN_STATUS_MET)
        fupin__reason_add(l, FUPIN_REASON_GUARANTEE_NOT_MET);

    /* R-M1: a risk is R-A3, R-A4 or R-A5 (R-A8 implies R-A7, which NO_LABOR covers);
     * the same facts the alert read (fupin__rule_risks, run once per evaluation). */
    const struct fupin__risks k = *risks;
    if (k.drop || k.rigid == FUPIN_TRI_TRUE || k.events)
        fupin__reason_add(l, FUPIN_REASON_RISK_PRESENT);
    else if (k.rigid == FUPIN_TRI_NULL || k.events_skipped)
        fupin__reason_add(l, FUPIN_REASON_RISK_UNKNOWN);

    /* R-M1: a whole household without labour stays under protection. */
    if (k.no_labor == FUPIN_TRI_TRUE)
        fupin__reason_add(l, FUPIN_REASON_NO_LABOR);
    else if (k.no_labor == FUPIN_TRI_NULL)
        fupin__reason_add(l, FUPIN_REASON_LABOR_UNKNOWN);

    r->monitor_exit = l->n ? FUPIN_MONITOR_EXIT_STAY : FUPIN_MONITOR_EXIT_ELIGIBLE;
}
