/* Policies: parameter series with variants and their lookup (docs/reference/rules.md
 * section 7). */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model.h"
#include "national.h"

/* Bounds (docs/policy.md): money at most 100,000,000,000 yuan (the largest dataset
 * amount, docs/dataset.md), a whole number of fen; rural_cpi -50..1000 percent; ratios to their
 * meaning. */
#define MONEY_MAX 1e11
#define R(name, kind, type, min, max)                                                              \
    {                                                                                              \
        name, FUPIN__KIND_##kind, FUPIN__TYPE_##type, min, max                                     \
    }
const struct fupin__param_info fupin__params_info[FUPIN__P_COUNT] = {
    [FUPIN__P_POVERTY_LINE] = R("poverty_line", RULE, MONEY, 0, MONEY_MAX),
    [FUPIN__P_MONITORING_THRESHOLD] = R("monitoring_threshold", RULE, MONEY, 0, MONEY_MAX),
    [FUPIN__P_NATIONAL_RURAL_INCOME] = R("national_rural_income", STATISTIC, MONEY, 0, MONEY_MAX),
    [FUPIN__P_RURAL_CPI] = R("rural_cpi", STATISTIC, NUMBER, -50, 1000),
    [FUPIN__P_SCHOOL_AGE_MIN] = R("school_age_min", RULE, WHOLE, 0, 1e6),
    [FUPIN__P_SCHOOL_AGE_MAX] = R("school_age_max", RULE, WHOLE, 0, 1e6),
    [FUPIN__P_SCHOOL_AGE_MONTH] = R("school_age_month", RULE, WHOLE, 0, 1e6),
    [FUPIN__P_SCHOOL_AGE_DAY] = R("school_age_day", RULE, WHOLE, 0, 1e6),
    [FUPIN__P_WATER_LITRES_MIN] = R("water_litres_min", RULE, NUMBER, 0, DBL_MAX),
    [FUPIN__P_WATER_MINUTES_MAX] = R("water_minutes_max", RULE, NUMBER, 0, DBL_MAX),
    [FUPIN__P_WATER_SUPPLY_RATE_MIN] = R("water_supply_rate_min", RULE, NUMBER, 0, DBL_MAX),
    [FUPIN__P_INCOME_DROP_RATIO] = R("income_drop_ratio", RULE, RATIO, 0, 1),
    [FUPIN__P_RIGID_EXPENSE_RATIO] = R("rigid_expense_ratio", RULE, RATIO, 0, 1000),
    [FUPIN__P_MONITOR_MIN_MONTHS] = R("monitor_min_months", RULE, WHOLE, 0, 1e6),
    [FUPIN__P_VILLAGE_EXIT_INCIDENCE_MAX] = R("village_exit_incidence_max", RULE, RATIO, 0, 1),
    [FUPIN__P_COUNTY_EXIT_INCIDENCE_MAX] = R("county_exit_incidence_max", RULE, RATIO, 0, 1),
    [FUPIN__P_VILLAGE_REQUIRE_PAVED_ROAD] = R("village_require_paved_road", RULE, FLAG, 0, 1),
    [FUPIN__P_VILLAGE_REQUIRE_ELECTRICITY] = R("village_require_electricity", RULE, FLAG, 0, 1),
    [FUPIN__P_VILLAGE_REQUIRE_CLINIC] = R("village_require_clinic", RULE, FLAG, 0, 1),
    [FUPIN__P_VILLAGE_REQUIRE_BROADBAND] = R("village_require_broadband", RULE, FLAG, 0, 1),
    [FUPIN__P_MPI_K] = R("mpi_k", RULE, NUMBER, 0, 1),
    [FUPIN__P_MPI_WEIGHT_FOOD] = R("mpi_weight_food", RULE, NUMBER, 0, 1e6),
    [FUPIN__P_MPI_WEIGHT_CLOTHING] = R("mpi_weight_clothing", RULE, NUMBER, 0, 1e6),
    [FUPIN__P_MPI_WEIGHT_EDUCATION] = R("mpi_weight_education", RULE, NUMBER, 0, 1e6),
    [FUPIN__P_MPI_WEIGHT_MEDICAL] = R("mpi_weight_medical", RULE, NUMBER, 0, 1e6),
    [FUPIN__P_MPI_WEIGHT_HOUSING] = R("mpi_weight_housing", RULE, NUMBER, 0, 1e6),
    [FUPIN__P_MPI_WEIGHT_WATER] = R("mpi_weight_water", RULE, NUMBER, 0, 1e6),
    [FUPIN__P_MPI_WEIGHT_INCOME] = R("mpi_weight_income", RULE, NUMBER, 0, 1e6),
};
#undef R

