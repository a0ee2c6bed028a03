/**
 * @file fupin/group.h
 * Groups: the villages whose 12-digit village_code starts with a division-code
 * prefix, i.e. a province (2 digits), city (4), county (6) or township (9). A group
 * result holds the same summary as a village result (R-V4: counts, R-I7 income,
 * growth), the county exit check by incidence, and the R-V5 multidimensional
 * (Alkire-Foster) figures.
 *
 * Every household is evaluated once and added to running totals, so a group's
 * figures are pooled over its households, never averaged over its villages: its
 * per-capita income is the sum of the known households' net incomes over the sum of
 * their members (R-I7), its poor population the sum of the villages' (R-V1).
 *
 * A group result is a fixed-size object: evaluating into it allocates nothing, and
 * one result may be reused for many groups. Like every result it may be read from
 * several threads at once while nobody evaluates into it.
 */
#ifndef FUPIN_GROUP_H
#define FUPIN_GROUP_H

#include <stddef.h>
#include <stdint.h>

#include "fupin/common.h"
#include "fupin/household.h"
#include "fupin/village.h"
#include "fupin/dataset.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- types */

/** An opaque, reusable group result (one division-code prefix, one year). */
typedef struct fupin_group_result fupin_group_result;

/* ---------------------------------------------------------------- lifecycle */

/**
 * A new, empty group result (every count and figure null until evaluated).
 * @param[out] out  the result; NULL on failure.
 * @return 0, FUPIN_EINVAL (out is NULL) or FUPIN_ENOMEM.
 */
FUPIN_API int fupin_group_result_create(fupin_group_result **out);

/** Free a group result. NULL is accepted. */
FUPIN_API void fupin_group_result_free(fupin_group_result *result);

/* ---------------------------------------------------------------- accessors */

/** The prefix the result is about ("" before the first evaluation). Borrowed: valid
 *  until the result is evaluated again or freed. */
FUPIN_API const char *fupin_group_result_prefix(const fupin_group_result *result);

/** The evaluation year (0 before the first evaluation). */
FUPIN_API int32_t fupin_group_result_year(const fupin_group_result *result);

/** The number of villages in the group (0 for a prefix no village matches). */
FUPIN_API int64_t fupin_group_result_village_count(const fupin_group_result *result);

/**
 * R-V4 county exit eligibility (enum fupin_tri): the group's incidence is not more
 * than `county_exit_incidence_max`, compared exactly (poor <= max x population). The
 * `:REGION` variant of the limit applies only when all the group's villages share
 * one region; a group mixing regions uses the plain value. Village infrastructure
 * flags do not enter the group check (they are each village's own exit conditions,
 * R-V2). Null when the population or the poor population is unknown, or the group
 * has no village.
 */
FUPIN_API int fupin_group_result_exit_eligible(const fupin_group_result *result);

/**
 * A count (enum fupin_village_count), summed over the group's villages: population
 * is the sum of the villages' populations (null when any is blank), the poor
 * population the sum of theirs (null when any is null).
 * @return 0, FUPIN_ENULL when null, FUPIN_EINVAL.
 */
FUPIN_API int fupin_group_result_count(const fupin_group_result *result, int which, int64_t *out);

/**
 * A figure (enum fupin_village_figure): incidence, R-I7 pooled per-capita income and
 * the balanced-panel growth figures, rounded as in a village result.
 * @return 0, FUPIN_ENULL when null, FUPIN_EINVAL.
 */
FUPIN_API int fupin_group_result_figure(const fupin_group_result *result, int which, double *out);

/** The number of exit reasons (INCIDENCE_TOO_HIGH or INCIDENCE_UNKNOWN, or none). */
FUPIN_API size_t fupin_group_result_reason_count(const fupin_group_result *result);

/** The i-th exit reason (enum fupin_reason), or 0 when out of range. */
FUPIN_API int fupin_group_result_reason(const fupin_group_result *result, size_t i);

/**
 * An R-V5 figure (enum fupin_mpi_figure), over the group's households with every
 * dimension known, weighted by members, rounded to 4 decimals. A household is
 * multidimensionally poor when its weighted deprivation score (weights
 * `mpi_weight_<dim>` normalised to sum 1) is >= `mpi_k` - 1e-9.
 * @return 0; FUPIN_ENULL when no household is included (or every mpi_weight_* is
 *         0), and for A when nobody is poor (M0 is then 0); FUPIN_EINVAL.
 */
