/* Summaries, cells, words, text widths and progress for the people's formats. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "present.h"

/* ------------------------------------------------------------ summary rows */

/* What a village row and a group row both take from the library's summary. */
static void srow_from_summary(struct srow *r, const fupin_summary *res, int32_t since)
{
    snprintf(r->id, sizeof r->id, "%s", fupin_summary_code(res));
    r->year = fupin_summary_year(res);
    r->since = since;
    for (int i = 0; i < SROW_COUNTS; i++)
        r->count_null[i] = fupin_summary_count(res, i, &r->count[i]) != 0;
    for (int i = 0; i < SROW_FIGS; i++)
        r->fig_null[i] = fupin_summary_figure(res, i, &r->fig[i]) != 0;
    r->exit = fupin_summary_exit_eligible(res);
    size_t n = fupin_summary_reason_count(res);
    for (size_t i = 0; i < n && i < SROW_REASONS; i++)
        r->reason[r->n_reason++] = fupin_summary_reason(res, i);
    r->has_alerts = !r->count_null[FUPIN_VC_ALERT_NONE];
    r->mpi_excluded = fupin_summary_mpi_excluded(res);
    for (int i = 0; i < 3; i++)
        r->mpi_null[i] = fupin_summary_mpi(res, i, &r->mpi[i]) != 0;
    for (int d = 0; d < FUPIN_MPI_DIM_COUNT; d++) {
        r->censored_null[d] = fupin_summary_mpi_dimension(res, d, &r->censored[d], NULL) != 0;
        r->contribution_null[d] =
            fupin_summary_mpi_dimension(res, d, NULL, &r->contribution[d]) != 0;
    }
}

void srow_from_village(struct srow *r, const fupin_summary *res, const fupin_village *village,
                       int32_t since)
{
    /* The tallies were filled while the households were evaluated: keep them. */
    int64_t unmet[FUPIN_DIM_COUNT], unknown[FUPIN_DIM_COUNT];
    memcpy(unmet, r->dim_unmet, sizeof unmet);
    memcpy(unknown, r->dim_unknown, sizeof unknown);
    memset(r, 0, sizeof *r);
    memcpy(r->dim_unmet, unmet, sizeof unmet);
    memcpy(r->dim_unknown, unknown, sizeof unknown);
    r->has_dims = 1;
    srow_from_summary(r, res, since);
    r->name = fupin_village_name(village);
    r->villages = 1;
    r->visit_count = fupin_summary_visit_count(res);
}

void srow_from_group(struct srow *r, const fupin_summary *res, int32_t since)
{
    memset(r, 0, sizeof *r);
    r->is_group = 1;
    srow_from_summary(r, res, since);
    r->name = "";
    r->villages = fupin_summary_village_count(res);
}

void srow_tally(struct srow *r, const fupin_result *res)
{
    for (int d = 0; d < FUPIN_DIM_COUNT; d++) {
        int st = fupin_result_dimension(res, d);
        if (st == FUPIN_STATUS_UNMET)
            r->dim_unmet[d]++;
        else if (st == FUPIN_STATUS_UNKNOWN)
            r->dim_unknown[d]++;
    }
}

void srow_sum(struct srow *t, const struct srow *rows, size_t n)
{
    memset(t, 0, sizeof *t);
    t->is_group = 1;
    t->name = "";
    t->exit = FUPIN_TRI_NULL;
    for (int i = 0; i < SROW_FIGS; i++)
        t->fig_null[i] = 1;
    for (int i = 0; i < 3; i++)
        t->mpi_null[i] = 1;
    for (int d = 0; d < FUPIN_MPI_DIM_COUNT; d++)
        t->censored_null[d] = t->contribution_null[d] = 1;
    t->mpi_excluded = -1;
    t->has_alerts = n > 0;
    t->has_dims = 1;
    for (size_t v = 0; v < n; v++) {
        const struct srow *r = &rows[v];
        t->year = r->year;
        t->since = r->since;
        t->villages++;
        for (int i = 0; i < SROW_COUNTS; i++) {
            t->count[i] += r->count[i];
            t->count_null[i] |= r->count_null[i];
        }
        for (int d = 0; d < FUPIN_DIM_COUNT; d++) {
            t->dim_unmet[d] += r->dim_unmet[d];
            t->dim_unknown[d] += r->dim_unknown[d];
        }
        t->has_alerts &= r->has_alerts;
        t->visit_count += r->visit_count;
    }
}

