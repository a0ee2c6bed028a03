/* Result writers: JSON Lines and CSV (docs/reference/output.md).
 *
 * Every writer writes straight into the caller's buffer and counts what it would
 * need past its end, so none of them allocates. A household line (the bulk of a
 * report) is written by unchecked writers (w_*) once the room left is known to hold
 * the longest such line (LINE_MOST), or into a scratch buffer that is then copied; the
 * summaries and the low-confidence labels, whose length has no bound, by checked ones
 * (put_*). Figures are rounded once here, from
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

#include "../core/names.h"
#include "../model/model.h"
#include "../model/national.h"

/* ------------------------------------------------------------ unchecked writers */

/* Each writes at p, which has room for what it writes, and returns the end. Copies
 * are of sizes known when compiling where they can be: the calls to memcpy and strlen,
 * and the bounds checks, were most of the time spent writing a result. */

static inline char *w(char *p, const char *s, size_t n)
{
    memcpy(p, s, n);
    return p + n;
}

/* A string literal, its length known when compiling. */
#define W(p, lit) w(p, lit, sizeof lit - 1)

/* A name of names.h: copied at once, whatever its length (room for FUPIN__NAME_ROOM
 * bytes needed). Nearly every name of a household line (statuses, levels, keys, most
 * reasons) has at most 16 bytes: one 16-byte copy stores 40 % of the bytes of
 * FUPIN__NAME_ROOM, and the stores were the larger part of writing a line (issue 15). */
static inline char *w_name(char *p, const struct fupin__name *name)
{
    if (name->len <= 16)
        memcpy(p, name->text, 16);
    else
        memcpy(p, name->text, FUPIN__NAME_ROOM);
    return p + name->len;
}

/* Two decimal digits at a time: half the divisions of one at a time. */
static const char digit_pairs[] = "00010203040506070809"
                                  "10111213141516171819"
                                  "20212223242526272829"
                                  "30313233343536373839"
                                  "40414243444546474849"
                                  "50515253545556575859"
                                  "60616263646566676869"
                                  "70717273747576777879"
                                  "80818283848586878889"
                                  "90919293949596979899";

/* The last n digits of a, zero-padded, at d. */
static void put_digits(char *d, uint64_t a, unsigned n)
{
    char *p = d + n;
    while (p - d >= 2) {
        p -= 2;
        memcpy(p, digit_pairs + 2 * (a % 100), 2);
        a /= 100;
    }
    if (p > d)
        *--p = (char)('0' + a % 10);
}

static const uint64_t pow10[20] = {1u,
                                   10u,
                                   100u,
                                   1000u,
                                   10000u,
                                   100000u,
                                   1000000u,
                                   10000000u,
                                   100000000u,
                                   1000000000u,
                                   10000000000u,
                                   100000000000u,
                                   1000000000000u,
                                   10000000000000u,
                                   100000000000000u,
                                   1000000000000000u,
                                   10000000000000000u,
                                   100000000000000000u,
                                   1000000000000000000u,
                                   10000000000000000000u};

static unsigned count_digits(uint64_t a)
{
    unsigned n = 1;
    while (n < 20 && a >= pow10[n])
        n++;
    return n;
}

/* Integer formatting by hand: glibc's printf was most of the time spent writing a
 * million result lines. At most INT_MOST bytes. */
#define INT_MOST 20
static char *w_int(char *p, int64_t v)
{
    uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    unsigned n = count_digits(a);
    *p = '-';
    p += v < 0;
    put_digits(p, a, n);
    return p + n;
}

/* A scaled integer k / 10^decimals (decimals 0..6) in the shortest form (trailing
 * zeros of the fraction and a bare point dropped); k == 0 prints "0", never "-0". At
 * most SCALED_MOST bytes, no terminating zero; with 2 decimals the three bytes after
 * the whole part are written even when fewer are kept (within SCALED_MOST). */
