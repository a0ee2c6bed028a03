/* Enum and reason names with their lengths, for the result writers (lib/io/json.c).
 * core -> libc only.
 *
 * Each name is stored in an array of FUPIN__NAME_ROOM bytes (its text, then zeros), so a
 * writer may copy FUPIN__NAME_ROOM bytes from it whatever the name's length: one
 * fixed-size copy in place of a strlen and a memcpy call per name, which were a large
 * share of writing a result line. */
#ifndef FUPIN_NAMES_H
#define FUPIN_NAMES_H

#include <stddef.h>
#include <stdint.h>

#include "fupin/common.h"

#define FUPIN__NAME_ROOM 40

/* A name row's text and length; the build fails on a name of FUPIN__NAME_ROOM bytes or
 * more (a negative array size), so every name keeps its terminating zero. */
#define FUPIN__NAME_TEXT(s)                                                                        \
    (unsigned char)(sizeof s - 1 + 0 * sizeof(char[sizeof s <= FUPIN__NAME_ROOM ? 1 : -1])), s

struct fupin__name {
    int value;
    unsigned char len;
    char text[FUPIN__NAME_ROOM];
};

struct fupin__name_table {
    const struct fupin__name *rows; /* consecutive values in order, from rows[0].value */
    size_t n;
};

/* By enum kind (lib/core/names.c). The reason kind has no rows: see fupin__reason_row. */
extern const struct fupin__name_table fupin__names[FUPIN_ENUM_COUNT];

/* The name of `value` of enum kind `kind` (not FUPIN_ENUM_REASON), or NULL. Unlike
 * fupin_enum_name it sets no error: the writers name only values a result holds, and
 * write null for any other. Inline, as the writers name a dozen values a line. */
static inline const struct fupin__name *fupin__enum_row(int kind, int value)
{
    const struct fupin__name_table *t = &fupin__names[kind];
    uint64_t at = (uint64_t)((int64_t)value - t->rows[0].value);
    return at < t->n ? &t->rows[at] : NULL;
}

/* The name of reason `code`, or NULL when no reason has that code. */
const struct fupin__name *fupin__reason_row(int code);

#endif
