/* Households, members, incomes and events: the record of docs/dataset.md, with
 * the same value checks for the API and the CSV loader. */
#include <math.h>
#include <string.h>

#include "fields.h"
#include "model.h"

const char *const fupin__monitor_names[3] = {"unstable", "marginal", "hardship"};
const char *const fupin__assistance_names[3] = {"dibao", "tekun", "none"};
const char *const fupin__housing_names[6] = {"A", "B", "C", "D", "relocated", "none"};
const char *const fupin__school_names[6] = {"enrolled", "dropout",   "home_tuition",
                                            "exempt",   "completed", "none"};
const char *const fupin__sex_names[2] = {"M", "F"};
const char *const fupin__health_names[3] = {"healthy", "chronic", "major_illness"};
const char *const fupin__labor_names[3] = {"full", "partial", "none"};
const char *const fupin__event_names[FUPIN__EVENT_KIND_COUNT] = {
    "major_illness", "accident", "disability",       "disaster",
    "death",         "job_loss", "business_failure", "other"};
const char *const fupin__region_names[3] = {"east", "central", "west"};

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

void fupin__household_init(struct fupin_household *h)
{
    memset(h, 0, sizeof *h);
    h->monitor = h->assistance = h->housing = -1;
    h->food_secure = h->clothing_secure = h->water_quality_ok = -1;
    h->water_litres = h->water_minutes = h->water_supply_rate = NAN;
    h->region = FUPIN__REGION_UNKNOWN;
    h->water_scarce = -1;
}

static void member_init(struct fupin__member *m)
{
    memset(m, 0, sizeof *m);
    m->sex = m->school = m->disability = m->insured = m->health = m->labor = -1;
}

static void income_init(struct fupin__income *inc, int32_t year)
{
    memset(inc, 0, sizeof *inc);
    inc->year = year;
    for (int f = 0; f < FUPIN__INC_N; f++)
        fupin__income_set_amount(inc, f, FUPIN__FEN_UNKNOWN);
    fupin__income_set_amount(inc, FUPIN__INC_PRODUCTION, 0); /* as when the column is absent */
}

const struct fupin__income *fupin__household_income(const struct fupin_household *h, int32_t year)
{
    size_t lo = 0, hi = h->n_incomes;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (h->incomes[mid].year < year)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < h->n_incomes && h->incomes[lo].year == year ? &h->incomes[lo] : NULL;
}

int fupin__household_income_all_skipped(const struct fupin_household *h)
{
    return h->n_incomes && h->incomes[0].year == 0 && h->incomes[0].skipped;
}

/* ------------------------------------------------------------ field setters */

/* fupin__parse_enum for the tables of this file. Inlined where a table is named, the
 * names' lengths and bytes are constants: each name costs a length test and a word
 * compare, with no strlen or memcmp call, and the tables stay the one list of names. */
static inline int name_index(const char *s, size_t n, const char *const *names, int count)
{
    for (int i = 0; i < count; i++)
        if (strlen(names[i]) == n && memcmp(names[i], s, n) == 0)
            return i;
    return -1;
}

static inline const char *set_enum8(int8_t *dst, const char *v, size_t n, const char *const *names,
                                    int count, const char *what)
{
    if (n == 0) {
        *dst = -1;
        return NULL;
    }
    int i = name_index(v, n, names, count);
    if (i < 0)
        return what;
    *dst = (int8_t)i;
    return NULL;
}

static const char *set_flag(int8_t *dst, const char *v, size_t n)
{
    if (n == 0) {
        *dst = -1;
        return NULL;
    }
    return fupin__parse_flag(v, n, dst);
}

static const char *set_number(double *dst, const char *v, size_t n, double max)
{
    double d;
    if (n == 0) {
        *dst = NAN;
        return NULL;
    }
    const char *bad = fupin__parse_decimal(v, n, &d);
    if (bad)
        return bad;
    if (d > max)
        return "number out of range";
    *dst = d;
    return NULL;
}

static const char *set_year(int32_t *dst, const char *v, size_t n)
{
    if (n == 0) {
        *dst = 0;
        return NULL;
    }
    return fupin__parse_year(v, n, FUPIN_YEAR_MIN, FUPIN_YEAR_MAX, dst);
}

