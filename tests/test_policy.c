/* Policies: the built-in national policy, lookup (docs/reference/rules.md section 7), policy files
 * (docs/policy.md) and `policy show` (docs/cli.md). Black-box. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

/* ------------------------------------------------------------ temporary files */

#define MAX_TMP 64
static char tmp_root[64];
static char tmp_paths[MAX_TMP][512];
static int tmp_is_dir[MAX_TMP];
static int n_tmp;

static int setup_tmp(void **state)
{
    (void)state;
    snprintf(tmp_root, sizeof tmp_root, "/tmp/fupin-policy-XXXXXX");
    n_tmp = 0;
    return tu_mkdtemp(tmp_root) ? 0 : -1;
}

static int teardown_tmp(void **state)
{
    (void)state;
    for (int i = n_tmp - 1; i >= 0; i--)
        (tmp_is_dir[i] ? rmdir : unlink)(tmp_paths[i]);
    rmdir(tmp_root);
    return 0;
}

static const char *tmp_path(const char *rel)
{
    static char buf[4][512];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", tmp_root, rel);
    return buf[k];
}

/* Write tmp_root/rel (rel may name one sub-folder, created as needed). */
static const char *write_file(const char *rel, const char *text, size_t len)
{
    const char *slash = strchr(rel, '/');
    if (slash) {
        char dir[256];
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - rel), rel);
        const char *d = tmp_path(dir);
        if (mkdir(d, 0700) == 0) {
            snprintf(tmp_paths[n_tmp], sizeof tmp_paths[n_tmp], "%s", d);
            tmp_is_dir[n_tmp++] = 1;
        }
    }
    const char *p = tmp_path(rel);
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, len, f), len);
    fclose(f);
    snprintf(tmp_paths[n_tmp], sizeof tmp_paths[n_tmp], "%s", p);
    tmp_is_dir[n_tmp++] = 0;
    return p;
}

static const char *write_text(const char *rel, const char *text)
{
    return write_file(rel, text, strlen(text));
}

/* ------------------------------------------------------------ helpers */

static fupin_policy *national(void)
{
    fupin_policy *p = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_builtin(&p, "national"));
    return p;
}

static double get(const fupin_policy *p, const char *name, const char *variant, int32_t year)
{
    double v = -1;
    FUPIN_OK_OR_FAIL(fupin_policy_get(p, name, variant, year, &v));
    return v;
}

static const char *origin(const fupin_policy *p, const char *name, const char *variant,
                          int32_t year)
{
    const char *o = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_origin(p, name, variant, year, &o));
    return o;
}

static fupin_policy *parse(const char *text)
{
    fupin_policy *p = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_parse(&p, text, strlen(text), "t.pol", tmp_root));
    return p;
}

/* The text must be rejected with exactly this code and message. */
static void expect_error(const char *text, size_t len, int code, const char *message)
{
    fupin_policy *p = (fupin_policy *)(uintptr_t)1;
    int rc = fupin_policy_parse(&p, text, len, "t.pol", tmp_root);
    assert_null(p);
    if (rc != code || strcmp(fupin_last_error(), message) != 0)
        fail_msg("rc %d, message \"%s\"; wanted %d, \"%s\"", rc, fupin_last_error(), code, message);
}

static void expect_parse_error(const char *text, const char *message)
{
    expect_error(text, strlen(text), FUPIN_EPARSE, message);
}

/* ------------------------------------------------------------ data/national-defaults.csv */

#define MAX_FIELDS 8

/* Split one CSV record (RFC 4180: quoted fields, "" inside quotes). Fields are
 * written into out[] as NUL-terminated strings in place. */
static int split_csv(char *line, char **out)
{
    int n = 0;
    char *r = line, *w = line;
    for (;;) {
        out[n++] = w;
        if (*r == '"') {
            r++;
            for (;;) {
                if (*r == '"' && r[1] == '"') {
                    *w++ = '"';
                    r += 2;
                } else if (*r == '"') {
                    r++;
                    break;
                } else if (!*r) {
                    return -1;
                } else {
                    *w++ = *r++;
                }
            }
        } else {
            while (*r && *r != ',')
                *w++ = *r++;
        }
        if (*r == ',' && n < MAX_FIELDS) {
            *w++ = '\0';
            r++;
            continue;
        }
        *w = '\0';
        return *r ? -1 : n;
    }
}

struct csv_row {
    char name[64], variant[16], kind[16], status[32], source[512];
    int32_t year;
    double value;
};

static size_t read_defaults(struct csv_row *rows, size_t cap)
{
    FILE *f = fopen(tu_source_path("data/national-defaults.csv"), "rb");
    char line[2048];
    size_t n = 0;
    assert_non_null(f);
    /* the file opens with comment lines (#), then the header */
    do
        assert_non_null(fgets(line, sizeof line, f));
    while (line[0] == '#');
    assert_string_equal(line, "name,variant,year,value,unit,kind,status,source\n");
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#')
            continue;
        char *fl[MAX_FIELDS];
        line[strcspn(line, "\r\n")] = '\0';
        if (!line[0])
            continue;
        assert_int_equal(split_csv(line, fl), 8);
        assert_true(n < cap);
        struct csv_row *r = &rows[n++];
        snprintf(r->name, sizeof r->name, "%s", fl[0]);
        snprintf(r->variant, sizeof r->variant, "%s", fl[1]);
        r->year = fl[2][0] ? (int32_t)atoi(fl[2]) : 0;
        r->value = strtod(fl[3], NULL);
        snprintf(r->kind, sizeof r->kind, "%s", fl[5]);
        snprintf(r->status, sizeof r->status, "%s", fl[6]);
        snprintf(r->source, sizeof r->source, "%s", fl[7]);
    }
    fclose(f);
    return n;
}

/* the built-in national policy carries exactly the rows of data/national-defaults.csv,
 * each with its source as origin. */