/* ------------------------------------------------------------ cells and rows */

void row_reset(struct row *r)
{
    r->n = 0;
    r->used = 0;
}

static const char *row_keep(struct row *r, const char *s, size_t n)
{
    if (r->used >= ROW_BUF)
        return "";
    if (n > ROW_BUF - r->used - 1)
        n = ROW_BUF - r->used - 1; /* cut: never past the buffer */
    char *p = r->buf + r->used;
    memcpy(p, s, n);
    p[n] = '\0';
    r->used += n + 1;
    return p;
}

static void row_add(struct row *r, int kind, const char *s, size_t n)
{
    if (r->n == ROW_MAX_CELLS)
        return;
    r->c[r->n].kind = kind;
    r->c[r->n].s = row_keep(r, s, n);
    r->n++;
}

void row_text(struct row *r, const char *s)
{
    row_add(r, s && *s ? CELL_TEXT : CELL_EMPTY, s ? s : "", s ? strlen(s) : 0);
}

void row_int(struct row *r, int64_t v)
{
    char t[32];
    int n = snprintf(t, sizeof t, "%lld", (long long)v);
    row_add(r, CELL_NUM, t, (size_t)n);
}

void row_dec(struct row *r, double v, int decimals)
{
    char t[64];
    if (!isfinite(v)) {
        row_empty(r);
        return;
    }
    int n = snprintf(t, sizeof t, "%.*f", decimals, v);
    if (strchr(t, '.')) {
        while (n > 0 && t[n - 1] == '0')
            t[--n] = '\0';
        if (n > 0 && t[n - 1] == '.')
            t[--n] = '\0';
    }
    if (strcmp(t, "-0") == 0)
        n = snprintf(t, sizeof t, "0");
    row_add(r, CELL_NUM, t, (size_t)n);
}

void row_empty(struct row *r)
{
    row_add(r, CELL_EMPTY, "", 0);
}

/* A column of the household CSV holds a number when it is the year, the span start or
 * one of the library's figures. */
int household_numeric_column(const char *name)
{
    int32_t v;
    return strcmp(name, "year") == 0 || strcmp(name, "income.since") == 0 ||
           fupin_enum_from_name(FUPIN_ENUM_FIGURE, name, &v) == 0;
}

/* The i-th field of a CSV line (RFC 4180), unquoted into out; returns the position
 * after it, or NULL at the end of the line. */
static const char *csv_field(const char *p, char *out, size_t cap, size_t *n)
{
    size_t k = 0;
    if (*p == '"') {
        p++;
        while (*p) {
            if (*p == '"') {
                if (p[1] == '"') {
                    p++;
                } else {
                    p++;
                    break;
                }
            }
            if (k + 1 < cap)
                out[k++] = *p;
            p++;
        }
    } else {
        while (*p && *p != ',') {
            if (k + 1 < cap)
                out[k++] = *p;
            p++;
        }
    }
    out[k] = '\0';
    *n = k;
    if (*p == ',')
        return p + 1;
    return NULL;
}

int row_from_csv_line(struct row *r, const char *line, const char *header,
                      int (*numeric)(const char *column))
{
    row_reset(r);
    char field[4096], name[128];
    const char *p = line, *h = header;
    while (p && h) {
        size_t n = 0, hn = 0;
        p = csv_field(p, field, sizeof field, &n);
        h = csv_field(h, name, sizeof name, &hn);
        if (!n)
            row_empty(r);
        else
            row_add(r, numeric && numeric(name) ? CELL_NUM : CELL_TEXT, field, n);
        if (!p != !h)
            return -1; /* the line and the header disagree */
    }
    return 0;
}

