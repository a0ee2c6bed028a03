/* R-V1..R-V3 and R-I7: the village summary, built from each household's evaluation.
 *
 * A household that fails to evaluate (an input error such as an exit_year before its
 * registered_year, possible for an API-built household) counts as unknown everywhere:
 * guarantee `unknown`, no alert level, category or monitor-exit bucket, income not
 * known, growth unknown, and its registration unknown, so the poor population is null
 * (R-V1: an unknown household could be registered poor). */
#include <math.h>
#include <string.h>

#include "rules.h"

/* R-I2 rounding for a group: total / members half away from zero, exactly. */
static int64_t group_per_capita_fen(fupin__i128 total, fupin__i128 members)
{
    fupin__i128 q = total / members, rem = total % members;
    fupin__i128 twice = rem < 0 ? -2 * rem : 2 * rem;
    if (twice >= members)
        q += total < 0 ? -1 : 1;
    return (int64_t)q;
}

/* Growth figures of a group over the balanced panel.
 * - growth (R-I4, R-I7): pc(Y)/pc(Y-1) - 1 of the panel, percent. The panel's members
 *   are the same rows in both years, so the ratio of per-capita incomes is the ratio
 *   of the panel's income totals; null unless that base total is > 0.
 * - national_growth (R-I4): national_rural_income(Y)/(Y-1) - 1, from the evaluator.
 * - gap_pp (R-I4): growth - national_growth, percentage points, unrounded operands.
 * - real_growth, national_real_growth (R-I6): deflated by rural_cpi(Y); null without it.
 * - households_above_national (R-V3): households whose own growth > national growth,
 *   strictly; null when national growth is null.
 * - cagr (R-I5): (pc(Y)/pc(Y0))^(1/(Y-Y0)) - 1 over the span panel (households known
 *   in both Y0 and Y), null unless pc(Y0) > 0 and pc(Y) >= 0; national_cagr likewise
 *   from the national series. */
static void group_growth(const struct fupin__stats *s, int32_t year, fupin__i128 now,
                         fupin__i128 prev, int64_t panel, fupin__i128 span_now,
                         fupin__i128 span_base, int64_t span_panel, struct fupin_village_result *vr)
{
    vr->national_growth = s->national_growth;
    vr->national_real_growth = s->national_real_growth;
    vr->growth = vr->gap_pp = vr->real_growth = NAN;
    if (panel > 0 && prev > 0) {
        double g = (double)now / (double)prev - 1;
        vr->growth = g * 100;
        if (!isnan(s->national_growth))
            vr->gap_pp = vr->growth - s->national_growth;
        if (!isnan(s->cpi))
            vr->real_growth = ((1 + g) / (1 + s->cpi / 100) - 1) * 100;
    }
    vr->since = s->since;
    vr->cagr = vr->national_cagr = NAN;
    if (s->since) {
        vr->national_cagr = s->national_cagr;
        if (span_panel > 0 && span_base > 0 && span_now >= 0)
            vr->cagr =
                (pow((double)span_now / (double)span_base, 1.0 / (double)(year - s->since)) - 1) *
                100;
    }
}

