/* Internal model: the layout of policies, households, villages, datasets, resolved
 * parameters and results. model -> core. rules and io include this header; tools,
 * bindings and examples never do. */
#ifndef FUPIN_MODEL_H
#define FUPIN_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "fupin.h"
#include "../core/core.h"
#include "../core/value.h"

/* ------------------------------------------------------------------ policy */

/* Variants of docs/reference/rules.md section 7; FUPIN__V_NONE is the plain NAME. */
enum fupin__variant {
    FUPIN__V_NONE = 0,
    FUPIN__V_SCARCE = 1,
    FUPIN__V_EAST = 2,
    FUPIN__V_CENTRAL = 3,
    FUPIN__V_WEST = 4,
    FUPIN__V_COUNT = 5
};

/* Regions: FUPIN__REGION_UNKNOWN for a standalone household whose region was not given. */
enum fupin__region {
    FUPIN__REGION_UNKNOWN = -1,
    FUPIN__REGION_EAST = 0,
    FUPIN__REGION_CENTRAL = 1,
    FUPIN__REGION_WEST = 2
};

/* Every parameter of data/national-defaults.csv, in the order of that file. */
enum fupin__param {
    FUPIN__P_POVERTY_LINE,
    FUPIN__P_MONITORING_THRESHOLD,
    FUPIN__P_NATIONAL_RURAL_INCOME,
    FUPIN__P_RURAL_CPI,
    FUPIN__P_SCHOOL_AGE_MIN,
    FUPIN__P_SCHOOL_AGE_MAX,
    FUPIN__P_SCHOOL_AGE_MONTH,
    FUPIN__P_SCHOOL_AGE_DAY,
    FUPIN__P_WATER_LITRES_MIN,
    FUPIN__P_WATER_MINUTES_MAX,
    FUPIN__P_WATER_SUPPLY_RATE_MIN,
    FUPIN__P_INCOME_DROP_RATIO,
    FUPIN__P_RIGID_EXPENSE_RATIO,
    FUPIN__P_MONITOR_MIN_MONTHS,
    FUPIN__P_VILLAGE_EXIT_INCIDENCE_MAX,
    FUPIN__P_COUNTY_EXIT_INCIDENCE_MAX,
    FUPIN__P_VILLAGE_REQUIRE_PAVED_ROAD,
    FUPIN__P_VILLAGE_REQUIRE_ELECTRICITY,
    FUPIN__P_VILLAGE_REQUIRE_CLINIC,
    FUPIN__P_VILLAGE_REQUIRE_BROADBAND,
    FUPIN__P_MPI_K,
    FUPIN__P_MPI_WEIGHT_FOOD,
    FUPIN__P_MPI_WEIGHT_CLOTHING,
    FUPIN__P_MPI_WEIGHT_EDUCATION,
    FUPIN__P_MPI_WEIGHT_MEDICAL,
    FUPIN__P_MPI_WEIGHT_HOUSING,
    FUPIN__P_MPI_WEIGHT_WATER,
    FUPIN__P_MPI_WEIGHT_INCOME,
    FUPIN__P_COUNT
};

enum fupin__param_kind { FUPIN__KIND_RULE = 0, FUPIN__KIND_STATISTIC = 1 };
/* What values a parameter accepts (docs/policy.md). */
enum fupin__param_type {
    FUPIN__TYPE_NUMBER = 0, /* a finite number in [min, max] */
    FUPIN__TYPE_WHOLE = 1,  /* ages, months, days, monitor_min_months */
    FUPIN__TYPE_FLAG = 2,   /* 0 or 1 */
    FUPIN__TYPE_MONEY = 3,  /* yuan, a whole number of fen in [min, max] */
    FUPIN__TYPE_RATIO = 4   /* in [min, max], any decimals, compared exactly (fupin__dec) */
};

/* Every value is bounded (docs/policy.md says why): money so that fen stay exact in
 * int64 and products with member counts in int128; statistics so that no growth
 * figure can overflow to inf; ratios to their meaning. */
