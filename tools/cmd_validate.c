/* fupin validate: load leniently and list every problem, of one dataset or of every
 * partition under a root (docs/scale.md). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

struct tally {
    const fupin_root *root;
    size_t problems, households, notes;
    uint64_t read[FUPIN_FILE_COUNT], loaded[FUPIN_FILE_COUNT], skipped[FUPIN_FILE_COUNT];
};

static void count(struct tally *t, const fupin_dataset *ds)
{
    t->problems += fupin_dataset_problem_count(ds);
    t->households += fupin_dataset_household_count(ds);
    t->notes += fupin_dataset_notice_count(ds);
    for (int f = 0; f < FUPIN_FILE_COUNT; f++) {
        uint64_t read = 0, loaded = 0, skipped = 0;
        fupin_dataset_file_counts(ds, f, &read, &loaded, &skipped);
        t->read[f] += read;
        t->loaded[f] += loaded;
        t->skipped[f] += skipped;
    }
}

static void print_counts(const struct tally *t)
{
    for (int f = 0; f < FUPIN_FILE_COUNT; f++)
        printf("%-15s read %llu, loaded %llu, skipped %llu\n",
               fupin_enum_name(FUPIN_ENUM_DATASET_FILE, f), (unsigned long long)t->read[f],
               (unsigned long long)t->loaded[f], (unsigned long long)t->skipped[f]);
}

static int validate_partition(void *user, size_t partition, const fupin_dataset *ds)
{
    struct tally *t = user;
    fupin_cli_print_partition_problems(t->root, partition, ds);
    count(t, ds);
    return 0;
}

int fupin_cmd_validate(int argc, char **argv)
{
    struct options o = {0};
    int rc = fupin_cli_parse_options(argc, argv, 2, OPT_LENIENT | OPT_ENCODING, 1, &o);
    if (rc)
        return rc;
    struct tally t = {0};
    fupin_root *root = NULL;
    if (fupin_cli_open_root(o.dataset, &root))
        return EXIT_USAGE;
    /* validate always loads leniently, so that it can list every problem rather than
     * stop at the first; --lenient is accepted and changes only the closing note. */
    fupin_policy *national = NULL;
    int32_t year = 0;
    if (root) {
        fupin_load_options *opts = NULL;
        t.root = root;
        rc = fupin_cli_load_options(1, o.encoding, o.dataset, &opts);
        if (!rc) {
            rc = fupin_root_each_with_options(root, opts, 0, validate_partition, &t);
            fupin_load_options_free(opts);
            if (rc)
                fupin_cli_fail_root(rc);
        }
        if (rc) {
            fupin_root_free(root);
            return EXIT_USAGE;
        }
        print_counts(&t);
        /* the year a report would use */
        if (fupin_policy_builtin(&national, "national") == 0)
            fupin_cli_root_default_year(stdout, 0, root, national, &year);
        fupin_root_free(root);
    } else {
        fupin_dataset *ds = NULL;
        if (fupin_cli_load_dataset(o.dataset, 1, o.encoding, &ds))
            return EXIT_USAGE;
        fupin_cli_print_problems(ds);
        count(&t, ds);
        print_counts(&t);
        /* the year a report would use, and whether its incomes look complete */
        if (fupin_policy_builtin(&national, "national") == 0 &&
            fupin_dataset_default_year(ds, national, &year) == 0)
            fupin_cli_year_notes(stdout, 0, year, ds, national, 0);
        fupin_dataset_free(ds);
    }
    fupin_policy_free(national);
    size_t problems = t.problems;
    /* issue 10 item 3: a dataset without households is a problem, not "ok" */
    if (t.households == 0)
        printf("no households: nothing to evaluate\n");
    /* notes (a file or column not read, an absent optional file) are not problems, but
     * a bare "ok" under them reads as if every byte was used */
    size_t notes = t.notes;
    if (problems == 0 && t.households > 0 && notes)
        printf("ok: no problems (%zu note%s on standard error: read %s)\n", notes,
               notes == 1 ? "" : "s", notes == 1 ? "it" : "them");
    else if (problems == 0 && t.households > 0)
        printf("ok: no problems\n");
    else if (problems && o.lenient)
        printf("%zu problem%s (report --lenient skips these records)\n", problems,
               problems == 1 ? "" : "s");
    else if (problems)
        printf("%zu problem%s (report would stop at the first; --lenient skips them)\n", problems,
               problems == 1 ? "" : "s");
    if (fupin_cli_finish_output(stdout))
        return EXIT_USAGE;
    return problems || t.households == 0 ? EXIT_USAGE : 0;
}
