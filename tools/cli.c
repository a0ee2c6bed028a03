/* fupin command line: option parsing, loading and line writing shared by the
 * subcommands. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "present.h"

#define STR_(x) #x
#define STR(x)  STR_(x)
#define YEARS   STR(FUPIN_YEAR_MIN) ".." STR(FUPIN_YEAR_MAX)

const char fupin_cli_usage_text[] =
    "usage:\n"
    "  fupin report   [--policy P] [--year Y] [--since Y0]\n"
    "                 [--format jsonl|csv|xlsx|html] [-o FILE] [--lenient]\n"
    "                 [--alerts-only] [--records households|villages] [--bom]\n"
    "                 [--lang zh|en] [--prefix CODE]... [--visits N|all]\n"
    "                 [--progress] [--encoding E] DATASET\n"
    "  fupin summary  [--policy P] [--year Y] [--since Y0] [--lang zh|en]\n"
    "                 [--lenient] [--visits N|all] [--progress] [--encoding E] DATASET\n"
    "  fupin group    --prefix CODE [--prefix CODE]... [--policy P] [--year Y]\n"
    "                 [--since Y0] [--format jsonl|text|csv] [--lenient]\n"
    "                 [--encoding E] DATASET\n"
    "  fupin validate [--lenient] [--encoding E] DATASET\n"
    "  fupin check    --expect FILE [--policy P] [--year Y] [--encoding E] DATASET\n"
    "  fupin diff     --base P1 --policy P2 [--year Y] [--format jsonl|csv]\n"
    "                 [--encoding E] DATASET\n"
    "  fupin policy   show [--policy P] [--year Y]\n"
    "  fupin version\n"
    "\n"
    "P is `national` (the built-in policy, the default) or a policy file path.\n"
    "Y defaults to the latest year in DATASET/incomes.csv, else the policy's latest year.\n"
    "E is utf-8 (the default) or gb18030 (also gbk): the encoding of DATASET's files.\n"
    "report and validate also take a ROOT: a folder of dataset folders (partitions) at\n"
    "any depth, read in sorted path order (docs/scale.md).\n"
    "Exit status: 0 success, 1 check found mismatches, 2 bad usage or bad input.\n"
    "'fupin help COMMAND' or 'fupin COMMAND --help' explains a command's options.\n"
    "Manual: man fupin (and fupin-dataset(5), fupin-policy(5)); docs/cli.md.\n";

/* What `fupin help COMMAND` and `fupin COMMAND --help` print. A new command adds its
 * entry here (and its name to fupin_cli_commands). */
