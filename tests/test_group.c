/* Groups: R-V4 (summaries for a division-code prefix, county exit check) and R-V5
 * (the multidimensional Alkire-Foster view), black-box. */
#include <stdio.h>
#include <string.h>

#include "util.h"

#define MAXV 8

static fupin_policy *national(void)
{
    fupin_policy *p = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_builtin(&p, "national"));
    return p;
}

static fupin_village *village(const char *code, const char *region, const char *population)
{
    fupin_village *v = NULL;
    FUPIN_OK_OR_FAIL(fupin_village_create(&v, code, region));
    FUPIN_OK_OR_FAIL(fupin_village_set(v, "population", population));
    return v;
}

/* A household of `members` adults, every guarantee met, `income` yuan in 2024 (NULL:
 * no income record, so income unknown); registered poor from reg (NULL: never). */
static fupin_household *household(const char *id, int members, const char *income, const char *reg)
{
    fupin_household *h = tu_household_ok(id, 2024, income);
    assert_non_null(h);
    for (int i = 1; i < members; i++) {
        char mid[16];
        snprintf(mid, sizeof mid, "m%d", i + 1);
        FUPIN_OK_OR_FAIL(fupin_household_add_member(h, mid, "1985"));
        FUPIN_OK_OR_FAIL(fupin_household_set_member(h, mid, "insured", "1"));
    }
    if (reg)
        FUPIN_OK_OR_FAIL(fupin_household_set(h, "registered_year", reg));
    return h;
}

static void add(fupin_village *v, fupin_household *h)
{
    FUPIN_OK_OR_FAIL(fupin_village_add_household(v, h));
    fupin_household_free(h);
}

/* Evaluate the villages as a group for 2024 under p; the caller frees the result. */
static fupin_summary *group(const fupin_policy *p, fupin_village **v, size_t n, const char *prefix)
{
    fupin_evaluator *e = NULL;
    fupin_summary *r = NULL;
    FUPIN_OK_OR_FAIL(fupin_evaluator_create(&e, p, 2024));
    FUPIN_OK_OR_FAIL(fupin_summary_create(&r));
    FUPIN_OK_OR_FAIL(
        fupin_evaluator_evaluate_group_villages(e, (const fupin_village *const *)v, n, prefix, r));
    fupin_evaluator_free(e);
    return r;
}

static int64_t count(const fupin_summary *r, int which)
{
    int64_t n = -99;
    FUPIN_OK_OR_FAIL(fupin_summary_count(r, which, &n));
    return n;
}

static double figure(const fupin_summary *r, int which)
{
    double x = -99;
    FUPIN_OK_OR_FAIL(fupin_summary_figure(r, which, &x));
    return x;
}

static double mpi(const fupin_summary *r, int which)
{
    double x = -99;
    FUPIN_OK_OR_FAIL(fupin_summary_mpi(r, which, &x));
    return x;
}

static void assert_dim(const fupin_summary *r, int dim, double censored, double contrib)
{
    double c = -99, k = -99;
    FUPIN_OK_OR_FAIL(fupin_summary_mpi_dimension(r, dim, &c, &k));
    assert_float_equal(c, censored, 1e-12);
    assert_float_equal(k, contrib, 1e-12);
}

static void free_all(fupin_village **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fupin_village_free(v[i]);
}

/* ------------------------------------------------------------ R-V4 prefixes */

/* Villages: 520102 001 001 and 520102 002 001 (one county, two townships),
 * 520103 001 001 (another county of city 5201), 530101 001 001 (another province). */
static void four_villages(fupin_village **v)
{
    static const char *const codes[4] = {"520102001001", "520102002001", "520103001001",
                                         "530101001001"};
    for (int i = 0; i < 4; i++) {
        v[i] = village(codes[i], "west", "100");
        char id[8];
        snprintf(id, sizeof id, "H%d", i);
        add(v[i], household(id, i + 1, "10000", NULL));
    }
}

static void test_R_V4_prefix_of_2_4_6_or_9_digits_selects_the_villages_under_it(void **state)
{
    (void)state;
    fupin_policy *p = national();
    fupin_village *v[4];
    four_villages(v);
    static const struct {
        const char *prefix;
        int64_t villages, households, population;
    } cases[] = {
        {"52", 3, 3, 300},        /* province */
        {"5201", 3, 3, 300},      /* city */
        {"520102", 2, 2, 200},    /* county */
        {"520102002", 1, 1, 100}, /* township */
        {"53", 1, 1, 100},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fupin_summary *r = group(p, v, 4, cases[i].prefix);
        assert_string_equal(fupin_summary_code(r), cases[i].prefix);
        assert_int_equal(fupin_summary_year(r), 2024);
        assert_int_equal(fupin_summary_village_count(r), cases[i].villages);
        assert_int_equal(count(r, FUPIN_VC_HOUSEHOLDS), cases[i].households);
        assert_int_equal(count(r, FUPIN_VC_POPULATION), cases[i].population);
        assert_int_equal(count(r, FUPIN_VC_POOR_POPULATION), 0);
        assert_int_equal(fupin_summary_exit_eligible(r), FUPIN_TRI_TRUE);
        assert_int_equal(fupin_summary_reason_count(r), 0);
        fupin_summary_free(r);
    }
    free_all(v, 4);
    fupin_policy_free(p);
}

