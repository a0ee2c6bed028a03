/* Loading dataset folders (docs/dataset.md). Every test writes a folder and loads
 * it through fupin_dataset_load; the model is inspected directly (white-box) because
 * the lenient consequences (skipped income years, skipped events, incomplete
 * households) are internal state the rules read. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"
#include "io/io.h"
#include "model/model.h"

#define VH                                                                                         \
    "village_code,name,region,population,water_scarce,paved_road,electricity,clinic,broadband,"    \
    "collective_income\n"
#define HH                                                                                         \
    "household_id,village_code,registered_year,exit_year,monitor,monitor_since,assistance,"        \
    "housing,food_secure,clothing_secure,water_litres,water_minutes,water_supply_rate,water_"      \
    "quality_ok\n"
#define MH "household_id,member_id,birth,sex,id_number,school,disability,insured,health,labor\n"
#define IH                                                                                         \
    "household_id,year,wage,business,property,transfer,production_expense,medical_expense,"        \
    "education_expense\n"
#define EH "household_id,year,kind,amount\n"

/* Two villages (the second has no households) and three households. */
static const char *V_OK =
    VH "520102001001,\xe5\xb0\x8f\xe6\xb2\xb3\xe6\x9d\x91,west,1200,1,1,1,1,1,50000\n"
       "520102001002,\"Big, \"\"Hill\"\"\",east,,0,,,,,\n";
static const char *H_OK = HH "H1,520102001001,2015,2019,,,dibao,A,1,1,60,0,95,1\n"
                             "H2,520102001001,,,marginal,2021-03,none,B,1,1,,,,\n"
                             "H3,520102001001,,,,,,,,,,,,\n";
static const char *M_OK = MH "H1,m1,1980-05-01,M,110101198005010018,completed,0,1,healthy,full\n"
                             "H1,m2,2010,F,,enrolled,,1,,\n"
                             "H2,m1,1955-01,F,,,,,,\n"
                             "H3,m1,1990,,,,,,,\n";
static const char *I_OK = IH "H1,2023,10000,500.5,-20,300,100,0,\n"
                             "H1,2022,9000,0,0,0,0,,\n"
                             "H2,2023,1,2,3,4,,,\n";
static const char *E_OK = EH "H2,2023,major_illness,20000\n"
                             "H2,2022,job_loss,\n";

struct files {
    const char *f[FUPIN_FILE_COUNT];
};

/* Write the files (NULL = absent) to a fresh folder, load it, remove the folder. */
static int load(struct files fs, uint32_t flags, fupin_dataset **out)
{
    char dir[] = "/tmp/fupin-ds-XXXXXX";
    char path[256];
    assert_non_null(mkdtemp(dir));
    for (int i = 0; i < FUPIN_FILE_COUNT; i++) {
        if (!fs.f[i])
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, fupin__dataset_file_names[i]);
        FILE *fp = fopen(path, "wb");
        assert_non_null(fp);
        fputs(fs.f[i], fp);
        fclose(fp);
    }
    int rc = fupin_dataset_load(out, dir, flags);
    for (int i = 0; i < FUPIN_FILE_COUNT; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, fupin__dataset_file_names[i]);
        unlink(path);
    }
    rmdir(dir);
    return rc;
}

static struct files base(void)
{
    struct files fs = {{V_OK, H_OK, M_OK, I_OK, E_OK}};
    return fs;
}

/* Strict load of fs must fail with exactly msg. */
static void expect_error(struct files fs, const char *msg)
{
    fupin_dataset *d = (fupin_dataset *)1;
    int rc = load(fs, FUPIN_LOAD_STRICT, &d);
    if (rc != FUPIN_EPARSE)
        fail_msg("expected EPARSE, got %d (%s)", rc, fupin_last_error());
    assert_null(d);
    assert_string_equal(fupin_last_error(), msg);
}

static const struct fupin_household *find_h(const fupin_dataset *d, const char *id)
{
    for (size_t i = 0; i < d->n_households; i++)
        if (strcmp(d->households[i].id, id) == 0)
            return &d->households[i];
    return NULL;
}

static void assert_counts(const fupin_dataset *d, int file, uint64_t read, uint64_t loaded,
                          uint64_t skipped)
{
    uint64_t r, l, s;
    assert_int_equal(fupin_dataset_file_counts(d, file, &r, &l, &s), 0);
    assert_int_equal(r, read);
    assert_int_equal(l, loaded);
    assert_int_equal(s, skipped);
    assert_int_equal(r, l + s);
}

/* ------------------------------------------------------------ valid input */

