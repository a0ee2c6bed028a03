/* Loading dataset folders (docs/dataset.md). Every test writes a folder and loads
 * it through fupin_dataset_load; the model is inspected directly (white-box) because
 * the lenient consequences (skipped income years, skipped events, incomplete
 * households) are internal state the rules read. */
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"
#include "io/io.h"
#include "model/model.h"
#include "rules/rules.h"

#include "csv_headers.h"

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
    return tu_load_folder(fs.f, flags, out);
}

static struct files base(void)
{
    struct files fs = {{V_OK, H_OK, M_OK, I_OK, E_OK}};
    return fs;
}

/* Strict load of fs must fail with exactly msg. */
static void expect_error(struct files fs, const char *msg)
{
    tu_expect_folder_error(fs.f, msg);
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
    /* the number itself is not kept (masking is tested in test_value.c): only the
     * birth date it encodes, for R-G3 */
    assert_int_equal(h1->members[0].id_birth.y, 1980);
    assert_int_equal(h1->members[0].id_birth.m, 5);
    assert_int_equal(h1->members[0].id_birth.d, 1);
    assert_int_equal(h1->members[0].id_birth.prec, 3);
    assert_string_equal(h1->members[1].id, "m2");
    /* incomes sorted by year whatever the file order */
    assert_int_equal(h1->n_incomes, 2);
    assert_int_equal(h1->incomes[0].year, 2022);
    assert_int_equal(h1->incomes[1].year, 2023);
    assert_int_equal(fupin__income_amount(&h1->incomes[1], FUPIN__INC_BUSINESS), 50050);
    assert_int_equal(fupin__income_amount(&h1->incomes[1], FUPIN__INC_PROPERTY), -2000);
    assert_int_equal(fupin__income_amount(&h1->incomes[1], FUPIN__INC_PRODUCTION), 10000);
    assert_int_equal(fupin__income_amount(&h1->incomes[1], FUPIN__INC_EDUCATION),
                     FUPIN__FEN_UNKNOWN);
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
    assert_int_equal(fupin__income_amount(&h2->incomes[0], FUPIN__INC_PRODUCTION),
                     FUPIN__FEN_UNKNOWN);

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
    assert_int_equal(fupin__income_amount(&h->incomes[0], FUPIN__INC_PRODUCTION), 0);
    assert_int_equal(fupin__income_amount(&h->incomes[0], FUPIN__INC_BUSINESS), 200);
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

    /* an id typed with spaces or a tab around it is still unknown (fields are never
     * trimmed), and the message says households.csv has it without them */
    fs = base();
    fs.f[4] = EH "\"H2 \",2023,death,\n";
    expect_error(fs, "events.csv:2: column household_id: unknown household (not in "
                     "households.csv, which has it without the spaces around it: fields are "
                     "never trimmed) (got \"H2 \")");
    fs = base();
    fs.f[4] = EH " H2,2023,death,\n";
    expect_error(fs, "events.csv:2: column household_id: unknown household (not in "
                     "households.csv, which has it without the spaces around it: fields are "
                     "never trimmed) (got \" H2\")");
    fs = base();
    fs.f[4] = EH "\t H1\t,2023,death,\n";
    expect_error(fs, "events.csv:2: column household_id: unknown household (not in "
                     "households.csv, which has it without the spaces around it: fields are "
                     "never trimmed) (got \"\\x09 H1\\x09\")");
    /* spaces around an id that households.csv does not have either: the plain message */
    fs = base();
    fs.f[4] = EH " H9 ,2023,death,\n";
    expect_error(fs, "events.csv:2: column household_id: unknown household (not in "
                     "households.csv) (got \" H9 \")");
    /* a space inside an id is not taken off */
    fs = base();
    fs.f[4] = EH "H 2,2023,death,\n";
    expect_error(fs, "events.csv:2: column household_id: unknown household (not in "
                     "households.csv) (got \"H 2\")");

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
                 "H1,2023,2,2,2,2,,,\n" /* duplicate: 2023 unknown (issue 10) */
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
    /* docs/dataset.md: a duplicate household-year has unknown income, not the
     * first record's (the first stays counted as loaded: read = loaded + skipped) */
    assert_int_equal(h1->incomes[1].skipped, 1);
    assert_int_equal(fupin__net_income(h1, 2023), FUPIN__FEN_UNKNOWN);
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

/* ------------------------------------------------------------ real-world files */

/* Load leniently from memory, returning the dataset. */
static fupin_dataset *load_mem(struct files fs, uint32_t flags)
{
    size_t len[FUPIN_FILE_COUNT];
    for (int i = 0; i < FUPIN_FILE_COUNT; i++)
        len[i] = fs.f[i] ? strlen(fs.f[i]) : 0;
    fupin_dataset *d = NULL;
    FUPIN_OK_OR_FAIL(fupin__dataset_load_memory(&d, fs.f, len, flags));
    return d;
}

/* issue 10 item 5: one problem per bad value of a record, in header order. */
static void test_every_bad_value_of_a_record_is_reported_one_line_each(void **state)
{
    (void)state;
    struct files fs = base();
    fs.f[1] = HH "H1,520102001001,2015,2019,,,dibao,A,1,1,60,0,95,1\n"
                 "H2,520102001001,,,marginal,2021-03,none,B,1,1,,,,\n"
                 "H3,520102001001,,,,,maybe,Q,2,,,,,\n";
    fupin_dataset *d = load_mem(fs, FUPIN_LOAD_LENIENT);
    assert_int_equal(fupin_dataset_problem_count(d), 4);
    assert_string_equal(fupin_dataset_problem(d, 0),
                        "households.csv:4: column assistance: not dibao, tekun or none (got "
                        "\"maybe\")");
    assert_string_equal(fupin_dataset_problem(d, 1),
                        "households.csv:4: column housing: not A, B, C, D, relocated or none "
                        "(got \"Q\")");
    assert_string_equal(fupin_dataset_problem(d, 2),
                        "households.csv:4: column food_secure: not 0 or 1 (got \"2\")");
    /* its members refer to a skipped household */
    assert_string_equal(fupin_dataset_problem(d, 3),
                        "members.csv:5: column household_id: household was skipped (got \"H3\")");
    assert_counts(d, FUPIN_FILE_HOUSEHOLDS, 3, 2, 1); /* one record, skipped once */
    fupin_dataset_free(d);
    /* strict: the leftmost only */
    expect_error(fs, "households.csv:4: column assistance: not dibao, tekun or none (got "
                     "\"maybe\")");
}

/* issue 10 item 5: every missing header column named in one message. */
static void test_all_missing_header_columns_are_named_in_one_message(void **state)
{
    (void)state;
    struct files fs = base();
    fs.f[3] = "household_id,wage,business,property,medical_expense\nH1,1,1,1,1\n";
    expect_error(fs, "incomes.csv:1: columns year, transfer, education_expense: required "
                     "columns are missing from the header (got \"household_id,wage,business,"
                     "property,medical_expense\")");
}

/* A file without a header shows its first record: an identity number in it is masked. */
/* A required column under a near name is named, since names are exact and
 * case-sensitive; a far name, or a file without a header, gets no hint. */
static void test_a_near_name_of_a_missing_column_is_named(void **state)
{
    (void)state;
    struct files fs = base();
    fs.f[4] = "household_id,year,Kind,amount\n";
    expect_error(fs, "events.csv:1: column kind: required column is missing from the header; "
                     "the header has \"Kind\" for kind: names are exact and case-sensitive "
                     "(got \"household_id,year,Kind,amount\")");
    fs = base();
    fs.f[4] = "household_id,year,kinds,amount\n";
    expect_error(fs, "events.csv:1: column kind: required column is missing from the header; "
                     "the header has \"kinds\" for kind: names are exact and case-sensitive "
                     "(got \"household_id,year,kinds,amount\")");
    /* kind (4 letters) allows one edit: "type" and "kindes" are not near */
    fs = base();
    fs.f[4] = "household_id,year,type,amount\n";
    expect_error(fs, "events.csv:1: column kind: required column is missing from the header "
                     "(got \"household_id,year,type,amount\")");
    fs = base();
    fs.f[4] = "household_id,year,kindes,amount\n";
    expect_error(fs, "events.csv:1: column kind: required column is missing from the header "
                     "(got \"household_id,year,kindes,amount\")");
    /* longer names allow three edits */
    fs = base();
    fs.f[4] = "household_id,Year_,kind,amount\n";
    expect_error(fs, "events.csv:1: column year: required column is missing from the header; "
                     "the header has \"Year_\" for year: names are exact and case-sensitive "
                     "(got \"household_id,Year_,kind,amount\")");
    fs = base();
    fs.f[1] = "household_id,village_code,registered_year,exit_year,monitor,monitor_since,"
              "assistance,housing,food_secure,clothing_secure,Water_Litres ,water_minutes,"
              "water_supply_rate,water_quality_ok\n";
    fupin_dataset *d = NULL;
    assert_int_equal(load(fs, FUPIN_LOAD_STRICT, &d), FUPIN_EPARSE);
    assert_non_null(strstr(fupin_last_error(),
                           "column water_litres: required column is missing from the header; "
                           "the header has \"Water_Litres \" for water_litres: names are exact "
                           "and case-sensitive (got \"household_id,"));
    fs = base();
    fs.f[1] = "household_id,village_code,registered_year,exit_year,monitor,monitor_since,"
              "assistance,housing,food_secure,clothing_secure,wtr_ltrs_pp,water_minutes,"
              "water_supply_rate,water_quality_ok\n";
    assert_int_equal(load(fs, FUPIN_LOAD_STRICT, &d), FUPIN_EPARSE);
    assert_null(strstr(fupin_last_error(), "the header has"));
    /* a headerless members.csv: its first record's "healthy" is not offered for health */
    fs = base();
    fs.f[2] = "H1,m1,1980-05-01,M,,completed,0,1,healthy,full\n";
    assert_int_equal(load(fs, FUPIN_LOAD_STRICT, &d), FUPIN_EPARSE);
    assert_null(strstr(fupin_last_error(), "the header has"));
}

static void test_a_headerless_file_masks_the_id_it_shows_as_header(void **state)
{
    (void)state;
    struct files fs = base();
    fs.f[2] = "H1,m1,1980-05-01,M,110101198005010018,completed,0,1,healthy,full\n";
    fupin_dataset *d = NULL;
    assert_int_equal(load(fs, FUPIN_LOAD_LENIENT, &d), FUPIN_EPARSE);
    assert_null(strstr(fupin_last_error(), "110101198005010018"));
    assert_non_null(strstr(fupin_last_error(), "110101********0018"));
}

/* issue 10 item 5: a record with a field more than the header says both counts. */
static void test_a_wrong_field_count_names_both_counts(void **state)
{
    (void)state;
    struct files fs = base();
    fs.f[4] = EH "H2,2023,major_illness,20000,extra\n";
    expect_error(fs, "events.csv:2: column amount: wrong number of fields (5, the header has "
                     "4) (got \"extra\")");
    fs.f[4] = EH "H2,2023\n";
    expect_error(fs, "events.csv:2: column kind: wrong number of fields (2, the header has 4) "
                     "(got \"\")");
    /* a shifted record (an unquoted comma) is one problem, not its shifted values */
    fs = base();
    fs.f[1] = HH "H1,520102001001,2015,2019,,,dibao,A,1,1,60,0,95,1\n"
                 "H2,520102001001,,,marginal,2021-03,none,B,1,1,,,,\n"
                 "H3,520102001001,,,,,none,Big, house,1,1,60,0,95,1\n";
    fupin_dataset *d = load_mem(fs, FUPIN_LOAD_LENIENT);
    assert_int_equal(fupin_dataset_problem_count(d), 2); /* and H3's member record */
    assert_string_equal(fupin_dataset_problem(d, 0),
                        "households.csv:4: column water_quality_ok: wrong number of fields (15, "
                        "the header has 14) (got \"1\")");
    fupin_dataset_free(d);
}

/* docs/dataset.md, lenient: a year written as 4 digits outside 1949..2100 is in
 * doubt only for itself; an unreadable one may be any year. */
static void test_an_out_of_range_income_year_makes_only_itself_unknown(void **state)
{
    (void)state;
    struct files fs = base();
    fs.f[3] = IH "H1,2023,10000,0,0,0,0,0,\n"
                 "H1,2101,1,1,1,1,0,0,\n" /* out of range: 2023 stays known */
                 "H2,2023,1,1,1,1,0,0,\n"
                 "H2,1948,1,1,1,1,0,0,\n" /* one below the range */
                 "H3,2023,1,1,1,1,0,0,\n"
                 "H3,21x1,1,1,1,1,0,0,\n"; /* unreadable: every year unknown */
    fs.f[4] = EH "H1,2101,death,\n";
    fupin_dataset *d = load_mem(fs, FUPIN_LOAD_LENIENT);
    assert_counts(d, FUPIN_FILE_INCOMES, 6, 3, 3);
    assert_int_equal(fupin__net_income(find_h(d, "H1"), 2023), 1000000);
    assert_int_equal(fupin__net_income(find_h(d, "H2"), 2023), 400);
    assert_int_equal(fupin__net_income(find_h(d, "H3"), 2023), FUPIN__FEN_UNKNOWN);
    /* the skipped 2101 event is no unknown risk in 2023 */
    assert_int_equal(find_h(d, "H1")->n_events, 0);
    assert_string_equal(fupin_dataset_problem(d, 0),
                        "incomes.csv:3: column year: year out of range (got \"2101\")");
    fupin_dataset_free(d);
}

/* docs/dataset.md, lenient: a duplicate household-year has unknown income. */
static void test_a_duplicate_income_year_is_unknown_not_the_first(void **state)
{
    (void)state;
    struct files fs = base();
    fs.f[3] = IH "H1,2023,10000,0,0,0,0,0,\n"
                 "H1,2022,9000,0,0,0,0,0,\n"
                 "H1,2023,1,0,0,0,0,0,\n";
    fupin_dataset *d = load_mem(fs, FUPIN_LOAD_LENIENT);
    assert_counts(d, FUPIN_FILE_INCOMES, 3, 2, 1);
    assert_int_equal(fupin__net_income(find_h(d, "H1"), 2023), FUPIN__FEN_UNKNOWN);
    assert_int_equal(fupin__net_income(find_h(d, "H1"), 2022), 900000);
    size_t n = 0;
    FUPIN_OK_OR_FAIL(fupin_dataset_income_household_count(d, 2023, &n));
    assert_int_equal(n, 0);
    FUPIN_OK_OR_FAIL(fupin_dataset_income_household_count(d, 2022, &n));
    assert_int_equal(n, 1);
    fupin_dataset_free(d);
}

/* issue 11 item 5: identity digits typed in groups are masked in messages too. */
static void test_id_digits_with_spaces_or_dashes_are_masked(void **state)
{
    (void)state;
    struct files fs = base();
    fs.f[2] = MH "H1,m1,520402 19900204 6393,M,,completed,0,1,healthy,full\n"
                 "H2,m1,520402-19900204-6393,F,,,,,,\n"
                 "H3,m1,5204 0219 9002 0463,,,,,,,\n" /* 16 digits in fours */
                 "H3,m2,2024 2023,,,,,,,\n";          /* 8 digits: left alone */
    fupin_dataset *d = load_mem(fs, FUPIN_LOAD_LENIENT);
    const char *want[] = {"\"520402 ******** 6393\"", "\"520402-********-6393\"",
                          "\"5204 02** **** 0463\"", "\"2024 2023\""};
    assert_int_equal(fupin_dataset_problem_count(d), 4);
    for (size_t i = 0; i < 4; i++)
        assert_non_null(strstr(fupin_dataset_problem(d, i), want[i]));
    fupin_dataset_free(d);
}

/* issue 10 item 1: an Excel "CSV (Macintosh)" file (CR only) and mixed line ends load
 * exactly as LF, with physical line numbers in messages. */
static void test_cr_only_and_mixed_line_ends_load_as_lf(void **state)
{
    (void)state;
    struct files fs = base();
    fs.f[4] = EH "H2,2023,major_illness,20000\rH2,2022,job_loss,\r";
    fs.f[3] = IH "H1,2023,10000,500.5,-20,300,100,0,\r\n"
                 "H1,2022,9000,0,0,0,0,,\r"
                 "H2,2023,1,2,3,4,,,\n";
    fupin_dataset *d = load_mem(fs, FUPIN_LOAD_STRICT);
    assert_counts(d, FUPIN_FILE_EVENTS, 2, 2, 0);
    assert_counts(d, FUPIN_FILE_INCOMES, 3, 3, 0);
    assert_int_equal(find_h(d, "H2")->n_events, 2);
    fupin_dataset_free(d);
    fs.f[4] = EH "H2,2023,major_illness,20000\rH2,2022,flood,\r";
    expect_error(fs, "events.csv:3: column kind: not an event kind (got \"flood\")");
}

/* issue 10 item 2: GBK text is found (file, line, column) and read when asked. */
static void test_gbk_text_is_refused_as_utf8_and_read_as_gb18030(void **state)
{
    (void)state;
    struct files fs = base();
    /* 小河村 in GBK: D0 A1 BA D3 B4 E5 (D0 A1 happens to be a UTF-8 pair: BA is the first
     * byte that cannot be UTF-8) */
    fs.f[0] = VH "520102001001,\xd0\xa1\xba\xd3\xb4\xe5,west,1200,1,1,1,1,1,50000\r"
                 "520102001002,x,east,,0,,,,,\r";
    size_t len[FUPIN_FILE_COUNT];
    for (int i = 0; i < FUPIN_FILE_COUNT; i++)
        len[i] = strlen(fs.f[i]);
    fupin_dataset *d = NULL;
    assert_int_equal(fupin__dataset_load_memory(&d, fs.f, len, FUPIN_LOAD_LENIENT), FUPIN_EPARSE);
    assert_null(d);
    assert_non_null(strstr(fupin_last_error(), "villages.csv:2: column name: not UTF-8 text "
                                               "(byte 0xBA at byte 16 of the line)"));
    assert_non_null(strstr(fupin_last_error(), "iconv -f GB18030 -t UTF-8"));
    assert_null(strstr(fupin_last_error(), "--")); /* library messages name no CLI option */
    struct fupin_load_options o = {FUPIN_LOAD_STRICT, FUPIN_ENCODING_GB18030, NULL, NULL};
    FUPIN_OK_OR_FAIL(fupin__dataset_load_memory_with(&d, fs.f, len, &o));
    assert_string_equal(fupin_village_name(fupin_dataset_village(d, 0)),
                        "\xe5\xb0\x8f\xe6\xb2\xb3\xe6\x9d\x91");
    fupin_dataset_free(d);
    /* UTF-16 (Excel's "Unicode Text") is named as such */
    const char utf16[] = "\xff\xfev\0i\0";
    const char *u16[FUPIN_FILE_COUNT] = {utf16, fs.f[1], fs.f[2], fs.f[3], fs.f[4]};
    size_t u16len[FUPIN_FILE_COUNT] = {sizeof utf16 - 1, len[1], len[2], len[3], len[4]};
    assert_int_equal(fupin__dataset_load_memory(&d, u16, u16len, FUPIN_LOAD_LENIENT), FUPIN_EPARSE);
    assert_non_null(strstr(fupin_last_error(), "villages.csv:1: not UTF-8 text: the file is "
                                               "UTF-16 (a byte-order mark FF FE"));
    /* a byte that is not GB18030 either */
    fs.f[0] = VH "520102001001,\xff\xff,west,1200,1,1,1,1,1,50000\n";
    len[0] = strlen(fs.f[0]);
    assert_int_equal(fupin__dataset_load_memory_with(&d, fs.f, len, &o), FUPIN_EPARSE);
    assert_non_null(strstr(fupin_last_error(), "villages.csv:2: not GB18030 text"));
}

struct progress_log {
    uint64_t done[64], total[64];
    size_t n;
};

static void on_progress(void *ctx, uint64_t done, uint64_t total)
{
    struct progress_log *p = ctx;
    if (p->n < 64) {
        p->done[p->n] = done;
        p->total[p->n] = total;
    }
    p->n++;
}

/* The load-options progress callback: increasing values ending at the total, about
 * every 4 MB and never per record. */
static void test_progress_is_reported_increasing_and_ends_at_the_total(void **state)
{
    (void)state;
    /* ~13 MB of members for one household: about three reports and the last */
    const size_t rows = 300000;
    struct fupin__buf b;
    fupin__buf_init(&b);
    fupin__buf_adds(&b, MH);
    for (size_t i = 0; i < rows; i++)
        fupin__buf_addf(&b, "H1,m%07zu,1980-05-01,M,,completed,0,1,healthy,full\n", i);
    fupin__buf_adds(&b, "H2,m1,1955-01,F,,,,,,\nH3,m1,1990,,,,,,,\n");
    assert_false(b.failed);
    struct files fs = base();
    fs.f[2] = b.data;
    size_t len[FUPIN_FILE_COUNT];
    uint64_t total = 0;
    for (int i = 0; i < FUPIN_FILE_COUNT; i++)
        total += len[i] = strlen(fs.f[i]);
    struct progress_log log = {{0}, {0}, 0};
    struct fupin_load_options o = {FUPIN_LOAD_STRICT, FUPIN_ENCODING_UTF8, on_progress, &log};
    fupin_dataset *d = NULL;
    FUPIN_OK_OR_FAIL(fupin__dataset_load_memory_with(&d, fs.f, len, &o));
    if (!(log.n >= 3 && log.n <= 6))
        fail_msg("%zu progress reports", log.n);
    for (size_t i = 0; i < log.n; i++) {
        assert_int_equal(log.total[i], total);
        if (i)
            assert_true(log.done[i] > log.done[i - 1]);
        if (i + 1 < log.n) /* at least 4 MB apart */
            assert_true(log.done[i] >= (uint64_t)(i + 1) * (4u << 20));
    }
    assert_int_equal(log.done[log.n - 1], total);
    fupin_dataset_free(d);
    fupin__buf_free(&b);
}

/* issue 10 item 3: what follows from an absent or empty optional file, a village
 * without households and a dataset without households is said. */
/* R-I1: production_expense is optional, so a near name of it would silently make
 * business net; the load says which column it does not read. */
static void test_a_near_name_of_production_expense_is_noticed(void **state)
{
    (void)state;
    static const char *const near[] = {"production_expenses", "Production_Expense",
                                       "production_expense ", "production_expe"};
    static const char *const want[] = {
        "incomes.csv: column \"production_expenses\" is not read: did you mean "
        "production_expense? Without a production_expense column, business is taken as net "
        "of production costs (R-I1)",
        "incomes.csv: column \"Production_Expense\" is not read: did you mean "
        "production_expense? Without a production_expense column, business is taken as net "
        "of production costs (R-I1)",
        "incomes.csv: column \"production_expense \" is not read: did you mean "
        "production_expense? Without a production_expense column, business is taken as net "
        "of production costs (R-I1)",
        "incomes.csv: column \"production_expe\" is not read: did you mean "
        "production_expense? Without a production_expense column, business is taken as net "
        "of production costs (R-I1)"};
    char inc[512];
    for (size_t i = 0; i < sizeof near / sizeof near[0]; i++) {
        snprintf(inc, sizeof inc,
                 "household_id,year,wage,business,property,transfer,%s,medical_expense,"
                 "education_expense\nH1,2023,10000,500.5,-20,300,100,0,\n",
                 near[i]);
        struct files fs = base();
        fs.f[3] = inc;
        fupin_dataset *d = load_mem(fs, FUPIN_LOAD_STRICT);
        assert_int_equal(fupin_dataset_notice_count(d), 2);
        assert_string_equal(fupin_dataset_notice(d, 0), want[i]);
        assert_string_equal(fupin_dataset_notice(d, 1),
                            "village 520102001002: no household records in households.csv");
        fupin_dataset_free(d);
    }
    /* four edits away, or the column itself present beside a near name: no notice */
    static const char *const quiet[] = {
        "household_id,year,wage,business,property,transfer,production_exp,medical_expense,"
        "education_expense\nH1,2023,10000,500.5,-20,300,100,0,\n",
        "household_id,year,wage,business,property,transfer,production_expense,"
        "production_expenses,medical_expense,education_expense\nH1,2023,10000,500.5,-20,300,"
        "100,7,0,\n"};
    for (size_t i = 0; i < sizeof quiet / sizeof quiet[0]; i++) {
        struct files fs = base();
        fs.f[3] = quiet[i];
        fupin_dataset *d = load_mem(fs, FUPIN_LOAD_STRICT);
        assert_int_equal(fupin_dataset_notice_count(d), 1);
        assert_string_equal(fupin_dataset_notice(d, 0),
                            "village 520102001002: no household records in households.csv");
        fupin_dataset_free(d);
    }
}

static void test_notices_for_absent_files_lonely_villages_and_no_households(void **state)
{
    (void)state;
    struct files fs = base();
    fs.f[3] = NULL;
    fs.f[4] = "";
    fupin_dataset *d = load_mem(fs, FUPIN_LOAD_STRICT);
    assert_int_equal(fupin_dataset_notice_count(d), 3);
    assert_string_equal(fupin_dataset_notice(d, 0),
                        "incomes.csv: not present: every income is unknown (R-I1), so no "
                        "income status, growth or exit is decided");
    assert_string_equal(fupin_dataset_notice(d, 1),
                        "events.csv: empty: no risk events are known (R-A5 raises no alert)");
    assert_string_equal(fupin_dataset_notice(d, 2),
                        "village 520102001002: no household records in households.csv");
    assert_null(fupin_dataset_notice(d, 3));
    assert_non_null(strstr(fupin_last_error(), "fupin_dataset_notice: index out of range"));
    assert_int_equal(fupin_dataset_notice_count(NULL), 0);
    assert_non_null(strstr(fupin_last_error(), "fupin_dataset_notice_count"));
    assert_int_equal(fupin_dataset_household_count(NULL), 0);
    fupin_dataset_free(d);
    fs = base();
    fs.f[1] = HH;
    fs.f[2] = MH;
    fs.f[3] = IH;
    fs.f[4] = EH;
    d = load_mem(fs, FUPIN_LOAD_STRICT);
    assert_int_equal(fupin_dataset_household_count(d), 0);
    assert_string_equal(fupin_dataset_notice(d, 0),
                        "households.csv: no households were loaded: there is nothing to evaluate");
    fupin_dataset_free(d);
}

/* issue 11 item 7: a missing folder says so; a dataset file that is a folder is
 * refused. */
static void test_a_missing_folder_and_a_folder_as_file_are_said(void **state)
{
    (void)state;
    fupin_dataset *d = NULL;
    assert_int_equal(fupin_dataset_load(&d, "/nonexistent/fupin-data", 0), FUPIN_ENOTFOUND);
    assert_string_equal(fupin_last_error(), "no such dataset folder");
    assert_int_equal(fupin_dataset_load(&d, "/etc/hostname", 0), FUPIN_EIO);
}

struct rewriter {
    char path[300];
    const char *text;
    size_t len;
    atomic_int stop;
};

/* Truncate the file and write it again, in 64 KiB pieces, until told to stop. */
static void *rewrite_loop(void *arg)
{
    struct rewriter *w = arg;
    while (!atomic_load(&w->stop)) {
        int fd = open(w->path, O_WRONLY | O_TRUNC);
        if (fd < 0)
            break;
        for (size_t off = 0; off < w->len && !atomic_load(&w->stop);) {
            size_t n = w->len - off < 65536 ? w->len - off : 65536;
            ssize_t k = write(fd, w->text + off, n);
            if (k <= 0)
                break;
            off += (size_t)k;
        }
        close(fd);
    }
    return NULL;
}

/* issue 11 item 4: members.csv truncated and rewritten again and again while loads
 * run: every load ends in a result or an error (the file shrank or grew, or a record
 * cut short), never a signal; under ASan nothing is read out of bounds. */
static void test_a_file_rewritten_during_loads_never_crashes(void **state)
{
    (void)state;
    struct fupin__buf b;
    fupin__buf_init(&b);
    fupin__buf_adds(&b, MH);
    for (size_t i = 0; i < 60000; i++)
        fupin__buf_addf(&b, "H1,m%06zu,1980-05-01,M,,completed,0,1,healthy,full\n", i);
    fupin__buf_adds(&b, "H2,m1,1955-01,F,,,,,,\nH3,m1,1990,,,,,,,\n");
    assert_false(b.failed);
    char dir[] = "/tmp/fupin-rw-XXXXXX";
    assert_non_null(tu_mkdtemp(dir));
    struct files fs = base();
    fs.f[2] = b.data;
    char path[300];
    for (int i = 0; i < FUPIN_FILE_COUNT; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, fupin__dataset_file_names[i]);
        FILE *fp = fopen(path, "wb");
        assert_non_null(fp);
        fputs(fs.f[i], fp);
        fclose(fp);
    }
    static struct rewriter w;
    snprintf(w.path, sizeof w.path, "%s/members.csv", dir);
    w.text = b.data;
    w.len = b.len;
    atomic_store(&w.stop, 0);
    pthread_t th;
    assert_int_equal(pthread_create(&th, NULL, rewrite_loop, &w), 0);
    int ok = 0, changed = 0;
    for (int k = 0; k < 40; k++) {
        fupin_dataset *d = NULL;
        int rc = fupin_dataset_load(&d, dir, k % 2 ? FUPIN_LOAD_LENIENT : FUPIN_LOAD_STRICT);
        if (rc == 0) {
            assert_non_null(d);
            ok++;
            fupin_dataset_free(d);
        } else {
            assert_null(d);
            assert_true(rc == FUPIN_EIO || rc == FUPIN_EPARSE);
            if (strstr(fupin_last_error(), "while it was read"))
                changed++;
        }
    }
    atomic_store(&w.stop, 1);
    pthread_join(th, NULL);
    print_message("rewritten members.csv: %d loads succeeded, %d saw the file change\n", ok,
                  changed);
    for (int i = 0; i < FUPIN_FILE_COUNT; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, fupin__dataset_file_names[i]);
        unlink(path);
    }
    rmdir(dir);
    fupin__buf_free(&b);
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
        cmocka_unit_test(test_every_bad_value_of_a_record_is_reported_one_line_each),
        cmocka_unit_test(test_all_missing_header_columns_are_named_in_one_message),
        cmocka_unit_test(test_a_near_name_of_a_missing_column_is_named),
        cmocka_unit_test(test_a_headerless_file_masks_the_id_it_shows_as_header),
        cmocka_unit_test(test_a_wrong_field_count_names_both_counts),
        cmocka_unit_test(test_an_out_of_range_income_year_makes_only_itself_unknown),
        cmocka_unit_test(test_a_duplicate_income_year_is_unknown_not_the_first),
        cmocka_unit_test(test_id_digits_with_spaces_or_dashes_are_masked),
        cmocka_unit_test(test_cr_only_and_mixed_line_ends_load_as_lf),
        cmocka_unit_test(test_gbk_text_is_refused_as_utf8_and_read_as_gb18030),
        cmocka_unit_test(test_progress_is_reported_increasing_and_ends_at_the_total),
        cmocka_unit_test(test_a_near_name_of_production_expense_is_noticed),
        cmocka_unit_test(test_notices_for_absent_files_lonely_villages_and_no_households),
        cmocka_unit_test(test_a_missing_folder_and_a_folder_as_file_are_said),
        cmocka_unit_test(test_a_file_rewritten_during_loads_never_crashes),
        cmocka_unit_test(test_every_allocation_failure_returns_enomem_and_leaks_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