static void test_R_V4_prefix_of_another_length_or_not_digits_is_rejected_unchanged(void **state)
{
    (void)state;
    fupin_policy *p = national();
    fupin_village *v[4];
    four_villages(v);
    fupin_summary *r = group(p, v, 4, "520102");
    fupin_evaluator *e = NULL;
    FUPIN_OK_OR_FAIL(fupin_evaluator_create(&e, p, 2024));
    const fupin_village *const *cv = (const fupin_village *const *)v;
    static const char *const bad[] = {"",         "5",          "520",          "52010", "5201020",
                                      "52010200", "5201020010", "520102001001", "52a1",  "52010 "};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(fupin_evaluator_evaluate_group_villages(e, cv, 4, bad[i], r),
                         FUPIN_EINVAL);
    assert_int_equal(fupin_evaluator_evaluate_group_villages(e, cv, 4, NULL, r), FUPIN_EINVAL);
    assert_int_equal(fupin_evaluator_evaluate_group_villages(NULL, cv, 4, "52", r), FUPIN_EINVAL);
    assert_int_equal(fupin_evaluator_evaluate_group_villages(e, NULL, 4, "52", r), FUPIN_EINVAL);
    assert_int_equal(fupin_evaluator_evaluate_group_villages(e, cv, 4, "52", NULL), FUPIN_EINVAL);
    assert_int_equal(fupin_evaluator_evaluate_group(e, NULL, "52", r), FUPIN_EINVAL);
    const fupin_village *with_null[2] = {v[0], NULL};
    assert_int_equal(fupin_evaluator_evaluate_group_villages(e, with_null, 2, "52", r),
                     FUPIN_EINVAL);
    /* the result still holds the county evaluated first */
    assert_string_equal(fupin_summary_code(r), "520102");
    assert_int_equal(fupin_summary_village_count(r), 2);
    fupin_evaluator_free(e);
    fupin_summary_free(r);
    free_all(v, 4);
    fupin_policy_free(p);
}

static void test_R_V4_prefix_no_village_matches_gives_an_empty_group(void **state)
{
    (void)state;
    fupin_policy *p = national();
    fupin_village *v[4];
    four_villages(v);
    fupin_summary *r = group(p, v, 4, "110101001");
    assert_int_equal(fupin_summary_village_count(r), 0);
    assert_int_equal(count(r, FUPIN_VC_HOUSEHOLDS), 0);
    assert_int_equal(count(r, FUPIN_VC_POPULATION), 0);
    assert_int_equal(count(r, FUPIN_VC_POOR_POPULATION), 0);
    double x;
    assert_int_equal(fupin_summary_figure(r, FUPIN_VF_INCIDENCE, &x), FUPIN_ENULL);
    assert_int_equal(fupin_summary_figure(r, FUPIN_VF_PER_CAPITA, &x), FUPIN_ENULL);
    assert_int_equal(fupin_summary_exit_eligible(r), FUPIN_TRI_NULL);
    assert_int_equal(fupin_summary_reason_count(r), 1);
    assert_int_equal(fupin_summary_reason(r, 0), FUPIN_REASON_INCIDENCE_UNKNOWN);
    assert_int_equal(fupin_summary_mpi(r, FUPIN_MPI_H, &x), FUPIN_ENULL);
    assert_int_equal(fupin_summary_mpi_dimension(r, FUPIN_DIM_FOOD, &x, NULL), FUPIN_ENULL);
    assert_int_equal(fupin_summary_mpi_excluded(r), 0);
    char buf[2048];
    FUPIN_OK_OR_FAIL(fupin_summary_to_json(r, buf, sizeof buf, NULL));
    const char *dim = "{\"censored_headcount\":null,\"contribution\":null}";
    char expect[2048];
    snprintf(expect, sizeof expect,
             "{\"group\":{\"prefix\":\"110101001\",\"year\":2024,\"villages\":0,"
             "\"households\":0,\"population\":0,\"poor_population\":0,\"incidence\":null,"
             "\"exit_eligible\":null,\"exit_reasons\":[\"INCIDENCE_UNKNOWN\"],"
             "\"guarantee\":{\"met\":0,\"unmet\":0,\"unknown\":0},"
             "\"alerts\":{\"none\":0,\"watch\":0,\"warning\":0,\"severe\":0},"
             "\"categories\":{\"none\":0,\"registered\":0,\"unstable\":0,\"marginal\":0,"
             "\"hardship\":0},\"monitor_exit\":{\"not_monitored\":0,\"stay\":0,\"eligible\":0},"
             "\"income\":{\"per_capita\":null,\"growth\":null,\"national_growth\":6.58,"
             "\"gap_pp\":null,\"real_growth\":null,\"national_real_growth\":6.26,"
             "\"households_income_known\":0,\"panel_households\":0,"
             "\"households_above_national\":0},"
             "\"mpi\":{\"households_included\":0,\"households_excluded\":0,\"H\":null,"
             "\"A\":null,\"M0\":null,\"dimensions\":{\"food\":%s,\"clothing\":%s,"
             "\"education\":%s,\"medical\":%s,\"housing\":%s,\"water\":%s,\"income\":%s}}}}",
             dim, dim, dim, dim, dim, dim, dim);
    assert_string_equal(buf, expect);
    fupin_summary_free(r);
    free_all(v, 4);
    fupin_policy_free(p);
}

