/* Issue 15, round 6 (branch eval3), white-box: the shortcuts of the evaluation agree
 * with what they replace. fupin__income_amount_fast (rules.h) reads an amount with one
 * 8-byte load and a shift: every boundary value in every field, next to neighbours of
 * every byte pattern (a wrong mask or shift lets a neighbour's bytes in), reads as
 * fupin__income_amount (model.h) reads it. The R-G1..R-G5 look-ups, tables over
 * every byte value (guarantee.c), read each named value as the rules say and every
 * other value, blank among them, as unknown. */
#include <stdint.h>
#include <string.h>

#include "amount_values.h"
#include "util.h"
#include "rules/rules.h"

static void test_fast_amount_reads_as_the_accessor(void **state)
{
    (void)state;
    static const uint8_t fill[] = {0x00, 0xFF, 0x5A, 0x80};
    size_t nv = sizeof amount_values / sizeof amount_values[0];
    for (size_t k = 0; k < sizeof fill; k++)
        for (size_t i = 0; i < nv; i++)
            for (int f = 0; f < FUPIN__INC_N; f++) {
                struct fupin__income inc;
                memset(&inc, fill[k], sizeof inc);
                /* the neighbours hold other values too, blank among them */
                for (int g = 0; g < FUPIN__INC_N; g++)
                    if (g != f && k == 3)
                        fupin__income_set_amount(&inc, g, amount_values[(i + (size_t)g) % nv]);
                fupin__income_set_amount(&inc, f, amount_values[i]);
                int64_t want = fupin__income_amount(&inc, f);
                int64_t got = fupin__income_amount_fast(&inc, f);
                if (got != want || want != amount_values[i])
                    fail_msg("fill %02x field %d: set %lld, accessor %lld, fast %lld", fill[k], f,
                             (long long)amount_values[i], (long long)want, (long long)got);
            }
}

/* The status the rules give a coded value: met, unmet, or unknown for blank and any
 * value the rule does not name. */
static int status_for(int v, const int *met, size_t n_met, const int *unmet, size_t n_unmet)
{
    for (size_t i = 0; i < n_met; i++)
        if (v == met[i])
            return FUPIN_STATUS_MET;
    for (size_t i = 0; i < n_unmet; i++)
        if (v == unmet[i])
            return FUPIN_STATUS_UNMET;
    return FUPIN_STATUS_UNKNOWN;
}

static void test_every_byte_value_of_the_coded_fields(void **state)
{
    (void)state;
    struct fupin__params p;
    memset(&p, 0, sizeof p);
    p.school_born_after = fupin__date_key(2000, 1, 1);
    p.school_born_by = fupin__date_key(2020, 1, 1);
    struct fupin__member m;
    memset(&m, 0, sizeof m);
    m.birth = (struct fupin__date){.y = 2010, .m = 5, .d = 5, .prec = 3}; /* of school age */
    struct fupin_household h;
    fupin__household_init(&h);
    h.members = &m;
    h.n_members = 1;
    static const int flag_met[] = {1}, flag_unmet[] = {0};
    static const int school_met[] = {FUPIN__SCHOOL_ENROLLED, FUPIN__SCHOOL_HOME_TUITION,
                                     FUPIN__SCHOOL_EXEMPT, FUPIN__SCHOOL_COMPLETED};
    static const int school_unmet[] = {FUPIN__SCHOOL_DROPOUT, FUPIN__SCHOOL_NONE};
    static const int housing_met[] = {FUPIN__HOUSING_A, FUPIN__HOUSING_B, FUPIN__HOUSING_RELOCATED};
    static const int housing_unmet[] = {FUPIN__HOUSING_C, FUPIN__HOUSING_D, FUPIN__HOUSING_NONE};
#define N(a) (sizeof(a) / sizeof(a)[0])
    for (int v = INT8_MIN; v <= INT8_MAX; v++) {
        h.food_secure = h.clothing_secure = h.housing = (int8_t)v;
        m.school = m.insured = (int8_t)v;
        struct fupin_result r;
        memset(&r, 0, sizeof r);
        fupin__rule_guarantee(&p, &h, &r);
        int flag = status_for(v, flag_met, N(flag_met), flag_unmet, N(flag_unmet));
        assert_int_equal(r.dim[FUPIN_DIM_FOOD], flag);
        assert_int_equal(r.dim[FUPIN_DIM_CLOTHING], flag);
        assert_int_equal(r.dim[FUPIN_DIM_MEDICAL], flag);
        assert_int_equal(r.dim[FUPIN_DIM_EDUCATION],
                         status_for(v, school_met, N(school_met), school_unmet, N(school_unmet)));
        assert_int_equal(r.dim[FUPIN_DIM_HOUSING], status_for(v, housing_met, N(housing_met),
                                                              housing_unmet, N(housing_unmet)));
    }
#undef N
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fast_amount_reads_as_the_accessor),
        cmocka_unit_test(test_every_byte_value_of_the_coded_fields),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