static const char *const variant_names[FUPIN__V_COUNT] = {"", "scarce", "east", "central", "west"};

int fupin__param_from_name(const char *name, size_t n)
{
    for (int i = 0; i < FUPIN__P_COUNT; i++)
        if (strlen(fupin__params_info[i].name) == n &&
            memcmp(fupin__params_info[i].name, name, n) == 0)
            return i;
    return -1;
}

int fupin__variant_from_name(const char *name, size_t n)
{
    for (int i = 1; i < FUPIN__V_COUNT; i++)
        if (strlen(variant_names[i]) == n && memcmp(variant_names[i], name, n) == 0)
            return i;
    return -1;
}

const char *fupin__variant_name(int variant)
{
    return variant >= 0 && variant < FUPIN__V_COUNT ? variant_names[variant] : "";
}

/* The parameter (or variant) closest to a misspelt name, or NULL (core suggest.c). */
const char *fupin__param_closest(const char *name, size_t n)
{
    const char *names[FUPIN__P_COUNT];
    char word[65];
    if (n >= sizeof word)
        return NULL;
    memcpy(word, name, n);
    word[n] = '\0';
    for (int i = 0; i < FUPIN__P_COUNT; i++)
        names[i] = fupin__params_info[i].name;
    return fupin__closest(word, names, FUPIN__P_COUNT);
}

const char *fupin__variant_closest(const char *name, size_t n)
{
    char word[65];
    if (n >= sizeof word)
        return NULL;
    memcpy(word, name, n);
    word[n] = '\0';
    return fupin__closest(word, variant_names + 1, FUPIN__V_COUNT - 1);
}

size_t fupin_policy_param_count(void)
{
    return FUPIN__P_COUNT;
}

const char *fupin_policy_param_name(size_t i)
{
    return i < FUPIN__P_COUNT ? fupin__params_info[i].name : NULL;
}

const struct fupin__entry *fupin__series_lookup(const struct fupin__series *s, int kind,
                                                int32_t year)
{
    const struct fupin__entry *best = NULL;
    if (kind == FUPIN__KIND_STATISTIC) {
        /* A statistic counts only for its own year; an undated one (set in a file) is
         * a constant for every year. */
        for (size_t i = 0; i < s->n; i++) {
            if (s->e[i].year == year)
                return &s->e[i];
            if (s->e[i].year == 0)
                best = &s->e[i];
        }
        return best;
    }
    /* A rule stays in force until replaced; undated (year 0) sorts first. */
    for (size_t i = 0; i < s->n && s->e[i].year <= year; i++)
        best = &s->e[i];
    return best;
}

const struct fupin__entry *fupin__policy_lookup(const fupin_policy *p, int param, const int *chain,
                                                size_t chain_len, int32_t year)
{
    int kind = fupin__params_info[param].kind;
    for (size_t i = 0; i < chain_len; i++) {
        const struct fupin__entry *e = fupin__series_lookup(&p->s[param][chain[i]], kind, year);
        if (e)
            return e;
    }
    return NULL;
}