/* ------------------------------------------------------------ R-V4 population, exit */

static void test_R_V4_population_is_the_sum_and_null_when_any_village_is_blank(void **state)
{
    (void)state;
    fupin_policy *p = national();
    fupin_village *v[2] = {village("520102001001", "east", "100"),
                           village("520102002001", "east", "250")};
    add(v[0], household("A", 2, "10000", "2015"));
    add(v[1], household("B", 1, "10000", NULL));
    fupin_summary *r = group(p, v, 2, "520102");
    assert_int_equal(count(r, FUPIN_VC_POPULATION), 350);
    assert_int_equal(count(r, FUPIN_VC_POOR_POPULATION), 2);
    fupin_summary_free(r);

    FUPIN_OK_OR_FAIL(fupin_village_set(v[1], "population", ""));
    r = group(p, v, 2, "520102");
    int64_t n;
    double x;
    assert_int_equal(fupin_summary_count(r, FUPIN_VC_POPULATION, &n), FUPIN_ENULL);
    assert_int_equal(count(r, FUPIN_VC_POOR_POPULATION), 2);
    assert_int_equal(fupin_summary_figure(r, FUPIN_VF_INCIDENCE, &x), FUPIN_ENULL);
    assert_int_equal(fupin_summary_exit_eligible(r), FUPIN_TRI_NULL);
    assert_int_equal(fupin_summary_reason_count(r), 1);
    assert_int_equal(fupin_summary_reason(r, 0), FUPIN_REASON_INCIDENCE_UNKNOWN);
    fupin_summary_free(r);
    free_all(v, 2);
    fupin_policy_free(p);
}

/* Two villages of 100 and 50 people in one county: 3 poor members are exactly 2 % of
 * 150 (eligible, "not more than" includes the limit); 4 are above it. */
static void test_R_V4_county_incidence_exactly_2_percent_is_eligible_one_more_is_not(void **state)
{
    (void)state;
    fupin_policy *p = national();
    fupin_village *v[2] = {village("520102001001", "east", "100"),
                           village("520102002001", "central", "50")};
    add(v[0], household("A", 2, "10000", "2015"));
    add(v[1], household("B", 1, "10000", "2016"));
    add(v[1], household("C", 5, "10000", NULL));
    fupin_summary *r = group(p, v, 2, "520102");
    assert_int_equal(count(r, FUPIN_VC_POOR_POPULATION), 3);
    assert_float_equal(figure(r, FUPIN_VF_INCIDENCE), 0.02, 1e-12);
    assert_int_equal(fupin_summary_exit_eligible(r), FUPIN_TRI_TRUE);
    assert_int_equal(fupin_summary_reason_count(r), 0);
    fupin_summary_free(r);

    add(v[0], household("D", 1, "10000", "2019"));
    r = group(p, v, 2, "520102");
    assert_int_equal(count(r, FUPIN_VC_POOR_POPULATION), 4);
    assert_float_equal(figure(r, FUPIN_VF_INCIDENCE), 0.0267, 1e-12); /* 4/150 */
    assert_int_equal(fupin_summary_exit_eligible(r), FUPIN_TRI_FALSE);
    assert_int_equal(fupin_summary_reason_count(r), 1);
    assert_int_equal(fupin_summary_reason(r, 0), FUPIN_REASON_INCIDENCE_TOO_HIGH);
    fupin_summary_free(r);
    free_all(v, 2);
    fupin_policy_free(p);
}

