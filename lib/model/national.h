/* The rows of national-defaults.csv, compiled in. */
#ifndef FUPIN_NATIONAL_H
#define FUPIN_NATIONAL_H
#include <stddef.h>
#include <stdint.h>

struct fupin__national_row {
    const char *name, *variant;
    int32_t year; /* 0: undated */
    double value;
    const char *kind, *source;
};
extern const struct fupin__national_row fupin__national_rows[];
extern const size_t fupin__national_count;
#endif
