/**
 * @file fupin/summary.h
 * Summaries: the result of evaluating a village (R-V1..R-V3, R-V5) or a group of
 * villages under a division-code prefix (R-V4, R-V5). One type and one family of
 * accessors serves both kinds, as sqlite3_value serves every kind of value; the few
 * accessors that mean something for one kind only say what they give for the other.
 *
 * A summary owns everything it prints: the code or prefix, the village name and the
 * ids of the households to visit first are copied into it. It may be written as JSON
 * after the village or dataset it came from has been freed or changed.
 *
 * A summary is reusable: evaluating a group into it allocates nothing, and evaluating
 * a village allocates only when the village is larger (or its name longer) than any
 * the summary has held before. Like every result it may be read from several threads
 * at once while nobody evaluates into it.
 */
#ifndef FUPIN_SUMMARY_H
#define FUPIN_SUMMARY_H

#include <stddef.h>
#include <stdint.h>

#include "fupin/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- types */

/** An opaque, reusable summary of one village or one group in one year. */
typedef struct fupin_summary fupin_summary;

/** What a summary is about. */
enum fupin_summary_kind {
    FUPIN_SUMMARY_NONE = 0,    /**< not evaluated yet */
    FUPIN_SUMMARY_VILLAGE = 1, /**< one village (fupin_evaluator_evaluate_village) */
    FUPIN_SUMMARY_GROUP = 2    /**< villages under a prefix (fupin_evaluator_evaluate_group) */
};

/** Counts of a summary (R-V3; summed over the villages for a group, R-V4). */
enum fupin_summary_count {
    FUPIN_VC_HOUSEHOLDS = 0,
    FUPIN_VC_POPULATION = 1,      /**< population (null when blank) */
    FUPIN_VC_POOR_POPULATION = 2, /**< R-V1 (null when a household record was skipped) */
    FUPIN_VC_GUARANTEE_MET = 3,
    FUPIN_VC_GUARANTEE_UNMET = 4,
    FUPIN_VC_GUARANTEE_UNKNOWN = 5,
    FUPIN_VC_ALERT_NONE = 6, /**< alerts and categories are null without a threshold */
    FUPIN_VC_ALERT_WATCH = 7,
    FUPIN_VC_ALERT_WARNING = 8,
    FUPIN_VC_ALERT_SEVERE = 9,
    FUPIN_VC_CATEGORY_NONE = 10,
    FUPIN_VC_CATEGORY_REGISTERED = 11,
    FUPIN_VC_CATEGORY_UNSTABLE = 12,
    FUPIN_VC_CATEGORY_MARGINAL = 13,
    FUPIN_VC_CATEGORY_HARDSHIP = 14,
    FUPIN_VC_MONITOR_NOT_MONITORED = 15,
    FUPIN_VC_MONITOR_STAY = 16,
    FUPIN_VC_MONITOR_ELIGIBLE = 17,
    FUPIN_VC_INCOME_KNOWN = 18,   /**< households with known income (R-I7) */
    FUPIN_VC_PANEL = 19,          /**< balanced panel size for growth (R-I7) */
    FUPIN_VC_ABOVE_NATIONAL = 20, /**< households beating national growth (null if it is) */
    FUPIN_VC_SPAN_PANEL = 21      /**< households known in both since and year */
};

/** Summary figures (R-V1, R-I7); growth in percent. */
enum fupin_summary_figure {
    FUPIN_VF_INCIDENCE = 0,
    FUPIN_VF_PER_CAPITA = 1,
    FUPIN_VF_GROWTH = 2,
    FUPIN_VF_NATIONAL_GROWTH = 3,
    FUPIN_VF_GAP_PP = 4,
    FUPIN_VF_REAL_GROWTH = 5,
    FUPIN_VF_NATIONAL_REAL_GROWTH = 6,
    FUPIN_VF_CAGR = 7,
    FUPIN_VF_NATIONAL_CAGR = 8
};

/** R-V5 multidimensional (Alkire-Foster) figures. */
enum fupin_mpi_figure {
    FUPIN_MPI_H = 0, /**< headcount ratio: poor members / members (share) */
    FUPIN_MPI_A = 1, /**< intensity: mean weighted score of the poor (share) */
    FUPIN_MPI_M0 = 2 /**< adjusted headcount ratio H x A (share) */
};

