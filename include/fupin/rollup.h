/**
 * @file fupin/rollup.h
 * Roll-ups: group summaries that merge exactly, in memory and as text, and dataset
 * roots split into partitions.
 *
 * A group summary (fupin/summary.h) keeps, besides its figures, the exact sums they are
 * computed from (counts, fen totals, members per deprivation set). Two results of the
 * same prefix, year and policy over disjoint villages merge into the result of their
 * union: every count, figure and exit check equals what evaluating the union at once
 * gives (rules.md R-V4, R-V5, R-I7). A result also travels as text (the serialised
 * form, docs/scale.md), so partial results from partitions, processes, machines or
 * another engine add up to county, province and national figures.
 *
 * A root is a folder holding partitions: dataset folders (each with villages.csv) at
 * any depth, in sorted path order. A root that is itself a dataset folder is one
 * partition. Partitions are independent datasets: a household belongs to the
 * partition of its village.
 *
 * Thread-safety: as everywhere in fupin, distinct handles may be used from different
 * threads at once; a summary being merged into must not be read meanwhile.
 */
#ifndef FUPIN_ROLLUP_H
#define FUPIN_ROLLUP_H

#include <stddef.h>
#include <stdint.h>

#include "fupin/common.h"
#include "fupin/household.h"
#include "fupin/dataset.h"
#include "fupin/evaluate.h"
#include "fupin/summary.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- types */

/** An opaque list of the partitions (dataset folders) under a root folder. */
typedef struct fupin_root fupin_root;

/**
 * What fupin_root_each calls once per partition, in partition order, one call at a
 * time (never two at once), possibly from a thread other than the caller's.
 * @param user       the caller's pointer, as given.
 * @param partition  the partition's index (fupin_root_partition_path names it).
 * @param dataset    the loaded partition; borrowed, freed after the call returns.
 * @return 0 to go on; anything else stops the walk, which returns it.
 */
typedef int (*fupin_root_visit_fn)(void *user, size_t partition, const fupin_dataset *dataset);

/**
 * Where fupin_dataset_report delivers its output: len bytes of whole lines, in order,
 * one call at a time (possibly from a thread other than the caller's).
 * @param villages  how many villages' lines the bytes complete (for progress).
 * @return 0 to go on; anything else stops the report, which returns it.
 */
typedef int (*fupin_report_write_fn)(void *user, const char *data, size_t len, size_t villages);

/** Flags of fupin_dataset_report. */
enum fupin_report_flags {
    FUPIN_REPORT_JSONL = 0u,      /**< JSON Lines: households, then their village line */
    FUPIN_REPORT_CSV = 1u,        /**< CSV rows of households (no header, no villages) */
    FUPIN_REPORT_ALERTS_ONLY = 2u /**< only households at alert level watch or above */
};

/* ---------------------------------------------------------------- lifecycle */

/**
 * Find the partitions under a folder: the folder itself when it holds villages.csv,
 * else every folder below it that does (not looking further inside a partition),
 * depth first with the entries of each folder in byte order of their names. Names
 * starting with "." are skipped; at most 64 levels deep.
 * @param[out] out  the root; NULL on failure.
 * @param path      the root folder.
 * @return 0; FUPIN_EINVAL (a NULL argument); FUPIN_EIO (a folder cannot be read);
 *         FUPIN_ENOTFOUND (no partition under path); FUPIN_ENOMEM.
 */
FUPIN_API int fupin_root_open(fupin_root **out, const char *path);

/** Free a root. NULL is accepted. */
FUPIN_API void fupin_root_free(fupin_root *root);

/* ---------------------------------------------------------------- accessors */

/** The number of partitions (at least 1 for an open root; 0 for NULL). */
FUPIN_API size_t fupin_root_partition_count(const fupin_root *root);

/** The path of the i-th partition ("ROOT/a/b"; ROOT itself when the root is one
 *  dataset), or NULL when out of range. Borrowed: valid until the root is freed. */
FUPIN_API const char *fupin_root_partition_path(const fupin_root *root, size_t i);

/* ---------------------------------------------------------------- operations */

/**
 * The latest year in any partition's incomes.csv (formats.md: the default year),
 * found by reading only the year column of each incomes.csv, so no partition is
 * loaded. A value that is not a year is skipped here (the load reports it).
 * @param[out] out  the year, 0 when no partition has an income record.
 * @return 0; FUPIN_EINVAL; FUPIN_EIO (an incomes.csv cannot be read); FUPIN_EPARSE
 *         (an incomes.csv without a year column); FUPIN_ENOMEM.
 */
FUPIN_API int fupin_root_latest_year(const fupin_root *root, int32_t *out);

