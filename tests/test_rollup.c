/* Roll-ups (issue 15): group results merge exactly (R-V4, R-V5, R-I7), travel as text,
 * and a root of partitions groups like one dataset holding them all. Black-box. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "util.h"

/* ------------------------------------------------------------ a generated dataset */

static uint32_t lcg;
static int households_scale = 1; /* households per village x this */

static int pick(int n)
{
    lcg = lcg * 1103515245u + 12345u;
    return (int)((lcg >> 16) % (uint32_t)n);
}

static void put_file(const char *dir, const char *name, const char *text)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

struct text {
    char *p;
    size_t n, cap;
};

static void add(struct text *t, const char *s)
{
    size_t k = strlen(s);
    if (t->n + k + 1 > t->cap) {
        t->cap = (t->n + k + 1) * 2;
        t->p = realloc(t->p, t->cap);
        assert_non_null(t->p);
    }
    memcpy(t->p + t->n, s, k + 1);
    t->n += k;
}

/* The villages of the generated dataset: two provinces, several counties, regions
 * mixed inside county 520102, one village without a population (in 620103). */
static const struct {
    const char *code, *region, *population;
} VILLAGES[] = {
    {"520102001001", "west", "150"},   {"520102001002", "west", "300"},
    {"520102002001", "east", "80"},    {"520103001001", "west", "1200"},
    {"520103001002", "west", "40"},    {"520201001001", "west", "500"},
    {"620103001001", "central", ""},   {"620103001002", "central", "900"},
    {"620103002001", "central", "60"}, {"620104001001", "central", "700"},
};
#define NV (sizeof VILLAGES / sizeof VILLAGES[0])

/* Write the dataset into dir: villages [v0, v1) of VILLAGES; bad = with records a
 * lenient load skips (a member with a bad birth, a household with a bad year, an
 * income with a bad amount). Household ids are unique across every call. */
static void write_dataset(const char *dir, size_t v0, size_t v1, int bad)
{
    struct text v = {0}, h = {0}, m = {0}, in = {0}, ev = {0};
    char line[512];
    add(&v, "village_code,name,region,population,water_scarce,paved_road,electricity,clinic,"
            "broadband,collective_income\n");
    add(&h, "household_id,village_code,registered_year,exit_year,monitor,monitor_since,"
            "assistance,housing,food_secure,clothing_secure,water_litres,water_minutes,"
            "water_supply_rate,water_quality_ok\n");
    add(&m, "household_id,member_id,birth,sex,id_number,school,disability,insured,health,labor\n");
    add(&in, "household_id,year,wage,business,property,transfer,production_expense,"
             "medical_expense,education_expense\n");
    add(&ev, "household_id,year,kind,amount\n");
    static const char *const housing[] = {"A", "B", "C", "D", "", "relocated"};
    static const char *const flag[] = {"1", "1", "1", "0", ""};
    static const char *const monitor[] = {"", "", "", "unstable", "marginal", "hardship"};
    static const char *const school[] = {"enrolled", "dropout", "", "completed"};
    static const char *const labor[] = {"full", "partial", "none", ""};
    for (size_t i = v0; i < v1; i++) {
        snprintf(line, sizeof line, "%s,V%zu,%s,%s,%d,1,1,1,1,1000\n", VILLAGES[i].code, i,
                 VILLAGES[i].region, VILLAGES[i].population, (int)(i % 4 == 0));
        add(&v, line);
        lcg = 977u * (uint32_t)(i + 1); /* each village's rows do not depend on the split */
        int nh = (5 + pick(6)) * households_scale;
        for (int k = 0; k < nh; k++) {
            char id[48];
            snprintf(id, sizeof id, "H%zu-%d", i, k);
            int reg = pick(3) == 0 ? 2016 + pick(5) : 0;
            int ex = reg && pick(2) ? reg + pick(3) : 0;
            const char *mon = monitor[pick(6)];
            char regs[16] = "", exs[16] = "";
            if (reg)
                snprintf(regs, sizeof regs, "%d", reg);
            if (ex)
                snprintf(exs, sizeof exs, "%d", ex);
            int bad_household = bad && k == 2 && i % 3 == 0;
            snprintf(line, sizeof line, "%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%d,%d,%d,%s\n", id,
                     VILLAGES[i].code, bad_household ? "20x6" : regs, exs, mon,
                     *mon ? "2023-01" : "", pick(4) ? "none" : "dibao", housing[pick(6)],
                     flag[pick(5)], flag[pick(5)], 10 + pick(60), pick(40), 80 + pick(21),
                     flag[pick(5)]);
            add(&h, line);
            int nm = 1 + pick(4);
            for (int j = 0; j < nm; j++) {
                int year = 1950 + pick(70);
                int bad_member = bad && j == 1 && k == 3;
                snprintf(line, sizeof line, "%s,m%d,%s%d,%s,,%s,%d,%s,healthy,%s\n", id, j,
                         bad_member ? "x" : "", year, pick(2) ? "M" : "F",
                         year > 2008 ? school[pick(4)] : "completed", pick(8) == 0 ? 2 : 0,
                         flag[pick(5)], labor[pick(4)]);
                add(&m, line);
            }
            for (int y = 2021; y <= 2024; y++) {
                if (pick(9) == 0)
                    continue; /* no income record: unknown that year */
                int bad_income = bad && y == 2024 && k == 1;
                snprintf(line, sizeof line, "%s,%d,%s%d.%02d,%d,0,%d,0,%d,%s\n", id, y,
                         bad_income ? "+" : "", 1000 + pick(30000), pick(100), pick(4000) - 1000,
                         pick(3000), pick(2000), pick(7) ? "0" : "");
                add(&in, line);
            }
            if (pick(4) == 0) {
                snprintf(line, sizeof line, "%s,2024,accident,%d\n", id, pick(20000));
                add(&ev, line);
            }
        }
    }
    mkdir(dir, 0777);
    put_file(dir, "villages.csv", v.p);
    put_file(dir, "households.csv", h.p);
    put_file(dir, "members.csv", m.p);
    put_file(dir, "incomes.csv", in.p);
    put_file(dir, "events.csv", ev.p);
    free(v.p);
    free(h.p);
    free(m.p);
    free(in.p);
    free(ev.p);
}