static void test_valid_dataset_loads_every_record_in_file_order(void **state)
{
    (void)state;
    fupin_dataset *d = NULL;
    FUPIN_OK_OR_FAIL(load(base(), FUPIN_LOAD_STRICT, &d));
    assert_int_equal(fupin_dataset_village_count(d), 2);
    const struct fupin_village *v = fupin_dataset_village(d, 0);
    assert_string_equal(v->code, "520102001001");
    assert_string_equal(v->name, "\xe5\xb0\x8f\xe6\xb2\xb3\xe6\x9d\x91");
    assert_int_equal(v->region, FUPIN__REGION_WEST);
    assert_int_equal(v->water_scarce, 1);
    assert_int_equal(v->population, 1200);
    assert_int_equal(v->collective_income, 5000000);
    assert_int_equal(v->owns_storage, 0);
    assert_int_equal(v->n_households, 3);
    assert_string_equal(v->households[0].id, "H1");
    assert_string_equal(v->households[1].id, "H2");
    assert_string_equal(v->households[2].id, "H3");
    /* a village without households still exists */
    const struct fupin_village *v2 = fupin_dataset_village(d, 1);
    assert_string_equal(v2->name, "Big, \"Hill\"");
    assert_int_equal(v2->n_households, 0);
    assert_int_equal(v2->population, -1);
    assert_int_equal(v2->paved_road, -1);
    assert_int_equal(v2->collective_income, FUPIN__FEN_UNKNOWN);
    assert_null(fupin_dataset_village(d, 2));

    const struct fupin_household *h1 = &v->households[0];
    assert_string_equal(h1->village_code, "520102001001");
    assert_int_equal(h1->region, FUPIN__REGION_WEST);
    assert_int_equal(h1->water_scarce, 1);
    assert_int_equal(h1->registered_year, 2015);
    assert_int_equal(h1->exit_year, 2019);
    assert_int_equal(h1->assistance, FUPIN__ASSIST_DIBAO);
    assert_int_equal(h1->owns_arrays, 0);
    assert_int_equal(h1->incomplete, 0);
    assert_int_equal(h1->n_members, 2);
    assert_string_equal(h1->members[0].id, "m1");
    assert_int_equal(h1->members[0].has_id_number, 1);
    assert_string_equal(h1->members[0].id_masked, "110101********0018");
    assert_string_equal(h1->members[1].id, "m2");
    /* incomes sorted by year whatever the file order */
    assert_int_equal(h1->n_incomes, 2);
    assert_int_equal(h1->incomes[0].year, 2022);
    assert_int_equal(h1->incomes[1].year, 2023);
    assert_int_equal(h1->incomes[1].business, 50050);
    assert_int_equal(h1->incomes[1].property, -2000);
    assert_int_equal(h1->incomes[1].production_expense, 10000);
    assert_int_equal(h1->incomes[1].education_expense, FUPIN__FEN_UNKNOWN);
    assert_int_equal(h1->incomes[1].skipped, 0);
    assert_int_equal(h1->n_events, 0);

    const struct fupin_household *h2 = &v->households[1];
    assert_int_equal(h2->monitor, FUPIN__MONITOR_MARGINAL);
    assert_int_equal(h2->monitor_since.prec, 2);
    assert_int_equal(h2->n_events, 2);
    assert_int_equal(h2->events[0].kind, FUPIN__EVENT_MAJOR_ILLNESS);
    assert_int_equal(h2->events[0].amount, 2000000);
    assert_int_equal(h2->events[1].kind, FUPIN__EVENT_JOB_LOSS);
    assert_int_equal(h2->events[1].amount, FUPIN__FEN_UNKNOWN);
    /* a blank in a present production_expense column is unknown, like every blank */
    assert_int_equal(h2->incomes[0].production_expense, FUPIN__FEN_UNKNOWN);

    int32_t y = 0;
    assert_int_equal(fupin_dataset_latest_year(d, &y), 0);
    assert_int_equal(y, 2023);
    assert_int_equal(fupin_dataset_problem_count(d), 0);
    assert_counts(d, FUPIN_FILE_VILLAGES, 2, 2, 0);
    assert_counts(d, FUPIN_FILE_MEMBERS, 4, 4, 0);
    assert_counts(d, FUPIN_FILE_EVENTS, 2, 2, 0);
    assert_int_equal(fupin_dataset_file_counts(d, 5, NULL, NULL, NULL), FUPIN_EINVAL);
    /* the public accessors see the same */
    assert_int_equal(fupin_household_member_count(h1), 2);
    assert_string_equal(fupin_household_id(h1), "H1");
    fupin_dataset_free(d);
    fupin_dataset_free(NULL);
}

