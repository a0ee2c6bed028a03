/* fupin report: results of every household and village (docs/cli.md), of one dataset
 * or of a root of partitions (docs/scale.md), in the same form. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

struct report {
    const struct options *o;
    int csv, progress;
    fupin_evaluator *ev;
    const fupin_root *root; /* NULL for one dataset */
    size_t villages_done, villages_total;
};

/* Where the library's report lines go: standard output, with progress on a terminal. */
static int write_lines(void *user, const char *data, size_t len, size_t villages)
{
    struct report *r = user;
    if (fwrite(data, 1, len, stdout) != len) {
        fupin_cli_finish_output(stdout); /* says why */
        return EXIT_USAGE;
    }
    size_t before = r->villages_done;
    r->villages_done += villages;
    if (r->progress && !r->root && r->villages_done / PROGRESS_EVERY != before / PROGRESS_EVERY)
        fprintf(stderr, "\rfupin: %zu/%zu villages", r->villages_done, r->villages_total);
    return 0;
}

/* One dataset's lines: each village's households, then the village line, evaluated in
 * parallel and written in file order by the library. Returns 0 or the exit status. */
static int report_dataset(struct report *r, const fupin_dataset *ds)
{
    uint32_t flags = (r->csv ? FUPIN_REPORT_CSV : FUPIN_REPORT_JSONL) |
                     (r->o->alerts_only ? FUPIN_REPORT_ALERTS_ONLY : 0u);
    r->villages_total = fupin_dataset_village_count(ds);
    int rc = fupin_dataset_report(ds, r->ev, flags, 0, write_lines, r);
    if (rc)
        return fupin_cli_fail_root(rc);
    if (r->progress && !r->root && r->villages_total >= PROGRESS_EVERY)
        fprintf(stderr, "\rfupin: %zu/%zu villages\n", r->villages_total, r->villages_total);
    return 0;
}

/* A partition of a root, in partition order (fupin_root_each). */
static int report_partition(void *user, size_t partition, const fupin_dataset *ds)
{
    struct report *r = user;
    fupin_cli_print_partition_problems(r->root, partition, ds);
    int status = report_dataset(r, ds);
    if (r->progress) {
        size_t n = fupin_root_partition_count(r->root);
        fprintf(stderr, "\rfupin: %zu/%zu partitions", partition + 1, n);
        if (partition + 1 == n)
            fputc('\n', stderr);
    }
    return status;
}

int fupin_cmd_report(int argc, char **argv)
{
    struct options o = {0};
    int rc = fupin_cli_parse_options(argc, argv, 2,
                                     OPT_POLICY | OPT_YEAR | OPT_SINCE | OPT_FORMAT | OPT_LENIENT |
                                         OPT_ALERTS_ONLY | OPT_ENCODING,
                                     1, &o);
    if (rc)
        return rc;
    struct report r = {0};
    r.o = &o;
    r.csv = o.format && strcmp(o.format, "csv") == 0;

    fupin_policy *policy = NULL;
    fupin_dataset *ds = NULL;
    fupin_root *root = NULL;
    fupin_load_options *opts = NULL;
    int status = EXIT_USAGE;

    if (fupin_cli_load_policy(o.policy, &policy) || fupin_cli_open_root(o.dataset, &root))
        goto done;
    r.root = root;
    int32_t year = 0;
    if (root) {
        /* issue 10 item 4: the year and why, on stderr (stdout holds only results) */
        if (fupin_cli_load_options(o.lenient, o.encoding, &opts) ||
            fupin_cli_root_default_year(stderr, o.year, root, policy, &year))
            goto done;
    } else {
        if (fupin_cli_load_dataset(o.dataset, o.lenient, o.encoding, &ds))
            goto done;
        fupin_cli_print_problems(ds); /* lenient skips: reported, and the report goes on */
        if (fupin_cli_default_year(o.year, ds, policy, &year))
            goto done;
        /* issue 10 item 4: the year and why, on stderr (stdout holds only results) */
        fupin_cli_year_notes(stderr, o.year, year, ds, policy, 1);
    }
    rc = o.since ? fupin_evaluator_create_since(&r.ev, policy, year, o.since)
                 : fupin_evaluator_create(&r.ev, policy, year);
    if (rc) {
        fupin_cli_fail("policy", rc);
        goto done;
    }
    /* Large buffering: one write per megabyte, not per line. */
    setvbuf(stdout, NULL, _IOFBF, 1 << 20);
    if (r.csv) {
        const char *h = fupin_result_csv_header();
        fwrite(h, 1, strlen(h), stdout);
        fputc('\n', stdout);
    }
    r.progress = isatty(STDERR_FILENO);
    if (root) {
        rc = fupin_root_each_with_options(root, opts, 0, report_partition, &r);
        if (rc) {
            fupin_cli_fail_root(rc);
            goto done;
        }
    } else if (report_dataset(&r, ds)) {
        goto done;
    }
    status = fupin_cli_finish_output(stdout);

done:
    fupin_evaluator_free(r.ev);
    fupin_dataset_free(ds);
    fupin_root_free(root);
    fupin_load_options_free(opts);
    fupin_policy_free(policy);
    return status;
}