static const struct {
    const char *name, *text;
} command_help[] = {
    {"report",
     "usage: fupin report [--policy P] [--year Y] [--since Y0]\n"
     "                    [--format jsonl|csv|xlsx|html] [-o FILE] [--lenient]\n"
     "                    [--alerts-only] [--records households|villages] [--bom]\n"
     "                    [--lang zh|en] [--prefix CODE]... [--visits N|all]\n"
     "                    [--progress] [--encoding E] DATASET\n"
     "\n"
     "Evaluate every household and village of DATASET (a folder of CSV files) for one\n"
     "year and write the results on standard output: for each village, in the order of\n"
     "villages.csv, its households' lines, then the village's line. DATASET may be a\n"
     "ROOT, a folder of dataset folders at any depth (with --format jsonl or csv): they\n"
     "are read one after another in sorted path order, a few at a time, and the output\n"
     "is that of one dataset holding them all (docs/scale.md).\n"
     "\n"
     "  --policy P      `national` (the built-in policy, the default) or a policy file\n"
     "  --year Y        the year to evaluate, 1949..2100 (default: the latest year in\n"
     "                  DATASET/incomes.csv; without incomes, the policy's latest year)\n"
     "  --since Y0      also give the compound annual growth over Y0..Y on every line\n"
     "                  (since, cagr, national_cagr); Y0 must be before Y\n"
     "  --format F      jsonl (JSON Lines, the default); csv (one row per household,\n"
     "                  dotted column names, lists space-separated); xlsx (a workbook:\n"
     "                  households, villages, and the --prefix groups; needs -o FILE);\n"
     "                  html (one self-contained report page with charts)\n"
     "  -o FILE         write to FILE (complete or not at all) instead of standard output\n"
     "  --lenient       skip bad records instead of stopping at the first; each skip is\n"
     "                  printed on standard error, and whatever needs a skipped record\n"
     "                  is unknown, never a pass\n"
     "  --alerts-only   write only the households at watch, warning or severe (the list\n"
     "                  to visit); village lines are still written and count everyone\n"
     "  --records R     with csv: households (the default) or villages (one row each)\n"
     "  --bom           with csv: start with a UTF-8 byte-order mark, for Excel\n"
     "  --lang L        zh or en for xlsx and html texts (default: zh under a zh_* locale)\n"
     "  --prefix CODE   with xlsx or html: add the group of a 2-, 4-, 6- or 9-digit\n"
     "                  division prefix (repeatable)\n"
     "  --visits N      with html: households to visit first listed per village (20;\n"
     "                  `all` for every one)\n"
     "  --progress      progress on standard error even when it is not a terminal\n"
     "  --encoding E    utf-8 (the default) or gb18030 (also gbk)\n"
     "\n"
     "Exit status: 0 success (also a lenient run that skipped records), 2 bad usage or\n"
     "bad input. Result keys: docs/reference/output.md; formats: docs/cli.md.\n"},
    {"summary",
     "usage: fupin summary [--policy P] [--year Y] [--since Y0] [--lang zh|en]\n"
     "                     [--lenient] [--visits N|all] [--progress] [--encoding E]\n"
     "                     DATASET\n"
     "\n"
     "Tables for people, within 80 columns, per village and in total: exit and why,\n"
     "guarantee gaps by dimension, alert levels, categories, leaving monitoring, income\n"
     "growth against the national figure; then the households to visit first with\n"
     "their reasons in words.\n"
     "\n"
     "  --lang L        zh or en (default: zh when LC_ALL, LC_MESSAGES or LANG is zh_*)\n"
     "  --visits N      households to visit first listed per village (20; `all`)\n"
     "  --policy, --year, --since, --lenient, --progress, --encoding: as for report\n"
     "\n"
     "Exit status: 0 success, 2 bad usage or bad input.\n"},
    {"group", "usage: fupin group --prefix CODE [--prefix CODE]... [--policy P] [--year Y]\n"
              "                   [--since Y0] [--format jsonl|text|csv] [--bom] [--lang zh|en]\n"
              "                   [--lenient] [--encoding E] DATASET\n"
              "\n"
              "The figures of the villages under each division-code prefix (2 digits a province,\n"
              "4 a city, 6 a county, 9 a township): counts, income, growth, the exit check\n"
              "(R-V4) and the multidimensional figures (R-V5), one JSON line per prefix.\n"
              "\n"
              "  --format F      jsonl (the default), text (a table for people) or csv\n"
              "  --bom           with csv: a UTF-8 byte-order mark, for Excel\n"
              "  --lang L        zh or en for the reasons in words\n"
              "  --policy, --year, --since, --lenient, --encoding: as for report\n"
              "\n"
              "Exit status: 0 success, 2 bad usage or bad input.\n"},
    {"validate",
     "usage: fupin validate [--lenient] [--encoding E] DATASET\n"
     "\n"
     "Load DATASET and check every value without evaluating anything: a summary (records\n"
     "read, loaded, skipped per file) on standard output, every problem on standard\n"
     "error as FILE:LINE: column COLUMN: what is wrong (got \"VALUE\"). DATASET may be a\n"
     "ROOT of dataset folders (docs/scale.md): counts are summed and each problem starts\n"
     "with its folder.\n"
     "\n"
     "  --lenient       load as `report --lenient` would (every problem is listed\n"
     "                  either way; only the closing note differs)\n"
     "  --encoding E    utf-8 (the default) or gb18030 (also gbk): the encoding of\n"
     "                  DATASET's CSV files (a GBK export from Excel loads as it is)\n"
     "\n"
     "Exit status: 0 no problem, 2 any problem (also with --lenient) or bad usage.\n"},
    {"check",
     "usage: fupin check --expect FILE [--policy P] [--year Y] [--encoding E] DATASET\n"
     "\n"
     "Evaluate the households and villages named in an expectations file and compare\n"
     "one result field per row. Each mismatch is printed as\n"
     "`HOUSEHOLD YEAR FIELD: expected X, got Y`, then `N passed, N failed`.\n"
     "\n"
     "  --expect FILE   CSV with columns household_id,year,field,expected; field is a\n"
     "                  dotted path of the JSON result (alert.level, village.exit_eligible)\n"
     "  --policy P      `national` (the default) or a policy file\n"
     "  --year Y        the year of rows whose year is blank (a row's own year wins;\n"
     "                  default: the latest year in DATASET/incomes.csv)\n"
     "  --encoding E    utf-8 (the default) or gb18030 (also gbk): the encoding of\n"
     "                  DATASET's CSV files (a GBK export from Excel loads as it is)\n"
     "\n"
     "Exit status: 0 all held, 1 a mismatch, 2 bad usage or unreadable input.\n"
     "Expectations file: docs/reference/README.md#expectations.\n"},
    {"diff",
     "usage: fupin diff --base P1 --policy P2 [--year Y] [--format jsonl|csv]\n"
     "                  [--encoding E] DATASET\n"
     "\n"
     "Evaluate DATASET under two policies and print what changes: one line per household\n"
     "and per village whose results differ ({\"household\":...,\"changes\":{FIELD:[before,\n"
     "after]}}), then one line per transition with its count\n"
     "(`alert.level none->warning: 312`).\n"
     "\n"
     "  --base P1       the policy before the change (`national` or a policy file)\n"
     "  --policy P2     the policy after the change\n"
     "  --year Y        the year (default: the latest year in DATASET/incomes.csv)\n"
     "  --format F      jsonl (the default) or csv (record,id,field,before,after,count)\n"
     "  --encoding E    utf-8 (the default) or gb18030 (also gbk): the encoding of\n"
     "                  DATASET's CSV files (a GBK export from Excel loads as it is)\n"
     "\n"
     "Exit status: 0 success (also when nothing changes), 2 bad usage or bad input.\n"},
    {"policy", "usage: fupin policy show [--policy P] [--year Y]\n"
               "\n"
               "Print the parameters in force for a year, one per line, as\n"
               "`NAME[:VARIANT] = VALUE    # ORIGIN`; ORIGIN is `built-in: SOURCE` or FILE:LINE.\n"
               "A built-in value of low confidence ends with [low confidence: STATUS].\n"
               "\n"
               "  --policy P      `national` (the default) or a policy file\n"
               "  --year Y        the year (default: the latest year the policy names)\n"
               "\n"
               "Exit status: 0 success, 2 bad usage or a bad policy file.\n"
               "Parameters: docs/reference/parameters.md; file syntax: man fupin-policy.\n"},
    {"version", "usage: fupin version\n\nPrint the library's version (`fupin 0.2.0`).\n"},
    {"help", "usage: fupin help [COMMAND]\n\nPrint the usage of every command, or the options "
             "of one.\n"},
};

