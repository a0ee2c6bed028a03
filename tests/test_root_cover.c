/* Roots of partitions at their edges (issue 15, docs/scale.md): NULL arguments, a root
 * without datasets, hidden folders, more than 16 partitions and names (the lists grow),
 * partitions without incomes.csv or without a year column, a visit that fails, a
 * partition that fails to load, a village in two partitions, and the group merge
 * refusals and overflow (R-V4, R-V5). Black-box: only fupin.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

static char base[256];

static void put(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static const char *sub(const char *rel)
{
    static char path[8][512];
    static int k;
    k = (k + 1) % 8;
    snprintf(path[k], sizeof path[k], "%s/%s", base, rel);
    return path[k];
}

static void mk(const char *rel)
{
    mkdir(sub(rel), 0700);
}

/* One village, one household of two members, incomes of the given years ("" = no
 * incomes.csv at all). */
static void dataset(const char *rel, const char *village, const char *incomes)
{
    const char *dir = sub(rel);
    mkdir(dir, 0700);
    char text[1024];
    snprintf(text, sizeof text,
             "village_code,name,region,population,water_scarce,paved_road,electricity,clinic,"
             "broadband,collective_income\n%s,V,west,100,0,1,1,1,1,86000\n",
             village);
    put(dir, "villages.csv", text);
    snprintf(text, sizeof text,
             "household_id,village_code,registered_year,exit_year,monitor,monitor_since,"
             "assistance,housing,food_secure,clothing_secure,water_litres,water_minutes,"
             "water_supply_rate,water_quality_ok\nH%s,%s,,,,,none,B,1,1,40,10,95,1\n",
             village, village);
    put(dir, "households.csv", text);
    snprintf(text, sizeof text,
             "household_id,member_id,birth,sex,id_number,school,disability,insured,health,labor\n"
             "H%s,M%s-1,1985-03-12,M,,completed,0,1,healthy,full\n"
             "H%s,M%s-2,1987-05-01,F,,completed,0,1,healthy,full\n",
             village, village, village, village);
    put(dir, "members.csv", text);
    if (incomes)
        put(dir, "incomes.csv", incomes);
}

#define INCOMES_HEAD                                                                               \
    "household_id,year,wage,business,property,transfer,production_expense,medical_expense,"        \
    "education_expense\n"

static int setup(void **state)
{
    (void)state;
    snprintf(base, sizeof base, "/tmp/fupin_root_cover_XXXXXX");
    assert_non_null(tu_mkdtemp(base));
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", base);
    return system(cmd) == 0 ? 0 : -1;
}

static void test_root_null_arguments(void **state)
{
    (void)state;
    fupin_root *r = (fupin_root *)1;
    assert_int_equal(fupin_root_open(&r, NULL), FUPIN_EINVAL);
    assert_null(r);
    assert_int_equal(fupin_root_open(NULL, base), FUPIN_EINVAL);
    assert_non_null(strstr(fupin_last_error(), "NULL argument"));
    assert_int_equal(fupin_root_partition_count(NULL), 0);
    assert_null(fupin_root_partition_path(NULL, 0));
    int32_t y = 7;
    assert_int_equal(fupin_root_latest_year(NULL, &y), FUPIN_EINVAL);
    assert_int_equal(y, 7);
    fupin_root_free(NULL);
}

/* a root with only a hidden dataset and a stray file: no partition is an error */
static void test_root_without_dataset(void **state)
{
    (void)state;
    mk("empty");
    mk("empty/.hidden");
    dataset("empty/.hidden/p", "520102001001", INCOMES_HEAD);
    put(sub("empty"), "notes.txt", "x\n");
    fupin_root *r = NULL;
    assert_int_equal(fupin_root_open(&r, sub("empty")), FUPIN_ENOTFOUND);
    assert_null(r);
    assert_non_null(strstr(fupin_last_error(), "no dataset (a folder with villages.csv)"));
    /* a path that does not exist cannot be read */
    assert_int_equal(fupin_root_open(&r, sub("missing")), FUPIN_EIO);
    assert_non_null(strstr(fupin_last_error(), "cannot read the folder"));
}

/* 20 partitions in one folder, named so that byte order differs from creation order:
 * the lists of names and paths grow past 16, and the order is by name */
