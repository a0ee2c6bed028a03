/* The names of every enum value, exactly as the JSON contract writes them
 * (docs/reference/output.md): one table per enum kind, so that the CLI, check and the
 * bindings keep no tables of their own. */
#include <string.h>

#include "core.h"
#include "names.h"
#include "fupin/summary.h"
#include "fupin/household.h"
#include "fupin/dataset.h"

#define ROWS(t) t, sizeof t / sizeof t[0]
#define NAME(value, s)                                                                             \
    {                                                                                              \
        value, FUPIN__NAME_TEXT(s)                                                                 \
    }

static const struct fupin__name status_rows[] = {NAME(FUPIN_STATUS_UNKNOWN, "unknown"),
                                                 NAME(FUPIN_STATUS_MET, "met"),
                                                 NAME(FUPIN_STATUS_UNMET, "unmet")};
static const struct fupin__name tri_rows[] = {
    NAME(FUPIN_TRI_NULL, "null"), NAME(FUPIN_TRI_FALSE, "false"), NAME(FUPIN_TRI_TRUE, "true")};
static const struct fupin__name income_rows[] = {NAME(FUPIN_INCOME_UNKNOWN, "unknown"),
                                                 NAME(FUPIN_INCOME_ABOVE, "above"),
                                                 NAME(FUPIN_INCOME_BELOW, "below")};
static const struct fupin__name dimension_rows[] = {
    NAME(FUPIN_DIM_FOOD, "food"),           NAME(FUPIN_DIM_CLOTHING, "clothing"),
    NAME(FUPIN_DIM_EDUCATION, "education"), NAME(FUPIN_DIM_MEDICAL, "medical"),
    NAME(FUPIN_DIM_HOUSING, "housing"),     NAME(FUPIN_DIM_WATER, "water")};
static const struct fupin__name registration_rows[] = {NAME(FUPIN_REG_NEVER, "never"),
                                                       NAME(FUPIN_REG_REGISTERED, "registered"),
                                                       NAME(FUPIN_REG_EXITED, "exited")};
static const struct fupin__name alert_rows[] = {
    NAME(FUPIN_ALERT_NULL, "null"), NAME(FUPIN_ALERT_NONE, "none"),
    NAME(FUPIN_ALERT_WATCH, "watch"), NAME(FUPIN_ALERT_WARNING, "warning"),
    NAME(FUPIN_ALERT_SEVERE, "severe")};
static const struct fupin__name category_rows[] = {NAME(FUPIN_CATEGORY_NULL, "null"),
                                                   NAME(FUPIN_CATEGORY_NONE, "none"),
                                                   NAME(FUPIN_CATEGORY_REGISTERED, "registered"),
                                                   NAME(FUPIN_CATEGORY_UNSTABLE, "unstable"),
                                                   NAME(FUPIN_CATEGORY_MARGINAL, "marginal"),
                                                   NAME(FUPIN_CATEGORY_HARDSHIP, "hardship")};
static const struct fupin__name monitor_rows[] = {
    NAME(FUPIN_MONITOR_EXIT_NULL, "null"), NAME(FUPIN_MONITOR_EXIT_NOT_MONITORED, "not_monitored"),
    NAME(FUPIN_MONITOR_EXIT_STAY, "stay"), NAME(FUPIN_MONITOR_EXIT_ELIGIBLE, "eligible")};
static const struct fupin__name list_rows[] = {
    NAME(FUPIN_LIST_GUARANTEE, "guarantee.reasons"), NAME(FUPIN_LIST_ALERT, "alert.reasons"),
    NAME(FUPIN_LIST_MONITOR_EXIT, "monitor_exit.reasons"),
    NAME(FUPIN_LIST_VILLAGE_EXIT, "village.exit_reasons")};
/* net_income and monitoring_threshold are not written in the JSON line; they are
 * named where they would sit. */