/* R-V2: exit by incidence and the required infrastructure, three-valued. */
static void village_exit(const struct fupin__params *p, const struct fupin_village *v,
                         int64_t poor_low, int poor_known, struct fupin_village_result *vr)
{
    int failed = 0, unknown = 0;
    if (v->population < 0) {
        fupin__reason_add(&vr->reasons, FUPIN_REASON_INCIDENCE_UNKNOWN);
        unknown = 1;
    } else {
        /* Exactly, without division: poor x 1e6 <= ppm x population. When some
         * households' registration or size is unknown, poor_low is a lower bound: it
         * can still prove the incidence too high, never low enough. */
        fupin__i128 lhs = (fupin__i128)poor_low * 1000000;
        fupin__i128 rhs = (fupin__i128)p->village_exit_incidence_ppm * v->population;
        if (lhs > rhs) {
            fupin__reason_add(&vr->reasons, FUPIN_REASON_INCIDENCE_TOO_HIGH);
            failed = 1;
        } else if (!poor_known) {
            fupin__reason_add(&vr->reasons, FUPIN_REASON_INCIDENCE_UNKNOWN);
            unknown = 1;
        }
    }
    const struct {
        int8_t required, have;
        int no, unk;
    } flags[4] = {
        {p->require_paved_road, v->paved_road, FUPIN_REASON_VILLAGE_NO_PAVED_ROAD,
         FUPIN_REASON_VILLAGE_UNKNOWN_PAVED_ROAD},
        {p->require_electricity, v->electricity, FUPIN_REASON_VILLAGE_NO_ELECTRICITY,
         FUPIN_REASON_VILLAGE_UNKNOWN_ELECTRICITY},
        {p->require_clinic, v->clinic, FUPIN_REASON_VILLAGE_NO_CLINIC,
         FUPIN_REASON_VILLAGE_UNKNOWN_CLINIC},
        {p->require_broadband, v->broadband, FUPIN_REASON_VILLAGE_NO_BROADBAND,
         FUPIN_REASON_VILLAGE_UNKNOWN_BROADBAND},
    };
    for (int i = 0; i < 4; i++) {
        if (!flags[i].required)
            continue;
        if (flags[i].have == 0) {
            fupin__reason_add(&vr->reasons, flags[i].no);
            failed = 1;
        } else if (flags[i].have < 0) {
            fupin__reason_add(&vr->reasons, flags[i].unk);
            unknown = 1;
        }
    }
    vr->exit_eligible = failed ? FUPIN_TRI_FALSE : unknown ? FUPIN_TRI_NULL : FUPIN_TRI_TRUE;
}

/* Keep room for every household at warning or above (grown only when a village has
 * more of them than any before it: evaluation of ordinary villages allocates nothing). */
static int reserve_visit(struct fupin_village_result *vr, size_t n)
{
    if (n <= vr->cap_visit)
        return 0;
    uint32_t *p = fupin__reallocarray(vr->visit, n, sizeof *p);
    if (!p)
        return fupin__oom();
    vr->visit = p;
    vr->cap_visit = n;
    return 0;
}

int fupin__rule_village(const struct fupin_evaluator *e, const struct fupin_village *v,
                        struct fupin_village_result *vr)
{
    int ri = v->region >= 0 && v->region <= FUPIN__REGION_WEST ? v->region + 1 : 0;
    const struct fupin__params *p = &e->region[ri];
    struct fupin_result r;

    uint32_t *visit = vr->visit;
    size_t cap_visit = vr->cap_visit;
    memset(vr, 0, sizeof *vr);
    vr->visit = visit;
    vr->cap_visit = cap_visit;
    size_t n_severe = 0, n_warning = 0;
    int rc = reserve_visit(vr, v->n_households);
    if (rc)
        return rc;
    memcpy(vr->code, v->code, sizeof vr->code);
    vr->code[sizeof vr->code - 1] = '\0';
    vr->year = e->year;
    vr->has_alerts = p->has_threshold;
    vr->households = (int64_t)v->n_households;
    vr->population = v->population;

    /* R-V1: poor_low counts the members known to be registered poor; poor_known stays
     * set while every household's contribution is known exactly. */
    int64_t poor_low = 0;
    int poor_known = !v->household_skipped;
    fupin__i128 total = 0, members = 0;      /* R-I7 per-capita, households known in Y */
    fupin__i128 now = 0, prev = 0;           /* balanced panel Y, Y-1 */
    fupin__i128 span_now = 0, span_base = 0; /* span panel Y, since */
    int64_t known = 0, panel = 0, span_panel = 0, above = 0;