struct fupin__param_info {
    const char *name;
    int kind; /* enum fupin__param_kind */
    int type; /* enum fupin__param_type */
    double min, max;
};
extern const struct fupin__param_info fupin__params_info[FUPIN__P_COUNT];

/* One entry of a series: year 0 is undated (the earliest). origin is owned by the
 * policy ("built-in: SOURCE", "FILE:LINE" or "set by API"). */
struct fupin__entry {
    int32_t year;
    double value;
    struct fupin__dec dec; /* the same value exactly, as written (or the shortest
                              decimal of a double set through the API) */
    char *origin;
    /* The built-in row's low-confidence bit (national.h), -1 for any other value: a
     * file or the API replacing a built-in value clears it. */
    int8_t low_bit;
};

/* Entries sorted by year, undated (0) first; at most one per year. */
struct fupin__series {
    struct fupin__entry *e;
    size_t n;
};

struct fupin_policy {
    char *name;
    struct fupin__series s[FUPIN__P_COUNT][FUPIN__V_COUNT];
};

/* Lookup of one series for a year by docs/reference/rules.md section 7: rule -> greatest year <= Y
 * (undated counts as earliest); statistic -> exactly Y. NULL when nothing applies. */
const struct fupin__entry *fupin__series_lookup(const struct fupin__series *s, int kind,
                                                int32_t year);
/* Lookup with a variant chain, e.g. {SCARCE, WEST, NONE}, ending with FUPIN__V_NONE. */
const struct fupin__entry *fupin__policy_lookup(const fupin_policy *p, int param, const int *chain,
                                                size_t chain_len, int32_t year);
int fupin__param_from_name(const char *name, size_t n);   /* -1 if unknown */
int fupin__variant_from_name(const char *name, size_t n); /* -1 if unknown */
const char *fupin__variant_name(int variant);
/* The parameter / variant closest to a misspelt name (n bytes), or NULL. */
const char *fupin__param_closest(const char *name, size_t n);
const char *fupin__variant_closest(const char *name, size_t n);

/* Set an entry with file semantics (year 0 replaces the series). origin is copied. */
int fupin__policy_set_entry(fupin_policy *p, int param, int variant, int32_t year, double value,
                            const struct fupin__dec *dec, const char *origin);
/* Validate a value for a parameter's type and bounds: NULL or what is wrong, with
 * *code FUPIN_ERANGE (outside the bounds or finer than a fen) or FUPIN_EINVAL (not
 * whole, not a flag). dec is the value exactly (NULL: derived from value). */
const char *fupin__param_check_value(int param, double value, const struct fupin__dec *dec,
                                     int *code);
/* A new empty policy (no entries) and the built-in national one. */
fupin_policy *fupin__policy_new(const char *name);
int fupin__policy_national(fupin_policy **out);

/* ------------------------------------------------------------------ household */

/* Enumerations of the dataset's text values: index = position in the names table.
 * -1 always means blank (unknown). */
enum fupin__monitor { FUPIN__MONITOR_UNSTABLE, FUPIN__MONITOR_MARGINAL, FUPIN__MONITOR_HARDSHIP };
enum fupin__assistance { FUPIN__ASSIST_DIBAO, FUPIN__ASSIST_TEKUN, FUPIN__ASSIST_NONE };
enum fupin__housing {
    FUPIN__HOUSING_A,
    FUPIN__HOUSING_B,
    FUPIN__HOUSING_C,
    FUPIN__HOUSING_D,
    FUPIN__HOUSING_RELOCATED,
    FUPIN__HOUSING_NONE
};
enum fupin__school {
    FUPIN__SCHOOL_ENROLLED,
    FUPIN__SCHOOL_DROPOUT,
    FUPIN__SCHOOL_HOME_TUITION,
    FUPIN__SCHOOL_EXEMPT,
    FUPIN__SCHOOL_COMPLETED,
    FUPIN__SCHOOL_NONE
};
enum fupin__sex { FUPIN__SEX_M, FUPIN__SEX_F };
enum fupin__health { FUPIN__HEALTH_HEALTHY, FUPIN__HEALTH_CHRONIC, FUPIN__HEALTH_MAJOR_ILLNESS };
enum fupin__labor { FUPIN__LABOR_FULL, FUPIN__LABOR_PARTIAL, FUPIN__LABOR_NONE };
enum fupin__event_kind {
    FUPIN__EVENT_MAJOR_ILLNESS,
    FUPIN__EVENT_ACCIDENT,
    FUPIN__EVENT_DISABILITY,
    FUPIN__EVENT_DISASTER,
    FUPIN__EVENT_DEATH,
    FUPIN__EVENT_JOB_LOSS,
    FUPIN__EVENT_BUSINESS_FAILURE,
    FUPIN__EVENT_OTHER,
    FUPIN__EVENT_KIND_COUNT,
    /* A lenient load skipped an events record of this household for `year`
     * (year 0: the year itself was unreadable, so every year). R-M1 RISK_UNKNOWN. */
    FUPIN__EVENT_SKIPPED = 100
};
extern const char *const fupin__monitor_names[3];
extern const char *const fupin__assistance_names[3];
extern const char *const fupin__housing_names[6];
extern const char *const fupin__school_names[6];
extern const char *const fupin__sex_names[2];
extern const char *const fupin__health_names[3];
extern const char *const fupin__labor_names[3];
extern const char *const fupin__event_names[FUPIN__EVENT_KIND_COUNT];
extern const char *const fupin__region_names[3];

