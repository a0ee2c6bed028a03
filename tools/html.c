/* The report page (issue 13 item 4): one self-contained HTML file with inline SVG
 * charts and the tables under them. No script, no external resource (fonts, styles
 * and charts are all in the file), a print stylesheet, in zh or en. Every number is
 * the library's, printed as the JSON prints it; table cells carry the JSON path of
 * their value in data-key, so a reader (or a test) can check them against the JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "html.h"

struct texts {
    const char *title, *year_policy, *total, *households, *visit, *county_exit, *no_prefix;
    const char *alerts_h, *alerts_note, *gaps_h, *gaps_note, *growth_h, *growth_note, *national,
        *no_national, *exit_h, *villages_h, *alerts_table_h, *dims_h, *groups_h, *visit_h, *village,
        *code, *name, *population, *poor, *incidence, *exit, *why, *per_capita, *growth,
        *nat_growth, *gap, *above, *unmet, *unknown, *level, *category, *reasons, *household,
        *no_alerts, *none, *capped, *prefix, *villages, *no_data, *stay, *leave, *more, *area_exit;
};

static const struct texts en = {
    "Poverty-alleviation report",
    "Year %d, policy %s",
    "Total",
    "households",
    "to visit first",
    "Exit of %s (R-V4): %s",
    "The villages share no division prefix: no county exit check.",
    "Alert levels per village (R-A10)",
    "Households per alert level; the longest bars carry the most households.",
    "Guarantee gaps by dimension (R-G1..R-G6)",
    "Households whose dimension is unmet (dark) or unknown (light), all villages.",
    "Income growth per village against the national average (R-I4, R-I7)",
    "Per-capita net income growth on the previous year, balanced panel; the line is the "
    "national rural income growth.",
    "national",
    "No national growth for this year: no line drawn.",
    "Village exit status (R-V2)",
    "Villages: exit and income",
    "Villages: alerts, categories, leaving monitoring",
    "Villages: guarantee gaps (unmet / unknown households)",
    "Groups (R-V4, R-V5)",
    "Households to visit first (R-A10 severe, then warning)",
    "Village",
    "Code",
    "Name",
    "Population",
    "Poor",
    "Incidence",
    "Exit",
    "Why",
    "Per capita (yuan)",
    "Growth %",
    "National %",
    "Gap (pp)",
    "Above national",
    "unmet",
    "unknown",
    "Level",
    "Category",
    "Reasons",
    "Household",
    "No monitoring threshold this year: no alert levels (rules section 4).",
    "none",
    "The charts show the %zu villages with the most households to visit first, of %zu; "
    "the tables list all.",
    "Prefix",
    "Villages",
    "no data",
    "stay",
    "may leave",
    "... and %zu more in this village (fupin report --alerts-only, or --visits all)",
    "exit of %s (R-V4)",
};

static const struct texts zh = {
    "巩固脱贫攻坚成果报告",
    "%d 年，政策 %s",
    "合计",
    "户",
    "优先走访",
    "%s 退出（R-V4）：%s",
    "各村不属于同一行政区划：不作县级退出判断。",
    "各村监测预警等级（R-A10）",
    "各预警等级户数。",
    "“两不愁三保障”及饮水安全缺口（R-G1..R-G6）",
    "未达标户（深色）与情况未知户（浅色），全部村合计。",
    "各村人均纯收入增长与全国平均（R-I4、R-I7）",
    "人均纯收入较上年增长（平衡面板）；竖线为全国农村居民收入增长。",
    "全国",
    "本年无全国增长数据：不画全国线。",
    "各村退出情况（R-V2）",
    "村：退出与收入",
    "村：预警、类别、风险消除",
    "村：保障缺口（未达标户/未知户）",
    "区域汇总（R-V4、R-V5）",
    "优先走访户（R-A10：严重、预警）",
    "村",
    "代码",
    "名称",
    "人口",
    "贫困人口",
    "贫困发生率",
    "可退出",
    "原因",
    "人均纯收入（元）",
    "增长%",
    "全国%",
    "差（百分点）",
    "高于全国户数",
    "未达标",
    "未知",
    "预警等级",
    "类别",
    "原因",
    "户",
    "本年无监测标准：不作监测预警（规则第4节）。",
    "无",
    "图中为优先走访户最多的 %zu 个村（共 %zu 个）；表中列出全部村。",
    "区划代码",
    "村数",
    "无数据",
    "继续监测",
    "可消除",
    "……本村另有 %zu 户（fupin report --alerts-only，或 --visits all）",
    "%s 可退出（R-V4）",
};

enum { CHART_MAX = 60, W = 760, LABEL = 150, BAR_X = 160, BAR_W = 520, ROW_H = 22 };

static void esc(FILE *o, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '&':
            fputs("&amp;", o);
            break;
        case '<':
            fputs("&lt;", o);
            break;
        case '>':
            fputs("&gt;", o);
            break;
        case '"':
            fputs("&quot;", o);
            break;
        case '\'':
            fputs("&#39;", o);
            break;
        default:
            if (*p >= 0x20 || *p == '\n' || *p == '\t')
                fputc(*p, o);
        }
    }
}

static const char *fig_text(char *b, int null, double v, int decimals)
{
    if (null)
        return "—";
    struct row t;
    row_reset(&t);
    row_dec(&t, v, decimals);
    snprintf(b, 64, "%s", t.c[0].s);
    return b;
}

static const char *count_text(char *b, const struct srow *r, int which)
{
    if (r->count_null[which])
        return "—";
    snprintf(b, 64, "%lld", (long long)r->count[which]);
    return b;
}

static const char *vname(const struct srow *r)
{
    return r->name && r->name[0] ? r->name : r->id;
}

/* The villages the charts show: all, or the CHART_MAX with the most households to
 * visit first (ties in dataset order), kept in dataset order. */