static const struct fupin__name figure_rows[] = {
    NAME(FUPIN_FIG_PER_CAPITA, "income.per_capita"),
    NAME(FUPIN_FIG_POVERTY_LINE, "income.poverty_line"),
    NAME(FUPIN_FIG_NET_INCOME, "income.net_income"),
    NAME(FUPIN_FIG_GROWTH, "income.growth"),
    NAME(FUPIN_FIG_NATIONAL_GROWTH, "income.national_growth"),
    NAME(FUPIN_FIG_GAP_PP, "income.gap_pp"),
    NAME(FUPIN_FIG_REAL_GROWTH, "income.real_growth"),
    NAME(FUPIN_FIG_NATIONAL_REAL_GROWTH, "income.national_real_growth"),
    NAME(FUPIN_FIG_CAGR, "income.cagr"),
    NAME(FUPIN_FIG_NATIONAL_CAGR, "income.national_cagr"),
    NAME(FUPIN_FIG_MONITORING_THRESHOLD, "alert.monitoring_threshold")};
static const struct fupin__name file_rows[] = {
    NAME(FUPIN_FILE_VILLAGES, "villages.csv"), NAME(FUPIN_FILE_HOUSEHOLDS, "households.csv"),
    NAME(FUPIN_FILE_MEMBERS, "members.csv"), NAME(FUPIN_FILE_INCOMES, "incomes.csv"),
    NAME(FUPIN_FILE_EVENTS, "events.csv")};
static const struct fupin__name count_rows[] = {
    NAME(FUPIN_VC_HOUSEHOLDS, "households"),
    NAME(FUPIN_VC_POPULATION, "population"),
    NAME(FUPIN_VC_POOR_POPULATION, "poor_population"),
    NAME(FUPIN_VC_GUARANTEE_MET, "guarantee.met"),
    NAME(FUPIN_VC_GUARANTEE_UNMET, "guarantee.unmet"),
    NAME(FUPIN_VC_GUARANTEE_UNKNOWN, "guarantee.unknown"),
    NAME(FUPIN_VC_ALERT_NONE, "alerts.none"),
    NAME(FUPIN_VC_ALERT_WATCH, "alerts.watch"),
    NAME(FUPIN_VC_ALERT_WARNING, "alerts.warning"),
    NAME(FUPIN_VC_ALERT_SEVERE, "alerts.severe"),
    NAME(FUPIN_VC_CATEGORY_NONE, "categories.none"),
    NAME(FUPIN_VC_CATEGORY_REGISTERED, "categories.registered"),
    NAME(FUPIN_VC_CATEGORY_UNSTABLE, "categories.unstable"),
    NAME(FUPIN_VC_CATEGORY_MARGINAL, "categories.marginal"),
    NAME(FUPIN_VC_CATEGORY_HARDSHIP, "categories.hardship"),
    NAME(FUPIN_VC_MONITOR_NOT_MONITORED, "monitor_exit.not_monitored"),
    NAME(FUPIN_VC_MONITOR_STAY, "monitor_exit.stay"),
    NAME(FUPIN_VC_MONITOR_ELIGIBLE, "monitor_exit.eligible"),
    NAME(FUPIN_VC_INCOME_KNOWN, "income.households_income_known"),
    NAME(FUPIN_VC_PANEL, "income.panel_households"),
    NAME(FUPIN_VC_ABOVE_NATIONAL, "income.households_above_national"),
    NAME(FUPIN_VC_SPAN_PANEL, "income.span_panel_households")};
static const struct fupin__name summary_figure_rows[] = {
    NAME(FUPIN_VF_INCIDENCE, "incidence"),
    NAME(FUPIN_VF_PER_CAPITA, "income.per_capita"),
    NAME(FUPIN_VF_GROWTH, "income.growth"),
    NAME(FUPIN_VF_NATIONAL_GROWTH, "income.national_growth"),
    NAME(FUPIN_VF_GAP_PP, "income.gap_pp"),
    NAME(FUPIN_VF_REAL_GROWTH, "income.real_growth"),
    NAME(FUPIN_VF_NATIONAL_REAL_GROWTH, "income.national_real_growth"),
    NAME(FUPIN_VF_CAGR, "income.cagr"),
    NAME(FUPIN_VF_NATIONAL_CAGR, "income.national_cagr")};
static const struct fupin__name mpi_rows[] = {NAME(FUPIN_MPI_H, "H"), NAME(FUPIN_MPI_A, "A"),
                                              NAME(FUPIN_MPI_M0, "M0")};
static const struct fupin__name mpi_dim_rows[] = {
    NAME(FUPIN_DIM_FOOD, "food"),           NAME(FUPIN_DIM_CLOTHING, "clothing"),
    NAME(FUPIN_DIM_EDUCATION, "education"), NAME(FUPIN_DIM_MEDICAL, "medical"),
    NAME(FUPIN_DIM_HOUSING, "housing"),     NAME(FUPIN_DIM_WATER, "water"),
    NAME(FUPIN_MPI_DIM_INCOME, "income")};
