/* fupin report: results of every household and village (docs/cli.md), as JSON Lines
 * or CSV for programs, and as a workbook (xlsx) or a page (html) for people (issue 13
 * items 3 and 4). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "html.h"
#include "present.h"
#include "xlsx.h"

/* -o FILE is written under a temporary name and renamed when complete, so a failed
 * run never leaves a half-written file under the name asked for. */
struct output {
    FILE *f;
    const char *path;
    char *tmp;
};

static int output_open(struct output *out, const char *path)
{
    out->path = path;
    out->tmp = NULL;
    if (!path) {
        out->f = stdout;
        return 0;
    }
    size_t n = strlen(path) + 16;
    out->tmp = malloc(n);
    if (!out->tmp) {
        fputs("fupin: out of memory\n", stderr);
        return EXIT_USAGE;
    }
    snprintf(out->tmp, n, "%s.partial", path);
    out->f = fopen(out->tmp, "wb");
    if (!out->f) {
        fprintf(stderr, "fupin: %s: %s\n", out->tmp, strerror(errno));
        free(out->tmp);
        out->tmp = NULL;
        return EXIT_USAGE;
    }
    return 0;
}

/* Close the output; keep it (rename into place) only when ok. */
static int output_close(struct output *out, int ok)
{
    int status = ok ? 0 : EXIT_USAGE;
    if (!out->path) {
        if (ok)
            status = fupin_cli_finish_output(stdout);
        return status;
    }
    if (!out->f)
        return status;
    if (ok && ferror(out->f)) {
        fprintf(stderr, "fupin: writing %s failed\n", out->path);
        status = EXIT_USAGE;
    }
    if (fclose(out->f) != 0 && status == 0) {
        fprintf(stderr, "fupin: %s: %s\n", out->path, strerror(errno));
        status = EXIT_USAGE;
    }
    out->f = NULL;
    if (status == 0 && rename(out->tmp, out->path) != 0) {
        fprintf(stderr, "fupin: %s: %s\n", out->path, strerror(errno));
        status = EXIT_USAGE;
    }
    if (status != 0)
        remove(out->tmp);
    free(out->tmp);
    out->tmp = NULL;
    return status;
}

/* ------------------------------------------------------------ xlsx */

struct xlsx_run {
    struct xlsx x;
    struct line ln;
    struct row row, head;
    const char *lang;
    int alerts_only;
    size_t sheets, sheet; /* household sheets declared, and written so far */
    const char *sheet_name;
    int failed;
};

static void household_header(struct row *r, const char *lang)
{
    char t[64];
    if (row_from_csv_line(r, fupin_result_csv_header(), fupin_result_csv_header(), NULL) != 0)
        return;
    static const char *const lists[3] = {"guarantee.reasons", "alert.reasons",
                                         "monitor_exit.reasons"};
    for (int i = 0; i < 3; i++) {
        snprintf(t, sizeof t, "%s.%s", lists[i], lang);
        row_text(r, t);
    }
}

static int xlsx_household(void *ctx, const fupin_result *res)
{
    struct xlsx_run *xr = ctx;
    if (xr->alerts_only && fupin_result_alert_level(res) < FUPIN_ALERT_WATCH)
        return 0;
    size_t needed = 0;
    int rc = fupin_result_to_csv(res, xr->ln.buf, xr->ln.cap, &needed);
    if (rc == FUPIN_ENOSPC) {
        char *nb = realloc(xr->ln.buf, needed + 1);
        if (!nb) {
            fputs("fupin: out of memory\n", stderr);
            return 1;
        }
        xr->ln.buf = nb;
        xr->ln.cap = needed + 1;
        rc = fupin_result_to_csv(res, xr->ln.buf, xr->ln.cap, &needed);
    }
    if (rc) {
        fupin_cli_fail("writing a result", rc);
        return 1;
    }
    /* The cells are exactly the CSV row's fields: one source for both formats. */
    if (row_from_csv_line(&xr->row, xr->ln.buf, fupin_result_csv_header(),
                          household_numeric_column) != 0) {
        fputs("fupin: a CSV row does not match the CSV header\n", stderr);
        return 1;
    }
    static const int lists[3] = {FUPIN_LIST_GUARANTEE, FUPIN_LIST_ALERT, FUPIN_LIST_MONITOR_EXIT};
    char text[4096];
    int codes[64];
    for (int l = 0; l < 3; l++) {
        size_t n = fupin_result_reason_count(res, lists[l]);
        if (n > 64)
            n = 64;
        for (size_t i = 0; i < n; i++)
            codes[i] = fupin_result_reason(res, lists[l], i);
        reasons_text(text, sizeof text, codes, n, xr->lang);
        row_text(&xr->row, text);
    }
    if (xlsx_row(&xr->x, &xr->row) != 0) {
        /* The sheet is full (Excel's 1,048,576 rows): go on in the next one. */
        xlsx_sheet_end(&xr->x);
        xr->sheet++;
        xlsx_sheet_begin(&xr->x, &xr->head);
        xlsx_row(&xr->x, &xr->row);
    }
    return xlsx_error(&xr->x) != NULL;
}