/* Two villages of 100 people: 6 poor are 3 %, within the western limit only when both
 * villages are western; a group that mixes regions takes the plain 2 %. */
static void test_R_V4_western_3_percent_applies_only_when_every_village_is_western(void **state)
{
    (void)state;
    fupin_policy *p = national();
    /* a policy where the county limit differs from the village limit, to show that the
     * group reads county_exit_incidence_max */
    FUPIN_OK_OR_FAIL(fupin_policy_set(p, "village_exit_incidence_max", "west", 0, 0.01));
    const char *regions[3][2] = {{"west", "west"}, {"west", "east"}, {"central", "west"}};
    const int expect[3] = {FUPIN_TRI_TRUE, FUPIN_TRI_FALSE, FUPIN_TRI_FALSE};
    for (int k = 0; k < 3; k++) {
        fupin_village *v[2] = {village("520102001001", regions[k][0], "100"),
                               village("520102002001", regions[k][1], "100")};
        add(v[0], household("A", 4, "10000", "2015"));
        add(v[1], household("B", 2, "10000", "2015"));
        fupin_summary *r = group(p, v, 2, "520102");
        assert_float_equal(figure(r, FUPIN_VF_INCIDENCE), 0.03, 1e-12);
        assert_int_equal(fupin_summary_exit_eligible(r), expect[k]);
        fupin_summary_free(r);
        if (k == 0) {
            /* one more poor member: 7/200 = 3.5 % is above the western limit too */
            add(v[1], household("C", 1, "10000", "2015"));
            r = group(p, v, 2, "520102");
            assert_int_equal(fupin_summary_exit_eligible(r), FUPIN_TRI_FALSE);
            assert_int_equal(fupin_summary_reason(r, 0), FUPIN_REASON_INCIDENCE_TOO_HIGH);
            fupin_summary_free(r);
        }
        free_all(v, 2);
    }
    fupin_policy_free(p);
}

/* ------------------------------------------------------------ R-V4 income, counts */

/* R-I7 over the group's households: village A has 1 member with 12000 yuan (12000
 * per head), village B 4 members with 28000 (7000 per head). Pooled: 40000 / 5 = 8000
 * per head; the mean of the village means would be 9500. Balanced panel: only A has
 * 2023 income (9600), so growth is 12000/9600 - 1 = 25 % over a panel of 1. */
static void test_R_V4_group_income_is_pooled_over_households_not_a_mean_of_villages(void **state)
{
    (void)state;
    fupin_policy *p = national();
    fupin_village *v[2] = {village("520102001001", "east", "100"),
                           village("520102002001", "east", "100")};
    fupin_household *a = household("A", 1, "12000", NULL);
    const char *prev[][2] = {{"wage", "9600"},         {"business", "0"},
                             {"property", "0"},        {"transfer", "0"},
                             {"medical_expense", "0"}, {"education_expense", "0"}};
    for (size_t i = 0; i < 6; i++)
        FUPIN_OK_OR_FAIL(fupin_household_set_income(a, 2023, prev[i][0], prev[i][1]));
    add(v[0], a);
    add(v[1], household("B", 4, "28000", NULL));
    add(v[1], household("U", 2, NULL, NULL)); /* income unknown: not counted */
    fupin_summary *r = group(p, v, 2, "5201");
    assert_float_equal(figure(r, FUPIN_VF_PER_CAPITA), 8000, 1e-9);
    assert_int_equal(count(r, FUPIN_VC_HOUSEHOLDS), 3);
    assert_int_equal(count(r, FUPIN_VC_INCOME_KNOWN), 2);
    assert_int_equal(count(r, FUPIN_VC_PANEL), 1);
    assert_float_equal(figure(r, FUPIN_VF_GROWTH), 25, 1e-9);
    /* 25 % beats the national 6.58 % (23119 / 21691 - 1) */
    assert_int_equal(count(r, FUPIN_VC_ABOVE_NATIONAL), 1);
    assert_int_equal(count(r, FUPIN_VC_GUARANTEE_MET), 3);
    /* alerts: A and B are above the 6000 threshold with nothing wrong (none); U's
     * income is unknown (R-A9: watch) */
    assert_int_equal(count(r, FUPIN_VC_ALERT_NONE), 2);
    assert_int_equal(count(r, FUPIN_VC_ALERT_WATCH), 1);
    assert_int_equal(count(r, FUPIN_VC_MONITOR_NOT_MONITORED), 3);
    fupin_summary_free(r);
    free_all(v, 2);
    fupin_policy_free(p);
}

