/* Until the build, a household record carries its household_id's offset in the arena
 * (in its id) and its village index, then its final position (in n_events), instead of
 * side arrays alive at the load's peak (lib/io/loader.h, struct loader; issue 15,
 * memory). Here what that could get wrong: the ids of households of either half of a
 * split households.csv (the second half's offsets moved into the first's arena, its
 * ids put into the first's table), a household_id repeated (within a half or across
 * the halves) reported at its own line while the first line's record is the one
 * loaded, households listed out of village order placed in village order and file
 * order within a village, and each one's incomes and events its own once the records
 * have moved. Whole and split at every byte, on one thread and two, checked against
 * what the files say. */
#include <stdio.h>
#include <string.h>

#include "util.h"
#include "io/io.h"
#include "io/loader.h"
#include "model/model.h"

#include "messy_dataset.h"

#define NH 30

/* Household k's village (1..3), out of order in the file. */
static int village_of(int k)
{
    return (k * 7 + k / 4) % 3 + 1;
}

/* Household k's events: k % 4 of them. */
static int events_of(int k)
{
    return k % 4;
}

/* The records repeating an id: after household `after`, household `id` again in another
 * village (its line in households.csv is `line`). */
static const struct {
    int after, id;
    unsigned line;
} repeat[] = {{4, 2, 7}, {20, 20, 24}, {27, 11, 32}};

/* NH households; members, incomes and events in orders unlike households.csv's:
 * incomes backwards (one a household, its year 2000 + k), events by rounds (household
 * k's e-th one worth e + 1 yuan, of year 2000 + k). */
static void dataset(struct ds *x)
{
    make(x, 0, 0, 1);
    struct fupin__buf *hh = &x->f[FUPIN_FILE_HOUSEHOLDS];
    size_t d = 0;
    for (int k = 0; k < NH; k++) {
        fupin__buf_addf(hh, "H%d,52010200100%d,,,,,none,A,1,1,60,10,95,1\n", k, village_of(k));
        if (d < sizeof repeat / sizeof *repeat && repeat[d].after == k) {
            fupin__buf_addf(hh, "H%d,52010200100%d,,,,,none,A,1,1,60,10,95,1\n", repeat[d].id,
                            village_of(repeat[d].id) % 3 + 1);
            d++;
        }
    }
    for (int k = 0; k < NH; k++)
        fupin__buf_addf(&x->f[FUPIN_FILE_MEMBERS],
                        "H%d,m%d,1980-01-01,F,,completed,0,1,healthy,full\n", k, k);
    for (int k = NH - 1; k >= 0; k--)
        fupin__buf_addf(&x->f[FUPIN_FILE_INCOMES], "H%d,%d,1000,0,0,0,0,,\n", k, 2000 + k);
    for (int e = 0; e < 4; e++)
        for (int k = 0; k < NH; k++)
            if (e < events_of(k))
                fupin__buf_addf(&x->f[FUPIN_FILE_EVENTS], "H%d,%d,job_loss,%d\n", k, 2000 + k,
                                e + 1);
    for (int f = 0; f < FUPIN_FILE_COUNT; f++)
        assert_false(x->f[f].failed);
}

/* Household k as loaded: its id, its village's, its incomes and events. */
static void assert_household(const struct fupin_household *h, int k)
{
    char id[16];
    snprintf(id, sizeof id, "H%d", k);
    assert_string_equal(h->id, id);
    assert_int_equal(h->village_code[11], '0' + village_of(k));
    assert_int_equal(h->n_members, 1);
    assert_int_equal(h->n_incomes, 1);
    assert_int_equal(h->incomes[0].year, 2000 + k);
    assert_int_equal(h->n_events, events_of(k));
    assert_int_equal(h->cap_events, events_of(k));
    for (int e = 0; e < events_of(k); e++) {
        assert_int_equal(h->events[e].year, 2000 + k);
        assert_true(h->events[e].amount == h->events[0].amount * (e + 1));
    }
}

/* Each village lists its households in file order; every household is its own. */
static void assert_placed(const fupin_dataset *d)
{
    assert_int_equal(d->n_villages, 3);
    assert_int_equal(d->n_households, NH);
    const struct fupin_household *next = d->households;
    for (int v = 1; v <= 3; v++) {
        const struct fupin_village *vil = &d->villages[v - 1];
        assert_ptr_equal(vil->households, next); /* villages in their file's order */
        size_t j = 0;
        for (int k = 0; k < NH; k++) {
            if (village_of(k) != v)
                continue;
            assert_true(j < vil->n_households);
            assert_household(&vil->households[j++], k);
        }
        assert_int_equal(vil->n_households, j);
        next += j;
    }
}

/* x loaded with o, streamed in small pieces (a memory source is split only when
 * streamed), split at `at` (0: not split); one_thread: the second half parsed after the
 * first. */
