/* The names of every enum value, exactly as the JSON contract writes them
 * (docs/reference/output.md): one table per enum kind, so that the CLI, check and the
 * bindings keep no tables of their own. */
#include <string.h>

#include "core.h"
#include "fupin/summary.h"
#include "fupin/household.h"
#include "fupin/dataset.h"

struct enum_row {
    int value;
    const char *name;
};

#define ROWS(t) t, sizeof t / sizeof t[0]

static const struct enum_row status_rows[] = {
    {FUPIN_STATUS_UNKNOWN, "unknown"}, {FUPIN_STATUS_MET, "met"}, {FUPIN_STATUS_UNMET, "unmet"}};
static const struct enum_row tri_rows[] = {
    {FUPIN_TRI_NULL, "null"}, {FUPIN_TRI_FALSE, "false"}, {FUPIN_TRI_TRUE, "true"}};
static const struct enum_row income_rows[] = {{FUPIN_INCOME_UNKNOWN, "unknown"},
                                              {FUPIN_INCOME_ABOVE, "above"},
                                              {FUPIN_INCOME_BELOW, "below"}};
static const struct enum_row dimension_rows[] = {
    {FUPIN_DIM_FOOD, "food"},           {FUPIN_DIM_CLOTHING, "clothing"},
    {FUPIN_DIM_EDUCATION, "education"}, {FUPIN_DIM_MEDICAL, "medical"},
    {FUPIN_DIM_HOUSING, "housing"},     {FUPIN_DIM_WATER, "water"}};
static const struct enum_row registration_rows[] = {
    {FUPIN_REG_NEVER, "never"}, {FUPIN_REG_REGISTERED, "registered"}, {FUPIN_REG_EXITED, "exited"}};
static const struct enum_row alert_rows[] = {{FUPIN_ALERT_NULL, "null"},
                                             {FUPIN_ALERT_NONE, "none"},
                                             {FUPIN_ALERT_WATCH, "watch"},
                                             {FUPIN_ALERT_WARNING, "warning"},
                                             {FUPIN_ALERT_SEVERE, "severe"}};
static const struct enum_row category_rows[] = {{FUPIN_CATEGORY_NULL, "null"},
                                                {FUPIN_CATEGORY_NONE, "none"},
                                                {FUPIN_CATEGORY_REGISTERED, "registered"},
                                                {FUPIN_CATEGORY_UNSTABLE, "unstable"},
                                                {FUPIN_CATEGORY_MARGINAL, "marginal"},
                                                {FUPIN_CATEGORY_HARDSHIP, "hardship"}};
static const struct enum_row monitor_rows[] = {{FUPIN_MONITOR_EXIT_NULL, "null"},
                                               {FUPIN_MONITOR_EXIT_NOT_MONITORED, "not_monitored"},
                                               {FUPIN_MONITOR_EXIT_STAY, "stay"},
                                               {FUPIN_MONITOR_EXIT_ELIGIBLE, "eligible"}};
static const struct enum_row list_rows[] = {{FUPIN_LIST_GUARANTEE, "guarantee.reasons"},
                                            {FUPIN_LIST_ALERT, "alert.reasons"},
                                            {FUPIN_LIST_MONITOR_EXIT, "monitor_exit.reasons"},
                                            {FUPIN_LIST_VILLAGE_EXIT, "village.exit_reasons"}};
/* net_income and monitoring_threshold are not written in the JSON line; they are
 * named where they would sit. */
static const struct enum_row figure_rows[] = {
    {FUPIN_FIG_PER_CAPITA, "income.per_capita"},
    {FUPIN_FIG_POVERTY_LINE, "income.poverty_line"},
    {FUPIN_FIG_NET_INCOME, "income.net_income"},
    {FUPIN_FIG_GROWTH, "income.growth"},
    {FUPIN_FIG_NATIONAL_GROWTH, "income.national_growth"},
    {FUPIN_FIG_GAP_PP, "income.gap_pp"},
    {FUPIN_FIG_REAL_GROWTH, "income.real_growth"},
    {FUPIN_FIG_NATIONAL_REAL_GROWTH, "income.national_real_growth"},
    {FUPIN_FIG_CAGR, "income.cagr"},
    {FUPIN_FIG_NATIONAL_CAGR, "income.national_cagr"},
    {FUPIN_FIG_MONITORING_THRESHOLD, "alert.monitoring_threshold"}};
static const struct enum_row file_rows[] = {{FUPIN_FILE_VILLAGES, "villages.csv"},
                                            {FUPIN_FILE_HOUSEHOLDS, "households.csv"},
                                            {FUPIN_FILE_MEMBERS, "members.csv"},
                                            {FUPIN_FILE_INCOMES, "incomes.csv"},
                                            {FUPIN_FILE_EVENTS, "events.csv"}};