#define SCALED_MOST 28
static char *w_scaled(char *p, int64_t k, int decimals)
{
    uint64_t a = k < 0 ? (uint64_t)0 - (uint64_t)k : (uint64_t)k;
    /* a division by a constant is a multiplication; by a variable, tens of cycles */
    uint64_t unit = decimals == 2 ? 100 : decimals == 4 ? 10000 : pow10[decimals];
    uint64_t whole = decimals == 2 ? a / 100 : decimals == 4 ? a / 10000 : a / unit;
    uint64_t frac = a - whole * unit;
    unsigned d = (unsigned)decimals, n = count_digits(whole);
    *p = '-';
    p += k < 0;
    put_digits(p, whole, n);
    p += n;
    if (decimals == 2) {
        /* money and percentages, most of every line: the one or two digits of the
         * cents at once (their pair, then one place back when the second is a 0),
         * rather than a loop dropping zeros and a loop writing digits */
        p[0] = '.';
        memcpy(p + 1, digit_pairs + 2 * frac, 2);
        return p + (frac == 0 ? 0 : frac % 10 == 0 ? 2 : 3);
    }
    if (frac) {
        while (frac % 10 == 0) {
            frac /= 10;
            d--;
        }
        *p++ = '.';
        put_digits(p, frac, d);
        p += d;
    }
    return p;
}

/* Exact fen as yuan in the shortest form: 400000 -> 4000, 512350 -> 5123.5. */
static char *w_fen(char *p, int64_t fen)
{
    return w_scaled(p, fen, 2); /* uint64 magnitude: INT64_MIN too */
}

/* The largest rounded scaled value formatted as an integer: 2^40 (see below). */
#define EXACT_SCALED 1099511627776.0

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
    if (fabs(k) < EXACT_SCALED && cap >= 32) {
        size_t n = (size_t)(w_scaled(t, (int64_t)k, decimals) - t);
        t[n] = '\0';
        return n;
    }
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

/* A figure rounded once to `decimals` places, shortest form; when it is not finite
 * (or beyond 1e300), null in JSON and nothing in CSV. At most DEC_MOST bytes. The
 * common case, a rounded value below 2^40, is formatted here; the rest through
 * fupin__json_format_dec (printf). */
#define DEC_MOST 400
static char *w_dec(char *p, double v, int decimals, int json)
{
    static const double scale[] = {1, 10, 100, 1000, 10000};
    double k = round(v * scale[decimals]);
    if (fabs(k) < EXACT_SCALED) /* false for NaN */
        return w_scaled(p, (int64_t)k, decimals);
    size_t n = isfinite(v) ? fupin__json_format_dec(p, DEC_MOST, v, decimals) : 0;
    if (n)
        return p + n;
    return json ? W(p, "null") : p; /* beyond 1e300: not an ordinary value */
}

static char *w_json_tri(char *p, int v)
{
    if (v == FUPIN_TRI_TRUE)
        return W(p, "true");
    if (v == FUPIN_TRI_FALSE)
        return W(p, "false");
    return W(p, "null");
}

/* Length of a valid UTF-8 sequence at s, or 0 when invalid. s is zero-terminated: the
 * zero is not a continuation byte, so no byte past it is read. */
static size_t utf8_len(const unsigned char *s)
{
    unsigned c = s[0];
    size_t len;
    unsigned min;
    if (c >= 0xC2 && c <= 0xDF)
        len = 2, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF)
        len = 3, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4)
        len = 4, min = 0x10000;
    else
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

/* One character of a JSON string at *s, escaped, and *s past it: quote and backslash
 * escaped, control characters as \uXXXX, UTF-8 passed through, a byte that is not
 * UTF-8 as U+FFFD so the line stays valid JSON. At most 6 bytes. */
static char *w_json_char(char *p, const unsigned char **s)
{
    static const char hex[] = "0123456789abcdef";
    unsigned c = **s;
    size_t k = 1;
    if (c == '"' || c == '\\') {
        *p++ = '\\';
        *p++ = (char)c;
    } else if (c < 0x20) {
        char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
        p = w(p, e, 6);
    } else if (c < 0x80) {
        *p++ = (char)c;
    } else if ((k = utf8_len(*s)) == 0) {
        p = W(p, "\xEF\xBF\xBD");
        k = 1;
    } else {
        p = w(p, (const char *)*s, k);
    }
    *s += k;
    return p;
}

/* A JSON string of n bytes: at most 6n + 2 bytes. Runs of printable ASCII, all of an
 * ordinary id, are copied at once. */
