/* Sets of low-confidence built-in values, as results carry them (national.h). */
#include "national.h"

size_t fupin__low_count(uint64_t set)
{
    size_t n = 0;
    for (size_t b = 0; b < fupin__national_low_count && b < 64; b++)
        n += (set >> b) & 1;
    return n;
}

const char *fupin__low_label(uint64_t set, size_t i)
{
    for (size_t b = 0; b < fupin__national_low_count && b < 64; b++)
        if ((set >> b) & 1) {
            if (i == 0)
                return fupin__national_rows[fupin__national_low_rows[b]].label;
            i--;
        }
    return NULL;
}