    for (size_t i = 0; i < v->n_households; i++) {
        const struct fupin_household *h = &v->households[i];
        if (fupin_evaluator_household(e, h, &r) != 0) {
            vr->guarantee[2]++;
            poor_known = 0;
            continue;
        }
        vr->guarantee[r.guarantee == FUPIN_STATUS_MET     ? 0
                      : r.guarantee == FUPIN_STATUS_UNMET ? 1
                                                          : 2]++;
        if (r.alert_level >= FUPIN_ALERT_NONE && r.alert_level <= FUPIN_ALERT_SEVERE)
            vr->alerts[r.alert_level]++;
        /* Households to visit first: severe ones fill the list from the front,
         * warnings from the back (room for the whole village was reserved). */
        if (r.alert_level == FUPIN_ALERT_SEVERE)
            vr->visit[n_severe++] = (uint32_t)i;
        else if (r.alert_level == FUPIN_ALERT_WARNING)
            vr->visit[vr->cap_visit - 1 - n_warning++] = (uint32_t)i;
        if (r.category >= FUPIN_CATEGORY_NONE && r.category <= FUPIN_CATEGORY_HARDSHIP)
            vr->categories[r.category]++;
        if (r.monitor_exit >= FUPIN_MONITOR_EXIT_NOT_MONITORED &&
            r.monitor_exit <= FUPIN_MONITOR_EXIT_ELIGIBLE)
            vr->monitor_exit[r.monitor_exit]++;

        if (r.registration == FUPIN_REG_REGISTERED) {
            poor_low += (int64_t)h->n_members;
            /* An incomplete household's size is unknown: its loaded members are only a
             * lower bound of the poor population. */
            if (r.incomplete)
                poor_known = 0;
        }

        /* R-I7: a household's income counts when its per-capita income is known
         * (net income known and its members complete). */
        if (r.members <= 0)
            continue;
        if (r.net_income_fen != FUPIN__FEN_UNKNOWN) {
            known++;
            total += r.net_income_fen;
            members += r.members;
            if (r.net_income_prev_fen != FUPIN__FEN_UNKNOWN) {
                panel++;
                now += r.net_income_fen;
                prev += r.net_income_prev_fen;
            }
            if (e->stats.since && r.net_income_since_fen != FUPIN__FEN_UNKNOWN) {
                span_panel++;
                span_now += r.net_income_fen;
                span_base += r.net_income_since_fen;
            }
        }
        if (!isnan(r.growth) && !isnan(e->stats.national_growth) &&
            r.growth > e->stats.national_growth)
            above++;
    }

    vr->poor_population = poor_known ? poor_low : -1;
    vr->incidence = NAN;
    if (poor_known && v->population > 0)
        vr->incidence = (double)poor_low / (double)v->population;
    village_exit(p, v, poor_low, poor_known, vr);

    vr->income_known = known;
    vr->panel = panel;
    vr->span_panel = span_panel;
    vr->per_capita = members > 0 ? (double)group_per_capita_fen(total, members) / 100.0 : NAN;
    vr->above_national = isnan(e->stats.national_growth) ? -1 : above;
    group_growth(&e->stats, e->year, now, prev, panel, span_now, span_base, span_panel, vr);

    /* the warnings were stored backwards from the end: put them after the severe ones,
     * in village order */
    uint32_t *w = vr->visit + vr->cap_visit - n_warning;
    for (size_t a = 0, b = n_warning; a + 1 < b; a++, b--) {
        uint32_t t = w[a];
        w[a] = w[b - 1];
        w[b - 1] = t;
    }
    memmove(vr->visit + n_severe, w, n_warning * sizeof *w);
    vr->n_visit = n_severe + n_warning;
    return 0;
}

/* ------------------------------------------------------------ village results */

int fupin_village_result_create(fupin_village_result **out)
{
    if (out)
        *out = NULL;
    if (!out)
        return fupin__error(FUPIN_EINVAL, "fupin_village_result_create: NULL argument");
    fupin_village_result *r = fupin__calloc(1, sizeof *r);
    if (!r)
        return fupin__oom();
    r->exit_eligible = FUPIN_TRI_NULL;
    r->population = r->poor_population = r->above_national = -1;
    r->incidence = r->per_capita = r->growth = r->national_growth = r->gap_pp = NAN;
    r->real_growth = r->national_real_growth = r->cagr = r->national_cagr = NAN;
    if (reserve_visit(r, 256)) {
        fupin__free(r);
        return FUPIN_ENOMEM;
    }
    *out = r;
    return 0;
}

void fupin_village_result_free(fupin_village_result *r)
{
    if (r)
        fupin__free(r->visit);
    fupin__free(r);
}

size_t fupin_village_result_visit_count(const fupin_village_result *r)
{
    return r ? r->n_visit : 0;
}

int64_t fupin_village_result_visit(const fupin_village_result *r, size_t i)
{
    return r && i < r->n_visit ? (int64_t)r->visit[i] : -1;
}

const char *fupin_village_result_code(const fupin_village_result *r)
{
    return r ? r->code : "";
}

int32_t fupin_village_result_year(const fupin_village_result *r)
{
    return r ? r->year : 0;
}

int fupin_village_result_exit_eligible(const fupin_village_result *r)
{
    return r ? r->exit_eligible : FUPIN_TRI_NULL;
}