struct pick {
    size_t *idx;
    size_t n;
};

static int by_visits_desc(const void *a, const void *b)
{
    const size_t *x = a, *y = b; /* [visits, index] pairs */
    if (x[0] != y[0])
        return x[0] > y[0] ? -1 : 1;
    return x[1] < y[1] ? -1 : x[1] > y[1];
}

static int by_index(const void *a, const void *b)
{
    const size_t *x = a, *y = b;
    return *x < *y ? -1 : *x > *y;
}

static int pick_villages(const struct run *run, struct pick *p)
{
    p->n = run->n_rows < CHART_MAX ? run->n_rows : CHART_MAX;
    p->idx = malloc((p->n ? p->n : 1) * sizeof *p->idx);
    size_t *pairs = malloc((run->n_rows ? run->n_rows : 1) * 2 * sizeof *pairs);
    if (!p->idx || !pairs) {
        free(pairs);
        return -1;
    }
    for (size_t i = 0; i < run->n_rows; i++) {
        pairs[2 * i] = run->rows[i].visit_count;
        pairs[2 * i + 1] = i;
    }
    if (run->n_rows > CHART_MAX)
        qsort(pairs, run->n_rows, 2 * sizeof *pairs, by_visits_desc);
    for (size_t i = 0; i < p->n; i++)
        p->idx[i] = pairs[2 * i + 1];
    qsort(p->idx, p->n, sizeof *p->idx, by_index);
    free(pairs);
    return 0;
}

static const char *const alert_colour[4] = {"#c8d1d9", "#f2c94c", "#f2994a", "#c0392b"};

static void svg_open(FILE *o, int h, const char *label)
{
    fprintf(o,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" "
            "height=\"%d\" role=\"img\" aria-label=\"",
            W, h, W, h);
    esc(o, label);
    fputs("\">\n", o);
}

static void svg_label(FILE *o, int x, int y, const char *anchor, const char *s)
{
    fprintf(o, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\">", x, y, anchor);
    esc(o, s);
    fputs("</text>\n", o);
}

