/* Result writers: JSON Lines and CSV (docs/reference/output.md).
 *
 * Every writer writes straight into the caller's buffer and counts what it would
 * need past its end, so none of them allocates. Figures are rounded once here, from
 * the unrounded values a result holds (docs/reference/rules.md, Rounding): money to the fen (from
 * exact fen), percentages to 2 decimals, shares to 4, printed in their shortest form
 * (4000, 5123.5, 0.0123; never -0, never an exponent).
 *
 * CSV columns (one row per household, in the JSON order, lists space-separated, null
 * as an empty field, RFC 4180 quoting where a field needs it):
 *   household, village, year,
 *   guarantee.status, guarantee.food, guarantee.clothing, guarantee.education,
 *   guarantee.medical, guarantee.housing, guarantee.water, guarantee.reasons,
 *   income.per_capita, income.poverty_line, income.status, income.growth,
 *   income.national_growth, income.gap_pp, income.real_growth,
 *   income.national_real_growth, income.since, income.cagr, income.national_cagr,
 *   exit_eligible, alert.level, alert.category, alert.reasons,
 *   monitor_exit.status, monitor_exit.reasons
 * The header is fixed, so the three span columns are always there and empty without
 * a span (--since). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../model/model.h"
#include "../model/national.h"

/* Enum names come from the library's one table (lib/core/names.c); a null value (-1)
 * has no name here: JSON writes null, CSV an empty cell. */
static const char *name_of(int kind, int v)
{
    return v < 0 ? NULL : fupin_enum_name(kind, v);
}

/* An output cursor over the caller's buffer; len counts past cap. */
struct out {
    char *buf;
    size_t cap, len;
};

static void put(struct out *o, const char *s, size_t n)
{
    if (o->buf && o->len < o->cap) {
        size_t room = o->cap - o->len;
        memcpy(o->buf + o->len, s, n < room ? n : room);
    }
    o->len += n;
}

static void puts_(struct out *o, const char *s)
{
    put(o, s, strlen(s));
}

static void put_json_tri(struct out *o, int v)
{
    const char *name = v == FUPIN_TRI_TRUE ? "true" : v == FUPIN_TRI_FALSE ? "false" : "null";
    put(o, name, strlen(name));
}

static int finish(struct out *o, size_t *needed)
{
    if (needed)
        *needed = o->len;
    if (!o->buf || o->cap < o->len + 1) {
        if (o->buf && o->cap)
            o->buf[0] = '\0';
        return fupin__error(FUPIN_ENOSPC, "buffer of %zu bytes too small: %zu needed", o->cap,
                            o->len + 1);
    }
    o->buf[o->len] = '\0';
    return 0;
}

/* Digits of a (right-aligned at end, returns the first). Integer formatting by hand:
 * glibc's printf was most of the time spent writing a million result lines. */
static char *utoa_end(char *end, uint64_t a)
{
    do {
        *--end = (char)('0' + a % 10);
        a /= 10;
    } while (a);
    return end;
}

static void put_int(struct out *o, int64_t v)
{
    char t[24], *e = t + sizeof t;
    uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    char *b = utoa_end(e, a);
    if (v < 0)
        *--b = '-';
    put(o, b, (size_t)(e - b));
}

/* A scaled integer k / 10^decimals in the shortest form (trailing zeros of the
 * fraction and a bare point dropped); k == 0 prints "0", never "-0". */
static size_t fmt_scaled(char *t, int64_t k, int decimals)
{
    char buf[32], *e = buf + sizeof buf, *b = e;
    uint64_t a = k < 0 ? (uint64_t)0 - (uint64_t)k : (uint64_t)k;
    int d = decimals;
    while (d > 0 && a % 10 == 0) {
        a /= 10;
        d--;
    }
    for (; d > 0; d--) {
        *--b = (char)('0' + a % 10);
        a /= 10;
        if (d == 1)
            *--b = '.';
    }
    b = utoa_end(b, a);
    if (k < 0)
        *--b = '-';
    size_t n = (size_t)(e - b);
    memcpy(t, b, n);
    t[n] = '\0';
    return n;
}

