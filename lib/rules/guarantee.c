/* R-G1..R-G7: "two no worries, three guarantees" plus drinking-water safety.
 *
 * A status is worked out as two bits, "some part unmet" and "some part unknown", ORed
 * over the parts (members, indicators, dimensions) and read once at the end: the
 * conventions' rule (any unmet -> unmet; else any unknown -> unknown; else met) is then
 * an OR and one table look-up, with no branch on the household's data and no chain of
 * dependent look-ups per member (issue 15). */
#include <math.h>

#include "rules.h"

enum { UNMET = 1, UNKNOWN = 2 };

/* docs/reference/rules.md conventions: any unmet -> unmet; else any unknown -> unknown;
 * else met. Indexed by the bits above. */
static int8_t status_of(unsigned bits)
{
    static const int8_t status[4] = {
        [0] = FUPIN_STATUS_MET,
        [UNMET] = FUPIN_STATUS_UNMET,
        [UNKNOWN] = FUPIN_STATUS_UNKNOWN,
        [UNMET | UNKNOWN] = FUPIN_STATUS_UNMET,
    };
    return status[bits & 3];
}

/* The tables below cover every int8_t value, indexed by the value as a byte (AT: -1,
 * blank, is 255), and hold each entry XOR UNKNOWN (AS): the values a table does not
 * name, none of which is ever stored, then read as unknown like blank, with neither a
 * range check nor a branch on the data (issue 15: two loads per look-up). */
#define AT(value) [(uint8_t)(value)]
#define AS(bits)  ((uint8_t)((bits) ^ UNKNOWN))
static unsigned look_up(const uint8_t table[256], int8_t value)
{
    return table[(uint8_t)value] ^ UNKNOWN;
}

/* A 0/1 flag (-1 blank) as bits; any other value (none is ever stored) is unknown. */
static unsigned flag_bits(int8_t flag)
{
    static const uint8_t bits[256] = {AT(-1) = AS(UNKNOWN), AT(0) = AS(UNMET), AT(1) = AS(0)};
    return look_up(bits, flag);
}

/* R-G3: what a school-age member's school value says; -1 (blank) and any value not
 * named (none is ever stored) are unknown. completed is accepted at any age. */
static unsigned school_bits(int8_t school)
{
    static const uint8_t bits[256] = {
        AT(-1) = AS(UNKNOWN), /* blank */
        AT(FUPIN__SCHOOL_ENROLLED) = AS(0),
        AT(FUPIN__SCHOOL_DROPOUT) = AS(UNMET),
        AT(FUPIN__SCHOOL_HOME_TUITION) = AS(0),
        AT(FUPIN__SCHOOL_EXEMPT) = AS(0),
        AT(FUPIN__SCHOOL_COMPLETED) = AS(0),
        AT(FUPIN__SCHOOL_NONE) = AS(UNMET),
    };
    return look_up(bits, school);
}

/* R-G3 and R-G4 in one pass over the members: *edu and *med get their bits. A member
 * is of school age when born after p->school_born_after and on or before
 * p->school_born_by (fupin__date_key numbers fixed per evaluator, lib/rules/evaluate.c):
 * "age on the cut-off day of Y within [min, max]" without working out any age. */
static void members(const struct fupin__params *p, const struct fupin_household *h, unsigned *edu,
                    unsigned *med)
{
    unsigned e = 0, m = 0;
    for (size_t i = 0; i < h->n_members; i++) {
        const struct fupin__member *x = &h->members[i];
        int64_t born = fupin__birth_key(&x->birth);
        unsigned concerned = (born > p->school_born_after) & (born <= p->school_born_by);
        e |= school_bits(x->school) & (0u - concerned);
        m |= flag_bits(x->insured);
    }
    *edu = e;
    *med = m;
}

/* R-G5: a table rather than a switch, whose jump on the data mispredicted; -1 (blank)
 * and any value not named (none is ever stored) are unknown. */
static unsigned housing(int8_t housing)
{
    static const uint8_t bits[256] = {
        AT(-1) = AS(UNKNOWN), /* blank */
        AT(FUPIN__HOUSING_A) = AS(0),
        AT(FUPIN__HOUSING_B) = AS(0),
        AT(FUPIN__HOUSING_C) = AS(UNMET),
        AT(FUPIN__HOUSING_D) = AS(UNMET),
        AT(FUPIN__HOUSING_RELOCATED) = AS(0),
        AT(FUPIN__HOUSING_NONE) = AS(UNMET),
    };
    return look_up(bits, housing);
}

/* R-G7: append code at l->code[*n] when cond holds, by a store and an add instead of a
 * branch on the household's data. No room check: the list starts empty (result_reset)
 * and gets at most 9 codes here (one per dimension, four for water), far below its
 * FUPIN__MAX_REASONS. */