static const struct fupin__name kind_rows[] = {NAME(FUPIN_SUMMARY_NONE, "none"),
                                               NAME(FUPIN_SUMMARY_VILLAGE, "village"),
                                               NAME(FUPIN_SUMMARY_GROUP, "group")};

/* Every table lists consecutive values in order, so that a name is found by indexing
 * (fupin__enum_row; tests/test_names.c holds every table to it). */
const struct fupin__name_table fupin__names[FUPIN_ENUM_COUNT] = {
    [FUPIN_ENUM_STATUS] = {ROWS(status_rows)},
    [FUPIN_ENUM_TRI] = {ROWS(tri_rows)},
    [FUPIN_ENUM_INCOME_STATUS] = {ROWS(income_rows)},
    [FUPIN_ENUM_DIMENSION] = {ROWS(dimension_rows)},
    [FUPIN_ENUM_REGISTRATION] = {ROWS(registration_rows)},
    [FUPIN_ENUM_ALERT_LEVEL] = {ROWS(alert_rows)},
    [FUPIN_ENUM_CATEGORY] = {ROWS(category_rows)},
    [FUPIN_ENUM_MONITOR_EXIT] = {ROWS(monitor_rows)},
    [FUPIN_ENUM_REASON] = {NULL, 0}, /* reasons.c */
    [FUPIN_ENUM_LIST] = {ROWS(list_rows)},
    [FUPIN_ENUM_FIGURE] = {ROWS(figure_rows)},
    [FUPIN_ENUM_DATASET_FILE] = {ROWS(file_rows)},
    [FUPIN_ENUM_SUMMARY_COUNT] = {ROWS(count_rows)},
    [FUPIN_ENUM_SUMMARY_FIGURE] = {ROWS(summary_figure_rows)},
    [FUPIN_ENUM_MPI_FIGURE] = {ROWS(mpi_rows)},
    [FUPIN_ENUM_MPI_DIMENSION] = {ROWS(mpi_dim_rows)},
    [FUPIN_ENUM_SUMMARY_KIND] = {ROWS(kind_rows)},
};

static const struct fupin__name_table *table(int kind, const char *func)
{
    if (kind < 0 || kind >= FUPIN_ENUM_COUNT) {
        fupin__misuse(func, "unknown enum kind");
        return NULL;
    }
    return &fupin__names[kind];
}

const char *fupin_enum_name(int kind, int value)
{
    if (kind == FUPIN_ENUM_REASON) {
        const char *n = fupin_reason_name(value);
        if (!n)
            fupin__misuse(__func__, "not a reason code");
        return n;
    }
    if (!table(kind, __func__))
        return NULL;
    const struct fupin__name *row = fupin__enum_row(kind, value);
    if (row)
        return row->text;
    fupin__misuse(__func__, "value out of range");
    return NULL;
}

int fupin_enum_from_name(int kind, const char *name, int32_t *out)
{
    if (!name || !out)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    if (kind == FUPIN_ENUM_REASON)
        return fupin_reason_from_name(name, out);
    const struct fupin__name_table *t = table(kind, __func__);
    if (!t)
        return FUPIN_EINVAL;
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->rows[i].text, name) == 0) {
            *out = t->rows[i].value;
            return 0;
        }
    return fupin__error(FUPIN_ENOTFOUND, "%s: no value of enum kind %d is named \"%.60s\"",
                        __func__, kind, name);
}

size_t fupin_enum_count(int kind)
{
    if (kind == FUPIN_ENUM_REASON)
        return fupin__reason_count();
    const struct fupin__name_table *t = table(kind, __func__);
    return t ? t->n : 0;
}

int fupin_enum_value(int kind, size_t i)
{
    if (kind == FUPIN_ENUM_REASON) {
        int v = fupin__reason_at(i);
        return v ? v : fupin__misuse(__func__, "index out of range");
    }
    const struct fupin__name_table *t = table(kind, __func__);
    if (!t)
        return FUPIN_INVALID;
    return i < t->n ? t->rows[i].value : fupin__misuse(__func__, "index out of range");
}