const char *fupin__param_check_value(int param, double value, const struct fupin__dec *dec,
                                     int *code)
{
    const struct fupin__param_info *info = &fupin__params_info[param];
    struct fupin__dec own;
    *code = FUPIN_ERANGE;
    if (!isfinite(value))
        return "not a finite number";
    int exact = 1; /* the value has an exact form (not beyond int64) */
    if (!dec) {
        if (fupin__dec_from_double(value, &own)) {
            own.m = own.k = 0;
            exact = 0;
        }
        dec = &own;
    }
    int out = value < info->min || value > info->max;
    if (info->type == FUPIN__TYPE_MONEY || info->type == FUPIN__TYPE_RATIO)
        /* also exactly: 1.0000000000000001 is the double 1 but more than a share */
        out = out || !exact || dec->m < 0 || fupin__dec_cmp_mul((int64_t)info->max, dec, 1) < 0;
    if (out) {
        /* the bounds of every type, with the reason in words */
        switch (info->type) {
        case FUPIN__TYPE_MONEY:
            return value < 0 ? "may not be negative"
                             : "must be at most 100000000000 yuan (the largest amount)";
        case FUPIN__TYPE_RATIO:
            if (value < 0)
                return "may not be negative";
            return info->max == 1 ? "above 1 (a share)" : "above 1000";
        case FUPIN__TYPE_NUMBER:
            if (value < 0 && info->min == 0)
                return "may not be negative";
            if (info->min < 0)
                return "outside -50..1000 (percent change on the year before)";
            return info->max == 1 ? "above 1 (a share)" : "above 1000000 (a relative weight)";
        default:
            break;
        }
    }
    *code = FUPIN_EINVAL;
    switch (info->type) {
    case FUPIN__TYPE_WHOLE:
        if (value < 0 || value != floor(value) || value > info->max)
            return "must be a whole number";
        return NULL;
    case FUPIN__TYPE_FLAG:
        if (value != 0 && value != 1)
            return "must be 0 or 1";
        return NULL;
    case FUPIN__TYPE_MONEY: {
        /* docs/reference/rules.md, "Money is exact": R-I3, R-A1, R-A2 and R-M1 compare a
         * household's total with line x members in integer fen. A line finer than a fen
         * would be rounded (4000.005 deciding 4000.00 as not below it). */
        int64_t fen;
        *code = FUPIN_ERANGE;
        if (fupin__dec_to_fen(dec, &fen))
            return "must be a whole number of fen (at most 2 decimals)";
        return NULL;
    }
    default:
        return NULL;
    }
}

fupin_policy *fupin__policy_new(const char *name)
{
    fupin_policy *p = fupin__calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->name = fupin__strdup(name);
    if (!p->name) {
        fupin__free(p);
        return NULL;
    }
    return p;
}

static void series_clear(struct fupin__series *s)
{
    for (size_t i = 0; i < s->n; i++)
        fupin__free(s->e[i].origin);
    fupin__free(s->e);
    s->e = NULL;
    s->n = 0;
}

void fupin_policy_free(fupin_policy *policy)
{
    if (!policy)
        return;
    for (int i = 0; i < FUPIN__P_COUNT; i++)
        for (int v = 0; v < FUPIN__V_COUNT; v++)
            series_clear(&policy->s[i][v]);
    fupin__free(policy->name);
    fupin__free(policy);
}

int fupin__policy_set_entry(fupin_policy *p, int param, int variant, int32_t year, double value,
                            const struct fupin__dec *dec, const char *origin)
{
    struct fupin__series *s = &p->s[param][variant];
    /* Only money and ratios use the exact form; for them it always exists (values
     * are checked first), for the others a value beyond int64 has none: {0, 0}. */
    struct fupin__dec exact = {0, 0};
    if (dec)
        exact = *dec;
    else if (fupin__dec_from_double(value, &exact))
        exact.m = exact.k = 0;
    char *o = fupin__strdup(origin);
    if (!o)
        return fupin__oom();
    if (year == 0) {
        /* docs/reference/rules.md 7: an undated entry replaces the whole series of that
         * name+variant */
        struct fupin__entry *e = fupin__malloc(sizeof *e);
        if (!e) {
            fupin__free(o);
            return fupin__oom();
        }
        series_clear(s);
        e->year = 0;
        e->value = value;
        e->dec = exact;
        e->origin = o;
        e->low_bit = -1;
        s->e = e;
        s->n = 1;
        return 0;
    }
    size_t pos = 0;
    while (pos < s->n && s->e[pos].year < year)
        pos++;
    if (pos < s->n && s->e[pos].year == year) {
        fupin__free(s->e[pos].origin);
        s->e[pos].origin = o;
        s->e[pos].value = value;
        s->e[pos].dec = exact;
        s->e[pos].low_bit = -1;
        return 0;
    }
    struct fupin__entry *e = fupin__reallocarray(s->e, s->n + 1, sizeof *e);
    if (!e) {
        fupin__free(o);
        return fupin__oom();
    }
    s->e = e;
    memmove(&e[pos + 1], &e[pos], (s->n - pos) * sizeof *e);
    e[pos].year = year;
    e[pos].value = value;
    e[pos].dec = exact;
    e[pos].origin = o;
    e[pos].low_bit = -1;
    s->n++;
    return 0;
}