/* Column names are the library's dotted JSON paths (fupin_enum_name). */
static const char *count_key(int which)
{
    return fupin_enum_name(FUPIN_ENUM_SUMMARY_COUNT, which);
}

static const char *fig_key(int which)
{
    return fupin_enum_name(FUPIN_ENUM_SUMMARY_FIGURE, which);
}

static const char *dim_key(int dim)
{
    return fupin_enum_name(FUPIN_ENUM_MPI_DIMENSION, dim);
}

/* Column order of the village and group rows: the order of the village JSON line
 * (formats.md section 4), flattened, then what the JSON does not carry. */
enum col_kind {
    C_ID,
    C_NAME,
    C_VILLAGES,
    C_YEAR,
    C_COUNT,
    C_FIG,
    C_EXIT,
    C_REASONS,
    C_SINCE,
    C_DIM_UNMET,
    C_DIM_UNKNOWN,
    C_VISIT,
    C_REASON_TEXT,
    C_MPI_EXCL,
    C_MPI,
    C_CENSORED,
    C_CONTRIB
};
struct col {
    int kind, which;
};
static const struct col cols[] = {
    {C_ID, 0},
    {C_NAME, 0},
    {C_VILLAGES, 0},
    {C_YEAR, 0},
    {C_COUNT, FUPIN_VC_HOUSEHOLDS},
    {C_COUNT, FUPIN_VC_POPULATION},
    {C_COUNT, FUPIN_VC_POOR_POPULATION},
    {C_FIG, FUPIN_VF_INCIDENCE},
    {C_EXIT, 0},
    {C_REASONS, 0},
    {C_COUNT, FUPIN_VC_GUARANTEE_MET},
    {C_COUNT, FUPIN_VC_GUARANTEE_UNMET},
    {C_COUNT, FUPIN_VC_GUARANTEE_UNKNOWN},
    {C_COUNT, FUPIN_VC_ALERT_NONE},
    {C_COUNT, FUPIN_VC_ALERT_WATCH},
    {C_COUNT, FUPIN_VC_ALERT_WARNING},
    {C_COUNT, FUPIN_VC_ALERT_SEVERE},
    {C_COUNT, FUPIN_VC_CATEGORY_NONE},
    {C_COUNT, FUPIN_VC_CATEGORY_REGISTERED},
    {C_COUNT, FUPIN_VC_CATEGORY_UNSTABLE},
    {C_COUNT, FUPIN_VC_CATEGORY_MARGINAL},
    {C_COUNT, FUPIN_VC_CATEGORY_HARDSHIP},
    {C_COUNT, FUPIN_VC_MONITOR_NOT_MONITORED},
    {C_COUNT, FUPIN_VC_MONITOR_STAY},
    {C_COUNT, FUPIN_VC_MONITOR_ELIGIBLE},
    {C_FIG, FUPIN_VF_PER_CAPITA},
    {C_FIG, FUPIN_VF_GROWTH},
    {C_FIG, FUPIN_VF_NATIONAL_GROWTH},
    {C_FIG, FUPIN_VF_GAP_PP},
    {C_FIG, FUPIN_VF_REAL_GROWTH},
    {C_FIG, FUPIN_VF_NATIONAL_REAL_GROWTH},
    {C_SINCE, 0},
    {C_FIG, FUPIN_VF_CAGR},
    {C_FIG, FUPIN_VF_NATIONAL_CAGR},
    {C_COUNT, FUPIN_VC_INCOME_KNOWN},
    {C_COUNT, FUPIN_VC_PANEL},
    {C_COUNT, FUPIN_VC_ABOVE_NATIONAL},
    {C_COUNT, FUPIN_VC_SPAN_PANEL},
    {C_DIM_UNMET, FUPIN_DIM_FOOD},
    {C_DIM_UNKNOWN, FUPIN_DIM_FOOD},
    {C_DIM_UNMET, FUPIN_DIM_CLOTHING},
    {C_DIM_UNKNOWN, FUPIN_DIM_CLOTHING},
    {C_DIM_UNMET, FUPIN_DIM_EDUCATION},
    {C_DIM_UNKNOWN, FUPIN_DIM_EDUCATION},
    {C_DIM_UNMET, FUPIN_DIM_MEDICAL},
    {C_DIM_UNKNOWN, FUPIN_DIM_MEDICAL},
    {C_DIM_UNMET, FUPIN_DIM_HOUSING},
    {C_DIM_UNKNOWN, FUPIN_DIM_HOUSING},
    {C_DIM_UNMET, FUPIN_DIM_WATER},
    {C_DIM_UNKNOWN, FUPIN_DIM_WATER},
    {C_VISIT, 0},
    {C_REASON_TEXT, 0},
    /* groups only, from here */
    {C_MPI_EXCL, 0},
    {C_MPI, FUPIN_MPI_H},
    {C_MPI, FUPIN_MPI_A},
    {C_MPI, FUPIN_MPI_M0},
    {C_CENSORED, 0},
    {C_CONTRIB, 0},
    {C_CENSORED, 1},
    {C_CONTRIB, 1},
    {C_CENSORED, 2},
    {C_CONTRIB, 2},
    {C_CENSORED, 3},
    {C_CONTRIB, 3},
    {C_CENSORED, 4},
    {C_CONTRIB, 4},
    {C_CENSORED, 5},
    {C_CONTRIB, 5},
    {C_CENSORED, 6},
    {C_CONTRIB, 6},
};
enum { N_COLS = sizeof cols / sizeof cols[0] };

