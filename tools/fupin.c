/* fupin: the command line (formats.md section 5). Argument parsing and printing only;
 * every decision is the library's, through the public API. Results go to stdout,
 * everything else to stderr; exit 0 success, 2 bad usage or bad input. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fupin.h"

enum { EXIT_USAGE = 2 };

/* Progress is shown every this many villages, and only on a terminal. */
enum { PROGRESS_EVERY = 1000 };

static const char usage_text[] =
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

struct options {
    const char *policy;  /* NULL: national */
    const char *dataset; /* the one positional argument */
    const char *format;  /* NULL: jsonl */
    const char *expect;  /* check: the expectations file */
    const char *base;    /* diff: the policy before the change */
    int32_t year;        /* 0: default */
    int32_t since;       /* 0: none */
    int lenient;
    int alerts_only;
};

static int usage_error(const char *fmt, const char *arg)
{
    fputs("fupin: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nTry 'fupin --help'.\n", stderr);
    return EXIT_USAGE;
}

static int parse_year(const char *s, int32_t *out)
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

/* Options a command accepts, as a bit set. */
enum {
    OPT_POLICY = 1 << 0,
    OPT_YEAR = 1 << 1,
    OPT_SINCE = 1 << 2,
    OPT_FORMAT = 1 << 3,
    OPT_LENIENT = 1 << 4,
    OPT_ALERTS_ONLY = 1 << 5,
    OPT_EXPECT = 1 << 6,
    OPT_BASE = 1 << 7
};

/* Parse argv[first..argc) into o; `--name value` and `--name=value` both work, and
 * `--` ends the options. Returns 0 or the exit status of a usage error. */
static int parse_options(int argc, char **argv, int first, unsigned allowed, int want_dataset,
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
                return usage_error("unexpected argument '%s'", a);
            if (o->dataset)
                return usage_error("more than one DATASET given ('%s')", a);
            if (!*a)
                return usage_error("%s", "DATASET is an empty path");
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
            return usage_error("unknown option '%s'", a);
        const char *val = NULL;
        if (table[k].takes_value) {
            if (eq)
                val = eq + 1;
            else if (i + 1 < argc)
                val = argv[++i];
            else
                return usage_error("option '%s' needs a value", a);
        } else if (eq) {
            return usage_error("option '%s' takes no value", a);
        }
        switch (table[k].bit) {
        case OPT_POLICY:
            if (!*val)
                return usage_error("%s", "--policy needs a name or a file path");
            o->policy = val;
            break;
        case OPT_YEAR:
            if (parse_year(val, &o->year))
                return usage_error("--year must be a year 1949..2100 (got '%s')", val);
            break;
        case OPT_SINCE:
            if (parse_year(val, &o->since))
                return usage_error("--since must be a year 1949..2100 (got '%s')", val);
            break;
        case OPT_FORMAT:
            if (strcmp(val, "jsonl") != 0 && strcmp(val, "csv") != 0)
                return usage_error("--format must be jsonl or csv (got '%s')", val);
            o->format = val;
            break;
        case OPT_LENIENT:
            o->lenient = 1;
            break;
        case OPT_EXPECT:
            if (!*val)
                return usage_error("%s", "--expect needs a file path");
            o->expect = val;
            break;
        case OPT_BASE:
            if (!*val)
                return usage_error("%s", "--base needs a name or a file path");
            o->base = val;
            break;
        default:
            o->alerts_only = 1;
            break;
        }
    }
    if (want_dataset && !o->dataset)
        return usage_error("%s", "missing DATASET (a folder of CSV files)");
    return 0;
}

static int fail(const char *what, int rc)
{
    const char *detail = fupin_last_error();
    fprintf(stderr, "fupin: %s: %s\n", what, *detail ? detail : fupin_strerror(rc));
    return EXIT_USAGE;
}

static int load_policy(const char *name, fupin_policy **out)
{
    int rc;
    if (!name || strcmp(name, "national") == 0)
        rc = fupin_policy_builtin(out, "national");
    else
        rc = fupin_policy_load(out, name);
    if (rc)
        return fail(name ? name : "national", rc);
    return 0;
}

static int load_dataset(const char *dir, int lenient, fupin_dataset **out)
{
    int rc = fupin_dataset_load(out, dir, lenient ? FUPIN_LOAD_LENIENT : FUPIN_LOAD_STRICT);
    if (rc)
        return fail(dir, rc);
    return 0;
}