static char *w_json_str(char *p, const char *str)
{
    const unsigned char *s = (const unsigned char *)str;
    *p++ = '"';
    for (;;) {
        const unsigned char *run = s;
        while (*s >= 0x20 && *s < 0x80 && *s != '"' && *s != '\\')
            s++;
        p = w(p, (const char *)run, (size_t)(s - run));
        if (!*s)
            break;
        p = w_json_char(p, &s);
    }
    *p++ = '"';
    return p;
}

/* "name": for a key of the library's name tables: a value this file lists itself,
 * always one with a name. */
static char *w_key(char *p, int kind, int v)
{
    const struct fupin__name_table *t = &fupin__names[kind];
    *p++ = '"';
    p = w_name(p, &t->rows[v - t->rows[0].value]);
    return W(p, "\":");
}

/* A reason's name; "?" for a code without one. */
static const struct fupin__name *reason_name(int code)
{
    static const struct fupin__name unknown = {0, FUPIN__NAME_TEXT("?")};
    const struct fupin__name *name = fupin__reason_row(code);
    return name ? name : &unknown;
}

/* At most 2 + FUPIN__MAX_REASONS * (FUPIN__NAME_ROOM + 3) bytes. */
static char *w_json_reasons(char *p, const struct fupin__reasons *l)
{
    *p++ = '[';
    for (size_t i = 0; i < l->n; i++) {
        if (i)
            *p++ = ',';
        *p++ = '"';
        p = w_name(p, reason_name(l->code[i]));
        *p++ = '"';
    }
    *p++ = ']';
    return p;
}

/* A JSON string of the enum's name; null for a null value (-1). */
static char *w_json_enum(char *p, int kind, int v)
{
    const struct fupin__name *name = v < 0 ? NULL : fupin__enum_row(kind, v);
    if (!name)
        return W(p, "null");
    *p++ = '"';
    p = w_name(p, name);
    *p++ = '"';
    return p;
}

/* ------------------------------------------------------------ checked writers */

/* An output cursor over the caller's buffer. room is what is left of cap, the
 * terminating zero included; once a write does not fit, room stays 0 and len goes on
 * counting what the whole text needs. */
struct out {
    char *buf;
    size_t room, len;
};

static void put(struct out *o, const char *s, size_t n)
{
    if (n < o->room) {
        memcpy(o->buf + o->len, s, n);
        o->room -= n;
    } else {
        o->room = 0;
    }
    o->len += n;
}

#define PUT(o, lit) put(o, lit, sizeof lit - 1)

static void puts_(struct out *o, const char *s)
{
    put(o, s, strlen(s));
}

/* Where up to `most` bytes are written unchecked: in place when they fit, else in
 * the caller's scratch of that size, then put (done). */
static char *spot(struct out *o, char *scratch, size_t most)
{
    return most < o->room ? o->buf + o->len : scratch;
}

/* The n bytes just written in place. */
static void advance(struct out *o, size_t n)
{
    o->room -= n;
    o->len += n;
}

static void done(struct out *o, const char *at, const char *scratch, const char *end)
{
    if (at == scratch)
        put(o, scratch, (size_t)(end - at));
    else
        advance(o, (size_t)(end - at));
}

static int finish(struct out *o, size_t cap, size_t *needed)
{
    if (needed)
        *needed = o->len;
    if (!o->room) { /* cap < len + 1, the zero included */
        if (o->buf && cap)
            o->buf[0] = '\0';
        return fupin__error(FUPIN_ENOSPC, "buffer of %zu bytes too small: %zu needed", cap,
                            o->len + 1);
    }
    o->buf[o->len] = '\0';
    return 0;
}

static void put_int(struct out *o, int64_t v)
{
    char t[INT_MOST], *at = spot(o, t, sizeof t);
    done(o, at, t, w_int(at, v));
}

static void put_dec(struct out *o, double v, int decimals)
{
    char t[DEC_MOST], *at = spot(o, t, sizeof t);
    done(o, at, t, w_dec(at, v, decimals, 1));
}

static void put_json_tri(struct out *o, int v)
{
    char t[8], *at = spot(o, t, sizeof t);
    done(o, at, t, w_json_tri(at, v));
}

static void put_key(struct out *o, int kind, int v)
{
    char t[FUPIN__NAME_ROOM + 3], *at = spot(o, t, sizeof t);
    done(o, at, t, w_key(at, kind, v));
}

/* A JSON string of any length: in place when the longest escaping fits, else one
 * character at a time. */
