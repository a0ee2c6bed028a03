/**
 * @file fupin/evaluate.h
 * Evaluation: every function that applies the rules lives here. There are two ways to
 * evaluate:
 * - one-shot, with a policy and a year (fupin_household_evaluate,
 *   fupin_village_evaluate): the policy is resolved on every call;
 * - with an evaluator (fupin_evaluator), a policy resolved once for a year: the
 *   fupin_evaluator_evaluate_* functions then allocate nothing per household, so one
 *   evaluator and one reusable result serve a loop over millions of households.
 */
#ifndef FUPIN_EVALUATE_H
#define FUPIN_EVALUATE_H

#include <stddef.h>
#include <stdint.h>

#include "fupin/common.h"
#include "fupin/policy.h"
#include "fupin/household.h"
#include "fupin/village.h"
#include "fupin/dataset.h"
#include "fupin/summary.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- types */

/**
 * A policy resolved for one evaluation year (and optionally a span start), ready to
 * evaluate many households and villages without looking anything up again. It copies
 * what it needs: the policy may be changed or freed afterwards. Immutable, so one
 * evaluator may be shared by any number of threads.
 */
typedef struct fupin_evaluator fupin_evaluator;

/* ---------------------------------------------------------------- lifecycle */

/**
 * Resolve a policy for an evaluation year.
 * @param year  the evaluation year Y (FUPIN_YEAR_MIN..FUPIN_YEAR_MAX).
 * @return 0, FUPIN_EINVAL, FUPIN_ENOTFOUND (a rule parameter has no value for the
 *         year, e.g. "poverty_line has no value for 2009") or FUPIN_ENOMEM.
 */
FUPIN_API int fupin_evaluator_create(fupin_evaluator **out, const fupin_policy *policy,
                                     int32_t year);

/**
 * Like fupin_evaluator_create, and also compute the R-I5 span figures over
 * [since, year] (`report --since`). since must be < year.
 */
FUPIN_API int fupin_evaluator_create_since(fupin_evaluator **out, const fupin_policy *policy,
                                           int32_t year, int32_t since);

/** Free an evaluator. NULL is accepted. */
FUPIN_API void fupin_evaluator_free(fupin_evaluator *evaluator);

/* ---------------------------------------------------------------- accessors */

/**
 * Which national series the growth figures were computed against (R-I4): the origin
 * of the `national_rural_income` value for the evaluator's year, as
 * fupin_policy_origin gives it ("built-in: SOURCE", "FILE:LINE" or "set by API").
 * @return a string borrowed from the evaluator, valid while it lives; "" when the
 *         series has no value for the year (national growth is then null) or the
 *         evaluator is NULL (error set). Never NULL. Long origins are cut at 511 bytes.
 */
FUPIN_API const char *fupin_evaluator_series_origin(const fupin_evaluator *evaluator);

/* ---------------------------------------------------------------- operations */

/**
 * Evaluate a household for the evaluator's year: guarantees, income, exit standard,
 * growth, alerts and monitoring exit. Allocates nothing.
 * @param[out] result  overwritten with the outcome.
 * @return 0; FUPIN_EINVAL (NULL argument; a household without members; exit_year
 *         without or before registered_year; monitor without monitor_since; no region
 *         where the policy's values differ by region).
 */
FUPIN_API int fupin_evaluator_evaluate_household(const fupin_evaluator *evaluator,
                                                 const fupin_household *household,
                                                 fupin_result *result);

/**
 * Evaluate a whole village for the evaluator's year: R-V1..R-V3, R-V5 and, with
 * fupin_evaluator_create_since, the span figures. The summary becomes a village
 * summary holding the village's code, name and the ids of the households to visit
 * first. Allocates only when the village is larger (or its name longer) than any the
 * summary has held before.
 * @return 0, FUPIN_EINVAL or FUPIN_ENOMEM (the summary is then unchanged).
 */
FUPIN_API int fupin_evaluator_evaluate_village(const fupin_evaluator *evaluator,
                                               const fupin_village *village,
                                               fupin_summary *summary);

/**
 * Evaluate the group of a dataset's villages whose code starts with prefix, for the
 * evaluator's year (R-V4, R-V5). Each household is evaluated once and added to
 * running totals, so the figures are pooled over households, never averaged over
 * villages. A prefix that no village matches gives a valid empty summary: 0 villages
 * and households, population 0, every figure null and exit_eligible null with
 * INCIDENCE_UNKNOWN. Allocates nothing.
 * @param prefix  2 (province), 4 (city), 6 (county) or 9 (township) digits.
 * @return 0, or FUPIN_EINVAL (a NULL argument, a prefix of another length or with a
 *         character that is not a digit); on failure the summary is unchanged.
 */
FUPIN_API int fupin_evaluator_evaluate_group(const fupin_evaluator *evaluator,
                                             const fupin_dataset *dataset, const char *prefix,
                                             fupin_summary *summary);

/**
 * As fupin_evaluator_evaluate_group, over villages the caller holds: only the villages
 * whose code starts with prefix count, the others are ignored. A village listed twice
 * counts twice.
 * @param villages  an array of n villages (borrowed for the call; none NULL).
 * @return 0, or FUPIN_EINVAL (as above, or a NULL village); on failure the summary is
 *         unchanged.
 */
FUPIN_API int fupin_evaluator_evaluate_group_villages(const fupin_evaluator *evaluator,
                                                      const fupin_village *const *villages,
                                                      size_t n, const char *prefix,
                                                      fupin_summary *summary);

/**
 * One-shot: evaluate a household with a policy for a year (resolves the policy on
 * each call; for loops, make an evaluator). Allocates nothing.
 * @return as fupin_evaluator_create and fupin_evaluator_evaluate_household.
 */
FUPIN_API int fupin_household_evaluate(const fupin_policy *policy, const fupin_household *household,
                                       int32_t year, fupin_result *result);

/**
 * One-shot: evaluate a village with a policy for a year (resolves the policy on each
 * call). Allocates as fupin_evaluator_evaluate_village.
 * @return 0, FUPIN_EINVAL, FUPIN_ENOTFOUND or FUPIN_ENOMEM.
 */
FUPIN_API int fupin_village_evaluate(const fupin_policy *policy, const fupin_village *village,
                                     int32_t year, fupin_summary *summary);

#ifdef __cplusplus
}
#endif

#endif /* FUPIN_EVALUATE_H */
