/* R-V1..R-V5 and R-I7: the village and group summaries, built from each household's
 * evaluation by one accumulator (struct fupin__acc), so that a group is pooled over its
 * households exactly as a village is, and nothing is evaluated twice.
 *
 * A household that fails to evaluate (an input error such as an exit_year before its
 * registered_year, possible for an API-built household) counts as unknown everywhere:
 * guarantee `unknown`, no alert level, category or monitor-exit bucket, income not
 * known, growth unknown, and its registration unknown, so the poor population is null
 * (R-V1: an unknown household could be registered poor). */
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "rules.h"
#include "../model/national.h"

/* R-I2 rounding for a group: total / members half away from zero, exactly. */
static int64_t group_per_capita_fen(fupin__i128 total, fupin__i128 members)
{
    fupin__i128 q = total / members, rem = total % members;
    fupin__i128 twice = rem < 0 ? -2 * rem : 2 * rem;
    if (twice >= members)
        q += total < 0 ? -1 : 1;
    return (int64_t)q;
}

/* docs/reference/rules.md, Rounding: a share num/den (0 <= num, 0 < den) of whole counts, rounded
 * once to 4 decimals half away from zero, exactly in integers. A double quotient can
 * lie just below a half (57/800 = 0.07125 is held as 0.0712499...), and rounding it
 * then gave 0.0712. The result is the double nearest the rounded decimal, which the
 * writers' own rounding to 4 decimals leaves unchanged. */
static double exact_share(int64_t num, int64_t den)
{
    fupin__i128 k;
    if (fupin__round_ratio(num, den, 4, &k))
        return NAN;
    return (double)k / 10000.0;
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
                         fupin__i128 span_base, int64_t span_panel, struct fupin__summary *vr)
{
    vr->national_growth = s->national_growth;
    vr->national_real_growth = s->national_real_growth;
    vr->growth = vr->gap_pp = vr->real_growth = NAN;
    if (panel > 0 && prev > 0) {
        double g = fupin__growth_ratio((double)now, (double)prev);
        vr->growth = fupin__growth_pct_rounded(now, prev); /* printed: exact rounding */
        if (!isnan(s->national_growth))
            vr->gap_pp = g * 100 - s->national_growth;       /* from the unrounded growth */
        vr->real_growth = fupin__real_growth_pct(g, s->cpi); /* R-I6 */
    }
    vr->since = s->since;
    vr->cagr = vr->national_cagr = NAN;
    if (s->since) {
        vr->national_cagr = s->national_cagr;
        if (span_panel > 0)
            vr->cagr = fupin__cagr_pct((double)span_now, (double)span_base, year - s->since);
    }
    vr->growth = fupin__finite(vr->growth);
    vr->gap_pp = fupin__finite(vr->gap_pp);
    vr->real_growth = fupin__finite(vr->real_growth);
    vr->cagr = fupin__finite(vr->cagr);
}

/* ------------------------------------------------------------ the accumulator */

/* The running totals of a village or group summary (R-V1, R-V3, R-V4, R-V5, R-I7).
 * Villages and households are added one at a time, each household's evaluation once,
 * so that a village and a group are summed by the same code. The totals themselves
 * (struct fupin__totals) are exact sums, so a group's can be kept and merged. */

static void acc_init(struct fupin__acc *a, const struct fupin_evaluator *e,
                     const struct fupin__params *p)
{
    memset(a, 0, sizeof *a);
    a->year = e->year;
    a->st = &e->stats;
    a->p = p;
    a->t.poor_known = 1;
    a->t.region = -2;
}

/* R-V4: a group's population is the sum of its villages' (null if any is blank). */
static void acc_village(struct fupin__acc *a, const struct fupin_village *v)
{
    struct fupin__totals *t = &a->t;
    t->villages++;
    if (v->population < 0 || t->population < 0)
        t->population = -1;
    else
        t->population += v->population;
    if (v->household_skipped)
        t->poor_known = 0;
    if (t->region == -2)
        t->region = v->region;
    else if (t->region != v->region)
        t->region = -1;
}