static int write_xlsx(struct xlsx_run *xr, const struct run *run, const struct srow *groups,
                      size_t n_groups)
{
    int zh = strcmp(xr->lang, "zh") == 0;
    struct row r;
    /* The household sheets declared but not needed (--alerts-only) stay with their
     * header alone: every declared sheet must exist. */
    while (xr->sheet + 1 < xr->sheets) {
        xlsx_sheet_end(&xr->x);
        xr->sheet++;
        xlsx_sheet_begin(&xr->x, &xr->head);
    }
    xlsx_sheet_end(&xr->x);
    srow_header(&r, 0, xr->lang);
    xlsx_sheet_begin(&xr->x, &r);
    for (size_t i = 0; i < run->n_rows; i++) {
        srow_cells(&r, &run->rows[i], xr->lang);
        xlsx_row(&xr->x, &r);
    }
    xlsx_sheet_end(&xr->x);
    if (n_groups) {
        srow_header(&r, 1, xr->lang);
        xlsx_sheet_begin(&xr->x, &r);
        for (size_t i = 0; i < n_groups; i++) {
            srow_cells(&r, &groups[i], xr->lang);
            xlsx_row(&xr->x, &r);
        }
        xlsx_sheet_end(&xr->x);
    }
    (void)zh;
    if (xlsx_finish(&xr->x) != 0) {
        fprintf(stderr, "fupin: writing the workbook: %s\n", xlsx_error(&xr->x));
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------ people's formats */

static int report_people(const struct options *o, const char *format, const fupin_dataset *ds,
                         const fupin_evaluator *ev, int32_t year, struct progress *prog)
{
    const char *lang = fupin_cli_lang(o->lang);
    int zh = strcmp(lang, "zh") == 0;
    int xlsx = strcmp(format, "xlsx") == 0;
    int villages_csv = strcmp(format, "csv") == 0;
    struct run run = {0};
    struct srow *groups = NULL;
    fupin_summary *gres = NULL;
    struct xlsx_run *xr = NULL;
    struct output out = {0};
    int ok = 0, rc;

    if (output_open(&out, o->output))
        return EXIT_USAGE;
    if (xlsx) {
        xr = calloc(1, sizeof *xr);
        if (!xr || !(xr->ln.buf = malloc(4096))) {
            fputs("fupin: out of memory\n", stderr);
            goto done;
        }
        xr->ln.cap = 4096;
        xr->lang = lang;
        xr->alerts_only = o->alerts_only;
        xlsx_start(&xr->x, out.f);
        /* Excel holds 1,048,575 rows under a header: more households take more sheets. */
        uint64_t total = prog->total;
        xr->sheets = total ? (size_t)((total + XLSX_MAX_ROWS - 2) / (XLSX_MAX_ROWS - 1)) : 1;
        if (xr->sheets + 2 > XLSX_MAX_SHEETS) {
            fputs("fupin: too many households for one workbook\n", stderr);
            goto done;
        }
        char name[32];
        for (size_t i = 0; i < xr->sheets; i++) {
            if (i)
                snprintf(name, sizeof name, "%s %zu", zh ? "农户" : "households", i + 1);
            else
                snprintf(name, sizeof name, "%s", zh ? "农户" : "households");
            xlsx_declare(&xr->x, name);
        }
        xlsx_declare(&xr->x, zh ? "村" : "villages");
        if (o->n_prefix)
            xlsx_declare(&xr->x, zh ? "区域汇总" : "groups");
        household_header(&xr->head, lang);
        xlsx_sheet_begin(&xr->x, &xr->head);
    }
    if (run_collect(&run, ev, ds, o->since, villages_csv || xlsx ? 0 : run_visits(o->visits), prog,
                    xlsx ? xlsx_household : NULL, xr))
        goto done;
    if (o->n_prefix) {
        groups = calloc(o->n_prefix, sizeof *groups);
        if (!groups || (rc = fupin_summary_create(&gres))) {
            fputs("fupin: out of memory\n", stderr);
            goto done;
        }
        for (size_t i = 0; i < o->n_prefix; i++) {
            if ((rc = fupin_evaluator_evaluate_group(ev, ds, o->prefix[i], gres))) {
                fupin_cli_fail(o->prefix[i], rc);
                goto done;
            }
            if (fupin_summary_village_count(gres) == 0)
                fprintf(stderr, "fupin: no village code starts with %s\n", o->prefix[i]);
            srow_from_group(&groups[i], gres, o->since);
        }
    }
    if (xlsx) {
        if (write_xlsx(xr, &run, groups, o->n_prefix))
            goto done;
    } else if (villages_csv) {
        struct row r;
        if (o->bom)
            fputs("\xEF\xBB\xBF", out.f);
        srow_header(&r, 0, lang);
        row_write_csv(&r, out.f);
        for (size_t i = 0; i < run.n_rows; i++) {
            srow_cells(&r, &run.rows[i], lang);
            row_write_csv(&r, out.f);
        }
    } else {
        struct html_input in = {&run, groups, o->n_prefix, lang, o->policy ? o->policy : "national",
                                year};
        if (html_write(out.f, &in)) {
            fputs("fupin: out of memory\n", stderr);
            goto done;
        }
    }
    ok = !ferror(out.f);
    if (!ok)
        fprintf(stderr, "fupin: writing %s failed\n", o->output ? o->output : "the results");
done:
    rc = output_close(&out, ok);
    if (xr)
        free(xr->ln.buf);
    free(xr);
    fupin_summary_free(gres);
    free(groups);
    run_free(&run);
    return rc;
}

int fupin_cmd_report(int argc, char **argv)
{
    struct options o = {0};
    o.formats = "jsonl|csv|xlsx|html";
    int rc =
        fupin_cli_parse_options(argc, argv, 2,
                                OPT_POLICY | OPT_YEAR | OPT_SINCE | OPT_FORMAT | OPT_LENIENT |
                                    OPT_ALERTS_ONLY | OPT_ENCODING | OPT_OUTPUT | OPT_LANG |
                                    OPT_RECORDS | OPT_PREFIX | OPT_BOM | OPT_PROGRESS | OPT_VISITS,
                                1, &o);
    if (rc)
        return rc;
    const char *format = o.format ? o.format : "jsonl";
    int csv = strcmp(format, "csv") == 0;
    int people = strcmp(format, "xlsx") == 0 || strcmp(format, "html") == 0;
    int villages = o.records && strcmp(o.records, "villages") == 0;
    if (o.records && !csv)
        return fupin_cli_usage_error("%s", "--records applies to --format csv only");
    if (o.bom && !csv)
        return fupin_cli_usage_error("%s", "--bom applies to --format csv only");
    if (o.n_prefix && !people)
        return fupin_cli_usage_error(
            "%s", "--prefix applies to --format xlsx and html (for JSON or CSV: fupin group)");
    if (strcmp(format, "xlsx") == 0 && !o.output)
        return fupin_cli_usage_error("%s", "--format xlsx needs -o FILE");
    if (o.visits && strcmp(format, "html") != 0)
        return fupin_cli_usage_error("%s", "--visits applies to --format html (and summary)");
    if (o.alerts_only && (strcmp(format, "html") == 0 || villages))
        return fupin_cli_usage_error("%s", "--alerts-only applies to household records only");

    fupin_policy *policy = NULL;
    fupin_dataset *ds = NULL;
    fupin_evaluator *ev = NULL;
    fupin_result *res = NULL;
    fupin_summary *vres = NULL;
    struct line ln = {NULL, 0};
    struct output out = {0};
    struct progress prog;
    int status = EXIT_USAGE;

    progress_start(&prog, o.progress);
    if (fupin_cli_load_policy(o.policy, &policy) ||
        fupin_cli_load_dataset_progress(o.dataset, o.lenient, o.encoding, &prog, &ds))
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
    progress_set_total(&prog, ds);
    if (people || villages) {
        status = report_people(&o, format, ds, ev, year, &prog);
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
    if (output_open(&out, o.output))
        goto done;

    /* Large buffering: one write per megabyte, not per line. */
    setvbuf(out.f, NULL, _IOFBF, 1 << 20);
    if (csv) {
        if (o.bom)
            fputs("\xEF\xBB\xBF", out.f);
        const char *h = fupin_result_csv_header();
        fwrite(h, 1, strlen(h), out.f);
        fputc('\n', out.f);
    }
    int ok = 0;
    size_t nv = fupin_dataset_village_count(ds);
    for (size_t v = 0; v < nv; v++) {
        const fupin_village *village = fupin_dataset_village(ds, v);
        size_t nh = fupin_village_household_count(village);
        for (size_t i = 0; i < nh; i++) {
            const fupin_household *h = fupin_village_household(village, i);
            if ((rc = fupin_evaluator_evaluate_household(ev, h, res))) {
                fupin_cli_fail(fupin_household_id(h), rc);
                goto close;
            }
            progress_step(&prog, 1, 0);
            /* --alerts-only: households at watch or above; a null alert (a year
             * without a monitoring threshold) is not an alert. */
            if (o.alerts_only && fupin_result_alert_level(res) < FUPIN_ALERT_WATCH)
                continue;
            if (fupin_cli_emit(&ln,
                               csv ? fupin_cli_write_csv_household : fupin_cli_write_json_household,
                               res, out.f))
                goto close;
        }
        if (!csv) {
            if ((rc = fupin_evaluator_evaluate_village(ev, village, vres))) {
                fupin_cli_fail(fupin_village_code(village), rc);
                goto close;
            }
            if (fupin_cli_emit(&ln, fupin_cli_write_json_village, vres, out.f))
                goto close;
        }
        progress_step(&prog, 0, 1);
    }
    progress_end(&prog);
    ok = 1;
close:
    status = output_close(&out, ok);

done:
    free(ln.buf);
    fupin_summary_free(vres);
    fupin_result_free(res);
    fupin_evaluator_free(ev);
    fupin_dataset_free(ds);
    fupin_policy_free(policy);
    return status;
}