static void test_R7_builtin_national_equals_national_defaults_csv(void **state)
{
    (void)state;
    static struct csv_row rows[256];
    size_t n = read_defaults(rows, 256);
    fupin_policy *p = national();
    char want[600];
    assert_true(n > 50);
    assert_string_equal(fupin_policy_name(p), "national");
    for (size_t i = 0; i < n; i++) {
        const struct csv_row *r = &rows[i];
        const char *variant = r->variant[0] ? r->variant : NULL;
        /* An undated row is checked in a year with no dated entry around it. */
        int32_t year = r->year ? r->year : 2015;
        double v = get(p, r->name, variant, year);
        if (v != r->value)
            fail_msg("%s:%s@%d = %g, CSV says %g", r->name, r->variant, (int)r->year, v, r->value);
        snprintf(want, sizeof want, "built-in: %s", r->source);
        assert_string_equal(origin(p, r->name, variant, year), want);
    }
    /* The parameter list is the CSV's names, in the CSV's order. */
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (i == 0 || strcmp(rows[i].name, rows[i - 1].name) != 0) {
            assert_non_null(fupin_policy_param_name(k));
            assert_string_equal(fupin_policy_param_name(k), rows[i].name);
            k++;
        }
    assert_int_equal(fupin_policy_param_count(), k);
    assert_null(fupin_policy_param_name(k));
    fupin_policy_free(p);
}

/* The built-in values of low confidence (status unconfirmed, weak or widely quoted in
 * data/national-defaults.csv) are flagged on their `policy show` line, and no other
 * line is: checked row by row against the data file, in the row's own year. */
static void test_R7_policy_show_flags_exactly_the_low_confidence_rows(void **state)
{
    (void)state;
    static struct csv_row rows[256];
    size_t n = read_defaults(rows, 256), flagged = 0;
    fupin_policy *p = national();
    static char buf[65536];
    size_t needed = 0;
    for (size_t i = 0; i < n; i++) {
        const struct csv_row *r = &rows[i];
        int low = strcmp(r->status, "unconfirmed") == 0 || strcmp(r->status, "weak") == 0 ||
                  strcmp(r->status, "widely quoted") == 0;
        int32_t year = r->year ? r->year : 2015;
        FUPIN_OK_OR_FAIL(fupin_policy_show(p, year, buf, sizeof buf, &needed));
        char head[128], want[160];
        snprintf(head, sizeof head, "\n%s%s%s = ", r->name, r->variant[0] ? ":" : "", r->variant);
        /* the first line has no newline before it */
        const char *line = strncmp(buf, head + 1, strlen(head + 1)) == 0 ? buf : strstr(buf, head);
        assert_non_null(line);
        const char *end = strchr(line + 1, '\n');
        assert_non_null(end);
        snprintf(want, sizeof want, " [low confidence: %s]\n", r->status);
        int has = (size_t)(end + 1 - line) > strlen(want) &&
                  strncmp(end + 1 - strlen(want), want, strlen(want)) == 0;
        if (has != low)
            fail_msg("%s@%d (%s): flag %d, want %d", r->name, (int)r->year, r->status, has, low);
        if (low)
            flagged++;
    }
    assert_int_equal(flagged, 11); /* 3 poverty lines, 1 rural income, 7 CPI values */
    fupin_policy_free(p);
}

/* A policy file that replaces a low-confidence value makes it the file's own: no flag. */
static void test_R7_overriding_a_low_confidence_value_clears_its_flag(void **state)
{
    (void)state;
    fupin_policy *p = parse("rural_cpi@2021 = 0.9\n");
    static char buf[65536];
    size_t needed = 0;
    FUPIN_OK_OR_FAIL(fupin_policy_show(p, 2021, buf, sizeof buf, &needed));
    assert_non_null(strstr(buf, "\nrural_cpi = 0.9    # "));
    assert_null(strstr(strstr(buf, "\nrural_cpi = "), "low confidence"));
    FUPIN_OK_OR_FAIL(fupin_policy_show(p, 2022, buf, sizeof buf, &needed));
    assert_non_null(strstr(buf, "rural_cpi = 2    # built-in: as recalled; consistent with "
                                "income deflator [low confidence: unconfirmed]\n"));
    fupin_policy_free(p);
}

/* ------------------------------------------------------------ lookup */

static void test_R7_rule_stays_in_force_until_replaced(void **state)
{
    (void)state;
    fupin_policy *p = national();
    double v = -1;
    assert_true(get(p, "poverty_line", NULL, 2021) == 4000);
    assert_true(get(p, "poverty_line", NULL, 2020) == 4000);
    assert_true(get(p, "poverty_line", NULL, 2019) == 3218);
    assert_true(get(p, "poverty_line", NULL, 2017) == 2952);
    assert_true(get(p, "poverty_line", NULL, 2010) == 2300);
    assert_int_equal(fupin_policy_get(p, "poverty_line", NULL, 2009, &v), FUPIN_ENOTFOUND);
    assert_non_null(strstr(fupin_last_error(), "poverty_line has no value for 2009"));
    assert_true(v == -1);
    fupin_policy_free(p);
}

static void test_R7_statistic_is_never_carried_forward(void **state)
{
    (void)state;
    fupin_policy *p = national();
    double v = -1;
    assert_true(get(p, "national_rural_income", NULL, 2024) == 23119);
    assert_int_equal(fupin_policy_get(p, "national_rural_income", NULL, 2025, &v), FUPIN_ENOTFOUND);
    assert_non_null(strstr(fupin_last_error(), "national_rural_income has no value for 2025"));
    assert_int_equal(fupin_policy_get(p, "national_rural_income", NULL, 2012, &v), FUPIN_ENOTFOUND);
    assert_true(get(p, "rural_cpi", NULL, 2024) == 0.3);
    assert_int_equal(fupin_policy_get(p, "rural_cpi", NULL, 2025, &v), FUPIN_ENOTFOUND);
    fupin_policy_free(p);
}