/* R-V5 through one 8-byte load (issue 15: the loop below was 49 instructions a
 * household): the six dimension statuses and the income status lie side by side in the
 * result, all coded alike (unknown 0, deprived 2: FUPIN_STATUS_UNMET, FUPIN_INCOME_BELOW),
 * so both tests are "which of these 7 bytes equal a value", answered for all at once.
 * Little-endian GCC/Clang only (byte k is bits 8k..8k+7); elsewhere the loop. */
#if (defined(__GNUC__) || defined(__clang__)) && defined(__BYTE_ORDER__) &&                        \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define MPI_BYTES 1
_Static_assert(offsetof(struct fupin_result, income_status) ==
                   offsetof(struct fupin_result, dim) + FUPIN_DIM_COUNT,
               "the income status follows the six dimensions");
_Static_assert(offsetof(struct fupin_result, dim) + 8 <= sizeof(struct fupin_result),
               "an 8-byte load at the dimensions stays in the result");
_Static_assert((int)FUPIN_STATUS_UNKNOWN == (int)FUPIN_INCOME_UNKNOWN &&
                   (int)FUPIN_STATUS_UNMET == (int)FUPIN_INCOME_BELOW && FUPIN__MPI_DIMS == 7,
               "the seven R-V5 dimensions are coded alike");

#define MPI_ONES ((uint64_t)0x01010101010101) /* one in each of the 7 bytes */
#define MPI_LOW7 (MPI_ONES * 0x7F)
#define MPI_HIGH (MPI_ONES << 7)

/* 0x80 in each of the 7 low bytes of x that is zero, exactly (no carry crosses a byte:
 * each byte's low 7 bits plus 0x7F stay below 0x100). */
static uint64_t zero_bytes(uint64_t x)
{
    return ~(((x & MPI_LOW7) + MPI_LOW7) | x) & MPI_HIGH;
}

/* Bit k set for each byte k flagged 0x80 by zero_bytes: the multiply moves byte k's
 * bit to bit 56 + k, with no two partial products meeting in the top byte. */
static int gather_bytes(uint64_t flags)
{
    return (int)(((flags >> 7) * (uint64_t)0x0102040810204080) >> 56);
}
#endif

/* R-V5: a household's deprivation set (bit d = dimension d deprived), or -1 when a
 * dimension or its income status is unknown (the household is then excluded). */
static int mpi_mask(const struct fupin_result *r)
{
#ifdef MPI_BYTES
    uint64_t w;
    memcpy(&w, r->dim, sizeof w);
    w &= MPI_ONES * 0xFF; /* the 7 statuses, not the byte after them */
    int unknown = zero_bytes(w) != 0;
    uint64_t deprived = zero_bytes(w ^ (MPI_ONES * FUPIN_STATUS_UNMET));
    int mask = gather_bytes(deprived);
#else
    /* Bits ORed over every dimension, not a return at the first unknown: which
     * dimension is unknown varies by household, and the early return mispredicted. */
    int unknown = r->income_status == FUPIN_INCOME_UNKNOWN;
    int mask = (r->income_status == FUPIN_INCOME_BELOW) << FUPIN_DIM_COUNT;
    for (int d = 0; d < FUPIN_DIM_COUNT; d++) {
        unknown |= r->dim[d] == FUPIN_STATUS_UNKNOWN;
        mask |= (r->dim[d] == FUPIN_STATUS_UNMET) << d;
    }
#endif
    return unknown ? -1 : mask;
}

/* r is NULL when the household's evaluation failed (an input error): it then counts
 * as unknown everywhere. */