static void test_households_are_grouped_by_village_in_village_file_order(void **state)
{
    (void)state;
    struct files fs = base();
    fs.f[1] = HH "A,520102001002,,,,,,,,,,,,\n"
                 "B,520102001001,,,,,,,,,,,,\n"
                 "C,520102001002,,,,,,,,,,,,\n";
    fs.f[2] = MH "C,c1,1990,,,,,,,\nB,b1,1990,,,,,,,\nA,a1,1990,,,,,,,\nA,a2,1991,,,,,,,\n";
    fs.f[3] = IH "C,2020,1,1,1,1,,,\nA,2021,1,1,1,1,,,\n";
    fs.f[4] = NULL;
    fupin_dataset *d = NULL;
    FUPIN_OK_OR_FAIL(load(fs, 0, &d));
    assert_int_equal(d->n_households, 3);
    assert_string_equal(d->households[0].id, "B");
    assert_string_equal(d->households[1].id, "A");
    assert_string_equal(d->households[2].id, "C");
    const struct fupin_village *v2 = fupin_dataset_village(d, 1);
    assert_int_equal(v2->n_households, 2);
    assert_ptr_equal(v2->households, &d->households[1]);
    assert_int_equal(v2->region, FUPIN__REGION_EAST);
    assert_int_equal(v2->households[0].region, FUPIN__REGION_EAST);
    assert_int_equal(v2->households[0].water_scarce, 0);
    assert_int_equal(v2->households[0].n_members, 2);
    assert_string_equal(v2->households[0].members[1].id, "a2");
    assert_int_equal(v2->households[0].incomes[0].year, 2021);
    assert_int_equal(v2->households[1].incomes[0].year, 2020);
    /* no events.csv: simply absent */
    assert_counts(d, FUPIN_FILE_EVENTS, 0, 0, 0);
    assert_int_equal(d->n_events, 0);
    fupin_dataset_free(d);
}

static void test_columns_in_any_order_and_unknown_columns_are_ignored(void **state)
{
    (void)state;
    struct files fs = base();
    fs.f[0] = "remark,region,water_scarce,name,population,paved_road,electricity,clinic,"
              "broadband,collective_income,village_code\n"
              "\"multi\nline, \"\"remark\"\"\",east,0,X,5,,,,,,520102001001\n";
    fs.f[2] = "labor,health,insured,disability,school,id_number,sex,birth,member_id,"
              "household_id,extra\n"
              "full,,,,,,,1980,m1,H1,\n,,,,,,,1980,m1,H2,\n,,,,,,,1980,m1,H3,x\n";
    fupin_dataset *d = NULL;
    FUPIN_OK_OR_FAIL(load(fs, 0, &d));
    const struct fupin_village *v = fupin_dataset_village(d, 0);
    assert_string_equal(v->name, "X");
    assert_int_equal(v->population, 5);
    assert_int_equal(v->households[0].members[0].labor, FUPIN__LABOR_FULL);
    fupin_dataset_free(d);
}

static void test_crlf_bom_empty_lines_and_no_trailing_newline_load(void **state)
{
    (void)state;
    struct files fs = base();
    fs.f[0] = "\xEF\xBB\xBF"
              "village_code,name,region,population,water_scarce,paved_road,electricity,"
              "clinic,broadband,collective_income\r\n\r\n"
              "520102001001,\"a\r\nb\",west,1200,1,1,1,1,1,50000\r\n\r\n";
    fs.f[1] = HH "\n\nH1,520102001001,,,,,,,,,,,,\n\n";
    fs.f[2] = MH "H1,m1,1980,,,,,,,";
    fs.f[3] = IH;
    fs.f[4] = "";
    fupin_dataset *d = NULL;
    FUPIN_OK_OR_FAIL(load(fs, 0, &d));
    const struct fupin_village *v = fupin_dataset_village(d, 0);
    assert_string_equal(v->code, "520102001001");
    assert_string_equal(v->name, "a\nb");
    assert_int_equal(v->n_households, 1);
    assert_int_equal(v->households[0].n_members, 1);
    assert_counts(d, FUPIN_FILE_HOUSEHOLDS, 1, 1, 0);
    int32_t y = 1;
    assert_int_equal(fupin_dataset_latest_year(d, &y), FUPIN_ENOTFOUND);
    assert_int_equal(d->latest_year, 0);
    fupin_dataset_free(d);
}

static void test_production_expense_column_is_optional(void **state)
{
    (void)state;
    struct files fs = base();
    fs.f[3] = "household_id,year,wage,business,property,transfer,medical_expense,"
              "education_expense\nH1,2023,1,2,3,4,,\n";
    fupin_dataset *d = NULL;
    FUPIN_OK_OR_FAIL(load(fs, 0, &d));
    const struct fupin_household *h = find_h(d, "H1");
    assert_int_equal(h->n_incomes, 1);
    assert_int_equal(h->incomes[0].production_expense, 0);
    assert_int_equal(h->incomes[0].business, 200);
    fupin_dataset_free(d);
}

/* ------------------------------------------------------------ strict errors */

