/**
 * @file fupin/common.h
 * Errors, versions, status values and reason codes shared by every fupin object.
 *
 * Every enum value below is part of the ABI: values are explicit, never reused and
 * never renumbered. New values are only ever added.
 */
#ifndef FUPIN_COMMON_H
#define FUPIN_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "fupin/version.h"

#ifdef __cplusplus
extern "C" {
#endif

#if defined(FUPIN_BUILDING) && (defined(__GNUC__) || defined(__clang__))
#define FUPIN_API __attribute__((visibility("default")))
#else
#define FUPIN_API
#endif

/* ---------------------------------------------------------------- types */

/**
 * The range of years the library accepts anywhere a year is given: evaluation years,
 * income and event years, policy entries, registration years (both ends included).
 * fupin_year_range() gives the same numbers at run time, for bindings.
 */
#define FUPIN_YEAR_MIN 1949
#define FUPIN_YEAR_MAX 2100

/**
 * The value every getter returns when it is misused: given NULL, an index out of range
 * or an unknown enum value. It lies outside every enum of the library and is not a
 * year, count or index; the getter also sets the thread's error (fupin_last_error()).
 * Getters returning size_t return 0 instead, and getters returning a string return ""
 * (or NULL where stated), also with the thread's error set.
 */
#define FUPIN_INVALID (-100)

/** Return codes. 0 is success; failures are negative and stable forever. */
enum fupin_error {
    FUPIN_OK = 0,
    FUPIN_ENOMEM = -1,    /**< an allocation failed; nothing was changed */
    FUPIN_EINVAL = -2,    /**< a bad argument or a bad value (the message says which) */
    FUPIN_EPARSE = -3,    /**< a file or text could not be parsed (file, line, column) */
    FUPIN_ERANGE = -4,    /**< a value outside its allowed range */
    FUPIN_ENOTFOUND = -5, /**< a name, file, year or record that does not exist */
    FUPIN_EIO = -6,       /**< reading or writing a file failed */
    FUPIN_EEXIST = -7,    /**< a duplicate: the id or key is already there */
    FUPIN_ENOSPC = -8,    /**< the caller's buffer is too small; *needed says how big */
    FUPIN_ENULL = -9      /**< not an error of input: the figure is null (not computable) */
};

/** Three-valued check status (docs/reference/rules.md: "met, unmet or unknown"). */
enum fupin_status { FUPIN_STATUS_UNKNOWN = 0, FUPIN_STATUS_MET = 1, FUPIN_STATUS_UNMET = 2 };

/** A three-valued boolean (exit_eligible and the like): null, false or true. */
enum fupin_tri { FUPIN_TRI_NULL = -1, FUPIN_TRI_FALSE = 0, FUPIN_TRI_TRUE = 1 };

/** R-I3 income status. */
enum fupin_income_status {
    FUPIN_INCOME_UNKNOWN = 0,
    FUPIN_INCOME_ABOVE = 1,
    FUPIN_INCOME_BELOW = 2
};

/** Guarantee dimensions R-G1..R-G6, in the order of the rule table. */
enum fupin_dimension {
    FUPIN_DIM_FOOD = 0,
    FUPIN_DIM_CLOTHING = 1,
    FUPIN_DIM_EDUCATION = 2,
    FUPIN_DIM_MEDICAL = 3,
    FUPIN_DIM_HOUSING = 4,
    FUPIN_DIM_WATER = 5,
    FUPIN_DIM_COUNT = 6
};

/** R-E2 registration state of a household in a year. */
enum fupin_registration { FUPIN_REG_NEVER = 0, FUPIN_REG_REGISTERED = 1, FUPIN_REG_EXITED = 2 };

/** R-A10 alert level. FUPIN_ALERT_NULL: the year has no monitoring threshold. */
enum fupin_alert_level {
    FUPIN_ALERT_NULL = -1,
    FUPIN_ALERT_NONE = 0,
    FUPIN_ALERT_WATCH = 1,
    FUPIN_ALERT_WARNING = 2,
    FUPIN_ALERT_SEVERE = 3
};

/** R-A11 monitoring category. */
enum fupin_category {
    FUPIN_CATEGORY_NULL = -1,
    FUPIN_CATEGORY_NONE = 0,
    FUPIN_CATEGORY_REGISTERED = 1,
    FUPIN_CATEGORY_UNSTABLE = 2,
    FUPIN_CATEGORY_MARGINAL = 3,
    FUPIN_CATEGORY_HARDSHIP = 4
};

/** Section 5 monitoring-exit status. */
enum fupin_monitor_exit {
    FUPIN_MONITOR_EXIT_NULL = -1,
    FUPIN_MONITOR_EXIT_NOT_MONITORED = 0,
    FUPIN_MONITOR_EXIT_STAY = 1,
    FUPIN_MONITOR_EXIT_ELIGIBLE = 2
};

/**
 * Reason codes of docs/reference/rules.md. The name of each (fupin_reason_name) is the text used in
 * results and expectation files; the numbers are stable and never reused.
 */
enum fupin_reason {
    FUPIN_REASON_NONE = 0,
    /* R-G1..R-G6 */
    FUPIN_REASON_FOOD_INSECURE = 1,
    FUPIN_REASON_FOOD_UNKNOWN = 2,
    FUPIN_REASON_CLOTHING_INSECURE = 3,
    FUPIN_REASON_CLOTHING_UNKNOWN = 4,
    FUPIN_REASON_EDU_DROPOUT = 5,
    FUPIN_REASON_EDU_UNKNOWN = 6,
    FUPIN_REASON_MED_UNINSURED = 7,
    FUPIN_REASON_MED_UNKNOWN = 8,
    FUPIN_REASON_HOUSING_UNSAFE = 9,
    FUPIN_REASON_HOUSING_UNKNOWN = 10,
    FUPIN_REASON_WATER_QUANTITY = 11,
    FUPIN_REASON_WATER_ACCESS = 12,
    FUPIN_REASON_WATER_SUPPLY = 13,
    FUPIN_REASON_WATER_QUALITY = 14,
    FUPIN_REASON_WATER_UNKNOWN = 15,
    /* R-A1..R-A9 */
    FUPIN_REASON_INCOME_BELOW_LINE = 20,
    FUPIN_REASON_INCOME_BELOW_THRESHOLD = 21,
    FUPIN_REASON_INCOME_DROP = 22,
    FUPIN_REASON_RIGID_EXPENSE = 23,
    FUPIN_REASON_EVENT_MAJOR_ILLNESS = 24,
    FUPIN_REASON_EVENT_ACCIDENT = 25,
    FUPIN_REASON_EVENT_DISABILITY = 26,
    FUPIN_REASON_EVENT_DISASTER = 27,
    FUPIN_REASON_EVENT_DEATH = 28,
    FUPIN_REASON_EVENT_JOB_LOSS = 29,
    FUPIN_REASON_EVENT_BUSINESS_FAILURE = 30,
    FUPIN_REASON_EVENT_OTHER = 31,
    FUPIN_REASON_NO_LABOR = 32,
    FUPIN_REASON_NO_LABOR_UNCOVERED = 33,
    FUPIN_REASON_INCOME_UNKNOWN = 34,
    /* R-M1 (section 5); INCOME_BELOW_THRESHOLD, INCOME_UNKNOWN and NO_LABOR are shared */
    FUPIN_REASON_MONITORED_TOO_SHORT = 40,
    FUPIN_REASON_GUARANTEE_NOT_MET = 41,
    FUPIN_REASON_RISK_PRESENT = 42,
    FUPIN_REASON_RISK_UNKNOWN = 43,
    FUPIN_REASON_LABOR_UNKNOWN = 44,
    /* R-V2 */
    FUPIN_REASON_INCIDENCE_TOO_HIGH = 50,
    FUPIN_REASON_INCIDENCE_UNKNOWN = 51,
    FUPIN_REASON_VILLAGE_NO_PAVED_ROAD = 52,
    FUPIN_REASON_VILLAGE_NO_ELECTRICITY = 53,
    FUPIN_REASON_VILLAGE_NO_CLINIC = 54,
    FUPIN_REASON_VILLAGE_NO_BROADBAND = 55,
    FUPIN_REASON_VILLAGE_UNKNOWN_PAVED_ROAD = 56,
    FUPIN_REASON_VILLAGE_UNKNOWN_ELECTRICITY = 57,
    FUPIN_REASON_VILLAGE_UNKNOWN_CLINIC = 58,
    FUPIN_REASON_VILLAGE_UNKNOWN_BROADBAND = 59
};

/**
 * The enums whose values have names in the JSON contract (docs/reference/output.md), for
 * fupin_enum_name() and fupin_enum_from_name(). One pair of functions serves them all,
 * so that a binding needs no table of its own and a new enum adds only a constant.
 */
enum fupin_enum {
    FUPIN_ENUM_STATUS = 0,          /**< enum fupin_status: unknown, met, unmet */
    FUPIN_ENUM_TRI = 1,             /**< enum fupin_tri: null, false, true */
    FUPIN_ENUM_INCOME_STATUS = 2,   /**< enum fupin_income_status: unknown, above, below */
    FUPIN_ENUM_DIMENSION = 3,       /**< enum fupin_dimension: food ... water */
    FUPIN_ENUM_REGISTRATION = 4,    /**< enum fupin_registration: never, registered, exited */
    FUPIN_ENUM_ALERT_LEVEL = 5,     /**< enum fupin_alert_level: null, none ... severe */
    FUPIN_ENUM_CATEGORY = 6,        /**< enum fupin_category: null, none ... hardship */
    FUPIN_ENUM_MONITOR_EXIT = 7,    /**< enum fupin_monitor_exit: null, not_monitored ... */
    FUPIN_ENUM_REASON = 8,          /**< enum fupin_reason (as fupin_reason_name) */
    FUPIN_ENUM_LIST = 9,            /**< enum fupin_list: the JSON keys of the lists */
    FUPIN_ENUM_FIGURE = 10,         /**< enum fupin_figure: the JSON keys of the figures */
    FUPIN_ENUM_DATASET_FILE = 11,   /**< enum fupin_dataset_file: villages.csv ... */
    FUPIN_ENUM_SUMMARY_COUNT = 12,  /**< enum fupin_summary_count: dotted JSON paths */
    FUPIN_ENUM_SUMMARY_FIGURE = 13, /**< enum fupin_summary_figure: dotted JSON paths */
    FUPIN_ENUM_MPI_FIGURE = 14,     /**< enum fupin_mpi_figure: H, A, M0 */
    FUPIN_ENUM_MPI_DIMENSION = 15,  /**< the R-V5 dimensions: food ... water, income */
    FUPIN_ENUM_SUMMARY_KIND = 16,   /**< enum fupin_summary_kind: village, group */
    FUPIN_ENUM_COUNT = 17
};

/* ---------------------------------------------------------------- operations */

/**
 * The library's version at run time, e.g. "0.2.0".
 * @return a static string; never NULL. Thread-safe.
 */
FUPIN_API const char *fupin_version(void);

/**
 * The major, minor and patch numbers at run time (what FUPIN_VERSION_* were when the
 * library was built; a binding compares the major with its own).
 * @param[out] major, minor, patch  may each be NULL.
 */
FUPIN_API void fupin_version_numbers(int32_t *major, int32_t *minor, int32_t *patch);

/**
 * A short static description of a return code ("out of memory", ...).
 * @return a static string; never NULL (unknown codes give "unknown error").
 */
FUPIN_API const char *fupin_strerror(int code);

/**
 * The detail of the last failure on the calling thread: what failed, with file, line,
 * column and value where they are known (identity numbers masked).
 * @return a thread-local string, valid until the next fupin call on this thread;
 *         never NULL ("" when nothing has failed yet).
 */
FUPIN_API const char *fupin_last_error(void);

/**
 * The name of a reason code as written in results ("EDU_DROPOUT").
 * @return a static string, or NULL for a value that is not a reason code.
 */
FUPIN_API const char *fupin_reason_name(int reason);

/**
 * The id of the rule that produces a reason code ("R-G3").
 * @return a static string, or NULL for a value that is not a reason code.
 */
FUPIN_API const char *fupin_reason_rule(int reason);

/**
 * A one-line description of a reason code.
 * @param lang  "en" or "zh" (NULL means "en").
 * @return a static UTF-8 string, or NULL for an unknown code or language.
 */
FUPIN_API const char *fupin_reason_describe(int reason, const char *lang);

/**
 * The reason code with a given name ("EDU_DROPOUT").
 * @param[out] out  the code.
 * @return 0, FUPIN_EINVAL (NULL argument) or FUPIN_ENOTFOUND (no such name).
 */
FUPIN_API int fupin_reason_from_name(const char *name, int32_t *out);

/**
 * The name of an enum value exactly as the JSON contract writes it
 * (docs/reference/output.md): fupin_enum_name(FUPIN_ENUM_ALERT_LEVEL, FUPIN_ALERT_WARNING) is
 * "warning"; a figure or count is named by its dotted JSON path ("income.growth",
 * "alerts.severe"), a list by its JSON key ("guarantee.reasons"), a dataset file by
 * its file name ("members.csv"). The null value of a three- or more-valued enum is
 * "null".
 * @param kind   an enum fupin_enum constant.
 * @param value  a value of that enum.
 * @return a static string, or NULL (and the thread's error set) for an unknown kind or
 *         value.
 */
FUPIN_API const char *fupin_enum_name(int kind, int value);

/**
 * The value of an enum with a given name, the inverse of fupin_enum_name().
 * @param[out] out  the value; unchanged on failure.
 * @return 0, FUPIN_EINVAL (NULL argument or unknown kind) or FUPIN_ENOTFOUND (no value
 *         has that name).
 */
FUPIN_API int fupin_enum_from_name(int kind, const char *name, int32_t *out);

/**
 * The number of values of an enum kind (the null value included): with
 * fupin_enum_value() a binding lists them all without a table of its own.
 * @return the count, or 0 (and the thread's error set) for an unknown kind.
 */
FUPIN_API size_t fupin_enum_count(int kind);

/**
 * The i-th value of an enum kind, in the order of the enum.
 * @return the value, or FUPIN_INVALID for an unknown kind or i out of range.
 */
FUPIN_API int fupin_enum_value(int kind, size_t i);

/**
 * FUPIN_YEAR_MIN and FUPIN_YEAR_MAX at run time (for bindings, which cannot read a
 * macro). @param[out] min, max  may each be NULL.
 */
FUPIN_API void fupin_year_range(int32_t *min, int32_t *max);

/**
 * The closest valid name to a word that is not one, for "did you mean ...?" hints.
 * A name is close when the word is within 1 edit of it (a word of up to 5 bytes) or 2
 * edits (longer), counting an inserted, deleted or replaced byte and two neighbouring
 * bytes swapped, with ASCII letter case ignored; names of 2 bytes or fewer are never
 * proposed, and words over 64 bytes get none. The library's own messages use it
 * (unknown policy parameters, variants, policy names, fields, result paths).
 * @param word   the word as given (UTF-8).
 * @param names  count candidate names (NULL entries are skipped).
 * @return the closest name (one of names, ties to the earliest), or NULL when none is
 *         close or an argument is NULL. Thread-safe.
 */
FUPIN_API const char *fupin_name_suggest(const char *word, const char *const *names, size_t count);

/**
 * Mask, in place, everything in a text that looks like an identity number, the way
 * the library masks its own messages: a run of 17 or more digits, possibly joined by
 * single spaces or dashes (`520402 19680926 8794`), or of 15 or more digits without
 * them, keeps its first 6 and last 4 digits and shows `*` for the others; an `X` or
 * `x` ending a run counts as its last digit, and a run that already holds 17 digits
 * ends at a separator (`520402196809268794 2024` keeps the year); a `*` inside a run
 * counts as a digit masked before, so masking twice changes nothing. Separators stay,
 * so the length does not change. For programs and bindings that print text a user gave (the CLI,
 * Python).
 * @param text  UTF-8 text (changed in place; only ASCII digits are replaced).
 * @param len   its length in bytes.
 * @return the number of runs masked (0 when text is NULL).
 */
FUPIN_API size_t fupin_text_mask_ids(char *text, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* FUPIN_COMMON_H */
