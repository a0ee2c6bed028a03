/* The limits that keep a load's records and a household's counts in 32 bits
 * (docs/scale.md): a file holds at most FUPIN__LD_MAX_RECORDS records, lowered here by
 * the loader's test hook so that a file past it takes three records, not 2 G; a
 * household built through the API holds at most UINT32_MAX of each kind of record. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"
#include "io/io.h"
#include "io/loader.h"
#include "model/model.h"

#include "csv_headers.h"

struct files {
    const char *f[FUPIN_FILE_COUNT];
};

/* Each file holds two records, the limit the tests set, except where a test adds one. */
#define V2 VH "520102001001,a,west,1200,1,1,1,1,1,50000\n520102001002,b,east,,0,,,,,\n"
#define H2 HH "H1,520102001001,,,,,,,,,,,,\nH2,520102001002,,,,,,,,,,,,\n"
#define M2 MH "H1,m1,1980,,,,,,,\nH2,m1,1990,,,,,,,\n"
#define I2 IH "H1,2023,100,0,0,0,0,,\nH2,2023,200,0,0,0,0,,\n"
#define E2 EH "H1,2023,job_loss,\nH2,2023,disaster,\n"

static int load(struct files fs, uint32_t flags, fupin_dataset **out)
{
    return tu_load_folder(fs.f, flags, out);
}

static int limit_two(void **state)
{
    (void)state;
    fupin__ld_test_max_records(2);
    return 0;
}

static int limit_restored(void **state)
{
    (void)state;
    fupin__ld_test_max_records(0);
    return 0;
}

/* A strict load of fs fails at the first record past the limit, with msg. */
static void expect_refused(struct files fs, const char *msg)
{
    tu_expect_folder_error(fs.f, msg);
}

#define PAST                                                                                       \
    "too many records: a file holds at most 2 (docs/scale.md), so this record and "                \
    "those after it are not loaded"

static void test_files_at_the_limit_load_whole(void **state)
{
    (void)state;
    fupin_dataset *d = NULL;
    struct files fs = {{V2, H2, M2, I2, E2}};
    FUPIN_OK_OR_FAIL(load(fs, FUPIN_LOAD_STRICT, &d));
    assert_int_equal(d->n_villages, 2);
    assert_int_equal(d->n_households, 2);
    assert_int_equal(d->n_members, 2);
    assert_int_equal(d->n_incomes, 2);
    assert_int_equal(d->n_events, 2);
    fupin_dataset_free(d);
}

static void test_a_village_past_the_limit_is_refused(void **state)
{
    (void)state;
    struct files fs = {{V2 "520102001003,c,west,,0,,,,,\n", H2, M2, I2, E2}};
    expect_refused(fs, "villages.csv:4: column village_code: " PAST " (got \"520102001003\")");
}

static void test_a_household_past_the_limit_is_refused(void **state)
{
    (void)state;
    struct files fs = {{V2, H2 "H3,520102001001,,,,,,,,,,,,\n", M2, I2, E2}};
    expect_refused(fs, "households.csv:4: column household_id: " PAST " (got \"H3\")");
}

static void test_a_member_past_the_limit_is_refused(void **state)
{
    (void)state;
    struct files fs = {{V2, H2, M2 "H1,m2,1981,,,,,,,\n", I2, E2}};
    expect_refused(fs, "members.csv:4: column household_id: " PAST " (got \"H1\")");
}

static void test_an_income_past_the_limit_is_refused(void **state)
{
    (void)state;
    struct files fs = {{V2, H2, M2, I2 "H1,2022,100,0,0,0,0,,\n", E2}};
    expect_refused(fs, "incomes.csv:4: column household_id: " PAST " (got \"H1\")");
}

static void test_an_event_past_the_limit_is_refused(void **state)
{
    (void)state;
    struct files fs = {{V2, H2, M2, I2, E2 "H2,2022,accident,\n"}};
    expect_refused(fs, "events.csv:4: column household_id: " PAST " (got \"H2\")");
}

/* Lenient: the file's first record past the limit is reported, once; it and those
 * after it are skipped. */
static void test_a_lenient_load_reports_the_limit_once(void **state)
{
    (void)state;
    fupin_dataset *d = NULL;
    struct files fs = {
        {V2, H2 "H3,520102001001,,,,,,,,,,,,\nH4,520102001001,,,,,,,,,,,,\n", M2, I2, E2}};
    FUPIN_OK_OR_FAIL(load(fs, FUPIN_LOAD_LENIENT, &d));
    assert_int_equal(d->n_households, 2);
    uint64_t r, l, s;
    assert_int_equal(fupin_dataset_file_counts(d, FUPIN_FILE_HOUSEHOLDS, &r, &l, &s), 0);
    assert_int_equal(r, 4);
    assert_int_equal(l, 2);
    assert_int_equal(s, 2);
    assert_int_equal(fupin_dataset_problem_count(d), 1);
    assert_string_equal(fupin_dataset_problem(d, 0),
                        "households.csv:4: column household_id: " PAST " (got \"H3\")");
    fupin_dataset_free(d);
}

/* A household's counts are 32-bit: one more record than UINT32_MAX is refused, not
 * wrapped to 0 (the count is set by hand: 4 G events would take 64 GB). */
static void test_a_household_holds_at_most_uint32_max_events(void **state)
{
    (void)state;
    fupin_household *h = NULL;
    FUPIN_OK_OR_FAIL(fupin_household_create(&h, "H1"));
    FUPIN_OK_OR_FAIL(fupin_household_add_event(h, 2023, "job_loss", ""));
    uint32_t n = h->n_events, cap = h->cap_events;
    h->n_events = h->cap_events = UINT32_MAX;
    assert_int_equal(fupin_household_add_event(h, 2023, "accident", ""), FUPIN_ENOMEM);
    assert_string_equal(fupin_last_error(), "a household holds at most 4294967295 events");
    h->n_events = n;
    h->cap_events = cap;
    assert_int_equal(h->n_events, 1);
    fupin_household_free(h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_files_at_the_limit_load_whole, limit_two,
                                        limit_restored),
        cmocka_unit_test_setup_teardown(test_a_village_past_the_limit_is_refused, limit_two,
                                        limit_restored),
        cmocka_unit_test_setup_teardown(test_a_household_past_the_limit_is_refused, limit_two,
                                        limit_restored),
        cmocka_unit_test_setup_teardown(test_a_member_past_the_limit_is_refused, limit_two,
                                        limit_restored),
        cmocka_unit_test_setup_teardown(test_an_income_past_the_limit_is_refused, limit_two,
                                        limit_restored),
        cmocka_unit_test_setup_teardown(test_an_event_past_the_limit_is_refused, limit_two,
                                        limit_restored),
        cmocka_unit_test_setup_teardown(test_a_lenient_load_reports_the_limit_once, limit_two,
                                        limit_restored),
        cmocka_unit_test(test_a_household_holds_at_most_uint32_max_events),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
