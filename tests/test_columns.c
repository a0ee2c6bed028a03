/* members.csv and incomes.csv with their columns in any order and with unknown columns
 * among them (docs/dataset.md: columns are found by name): every value lands in the
 * same field, and every bad one is reported the same, as with the columns in the order
 * of docs/dataset.md. The loader calls each header column's own setter, written out
 * for the first 16 columns and in a loop past them (dataset_records.c, set_values), so
 * the known columns are put at every place, past the 16th too. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "io/io.h"
#include "model/model.h"

#include "csv_headers.h"

static const char *V = VH "520102001001,A,west,1200,1,1,1,1,1,50000\n";
static const char *H = HH "H1,520102001001,,,,,none,A,1,1,60,0,95,1\n"
                          "H2,520102001001,,,,,none,B,1,1,,,,\n"
                          "H3,520102001001,,,,,,,,,,,,\n";

#define MCOLS 10
#define ICOLS 9
#define MROWS 6
#define IROWS 6
static const char *const mcol[MCOLS] = {"household_id", "member_id", "birth",      "sex",
                                        "id_number",    "school",    "disability", "insured",
                                        "health",       "labor"};
/* at most one bad value a record, so that a record's problems have one order */
static const char *const mrow[MROWS][MCOLS] = {
    {"H1", "m1", "1980-05-01", "M", "110101198005010018", "completed", "0", "1", "healthy", "full"},
    {"H1", "m2", "2010", "F", "", "enrolled", "", "1", "", "partial"},
    {"H2", "m1", "1955-01", "X", "", "", "", "", "", ""},        /* bad sex */
    {"H2", "m2", "1960", "F", "", "", "7", "0", "chronic", ""},  /* bad disability */
    {"H3", "m1", "1990", "", "", "dropout", "", "", "", "lots"}, /* bad labor */
    {"H3", "m2", "2001-02-03", "M", "", "none", "4", "", "major_illness", "none"}};
static const char *const icol[ICOLS] = {"household_id",
                                        "year",
                                        "wage",
                                        "business",
                                        "property",
                                        "transfer",
                                        "production_expense",
                                        "medical_expense",
                                        "education_expense"};
static const char *const irow[IROWS][ICOLS] = {
    {"H1", "2023", "10000", "500.5", "-20", "300", "100", "0", ""},
    {"H1", "2022", "9000", "0", "0", "0", "0", "", ""},
    {"H2", "20x3", "1", "2", "3", "4", "", "", ""},   /* bad year */
    {"H2", "2022", "1", "2", "abc", "4", "", "", ""}, /* bad property */
    {"H3", "2023", "1.5", "-2", "3", "4", "5", "6", "7"},
    {"H3", "2021", "", "", "", "", "", "", "-1"}}; /* bad education */

/* A file of rows[nrows][ncols] with column order[i] at place i of the known ones and
 * `pad` unknown columns "x0".. before place `at` (values "?"). */
static char *write_file(const char *const *cols, int ncols, const char *const *rows, int nrows,
                        const int *order, int pad, int at)
{
    size_t cap = 65536, n = 0;
    char *s = malloc(cap);
    assert_non_null(s);
    for (int r = -1; r < nrows; r++) {
        for (int i = 0, out = 0; i <= ncols; i++) {
            if (i == at)
                for (int p = 0; p < pad; p++, out++)
                    n += (size_t)snprintf(s + n, cap - n, "%s%s", out ? "," : "",
                                          r < 0 ? (char[8]){'x', (char)('a' + p), 0} : "?");
            if (i == ncols)
                break;
            const char *v = r < 0 ? cols[order[i]] : rows[r * ncols + order[i]];
            n += (size_t)snprintf(s + n, cap - n, "%s%s", out++ ? "," : "", v);
        }
        n += (size_t)snprintf(s + n, cap - n, "\n");
        assert_true(n < cap);
    }
    return s;
}

static int load(const int *morder, const int *iorder, int pad, int at, uint32_t flags,
                fupin_dataset **d)
{
    char *m = write_file(mcol, MCOLS, &mrow[0][0], MROWS, morder, pad, at);
    char *i = write_file(icol, ICOLS, &irow[0][0], IROWS, iorder, pad, at);
    const char *text[FUPIN_FILE_COUNT] = {V, H, m, i, NULL};
    int rc = tu_load_folder(text, flags, d);
    free(m);
    free(i);
    return rc;
}

static void assert_same_members(const struct fupin__member *a, const struct fupin__member *b)
{
    assert_string_equal(a->id, b->id);
    assert_int_equal(a->birth.y, b->birth.y); /* field by field: a date has padding */
    assert_int_equal(a->birth.m, b->birth.m);
    assert_int_equal(a->birth.d, b->birth.d);
    assert_int_equal(a->birth.prec, b->birth.prec);
    assert_int_equal(a->sex, b->sex);
    assert_int_equal(a->school, b->school);
    assert_int_equal(a->disability, b->disability);
    assert_int_equal(a->insured, b->insured);
    assert_int_equal(a->health, b->health);
    assert_int_equal(a->labor, b->labor);
    assert_int_equal(a->has_id_number, b->has_id_number);
}

static void assert_same_incomes(const struct fupin__income *a, const struct fupin__income *b)
{
    assert_int_equal(a->year, b->year);
    assert_int_equal(a->skipped, b->skipped);
    for (int f = 0; f < FUPIN__INC_N; f++)
        assert_int_equal(fupin__income_amount(a, f), fupin__income_amount(b, f));
}

