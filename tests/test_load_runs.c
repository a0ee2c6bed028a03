/* A household's members and incomes are the records that name it, in file order,
 * however members.csv and incomes.csv arrange them (docs/dataset.md): grouped by
 * household in households.csv's order (the loader keeps such runs where they are,
 * issue 15), grouped in another order, interleaved, or grouped but for one record that
 * comes back to an earlier household late in the file. Each arrangement, under
 * households.csv in village order and out of it, gives the same dataset, duplicates
 * included (a duplicate member_id in a small and in a large household, a duplicate
 * year), checked against what the files say, not against another load. */
#include <stdio.h>
#include <string.h>

#include "util.h"
#include "io/io.h"
#include "model/model.h"

#include "csv_headers.h"

#define NH     24
#define MAXREC 64

/* One household's records, in the order the household's own rows come. */
struct hrec {
    int n;
    char row[MAXREC][96];
};

static struct hrec members[NH], incomes[NH];

/* Member rows: 1 + h % 4 each; households 7 and 8 are large (40: past the loader's
 * switch to a hash table) with the same ids, 8 repeating m5 at its end; household 9
 * has four rows, m1, m2, m1 again, m3. Incomes: 2021..2023, household 3 out of year
 * order, household 4 with 2022 twice, household 5 none. */
static int n_members_of(int h)
{
    return h == 7 || h == 8 ? 40 : h == 9 ? 4 : 1 + h % 4;
}

static void model(void)
{
    for (int h = 0; h < NH; h++) {
        struct hrec *m = &members[h], *in = &incomes[h];
        m->n = in->n = 0;
        for (int k = 1; k <= n_members_of(h); k++) {
            int id = h == 9 && k == 3 ? 1 : h == 9 && k > 3 ? k - 1 : k;
            snprintf(m->row[m->n++], sizeof m->row[0],
                     "H%02d,m%d,19%02d-01-01,F,,completed,0,1,healthy,full\n", h, id, 50 + k);
        }
        if (h == 8)
            snprintf(m->row[m->n++], sizeof m->row[0],
                     "H08,m5,1990-01-01,F,,completed,0,1,healthy,full\n");
        static const int order[3] = {2021, 2022, 2023}, back[3] = {2023, 2021, 2022};
        for (int k = 0; h != 5 && k < 3; k++) {
            int y = h == 3 ? back[k] : order[k];
            snprintf(in->row[in->n++], sizeof in->row[0], "H%02d,%d,%d,0,0,0,0,,\n", h, y,
                     h * 1000 + y);
        }
        if (h == 4)
            snprintf(in->row[in->n++], sizeof in->row[0], "H04,2022,1,0,0,0,0,,\n");
    }
}

enum { GROUPED, REVERSED, INTERLEAVED, ONE_LATE, N_ARRANGEMENTS };

/* The rows of recs in arrangement a, households taken in order hs[0..NH). */
static void arrange(struct fupin__buf *b, const struct hrec *recs, const int *hs, int a)
{
    if (a == INTERLEAVED) {
        for (int k = 0; k < MAXREC; k++)
            for (int i = 0; i < NH; i++)
                if (k < recs[hs[i]].n)
                    fupin__buf_adds(b, recs[hs[i]].row[k]);
        return;
    }
    const struct hrec *late = NULL;
    for (int i = 0; i < NH; i++) {
        const struct hrec *r = &recs[hs[a == REVERSED ? NH - 1 - i : i]];
        int n = r->n;
        if (a == ONE_LATE && i == 2 && n > 1) {
            late = r;
            n--;
        }
        for (int k = 0; k < n; k++)
            fupin__buf_adds(b, r->row[k]);
    }
    if (late)
        fupin__buf_adds(b, late->row[late->n - 1]);
}

/* households.csv lists hs[0..NH); household h is in village h % 3. */
static fupin_dataset *load(const int *hs, int a)
{
    struct fupin__buf f[FUPIN_FILE_COUNT];
    for (int i = 0; i < FUPIN_FILE_COUNT; i++)
        fupin__buf_init(&f[i]);
    fupin__buf_adds(&f[0], VH "520102001001,a,west,1200,1,1,1,1,1,50000\n"
                              "520102001002,b,east,900,0,1,1,1,1,\n"
                              "520102001003,c,central,,0,,,,,\n");
    fupin__buf_adds(&f[1], HH);
    for (int i = 0; i < NH; i++)
        fupin__buf_addf(&f[1], "H%02d,52010200100%d,,,,,none,A,1,1,60,10,95,1\n", hs[i],
                        1 + hs[i] % 3);
    fupin__buf_adds(&f[2], MH);
    arrange(&f[2], members, hs, a);
    fupin__buf_adds(&f[3], IH);
    arrange(&f[3], incomes, hs, a);
    fupin__buf_adds(&f[4], EH "H00,2024,job_loss,500\nH07,2023,disaster,100\n");
    const char *data[FUPIN_FILE_COUNT];
    size_t len[FUPIN_FILE_COUNT];
    for (int i = 0; i < FUPIN_FILE_COUNT; i++) {
        assert_false(f[i].failed);
        data[i] = f[i].data;
        len[i] = f[i].len;
    }
    fupin_dataset *d = NULL;
    FUPIN_OK_OR_FAIL(fupin__dataset_load_memory(&d, data, len, FUPIN_LOAD_LENIENT));
    for (int i = 0; i < FUPIN_FILE_COUNT; i++)
        fupin__buf_free(&f[i]);
    return d;
}

