/* Until the members are grouped, a household record carries what the load knows of it
 * besides its values (lib/io/loader.h, struct loader; issue 15, memory): its
 * households.csv line in the members pointer, its members so far and the last of them
 * in n_members and cap_members. Here what that could get wrong: a household without
 * members reported at its own line, in either half of a split households.csv, its
 * households in village order or out of it and the lines not the records' (empty
 * lines, a CR LF); a household whose only member record is skipped is
 * incomplete but has a member row; a household past 32 members (the loader's switch
 * to a table) with members back after others'; members of the last household after
 * everything; members read as runs and as chains. Checked against what the files say. */
#include <stdio.h>
#include <string.h>

#include "util.h"
#include "io/io.h"
#include "io/loader.h"
#include "model/model.h"

#include "messy_dataset.h"

/* Households in villages 3, 1, 2, 1, ... (out of village order; `ordered`: all in the
 * first, so that runs of members are already in place), on lines that are not their
 * record numbers: an empty line before H4, a CR LF after H6, two empty lines before
 * H9. H2, H5 and H10 have no member row; H7's only one is skipped (a bad sex). */
static const char *const hh_lines[] = {
    "H0,52010200100#,,,,,none,A,1,1,60,10,95,1\n",     /* line 2 */
    "H1,52010200100#,,,,,none,A,1,1,60,10,95,1\n",     /* 3 */
    "H2,52010200100#,,,,,none,A,1,1,60,10,95,1\n",     /* 4: no member */
    "H3,52010200100#,,,,,none,A,1,1,60,10,95,1\n",     /* 5 */
    "\nH4,52010200100#,,,,,none,A,1,1,60,10,95,1\n",   /* 6, 7 */
    "H5,52010200100#,,,,,none,A,1,1,60,10,95,1\n",     /* 8: no member */
    "H6,52010200100#,,,,,none,A,1,1,60,10,95,1\r\n",   /* 9 */
    "H7,52010200100#,,,,,none,A,1,1,60,10,95,1\n",     /* 10: its member skipped */
    "H8,52010200100#,,,,,none,A,1,1,60,10,95,1\n",     /* 11: 40 members */
    "\n\nH9,52010200100#,,,,,none,A,1,1,60,10,95,1\n", /* 12, 13, 14 */
    "H10,52010200100#,,,,,none,A,1,1,60,10,95,1\n",    /* 15: no member */
    "H11,52010200100#,,,,,none,A,1,1,60,10,95,1\n",    /* 16: members last */
};

static const int village_of[] = {3, 1, 2, 1, 3, 2, 1, 3, 2, 1, 3, 2};

static const char *const no_member[] = {
    "households.csv:4: column household_id: household has no member in members.csv (got \"H2\")",
    "households.csv:8: column household_id: household has no member in members.csv (got \"H5\")",
    "households.csv:15: column household_id: household has no member in members.csv (got "
    "\"H10\")",
};

/* H7's only member (line 9 either way) and H8's m35 again (line 50 as runs, 51 as
 * chains) */
static const char *const bad_member[] = {
    "members.csv:9: column sex: not M or F (got \"X\")",
    "members.csv:50: column member_id: duplicate member_id in the household (got \"m35\")",
    "members.csv:51: column member_id: duplicate member_id in the household (got \"m35\")",
};

#define MEMBER(h, m) "H" #h ",m" #m ",1980-01-01,F,,completed,0,1,healthy,full\n"

/* members.csv: grouped by household (runs), or with H3 coming back after H4 and H8's
 * last 8 of 40 members after H9's (chains). A duplicate of H8 past its 32nd member (found
 * through the table); H11's, the last household's, last of all. */
static void members(struct fupin__buf *b, int chains)
{
    fupin__buf_adds(b, MEMBER(0, 1) MEMBER(1, 1) MEMBER(1, 2) MEMBER(3, 1));
    if (!chains)
        fupin__buf_adds(b, MEMBER(3, 2));
    fupin__buf_adds(b, MEMBER(4, 1));
    if (chains)
        fupin__buf_adds(b, MEMBER(3, 2));
    fupin__buf_adds(b, MEMBER(6, 1) "H7,m1,1980-01-01,X,,completed,0,1,healthy,full\n");
    for (int m = 1; m <= 32; m++)
        fupin__buf_addf(b, "H8,m%d,1980-01-01,F,,completed,0,1,healthy,full\n", m);
    if (chains)
        fupin__buf_adds(b, MEMBER(9, 1));
    for (int m = 33; m <= 40; m++)
        fupin__buf_addf(b, "H8,m%d,1980-01-01,F,,completed,0,1,healthy,full\n", m);
    fupin__buf_adds(b, MEMBER(8, 35));
    if (!chains)
        fupin__buf_adds(b, MEMBER(9, 1));
    fupin__buf_adds(b, MEMBER(11, 1) MEMBER(11, 2));
}

