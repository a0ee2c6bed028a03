/* fupin summary: what a county office reads, as aligned tables that fit 80 columns
 * (issue 13 item 2). Every number is the library's: village and group results through
 * their accessors, the guarantee columns tallied from the households' results. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "present.h"

enum { NAME_W = 14, GAP = 2 };

struct table {
    const char *title;
    size_t n;             /* numeric columns after the name */
    const char *head[10]; /* their headings */
    size_t width[10];
};

static void rule_line(FILE *out, const struct table *t)
{
    size_t w = NAME_W;
    for (size_t i = 0; i < t->n; i++)
        w += GAP + t->width[i];
    for (size_t i = 0; i < w; i++)
        fputc('-', out);
    fputc('\n', out);
}

static void table_head(FILE *out, const struct table *t, const char *first)
{
    fprintf(out, "\n%s\n", t->title);
    print_cell(out, first, NAME_W, 0);
    for (size_t i = 0; i < t->n; i++) {
        fputs("  ", out);
        print_cell(out, t->head[i], t->width[i], 1);
    }
    fputc('\n', out);
    rule_line(out, t);
}

static void table_row(FILE *out, const struct table *t, const char *name, char cells[][40])
{
    print_cell(out, name, NAME_W, 0);
    for (size_t i = 0; i < t->n; i++) {
        fputs("  ", out);
        print_cell(out, cells[i], t->width[i], 1);
    }
    fputc('\n', out);
}

static void fmt_count(char *b, const struct srow *r, int which)
{
    if (r->count_null[which])
        strcpy(b, "-");
    else
        snprintf(b, 40, "%lld", (long long)r->count[which]);
}

/* A figure as the JSON prints it (shortest form of the rounded value). */
static void fmt_fig(char *b, int null, double v, int decimals)
{
    if (null) {
        strcpy(b, "-");
        return;
    }
    struct row tmp;
    row_reset(&tmp);
    row_dec(&tmp, v, decimals);
    snprintf(b, 40, "%s", tmp.c[0].s);
}

static const char *row_name(const struct srow *r, const char *lang, char *buf, size_t cap)
{
    if (!r->is_group)
        return r->name && r->name[0] ? r->name : r->id;
    int zh = strcmp(lang, "zh") == 0;
    if (r->id[0])
        snprintf(buf, cap, "%s %s", zh ? "合计" : "Total", r->id);
    else
        snprintf(buf, cap, "%s", zh ? "合计" : "Total");
    return buf;
}

static void villages_table(FILE *out, const struct run *run, const char *lang)
{
    int zh = strcmp(lang, "zh") == 0;
    const struct words *w = words_for(lang);
    struct table t = {zh ? "村情与退出（R-V1、R-V2）" : "Villages and exit (R-V1, R-V2)",
                      6,
                      {zh ? "代码" : "code", zh ? "户数" : "hholds", zh ? "人口" : "people",
                       zh ? "贫困人口" : "poor", zh ? "发生率%" : "incid.%",
                       zh ? "可退出" : "exit"},
                      {12, 6, 7, 8, 7, 7}};
    table_head(out, &t, zh ? "村" : "village");
    char cells[10][40], nb[64];
    for (size_t v = 0; v <= run->n_rows; v++) {
        const struct srow *r = v < run->n_rows ? &run->rows[v] : &run->total;
        if (v == run->n_rows)
            rule_line(out, &t);
        snprintf(cells[0], 40, "%s", r->is_group ? (r->id[0] ? r->id : "") : r->id);
        fmt_count(cells[1], r, FUPIN_VC_HOUSEHOLDS);
        fmt_count(cells[2], r, FUPIN_VC_POPULATION);
        fmt_count(cells[3], r, FUPIN_VC_POOR_POPULATION);
        /* incidence is a share rounded to 4 decimals: as a percent it has 2 */
        fmt_fig(cells[4], r->fig_null[FUPIN_VF_INCIDENCE], r->fig[FUPIN_VF_INCIDENCE] * 100, 2);
        snprintf(cells[5], 40, "%s", w->tri[r->exit + 1]);
        table_row(out, &t, row_name(r, lang, nb, sizeof nb), cells);
    }
    /* Why not: every village (and the total) that cannot exit or is unknown. */
    int header = 0;
    for (size_t v = 0; v <= run->n_rows; v++) {
        const struct srow *r = v < run->n_rows ? &run->rows[v] : &run->total;
        if (!r->n_reason)
            continue;
        if (!header) {
            fprintf(out, "%s\n", zh ? "未能退出或情况未知的原因：" : "Why not, or why unknown:");
            header = 1;
        }
        char text[2048];
        reasons_text(text, sizeof text, r->reason, r->n_reason, lang);
        char first[128];
        if (r->is_group)
            snprintf(first, sizeof first, "  %s: ", row_name(r, lang, nb, sizeof nb));
        else
            snprintf(first, sizeof first, "  %s %s: ", row_name(r, lang, nb, sizeof nb), r->id);
        print_wrapped(out, first, "    ", text, 80);
    }
}

