/**
 * @file fupin/dataset.h
 * Datasets: a folder of CSV files (villages, households, members, incomes, events;
 * docs/dataset.md) loaded into villages that own their households' records.
 */
#ifndef FUPIN_DATASET_H
#define FUPIN_DATASET_H

#include <stddef.h>
#include <stdint.h>

#include "fupin/common.h"
#include "fupin/policy.h"
#include "fupin/village.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- types */

/** An opaque loaded dataset. Immutable once loaded. */
typedef struct fupin_dataset fupin_dataset;

/** Load flags. */
enum fupin_load_flags {
    FUPIN_LOAD_STRICT = 0u, /**< the first error fails the load (default) */
    FUPIN_LOAD_LENIENT = 1u /**< bad records are skipped and reported */
};

/** The dataset files, in load order. */
enum fupin_dataset_file {
    FUPIN_FILE_VILLAGES = 0,
    FUPIN_FILE_HOUSEHOLDS = 1,
    FUPIN_FILE_MEMBERS = 2,
    FUPIN_FILE_INCOMES = 3,
    FUPIN_FILE_EVENTS = 4,
    FUPIN_FILE_COUNT = 5
};

/* ---------------------------------------------------------------- lifecycle */

/**
 * Load a dataset folder.
 * @param dir    the folder holding villages.csv, households.csv, members.csv and
 *               optionally incomes.csv and events.csv.
 * @param flags  FUPIN_LOAD_STRICT or FUPIN_LOAD_LENIENT.
 * @return 0; FUPIN_EIO or FUPIN_ENOTFOUND (a required file missing or empty),
 *         FUPIN_EPARSE (strict: the first bad value, `FILE:LINE: column COLUMN: what
 *         is wrong (got "VALUE")` in fupin_last_error(); both modes: a missing
 *         required column), FUPIN_ENOMEM. On failure *out is NULL.
 */
FUPIN_API int fupin_dataset_load(fupin_dataset **out, const char *dir, uint32_t flags);

/** Free a dataset and everything it owns. NULL is accepted. */
FUPIN_API void fupin_dataset_free(fupin_dataset *dataset);

/* ---------------------------------------------------------------- accessors */

/** The number of villages, in villages.csv order. */
FUPIN_API size_t fupin_dataset_village_count(const fupin_dataset *dataset);
/** The i-th village. Borrowed: valid until the dataset is freed; never free it. */
FUPIN_API const fupin_village *fupin_dataset_village(const fupin_dataset *dataset, size_t i);
/** The number of problems a lenient load skipped (0 after a strict load). */
FUPIN_API size_t fupin_dataset_problem_count(const fupin_dataset *dataset);
/** The i-th problem, as `FILE:LINE: column COLUMN: ...`. Borrowed. */
FUPIN_API const char *fupin_dataset_problem(const fupin_dataset *dataset, size_t i);
/**
 * Records read, loaded and skipped for a file (enum fupin_dataset_file);
 * read = loaded + skipped. Any out pointer may be NULL.
 * @return 0 or FUPIN_EINVAL.
 */
FUPIN_API int fupin_dataset_file_counts(const fupin_dataset *dataset, int file, uint64_t *read,
                                        uint64_t *loaded, uint64_t *skipped);
/**
 * The latest year present in incomes.csv.
 * @return 0, or FUPIN_ENOTFOUND when there are no incomes.
 */
FUPIN_API int fupin_dataset_latest_year(const fupin_dataset *dataset, int32_t *out);

/**
 * The year a run evaluates when none is given (`fupin report` without --year): the
 * latest year in incomes.csv, else the latest year the policy names.
 * @return 0, FUPIN_EINVAL or FUPIN_ENOTFOUND (no incomes and no dated policy entry).
 */
FUPIN_API int fupin_dataset_default_year(const fupin_dataset *dataset, const fupin_policy *policy,
                                         int32_t *out);

#ifdef __cplusplus
}
#endif

#endif /* FUPIN_DATASET_H */