static void acc_household(struct fupin__acc *a, const struct fupin_household *h,
                          const struct fupin_result *r)
{
    struct fupin__totals *t = &a->t;
    t->households++;
    if (!r) {
        t->guarantee[2]++;
        t->poor_known = 0;
        t->mpi_unknown++;
        return;
    }
    /* met, unmet, unknown by a table: the status varies by household */
    static const uint8_t guarantee_slot[3] = {
        [FUPIN_STATUS_MET] = 0, [FUPIN_STATUS_UNMET] = 1, [FUPIN_STATUS_UNKNOWN] = 2};
    t->low |= r->low;
    t->guarantee[r->guarantee >= 0 && r->guarantee <= 2 ? guarantee_slot[r->guarantee] : 2]++;
    if (r->alert_level >= FUPIN_ALERT_NONE && r->alert_level <= FUPIN_ALERT_SEVERE)
        t->alerts[r->alert_level]++;
    if (r->category >= FUPIN_CATEGORY_NONE && r->category <= FUPIN_CATEGORY_HARDSHIP)
        t->categories[r->category]++;
    if (r->monitor_exit >= FUPIN_MONITOR_EXIT_NOT_MONITORED &&
        r->monitor_exit <= FUPIN_MONITOR_EXIT_ELIGIBLE)
        t->monitor_exit[r->monitor_exit]++;

    /* Masks, not branches: registration varies by household. An incomplete household's
     * size is unknown: its loaded members are only a lower bound of the poor
     * population. */
    int registered = r->registration == FUPIN_REG_REGISTERED;
    t->poor_low += (int64_t)h->n_members & -(int64_t)registered;
    t->poor_known &= !(registered & (r->incomplete != 0));

    /* R-V5: an incomplete household's income status is unknown, so r->members > 0
     * for every household that gets this far with all dimensions known. */
    int mask = r->members > 0 ? mpi_mask(r) : -1;
    if (mask < 0) {
        t->mpi_unknown++;
    } else {
        t->mpi_households[mask]++;
        t->mpi_members[mask] += r->members;
    }

    /* R-I7: a household's income counts when its per-capita income is known
     * (net income known and its members complete). */
    if (r->members <= 0)
        return;
    if (r->net_income_fen != FUPIN__FEN_UNKNOWN) {
        t->known++;
        t->total += r->net_income_fen;
        t->members += r->members;
        if (r->net_income_prev_fen != FUPIN__FEN_UNKNOWN) {
            t->panel++;
            t->now += r->net_income_fen;
            t->prev += r->net_income_prev_fen;
        }
        if (a->st->since && r->net_income_since_fen != FUPIN__FEN_UNKNOWN) {
            t->span_panel++;
            t->span_now += r->net_income_fen;
            t->span_base += r->net_income_since_fen;
        }
    }
    /* false when either is null (NAN): an add, not a branch on the household's growth */
    t->above += r->growth_unrounded > a->st->national_growth;
}

/* R-V5 figures from the member-weighted totals per deprivation set: a set's score is
 * the sum of its dimensions' weights, and the set is poor when the score reaches the
 * cut-off. Summed in set order, so equal totals give equal figures. */
static void acc_mpi(const struct fupin__acc *a, struct fupin__mpi *m)
{
    const struct fupin__totals *t = &a->t;
    const struct fupin__params *p = a->p;
    m->included = m->excluded = 0;
    m->h = m->a = m->m0 = NAN;
    for (int d = 0; d < FUPIN__MPI_DIMS; d++)
        m->censored[d] = m->contribution[d] = NAN;
    if (!p->mpi_ok)
        return;
    int64_t members = 0, poor_members = 0, censored[FUPIN__MPI_DIMS] = {0};
    double poor_score = 0; /* sum of score x members over the poor */
    m->excluded = t->mpi_unknown;
    for (int mask = 0; mask < FUPIN__MPI_MASKS; mask++) {
        m->included += t->mpi_households[mask];
        members += t->mpi_members[mask];
        if (!t->mpi_members[mask])
            continue;
        double score = 0;
        for (int d = 0; d < FUPIN__MPI_DIMS; d++)
            if (mask & (1 << d))
                score += p->mpi_weight[d];
        /* the tolerance keeps "any one of seven" poor although 1/7 is not exact */
        if (score < p->mpi_k - 1e-9)
            continue;
        poor_members += t->mpi_members[mask];
        poor_score += score * (double)t->mpi_members[mask];
        for (int d = 0; d < FUPIN__MPI_DIMS; d++)
            if (mask & (1 << d))
                censored[d] += t->mpi_members[mask];
    }
    if (members <= 0)
        return;
    m->h = exact_share(poor_members, members);
    /* A is the mean score of the poor: null when nobody is poor, and M0 = H x A is 0 */
    m->a = poor_members > 0 ? poor_score / (double)poor_members : NAN;
    /* M0 and the contributions from the unrounded shares; H and the censored
     * headcounts are printed as exact shares (R-V5). */
    double h = (double)poor_members / (double)members;
    m->m0 = poor_members > 0 ? h * m->a : 0;
    for (int d = 0; d < FUPIN__MPI_DIMS; d++) {
        double share = (double)censored[d] / (double)members;
        m->censored[d] = exact_share(censored[d], members);
        if (m->m0 > 0)
            m->contribution[d] = fupin__finite(p->mpi_weight[d] * share / m->m0 * 100);
    }
}