static void guarantee_table(FILE *out, const struct run *run, const char *lang)
{
    int zh = strcmp(lang, "zh") == 0;
    struct table t = {zh ? "“两不愁三保障”及饮水安全：未达标户/情况未知户（R-G1..R-G6）"
                         : "Guarantees: households unmet/unknown (R-G1..R-G6)",
                      6,
                      {zh ? "吃饭" : "food", zh ? "穿衣" : "clothes", zh ? "义务教育" : "school",
                       zh ? "基本医疗" : "medical", zh ? "住房安全" : "housing",
                       zh ? "饮水安全" : "water"},
                      {8, 8, 8, 8, 8, 8}};
    table_head(out, &t, zh ? "村" : "village");
    char cells[10][40], nb[64];
    for (size_t v = 0; v <= run->n_rows; v++) {
        const struct srow *r = v < run->n_rows ? &run->rows[v] : &run->total;
        if (v == run->n_rows)
            rule_line(out, &t);
        for (int d = 0; d < FUPIN_DIM_COUNT; d++)
            snprintf(cells[d], 40, "%lld/%lld", (long long)r->dim_unmet[d],
                     (long long)r->dim_unknown[d]);
        table_row(out, &t, row_name(r, lang, nb, sizeof nb), cells);
    }
}

static void alert_table(FILE *out, const struct run *run, const char *lang)
{
    int zh = strcmp(lang, "zh") == 0;
    struct table t = {zh ? "监测预警（R-A10）与风险消除（R-M1），户"
                         : "Alert levels (R-A10) and leaving monitoring (R-M1), households",
                      7,
                      {zh ? "严重" : "severe", zh ? "预警" : "warning", zh ? "关注" : "watch",
                       zh ? "无" : "none", zh ? "继续监测" : "stay", zh ? "可消除" : "leave",
                       zh ? "先走访" : "visit"},
                      {6, 7, 6, 6, 8, 6, 6}};
    table_head(out, &t, zh ? "村" : "village");
    static const int which[6] = {FUPIN_VC_ALERT_SEVERE, FUPIN_VC_ALERT_WARNING,
                                 FUPIN_VC_ALERT_WATCH,  FUPIN_VC_ALERT_NONE,
                                 FUPIN_VC_MONITOR_STAY, FUPIN_VC_MONITOR_ELIGIBLE};
    char cells[10][40], nb[64];
    for (size_t v = 0; v <= run->n_rows; v++) {
        const struct srow *r = v < run->n_rows ? &run->rows[v] : &run->total;
        if (v == run->n_rows)
            rule_line(out, &t);
        for (int i = 0; i < 6; i++)
            fmt_count(cells[i], r, which[i]);
        if (r->has_alerts)
            snprintf(cells[6], 40, "%zu", r->visit_count);
        else
            strcpy(cells[6], "-");
        table_row(out, &t, row_name(r, lang, nb, sizeof nb), cells);
    }
    t.title = zh ? "监测对象类别（R-A11），户" : "Categories (R-A11), households";
    t.n = 4;
    t.head[0] = zh ? "建档立卡户" : "registered";
    t.head[1] = zh ? "脱贫不稳定" : "unstable";
    t.head[2] = zh ? "边缘易致贫" : "marginal";
    t.head[3] = zh ? "突发困难" : "hardship";
    for (int i = 0; i < 4; i++)
        t.width[i] = 10;
    table_head(out, &t, zh ? "村" : "village");
    for (size_t v = 0; v <= run->n_rows; v++) {
        const struct srow *r = v < run->n_rows ? &run->rows[v] : &run->total;
        if (v == run->n_rows)
            rule_line(out, &t);
        for (int i = 0; i < 4; i++)
            fmt_count(cells[i], r, FUPIN_VC_CATEGORY_REGISTERED + i);
        table_row(out, &t, row_name(r, lang, nb, sizeof nb), cells);
    }
}

static void income_table(FILE *out, const struct run *run, const char *lang)
{
    int zh = strcmp(lang, "zh") == 0;
    struct table t = {zh ? "收入（R-I7）与增长（R-I4，元、%）"
                         : "Income (R-I7) and growth against the national figure (R-I4)",
                      6,
                      {zh ? "人均纯收入" : "per capita", zh ? "增长%" : "growth%",
                       zh ? "全国%" : "nation%", zh ? "差(点)" : "gap pp",
                       zh ? "高于全国" : "above", zh ? "面板户" : "panel"},
                      {10, 7, 7, 7, 8, 6}};
    table_head(out, &t, zh ? "村" : "village");
    char cells[10][40], nb[64];
    for (size_t v = 0; v <= run->n_rows; v++) {
        const struct srow *r = v < run->n_rows ? &run->rows[v] : &run->total;
        if (v == run->n_rows)
            rule_line(out, &t);
        fmt_fig(cells[0], r->fig_null[FUPIN_VF_PER_CAPITA], r->fig[FUPIN_VF_PER_CAPITA], 2);
        fmt_fig(cells[1], r->fig_null[FUPIN_VF_GROWTH], r->fig[FUPIN_VF_GROWTH], 2);
        fmt_fig(cells[2], r->fig_null[FUPIN_VF_NATIONAL_GROWTH], r->fig[FUPIN_VF_NATIONAL_GROWTH],
                2);
        fmt_fig(cells[3], r->fig_null[FUPIN_VF_GAP_PP], r->fig[FUPIN_VF_GAP_PP], 2);
        fmt_count(cells[4], r, FUPIN_VC_ABOVE_NATIONAL);
        fmt_count(cells[5], r, FUPIN_VC_PANEL);
        table_row(out, &t, row_name(r, lang, nb, sizeof nb), cells);
    }
}