static void test_each_bad_value_is_reported_with_file_line_column_and_value(void **state)
{
    (void)state;
    struct files fs;

    fs = base();
    fs.f[2] = MH "H1,m1,1980-05-01,M,,,,,,\n"
                 "H1,m2,1980-05-01,M,110101198005010011,,,,,\n"
                 "H2,m1,1980,,,,,,,\nH3,m1,1980,,,,,,,\n";
    expect_error(fs, "members.csv:3: column id_number: identity number checksum does not "
                     "hold (got \"110101********0011\")");

    fs = base();
    fs.f[2] = MH "H1,m1,1981,M,110101198005010018,,,,,\nH2,m1,1980,,,,,,,\nH3,m1,1980,,,,,,,\n";
    expect_error(fs, "members.csv:2: column id_number: identity number does not agree with "
                     "birth (got \"110101********0018\")");

    fs = base();
    fs.f[1] = HH "H1,520102001009,,,,,,,,,,,,\n";
    expect_error(fs, "households.csv:2: column village_code: unknown village (not in "
                     "villages.csv) (got \"520102001009\")");

    fs = base();
    fs.f[1] = HH "H1,520102001001,2020,2019,,,,,,,,,,\n";
    expect_error(fs, "households.csv:2: column exit_year: exit before registration "
                     "(got \"2019\")");

    fs = base();
    fs.f[1] = HH "H1,520102001001,,2019,,,,,,,,,,\n";
    expect_error(fs, "households.csv:2: column exit_year: exit_year needs registered_year "
                     "(got \"2019\")");

    fs = base();
    fs.f[1] = HH "H1,520102001001,,,unstable,,,,,,,,,\n";
    expect_error(fs, "households.csv:2: column monitor_since: monitor is set without "
                     "monitor_since (got \"\")");

    fs = base();
    fs.f[0] = VH "520102001001,a,west, 35,1,,,,,\n";
    expect_error(fs, "villages.csv:2: column population: not a whole number >= 1 (got \" 35\")");

    fs = base();
    fs.f[0] = VH "520102001001,a,north,1,1,,,,,\n";
    expect_error(fs, "villages.csv:2: column region: not east, central or west (got \"north\")");

    fs = base();
    fs.f[0] = VH "520102001001,a,west,1,,,,,,\n";
    expect_error(fs, "villages.csv:2: column water_scarce: water_scarce is required (got \"\")");

    fs = base();
    fs.f[3] = IH "H1,2023,+12,0,0,0,,,\n";
    expect_error(fs, "incomes.csv:2: column wage: not an amount (got \"+12\")");

    fs = base();
    fs.f[3] = IH "H1,2023,-1,0,0,0,,,\n";
    expect_error(fs, "incomes.csv:2: column wage: amount may not be negative (got \"-1\")");

    fs = base();
    fs.f[3] = IH "H1,23,1,0,0,0,,,\n";
    expect_error(fs, "incomes.csv:2: column year: not a 4-digit year (got \"23\")");

    fs = base();
    fs.f[4] = EH "H1,2023,flood,\n";
    expect_error(fs, "events.csv:2: column kind: not an event kind (got \"flood\")");

    fs = base();
    fs.f[4] = EH "H9,2023,death,\n";
    expect_error(fs, "events.csv:2: column household_id: unknown household (not in "
                     "households.csv) (got \"H9\")");

    fs = base();
    fs.f[2] = MH "H1,,1980,,,,,,,\nH2,m1,1980,,,,,,,\nH3,m1,1980,,,,,,,\n";
    expect_error(fs, "members.csv:2: column member_id: id is empty (got \"\")");

    fs = base();
    fs.f[2] = MH "H1,m1,,,,,,,,\nH2,m1,1980,,,,,,,\nH3,m1,1980,,,,,,,\n";
    expect_error(fs, "members.csv:2: column birth: birth is required (got \"\")");

    fs = base();
    fs.f[1] = HH "Habcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcd,"
                 "520102001001,,,,,,,,,,,,\n";
    expect_error(fs, "households.csv:2: column household_id: id longer than 64 bytes (got "
                     "\"Habcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghi...\")");
}

static void test_duplicates_are_errors_at_the_second_record(void **state)
{
    (void)state;
    struct files fs = base();
    fs.f[0] = VH "520102001001,a,west,1,1,,,,,\n520102001001,b,west,1,1,,,,,\n";
    expect_error(fs, "villages.csv:3: column village_code: duplicate village_code "
                     "(got \"520102001001\")");

    fs = base();
    fs.f[1] = HH "H1,520102001001,,,,,,,,,,,,\nH1,520102001001,,,,,,,,,,,,\n";
    expect_error(fs, "households.csv:3: column household_id: duplicate household_id "
                     "(got \"H1\")");

    fs = base();
    fs.f[2] = MH "H1,m1,1980,,,,,,,\nH2,m1,1980,,,,,,,\nH3,m1,1980,,,,,,,\nH1,m1,1990,,,,,,,\n";
    expect_error(fs, "members.csv:5: column member_id: duplicate member_id in the household "
                     "(got \"m1\")");

    fs = base();
    fs.f[3] = IH "H1,2023,1,1,1,1,,,\nH2,2023,1,1,1,1,,,\nH1,2023,2,2,2,2,,,\n";
    expect_error(fs, "incomes.csv:4: column year: duplicate year for the household "
                     "(got \"2023\")");
}

