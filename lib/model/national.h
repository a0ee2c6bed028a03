/* The rows of data/national-defaults.csv, compiled in: national.c is generated from
 * that file at build time (tools/gen/national_table.py). */
#ifndef FUPIN_NATIONAL_H
#define FUPIN_NATIONAL_H
#include <stddef.h>
#include <stdint.h>

struct fupin__national_row {
    const char *name, *variant;
    int32_t year; /* 0: undated */
    double value;
    const char *kind, *status, *source;
    const char *label; /* "name[:variant][@year]", as results list it */
    /* Index of this row among the low-confidence rows (status unconfirmed, weak or
     * widely quoted), the bit it sets in a result's low-confidence set; -1 otherwise. */
    int8_t low_bit;
};
extern const struct fupin__national_row fupin__national_rows[];
extern const size_t fupin__national_count;
/* Row index of each low-confidence row, by bit. */
extern const uint16_t fupin__national_low_rows[];
extern const size_t fupin__national_low_count;

/* A set of low-confidence rows (bit i = fupin__national_low_rows[i]): how many, and
 * the label of the i-th in the data file's order (NULL past the end). */
size_t fupin__low_count(uint64_t set);
const char *fupin__low_label(uint64_t set, size_t i);
#endif