const char *const fupin_cli_commands[] = {"report", "summary", "group",   "validate", "check",
                                          "diff",   "policy",  "version", "help"};
const size_t fupin_cli_command_count = sizeof fupin_cli_commands / sizeof fupin_cli_commands[0];

const char *fupin_cli_command_help(const char *name)
{
    for (size_t i = 0; i < sizeof command_help / sizeof command_help[0]; i++)
        if (strcmp(command_help[i].name, name) == 0)
            return command_help[i].text;
    return NULL;
}

/* The command being run, for "Try 'fupin COMMAND --help'" (set once by main). */
const char *fupin_cli_current = NULL;

int fupin_cli_usage_error(const char *fmt, const char *arg)
{
    char a[512];
    snprintf(a, sizeof a, "%s", arg);
    fupin_text_mask_ids(a, strlen(a)); /* an argument may be an identity number */
    fputs("fupin: ", stderr);
    fprintf(stderr, fmt, a);
    if (fupin_cli_current && fupin_cli_command_help(fupin_cli_current))
        fprintf(stderr, "\nTry 'fupin %s --help'.\n", fupin_cli_current);
    else
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
        {"--encoding", OPT_ENCODING, 1}, {"-o", OPT_OUTPUT, 1},
        {"--output", OPT_OUTPUT, 1},     {"--lang", OPT_LANG, 1},
        {"--records", OPT_RECORDS, 1},   {"--prefix", OPT_PREFIX, 1},
        {"--bom", OPT_BOM, 0},           {"--progress", OPT_PROGRESS, 0},
        {"--visits", OPT_VISITS, 1},
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
        if (k == count || !(allowed & table[k].bit)) {
            /* the closest option this command takes, for a slip of the keyboard */
            const char *names[sizeof table / sizeof table[0]];
            size_t m = 0;
            char word[80];
            for (size_t t = 0; t < count; t++)
                if (allowed & table[t].bit)
                    names[m++] = table[t].name;
            snprintf(word, sizeof word, "%.*s", (int)(n < 79 ? n : 79), a);
            const char *near = fupin_name_suggest(word, names, m);
            if (k < count && fupin_cli_current) {
                char msg[200];
                snprintf(msg, sizeof msg, "%s does not take %s", fupin_cli_current, table[k].name);
                return fupin_cli_usage_error("%s", msg);
            }
            if (near) {
                char msg[200];
                snprintf(msg, sizeof msg, "unknown option '%s' (did you mean %s?)", word, near);
                return fupin_cli_usage_error("%s", msg);
            }
            return fupin_cli_usage_error("unknown option '%s'", word);
        }
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
        case OPT_ENCODING: {
            int enc;
            if (fupin_encoding_from_name(val, &enc))
                return fupin_cli_usage_error("--encoding must be utf-8, gb18030 or gbk (got '%s')",
                                             val);
            o->encoding = val;
            break;
        }
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
    /* a message that already names the file is not prefixed with it again
     * (`nope.csv: nope.csv: ...`, issue 11 item 7) */
    if (*detail && *w && strstr(detail, w))
        fprintf(stderr, "fupin: %s\n", detail);
    else
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
    if (rc) {
        /* `--policy natinal` is a misspelt built-in name, not a missing file */
        static const char *const builtins[] = {"national"};
        const char *near = name && !strchr(name, '/') && access(name, F_OK) != 0
                               ? fupin_name_suggest(name, builtins, 1)
                               : NULL;
        fupin_cli_fail(name ? name : "national", rc);
        if (near)
            fprintf(stderr, "fupin: did you mean the built-in policy %s?\n", near);
        return EXIT_USAGE;
    }
    return 0;
}