/* 32 bytes (a million households hold three and a half million members): the dates
 * side by side and the small fields last, with no padding between. The masked
 * id_number is not kept: nothing shows it (messages mask the value as read). */
struct fupin__member {
    char *id;                    /* 1..64 bytes; owned by the household or the arena */
    struct fupin__date birth;    /* as given (prec 1..3) */
    struct fupin__date id_birth; /* the birth date the id_number encodes (prec 3) */
    int8_t sex, school, disability, insured, health, labor; /* -1 = blank */
    int8_t has_id_number; /* an id_number was given and checked (the number is never kept) */
};

/* The seven amounts of an incomes record, in the order of the incomes.csv columns. */
enum fupin__income_field {
    FUPIN__INC_WAGE,
    FUPIN__INC_BUSINESS,
    FUPIN__INC_PROPERTY,
    FUPIN__INC_TRANSFER,
    FUPIN__INC_PRODUCTION, /* production_expense: 0 when the column is absent */
    FUPIN__INC_MEDICAL,
    FUPIN__INC_EDUCATION,
    FUPIN__INC_N
};

/* 48 bytes, not 64 (a million households hold three million of these, the largest
 * pool): an amount is at most FUPIN__FEN_MAX = 10^13 fen in magnitude, under 2^44, so
 * each is kept in 6 bytes, little-endian two's complement (48-bit), and read and
 * written only through fupin__income_amount / fupin__income_set_amount. Blank
 * (FUPIN__FEN_UNKNOWN) is stored as -2^47, which no amount can be. */
struct fupin__income {
    int32_t year;
    /* A lenient load skipped the incomes record for this year: income unknown.
     * year 0 with skipped set: the year itself was unreadable, so every year. */
    int8_t skipped;
    uint8_t amount[FUPIN__INC_N][6]; /* use the accessors below */
};
_Static_assert(sizeof(struct fupin__income) == 48, "three million of them: keep it 48 bytes");

/* The 48-bit code of FUPIN__FEN_UNKNOWN: the lowest 48-bit value, -2^47. Every amount
 * the parser accepts (|v| <= FUPIN__FEN_MAX) is far from it, so the setter refuses
 * nothing. */
#define FUPIN__INC_SIGN ((uint64_t)1 << 47)
_Static_assert(FUPIN__FEN_MAX < (int64_t)FUPIN__INC_SIGN, "every amount fits in 48 bits");

