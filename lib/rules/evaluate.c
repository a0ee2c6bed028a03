/* Evaluators (a policy resolved for one year), household evaluation and the result
 * accessors. Resolution follows docs/reference/rules.md section 7; evaluation allocates nothing. */
#include <math.h>
#include <string.h>

#include "rules.h"
#include "../model/national.h"

/* The low-confidence bit of an entry used (0 for a value of a file or the API). */
static uint64_t low_bit(const struct fupin__entry *e)
{
    return e && e->low_bit >= 0 ? (uint64_t)1 << e->low_bit : 0;
}

static int lookup_entry(const fupin_policy *p, int param, const int *chain, size_t n, int32_t year,
                        const struct fupin__entry **out, uint64_t *low)
{
    const struct fupin__entry *e = fupin__policy_lookup(p, param, chain, n, year);
    if (!e)
        return fupin__error(FUPIN_ENOTFOUND, "%s has no value for %d",
                            fupin__params_info[param].name, (int)year);
    *out = e;
    *low |= low_bit(e);
    return 0;
}

static int lookup(const fupin_policy *p, int param, const int *chain, size_t n, int32_t year,
                  double *out, uint64_t *low)
{
    const struct fupin__entry *e = NULL;
    int rc = lookup_entry(p, param, chain, n, year, &e, low);
    if (!rc)
        *out = e->value;
    return rc;
}

/* Money parameters are whole fen (checked when set), so this is exact. */
static int64_t to_fen(const struct fupin__entry *e)
{
    int64_t fen = 0;
    if (fupin__dec_to_fen(&e->dec, &fen))
        fen = (int64_t)llround(e->value * 100.0); /* unreachable: refused when set */
    return fen;
}

/* R-G3: the school-age window of Y as birth-date keys, worked out once here rather
 * than an age per member per evaluation. Age on the cut-off day (the policy's day, or
 * the month's last in a year whose month is shorter) is within [min, max] when born
 * on or before that day min years back and after that day max + 1 years back. */
static void school_window(struct fupin__params *prm, int32_t year)
{
    int32_t cm = prm->school_age_month, cd = prm->school_age_day;
    if (cd > fupin__days_in_month(year, cm))
        cd = fupin__days_in_month(year, cm);
    prm->school_born_by = fupin__date_key((int64_t)year - prm->school_age_min, cm, cd);
    prm->school_born_after = fupin__date_key((int64_t)year - prm->school_age_max - 1, cm, cd);
}