int fupin_cli_load_options(int lenient, const char *encoding, const char *what,
                           fupin_load_options **out)
{
    fupin_load_options *opts = NULL;
    int enc = FUPIN_ENCODING_UTF8;
    int rc = fupin_load_options_create(&opts);
    if (!rc)
        rc = fupin_load_options_set_flags(opts, lenient ? FUPIN_LOAD_LENIENT : FUPIN_LOAD_STRICT);
    if (!rc && encoding && !(rc = fupin_encoding_from_name(encoding, &enc)))
        rc = fupin_load_options_set_encoding(opts, enc);
    if (rc) {
        fupin_load_options_free(opts);
        return fupin_cli_fail(what, rc);
    }
    *out = opts;
    return 0;
}

/* After a failed load: the hint for a GBK export read as UTF-8. */
static void encoding_hint(int rc)
{
    if (rc == FUPIN_EPARSE && strstr(fupin_last_error(), "not UTF-8 text"))
        fputs("fupin: --encoding gb18030 reads a GBK/GB18030 export as it is\n", stderr);
}

int fupin_cli_load_dataset(const char *dir, int lenient, const char *encoding, fupin_dataset **out)
{
    return fupin_cli_load_dataset_progress(dir, lenient, encoding, NULL, out);
}

static void loading_progress(void *ctx, uint64_t done, uint64_t total)
{
    progress_bytes(ctx, done, total);
}

int fupin_cli_load_dataset_progress(const char *dir, int lenient, const char *encoding,
                                    struct progress *progress, fupin_dataset **out)
{
    fupin_load_options *opts = NULL;
    if (fupin_cli_load_options(lenient, encoding, dir, &opts))
        return EXIT_USAGE;
    int rc = 0;
    /* issue 13: bytes read, rate and time left while loading (stderr only, and only when
     * progress is on: a terminal or --progress) */
    if (progress && progress->on) {
        progress_note(progress, "loading the dataset");
        rc = fupin_load_options_set_progress(opts, loading_progress, progress);
    }
    if (!rc)
        rc = fupin_dataset_load_with_options(out, dir, opts);
    if (progress)
        progress_break(progress);
    fupin_load_options_free(opts);
    if (rc) {
        fupin_cli_fail(dir, rc);
        encoding_hint(rc);
        return EXIT_USAGE;
    }
    size_t n = fupin_dataset_notice_count(*out);
    for (size_t i = 0; i < n; i++)
        fprintf(stderr, "fupin: note: %s\n", fupin_dataset_notice(*out, i));
    return 0;
}

