/* R-V4, R-V5, R-I7: merging group summaries. A group result keeps the exact sums its
 * figures come from (struct fupin__totals), so the result of two disjoint groups is
 * their totals added, finished by the same code that finishes an evaluation: every
 * figure equals that of evaluating the union at once. */
#include <math.h>
#include <string.h>

#include "rules.h"

/* Doubles compare by their bits, so that two null (NaN) statistics agree. */
static int same_double(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0;
}

int fupin__group_ctx_same(const struct fupin__group_ctx *a, const struct fupin__group_ctx *b)
{
    const struct fupin__stats *s = &a->stats, *t = &b->stats;
    if (a->year != b->year || s->since != t->since ||
        !same_double(s->national_income, t->national_income) ||
        !same_double(s->national_income_prev, t->national_income_prev) ||
        !same_double(s->cpi, t->cpi) || !same_double(s->national_growth, t->national_growth) ||
        !same_double(s->national_real_growth, t->national_real_growth) ||
        !same_double(s->national_cagr, t->national_cagr) ||
        !same_double(s->cpi_product, t->cpi_product) || s->low != t->low)
        return 0;
    for (int r = 0; r < 4; r++) {
        const struct fupin__params *p = &a->region[r], *q = &b->region[r];
        if (p->has_threshold != q->has_threshold ||
            !fupin__dec_equal(&p->county_exit_incidence, &q->county_exit_incidence) ||
            p->mpi_ok != q->mpi_ok || !same_double(p->mpi_k, q->mpi_k) || p->low != q->low)
            return 0;
        for (int d = 0; d < FUPIN__MPI_DIMS; d++)
            if (!same_double(p->mpi_weight[d], q->mpi_weight[d]))
                return 0;
    }
    return 1;
}

static int add64(int64_t *into, int64_t v)
{
    return __builtin_add_overflow(*into, v, into);
}

static int add128(fupin__i128 *into, fupin__i128 v)
{
    return __builtin_add_overflow(*into, v, into);
}

/* t += u; returns nonzero on overflow (t is then garbage: the caller works on a copy) */
static int totals_add(struct fupin__totals *t, const struct fupin__totals *u)
{
    int o = add64(&t->villages, u->villages) | add64(&t->households, u->households);
    /* R-V4: the population is null once any village's is blank */
    if (t->population < 0 || u->population < 0)
        t->population = -1;
    else
        o |= add64(&t->population, u->population);
    o |= add64(&t->poor_low, u->poor_low);
    t->poor_known = t->poor_known && u->poor_known;
    /* R-V4: one region only while every village shares it */
    if (t->region == -2)
        t->region = u->region;
    else if (u->region != -2 && u->region != t->region)
        t->region = -1;
    for (int i = 0; i < 3; i++)
        o |= add64(&t->guarantee[i], u->guarantee[i]) |
             add64(&t->monitor_exit[i], u->monitor_exit[i]);
    for (int i = 0; i < 4; i++)
        o |= add64(&t->alerts[i], u->alerts[i]);
    for (int i = 0; i < 5; i++)
        o |= add64(&t->categories[i], u->categories[i]);
    o |= add128(&t->total, u->total) | add128(&t->members, u->members) | add128(&t->now, u->now) |
         add128(&t->prev, u->prev) | add128(&t->span_now, u->span_now) |
         add128(&t->span_base, u->span_base);
    o |= add64(&t->known, u->known) | add64(&t->panel, u->panel) |
         add64(&t->span_panel, u->span_panel) | add64(&t->above, u->above) |
         add64(&t->mpi_unknown, u->mpi_unknown);
    for (int m = 0; m < FUPIN__MPI_MASKS; m++)
        o |= add64(&t->mpi_households[m], u->mpi_households[m]) |
             add64(&t->mpi_members[m], u->mpi_members[m]);
    t->low |= u->low;
    return o;
}

void fupin__group_copy(struct fupin_summary *to, const struct fupin_summary *from)
{
    /* the value parts only: name and visit storage stay the destination's own */
    to->kind = FUPIN_SUMMARY_GROUP;
    memcpy(to->code, from->code, sizeof to->code);
    to->villages = from->villages;
    to->s = from->s;
    to->t = from->t;
    to->ctx = from->ctx;
    if (to->name)
        to->name[0] = '\0';
    to->n_visit = 0;
}

int fupin_summary_merge(fupin_summary *into, const fupin_summary *from)
{
    if (!into || !from)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    if (from->kind != FUPIN_SUMMARY_GROUP)
        return fupin__error(FUPIN_EINVAL, "%s: the summary to merge is not a group's", __func__);
    if (into == from)
        return fupin__error(FUPIN_EINVAL,
                            "%s: a summary merged into itself would count its villages twice",
                            __func__);
    if (into->kind == FUPIN_SUMMARY_NONE) {
        fupin__group_copy(into, from);
        return 0;
    }
    if (into->kind != FUPIN_SUMMARY_GROUP)
        return fupin__error(FUPIN_EINVAL, "%s: a village summary cannot take a merge", __func__);
    if (strcmp(into->code, from->code) != 0)
        return fupin__error(FUPIN_EINVAL,
                            "%s: prefixes differ (%s and %s): group each part by the prefix of "
                            "the whole",
                            __func__, into->code, from->code);
    if (!fupin__group_ctx_same(&into->ctx, &from->ctx))
        return fupin__error(FUPIN_EINVAL,
                            "%s: the summaries differ in year, span, national statistics or "
                            "group parameters (policies or years differ)",
                            __func__);
    struct fupin__totals t = into->t;
    if (totals_add(&t, &from->t))
        return fupin__error(FUPIN_ERANGE, "%s: a sum overflows", __func__);
    into->t = t;
    fupin__group_finish(into);
    return 0;
}