/* Exact fen as yuan in the shortest form: 400000 -> 4000, 512350 -> 5123.5. */
static void put_fen(struct out *o, int64_t fen)
{
    char t[40];
    size_t n = fmt_scaled(t, fen, 2); /* uint64 magnitude: INT64_MIN too */
    put(o, t, n);
}

/* The text of a finite figure rounded once to `decimals` places (docs/reference/rules.md, Rounding:
 * half away from zero, as fupin__round), shortest form; 0 when it is not an ordinary
 * value (beyond 1e300). Where the rounded scaled value K = round(v * 10^d) is below
 * 2^40 it is exact in a double and far from any tie, so the double K / 10^d that
 * fupin__round returns prints with %.*f as exactly K's digits: K is formatted as an
 * integer. Larger values keep printf, whose digits of K / 10^d are not always K's. */
size_t fupin__json_format_dec(char *t, size_t cap, double v, int decimals);
size_t fupin__json_format_dec(char *t, size_t cap, double v, int decimals)
{
    static const double scale[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
    double k = round(v * scale[decimals]);
    if (!isfinite(k))
        return 0; /* never "inf" or "nan": the caller writes null */
    if (fabs(k) < 1099511627776.0 && cap >= 32)
        return fmt_scaled(t, (int64_t)k, decimals);
    v = fupin__round(v, decimals);
    int n = snprintf(t, cap, "%.*f", decimals, v);
    if (n < 0 || (size_t)n >= cap || !isfinite(v))
        return 0;
    if (memchr(t, '.', (size_t)n)) {
        while (n > 0 && t[n - 1] == '0')
            n--;
        if (n > 0 && t[n - 1] == '.')
            n--;
    }
    t[n] = '\0';
    if (strcmp(t, "-0") == 0) {
        t[0] = '0';
        t[1] = '\0';
        n = 1;
    }
    return (size_t)n;
}

/* A figure rounded once to `decimals` places, shortest form; null when not finite. */
static void put_dec(struct out *o, double v, int decimals, const char *null_text)
{
    char t[400];
    size_t n = isfinite(v) ? fupin__json_format_dec(t, sizeof t, v, decimals) : 0;
    if (n == 0)
        puts_(o, null_text); /* beyond 1e300: not an ordinary value */
    else
        put(o, t, n);
}

/* Length of a valid UTF-8 sequence at s (at most n bytes), or 0 when invalid. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t len;
    unsigned min;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        len = 2, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF)
        len = 3, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4)
        len = 4, min = 0x10000;
    else
        return 0;
    if (len > n)
        return 0;
    unsigned cp = c & (0x3F >> (len - 1));
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

/* A JSON string: UTF-8 passed through, quote and backslash escaped, control
 * characters as \uXXXX; a byte that is not UTF-8 becomes U+FFFD so the line stays
 * valid JSON. */
static void put_json_str(struct out *o, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    put(o, "\"", 1);
    for (size_t i = 0; i < n;) {
        unsigned c = p[i];
        if (c == '"' || c == '\\') {
            char e[2] = {'\\', (char)c};
            put(o, e, 2);
            i++;
        } else if (c < 0x20) {
            char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            put(o, e, 6);
            i++;
        } else {
            size_t k = utf8_len(p + i, n - i);
            if (k == 0) {
                put(o, "\xEF\xBF\xBD", 3);
                i++;
            } else {
                put(o, (const char *)p + i, k);
                i += k;
            }
        }
    }
    put(o, "\"", 1);
}

static void put_key(struct out *o, const char *key)
{
    put(o, "\"", 1);
    puts_(o, key);
    put(o, "\":", 2);
}

static void put_name(struct out *o, const char *name)
{
    put(o, "\"", 1);
    puts_(o, name);
    put(o, "\"", 1);
}

static void put_json_reasons(struct out *o, const struct fupin__reasons *l)
{
    put(o, "[", 1);
    for (size_t i = 0; i < l->n; i++) {
        const char *name = fupin_reason_name(l->code[i]);
        if (i)
            put(o, ",", 1);
        put_name(o, name ? name : "?");
    }
    put(o, "]", 1);
}

static void put_json_enum(struct out *o, int kind, int v)
{
    const char *name = name_of(kind, v);
    if (name)
        put_name(o, name);
    else
        puts_(o, "null");
}

/* The low-confidence built-in values a result used, in the order of
 * data/national-defaults.csv: JSON strings separated by ",", or CSV words by " ". */
static void put_low(struct out *o, uint64_t low, int json)
{
    const char *label;
    for (size_t i = 0; (label = fupin__low_label(low, i)) != NULL; i++) {
        if (i)
            put(o, json ? "," : " ", 1);
        if (json)
            put_json_str(o, label);
        else
            puts_(o, label);
    }
}

/* Added after every other key, and only when a low-confidence value was used, so that
 * results resting on well-established figures read exactly as before. */
static void put_json_low(struct out *o, uint64_t low)
{
    if (!low)
        return;
    puts_(o, ",\"low_confidence\":[");
    put_low(o, low, 1);
    put(o, "]", 1);
}

static int has_threshold(const struct fupin_result *r)
{
    /* Section 4: without a monitoring threshold for Y, alert and monitor_exit are null. */
    return r->monitoring_threshold_fen >= 0;
}

int fupin_result_to_json(const fupin_result *r, char *buf, size_t cap, size_t *needed)
{
    if (needed)
        *needed = 0;
    if (!r || (!buf && cap))
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    struct out o = {buf, cap, 0};
    put(&o, "{", 1);
    put_key(&o, "household");
    put_json_str(&o, r->household);
    put(&o, ",", 1);
    put_key(&o, "village");
    if (r->village[0])
        put_json_str(&o, r->village);
    else
        puts_(&o, "null");
    puts_(&o, ",\"year\":");
    put_int(&o, r->year);

    puts_(&o, ",\"guarantee\":{\"status\":");
    put_json_enum(&o, FUPIN_ENUM_STATUS, r->guarantee);
    for (int d = 0; d < FUPIN_DIM_COUNT; d++) {
        put(&o, ",", 1);
        put_key(&o, fupin_enum_name(FUPIN_ENUM_DIMENSION, d));
        put_json_enum(&o, FUPIN_ENUM_STATUS, r->dim[d]);
    }
    puts_(&o, ",\"reasons\":");
    put_json_reasons(&o, &r->reasons[FUPIN_LIST_GUARANTEE]);

    puts_(&o, "},\"income\":{\"per_capita\":");
    if (r->per_capita_fen == FUPIN__FEN_UNKNOWN)
        puts_(&o, "null");
    else
        put_fen(&o, r->per_capita_fen);
    puts_(&o, ",\"poverty_line\":");
    put_fen(&o, r->poverty_line_fen);
    puts_(&o, ",\"status\":");
    put_json_enum(&o, FUPIN_ENUM_INCOME_STATUS, r->income_status);
    puts_(&o, ",\"growth\":");
    put_dec(&o, r->growth, 2, "null");
    puts_(&o, ",\"national_growth\":");
    put_dec(&o, r->national_growth, 2, "null");
    puts_(&o, ",\"gap_pp\":");
    put_dec(&o, r->gap_pp, 2, "null");
    puts_(&o, ",\"real_growth\":");
    put_dec(&o, r->real_growth, 2, "null");
    puts_(&o, ",\"national_real_growth\":");
    put_dec(&o, r->national_real_growth, 2, "null");
    if (r->since) {
        puts_(&o, ",\"since\":");
        put_int(&o, r->since);
        puts_(&o, ",\"cagr\":");
        put_dec(&o, r->cagr, 2, "null");
        puts_(&o, ",\"national_cagr\":");
        put_dec(&o, r->national_cagr, 2, "null");
    }
    puts_(&o, "},\"exit_eligible\":");
    put_json_tri(&o, r->exit_eligible);

    puts_(&o, ",\"alert\":");
    if (!has_threshold(r)) {
        puts_(&o, "null");
    } else {
        puts_(&o, "{\"level\":");
        put_json_enum(&o, FUPIN_ENUM_ALERT_LEVEL, r->alert_level);
        puts_(&o, ",\"category\":");
        put_json_enum(&o, FUPIN_ENUM_CATEGORY, r->category);
        puts_(&o, ",\"reasons\":");
        put_json_reasons(&o, &r->reasons[FUPIN_LIST_ALERT]);
        put(&o, "}", 1);
    }
    puts_(&o, ",\"monitor_exit\":");
    if (!has_threshold(r)) {
        puts_(&o, "null");
    } else {
        puts_(&o, "{\"status\":");
        put_json_enum(&o, FUPIN_ENUM_MONITOR_EXIT, r->monitor_exit);
        puts_(&o, ",\"reasons\":");
        put_json_reasons(&o, &r->reasons[FUPIN_LIST_MONITOR_EXIT]);
        put(&o, "}", 1);
    }
    put_json_low(&o, r->low);
    put(&o, "}", 1);
    return finish(&o, needed);
}

/* ------------------------------------------------------------------ CSV */

const char *fupin_result_csv_header(void)
{
    return "household,village,year,guarantee.status,guarantee.food,guarantee.clothing,"
           "guarantee.education,guarantee.medical,guarantee.housing,guarantee.water,"
           "guarantee.reasons,income.per_capita,income.poverty_line,income.status,"
           "income.growth,income.national_growth,income.gap_pp,income.real_growth,"
           "income.national_real_growth,income.since,income.cagr,income.national_cagr,"
           "exit_eligible,alert.level,alert.category,alert.reasons,monitor_exit.status,"
           "monitor_exit.reasons,low_confidence";
}

/* RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. A text
 * cell from the input that a spreadsheet would run as a formula (starting with =, +, -,
 * @, TAB or CR) is written as text: a ' before it, and quoted (the OWASP guidance on
 * CSV injection). Numbers the library writes never pass through here. */
static void put_csv_str(struct out *o, const char *s)
{
    int formula = *s && strchr("=+-@\t\r", *s);
    if (!formula && !strpbrk(s, ",\"\r\n")) {
        puts_(o, s);
        return;
    }
    put(o, "\"", 1);
    if (formula)
        put(o, "'", 1);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            put(o, "\"", 1);
        put(o, p, 1);
    }
    put(o, "\"", 1);
}