static void put_json_str(struct out *o, const char *s)
{
    size_t n = strlen(s);
    if (6 * n + 2 < o->room) { /* 6 bytes at most a character */
        char *at = o->buf + o->len;
        advance(o, (size_t)(w_json_str(at, s) - at));
        return;
    }
    const unsigned char *p = (const unsigned char *)s;
    PUT(o, "\"");
    while (*p) {
        char t[6];
        done(o, t, t, w_json_char(t, &p));
    }
    PUT(o, "\"");
}

static void put_json_reasons(struct out *o, const struct fupin__reasons *l)
{
    PUT(o, "[");
    for (size_t i = 0; i < l->n; i++) {
        char t[FUPIN__NAME_ROOM + 3], *at = spot(o, t, sizeof t), *p = at;
        if (i)
            *p++ = ',';
        *p++ = '"';
        p = w_name(p, reason_name(l->code[i]));
        *p++ = '"';
        done(o, at, t, p);
    }
    PUT(o, "]");
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
    PUT(o, ",\"low_confidence\":[");
    put_low(o, low, 1);
    PUT(o, "]");
}

/* ------------------------------------------------------------ household lines */

/* The most a household line takes before its low-confidence labels, JSON or CSV: its
 * keys and punctuation, the two ids escaped, nine numbers, 16 names and three reason
 * lists. */
#define ID_MOST(field) (6 * sizeof((struct fupin_result *)0)->field + 2)
#define LINE_MOST                                                                                  \
    (1024 + ID_MOST(household) + ID_MOST(village) + 9 * DEC_MOST + 16 * (FUPIN__NAME_ROOM + 3) +   \
     3 * (2 + FUPIN__MAX_REASONS * (FUPIN__NAME_ROOM + 3)))

typedef char *line_fn(char *p, const fupin_result *r);

#if defined(__GNUC__) || defined(__clang__)
#define NOINLINE __attribute__((noinline))
#else
#define NOINLINE
#endif

/* A household line into o: in place when the longest line fits, else through scratch
 * (kept out of line so that the common case reserves no such stack). */
static NOINLINE void put_line_via_scratch(struct out *o, line_fn *fn, const fupin_result *r)
{
    char t[LINE_MOST];
    put(o, t, (size_t)(fn(t, r) - t));
}

static void put_line(struct out *o, line_fn *fn, const fupin_result *r)
{
    if (LINE_MOST < o->room) {
        char *at = o->buf + o->len;
        advance(o, (size_t)(fn(at, r) - at));
    } else {
        put_line_via_scratch(o, fn, r);
    }
}

static int has_threshold(const struct fupin_result *r)
{
    /* Section 4: without a monitoring threshold for Y, alert and monitor_exit are null. */
    return r->monitoring_threshold_fen >= 0;
}

