/* fupin: the command line (docs/cli.md, man fupin). Argument parsing and printing only;
 * every decision is the library's, through the public API. Results go to stdout,
 * everything else to stderr; exit 0 success, 2 bad usage or bad input. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "cli.h"

/* docs/scale.md, "Memory": glibc maps a large block from the kernel and gives it back
 * when freed, but after the first such free it raises the size it maps from to that
 * block's (up to 32 MB), so the load's later side arrays and arenas come from the heap,
 * where what is freed stays. A fixed threshold keeps every large block mapped: a
 * million households peak about 17 MB lower. A threshold the user set
 * (MALLOC_MMAP_THRESHOLD_) is left alone. */
static void fix_mapping_threshold(void)
{
#if defined(__GLIBC__) && defined(M_MMAP_THRESHOLD)
    if (!getenv("MALLOC_MMAP_THRESHOLD_"))
        mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
}

/* Print one command's help, or the usage when there is no such command. */
static int help(const char *command)
{
    const char *text = command ? fupin_cli_command_help(command) : NULL;
    if (command && !text) {
        const char *near = fupin_name_suggest(command, fupin_cli_commands, fupin_cli_command_count);
        char msg[200];
        snprintf(msg, sizeof msg, "no command '%.60s'%s%s%s", command,
                 near ? " (did you mean " : "", near ? near : "", near ? "?)" : "");
        return fupin_cli_usage_error("%s", msg);
    }
    fputs(text ? text : fupin_cli_usage_text, stdout);
    return fupin_cli_finish_output(stdout);
}

int main(int argc, char **argv)
{
    fix_mapping_threshold();
    if (argc < 2) {
        fputs(fupin_cli_usage_text, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0)
        return help(NULL);
    if (strcmp(cmd, "help") == 0) {
        if (argc > 3)
            return fupin_cli_usage_error("help takes one COMMAND (got '%s')", argv[3]);
        return help(argc == 3 ? argv[2] : NULL);
    }
    if (fupin_cli_command_help(cmd))
        fupin_cli_current = cmd;
    /* COMMAND --help, anywhere before a `--` (after it, --help is a DATASET path) */
    for (int i = 2; i < argc && strcmp(argv[i], "--") != 0; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return help(fupin_cli_current);
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
    if (strcmp(cmd, "group") == 0)
        return fupin_cmd_group(argc, argv);
    if (strcmp(cmd, "summary") == 0)
        return fupin_cmd_summary(argc, argv);
    const char *near = fupin_name_suggest(cmd, fupin_cli_commands, fupin_cli_command_count);
    if (near) {
        char msg[200];
        snprintf(msg, sizeof msg, "unknown command '%.60s' (did you mean %s?)", cmd, near);
        return fupin_cli_usage_error("%s", msg);
    }
    return fupin_cli_usage_error("unknown command '%s'", cmd);
}