/* R-A10/section 4: no monitoring threshold before 2020. */
static void test_R7_monitoring_threshold_starts_in_2020(void **state)
{
    (void)state;
    fupin_policy *p = national();
    double v = -1;
    assert_int_equal(fupin_policy_get(p, "monitoring_threshold", NULL, 2019, &v), FUPIN_ENOTFOUND);
    assert_true(get(p, "monitoring_threshold", NULL, 2020) == 6000);
    assert_true(get(p, "monitoring_threshold", NULL, 2025) == 6000);
    fupin_policy_free(p);
}

static void test_R7_variant_falls_back_to_the_plain_name(void **state)
{
    (void)state;
    fupin_policy *p = national();
    assert_true(get(p, "water_litres_min", "scarce", 2024) == 20);
    assert_true(get(p, "water_litres_min", NULL, 2024) == 35);
    assert_true(get(p, "water_litres_min", "east", 2024) == 35);
    assert_string_equal(origin(p, "water_litres_min", "east", 2024),
                        "built-in: T/CHES 18-2018 as used for poverty exit");
    assert_true(get(p, "village_exit_incidence_max", "west", 2024) == 0.03);
    assert_true(get(p, "village_exit_incidence_max", "central", 2024) == 0.02);
    assert_true(get(p, "village_exit_incidence_max", "east", 2024) == 0.02);
    assert_true(get(p, "village_exit_incidence_max", "", 2024) == 0.02);
    fupin_policy_free(p);
}

static void test_R7_unknown_name_or_variant_is_invalid(void **state)
{
    (void)state;
    fupin_policy *p = national();
    double v = -1;
    const char *o = "x";
    assert_int_equal(fupin_policy_get(p, "povety_line", NULL, 2020, &v), FUPIN_EINVAL);
    assert_non_null(strstr(fupin_last_error(), "povety_line"));
    assert_int_equal(fupin_policy_get(p, "poverty_line", "north", 2020, &v), FUPIN_EINVAL);
    assert_non_null(strstr(fupin_last_error(), "north"));
    assert_int_equal(fupin_policy_origin(p, "nope", NULL, 2020, &o), FUPIN_EINVAL);
    assert_null(o);
    assert_int_equal(fupin_policy_get(NULL, "poverty_line", NULL, 2020, &v), FUPIN_EINVAL);
    assert_int_equal(fupin_policy_get(p, NULL, NULL, 2020, &v), FUPIN_EINVAL);
    assert_int_equal(fupin_policy_set(p, "nope", NULL, 0, 1), FUPIN_EINVAL);
    assert_int_equal(fupin_policy_set(p, "poverty_line", "north", 0, 1), FUPIN_EINVAL);
    assert_true(v == -1);
    fupin_policy_free(p);
}

static void test_R7_set_undated_replaces_series_and_dated_layers_on_top(void **state)
{
    (void)state;
    fupin_policy *p = national();
    double v;
    FUPIN_OK_OR_FAIL(fupin_policy_set(p, "poverty_line", NULL, 2024, 4200));
    assert_true(get(p, "poverty_line", NULL, 2023) == 4000);
    assert_true(get(p, "poverty_line", NULL, 2024) == 4200);
    assert_true(get(p, "poverty_line", NULL, 2030) == 4200);
    assert_true(get(p, "poverty_line", NULL, 2010) == 2300);
    assert_string_equal(origin(p, "poverty_line", NULL, 2024), "set by API");
    FUPIN_OK_OR_FAIL(fupin_policy_set(p, "poverty_line", NULL, 0, 5000));
    assert_true(get(p, "poverty_line", NULL, 1949) == 5000);
    assert_true(get(p, "poverty_line", NULL, 2024) == 5000);
    FUPIN_OK_OR_FAIL(fupin_policy_set(p, "poverty_line", NULL, 2025, 5100));
    assert_true(get(p, "poverty_line", NULL, 2024) == 5000);
    assert_true(get(p, "poverty_line", NULL, 2025) == 5100);
    /* A variant series is its own: replacing it leaves the plain one alone. */
    FUPIN_OK_OR_FAIL(fupin_policy_set(p, "water_litres_min", "scarce", 0, 25));
    assert_true(get(p, "water_litres_min", "scarce", 2024) == 25);
    assert_true(get(p, "water_litres_min", NULL, 2024) == 35);
    /* Bad values change nothing. */
    assert_int_equal(fupin_policy_set(p, "poverty_line", NULL, 1948, 1), FUPIN_EINVAL);
    assert_int_equal(fupin_policy_set(p, "poverty_line", NULL, 2101, 1), FUPIN_EINVAL);
    assert_int_equal(fupin_policy_set(p, "poverty_line", NULL, 0, -1), FUPIN_ERANGE);
    assert_int_equal(fupin_policy_set(p, "school_age_min", NULL, 0, 6.5), FUPIN_EINVAL);
    assert_int_equal(fupin_policy_set(p, "village_require_clinic", NULL, 0, 2), FUPIN_EINVAL);
    assert_true(get(p, "poverty_line", NULL, 2024) == 5000);
    assert_true(get(p, "school_age_min", NULL, 2024) == 6);
    FUPIN_OK_OR_FAIL(fupin_policy_set(p, "rural_cpi", NULL, 2025, -0.4));
    assert_int_equal(fupin_policy_get(p, "rural_cpi", NULL, 2025, &v), 0);
    assert_true(v == -0.4);
    fupin_policy_free(p);
}

static void test_R7_copies_are_independent(void **state)
{
    (void)state;
    fupin_policy *a = national(), *b = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_copy(&b, a));
    FUPIN_OK_OR_FAIL(fupin_policy_set(b, "poverty_line", NULL, 0, 9000));
    FUPIN_OK_OR_FAIL(fupin_policy_set(a, "mpi_k", NULL, 0, 0.5));
    assert_true(get(a, "poverty_line", NULL, 2024) == 4000);
    assert_true(get(b, "poverty_line", NULL, 2024) == 9000);
    assert_true(get(b, "mpi_k", NULL, 2024) == 0.142857);
    assert_string_equal(fupin_policy_name(b), "national");
    fupin_policy_free(a);
    assert_true(get(b, "national_rural_income", NULL, 2024) == 23119);
    fupin_policy_free(b);
}