/* The JSON line up to its low-confidence labels and closing brace. */
static char *json_line(char *p, const fupin_result *r)
{
    p = W(p, "{\"household\":");
    p = w_json_str(p, r->household);
    p = W(p, ",\"village\":");
    p = r->village[0] ? w_json_str(p, r->village) : W(p, "null");
    p = W(p, ",\"year\":");
    p = w_int(p, r->year);

    p = W(p, ",\"guarantee\":{\"status\":");
    p = w_json_enum(p, FUPIN_ENUM_STATUS, r->guarantee);
    for (int d = 0; d < FUPIN_DIM_COUNT; d++) {
        *p++ = ',';
        p = w_key(p, FUPIN_ENUM_DIMENSION, d);
        p = w_json_enum(p, FUPIN_ENUM_STATUS, r->dim[d]);
    }
    p = W(p, ",\"reasons\":");
    p = w_json_reasons(p, &r->reasons[FUPIN_LIST_GUARANTEE]);

    p = W(p, "},\"income\":{\"per_capita\":");
    if (r->per_capita_fen == FUPIN__FEN_UNKNOWN)
        p = W(p, "null");
    else
        p = w_fen(p, r->per_capita_fen);
    p = W(p, ",\"poverty_line\":");
    p = w_fen(p, r->poverty_line_fen);
    p = W(p, ",\"status\":");
    p = w_json_enum(p, FUPIN_ENUM_INCOME_STATUS, r->income_status);
    p = W(p, ",\"growth\":");
    p = w_dec(p, r->growth, 2, 1);
    p = W(p, ",\"national_growth\":");
    p = w_dec(p, r->national_growth, 2, 1);
    p = W(p, ",\"gap_pp\":");
    p = w_dec(p, r->gap_pp, 2, 1);
    p = W(p, ",\"real_growth\":");
    p = w_dec(p, r->real_growth, 2, 1);
    p = W(p, ",\"national_real_growth\":");
    p = w_dec(p, r->national_real_growth, 2, 1);
    if (r->since) {
        p = W(p, ",\"since\":");
        p = w_int(p, r->since);
        p = W(p, ",\"cagr\":");
        p = w_dec(p, r->cagr, 2, 1);
        p = W(p, ",\"national_cagr\":");
        p = w_dec(p, r->national_cagr, 2, 1);
    }
    p = W(p, "},\"exit_eligible\":");
    p = w_json_tri(p, r->exit_eligible);

    p = W(p, ",\"alert\":");
    if (!has_threshold(r)) {
        p = W(p, "null");
    } else {
        p = W(p, "{\"level\":");
        p = w_json_enum(p, FUPIN_ENUM_ALERT_LEVEL, r->alert_level);
        p = W(p, ",\"category\":");
        p = w_json_enum(p, FUPIN_ENUM_CATEGORY, r->category);
        p = W(p, ",\"reasons\":");
        p = w_json_reasons(p, &r->reasons[FUPIN_LIST_ALERT]);
        *p++ = '}';
    }
    p = W(p, ",\"monitor_exit\":");
    if (!has_threshold(r)) {
        p = W(p, "null");
    } else {
        p = W(p, "{\"status\":");
        p = w_json_enum(p, FUPIN_ENUM_MONITOR_EXIT, r->monitor_exit);
        p = W(p, ",\"reasons\":");
        p = w_json_reasons(p, &r->reasons[FUPIN_LIST_MONITOR_EXIT]);
        *p++ = '}';
    }
    return p;
}

int fupin_result_to_json(const fupin_result *r, char *buf, size_t cap, size_t *needed)
{
    if (needed)
        *needed = 0;
    if (!r || (!buf && cap))
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    struct out o = {buf, cap, 0};
    put_line(&o, json_line, r);
    put_json_low(&o, r->low);
    PUT(&o, "}");
    return finish(&o, cap, needed);
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
 * CSV injection). Numbers the library writes never pass through here. At most
 * 2n + 3 bytes for n. */
static char *w_csv_str(char *p, const char *s)
{
    int formula = *s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r';
    const char *e = s;
    while (*e && *e != ',' && *e != '"' && *e != '\r' && *e != '\n')
        e++;
    if (!formula && !*e)
        return w(p, s, (size_t)(e - s));
    *p++ = '"';
    if (formula)
        *p++ = '\'';
    for (e = s; *e; e++) {
        if (*e == '"')
            *p++ = '"';
        *p++ = *e;
    }
    *p++ = '"';
    return p;
}

/* The enum's name; nothing for a null value (-1). */
static char *w_csv_enum(char *p, int kind, int v)
{
    const struct fupin__name *name = v < 0 ? NULL : fupin__enum_row(kind, v);
    return name ? w_name(p, name) : p;
}

static char *w_csv_reasons(char *p, const struct fupin__reasons *l)
{
    for (size_t i = 0; i < l->n; i++) {
        if (i)
            *p++ = ' ';
        p = w_name(p, reason_name(l->code[i]));
    }
    return p;
}