FUPIN_API int fupin_group_result_mpi(const fupin_group_result *result, int which, double *out);

/**
 * R-V5 figures of one dimension (enum fupin_dimension 0..5, or FUPIN_MPI_DIM_INCOME):
 * the censored headcount ratio (poor-and-deprived members / members, 4 decimals) and
 * the contribution to M0 (weight x censored headcount / M0 x 100, percent, 2
 * decimals; the seven sum to 100 up to rounding).
 * @param[out] censored_headcount, contribution  either may be NULL; each is written
 *             only when it is known.
 * @return 0; FUPIN_ENULL when a requested figure is null (no household included, or
 *         M0 = 0 for the contribution); FUPIN_EINVAL (NULL result, dim out of range).
 */
FUPIN_API int fupin_group_result_mpi_dimension(const fupin_group_result *result, int dim,
                                               double *censored_headcount, double *contribution);

/**
 * The number of households left out of the R-V5 figures because a dimension or their
 * income status is unknown (or their evaluation failed).
 * @return the count, or -1 when result is NULL.
 */
FUPIN_API int64_t fupin_group_result_mpi_excluded(const fupin_group_result *result);

/**
 * The number of built-in values of low confidence the group result used: values that
 * data/national-defaults.csv marks unconfirmed, weak or widely quoted (see
 * docs/reference/parameters.md). 0 when every value it rests on is established or comes
 * from a policy file. Thread-safe on a const result.
 */
FUPIN_API size_t fupin_group_result_low_confidence_count(const fupin_group_result *result);
/**
 * The i-th of those values as "name[:variant][@year]" ("rural_cpi@2021"), in the order
 * of data/national-defaults.csv: the same text as the "low_confidence" list of the
 * JSON result.
 * @return a static string, or NULL when result is NULL or i is out of range.
 */
FUPIN_API const char *fupin_group_result_low_confidence(const fupin_group_result *result, size_t i);

/* ---------------------------------------------------------------- operations */

/**
 * Evaluate the group of a dataset's villages whose code starts with prefix, for the
 * evaluator's year (R-V4, R-V5). Each household is evaluated once. A prefix that no
 * village matches gives a valid empty result: 0 villages and households, population
 * 0, every figure null and exit_eligible null with INCIDENCE_UNKNOWN. Allocates
 * nothing.
 * @param prefix  2 (province), 4 (city), 6 (county) or 9 (township) digits.
 * @return 0, or FUPIN_EINVAL (a NULL argument, a prefix of another length or with a
 *         character that is not a digit); on failure the result is unchanged.
 */
FUPIN_API int fupin_evaluator_group(const fupin_evaluator *evaluator, const fupin_dataset *dataset,
                                    const char *prefix, fupin_group_result *result);

/**
 * As fupin_evaluator_group, over villages the caller holds: only the villages whose
 * code starts with prefix count, the others are ignored. A village listed twice
 * counts twice.
 * @param villages  an array of n villages (borrowed for the call; none NULL).
 * @return 0, or FUPIN_EINVAL (as above, or a NULL village); on failure the result is
 *         unchanged.
 */
FUPIN_API int fupin_evaluator_group_villages(const fupin_evaluator *evaluator,
                                             const fupin_village *const *villages, size_t n,
                                             const char *prefix, fupin_group_result *result);

/**
 * The group result as one JSON Lines record, without the newline:
 * `{"group":{"prefix":..,"year":..,"villages":..,"households":..,"population":..,
 * "poor_population":..,"incidence":..,"exit_eligible":..,"exit_reasons":[..],
 * "guarantee":{..},"alerts":{..},"categories":{..},"monitor_exit":{..},"income":{..},
 * "mpi":{..}}}`, every key from "households" to "income" as in the village line, and
 * "mpi" as `{"households_included":N,"households_excluded":N,"H":..,"A":..,"M0":..,
 * "dimensions":{"food":{"censored_headcount":..,"contribution":..},...,"income":{..}}}`
 * (null for a null figure).
 * @param buf, cap     the caller's buffer; NUL-terminated when it fits.
 * @param[out] needed  the length without the NUL (may be NULL).
 * @return 0, FUPIN_EINVAL or FUPIN_ENOSPC (call again with *needed + 1 bytes).
 */
FUPIN_API int fupin_group_result_to_json(const fupin_group_result *result, char *buf, size_t cap,
                                         size_t *needed);

#ifdef __cplusplus
}
#endif

#endif /* FUPIN_GROUP_H */
