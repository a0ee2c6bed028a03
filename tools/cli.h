/* The fupin command line: what the subcommands share (option parsing, loading,
 * writing lines, errors). Argument parsing and printing only: every decision is the
 * library's, through the public API (fupin.h). */
#ifndef FUPIN_CLI_H
#define FUPIN_CLI_H

#include <stdint.h>
#include <stdio.h>

#include "fupin.h"

enum { EXIT_USAGE = 2 };

/* Progress is shown every this many villages, and only on a terminal. */
enum { PROGRESS_EVERY = 1000 };

/* The most --prefix options one run takes. */
enum { MAX_PREFIXES = 64 };

extern const char fupin_cli_usage_text[];
/* The command names, for suggestions, and each one's --help text (NULL if none). */
extern const char *const fupin_cli_commands[];
extern const size_t fupin_cli_command_count;
const char *fupin_cli_command_help(const char *name);
/* The command being run (set by main), for usage messages. */
extern const char *fupin_cli_current;

struct options {
    const char *policy;   /* NULL: national */
    const char *dataset;  /* the one positional argument */
    const char *format;   /* NULL: jsonl */
    const char *expect;   /* check: the expectations file */
    const char *base;     /* diff: the policy before the change */
    int32_t year;         /* 0: default */
    const char *encoding; /* NULL: UTF-8 */
    int32_t since;        /* 0: none */
    int lenient;
    int alerts_only;
    /* Issue 13: people's formats. */
    const char *formats;              /* the --format values the command takes, "|"-separated;
                                         NULL: "jsonl|csv" */
    const char *output;               /* -o FILE; NULL: standard output */
    const char *lang;                 /* --lang zh|en; NULL: from the environment */
    const char *records;              /* --records households|villages; NULL: households */
    const char *prefix[MAX_PREFIXES]; /* --prefix CODE, repeatable */
    size_t n_prefix;
    int bom;        /* --bom: a UTF-8 byte-order mark before CSV (for Excel) */
    int progress;   /* --progress: show progress even when stderr is not a terminal */
    int64_t visits; /* --visits N|all: households to visit listed per village; 0: default */
};

/* summary and the report page list this many households to visit first per village
 * unless --visits says otherwise (the xlsx and JSON hold them all). */
enum { DEFAULT_VISITS = 20 };

/* Options a command accepts, as a bit set. */
enum {
    OPT_POLICY = 1 << 0,
    OPT_YEAR = 1 << 1,
    OPT_SINCE = 1 << 2,
    OPT_FORMAT = 1 << 3,
    OPT_LENIENT = 1 << 4,
    OPT_ALERTS_ONLY = 1 << 5,
    OPT_EXPECT = 1 << 6,
    OPT_BASE = 1 << 7,
    OPT_ENCODING = 1 << 8,
    OPT_OUTPUT = 1 << 9,
    OPT_LANG = 1 << 10,
    OPT_RECORDS = 1 << 11,
    OPT_PREFIX = 1 << 12,
    OPT_BOM = 1 << 13,
    OPT_PROGRESS = 1 << 14,
    OPT_VISITS = 1 << 15
};

/* A growable line buffer: grows only when a record does not fit, so in practice a
 * handful of times per run, never once per household. */
struct line {
    char *buf;
    size_t cap;
};

int fupin_cli_usage_error(const char *fmt, const char *arg);
int fupin_cli_parse_year(const char *s, int32_t *out);
/* Parse argv[first..argc) into o; `--name value` and `--name=value` both work, and
 * `--` ends the options. Returns 0 or the exit status of a usage error. */
int fupin_cli_parse_options(int argc, char **argv, int first, unsigned allowed, int want_dataset,
                            struct options *o);
/* Print "fupin: WHAT: detail" for a library failure; returns EXIT_USAGE. */
int fupin_cli_fail(const char *what, int rc);
int fupin_cli_load_policy(const char *name, fupin_policy **out);
/* Load DATASET (encoding NULL: UTF-8) and print the load's notices on stderr. */
int fupin_cli_load_dataset(const char *dir, int lenient, const char *encoding, fupin_dataset **out);
/* As fupin_cli_load_dataset, showing the loading progress when progress is on. */
struct progress;
int fupin_cli_load_dataset_progress(const char *dir, int lenient, const char *encoding,
                                    struct progress *progress, fupin_dataset **out);
void fupin_cli_print_problems(const fupin_dataset *ds);
int fupin_cli_finish_output(FILE *out);
/* The year of a run: --year, else the library's default for the dataset and policy. */
int fupin_cli_default_year(int32_t given, const fupin_dataset *ds, const fupin_policy *policy,
                           int32_t *year);
/* Say on `out` the year of a run and why; warn on stderr when the year's incomes cover
 * less than half the households of the year before, and (snapshot != 0) when it is
 * before the latest income year. */
void fupin_cli_year_notes(FILE *out, int32_t given, int32_t year, const fupin_dataset *ds,
                          const fupin_policy *policy, int snapshot);

/* DATASET without villages.csv: open it as a root of partitions (*out stays NULL for
 * one dataset). Returns 0 or the exit status after printing the error. */
int fupin_cli_open_root(const char *dir, fupin_root **out);
/* Print the detail of a failed walk over a root ("fupin: PARTITION: ..."). */
int fupin_cli_fail_root(int rc);
/* A partition's notices, and its lenient skips, each as PARTITION/FILE:LINE: ... */
void fupin_cli_print_partition_problems(const fupin_root *root, size_t partition,
                                        const fupin_dataset *ds);
/* The year of a run over a root (--year, else the partitions' latest income year,
 * else the policy's), and why, on out ("fupin: " in front on stderr). */
int fupin_cli_root_default_year(FILE *out, int32_t given, const fupin_root *root,
                                const fupin_policy *policy, int32_t *year);
/* Load options for --lenient and --encoding (NULL: UTF-8); a bad encoding is printed
 * as "fupin: WHAT: ...". */
int fupin_cli_load_options(int lenient, const char *encoding, const char *what,
                           fupin_load_options **out);

int fupin_cmd_report(int argc, char **argv);
int fupin_cmd_check(int argc, char **argv);
int fupin_cmd_diff(int argc, char **argv);
int fupin_cmd_validate(int argc, char **argv);
int fupin_cmd_policy(int argc, char **argv);
int fupin_cmd_group(int argc, char **argv);
int fupin_cmd_summary(int argc, char **argv);

/* The language of texts for people: --lang, else zh when LC_ALL, LC_MESSAGES or
 * LANG (the first one set) starts with "zh", else en. Returns "zh" or "en". */
const char *fupin_cli_lang(const char *given);

#endif