/* Every summary figure except the exit check (R-V2 / R-V4), which needs the limit. */
static void acc_finish(const struct fupin__acc *a, struct fupin__summary *s)
{
    const struct fupin__totals *t = &a->t;
    s->year = a->year;
    s->has_alerts = a->p->has_threshold;
    s->households = t->households;
    s->population = t->population;
    memcpy(s->guarantee, t->guarantee, sizeof s->guarantee);
    memcpy(s->alerts, t->alerts, sizeof s->alerts);
    memcpy(s->categories, t->categories, sizeof s->categories);
    memcpy(s->monitor_exit, t->monitor_exit, sizeof s->monitor_exit);
    s->poor_population = t->poor_known ? t->poor_low : -1;
    s->incidence = NAN;
    if (t->poor_known && t->population > 0)
        s->incidence = exact_share(t->poor_low, t->population); /* R-V1 */
    s->income_known = t->known;
    s->panel = t->panel;
    s->span_panel = t->span_panel;
    s->per_capita =
        t->members > 0 ? (double)group_per_capita_fen(t->total, t->members) / 100.0 : NAN;
    s->above_national = isnan(a->st->national_growth) ? -1 : t->above;
    /* The group's own parameters and national figures, and what its households used */
    s->low = t->low | a->p->low | a->st->low;
    group_growth(a->st, a->year, t->now, t->prev, t->panel, t->span_now, t->span_base,
                 t->span_panel, s);
    acc_mpi(a, &s->mpi);
}

/* R-V2 / R-V4 incidence check, exactly, without division: poor <= max x population
 * with max the decimal as written. When some households' registration or size is unknown, poor_low
 * is a lower bound: it can still prove the incidence too high, never low enough. A group without
 * villages (population 0) has no incidence. */
static void incidence_check(const struct fupin__acc *a, const struct fupin__dec *max,
                            struct fupin__reasons *reasons, int *failed, int *unknown)
{
    const struct fupin__totals *t = &a->t;
    if (t->population <= 0) {
        fupin__reason_add(reasons, FUPIN_REASON_INCIDENCE_UNKNOWN);
        *unknown = 1;
        return;
    }
    if (fupin__dec_cmp_mul(t->poor_low, max, t->population) > 0) {
        fupin__reason_add(reasons, FUPIN_REASON_INCIDENCE_TOO_HIGH);
        *failed = 1;
    } else if (!t->poor_known) {
        fupin__reason_add(reasons, FUPIN_REASON_INCIDENCE_UNKNOWN);
        *unknown = 1;
    }
}

/* R-V2: exit by incidence and the required infrastructure, three-valued. */
static void village_exit(const struct fupin__acc *a, const struct fupin_village *v,
                         struct fupin__summary *s)
{
    const struct fupin__params *p = a->p;
    int failed = 0, unknown = 0;
    incidence_check(a, &p->village_exit_incidence, &s->reasons, &failed, &unknown);
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
            fupin__reason_add(&s->reasons, flags[i].no);
            failed = 1;
        } else if (flags[i].have < 0) {
            fupin__reason_add(&s->reasons, flags[i].unk);
            unknown = 1;
        }
    }
    s->exit_eligible = failed ? FUPIN_TRI_FALSE : unknown ? FUPIN_TRI_NULL : FUPIN_TRI_TRUE;
}

/* Keep room for every household at warning or above, and for the village's name
 * (grown only when a village is larger than any before it: evaluation of ordinary
 * villages allocates nothing). On failure the summary is unchanged. */