static const char *set_amount(int64_t *dst, const char *v, size_t n, int allow_negative)
{
    if (n == 0) {
        *dst = FUPIN__FEN_UNKNOWN;
        return NULL;
    }
    return fupin__parse_amount(v, n, allow_negative, dst);
}

static int field_index(const char *field, const char *const *names, int count)
{
    for (int i = 0; i < count; i++)
        if (strcmp(field, names[i]) == 0)
            return i;
    return -1;
}

enum {
    HF_VILLAGE_CODE,
    HF_REGISTERED_YEAR,
    HF_EXIT_YEAR,
    HF_MONITOR,
    HF_MONITOR_SINCE,
    HF_ASSISTANCE,
    HF_HOUSING,
    HF_FOOD_SECURE,
    HF_CLOTHING_SECURE,
    HF_WATER_QUALITY_OK,
    HF_WATER_LITRES,
    HF_WATER_MINUTES,
    HF_WATER_SUPPLY_RATE,
    HF_REGION,
    HF_WATER_SCARCE,
    HF_N
};
static const char *const household_fields[HF_N] = {
    "village_code", "registered_year", "exit_year",         "monitor",         "monitor_since",
    "assistance",   "housing",         "food_secure",       "clothing_secure", "water_quality_ok",
    "water_litres", "water_minutes",   "water_supply_rate", "region",          "water_scarce"};

int fupin__household_field_index(const char *field)
{
    return field_index(field, household_fields, HF_N);
}

const char *fupin__household_set_field_at(struct fupin_household *h, int index, const char *v,
                                          size_t n)
{
    switch (index) {
    case HF_VILLAGE_CODE:
        if (n == 0) {
            h->village_code[0] = '\0';
            return NULL;
        }
        if (n != 12)
            return "not a 12-digit division code";
        for (size_t i = 0; i < n; i++)
            if (v[i] < '0' || v[i] > '9')
                return "not a 12-digit division code";
        memcpy(h->village_code, v, 12);
        h->village_code[12] = '\0';
        return NULL;
    case HF_REGISTERED_YEAR:
        return set_year(&h->registered_year, v, n);
    case HF_EXIT_YEAR:
        return set_year(&h->exit_year, v, n);
    case HF_MONITOR:
        return set_enum8(&h->monitor, v, n, fupin__monitor_names, COUNT(fupin__monitor_names),
                         "not unstable, marginal or hardship");
    case HF_MONITOR_SINCE:
        if (n == 0) {
            memset(&h->monitor_since, 0, sizeof h->monitor_since);
            return NULL;
        }
        return fupin__parse_date(v, n, FUPIN_YEAR_MIN, FUPIN_YEAR_MAX, 0, &h->monitor_since);
    case HF_ASSISTANCE:
        return set_enum8(&h->assistance, v, n, fupin__assistance_names,
                         COUNT(fupin__assistance_names), "not dibao, tekun or none");
    case HF_HOUSING:
        return set_enum8(&h->housing, v, n, fupin__housing_names, COUNT(fupin__housing_names),
                         "not A, B, C, D, relocated or none");
    case HF_FOOD_SECURE:
        return set_flag(&h->food_secure, v, n);
    case HF_CLOTHING_SECURE:
        return set_flag(&h->clothing_secure, v, n);
    case HF_WATER_QUALITY_OK:
        return set_flag(&h->water_quality_ok, v, n);
    case HF_WATER_LITRES:
        return set_number(&h->water_litres, v, n, 1e9);
    case HF_WATER_MINUTES:
        return set_number(&h->water_minutes, v, n, 1e9);
    case HF_WATER_SUPPLY_RATE:
        return set_number(&h->water_supply_rate, v, n, 100);
    case HF_REGION: {
        int8_t r;
        const char *bad = set_enum8(&r, v, n, fupin__region_names, COUNT(fupin__region_names),
                                    "not east, central or west");
        if (!bad)
            h->region = r;
        return bad;
    }
    case HF_WATER_SCARCE:
        return set_flag(&h->water_scarce, v, n);
    default:
        return "unknown household field";
    }
}

const char *fupin__household_set_field(struct fupin_household *h, const char *f, const char *v,
                                       size_t n, int *unknown_field)
{
    int index = fupin__household_field_index(f);
    *unknown_field = index < 0;
    return fupin__household_set_field_at(h, index, v, n);
}