/* Carry a built-in value's low-confidence mark onto the entry just set for `year`. */
static void mark_low(fupin_policy *p, int param, int variant, int32_t year, int8_t low_bit)
{
    struct fupin__series *s = &p->s[param][variant];
    for (size_t i = 0; i < s->n; i++)
        if (s->e[i].year == year)
            s->e[i].low_bit = low_bit;
}

int fupin__policy_national(fupin_policy **out)
{
    fupin_policy *p = fupin__policy_new("national");
    char origin[512];
    if (!p)
        return fupin__oom();
    for (size_t i = 0; i < fupin__national_count; i++) {
        const struct fupin__national_row *r = &fupin__national_rows[i];
        int param = fupin__param_from_name(r->name, strlen(r->name));
        int variant = r->variant[0] ? fupin__variant_from_name(r->variant, strlen(r->variant))
                                    : FUPIN__V_NONE;
        snprintf(origin, sizeof origin, "built-in: %s", r->source);
        int rc = fupin__policy_set_entry(p, param, variant, r->year, r->value, NULL, origin);
        if (rc) {
            fupin_policy_free(p);
            return rc;
        }
        mark_low(p, param, variant, r->year, r->low_bit);
    }
    *out = p;
    return 0;
}

int fupin_policy_builtin(fupin_policy **out, const char *name)
{
    if (out)
        *out = NULL;
    if (!out || !name)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    if (strcmp(name, "national") != 0) {
        static const char *const builtins[1] = {"national"};
        const char *near = fupin__closest(name, builtins, 1);
        return fupin__error(FUPIN_ENOTFOUND, "no built-in policy named \"%s\"%s%s%s", name,
                            near ? " (did you mean " : "", near ? near : "", near ? "?)" : "");
    }
    return fupin__policy_national(out);
}

int fupin_policy_copy(fupin_policy **out, const fupin_policy *policy)
{
    if (out)
        *out = NULL;
    if (!out || !policy)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    fupin_policy *p = fupin__policy_new(policy->name);
    if (!p)
        return fupin__oom();
    for (int i = 0; i < FUPIN__P_COUNT; i++)
        for (int v = 0; v < FUPIN__V_COUNT; v++) {
            const struct fupin__series *src = &policy->s[i][v];
            for (size_t k = 0; k < src->n; k++) {
                int rc = fupin__policy_set_entry(p, i, v, src->e[k].year, src->e[k].value,
                                                 &src->e[k].dec, src->e[k].origin);
                if (rc) {
                    fupin_policy_free(p);
                    return rc;
                }
                mark_low(p, i, v, src->e[k].year, src->e[k].low_bit);
            }
        }
    *out = p;
    return 0;
}

const char *fupin_policy_name(const fupin_policy *policy)
{
    return policy && policy->name ? policy->name : "";
}