static void print_problems(const fupin_dataset *ds)
{
    size_t n = fupin_dataset_problem_count(ds);
    for (size_t i = 0; i < n; i++)
        fprintf(stderr, "%s\n", fupin_dataset_problem(ds, i));
}

/* A growable line buffer: grows only when a record does not fit, so in practice a
 * handful of times per run, never once per household. */
struct line {
    char *buf;
    size_t cap;
};

typedef int (*writer_fn)(const void *obj, const void *extra, char *buf, size_t cap, size_t *needed);

static int write_json_household(const void *obj, const void *extra, char *buf, size_t cap,
                                size_t *needed)
{
    (void)extra;
    return fupin_result_to_json(obj, buf, cap, needed);
}

static int write_csv_household(const void *obj, const void *extra, char *buf, size_t cap,
                               size_t *needed)
{
    (void)extra;
    return fupin_result_to_csv(obj, buf, cap, needed);
}

static int write_json_village(const void *obj, const void *extra, char *buf, size_t cap,
                              size_t *needed)
{
    return fupin_village_result_to_json(obj, extra, buf, cap, needed);
}

/* Format one record into the line buffer and write it with its newline. */
static int emit(struct line *ln, writer_fn fn, const void *obj, const void *extra, FILE *out)
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
        return fail("writing a result", rc);
    ln->buf[needed] = '\n';
    fwrite(ln->buf, 1, needed + 1, out);
    return 0;
}

static int finish_output(FILE *out)
{
    if (fflush(out) != 0 || ferror(out)) {
        fprintf(stderr, "fupin: writing the results failed: %s\n", strerror(errno));
        return EXIT_USAGE;
    }
    return 0;
}

/* The year of a run: --year, else the library's default for the dataset and policy. */
static int default_year(int32_t given, const fupin_dataset *ds, const fupin_policy *policy,
                        int32_t *year)
{
    *year = given;
    if (!*year) {
        int rc = fupin_dataset_default_year(ds, policy, year);
        if (rc)
            return fail("year", rc);
    }
    return 0;
}

static int cmd_report(int argc, char **argv)
{
    struct options o = {0};
    int rc = parse_options(
        argc, argv, 2,
        OPT_POLICY | OPT_YEAR | OPT_SINCE | OPT_FORMAT | OPT_LENIENT | OPT_ALERTS_ONLY, 1, &o);
    if (rc)
        return rc;
    int csv = o.format && strcmp(o.format, "csv") == 0;

    fupin_policy *policy = NULL;
    fupin_dataset *ds = NULL;
    fupin_evaluator *ev = NULL;
    fupin_result *res = NULL;
    fupin_village_result *vres = NULL;
    struct line ln = {NULL, 0};
    int status = EXIT_USAGE;

    if (load_policy(o.policy, &policy) || load_dataset(o.dataset, o.lenient, &ds))
        goto done;
    print_problems(ds); /* lenient skips: reported, and the report goes on */

    int32_t year = 0;
    if (default_year(o.year, ds, policy, &year))
        goto done;
    rc = o.since ? fupin_evaluator_create_since(&ev, policy, year, o.since)
                 : fupin_evaluator_create(&ev, policy, year);
    if (rc) {
        fail("policy", rc);
        goto done;
    }
    if ((rc = fupin_result_create(&res)) || (rc = fupin_village_result_create(&vres))) {
        fail("starting the report", rc);
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
            if ((rc = fupin_evaluator_household(ev, h, res))) {
                fail(fupin_household_id(h), rc);
                goto done;
            }
            /* --alerts-only: households at watch or above; a null alert (a year
             * without a monitoring threshold) is not an alert. */
            if (o.alerts_only && fupin_result_alert_level(res) < FUPIN_ALERT_WATCH)
                continue;
            if (emit(&ln, csv ? write_csv_household : write_json_household, res, NULL, stdout))
                goto done;
        }
        if (!csv) {
            if ((rc = fupin_evaluator_village(ev, village, vres))) {
                fail(fupin_village_code(village), rc);
                goto done;
            }
            if (emit(&ln, write_json_village, vres, village, stdout))
                goto done;
        }
        if (progress && (v + 1) % PROGRESS_EVERY == 0)
            fprintf(stderr, "\rfupin: %zu/%zu villages", v + 1, nv);
    }
    if (progress && nv >= PROGRESS_EVERY)
        fprintf(stderr, "\rfupin: %zu/%zu villages\n", nv, nv);
    status = finish_output(stdout);