/* ------------------------------------------------------------ R-V5 */

/* One village, two one-member households: H1 deprived in food only, H2 in nothing. */
static fupin_village *one_deprivation_village(void)
{
    fupin_village *v = village("520102001001", "east", "100");
    fupin_household *h = household("H1", 1, "10000", NULL);
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "food_secure", "0"));
    add(v, h);
    add(v, household("H2", 1, "10000", NULL));
    return v;
}

/* Default k = 1/7 (0.142857): a household deprived in exactly one of seven equally
 * weighted dimensions scores 1/7 and is poor. H = 1/2, A = 1/7, M0 = 1/14,
 * food: censored headcount 1/2, contribution (1/7 x 1/2) / (1/14) = 100 %. */
static void test_R_V5_one_deprivation_of_seven_is_poor_with_the_default_cutoff(void **state)
{
    (void)state;
    fupin_policy *p = national();
    fupin_village *v = one_deprivation_village();
    fupin_summary *r = group(p, &v, 1, "520102001");
    assert_float_equal(mpi(r, FUPIN_MPI_H), 0.5, 1e-12);
    assert_float_equal(mpi(r, FUPIN_MPI_A), 0.1429, 1e-12);
    assert_float_equal(mpi(r, FUPIN_MPI_M0), 0.0714, 1e-12);
    assert_dim(r, FUPIN_DIM_FOOD, 0.5, 100);
    assert_dim(r, FUPIN_DIM_WATER, 0, 0);
    assert_dim(r, FUPIN_MPI_DIM_INCOME, 0, 0);
    assert_int_equal(fupin_summary_mpi_excluded(r), 0);
    fupin_summary_free(r);
    fupin_village_free(v);
    fupin_policy_free(p);
}

/* R-V5 "score >= mpi_k - 1e-9": with k 1.4e-10 above 1/7 the one-dimension household
 * is still poor; with k 2.1e-9 above it is not. */
static void test_R_V5_cutoff_tolerance_is_1e_9(void **state)
{
    (void)state;
    fupin_policy *p = national();
    fupin_village *v = one_deprivation_village();
    FUPIN_OK_OR_FAIL(fupin_policy_set(p, "mpi_k", NULL, 0, 0.142857143));
    fupin_summary *r = group(p, &v, 1, "520102001");
    assert_float_equal(mpi(r, FUPIN_MPI_H), 0.5, 1e-12);
    fupin_summary_free(r);
    FUPIN_OK_OR_FAIL(fupin_policy_set(p, "mpi_k", NULL, 0, 0.142857145));
    r = group(p, &v, 1, "520102001");
    assert_float_equal(mpi(r, FUPIN_MPI_H), 0, 1e-12);
    fupin_summary_free(r);
    fupin_village_free(v);
    fupin_policy_free(p);
}

/* With mpi_k = 0.3 one deprivation (1/7) is not poor: H = 0, M0 = 0, A is null (no
 * poor to average) and so are the contributions (M0 = 0); censored headcounts are 0. */
static void test_R_V5_cutoff_0_3_makes_one_deprivation_not_poor(void **state)
{
    (void)state;
    fupin_policy *p = national();
    FUPIN_OK_OR_FAIL(fupin_policy_set(p, "mpi_k", NULL, 0, 0.3));
    fupin_village *v = one_deprivation_village();
    fupin_summary *r = group(p, &v, 1, "520102001");
    double x = -99, c = -99, k = -99;
    assert_float_equal(mpi(r, FUPIN_MPI_H), 0, 1e-12);
    assert_float_equal(mpi(r, FUPIN_MPI_M0), 0, 1e-12);
    assert_int_equal(fupin_summary_mpi(r, FUPIN_MPI_A, &x), FUPIN_ENULL);
    assert_int_equal(fupin_summary_mpi_dimension(r, FUPIN_DIM_FOOD, &c, &k), FUPIN_ENULL);
    assert_float_equal(c, 0, 1e-12); /* the known figure is still written */
    assert_float_equal(k, -99, 0);
    FUPIN_OK_OR_FAIL(fupin_summary_mpi_dimension(r, FUPIN_DIM_FOOD, &c, NULL));
    assert_int_equal(fupin_summary_mpi(r, 3, &x), FUPIN_EINVAL);
    assert_int_equal(fupin_summary_mpi_dimension(r, 7, &c, &k), FUPIN_EINVAL);
    assert_int_equal(fupin_summary_mpi_dimension(r, -1, &c, &k), FUPIN_EINVAL);
    fupin_summary_free(r);
    fupin_village_free(v);
    fupin_policy_free(p);
}

