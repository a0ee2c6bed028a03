/* Every public function with NULL handles, NULL out parameters, indexes past the end
 * and unknown enum values (style.md, Errors; common rules: untrusted input never
 * crashes): fallible calls return a negative FUPIN_E* code and leave *out NULL;
 * getters return FUPIN_INVALID (counts 0, strings ""; CHANGELOG 0.2, misuse contract);
 * free(NULL) is a no-op. Black-box. */
#include <string.h>

#include "util.h"

#define NEG(call) assert_true((call) < 0)

static void test_null_handles_are_refused_or_neutral(void **state)
{
    (void)state;
    fupin_policy *p = NULL;
    fupin_dataset *ds = NULL;
    fupin_household *h = NULL;
    fupin_village *v = NULL;
    fupin_evaluator *e = NULL;
    double x;
    int64_t n;
    int32_t y;
    uint64_t u;
    const char *s;
    char buf[64];
    size_t need;

    /* lifecycle: NULL out, NULL inputs */
    NEG(fupin_policy_builtin(NULL, "national"));
    NEG(fupin_policy_builtin(&p, NULL));
    NEG(fupin_policy_builtin(&p, "nowhere"));
    assert_null(p);
    NEG(fupin_policy_load(NULL, "x"));
    NEG(fupin_policy_load(&p, NULL));
    NEG(fupin_policy_parse(NULL, "", 0, "f", "."));
    NEG(fupin_policy_parse(&p, NULL, 1, "f", "."));
    NEG(fupin_policy_copy(NULL, NULL));
    NEG(fupin_policy_copy(&p, NULL));
    assert_null(p);
    NEG(fupin_dataset_load(NULL, "x", 0));
    NEG(fupin_dataset_load(&ds, NULL, 0));
    assert_null(ds);
    NEG(fupin_household_create(NULL, "h"));
    NEG(fupin_household_create(&h, NULL));
    NEG(fupin_household_copy(&h, NULL));
    NEG(fupin_household_copy(NULL, NULL));
    assert_null(h);
    NEG(fupin_village_create(NULL, "530102001001", "west"));
    NEG(fupin_village_create(&v, NULL, "west"));
    NEG(fupin_village_create(&v, "530102001001", NULL));
    assert_null(v);
    NEG(fupin_result_create(NULL));
    NEG(fupin_summary_create(NULL));
    NEG(fupin_summary_create(NULL));
    NEG(fupin_evaluator_create(NULL, NULL, 2024));
    NEG(fupin_evaluator_create_since(&e, NULL, 2024, 2020));
    assert_null(e);
    NEG(fupin_diff_dataset(NULL, NULL, NULL, NULL, 2024));
    NEG(fupin_diff_village(NULL, NULL, NULL, NULL, 2024));
    NEG(fupin_check_dataset(NULL, NULL, NULL, NULL, 2024));
    fupin_policy_free(NULL);
    fupin_dataset_free(NULL);
    fupin_household_free(NULL);
    fupin_village_free(NULL);
    fupin_result_free(NULL);
    fupin_summary_free(NULL);
    fupin_summary_free(NULL);
    fupin_evaluator_free(NULL);
    fupin_diff_free(NULL);
    fupin_check_free(NULL);

    /* policy accessors */
    (void)fupin_policy_name(NULL);
    NEG(fupin_policy_get(NULL, "poverty_line", NULL, 2024, &x));
    NEG(fupin_policy_origin(NULL, "poverty_line", NULL, 2024, &s));
    NEG(fupin_policy_show(NULL, 2024, buf, sizeof buf, &need));
    NEG(fupin_policy_latest_year(NULL, &y));
    NEG(fupin_policy_set(NULL, "poverty_line", NULL, 2024, 1));
    assert_null(fupin_policy_param_name(fupin_policy_param_count()));
    (void)fupin_evaluator_series_origin(NULL);

    /* dataset accessors */
    assert_int_equal(fupin_dataset_village_count(NULL), 0);
    assert_null(fupin_dataset_village(NULL, 0));
    assert_int_equal(fupin_dataset_problem_count(NULL), 0);
    assert_null(fupin_dataset_problem(NULL, 0));
    NEG(fupin_dataset_file_counts(NULL, 0, &u, &u, &u));
    NEG(fupin_dataset_latest_year(NULL, &y));
    NEG(fupin_dataset_default_year(NULL, NULL, &y));

    /* household and village */
    (void)fupin_household_id(NULL);
    assert_int_equal(fupin_household_member_count(NULL), 0);
    (void)fupin_household_incomplete(NULL);
    NEG(fupin_household_set(NULL, "housing", "A"));
    NEG(fupin_household_add_member(NULL, "m", "1980"));
    NEG(fupin_household_set_member(NULL, "m", "insured", "1"));
    NEG(fupin_household_set_income(NULL, 2024, "wage", "1"));
    NEG(fupin_household_add_event(NULL, 2024, "other", NULL));
    NEG(fupin_household_evaluate(NULL, NULL, 2024, NULL));
    NEG(fupin_evaluator_evaluate_household(NULL, NULL, NULL));
    (void)fupin_village_code(NULL);
    (void)fupin_village_name(NULL);
    assert_int_equal(fupin_village_household_count(NULL), 0);
    assert_null(fupin_village_household(NULL, 0));
    assert_null(fupin_village_find(NULL, "h"));
    NEG(fupin_village_set(NULL, "population", "1"));
    NEG(fupin_village_add_household(NULL, NULL));
    NEG(fupin_evaluator_evaluate_village(NULL, NULL, NULL));
    NEG(fupin_village_evaluate(NULL, NULL, 2024, NULL));
    NEG(fupin_evaluator_evaluate_group(NULL, NULL, "52", NULL));
    NEG(fupin_evaluator_evaluate_group_villages(NULL, NULL, 0, "52", NULL));

    /* results */
    (void)fupin_result_household(NULL);
    (void)fupin_result_village(NULL);
    (void)fupin_result_year(NULL);
    assert_int_equal(fupin_result_guarantee(NULL), FUPIN_INVALID);
    NEG(fupin_result_dimension(NULL, 0));
    assert_int_equal(fupin_result_income_status(NULL), FUPIN_INVALID);
    assert_int_equal(fupin_result_exit_eligible(NULL), FUPIN_INVALID);
    assert_int_equal(fupin_result_registration(NULL), FUPIN_INVALID);
    assert_int_equal(fupin_result_alert_level(NULL), FUPIN_INVALID);
    assert_int_equal(fupin_result_alert_category(NULL), FUPIN_INVALID);
    assert_int_equal(fupin_result_monitor_exit(NULL), FUPIN_INVALID);
    assert_int_equal(fupin_result_reason_count(NULL, 0), 0);
    assert_int_equal(fupin_result_reason(NULL, 0, 0), FUPIN_INVALID);
    NEG(fupin_result_figure(NULL, 0, &x));
    NEG(fupin_result_per_capita_fen(NULL, &n));
    NEG(fupin_result_net_income_fen(NULL, &n));
    NEG(fupin_result_to_json(NULL, buf, sizeof buf, &need));
    NEG(fupin_result_to_csv(NULL, buf, sizeof buf, &need));
    (void)fupin_summary_code(NULL);
    (void)fupin_summary_year(NULL);
    assert_int_equal(fupin_summary_exit_eligible(NULL), FUPIN_INVALID);
    NEG(fupin_summary_count(NULL, 0, &n));
    NEG(fupin_summary_figure(NULL, 0, &x));
    assert_int_equal(fupin_summary_reason_count(NULL), 0);
    assert_int_equal(fupin_summary_reason(NULL, 0), FUPIN_INVALID);
    NEG(fupin_summary_mpi(NULL, 0, &x));
    NEG(fupin_summary_mpi_dimension(NULL, 0, &x, &x));
    (void)fupin_summary_mpi_excluded(NULL);
    assert_int_equal(fupin_summary_visit_count(NULL), 0);
    (void)fupin_summary_visit(NULL, 0);
    NEG(fupin_summary_to_json(NULL, buf, sizeof buf, &need));
    (void)fupin_summary_code(NULL);
    (void)fupin_summary_year(NULL);
    (void)fupin_summary_village_count(NULL);
    assert_int_equal(fupin_summary_exit_eligible(NULL), FUPIN_INVALID);
    NEG(fupin_summary_count(NULL, 0, &n));
    NEG(fupin_summary_figure(NULL, 0, &x));
    assert_int_equal(fupin_summary_reason_count(NULL), 0);
    assert_int_equal(fupin_summary_reason(NULL, 0), FUPIN_INVALID);
    NEG(fupin_summary_mpi(NULL, 0, &x));
    NEG(fupin_summary_mpi_dimension(NULL, 0, &x, &x));
    (void)fupin_summary_mpi_excluded(NULL);
    NEG(fupin_summary_to_json(NULL, buf, sizeof buf, &need));

    /* diff and check */
    assert_int_equal(fupin_diff_households_changed(NULL), 0);
    assert_int_equal(fupin_diff_villages_changed(NULL), 0);
    assert_int_equal(fupin_diff_line_count(NULL), 0);
    assert_null(fupin_diff_line(NULL, 0));
    assert_int_equal(fupin_diff_transition_count(NULL), 0);
    assert_null(fupin_diff_transition(NULL, 0, &u));
    NEG(fupin_diff_transition_parts(NULL, 0, &s, &s, &s, &u));
    assert_int_equal(fupin_diff_change_count(NULL), 0);
    NEG(fupin_diff_change(NULL, 0, &s, &s, &s, &s, &s));
    assert_int_equal(fupin_check_passed(NULL), 0);
    assert_int_equal(fupin_check_failed(NULL), 0);
    assert_null(fupin_check_mismatch(NULL, 0));

    /* reasons and errors */
    assert_non_null(fupin_strerror(12345));
    assert_non_null(fupin_last_error());
    (void)fupin_reason_name(-1);
    (void)fupin_reason_rule(99999);
    (void)fupin_reason_describe(99999, "zz");
    int32_t code;
    NEG(fupin_reason_from_name(NULL, &code));
    NEG(fupin_reason_from_name("NO_SUCH_CODE", &code));
    fupin_version_numbers(NULL, NULL, NULL);
    /* descriptions: English by default and for "en", Chinese for "zh", none otherwise */
    int32_t drop = 0;
    FUPIN_OK_OR_FAIL(fupin_reason_from_name("INCOME_DROP", &drop));
    assert_string_equal(fupin_reason_name(drop), "INCOME_DROP");
    assert_string_equal(fupin_reason_rule(drop), "R-A3");
    assert_non_null(fupin_reason_describe(drop, NULL));
    assert_string_equal(fupin_reason_describe(drop, NULL), fupin_reason_describe(drop, "en"));
    assert_non_null(fupin_reason_describe(drop, "zh"));
    assert_true(strcmp(fupin_reason_describe(drop, "zh"), fupin_reason_describe(drop, "en")) != 0);
    assert_null(fupin_reason_describe(drop, "fr"));
}