done:
    free(ln.buf);
    fupin_village_result_free(vres);
    fupin_result_free(res);
    fupin_evaluator_free(ev);
    fupin_dataset_free(ds);
    fupin_policy_free(policy);
    return status;
}

/* fupin check: exit 0 when every expectation holds, 1 on any mismatch. */
static int cmd_check(int argc, char **argv)
{
    struct options o = {0};
    int rc = parse_options(argc, argv, 2, OPT_EXPECT | OPT_POLICY | OPT_YEAR, 1, &o);
    if (rc)
        return rc;
    if (!o.expect)
        return usage_error("%s", "check needs --expect FILE");
    fupin_policy *policy = NULL;
    fupin_dataset *ds = NULL;
    fupin_check *k = NULL;
    int status = EXIT_USAGE;
    if (load_policy(o.policy, &policy) || load_dataset(o.dataset, 0, &ds))
        goto done;
    /* formats.md 3: a row's own year decides; --year fills blank years only */
    if ((rc = fupin_check_dataset(&k, policy, ds, o.expect, o.year))) {
        fail(o.expect, rc);
        goto done;
    }
    for (size_t i = 0; i < fupin_check_failed(k); i++)
        printf("%s\n", fupin_check_mismatch(k, i));
    printf("%zu passed, %zu failed\n", fupin_check_passed(k), fupin_check_failed(k));
    status = finish_output(stdout);
    if (!status && fupin_check_failed(k))
        status = 1;
done:
    fupin_check_free(k);
    fupin_dataset_free(ds);
    fupin_policy_free(policy);
    return status;
}

/* A CSV cell: quoted when it holds a comma, quote or line break (RFC 4180). */
static void put_cell(const char *s, int last)
{
    if (strpbrk(s, ",\"\r\n")) {
        putchar('"');
        for (; *s; s++) {
            if (*s == '"')
                putchar('"');
            putchar(*s);
        }
        putchar('"');
    } else {
        fputs(s, stdout);
    }
    putchar(last ? '\n' : ',');
}

/* fupin diff: the records whose results differ, then the transitions per field. */
static int cmd_diff(int argc, char **argv)
{
    struct options o = {0};
    int rc = parse_options(argc, argv, 2, OPT_BASE | OPT_POLICY | OPT_YEAR | OPT_FORMAT, 1, &o);
    if (rc)
        return rc;
    if (!o.base || !o.policy)
        return usage_error("%s", "diff needs --base P1 and --policy P2");
    int csv = o.format && strcmp(o.format, "csv") == 0;
    fupin_policy *base = NULL, *policy = NULL;
    fupin_dataset *ds = NULL;
    fupin_diff *diff = NULL;
    int32_t year = 0;
    int status = EXIT_USAGE;
    if (load_policy(o.base, &base) || load_policy(o.policy, &policy) ||
        load_dataset(o.dataset, 0, &ds) || default_year(o.year, ds, policy, &year))
        goto done;
    if ((rc = fupin_diff_dataset(&diff, base, policy, ds, year))) {
        fail("diff", rc);
        goto done;
    }
    setvbuf(stdout, NULL, _IOFBF, 1 << 20);
    if (!csv) {
        for (size_t i = 0; i < fupin_diff_line_count(diff); i++)
            printf("%s\n", fupin_diff_line(diff, i));
        for (size_t i = 0; i < fupin_diff_transition_count(diff); i++) {
            uint64_t n = 0;
            const char *t = fupin_diff_transition(diff, i, &n);
            printf("%s: %llu\n", t, (unsigned long long)n);
        }
    } else {
        /* one row per changed field, then one per transition with its count */
        char count[32];
        fputs("record,id,field,before,after,count\n", stdout);
        for (size_t i = 0; i < fupin_diff_change_count(diff); i++) {
            const char *cell[5];
            fupin_diff_change(diff, i, &cell[0], &cell[1], &cell[2], &cell[3], &cell[4]);
            for (int c = 0; c < 5; c++)
                put_cell(cell[c], 0);
            put_cell("", 1);
        }
        for (size_t i = 0; i < fupin_diff_transition_count(diff); i++) {
            const char *field, *before, *after;
            uint64_t n = 0;
            fupin_diff_transition_parts(diff, i, &field, &before, &after, &n);
            snprintf(count, sizeof count, "%llu", (unsigned long long)n);
            put_cell("transition", 0);
            put_cell("", 0);
            put_cell(field, 0);
            put_cell(before, 0);
            put_cell(after, 0);
            put_cell(count, 1);
        }
    }
    status = finish_output(stdout);
done:
    fupin_diff_free(diff);
    fupin_dataset_free(ds);
    fupin_policy_free(policy);
    fupin_policy_free(base);
    return status;
}