/* Resolve every rule parameter for one region (index 0: unknown region). */
static int resolve_region(struct fupin__params *prm, const fupin_policy *p, int32_t year,
                          int region)
{
    int chain[3];
    size_t n = 0;
    int scarce_chain[3];
    size_t ns = 0;
    double v = 0;
    const struct fupin__entry *ent = NULL;
    int rc;
    scarce_chain[ns++] = FUPIN__V_SCARCE;
    if (region >= 0) {
        chain[n++] = FUPIN__V_EAST + region;
        scarce_chain[ns++] = FUPIN__V_EAST + region;
    }
    chain[n++] = FUPIN__V_NONE;
    scarce_chain[ns++] = FUPIN__V_NONE;

    memset(prm, 0, sizeof *prm);
    prm->year = year;
#define GET(param)                                                                                 \
    do {                                                                                           \
        if ((rc = lookup_entry(p, (param), chain, n, year, &ent, &prm->low)))                      \
            return rc;                                                                             \
        v = ent->value;                                                                            \
    } while (0)
    GET(FUPIN__P_POVERTY_LINE);
    prm->poverty_line_fen = to_fen(ent);
    /* Section 4: no monitoring_threshold for Y means no alerts, not an error. */
    const struct fupin__entry *t =
        fupin__policy_lookup(p, FUPIN__P_MONITORING_THRESHOLD, chain, n, year);
    prm->has_threshold = t != NULL;
    prm->low |= low_bit(t);
    prm->monitoring_threshold_fen = t ? to_fen(t) : -1;
    GET(FUPIN__P_SCHOOL_AGE_MIN);
    prm->school_age_min = (int32_t)v;
    GET(FUPIN__P_SCHOOL_AGE_MAX);
    prm->school_age_max = (int32_t)v;
    GET(FUPIN__P_SCHOOL_AGE_MONTH);
    prm->school_age_month = (int32_t)v;
    GET(FUPIN__P_SCHOOL_AGE_DAY);
    prm->school_age_day = (int32_t)v;
    if (prm->school_age_month < 1 || prm->school_age_month > 12 || prm->school_age_day < 1 ||
        prm->school_age_day > 31)
        return fupin__error(FUPIN_EINVAL,
                            "school_age_month/school_age_day %d-%d is not a day "
                            "of the year",
                            (int)prm->school_age_month, (int)prm->school_age_day);
    school_window(prm, year);
    static const int water[3] = {FUPIN__P_WATER_LITRES_MIN, FUPIN__P_WATER_MINUTES_MAX,
                                 FUPIN__P_WATER_SUPPLY_RATE_MIN};
    double *water_out[3] = {prm->water_litres_min, prm->water_minutes_max,
                            prm->water_supply_rate_min};
    for (int i = 0; i < 3; i++) {
        /* docs/reference/rules.md 7: the water thresholds try NAME:scarce first where the village
         * is water-scarce, then NAME:REGION, then NAME. */
        if ((rc = lookup(p, water[i], chain, n, year, &water_out[i][0], &prm->low)) ||
            (rc = lookup(p, water[i], scarce_chain, ns, year, &water_out[i][1], &prm->low)))
            return rc;
    }
    GET(FUPIN__P_INCOME_DROP_RATIO);
    prm->income_drop = ent->dec;
    GET(FUPIN__P_RIGID_EXPENSE_RATIO);
    prm->rigid_expense = ent->dec;
    GET(FUPIN__P_MONITOR_MIN_MONTHS);
    prm->monitor_min_months = (int32_t)v;
    GET(FUPIN__P_VILLAGE_EXIT_INCIDENCE_MAX);
    prm->village_exit_incidence = ent->dec;
    GET(FUPIN__P_COUNTY_EXIT_INCIDENCE_MAX);
    prm->county_exit_incidence = ent->dec;
    GET(FUPIN__P_VILLAGE_REQUIRE_PAVED_ROAD);
    prm->require_paved_road = (int8_t)(v != 0);
    GET(FUPIN__P_VILLAGE_REQUIRE_ELECTRICITY);
    prm->require_electricity = (int8_t)(v != 0);
    GET(FUPIN__P_VILLAGE_REQUIRE_CLINIC);
    prm->require_clinic = (int8_t)(v != 0);
    GET(FUPIN__P_VILLAGE_REQUIRE_BROADBAND);
    prm->require_broadband = (int8_t)(v != 0);
    /* R-V5: the cut-off, and the weights normalised to sum 1 */
    GET(FUPIN__P_MPI_K);
    prm->mpi_k = v;
    double sum = 0;
    for (int d = 0; d < FUPIN__MPI_DIMS; d++) {
        GET(FUPIN__P_MPI_WEIGHT_FOOD + d);
        prm->mpi_weight[d] = v;
        sum += v;
    }
    /* All weights 0 cannot be normalised: the R-V5 figures are then null, while every
     * other rule still evaluates (the weights matter to nothing else). */
    prm->mpi_ok = sum > 0;
    for (int d = 0; d < FUPIN__MPI_DIMS; d++)
        prm->mpi_weight[d] = prm->mpi_ok ? prm->mpi_weight[d] / sum : 0;
#undef GET
    return 0;
}

/* A statistic for one year, NAN when missing; its low-confidence bit goes to *low. */
static double statistic(const fupin_policy *p, int param, int32_t year, uint64_t *low)
{
    static const int chain[1] = {FUPIN__V_NONE};
    const struct fupin__entry *e = fupin__policy_lookup(p, param, chain, 1, year);
    *low = low_bit(e);
    return e ? e->value : NAN;
}

/* Copy the origin of a statistic's entry for a year, cut at a UTF-8 character
 * boundary when it does not fit ("" when the year has no entry). */
