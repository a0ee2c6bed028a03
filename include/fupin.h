/**
 * @file fupin.h
 * fupin: decisions of China's rural poverty-alleviation policy, household by
 * household and village by village. The reference (docs/reference/ in the source
 * tree) gives every rule an id (docs/reference/rules.md: R-G3, R-A4...), every reason code its rule
 * and texts (reasons.md), every parameter its values and sources (parameters.md)
 * and every output key its unit and rounding (output.md).
 *
 * The model
 * ---------
 * - A **policy** (fupin_policy) is a set of parameters over years: poverty line,
 *   monitoring threshold, school ages, water thresholds, statistics. `national` is
 *   built in; policy files adjust it. Look-ups follow docs/reference/rules.md section 7.
 * - A **household** (fupin_household) holds what one row of households.csv says,
 *   its members, its yearly incomes and its risk events. Every optional field may
 *   be unknown, and unknown never turns into a pass: each check is met, unmet or
 *   unknown.
 * - A **village** (fupin_village) owns its households' records contiguously; a
 *   **dataset** (fupin_dataset) is a folder of CSV files loaded into villages.
 * - An **evaluator** (fupin_evaluator, fupin/evaluate.h) is a policy resolved for
 *   one year. It evaluates a household into a **result** (fupin_result), allocating
 *   nothing, so loops over millions of households are cheap.
 * - A **summary** (fupin_summary, fupin/summary.h) is what evaluating a village, or a
 *   group of villages under a province, city, county or township code prefix,
 *   gives: counts, figures, the exit check and the multidimensional (Alkire-Foster)
 *   figures. One type and one family of accessors serve both kinds.
 * - Results and summaries are read by accessor functions or written as JSON Lines /
 *   CSV; they own everything they print.
 *
 * Ownership
 * ---------
 * Every handle comes from a `_create`, `_load`, `_builtin` or `_copy` function and
 * is released by its `_free` function, which accepts NULL. Strings the library
 * returns are borrowed (their lifetime is stated on each function) and never passed
 * to libc free(). Households and villages handed out by a dataset or village are
 * borrowed from it.
 *
 * Threads
 * -------
 * There is no global state and no init call. Different handles may be used from
 * different threads at once; one handle may be read (evaluated, queried) from many
 * threads at once as long as nobody changes it. Error details are per thread.
 *
 * Errors
 * ------
 * Fallible functions return 0 or a negative FUPIN_E* code (fupin/common.h), and on
 * failure leave their outputs NULL and their inputs unchanged. fupin_strerror()
 * names the code; fupin_last_error() gives this thread's detail, with file, line,
 * column and value where there are any. Identity numbers are never printed in
 * full (they are masked as 110101********0001), and results carry no names.
 *
 * Conventions
 * -----------
 * - **Fields by CSV column name.** Households, members, incomes, events and villages
 *   are filled with the column names and texts of the dataset files
 *   (fupin_household_set(h, "housing", "B")); "" or NULL is unknown. A rejected value
 *   changes nothing and fupin_last_error() says why.
 * - **buf / cap / needed.** Functions that write text take the caller's buffer `buf`
 *   of `cap` bytes and store the full length (without the NUL) in `*needed` when
 *   `needed` is not NULL. When the text does not fit they return FUPIN_ENOSPC: call
 *   again with *needed + 1 bytes. The text is NUL-terminated whenever it fits.
 * - **Borrowed.** A borrowed string or handle stays valid until the object it came
 *   from is changed (set, evaluated into again) or freed, whichever comes first;
 *   static strings live for the whole program. Never free borrowed memory.
 * - **Misuse.** A getter given NULL, an index out of range or an unknown enum value
 *   returns FUPIN_INVALID (-100, outside every enum, year, count and index), or 0 for
 *   a size_t count, or "" / NULL for a string where stated, and sets the thread's
 *   error, whose message names the function.
 * - **Two ways to evaluate** (fupin/evaluate.h): one-shot with a policy and a year
 *   (fupin_household_evaluate, fupin_village_evaluate), which resolves the policy on
 *   every call; or make an evaluator once (fupin_evaluator_create) and call
 *   fupin_evaluator_evaluate_household / _village / _group as often as needed.
 * - **Names.** Every enum value is named as the JSON contract writes it by
 *   fupin_enum_name(); fupin_enum_from_name() reads it back; fupin_reason_name()
 *   names reason codes.
 *
 * Money is exact: amounts are int64 fen, and a per-capita income is compared with
 * a line without division (docs/reference/rules.md, "Money is exact").
 */
#ifndef FUPIN_H
#define FUPIN_H

#include "fupin/common.h"
#include "fupin/policy.h"
#include "fupin/household.h"
#include "fupin/village.h"
#include "fupin/dataset.h"
#include "fupin/summary.h"
#include "fupin/evaluate.h"
#include "fupin/diff.h"

#endif /* FUPIN_H */
