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

/**
 * Load options: the load flags, the text encoding of the files and a progress
 * callback. An opaque handle: create, set, pass to fupin_dataset_load_with_options(),
 * free. One options object may serve many loads, one at a time.
 */
typedef struct fupin_load_options fupin_load_options;

/** Text encodings of dataset files. */
enum fupin_encoding {
    FUPIN_ENCODING_UTF8 = 0, /**< UTF-8 (docs/dataset.md; the default): anything else is an error */
    FUPIN_ENCODING_GB18030 = 1 /**< GB18030 or GBK (Excel's CSV on Chinese Windows), read
                                    through iconv */
};

/**
 * A progress callback: bytes_done of bytes_total (the sizes of the files found) have
 * been read. Called from the loading thread, at most about every 4 MB of input and
 * once at the end with bytes_done == bytes_total; bytes_done never decreases. It
 * must not call back into the dataset being loaded.
 */
typedef void (*fupin_progress_fn)(void *ctx, uint64_t bytes_done, uint64_t bytes_total);

/** Where the year of a run comes from (fupin_dataset_default_year_source()). */
enum fupin_year_source {
    FUPIN_YEAR_FROM_INCOMES = 1, /**< the latest year in incomes.csv */
    FUPIN_YEAR_FROM_POLICY = 2   /**< no incomes: the latest year the policy names */
};

/* ---------------------------------------------------------------- lifecycle */

/**
 * Create load options: strict, UTF-8, no progress callback.
 * @return 0 or FUPIN_EINVAL (out NULL), FUPIN_ENOMEM.
 */
FUPIN_API int fupin_load_options_create(fupin_load_options **out);
/** Free load options. NULL is accepted. */
FUPIN_API void fupin_load_options_free(fupin_load_options *options);
/**
 * Set the load flags (FUPIN_LOAD_STRICT or FUPIN_LOAD_LENIENT).
 * @return 0 or FUPIN_EINVAL (NULL options, unknown flags).
 */
FUPIN_API int fupin_load_options_set_flags(fupin_load_options *options, uint32_t flags);
/**
 * Set the text encoding of the dataset files (enum fupin_encoding).
 * @return 0 or FUPIN_EINVAL (NULL options, unknown encoding).
 */
FUPIN_API int fupin_load_options_set_encoding(fupin_load_options *options, int encoding);
/**
 * The encoding named by `name`, case-insensitive: "utf-8"/"utf8", "gb18030", "gbk"
 * (read as GB18030, its superset).
 * @return 0 and *out, or FUPIN_EINVAL (NULL argument) or FUPIN_ENOTFOUND (unknown name).
 */
FUPIN_API int fupin_encoding_from_name(const char *name, int *out);
/**
 * Set (or with fn NULL, clear) the progress callback and its context.
 * @return 0 or FUPIN_EINVAL (NULL options).
 */
FUPIN_API int fupin_load_options_set_progress(fupin_load_options *options, fupin_progress_fn fn,
                                              void *ctx);

/**
 * Load a dataset folder. The load runs on up to three threads of its own besides the
 * caller's (members.csv and incomes.csv are read while households.csv is parsed, then
 * parsed side by side); they have ended when the call returns, the result is exactly
 * that of reading the files one after the other, and nothing is called back on them.
 * @param dir    the folder holding villages.csv, households.csv, members.csv and
 *               optionally incomes.csv and events.csv.
 * @param flags  FUPIN_LOAD_STRICT or FUPIN_LOAD_LENIENT.
 * A file in UTF-8 is read twice, in pieces (its lines counted, then parsed): one
 * written, grown or shrunk meanwhile is refused with FUPIN_EIO, as is one that
 * changes while a whole file is read.
 * @return 0; FUPIN_EIO or FUPIN_ENOTFOUND (a required file missing or empty; a file
 *         that changed while it was read), FUPIN_EPARSE (strict: the first bad value,
 *         `FILE:LINE: column COLUMN: what is wrong (got "VALUE")` in fupin_last_error();
 *         both modes: a missing required column), FUPIN_ENOMEM. On failure *out is NULL.
 */
FUPIN_API int fupin_dataset_load(fupin_dataset **out, const char *dir, uint32_t flags);

/**
 * Load a dataset folder with options (flags, encoding, progress). NULL options load
 * as fupin_dataset_load() with FUPIN_LOAD_STRICT.
 * @return as fupin_dataset_load(); FUPIN_EPARSE also when a file is not in the
 *         encoding given (the message names file, line and column and how to convert).
 */
FUPIN_API int fupin_dataset_load_with_options(fupin_dataset **out, const char *dir,
                                              const fupin_load_options *options);

/** Free a dataset and everything it owns. NULL is accepted. */
FUPIN_API void fupin_dataset_free(fupin_dataset *dataset);

/* ---------------------------------------------------------------- accessors */

/* Misuse (fupin.h, Conventions): a NULL dataset gives 0 from a count and NULL from an
 * item getter, as does an index out of range, and sets the thread's error. */

/** The number of villages, in villages.csv order (0 for NULL). */
FUPIN_API size_t fupin_dataset_village_count(const fupin_dataset *dataset);
/** The i-th village, or NULL (misuse). Borrowed: valid until the dataset is freed; never
 * free it. */
FUPIN_API const fupin_village *fupin_dataset_village(const fupin_dataset *dataset, size_t i);
/** The number of problems a lenient load skipped (0 after a strict load). */
FUPIN_API size_t fupin_dataset_problem_count(const fupin_dataset *dataset);
/** The i-th problem, as `FILE:LINE: column COLUMN: ...`, or NULL (misuse). Borrowed. */
FUPIN_API const char *fupin_dataset_problem(const fupin_dataset *dataset, size_t i);
/**
 * The number of notices of a load: facts about the folder that are not bad records
 * but change what follows (an optional file absent, a .csv file that is not read, a
 * village without household records, a dataset without households). Both modes.
 */
FUPIN_API size_t fupin_dataset_notice_count(const fupin_dataset *dataset);
/** The i-th notice, one line of text, in folder then file order, or NULL (misuse).
 * Borrowed: valid until the dataset is freed. */
FUPIN_API const char *fupin_dataset_notice(const fupin_dataset *dataset, size_t i);
/** The number of households loaded (over all villages). */
FUPIN_API size_t fupin_dataset_household_count(const fupin_dataset *dataset);
/**
 * The number of households with a loaded income record for `year` (a record skipped
 * in a lenient load, or one of a duplicate pair, does not count).
 * @return 0 or FUPIN_EINVAL.
 */
FUPIN_API int fupin_dataset_income_household_count(const fupin_dataset *dataset, int32_t year,
                                                   size_t *out);
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

/**
 * Where fupin_dataset_default_year() takes its year from (enum fupin_year_source),
 * so that a program can say which year it uses and why.
 * @return 0, FUPIN_EINVAL or FUPIN_ENOTFOUND (as fupin_dataset_default_year()).
 */
FUPIN_API int fupin_dataset_default_year_source(const fupin_dataset *dataset,
                                                const fupin_policy *policy, int *out);

#ifdef __cplusplus
}
#endif

#endif /* FUPIN_DATASET_H */
