/**
 * @file fupin/policy.h
 * Policies: named sets of parameters (lines, thresholds, ages, statistics), each a
 * constant or a series over years, with optional variants (scarce, east, central,
 * west). The built-in `national` policy carries data/national-defaults.csv; a policy file
 * adjusts a parent (docs/policy.md). Lookup follows docs/reference/rules.md section 7.
 *
 * A policy is immutable while it is being read: any number of threads may evaluate
 * with one policy at once, as long as none of them calls fupin_policy_set on it.
 */
#ifndef FUPIN_POLICY_H
#define FUPIN_POLICY_H

#include <stddef.h>
#include <stdint.h>

#include "fupin/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- types */

/** An opaque policy. Create with fupin_policy_builtin or fupin_policy_load. */
typedef struct fupin_policy fupin_policy;

/* ---------------------------------------------------------------- lifecycle */

/**
 * A new copy of a built-in policy.
 * @param[out] out   the new policy; NULL on failure.
 * @param name       "national" (the only built-in today).
 * @return 0, FUPIN_EINVAL, FUPIN_ENOTFOUND (no such built-in) or FUPIN_ENOMEM.
 */
FUPIN_API int fupin_policy_builtin(fupin_policy **out, const char *name);

/**
 * Load a policy file (docs/policy.md). `extends` names a built-in or a file
 * path relative to this file's folder; without it the parent is `national`.
 * @param[out] out  the new policy; NULL on failure.
 * @param path      the policy file, or a built-in name ("national").
 * Every value must lie within its parameter's bounds (docs/policy.md); ratios are held
 * exactly as written. Error messages quote only the token at fault, never a whole
 * line, and identity numbers are masked.
 * @return 0, FUPIN_EINVAL, FUPIN_EIO (also: larger than 16 MiB), FUPIN_EPARSE (a line
 *         that is not NAME = VALUE, unknown name or variant, duplicate key, cycle in
 *         extends, bad number, a value out of bounds; fupin_last_error() names file and
 *         line), FUPIN_ENOTFOUND (a parent file is missing) or FUPIN_ENOMEM.
 */
FUPIN_API int fupin_policy_load(fupin_policy **out, const char *path);

/**
 * Parse policy text held in memory, as if it were the file `filename` in `base_dir`
 * (which is where relative `extends` paths are looked up; NULL means ".").
 * @param text  the text (need not be NUL-terminated); len its length in bytes.
 * @return as fupin_policy_load.
 */
FUPIN_API int fupin_policy_parse(fupin_policy **out, const char *text, size_t len,
                                 const char *filename, const char *base_dir);

/**
 * An independent deep copy: changing one never changes the other.
 * @return 0, FUPIN_EINVAL or FUPIN_ENOMEM.
 */
FUPIN_API int fupin_policy_copy(fupin_policy **out, const fupin_policy *policy);

/** Free a policy. NULL is accepted. */
FUPIN_API void fupin_policy_free(fupin_policy *policy);

/* ---------------------------------------------------------------- accessors */

/** The policy's name ("national", or the file's `name`). Borrowed; never NULL. */
FUPIN_API const char *fupin_policy_name(const fupin_policy *policy);

/**
 * Look up a parameter for a year (docs/reference/rules.md section 7).
 * @param name     a parameter of data/national-defaults.csv ("poverty_line").
 * @param variant  NULL for the plain value, or "scarce", "east", "central", "west":
 *                 then `NAME:variant` is tried first and `NAME` is the fallback.
 * @param year     the evaluation year.
 * @param[out] out the value.
 * @return 0; FUPIN_EINVAL (unknown name or variant); FUPIN_ENOTFOUND when a rule
 *         parameter has no entry at or before `year` or a statistic has no entry for
 *         exactly `year` (the message says which).
 */
FUPIN_API int fupin_policy_get(const fupin_policy *policy, const char *name, const char *variant,
                               int32_t year, double *out);

/**
 * Where the value that fupin_policy_get would return comes from:
 * "built-in: SOURCE" or "FILE:LINE" (or "set by API").
 * @param[out] out  borrowed, valid until the policy is changed or freed.
 * @return as fupin_policy_get.
 */
FUPIN_API int fupin_policy_origin(const fupin_policy *policy, const char *name, const char *variant,
                                  int32_t year, const char **out);

/** The number of parameter names the library knows (the rows of data/national-defaults.csv). */
FUPIN_API size_t fupin_policy_param_count(void);

/** The i-th known parameter name, or NULL when i is out of range. Static. */
FUPIN_API const char *fupin_policy_param_name(size_t i);

/**
 * Write the parameters in force for a year, one line each, as `fupin policy show`
 * prints them: `NAME[:VARIANT] = VALUE    # ORIGIN` (docs/cli.md).
 * @param buf, cap     the caller's buffer; the text is NUL-terminated when it fits.
 * @param[out] needed  the length without the NUL (may be NULL).
 * @return 0, FUPIN_EINVAL or FUPIN_ENOSPC (buffer too small: call again with *needed+1).
 */
FUPIN_API int fupin_policy_show(const fupin_policy *policy, int32_t year, char *buf, size_t cap,
                                size_t *needed);

/**
 * The latest year that any dated entry of the policy names (used as the default
 * evaluation year when a dataset has no incomes).
 * @return 0, FUPIN_EINVAL or FUPIN_ENOTFOUND (no dated entry).
 */
FUPIN_API int fupin_policy_latest_year(const fupin_policy *policy, int32_t *out);

/* ---------------------------------------------------------------- operations */

/**
 * Set a parameter, with the meaning of a policy-file line: year 0 (undated) replaces
 * the whole series of that name and variant; a dated entry is layered on top.
 * @param variant  NULL or "scarce", "east", "central", "west".
 * The value is taken as the shortest decimal that reads back as it (0.3, not
 * 0.29999999999999998890), and ratios are then compared exactly (docs/policy.md).
 * @return 0, FUPIN_EINVAL (unknown name or variant, a year outside
 *         FUPIN_YEAR_MIN..FUPIN_YEAR_MAX, a whole-number parameter that is not whole, a
 *         flag not 0 or 1), FUPIN_ERANGE (a non-finite value, a value outside the
 *         parameter's bounds such as a negative one or a line above 100,000,000,000
 *         yuan, money finer than a fen) or FUPIN_ENOMEM. On failure nothing changed.
 */
FUPIN_API int fupin_policy_set(fupin_policy *policy, const char *name, const char *variant,
                               int32_t year, double value);

#ifdef __cplusplus
}
#endif

#endif /* FUPIN_POLICY_H */