void fupin_cli_print_problems(const fupin_dataset *ds)
{
    size_t n = fupin_dataset_problem_count(ds);
    for (size_t i = 0; i < n; i++)
        fprintf(stderr, "%s\n", fupin_dataset_problem(ds, i));
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

/* A DATASET argument without villages.csv is a root of partitions (docs/scale.md).
 * Anything else (a dataset folder, or a path that does not exist) stays one dataset,
 * so that its errors read as before. */
int fupin_cli_open_root(const char *dir, fupin_root **out)
{
    *out = NULL;
    size_t n = strlen(dir);
    char *v = malloc(n + sizeof "/villages.csv");
    if (!v) {
        fputs("fupin: out of memory\n", stderr);
        return EXIT_USAGE;
    }
    memcpy(v, dir, n);
    memcpy(v + n, "/villages.csv", sizeof "/villages.csv");
    FILE *f = fopen(v, "rb");
    int dataset = f != NULL || errno != ENOENT;
    if (f)
        fclose(f);
    free(v);
    DIR *d = dataset ? NULL : opendir(dir);
    if (!d)
        return 0;
    closedir(d);
    int rc = fupin_root_open(out, dir);
    if (rc)
        return fupin_cli_fail(dir, rc);
    return 0;
}

int fupin_cli_fail_root(int rc)
{
    if (rc == EXIT_USAGE)
        return EXIT_USAGE; /* a visit's failure, already printed */
    const char *detail = fupin_last_error();
    fprintf(stderr, "fupin: %s\n", *detail ? detail : fupin_strerror(rc));
    encoding_hint(rc);
    return EXIT_USAGE;
}

void fupin_cli_print_partition_problems(const fupin_root *root, size_t partition,
                                        const fupin_dataset *ds)
{
    const char *path = fupin_root_partition_path(root, partition);
    size_t n = fupin_dataset_notice_count(ds);
    for (size_t i = 0; i < n; i++)
        fprintf(stderr, "fupin: note: %s: %s\n", path, fupin_dataset_notice(ds, i));
    n = fupin_dataset_problem_count(ds);
    for (size_t i = 0; i < n; i++)
        fprintf(stderr, "%s/%s\n", path, fupin_dataset_problem(ds, i));
}

/* The year of a run over a root: --year, else the latest year of any partition's
 * incomes, else the policy's latest year (as for one dataset). */
int fupin_cli_root_default_year(FILE *out, int32_t given, const fupin_root *root,
                                const fupin_policy *policy, int32_t *year)
{
    const char *pre = out == stderr ? "fupin: " : "";
    *year = given;
    if (*year) {
        fprintf(out, "%syear %d: given with --year\n", pre, (int)*year);
        return 0;
    }
    int rc = fupin_root_latest_year(root, year);
    if (rc)
        return fupin_cli_fail_root(rc);
    if (*year) {
        fprintf(out, "%syear %d: latest in the partitions' incomes.csv\n", pre, (int)*year);
        return 0;
    }
    if (fupin_policy_latest_year(policy, year) == 0) {
        fprintf(out,
                "%syear %d: no partition's incomes.csv has records; latest year of policy %s\n",
                pre, (int)*year, fupin_policy_name(policy));
        return 0;
    }
    fprintf(stderr,
            "fupin: year: no year given, and neither the partitions' incomes nor the "
            "policy \"%s\" name a year\n",
            fupin_policy_name(policy));
    return EXIT_USAGE;
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

void fupin_cli_year_notes(FILE *out, int32_t given, int32_t year, const fupin_dataset *ds,
                          const fupin_policy *policy, int snapshot)
{
    int source = 0;
    int32_t latest = 0;
    int have_latest = fupin_dataset_latest_year(ds, &latest) == 0;
    const char *pre = out == stderr ? "fupin: " : "";
    if (given)
        fprintf(out, "%syear %d: given with --year\n", pre, (int)year);
    else if (fupin_dataset_default_year_source(ds, policy, &source) == 0 &&
             source == FUPIN_YEAR_FROM_INCOMES)
        fprintf(out, "%syear %d: latest in incomes.csv\n", pre, (int)year);
    else
        fprintf(out, "%syear %d: incomes.csv has no records; latest year of policy %s\n", pre,
                (int)year, fupin_policy_name(policy));
    /* issue 10 item 4: one stray row of a new year must not pass for the year. Y-1 has
     * records of at most every household, so when Y's cover half of them or more the
     * warning cannot apply, and the second pass over every household's incomes (a
     * serial pass before the report, issue 15) is not made. */
    size_t now = 0, before = 0;
    if (have_latest && fupin_dataset_income_household_count(ds, year, &now) == 0 &&
        now * 2 < fupin_dataset_household_count(ds) &&
        fupin_dataset_income_household_count(ds, year - 1, &before) == 0 && before > 0 &&
        now * 2 < before)
        fprintf(stderr,
                "fupin: warning: year %d: incomes.csv has income records for %zu household%s "
                "in %d but %zu in %d: incomes of %d look incomplete (--year %d reports %d)\n",
                (int)year, now, now == 1 ? "" : "s", (int)year, before, (int)(year - 1), (int)year,
                (int)(year - 1), (int)(year - 1));
    if (snapshot && have_latest && year < latest)
        fprintf(stderr,
                "fupin: note: year %d is before the latest income year %d: incomes and events "
                "are those of %d, but the other household facts (members, school, insurance, "
                "housing, water, labour, assistance, monitoring category) are as in the files "
                "now (docs/dataset.md, the snapshot model)\n",
                (int)year, (int)latest, (int)year);
}