static void test_malformed_records_name_the_first_column_concerned(void **state)
{
    (void)state;
    struct files fs = base();
    fs.f[4] = EH "H1,2023,de\"ath,\n";
    expect_error(fs, "events.csv:2: column kind: quote inside an unquoted field "
                     "(got \"de\\\"ath\")");

    fs = base();
    fs.f[4] = EH "H1,\"2023\"x,death,\n";
    expect_error(fs, "events.csv:2: column year: text after a closing quote "
                     "(got \"\\\"2023\\\"x\")");

    fs = base();
    fs.f[4] = EH "H1,2023,death,\"12\n";
    expect_error(fs, "events.csv:2: column amount: unterminated quote (got \"\\\"12\\n\")");

    fs = base();
    fs.f[4] = EH "H1,2023,death\n";
    expect_error(fs, "events.csv:2: column amount: wrong number of fields (3, the header has "
                     "4) (got \"\")");

    fs = base();
    fs.f[4] = EH "H1,2023,death,1,2\n";
    expect_error(fs, "events.csv:2: column amount: wrong number of fields (5, the header has "
                     "4) (got \"2\")");

    /* a record on line 3 of the file starts after a quoted newline on line 2 */
    fs = base();
    fs.f[1] = HH "H1,520102001001,,,,,,\"note\nx\",,,,,,\nH2,520102001001,,,,,,,,x,,,,\n";
    expect_error(fs, "households.csv:2: column housing: not A, B, C, D, relocated or none "
                     "(got \"note\\nx\")");
    fs.f[1] = HH "H1,520102001001,,,,,,\"A\",,,,,,\nH2,520102001001,,,,,,\"B\nx\",,,,,,\n";
    fs.f[2] = MH "H1,m1,1980,,,,,,,\nH2,m1,1980,,,,,,,\n";
    expect_error(fs, "households.csv:3: column housing: not A, B, C, D, relocated or none "
                     "(got \"B\\nx\")");
}

static void test_identity_numbers_are_masked_even_in_the_wrong_column(void **state)
{
    (void)state;
    struct files fs = base();
    /* a missing comma shifts the identity number into sex */
    fs.f[2] = MH "H1,m1,1980-05-01,110101198005010018,,,,,\nH2,m1,1980,,,,,,,\n"
                 "H3,m1,1980,,,,,,,\n";
    expect_error(fs, "members.csv:2: column sex: not M or F (got \"110101********0018\")");
}

static void test_strict_first_error_is_by_file_then_line_then_header_column(void **state)
{
    (void)state;
    struct files fs = base();
    /* an error in events and one in villages: villages first */
    fs.f[0] = VH "520102001001,a,west,1,1,,,,,\n520102001002,a,west,0,1,,,,,\n";
    fs.f[4] = EH "H1,2023,flood,\n";
    expect_error(fs, "villages.csv:3: column population: not a whole number >= 1 (got \"0\")");

    /* a household without members (line 3) comes before a bad value on line 4 of
     * households.csv and before any members.csv error */
    fs = base();
    fs.f[1] = HH "H1,520102001001,,,,,,,,,,,,\nH2,520102001001,,,,,,,,,,,,\n"
                 "H3,520102001001,,,,,,Z,,,,,,\n";
    fs.f[2] = MH "H1,m1,1980,,,,,,,\nH3,m1,1980,X,,,,,,\n";
    expect_error(fs, "households.csv:3: column household_id: household has no member in "
                     "members.csv (got \"H2\")");

    /* two bad columns: the leftmost in header order, whatever the spec's order */
    fs = base();
    fs.f[4] = "amount,kind,year,household_id\n-5,flood,2023,H1\n";
    expect_error(fs, "events.csv:2: column amount: amount may not be negative (got \"-5\")");
    fs.f[4] = "kind,amount,year,household_id\nflood,-5,2023,H1\n";
    expect_error(fs, "events.csv:2: column kind: not an event kind (got \"flood\")");
    /* a reference error left of a value error */
    fs.f[4] = EH "H9,2023,flood,\n";
    expect_error(fs, "events.csv:2: column household_id: unknown household (not in "
                     "households.csv) (got \"H9\")");
    /* a value error left of a malformed field */
    fs.f[4] = EH "H1,20,death,1\"\n";
    expect_error(fs, "events.csv:2: column year: not a 4-digit year (got \"20\")");
}