/* The CSV row up to its low-confidence labels. */
static char *csv_line(char *p, const fupin_result *r)
{
    p = w_csv_str(p, r->household);
    *p++ = ',';
    p = w(p, r->village, strlen(r->village));
    *p++ = ',';
    p = w_int(p, r->year);
    *p++ = ',';
    p = w_csv_enum(p, FUPIN_ENUM_STATUS, r->guarantee);
    for (int d = 0; d < FUPIN_DIM_COUNT; d++) {
        *p++ = ',';
        p = w_csv_enum(p, FUPIN_ENUM_STATUS, r->dim[d]);
    }
    *p++ = ',';
    p = w_csv_reasons(p, &r->reasons[FUPIN_LIST_GUARANTEE]);
    *p++ = ',';
    if (r->per_capita_fen != FUPIN__FEN_UNKNOWN)
        p = w_fen(p, r->per_capita_fen);
    *p++ = ',';
    p = w_fen(p, r->poverty_line_fen);
    *p++ = ',';
    p = w_csv_enum(p, FUPIN_ENUM_INCOME_STATUS, r->income_status);
    const double figs[5] = {r->growth, r->national_growth, r->gap_pp, r->real_growth,
                            r->national_real_growth};
    for (int i = 0; i < 5; i++) {
        *p++ = ',';
        p = w_dec(p, figs[i], 2, 0);
    }
    *p++ = ',';
    if (r->since) {
        p = w_int(p, r->since);
        *p++ = ',';
        p = w_dec(p, r->cagr, 2, 0);
        *p++ = ',';
        p = w_dec(p, r->national_cagr, 2, 0);
    } else {
        p = W(p, ",,");
    }
    *p++ = ',';
    p = w_csv_enum(p, FUPIN_ENUM_TRI, r->exit_eligible);
    *p++ = ',';
    if (has_threshold(r)) {
        p = w_csv_enum(p, FUPIN_ENUM_ALERT_LEVEL, r->alert_level);
        *p++ = ',';
        p = w_csv_enum(p, FUPIN_ENUM_CATEGORY, r->category);
        *p++ = ',';
        p = w_csv_reasons(p, &r->reasons[FUPIN_LIST_ALERT]);
        *p++ = ',';
        p = w_csv_enum(p, FUPIN_ENUM_MONITOR_EXIT, r->monitor_exit);
        *p++ = ',';
        p = w_csv_reasons(p, &r->reasons[FUPIN_LIST_MONITOR_EXIT]);
    } else {
        p = W(p, ",,,,");
    }
    *p++ = ',';
    return p;
}

int fupin_result_to_csv(const fupin_result *r, char *buf, size_t cap, size_t *needed)
{
    if (needed)
        *needed = 0;
    if (!r || (!buf && cap))
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    struct out o = {buf, cap, 0};
    put_line(&o, csv_line, r);
    put_low(&o, r->low, 0);
    return finish(&o, cap, needed);
}

/* ------------------------------------------------------------------ villages */

static void put_counts(struct out *o, int has, const int64_t *v, int kind, int n)
{
    if (!has) {
        PUT(o, "null");
        return;
    }
    PUT(o, "{");
    for (int i = 0; i < n; i++) {
        if (i)
            PUT(o, ",");
        put_key(o, kind, i);
        put_int(o, v[i]);
    }
    PUT(o, "}");
}

static void put_count_or_null(struct out *o, int64_t v)
{
    if (v < 0)
        PUT(o, "null");
    else
        put_int(o, v);
}

/* The keys a village line and a group line share, "households" to the end of the
 * "income" object (docs/reference/output.md). */