/* ------------------------------------------------------------ policy files */

static void test_F2_example_file_of_formats_md_adjusts_national(void **state)
{
    (void)state;
    fupin_policy *p = parse("# comment\n"
                            "name = Example province 2024\n"
                            "extends = national            # a built-in name\n"
                            "\n"
                            "poverty_line@2024 = 4200       # from 2024 on\n"
                            "monitoring_threshold@2024 = 7600\n"
                            "income_drop_ratio = 0.25       # undated: every year\n"
                            "water_litres_min:scarce = 20\n"
                            "village_exit_incidence_max:west = 0.03\n");
    assert_string_equal(fupin_policy_name(p), "Example province 2024");
    assert_true(get(p, "poverty_line", NULL, 2023) == 4000);
    assert_true(get(p, "poverty_line", NULL, 2024) == 4200);
    assert_string_equal(origin(p, "poverty_line", NULL, 2024), "t.pol:5");
    assert_string_equal(origin(p, "poverty_line", NULL, 2023),
                        "built-in: SCIO press conference 2021-04-06: 'about 4000 yuan'");
    assert_true(get(p, "monitoring_threshold", NULL, 2023) == 6000);
    assert_true(get(p, "monitoring_threshold", NULL, 2024) == 7600);
    assert_true(get(p, "income_drop_ratio", NULL, 2013) == 0.25);
    assert_string_equal(origin(p, "water_litres_min", "scarce", 2024), "t.pol:8");
    assert_string_equal(origin(p, "village_exit_incidence_max", "west", 2024), "t.pol:9");
    /* Untouched parameters keep national values. */
    assert_true(get(p, "national_rural_income", NULL, 2024) == 23119);
    fupin_policy_free(p);
}

static void test_F2_spaces_around_tokens_and_number_forms(void **state)
{
    (void)state;
    fupin_policy *p = parse("\t poverty_line : west @ 2024\t=\t+4.2e3 \n"
                            "income_drop_ratio=25E-2\n"
                            "rigid_expense_ratio = 1.50\n"
                            "mpi_k = 0.000142857e3\n"
                            "school_age_max = 1.6e1\n"
                            "rural_cpi@2025 = -1.5\n"
                            "county_exit_incidence_max = 0\n");
    assert_true(get(p, "poverty_line", "west", 2024) == 4200);
    assert_true(get(p, "poverty_line", "east", 2024) == 4000);
    assert_true(get(p, "income_drop_ratio", NULL, 2024) == 0.25);
    assert_true(get(p, "rigid_expense_ratio", NULL, 2024) == 1.5);
    assert_true(get(p, "mpi_k", NULL, 2024) == 0.142857);
    assert_true(get(p, "school_age_max", NULL, 2024) == 16);
    assert_true(get(p, "rural_cpi", NULL, 2025) == -1.5);
    assert_true(get(p, "county_exit_incidence_max", "west", 2024) == 0.03);
    assert_true(get(p, "county_exit_incidence_max", NULL, 2024) == 0);
    /* No name line: the file's base name without its extension. */
    assert_string_equal(fupin_policy_name(p), "t");
    fupin_policy_free(p);
}

static void
test_F2_undated_replaces_inherited_series_and_dated_layers_whatever_the_order(void **state)
{
    (void)state;
    const char *orders[2] = {"poverty_line = 5000\npoverty_line@2024 = 4200\n",
                             "poverty_line@2024 = 4200\npoverty_line = 5000\n"};
    for (int i = 0; i < 2; i++) {
        fupin_policy *p = parse(orders[i]);
        assert_true(get(p, "poverty_line", NULL, 1949) == 5000);
        assert_true(get(p, "poverty_line", NULL, 2010) == 5000);
        assert_true(get(p, "poverty_line", NULL, 2023) == 5000);
        assert_true(get(p, "poverty_line", NULL, 2024) == 4200);
        assert_true(get(p, "poverty_line", NULL, 2100) == 4200);
        assert_string_equal(origin(p, "poverty_line", NULL, 2023), i == 0 ? "t.pol:1" : "t.pol:2");
        fupin_policy_free(p);
    }
}

static void test_F1_crlf_bom_comments_and_no_final_newline_are_accepted(void **state)
{
    (void)state;
    fupin_policy *p = parse("\xEF\xBB\xBF# policy # with hashes\r\n"
                            "name = Yunnan # not part of the name\r\n"
                            "\r\n"
                            "   # indented comment\r\n"
                            "poverty_line@2024 = 4300#tight comment\r\n"
                            "monitoring_threshold@2025 = 8700");
    assert_string_equal(fupin_policy_name(p), "Yunnan");
    assert_true(get(p, "poverty_line", NULL, 2024) == 4300);
    assert_string_equal(origin(p, "poverty_line", NULL, 2024), "t.pol:5");
    assert_true(get(p, "monitoring_threshold", NULL, 2025) == 8700);
    assert_string_equal(origin(p, "monitoring_threshold", NULL, 2025), "t.pol:6");
    fupin_policy_free(p);
    /* An empty file is national under the file's name. */
    p = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_parse(&p, NULL, 0, "empty.policy", NULL));
    assert_string_equal(fupin_policy_name(p), "empty");
    assert_true(get(p, "poverty_line", NULL, 2024) == 4000);
    fupin_policy_free(p);
}

static void test_F2_unknown_parameter_is_reported_at_its_line(void **state)
{
    (void)state;
    expect_parse_error(
        "# x\npoverty_line = 1\npovrety_line = 4000\n",
        "t.pol:3: unknown parameter, did you mean poverty_line? (got \"povrety_line\")");
    expect_parse_error(" = 4000\n", "t.pol:1: unknown parameter (got \"\")");
    expect_parse_error("Poverty_line = 4000\n",
                       "t.pol:1: unknown parameter, did you mean poverty_line? "
                       "(got \"Poverty_line\")");
}