static void test_root_many_partitions_sorted(void **state)
{
    (void)state;
    mk("many");
    for (int i = 19; i >= 0; i--) {
        char rel[64], code[16];
        snprintf(rel, sizeof rel, "many/p%02d", i);
        snprintf(code, sizeof code, "5201020010%02d", i);
        /* only p07 has incomes, of 2023 and 2021 */
        dataset(rel, code,
                i == 7 ? INCOMES_HEAD "H520102001007,2023,1,0,0,0,0,0,0\n"
                                      "H520102001007,2021,1,0,0,0,0,0,0\n"
                       : NULL);
    }
    fupin_root *r = NULL;
    FUPIN_OK_OR_FAIL(fupin_root_open(&r, sub("many/")));
    assert_int_equal(fupin_root_partition_count(r), 20);
    for (size_t i = 0; i < 20; i++) {
        char want[64];
        snprintf(want, sizeof want, "p%02zu", i);
        const char *p = fupin_root_partition_path(r, i);
        assert_non_null(p);
        assert_string_equal(p + strlen(p) - 3, want);
    }
    assert_null(fupin_root_partition_path(r, 20));
    int32_t y = 0;
    assert_int_equal(fupin_root_latest_year(r, NULL), FUPIN_EINVAL);
    FUPIN_OK_OR_FAIL(fupin_root_latest_year(r, &y));
    assert_int_equal(y, 2023);
    fupin_root_free(r);
}

/* a root whose partitions have no incomes.csv: latest year 0 (none) */
static void test_root_latest_year_none(void **state)
{
    (void)state;
    mk("noinc");
    dataset("noinc/a", "520102001001", NULL);
    fupin_root *r = NULL;
    FUPIN_OK_OR_FAIL(fupin_root_open(&r, sub("noinc")));
    int32_t y = 5;
    FUPIN_OK_OR_FAIL(fupin_root_latest_year(r, &y));
    assert_int_equal(y, 0);
    fupin_root_free(r);
}

static void test_root_latest_year_no_column(void **state)
{
    (void)state;
    mk("noyear");
    dataset("noyear/a", "520102001001", INCOMES_HEAD);
    dataset("noyear/b", "520102001002", "household_id,yr,wage\nH520102001002,2024,1\n");
    fupin_root *r = NULL;
    FUPIN_OK_OR_FAIL(fupin_root_open(&r, sub("noyear")));
    int32_t y = 5;
    assert_int_equal(fupin_root_latest_year(r, &y), FUPIN_EPARSE);
    assert_int_equal(y, 5);
    assert_non_null(strstr(fupin_last_error(), "noyear/b/incomes.csv:1: no column \"year\""));
    fupin_root_free(r);
}

struct visits {
    size_t n, order[32];
    size_t fail_at;
};

static int visit(void *user, size_t partition, const fupin_dataset *ds)
{
    struct visits *v = user;
    assert_non_null(ds);
    v->order[v->n++] = partition;
    return partition == v->fail_at ? FUPIN_ERANGE : 0;
}

/* visits in partition order with 4 threads; a failing visit stops the walk with its code */
static void test_root_each_order_and_failing_visit(void **state)
{
    (void)state;
    fupin_root *r = NULL;
    FUPIN_OK_OR_FAIL(fupin_root_open(&r, sub("many")));
    assert_int_equal(fupin_root_each(NULL, 0, 1, visit, NULL), FUPIN_EINVAL);
    assert_int_equal(fupin_root_each(r, 0, 1, NULL, NULL), FUPIN_EINVAL);
    assert_int_equal(fupin_root_each_with_options(r, NULL, 1, visit, NULL), FUPIN_EINVAL);
    struct visits v = {0, {0}, 99};
    FUPIN_OK_OR_FAIL(fupin_root_each(r, 0, 4, visit, &v));
    assert_int_equal(v.n, 20);
    for (size_t i = 0; i < 20; i++)
        assert_int_equal(v.order[i], i);
    struct visits w = {0, {0}, 5};
    assert_int_equal(fupin_root_each(r, 0, 300, visit, &w), FUPIN_ERANGE);
    assert_int_equal(w.n, 6); /* 0..5, nothing after the failure */
    fupin_root_free(r);
}

/* a partition that fails to load strictly: its path starts the message; leniently the
 * bad row is skipped and every partition is visited */
