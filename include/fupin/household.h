/**
 * @file fupin/household.h
 * Households, their members, incomes and events, and the results of evaluating them.
 *
 * A household is built field by field with the same texts a dataset CSV holds
 * (docs/dataset.md): fupin_household_set(h, "housing", "B"). An empty string
 * (or NULL) means unknown, which is a value of its own for every optional field; a
 * rejected value leaves the household unchanged and fupin_last_error() says why.
 *
 * A result (fupin_result) is a reusable, fixed-size buffer: evaluating a household
 * into it (fupin/evaluate.h) allocates nothing, so one result can serve a loop over
 * many households.
 */
#ifndef FUPIN_HOUSEHOLD_H
#define FUPIN_HOUSEHOLD_H

#include <stddef.h>
#include <stdint.h>

#include "fupin/common.h"
#include "fupin/policy.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- types */

/** An opaque household with its members, yearly incomes and events. */
typedef struct fupin_household fupin_household;

/** An opaque, reusable evaluation result of one household in one year. */
typedef struct fupin_result fupin_result;

/** Lists of reason codes held by a result. */
enum fupin_list {
    FUPIN_LIST_GUARANTEE = 0,    /**< R-G7 reasons */
    FUPIN_LIST_ALERT = 1,        /**< R-A1..R-A9 signals */
    FUPIN_LIST_MONITOR_EXIT = 2, /**< section 5 conditions not known to hold */
    FUPIN_LIST_VILLAGE_EXIT = 3  /**< R-V2 (village results only) */
};

/** Derived figures of a result. Money in yuan, growth in percent, gaps in points. */
enum fupin_figure {
    FUPIN_FIG_PER_CAPITA = 0,           /**< R-I2, rounded to the fen */
    FUPIN_FIG_POVERTY_LINE = 1,         /**< the line in force (R-I3) */
    FUPIN_FIG_NET_INCOME = 2,           /**< R-I1 household net income */
    FUPIN_FIG_GROWTH = 3,               /**< R-I4 */
    FUPIN_FIG_NATIONAL_GROWTH = 4,      /**< R-I4 */
    FUPIN_FIG_GAP_PP = 5,               /**< R-I4 */
    FUPIN_FIG_REAL_GROWTH = 6,          /**< R-I6 */
    FUPIN_FIG_NATIONAL_REAL_GROWTH = 7, /**< R-I6 */
    FUPIN_FIG_CAGR = 8,                 /**< R-I5 over [since, year] */
    FUPIN_FIG_NATIONAL_CAGR = 9,        /**< R-I5 */
    FUPIN_FIG_MONITORING_THRESHOLD = 10 /**< the threshold in force (section 4) */
};

/* ---------------------------------------------------------------- lifecycle */

/**
 * A new household with no members, incomes or events and every field unknown.
 * @param id  1..64 bytes of UTF-8 (the household_id).
 * @return 0, FUPIN_EINVAL (bad id) or FUPIN_ENOMEM; *out is NULL on failure.
 */
FUPIN_API int fupin_household_create(fupin_household **out, const char *id);

/** An independent deep copy. @return 0, FUPIN_EINVAL or FUPIN_ENOMEM. */
FUPIN_API int fupin_household_copy(fupin_household **out, const fupin_household *household);

/** Free a household. NULL is accepted. Never call it on a household a village owns. */
FUPIN_API void fupin_household_free(fupin_household *household);

/** A new, empty result buffer. @return 0, FUPIN_EINVAL or FUPIN_ENOMEM. */
FUPIN_API int fupin_result_create(fupin_result **out);

/** Free a result. NULL is accepted. */
FUPIN_API void fupin_result_free(fupin_result *result);

/* ---------------------------------------------------------------- accessors */

/** The household_id. Borrowed; valid while the household lives. */
FUPIN_API const char *fupin_household_id(const fupin_household *household);

/** The number of members (rows of members.csv). */
FUPIN_API size_t fupin_household_member_count(const fupin_household *household);