static void test_household_without_member_rows_fails_strict(void **state)
{
    (void)state;
    struct files fs = base();
    fs.f[2] = MH "H1,m1,1980,,,,,,,\nH2,m1,1980,,,,,,,\n";
    expect_error(fs, "households.csv:4: column household_id: household has no member in "
                     "members.csv (got \"H3\")");
}

/* ------------------------------------------------------------ whole-file errors */

static void test_missing_or_empty_required_file_stops_both_modes(void **state)
{
    (void)state;
    for (uint32_t mode = 0; mode <= FUPIN_LOAD_LENIENT; mode++) {
        fupin_dataset *d = (fupin_dataset *)1;
        struct files fs = base();
        fs.f[2] = NULL;
        assert_int_equal(load(fs, mode, &d), FUPIN_ENOTFOUND);
        assert_null(d);
        assert_string_equal(fupin_last_error(), "members.csv: required file is missing");
        fs = base();
        fs.f[0] = "\n\n";
        assert_int_equal(load(fs, mode, &d), FUPIN_EIO);
        assert_string_equal(fupin_last_error(), "villages.csv: required file is empty");
        assert_null(d);
    }
    fupin_dataset *d = (fupin_dataset *)1;
    assert_int_equal(fupin_dataset_load(&d, "/nonexistent/fupin", 0), FUPIN_ENOTFOUND);
    assert_null(d);
    assert_int_equal(fupin_dataset_load(&d, NULL, 0), FUPIN_EINVAL);
    assert_int_equal(fupin_dataset_load(NULL, "/tmp", 0), FUPIN_EINVAL);
    assert_int_equal(fupin_dataset_load(&d, "/tmp", 4), FUPIN_EINVAL);
}

static void test_missing_required_column_stops_both_modes(void **state)
{
    (void)state;
    for (uint32_t mode = 0; mode <= FUPIN_LOAD_LENIENT; mode++) {
        fupin_dataset *d = (fupin_dataset *)1;
        struct files fs = base();
        fs.f[3] = "household_id,year,wage,business,property,transfer,medical_expense\n"
                  "H1,2023,1,1,1,1,\n";
        assert_int_equal(load(fs, mode, &d), FUPIN_EPARSE);
        assert_null(d);
        assert_string_equal(fupin_last_error(),
                            "incomes.csv:1: column education_expense: required column is "
                            "missing from the header (got \"household_id,year,wage,business,"
                            "property,transfer,medical_ex...\")");
        fs = base();
        fs.f[4] = "household_id,year,kind,amount,kind\n";
        assert_int_equal(load(fs, mode, &d), FUPIN_EPARSE);
        assert_string_equal(fupin_last_error(), "events.csv:1: column kind: column appears "
                                                "twice in the header (got \"kind\")");
    }
}

/* ------------------------------------------------------------ lenient */