static void test_root_partition_fails_to_load(void **state)
{
    (void)state;
    mk("bad");
    dataset("bad/a", "520102001001", INCOMES_HEAD);
    dataset("bad/b", "520102001002", INCOMES_HEAD);
    FILE *f = fopen(sub("bad/b/households.csv"), "ab");
    assert_non_null(f);
    fputs("HX,520102001002,notayear,,,,none,B,1,1,40,10,95,1\n", f);
    fclose(f);
    fupin_root *r = NULL;
    FUPIN_OK_OR_FAIL(fupin_root_open(&r, sub("bad")));
    struct visits v = {0, {0}, 99};
    int rc = fupin_root_each(r, 0, 2, visit, &v);
    assert_int_equal(rc, FUPIN_EPARSE);
    assert_int_equal(v.n, 1);
    const char *msg = fupin_last_error();
    assert_non_null(strstr(msg, "bad/b: households.csv:3: column registered_year"));
    struct visits w = {0, {0}, 99};
    FUPIN_OK_OR_FAIL(fupin_root_each(r, FUPIN_LOAD_LENIENT, 2, visit, &w));
    assert_int_equal(w.n, 2);
    fupin_root_free(r);
}

/* a village in two partitions is refused (it would be counted twice), also leniently */
static void test_root_village_in_two_partitions(void **state)
{
    (void)state;
    mk("dup");
    dataset("dup/a", "520102001001", INCOMES_HEAD);
    dataset("dup/b", "620103001001", INCOMES_HEAD);
    dataset("dup/c", "520102001001", INCOMES_HEAD);
    fupin_root *r = NULL;
    FUPIN_OK_OR_FAIL(fupin_root_open(&r, sub("dup")));
    for (int lenient = 0; lenient < 2; lenient++) {
        struct visits v = {0, {0}, 99};
        assert_int_equal(fupin_root_each(r, lenient ? FUPIN_LOAD_LENIENT : 0, 1, visit, &v),
                         FUPIN_EEXIST);
        assert_int_equal(v.n, 2);
        const char *msg = fupin_last_error();
        assert_non_null(strstr(msg, "dup/c: villages.csv: village 520102001001 is also in "
                                    "partition "));
        assert_non_null(strstr(msg, "dup/a (a village belongs to one partition)"));
    }
    /* fupin_root_group refuses it too, and NULL arguments */
    fupin_policy *p = NULL;
    fupin_evaluator *e = NULL;
    fupin_summary *s = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_builtin(&p, "national"));
    FUPIN_OK_OR_FAIL(fupin_evaluator_create(&e, p, 2024));
    FUPIN_OK_OR_FAIL(fupin_summary_create(&s));
    assert_int_equal(fupin_root_group(r, e, "52", 0, 1, s), FUPIN_EEXIST);
    assert_int_equal(fupin_root_group(NULL, e, "52", 0, 1, s), FUPIN_EINVAL);
    assert_int_equal(fupin_root_group(r, e, NULL, 0, 1, s), FUPIN_EINVAL);
    /* a bad prefix fails before any partition is loaded */
    assert_int_equal(fupin_root_group(r, e, "5x", 0, 1, s), FUPIN_EINVAL);
    fupin_summary_free(s);
    fupin_evaluator_free(e);
    fupin_policy_free(p);
    fupin_root_free(r);
}

/* folders are searched 64 levels below the root and no deeper: a dataset 64 levels
 * down is a partition, one 65 levels down is not found */
static void test_root_depth_limit(void **state)
{
    (void)state;
    char rel[512] = "deep";
    mk(rel);
    for (int level = 1; level <= 65; level++) {
        strcat(rel, "/d");
        mk(rel);
    }
    strcat(rel, "/x"); /* deep + 65 x d + x */
    dataset(rel, "520102001001", INCOMES_HEAD);
    fupin_root *r = NULL;
    /* from deep/d, x is 65 levels down (64 d folders and x) */
    assert_int_equal(fupin_root_open(&r, sub("deep/d")), FUPIN_ENOTFOUND);
    /* from deep/d/d, 64 levels down */
    FUPIN_OK_OR_FAIL(fupin_root_open(&r, sub("deep/d/d")));
    assert_int_equal(fupin_root_partition_count(r), 1);
    const char *path = fupin_root_partition_path(r, 0);
    assert_string_equal(path + strlen(path) - 4, "/d/x");
    fupin_root_free(r);
}

/* ------------------------------------------------------------ merges */