static int reserve_village(struct fupin_summary *vr, size_t n, size_t name_len)
{
    if (n > vr->cap_visit) {
        uint32_t *p = fupin__reallocarray(vr->visit, n, sizeof *p);
        if (!p)
            return fupin__oom();
        vr->visit = p;
        char(*ids)[65] = fupin__reallocarray(vr->visit_id, n, sizeof *ids);
        if (!ids)
            return fupin__oom(); /* visit grew, which is harmless: cap_visit did not */
        vr->visit_id = ids;
        vr->cap_visit = n;
    }
    if (name_len + 1 > vr->cap_name) {
        char *p = fupin__realloc(vr->name, name_len + 1);
        if (!p)
            return fupin__oom();
        vr->name = p;
        vr->cap_name = name_len + 1;
    }
    return 0;
}

/* A fresh summary: everything null until evaluated. */
static void summary_reset(struct fupin__summary *s)
{
    memset(s, 0, sizeof *s);
    s->exit_eligible = FUPIN_TRI_NULL;
    s->population = s->poor_population = s->above_national = -1;
    s->incidence = s->per_capita = s->growth = s->national_growth = s->gap_pp = NAN;
    s->real_growth = s->national_real_growth = s->cagr = s->national_cagr = NAN;
    s->mpi.h = s->mpi.a = s->mpi.m0 = NAN;
    for (int d = 0; d < FUPIN__MPI_DIMS; d++)
        s->mpi.censored[d] = s->mpi.contribution[d] = NAN;
}

static int region_index(int region)
{
    return region >= 0 && region <= FUPIN__REGION_WEST ? region + 1 : 0;
}

int fupin__village_begin(const struct fupin_evaluator *e, const struct fupin_village *v,
                         struct fupin_summary *vr, struct fupin__village_run *run)
{
    const char *name = v->name ? v->name : "";
    size_t name_len = strlen(name);
    int rc = reserve_village(vr, v->n_households, name_len);
    if (rc)
        return rc;
    memset(&vr->s, 0, sizeof vr->s);
    vr->kind = FUPIN_SUMMARY_VILLAGE;
    vr->villages = 1;
    memcpy(vr->code, v->code, sizeof vr->code);
    vr->code[sizeof vr->code - 1] = '\0';
    memcpy(vr->name, name, name_len + 1);
    vr->n_visit = 0;
    run->v = v;
    run->vr = vr;
    run->n_severe = run->n_warning = 0;
    acc_init(&run->a, e, &e->region[region_index(v->region)]);
    acc_village(&run->a, v);
    return 0;
}

void fupin__village_add(struct fupin__village_run *run, size_t i, const struct fupin_result *r)
{
    struct fupin_summary *vr = run->vr;
    acc_household(&run->a, &run->v->households[i], r);
    if (!r)
        return;
    /* Households to visit first: severe ones fill the list from the front, warnings
     * from the back (room for the whole village was reserved). */
    /* Both slots are written and only the matching count moves on, rather than a
     * branch on the household's level: the slot past the severe ones and the one
     * before the warnings are free (or the same slot, given i), since fewer than
     * cap_visit households came before this one. */
    vr->visit[run->n_severe] = (uint32_t)i;
    vr->visit[vr->cap_visit - 1 - run->n_warning] = (uint32_t)i;
    /* Its id, as the result holds it (cut at 64 bytes like the household's), to the
     * slot its level would take: one copy of a fixed size here rather than a strlen
     * and a copy per household to visit at the end (issue 15). */
    _Static_assert(sizeof r->household == sizeof vr->visit_id[0], "ids of 64 bytes and a NUL");
    int severe = r->alert_level == FUPIN_ALERT_SEVERE;
    /* front when severe, else back, by a mask: a ?: here compiled to a branch on the
     * household's level */
    size_t front = run->n_severe, back = vr->cap_visit - 1 - run->n_warning;
    size_t slot = back + ((front - back) & (0 - (size_t)severe));
    memcpy(vr->visit_id[slot], r->household, sizeof vr->visit_id[0]);
    run->n_severe += severe;
    run->n_warning += r->alert_level == FUPIN_ALERT_WARNING;
}