static char *temp_dir(void)
{
    static char dir[64];
    strcpy(dir, "/tmp/fupin-rollup-XXXXXX");
    assert_non_null(tu_mkdtemp(dir));
    return dir;
}

static fupin_dataset *load(const char *dir, uint32_t flags)
{
    fupin_dataset *ds = NULL;
    FUPIN_OK_OR_FAIL(fupin_dataset_load(&ds, dir, flags));
    return ds;
}

/* ------------------------------------------------------------ comparing results */

static char *serialized(const fupin_summary *r)
{
    size_t needed = 0;
    assert_int_equal(fupin_summary_serialize(r, NULL, 0, &needed), FUPIN_ENOSPC);
    char *buf = malloc(needed + 1);
    assert_non_null(buf);
    FUPIN_OK_OR_FAIL(fupin_summary_serialize(r, buf, needed + 1, NULL));
    assert_int_equal(strlen(buf), needed);
    return buf;
}

static char *json(const fupin_summary *r)
{
    size_t needed = 0;
    fupin_summary_to_json(r, NULL, 0, &needed);
    char *buf = malloc(needed + 1);
    assert_non_null(buf);
    FUPIN_OK_OR_FAIL(fupin_summary_to_json(r, buf, needed + 1, NULL));
    return buf;
}

/* Every figure through every accessor, then the JSON line and the exact totals. */
static void assert_same_group(const fupin_summary *a, const fupin_summary *b)
{
    assert_string_equal(fupin_summary_code(a), fupin_summary_code(b));
    assert_int_equal(fupin_summary_year(a), fupin_summary_year(b));
    assert_int_equal(fupin_summary_village_count(a), fupin_summary_village_count(b));
    assert_int_equal(fupin_summary_exit_eligible(a), fupin_summary_exit_eligible(b));
    for (int w = FUPIN_VC_HOUSEHOLDS; w <= FUPIN_VC_SPAN_PANEL; w++) {
        int64_t x = -7, y = -7;
        assert_int_equal(fupin_summary_count(a, w, &x), fupin_summary_count(b, w, &y));
        assert_int_equal(x, y);
    }
    for (int w = FUPIN_VF_INCIDENCE; w <= FUPIN_VF_NATIONAL_CAGR; w++) {
        double x = -7, y = -7;
        assert_int_equal(fupin_summary_figure(a, w, &x), fupin_summary_figure(b, w, &y));
        assert_memory_equal(&x, &y, sizeof x);
    }
    for (int w = FUPIN_MPI_H; w <= FUPIN_MPI_M0; w++) {
        double x = -7, y = -7;
        assert_int_equal(fupin_summary_mpi(a, w, &x), fupin_summary_mpi(b, w, &y));
        assert_memory_equal(&x, &y, sizeof x);
    }
    for (int d = 0; d < FUPIN_MPI_DIM_COUNT; d++) {
        double x1 = -7, x2 = -7, y1 = -7, y2 = -7;
        assert_int_equal(fupin_summary_mpi_dimension(a, d, &x1, &x2),
                         fupin_summary_mpi_dimension(b, d, &y1, &y2));
        assert_memory_equal(&x1, &y1, sizeof x1);
        assert_memory_equal(&x2, &y2, sizeof x2);
    }
    assert_int_equal(fupin_summary_mpi_excluded(a), fupin_summary_mpi_excluded(b));
    assert_int_equal(fupin_summary_reason_count(a), fupin_summary_reason_count(b));
    for (size_t i = 0; i < fupin_summary_reason_count(a); i++)
        assert_int_equal(fupin_summary_reason(a, i), fupin_summary_reason(b, i));
    char *ja = json(a), *jb = json(b), *sa = serialized(a), *sb = serialized(b);
    assert_string_equal(ja, jb);
    assert_string_equal(sa, sb);
    free(ja);
    free(jb);
    free(sa);
    free(sb);
}

/* group(villages selected by mask) */
static fupin_summary *group_of(const fupin_evaluator *e, const fupin_dataset *ds, unsigned mask,
                               const char *prefix)
{
    const fupin_village *v[NV];
    size_t n = 0;
    for (size_t i = 0; i < fupin_dataset_village_count(ds); i++)
        if (mask & (1u << i))
            v[n++] = fupin_dataset_village(ds, i);
    fupin_summary *r = NULL;
    FUPIN_OK_OR_FAIL(fupin_summary_create(&r));
    FUPIN_OK_OR_FAIL(fupin_evaluator_evaluate_group_villages(e, v, n, prefix, r));
    return r;
}