const char *fupin__household_check_exit(const struct fupin_household *h)
{
    if (h->exit_year && !h->registered_year)
        return "exit_year needs registered_year";
    if (h->exit_year && h->exit_year < h->registered_year)
        return "exit before registration";
    return NULL;
}

const char *fupin__household_check_monitor(const struct fupin_household *h)
{
    if (h->monitor >= 0 && !h->monitor_since.prec)
        return "monitor is set without monitor_since";
    return NULL;
}

const char *fupin__household_check(const struct fupin_household *h, const char **column)
{
    const char *bad = fupin__household_check_exit(h);
    if (bad) {
        *column = "exit_year";
        return bad;
    }
    if ((bad = fupin__household_check_monitor(h)))
        *column = "monitor_since";
    return bad;
}

enum {
    MF_BIRTH,
    MF_SEX,
    MF_ID_NUMBER,
    MF_SCHOOL,
    MF_DISABILITY,
    MF_INSURED,
    MF_HEALTH,
    MF_LABOR,
    MF_N
};
static const char *const member_fields[MF_N] = {"birth",      "sex",     "id_number", "school",
                                                "disability", "insured", "health",    "labor"};

int fupin__member_field_index(const char *field)
{
    return field_index(field, member_fields, MF_N);
}

/* One setter per member field, so that a loader can call each column's own through
 * a pointer it resolved once per file (fupin__member_setter): a call site per column
 * always reaches the same function, where one switch on the column for every value
 * was an indirect jump mispredicted from column to column. */
static const char *member_birth(void *rec, const char *v, size_t n)
{
    struct fupin__member *m = rec;
    struct fupin__date d;
    memset(&d, 0, sizeof d); /* its padding too: records compare the same byte for byte */
    if (n == 0)
        return "birth is required";
    const char *bad = fupin__parse_date(v, n, 1900, 2100, 1, &d);
    if (bad)
        return bad;
    if (m->has_id_number && (d.y != m->id_birth.y || (d.prec >= 2 && d.m != m->id_birth.m) ||
                             (d.prec >= 3 && d.d != m->id_birth.d)))
        return "birth does not agree with the identity number";
    m->birth = d;
    return NULL;
}

static const char *member_sex(void *rec, const char *v, size_t n)
{
    struct fupin__member *m = rec;
    return set_enum8(&m->sex, v, n, fupin__sex_names, COUNT(fupin__sex_names), "not M or F");
}

static const char *member_id_number(void *rec, const char *v, size_t n)
{
    struct fupin__member *m = rec;
    if (n == 0) {
        m->has_id_number = 0;
        return NULL;
    }
    const char *bad = fupin__check_idnum(v, n, m->birth.prec ? &m->birth : NULL);
    if (bad)
        return bad;
    m->has_id_number = 1;
    m->id_birth.y =
        (int16_t)((v[6] - '0') * 1000 + (v[7] - '0') * 100 + (v[8] - '0') * 10 + (v[9] - '0'));
    m->id_birth.m = (int8_t)((v[10] - '0') * 10 + (v[11] - '0'));
    m->id_birth.d = (int8_t)((v[12] - '0') * 10 + (v[13] - '0'));
    m->id_birth.prec = 3;
    return NULL;
}

static const char *member_school(void *rec, const char *v, size_t n)
{
    struct fupin__member *m = rec;
    return set_enum8(&m->school, v, n, fupin__school_names, COUNT(fupin__school_names),
                     "not enrolled, dropout, home_tuition, exempt, completed or none");
}

static const char *member_disability(void *rec, const char *v, size_t n)
{
    struct fupin__member *m = rec;
    int64_t d;
    if (n == 0) {
        m->disability = -1;
        return NULL;
    }
    if (n == 1 && v[0] >= '0' && v[0] <= '4') { /* the usual one digit, in place */
        m->disability = (int8_t)(v[0] - '0');
        return NULL;
    }
    const char *bad = fupin__parse_uint(v, n, 0, 4, &d);
    if (bad)
        return "not a disability grade 0..4";
    m->disability = (int8_t)d;
    return NULL;
}

