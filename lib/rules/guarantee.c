/* R-G1..R-G7: "two no worries, three guarantees" plus drinking-water safety. */
#include <math.h>

#include "rules.h"

/* docs/reference/rules.md conventions: any unmet -> unmet; else any unknown -> unknown; else met.
 * A table rather than branches: statuses vary from household to household, and a
 * mispredicted branch per combination cost more than the rest of R-G7. a and b are
 * always statuses (every caller passes one of enum fupin_status). */
static int8_t combine(int8_t a, int8_t b)
{
    enum { K = FUPIN_STATUS_UNKNOWN, M = FUPIN_STATUS_MET, U = FUPIN_STATUS_UNMET };
    static const int8_t worse[3][3] = {
        [K] = {[K] = K, [M] = K, [U] = U},
        [M] = {[K] = K, [M] = M, [U] = U},
        [U] = {[K] = U, [M] = U, [U] = U},
    };
    return worse[a][b];
}

/* A 0/1 flag (-1 blank) as a status: a table at flag + 1 rather than two branches on
 * the data; any other value (none is ever stored) is unknown, as blank. */
static int8_t flag_status(int8_t flag)
{
    static const int8_t status[3] = {FUPIN_STATUS_UNKNOWN, FUPIN_STATUS_UNMET, FUPIN_STATUS_MET};
    return flag >= -1 && flag <= 1 ? status[flag + 1] : FUPIN_STATUS_UNKNOWN;
}

/* R-G3: completed years of age on school_age_month/school_age_day of Y. */
static int8_t education(const struct fupin__params *p, const struct fupin_household *h,
                        int32_t year)
{
    int8_t st = FUPIN_STATUS_MET;
    int32_t cm = p->school_age_month;
    int32_t cd = p->school_age_day;
    if (cd > fupin__days_in_month(year, cm))
        cd = fupin__days_in_month(year, cm);
    for (size_t i = 0; i < h->n_members; i++) {
        const struct fupin__member *m = &h->members[i];
        int32_t by, bm, bd;
        if (m->school == FUPIN__SCHOOL_COMPLETED) /* accepted at any age */
            continue;
        fupin__date_resolve_birth(&m->birth, &by, &bm, &bd);
        int32_t age = fupin__age_on(by, bm, bd, year, cm, cd);
        if (age < p->school_age_min || age > p->school_age_max)
            continue;
        switch (m->school) {
        case FUPIN__SCHOOL_ENROLLED:
        case FUPIN__SCHOOL_HOME_TUITION:
        case FUPIN__SCHOOL_EXEMPT:
            break;
        case FUPIN__SCHOOL_DROPOUT:
        case FUPIN__SCHOOL_NONE:
            st = combine(st, FUPIN_STATUS_UNMET);
            break;
        default:
            st = combine(st, FUPIN_STATUS_UNKNOWN);
        }
    }
    return st;
}

static int8_t medical(const struct fupin_household *h)
{
    int8_t st = FUPIN_STATUS_MET;
    for (size_t i = 0; i < h->n_members; i++)
        st = combine(st, flag_status(h->members[i].insured));
    return st;
}

static int8_t housing(const struct fupin_household *h)
{
    switch (h->housing) {
    case FUPIN__HOUSING_A:
    case FUPIN__HOUSING_B:
    case FUPIN__HOUSING_RELOCATED:
        return FUPIN_STATUS_MET;
    case FUPIN__HOUSING_C:
    case FUPIN__HOUSING_D:
    case FUPIN__HOUSING_NONE:
        return FUPIN_STATUS_UNMET;
    default:
        return FUPIN_STATUS_UNKNOWN;
    }
}

/* R-G7: append code when cond holds, by a store and an add instead of a branch on the
 * household's data (at most 9 codes here, far below the list's room). */
static void reason_add_if(struct fupin__reasons *l, int code, int cond)
{
    if (l->n < FUPIN__MAX_REASONS) {
        l->code[l->n] = (int16_t)code;
        l->n = (uint16_t)(l->n + (cond != 0));
    }
}

/* One R-G6 indicator. With the village's scarcity unknown the indicator is still
 * decided when both thresholds agree; otherwise it is unknown, never a pass. */