static int resolve_args(const char *fn, const fupin_policy *policy, const char *name,
                        const char *variant, int *param, int *var)
{
    if (!policy || !name)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", fn);
    *param = fupin__param_from_name(name, strlen(name));
    if (*param < 0) {
        const char *near = fupin__param_closest(name, strlen(name));
        return fupin__error(FUPIN_EINVAL, "unknown policy parameter \"%s\"%s%s%s", name,
                            near ? " (did you mean " : "", near ? near : "", near ? "?)" : "");
    }
    *var = FUPIN__V_NONE;
    if (variant && variant[0]) {
        *var = fupin__variant_from_name(variant, strlen(variant));
        if (*var < 0) {
            const char *near = fupin__variant_closest(variant, strlen(variant));
            return fupin__error(
                FUPIN_EINVAL, "unknown variant \"%s\" (scarce, east, central or west)%s%s%s",
                variant, near ? "; did you mean " : "", near ? near : "", near ? "?" : "");
        }
    }
    return 0;
}

static int lookup_public(const char *fn, const fupin_policy *policy, const char *name,
                         const char *variant, int32_t year, const struct fupin__entry **out)
{
    int param = 0, var = FUPIN__V_NONE;
    int rc = resolve_args(fn, policy, name, variant, &param, &var);
    if (rc)
        return rc;
    int chain[2] = {var, FUPIN__V_NONE};
    const struct fupin__entry *e =
        fupin__policy_lookup(policy, param, chain, var == FUPIN__V_NONE ? 1 : 2, year);
    if (!e) {
        if (fupin__params_info[param].kind == FUPIN__KIND_STATISTIC)
            return fupin__error(FUPIN_ENOTFOUND,
                                "%s has no value for %d (statistics are "
                                "never carried forward)",
                                name, (int)year);
        return fupin__error(FUPIN_ENOTFOUND, "%s has no value for %d", name, (int)year);
    }
    *out = e;
    return 0;
}

int fupin_policy_get(const fupin_policy *policy, const char *name, const char *variant,
                     int32_t year, double *out)
{
    const struct fupin__entry *e;
    if (!out)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    int rc = lookup_public("fupin_policy_get", policy, name, variant, year, &e);
    if (!rc)
        *out = e->value;
    return rc;
}

int fupin_policy_origin(const fupin_policy *policy, const char *name, const char *variant,
                        int32_t year, const char **out)
{
    const struct fupin__entry *e;
    if (!out)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    *out = NULL;
    int rc = lookup_public("fupin_policy_origin", policy, name, variant, year, &e);
    if (!rc)
        *out = e->origin;
    return rc;
}

int fupin_policy_set(fupin_policy *policy, const char *name, const char *variant, int32_t year,
                     double value)
{
    int param = 0, var = FUPIN__V_NONE;
    int rc = resolve_args("fupin_policy_set", policy, name, variant, &param, &var);
    if (rc)
        return rc;
    if (year != 0 && (year < FUPIN_YEAR_MIN || year > FUPIN_YEAR_MAX))
        return fupin__error(FUPIN_EINVAL, "%s: year %d outside %d..%d", name, (int)year,
                            FUPIN_YEAR_MIN, FUPIN_YEAR_MAX);
    int code;
    const char *bad = fupin__param_check_value(param, value, NULL, &code);
    if (bad) {
        /* the value as the caller meant it: its shortest decimal, else %g */
        struct fupin__dec d;
        char text[64] = "";
        if (fupin__dec_from_double(value, &d) || !fupin__dec_format(&d, text, sizeof text))
            snprintf(text, sizeof text, "%g", value);
        return fupin__error(code, "%s: %s (got %s)", name, bad, text);
    }
    return fupin__policy_set_entry(policy, param, var, year, value, NULL, "set by API");
}

int fupin_policy_latest_year(const fupin_policy *policy, int32_t *out)
{
    int32_t best = 0;
    if (!policy || !out)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    for (int i = 0; i < FUPIN__P_COUNT; i++)
        for (int v = 0; v < FUPIN__V_COUNT; v++) {
            const struct fupin__series *s = &policy->s[i][v];
            if (s->n && s->e[s->n - 1].year > best)
                best = s->e[s->n - 1].year;
        }
    if (!best)
        return fupin__error(FUPIN_ENOTFOUND, "policy \"%s\" has no dated entry", policy->name);
    *out = best;
    return 0;
}