static void chart_alerts(FILE *o, const struct run *run, const struct pick *p,
                         const struct texts *t, const struct words *w)
{
    fprintf(o, "<section id=\"chart-alerts\"><h2>");
    esc(o, t->alerts_h);
    fputs("</h2>\n", o);
    if (!run->total.has_alerts) {
        fputs("<p class=\"note\">", o);
        esc(o, t->no_alerts);
        fputs("</p></section>\n", o);
        return;
    }
    int64_t max = 1;
    for (size_t i = 0; i < p->n; i++) {
        const struct srow *r = &run->rows[p->idx[i]];
        if (r->count[FUPIN_VC_HOUSEHOLDS] > max)
            max = r->count[FUPIN_VC_HOUSEHOLDS];
    }
    int h = 40 + (int)p->n * ROW_H;
    svg_open(o, h, t->alerts_h);
    /* legend */
    for (int l = 3, x = BAR_X; l >= 0; l--, x += 130) {
        fprintf(o, "<rect x=\"%d\" y=\"6\" width=\"14\" height=\"14\" fill=\"%s\"/>", x,
                alert_colour[l]);
        svg_label(o, x + 20, 18, "start", w->alert[l]);
    }
    for (size_t i = 0; i < p->n; i++) {
        const struct srow *r = &run->rows[p->idx[i]];
        int y = 32 + (int)i * ROW_H;
        svg_label(o, LABEL, y + 15, "end", vname(r));
        double x = BAR_X;
        for (int l = 3; l >= 0; l--) {
            int64_t c = r->count[FUPIN_VC_ALERT_NONE + l];
            double bw = (double)c * BAR_W / (double)max;
            if (c > 0) {
                fprintf(o,
                        "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"%s\">"
                        "<title>",
                        x, y + 2, bw, alert_colour[l]);
                esc(o, vname(r));
                fprintf(o, ": %s %lld</title></rect>\n", w->alert[l], (long long)c);
            }
            x += bw;
        }
        char b[96];
        snprintf(b, sizeof b, "%lld/%lld",
                 (long long)(r->count[FUPIN_VC_ALERT_SEVERE] + r->count[FUPIN_VC_ALERT_WARNING]),
                 (long long)r->count[FUPIN_VC_HOUSEHOLDS]);
        svg_label(o, (int)x + 6, y + 15, "start", b);
    }
    fputs("</svg>\n<p class=\"note\">", o);
    esc(o, t->alerts_note);
    fputs("</p></section>\n", o);
}

static void chart_gaps(FILE *o, const struct run *run, const struct texts *t, const struct words *w)
{
    const struct srow *r = &run->total;
    int64_t max = r->count[FUPIN_VC_HOUSEHOLDS] > 0 ? r->count[FUPIN_VC_HOUSEHOLDS] : 1;
    fputs("<section id=\"chart-gaps\"><h2>", o);
    esc(o, t->gaps_h);
    fputs("</h2>\n", o);
    svg_open(o, 40 + FUPIN_DIM_COUNT * 30, t->gaps_h);
    fprintf(o, "<rect x=\"%d\" y=\"6\" width=\"14\" height=\"14\" fill=\"#b03a2e\"/>", BAR_X);
    svg_label(o, BAR_X + 20, 18, "start", t->unmet);
    fprintf(o, "<rect x=\"%d\" y=\"6\" width=\"14\" height=\"14\" fill=\"#d5b8b4\"/>", BAR_X + 130);
    svg_label(o, BAR_X + 150, 18, "start", t->unknown);
    for (int d = 0; d < FUPIN_DIM_COUNT; d++) {
        int y = 32 + d * 30;
        double um = (double)r->dim_unmet[d] * BAR_W / (double)max;
        double uk = (double)r->dim_unknown[d] * BAR_W / (double)max;
        svg_label(o, LABEL, y + 17, "end", w->dim[d]);
        fprintf(o,
                "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"20\" fill=\"#b03a2e\">"
                "<title>%s %lld</title></rect>\n",
                BAR_X, y + 2, um, t->unmet, (long long)r->dim_unmet[d]);
        fprintf(o,
                "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"20\" fill=\"#d5b8b4\">"
                "<title>%s %lld</title></rect>\n",
                BAR_X + um, y + 2, uk, t->unknown, (long long)r->dim_unknown[d]);
        char b[64];
        snprintf(b, sizeof b, "%lld / %lld", (long long)r->dim_unmet[d],
                 (long long)r->dim_unknown[d]);
        svg_label(o, (int)(BAR_X + um + uk) + 6, y + 17, "start", b);
    }
    fputs("</svg>\n<p class=\"note\">", o);
    esc(o, t->gaps_note);
    fputs("</p></section>\n", o);
}