static void test_F2_unknown_variant_is_reported_at_its_line(void **state)
{
    (void)state;
    expect_parse_error("\n\nwater_litres_min:north = 20\n",
                       "t.pol:3: unknown variant (scarce, east, central or west) (got \"north\")");
    expect_parse_error("water_litres_min: = 20\n",
                       "t.pol:1: unknown variant (scarce, east, central or west) (got \"\")");
    /* a misspelt variant gets the one meant: "wset" is "west" with two letters swapped */
    expect_parse_error("poverty_line:wset = 4000\n",
                       "t.pol:1: unknown variant (scarce, east, central or west), did you mean "
                       "west? (got \"wset\")");
}

static void test_F2_duplicate_keys_are_reported_at_the_second_line(void **state)
{
    (void)state;
    expect_parse_error(
        "poverty_line@2024 = 1\n# c\npoverty_line @ 2024 = 2\n",
        "t.pol:3: duplicate key, first given on line 1 (got \"poverty_line @ 2024\")");
    expect_parse_error("mpi_k = 1\nmpi_k = 1\n",
                       "t.pol:2: duplicate key, first given on line 1 (got \"mpi_k\")");
    expect_parse_error(
        "water_litres_min:scarce = 1\nwater_litres_min = 1\n"
        "water_litres_min:scarce=2\n",
        "t.pol:3: duplicate key, first given on line 1 (got \"water_litres_min:scarce\")");
    expect_parse_error("name = a\nname = b\n",
                       "t.pol:2: duplicate name, first given on line 1 (got \"name\")");
    expect_parse_error("extends = national\n\n\nextends = national\n",
                       "t.pol:4: duplicate extends, first given on line 1 (got \"extends\")");
    /* Different variant or year is not a duplicate. */
    fupin_policy *p = parse("poverty_line = 1\npoverty_line@2024 = 2\npoverty_line:west = 3\n"
                            "poverty_line:west@2024 = 4\npoverty_line@2025 = 5\n");
    assert_true(get(p, "poverty_line", "west", 2024) == 4);
    fupin_policy_free(p);
}

static void test_F2_line_without_equals_is_reported(void **state)
{
    (void)state;
    /* issue 11: only a known parameter name is quoted, never the rest of the line */
    expect_parse_error("name = x\npoverty_line 4000   # forgot it\n",
                       "t.pol:2: expected NAME = VALUE after \"poverty_line\"");
    expect_parse_error("name = x\r\n\r\n[section]\r\n",
                       "t.pol:3: not a policy line: expected NAME = VALUE (a policy file holds "
                       "only such lines and comments)");
}

static void test_F2_bad_numbers_are_reported(void **state)
{
    (void)state;
    static const char *const bad[] = {"4,000", "4 000", "inf", "nan",      "NaN",   "-inf",
                                      "0x10",  ".5",    "5.",  "1e",       "1e+",   "e5",
                                      "--1",   "+",     "",    "4000yuan", "1.2.3", "١٢"};
    char text[128], msg[256];
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        snprintf(text, sizeof text, "mpi_k = 1\npoverty_line@2024 = %s\n", bad[i]);
        snprintf(msg, sizeof msg, "t.pol:2: poverty_line: not a number (got \"%s\")", bad[i]);
        expect_parse_error(text, msg);
    }
    expect_parse_error("poverty_line = 1e999\n",
                       "t.pol:1: poverty_line: not a finite number (got \"1e999\")");
}

static void test_F2_bad_years_are_reported(void **state)
{
    (void)state;
    expect_parse_error("poverty_line@24 = 1\n",
                       "t.pol:1: not a 4-digit year (years 1949..2100) (got \"24\")");
    expect_parse_error("poverty_line@1948 = 1\n",
                       "t.pol:1: year out of range (years 1949..2100) (got \"1948\")");
    expect_parse_error("poverty_line@2101 = 1\n",
                       "t.pol:1: year out of range (years 1949..2100) (got \"2101\")");
    expect_parse_error("poverty_line@ = 1\n",
                       "t.pol:1: not a 4-digit year (years 1949..2100) (got \"\")");
    expect_parse_error("poverty_line@+202 = 1\n",
                       "t.pol:1: not a 4-digit year (years 1949..2100) (got \"+202\")");
    expect_parse_error("name@2024 = x\n",
                       "t.pol:1: name takes no variant or year (got \"name@2024\")");
    expect_parse_error("extends:west = national\n",
                       "t.pol:1: extends takes no variant or year (got \"extends:west\")");
    fupin_policy *p = parse("poverty_line@1949 = 1\npoverty_line@2100 = 2\n");
    assert_true(get(p, "poverty_line", NULL, 1949) == 1);
    assert_true(get(p, "poverty_line", NULL, 2100) == 2);
    fupin_policy_free(p);
}

static void test_F2_values_outside_their_type_are_reported(void **state)
{
    (void)state;
    expect_parse_error("school_age_min = 6.5\n",
                       "t.pol:1: school_age_min: must be a whole number (got \"6.5\")");
    expect_parse_error("\nmonitor_min_months = -6\n",
                       "t.pol:2: monitor_min_months: must be a whole number (got \"-6\")");
    expect_parse_error("village_require_clinic = 2\n",
                       "t.pol:1: village_require_clinic: must be 0 or 1 (got \"2\")");
    expect_parse_error("village_require_clinic = 0.5\n",
                       "t.pol:1: village_require_clinic: must be 0 or 1 (got \"0.5\")");
    expect_parse_error("poverty_line = -1\n",
                       "t.pol:1: poverty_line: may not be negative (got \"-1\")");
    expect_parse_error("name =\n", "t.pol:1: name is empty (got \"\")");
    expect_parse_error("extends =   # nothing\n",
                       "t.pol:1: extends needs a policy name or path (got \"\")");
    expect_parse_error("name = a\x01z\n", "t.pol:1: name is not printable UTF-8 (got \"a\\x01z\")");
    expect_parse_error("name = \xff\n", "t.pol:1: name is not printable UTF-8 (got \"\xff\")");
    /* Whole numbers written as decimals are whole; -0 is zero. */
    fupin_policy *p = parse("school_age_min = 7.0\nvillage_require_clinic = 1e0\n"
                            "poverty_line = -0\nname = 云南省 2024\n");
    assert_true(get(p, "school_age_min", NULL, 2024) == 7);
    assert_true(get(p, "village_require_clinic", NULL, 2024) == 1);
    assert_true(get(p, "poverty_line", NULL, 2024) == 0);
    assert_string_equal(fupin_policy_name(p), "云南省 2024");
    fupin_policy_free(p);
}