static int col_wanted(const struct col *c, int is_group)
{
    if (c->kind == C_NAME)
        return !is_group;
    if (c->kind == C_VILLAGES || c->kind >= C_MPI_EXCL)
        return is_group;
    return 1;
}

void srow_header(struct row *r, int is_group, const char *lang)
{
    char t[96];
    row_reset(r);
    for (size_t i = 0; i < N_COLS; i++) {
        const struct col *c = &cols[i];
        if (!col_wanted(c, is_group))
            continue;
        switch (c->kind) {
        case C_ID:
            row_text(r, is_group ? "prefix" : "code");
            break;
        case C_NAME:
            row_text(r, "name");
            break;
        case C_VILLAGES:
            row_text(r, "villages");
            break;
        case C_YEAR:
            row_text(r, "year");
            break;
        case C_COUNT:
            row_text(r, count_key(c->which));
            break;
        case C_FIG:
            row_text(r, fig_key(c->which));
            break;
        case C_EXIT:
            row_text(r, "exit_eligible");
            break;
        case C_REASONS:
            row_text(r, "exit_reasons");
            break;
        case C_SINCE:
            row_text(r, "income.since");
            break;
        case C_DIM_UNMET:
        case C_DIM_UNKNOWN:
            snprintf(t, sizeof t, "guarantee.%s.%s", dim_key(c->which),
                     c->kind == C_DIM_UNMET ? "unmet" : "unknown");
            row_text(r, t);
            break;
        case C_VISIT:
            row_text(r, "visit_first.count");
            break;
        case C_REASON_TEXT:
            snprintf(t, sizeof t, "exit_reasons.%s", lang);
            row_text(r, t);
            break;
        case C_MPI_EXCL:
            row_text(r, "mpi.households_excluded");
            break;
        case C_MPI:
            snprintf(t, sizeof t, "mpi.%s", fupin_enum_name(FUPIN_ENUM_MPI_FIGURE, c->which));
            row_text(r, t);
            break;
        case C_CENSORED:
        case C_CONTRIB:
            snprintf(t, sizeof t, "mpi.%s.%s", dim_key(c->which),
                     c->kind == C_CENSORED ? "censored_headcount" : "contribution");
            row_text(r, t);
            break;
        default:
            break;
        }
    }
}