static void chart_growth(FILE *o, const struct run *run, const struct pick *p,
                         const struct texts *t)
{
    const struct srow *tot = &run->total;
    /* The national growth is the same for every village of a year: take the first
     * known one (the total's when it is a group). */
    int nat_known = 0;
    double nat = 0;
    if (!tot->fig_null[FUPIN_VF_NATIONAL_GROWTH]) {
        nat = tot->fig[FUPIN_VF_NATIONAL_GROWTH];
        nat_known = 1;
    }
    for (size_t i = 0; !nat_known && i < run->n_rows; i++)
        if (!run->rows[i].fig_null[FUPIN_VF_NATIONAL_GROWTH]) {
            nat = run->rows[i].fig[FUPIN_VF_NATIONAL_GROWTH];
            nat_known = 1;
        }
    double lo = 0, hi = 0;
    if (nat_known) {
        lo = nat < lo ? nat : lo;
        hi = nat > hi ? nat : hi;
    }
    for (size_t i = 0; i < p->n; i++) {
        const struct srow *r = &run->rows[p->idx[i]];
        if (r->fig_null[FUPIN_VF_GROWTH])
            continue;
        double g = r->fig[FUPIN_VF_GROWTH];
        lo = g < lo ? g : lo;
        hi = g > hi ? g : hi;
    }
    if (hi - lo < 1)
        hi = lo + 1;
    double scale = (BAR_W - 60) / (hi - lo);
    double zero = BAR_X + 30 + (0 - lo) * scale;
    int h = 40 + (int)p->n * ROW_H + 20;
    fputs("<section id=\"chart-growth\"><h2>", o);
    esc(o, t->growth_h);
    fputs("</h2>\n", o);
    svg_open(o, h, t->growth_h);
    fprintf(o, "<line x1=\"%.1f\" y1=\"26\" x2=\"%.1f\" y2=\"%d\" stroke=\"#555\"/>\n", zero, zero,
            h - 14);
    svg_label(o, (int)zero, h - 2, "middle", "0");
    char b[96], nb[64];
    for (size_t i = 0; i < p->n; i++) {
        const struct srow *r = &run->rows[p->idx[i]];
        int y = 32 + (int)i * ROW_H;
        svg_label(o, LABEL, y + 15, "end", vname(r));
        if (r->fig_null[FUPIN_VF_GROWTH]) {
            svg_label(o, (int)zero + 6, y + 15, "start", t->no_data);
            continue;
        }
        double g = r->fig[FUPIN_VF_GROWTH];
        double x = g >= 0 ? zero : zero + g * scale;
        double bw = (g >= 0 ? g : -g) * scale;
        /* R-I4: beating the national average is strictly above it. */
        const char *fill = nat_known && g > nat ? "#27ae60" : "#e67e22";
        fprintf(o, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"%s\"><title>", x,
                y + 2, bw, fill);
        esc(o, vname(r));
        fprintf(o, ": %s%%</title></rect>\n", fig_text(nb, 0, g, 2));
        snprintf(b, sizeof b, "%s%%", fig_text(nb, 0, g, 2));
        /* right of the bar, or right of the zero line for a fall (the village names
         * are on the left) */
        svg_label(o, (int)(g >= 0 ? x + bw : zero) + 4, y + 15, "start", b);
    }
    if (nat_known) {
        double nx = BAR_X + 30 + (nat - lo) * scale;
        fprintf(o,
                "<line class=\"national\" x1=\"%.1f\" y1=\"24\" x2=\"%.1f\" y2=\"%d\" "
                "stroke=\"#2c3e50\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n",
                nx, nx, h - 14);
        snprintf(b, sizeof b, "%s %s%%", t->national, fig_text(nb, 0, nat, 2));
        svg_label(o, (int)nx, 18, "middle", b);
    }
    fputs("</svg>\n<p class=\"note\">", o);
    esc(o, nat_known ? t->growth_note : t->no_national);
    fputs("</p></section>\n", o);
}

static void chart_exit(FILE *o, const struct run *run, const struct texts *t, const struct words *w)
{
    size_t n[3] = {0, 0, 0}; /* unknown, no, yes */
    for (size_t i = 0; i < run->n_rows; i++)
        n[run->rows[i].exit + 1]++;
    static const char *const colour[3] = {"#bdc3c7", "#c0392b", "#27ae60"};
    static const int order[3] = {2, 1, 0};
    fputs("<section id=\"chart-exit\"><h2>", o);
    esc(o, t->exit_h);
    fputs("</h2>\n", o);
    svg_open(o, 80, t->exit_h);
    double total = run->n_rows ? (double)run->n_rows : 1, x = BAR_X;
    for (int k = 0; k < 3; k++) {
        int s = order[k];
        double bw = (double)n[s] * BAR_W / total;
        if (n[s]) {
            fprintf(o,
                    "<rect x=\"%.1f\" y=\"10\" width=\"%.1f\" height=\"26\" fill=\"%s\">"
                    "<title>%s %zu</title></rect>\n",
                    x, bw, colour[s], w->tri[s], n[s]);
        }
        x += bw;
        fprintf(o, "<rect x=\"%d\" y=\"50\" width=\"14\" height=\"14\" fill=\"%s\"/>",
                BAR_X + k * 150, colour[s]);
        char b[64];
        snprintf(b, sizeof b, "%s: %zu", w->tri[s], n[s]);
        svg_label(o, BAR_X + k * 150 + 20, 62, "start", b);
    }
    svg_label(o, LABEL, 28, "end", t->villages);
    fputs("</svg>\n<p class=\"note\">", o);
    char b[256];
    if (run->total_prefix[0]) {
        snprintf(b, sizeof b, t->county_exit, run->total_prefix, w->tri[run->total.exit + 1]);
        esc(o, b);
        if (run->total.n_reason) {
            char why[1024];
            reasons_text(why, sizeof why, run->total.reason, run->total.n_reason,
                         w == words_for("zh") ? "zh" : "en");
            fputs(" (", o);
            esc(o, why);
            fputs(")", o);
        }
    } else {
        esc(o, t->no_prefix);
    }
    fputs("</p></section>\n", o);
}