static void test_F2_nul_bytes_and_long_lines_are_rejected_not_crashed_on(void **state)
{
    (void)state;
    static const char nul_text[] = "mpi_k = 1\npoverty_line = 4\0001\n";
    expect_error(nul_text, sizeof nul_text - 1, FUPIN_EPARSE,
                 "t.pol:2: poverty_line: not a number (got \"4\\x001\")");
    static const char nul_name[] = "name = a\0b\n";
    expect_error(nul_name, sizeof nul_name - 1, FUPIN_EPARSE,
                 "t.pol:1: name is not printable UTF-8 (got \"a\\x00b\")");
    /* A NUL inside a comment is only comment. */
    static const char nul_comment[] = "mpi_k = 0.5 # \0\n";
    fupin_policy *p = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_parse(&p, nul_comment, sizeof nul_comment - 1, "t.pol", NULL));
    fupin_policy_free(p);

    /* volatile: GCC's -Warray-bounds misjudges the heap block's size under ASan */
    volatile size_t n_ = 100000;
    size_t n = n_;
    char *big = malloc(n + 32);
    if (!big)
        fail_msg("out of memory"); /* (not assert_non_null: the compiler must see it) */
    memcpy(big, "mpi_k = 1\npoverty_line = ", 25);
    memset(big + 25, '9', n);
    memcpy(big + 25 + n, "x\n", 3);
    p = (fupin_policy *)(uintptr_t)1;
    assert_int_equal(fupin_policy_parse(&p, big, strlen(big), "t.pol", NULL), FUPIN_EPARSE);
    assert_null(p);
    assert_non_null(strstr(fupin_last_error(),
                           "t.pol:2: poverty_line: number longer than 100 characters (got \"999"));
    /* A number of up to 100 characters is a number; a longer one is refused. */
    char num[128];
    memset(num, '0', sizeof num);
    memcpy(num, "mpi_k = 0.", 10);
    num[10 + 97] = '5';
    num[10 + 98] = '\0';
    assert_int_equal(strlen(num + 8), 100);
    FUPIN_OK_OR_FAIL(fupin_policy_parse(&p, num, strlen(num), "t.pol", NULL));
    assert_true(get(p, "mpi_k", NULL, 2024) == 5e-98);
    fupin_policy_free(p);
    memcpy(num + 10 + 97, "05", 3);
    assert_int_equal(fupin_policy_parse(&p, num, strlen(num), "t.pol", NULL), FUPIN_EPARSE);
    assert_non_null(
        strstr(fupin_last_error(), "t.pol:1: mpi_k: number longer than 100 characters"));
    assert_null(p);
    free(big);
}

/* ------------------------------------------------------------ extends */

static void test_F2_extends_chain_through_relative_paths_in_other_folders(void **state)
{
    (void)state;
    write_text("b/grand.pol", "name = grand\n"
                              "poverty_line@2024 = 4100\n"
                              "income_drop_ratio = 0.2\n"
                              "mpi_k = 0.5\n");
    write_text("b/parent.pol", "extends = grand.pol\n"
                               "# parent\n"
                               "poverty_line@2024 = 4200\n"
                               "monitoring_threshold@2024 = 7000\n"
                               "mpi_k@2024 = 0.25\n");
    const char *child = write_text("a/child.pol", "name = child policy\n"
                                                  "extends = ../b/parent.pol\n"
                                                  "\n"
                                                  "poverty_line@2024 = 4300\n");
    fupin_policy *p = NULL;
    char want[600];
    FUPIN_OK_OR_FAIL(fupin_policy_load(&p, child));
    assert_string_equal(fupin_policy_name(p), "child policy");
    assert_true(get(p, "poverty_line", NULL, 2024) == 4300);
    snprintf(want, sizeof want, "%s:4", child);
    assert_string_equal(origin(p, "poverty_line", NULL, 2024), want);
    assert_true(get(p, "poverty_line", NULL, 2023) == 4000);
    assert_true(get(p, "monitoring_threshold", NULL, 2024) == 7000);
    snprintf(want, sizeof want, "%s/a/../b/parent.pol:4", tmp_root);
    assert_string_equal(origin(p, "monitoring_threshold", NULL, 2024), want);
    assert_true(get(p, "income_drop_ratio", NULL, 2024) == 0.2);
    snprintf(want, sizeof want, "%s/a/../b/grand.pol:3", tmp_root);
    assert_string_equal(origin(p, "income_drop_ratio", NULL, 2024), want);
    /* The parent's dated mpi_k layers on the grandparent's undated one. */
    assert_true(get(p, "mpi_k", NULL, 2023) == 0.5);
    assert_true(get(p, "mpi_k", NULL, 2024) == 0.25);

    /* policy show: the value overridden three times shows the child's line. */
    char buf[8192];
    size_t needed = 0;
    FUPIN_OK_OR_FAIL(fupin_policy_show(p, 2024, buf, sizeof buf, &needed));
    assert_int_equal(needed, strlen(buf));
    snprintf(want, sizeof want,
             "poverty_line = 4300    # %s:4\n"
             "monitoring_threshold = 7000    # %s/a/../b/parent.pol:4\n"
             "national_rural_income = 23119    # built-in: NBS press "
             "conference 2025-01-17\n",
             child, tmp_root);
    assert_memory_equal(buf, want, strlen(want));
    snprintf(want, sizeof want, "\nincome_drop_ratio = 0.2    # %s/a/../b/grand.pol:3\n", tmp_root);
    assert_non_null(strstr(buf, want));
    snprintf(want, sizeof want, "\nmpi_k = 0.25    # %s/a/../b/parent.pol:5\n", tmp_root);
    assert_non_null(strstr(buf, want));
    fupin_policy_free(p);

    /* Parsing text "in" a folder resolves extends from that folder. */
    char dir[600];
    snprintf(dir, sizeof dir, "%s/b", tmp_root);
    const char *text = "extends = parent.pol\n";
    FUPIN_OK_OR_FAIL(fupin_policy_parse(&p, text, strlen(text), "mem.pol", dir));
    assert_true(get(p, "poverty_line", NULL, 2024) == 4200);
    assert_string_equal(fupin_policy_name(p), "mem");
    fupin_policy_free(p);
}

