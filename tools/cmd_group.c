/* fupin group: the R-V4 and R-V5 figures of the villages under division-code
 * prefixes (issue 13 item 1): one JSON line per prefix, exactly the library's
 * fupin_summary_to_json, or a table for people (--format text) or CSV. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "present.h"

enum { GROUPS_PER_BLOCK = 4, LABEL_W = 32, VALUE_W = 9 };

/* A table with the figures as rows and the groups as columns, GROUPS_PER_BLOCK at a
 * time, so that it stays within 80 columns. */
static void print_text(FILE *out, const struct srow *rows, size_t n, const char *lang)
{
    struct row head, cells[GROUPS_PER_BLOCK];
    srow_header(&head, 1, lang);
    for (size_t b = 0; b < n; b += GROUPS_PER_BLOCK) {
        size_t m = n - b < GROUPS_PER_BLOCK ? n - b : GROUPS_PER_BLOCK;
        for (size_t g = 0; g < m; g++)
            srow_cells(&cells[g], &rows[b + g], lang);
        if (b)
            fputc('\n', out);
        for (size_t i = 0; i < head.n; i++) {
            /* exit reasons are too long for a column: printed below the table */
            if (strncmp(head.c[i].s, "exit_reasons", 12) == 0)
                continue;
            int any = 0;
            for (size_t g = 0; g < m; g++)
                any |= cells[g].c[i].kind != CELL_EMPTY;
            if (!any && i > 0)
                continue;
            print_cell(out, head.c[i].s, LABEL_W, 0);
            for (size_t g = 0; g < m; g++) {
                fputs("  ", out);
                const char *s = cells[g].c[i].kind == CELL_EMPTY ? "-" : cells[g].c[i].s;
                print_cell(out, s, VALUE_W, 1);
            }
            fputc('\n', out);
        }
        for (size_t g = 0; g < m; g++) {
            const struct srow *r = &rows[b + g];
            if (!r->n_reason)
                continue;
            fprintf(out, "%s exit_reasons:\n", r->id);
            for (size_t k = 0; k < r->n_reason; k++) {
                const char *d = fupin_reason_describe(r->reason[k], lang);
                char first[96];
                snprintf(first, sizeof first, "  %s: ", fupin_reason_name(r->reason[k]));
                print_wrapped(out, first, "    ", d ? d : "", 80);
            }
        }
    }
}

int fupin_cmd_group(int argc, char **argv)
{
    struct options o = {0};
    o.formats = "jsonl|text|csv";
    int rc = fupin_cli_parse_options(argc, argv, 2,
                                     OPT_PREFIX | OPT_POLICY | OPT_YEAR | OPT_SINCE | OPT_FORMAT |
                                         OPT_LENIENT | OPT_LANG | OPT_BOM | OPT_ENCODING,
                                     1, &o);
    if (rc)
        return rc;
    if (!o.n_prefix)
        return fupin_cli_usage_error("%s", "group needs at least one --prefix CODE");
    const char *format = o.format ? o.format : "jsonl";
    const char *lang = fupin_cli_lang(o.lang);
    fupin_policy *policy = NULL;
    fupin_dataset *ds = NULL;
    fupin_evaluator *ev = NULL;
    fupin_summary *gres = NULL;
    struct srow *rows = NULL;
    char *line = NULL;
    int status = EXIT_USAGE;

    if (fupin_cli_load_policy(o.policy, &policy) ||
        fupin_cli_load_dataset(o.dataset, o.lenient, o.encoding, &ds))
        goto done;
    fupin_cli_print_problems(ds); /* lenient skips: reported, and the groups go on */
    int32_t year = 0;
    if (fupin_cli_default_year(o.year, ds, policy, &year))
        goto done;
    rc = o.since ? fupin_evaluator_create_since(&ev, policy, year, o.since)
                 : fupin_evaluator_create(&ev, policy, year);
    if (rc) {
        fupin_cli_fail("policy", rc);
        goto done;
    }
    if ((rc = fupin_summary_create(&gres))) {
        fupin_cli_fail("starting the groups", rc);
        goto done;
    }
    rows = calloc(o.n_prefix, sizeof *rows);
    size_t cap = 4096;
    line = malloc(cap);
    if (!rows || !line) {
        fputs("fupin: out of memory\n", stderr);
        goto done;
    }
    if (strcmp(format, "csv") == 0 && o.bom)
        fputs("\xEF\xBB\xBF", stdout);
    struct row r;
    if (strcmp(format, "csv") == 0) {
        srow_header(&r, 1, lang);
        row_write_csv(&r, stdout);
    }
    for (size_t i = 0; i < o.n_prefix; i++) {
        if ((rc = fupin_evaluator_evaluate_group(ev, ds, o.prefix[i], gres))) {
            fupin_cli_fail(o.prefix[i], rc);
            goto done;
        }
        if (fupin_summary_village_count(gres) == 0)
            fprintf(stderr, "fupin: no village code starts with %s\n", o.prefix[i]);
        srow_from_group(&rows[i], gres, o.since);
        if (strcmp(format, "jsonl") == 0) {
            size_t needed = 0;
            rc = fupin_summary_to_json(gres, line, cap, &needed);
            if (rc == FUPIN_ENOSPC) {
                char *nb = realloc(line, needed + 1);
                if (!nb) {
                    fputs("fupin: out of memory\n", stderr);
                    goto done;
                }
                line = nb;
                cap = needed + 1;
                rc = fupin_summary_to_json(gres, line, cap, &needed);
            }
            if (rc) {
                fupin_cli_fail("writing a group", rc);
                goto done;
            }
            fwrite(line, 1, needed, stdout);
            fputc('\n', stdout);
        } else if (strcmp(format, "csv") == 0) {
            srow_cells(&r, &rows[i], lang);
            row_write_csv(&r, stdout);
        }
    }
    if (strcmp(format, "text") == 0)
        print_text(stdout, rows, o.n_prefix, lang);
    status = fupin_cli_finish_output(stdout);
done:
    free(line);
    free(rows);
    fupin_summary_free(gres);
    fupin_evaluator_free(ev);
    fupin_dataset_free(ds);
    fupin_policy_free(policy);
    return status;
}