/* merge(group(a), group(b)) == group(a u b), directly and through the text form, for
 * every prefix and many splits of the villages (including an empty side). */
static void check_splits(const fupin_dataset *ds, const fupin_evaluator *e)
{
    static const char *const prefixes[] = {"52",     "62",        "5201", "520102",
                                           "620103", "520102001", "11"};
    static const unsigned splits[] = {0x000, 0x001, 0x155, 0x0f0, 0x3fe, 0x2a3, 0x3ff};
    unsigned all = (1u << NV) - 1;
    for (size_t p = 0; p < sizeof prefixes / sizeof *prefixes; p++) {
        fupin_summary *whole = group_of(e, ds, all, prefixes[p]);
        for (size_t s = 0; s < sizeof splits / sizeof *splits; s++) {
            fupin_summary *a = group_of(e, ds, splits[s], prefixes[p]);
            fupin_summary *b = group_of(e, ds, all & ~splits[s], prefixes[p]);
            /* through the text form, merged into a fresh result, in the other order */
            char *ta = serialized(a), *tb = serialized(b);
            fupin_summary *c = NULL, *pa = NULL, *pb = NULL;
            FUPIN_OK_OR_FAIL(fupin_summary_create(&c));
            FUPIN_OK_OR_FAIL(fupin_summary_create(&pa));
            FUPIN_OK_OR_FAIL(fupin_summary_create(&pb));
            FUPIN_OK_OR_FAIL(fupin_summary_parse(pa, ta, strlen(ta)));
            FUPIN_OK_OR_FAIL(fupin_summary_parse(pb, tb, strlen(tb)));
            assert_same_group(pa, a); /* a parsed result is the result */
            FUPIN_OK_OR_FAIL(fupin_summary_merge(c, pb));
            FUPIN_OK_OR_FAIL(fupin_summary_merge(c, pa));
            FUPIN_OK_OR_FAIL(fupin_summary_merge(a, b));
            assert_same_group(a, whole);
            assert_same_group(c, whole);
            free(ta);
            free(tb);
            fupin_summary_free(a);
            fupin_summary_free(b);
            fupin_summary_free(c);
            fupin_summary_free(pa);
            fupin_summary_free(pb);
        }
        fupin_summary_free(whole);
    }
}

static void test_R_V4_R_V5_merge_of_parts_equals_the_group_of_their_union(void **state)
{
    (void)state;
    char *dir = temp_dir();
    write_dataset(dir, 0, NV, 0);
    fupin_dataset *ds = load(dir, FUPIN_LOAD_STRICT);
    fupin_policy *p = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_builtin(&p, "national"));
    fupin_evaluator *e = NULL;
    FUPIN_OK_OR_FAIL(fupin_evaluator_create(&e, p, 2024));
    check_splits(ds, e);
    fupin_evaluator_free(e);
    /* with the R-I5 span figures too */
    FUPIN_OK_OR_FAIL(fupin_evaluator_create_since(&e, p, 2024, 2021));
    check_splits(ds, e);
    fupin_evaluator_free(e);
    /* a year without a monitoring threshold (alert counts null) */
    FUPIN_OK_OR_FAIL(fupin_evaluator_create(&e, p, 2019));
    check_splits(ds, e);
    fupin_evaluator_free(e);
    fupin_policy_free(p);
    fupin_dataset_free(ds);
}

static void test_R_V4_merge_holds_for_a_lenient_load_with_skipped_records(void **state)
{
    (void)state;
    char *dir = temp_dir();
    write_dataset(dir, 0, NV, 1);
    fupin_dataset *ds = load(dir, FUPIN_LOAD_LENIENT);
    assert_true(fupin_dataset_problem_count(ds) > 3);
    fupin_policy *p = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_builtin(&p, "national"));
    fupin_evaluator *e = NULL;
    FUPIN_OK_OR_FAIL(fupin_evaluator_create(&e, p, 2024));
    check_splits(ds, e);
    /* the skips matter: the poor population of 52 is unknown, as one dataset says */
    fupin_summary *whole = group_of(e, ds, (1u << NV) - 1, "52");
    int64_t poor = 0;
    assert_int_equal(fupin_summary_count(whole, FUPIN_VC_POOR_POPULATION, &poor), FUPIN_ENULL);
    fupin_summary_free(whole);
    fupin_evaluator_free(e);
    fupin_policy_free(p);
    fupin_dataset_free(ds);
}

/* Hand-derived: county 520102 split into two villages, each evaluated alone.
 * A: west, population 150, one registered household of 3 with 12000 yuan (2024).
 * B: west, population 150, one registered household of 1 with 8000 yuan.
 * Merged: poor 4 of 300 = 0.0133 (<= 3 % west: eligible); per capita 20000 / 4 = 5000;
 * A alone: 3 / 150 = 2 %, exactly at the plain 2 % line and under west 3 %. */