/* Shares (incidence) to 4 decimals, money and percentages to 2 (rules.md, Rounding). */
static int fig_decimals(int which)
{
    return which == FUPIN_VF_INCIDENCE ? 4 : 2;
}

void srow_cells(struct row *r, const struct srow *s, const char *lang)
{
    char t[2048];
    row_reset(r);
    for (size_t i = 0; i < N_COLS; i++) {
        const struct col *c = &cols[i];
        if (!col_wanted(c, s->is_group))
            continue;
        switch (c->kind) {
        case C_ID:
            row_text(r, s->id);
            break;
        case C_NAME:
            row_text(r, s->name);
            break;
        case C_VILLAGES:
            row_int(r, s->villages);
            break;
        case C_YEAR:
            row_int(r, s->year);
            break;
        case C_COUNT:
            /* Without a threshold alerts, categories and monitor exit are null; without
             * a span, so is its panel. */
            if (s->count_null[c->which] || (c->which == FUPIN_VC_SPAN_PANEL && !s->since))
                row_empty(r);
            else
                row_int(r, s->count[c->which]);
            break;
        case C_FIG:
            if (s->fig_null[c->which])
                row_empty(r);
            else
                row_dec(r, s->fig[c->which], fig_decimals(c->which));
            break;
        case C_EXIT:
            row_text(r, s->exit == FUPIN_TRI_TRUE    ? "true"
                        : s->exit == FUPIN_TRI_FALSE ? "false"
                                                     : "");
            break;
        case C_REASONS: {
            size_t k = 0;
            t[0] = '\0';
            for (size_t j = 0; j < s->n_reason; j++) {
                const char *name = fupin_reason_name(s->reason[j]);
                k += (size_t)snprintf(t + k, sizeof t - k, "%s%s", j ? " " : "", name ? name : "?");
                if (k >= sizeof t)
                    break;
            }
            row_text(r, t);
            break;
        }
        case C_SINCE:
            if (s->since)
                row_int(r, s->since);
            else
                row_empty(r);
            break;
        case C_DIM_UNMET:
        case C_DIM_UNKNOWN:
            if (!s->has_dims)
                row_empty(r);
            else
                row_int(r,
                        c->kind == C_DIM_UNMET ? s->dim_unmet[c->which] : s->dim_unknown[c->which]);
            break;
        case C_VISIT:
            if (s->has_alerts && !s->is_group)
                row_int(r, (int64_t)s->visit_count);
            else
                row_empty(r);
            break;
        case C_REASON_TEXT:
            reasons_text(t, sizeof t, s->reason, s->n_reason, lang);
            row_text(r, t);
            break;
        case C_MPI_EXCL:
            if (s->mpi_excluded < 0)
                row_empty(r);
            else
                row_int(r, s->mpi_excluded);
            break;
        case C_MPI:
            if (s->mpi_null[c->which])
                row_empty(r);
            else
                row_dec(r, s->mpi[c->which], 4);
            break;
        case C_CENSORED:
            if (s->censored_null[c->which])
                row_empty(r);
            else
                row_dec(r, s->censored[c->which], 4);
            break;
        case C_CONTRIB:
            if (s->contribution_null[c->which])
                row_empty(r);
            else
                row_dec(r, s->contribution[c->which], 2);
            break;
        default:
            break;
        }
    }
}

void row_write_csv(const struct row *r, FILE *out)
{
    for (size_t i = 0; i < r->n; i++) {
        const char *s = r->c[i].s;
        if (i)
            fputc(',', out);
        int formula = r->c[i].kind == CELL_TEXT && strchr("=+-@\t\r", s[0]);
        if (formula || strpbrk(s, ",\"\r\n")) {
            fputc('"', out);
            if (formula)
                fputc('\'', out);
            for (; *s; s++) {
                if (*s == '"')
                    fputc('"', out);
                fputc(*s, out);
            }
            fputc('"', out);
        } else {
            fputs(s, out);
        }
    }
    fputc('\n', out);
}