/**
 * R-V5 dimensions: the six enum fupin_dimension values (0..5) keep their numbers,
 * and income (R-I3, deprived when `below`) is 6.
 */
enum fupin_mpi_dimension { FUPIN_MPI_DIM_INCOME = 6, FUPIN_MPI_DIM_COUNT = 7 };

/* ---------------------------------------------------------------- lifecycle */

/**
 * A new, empty summary (kind FUPIN_SUMMARY_NONE, every count and figure null).
 * Room for a village of 256 households is reserved.
 * @param[out] out  the summary; NULL on failure.
 * @return 0, FUPIN_EINVAL (out is NULL) or FUPIN_ENOMEM.
 */
FUPIN_API int fupin_summary_create(fupin_summary **out);

/** Free a summary. NULL is accepted. */
FUPIN_API void fupin_summary_free(fupin_summary *summary);

/* ---------------------------------------------------------------- accessors */

/** What the summary is about (enum fupin_summary_kind); FUPIN_INVALID when NULL. */
FUPIN_API int fupin_summary_kind(const fupin_summary *summary);

/**
 * The village code (12 digits) or the group prefix (2, 4, 6 or 9 digits); "" before
 * the first evaluation, or when summary is NULL (error set). Borrowed: valid until
 * the summary is evaluated again or freed.
 */
FUPIN_API const char *fupin_summary_code(const fupin_summary *summary);

/**
 * The village name ("" when not given, and for a group). Borrowed, as
 * fupin_summary_code.
 */
FUPIN_API const char *fupin_summary_name(const fupin_summary *summary);

/** The evaluation year; 0 before the first evaluation; FUPIN_INVALID when NULL. */
FUPIN_API int32_t fupin_summary_year(const fupin_summary *summary);

/**
 * The number of villages: 1 for a village, the villages under the prefix for a group
 * (0 for a prefix no village matches); FUPIN_INVALID when NULL.
 */
FUPIN_API int64_t fupin_summary_village_count(const fupin_summary *summary);

/**
 * Exit eligibility (enum fupin_tri): R-V2 for a village (incidence and the
 * infrastructure flags), R-V4 for a group: the group's incidence is not more than
 * `county_exit_incidence_max`, compared exactly (poor <= max x population); the
 * `:REGION` variant applies only when all the group's villages share one region.
 * Null when the population or the poor population is unknown, or a group has no
 * village. FUPIN_INVALID when summary is NULL.
 */
FUPIN_API int fupin_summary_exit_eligible(const fupin_summary *summary);

/**
 * A count (enum fupin_summary_count). For a group: population is the sum of the
 * villages' populations (null when any is blank), the poor population the sum of
 * theirs (null when any is null); other counts are pooled over the households.
 * @return 0, FUPIN_ENULL when null, FUPIN_EINVAL (NULL argument, unknown count).
 */
FUPIN_API int fupin_summary_count(const fupin_summary *summary, int which, int64_t *out);

/**
 * A figure (enum fupin_summary_figure): incidence, R-I7 pooled per-capita income and
 * the balanced-panel growth figures, rounded as docs/reference/rules.md says.
 * @return 0, FUPIN_ENULL when null, FUPIN_EINVAL (NULL argument, unknown figure).
 */
FUPIN_API int fupin_summary_figure(const fupin_summary *summary, int which, double *out);

/** The number of exit reasons (R-V2 for a village, R-V4 for a group). */
FUPIN_API size_t fupin_summary_reason_count(const fupin_summary *summary);

/** The i-th exit reason (enum fupin_reason), or FUPIN_INVALID when i is out of range. */
FUPIN_API int fupin_summary_reason(const fupin_summary *summary, size_t i);

/**
 * An R-V5 figure (enum fupin_mpi_figure), over the households with every dimension
 * known, weighted by members, rounded to 4 decimals. A household is
 * multidimensionally poor when its weighted deprivation score (weights
 * `mpi_weight_<dim>` normalised to sum 1) is >= `mpi_k` - 1e-9. A village's figures
 * are not written in its JSON line; a group's are.
 * @return 0; FUPIN_ENULL when no household is included (or every mpi_weight_* is
 *         0), and for A when nobody is poor (M0 is then 0); FUPIN_EINVAL.
 */
FUPIN_API int fupin_summary_mpi(const fupin_summary *summary, int which, double *out);