static void put_csv_enum(struct out *o, int kind, int v)
{
    const char *name = name_of(kind, v);
    if (name)
        puts_(o, name);
}

static void put_csv_reasons(struct out *o, const struct fupin__reasons *l)
{
    for (size_t i = 0; i < l->n; i++) {
        const char *name = fupin_reason_name(l->code[i]);
        if (i)
            put(o, " ", 1);
        puts_(o, name ? name : "?");
    }
}

int fupin_result_to_csv(const fupin_result *r, char *buf, size_t cap, size_t *needed)
{
    if (needed)
        *needed = 0;
    if (!r || (!buf && cap))
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    struct out o = {buf, cap, 0};
    put_csv_str(&o, r->household);
    put(&o, ",", 1);
    puts_(&o, r->village);
    put(&o, ",", 1);
    put_int(&o, r->year);
    put(&o, ",", 1);
    put_csv_enum(&o, FUPIN_ENUM_STATUS, r->guarantee);
    for (int d = 0; d < FUPIN_DIM_COUNT; d++) {
        put(&o, ",", 1);
        put_csv_enum(&o, FUPIN_ENUM_STATUS, r->dim[d]);
    }
    put(&o, ",", 1);
    put_csv_reasons(&o, &r->reasons[FUPIN_LIST_GUARANTEE]);
    put(&o, ",", 1);
    if (r->per_capita_fen != FUPIN__FEN_UNKNOWN)
        put_fen(&o, r->per_capita_fen);
    put(&o, ",", 1);
    put_fen(&o, r->poverty_line_fen);
    put(&o, ",", 1);
    put_csv_enum(&o, FUPIN_ENUM_INCOME_STATUS, r->income_status);
    const double figs[5] = {r->growth, r->national_growth, r->gap_pp, r->real_growth,
                            r->national_real_growth};
    for (int i = 0; i < 5; i++) {
        put(&o, ",", 1);
        put_dec(&o, figs[i], 2, "");
    }
    put(&o, ",", 1);
    if (r->since) {
        put_int(&o, r->since);
        put(&o, ",", 1);
        put_dec(&o, r->cagr, 2, "");
        put(&o, ",", 1);
        put_dec(&o, r->national_cagr, 2, "");
    } else {
        put(&o, ",,", 2);
    }
    put(&o, ",", 1);
    put_csv_enum(&o, FUPIN_ENUM_TRI, r->exit_eligible);
    put(&o, ",", 1);
    if (has_threshold(r)) {
        put_csv_enum(&o, FUPIN_ENUM_ALERT_LEVEL, r->alert_level);
        put(&o, ",", 1);
        put_csv_enum(&o, FUPIN_ENUM_CATEGORY, r->category);
        put(&o, ",", 1);
        put_csv_reasons(&o, &r->reasons[FUPIN_LIST_ALERT]);
        put(&o, ",", 1);
        put_csv_enum(&o, FUPIN_ENUM_MONITOR_EXIT, r->monitor_exit);
        put(&o, ",", 1);
        put_csv_reasons(&o, &r->reasons[FUPIN_LIST_MONITOR_EXIT]);
    } else {
        puts_(&o, ",,,,");
    }
    put(&o, ",", 1);
    put_low(&o, r->low, 0);
    return finish(&o, needed);
}