static const char *member_insured(void *rec, const char *v, size_t n)
{
    struct fupin__member *m = rec;
    return set_flag(&m->insured, v, n);
}

static const char *member_health(void *rec, const char *v, size_t n)
{
    struct fupin__member *m = rec;
    return set_enum8(&m->health, v, n, fupin__health_names, COUNT(fupin__health_names),
                     "not healthy, chronic or major_illness");
}

static const char *member_labor(void *rec, const char *v, size_t n)
{
    struct fupin__member *m = rec;
    return set_enum8(&m->labor, v, n, fupin__labor_names, COUNT(fupin__labor_names),
                     "not full, partial or none");
}

static fupin__setter *const member_setters[MF_N] = {
    [MF_BIRTH] = member_birth,           [MF_SEX] = member_sex,
    [MF_ID_NUMBER] = member_id_number,   [MF_SCHOOL] = member_school,
    [MF_DISABILITY] = member_disability, [MF_INSURED] = member_insured,
    [MF_HEALTH] = member_health,         [MF_LABOR] = member_labor};

fupin__setter *fupin__member_setter(int index)
{
    return index >= 0 && index < MF_N ? member_setters[index] : NULL;
}

const char *fupin__member_set_field_at(struct fupin__member *m, int index, const char *v, size_t n)
{
    fupin__setter *set = fupin__member_setter(index);
    return set ? set(m, v, n) : "unknown member field";
}

const char *fupin__member_set_field(struct fupin__member *m, const char *f, const char *v, size_t n,
                                    int *unknown_field)
{
    int index = fupin__member_field_index(f);
    *unknown_field = index < 0;
    return fupin__member_set_field_at(m, index, v, n);
}

enum {
    IF_WAGE,
    IF_BUSINESS,
    IF_PROPERTY,
    IF_TRANSFER,
    IF_PRODUCTION,
    IF_MEDICAL,
    IF_EDUCATION,
    IF_N
};
static const char *const income_fields[IF_N] = {"wage",
                                                "business",
                                                "property",
                                                "transfer",
                                                "production_expense",
                                                "medical_expense",
                                                "education_expense"};

/* An incomes amount, parsed whole, then kept in the record's 48 bits (only on success,
 * as set_amount leaves its destination alone on error). */
static const char *set_income(struct fupin__income *inc, enum fupin__income_field f, const char *v,
                              size_t n, int allow_negative)
{
    int64_t fen;
    const char *bad = set_amount(&fen, v, n, allow_negative);
    if (!bad)
        fupin__income_set_amount(inc, f, fen);
    return bad;
}

int fupin__income_field_index(const char *field)
{
    return field_index(field, income_fields, IF_N);
}

/* One setter per income field, as for members above (fupin__income_setter). */
#define INCOME_SETTER(name, field, allow_negative)                                                 \
    static const char *name(void *rec, const char *v, size_t n)                                    \
    {                                                                                              \
        return set_income(rec, field, v, n, allow_negative);                                       \
    }
INCOME_SETTER(income_wage, FUPIN__INC_WAGE, 0)
INCOME_SETTER(income_business, FUPIN__INC_BUSINESS, 1)
INCOME_SETTER(income_property, FUPIN__INC_PROPERTY, 1)
INCOME_SETTER(income_transfer, FUPIN__INC_TRANSFER, 0)
INCOME_SETTER(income_production, FUPIN__INC_PRODUCTION, 0)
INCOME_SETTER(income_medical, FUPIN__INC_MEDICAL, 0)
INCOME_SETTER(income_education, FUPIN__INC_EDUCATION, 0)

static fupin__setter *const income_setters[IF_N] = {[IF_WAGE] = income_wage,
                                                    [IF_BUSINESS] = income_business,
                                                    [IF_PROPERTY] = income_property,
                                                    [IF_TRANSFER] = income_transfer,
                                                    [IF_PRODUCTION] = income_production,
                                                    [IF_MEDICAL] = income_medical,
                                                    [IF_EDUCATION] = income_education};

fupin__setter *fupin__income_setter(int index)
{
    return index >= 0 && index < IF_N ? income_setters[index] : NULL;
}