/**
 * Whether the household is incomplete: a lenient load skipped one of its member
 * records (or it has no member), so everything that needs its members is unknown.
 * @return 1 or 0; FUPIN_INVALID when household is NULL.
 */
FUPIN_API int fupin_household_incomplete(const fupin_household *household);

/* ---------------------------------------------------------------- operations */

/**
 * Set a field of households.csv by its column name, from its CSV text.
 * Fields: village_code, registered_year, exit_year, monitor, monitor_since,
 * assistance, housing, food_secure, clothing_secure, water_litres, water_minutes,
 * water_supply_rate, water_quality_ok; and the village context a standalone household
 * needs: region (east/central/west) and water_scarce (0/1). Inside a village these two
 * come from the village. Without a region, evaluation fails with FUPIN_EINVAL when
 * the policy gives a household parameter a regional value for the year; without
 * water_scarce, a water indicator is decided only where both thresholds agree.
 * @param value  the CSV text; "" or NULL means unknown (blank).
 * @return 0, FUPIN_EINVAL (unknown field or bad value) or FUPIN_ENOMEM.
 */
FUPIN_API int fupin_household_set(fupin_household *household, const char *field, const char *value);

/**
 * The i-th field name fupin_household_set accepts (the households.csv columns other
 * than household_id, then region and water_scarce), fupin_household_set_member
 * accepts (members.csv columns other than household_id, member_id), and
 * fupin_household_set_income accepts (incomes.csv columns other than household_id,
 * year). Lets a caller tell a column the library does not use from a misspelt one
 * (with fupin_name_suggest).
 * @return a static string, or NULL when i is past the last.
 */
FUPIN_API const char *fupin_household_field_name(size_t i);
FUPIN_API const char *fupin_member_field_name(size_t i);
FUPIN_API const char *fupin_income_field_name(size_t i);

/**
 * Add a member (a row of members.csv) with its required birth date.
 * @param member_id  1..64 bytes, unique within the household.
 * @param birth      YYYY-MM-DD, YYYY-MM or YYYY.
 * @return 0, FUPIN_EINVAL, FUPIN_EEXIST (duplicate member_id) or FUPIN_ENOMEM.
 */
FUPIN_API int fupin_household_add_member(fupin_household *household, const char *member_id,
                                         const char *birth);

/**
 * Set a field of a member by column name: birth, sex, id_number, school, disability,
 * insured, health, labor. "" or NULL means unknown (birth cannot be unknown).
 * An id_number is checked (GB 11643 checksum and agreement with birth) and only its
 * masked form is kept.
 * @return 0, FUPIN_EINVAL, FUPIN_ENOTFOUND (no such member) or FUPIN_ENOMEM.
 */
FUPIN_API int fupin_household_set_member(fupin_household *household, const char *member_id,
                                         const char *field, const char *value);

/**
 * Set a field of the household's income record for a year (a row of incomes.csv),
 * creating the record, with every component unknown, if it does not exist yet.
 * Fields: wage, business, property, transfer, production_expense, medical_expense,
 * education_expense. production_expense is 0 until set (as when the column is absent).
 * @return 0, FUPIN_EINVAL or FUPIN_ENOMEM.
 */
FUPIN_API int fupin_household_set_income(fupin_household *household, int32_t year,
                                         const char *field, const char *value);

/**
 * Add a risk event (a row of events.csv).
 * @param kind    major_illness, accident, disability, disaster, death, job_loss,
 *                business_failure or other.
 * @param amount  yuan, or "" / NULL for unknown.
 * @return 0, FUPIN_EINVAL or FUPIN_ENOMEM.
 */
FUPIN_API int fupin_household_add_event(fupin_household *household, int32_t year, const char *kind,
                                        const char *amount);

/* ---------------------------------------------------------------- results */