/* Valid handles with NULL out parameters, indexes past the end, unknown enums. */
static void test_bad_indexes_and_outs_on_real_handles(void **state)
{
    (void)state;
    fupin_policy *p = NULL;
    fupin_result *r = NULL;
    fupin_summary *vr = NULL;
    fupin_summary *gr = NULL;
    fupin_village *v = NULL;
    double x;
    int64_t n;
    char buf[8];
    size_t need = 0;
    FUPIN_OK_OR_FAIL(fupin_policy_builtin(&p, "national"));
    FUPIN_OK_OR_FAIL(fupin_result_create(&r));
    FUPIN_OK_OR_FAIL(fupin_summary_create(&vr));
    FUPIN_OK_OR_FAIL(fupin_summary_create(&gr));
    FUPIN_OK_OR_FAIL(fupin_village_create(&v, "530102001001", "west"));
    fupin_household *h = tu_household_ok("h", 2024, "5000");
    FUPIN_OK_OR_FAIL(fupin_village_add_household(v, h));
    FUPIN_OK_OR_FAIL(fupin_household_evaluate(p, h, 2024, r));
    FUPIN_OK_OR_FAIL(fupin_village_evaluate(p, v, 2024, vr));
    NEG(fupin_policy_get(p, "poverty_line", NULL, 2024, NULL));
    NEG(fupin_policy_get(p, NULL, NULL, 2024, &x));
    NEG(fupin_policy_get(p, "poverty_line", "north", 2024, &x));
    NEG(fupin_policy_latest_year(p, NULL));
    NEG(fupin_result_dimension(r, 6));
    NEG(fupin_result_dimension(r, -1));
    assert_int_equal(fupin_result_reason_count(r, 3), 0);
    assert_int_equal(fupin_result_reason(r, 0, 1000), FUPIN_INVALID);
    NEG(fupin_result_figure(r, 99, &x));
    NEG(fupin_result_figure(r, 0, NULL));
    NEG(fupin_result_per_capita_fen(r, NULL));
    NEG(fupin_result_net_income_fen(r, NULL));
    assert_int_equal(fupin_result_to_json(r, buf, sizeof buf, &need), FUPIN_ENOSPC);
    assert_true(need > sizeof buf);
    assert_int_equal(fupin_result_to_csv(r, buf, sizeof buf, &need), FUPIN_ENOSPC);
    NEG(fupin_summary_count(vr, 99, &n));
    NEG(fupin_summary_count(vr, 0, NULL));
    NEG(fupin_summary_figure(vr, 99, &x));
    NEG(fupin_summary_mpi(vr, 99, &x));
    NEG(fupin_summary_mpi_dimension(vr, 99, &x, &x));
    assert_int_equal(fupin_summary_to_json(vr, buf, sizeof buf, &need), FUPIN_ENOSPC);
    (void)fupin_summary_visit(vr, 1000);
    assert_int_equal(fupin_summary_reason(vr, 1000), FUPIN_INVALID);
    assert_null(fupin_village_household(v, 5));
    assert_null(fupin_village_find(v, "nobody"));
    NEG(fupin_village_set(v, "no_such_field", "1"));
    NEG(fupin_household_set(h, "no_such_field", "1"));
    NEG(fupin_household_set_member(h, "nobody", "insured", "1"));
    NEG(fupin_household_set_income(h, 1800, "wage", "1"));
    NEG(fupin_household_add_event(h, 2024, "no_such_kind", NULL));
    NEG(fupin_summary_count(gr, 99, &n));
    NEG(fupin_summary_figure(gr, 99, &x));
    fupin_household_free(h);
    fupin_village_free(v);
    fupin_summary_free(gr);
    fupin_summary_free(vr);
    fupin_result_free(r);
    fupin_policy_free(p);
}