static const struct enum_row count_rows[] = {
    {FUPIN_VC_HOUSEHOLDS, "households"},
    {FUPIN_VC_POPULATION, "population"},
    {FUPIN_VC_POOR_POPULATION, "poor_population"},
    {FUPIN_VC_GUARANTEE_MET, "guarantee.met"},
    {FUPIN_VC_GUARANTEE_UNMET, "guarantee.unmet"},
    {FUPIN_VC_GUARANTEE_UNKNOWN, "guarantee.unknown"},
    {FUPIN_VC_ALERT_NONE, "alerts.none"},
    {FUPIN_VC_ALERT_WATCH, "alerts.watch"},
    {FUPIN_VC_ALERT_WARNING, "alerts.warning"},
    {FUPIN_VC_ALERT_SEVERE, "alerts.severe"},
    {FUPIN_VC_CATEGORY_NONE, "categories.none"},
    {FUPIN_VC_CATEGORY_REGISTERED, "categories.registered"},
    {FUPIN_VC_CATEGORY_UNSTABLE, "categories.unstable"},
    {FUPIN_VC_CATEGORY_MARGINAL, "categories.marginal"},
    {FUPIN_VC_CATEGORY_HARDSHIP, "categories.hardship"},
    {FUPIN_VC_MONITOR_NOT_MONITORED, "monitor_exit.not_monitored"},
    {FUPIN_VC_MONITOR_STAY, "monitor_exit.stay"},
    {FUPIN_VC_MONITOR_ELIGIBLE, "monitor_exit.eligible"},
    {FUPIN_VC_INCOME_KNOWN, "income.households_income_known"},
    {FUPIN_VC_PANEL, "income.panel_households"},
    {FUPIN_VC_ABOVE_NATIONAL, "income.households_above_national"},
    {FUPIN_VC_SPAN_PANEL, "income.span_panel_households"}};
static const struct enum_row summary_figure_rows[] = {
    {FUPIN_VF_INCIDENCE, "incidence"},
    {FUPIN_VF_PER_CAPITA, "income.per_capita"},
    {FUPIN_VF_GROWTH, "income.growth"},
    {FUPIN_VF_NATIONAL_GROWTH, "income.national_growth"},
    {FUPIN_VF_GAP_PP, "income.gap_pp"},
    {FUPIN_VF_REAL_GROWTH, "income.real_growth"},
    {FUPIN_VF_NATIONAL_REAL_GROWTH, "income.national_real_growth"},
    {FUPIN_VF_CAGR, "income.cagr"},
    {FUPIN_VF_NATIONAL_CAGR, "income.national_cagr"}};
static const struct enum_row mpi_rows[] = {
    {FUPIN_MPI_H, "H"}, {FUPIN_MPI_A, "A"}, {FUPIN_MPI_M0, "M0"}};
static const struct enum_row mpi_dim_rows[] = {
    {FUPIN_DIM_FOOD, "food"},           {FUPIN_DIM_CLOTHING, "clothing"},
    {FUPIN_DIM_EDUCATION, "education"}, {FUPIN_DIM_MEDICAL, "medical"},
    {FUPIN_DIM_HOUSING, "housing"},     {FUPIN_DIM_WATER, "water"},
    {FUPIN_MPI_DIM_INCOME, "income"}};
static const struct enum_row kind_rows[] = {{FUPIN_SUMMARY_NONE, "none"},
                                            {FUPIN_SUMMARY_VILLAGE, "village"},
                                            {FUPIN_SUMMARY_GROUP, "group"}};

static const struct enum_table {
    const struct enum_row *rows;
    size_t n;
} tables[FUPIN_ENUM_COUNT] = {
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

static const struct enum_table *table(int kind, const char *func)
{
    if (kind < 0 || kind >= FUPIN_ENUM_COUNT) {
        fupin__misuse(func, "unknown enum kind");
        return NULL;
    }
    return &tables[kind];
}

const char *fupin_enum_name(int kind, int value)
{
    if (kind == FUPIN_ENUM_REASON) {
        const char *n = fupin_reason_name(value);
        if (!n)
            fupin__misuse(__func__, "not a reason code");
        return n;
    }
    const struct enum_table *t = table(kind, __func__);
    if (!t)
        return NULL;
    /* every table lists consecutive values in order: index directly (the JSON writer
     * names several values per household) */
    int64_t at = (int64_t)value - t->rows[0].value;
    if (at >= 0 && (uint64_t)at < t->n && t->rows[at].value == value)
        return t->rows[at].name;
    for (size_t i = 0; i < t->n; i++)
        if (t->rows[i].value == value)
            return t->rows[i].name;
    fupin__misuse(__func__, "value out of range");
    return NULL;
}

int fupin_enum_from_name(int kind, const char *name, int32_t *out)
{
    if (!name || !out)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    if (kind == FUPIN_ENUM_REASON)
        return fupin_reason_from_name(name, out);
    const struct enum_table *t = table(kind, __func__);
    if (!t)
        return FUPIN_EINVAL;
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->rows[i].name, name) == 0) {
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
    const struct enum_table *t = table(kind, __func__);
    return t ? t->n : 0;
}

int fupin_enum_value(int kind, size_t i)
{
    if (kind == FUPIN_ENUM_REASON) {
        int v = fupin__reason_at(i);
        return v ? v : fupin__misuse(__func__, "index out of range");
    }
    const struct enum_table *t = table(kind, __func__);
    if (!t)
        return FUPIN_INVALID;
    return i < t->n ? t->rows[i].value : fupin__misuse(__func__, "index out of range");
}