/* The amount of a field: fen, or FUPIN__FEN_UNKNOWN for blank. */
static inline int64_t fupin__income_amount(const struct fupin__income *inc,
                                           enum fupin__income_field f)
{
    const uint8_t *b = inc->amount[f];
    uint64_t u = (uint64_t)b[0] | (uint64_t)b[1] << 8 | (uint64_t)b[2] << 16 |
                 (uint64_t)b[3] << 24 | (uint64_t)b[4] << 32 | (uint64_t)b[5] << 40;
    if (u == FUPIN__INC_SIGN)
        return FUPIN__FEN_UNKNOWN;
    /* Sign extension without implementation-defined shifts or conversions: flipping
     * the sign bit maps -2^47..2^47-1 onto 0..2^48-1, then the offset comes back off. */
    return (int64_t)(u ^ FUPIN__INC_SIGN) - (int64_t)FUPIN__INC_SIGN;
}

/* Set a field to v: fen with |v| <= FUPIN__FEN_MAX, or FUPIN__FEN_UNKNOWN. */
static inline void fupin__income_set_amount(struct fupin__income *inc, enum fupin__income_field f,
                                            int64_t v)
{
    /* (uint64_t)v is v modulo 2^64: its low 48 bits are v's 48-bit two's complement. */
    uint64_t u = v == FUPIN__FEN_UNKNOWN ? FUPIN__INC_SIGN : (uint64_t)v;
    uint8_t *b = inc->amount[f];
    for (int i = 0; i < 6; i++)
        b[i] = (uint8_t)(u >> (8 * i));
}

struct fupin__event {
    int32_t year;
    int32_t kind;   /* enum fupin__event_kind */
    int64_t amount; /* fen or FUPIN__FEN_UNKNOWN */
};

/* 120 bytes, not 152: pointers, then 32-bit counts (a household never holds 4 G
 * records: the adders refuse to grow past UINT32_MAX), then the wide values, then the
 * small ones, so that nothing is padded but the end. */
struct fupin_household {
    char *id;
    struct fupin__member *members;
    struct fupin__income *incomes; /* sorted by year, one per year */
    struct fupin__event *events;   /* in file order */
    uint32_t n_members, cap_members;
    uint32_t n_incomes, cap_incomes;
    uint32_t n_events, cap_events;
    double water_litres, water_minutes, water_supply_rate; /* NAN = blank */
    int32_t registered_year, exit_year;                    /* 0 = blank */
    char village_code[13];                                 /* "" when not in a village */
    struct fupin__date monitor_since; /* prec 0 = blank, 1 = YYYY, 2 = YYYY-MM */
    int8_t monitor;                   /* enum fupin__monitor or -1 */
    int8_t assistance, housing, food_secure, clothing_secure, water_quality_ok; /* -1 blank */
    int8_t region;       /* enum fupin__region; set from the village */
    int8_t water_scarce; /* -1 unknown, 0, 1; set from the village */
    int8_t incomplete;   /* lenient load: a member record was skipped */
    int8_t owns_arrays;  /* standalone: frees id, members, incomes, events itself */
};

/* Initialise a household in place with every field blank (no allocation). */
void fupin__household_init(struct fupin_household *h);
/* The income record of a year, or NULL. Binary search (incomes sorted by year). */
const struct fupin__income *fupin__household_income(const struct fupin_household *h, int32_t year);
/* Whether a lenient load skipped an incomes record of every year (year 0 marker). */
int fupin__household_income_all_skipped(const struct fupin_household *h);

/* Deep-copy src into dst (dst then owns its arrays); release frees what a household
 * owns but not the struct itself. */
int fupin__household_copy_into(struct fupin_household *dst, const struct fupin_household *src);
void fupin__household_release(struct fupin_household *h);

/* Cross-field checks of a household record (exit_year needs registered_year and is
 * >= it; monitor needs monitor_since). NULL or what is wrong, *column the column. */
const char *fupin__household_check(const struct fupin_household *h, const char **column);
/* The two halves of that check, each about its own pair of columns, so that a loader
 * can report each where its columns are readable (docs/dataset.md, "When a value is wrong": the
 * leftmost bad column of a record): exit_year against registered_year (column exit_year), and
 * monitor against monitor_since (column monitor_since). */
const char *fupin__household_check_exit(const struct fupin_household *h);
const char *fupin__household_check_monitor(const struct fupin_household *h);

/* Field setters shared by the API and the loader. value/n is the CSV text (n = 0 is
 * blank). Return NULL on success or what is wrong; *unknown_field = 1 when the field
 * name is not one of this record's. None of them allocates except set_member's id. */
