/* fupin report: results of every household and village (docs/cli.md), as JSON Lines
 * or CSV for programs, and as a workbook (xlsx) or a page (html) for people (issue 13
 * items 3 and 4); JSON Lines and CSV also of a root of partitions (docs/scale.md). */
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

/* ------------------------------------------------------------ programs' formats */

/* JSON Lines and CSV household records are evaluated and formatted by the library on
 * every core and handed over in file order (fupin_dataset_report). */
struct records {
    const struct options *o;
    int csv;
    FILE *f;
    const fupin_evaluator *ev;
    struct progress *prog;
    const fupin_dataset *ds; /* the dataset being written, for progress */
    size_t village;          /* its villages written so far */
    const fupin_root *root;  /* NULL for one dataset */
};

static int write_records(void *user, const char *data, size_t len, size_t villages)
{
    struct records *r = user;
    if (fwrite(data, 1, len, r->f) != len) {
        fprintf(stderr, "fupin: writing the results failed: %s\n", strerror(errno));
        return EXIT_USAGE;
    }
    uint64_t households = 0;
    for (size_t k = 0; k < villages; k++)
        households += fupin_village_household_count(fupin_dataset_village(r->ds, r->village + k));
    r->village += villages;
    progress_step(r->prog, households, villages);
    return 0;
}

static int records_of(struct records *r, const fupin_dataset *ds)
{
    uint32_t flags = (r->csv ? FUPIN_REPORT_CSV : FUPIN_REPORT_JSONL) |
                     (r->o->alerts_only ? FUPIN_REPORT_ALERTS_ONLY : 0u);
    r->ds = ds;
    r->village = 0;
    int rc = fupin_dataset_report(ds, r->ev, flags, 0, write_records, r);
    if (rc && rc != EXIT_USAGE)
        fupin_cli_fail_root(rc);
    return rc ? EXIT_USAGE : 0;
}

/* A partition of a root, in partition order (fupin_root_each_with_options). */
static int records_of_partition(void *user, size_t partition, const fupin_dataset *ds)
{
    struct records *r = user;
    fupin_cli_print_partition_problems(r->root, partition, ds);
    progress_set_total(r->prog, ds);
    return records_of(r, ds);
}

/* report ROOT: JSON Lines or CSV records, partition by partition. */
static int report_root(const struct options *o, fupin_root *root, int csv)
{
    fupin_policy *policy = NULL;
    fupin_evaluator *ev = NULL;
    fupin_load_options *opts = NULL;
    struct output out = {0};
    struct progress prog;
    int status = EXIT_USAGE, ok = 0, rc;
    int32_t year = 0;

    progress_start(&prog, o->progress);
    /* issue 10 item 4: the year and why, on stderr (stdout holds only results) */
    if (fupin_cli_load_policy(o->policy, &policy) ||
        fupin_cli_load_options(o->lenient, o->encoding, o->dataset, &opts) ||
        fupin_cli_root_default_year(stderr, o->year, root, policy, &year))
        goto done;
    rc = o->since ? fupin_evaluator_create_since(&ev, policy, year, o->since)
                  : fupin_evaluator_create(&ev, policy, year);
    if (rc) {
        fupin_cli_fail("policy", rc);
        goto done;
    }
    if (output_open(&out, o->output))
        goto done;
    setvbuf(out.f, NULL, _IOFBF, 1 << 20);
    if (csv) {
        if (o->bom)
            fputs("\xEF\xBB\xBF", out.f);
        const char *h = fupin_result_csv_header();
        fwrite(h, 1, strlen(h), out.f);
        fputc('\n', out.f);
    }
    struct records r = {o, csv, out.f, ev, &prog, NULL, 0, root};
    rc = fupin_root_each_with_options(root, opts, 0, records_of_partition, &r);
    if (rc && rc != EXIT_USAGE)
        fupin_cli_fail_root(rc);
    progress_end(&prog);
    ok = rc == 0;
    status = output_close(&out, ok);
done:
    fupin_evaluator_free(ev);
    fupin_load_options_free(opts);
    fupin_policy_free(policy);
    return status;
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

    fupin_root *root = NULL;
    if (fupin_cli_open_root(o.dataset, &root))
        return EXIT_USAGE;
    if (root) {
        /* a root streams: the formats that gather every village (or --prefix) do not */
        if (people || villages) {
            fupin_root_free(root);
            return fupin_cli_usage_error(
                "%s", "a ROOT of partitions takes --format jsonl or csv (household records)");
        }
        rc = report_root(&o, root, csv);
        fupin_root_free(root);
        return rc;
    }

    fupin_policy *policy = NULL;
    fupin_dataset *ds = NULL;
    fupin_evaluator *ev = NULL;
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
    struct records r = {&o, csv, out.f, ev, &prog, NULL, 0, NULL};
    if (records_of(&r, ds))
        goto close;
    progress_end(&prog);
    ok = 1;
close:
    status = output_close(&out, ok);

done:
    fupin_evaluator_free(ev);
    fupin_dataset_free(ds);
    fupin_policy_free(policy);
    return status;
}