const char *fupin__income_set_field_at(struct fupin__income *inc, int index, const char *v,
                                       size_t n)
{
    fupin__setter *set = fupin__income_setter(index);
    return set ? set(inc, v, n) : "unknown income field";
}

const char *fupin__income_set_field(struct fupin__income *inc, const char *f, const char *v,
                                    size_t n, int *unknown_field)
{
    int index = fupin__income_field_index(f);
    *unknown_field = index < 0;
    return fupin__income_set_field_at(inc, index, v, n);
}

/* ------------------------------------------------------------ public API */

/* Report a rejected value like the loader does, with identity numbers masked. */
static int value_error(const char *hid, const char *column, const char *what, const char *v,
                       size_t n)
{
    char q[200];
    if (column && strcmp(column, "id_number") == 0) {
        char masked[80];
        fupin__mask_idnum(v, n < 70 ? n : 70, masked, sizeof masked);
        fupin__quote_value(q, sizeof q, masked, strlen(masked));
    } else {
        fupin__quote_value(q, sizeof q, v, n);
    }
    return fupin__error(FUPIN_EINVAL, "household \"%s\": column %s: %s (got \"%s\")",
                        hid ? hid : "", column, what, q);
}

int fupin_household_create(fupin_household **out, const char *id)
{
    if (out)
        *out = NULL;
    if (!out || !id)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    const char *bad = fupin__check_id(id, strlen(id));
    if (bad)
        return value_error("", "household_id", bad, id, strlen(id));
    fupin_household *h = fupin__malloc(sizeof *h);
    if (!h)
        return fupin__oom();
    fupin__household_init(h);
    h->owns_arrays = 1;
    h->id = fupin__strdup(id);
    if (!h->id) {
        fupin__free(h);
        return fupin__oom();
    }
    *out = h;
    return 0;
}

void fupin_household_free(fupin_household *h)
{
    if (!h)
        return;
    fupin__household_release(h);
    fupin__free(h);
}

/* Deep-copy the records of src into dst (already holding src's scalar fields). */
static int copy_arrays(struct fupin_household *dst, const struct fupin_household *src)
{
    dst->id = NULL;
    dst->members = NULL;
    dst->incomes = NULL;
    dst->events = NULL;
    dst->n_members = dst->n_incomes = dst->n_events = 0;
    dst->cap_members = dst->cap_incomes = dst->cap_events = 0;
    dst->owns_arrays = 1;
    if (!(dst->id = fupin__strdup(src->id)))
        return -1;
    if (src->n_members) {
        dst->members = fupin__malloc(src->n_members * sizeof *dst->members);
        if (!dst->members)
            return -1;
        for (size_t i = 0; i < src->n_members; i++) {
            dst->members[i] = src->members[i];
            dst->members[i].id = fupin__strdup(src->members[i].id);
            if (!dst->members[i].id)
                return -1;
            dst->n_members = dst->cap_members = (uint32_t)(i + 1);
        }
    }
    if (src->n_incomes) {
        dst->incomes = fupin__malloc(src->n_incomes * sizeof *dst->incomes);
        if (!dst->incomes)
            return -1;
        memcpy(dst->incomes, src->incomes, src->n_incomes * sizeof *dst->incomes);
        dst->n_incomes = dst->cap_incomes = src->n_incomes;
    }
    if (src->n_events) {
        dst->events = fupin__malloc(src->n_events * sizeof *dst->events);
        if (!dst->events)
            return -1;
        memcpy(dst->events, src->events, src->n_events * sizeof *dst->events);
        dst->n_events = dst->cap_events = src->n_events;
    }
    return 0;
}

void fupin__household_release(struct fupin_household *h)
{
    if (!h->owns_arrays)
        return;
    for (size_t i = 0; i < h->n_members; i++)
        fupin__free(h->members[i].id);
    fupin__free(h->members);
    fupin__free(h->incomes);
    fupin__free(h->events);
    fupin__free(h->id);
}

int fupin__household_copy_into(struct fupin_household *dst, const struct fupin_household *src)
{
    *dst = *src;
    if (copy_arrays(dst, src)) {
        fupin__household_release(dst);
        return fupin__oom();
    }
    return 0;
}