static char *text_of(const fupin_summary *s)
{
    size_t needed = 0;
    assert_int_equal(fupin_summary_serialize(s, NULL, 0, &needed), FUPIN_ENOSPC);
    char *buf = malloc(needed + 1);
    assert_non_null(buf);
    FUPIN_OK_OR_FAIL(fupin_summary_serialize(s, buf, needed + 1, NULL));
    return buf;
}

static void test_merge_parse_refusals(void **state)
{
    (void)state;
    fupin_summary *s = NULL;
    FUPIN_OK_OR_FAIL(fupin_summary_create(&s));
    assert_int_equal(fupin_summary_parse(NULL, "x", 1), FUPIN_EINVAL);
    assert_int_equal(fupin_summary_parse(s, NULL, 3), FUPIN_EINVAL);
    assert_int_equal(fupin_summary_parse(s, NULL, 0), FUPIN_EPARSE);
    assert_int_equal(fupin_summary_parse(s, "garbage\n", 8), FUPIN_EPARSE);
    assert_int_equal(fupin_summary_kind(s), FUPIN_SUMMARY_NONE);
    assert_int_equal(fupin_summary_merge(s, NULL), FUPIN_EINVAL);
    /* a village summary takes no merge of a group */
    fupin_policy *p = NULL;
    fupin_evaluator *e = NULL;
    fupin_dataset *ds = NULL;
    fupin_summary *g = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_builtin(&p, "national"));
    FUPIN_OK_OR_FAIL(fupin_evaluator_create(&e, p, 2024));
    FUPIN_OK_OR_FAIL(fupin_dataset_load(&ds, sub("bad/a"), 0));
    FUPIN_OK_OR_FAIL(fupin_evaluator_evaluate_village(e, fupin_dataset_village(ds, 0), s));
    FUPIN_OK_OR_FAIL(fupin_summary_create(&g));
    FUPIN_OK_OR_FAIL(fupin_evaluator_evaluate_group_villages(e, NULL, 0, "52", g));
    assert_int_equal(fupin_summary_merge(s, g), FUPIN_EINVAL);
    assert_non_null(strstr(fupin_last_error(), "a village summary cannot take a merge"));
    assert_int_equal(fupin_summary_kind(s), FUPIN_SUMMARY_VILLAGE);
    fupin_summary_free(g);
    fupin_dataset_free(ds);
    fupin_evaluator_free(e);
    fupin_policy_free(p);
    fupin_summary_free(s);
}