/* What the files say of household h (its number in the id). */
static void check_household(const struct fupin_household *p)
{
    int h = (p->id[1] - '0') * 10 + (p->id[2] - '0');
    char want[16];
    /* members: m1.., a repeated id skipped (and the household incomplete) */
    int n = h == 9 ? 3 : n_members_of(h);
    assert_int_equal(p->n_members, n);
    for (int k = 0; k < n; k++) {
        snprintf(want, sizeof want, "m%d", k + 1);
        assert_string_equal(p->members[k].id, want);
        assert_int_equal(p->members[k].birth.y, 1950 + k + 1 + (h == 9 && k >= 2));
    }
    assert_int_equal(p->incomplete, h == 8 || h == 9);
    /* incomes: by year, 2022 unknown where it was given twice */
    assert_int_equal(p->n_incomes, h == 5 ? 0 : 3);
    for (uint32_t k = 0; k < p->n_incomes; k++) {
        int y = 2021 + (int)k;
        assert_int_equal(p->incomes[k].year, y);
        assert_int_equal(p->incomes[k].skipped, h == 4 && y == 2022);
        assert_int_equal(fupin__income_amount(&p->incomes[k], FUPIN__INC_WAGE),
                         (int64_t)(h * 1000 + y) * 100);
    }
    assert_int_equal(p->n_events, h == 0 || h == 7);
}

static void check(const fupin_dataset *d, const int *hs)
{
    assert_int_equal(d->n_households, NH);
    assert_int_equal(d->n_problems, 3);
    for (size_t i = 0; i < d->n_problems; i++)
        assert_non_null(strstr(d->problems[i], "duplicate"));
    /* households by village, in households.csv's order within one */
    size_t at = 0;
    for (int v = 0; v < 3; v++)
        for (int i = 0; i < NH; i++)
            if (hs[i] % 3 == v) {
                char id[8];
                snprintf(id, sizeof id, "H%02d", hs[i]);
                assert_string_equal(d->households[at].id, id);
                check_household(&d->households[at++]);
            }
    assert_int_equal(d->villages[0].n_households, NH / 3);
}

static void check_all(const int *hs)
{
    model();
    for (int a = 0; a < N_ARRANGEMENTS; a++) {
        fupin_dataset *d = load(hs, a);
        check(d, hs);
        fupin_dataset_free(d);
    }
}

/* households.csv in village order: rows grouped in its order need no moving */
static void test_records_in_any_arrangement_under_households_in_village_order(void **state)
{
    (void)state;
    int hs[NH], n = 0;
    for (int v = 0; v < 3; v++)
        for (int h = 0; h < NH; h++)
            if (h % 3 == v)
                hs[n++] = h;
    check_all(hs);
}

/* households.csv out of village order: every arrangement's records move */
static void test_records_in_any_arrangement_under_households_out_of_village_order(void **state)
{
    (void)state;
    int hs[NH];
    for (int h = 0; h < NH; h++)
        hs[h] = h;
    check_all(hs);
}

/* A record's household is first compared with the previous record's (issue 15), and
 * ids of different lengths that begin alike are different households: H1's records
 * right after H12's (and H12's after H1's) go to their own household, not the
 * previous one, in members.csv and incomes.csv alike. */
static void test_ids_that_begin_alike_are_told_apart(void **state)
{
    (void)state;
    const char *data[FUPIN_FILE_COUNT] = {VH "520102001001,a,west,1200,1,1,1,1,1,50000\n",
                                          HH "H12,520102001001,,,,,none,A,1,1,60,10,95,1\n"
                                             "H1,520102001001,,,,,none,A,1,1,60,10,95,1\n"
                                             "H123,520102001001,,,,,none,A,1,1,60,10,95,1\n",
                                          MH "H12,a,1950-01-01,F,,completed,0,1,healthy,full\n"
                                             "H1,b,1951-01-01,F,,completed,0,1,healthy,full\n"
                                             "H12,c,1952-01-01,F,,completed,0,1,healthy,full\n"
                                             "H123,d,1953-01-01,F,,completed,0,1,healthy,full\n"
                                             "H12,e,1954-01-01,F,,completed,0,1,healthy,full\n"
                                             "H1,f,1955-01-01,F,,completed,0,1,healthy,full\n",
                                          IH "H123,2023,3,0,0,0,0,,\n"
                                             "H12,2023,2,0,0,0,0,,\n"
                                             "H1,2023,1,0,0,0,0,,\n"
                                             "H12,2022,4,0,0,0,0,,\n",
                                          EH};
    size_t len[FUPIN_FILE_COUNT];
    for (int i = 0; i < FUPIN_FILE_COUNT; i++)
        len[i] = strlen(data[i]);
    fupin_dataset *d = NULL;
    FUPIN_OK_OR_FAIL(fupin__dataset_load_memory(&d, data, len, FUPIN_LOAD_STRICT));
    assert_int_equal(d->n_households, 3);
    static const char *const ids[3] = {"H12", "H1", "H123"}, *const members_of[3] = {"ace", "bf",
                                                                                     "d"};
    static const int incomes_of[3] = {2, 1, 1};
    for (int i = 0; i < 3; i++) {
        const struct fupin_household *h = &d->households[i];
        assert_string_equal(h->id, ids[i]);
        assert_int_equal(h->n_members, strlen(members_of[i]));
        for (uint32_t k = 0; k < h->n_members; k++)
            assert_int_equal(h->members[k].id[0], members_of[i][k]);
        assert_int_equal(h->n_incomes, incomes_of[i]);
    }
    assert_int_equal(fupin__income_amount(&d->households[2].incomes[0], FUPIN__INC_WAGE), 300);
    assert_int_equal(fupin__income_amount(&d->households[1].incomes[0], FUPIN__INC_WAGE), 100);
    fupin_dataset_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_records_in_any_arrangement_under_households_in_village_order),
        cmocka_unit_test(test_records_in_any_arrangement_under_households_out_of_village_order),
        cmocka_unit_test(test_ids_that_begin_alike_are_told_apart),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