static void test_R_V4_R_I7_merged_county_pools_households_by_hand(void **state)
{
    (void)state;
    fupin_policy *p = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_builtin(&p, "national"));
    fupin_evaluator *e = NULL;
    FUPIN_OK_OR_FAIL(fupin_evaluator_create(&e, p, 2024));
    fupin_village *va = NULL, *vb = NULL;
    FUPIN_OK_OR_FAIL(fupin_village_create(&va, "520102001001", "west"));
    FUPIN_OK_OR_FAIL(fupin_village_set(va, "population", "150"));
    FUPIN_OK_OR_FAIL(fupin_village_create(&vb, "520102001002", "west"));
    FUPIN_OK_OR_FAIL(fupin_village_set(vb, "population", "150"));
    fupin_household *h = tu_household_ok("A1", 2024, "12000");
    FUPIN_OK_OR_FAIL(fupin_household_add_member(h, "m2", "1985"));
    FUPIN_OK_OR_FAIL(fupin_household_add_member(h, "m3", "1986"));
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "registered_year", "2016"));
    FUPIN_OK_OR_FAIL(fupin_village_add_household(va, h));
    fupin_household_free(h);
    h = tu_household_ok("B1", 2024, "8000");
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "registered_year", "2016"));
    FUPIN_OK_OR_FAIL(fupin_village_add_household(vb, h));
    fupin_household_free(h);

    fupin_summary *a = NULL, *b = NULL;
    FUPIN_OK_OR_FAIL(fupin_summary_create(&a));
    FUPIN_OK_OR_FAIL(fupin_summary_create(&b));
    const fupin_village *one[1] = {va};
    FUPIN_OK_OR_FAIL(fupin_evaluator_evaluate_group_villages(e, one, 1, "520102", a));
    one[0] = vb;
    FUPIN_OK_OR_FAIL(fupin_evaluator_evaluate_group_villages(e, one, 1, "520102", b));
    double x = 0;
    FUPIN_OK_OR_FAIL(fupin_summary_figure(a, FUPIN_VF_INCIDENCE, &x));
    assert_true(x == 0.02);
    FUPIN_OK_OR_FAIL(fupin_summary_merge(a, b));
    int64_t n = 0;
    FUPIN_OK_OR_FAIL(fupin_summary_count(a, FUPIN_VC_POOR_POPULATION, &n));
    assert_int_equal(n, 4);
    FUPIN_OK_OR_FAIL(fupin_summary_count(a, FUPIN_VC_POPULATION, &n));
    assert_int_equal(n, 300);
    FUPIN_OK_OR_FAIL(fupin_summary_count(a, FUPIN_VC_HOUSEHOLDS, &n));
    assert_int_equal(n, 2);
    assert_int_equal(fupin_summary_village_count(a), 2);
    FUPIN_OK_OR_FAIL(fupin_summary_figure(a, FUPIN_VF_INCIDENCE, &x));
    assert_true(x == 0.0133);
    FUPIN_OK_OR_FAIL(fupin_summary_figure(a, FUPIN_VF_PER_CAPITA, &x));
    assert_true(x == 5000);
    assert_int_equal(fupin_summary_exit_eligible(a), FUPIN_TRI_TRUE);
    fupin_summary_free(a);
    fupin_summary_free(b);
    fupin_village_free(va);
    fupin_village_free(vb);
    fupin_evaluator_free(e);
    fupin_policy_free(p);
}

/* R-V4: the west 3 % limit holds only while every village is western; a merge with an
 * eastern village's part falls back to the plain 2 %. 5 poor of 200 (2.5 %). */
static void test_R_V4_merging_regions_drops_the_regional_limit(void **state)
{
    (void)state;
    fupin_policy *p = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_builtin(&p, "national"));
    fupin_evaluator *e = NULL;
    FUPIN_OK_OR_FAIL(fupin_evaluator_create(&e, p, 2024));
    fupin_village *vw = NULL, *ve = NULL;
    FUPIN_OK_OR_FAIL(fupin_village_create(&vw, "520102001001", "west"));
    FUPIN_OK_OR_FAIL(fupin_village_set(vw, "population", "100"));
    FUPIN_OK_OR_FAIL(fupin_village_create(&ve, "520102001002", "east"));
    FUPIN_OK_OR_FAIL(fupin_village_set(ve, "population", "100"));
    fupin_household *h = tu_household_ok("W1", 2024, "12000");
    for (int i = 2; i <= 5; i++) {
        char id[16];
        snprintf(id, sizeof id, "m%d", i);
        FUPIN_OK_OR_FAIL(fupin_household_add_member(h, id, "1985"));
    }
    FUPIN_OK_OR_FAIL(fupin_household_set(h, "registered_year", "2016"));
    FUPIN_OK_OR_FAIL(fupin_village_add_household(vw, h));
    fupin_household_free(h);
    fupin_summary *a = NULL, *b = NULL;
    FUPIN_OK_OR_FAIL(fupin_summary_create(&a));
    FUPIN_OK_OR_FAIL(fupin_summary_create(&b));
    const fupin_village *one[1] = {vw};
    FUPIN_OK_OR_FAIL(fupin_evaluator_evaluate_group_villages(e, one, 1, "520102", a));
    assert_int_equal(fupin_summary_exit_eligible(a), FUPIN_TRI_FALSE); /* 5 % */
    one[0] = ve;
    FUPIN_OK_OR_FAIL(fupin_evaluator_evaluate_group_villages(e, one, 1, "520102", b));
    FUPIN_OK_OR_FAIL(fupin_summary_merge(a, b));
    assert_int_equal(fupin_summary_exit_eligible(a), FUPIN_TRI_FALSE); /* 2.5 % > 2 % */
    assert_int_equal(fupin_summary_reason(a, 0), FUPIN_REASON_INCIDENCE_TOO_HIGH);
    /* two western parts: 5 of 200 = 2.5 % <= 3 % */
    fupin_village_free(ve);
    FUPIN_OK_OR_FAIL(fupin_village_create(&ve, "520102001002", "west"));
    FUPIN_OK_OR_FAIL(fupin_village_set(ve, "population", "100"));
    one[0] = vw;
    FUPIN_OK_OR_FAIL(fupin_evaluator_evaluate_group_villages(e, one, 1, "520102", a));
    one[0] = ve;
    FUPIN_OK_OR_FAIL(fupin_evaluator_evaluate_group_villages(e, one, 1, "520102", b));
    FUPIN_OK_OR_FAIL(fupin_summary_merge(a, b));
    assert_int_equal(fupin_summary_exit_eligible(a), FUPIN_TRI_TRUE);
    fupin_summary_free(a);
    fupin_summary_free(b);
    fupin_village_free(vw);
    fupin_village_free(ve);
    fupin_evaluator_free(e);
    fupin_policy_free(p);
}