const char *fupin__household_set_field(struct fupin_household *h, const char *field,
                                       const char *value, size_t n, int *unknown_field);
const char *fupin__member_set_field(struct fupin__member *m, const char *field, const char *value,
                                    size_t n, int *unknown_field);
const char *fupin__income_set_field(struct fupin__income *inc, const char *field, const char *value,
                                    size_t n, int *unknown_field);

/* ------------------------------------------------------------------ village */

struct fupin_village {
    char code[13];
    char *name;
    int8_t region;       /* enum fupin__region (never unknown in a village) */
    int8_t water_scarce; /* 0/1 */
    int64_t population;  /* -1 = blank */
    int8_t paved_road, electricity, clinic, broadband; /* -1 blank */
    int64_t collective_income;                         /* fen or FUPIN__FEN_UNKNOWN */
    int8_t household_skipped; /* lenient load skipped one of its household records */
    int8_t owns_storage;      /* created by the API (owns everything) or a dataset slice */
    struct fupin_household *households; /* contiguous */
    size_t n_households, cap_households;
};

void fupin__village_init(struct fupin_village *v);
const char *fupin__village_check_code(const char *s, size_t n);
/* Set a villages.csv field from its text (n = 0 blank). For "name" nothing is stored:
 * *name_out is pointed at the text and the caller stores it where it keeps strings. */
const char *fupin__village_set_field(struct fupin_village *v, const char *field, const char *value,
                                     size_t n, int *unknown_field, char **name_out);

/* ------------------------------------------------------------------ dataset */

struct fupin_dataset {
    struct fupin_village *villages;
    size_t n_villages;
    /* Contiguous pools the villages' households point into. */
    struct fupin_household *households;
    size_t n_households;
    struct fupin__member *members;
    size_t n_members;
    struct fupin__income *incomes;
    size_t n_incomes;
    struct fupin__event *events;
    size_t n_events;
    char *arena; /* ids and names */
    size_t arena_len;
    char *member_ids; /* members' ids (read by their own thread: dataset_par.c) */
    char **problems;
    size_t n_problems;
    char **notices; /* facts about the folder and files (fupin_dataset_notice) */
    size_t n_notices;
    uint64_t read[FUPIN_FILE_COUNT], loaded[FUPIN_FILE_COUNT], skipped[FUPIN_FILE_COUNT];
    int32_t latest_year; /* 0 when there are no incomes */
};

/* ------------------------------------------------------------------ evaluation */

/* R-V5 dimensions: the six enum fupin_dimension, then income (R-I3) = 6. */
#define FUPIN__MPI_DIMS 7

/* A policy resolved for one year and one region (docs/reference/rules.md section 7).
 * Money in fen, ratios as exact decimals so that boundary comparisons are exact. */
struct fupin__params {
    int32_t year;
    int64_t poverty_line_fen;
    int8_t has_threshold; /* section 4: no monitoring_threshold -> alert is null */
    int64_t monitoring_threshold_fen;
    int32_t school_age_min, school_age_max, school_age_month, school_age_day;
    double water_litres_min[2], water_minutes_max[2], water_supply_rate_min[2]; /* [scarce] */
    struct fupin__dec income_drop, rigid_expense; /* exact ratios (R-A3, R-A4) */
    int32_t monitor_min_months;
    struct fupin__dec village_exit_incidence, county_exit_incidence; /* R-V2, R-V4 */
    int8_t require_paved_road, require_electricity, require_clinic, require_broadband;
    /* R-V5: cut-off and weights normalised to sum 1, in FUPIN__MPI_DIMS order */
    double mpi_k;
    int8_t mpi_ok; /* 0 when every weight is 0 (the R-V5 figures are then null) */
    double mpi_weight[FUPIN__MPI_DIMS];
    /* Low-confidence built-in values among those resolved (bits of national.h). */
    uint64_t low;
    /* R-G3 for this year: a member is of school age when born after school_born_after
     * and on or before school_born_by (dates as fupin__date_key numbers, rules.h). */
    int64_t school_born_after, school_born_by;
};