int fupin_household_copy(fupin_household **out, const fupin_household *household)
{
    if (out)
        *out = NULL;
    if (!out || !household)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    fupin_household *h = fupin__malloc(sizeof *h);
    if (!h)
        return fupin__oom();
    int rc = fupin__household_copy_into(h, household);
    if (rc) {
        fupin__free(h);
        return rc;
    }
    *out = h;
    return 0;
}

const char *fupin_household_id(const fupin_household *household)
{
    if (!household) {
        fupin__misuse(__func__, "NULL argument");
        return "";
    }
    return household->id ? household->id : "";
}

size_t fupin_household_member_count(const fupin_household *household)
{
    if (!household) {
        fupin__misuse(__func__, "NULL argument");
        return 0;
    }
    return household->n_members;
}

int fupin_household_incomplete(const fupin_household *household)
{
    if (!household)
        return fupin__misuse(__func__, "NULL argument");
    return household->incomplete || household->n_members == 0;
}

static struct fupin__member *find_member(fupin_household *h, const char *member_id)
{
    for (size_t i = 0; i < h->n_members; i++)
        if (strcmp(h->members[i].id, member_id) == 0)
            return &h->members[i];
    return NULL;
}

/* Room for need records in *arr. Counts are 32-bit (struct fupin_household): a household
 * is refused a record past UINT32_MAX rather than have its count wrap. */
static int grow(void **arr, uint32_t *cap, size_t need, size_t size, const char *what)
{
    if (need <= *cap)
        return 0;
    if (need > UINT32_MAX)
        return fupin__error(FUPIN_ENOMEM, "a household holds at most %lu %s",
                            (unsigned long)UINT32_MAX, what);
    size_t c = *cap ? (size_t)*cap * 2 : 4;
    while (c < need)
        c *= 2;
    if (c > UINT32_MAX)
        c = UINT32_MAX;
    void *p = fupin__reallocarray(*arr, c, size);
    if (!p)
        return fupin__oom();
    *arr = p;
    *cap = (uint32_t)c;
    return 0;
}

static int check_owned(const fupin_household *h, const char *fn)
{
    if (!h->owns_arrays)
        return fupin__error(FUPIN_EINVAL,
                            "%s: household \"%s\" belongs to a village or "
                            "dataset and cannot be changed",
                            fn, h->id);
    return 0;
}

/* An unknown field, with the closest known one when it looks like a misspelling. */
static int unknown_field(const char *id, const char *kind, const char *field,
                         const char *const *names, size_t n)
{
    const char *near = fupin__closest(field, names, n);
    return fupin__error(FUPIN_EINVAL, "household \"%s\": unknown %sfield \"%s\"%s%s%s", id, kind,
                        field, near ? " (did you mean " : "", near ? near : "", near ? "?)" : "");
}

int fupin_household_set(fupin_household *h, const char *field, const char *value)
{
    int unknown;
    if (!h || !field)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    if (check_owned(h, "fupin_household_set"))
        return FUPIN_EINVAL;
    if (!value)
        value = "";
    struct fupin_household tmp = *h;
    size_t n = strlen(value);
    const char *bad = fupin__household_set_field(&tmp, field, value, n, &unknown);
    if (unknown)
        return unknown_field(h->id, "", field, household_fields, HF_N);
    if (bad)
        return value_error(h->id, field, bad, value, n);
    *h = tmp;
    return 0;
}

int fupin_household_add_member(fupin_household *h, const char *member_id, const char *birth)
{
    int unknown;
    if (!h || !member_id)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    if (check_owned(h, "fupin_household_add_member"))
        return FUPIN_EINVAL;
    const char *bad = fupin__check_id(member_id, strlen(member_id));
    if (bad)
        return value_error(h->id, "member_id", bad, member_id, strlen(member_id));
    if (find_member(h, member_id))
        return fupin__error(FUPIN_EEXIST, "household \"%s\": duplicate member_id \"%s\"", h->id,
                            member_id);
    struct fupin__member m;
    member_init(&m);
    if (!birth)
        birth = "";
    bad = fupin__member_set_field(&m, "birth", birth, strlen(birth), &unknown);
    if (bad)
        return value_error(h->id, "birth", bad, birth, strlen(birth));
    if (grow((void **)&h->members, &h->cap_members, (size_t)h->n_members + 1, sizeof m, "members"))
        return FUPIN_ENOMEM;
    m.id = fupin__strdup(member_id);
    if (!m.id)
        return fupin__oom();
    h->members[h->n_members++] = m;
    return 0;
}