static void test_merge_refuses_different_prefix_year_or_an_unevaluated_part(void **state)
{
    (void)state;
    fupin_policy *p = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_builtin(&p, "national"));
    fupin_evaluator *e24 = NULL, *e23 = NULL;
    FUPIN_OK_OR_FAIL(fupin_evaluator_create(&e24, p, 2024));
    FUPIN_OK_OR_FAIL(fupin_evaluator_create(&e23, p, 2023));
    fupin_summary *a = NULL, *b = NULL, *fresh = NULL;
    FUPIN_OK_OR_FAIL(fupin_summary_create(&a));
    FUPIN_OK_OR_FAIL(fupin_summary_create(&b));
    FUPIN_OK_OR_FAIL(fupin_summary_create(&fresh));
    FUPIN_OK_OR_FAIL(fupin_evaluator_evaluate_group_villages(e24, NULL, 0, "52", a));
    FUPIN_OK_OR_FAIL(fupin_evaluator_evaluate_group_villages(e24, NULL, 0, "62", b));
    assert_int_equal(fupin_summary_merge(a, b), FUPIN_EINVAL);
    FUPIN_OK_OR_FAIL(fupin_evaluator_evaluate_group_villages(e23, NULL, 0, "52", b));
    assert_int_equal(fupin_summary_merge(a, b), FUPIN_EINVAL);
    assert_int_equal(fupin_summary_merge(a, fresh), FUPIN_EINVAL);
    assert_int_equal(fupin_summary_merge(a, a), FUPIN_EINVAL);
    assert_int_equal(fupin_summary_merge(NULL, a), FUPIN_EINVAL);
    assert_int_equal(fupin_summary_serialize(fresh, NULL, 0, NULL), FUPIN_EINVAL);
    /* a fresh result takes a copy */
    FUPIN_OK_OR_FAIL(fupin_summary_merge(fresh, a));
    assert_same_group(fresh, a);
    /* an empty group merged with an empty group stays empty, exit unknown */
    FUPIN_OK_OR_FAIL(fupin_summary_merge(fresh, a));
    assert_int_equal(fupin_summary_village_count(fresh), 0);
    assert_int_equal(fupin_summary_exit_eligible(fresh), FUPIN_TRI_NULL);
    fupin_summary_free(a);
    fupin_summary_free(b);
    fupin_summary_free(fresh);
    fupin_evaluator_free(e24);
    fupin_evaluator_free(e23);
    fupin_policy_free(p);
}

/* ------------------------------------------------------------ the text form */

static const char *const HEAD52 = "fupin-group-summary 1\n"
                                  "prefix 52\n";

static void test_parse_rejects_every_truncation_and_corruption(void **state)
{
    (void)state;
    char *dir = temp_dir();
    write_dataset(dir, 0, NV, 0);
    fupin_dataset *ds = load(dir, FUPIN_LOAD_STRICT);
    fupin_policy *p = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_builtin(&p, "national"));
    fupin_evaluator *e = NULL;
    FUPIN_OK_OR_FAIL(fupin_evaluator_create(&e, p, 2024));
    fupin_summary *r = group_of(e, ds, (1u << NV) - 1, "52");
    char *text = serialized(r);
    size_t n = strlen(text);
    assert_memory_equal(text, HEAD52, strlen(HEAD52));
    fupin_summary *q = NULL;
    FUPIN_OK_OR_FAIL(fupin_summary_create(&q));
    char *before = serialized(r);
    FUPIN_OK_OR_FAIL(fupin_summary_parse(q, text, n));
    assert_same_group(q, r);
    /* every strict prefix is incomplete (the last line is "end\n") */
    for (size_t k = 0; k < n; k++)
        assert_int_equal(fupin_summary_parse(q, text, k), FUPIN_EPARSE);
    /* ...and the failed parses left q unchanged */
    assert_same_group(q, r);
    /* every single changed byte is caught or still a consistent summary; never a crash */
    char *copy = malloc(n + 1);
    static const char subst[] = {'0', '9', 'f', ' ', '\n', '-', 'x', '\0'};
    size_t caught = 0, tried = 0;
    for (size_t k = 0; k < n; k++)
        for (size_t s = 0; s < sizeof subst; s++) {
            if (text[k] == subst[s])
                continue;
            memcpy(copy, text, n + 1);
            copy[k] = subst[s];
            tried++;
            if (fupin_summary_parse(q, copy, n) != 0)
                caught++;
        }
    assert_true(caught > tried / 2);
    /* named corruptions */
    struct {
        const char *from, *to;
    } bad[] = {
        {"fupin-group-summary 1", "fupin-group-summary 2"},
        {"prefix 52", "prefix 521"},
        {"\nend\n", "\nend\nmore\n"},
        {"\nguarantee ", "\nguarantee 1"},
        {"\npoor ", "\npoor -"},
    };
    for (size_t b = 0; b < sizeof bad / sizeof *bad; b++) {
        char *at = strstr(text, bad[b].from);
        assert_non_null(at);
        size_t pre = (size_t)(at - text), lf = strlen(bad[b].from), lt = strlen(bad[b].to);
        char *t = malloc(n - lf + lt + 1);
        memcpy(t, text, pre);
        memcpy(t + pre, bad[b].to, lt);
        memcpy(t + pre + lt, at + lf, n - pre - lf + 1);
        assert_int_equal(fupin_summary_parse(q, t, strlen(t)), FUPIN_EPARSE);
        free(t);
    }
    assert_int_equal(fupin_summary_parse(NULL, text, n), FUPIN_EINVAL);
    assert_int_equal(fupin_summary_parse(q, NULL, 0), FUPIN_EPARSE);
    free(copy);
    free(before);
    free(text);
    fupin_summary_free(q);
    fupin_summary_free(r);
    fupin_evaluator_free(e);
    fupin_policy_free(p);
    fupin_dataset_free(ds);
}