static void test_F2_extends_national_means_the_builtin_even_beside_a_file_of_that_name(void **state)
{
    (void)state;
    write_text("n/national", "poverty_line = 1\n");
    const char *f = write_text("n/child.pol", "extends = national\n");
    fupin_policy *p = NULL;
    FUPIN_OK_OR_FAIL(fupin_policy_load(&p, f));
    assert_true(get(p, "poverty_line", NULL, 2024) == 4000);
    assert_string_equal(fupin_policy_name(p), "child");
    fupin_policy_free(p);
    FUPIN_OK_OR_FAIL(fupin_policy_load(&p, "national"));
    assert_string_equal(fupin_policy_name(p), "national");
    fupin_policy_free(p);
}

static void test_F2_extends_cycle_is_reported_at_the_closing_line(void **state)
{
    (void)state;
    const char *a = write_text("c/a.pol", "name = a\nextends = b.pol\n");
    write_text("c/b.pol", "# b\n\nextends = ./a.pol\n");
    fupin_policy *p = (fupin_policy *)(uintptr_t)1;
    char want[700];
    assert_int_equal(fupin_policy_load(&p, a), FUPIN_EPARSE);
    assert_null(p);
    snprintf(want, sizeof want,
             "%s/c/b.pol:3: extends cycle: that file is already being loaded (got \"./a.pol\")",
             tmp_root);
    assert_string_equal(fupin_last_error(), want);

    const char *self = write_text("c/self.pol", "extends = self.pol\n");
    assert_int_equal(fupin_policy_load(&p, self), FUPIN_EPARSE);
    snprintf(want, sizeof want,
             "%s:1: extends cycle: that file is already being loaded (got \"self.pol\")", self);
    assert_string_equal(fupin_last_error(), want);
    assert_null(p);
}

static void test_F2_missing_parent_is_not_found_at_the_extends_line(void **state)
{
    (void)state;
    const char *f = write_text("m/child.pol", "poverty_line = 1\n\nextends = gone.pol # typo\n");
    fupin_policy *p = (fupin_policy *)(uintptr_t)1;
    char want[700];
    assert_int_equal(fupin_policy_load(&p, f), FUPIN_ENOTFOUND);
    assert_null(p);
    snprintf(want, sizeof want,
             "%s:3: parent policy file \"%s/m/gone.pol\": no such file (got \"gone.pol\")", f,
             tmp_root);
    assert_string_equal(fupin_last_error(), want);
    /* An error inside a parent names the parent's file and line. */
    write_text("m/bad.pol", "mpi_k = 1\nmpi_k = x\n");
    f = write_text("m/c2.pol", "extends = bad.pol\n");
    assert_int_equal(fupin_policy_load(&p, f), FUPIN_EPARSE);
    snprintf(want, sizeof want, "%s/m/bad.pol:2: mpi_k: not a number (got \"x\")", tmp_root);
    assert_string_equal(fupin_last_error(), want);
    /* A folder is not a policy file. */
    f = write_text("m/c3.pol", "extends = .\n");
    assert_int_equal(fupin_policy_load(&p, f), FUPIN_EIO);
    assert_non_null(strstr(fupin_last_error(), ":1: parent policy file"));
    assert_null(p);
}

static void test_F2_unreadable_top_file_names_the_file(void **state)
{
    (void)state;
    fupin_policy *p = (fupin_policy *)(uintptr_t)1;
    const char *missing = tmp_path("nope.pol");
    char want[700];
    assert_int_equal(fupin_policy_load(&p, missing), FUPIN_ENOTFOUND);
    assert_null(p);
    snprintf(want, sizeof want, "policy file \"%s\": no such file", missing);
    assert_string_equal(fupin_last_error(), want);
    assert_int_equal(fupin_policy_load(&p, tmp_root), FUPIN_EIO);
    assert_non_null(strstr(fupin_last_error(), tmp_root));
    assert_null(p);
    assert_int_equal(fupin_policy_load(&p, NULL), FUPIN_EINVAL);
    assert_int_equal(fupin_policy_load(NULL, "national"), FUPIN_EINVAL);
    assert_int_equal(fupin_policy_parse(&p, NULL, 3, "t.pol", NULL), FUPIN_EINVAL);
    assert_int_equal(fupin_policy_parse(&p, "", 0, NULL, NULL), FUPIN_EINVAL);
    assert_null(p);
}

/* ------------------------------------------------------------ policy show */