/* ------------------------------------------------------------ words */

static const struct words words_en = {
    {"food", "clothing", "education", "medical", "housing", "water"},
    {"none", "watch", "warning", "severe"},
    {"none", "registered poor", "unstable after exit", "marginal", "sudden hardship"},
    {"not monitored", "stays", "may leave"},
    {"unknown", "no", "yes"},
    {"unknown", "met", "unmet"},
    "; ",
};

static const struct words words_zh = {
    {"吃饭", "穿衣", "义务教育", "基本医疗", "住房安全", "饮水安全"},
    {"无", "关注", "预警", "严重"},
    {"无", "建档立卡贫困户", "脱贫不稳定户", "边缘易致贫户", "突发严重困难户"},
    {"未纳入监测", "继续监测", "可消除风险"},
    {"未知", "否", "是"},
    {"未知", "达标", "未达标"},
    "；",
};

const struct words *words_for(const char *lang)
{
    return lang && strcmp(lang, "zh") == 0 ? &words_zh : &words_en;
}

void reasons_text(char *buf, size_t cap, const int *codes, size_t n, const char *lang)
{
    const char *sep = words_for(lang)->reason_sep;
    size_t k = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && k < cap; i++) {
        const char *d = fupin_reason_describe(codes[i], lang);
        if (!d)
            d = fupin_reason_name(codes[i]);
        k += (size_t)snprintf(buf + k, cap - k, "%s%s", i ? sep : "", d ? d : "?");
    }
}

/* ------------------------------------------------------------ text width */

/* Decode one UTF-8 character; returns its length (1 for a bad byte). */
static size_t utf8_next(const unsigned char *s, unsigned *cp)
{
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    size_t n = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC0 ? 2 : 1;
    unsigned c = n == 4 ? s[0] & 0x07u : n == 3 ? s[0] & 0x0Fu : s[0] & 0x1Fu;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        c = (c << 6) | (s[i] & 0x3Fu);
    }
    *cp = n == 1 ? 0xFFFD : c;
    return n;
}

/* East Asian Wide and Fullwidth ranges (Unicode UAX #11), enough for Chinese text,
 * its punctuation and full-width forms. */