/* Statistics for the growth figures (R-I4..R-I6): NAN when missing. */
struct fupin__stats {
    double national_income, national_income_prev; /* Y and Y-1 */
    double cpi;                                   /* rural_cpi(Y) */
    double national_growth, national_real_growth; /* percent, unrounded; NAN when null */
    int32_t since;                                /* 0 = no span */
    double national_cagr;                         /* percent over [since, Y]; NAN null */
    double cpi_product;                           /* prod (1+cpi/100), since+1..Y; NAN */
    /* Low-confidence built-in statistics behind the figures above that are not null. */
    uint64_t low;
    double cpi_divisor; /* R-I6: 1 + cpi / 100 for the households' real growth; NAN */
};

struct fupin_evaluator {
    int32_t year;
    struct fupin__params region[4]; /* index region + 1: unknown, east, central, west */
    /* A household parameter has a regional value that differs from the plain one, so a
     * household whose region is unknown cannot be judged (docs/reference/rules.md: no missing data
     * may turn into a pass); names the first such parameter, NULL when none. */
    const char *region_matters;
    struct fupin__stats stats;
    /* Where national_rural_income(Y) comes from (R-I4: the results say which series
     * was used); "" when the series has no value for Y. Truncated at a character. */
    char national_origin[512];
};

/* Resolve (no allocation). On failure sets the error and returns a negative code. */
int fupin__evaluator_init(struct fupin_evaluator *e, const fupin_policy *p, int32_t year,
                          int32_t since);

#define FUPIN__MAX_REASONS 48

struct fupin__reasons {
    uint16_t n;
    int16_t code[FUPIN__MAX_REASONS];
};

struct fupin_result {
    char household[65];
    char village[13];
    int32_t year;
    int8_t guarantee;            /* enum fupin_status */
    int8_t dim[FUPIN_DIM_COUNT]; /* enum fupin_status */
    int8_t income_status;        /* enum fupin_income_status */
    int8_t exit_eligible;        /* enum fupin_tri */
    int8_t registration;         /* enum fupin_registration */
    int8_t alert_level;          /* enum fupin_alert_level */
    int8_t category;             /* enum fupin_category */
    int8_t monitor_exit;         /* enum fupin_monitor_exit */
    int8_t incomplete;
    int64_t net_income_fen;       /* FUPIN__FEN_UNKNOWN when unknown */
    int64_t net_income_prev_fen;  /* Y-1, FUPIN__FEN_UNKNOWN when unknown */
    int64_t net_income_since_fen; /* since year, FUPIN__FEN_UNKNOWN when unknown */
    int64_t members;              /* 0 when incomplete */
    int64_t per_capita_fen;       /* rounded; FUPIN__FEN_UNKNOWN when unknown */
    int64_t poverty_line_fen, monitoring_threshold_fen; /* threshold: -1 when none */
    double growth, national_growth, gap_pp, real_growth, national_real_growth; /* NAN null */
    double growth_unrounded;          /* R-I4 growth before its exact rounding (growth) */
    int32_t since;                    /* 0 = no span figures */
    double cagr, national_cagr;       /* NAN null */
    uint64_t low;                     /* low-confidence built-in values used (national.h) */
    struct fupin__reasons reasons[3]; /* enum fupin_list: guarantee, alert, monitor exit */
};

/* R-V5 figures of a village or group, unrounded; NAN null. */
struct fupin__mpi {
    int64_t included, excluded;           /* households */
    double h, a, m0;                      /* headcount ratio, intensity, adjusted headcount */
    double censored[FUPIN__MPI_DIMS];     /* censored headcount ratio per dimension */
    double contribution[FUPIN__MPI_DIMS]; /* percent of M0 */
};