/**
 * R-V5 figures of one dimension (enum fupin_dimension 0..5, or FUPIN_MPI_DIM_INCOME):
 * the censored headcount ratio (poor-and-deprived members / members, 4 decimals) and
 * the contribution to M0 (weight x censored headcount / M0 x 100, percent, 2
 * decimals; the seven sum to 100 up to rounding).
 * @param[out] censored_headcount, contribution  either may be NULL; each is written
 *             only when it is known.
 * @return 0; FUPIN_ENULL when a requested figure is null (no household included, or
 *         M0 = 0 for the contribution); FUPIN_EINVAL (NULL summary, dim out of range).
 */
FUPIN_API int fupin_summary_mpi_dimension(const fupin_summary *summary, int dim,
                                          double *censored_headcount, double *contribution);

/**
 * The number of households left out of the R-V5 figures because a dimension or their
 * income status is unknown (or their evaluation failed).
 * @return the count, or FUPIN_INVALID when summary is NULL.
 */
FUPIN_API int64_t fupin_summary_mpi_excluded(const fupin_summary *summary);

/**
 * The number of households to visit first: those at warning or above (R-A10). 0 in a
 * year without a monitoring threshold, and for a group.
 */
FUPIN_API size_t fupin_summary_visit_count(const fupin_summary *summary);

/**
 * The i-th household to visit first, as an index for fupin_village_household() of the
 * village evaluated: severe households first, then warnings, each in village order.
 * @return the index, or FUPIN_INVALID when i is out of range.
 */
FUPIN_API int64_t fupin_summary_visit(const fupin_summary *summary, size_t i);

/**
 * The household_id of the i-th household to visit first (copied into the summary).
 * @return borrowed (valid until the summary is evaluated again or freed), or NULL
 *         when i is out of range.
 */
FUPIN_API const char *fupin_summary_visit_id(const fupin_summary *summary, size_t i);

/**
 * The number of built-in values of low confidence the summary rests on (its own
 * parameters and national figures, and those its households' results used): values
 * that data/national-defaults.csv marks unconfirmed, weak or widely quoted (see
 * docs/reference/parameters.md). 0 when every value is established or comes from a
 * policy file; 0 (with the thread's error set) when summary is NULL.
 */
FUPIN_API size_t fupin_summary_low_confidence_count(const fupin_summary *summary);
/**
 * The i-th of those values as "name[:variant][@year]" ("rural_cpi@2021"), in the order
 * of data/national-defaults.csv: the same text as the "low_confidence" list of the
 * JSON line.
 * @return a static string, or NULL (with the thread's error set) when summary is NULL
 *         or i is out of range.
 */
FUPIN_API const char *fupin_summary_low_confidence(const fupin_summary *summary, size_t i);

/* ---------------------------------------------------------------- operations */

/**
 * The summary as one JSON Lines record, without the newline.
 *
 * A village gives `{"village":{...}}` (docs/reference/output.md), and after the keys of
 * docs/reference/output.md "visit_first": the ids of the households to visit first (null without a
 * threshold).
 *
 * A group gives `{"group":{"prefix":..,"year":..,"villages":..,"households":..,
 * "population":..,"poor_population":..,"incidence":..,"exit_eligible":..,
 * "exit_reasons":[..],"guarantee":{..},"alerts":{..},"categories":{..},
 * "monitor_exit":{..},"income":{..},"mpi":{..}}}`, every key from "households" to
 * "income" as in the village line, and "mpi" as `{"households_included":N,
 * "households_excluded":N,"H":..,"A":..,"M0":..,"dimensions":{"food":
 * {"censored_headcount":..,"contribution":..},...,"income":{..}}}`.
 *
 * Everything written comes from the summary itself.
 * @param buf, cap     the caller's buffer; NUL-terminated when it fits.
 * @param[out] needed  the length without the NUL (may be NULL).
 * @return 0, FUPIN_EINVAL (NULL summary, or not evaluated yet) or FUPIN_ENOSPC (call
 *         again with *needed + 1 bytes).
 */
FUPIN_API int fupin_summary_to_json(const fupin_summary *summary, char *buf, size_t cap,
                                    size_t *needed);

#ifdef __cplusplus
}
#endif

#endif /* FUPIN_SUMMARY_H */
