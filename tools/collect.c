/* One run over a dataset for the people's formats: every household and village
 * evaluated once, their summaries kept, and the total taken from the library's group
 * result when the villages share a division prefix. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "present.h"

static int add_visit(struct run *run, size_t village, const fupin_result *res)
{
    if (run->n_visits == run->cap_visits) {
        size_t cap = run->cap_visits ? run->cap_visits * 2 : 64;
        struct visit *nv = realloc(run->visits, cap * sizeof *nv);
        if (!nv)
            return -1;
        run->visits = nv;
        run->cap_visits = cap;
    }
    struct visit *v = &run->visits[run->n_visits++];
    v->village = village;
    snprintf(v->id, sizeof v->id, "%s", fupin_result_household(res));
    v->level = fupin_result_alert_level(res);
    v->category = fupin_result_alert_category(res);
    size_t n = fupin_result_reason_count(res, FUPIN_LIST_ALERT);
    v->n_reason = 0;
    for (size_t i = 0; i < n && i < VISIT_REASONS; i++)
        v->reason[v->n_reason++] = fupin_result_reason(res, FUPIN_LIST_ALERT, i);
    return 0;
}

/* The longest division prefix (township 9, county 6, city 4, province 2 digits) that
 * every village code starts with, or "" when there is none. */
static void shared_prefix(const fupin_dataset *ds, char out[16])
{
    static const size_t lengths[] = {9, 6, 4, 2};
    size_t n = fupin_dataset_village_count(ds);
    out[0] = '\0';
    if (!n)
        return;
    const char *first = fupin_village_code(fupin_dataset_village(ds, 0));
    for (size_t k = 0; k < sizeof lengths / sizeof lengths[0]; k++) {
        size_t len = lengths[k];
        int all = strlen(first) >= len;
        for (size_t v = 1; all && v < n; v++)
            all = strncmp(fupin_village_code(fupin_dataset_village(ds, v)), first, len) == 0;
        if (all) {
            memcpy(out, first, len);
            out[len] = '\0';
            return;
        }
    }
}

int run_collect(struct run *run, const fupin_evaluator *ev, const fupin_dataset *ds, int32_t since,
                size_t visits_per_village, struct progress *p, run_household_fn fn, void *ctx)
{
    int rc;
    fupin_result *res = NULL;
    fupin_summary *vres = NULL;
    fupin_summary *gres = NULL;
    int status = EXIT_USAGE;
    memset(run, 0, sizeof *run);
    size_t nv = fupin_dataset_village_count(ds);
    run->rows = calloc(nv ? nv : 1, sizeof *run->rows);
    if (!run->rows) {
        fputs("fupin: out of memory\n", stderr);
        return EXIT_USAGE;
    }
    if ((rc = fupin_result_create(&res)) || (rc = fupin_summary_create(&vres)) ||
        (rc = fupin_summary_create(&gres))) {
        fupin_cli_fail("starting the report", rc);
        goto done;
    }
    for (size_t v = 0; v < nv; v++) {
        const fupin_village *village = fupin_dataset_village(ds, v);
        struct srow *row = &run->rows[v];
        size_t nh = fupin_village_household_count(village);
        for (size_t i = 0; i < nh; i++) {
            const fupin_household *h = fupin_village_household(village, i);
            if ((rc = fupin_evaluator_evaluate_household(ev, h, res))) {
                fupin_cli_fail(fupin_household_id(h), rc);
                goto done;
            }
            srow_tally(row, res);
            if (fn && fn(ctx, res))
                goto done;
            progress_step(p, 1, 0);
        }
        if ((rc = fupin_evaluator_evaluate_village(ev, village, vres))) {
            fupin_cli_fail(fupin_village_code(village), rc);
            goto done;
        }
        srow_from_village(row, vres, village, since);
        run->n_rows = v + 1;
        if (visits_per_village) {
            /* The village's own list: severe, then warning, in village order. */
            size_t n = fupin_summary_visit_count(vres);
            if (n > visits_per_village)
                n = visits_per_village;
            for (size_t i = 0; i < n; i++) {
                int64_t idx = fupin_summary_visit(vres, i);
                const fupin_household *h =
                    idx < 0 ? NULL : fupin_village_household(village, (size_t)idx);
                if (!h || (rc = fupin_evaluator_evaluate_household(ev, h, res))) {
                    fupin_cli_fail(fupin_village_code(village), rc ? rc : FUPIN_EINVAL);
                    goto done;
                }
                if (add_visit(run, v, res)) {
                    fputs("fupin: out of memory\n", stderr);
                    goto done;
                }
            }
        }
        progress_step(p, 0, 1);
    }
    progress_end(p);

    /* The total: the library's group figures for the prefix every village shares (the
     * county of a county's dataset), else the sums of the village counts. */
    struct srow sum;
    srow_sum(&sum, run->rows, run->n_rows);
    shared_prefix(ds, run->total_prefix);
    if (run->total_prefix[0]) {
        char note[64];
        snprintf(note, sizeof note, "the total of %s", run->total_prefix);
        progress_note(p, note);
        if ((rc = fupin_evaluator_evaluate_group(ev, ds, run->total_prefix, gres))) {
            fupin_cli_fail(run->total_prefix, rc);
            goto done;
        }
        srow_from_group(&run->total, gres, since);
        memcpy(run->total.dim_unmet, sum.dim_unmet, sizeof sum.dim_unmet);
        memcpy(run->total.dim_unknown, sum.dim_unknown, sizeof sum.dim_unknown);
        run->total.visit_count = sum.visit_count;
        run->total.has_dims = 1;
    } else {
        run->total = sum;
    }
    status = 0;
done:
    fupin_summary_free(gres);
    fupin_summary_free(vres);
    fupin_result_free(res);
    return status;
}

size_t run_visits(int64_t option)
{
    if (option < 0)
        return SIZE_MAX;
    return option ? (size_t)option : DEFAULT_VISITS;
}

void run_free(struct run *run)
{
    free(run->rows);
    free(run->visits);
    memset(run, 0, sizeof *run);
}