static void test_F5_policy_show_prints_values_in_force_in_csv_order(void **state)
{
    (void)state;
    fupin_policy *p = parse("mpi_k = 0.3\nrigid_expense_ratio = 2.8\n"
                            "water_minutes_max:west = 1e25\nwater_minutes_max:east = 1e-7\n");
    char buf[8192];
    size_t needed = 0;
    FUPIN_OK_OR_FAIL(fupin_policy_show(p, 2009, buf, sizeof buf, &needed));
    /* 2009: no poverty line, no threshold, no statistics; undated rules in CSV order. */
    const char *want =
        "school_age_min = 6    # built-in: compulsory-education ages 6-15: 2021 national "
        "poverty census bulletin\n"
        "school_age_max = 15    # built-in: compulsory-education ages 6-15: 2021 national "
        "poverty census bulletin\n"
        "school_age_month = 8    # built-in: age counted on 31 August of the evaluation year "
        "(school-year entry cut-off)\n"
        "school_age_day = 31    # built-in: age counted on 31 August of the evaluation year "
        "(school-year entry cut-off)\n"
        "water_litres_min = 35    # built-in: T/CHES 18-2018 as used for poverty exit\n"
        "water_litres_min:scarce = 20    # built-in: T/CHES 18-2018 as used for poverty exit; "
        "(water-scarce areas)\n"
        "water_minutes_max = 20    # built-in: T/CHES 18-2018 as used for poverty exit; (or "
        "piped to the house)\n"
        "water_minutes_max:east = 1e-7    # t.pol:4\n"
        "water_minutes_max:west = 1e+25    # t.pol:3\n"
        "water_supply_rate_min = 90    # built-in: T/CHES 18-2018 as used for poverty exit; (at "
        "most 36 days of shortfall a year)\n"
        "income_drop_ratio = 0.3    # built-in: 'sharp income drop' has no national figure; "
        "provinces set it\n"
        "rigid_expense_ratio = 2.8    # t.pol:2\n"
        "monitor_min_months = 6    # built-in: risk elimination after at least about six "
        "months of monitoring (county rules in Anhui)\n";
    assert_memory_equal(buf, want, strlen(want));
    assert_non_null(strstr(buf, "\nmpi_k = 0.3    # t.pol:1\nmpi_weight_food = 1    # "));
    assert_null(strstr(buf, "poverty_line"));
    assert_null(strstr(buf, "monitoring_threshold"));
    assert_null(strstr(buf, "rural"));
    assert_int_equal(needed, strlen(buf));
    fupin_policy_free(p);

    p = national();
    FUPIN_OK_OR_FAIL(fupin_policy_show(p, 2024, buf, sizeof buf, &needed));
    assert_memory_equal(buf, "poverty_line = 4000    # built-in: SCIO", 39);
    assert_non_null(strstr(buf, "\nrural_cpi = 0.3    # built-in: deflator implied"));
    assert_non_null(strstr(buf, "\nrigid_expense_ratio = 1    # built-in"));
    assert_non_null(strstr(buf, "\nmpi_k = 0.142857    # built-in"));
    assert_non_null(strstr(buf, "\nvillage_exit_incidence_max:west = 0.03    # built-in"));
    FUPIN_OK_OR_FAIL(fupin_policy_show(p, 2013, buf, sizeof buf, &needed));
    assert_non_null(
        strstr(buf, "\nrural_cpi = 2.8    # built-in: NBS December 2013 CPI release\n"));
    assert_non_null(strstr(buf, "\nnational_rural_income = 9430    # built-in"));

    /* Too small: ENOSPC with the size needed; exactly needed+1 works. */
    size_t full = needed;
    char small[8];
    assert_int_equal(fupin_policy_show(p, 2013, small, sizeof small, &needed), FUPIN_ENOSPC);
    assert_int_equal(needed, full);
    assert_int_equal(fupin_policy_show(p, 2013, NULL, 0, &needed), FUPIN_ENOSPC);
    assert_int_equal(needed, full);
    char *exact = malloc(full + 1);
    assert_non_null(exact);
    FUPIN_OK_OR_FAIL(fupin_policy_show(p, 2013, exact, full + 1, NULL));
    assert_string_equal(exact, buf);
    assert_int_equal(fupin_policy_show(p, 2013, exact, full, &needed), FUPIN_ENOSPC);
    free(exact);
    assert_int_equal(fupin_policy_show(NULL, 2013, buf, sizeof buf, &needed), FUPIN_EINVAL);
    fupin_policy_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_R7_builtin_national_equals_national_defaults_csv),
        cmocka_unit_test(test_R7_policy_show_flags_exactly_the_low_confidence_rows),
        cmocka_unit_test(test_R7_overriding_a_low_confidence_value_clears_its_flag),
        cmocka_unit_test(test_R7_rule_stays_in_force_until_replaced),
        cmocka_unit_test(test_R7_statistic_is_never_carried_forward),
        cmocka_unit_test(test_R7_monitoring_threshold_starts_in_2020),
        cmocka_unit_test(test_R7_variant_falls_back_to_the_plain_name),
        cmocka_unit_test(test_R7_unknown_name_or_variant_is_invalid),
        cmocka_unit_test(test_R7_set_undated_replaces_series_and_dated_layers_on_top),
        cmocka_unit_test(test_R7_copies_are_independent),
        cmocka_unit_test(test_F2_example_file_of_formats_md_adjusts_national),
        cmocka_unit_test(test_F2_spaces_around_tokens_and_number_forms),
        cmocka_unit_test(
            test_F2_undated_replaces_inherited_series_and_dated_layers_whatever_the_order),
        cmocka_unit_test(test_F1_crlf_bom_comments_and_no_final_newline_are_accepted),
        cmocka_unit_test(test_F2_unknown_parameter_is_reported_at_its_line),
        cmocka_unit_test(test_F2_unknown_variant_is_reported_at_its_line),
        cmocka_unit_test(test_F2_duplicate_keys_are_reported_at_the_second_line),
        cmocka_unit_test(test_F2_line_without_equals_is_reported),
        cmocka_unit_test(test_F2_bad_numbers_are_reported),
        cmocka_unit_test(test_F2_bad_years_are_reported),
        cmocka_unit_test(test_F2_values_outside_their_type_are_reported),
        cmocka_unit_test(test_F2_nul_bytes_and_long_lines_are_rejected_not_crashed_on),
        cmocka_unit_test(test_F2_extends_chain_through_relative_paths_in_other_folders),
        cmocka_unit_test(
            test_F2_extends_national_means_the_builtin_even_beside_a_file_of_that_name),
        cmocka_unit_test(test_F2_extends_cycle_is_reported_at_the_closing_line),
        cmocka_unit_test(test_F2_missing_parent_is_not_found_at_the_extends_line),
        cmocka_unit_test(test_F2_unreadable_top_file_names_the_file),
        cmocka_unit_test(test_F5_policy_show_prints_values_in_force_in_csv_order),
    };
    return cmocka_run_group_tests(tests, setup_tmp, teardown_tmp);
}