/** The household_id the result is about (copied into the result); "" when NULL. */
FUPIN_API const char *fupin_result_household(const fupin_result *result);
/** The village code of the household ("" when it has none, or result is NULL). */
FUPIN_API const char *fupin_result_village(const fupin_result *result);
/** The evaluation year; FUPIN_INVALID when result is NULL (as every getter below). */
FUPIN_API int32_t fupin_result_year(const fupin_result *result);
/** R-G7 overall guarantee status (enum fupin_status). */
FUPIN_API int fupin_result_guarantee(const fupin_result *result);
/** The status of one dimension (enum fupin_dimension -> enum fupin_status);
 *  FUPIN_INVALID for an unknown dimension. */
FUPIN_API int fupin_result_dimension(const fupin_result *result, int dimension);
/** R-I3 income status (enum fupin_income_status). */
FUPIN_API int fupin_result_income_status(const fupin_result *result);
/** R-E1 exit_eligible (enum fupin_tri). */
FUPIN_API int fupin_result_exit_eligible(const fupin_result *result);
/** R-E2 registration state in the year (enum fupin_registration). */
FUPIN_API int fupin_result_registration(const fupin_result *result);
/** R-A10 alert level (enum fupin_alert_level; FUPIN_ALERT_NULL without a threshold). */
FUPIN_API int fupin_result_alert_level(const fupin_result *result);
/** R-A11 category (enum fupin_category). */
FUPIN_API int fupin_result_alert_category(const fupin_result *result);
/** Section 5 monitoring exit (enum fupin_monitor_exit). */
FUPIN_API int fupin_result_monitor_exit(const fupin_result *result);

/** The number of reason codes in a list (enum fupin_list); 0 (error set) for NULL or
 *  an unknown list (FUPIN_LIST_VILLAGE_EXIT is a summary's: fupin_summary_reason). */
FUPIN_API size_t fupin_result_reason_count(const fupin_result *result, int list);
/** The i-th reason code of a list (enum fupin_reason), or FUPIN_INVALID when the list
 *  or i is out of range. */
FUPIN_API int fupin_result_reason(const fupin_result *result, int list, size_t i);

/**
 * A derived figure (enum fupin_figure), rounded as docs/reference/rules.md says.
 * @return 0, FUPIN_ENULL when the figure is null (not computable), FUPIN_EINVAL.
 */
FUPIN_API int fupin_result_figure(const fupin_result *result, int figure, double *out);

/**
 * The exact per-capita income in fen, rounded half away from zero (R-I2), and the
 * exact household net income in fen (R-I1).
 * @return 0, FUPIN_ENULL when unknown, FUPIN_EINVAL.
 */
FUPIN_API int fupin_result_per_capita_fen(const fupin_result *result, int64_t *out);
FUPIN_API int fupin_result_net_income_fen(const fupin_result *result, int64_t *out);

/**
 * The number of built-in values of low confidence the result used: values that
 * data/national-defaults.csv marks unconfirmed, weak or widely quoted (see
 * docs/reference/parameters.md). 0 when every value it rests on is established or comes
 * from a policy file. Thread-safe on a const result.
 */
FUPIN_API size_t fupin_result_low_confidence_count(const fupin_result *result);
/**
 * The i-th of those values as "name[:variant][@year]" ("rural_cpi@2021"), in the order
 * of data/national-defaults.csv: the same text as the "low_confidence" list of the
 * JSON result.
 * @return a static string, or NULL when result is NULL or i is out of range.
 */
FUPIN_API const char *fupin_result_low_confidence(const fupin_result *result, size_t i);

/**
 * The result as one JSON Lines record (docs/reference/output.md), without the newline.
 * @param[out] needed  the length without the NUL (may be NULL).
 * @return 0, FUPIN_EINVAL or FUPIN_ENOSPC (buffer too small).
 */
FUPIN_API int fupin_result_to_json(const fupin_result *result, char *buf, size_t cap,
                                   size_t *needed);

/** The CSV header line matching fupin_result_to_csv (static, without newline). */
FUPIN_API const char *fupin_result_csv_header(void);

/** The result as one CSV row (dotted column names, lists space-separated). */
FUPIN_API int fupin_result_to_csv(const fupin_result *result, char *buf, size_t cap,
                                  size_t *needed);

#ifdef __cplusplus
}
#endif

#endif /* FUPIN_HOUSEHOLD_H */