/* The same households, members, incomes and problems. */
static void assert_same_dataset(const fupin_dataset *a, const fupin_dataset *b)
{
    assert_int_equal(a->n_households, b->n_households);
    for (size_t h = 0; h < a->n_households; h++) {
        const struct fupin_household *x = &a->households[h], *y = &b->households[h];
        assert_string_equal(x->id, y->id);
        assert_int_equal(x->incomplete, y->incomplete);
        assert_int_equal(x->n_members, y->n_members);
        for (size_t k = 0; k < x->n_members; k++)
            assert_same_members(&x->members[k], &y->members[k]);
        assert_int_equal(x->n_incomes, y->n_incomes);
        for (size_t k = 0; k < x->n_incomes; k++)
            assert_same_incomes(&x->incomes[k], &y->incomes[k]);
    }
    assert_int_equal(fupin_dataset_problem_count(a), fupin_dataset_problem_count(b));
    for (size_t k = 0; k < fupin_dataset_problem_count(a); k++)
        assert_string_equal(fupin_dataset_problem(a, k), fupin_dataset_problem(b, k));
}

static const int M_IN_ORDER[MCOLS] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
static const int I_IN_ORDER[ICOLS] = {0, 1, 2, 3, 4, 5, 6, 7, 8};
static const int M_REVERSED[MCOLS] = {9, 8, 7, 6, 5, 3, 2, 4, 1, 0}; /* id_number after birth */
static const int I_REVERSED[ICOLS] = {8, 7, 6, 5, 4, 3, 2, 1, 0};
static const int M_MIXED[MCOLS] = {3, 0, 9, 2, 4, 1, 8, 5, 7, 6};
static const int I_MIXED[ICOLS] = {4, 1, 8, 0, 6, 2, 7, 3, 5};

/* The reference: the documented order, no unknown column. Its lenient load has the
 * three member and three income problems the rows above carry. */
static fupin_dataset *reference(void)
{
    fupin_dataset *d = NULL;
    FUPIN_OK_OR_FAIL(load(M_IN_ORDER, I_IN_ORDER, 0, 0, FUPIN_LOAD_LENIENT, &d));
    assert_int_equal(fupin_dataset_problem_count(d), 6);
    assert_non_null(strstr(fupin_dataset_problem(d, 0), "members.csv:4: column sex: not M or F"));
    assert_non_null(strstr(fupin_dataset_problem(d, 2), "members.csv:6: column labor:"));
    assert_non_null(strstr(fupin_dataset_problem(d, 3), "incomes.csv:4: column year:"));
    assert_non_null(
        strstr(fupin_dataset_problem(d, 5), "incomes.csv:7: column education_expense:"));
    return d;
}

static void check_layout(const int *morder, const int *iorder, int pad, int at)
{
    fupin_dataset *ref = reference(), *d = NULL;
    FUPIN_OK_OR_FAIL(load(morder, iorder, pad, at, FUPIN_LOAD_LENIENT, &d));
    assert_same_dataset(ref, d);
    fupin_dataset_free(d);
    fupin_dataset_free(ref);
}

static void test_columns_in_any_order_read_the_same(void **state)
{
    (void)state;
    check_layout(M_REVERSED, I_REVERSED, 0, 0);
    check_layout(M_MIXED, I_MIXED, 0, 0);
}

/* Unknown columns before, among and after the known ones: 4 put them all within the
 * first 16 columns; 8 and 12 push known ones past the 16th (read by the loop). */
static void test_unknown_columns_anywhere_read_the_same(void **state)
{
    (void)state;
    static const int pads[] = {1, 4, 8, 12};
    for (size_t p = 0; p < sizeof pads / sizeof pads[0]; p++)
        for (int at = 0; at <= ICOLS; at += 3) {
            check_layout(M_IN_ORDER, I_IN_ORDER, pads[p], at);
            check_layout(M_MIXED, I_MIXED, pads[p], at);
        }
    check_layout(M_REVERSED, I_REVERSED, 12, 0);
}

/* Every known column past the 16th: its values are set and its bad ones refused. */
static void test_columns_past_the_sixteenth_are_read(void **state)
{
    (void)state;
    fupin_dataset *d = NULL;
    FUPIN_OK_OR_FAIL(load(M_IN_ORDER, I_IN_ORDER, 16, 0, FUPIN_LOAD_LENIENT, &d));
    const struct fupin_household *h1 = &d->households[0];
    assert_string_equal(h1->id, "H1");
    assert_int_equal(h1->n_members, 2);
    assert_int_equal(h1->members[1].labor, FUPIN__LABOR_PARTIAL);
    assert_int_equal(h1->members[0].has_id_number, 1);
    assert_int_equal(h1->n_incomes, 2);
    assert_int_equal(h1->incomes[1].year, 2023);
    assert_int_equal(fupin__income_amount(&h1->incomes[1], FUPIN__INC_BUSINESS), 50050);
    assert_int_equal(fupin_dataset_problem_count(d), 6);
    assert_non_null(strstr(fupin_dataset_problem(d, 2), "members.csv:6: column labor:"));
    fupin_dataset_free(d);

    /* strict: the first bad value, past the 16th column too */
    char *m = write_file(mcol, MCOLS, &mrow[0][0], MROWS, M_IN_ORDER, 16, 0);
    const char *text[FUPIN_FILE_COUNT] = {V, H, m, NULL, NULL};
    tu_expect_folder_error(text, "members.csv:4: column sex: not M or F (got \"X\")");
    free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_columns_in_any_order_read_the_same),
        cmocka_unit_test(test_unknown_columns_anywhere_read_the_same),
        cmocka_unit_test(test_columns_past_the_sixteenth_are_read),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