/* The hand-computed example, equal weights w = 1/7, in two villages of one township:
 *   H1  2 members  food + income (3000 per head < 4000)   score 2/7
 *   H2  3 members  housing (C)                            score 1/7
 *   H3  1 member   nothing                                score 0
 *   H4  4 members  clothing + medical + water             score 3/7
 * k = 1/7: poor H1, H2, H4 = 9 of 10 members.
 *   H  = 9/10 = 0.9
 *   A  = (2 x 2/7 + 3 x 1/7 + 4 x 3/7) / 9 = 19/63 = 0.301587 -> 0.3016
 *   M0 = 0.9 x 19/63 = 19/70 = 0.271429 -> 0.2714
 *   censored: food 2/10, clothing 4/10, education 0, medical 4/10, housing 3/10,
 *             water 4/10, income 2/10
 *   contribution d = (1/7 x c_d) / (19/70) x 100 = c_d x 10/19 x 100:
 *             food 2/19 = 10.53 %, clothing 4/19 = 21.05 %, education 0,
 *             medical 21.05 %, housing 3/19 = 15.79 %, water 21.05 %, income 10.53 %
 * k = 0.3: only H4 (3/7 = 0.43) is poor: H = 4/10, A = 3/7 = 0.4286,
 *   M0 = 12/70 = 0.1714; censored clothing = medical = water = 0.4, each 1/3 of M0. */
static void hand_example(fupin_village **v)
{
    v[0] = village("520102001001", "east", "100");
    v[1] = village("520102001002", "east", "100");
    fupin_household *h = household("H1", 2, "6000", NULL);
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "food_secure", "0"));
    add(v[0], h);
    h = household("H2", 3, "30000", NULL);
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "housing", "C"));
    add(v[0], h);
    add(v[1], household("H3", 1, "10000", NULL));
    h = household("H4", 4, "40000", NULL);
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "clothing_secure", "0"));
    FUPIN_OK_OR_FAIL(fupin_household_set_member(h, "m1", "insured", "0"));
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "water_quality_ok", "0"));
    add(v[1], h);
}

static void test_R_V5_headcount_intensity_m0_and_contributions_of_a_hand_example(void **state)
{
    (void)state;
    fupin_policy *p = national();
    fupin_village *v[2];
    hand_example(v);
    fupin_summary *r = group(p, v, 2, "520102001");
    assert_float_equal(mpi(r, FUPIN_MPI_H), 0.9, 1e-12);
    assert_float_equal(mpi(r, FUPIN_MPI_A), 0.3016, 1e-12);
    assert_float_equal(mpi(r, FUPIN_MPI_M0), 0.2714, 1e-12);
    assert_dim(r, FUPIN_DIM_FOOD, 0.2, 10.53);
    assert_dim(r, FUPIN_DIM_CLOTHING, 0.4, 21.05);
    assert_dim(r, FUPIN_DIM_EDUCATION, 0, 0);
    assert_dim(r, FUPIN_DIM_MEDICAL, 0.4, 21.05);
    assert_dim(r, FUPIN_DIM_HOUSING, 0.3, 15.79);
    assert_dim(r, FUPIN_DIM_WATER, 0.4, 21.05);
    assert_dim(r, FUPIN_MPI_DIM_INCOME, 0.2, 10.53);
    assert_int_equal(fupin_summary_mpi_excluded(r), 0);
    char buf[4096];
    FUPIN_OK_OR_FAIL(fupin_summary_to_json(r, buf, sizeof buf, NULL));
    const char *m = strstr(buf, ",\"mpi\":");
    assert_non_null(m);
    assert_string_equal(m,
                        ",\"mpi\":{\"households_included\":4,\"households_excluded\":0,\"H\":0.9,"
                        "\"A\":0.3016,\"M0\":0.2714,\"dimensions\":{"
                        "\"food\":{\"censored_headcount\":0.2,\"contribution\":10.53},"
                        "\"clothing\":{\"censored_headcount\":0.4,\"contribution\":21.05},"
                        "\"education\":{\"censored_headcount\":0,\"contribution\":0},"
                        "\"medical\":{\"censored_headcount\":0.4,\"contribution\":21.05},"
                        "\"housing\":{\"censored_headcount\":0.3,\"contribution\":15.79},"
                        "\"water\":{\"censored_headcount\":0.4,\"contribution\":21.05},"
                        "\"income\":{\"censored_headcount\":0.2,\"contribution\":10.53}}}}}");
    assert_non_null(strstr(buf, "{\"group\":{\"prefix\":\"520102001\",\"year\":2024,"
                                "\"villages\":2,\"households\":4,\"population\":200,"));
    size_t len = strlen(buf), needed = 0;
    assert_int_equal(fupin_summary_to_json(r, buf, 10, &needed), FUPIN_ENOSPC);
    assert_int_equal(needed, len);
    assert_string_equal(buf, "");
    fupin_summary_free(r);

    FUPIN_OK_OR_FAIL(fupin_policy_set(p, "mpi_k", NULL, 0, 0.3));
    r = group(p, v, 2, "520102001");
    assert_float_equal(mpi(r, FUPIN_MPI_H), 0.4, 1e-12);
    assert_float_equal(mpi(r, FUPIN_MPI_A), 0.4286, 1e-12);
    assert_float_equal(mpi(r, FUPIN_MPI_M0), 0.1714, 1e-12);
    assert_dim(r, FUPIN_DIM_FOOD, 0, 0);
    assert_dim(r, FUPIN_DIM_CLOTHING, 0.4, 33.33);
    assert_dim(r, FUPIN_DIM_MEDICAL, 0.4, 33.33);
    assert_dim(r, FUPIN_DIM_WATER, 0.4, 33.33);
    assert_dim(r, FUPIN_MPI_DIM_INCOME, 0, 0);
    fupin_summary_free(r);
    free_all(v, 2);
    fupin_policy_free(p);
}