static void th(FILE *o, const char *s)
{
    fputs("<th>", o);
    esc(o, s);
    fputs("</th>", o);
}

static void td(FILE *o, const char *key, const char *s, int num)
{
    fprintf(o, "<td%s data-key=\"%s\">", num ? " class=\"n\"" : "", key);
    esc(o, s);
    fputs("</td>", o);
}

static void tr_open(FILE *o, const struct srow *r)
{
    if (r->is_group)
        fprintf(o, "<tr data-group=\"%s\"%s>", r->id, r->id[0] ? "" : " class=\"total\"");
    else
        fprintf(o, "<tr data-village=\"%s\">", r->id);
}

static void table_villages(FILE *o, const struct run *run, const struct texts *t,
                           const struct words *w, const char *lang)
{
    char b[64], why[2048];
    fputs("<section><h2>", o);
    esc(o, t->villages_h);
    fputs("</h2>\n<table id=\"villages\"><thead><tr>", o);
    const char *heads[] = {t->code,       t->name, t->households, t->population, t->poor,
                           t->incidence,  t->exit, t->why,        t->per_capita, t->growth,
                           t->nat_growth, t->gap,  t->above};
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
        th(o, heads[i]);
    fputs("</tr></thead><tbody>\n", o);
    for (size_t v = 0; v <= run->n_rows; v++) {
        const struct srow *r = v < run->n_rows ? &run->rows[v] : &run->total;
        tr_open(o, r);
        td(o, r->is_group ? "prefix" : "code", r->id, 0);
        td(o, "name", r->is_group ? t->total : r->name, 0);
        td(o, "households", count_text(b, r, FUPIN_VC_HOUSEHOLDS), 1);
        td(o, "population", count_text(b, r, FUPIN_VC_POPULATION), 1);
        td(o, "poor_population", count_text(b, r, FUPIN_VC_POOR_POPULATION), 1);
        td(o, "incidence",
           fig_text(b, r->fig_null[FUPIN_VF_INCIDENCE], r->fig[FUPIN_VF_INCIDENCE], 4), 1);
        fprintf(o, "<td data-key=\"exit_eligible\" data-value=\"%s\">",
                r->exit == FUPIN_TRI_TRUE    ? "true"
                : r->exit == FUPIN_TRI_FALSE ? "false"
                                             : "null");
        esc(o, w->tri[r->exit + 1]);
        fputs("</td><td data-key=\"exit_reasons\" data-value=\"", o);
        for (size_t i = 0; i < r->n_reason; i++)
            fprintf(o, "%s%s", i ? " " : "", fupin_reason_name(r->reason[i]));
        fputs("\">", o);
        reasons_text(why, sizeof why, r->reason, r->n_reason, lang);
        esc(o, why);
        fputs("</td>", o);
        td(o, "income.per_capita",
           fig_text(b, r->fig_null[FUPIN_VF_PER_CAPITA], r->fig[FUPIN_VF_PER_CAPITA], 2), 1);
        td(o, "income.growth",
           fig_text(b, r->fig_null[FUPIN_VF_GROWTH], r->fig[FUPIN_VF_GROWTH], 2), 1);
        td(o, "income.national_growth",
           fig_text(b, r->fig_null[FUPIN_VF_NATIONAL_GROWTH], r->fig[FUPIN_VF_NATIONAL_GROWTH], 2),
           1);
        td(o, "income.gap_pp",
           fig_text(b, r->fig_null[FUPIN_VF_GAP_PP], r->fig[FUPIN_VF_GAP_PP], 2), 1);
        td(o, "income.households_above_national", count_text(b, r, FUPIN_VC_ABOVE_NATIONAL), 1);
        fputs("</tr>\n", o);
    }
    fputs("</tbody></table></section>\n", o);
}