static void test_merge_of_huge_parsed_counts_is_a_range_error(void **state)
{
    (void)state;
    fupin_policy *p = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_builtin(&p, "national"));
    fupin_evaluator *e = NULL;
    FUPIN_OK_OR_FAIL(fupin_evaluator_create(&e, p, 2024));
    fupin_summary *r = NULL, *q = NULL;
    FUPIN_OK_OR_FAIL(fupin_summary_create(&r));
    FUPIN_OK_OR_FAIL(fupin_summary_create(&q));
    FUPIN_OK_OR_FAIL(fupin_evaluator_evaluate_group_villages(e, NULL, 0, "52", r));
    char *text = serialized(r);
    /* an empty group with one village of INT64_MAX households, all unknown */
    const char *big = "9223372036854775807";
    char *t = malloc(strlen(text) + 200);
    char *at = strstr(text, "villages 0 0 0 -2\n");
    assert_non_null(at);
    size_t pre = (size_t)(at - text);
    memcpy(t, text, pre);
    sprintf(t + pre, "villages 1 %s 10 0\npoor 0 1\nguarantee 0 0 %s\n", big, big);
    char *rest = strstr(at, "alerts");
    strcat(t, rest);
    char *mu = strstr(t, "mpi_unknown 0");
    assert_non_null(mu);
    char tail[4096];
    strcpy(tail, mu + strlen("mpi_unknown 0"));
    sprintf(mu, "mpi_unknown %s%s", big, tail);
    FUPIN_OK_OR_FAIL(fupin_summary_parse(q, t, strlen(t)));
    int64_t n = 0;
    FUPIN_OK_OR_FAIL(fupin_summary_count(q, FUPIN_VC_HOUSEHOLDS, &n));
    assert_int_equal(n, INT64_MAX);
    FUPIN_OK_OR_FAIL(fupin_summary_parse(r, t, strlen(t)));
    assert_int_equal(fupin_summary_merge(r, q), FUPIN_ERANGE);
    FUPIN_OK_OR_FAIL(fupin_summary_count(r, FUPIN_VC_HOUSEHOLDS, &n));
    assert_int_equal(n, INT64_MAX); /* unchanged */
    free(t);
    free(text);
    fupin_summary_free(r);
    fupin_summary_free(q);
    fupin_evaluator_free(e);
    fupin_policy_free(p);
}

/* ------------------------------------------------------------ roots */

