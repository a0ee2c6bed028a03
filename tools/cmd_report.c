/* fupin report: results of every household and village (docs/cli.md). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

int fupin_cmd_report(int argc, char **argv)
{
    struct options o = {0};
    int rc = fupin_cli_parse_options(argc, argv, 2,
                                     OPT_POLICY | OPT_YEAR | OPT_SINCE | OPT_FORMAT | OPT_LENIENT |
                                         OPT_ALERTS_ONLY | OPT_ENCODING,
                                     1, &o);
    if (rc)
        return rc;
    int csv = o.format && strcmp(o.format, "csv") == 0;

    fupin_policy *policy = NULL;
    fupin_dataset *ds = NULL;
    fupin_evaluator *ev = NULL;
    fupin_result *res = NULL;
    fupin_summary *vres = NULL;
    struct line ln = {NULL, 0};
    int status = EXIT_USAGE;

    if (fupin_cli_load_policy(o.policy, &policy) ||
        fupin_cli_load_dataset(o.dataset, o.lenient, o.encoding, &ds))
        goto done;
    fupin_cli_print_problems(ds); /* lenient skips: reported, and the report goes on */

    int32_t year = 0;
    if (fupin_cli_default_year(o.year, ds, policy, &year))
        goto done;
    /* issue 10 item 4: the year and why, on stderr (stdout holds only results) */
    fupin_cli_year_notes(stderr, o.year, year, ds, policy, 1);
    rc = o.since ? fupin_evaluator_create_since(&ev, policy, year, o.since)
                 : fupin_evaluator_create(&ev, policy, year);
    if (rc) {
        fupin_cli_fail("policy", rc);
        goto done;
    }
    if ((rc = fupin_result_create(&res)) || (rc = fupin_summary_create(&vres))) {
        fupin_cli_fail("starting the report", rc);
        goto done;
    }
    ln.cap = 4096;
    if (!(ln.buf = malloc(ln.cap))) {
        fputs("fupin: out of memory\n", stderr);
        goto done;
    }

    /* Large buffering: one write per megabyte, not per line. */
    setvbuf(stdout, NULL, _IOFBF, 1 << 20);
    if (csv) {
        const char *h = fupin_result_csv_header();
        fwrite(h, 1, strlen(h), stdout);
        fputc('\n', stdout);
    }
    int progress = isatty(STDERR_FILENO);
    size_t nv = fupin_dataset_village_count(ds);
    for (size_t v = 0; v < nv; v++) {
        const fupin_village *village = fupin_dataset_village(ds, v);
        size_t nh = fupin_village_household_count(village);
        for (size_t i = 0; i < nh; i++) {
            const fupin_household *h = fupin_village_household(village, i);
            if ((rc = fupin_evaluator_evaluate_household(ev, h, res))) {
                fupin_cli_fail(fupin_household_id(h), rc);
                goto done;
            }
            /* --alerts-only: households at watch or above; a null alert (a year
             * without a monitoring threshold) is not an alert. */
            if (o.alerts_only && fupin_result_alert_level(res) < FUPIN_ALERT_WATCH)
                continue;
            if (fupin_cli_emit(&ln,
                               csv ? fupin_cli_write_csv_household : fupin_cli_write_json_household,
                               res, stdout))
                goto done;
        }
        if (!csv) {
            if ((rc = fupin_evaluator_evaluate_village(ev, village, vres))) {
                fupin_cli_fail(fupin_village_code(village), rc);
                goto done;
            }
            if (fupin_cli_emit(&ln, fupin_cli_write_json_village, vres, stdout))
                goto done;
        }
        if (progress && (v + 1) % PROGRESS_EVERY == 0)
            fprintf(stderr, "\rfupin: %zu/%zu villages", v + 1, nv);
    }
    if (progress && nv >= PROGRESS_EVERY)
        fprintf(stderr, "\rfupin: %zu/%zu villages\n", nv, nv);
    status = fupin_cli_finish_output(stdout);

done:
    free(ln.buf);
    fupin_summary_free(vres);
    fupin_result_free(res);
    fupin_evaluator_free(ev);
    fupin_dataset_free(ds);
    fupin_policy_free(policy);
    return status;
}
