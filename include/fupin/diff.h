/**
 * @file fupin/diff.h
 * Unit-testing a policy change: the difference between two policies over a village
 * or a dataset (`fupin diff`), and a dataset's results checked against an
 * expectations file (`fupin check`, docs/reference/README.md#expectations).
 *
 * Fields are named by their dotted path in the JSON result (docs/reference/output.md):
 * "guarantee.status", "alert.level", "village.exit_eligible".
 */
#ifndef FUPIN_DIFF_H
#define FUPIN_DIFF_H

#include <stddef.h>
#include <stdint.h>

#include "fupin/common.h"
#include "fupin/policy.h"
#include "fupin/village.h"
#include "fupin/dataset.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- types */

/** An opaque, immutable comparison of two policies' results. */
typedef struct fupin_diff fupin_diff;

/** An opaque, immutable outcome of checking results against expectations. */
typedef struct fupin_check fupin_check;

/* ---------------------------------------------------------------- lifecycle */

/**
 * Compare the results of every household and village of a dataset under two policies.
 * @param base, policy  the policy before and after the change.
 * @param year          the evaluation year.
 * @return 0, FUPIN_EINVAL, FUPIN_ENOTFOUND (a policy has no value of a rule parameter
 *         for the year) or FUPIN_ENOMEM; *out is NULL on failure.
 */
FUPIN_API int fupin_diff_dataset(fupin_diff **out, const fupin_policy *base,
                                 const fupin_policy *policy, const fupin_dataset *dataset,
                                 int32_t year);

/** As fupin_diff_dataset, over one village and its households. */
FUPIN_API int fupin_diff_village(fupin_diff **out, const fupin_policy *base,
                                 const fupin_policy *policy, const fupin_village *village,
                                 int32_t year);

/** Free a diff. NULL is accepted. */
FUPIN_API void fupin_diff_free(fupin_diff *diff);

/**
 * Check a dataset's results under a policy against an expectations file
 * (household_id,year,field,expected; docs/reference/README.md#expectations).
 * @param default_year  the year for rows whose year is blank (0: the dataset's default
 *                      year, fupin_dataset_default_year: its latest income year, else
 *                      the policy's latest year).
 * @return 0 (whether or not every expectation held: see fupin_check_failed),
 *         FUPIN_EIO / FUPIN_ENOTFOUND (the file cannot be read), FUPIN_EPARSE (a
 *         malformed file: `FILE:LINE: column COLUMN: ...`), FUPIN_ENOTFOUND (a policy
 *         has no value for a year) or FUPIN_ENOMEM.
 */
FUPIN_API int fupin_check_dataset(fupin_check **out, const fupin_policy *policy,
                                  const fupin_dataset *dataset, const char *expect_path,
                                  int32_t default_year);

/** Free a check. NULL is accepted. */
FUPIN_API void fupin_check_free(fupin_check *check);

/* ---------------------------------------------------------------- accessors */

/** Households whose results differ. */
FUPIN_API size_t fupin_diff_households_changed(const fupin_diff *diff);
/** Villages whose village results differ. */
FUPIN_API size_t fupin_diff_villages_changed(const fupin_diff *diff);
/**
 * The number of change lines: one per household and one per village that changed,
 * in report order (a village's households, then the village).
 */
FUPIN_API size_t fupin_diff_line_count(const fupin_diff *diff);
/**
 * The i-th change line, as `fupin diff` prints it:
 * {"household":"H1","changes":{"alert.level":["none","warning"]}} or
 * {"village":"520102001001","changes":{"village.exit_eligible":[true,false]}}.
 * @return borrowed (valid until the diff is freed), or NULL when out of range.
 */
FUPIN_API const char *fupin_diff_line(const fupin_diff *diff, size_t i);
/** The number of distinct transitions (field, before, after). */
FUPIN_API size_t fupin_diff_transition_count(const fupin_diff *diff);
/**
 * The i-th transition as text, `FIELD BEFORE->AFTER` ("alert.level none->warning"),
 * in JSON field order, then by count (largest first), then by text.
 * @param[out] count  how many households (or villages) made it; may be NULL.
 * @return borrowed, or NULL when out of range.
 */
FUPIN_API const char *fupin_diff_transition(const fupin_diff *diff, size_t i, uint64_t *count);

/**
 * The i-th transition split into its parts: the field, the value before and after
 * (as in the text: strings bare, lists as [A B], null as null) and the count.
 * Any out pointer may be NULL; the strings are borrowed like fupin_diff_transition's.
 * @return 0 or FUPIN_EINVAL (i out of range).
 */
FUPIN_API int fupin_diff_transition_parts(const fupin_diff *diff, size_t i, const char **field,
                                          const char **before, const char **after, uint64_t *count);
/** The number of changed fields over all change lines. */
FUPIN_API size_t fupin_diff_change_count(const fupin_diff *diff);
/**
 * The i-th changed field, in the order of the change lines: the record kind
 * ("household" or "village"), its id, the field path, and the values before and after
 * as spreadsheet cells (null empty, lists space-separated, strings bare).
 * Any out pointer may be NULL; the strings are borrowed until the diff is freed.
 * @return 0 or FUPIN_EINVAL (i out of range).
 */
FUPIN_API int fupin_diff_change(const fupin_diff *diff, size_t i, const char **record,
                                const char **id, const char **field, const char **before,
                                const char **after);

/** Expectations that held. */
FUPIN_API size_t fupin_check_passed(const fupin_check *check);
/** Expectations that did not hold (including unknown households, villages, fields). */
FUPIN_API size_t fupin_check_failed(const fupin_check *check);
/**
 * The i-th mismatch, as `fupin check` prints it:
 * `H0001 2023 guarantee.status: expected unmet, got met`.
 * @return borrowed, or NULL when i >= fupin_check_failed().
 */
FUPIN_API const char *fupin_check_mismatch(const fupin_check *check, size_t i);

#ifdef __cplusplus
}
#endif

#endif /* FUPIN_DIFF_H */