static void test_root_lists_partitions_depth_first_in_name_order(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char path[4096];
    /* b/ (one dataset), a/y, a/x/ (datasets), .hidden (skipped), a/x/inner (inside a
     * partition: not looked at), c/ (empty folder) */
    snprintf(path, sizeof path, "%s/a", dir);
    mkdir(path, 0777);
    snprintf(path, sizeof path, "%s/c", dir);
    mkdir(path, 0777);
    snprintf(path, sizeof path, "%s/b", dir);
    write_dataset(path, 6, 8, 0);
    snprintf(path, sizeof path, "%s/a/y", dir);
    write_dataset(path, 3, 6, 0);
    snprintf(path, sizeof path, "%s/a/x", dir);
    write_dataset(path, 0, 3, 0);
    snprintf(path, sizeof path, "%s/a/x/inner", dir);
    write_dataset(path, 9, 10, 0);
    snprintf(path, sizeof path, "%s/.hidden", dir);
    write_dataset(path, 9, 10, 0);
    snprintf(path, sizeof path, "%s/d", dir);
    write_dataset(path, 8, 10, 0);

    fupin_root *root = NULL;
    FUPIN_OK_OR_FAIL(fupin_root_open(&root, dir));
    assert_int_equal(fupin_root_partition_count(root), 4);
    const char *expect[] = {"/a/x", "/a/y", "/b", "/d"};
    for (size_t i = 0; i < 4; i++) {
        snprintf(path, sizeof path, "%s%s", dir, expect[i]);
        assert_string_equal(fupin_root_partition_path(root, i), path);
    }
    assert_null(fupin_root_partition_path(root, 4));
    int32_t y = 0;
    FUPIN_OK_OR_FAIL(fupin_root_latest_year(root, &y));
    assert_int_equal(y, 2024);

    /* the group over the root equals the group over one dataset of every village */
    char *top = strdup(dir);
    char *one = temp_dir();
    write_dataset(one, 0, NV, 0);
    fupin_dataset *ds = load(one, FUPIN_LOAD_STRICT);
    fupin_policy *p = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_builtin(&p, "national"));
    fupin_evaluator *e = NULL;
    FUPIN_OK_OR_FAIL(fupin_evaluator_create(&e, p, 2024));

    static const char *const prefixes[] = {"52", "62", "520102", "620103", "11"};
    for (size_t k = 0; k < sizeof prefixes / sizeof *prefixes; k++) {
        fupin_summary *whole = NULL, *rooted = NULL;
        FUPIN_OK_OR_FAIL(fupin_summary_create(&whole));
        FUPIN_OK_OR_FAIL(fupin_summary_create(&rooted));
        FUPIN_OK_OR_FAIL(fupin_evaluator_evaluate_group(e, ds, prefixes[k], whole));
        for (int32_t threads = 0; threads <= 3; threads++) {
            FUPIN_OK_OR_FAIL(
                fupin_root_group(root, e, prefixes[k], FUPIN_LOAD_STRICT, threads, rooted));
            assert_same_group(rooted, whole);
        }
        fupin_summary_free(whole);
        fupin_summary_free(rooted);
    }
    fupin_summary *g = NULL;
    FUPIN_OK_OR_FAIL(fupin_summary_create(&g));
    assert_int_equal(fupin_root_group(root, e, "5", FUPIN_LOAD_STRICT, 0, g), FUPIN_EINVAL);
    fupin_summary_free(g);
    free(top);
    fupin_evaluator_free(e);
    fupin_policy_free(p);
    fupin_dataset_free(ds);
    fupin_root_free(root);
}

/* Called on a worker thread: records what it saw, the test asserts afterwards. */
static int stop_at_second(void *user, size_t partition, const fupin_dataset *ds)
{
    size_t *seen = user;
    if (!ds || partition != seen[0]) /* in order, each once */
        seen[1]++;
    seen[0]++;
    return partition == 1 ? 42 : 0;
}

static void test_root_walk_is_ordered_and_stops_at_a_failure(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char path[4096];
    for (int i = 0; i < 5; i++) {
        snprintf(path, sizeof path, "%s/p%d", dir, i);
        write_dataset(path, (size_t)i * 2, (size_t)i * 2 + 2, i == 3);
    }
    fupin_root *root = NULL;
    FUPIN_OK_OR_FAIL(fupin_root_open(&root, dir));
    for (int32_t threads = 1; threads <= 4; threads++) {
        size_t seen[2] = {0, 0};
        assert_int_equal(fupin_root_each(root, FUPIN_LOAD_LENIENT, threads, stop_at_second, seen),
                         42);
        assert_int_equal(seen[0], 2);
        assert_int_equal(seen[1], 0);
    }
    /* strict: partition p3 has bad records; its error names it, and p4 is not visited */
    fupin_policy *p = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_builtin(&p, "national"));
    fupin_evaluator *e = NULL;
    FUPIN_OK_OR_FAIL(fupin_evaluator_create(&e, p, 2024));
    fupin_summary *g = NULL;
    FUPIN_OK_OR_FAIL(fupin_summary_create(&g));
    assert_int_equal(fupin_root_group(root, e, "52", FUPIN_LOAD_STRICT, 2, g), FUPIN_EPARSE);
    snprintf(path, sizeof path, "%s/p3: ", dir);
    assert_non_null(strstr(fupin_last_error(), path));
    assert_int_equal(fupin_summary_year(g), 0); /* unchanged */
    FUPIN_OK_OR_FAIL(fupin_root_group(root, e, "52", FUPIN_LOAD_LENIENT, 2, g));
    fupin_summary_free(g);
    fupin_evaluator_free(e);
    fupin_policy_free(p);
    fupin_root_free(root);

    /* a village in two partitions would count twice: refused, naming both */
    snprintf(path, sizeof path, "%s/p5", dir);
    write_dataset(path, 9, 10, 0);
    FUPIN_OK_OR_FAIL(fupin_root_open(&root, dir));
    FUPIN_OK_OR_FAIL(fupin_policy_builtin(&p, "national"));
    FUPIN_OK_OR_FAIL(fupin_evaluator_create(&e, p, 2024));
    FUPIN_OK_OR_FAIL(fupin_summary_create(&g));
    assert_int_equal(fupin_root_group(root, e, "62", FUPIN_LOAD_LENIENT, 2, g), FUPIN_EEXIST);
    assert_non_null(strstr(fupin_last_error(), "620104001001"));
    snprintf(path, sizeof path, "%s/p4", dir);
    assert_non_null(strstr(fupin_last_error(), path));
    fupin_summary_free(g);
    fupin_evaluator_free(e);
    fupin_policy_free(p);
    fupin_root_free(root);

    /* a folder without any dataset */
    char *empty = temp_dir();
    assert_int_equal(fupin_root_open(&root, empty), FUPIN_ENOTFOUND);
    assert_null(root);
    assert_int_equal(fupin_root_open(&root, "/nonexistent/fupin"), FUPIN_EIO);
    assert_int_equal(fupin_root_open(NULL, dir), FUPIN_EINVAL);
    assert_int_equal(fupin_root_partition_count(NULL), 0);
    fupin_root_free(NULL);
}