static int count_out(int64_t v, int64_t *out)
{
    if (v < 0)
        return FUPIN_ENULL;
    *out = v;
    return 0;
}

int fupin_village_result_count(const fupin_village_result *r, int which, int64_t *out)
{
    if (!r || !out)
        return fupin__error(FUPIN_EINVAL, "fupin_village_result_count: NULL argument");
    if (which < FUPIN_VC_HOUSEHOLDS || which > FUPIN_VC_SPAN_PANEL)
        return fupin__error(FUPIN_EINVAL, "fupin_village_result_count: unknown count %d", which);
    /* R-V3: alert, category and monitor-exit counts are null in years without a
     * monitoring threshold (section 4). */
    if (which >= FUPIN_VC_ALERT_NONE && which <= FUPIN_VC_MONITOR_ELIGIBLE && !r->has_alerts)
        return FUPIN_ENULL;
    switch (which) {
    case FUPIN_VC_HOUSEHOLDS:
        return count_out(r->households, out);
    case FUPIN_VC_POPULATION:
        return count_out(r->population, out);
    case FUPIN_VC_POOR_POPULATION:
        return count_out(r->poor_population, out);
    case FUPIN_VC_INCOME_KNOWN:
        return count_out(r->income_known, out);
    case FUPIN_VC_PANEL:
        return count_out(r->panel, out);
    case FUPIN_VC_ABOVE_NATIONAL:
        return count_out(r->above_national, out);
    case FUPIN_VC_SPAN_PANEL:
        return r->since ? count_out(r->span_panel, out) : FUPIN_ENULL;
    default:
        break;
    }
    if (which <= FUPIN_VC_GUARANTEE_UNKNOWN)
        return count_out(r->guarantee[which - FUPIN_VC_GUARANTEE_MET], out);
    if (which <= FUPIN_VC_ALERT_SEVERE)
        return count_out(r->alerts[which - FUPIN_VC_ALERT_NONE], out);
    if (which <= FUPIN_VC_CATEGORY_HARDSHIP)
        return count_out(r->categories[which - FUPIN_VC_CATEGORY_NONE], out);
    return count_out(r->monitor_exit[which - FUPIN_VC_MONITOR_NOT_MONITORED], out);
}

static int figure_out(double v, double *out)
{
    if (isnan(v) || isinf(v))
        return FUPIN_ENULL;
    *out = v;
    return 0;
}

int fupin_village_result_figure(const fupin_village_result *r, int which, double *out)
{
    if (!r || !out)
        return fupin__error(FUPIN_EINVAL, "fupin_village_result_figure: NULL argument");
    /* rules.md, Rounding: shares to 4 decimals, money to the fen, percentages to 2. */
    switch (which) {
    case FUPIN_VF_INCIDENCE:
        return figure_out(fupin__round(r->incidence, 4), out);
    case FUPIN_VF_PER_CAPITA:
        return figure_out(fupin__round(r->per_capita, 2), out);
    case FUPIN_VF_GROWTH:
        return figure_out(fupin__round(r->growth, 2), out);
    case FUPIN_VF_NATIONAL_GROWTH:
        return figure_out(fupin__round(r->national_growth, 2), out);
    case FUPIN_VF_GAP_PP:
        return figure_out(fupin__round(r->gap_pp, 2), out);
    case FUPIN_VF_REAL_GROWTH:
        return figure_out(fupin__round(r->real_growth, 2), out);
    case FUPIN_VF_NATIONAL_REAL_GROWTH:
        return figure_out(fupin__round(r->national_real_growth, 2), out);
    case FUPIN_VF_CAGR:
        return r->since ? figure_out(fupin__round(r->cagr, 2), out) : FUPIN_ENULL;
    case FUPIN_VF_NATIONAL_CAGR:
        return r->since ? figure_out(fupin__round(r->national_cagr, 2), out) : FUPIN_ENULL;
    default:
        return fupin__error(FUPIN_EINVAL, "fupin_village_result_figure: unknown figure %d", which);
    }
}

size_t fupin_village_result_reason_count(const fupin_village_result *r)
{
    return r ? r->reasons.n : 0;
}

int fupin_village_result_reason(const fupin_village_result *r, size_t i)
{
    if (!r || i >= r->reasons.n)
        return 0;
    return r->reasons.code[i];
}