/* text with the first `from` replaced by `to` (which must occur) */
static char *replaced(const char *text, const char *from, const char *to)
{
    const char *at = strstr(text, from);
    assert_non_null(at);
    size_t n = strlen(text) - strlen(from) + strlen(to) + 1;
    char *out = malloc(n);
    assert_non_null(out);
    snprintf(out, n, "%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
    return out;
}

/* the empty group's text made one village of h households, all met, no alert, not
 * monitored, in category none */
static char *households(const char *text, const char *h)
{
    static const char *const line[][2] = {
        {"\nvillages 0 0 0 -2\n", "\nvillages 1 %s 0 0\n"},
        {"\nguarantee 0 0 0\n", "\nguarantee %s 0 0\n"},
        {"\nalerts 0 0 0 0\n", "\nalerts %s 0 0 0\n"},
        {"\ncategories 0 0 0 0 0\n", "\ncategories %s 0 0 0 0\n"},
        {"\nmonitor_exit 0 0 0\n", "\nmonitor_exit %s 0 0\n"},
        {"\nmpi_unknown 0\n", "\nmpi_unknown %s\n"},
    };
    char *cur = strdup(text);
    assert_non_null(cur);
    for (size_t i = 0; i < sizeof line / sizeof line[0]; i++) {
        char to[96];
        snprintf(to, sizeof to, line[i][1], h);
        char *next = replaced(cur, line[i][0], to);
        free(cur);
        cur = next;
    }
    return cur;
}

/* R-V4, R-V5: summaries that differ in one figure of their context do not merge; a
 * household count at INT64_MAX merged with one more overflows (ERANGE), the summary
 * unchanged; a village summary takes no merge */
static void test_merge_context_and_overflow(void **state)
{
    (void)state;
    fupin_policy *p = NULL;
    fupin_evaluator *e = NULL;
    fupin_summary *a = NULL, *b = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_builtin(&p, "national"));
    FUPIN_OK_OR_FAIL(fupin_evaluator_create(&e, p, 2024));
    FUPIN_OK_OR_FAIL(fupin_summary_create(&a));
    FUPIN_OK_OR_FAIL(fupin_summary_create(&b));
    FUPIN_OK_OR_FAIL(fupin_evaluator_evaluate_group_villages(e, NULL, 0, "52", a));
    char *t = text_of(a);
    static const char *const change[][2] = {
        {"\nsince 0\n", "\nsince 2020\n"},
        {"\nstats 40d693c000000000 ", "\nstats 40d693c000000001 "},
        {" 40d52ec000000000 ", " 40d52ec000000001 "},
        {" 3fd3333333333333 ", " 3fd3333333333334 "},
        {" 401a5560695e9203 ", " 401a5560695e9204 "},
        {" 40190eee8b417241 ", " 40190eee8b417242 "},
        {" 7ff8000000000000 7ff8000000000000 ", " 4000000000000000 7ff8000000000000 "},
        {" 7ff8000000000000 0000000000000000\n", " 4000000000000000 0000000000000000\n"},
        {"\nparams 0 1 ", "\nparams 0 0 "},
        {"\nparams 1 1 2 2 ", "\nparams 1 1 3 2 "},
        {"\nparams 2 1 2 2 1 ", "\nparams 2 1 2 2 0 "},
        {"\nparams 3 1 3 2 1 3fc249235f809918 ", "\nparams 3 1 3 2 1 3fc249235f809919 "},
        {" 3fc2492492492492 0000000000000000\nparams 1",
         " 3fc2492492492493 0000000000000000\nparams 1"},
    };
    for (size_t k = 0; k < sizeof change / sizeof change[0]; k++) {
        char *u = replaced(t, change[k][0], change[k][1]);
        int rc = fupin_summary_parse(b, u, strlen(u));
        if (rc)
            fail_msg("variant %zu does not parse: %s", k, fupin_last_error());
        assert_int_equal(fupin_summary_merge(a, b), FUPIN_EINVAL);
        if (!strstr(fupin_last_error(), "differ in year, span, national statistics"))
            fail_msg("variant %zu: %s", k, fupin_last_error());
        free(u);
    }
    /* overflow: H households, consistent on every line that counts them */
    char *big = households(t, "9223372036854775807");
    char *one = households(t, "1");
    FUPIN_OK_OR_FAIL(fupin_summary_parse(a, big, strlen(big)));
    FUPIN_OK_OR_FAIL(fupin_summary_parse(b, one, strlen(one)));
    int64_t h = 0;
    FUPIN_OK_OR_FAIL(fupin_summary_count(a, FUPIN_VC_HOUSEHOLDS, &h));
    assert_true(h == INT64_MAX);
    assert_int_equal(fupin_summary_merge(a, b), FUPIN_ERANGE);
    assert_non_null(strstr(fupin_last_error(), "a sum overflows"));
    FUPIN_OK_OR_FAIL(fupin_summary_count(a, FUPIN_VC_HOUSEHOLDS, &h));
    assert_true(h == INT64_MAX);
    /* one below the line: INT64_MAX - 1 + 1 fits */
    char *below = households(t, "9223372036854775806");
    FUPIN_OK_OR_FAIL(fupin_summary_parse(a, below, strlen(below)));
    FUPIN_OK_OR_FAIL(fupin_summary_merge(a, b));
    FUPIN_OK_OR_FAIL(fupin_summary_count(a, FUPIN_VC_HOUSEHOLDS, &h));
    assert_true(h == INT64_MAX);
    assert_int_equal(fupin_summary_village_count(a), 2);
    free(big);
    free(one);
    free(below);
    free(t);
    fupin_summary_free(a);
    fupin_summary_free(b);
    fupin_evaluator_free(e);
    fupin_policy_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_root_null_arguments),
        cmocka_unit_test(test_root_without_dataset),
        cmocka_unit_test(test_root_many_partitions_sorted),
        cmocka_unit_test(test_root_latest_year_none),
        cmocka_unit_test(test_root_latest_year_no_column),
        cmocka_unit_test(test_root_each_order_and_failing_visit),
        cmocka_unit_test(test_root_partition_fails_to_load),
        cmocka_unit_test(test_root_village_in_two_partitions),
        cmocka_unit_test(test_root_depth_limit),
        cmocka_unit_test(test_merge_parse_refusals),
        cmocka_unit_test(test_merge_context_and_overflow),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
