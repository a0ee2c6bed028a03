/* fupin report: results of every household and village (formats.md section 5), of one
 * dataset or of a root of partitions (docs/scale.md), in the same form. */
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
    fupin_result *res;
    fupin_village_result *vres;
    struct line ln;
    const fupin_root *root; /* NULL for one dataset */
    size_t villages_done;
};

/* One dataset's lines: each village's households, then the village line. Returns 0 or
 * the exit status. */
static int report_dataset(struct report *r, const fupin_dataset *ds)
{
    int rc;
    size_t nv = fupin_dataset_village_count(ds);
    for (size_t v = 0; v < nv; v++) {
        const fupin_village *village = fupin_dataset_village(ds, v);
        size_t nh = fupin_village_household_count(village);
        for (size_t i = 0; i < nh; i++) {
            const fupin_household *h = fupin_village_household(village, i);
            if ((rc = fupin_evaluator_household(r->ev, h, r->res)))
                return fupin_cli_fail(fupin_household_id(h), rc);
            /* --alerts-only: households at watch or above; a null alert (a year
             * without a monitoring threshold) is not an alert. */
            if (r->o->alerts_only && fupin_result_alert_level(r->res) < FUPIN_ALERT_WATCH)
                continue;
            if (fupin_cli_emit(
                    &r->ln, r->csv ? fupin_cli_write_csv_household : fupin_cli_write_json_household,
                    r->res, NULL, stdout))
                return EXIT_USAGE;
        }
        if (!r->csv) {
            if ((rc = fupin_evaluator_village(r->ev, village, r->vres)))
                return fupin_cli_fail(fupin_village_code(village), rc);
            if (fupin_cli_emit(&r->ln, fupin_cli_write_json_village, r->vres, village, stdout))
                return EXIT_USAGE;
        }
        r->villages_done++;
        if (r->progress && !r->root && (v + 1) % PROGRESS_EVERY == 0)
            fprintf(stderr, "\rfupin: %zu/%zu villages", v + 1, nv);
    }
    if (r->progress && !r->root && nv >= PROGRESS_EVERY)
        fprintf(stderr, "\rfupin: %zu/%zu villages\n", nv, nv);
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
    int rc = fupin_cli_parse_options(
        argc, argv, 2,
        OPT_POLICY | OPT_YEAR | OPT_SINCE | OPT_FORMAT | OPT_LENIENT | OPT_ALERTS_ONLY, 1, &o);
    if (rc)
        return rc;
    struct report r = {0};
    r.o = &o;
    r.csv = o.format && strcmp(o.format, "csv") == 0;

    fupin_policy *policy = NULL;
    fupin_dataset *ds = NULL;
    fupin_root *root = NULL;
    int status = EXIT_USAGE;

    if (fupin_cli_load_policy(o.policy, &policy) || fupin_cli_open_root(o.dataset, &root))
        goto done;
    r.root = root;
    int32_t year = 0;
    if (root) {
        if (fupin_cli_root_default_year(o.year, root, policy, &year))
            goto done;
    } else {
        if (fupin_cli_load_dataset(o.dataset, o.lenient, &ds))
            goto done;
        fupin_cli_print_problems(ds); /* lenient skips: reported, and the report goes on */
        if (fupin_cli_default_year(o.year, ds, policy, &year))
            goto done;
    }
    rc = o.since ? fupin_evaluator_create_since(&r.ev, policy, year, o.since)
                 : fupin_evaluator_create(&r.ev, policy, year);
    if (rc) {
        fupin_cli_fail("policy", rc);
        goto done;
    }
    if ((rc = fupin_result_create(&r.res)) || (rc = fupin_village_result_create(&r.vres))) {
        fupin_cli_fail("starting the report", rc);
        goto done;
    }
    r.ln.cap = 4096;
    if (!(r.ln.buf = malloc(r.ln.cap))) {
        fputs("fupin: out of memory\n", stderr);
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
        rc = fupin_root_each(root, o.lenient ? FUPIN_LOAD_LENIENT : FUPIN_LOAD_STRICT, 0,
                             report_partition, &r);
        if (rc) {
            fupin_cli_fail_root(rc);
            goto done;
        }
    } else if (report_dataset(&r, ds)) {
        goto done;
    }
    status = fupin_cli_finish_output(stdout);

done:
    free(r.ln.buf);
    fupin_village_result_free(r.vres);
    fupin_result_free(r.res);
    fupin_evaluator_free(r.ev);
    fupin_dataset_free(ds);
    fupin_root_free(root);
    fupin_policy_free(policy);
    return status;
}