/* ------------------------------------------------------------ the parallel report */

struct sink {
    struct text t;
    size_t villages, calls, stop_after;
    int slow; /* each write takes 20 ms: the other threads finish blocks meanwhile */
};

static int to_sink(void *user, const char *data, size_t len, size_t villages)
{
    struct sink *k = user;
    char *copy = malloc(len + 1);
    if (!copy)
        return 1;
    memcpy(copy, data, len);
    copy[len] = '\0';
    add(&k->t, copy);
    free(copy);
    k->villages += villages;
    k->calls++;
    if (k->slow) {
        struct timespec ms20 = {0, 20000000};
        nanosleep(&ms20, NULL);
    }
    return k->stop_after && k->calls >= k->stop_after ? 7 : 0;
}

/* The lines one thread writes, record by record through the public writers. */
static char *serial_report(const fupin_dataset *ds, const fupin_evaluator *e, int csv)
{
    struct text t = {0};
    fupin_result *r = NULL;
    fupin_summary *vr = NULL;
    FUPIN_OK_OR_FAIL(fupin_result_create(&r));
    FUPIN_OK_OR_FAIL(fupin_summary_create(&vr));
    static char buf[1 << 16];
    add(&t, "");
    for (size_t v = 0; v < fupin_dataset_village_count(ds); v++) {
        const fupin_village *village = fupin_dataset_village(ds, v);
        for (size_t i = 0; i < fupin_village_household_count(village); i++) {
            FUPIN_OK_OR_FAIL(
                fupin_evaluator_evaluate_household(e, fupin_village_household(village, i), r));
            FUPIN_OK_OR_FAIL(csv ? fupin_result_to_csv(r, buf, sizeof buf, NULL)
                                 : fupin_result_to_json(r, buf, sizeof buf, NULL));
            add(&t, buf);
            add(&t, "\n");
        }
        if (!csv) {
            FUPIN_OK_OR_FAIL(fupin_evaluator_evaluate_village(e, village, vr));
            FUPIN_OK_OR_FAIL(fupin_summary_to_json(vr, buf, sizeof buf, NULL));
            add(&t, buf);
            add(&t, "\n");
        }
    }
    fupin_result_free(r);
    fupin_summary_free(vr);
    return t.p;
}

static void test_parallel_report_equals_the_serial_lines_in_file_order(void **state)
{
    (void)state;
    /* villages big enough for several blocks of the parallel writer (~25000 households);
     * with 3 and 4 threads each write is slow, so that blocks finished before their
     * turn are parked and written by the thread that writes the one before */
    char *dir = temp_dir();
    households_scale = 300;
    write_dataset(dir, 0, NV, 1);
    households_scale = 1;
    fupin_dataset *ds = load(dir, FUPIN_LOAD_LENIENT);
    fupin_policy *p = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_builtin(&p, "national"));
    fupin_evaluator *e = NULL;
    FUPIN_OK_OR_FAIL(fupin_evaluator_create(&e, p, 2024));
    for (int csv = 0; csv <= 1; csv++) {
        char *want = serial_report(ds, e, csv);
        for (int32_t threads = 0; threads <= 4; threads++) {
            struct sink k = {{0}, 0, 0, 0, threads >= 3};
            add(&k.t, "");
            FUPIN_OK_OR_FAIL(
                fupin_dataset_report(ds, e, csv ? FUPIN_REPORT_CSV : 0, threads, to_sink, &k));
            assert_string_equal(k.t.p, want);
            assert_int_equal(k.villages, fupin_dataset_village_count(ds));
            assert_true(k.calls >= 4); /* several blocks, handed over in order */
            free(k.t.p);
        }
        free(want);
    }
    /* a write that fails stops the report with its code, and nothing is written
     * after it, not even blocks finished meanwhile (slow writes: they are parked) */
    for (int slow = 0; slow <= 1; slow++) {
        struct sink k = {{0}, 0, 0, 1 + (size_t)slow, slow};
        add(&k.t, "");
        assert_int_equal(fupin_dataset_report(ds, e, 0, slow ? 4 : 2, to_sink, &k), 7);
        assert_int_equal(k.calls, 1 + (size_t)slow);
        free(k.t.p);
    }
    struct sink k = {{0}, 0, 0, 0, 0};
    assert_int_equal(fupin_dataset_report(NULL, e, 0, 2, to_sink, &k), FUPIN_EINVAL);
    fupin_evaluator_free(e);
    fupin_policy_free(p);
    fupin_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_R_V4_R_V5_merge_of_parts_equals_the_group_of_their_union),
        cmocka_unit_test(test_R_V4_merge_holds_for_a_lenient_load_with_skipped_records),
        cmocka_unit_test(test_R_V4_R_I7_merged_county_pools_households_by_hand),
        cmocka_unit_test(test_R_V4_merging_regions_drops_the_regional_limit),
        cmocka_unit_test(test_merge_refuses_different_prefix_year_or_an_unevaluated_part),
        cmocka_unit_test(test_parse_rejects_every_truncation_and_corruption),
        cmocka_unit_test(test_merge_of_huge_parsed_counts_is_a_range_error),
        cmocka_unit_test(test_root_lists_partitions_depth_first_in_name_order),
        cmocka_unit_test(test_root_walk_is_ordered_and_stops_at_a_failure),
        cmocka_unit_test(test_parallel_report_equals_the_serial_lines_in_file_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