/**
 * Load every partition and hand each to visit, in partition order. Up to threads
 * partitions are loaded at once, each while the one before it is being visited, so
 * at most threads datasets are in memory at a time, whatever the root holds.
 * @param flags    FUPIN_LOAD_STRICT or FUPIN_LOAD_LENIENT, for every partition.
 * @param threads  partitions loaded at once; 0 = the number of online processors.
 * @return 0 when every partition was visited; the first failing partition's load
 *         error (fupin_last_error() then starts with its path); FUPIN_EEXIST (a
 *         village code already seen in an earlier partition: it would count twice);
 *         what visit returned when it stopped the walk; FUPIN_EINVAL (a NULL
 *         argument); FUPIN_ENOMEM.
 *         Partitions after a failure are not visited.
 */
FUPIN_API int fupin_root_each(const fupin_root *root, uint32_t flags, int32_t threads,
                              fupin_root_visit_fn visit, void *user);

/**
 * As fupin_root_each, loading every partition with the given load options (mode,
 * encoding, progress: a progress callback is then called from the loading threads,
 * for each partition in turn, possibly several partitions at once).
 * @param options  borrowed for the call; not changed.
 * @return as fupin_root_each.
 */
FUPIN_API int fupin_root_each_with_options(const fupin_root *root,
                                           const fupin_load_options *options, int32_t threads,
                                           fupin_root_visit_fn visit, void *user);

/**
 * The group of every partition's villages whose code starts with prefix (R-V4, R-V5):
 * each partition is loaded, grouped and freed in turn, up to threads partitions at
 * once, and the partial summaries are merged, so memory is bounded by the partitions
 * in flight. The result equals fupin_evaluator_evaluate_group over one dataset holding every
 * partition's villages.
 * @param flags    FUPIN_LOAD_STRICT or FUPIN_LOAD_LENIENT, for every partition.
 * @param threads  partitions loaded at once; 0 = the number of online processors.
 * @return 0; FUPIN_EINVAL (a NULL argument, a bad prefix); a partition's load error
 *         (fupin_last_error() names the partition's file and line); FUPIN_EEXIST (a
 *         village in two partitions); FUPIN_ENOMEM. On failure the result is unchanged.
 */
FUPIN_API int fupin_root_group(const fupin_root *root, const fupin_evaluator *evaluator,
                               const char *prefix, uint32_t flags, int32_t threads,
                               fupin_summary *result);

/**
 * The lines of `fupin report` for a dataset (formats.md section 5): for each village in
 * file order, its households' records in file order and (JSON Lines) the village
 * record, each line ending in a newline. Villages are evaluated and formatted by up to
 * threads threads at once, in blocks, into large buffers that are handed to write in
 * file order, so the bytes equal those of a one-thread report.
 * @param flags    enum fupin_report_flags, or-ed.
 * @param threads  0 = the number of online processors.
 * @return 0; FUPIN_EINVAL (a NULL argument); a household's or village's evaluation
 *         error (fupin_last_error() starts with its id); what write returned when it
 *         stopped the report; FUPIN_ENOMEM.
 */
FUPIN_API int fupin_dataset_report(const fupin_dataset *dataset, const fupin_evaluator *evaluator,
                                   uint32_t flags, int32_t threads, fupin_report_write_fn write,
                                   void *user);

/**
 * Merge another group summary into one (R-V4, R-V5, R-I7): afterwards into holds the
 * summary of the union of both groups' villages, every count and figure exactly as if
 * the union had been evaluated at once. The groups must not share a village (nothing
 * can check that). Into may be a fresh summary (FUPIN_SUMMARY_NONE): it then becomes
 * a copy of from.
 * @return 0; FUPIN_EINVAL (a NULL argument; from not a group's summary; into a
 *         village's; the two differ in prefix, year, span start, statistics or the
 *         parameters a group uses, i.e. they were computed under different policies or
 *         years; into == from); FUPIN_ERANGE (a sum would overflow). On failure into
 *         is unchanged.
 */
FUPIN_API int fupin_summary_merge(fupin_summary *into, const fupin_summary *from);

/**
 * The serialised form of a group summary: versioned text ("fupin-group-summary 1"),
 * one line per field, exact (fen sums in decimal, figures as IEEE-754 bit patterns),
 * independent of the locale; docs/scale.md describes it. It holds no household id
 * and nothing personal.
 * @param buf, cap     the caller's buffer; NUL-terminated when it fits.
 * @param[out] needed  the length without the NUL (may be NULL).
 * @return 0; FUPIN_EINVAL (NULL summary, or not a group's summary); FUPIN_ENOSPC
 *         (call again with *needed + 1 bytes).
 */
FUPIN_API int fupin_summary_serialize(const fupin_summary *summary, char *buf, size_t cap,
                                      size_t *needed);

/**
 * Read a serialised group summary (untrusted input: every field is checked, and the
 * counts must agree with each other) into summary, whose figures are then computed
 * as after an evaluation (kind FUPIN_SUMMARY_GROUP).
 * @param text, len  the text (need not be NUL-terminated).
 * @return 0; FUPIN_EINVAL (a NULL argument); FUPIN_EPARSE (not a valid summary of
 *         version 1: the message names the line); FUPIN_ENOMEM. On failure summary
 *         is unchanged.
 */
FUPIN_API int fupin_summary_parse(fupin_summary *summary, const char *text, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* FUPIN_ROLLUP_H */