static int load_at(const struct ds *x, const struct fupin_load_options *o, uint64_t at,
                   int one_thread, fupin_dataset **d)
{
    fupin__ld_test_window = 8 + at % 57;
    fupin__ld_test_split = at ? 1 : -1;
    fupin__ld_test_split_at = at;
    int rc = load_with(x, NULL, o, one_thread, d);
    fupin__ld_test_window = 0;
    fupin__ld_test_split = 0;
    fupin__ld_test_split_at = 0;
    return rc;
}

/* x loaded (split at `at`; 0: not split) leniently: placed, each repeated id reported at
 * its line. */
static void assert_lenient(const struct ds *x, uint64_t at, int one_thread)
{
    struct fupin_load_options o = {FUPIN_LOAD_LENIENT, FUPIN_ENCODING_UTF8, NULL, NULL};
    fupin_dataset *d = NULL;
    int rc = load_at(x, &o, at, one_thread, &d);
    assert_int_equal(rc, 0);
    size_t n = sizeof repeat / sizeof *repeat;
    for (size_t i = 0; i < d->n_problems && d->n_problems != n; i++)
        print_message("split at %u: %s\n", (unsigned)at, d->problems[i]);
    assert_int_equal(d->n_problems, n);
    for (size_t i = 0; i < n; i++) {
        char want[160];
        snprintf(want, sizeof want,
                 "households.csv:%u: column household_id: duplicate household_id (got \"H%d\")",
                 repeat[i].line, repeat[i].id);
        assert_string_equal(d->problems[i], want);
    }
    assert_placed(d);
    fupin_dataset_free(d);
}

/* Lenient: whole and split anywhere, on one thread and two. */
static void test_households_placed_with_their_own_ids_and_records(void **state)
{
    (void)state;
    struct ds x;
    dataset(&x);
    unsigned long merged = fupin__ld_test_split_merged, again = fupin__ld_test_split_again;
    for (uint64_t at = 0; at <= x.f[FUPIN_FILE_HOUSEHOLDS].len; at++)
        assert_lenient(&x, at, (int)(at & 1));
    /* both ways of ending a split were taken: merged, and (an id in both) parsed again */
    assert_true(fupin__ld_test_split_merged > merged);
    assert_true(fupin__ld_test_split_again > again);
    drop(&x);
}

/* Strict: the first repeated id by position, whichever half holds it. */
static void test_strict_load_names_the_first_repeated_id(void **state)
{
    (void)state;
    struct ds x;
    dataset(&x);
    struct fupin_load_options o = {0, FUPIN_ENCODING_UTF8, NULL, NULL};
    char want[160];
    snprintf(want, sizeof want,
             "households.csv:%u: column household_id: duplicate household_id (got \"H%d\")",
             repeat[0].line, repeat[0].id);
    for (uint64_t at = 0; at <= x.f[FUPIN_FILE_HOUSEHOLDS].len; at++) {
        fupin_dataset *d = NULL;
        int rc = load_at(&x, &o, at, (int)(at & 1), &d);
        assert_int_equal(rc, FUPIN_EPARSE);
        assert_null(d);
        if (!strstr(fupin_last_error(), want))
            fail_msg("split at %u: %s", (unsigned)at, fupin_last_error());
    }
    drop(&x);
}

/* Without repeated ids a strict load succeeds, and places the households alike. */
static void test_strict_load_places_households(void **state)
{
    (void)state;
    struct ds x;
    dataset(&x);
    /* households.csv without the repeated records */
    struct fupin__buf hh;
    fupin__buf_init(&hh);
    fupin__buf_adds(&hh, HH);
    for (int k = 0; k < NH; k++)
        fupin__buf_addf(&hh, "H%d,52010200100%d,,,,,none,A,1,1,60,10,95,1\n", k, village_of(k));
    assert_false(hh.failed);
    set(&x, FUPIN_FILE_HOUSEHOLDS, hh.data);
    fupin__buf_free(&hh);
    struct fupin_load_options o = {0, FUPIN_ENCODING_UTF8, NULL, NULL};
    unsigned long merged = fupin__ld_test_split_merged;
    for (uint64_t at = 0; at <= x.f[FUPIN_FILE_HOUSEHOLDS].len; at++) {
        fupin_dataset *d = NULL;
        int rc = load_at(&x, &o, at, (int)(at & 1), &d);
        if (rc)
            fail_msg("split at %u: %s", (unsigned)at, fupin_last_error());
        assert_int_equal(d->n_problems, 0);
        assert_placed(d);
        fupin_dataset_free(d);
    }
    assert_true(fupin__ld_test_split_merged > merged);
    drop(&x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_households_placed_with_their_own_ids_and_records),
        cmocka_unit_test(test_strict_load_names_the_first_repeated_id),
        cmocka_unit_test(test_strict_load_places_households),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