static void table_alerts(FILE *o, const struct run *run, const struct texts *t,
                         const struct words *w)
{
    static const int cols[] = {
        FUPIN_VC_ALERT_SEVERE,      FUPIN_VC_ALERT_WARNING,       FUPIN_VC_ALERT_WATCH,
        FUPIN_VC_ALERT_NONE,        FUPIN_VC_CATEGORY_REGISTERED, FUPIN_VC_CATEGORY_UNSTABLE,
        FUPIN_VC_CATEGORY_MARGINAL, FUPIN_VC_CATEGORY_HARDSHIP,   FUPIN_VC_MONITOR_STAY,
        FUPIN_VC_MONITOR_ELIGIBLE,
    };
    const char *heads[] = {w->alert[3],    w->alert[2],    w->alert[1],    w->alert[0],
                           w->category[1], w->category[2], w->category[3], w->category[4],
                           t->stay,        t->leave};
    char b[64];
    fputs("<section><h2>", o);
    esc(o, t->alerts_table_h);
    fputs("</h2>\n<table id=\"alerts\"><thead><tr>", o);
    th(o, t->code);
    th(o, t->name);
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
        th(o, heads[i]);
    th(o, t->visit);
    fputs("</tr></thead><tbody>\n", o);
    for (size_t v = 0; v <= run->n_rows; v++) {
        const struct srow *r = v < run->n_rows ? &run->rows[v] : &run->total;
        tr_open(o, r);
        td(o, r->is_group ? "prefix" : "code", r->id, 0);
        td(o, "name", r->is_group ? t->total : r->name, 0);
        for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++)
            td(o, fupin_enum_name(FUPIN_ENUM_SUMMARY_COUNT, cols[i]), count_text(b, r, cols[i]), 1);
        if (r->has_alerts)
            snprintf(b, sizeof b, "%zu", r->visit_count);
        else
            snprintf(b, sizeof b, "—");
        td(o, "visit_first.count", b, 1);
        fputs("</tr>\n", o);
    }
    fputs("</tbody></table></section>\n", o);
}

static void table_dims(FILE *o, const struct run *run, const struct texts *t, const struct words *w)
{
    char b[64], key[64];
    fputs("<section><h2>", o);
    esc(o, t->dims_h);
    fputs("</h2>\n<table id=\"dims\"><thead><tr>", o);
    th(o, t->code);
    th(o, t->name);
    for (int d = 0; d < FUPIN_DIM_COUNT; d++)
        th(o, w->dim[d]);
    fputs("</tr></thead><tbody>\n", o);
    for (size_t v = 0; v <= run->n_rows; v++) {
        const struct srow *r = v < run->n_rows ? &run->rows[v] : &run->total;
        tr_open(o, r);
        td(o, r->is_group ? "prefix" : "code", r->id, 0);
        td(o, "name", r->is_group ? t->total : r->name, 0);
        for (int d = 0; d < FUPIN_DIM_COUNT; d++) {
            snprintf(key, sizeof key, "guarantee.%s", fupin_enum_name(FUPIN_ENUM_DIMENSION, d));
            snprintf(b, sizeof b, "%lld / %lld", (long long)r->dim_unmet[d],
                     (long long)r->dim_unknown[d]);
            fprintf(o, "<td class=\"n\" data-key=\"%s\" data-unmet=\"%lld\" data-unknown=\"%lld\">",
                    key, (long long)r->dim_unmet[d], (long long)r->dim_unknown[d]);
            esc(o, b);
            fputs("</td>", o);
        }
        fputs("</tr>\n", o);
    }
    fputs("</tbody></table></section>\n", o);
}

