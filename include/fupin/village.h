/**
 * @file fupin/village.h
 * Villages: a village carries its division code, region, population, water
 * scarcity, infrastructure flags and collective income, and owns its households'
 * records in contiguous storage. Village results hold the R-V1..R-V3 summary and the
 * R-V5 multidimensional figures.
 */
#ifndef FUPIN_VILLAGE_H
#define FUPIN_VILLAGE_H

#include <stddef.h>
#include <stdint.h>

#include "fupin/common.h"
#include "fupin/policy.h"
#include "fupin/household.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- types */

/** An opaque village. */
typedef struct fupin_village fupin_village;

/** An opaque, reusable village result (one village, one year). */
typedef struct fupin_village_result fupin_village_result;

/** Counts of a village result (R-V3). */
enum fupin_village_count {
    FUPIN_VC_HOUSEHOLDS = 0,
    FUPIN_VC_POPULATION = 1,      /**< village population (null when blank) */
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

/** Village figures (R-V1, R-I7); growth in percent. */
enum fupin_village_figure {
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

/** R-V5 multidimensional (Alkire-Foster) figures of a village or group. */
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
 * A new village with no households.
 * @param code    the 12-digit village_code.
 * @param region  "east", "central" or "west".
 * @return 0, FUPIN_EINVAL or FUPIN_ENOMEM.
 */
FUPIN_API int fupin_village_create(fupin_village **out, const char *code, const char *region);

/** Free a village and every household record it owns. NULL is accepted. */
FUPIN_API void fupin_village_free(fupin_village *village);

/** A new, empty village result. */
FUPIN_API int fupin_village_result_create(fupin_village_result **out);

/** Free a village result. NULL is accepted. */
FUPIN_API void fupin_village_result_free(fupin_village_result *result);

/* ---------------------------------------------------------------- accessors */

/** The village code. Borrowed. */
FUPIN_API const char *fupin_village_code(const fupin_village *village);
/** The village name ("" when not given). Borrowed. */
FUPIN_API const char *fupin_village_name(const fupin_village *village);
/** The number of households. */
FUPIN_API size_t fupin_village_household_count(const fupin_village *village);
/**
 * The i-th household, in the order added. Borrowed: valid until the village is
 * changed or freed; never free it.
 */
FUPIN_API const fupin_household *fupin_village_household(const fupin_village *village, size_t i);
/** The household with an id, or NULL. Borrowed, as above. */
FUPIN_API const fupin_household *fupin_village_find(const fupin_village *village,
                                                    const char *household_id);

/* ---------------------------------------------------------------- operations */

/**
 * Set a field of villages.csv by column name from its CSV text: name, region,
 * population, water_scarce, paved_road, electricity, clinic, broadband,
 * collective_income. "" or NULL means unknown (not allowed for region, water_scarce).
 * @return 0, FUPIN_EINVAL or FUPIN_ENOMEM.
 */
FUPIN_API int fupin_village_set(fupin_village *village, const char *field, const char *value);

/**
 * Add a copy of a household (its village_code becomes this village's; its region and
 * water scarcity follow the village). The caller keeps and frees its own household.
 * @return 0, FUPIN_EINVAL (a household without members is accepted and evaluates as
 *         incomplete), FUPIN_EEXIST (duplicate household_id) or FUPIN_ENOMEM.
 */
FUPIN_API int fupin_village_add_household(fupin_village *village, const fupin_household *household);

/**
 * Evaluate the whole village for the evaluator's year: R-V1..R-V3 and, with
 * fupin_evaluator_create_since, the span figures. Allocates only when the village is
 * larger than any this result has seen before (256 households are reserved).
 * @return 0, FUPIN_EINVAL or FUPIN_ENOMEM.
 */
FUPIN_API int fupin_evaluator_village(const fupin_evaluator *evaluator,
                                      const fupin_village *village, fupin_village_result *result);

/**
 * Evaluate a village with a policy for a year (resolves the policy each call).
 * Allocates only when the village is larger than any the result has seen (the list of
 * households to visit first needs room for every household).
 * @return 0, FUPIN_EINVAL, FUPIN_ENOTFOUND or FUPIN_ENOMEM.
 */
FUPIN_API int fupin_village_evaluate(const fupin_policy *policy, const fupin_village *village,
                                     int32_t year, fupin_village_result *result);

/* ---------------------------------------------------------------- village results */

/** The village's code, as copied into the result. */
FUPIN_API const char *fupin_village_result_code(const fupin_village_result *result);
/** The year. */
FUPIN_API int32_t fupin_village_result_year(const fupin_village_result *result);
/** R-V2 exit eligibility (enum fupin_tri). */
FUPIN_API int fupin_village_result_exit_eligible(const fupin_village_result *result);
/**
 * A count (enum fupin_village_count).
 * @return 0, FUPIN_ENULL when null, FUPIN_EINVAL.
 */
FUPIN_API int fupin_village_result_count(const fupin_village_result *result, int which,
                                         int64_t *out);
/** A figure (enum fupin_village_figure). @return 0, FUPIN_ENULL or FUPIN_EINVAL. */
FUPIN_API int fupin_village_result_figure(const fupin_village_result *result, int which,
                                          double *out);
/** The number of R-V2 exit reasons. */
FUPIN_API size_t fupin_village_result_reason_count(const fupin_village_result *result);
/** The i-th R-V2 exit reason, or 0 when out of range. */
FUPIN_API int fupin_village_result_reason(const fupin_village_result *result, size_t i);

/**
 * An R-V5 figure of the village's households (enum fupin_mpi_figure), rounded to 4
 * decimals; computed as for a group (fupin/group.h, fupin_group_result_mpi). Not
 * written in the village JSON line.
 * @return 0; FUPIN_ENULL when no household has every dimension known, or for A when
 *         nobody is multidimensionally poor; FUPIN_EINVAL.
 */
FUPIN_API int fupin_village_result_mpi(const fupin_village_result *result, int which, double *out);
/**
 * R-V5 figures of one dimension (enum fupin_dimension, or FUPIN_MPI_DIM_INCOME):
 * censored headcount ratio (share, 4 decimals) and contribution to M0 (percent,
 * 2 decimals). Either out pointer may be NULL; each is written only when known.
 * @return 0; FUPIN_ENULL when a requested figure is null (no household included, or
 *         M0 = 0 for the contribution); FUPIN_EINVAL.
 */
FUPIN_API int fupin_village_result_mpi_dimension(const fupin_village_result *result, int dim,
                                                 double *censored_headcount, double *contribution);
/**
 * The number of households left out of the R-V5 figures because a dimension or their
 * income status is unknown (or their evaluation failed).
 * @return the count, or -1 when result is NULL.
 */
FUPIN_API int64_t fupin_village_result_mpi_excluded(const fupin_village_result *result);

/**
 * The number of households to visit first: those at warning or above (R-A10), 0 in a
 * year without a monitoring threshold.
 */
FUPIN_API size_t fupin_village_result_visit_count(const fupin_village_result *result);
/**
 * The i-th household to visit first, as an index for fupin_village_household():
 * severe households first, then warnings, each in village order.
 * @return the index, or -1 when i is out of range.
 */
FUPIN_API int64_t fupin_village_result_visit(const fupin_village_result *result, size_t i);

/**
 * The number of built-in values of low confidence the village result used: values that
 * data/national-defaults.csv marks unconfirmed, weak or widely quoted (see
 * docs/reference/parameters.md). 0 when every value it rests on is established or comes
 * from a policy file. Thread-safe on a const result.
 */
FUPIN_API size_t fupin_village_result_low_confidence_count(const fupin_village_result *result);
/**
 * The i-th of those values as "name[:variant][@year]" ("rural_cpi@2021"), in the order
 * of data/national-defaults.csv: the same text as the "low_confidence" list of the
 * JSON result.
 * @return a static string, or NULL when result is NULL or i is out of range.
 */
FUPIN_API const char *fupin_village_result_low_confidence(const fupin_village_result *result,
                                                          size_t i);

/**
 * The village result as one JSON Lines record {"village":{...}} (docs/reference/output.md
 * section 4), without the newline. The village name is not copied into the
 * result, so pass the village again. After the keys of docs/reference/output.md the object carries
 * "visit_first": the ids of the households to visit first (null without a threshold).
 * @return 0, FUPIN_EINVAL or FUPIN_ENOSPC.
 */
FUPIN_API int fupin_village_result_to_json(const fupin_village_result *result,
                                           const fupin_village *village, char *buf, size_t cap,
                                           size_t *needed);

#ifdef __cplusplus
}
#endif

#endif /* FUPIN_VILLAGE_H */
