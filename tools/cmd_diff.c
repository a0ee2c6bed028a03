/* fupin diff: the results that change between two policies. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* A number as the library writes it (-?digits[.digits]): stays a number in CSV. */
static int is_number(const char *s)
{
    const char *p = s + (*s == '-');
    if (*p < '0' || *p > '9')
        return 0;
    while (*p >= '0' && *p <= '9')
        p++;
    if (*p == '.') {
        p++;
        if (*p < '0' || *p > '9')
            return 0;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    return *p == '\0';
}

/* A CSV cell: quoted when it holds a comma, quote or line break (RFC 4180). A text cell
 * that a spreadsheet would run as a formula (=, +, -, @, TAB or CR first: a household
 * id from the input) gets a ' before it and is quoted (OWASP, CSV injection); numbers
 * the program wrote (-3.5) stay numbers. */
static void put_cell(const char *s, int last)
{
    int formula = *s && strchr("=+-@\t\r", *s) && !is_number(s);
    if (formula || strpbrk(s, ",\"\r\n")) {
        putchar('"');
        if (formula)
            putchar('\'');
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
int fupin_cmd_diff(int argc, char **argv)
{
    struct options o = {0};
    int rc = fupin_cli_parse_options(
        argc, argv, 2, OPT_BASE | OPT_POLICY | OPT_YEAR | OPT_FORMAT | OPT_ENCODING, 1, &o);
    if (rc)
        return rc;
    if (!o.base || !o.policy)
        return fupin_cli_usage_error("%s", "diff needs --base P1 and --policy P2");
    int csv = o.format && strcmp(o.format, "csv") == 0;
    fupin_policy *base = NULL, *policy = NULL;
    fupin_dataset *ds = NULL;
    fupin_diff *diff = NULL;
    int32_t year = 0;
    int status = EXIT_USAGE;
    if (fupin_cli_load_policy(o.base, &base) || fupin_cli_load_policy(o.policy, &policy) ||
        fupin_cli_load_dataset(o.dataset, 0, o.encoding, &ds) ||
        fupin_cli_default_year(o.year, ds, policy, &year))
        goto done;
    if ((rc = fupin_diff_dataset(&diff, base, policy, ds, year))) {
        fupin_cli_fail("diff", rc);
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
    status = fupin_cli_finish_output(stdout);
done:
    fupin_diff_free(diff);
    fupin_dataset_free(ds);
    fupin_policy_free(policy);
    fupin_policy_free(base);
    return status;
}