static void table_groups(FILE *o, const struct srow *groups, size_t n, const struct texts *t,
                         const struct words *w)
{
    if (!n)
        return;
    char b[64];
    fputs("<section><h2>", o);
    esc(o, t->groups_h);
    fputs("</h2>\n<table id=\"groups\"><thead><tr>", o);
    const char *heads[] = {t->prefix, t->villages,  t->households, t->population,
                           t->poor,   t->incidence, t->exit,       t->per_capita,
                           t->growth, "H",          "A",           "M0"};
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
        th(o, heads[i]);
    fputs("</tr></thead><tbody>\n", o);
    for (size_t i = 0; i < n; i++) {
        const struct srow *r = &groups[i];
        fprintf(o, "<tr data-group=\"%s\">", r->id);
        td(o, "prefix", r->id, 0);
        snprintf(b, sizeof b, "%lld", (long long)r->villages);
        td(o, "villages", b, 1);
        td(o, "households", count_text(b, r, FUPIN_VC_HOUSEHOLDS), 1);
        td(o, "population", count_text(b, r, FUPIN_VC_POPULATION), 1);
        td(o, "poor_population", count_text(b, r, FUPIN_VC_POOR_POPULATION), 1);
        td(o, "incidence",
           fig_text(b, r->fig_null[FUPIN_VF_INCIDENCE], r->fig[FUPIN_VF_INCIDENCE], 4), 1);
        fprintf(o, "<td data-key=\"exit_eligible\" data-value=\"%s\">",
                r->exit == FUPIN_TRI_TRUE    ? "true"
                : r->exit == FUPIN_TRI_FALSE ? "false"
                                             : "null");
        esc(o, w->tri[r->exit + 1]);
        fputs("</td>", o);
        td(o, "income.per_capita",
           fig_text(b, r->fig_null[FUPIN_VF_PER_CAPITA], r->fig[FUPIN_VF_PER_CAPITA], 2), 1);
        td(o, "income.growth",
           fig_text(b, r->fig_null[FUPIN_VF_GROWTH], r->fig[FUPIN_VF_GROWTH], 2), 1);
        td(o, "mpi.H", fig_text(b, r->mpi_null[FUPIN_MPI_H], r->mpi[FUPIN_MPI_H], 4), 1);
        td(o, "mpi.A", fig_text(b, r->mpi_null[FUPIN_MPI_A], r->mpi[FUPIN_MPI_A], 4), 1);
        td(o, "mpi.M0", fig_text(b, r->mpi_null[FUPIN_MPI_M0], r->mpi[FUPIN_MPI_M0], 4), 1);
        fputs("</tr>\n", o);
    }
    fputs("</tbody></table></section>\n", o);
}

static void table_visits(FILE *o, const struct run *run, const struct texts *t,
                         const struct words *w, const char *lang)
{
    char why[4096];
    fputs("<section><h2>", o);
    esc(o, t->visit_h);
    fputs("</h2>\n", o);
    if (!run->n_visits) {
        fputs("<p class=\"note\">", o);
        esc(o, run->total.has_alerts ? t->none : t->no_alerts);
        fputs("</p></section>\n", o);
        return;
    }
    fputs("<table id=\"visits\"><thead><tr>", o);
    th(o, t->village);
    th(o, t->household);
    th(o, t->level);
    th(o, t->category);
    th(o, t->reasons);
    fputs("</tr></thead><tbody>\n", o);
    for (size_t i = 0; i < run->n_visits; i++) {
        const struct visit *v = &run->visits[i];
        const struct srow *r = &run->rows[v->village];
        fprintf(o, "<tr data-household=\"");
        esc(o, v->id);
        fprintf(o, "\" class=\"lvl%d\">", v->level);
        td(o, "village", vname(r), 0);
        td(o, "household", v->id, 0);
        td(o, "alert.level", v->level >= 0 && v->level <= 3 ? w->alert[v->level] : "—", 0);
        td(o, "alert.category",
           v->category >= 0 && v->category <= 4 ? w->category[v->category] : "—", 0);
        reasons_text(why, sizeof why, v->reason, v->n_reason, lang);
        td(o, "alert.reasons", why, 0);
        fputs("</tr>\n", o);
        /* the last listed of its village: say how many more there are */
        if (i + 1 == run->n_visits || run->visits[i + 1].village != v->village) {
            size_t listed = 1;
            while (listed <= i && run->visits[i - listed].village == v->village)
                listed++;
            if (r->visit_count > listed) {
                char more[256];
                snprintf(more, sizeof more, t->more, r->visit_count - listed);
                fputs("<tr class=\"more\"><td colspan=\"5\">", o);
                esc(o, more);
                fputs("</td></tr>\n", o);
            }
        }
    }
    fputs("</tbody></table></section>\n", o);
}

