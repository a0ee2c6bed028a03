/* fupin policy show: the parameters in force for a year, with origins. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

int fupin_cmd_policy(int argc, char **argv)
{
    if (argc < 3 || strcmp(argv[2], "show") != 0)
        return fupin_cli_usage_error("policy needs a subcommand: 'policy show' (got '%s')",
                                     argc < 3 ? "" : argv[2]);
    struct options o = {0};
    int rc = fupin_cli_parse_options(argc, argv, 3, OPT_POLICY | OPT_YEAR, 0, &o);
    if (rc)
        return rc;
    fupin_policy *policy = NULL;
    if (fupin_cli_load_policy(o.policy, &policy))
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
        return fupin_cli_fail("policy show", rc);
    }
    if (buf)
        fwrite(buf, 1, needed, stdout);
    free(buf);
    fupin_policy_free(policy);
    return fupin_cli_finish_output(stdout);
}
