/**
 * @file fupin/village.h
 * Villages: a village carries its division code, region, population, water
 * scarcity, infrastructure flags and collective income, and owns its households'
 * records in contiguous storage. Evaluating a village (fupin/evaluate.h) gives a
 * summary (fupin/summary.h): R-V1..R-V3 and the R-V5 multidimensional figures.
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

#ifdef __cplusplus
}
#endif

#endif /* FUPIN_VILLAGE_H */