/* mpi_weight_food = 3, the six others 1: normalised food 3/9 = 1/3, others 1/9.
 * k = 0.2. H1 (1 member) deprived in food scores 1/3: poor. H2 (1 member) deprived in
 * housing scores 1/9: not poor. H3 (2 members) nothing. Members 4:
 *   H = 1/4, A = 1/3 (not the raw weight 3), M0 = 1/12 = 0.0833,
 *   food: censored 1/4, contribution (1/3 x 1/4) / (1/12) = 100 %;
 *   housing: censored 0 (H2 is not poor), contribution 0. */
static void test_R_V5_unequal_weights_are_normalised_to_sum_1(void **state)
{
    (void)state;
    fupin_policy *p = national();
    FUPIN_OK_OR_FAIL(fupin_policy_set(p, "mpi_weight_food", NULL, 0, 3));
    FUPIN_OK_OR_FAIL(fupin_policy_set(p, "mpi_k", NULL, 0, 0.2));
    fupin_village *v = village("520102001001", "east", "100");
    fupin_household *h = household("H1", 1, "10000", NULL);
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "food_secure", "0"));
    add(v, h);
    h = household("H2", 1, "10000", NULL);
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "housing", "D"));
    add(v, h);
    add(v, household("H3", 2, "10000", NULL));
    fupin_summary *r = group(p, &v, 1, "52");
    assert_float_equal(mpi(r, FUPIN_MPI_H), 0.25, 1e-12);
    assert_float_equal(mpi(r, FUPIN_MPI_A), 0.3333, 1e-12);
    assert_float_equal(mpi(r, FUPIN_MPI_M0), 0.0833, 1e-12);
    assert_dim(r, FUPIN_DIM_FOOD, 0.25, 100);
    assert_dim(r, FUPIN_DIM_HOUSING, 0, 0);
    fupin_summary_free(r);
    fupin_village_free(v);
    fupin_policy_free(p);
}

/* R-V5: a household with an unknown dimension (food blank, 5 members) or unknown
 * income (no record, 3 members) is excluded and counted; the figures rest on the
 * others: H1 (1 member, food deprived) and H4 (1 member, nothing): H = 1/2. */
static void test_R_V5_household_with_an_unknown_dimension_is_excluded_and_counted(void **state)
{
    (void)state;
    fupin_policy *p = national();
    fupin_village *v = village("520102001001", "east", "100");
    fupin_household *h = household("H1", 1, "10000", NULL);
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "food_secure", "0"));
    add(v, h);
    h = household("H2", 5, "10000", NULL);
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "food_secure", ""));
    add(v, h);
    add(v, household("H3", 3, NULL, NULL));
    add(v, household("H4", 1, "10000", NULL));
    fupin_summary *r = group(p, &v, 1, "520102");
    assert_int_equal(fupin_summary_mpi_excluded(r), 2);
    assert_float_equal(mpi(r, FUPIN_MPI_H), 0.5, 1e-12);
    assert_dim(r, FUPIN_DIM_FOOD, 0.5, 100);
    char buf[4096];
    FUPIN_OK_OR_FAIL(fupin_summary_to_json(r, buf, sizeof buf, NULL));
    assert_non_null(strstr(buf, "\"households_included\":2,\"households_excluded\":2,"));
    fupin_summary_free(r);
    fupin_village_free(v);
    fupin_policy_free(p);
}