static void test_lenient_skips_bad_records_and_accounts_for_every_one(void **state)
{
    (void)state;
    struct files fs;
    fs.f[0] = VH "520102001001,a,west,100,1,,,,,\n"
                 "520102001002,b,east,x,0,,,,,\n"   /* bad: skipped */
                 "520102001001,dup,east,5,0,,,,,\n" /* duplicate: first kept */
                 "520102001003,c,central,10,0,,,,,\n";
    fs.f[1] = HH "H1,520102001001,,,,,,,,,,,,\n"
                 "H2,520102001002,,,,,,,,,,,,\n"  /* its village was skipped */
                 "H3,520102001003,,,,,,Q,,,,,,\n" /* bad: village 3 gets the mark */
                 "H1,520102001003,,,,,,,,,,,,\n"  /* duplicate */
                 "H4,520102001001,,,,,,,,,,,,\n"
                 "H5,520102001001,,,,,,,,,,,,\n";
    fs.f[2] = MH "H1,m1,1980,,,,,,,\n"
                 "H1,m2,19x0,,,,,,,\n" /* bad: H1 incomplete */
                 "H3,m1,1980,,,,,,,\n" /* refers to a skipped household */
                 "H4,m1,1980,,,,,,,\n"
                 "H4,m1,1981,,,,,,,\n"; /* duplicate: H4 incomplete */
    fs.f[3] = IH "H1,2023,1,1,1,1,,,\n"
                 "H1,2022,x,1,1,1,,,\n" /* bad: 2022 unknown */
                 "H4,20x3,1,1,1,1,,,\n" /* bad year: every year unknown */
                 "H1,2023,2,2,2,2,,,\n" /* duplicate: first kept */
                 "H5,2024,1,1,1,1,,,\n";
    fs.f[4] = EH "H5,2023,flood,\n" /* bad: a skipped event in 2023 */
                 "H5,20,death,\n"   /* bad year: year 0 */
                 "H1,2023,death,100\n";
    fupin_dataset *d = NULL;
    FUPIN_OK_OR_FAIL(load(fs, FUPIN_LOAD_LENIENT, &d));
    assert_counts(d, FUPIN_FILE_VILLAGES, 4, 2, 2);
    assert_counts(d, FUPIN_FILE_HOUSEHOLDS, 6, 3, 3);
    assert_counts(d, FUPIN_FILE_MEMBERS, 5, 2, 3);
    assert_counts(d, FUPIN_FILE_INCOMES, 5, 2, 3);
    assert_counts(d, FUPIN_FILE_EVENTS, 3, 1, 2);

    assert_int_equal(fupin_dataset_village_count(d), 2);
    const struct fupin_village *v1 = fupin_dataset_village(d, 0);
    const struct fupin_village *v3 = fupin_dataset_village(d, 1);
    assert_string_equal(v1->name, "a");
    assert_int_equal(v1->household_skipped, 0);
    assert_string_equal(v3->code, "520102001003");
    /* H3 (bad) and the duplicate H1 named village 3 */
    assert_int_equal(v3->household_skipped, 1);
    assert_int_equal(v3->n_households, 0);

    const struct fupin_household *h1 = find_h(d, "H1"), *h4 = find_h(d, "H4"),
                                 *h5 = find_h(d, "H5");
    assert_null(find_h(d, "H2"));
    assert_null(find_h(d, "H3"));
    assert_string_equal(h1->village_code, "520102001001");
    assert_int_equal(h1->incomplete, 1);
    assert_int_equal(h1->n_members, 1);
    assert_int_equal(h4->incomplete, 1);
    assert_int_equal(h4->n_members, 1);
    assert_int_equal(h4->members[0].birth.y, 1980);
    /* H5 has no members: kept, incomplete */
    assert_int_equal(h5->incomplete, 1);
    assert_int_equal(h5->n_members, 0);
    assert_int_equal(fupin_household_incomplete(h5), 1);

    assert_int_equal(h1->n_incomes, 2);
    assert_int_equal(h1->incomes[0].year, 2022);
    assert_int_equal(h1->incomes[0].skipped, 1);
    assert_int_equal(h1->incomes[1].year, 2023);
    assert_int_equal(h1->incomes[1].skipped, 0);
    assert_int_equal(h1->incomes[1].wage, 100);
    assert_null(fupin__household_income(h4, 2023));
    assert_int_equal(h4->n_incomes, 1);
    assert_int_equal(fupin__household_income_all_skipped(h4), 1);

    assert_int_equal(h5->n_events, 2);
    assert_int_equal(h5->events[0].kind, FUPIN__EVENT_SKIPPED);
    assert_int_equal(h5->events[0].year, 2023);
    assert_int_equal(h5->events[1].kind, FUPIN__EVENT_SKIPPED);
    assert_int_equal(h5->events[1].year, 0);
    assert_int_equal(h1->n_events, 1);
    assert_int_equal(h1->events[0].kind, FUPIN__EVENT_DEATH);
    assert_int_equal(d->latest_year, 2024);

    /* every skip reported, in file position order, plus the household without members */
    const char *expect[] = {
        "villages.csv:3: column population: not a whole number >= 1 (got \"x\")",
        "villages.csv:4: column village_code: duplicate village_code (got \"520102001001\")",
        "households.csv:3: column village_code: village was skipped (got \"520102001002\")",
        "households.csv:4: column housing: not A, B, C, D, relocated or none (got \"Q\")",
        "households.csv:5: column household_id: duplicate household_id (got \"H1\")",
        ("households.csv:7: column household_id: household has no member in members.csv "
         "(got \"H5\")"),
        "members.csv:3: column birth: not a date (YYYY-MM-DD, YYYY-MM or YYYY) (got \"19x0\")",
        "members.csv:4: column household_id: household was skipped (got \"H3\")",
        "members.csv:6: column member_id: duplicate member_id in the household (got \"m1\")",
        "incomes.csv:3: column wage: not an amount (got \"x\")",
        "incomes.csv:4: column year: not a 4-digit year (got \"20x3\")",
        "incomes.csv:5: column year: duplicate year for the household (got \"2023\")",
        "events.csv:2: column kind: not an event kind (got \"flood\")",
        "events.csv:3: column year: not a 4-digit year (got \"20\")",
    };
    size_t n = sizeof expect / sizeof expect[0];
    assert_int_equal(fupin_dataset_problem_count(d), n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(fupin_dataset_problem(d, i), expect[i]);
    assert_null(fupin_dataset_problem(d, n));
    fupin_dataset_free(d);
}

static void test_lenient_malformed_record_still_marks_its_household(void **state)
{
    (void)state;
    struct files fs = base();
    fs.f[2] = MH "H1,m1,1980,,,,,,,\nH1,\"m2\"x,1980,,,,,,,\nH2,m1,1980,,,,,,,\n"
                 "H3,m1,1980,,,,,,,\n";
    fs.f[3] = IH "H2,2023,1,1,1,1,,,,extra\n";
    fupin_dataset *d = NULL;
    FUPIN_OK_OR_FAIL(load(fs, FUPIN_LOAD_LENIENT, &d));
    assert_int_equal(find_h(d, "H1")->incomplete, 1);
    assert_int_equal(find_h(d, "H2")->incomplete, 0);
    const struct fupin_household *h2 = find_h(d, "H2");
    assert_int_equal(h2->n_incomes, 1);
    assert_int_equal(h2->incomes[0].year, 2023);
    assert_int_equal(h2->incomes[0].skipped, 1);
    assert_counts(d, FUPIN_FILE_MEMBERS, 4, 3, 1);
    assert_counts(d, FUPIN_FILE_INCOMES, 1, 0, 1);
    assert_int_equal(fupin_dataset_problem_count(d), 2);
    assert_string_equal(fupin_dataset_problem(d, 0),
                        "members.csv:3: column member_id: text after a closing quote "
                        "(got \"\\\"m2\\\"x\")");
    assert_string_equal(fupin_dataset_problem(d, 1),
                        "incomes.csv:2: column education_expense: wrong number of fields (10, "
                        "the header has 9) (got \"extra\")");
    fupin_dataset_free(d);
}

static void test_lenient_load_of_valid_data_has_no_problems(void **state)
{
    (void)state;
    fupin_dataset *d = NULL;
    FUPIN_OK_OR_FAIL(load(base(), FUPIN_LOAD_LENIENT, &d));
    assert_int_equal(fupin_dataset_problem_count(d), 0);
    assert_counts(d, FUPIN_FILE_HOUSEHOLDS, 3, 3, 0);
    fupin_dataset_free(d);
}

/* ------------------------------------------------------------ memory */

static void test_every_allocation_failure_returns_enomem_and_leaks_nothing(void **state)
{
    (void)state;
    const char *data[FUPIN_FILE_COUNT] = {V_OK, H_OK, M_OK, I_OK, E_OK};
    size_t len[FUPIN_FILE_COUNT];
    for (int i = 0; i < FUPIN_FILE_COUNT; i++)
        len[i] = strlen(data[i]);
    for (uint32_t mode = 0; mode <= FUPIN_LOAD_LENIENT; mode++) {
        for (long k = 1;; k++) {
            fupin_dataset *d = NULL;
            long live = fupin__test_alloc_live();
            fupin__test_fail_alloc_at(k);
            int rc = fupin__dataset_load_memory(&d, data, len, mode);
            long count = fupin__test_alloc_count();
            fupin__test_fail_alloc_at(0);
            if (rc == 0) {
                /* a failed shrink is harmless: the load may still succeed */
                assert_int_equal(d->n_households, 3);
                fupin_dataset_free(d);
                assert_int_equal(fupin__test_alloc_live(), live);
                if (count < k)
                    break;
                continue;
            }
            assert_int_equal(rc, FUPIN_ENOMEM);
            assert_null(d);
            assert_int_equal(fupin__test_alloc_live(), live);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_dataset_loads_every_record_in_file_order),
        cmocka_unit_test(test_households_are_grouped_by_village_in_village_file_order),
        cmocka_unit_test(test_columns_in_any_order_and_unknown_columns_are_ignored),
        cmocka_unit_test(test_crlf_bom_empty_lines_and_no_trailing_newline_load),
        cmocka_unit_test(test_production_expense_column_is_optional),
        cmocka_unit_test(test_each_bad_value_is_reported_with_file_line_column_and_value),
        cmocka_unit_test(test_duplicates_are_errors_at_the_second_record),
        cmocka_unit_test(test_malformed_records_name_the_first_column_concerned),
        cmocka_unit_test(test_identity_numbers_are_masked_even_in_the_wrong_column),
        cmocka_unit_test(test_strict_first_error_is_by_file_then_line_then_header_column),
        cmocka_unit_test(test_household_without_member_rows_fails_strict),
        cmocka_unit_test(test_missing_or_empty_required_file_stops_both_modes),
        cmocka_unit_test(test_missing_required_column_stops_both_modes),
        cmocka_unit_test(test_lenient_skips_bad_records_and_accounts_for_every_one),
        cmocka_unit_test(test_lenient_malformed_record_still_marks_its_household),
        cmocka_unit_test(test_lenient_load_of_valid_data_has_no_problems),
        cmocka_unit_test(test_every_allocation_failure_returns_enomem_and_leaks_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