static void reason_add_if(struct fupin__reasons *l, unsigned *n, int code, int cond)
{
    l->code[*n] = (int16_t)code;
    *n += cond != 0;
}

/* One R-G6 indicator. With the village's scarcity unknown the indicator is still
 * decided when both thresholds agree; otherwise it is unknown, never a pass. */
static unsigned indicator(double value, const double threshold[2], int8_t scarce, int at_least)
{
    if (isnan(value))
        return UNKNOWN;
    int pass[2];
    for (int s = 0; s < 2; s++)
        pass[s] = at_least ? value >= threshold[s] : value <= threshold[s];
    if (scarce == 0 || scarce == 1)
        return pass[scarce] ? 0 : UNMET;
    if (pass[0] == pass[1])
        return pass[0] ? 0 : UNMET;
    return UNKNOWN;
}

void fupin__rule_guarantee(const struct fupin__params *p, const struct fupin_household *h,
                           struct fupin_result *r)
{
    struct fupin__reasons *l = &r->reasons[FUPIN_LIST_GUARANTEE];
    /* R-G3, R-G4: an incomplete household's members are not all known */
    unsigned incomplete = h->incomplete || h->n_members == 0 ? UNKNOWN : 0;
    unsigned dim[FUPIN_DIM_COUNT];

    dim[FUPIN_DIM_FOOD] = flag_bits(h->food_secure);         /* R-G1 */
    dim[FUPIN_DIM_CLOTHING] = flag_bits(h->clothing_secure); /* R-G2 */
    members(p, h, &dim[FUPIN_DIM_EDUCATION], &dim[FUPIN_DIM_MEDICAL]);
    dim[FUPIN_DIM_EDUCATION] |= incomplete;
    dim[FUPIN_DIM_MEDICAL] |= incomplete;
    dim[FUPIN_DIM_HOUSING] = housing(h->housing); /* R-G5 */
    /* R-G6: quantity, access, supply, quality */
    unsigned ind[4];
    ind[0] = indicator(h->water_litres, p->water_litres_min, h->water_scarce, 1);
    ind[1] = indicator(h->water_minutes, p->water_minutes_max, h->water_scarce, 0);
    ind[2] = indicator(h->water_supply_rate, p->water_supply_rate_min, h->water_scarce, 1);
    ind[3] = flag_bits(h->water_quality_ok);
    dim[FUPIN_DIM_WATER] = ind[0] | ind[1] | ind[2] | ind[3];

    /* R-G7: each dimension contributes the codes of its own status, table order. */
    static const int unmet_code[5] = {FUPIN_REASON_FOOD_INSECURE, FUPIN_REASON_CLOTHING_INSECURE,
                                      FUPIN_REASON_EDU_DROPOUT, FUPIN_REASON_MED_UNINSURED,
                                      FUPIN_REASON_HOUSING_UNSAFE};
    static const int unknown_code[6] = {FUPIN_REASON_FOOD_UNKNOWN,    FUPIN_REASON_CLOTHING_UNKNOWN,
                                        FUPIN_REASON_EDU_UNKNOWN,     FUPIN_REASON_MED_UNKNOWN,
                                        FUPIN_REASON_HOUSING_UNKNOWN, FUPIN_REASON_WATER_UNKNOWN};
    static const int water_code[4] = {FUPIN_REASON_WATER_QUANTITY, FUPIN_REASON_WATER_ACCESS,
                                      FUPIN_REASON_WATER_SUPPLY, FUPIN_REASON_WATER_QUALITY};
    unsigned overall = 0, n = 0;
    for (int d = 0; d < FUPIN_DIM_WATER; d++) {
        int8_t st = status_of(dim[d]);
        r->dim[d] = st;
        overall |= dim[d];
        /* At most one code, its unknown or its unmet one: a single store of the one
         * that applies, kept unless the dimension is met (issue 15: half the stores). */
        l->code[n] = (int16_t)(st == FUPIN_STATUS_UNKNOWN ? unknown_code[d] : unmet_code[d]);
        n += st != FUPIN_STATUS_MET;
    }
    int8_t water = status_of(dim[FUPIN_DIM_WATER]);
    r->dim[FUPIN_DIM_WATER] = water;
    overall |= dim[FUPIN_DIM_WATER];
    /* the two cases exclude each other, so their order does not matter */
    reason_add_if(l, &n, unknown_code[FUPIN_DIM_WATER], water == FUPIN_STATUS_UNKNOWN);
    for (int i = 0; i < 4; i++)
        reason_add_if(l, &n, water_code[i],
                      (water == FUPIN_STATUS_UNMET) & ((ind[i] & UNMET) != 0));
    l->n = (uint16_t)n;
    r->guarantee = status_of(overall);
}