static void copy_origin(char *dst, size_t cap, const fupin_policy *p, int param, int32_t year)
{
    static const int chain[1] = {FUPIN__V_NONE};
    const struct fupin__entry *e = fupin__policy_lookup(p, param, chain, 1, year);
    const char *o = e && e->origin ? e->origin : "";
    size_t n = strlen(o);
    if (n >= cap) {
        n = cap - 1;
        while (n > 0 && ((unsigned char)o[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(dst, o, n);
    dst[n] = '\0';
}

/* The first household parameter whose value for a region differs from the plain one
 * (the parameters of villages and groups are left out: a village always has a region). */
static const char *household_region_difference(const struct fupin_evaluator *e)
{
    const struct fupin__params *a = &e->region[0];
    for (int r = 1; r < 4; r++) {
        const struct fupin__params *b = &e->region[r];
        if (a->poverty_line_fen != b->poverty_line_fen)
            return "poverty_line";
        if (a->has_threshold != b->has_threshold ||
            a->monitoring_threshold_fen != b->monitoring_threshold_fen)
            return "monitoring_threshold";
        if (a->school_age_min != b->school_age_min || a->school_age_max != b->school_age_max ||
            a->school_age_month != b->school_age_month || a->school_age_day != b->school_age_day)
            return "school_age_*";
        for (int s = 0; s < 2; s++)
            if (a->water_litres_min[s] != b->water_litres_min[s] ||
                a->water_minutes_max[s] != b->water_minutes_max[s] ||
                a->water_supply_rate_min[s] != b->water_supply_rate_min[s])
                return "water_*";
        if (!fupin__dec_equal(&a->income_drop, &b->income_drop))
            return "income_drop_ratio";
        if (!fupin__dec_equal(&a->rigid_expense, &b->rigid_expense))
            return "rigid_expense_ratio";
        if (a->monitor_min_months != b->monitor_min_months)
            return "monitor_min_months";
    }
    return NULL;
}

int fupin__evaluator_init(struct fupin_evaluator *e, const fupin_policy *p, int32_t year,
                          int32_t since)
{
    if (year < FUPIN_YEAR_MIN || year > FUPIN_YEAR_MAX)
        return fupin__error(FUPIN_EINVAL, "evaluation year %d outside %d..%d", (int)year,
                            FUPIN_YEAR_MIN, FUPIN_YEAR_MAX);
    if (since && (since < FUPIN_YEAR_MIN || since >= year))
        return fupin__error(FUPIN_EINVAL,
                            "the span start year %d must be in %d..%d, before the evaluation "
                            "year %d",
                            (int)since, FUPIN_YEAR_MIN, (int)year - 1, (int)year);
    memset(e, 0, sizeof *e);
    e->year = year;
    for (int r = -1; r <= FUPIN__REGION_WEST; r++) {
        int rc = resolve_region(&e->region[r + 1], p, year, r);
        if (rc)
            return rc;
    }
    e->region_matters = household_region_difference(e);
    struct fupin__stats *s = &e->stats;
    /* A statistic's low-confidence mark goes into a result only with a figure that
     * uses it (a null figure rests on nothing). */
    uint64_t low_now, low_prev, low_cpi;
    s->national_income = statistic(p, FUPIN__P_NATIONAL_RURAL_INCOME, year, &low_now);
    copy_origin(e->national_origin, sizeof e->national_origin, p, FUPIN__P_NATIONAL_RURAL_INCOME,
                year);
    s->national_income_prev = statistic(p, FUPIN__P_NATIONAL_RURAL_INCOME, year - 1, &low_prev);
    s->cpi = statistic(p, FUPIN__P_RURAL_CPI, year, &low_cpi);
    s->cpi_divisor = 1 + s->cpi / 100; /* R-I6, as fupin__real_growth_pct divides */
    s->low = 0;
    if (!isnan(s->cpi))
        s->low |= low_cpi; /* R-I6: household and national real growth */
    /* R-I4: null when either year is missing (statistics are never carried forward). */
    s->national_growth = NAN;
    s->national_real_growth = NAN;
    double g = fupin__growth_ratio(s->national_income, s->national_income_prev);
    if (!isnan(g)) {
        s->national_growth = g * 100;
        s->low |= low_now | low_prev;
        s->national_real_growth = fupin__real_growth_pct(g, s->cpi); /* R-I6 */
    }
    s->since = since;
    s->national_cagr = NAN;
    s->cpi_product = NAN;
    if (since) {
        uint64_t low_since;
        double n0 = statistic(p, FUPIN__P_NATIONAL_RURAL_INCOME, since, &low_since);
        /* R-I5: compound annual rate over [Y0, Y1] */
        s->national_cagr = fupin__cagr_pct(s->national_income, n0, year - since);
        if (!isnan(s->national_cagr))
            s->low |= low_since | low_now;
        double prod = 1;
        for (int32_t y = since + 1; y <= year; y++) {
            uint64_t low_y;
            double c = statistic(p, FUPIN__P_RURAL_CPI, y, &low_y);
            if (isnan(c)) {
                prod = NAN;
                break;
            }
            prod *= 1 + c / 100;
        }
        /* No result prints a figure deflated over the span yet, so the CPI years of
         * the span mark nothing as low-confidence. */
        s->cpi_product = fupin__finite(prod);
    }
    s->national_growth = fupin__finite(s->national_growth);
    s->national_real_growth = fupin__finite(s->national_real_growth);
    s->national_cagr = fupin__finite(s->national_cagr);
    return 0;
}

int fupin_evaluator_create(fupin_evaluator **out, const fupin_policy *policy, int32_t year)
{
    return fupin_evaluator_create_since(out, policy, year, 0);
}

int fupin_evaluator_create_since(fupin_evaluator **out, const fupin_policy *policy, int32_t year,
                                 int32_t since)
{
    if (out)
        *out = NULL;
    if (!out || !policy)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    fupin_evaluator *e = fupin__malloc(sizeof *e);
    if (!e)
        return fupin__oom();
    int rc = fupin__evaluator_init(e, policy, year, since);
    if (rc) {
        fupin__free(e);
        return rc;
    }
    *out = e;
    return 0;
}

void fupin_evaluator_free(fupin_evaluator *evaluator)
{
    fupin__free(evaluator);
}

const char *fupin_evaluator_series_origin(const fupin_evaluator *evaluator)
{
    if (!evaluator) {
        fupin__misuse(__func__, "NULL argument");
        return "";
    }
    return evaluator->national_origin;
}

int fupin_result_create(fupin_result **out)
{
    if (out)
        *out = NULL;
    if (!out)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    fupin_result *r = fupin__calloc(1, sizeof *r);
    if (!r)
        return fupin__oom();
    *out = r;
    return 0;
}

void fupin_result_free(fupin_result *result)
{
    fupin__free(result);
}

/* What the rules may leave unwritten: the household, village and year, the figures a
 * rule sets only when they are not null, and the alert and monitoring fields and lists,
 * set only in a year with a monitoring threshold. Everything else (the dimensions and
 * guarantee, the incomes, members, line, threshold, statuses, the national figures,
 * the R-G7 list and low) every evaluation writes in full, so it is not cleared first. */
static void result_reset(struct fupin_result *r, const struct fupin_household *h, int32_t year)
{
    size_t n = strlen(h->id);
    if (n > 64)
        n = 64;
    memcpy(r->household, h->id, n);
    r->household[n] = '\0';
    memcpy(r->village, h->village_code, sizeof r->village);
    r->year = year;
    r->alert_level = FUPIN_ALERT_NULL;
    r->category = FUPIN_CATEGORY_NULL;
    r->monitor_exit = FUPIN_MONITOR_EXIT_NULL;
    r->incomplete = (int8_t)(h->incomplete || h->n_members == 0);
    r->growth = r->growth_unrounded = r->gap_pp = r->real_growth = r->cagr = NAN;
    r->reasons[FUPIN_LIST_ALERT].n = 0;
    r->reasons[FUPIN_LIST_MONITOR_EXIT].n = 0;
}

int fupin_evaluator_evaluate_household(const fupin_evaluator *e, const fupin_household *h,
                                       fupin_result *r)
{
    const char *column, *bad;
    if (!e || !h || !r)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    if ((bad = fupin__household_check(h, &column)))
        return fupin__error(FUPIN_EINVAL, "household \"%s\": column %s: %s", h->id, column, bad);
    /* docs/reference/rules.md 1: a household with no members is an input error, unless a lenient
     * load kept it as incomplete (then everything that needs its members is unknown). */
    if (h->n_members == 0 && !h->incomplete)
        return fupin__error(FUPIN_EINVAL, "household \"%s\" has no members", h->id);
    int ri = h->region >= 0 && h->region <= FUPIN__REGION_WEST ? h->region + 1 : 0;
    /* docs/reference/rules.md 7 looks up NAME:REGION first: where the region would change a value,
     * a household without one is refused rather than judged by the plain value. */
    if (ri == 0 && e->region_matters)
        return fupin__error(FUPIN_EINVAL,
                            "household \"%s\" has no region, and the policy's %s differs by "
                            "region in %d: set its region (east, central or west)",
                            h->id, e->region_matters, (int)e->year);
    const struct fupin__params *p = &e->region[ri];
    struct fupin__incomes in;
    result_reset(r, h, e->year);
    fupin__incomes_find(h, e->year, e->stats.since, &in);
    fupin__rule_guarantee(p, h, r);
    fupin__rule_income(p, h, e->year, e->stats.since, &in, r);
    fupin__rule_growth(&e->stats, h, e->year, r);
    r->low = p->low | e->stats.low;
    if (p->has_threshold) {
        struct fupin__risks k;
        fupin__rule_risks(p, h, e->year, &in, r, &k);
        fupin__rule_alert(p, h, &k, r);
        fupin__rule_monitor(p, h, e->year, &k, r);
    }
    return 0;
}

int fupin_household_evaluate(const fupin_policy *policy, const fupin_household *household,
                             int32_t year, fupin_result *result)
{
    struct fupin_evaluator e;
    if (!policy || !household || !result)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    int rc = fupin__evaluator_init(&e, policy, year, 0);
    if (rc)
        return rc;
    return fupin_evaluator_evaluate_household(&e, household, result);
}

int fupin_evaluator_evaluate_village(const fupin_evaluator *e, const fupin_village *v,
                                     fupin_summary *vr)
{
    if (!e || !v || !vr)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    return fupin__rule_village(e, v, vr);
}

int fupin_village_evaluate(const fupin_policy *policy, const fupin_village *village, int32_t year,
                           fupin_summary *result)
{
    struct fupin_evaluator e;
    if (!policy || !village || !result)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    int rc = fupin__evaluator_init(&e, policy, year, 0);
    if (rc)
        return rc;
    return fupin_evaluator_evaluate_village(&e, village, result);
}

/* ------------------------------------------------------------ result accessors */

/* The misuse contract (fupin.h, Conventions): NULL gives FUPIN_INVALID and the error. */
#define RESULT_GET(r, field) ((r) ? (r)->field : fupin__misuse(__func__, "NULL result"))

static const char *string_or_misuse(const char *s, const char *func)
{
    if (s)
        return s;
    fupin__misuse(func, "NULL result");
    return "";
}

const char *fupin_result_household(const fupin_result *r)
{
    return string_or_misuse(r ? r->household : NULL, __func__);
}

const char *fupin_result_village(const fupin_result *r)
{
    return string_or_misuse(r ? r->village : NULL, __func__);
}

int32_t fupin_result_year(const fupin_result *r)
{
    return RESULT_GET(r, year);
}

int fupin_result_guarantee(const fupin_result *r)
{
    return RESULT_GET(r, guarantee);
}

int fupin_result_dimension(const fupin_result *r, int dimension)
{
    if (!r)
        return fupin__misuse(__func__, "NULL result");
    if (dimension < 0 || dimension >= FUPIN_DIM_COUNT)
        return fupin__misuse(__func__, "unknown dimension");
    return r->dim[dimension];
}

int fupin_result_income_status(const fupin_result *r)
{
    return RESULT_GET(r, income_status);
}

int fupin_result_exit_eligible(const fupin_result *r)
{
    return RESULT_GET(r, exit_eligible);
}

int fupin_result_registration(const fupin_result *r)
{
    return RESULT_GET(r, registration);
}

int fupin_result_alert_level(const fupin_result *r)
{
    return RESULT_GET(r, alert_level);
}

int fupin_result_alert_category(const fupin_result *r)
{
    return RESULT_GET(r, category);
}

int fupin_result_monitor_exit(const fupin_result *r)
{
    return RESULT_GET(r, monitor_exit);
}

size_t fupin_result_reason_count(const fupin_result *r, int list)
{
    if (!r || list < 0 || list > FUPIN_LIST_MONITOR_EXIT) {
        fupin__misuse(__func__, r ? "unknown list" : "NULL result");
        return 0;
    }
    return r->reasons[list].n;
}

int fupin_result_reason(const fupin_result *r, int list, size_t i)
{
    if (!r)
        return fupin__misuse(__func__, "NULL result");
    if (list < 0 || list > FUPIN_LIST_MONITOR_EXIT)
        return fupin__misuse(__func__, "unknown list");
    if (i >= r->reasons[list].n)
        return fupin__misuse(__func__, "reason index out of range");
    return r->reasons[list].code[i];
}

static int figure_out(double v, double *out)
{
    if (isnan(v))
        return FUPIN_ENULL;
    *out = v;
    return 0;
}

int fupin_result_figure(const fupin_result *r, int figure, double *out)
{
    if (!r || !out)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    switch (figure) {
    case FUPIN_FIG_PER_CAPITA:
        if (r->per_capita_fen == FUPIN__FEN_UNKNOWN)
            return FUPIN_ENULL;
        *out = (double)r->per_capita_fen / 100.0;
        return 0;
    case FUPIN_FIG_POVERTY_LINE:
        *out = (double)r->poverty_line_fen / 100.0;
        return 0;
    case FUPIN_FIG_NET_INCOME:
        if (r->net_income_fen == FUPIN__FEN_UNKNOWN)
            return FUPIN_ENULL;
        *out = (double)r->net_income_fen / 100.0;
        return 0;
    case FUPIN_FIG_MONITORING_THRESHOLD:
        if (r->monitoring_threshold_fen < 0)
            return FUPIN_ENULL;
        *out = (double)r->monitoring_threshold_fen / 100.0;
        return 0;
    case FUPIN_FIG_GROWTH:
        return figure_out(fupin__round(r->growth, 2), out);
    case FUPIN_FIG_NATIONAL_GROWTH:
        return figure_out(fupin__round(r->national_growth, 2), out);
    case FUPIN_FIG_GAP_PP:
        return figure_out(fupin__round(r->gap_pp, 2), out);
    case FUPIN_FIG_REAL_GROWTH:
        return figure_out(fupin__round(r->real_growth, 2), out);
    case FUPIN_FIG_NATIONAL_REAL_GROWTH:
        return figure_out(fupin__round(r->national_real_growth, 2), out);
    case FUPIN_FIG_CAGR:
        return figure_out(fupin__round(r->cagr, 2), out);
    case FUPIN_FIG_NATIONAL_CAGR:
        return figure_out(fupin__round(r->national_cagr, 2), out);
    default:
        return fupin__error(FUPIN_EINVAL, "%s: unknown figure %d", __func__, figure);
    }
}

int fupin_result_per_capita_fen(const fupin_result *r, int64_t *out)
{
    if (!r || !out)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    if (r->per_capita_fen == FUPIN__FEN_UNKNOWN)
        return FUPIN_ENULL;
    *out = r->per_capita_fen;
    return 0;
}

int fupin_result_net_income_fen(const fupin_result *r, int64_t *out)
{
    if (!r || !out)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    if (r->net_income_fen == FUPIN__FEN_UNKNOWN)
        return FUPIN_ENULL;
    *out = r->net_income_fen;
    return 0;
}

size_t fupin_result_low_confidence_count(const fupin_result *r)
{
    if (!r) {
        fupin__misuse(__func__, "NULL result");
        return 0;
    }
    return fupin__low_count(r->low);
}

const char *fupin_result_low_confidence(const fupin_result *r, size_t i)
{
    const char *label = r ? fupin__low_label(r->low, i) : NULL;
    if (!label)
        fupin__misuse(__func__, r ? "index out of range" : "NULL result");
    return label;
}