void fupin__village_end(struct fupin__village_run *run)
{
    struct fupin_summary *vr = run->vr;
    const struct fupin_village *v = run->v;
    size_t n_severe = run->n_severe, n_warning = run->n_warning;
    acc_finish(&run->a, &vr->s);
    village_exit(&run->a, v, &vr->s);

    /* the warnings were stored backwards from the end: put them after the severe ones,
     * in village order */
    uint32_t *w = vr->visit + vr->cap_visit - n_warning;
    for (size_t x = 0, y = n_warning; x + 1 < y; x++, y--) {
        uint32_t t = w[x];
        w[x] = w[y - 1];
        w[y - 1] = t;
    }
    memmove(vr->visit + n_severe, w, n_warning * sizeof *w);
    vr->n_visit = n_severe + n_warning;
    /* the ids (copied by fupin__village_add: the result owns what it prints) likewise */
    char(*wid)[65] = vr->visit_id + vr->cap_visit - n_warning;
    for (size_t x = 0, y = n_warning; x + 1 < y; x++, y--) {
        char t[65];
        memcpy(t, wid[x], sizeof t);
        memcpy(wid[x], wid[y - 1], sizeof t);
        memcpy(wid[y - 1], t, sizeof t);
    }
    memmove(vr->visit_id + n_severe, wid, n_warning * sizeof *wid);
}

int fupin__rule_village(const struct fupin_evaluator *e, const struct fupin_village *v,
                        struct fupin_summary *vr)
{
    struct fupin__village_run run;
    struct fupin_result r;
    int rc = fupin__village_begin(e, v, vr, &run);
    if (rc)
        return rc;
    for (size_t i = 0; i < v->n_households; i++)
        fupin__village_add(
            &run, i, fupin_evaluator_evaluate_household(e, &v->households[i], &r) == 0 ? &r : NULL);
    fupin__village_end(&run);
    return 0;
}

/* ------------------------------------------------------------ groups (R-V4) */

/* The i-th candidate village: from an array of pointers or a contiguous array. */
static const struct fupin_village *nth_village(const struct fupin_village *const *villages,
                                               const struct fupin_village *contiguous, size_t i)
{
    return villages ? villages[i] : &contiguous[i];
}

static int in_group(const struct fupin_village *v, const char *prefix, size_t len)
{
    return strncmp(v->code, prefix, len) == 0;
}

/* R-V4: the division-code prefix of a province, city, county or township. */
static int check_prefix(const char *prefix, size_t *len)
{
    if (!prefix)
        return fupin__error(FUPIN_EINVAL, "group prefix is NULL");
    size_t n = strlen(prefix);
    int digits = n == 2 || n == 4 || n == 6 || n == 9;
    for (size_t i = 0; digits && i < n; i++)
        digits = prefix[i] >= '0' && prefix[i] <= '9';
    if (!digits)
        return fupin__error(FUPIN_EINVAL,
                            "group prefix \"%.20s\" is not 2 (province), 4 (city), 6 (county) "
                            "or 9 (township) digits",
                            prefix);
    *len = n;
    return 0;
}

/* R-V4: the region variant applies only when all the group's villages share one
 * region; a mixed (or empty) group takes the plain value. The same parameters serve
 * the R-V5 weights and cut-off, so that one group has one measure. */
static const struct fupin__params *group_params(const struct fupin__group_ctx *ctx, int32_t region)
{
    return &ctx->region[region < 0 ? 0 : region_index(region)];
}

void fupin__group_finish(struct fupin_summary *gr)
{
    const struct fupin__params *p = group_params(&gr->ctx, gr->t.region);
    struct fupin__acc a;
    a.year = gr->ctx.year;
    a.st = &gr->ctx.stats;
    a.p = p;
    a.t = gr->t;
    memset(&gr->s, 0, sizeof gr->s);
    gr->kind = FUPIN_SUMMARY_GROUP;
    gr->villages = gr->t.villages;
    acc_finish(&a, &gr->s);
    /* R-V4: incidence only; village infrastructure is a village's exit condition */
    int failed = 0, unknown = 0;
    incidence_check(&a, &p->county_exit_incidence, &gr->s.reasons, &failed, &unknown);
    gr->s.exit_eligible = failed ? FUPIN_TRI_FALSE : unknown ? FUPIN_TRI_NULL : FUPIN_TRI_TRUE;
}