static void visit_list(FILE *out, const struct run *run, const char *lang)
{
    int zh = strcmp(lang, "zh") == 0;
    const struct words *w = words_for(lang);
    fprintf(out, "\n%s\n",
            zh ? "优先走访户（R-A10：严重、预警）及原因"
               : "Households to visit first (R-A10 severe, then warning), and why");
    if (!run->n_visits) {
        fprintf(out, "  %s\n", zh ? "无" : "none");
        return;
    }
    size_t i = 0;
    while (i < run->n_visits) {
        size_t village = run->visits[i].village, listed = 0;
        const struct srow *r = &run->rows[village];
        fprintf(out, "%s %s\n", r->name && r->name[0] ? r->name : "", r->id);
        for (; i < run->n_visits && run->visits[i].village == village; i++, listed++) {
            const struct visit *v = &run->visits[i];
            const char *level = v->level >= 0 && v->level <= 3 ? w->alert[v->level] : "-";
            const char *cat = v->category >= 0 && v->category <= 4 ? w->category[v->category] : "-";
            fputs("  ", out);
            print_cell(out, v->id, 12, 0);
            fprintf(out, "  %s  %s\n", level, cat);
            for (size_t k = 0; k < v->n_reason; k++) {
                const char *d = fupin_reason_describe(v->reason[k], lang);
                print_wrapped(out, "      - ", "        ", d ? d : fupin_reason_name(v->reason[k]),
                              80);
            }
        }
        if (r->visit_count > listed) {
            char more[256];
            if (zh)
                snprintf(more, sizeof more,
                         "……另有 %zu 户（--visits all 全部列出，或 fupin report --alerts-only）",
                         r->visit_count - listed);
            else
                snprintf(more, sizeof more,
                         "... and %zu more (--visits all lists them, as does fupin report "
                         "--alerts-only)",
                         r->visit_count - listed);
            print_wrapped(out, "  ", "    ", more, 80);
        }
    }
}

int fupin_cmd_summary(int argc, char **argv)
{
    struct options o = {0};
    int rc = fupin_cli_parse_options(argc, argv, 2,
                                     OPT_POLICY | OPT_YEAR | OPT_SINCE | OPT_LENIENT | OPT_LANG |
                                         OPT_PROGRESS | OPT_VISITS | OPT_ENCODING,
                                     1, &o);
    if (rc)
        return rc;
    const char *lang = fupin_cli_lang(o.lang);
    int zh = strcmp(lang, "zh") == 0;
    fupin_policy *policy = NULL;
    fupin_dataset *ds = NULL;
    fupin_evaluator *ev = NULL;
    struct run run = {0};
    struct progress prog;
    int status = EXIT_USAGE;

    progress_start(&prog, o.progress);
    if (fupin_cli_load_policy(o.policy, &policy))
        goto done;
    if (fupin_cli_load_dataset_progress(o.dataset, o.lenient, o.encoding, &prog, &ds))
        goto done;
    fupin_cli_print_problems(ds);
    int32_t year = 0;
    if (fupin_cli_default_year(o.year, ds, policy, &year))
        goto done;
    fupin_cli_year_notes(stderr, o.year, year, ds, policy, 1);
    rc = o.since ? fupin_evaluator_create_since(&ev, policy, year, o.since)
                 : fupin_evaluator_create(&ev, policy, year);
    if (rc) {
        fupin_cli_fail("policy", rc);
        goto done;
    }
    progress_set_total(&prog, ds);
    if (run_collect(&run, ev, ds, o.since, run_visits(o.visits), &prog, NULL, NULL))
        goto done;

    FILE *out = stdout;
    if (zh)
        fprintf(out, "fupin 汇总：%d 年，政策 %s，%zu 个村\n", year,
                o.policy ? o.policy : "national", run.n_rows);
    else
        fprintf(out, "fupin summary: %d, policy %s, %zu villages\n", year,
                o.policy ? o.policy : "national", run.n_rows);
    if (!run.total.has_alerts)
        fprintf(out, "%s\n",
                zh ? "本年无监测标准：不作监测预警（规则第4节）。"
                   : "No monitoring threshold this year: no alerts (rules section 4).");
    villages_table(out, &run, lang);
    guarantee_table(out, &run, lang);
    alert_table(out, &run, lang);
    income_table(out, &run, lang);
    visit_list(out, &run, lang);
    status = fupin_cli_finish_output(out);
done:
    run_free(&run);
    fupin_evaluator_free(ev);
    fupin_dataset_free(ds);
    fupin_policy_free(policy);
    return status;
}