/* ------------------------------------------------------------------ villages */

static void put_counts(struct out *o, int has, const int64_t *v, int kind, int n)
{
    if (!has) {
        puts_(o, "null");
        return;
    }
    put(o, "{", 1);
    for (int i = 0; i < n; i++) {
        if (i)
            put(o, ",", 1);
        put_key(o, fupin_enum_name(kind, i));
        put_int(o, v[i]);
    }
    put(o, "}", 1);
}

static void put_count_or_null(struct out *o, int64_t v)
{
    if (v < 0)
        puts_(o, "null");
    else
        put_int(o, v);
}

/* The keys a village line and a group line share, "households" to the end of the
 * "income" object (docs/reference/output.md). */
static void put_summary(struct out *o, const struct fupin__summary *r)
{
    puts_(o, "\"households\":");
    put_int(o, r->households);
    puts_(o, ",\"population\":");
    put_count_or_null(o, r->population);
    puts_(o, ",\"poor_population\":");
    put_count_or_null(o, r->poor_population);
    puts_(o, ",\"incidence\":");
    put_dec(o, r->incidence, 4, "null");
    puts_(o, ",\"exit_eligible\":");
    put_json_tri(o, r->exit_eligible);
    puts_(o, ",\"exit_reasons\":");
    put_json_reasons(o, &r->reasons);
    puts_(o, ",\"guarantee\":");
    /* the guarantee counts are kept met, unmet, unknown (docs/reference/output.md order) */
    static const int guarantee_order[3] = {FUPIN_STATUS_MET, FUPIN_STATUS_UNMET,
                                           FUPIN_STATUS_UNKNOWN};
    put(o, "{", 1);
    for (int i = 0; i < 3; i++) {
        if (i)
            put(o, ",", 1);
        put_key(o, fupin_enum_name(FUPIN_ENUM_STATUS, guarantee_order[i]));
        put_int(o, r->guarantee[i]);
    }
    put(o, "}", 1);
    puts_(o, ",\"alerts\":");
    put_counts(o, r->has_alerts, r->alerts, FUPIN_ENUM_ALERT_LEVEL, 4);
    puts_(o, ",\"categories\":");
    put_counts(o, r->has_alerts, r->categories, FUPIN_ENUM_CATEGORY, 5);
    puts_(o, ",\"monitor_exit\":");
    put_counts(o, r->has_alerts, r->monitor_exit, FUPIN_ENUM_MONITOR_EXIT, 3);
    puts_(o, ",\"income\":{\"per_capita\":");
    put_dec(o, r->per_capita, 2, "null");
    puts_(o, ",\"growth\":");
    put_dec(o, r->growth, 2, "null");
    puts_(o, ",\"national_growth\":");
    put_dec(o, r->national_growth, 2, "null");
    puts_(o, ",\"gap_pp\":");
    put_dec(o, r->gap_pp, 2, "null");
    puts_(o, ",\"real_growth\":");
    put_dec(o, r->real_growth, 2, "null");
    puts_(o, ",\"national_real_growth\":");
    put_dec(o, r->national_real_growth, 2, "null");
    if (r->since) {
        puts_(o, ",\"since\":");
        put_int(o, r->since);
        puts_(o, ",\"cagr\":");
        put_dec(o, r->cagr, 2, "null");
        puts_(o, ",\"national_cagr\":");
        put_dec(o, r->national_cagr, 2, "null");
    }
    puts_(o, ",\"households_income_known\":");
    put_int(o, r->income_known);
    puts_(o, ",\"panel_households\":");
    put_int(o, r->panel);
    puts_(o, ",\"households_above_national\":");
    put_count_or_null(o, r->above_national);
    if (r->since) {
        /* R-I5: the size of the span panel (households known in both since and Y). */
        puts_(o, ",\"span_panel_households\":");
        put_int(o, r->span_panel);
    }
    put(o, "}", 1);
}