static int cmd_validate(int argc, char **argv)
{
    static const char *const files[FUPIN_FILE_COUNT] = {"villages.csv", "households.csv",
                                                        "members.csv", "incomes.csv", "events.csv"};
    struct options o = {0};
    int rc = parse_options(argc, argv, 2, OPT_LENIENT, 1, &o);
    if (rc)
        return rc;
    fupin_dataset *ds = NULL;
    /* validate always loads leniently, so that it can list every problem rather than
     * stop at the first; --lenient is accepted and changes only the closing note. */
    if (load_dataset(o.dataset, 1, &ds))
        return EXIT_USAGE;
    print_problems(ds);
    size_t problems = fupin_dataset_problem_count(ds);
    for (int f = 0; f < FUPIN_FILE_COUNT; f++) {
        uint64_t read = 0, loaded = 0, skipped = 0;
        fupin_dataset_file_counts(ds, f, &read, &loaded, &skipped);
        printf("%-15s read %llu, loaded %llu, skipped %llu\n", files[f], (unsigned long long)read,
               (unsigned long long)loaded, (unsigned long long)skipped);
    }
    if (problems == 0)
        printf("ok: no problems\n");
    else if (o.lenient)
        printf("%zu problem%s (report --lenient skips these records)\n", problems,
               problems == 1 ? "" : "s");
    else
        printf("%zu problem%s (report would stop at the first; --lenient skips them)\n", problems,
               problems == 1 ? "" : "s");
    fupin_dataset_free(ds);
    if (finish_output(stdout))
        return EXIT_USAGE;
    return problems ? EXIT_USAGE : 0;
}

static int cmd_policy(int argc, char **argv)
{
    if (argc < 3 || strcmp(argv[2], "show") != 0)
        return usage_error("policy needs a subcommand: 'policy show' (got '%s')",
                           argc < 3 ? "" : argv[2]);
    struct options o = {0};
    int rc = parse_options(argc, argv, 3, OPT_POLICY | OPT_YEAR, 0, &o);
    if (rc)
        return rc;
    fupin_policy *policy = NULL;
    if (load_policy(o.policy, &policy))
        return EXIT_USAGE;
    int32_t year = o.year;
    if (!year && fupin_policy_latest_year(policy, &year) != 0) {
        fupin_policy_free(policy);
        fputs("fupin: the policy names no year; give --year\n", stderr);
        return EXIT_USAGE;
    }
    size_t needed = 0;
    char small[1];
    char *buf = NULL;
    rc = fupin_policy_show(policy, year, small, sizeof small, &needed);
    if (rc == FUPIN_ENOSPC) {
        if (!(buf = malloc(needed + 1))) {
            fupin_policy_free(policy);
            fputs("fupin: out of memory\n", stderr);
            return EXIT_USAGE;
        }
        rc = fupin_policy_show(policy, year, buf, needed + 1, &needed);
    }
    if (rc) {
        free(buf);
        fupin_policy_free(policy);
        return fail("policy show", rc);
    }
    if (buf)
        fwrite(buf, 1, needed, stdout);
    free(buf);
    fupin_policy_free(policy);
    return finish_output(stdout);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage_text, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(usage_text, stdout);
        return finish_output(stdout);
    }
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(usage_text, stdout);
            return finish_output(stdout);
        }
    }
    if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
        if (argc > 2)
            return usage_error("version takes no arguments (got '%s')", argv[2]);
        printf("fupin %s\n", fupin_version());
        return finish_output(stdout);
    }
    if (strcmp(cmd, "report") == 0)
        return cmd_report(argc, argv);
    if (strcmp(cmd, "validate") == 0)
        return cmd_validate(argc, argv);
    if (strcmp(cmd, "policy") == 0)
        return cmd_policy(argc, argv);
    if (strcmp(cmd, "check") == 0)
        return cmd_check(argc, argv);
    if (strcmp(cmd, "diff") == 0)
        return cmd_diff(argc, argv);
    return usage_error("unknown command '%s'", cmd);
}
