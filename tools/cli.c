/* fupin command line: option parsing, loading and line writing shared by the
 * subcommands. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

const char fupin_cli_usage_text[] =
    "usage:\n"
    "  fupin report   [--policy P] [--year Y] [--since Y0] [--format jsonl|csv]\n"
    "                 [--lenient] [--alerts-only] DATASET\n"
    "  fupin validate [--lenient] DATASET\n"
    "  fupin check    --expect FILE [--policy P] [--year Y] DATASET\n"
    "  fupin diff     --base P1 --policy P2 [--year Y] [--format jsonl|csv] DATASET\n"
    "  fupin policy   show [--policy P] [--year Y]\n"
    "  fupin version\n"
    "\n"
    "P is `national` (the built-in policy, the default) or a policy file path.\n"
    "Y defaults to the latest year in DATASET/incomes.csv, else the policy's latest year.\n"
    "Exit status: 0 success, 1 check found mismatches, 2 bad usage or bad input.\n"
    "See docs/cli.md.\n";

int fupin_cli_usage_error(const char *fmt, const char *arg)
{
    char a[512];
    snprintf(a, sizeof a, "%s", arg);
    fupin_text_mask_ids(a, strlen(a)); /* an argument may be an identity number */
    fputs("fupin: ", stderr);
    fprintf(stderr, fmt, a);
    fputs("\nTry 'fupin --help'.\n", stderr);
    return EXIT_USAGE;
}

int fupin_cli_parse_year(const char *s, int32_t *out)
{
    if (strlen(s) != 4)
        return -1;
    int32_t y = 0;
    for (int i = 0; i < 4; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        y = y * 10 + (s[i] - '0');
    }
    if (y < 1949 || y > 2100)
        return -1;
    *out = y;
    return 0;
}

/* Parse argv[first..argc) into o; `--name value` and `--name=value` both work, and
 * `--` ends the options. Returns 0 or the exit status of a usage error. */
int fupin_cli_parse_options(int argc, char **argv, int first, unsigned allowed, int want_dataset,
                            struct options *o)
{
    static const struct {
        const char *name;
        unsigned bit;
        int takes_value;
    } table[] = {
        {"--policy", OPT_POLICY, 1},   {"--year", OPT_YEAR, 1},
        {"--since", OPT_SINCE, 1},     {"--format", OPT_FORMAT, 1},
        {"--lenient", OPT_LENIENT, 0}, {"--alerts-only", OPT_ALERTS_ONLY, 0},
        {"--expect", OPT_EXPECT, 1},   {"--base", OPT_BASE, 1},
    };
    int only_positional = 0;
    for (int i = first; i < argc; i++) {
        const char *a = argv[i];
        if (only_positional || a[0] != '-' || strcmp(a, "-") == 0) {
            if (!want_dataset)
                return fupin_cli_usage_error("unexpected argument '%s'", a);
            if (o->dataset)
                return fupin_cli_usage_error("more than one DATASET given ('%s')", a);
            if (!*a)
                return fupin_cli_usage_error("%s", "DATASET is an empty path");
            o->dataset = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            only_positional = 1;
            continue;
        }
        const char *eq = strchr(a, '=');
        size_t n = eq ? (size_t)(eq - a) : strlen(a);
        size_t k = 0;
        size_t count = sizeof table / sizeof table[0];
        while (k < count && !(strlen(table[k].name) == n && strncmp(table[k].name, a, n) == 0))
            k++;
        if (k == count || !(allowed & table[k].bit))
            return fupin_cli_usage_error("unknown option '%s'", a);
        const char *val = NULL;
        if (table[k].takes_value) {
            if (eq)
                val = eq + 1;
            else if (i + 1 < argc)
                val = argv[++i];
            else
                return fupin_cli_usage_error("option '%s' needs a value", a);
        } else if (eq) {
            return fupin_cli_usage_error("option '%s' takes no value", a);
        }
        switch (table[k].bit) {
        case OPT_POLICY:
            if (!*val)
                return fupin_cli_usage_error("%s", "--policy needs a name or a file path");
            o->policy = val;
            break;
        case OPT_YEAR:
            if (fupin_cli_parse_year(val, &o->year))
                return fupin_cli_usage_error("--year must be a year 1949..2100 (got '%s')", val);
            break;
        case OPT_SINCE:
            if (fupin_cli_parse_year(val, &o->since))
                return fupin_cli_usage_error("--since must be a year 1949..2100 (got '%s')", val);
            break;
        case OPT_FORMAT:
            if (strcmp(val, "jsonl") != 0 && strcmp(val, "csv") != 0)
                return fupin_cli_usage_error("--format must be jsonl or csv (got '%s')", val);
            o->format = val;
            break;
        case OPT_LENIENT:
            o->lenient = 1;
            break;
        case OPT_EXPECT:
            if (!*val)
                return fupin_cli_usage_error("%s", "--expect needs a file path");
            o->expect = val;
            break;
        case OPT_BASE:
            if (!*val)
                return fupin_cli_usage_error("%s", "--base needs a name or a file path");
            o->base = val;
            break;
        default:
            o->alerts_only = 1;
            break;
        }
    }
    if (want_dataset && !o->dataset)
        return fupin_cli_usage_error("%s", "missing DATASET (a folder of CSV files)");
    return 0;
}