/* R-V5 weights that are all 0 cannot be normalised: every R-V5 figure is null, no
 * household is counted in or out, and the other rules still evaluate. */
static void test_R_V5_all_weights_0_give_null_figures_and_leave_other_rules_alone(void **state)
{
    (void)state;
    fupin_policy *p = national();
    static const char *const dims[7] = {"food",    "clothing", "education", "medical",
                                        "housing", "water",    "income"};
    for (int d = 0; d < 7; d++) {
        char name[32];
        snprintf(name, sizeof name, "mpi_weight_%s", dims[d]);
        FUPIN_OK_OR_FAIL(fupin_policy_set(p, name, NULL, 0, 0));
    }
    fupin_village *v = one_deprivation_village();
    fupin_summary *r = group(p, &v, 1, "52");
    double x, c;
    assert_int_equal(fupin_summary_mpi(r, FUPIN_MPI_H, &x), FUPIN_ENULL);
    assert_int_equal(fupin_summary_mpi_dimension(r, FUPIN_DIM_FOOD, &c, NULL), FUPIN_ENULL);
    assert_int_equal(fupin_summary_mpi_excluded(r), 0);
    assert_int_equal(count(r, FUPIN_VC_GUARANTEE_UNMET), 1);
    assert_float_equal(figure(r, FUPIN_VF_PER_CAPITA), 10000, 1e-9);
    fupin_summary_free(r);
    fupin_village_free(v);
    fupin_policy_free(p);
}

/* The village result carries the same R-V5 figures for its own households. */
static void test_R_V5_village_result_gives_the_figures_of_its_households(void **state)
{
    (void)state;
    fupin_policy *p = national();
    fupin_village *v[2];
    hand_example(v);
    fupin_summary *vr = NULL;
    FUPIN_OK_OR_FAIL(fupin_summary_create(&vr));
    FUPIN_OK_OR_FAIL(fupin_village_evaluate(p, v[1], 2024, vr));
    /* H3 (1 member, 0) and H4 (4 members, 3/7): H = 4/5, A = 3/7, M0 = 12/35 */
    double x = -99, c = -99, k = -99;
    FUPIN_OK_OR_FAIL(fupin_summary_mpi(vr, FUPIN_MPI_H, &x));
    assert_float_equal(x, 0.8, 1e-12);
    FUPIN_OK_OR_FAIL(fupin_summary_mpi(vr, FUPIN_MPI_M0, &x));
    assert_float_equal(x, 0.3429, 1e-12);
    FUPIN_OK_OR_FAIL(fupin_summary_mpi_dimension(vr, FUPIN_DIM_WATER, &c, &k));
    assert_float_equal(c, 0.8, 1e-12);
    assert_float_equal(k, 33.33, 1e-12);
    assert_int_equal(fupin_summary_mpi_excluded(vr), 0);
    fupin_summary_free(vr);
    free_all(v, 2);
    fupin_policy_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_R_V4_prefix_of_2_4_6_or_9_digits_selects_the_villages_under_it),
        cmocka_unit_test(test_R_V4_prefix_of_another_length_or_not_digits_is_rejected_unchanged),
        cmocka_unit_test(test_R_V4_prefix_no_village_matches_gives_an_empty_group),
        cmocka_unit_test(test_R_V4_population_is_the_sum_and_null_when_any_village_is_blank),
        cmocka_unit_test(test_R_V4_county_incidence_exactly_2_percent_is_eligible_one_more_is_not),
        cmocka_unit_test(test_R_V4_western_3_percent_applies_only_when_every_village_is_western),
        cmocka_unit_test(test_R_V4_group_income_is_pooled_over_households_not_a_mean_of_villages),
        cmocka_unit_test(test_R_V5_one_deprivation_of_seven_is_poor_with_the_default_cutoff),
        cmocka_unit_test(test_R_V5_cutoff_tolerance_is_1e_9),
        cmocka_unit_test(test_R_V5_cutoff_0_3_makes_one_deprivation_not_poor),
        cmocka_unit_test(test_R_V5_headcount_intensity_m0_and_contributions_of_a_hand_example),
        cmocka_unit_test(test_R_V5_unequal_weights_are_normalised_to_sum_1),
        cmocka_unit_test(test_R_V5_household_with_an_unknown_dimension_is_excluded_and_counted),
        cmocka_unit_test(test_R_V5_all_weights_0_give_null_figures_and_leave_other_rules_alone),
        cmocka_unit_test(test_R_V5_village_result_gives_the_figures_of_its_households),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