static const char css[] =
    "body{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"Microsoft YaHei\","
    "\"PingFang SC\",\"Helvetica Neue\",Arial,sans-serif;margin:24px auto;max-width:1100px;"
    "color:#222;line-height:1.45;padding:0 12px}"
    "h1{font-size:1.6em;margin:0 0 4px}h2{font-size:1.15em;margin:28px 0 8px;"
    "border-bottom:2px solid #2c3e50;padding-bottom:3px}"
    ".meta{color:#555;margin:0 0 16px}"
    ".cards{display:flex;flex-wrap:wrap;gap:12px}.card{border:1px solid #ccd;border-radius:6px;"
    "padding:8px 14px;min-width:120px}.card b{display:block;font-size:1.5em}"
    "svg{max-width:100%;height:auto;font-size:12px;display:block}svg text{fill:#222}"
    ".note{color:#555;font-size:.9em;margin:4px 0}"
    "table{border-collapse:collapse;width:100%;font-size:.85em;margin:6px 0 12px}"
    "th,td{border:1px solid #ccd;padding:3px 6px;text-align:left;vertical-align:top}"
    "td[data-key=name],td[data-key=code],td[data-key=village],td[data-key=household]{white-space:"
    "nowrap}"
    "th{background:#eef1f5}td.n{text-align:right;font-variant-numeric:tabular-nums}"
    "tr.total td,tr[data-group] td{font-weight:bold;background:#f7f7f7}"
    "tr.lvl3 td:nth-child(3){color:#c0392b;font-weight:bold}"
    "tr.lvl2 td:nth-child(3){color:#d35400;font-weight:bold}"
    "@media print{@page{size:A4;margin:14mm}body{margin:0;max-width:none;font-size:10pt}"
    "section{break-inside:avoid}table{break-inside:auto}tr{break-inside:avoid}"
    "thead{display:table-header-group}h2{break-after:avoid}"
    "th,tr.total td,tr[data-group] td{background:none}"
    ".card{border-color:#888}}";

int html_write(FILE *o, const struct html_input *in)
{
    const char *lang = in->lang;
    const struct texts *t = strcmp(lang, "zh") == 0 ? &zh : &en;
    const struct words *w = words_for(lang);
    const struct run *run = in->run;
    struct pick pick = {NULL, 0};
    if (pick_villages(run, &pick))
        return -1;
    char b[512];
    fprintf(o, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
            strcmp(lang, "zh") == 0 ? "zh-CN" : "en");
    fputs("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n", o);
    fputs("<meta name=\"generator\" content=\"fupin ", o);
    esc(o, fupin_version());
    fputs("\">\n<title>", o);
    esc(o, t->title);
    fprintf(o, " %d</title>\n<style>%s</style>\n</head>\n<body>\n<header><h1>", in->year, css);
    esc(o, t->title);
    fputs("</h1><p class=\"meta\">", o);
    snprintf(b, sizeof b, t->year_policy, in->year, in->policy);
    esc(o, b);
    fputs("</p></header>\n", o);

    /* The cards: the total row's figures. */
    const struct srow *tot = &run->total;
    char nb[64];
    fputs("<section class=\"cards\" id=\"total\">", o);
    fprintf(o, "<div class=\"card\"><b data-key=\"villages\">%zu</b>", run->n_rows);
    esc(o, t->villages);
    fputs("</div>", o);
    fprintf(o, "<div class=\"card\"><b data-key=\"households\">%s</b>",
            count_text(nb, tot, FUPIN_VC_HOUSEHOLDS));
    esc(o, t->households);
    fputs("</div>", o);
    if (tot->has_alerts) {
        fprintf(o, "<div class=\"card\"><b data-key=\"alerts.severe\">%s</b>",
                count_text(nb, tot, FUPIN_VC_ALERT_SEVERE));
        esc(o, w->alert[3]);
        fputs("</div>", o);
        fprintf(o, "<div class=\"card\"><b data-key=\"alerts.warning\">%s</b>",
                count_text(nb, tot, FUPIN_VC_ALERT_WARNING));
        esc(o, w->alert[2]);
        fputs("</div>", o);
        fprintf(o, "<div class=\"card\"><b data-key=\"visit_first.count\">%zu</b>",
                tot->visit_count);
        esc(o, t->visit);
        fputs("</div>", o);
    }
    if (run->total_prefix[0]) {
        fprintf(o, "<div class=\"card\"><b data-key=\"exit_eligible\">%s</b>",
                w->tri[tot->exit + 1]);
        snprintf(b, sizeof b, t->area_exit, run->total_prefix);
        esc(o, b);
        fputs("</div>", o);
    }
    fputs("</section>\n", o);
    if (run->n_rows > CHART_MAX) {
        snprintf(b, sizeof b, t->capped, pick.n, run->n_rows);
        fputs("<p class=\"note\">", o);
        esc(o, b);
        fputs("</p>\n", o);
    }
    chart_alerts(o, run, &pick, t, w);
    chart_gaps(o, run, t, w);
    chart_growth(o, run, &pick, t);
    chart_exit(o, run, t, w);
    table_villages(o, run, t, w, lang);
    table_alerts(o, run, t, w);
    table_dims(o, run, t, w);
    table_groups(o, in->groups, in->n_groups, t, w);
    table_visits(o, run, t, w, lang);
    fputs("</body>\n</html>\n", o);
    free(pick.idx);
    return 0;
}