static void put_summary(struct out *o, const struct fupin__summary *r)
{
    PUT(o, "\"households\":");
    put_int(o, r->households);
    PUT(o, ",\"population\":");
    put_count_or_null(o, r->population);
    PUT(o, ",\"poor_population\":");
    put_count_or_null(o, r->poor_population);
    PUT(o, ",\"incidence\":");
    put_dec(o, r->incidence, 4);
    PUT(o, ",\"exit_eligible\":");
    put_json_tri(o, r->exit_eligible);
    PUT(o, ",\"exit_reasons\":");
    put_json_reasons(o, &r->reasons);
    PUT(o, ",\"guarantee\":");
    /* the guarantee counts are kept met, unmet, unknown (docs/reference/output.md order) */
    static const int guarantee_order[3] = {FUPIN_STATUS_MET, FUPIN_STATUS_UNMET,
                                           FUPIN_STATUS_UNKNOWN};
    PUT(o, "{");
    for (int i = 0; i < 3; i++) {
        if (i)
            PUT(o, ",");
        put_key(o, FUPIN_ENUM_STATUS, guarantee_order[i]);
        put_int(o, r->guarantee[i]);
    }
    PUT(o, "}");
    PUT(o, ",\"alerts\":");
    put_counts(o, r->has_alerts, r->alerts, FUPIN_ENUM_ALERT_LEVEL, 4);
    PUT(o, ",\"categories\":");
    put_counts(o, r->has_alerts, r->categories, FUPIN_ENUM_CATEGORY, 5);
    PUT(o, ",\"monitor_exit\":");
    put_counts(o, r->has_alerts, r->monitor_exit, FUPIN_ENUM_MONITOR_EXIT, 3);
    PUT(o, ",\"income\":{\"per_capita\":");
    put_dec(o, r->per_capita, 2);
    PUT(o, ",\"growth\":");
    put_dec(o, r->growth, 2);
    PUT(o, ",\"national_growth\":");
    put_dec(o, r->national_growth, 2);
    PUT(o, ",\"gap_pp\":");
    put_dec(o, r->gap_pp, 2);
    PUT(o, ",\"real_growth\":");
    put_dec(o, r->real_growth, 2);
    PUT(o, ",\"national_real_growth\":");
    put_dec(o, r->national_real_growth, 2);
    if (r->since) {
        PUT(o, ",\"since\":");
        put_int(o, r->since);
        PUT(o, ",\"cagr\":");
        put_dec(o, r->cagr, 2);
        PUT(o, ",\"national_cagr\":");
        put_dec(o, r->national_cagr, 2);
    }
    PUT(o, ",\"households_income_known\":");
    put_int(o, r->income_known);
    PUT(o, ",\"panel_households\":");
    put_int(o, r->panel);
    PUT(o, ",\"households_above_national\":");
    put_count_or_null(o, r->above_national);
    if (r->since) {
        /* R-I5: the size of the span panel (households known in both since and Y). */
        PUT(o, ",\"span_panel_households\":");
        put_int(o, r->span_panel);
    }
    PUT(o, "}");
}

static void put_village(struct out *o, const fupin_summary *r)
{
    PUT(o, "{\"village\":{\"code\":");
    put_json_str(o, r->code);
    PUT(o, ",\"name\":");
    if (r->name && r->name[0])
        put_json_str(o, r->name);
    else
        PUT(o, "null");
    PUT(o, ",\"year\":");
    put_int(o, r->s.year);
    PUT(o, ",");
    put_summary(o, &r->s);
    /* Added after the keys of docs/reference/output.md: the households to visit first (R-A10
     * warning or above, most severe first, village order within a level). */
    PUT(o, ",\"visit_first\":");
    if (!r->s.has_alerts) {
        PUT(o, "null");
    } else {
        PUT(o, "[");
        for (size_t i = 0; i < r->n_visit; i++) {
            if (i)
                PUT(o, ",");
            put_json_str(o, r->visit_id[i]);
        }
        PUT(o, "]");
    }
    put_json_low(o, r->s.low);
    PUT(o, "}}");
}

/* ------------------------------------------------------------------ groups */

/* R-V5: shares to 4 decimals, contributions (percent) to 2. */
static void put_mpi(struct out *o, const struct fupin__mpi *m)
{
    PUT(o, "{\"households_included\":");
    put_int(o, m->included);
    PUT(o, ",\"households_excluded\":");
    put_int(o, m->excluded);
    PUT(o, ",\"H\":");
    put_dec(o, m->h, 4);
    PUT(o, ",\"A\":");
    put_dec(o, m->a, 4);
    PUT(o, ",\"M0\":");
    put_dec(o, m->m0, 4);
    PUT(o, ",\"dimensions\":{");
    for (int d = 0; d < FUPIN__MPI_DIMS; d++) {
        if (d)
            PUT(o, ",");
        put_key(o, FUPIN_ENUM_MPI_DIMENSION, d);
        PUT(o, "{\"censored_headcount\":");
        put_dec(o, m->censored[d], 4);
        PUT(o, ",\"contribution\":");
        put_dec(o, m->contribution[d], 2);
        PUT(o, "}");
    }
    PUT(o, "}}");
}

static void put_group(struct out *o, const fupin_summary *r)
{
    PUT(o, "{\"group\":{\"prefix\":");
    put_json_str(o, r->code);
    PUT(o, ",\"year\":");
    put_int(o, r->s.year);
    PUT(o, ",\"villages\":");
    put_int(o, r->villages);
    PUT(o, ",");
    put_summary(o, &r->s);
    PUT(o, ",\"mpi\":");
    put_mpi(o, &r->s.mpi);
    put_json_low(o, r->s.low);
    PUT(o, "}}");
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
    return finish(&o, cap, needed);
}