static int rule_group(const struct fupin_evaluator *e, const struct fupin_village *const *villages,
                      const struct fupin_village *contiguous, size_t n, const char *prefix,
                      struct fupin_summary *gr)
{
    size_t len = 0;
    int rc = check_prefix(prefix, &len);
    if (rc)
        return rc;
    /* the village-only parts (name, visit list) keep their storage but say nothing */
    gr->kind = FUPIN_SUMMARY_GROUP;
    memcpy(gr->code, prefix, len + 1);
    if (gr->name)
        gr->name[0] = '\0';
    gr->n_visit = 0;
    struct fupin__acc a;
    struct fupin_result r;
    acc_init(&a, e, &e->region[0]);
    for (size_t i = 0; i < n; i++) {
        const struct fupin_village *v = nth_village(villages, contiguous, i);
        if (!in_group(v, prefix, len))
            continue;
        acc_village(&a, v);
        for (size_t k = 0; k < v->n_households; k++) {
            const struct fupin_household *h = &v->households[k];
            acc_household(&a, h, fupin_evaluator_evaluate_household(e, h, &r) == 0 ? &r : NULL);
        }
    }
    gr->t = a.t;
    gr->ctx.year = e->year;
    gr->ctx.stats = e->stats;
    memcpy(gr->ctx.region, e->region, sizeof gr->ctx.region);
    fupin__group_finish(gr);
    return 0;
}

int fupin_evaluator_evaluate_group(const fupin_evaluator *e, const fupin_dataset *d,
                                   const char *prefix, fupin_summary *out)
{
    if (!e || !d || !out)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    return rule_group(e, NULL, d->villages, d->n_villages, prefix, out);
}

int fupin_evaluator_evaluate_group_villages(const fupin_evaluator *e,
                                            const fupin_village *const *villages, size_t n,
                                            const char *prefix, fupin_summary *out)
{
    if (!e || (!villages && n) || !out)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    for (size_t i = 0; i < n; i++)
        if (!villages[i])
            return fupin__error(FUPIN_EINVAL, "%s: village %zu is NULL", __func__, i);
    return rule_group(e, villages, NULL, n, prefix, out);
}

/* ------------------------------------------------------------ summary accessors */

static int count_out(int64_t v, int64_t *out)
{
    if (v < 0)
        return FUPIN_ENULL;
    *out = v;
    return 0;
}

int fupin_summary_count(const fupin_summary *summary, int which, int64_t *out)
{
    if (!summary || !out)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    const struct fupin__summary *r = &summary->s;
    if (which < FUPIN_VC_HOUSEHOLDS || which > FUPIN_VC_SPAN_PANEL)
        return fupin__error(FUPIN_EINVAL, "%s: unknown count %d", __func__, which);
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

int fupin_summary_figure(const fupin_summary *summary, int which, double *out)
{
    if (!summary || !out)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    const struct fupin__summary *r = &summary->s;
    /* docs/reference/rules.md, Rounding: shares to 4 decimals, money to the fen, percentages to 2.
     */
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
        return fupin__error(FUPIN_EINVAL, "%s: unknown figure %d", __func__, which);
    }
}

/* R-V5: shares to 4 decimals (docs/reference/rules.md, Rounding). */
int fupin_summary_mpi(const fupin_summary *summary, int which, double *out)
{
    if (!summary || !out)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    const struct fupin__mpi *m = &summary->s.mpi;
    switch (which) {
    case FUPIN_MPI_H:
        return figure_out(fupin__round(m->h, 4), out);
    case FUPIN_MPI_A:
        return figure_out(fupin__round(m->a, 4), out);
    case FUPIN_MPI_M0:
        return figure_out(fupin__round(m->m0, 4), out);
    default:
        return fupin__error(FUPIN_EINVAL, "%s: unknown MPI figure %d", __func__, which);
    }
}

/* R-V5: the censored headcount is a share (4 decimals), the contribution a
 * percentage (2). Each output is written when it is known. */