/* What a village result and a group result share (R-V1..R-V5, R-I7). */
struct fupin__summary {
    int32_t year;
    int8_t exit_eligible; /* enum fupin_tri */
    int8_t has_alerts;    /* 0 in years without a monitoring threshold */
    int64_t households;
    int64_t population;      /* -1 null */
    int64_t poor_population; /* -1 null */
    double incidence;        /* NAN null */
    int64_t guarantee[3];    /* met, unmet, unknown */
    int64_t alerts[4];       /* none, watch, warning, severe */
    int64_t categories[5];   /* none, registered, unstable, marginal, hardship */
    int64_t monitor_exit[3]; /* not_monitored, stay, eligible */
    double per_capita;       /* R-I7 yuan, NAN null */
    double growth, national_growth, gap_pp, real_growth, national_real_growth;
    int64_t income_known, panel, above_national; /* above_national -1 null */
    int32_t since;
    double cagr, national_cagr;
    int64_t span_panel;
    uint64_t low;                  /* low-confidence built-in values used (national.h) */
    struct fupin__reasons reasons; /* R-V2, or R-V4 for a group */
    struct fupin__mpi mpi;         /* R-V5 */
};

/* R-V5: a household's deprived dimensions as a bit set (bit d = dimension d). */
#define FUPIN__MPI_MASKS (1 << FUPIN__MPI_DIMS)

/* The raw sums behind a group summary (R-V1, R-V3..R-V5, R-I7). Every field is a count,
 * an exact sum or a flag that combines by AND, so two groups of disjoint villages merge
 * exactly by adding them (lib/rules/merge.c); the summary is computed from them. */
struct fupin__totals {
    int64_t villages, households;
    int64_t population; /* sum of the villages'; -1 once one is blank */
    /* R-V1: poor_low counts the members known to be registered poor; poor_known stays
     * set while every household's contribution is known exactly. */
    int64_t poor_low;
    int32_t poor_known;
    int32_t region; /* -2 no village yet, -1 mixed regions, else the one region */
    int64_t guarantee[3], alerts[4], categories[5], monitor_exit[3];
    __extension__ __int128 total, members;      /* R-I7 per-capita, known in Y */
    __extension__ __int128 now, prev;           /* balanced panel Y, Y-1 */
    __extension__ __int128 span_now, span_base; /* span panel Y, since */
    int64_t known, panel, span_panel, above;
    /* R-V5: households with a dimension unknown; households and members of the others
     * by their deprivation set (the score, and so poverty, follows from the set and
     * the weights, so the sums do not depend on which weights apply to the group) */
    int64_t mpi_unknown;
    int64_t mpi_households[FUPIN__MPI_MASKS], mpi_members[FUPIN__MPI_MASKS];
    uint64_t low; /* low-confidence built-in values behind the households' results */
};

/* What finishing a group summary needs besides its totals: the evaluator's year and
 * statistics, and per region slot (as fupin_evaluator.region) the parameters a group
 * uses (has_threshold, county_exit_incidence, mpi_ok, mpi_k, mpi_weight, low). Parts
 * merge only when these agree. */
struct fupin__group_ctx {
    int32_t year;
    struct fupin__stats stats;
    struct fupin__params region[4];
};

/* A village or group summary. It owns everything its JSON line prints (code, name,
 * the ids of the households to visit first), so writing it needs nothing else. */
struct fupin_summary {
    int8_t kind;   /* enum fupin_summary_kind */
    char code[13]; /* village code, or group prefix (2, 4, 6 or 9 digits) */
    int64_t villages;
    struct fupin__summary s;
    /* Village only: the name (owned, "" when not given) ... */
    char *name;
    size_t cap_name;
    /* ... and the households to visit first: indices of those at warning or above,
     * severe first, then in village order, with their ids copied (65 bytes each).
     * Owned by the summary; kept across evaluations. */
    uint32_t *visit;
    char (*visit_id)[65];
    size_t n_visit, cap_visit;
    /* Group only: the exact sums the figures come from, and what finishing them needs
     * (lib/rules/merge.c merges them, lib/io/summary_io.c writes and reads them). */
    struct fupin__totals t;
    struct fupin__group_ctx ctx;
};

/* fupin__household_income_all_skipped (household.c) inline, for the evaluation of
 * every household (issue 15): the year-0 marker sorts first. */
static inline int fupin__household_income_all_skipped_inline(const struct fupin_household *h)
{
    return h->n_incomes && h->incomes[0].year == 0 && h->incomes[0].skipped;
}

#endif