int fupin_household_set_member(fupin_household *h, const char *member_id, const char *field,
                               const char *value)
{
    int unknown;
    if (!h || !member_id || !field)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    if (check_owned(h, "fupin_household_set_member"))
        return FUPIN_EINVAL;
    struct fupin__member *m = find_member(h, member_id);
    if (!m)
        return fupin__error(FUPIN_ENOTFOUND, "household \"%s\": no member \"%s\"", h->id,
                            member_id);
    if (!value)
        value = "";
    struct fupin__member tmp = *m;
    size_t n = strlen(value);
    const char *bad = fupin__member_set_field(&tmp, field, value, n, &unknown);
    if (unknown)
        return unknown_field(h->id, "member ", field, member_fields, MF_N);
    if (bad)
        return value_error(h->id, field, bad, value, n);
    *m = tmp;
    return 0;
}

int fupin_household_set_income(fupin_household *h, int32_t year, const char *field,
                               const char *value)
{
    int unknown;
    if (!h || !field)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    if (check_owned(h, "fupin_household_set_income"))
        return FUPIN_EINVAL;
    if (year < FUPIN_YEAR_MIN || year > FUPIN_YEAR_MAX)
        return fupin__error(FUPIN_EINVAL, "household \"%s\": income year %d outside " FUPIN__YEARS,
                            h->id, (int)year);
    if (!value)
        value = "";
    size_t n = strlen(value);
    struct fupin__income tmp;
    const struct fupin__income *cur = fupin__household_income(h, year);
    if (cur)
        tmp = *cur;
    else
        income_init(&tmp, year);
    const char *bad = fupin__income_set_field(&tmp, field, value, n, &unknown);
    if (unknown)
        return unknown_field(h->id, "income ", field, income_fields, IF_N);
    if (bad)
        return value_error(h->id, field, bad, value, n);
    if (cur) {
        *(struct fupin__income *)cur = tmp;
        return 0;
    }
    if (grow((void **)&h->incomes, &h->cap_incomes, (size_t)h->n_incomes + 1, sizeof tmp,
             "incomes"))
        return FUPIN_ENOMEM;
    size_t pos = 0;
    while (pos < h->n_incomes && h->incomes[pos].year < year)
        pos++;
    memmove(&h->incomes[pos + 1], &h->incomes[pos], (h->n_incomes - pos) * sizeof tmp);
    h->incomes[pos] = tmp;
    h->n_incomes++;
    return 0;
}

int fupin_household_add_event(fupin_household *h, int32_t year, const char *kind,
                              const char *amount)
{
    if (!h || !kind)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    if (check_owned(h, "fupin_household_add_event"))
        return FUPIN_EINVAL;
    if (year < FUPIN_YEAR_MIN || year > FUPIN_YEAR_MAX)
        return fupin__error(FUPIN_EINVAL, "household \"%s\": event year %d outside " FUPIN__YEARS,
                            h->id, (int)year);
    struct fupin__event ev = {year, 0, FUPIN__FEN_UNKNOWN};
    int k = fupin__parse_enum(kind, strlen(kind), fupin__event_names, FUPIN__EVENT_KIND_COUNT);
    if (k < 0)
        return value_error(h->id, "kind", "not an event kind", kind, strlen(kind));
    ev.kind = k;
    if (!amount)
        amount = "";
    const char *bad = set_amount(&ev.amount, amount, strlen(amount), 0);
    if (bad)
        return value_error(h->id, "amount", bad, amount, strlen(amount));
    if (grow((void **)&h->events, &h->cap_events, (size_t)h->n_events + 1, sizeof ev, "events"))
        return FUPIN_ENOMEM;
    h->events[h->n_events++] = ev;
    return 0;
}

const char *fupin_household_field_name(size_t i)
{
    return i < HF_N ? household_fields[i] : NULL;
}

const char *fupin_member_field_name(size_t i)
{
    return i < MF_N ? member_fields[i] : NULL;
}

const char *fupin_income_field_name(size_t i)
{
    return i < IF_N ? income_fields[i] : NULL;
}