static void put_village(struct out *o, const fupin_summary *r)
{
    puts_(o, "{\"village\":{\"code\":");
    put_json_str(o, r->code);
    puts_(o, ",\"name\":");
    if (r->name && r->name[0])
        put_json_str(o, r->name);
    else
        puts_(o, "null");
    puts_(o, ",\"year\":");
    put_int(o, r->s.year);
    put(o, ",", 1);
    put_summary(o, &r->s);
    /* Added after the keys of docs/reference/output.md: the households to visit first (R-A10
     * warning or above, most severe first, village order within a level). */
    puts_(o, ",\"visit_first\":");
    if (!r->s.has_alerts) {
        puts_(o, "null");
    } else {
        put(o, "[", 1);
        for (size_t i = 0; i < r->n_visit; i++) {
            if (i)
                put(o, ",", 1);
            put_json_str(o, r->visit_id[i]);
        }
        put(o, "]", 1);
    }
    put_json_low(o, r->s.low);
    puts_(o, "}}");
}

/* ------------------------------------------------------------------ groups */

/* R-V5: shares to 4 decimals, contributions (percent) to 2. */
static void put_mpi(struct out *o, const struct fupin__mpi *m)
{
    puts_(o, "{\"households_included\":");
    put_int(o, m->included);
    puts_(o, ",\"households_excluded\":");
    put_int(o, m->excluded);
    puts_(o, ",\"H\":");
    put_dec(o, m->h, 4, "null");
    puts_(o, ",\"A\":");
    put_dec(o, m->a, 4, "null");
    puts_(o, ",\"M0\":");
    put_dec(o, m->m0, 4, "null");
    puts_(o, ",\"dimensions\":{");
    for (int d = 0; d < FUPIN__MPI_DIMS; d++) {
        if (d)
            put(o, ",", 1);
        put_key(o, fupin_enum_name(FUPIN_ENUM_MPI_DIMENSION, d));
        puts_(o, "{\"censored_headcount\":");
        put_dec(o, m->censored[d], 4, "null");
        puts_(o, ",\"contribution\":");
        put_dec(o, m->contribution[d], 2, "null");
        put(o, "}", 1);
    }
    puts_(o, "}}");
}

static void put_group(struct out *o, const fupin_summary *r)
{
    puts_(o, "{\"group\":{\"prefix\":");
    put_json_str(o, r->code);
    puts_(o, ",\"year\":");
    put_int(o, r->s.year);
    puts_(o, ",\"villages\":");
    put_int(o, r->villages);
    put(o, ",", 1);
    put_summary(o, &r->s);
    puts_(o, ",\"mpi\":");
    put_mpi(o, &r->s.mpi);
    put_json_low(o, r->s.low);
    puts_(o, "}}");
}

int fupin_summary_to_json(const fupin_summary *r, char *buf, size_t cap, size_t *needed)
{
    if (needed)
        *needed = 0;
    if (!r || (!buf && cap))
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    struct out o = {buf, cap, 0};
    switch (r->kind) {
    case FUPIN_SUMMARY_VILLAGE:
        put_village(&o, r);
        break;
    case FUPIN_SUMMARY_GROUP:
        put_group(&o, r);
        break;
    default:
        return fupin__error(FUPIN_EINVAL, "%s: the summary has not been evaluated", __func__);
    }
    return finish(&o, needed);
}