static int wide(unsigned c)
{
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) ||
           (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
           (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
           (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

size_t text_width(const char *s)
{
    size_t w = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned c;
        p += utf8_next(p, &c);
        if (c >= 0x20 && c != 0x7F)
            w += wide(c) ? 2 : 1;
    }
    return w;
}

void print_cell(FILE *out, const char *s, size_t width, int right)
{
    size_t w = text_width(s);
    if (w > width) {
        /* Cut at a character boundary, leaving a column for the ellipsis. */
        const unsigned char *p = (const unsigned char *)s;
        size_t used = 0;
        while (*p) {
            unsigned c;
            size_t n = utf8_next(p, &c);
            size_t cw = c >= 0x20 && c != 0x7F ? (wide(c) ? 2u : 1u) : 0u;
            if (used + cw + 1 > width)
                break;
            if (cw)
                fwrite(p, 1, n, out);
            used += cw;
            p += n;
        }
        fputs("…", out);
        for (used++; used < width; used++)
            fputc(' ', out);
        return;
    }
    if (right)
        for (size_t i = w; i < width; i++)
            fputc(' ', out);
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        unsigned c;
        size_t n = utf8_next(p, &c);
        if (c >= 0x20 && c != 0x7F)
            fwrite(p, 1, n, out); /* never a control character on a terminal */
        p += n;
    }
    if (!right)
        for (size_t i = w; i < width; i++)
            fputc(' ', out);
}

void print_wrapped(FILE *out, const char *first, const char *indent, const char *text, size_t width)
{
    fputs(first, out);
    size_t col = text_width(first), start = col;
    const unsigned char *p = (const unsigned char *)text;
    while (*p) {
        /* the next token: a space, one wide character, or a run of anything else */
        const unsigned char *q = p;
        size_t tw = 0;
        unsigned c;
        size_t n = utf8_next(q, &c);
        if (c == ' ') {
            q += n;
            tw = 1;
        } else if (wide(c)) {
            q += n;
            tw = 2;
        } else {
            while (*q) {
                n = utf8_next(q, &c);
                if (c == ' ' || wide(c))
                    break;
                if (c >= 0x20 && c != 0x7F)
                    tw++;
                q += n;
            }
        }
        if (col + tw > width && col > start) {
            fputc('\n', out);
            fputs(indent, out);
            col = start = text_width(indent);
            if (*p == ' ') {
                p = q;
                continue;
            }
        }
        for (const unsigned char *r = p; r < q;) {
            n = utf8_next(r, &c);
            if (c >= 0x20 && c != 0x7F)
                fwrite(r, 1, n, out);
            r += n;
        }
        col += tw;
        p = q;
    }
    fputc('\n', out);
}

/* ------------------------------------------------------------ progress */

double progress_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void progress_start(struct progress *p, int forced)
{
    memset(p, 0, sizeof *p);
    p->on = forced || isatty(STDERR_FILENO);
    p->start = p->last = progress_now();
}

void progress_break(struct progress *p)
{
    if (p->on && p->pending)
        fputc('\n', stderr);
    p->pending = 0;
}

void progress_note(struct progress *p, const char *what)
{
    if (!p->on)
        return;
    progress_break(p);
    fprintf(stderr, "fupin: %s\n", what);
}

void progress_set_total(struct progress *p, const fupin_dataset *ds)
{
    p->villages = fupin_dataset_village_count(ds);
    p->total = 0;
    for (size_t v = 0; v < p->villages; v++)
        p->total += fupin_village_household_count(fupin_dataset_village(ds, v));
    p->start = p->last = progress_now();
}

void progress_bytes(struct progress *p, uint64_t done, uint64_t total)
{
    if (!p->on)
        return;
    double now = progress_now();
    int final = done >= total;
    if (!final && now - p->last < 0.25)
        return;
    p->last = now;
    double elapsed = now - p->start;
    double rate = elapsed > 0 ? (double)done / elapsed : 0;
    fprintf(stderr, "\rfupin: loading %.0f/%.0f MB, %.0f MB/s", (double)done / 1e6,
            (double)total / 1e6, rate / 1e6);
    if (final)
        fprintf(stderr, ", %.1f s   \n", elapsed);
    else if (rate > 0)
        fprintf(stderr, ", %.0f s left   ", (double)(total - done) / rate);
    p->pending = !final;
}

static void progress_print(struct progress *p, double now, int final)
{
    double elapsed = now - p->start;
    double rate = elapsed > 0 ? (double)p->done / elapsed : 0;
    fprintf(stderr, "\rfupin: %zu/%zu villages, %llu/%llu households, %.0f/s", p->villages_done,
            p->villages, (unsigned long long)p->done, (unsigned long long)p->total, rate);
    p->pending = !final;
    if (final) {
        fprintf(stderr, ", %.1f s   \n", elapsed);
    } else if (rate > 0 && p->done < p->total) {
        double left = (double)(p->total - p->done) / rate;
        fprintf(stderr, ", %.0f s left   ", left);
    } else {
        fputs("   ", stderr);
    }
    p->shown = 1;
}

void progress_step(struct progress *p, uint64_t households, size_t villages)
{
    if (!p->on)
        return;
    p->done += households;
    p->villages_done += villages;
    /* Cheap unless it is time to print: the clock is read every 1024 households. */
    if (households && (p->done & 1023u) != 0 && !villages)
        return;
    double now = progress_now();
    if (now - p->last < 0.25 && p->shown)
        return;
    if (!p->shown && now - p->start < 0.25)
        return;
    p->last = now;
    progress_print(p, now, 0);
}

void progress_end(struct progress *p)
{
    if (!p->on || !p->shown)
        return;
    progress_print(p, progress_now(), 1);
}