int fupin_summary_mpi_dimension(const fupin_summary *summary, int dim, double *censored,
                                double *contribution)
{
    if (!summary)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    if (dim < 0 || dim >= FUPIN__MPI_DIMS)
        return fupin__error(FUPIN_EINVAL, "%s: unknown MPI dimension %d", __func__, dim);
    const struct fupin__mpi *m = &summary->s.mpi;
    int rc = 0;
    if (censored && figure_out(fupin__round(m->censored[dim], 4), censored))
        rc = FUPIN_ENULL;
    if (contribution && figure_out(fupin__round(m->contribution[dim], 2), contribution))
        rc = FUPIN_ENULL;
    return rc;
}

int64_t fupin_summary_mpi_excluded(const fupin_summary *summary)
{
    if (!summary)
        return fupin__misuse(__func__, "NULL summary");
    return summary->s.mpi.excluded;
}

int fupin_summary_create(fupin_summary **out)
{
    if (out)
        *out = NULL;
    if (!out)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    fupin_summary *r = fupin__calloc(1, sizeof *r);
    if (!r)
        return fupin__oom();
    summary_reset(&r->s);
    if (reserve_village(r, 256, 0)) {
        fupin_summary_free(r);
        return FUPIN_ENOMEM;
    }
    r->name[0] = '\0';
    *out = r;
    return 0;
}

void fupin_summary_free(fupin_summary *r)
{
    if (!r)
        return;
    fupin__free(r->visit);
    fupin__free(r->visit_id);
    fupin__free(r->name);
    fupin__free(r);
}

int fupin_summary_kind(const fupin_summary *r)
{
    return r ? r->kind : fupin__misuse(__func__, "NULL summary");
}

const char *fupin_summary_code(const fupin_summary *r)
{
    if (!r) {
        fupin__misuse(__func__, "NULL summary");
        return "";
    }
    return r->code;
}

const char *fupin_summary_name(const fupin_summary *r)
{
    if (!r) {
        fupin__misuse(__func__, "NULL summary");
        return "";
    }
    return r->kind == FUPIN_SUMMARY_VILLAGE && r->name ? r->name : "";
}

int32_t fupin_summary_year(const fupin_summary *r)
{
    return r ? r->s.year : fupin__misuse(__func__, "NULL summary");
}

int64_t fupin_summary_village_count(const fupin_summary *r)
{
    return r ? r->villages : fupin__misuse(__func__, "NULL summary");
}

int fupin_summary_exit_eligible(const fupin_summary *r)
{
    return r ? r->s.exit_eligible : fupin__misuse(__func__, "NULL summary");
}

size_t fupin_summary_reason_count(const fupin_summary *r)
{
    if (!r) {
        fupin__misuse(__func__, "NULL summary");
        return 0;
    }
    return r->s.reasons.n;
}

int fupin_summary_reason(const fupin_summary *r, size_t i)
{
    if (!r)
        return fupin__misuse(__func__, "NULL summary");
    if (i >= r->s.reasons.n)
        return fupin__misuse(__func__, "reason index out of range");
    return r->s.reasons.code[i];
}

size_t fupin_summary_visit_count(const fupin_summary *r)
{
    if (!r) {
        fupin__misuse(__func__, "NULL summary");
        return 0;
    }
    return r->n_visit;
}

int64_t fupin_summary_visit(const fupin_summary *r, size_t i)
{
    if (!r)
        return fupin__misuse(__func__, "NULL summary");
    if (i >= r->n_visit)
        return fupin__misuse(__func__, "visit index out of range");
    return (int64_t)r->visit[i];
}

const char *fupin_summary_visit_id(const fupin_summary *r, size_t i)
{
    if (!r || i >= r->n_visit) {
        fupin__misuse(__func__, r ? "visit index out of range" : "NULL summary");
        return NULL;
    }
    return r->visit_id[i];
}

size_t fupin_summary_low_confidence_count(const fupin_summary *r)
{
    if (!r) {
        fupin__misuse(__func__, "NULL summary");
        return 0;
    }
    return fupin__low_count(r->s.low);
}

const char *fupin_summary_low_confidence(const fupin_summary *r, size_t i)
{
    const char *label = r ? fupin__low_label(r->s.low, i) : NULL;
    if (!label)
        fupin__misuse(__func__, r ? "index out of range" : "NULL summary");
    return label;
}
