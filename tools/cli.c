/* fupin command line: option parsing, loading and line writing shared by the
 * subcommands. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#define STR_(x) #x
#define STR(x)  STR_(x)
#define YEARS   STR(FUPIN_YEAR_MIN) ".." STR(FUPIN_YEAR_MAX)

const char fupin_cli_usage_text[] =
    "usage:\n"
    "  fupin report   [--policy P] [--year Y] [--since Y0]\n"
    "                 [--format jsonl|csv|xlsx|html] [-o FILE] [--lenient]\n"
    "                 [--alerts-only] [--records households|villages] [--bom]\n"
    "                 [--lang zh|en] [--prefix CODE]... [--visits N|all]\n"
    "                 [--progress] DATASET\n"
    "  fupin summary  [--policy P] [--year Y] [--since Y0] [--lang zh|en]\n"
    "                 [--lenient] [--visits N|all] [--progress] DATASET\n"
    "  fupin group    --prefix CODE [--prefix CODE]... [--policy P] [--year Y]\n"
    "                 [--since Y0] [--format jsonl|text|csv] [--lenient] DATASET\n"
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
    fputs("fupin: ", stderr);
    fprintf(stderr, fmt, arg);
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
    if (y < FUPIN_YEAR_MIN || y > FUPIN_YEAR_MAX)
        return -1;
    *out = y;
    return 0;
}

/* Whether val is one of the "|"-separated words of set. */
static int one_of(const char *val, const char *set)
{
    size_t n = strlen(val);
    for (const char *p = set; *p;) {
        const char *bar = strchr(p, '|');
        size_t k = bar ? (size_t)(bar - p) : strlen(p);
        if (k == n && strncmp(p, val, n) == 0)
            return 1;
        p += k + (bar != NULL);
    }
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
        {"--policy", OPT_POLICY, 1},     {"--year", OPT_YEAR, 1},
        {"--since", OPT_SINCE, 1},       {"--format", OPT_FORMAT, 1},
        {"--lenient", OPT_LENIENT, 0},   {"--alerts-only", OPT_ALERTS_ONLY, 0},
        {"--expect", OPT_EXPECT, 1},     {"--base", OPT_BASE, 1},
        {"-o", OPT_OUTPUT, 1},           {"--output", OPT_OUTPUT, 1},
        {"--lang", OPT_LANG, 1},         {"--records", OPT_RECORDS, 1},
        {"--prefix", OPT_PREFIX, 1},     {"--bom", OPT_BOM, 0},
        {"--progress", OPT_PROGRESS, 0}, {"--visits", OPT_VISITS, 1},
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
                return fupin_cli_usage_error("--year must be a year " YEARS " (got '%s')", val);
            break;
        case OPT_SINCE:
            if (fupin_cli_parse_year(val, &o->since))
                return fupin_cli_usage_error("--since must be a year " YEARS " (got '%s')", val);
            break;
        case OPT_FORMAT: {
            const char *formats = o->formats ? o->formats : "jsonl|csv";
            if (!one_of(val, formats)) {
                fprintf(stderr, "fupin: --format must be one of %s (got '%s')\n", formats, val);
                fputs("Try 'fupin --help'.\n", stderr);
                return EXIT_USAGE;
            }
            o->format = val;
            break;
        }
        case OPT_OUTPUT:
            if (!*val)
                return fupin_cli_usage_error("%s", "-o needs a file path");
            o->output = val;
            break;
        case OPT_LANG:
            if (strcmp(val, "zh") != 0 && strcmp(val, "en") != 0)
                return fupin_cli_usage_error("--lang must be zh or en (got '%s')", val);
            o->lang = val;
            break;
        case OPT_RECORDS:
            if (strcmp(val, "households") != 0 && strcmp(val, "villages") != 0)
                return fupin_cli_usage_error("--records must be households or villages (got '%s')",
                                             val);
            o->records = val;
            break;
        case OPT_PREFIX: {
            size_t len = strlen(val);
            int digits = len == 2 || len == 4 || len == 6 || len == 9;
            for (size_t j = 0; digits && j < len; j++)
                digits = val[j] >= '0' && val[j] <= '9';
            if (!digits)
                return fupin_cli_usage_error("--prefix must be 2, 4, 6 or 9 digits of a division "
                                             "code (got '%s')",
                                             val);
            if (o->n_prefix == MAX_PREFIXES)
                return fupin_cli_usage_error("%s", "too many --prefix options (at most 64)");
            o->prefix[o->n_prefix++] = val;
            break;
        }
        case OPT_BOM:
            o->bom = 1;
            break;
        case OPT_PROGRESS:
            o->progress = 1;
            break;
        case OPT_VISITS: {
            if (strcmp(val, "all") == 0) {
                o->visits = -1;
                break;
            }
            char *end = NULL;
            errno = 0;
            long long v = strtoll(val, &end, 10);
            if (!*val || *end || errno || v < 1 || v > 1000000000)
                return fupin_cli_usage_error("--visits must be a number 1.. or all (got '%s')",
                                             val);
            o->visits = v;
            break;
        }
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
    fprintf(stderr, "fupin: %s: %s\n", what, *detail ? detail : fupin_strerror(rc));
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

int fupin_cli_write_json_household(const void *obj, char *buf, size_t cap, size_t *needed)
{
    return fupin_result_to_json(obj, buf, cap, needed);
}

int fupin_cli_write_csv_household(const void *obj, char *buf, size_t cap, size_t *needed)
{
    return fupin_result_to_csv(obj, buf, cap, needed);
}

int fupin_cli_write_json_village(const void *obj, char *buf, size_t cap, size_t *needed)
{
    return fupin_summary_to_json(obj, buf, cap, needed);
}

/* Format one record into the line buffer and write it with its newline. */
int fupin_cli_emit(struct line *ln, writer_fn fn, const void *obj, FILE *out)
{
    size_t needed = 0;
    int rc = fn(obj, ln->buf, ln->cap, &needed);
    if (rc == FUPIN_ENOSPC) {
        size_t cap = needed + 1 > ln->cap * 2 ? needed + 1 : ln->cap * 2;
        char *nb = realloc(ln->buf, cap);
        if (!nb) {
            fputs("fupin: out of memory\n", stderr);
            return EXIT_USAGE;
        }
        ln->buf = nb;
        ln->cap = cap;
        rc = fn(obj, ln->buf, ln->cap, &needed);
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

const char *fupin_cli_lang(const char *given)
{
    if (given)
        return given;
    /* POSIX precedence: LC_ALL overrides LC_MESSAGES overrides LANG. */
    static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            return strncmp(v, "zh", 2) == 0 ? "zh" : "en";
    }
    return "en";
}
