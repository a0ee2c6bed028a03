/* Villages: the record of villages.csv and the contiguous storage of its households. */
#include <string.h>

#include "model.h"

void fupin__village_init(struct fupin_village *v)
{
    memset(v, 0, sizeof *v);
    v->region = FUPIN__REGION_EAST;
    v->population = -1;
    v->paved_road = v->electricity = v->clinic = v->broadband = -1;
    v->collective_income = FUPIN__FEN_UNKNOWN;
}

static const char *set_flag_blank(int8_t *dst, const char *v, size_t n)
{
    if (n == 0) {
        *dst = -1;
        return NULL;
    }
    return fupin__parse_flag(v, n, dst);
}

const char *fupin__village_check_code(const char *s, size_t n)
{
    if (n != 12)
        return "not a 12-digit division code";
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return "not a 12-digit division code";
    return NULL;
}

const char *fupin__village_set_field(struct fupin_village *vl, const char *f, const char *v,
                                     size_t n, int *unknown_field, char **name_out)
{
    *unknown_field = 0;
    if (strcmp(f, "name") == 0) {
        /* the caller stores the text (it owns the string storage) */
        *name_out = (char *)v;
        return NULL;
    }
    if (strcmp(f, "region") == 0) {
        int r = fupin__parse_enum(v, n, fupin__region_names, 3);
        if (r < 0)
            return n == 0 ? "region is required" : "not east, central or west";
        vl->region = (int8_t)r;
        return NULL;
    }
    if (strcmp(f, "population") == 0) {
        int64_t p;
        if (n == 0) {
            vl->population = -1;
            return NULL;
        }
        if (fupin__parse_uint(v, n, 1, INT64_MAX / 1000000, &p))
            return "not a whole number >= 1";
        vl->population = p;
        return NULL;
    }
    if (strcmp(f, "water_scarce") == 0) {
        if (n == 0)
            return "water_scarce is required";
        return fupin__parse_flag(v, n, &vl->water_scarce);
    }
    if (strcmp(f, "paved_road") == 0)
        return set_flag_blank(&vl->paved_road, v, n);
    if (strcmp(f, "electricity") == 0)
        return set_flag_blank(&vl->electricity, v, n);
    if (strcmp(f, "clinic") == 0)
        return set_flag_blank(&vl->clinic, v, n);
    if (strcmp(f, "broadband") == 0)
        return set_flag_blank(&vl->broadband, v, n);
    if (strcmp(f, "collective_income") == 0) {
        if (n == 0) {
            vl->collective_income = FUPIN__FEN_UNKNOWN;
            return NULL;
        }
        return fupin__parse_amount(v, n, 1, &vl->collective_income);
    }
    *unknown_field = 1;
    return "unknown village field";
}
