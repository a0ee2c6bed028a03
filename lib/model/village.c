/* Villages: the record of villages.csv and the contiguous storage of its households. */
#include <string.h>

#include "fields.h"
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

enum {
    VF_NAME,
    VF_REGION,
    VF_POPULATION,
    VF_WATER_SCARCE,
    VF_PAVED_ROAD,
    VF_ELECTRICITY,
    VF_CLINIC,
    VF_BROADBAND,
    VF_COLLECTIVE_INCOME,
    VF_N
};
static const char *const village_fields[VF_N] = {"name",         "region",     "population",
                                                 "water_scarce", "paved_road", "electricity",
                                                 "clinic",       "broadband",  "collective_income"};

int fupin__village_field_index(const char *field)
{
    for (int i = 0; i < VF_N; i++)
        if (strcmp(field, village_fields[i]) == 0)
            return i;
    return -1;
}

const char *fupin__village_set_field_at(struct fupin_village *vl, int index, const char *v,
                                        size_t n, char **name_out)
{
    switch (index) {
    case VF_NAME:
        /* the caller stores the text (it owns the string storage) */
        *name_out = (char *)v;
        return NULL;
    case VF_REGION: {
        int r = fupin__parse_enum(v, n, fupin__region_names, 3);
        if (r < 0)
            return n == 0 ? "region is required" : "not east, central or west";
        vl->region = (int8_t)r;
        return NULL;
    }
    case VF_POPULATION: {
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
    case VF_WATER_SCARCE:
        if (n == 0)
            return "water_scarce is required";
        return fupin__parse_flag(v, n, &vl->water_scarce);
    case VF_PAVED_ROAD:
        return set_flag_blank(&vl->paved_road, v, n);
    case VF_ELECTRICITY:
        return set_flag_blank(&vl->electricity, v, n);
    case VF_CLINIC:
        return set_flag_blank(&vl->clinic, v, n);
    case VF_BROADBAND:
        return set_flag_blank(&vl->broadband, v, n);
    case VF_COLLECTIVE_INCOME:
        if (n == 0) {
            vl->collective_income = FUPIN__FEN_UNKNOWN;
            return NULL;
        }
        return fupin__parse_amount(v, n, 1, &vl->collective_income);
    default:
        return "unknown village field";
    }
}

const char *fupin__village_set_field(struct fupin_village *vl, const char *f, const char *v,
                                     size_t n, int *unknown_field, char **name_out)
{
    int index = fupin__village_field_index(f);
    *unknown_field = index < 0;
    return fupin__village_set_field_at(vl, index, v, n, name_out);
}

/* ------------------------------------------------------------------ public API */

int fupin_village_create(fupin_village **out, const char *code, const char *region)
{
    if (out)
        *out = NULL;
    if (!out || !code || !region)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    const char *bad = fupin__village_check_code(code, strlen(code));
    if (bad) {
        char q[200];
        fupin__quote_value(q, sizeof q, code, strlen(code));
        return fupin__error(FUPIN_EINVAL, "village_code: %s (got \"%s\")", bad, q);
    }
    struct fupin_village tmp;
    fupin__village_init(&tmp);
    int unknown;
    char *name = NULL;
    if ((bad = fupin__village_set_field(&tmp, "region", region, strlen(region), &unknown, &name))) {
        char q[200];
        fupin__quote_value(q, sizeof q, region, strlen(region));
        return fupin__error(FUPIN_EINVAL, "village %s: column region: %s (got \"%s\")", code, bad,
                            q);
    }
    fupin_village *v = fupin__malloc(sizeof *v);
    if (!v)
        return fupin__oom();
    *v = tmp;
    memcpy(v->code, code, 12);
    v->code[12] = '\0';
    /* docs/dataset.md: water_scarce is required in villages.csv; an API village starts as
     * not scarce until the caller says otherwise. */
    v->water_scarce = 0;
    v->owns_storage = 1;
    *out = v;
    return 0;
}

void fupin_village_free(fupin_village *v)
{
    if (!v)
        return;
    /* A dataset's villages point into the dataset's pools: the dataset frees those. */
    if (!v->owns_storage)
        return;
    for (size_t i = 0; i < v->n_households; i++)
        fupin__household_release(&v->households[i]);
    fupin__free(v->households);
    fupin__free(v->name);
    fupin__free(v);
}

int fupin_village_set(fupin_village *v, const char *field, const char *value)
{
    if (!v || !field)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    size_t n = value ? strlen(value) : 0;
    const char *text = value ? value : "";
    /* Work on a copy so that a rejected value leaves the village unchanged. */
    struct fupin_village tmp = *v;
    int unknown = 0;
    char *name = NULL;
    const char *bad = fupin__village_set_field(&tmp, field, text, n, &unknown, &name);
    if (bad) {
        char q[200];
        fupin__quote_value(q, sizeof q, text, n);
        if (unknown) {
            const char *near = fupin__closest(field, village_fields, VF_N);
            return fupin__error(FUPIN_EINVAL, "village %s: unknown field \"%s\"%s%s%s", v->code,
                                field, near ? " (did you mean " : "", near ? near : "",
                                near ? "?)" : "");
        }
        return fupin__error(FUPIN_EINVAL, "village %s: column %s: %s (got \"%s\")", v->code, field,
                            bad, q);
    }
    if (name) {
        if (!v->owns_storage)
            return fupin__error(
                FUPIN_EINVAL, "village %s: the name of a dataset's village cannot change", v->code);
        char *copy = NULL;
        if (n && !(copy = fupin__strndup(name, n)))
            return fupin__oom();
        fupin__free(v->name);
        v->name = copy;
        return 0;
    }
    tmp.name = v->name;
    *v = tmp;
    /* The households carry the village context the rules read (R-G6 scarce variants,
     * section 7 region variants), so a change of the village reaches them. */
    for (size_t i = 0; i < v->n_households; i++) {
        v->households[i].region = v->region;
        v->households[i].water_scarce = v->water_scarce;
    }
    return 0;
}

int fupin_village_add_household(fupin_village *v, const fupin_household *h)
{
    if (!v || !h)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    if (!v->owns_storage)
        return fupin__error(FUPIN_EINVAL, "village %s belongs to a dataset and cannot change",
                            v->code);
    if (fupin_village_find(v, h->id))
        return fupin__error(FUPIN_EEXIST, "village %s already has household \"%s\"", v->code,
                            h->id);
    if (v->n_households == v->cap_households) {
        size_t cap = v->cap_households ? v->cap_households * 2 : 8;
        /* The household structs move, but each owns its arrays through pointers that
         * stay valid, so nothing dangles after the move. */
        struct fupin_household *grown =
            fupin__reallocarray(v->households, cap, sizeof *v->households);
        if (!grown)
            return fupin__oom();
        v->households = grown;
        v->cap_households = cap;
    }
    struct fupin_household *dst = &v->households[v->n_households];
    int rc = fupin__household_copy_into(dst, h);
    if (rc)
        return rc;
    memcpy(dst->village_code, v->code, sizeof dst->village_code);
    dst->region = v->region;
    dst->water_scarce = v->water_scarce;
    /* village.h: a household without members is accepted and evaluates as incomplete
     * (everything that needs its members is unknown) rather than failing the village. */
    if (dst->n_members == 0)
        dst->incomplete = 1;
    v->n_households++;
    return 0;
}

const char *fupin_village_code(const fupin_village *v)
{
    if (!v) {
        fupin__misuse(__func__, "NULL argument");
        return "";
    }
    return v->code;
}

const char *fupin_village_name(const fupin_village *v)
{
    if (!v) {
        fupin__misuse(__func__, "NULL argument");
        return "";
    }
    return v->name ? v->name : "";
}

size_t fupin_village_household_count(const fupin_village *v)
{
    if (!v) {
        fupin__misuse(__func__, "NULL argument");
        return 0;
    }
    return v->n_households;
}

const fupin_household *fupin_village_household(const fupin_village *v, size_t i)
{
    if (!v || i >= v->n_households) {
        fupin__misuse(__func__, v ? "index out of range" : "NULL argument");
        return NULL;
    }
    return &v->households[i];
}

const fupin_household *fupin_village_find(const fupin_village *v, const char *household_id)
{
    if (!v || !household_id)
        return NULL;
    for (size_t i = 0; i < v->n_households; i++)
        if (v->households[i].id && strcmp(v->households[i].id, household_id) == 0)
            return &v->households[i];
    return NULL;
}