static int8_t indicator(double value, const double threshold[2], int8_t scarce, int at_least)
{
    if (isnan(value))
        return FUPIN_STATUS_UNKNOWN;
    int pass[2];
    for (int s = 0; s < 2; s++)
        pass[s] = at_least ? value >= threshold[s] : value <= threshold[s];
    if (scarce == 0 || scarce == 1)
        return pass[scarce] ? FUPIN_STATUS_MET : FUPIN_STATUS_UNMET;
    if (pass[0] == pass[1])
        return pass[0] ? FUPIN_STATUS_MET : FUPIN_STATUS_UNMET;
    return FUPIN_STATUS_UNKNOWN;
}

void fupin__rule_guarantee(const struct fupin__params *p, const struct fupin_household *h,
                           int32_t year, struct fupin_result *r)
{
    struct fupin__reasons *l = &r->reasons[FUPIN_LIST_GUARANTEE];
    int members_known = !(h->incomplete || h->n_members == 0);

    /* R-G1, R-G2 */
    r->dim[FUPIN_DIM_FOOD] = flag_status(h->food_secure);
    r->dim[FUPIN_DIM_CLOTHING] = flag_status(h->clothing_secure);
    /* R-G3, R-G4: an incomplete household's members are not all known */
    r->dim[FUPIN_DIM_EDUCATION] = education(p, h, year);
    r->dim[FUPIN_DIM_MEDICAL] = medical(h);
    if (!members_known) {
        r->dim[FUPIN_DIM_EDUCATION] = combine(r->dim[FUPIN_DIM_EDUCATION], FUPIN_STATUS_UNKNOWN);
        r->dim[FUPIN_DIM_MEDICAL] = combine(r->dim[FUPIN_DIM_MEDICAL], FUPIN_STATUS_UNKNOWN);
    }
    /* R-G5 */
    r->dim[FUPIN_DIM_HOUSING] = housing(h);
    /* R-G6: quantity, access, supply, quality */
    int8_t ind[4];
    ind[0] = indicator(h->water_litres, p->water_litres_min, h->water_scarce, 1);
    ind[1] = indicator(h->water_minutes, p->water_minutes_max, h->water_scarce, 0);
    ind[2] = indicator(h->water_supply_rate, p->water_supply_rate_min, h->water_scarce, 1);
    ind[3] = flag_status(h->water_quality_ok);
    int8_t water = FUPIN_STATUS_MET;
    for (int i = 0; i < 4; i++)
        water = combine(water, ind[i]);
    r->dim[FUPIN_DIM_WATER] = water;

    /* R-G7: each dimension contributes the codes of its own status, table order. */
    static const int unmet_code[5] = {FUPIN_REASON_FOOD_INSECURE, FUPIN_REASON_CLOTHING_INSECURE,
                                      FUPIN_REASON_EDU_DROPOUT, FUPIN_REASON_MED_UNINSURED,
                                      FUPIN_REASON_HOUSING_UNSAFE};
    static const int unknown_code[6] = {FUPIN_REASON_FOOD_UNKNOWN,    FUPIN_REASON_CLOTHING_UNKNOWN,
                                        FUPIN_REASON_EDU_UNKNOWN,     FUPIN_REASON_MED_UNKNOWN,
                                        FUPIN_REASON_HOUSING_UNKNOWN, FUPIN_REASON_WATER_UNKNOWN};
    static const int water_code[4] = {FUPIN_REASON_WATER_QUANTITY, FUPIN_REASON_WATER_ACCESS,
                                      FUPIN_REASON_WATER_SUPPLY, FUPIN_REASON_WATER_QUALITY};
    int8_t overall = FUPIN_STATUS_MET;
    for (int d = 0; d < FUPIN_DIM_COUNT; d++) {
        int8_t st = r->dim[d];
        overall = combine(overall, st);
        /* the two cases exclude each other, so their order within d does not matter */
        reason_add_if(l, unknown_code[d], st == FUPIN_STATUS_UNKNOWN);
        if (d == FUPIN_DIM_WATER) {
            for (int i = 0; i < 4; i++)
                reason_add_if(l, water_code[i],
                              (st == FUPIN_STATUS_UNMET) & (ind[i] == FUPIN_STATUS_UNMET));
        } else {
            reason_add_if(l, unmet_code[d], st == FUPIN_STATUS_UNMET);
        }
    }
    r->guarantee = overall;
}