static void dataset(struct ds *x, int chains, int ordered)
{
    make(x, 0, 0, 1);
    for (size_t i = 0; i < sizeof hh_lines / sizeof *hh_lines; i++) {
        char line[96];
        snprintf(line, sizeof line, "%s", hh_lines[i]);
        *strchr(line, '#') = (char)('0' + (ordered ? 1 : village_of[i]));
        fupin__buf_adds(&x->f[FUPIN_FILE_HOUSEHOLDS], line);
    }
    members(&x->f[FUPIN_FILE_MEMBERS], chains);
    for (int f = 0; f < FUPIN_FILE_COUNT; f++)
        assert_false(x->f[f].failed);
}

static const struct fupin_household *household(const fupin_dataset *d, const char *id)
{
    for (size_t i = 0; i < d->n_households; i++)
        if (strcmp(d->households[i].id, id) == 0)
            return &d->households[i];
    fail_msg("no household %s", id);
    return NULL;
}

/* The lenient load of x, split at `at` (0: not split): the problems and members the
 * files say. */
static void assert_lenient(const struct ds *x, int chains, uint64_t at, int one_thread)
{
    struct fupin_load_options o = {FUPIN_LOAD_LENIENT, FUPIN_ENCODING_UTF8, NULL, NULL};
    fupin_dataset *d = NULL;
    /* memory sources are split only when streamed: read them in pieces */
    fupin__ld_test_window = at ? 8 + at % 57 : 0;
    fupin__ld_test_split = at ? 1 : -1;
    fupin__ld_test_split_at = at;
    int rc = load_with(x, NULL, &o, one_thread, &d);
    fupin__ld_test_window = 0;
    fupin__ld_test_split = 0;
    fupin__ld_test_split_at = 0;
    assert_int_equal(rc, 0);
    for (size_t i = 0; i < d->n_problems && d->n_problems != 5; i++)
        print_message("%s\n", d->problems[i]);
    assert_int_equal(d->n_problems, 5);
    for (int i = 0; i < 3; i++)
        assert_string_equal(d->problems[i], no_member[i]);
    assert_string_equal(d->problems[3], bad_member[0]);
    assert_string_equal(d->problems[4], bad_member[1 + chains]);
    static const struct {
        const char *id;
        uint32_t n;
        int8_t incomplete;
    } want[] = {{"H0", 1, 0},  {"H1", 2, 0}, {"H2", 0, 1},  {"H3", 2, 0},
                {"H4", 1, 0},  {"H5", 0, 1}, {"H6", 1, 0},  {"H7", 0, 1},
                {"H8", 40, 1}, {"H9", 1, 0}, {"H10", 0, 1}, {"H11", 2, 0}};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        const struct fupin_household *h = household(d, want[i].id);
        assert_int_equal(h->n_members, want[i].n);
        assert_int_equal(h->cap_members, want[i].n);
        assert_int_equal(h->incomplete, want[i].incomplete);
        for (uint32_t k = 0; k < h->n_members; k++) {
            char mid[16];
            snprintf(mid, sizeof mid, "m%u", k + 1);
            assert_string_equal(h->members[k].id, mid);
        }
    }
    fupin_dataset_free(d);
}

/* Lenient: every household without a member row at its own line, whole or split
 * anywhere, on one thread and two, the members as runs and as chains. */
static void test_households_without_members_at_their_lines(void **state)
{
    (void)state;
    unsigned long split = fupin__ld_test_split_merged + fupin__ld_test_split_again;
    for (int v = 0; v < 4; v++) {
        struct ds x;
        dataset(&x, v & 1, v >> 1);
        for (uint64_t at = 0; at <= x.f[FUPIN_FILE_HOUSEHOLDS].len; at++)
            assert_lenient(&x, v & 1, at, (int)(at & 1));
        drop(&x);
    }
    /* the file was split indeed, not read whole every time */
    assert_true(fupin__ld_test_split_merged + fupin__ld_test_split_again > split);
}

/* Strict: the first household without members by position, whichever half it is in. */
static void test_strict_load_names_the_first_household_without_members(void **state)
{
    (void)state;
    struct ds x;
    dataset(&x, 1, 0);
    struct fupin_load_options o = {0, FUPIN_ENCODING_UTF8, NULL, NULL};
    for (uint64_t at = 0; at <= x.f[FUPIN_FILE_HOUSEHOLDS].len; at++) {
        fupin_dataset *d = NULL;
        fupin__ld_test_window = at ? 8 + at % 57 : 0;
        fupin__ld_test_split = at ? 1 : -1;
        fupin__ld_test_split_at = at;
        int rc = load_with(&x, NULL, &o, (int)(at & 1), &d);
        fupin__ld_test_window = 0;
        fupin__ld_test_split = 0;
        fupin__ld_test_split_at = 0;
        assert_int_equal(rc, FUPIN_EPARSE);
        assert_null(d);
        if (!strstr(fupin_last_error(), no_member[0]))
            fail_msg("split at %u: %s", (unsigned)at, fupin_last_error());
    }
    drop(&x);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_households_without_members_at_their_lines),
        cmocka_unit_test(test_strict_load_names_the_first_household_without_members),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
