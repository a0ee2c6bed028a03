/* fupin: the command line (formats.md section 5). Argument parsing and printing only;
 * every decision is the library's, through the public API. Results go to stdout,
 * everything else to stderr; exit 0 success, 2 bad usage or bad input. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(fupin_cli_usage_text, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(fupin_cli_usage_text, stdout);
        return fupin_cli_finish_output(stdout);
    }
    /* --help anywhere among the options asks for help; after `--` it is a path
     * (docs/cli.md). */
    for (int i = 2; i < argc && strcmp(argv[i], "--") != 0; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(fupin_cli_usage_text, stdout);
            return fupin_cli_finish_output(stdout);
        }
    }
    if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
        if (argc > 2)
            return fupin_cli_usage_error("version takes no arguments (got '%s')", argv[2]);
        printf("fupin %s\n", fupin_version());
        return fupin_cli_finish_output(stdout);
    }
    if (strcmp(cmd, "report") == 0)
        return fupin_cmd_report(argc, argv);
    if (strcmp(cmd, "validate") == 0)
        return fupin_cmd_validate(argc, argv);
    if (strcmp(cmd, "policy") == 0)
        return fupin_cmd_policy(argc, argv);
    if (strcmp(cmd, "check") == 0)
        return fupin_cmd_check(argc, argv);
    if (strcmp(cmd, "diff") == 0)
        return fupin_cmd_diff(argc, argv);
    return fupin_cli_usage_error("unknown command '%s'", cmd);
}