int fupin_cli_fail(const char *what, int rc)
{
    const char *detail = fupin_last_error();
    /* what is the user's text (a path, a household id): masked like every message */
    char w[512];
    snprintf(w, sizeof w, "%s", what);
    fupin_text_mask_ids(w, strlen(w));
    fprintf(stderr, "fupin: %s: %s\n", w, *detail ? detail : fupin_strerror(rc));
    return EXIT_USAGE;
}

int fupin_cli_load_policy(const char *name, fupin_policy **out)
{
    int rc;
    if (!name || strcmp(name, "national") == 0)
        rc = fupin_policy_builtin(out, "national");
    else
        rc = fupin_policy_load(out, name);
    if (rc)
        return fupin_cli_fail(name ? name : "national", rc);
    return 0;
}

int fupin_cli_load_dataset(const char *dir, int lenient, fupin_dataset **out)
{
    int rc = fupin_dataset_load(out, dir, lenient ? FUPIN_LOAD_LENIENT : FUPIN_LOAD_STRICT);
    if (rc)
        return fupin_cli_fail(dir, rc);
    return 0;
}

void fupin_cli_print_problems(const fupin_dataset *ds)
{
    size_t n = fupin_dataset_problem_count(ds);
    for (size_t i = 0; i < n; i++)
        fprintf(stderr, "%s\n", fupin_dataset_problem(ds, i));
}

int fupin_cli_write_json_household(const void *obj, const void *extra, char *buf, size_t cap,
                                   size_t *needed)
{
    (void)extra;
    return fupin_result_to_json(obj, buf, cap, needed);
}

int fupin_cli_write_csv_household(const void *obj, const void *extra, char *buf, size_t cap,
                                  size_t *needed)
{
    (void)extra;
    return fupin_result_to_csv(obj, buf, cap, needed);
}

int fupin_cli_write_json_village(const void *obj, const void *extra, char *buf, size_t cap,
                                 size_t *needed)
{
    return fupin_village_result_to_json(obj, extra, buf, cap, needed);
}

/* Format one record into the line buffer and write it with its newline. */
int fupin_cli_emit(struct line *ln, writer_fn fn, const void *obj, const void *extra, FILE *out)
{
    size_t needed = 0;
    int rc = fn(obj, extra, ln->buf, ln->cap, &needed);
    if (rc == FUPIN_ENOSPC) {
        size_t cap = needed + 1 > ln->cap * 2 ? needed + 1 : ln->cap * 2;
        char *nb = realloc(ln->buf, cap);
        if (!nb) {
            fputs("fupin: out of memory\n", stderr);
            return EXIT_USAGE;
        }
        ln->buf = nb;
        ln->cap = cap;
        rc = fn(obj, extra, ln->buf, ln->cap, &needed);
    }
    if (rc)
        return fupin_cli_fail("writing a result", rc);
    ln->buf[needed] = '\n';
    fwrite(ln->buf, 1, needed + 1, out);
    return 0;
}

int fupin_cli_finish_output(FILE *out)
{
    if (fflush(out) != 0 || ferror(out)) {
        fprintf(stderr, "fupin: writing the results failed: %s\n", strerror(errno));
        return EXIT_USAGE;
    }
    return 0;
}

/* The year of a run: --year, else the library's default for the dataset and policy. */
int fupin_cli_default_year(int32_t given, const fupin_dataset *ds, const fupin_policy *policy,
                           int32_t *year)
{
    *year = given;
    if (!*year) {
        int rc = fupin_dataset_default_year(ds, policy, year);
        if (rc)
            return fupin_cli_fail("year", rc);
    }
    return 0;
}
