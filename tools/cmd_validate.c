/* fupin validate: load leniently and list every problem. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

int fupin_cmd_validate(int argc, char **argv)
{
    struct options o = {0};
    int rc = fupin_cli_parse_options(argc, argv, 2, OPT_LENIENT | OPT_ENCODING, 1, &o);
    if (rc)
        return rc;
    fupin_dataset *ds = NULL;
    /* validate always loads leniently, so that it can list every problem rather than
     * stop at the first; --lenient is accepted and changes only the closing note. */
    if (fupin_cli_load_dataset(o.dataset, 1, o.encoding, &ds))
        return EXIT_USAGE;
    fupin_cli_print_problems(ds);
    size_t problems = fupin_dataset_problem_count(ds);
    for (int f = 0; f < FUPIN_FILE_COUNT; f++) {
        uint64_t read = 0, loaded = 0, skipped = 0;
        fupin_dataset_file_counts(ds, f, &read, &loaded, &skipped);
        printf("%-15s read %llu, loaded %llu, skipped %llu\n",
               fupin_enum_name(FUPIN_ENUM_DATASET_FILE, f), (unsigned long long)read,
               (unsigned long long)loaded, (unsigned long long)skipped);
    }
    /* the year a report would use, and whether its incomes look complete */
    fupin_policy *national = NULL;
    int32_t year = 0;
    if (fupin_policy_builtin(&national, "national") == 0 &&
        fupin_dataset_default_year(ds, national, &year) == 0)
        fupin_cli_year_notes(stdout, 0, year, ds, national, 0);
    fupin_policy_free(national);
    /* issue 10 item 3: a dataset without households is a problem, not "ok" */
    size_t households = fupin_dataset_household_count(ds);
    if (households == 0)
        printf("no households: nothing to evaluate\n");
    /* notes (a file or column not read, an absent optional file) are not problems, but
     * a bare "ok" under them reads as if every byte was used */
    size_t notes = fupin_dataset_notice_count(ds);
    if (problems == 0 && households > 0 && notes)
        printf("ok: no problems (%zu note%s on standard error: read %s)\n", notes,
               notes == 1 ? "" : "s", notes == 1 ? "it" : "them");
    else if (problems == 0 && households > 0)
        printf("ok: no problems\n");
    else if (problems && o.lenient)
        printf("%zu problem%s (report --lenient skips these records)\n", problems,
               problems == 1 ? "" : "s");
    else if (problems)
        printf("%zu problem%s (report would stop at the first; --lenient skips them)\n", problems,
               problems == 1 ? "" : "s");
    fupin_dataset_free(ds);
    if (fupin_cli_finish_output(stdout))
        return EXIT_USAGE;
    return problems || households == 0 ? EXIT_USAGE : 0;
}