/* The load options and dataset queries of the loader (CHANGELOG 0.2.0): NULL and
 * bad values refused, names of encodings case-insensitive, NULL outs of file counts
 * allowed. */
static void test_load_options_and_dataset_queries(void **state)
{
    (void)state;
    fupin_load_options *o = NULL;
    fupin_dataset *ds = NULL;
    int enc = -1, src = -1;
    size_t n = 0;
    int32_t y = 0;
    NEG(fupin_load_options_create(NULL));
    fupin_load_options_free(NULL);
    NEG(fupin_load_options_set_flags(NULL, 0));
    NEG(fupin_load_options_set_encoding(NULL, 0));
    NEG(fupin_load_options_set_progress(NULL, NULL, NULL));
    NEG(fupin_encoding_from_name(NULL, &enc));
    NEG(fupin_encoding_from_name("utf-8", NULL));
    NEG(fupin_encoding_from_name("latin1", &enc));
    FUPIN_OK_OR_FAIL(fupin_encoding_from_name("UTF8", &enc));
    assert_int_equal(enc, FUPIN_ENCODING_UTF8);
    FUPIN_OK_OR_FAIL(fupin_encoding_from_name("Utf-8", &enc));
    assert_int_equal(enc, FUPIN_ENCODING_UTF8);
    FUPIN_OK_OR_FAIL(fupin_encoding_from_name("gbk", &enc));
    FUPIN_OK_OR_FAIL(fupin_load_options_create(&o));
    NEG(fupin_load_options_set_flags(o, 99));
    NEG(fupin_load_options_set_encoding(o, 99));
    FUPIN_OK_OR_FAIL(fupin_load_options_set_flags(o, FUPIN_LOAD_LENIENT));
    FUPIN_OK_OR_FAIL(fupin_load_options_set_encoding(o, FUPIN_ENCODING_UTF8));
    FUPIN_OK_OR_FAIL(fupin_load_options_set_progress(o, NULL, o)); /* cleared */
    NEG(fupin_dataset_load_with_options(NULL, "x", o));
    NEG(fupin_dataset_load_with_options(&ds, NULL, o));
    assert_null(ds);
    FUPIN_OK_OR_FAIL(fupin_dataset_load_with_options(&ds, tu_source_path("examples/data"), o));
    fupin_dataset_free(ds);
    ds = NULL;
    /* NULL options: the defaults (strict, UTF-8) */
    FUPIN_OK_OR_FAIL(fupin_dataset_load_with_options(&ds, tu_source_path("examples/data"), NULL));
    fupin_load_options_free(o);
    assert_int_equal(fupin_dataset_notice_count(NULL), 0);
    assert_null(fupin_dataset_notice(NULL, 0));
    assert_null(fupin_dataset_notice(ds, 1000));
    assert_int_equal(fupin_dataset_household_count(NULL), 0);
    assert_int_equal(fupin_dataset_household_count(ds), 18);
    NEG(fupin_dataset_income_household_count(NULL, 2024, &n));
    NEG(fupin_dataset_income_household_count(ds, 2024, NULL));
    NEG(fupin_dataset_default_year_source(NULL, NULL, &src));
    NEG(fupin_dataset_file_counts(ds, 99, NULL, NULL, NULL));
    FUPIN_OK_OR_FAIL(fupin_dataset_file_counts(ds, 0, NULL, NULL, NULL));
    NEG(fupin_dataset_latest_year(ds, NULL));
    FUPIN_OK_OR_FAIL(fupin_dataset_latest_year(ds, &y));
    assert_int_equal(y, 2024);
    fupin_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_null_handles_are_refused_or_neutral),
        cmocka_unit_test(test_bad_indexes_and_outs_on_real_handles),
        cmocka_unit_test(test_load_options_and_dataset_queries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
