/* Value syntax of docs/dataset.md: never trimmed, blank handled by callers. */
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core.h"
#include "value.h"

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

const char *fupin__parse_amount_exact(const char *s, size_t n, int allow_negative, int64_t *fen)
{
    size_t i = 0;
    int neg = 0;
    if (n && s[0] == '-') {
        neg = 1;
        i = 1;
    }
    size_t int_start = i;
    int64_t v = 0;
    while (i < n && is_digit(s[i])) {
        if (v > FUPIN__FEN_MAX) /* keep accumulating safely; range checked below */
            return "amount too large (at most 100000000000 yuan)";
        v = v * 10 + (s[i] - '0');
        i++;
    }
    if (i == int_start)
        return "not an amount";
    if (v > FUPIN__FEN_MAX / 100)
        return "amount too large (at most 100000000000 yuan)";
    v *= 100;
    if (i < n && s[i] == '.') {
        i++;
        size_t dec_start = i;
        int64_t scale = 10;
        while (i < n && is_digit(s[i])) {
            if (i - dec_start >= 2)
                return "amount has more than two decimals";
            v += (s[i] - '0') * scale;
            scale /= 10;
            i++;
        }
        if (i == dec_start)
            return "not an amount";
    }
    if (i != n)
        return "not an amount";
    if (v > FUPIN__FEN_MAX)
        return "amount too large (at most 100000000000 yuan)";
    if (neg && !allow_negative && v != 0)
        return "amount may not be negative";
    *fen = neg ? -v : v;
    return NULL;
}

/* Nearly every amount in a data file is plain: up to 11 integer digits and at most two
 * decimals, which can be neither negative nor beyond FUPIN__FEN_MAX (99999999999.99
 * yuan < 100000000000). Those are read here in one pass without the exact routine's
 * per-digit checks; everything else, and so every refusal and its message, goes to
 * fupin__parse_amount_exact. */
const char *fupin__parse_amount(const char *s, size_t n, int allow_negative, int64_t *fen)
{
    uint64_t v = 0;
    size_t i = 0;
    while (i < n && i < 12 && is_digit(s[i])) {
        v = v * 10 + (uint64_t)(s[i] - '0');
        i++;
    }
    if (i == 0 || i > 11)
        return fupin__parse_amount_exact(s, n, allow_negative, fen);
    v *= 100;
    if (i < n) {
        size_t decimals = n - i - 1;
        if (s[i] != '.' || decimals < 1 || decimals > 2 || !is_digit(s[i + 1]) ||
            (decimals == 2 && !is_digit(s[i + 2])))
            return fupin__parse_amount_exact(s, n, allow_negative, fen);
        v += (uint64_t)(s[i + 1] - '0') * 10;
        if (decimals == 2)
            v += (uint64_t)(s[i + 2] - '0');
    }
    *fen = (int64_t)v;
    return NULL;
}

const char *fupin__parse_uint(const char *s, size_t n, int64_t min, int64_t max, int64_t *out)
{
    int64_t v = 0;
    if (n == 0)
        return "not a whole number";
    for (size_t i = 0; i < n; i++) {
        if (!is_digit(s[i]))
            return "not a whole number";
        if (v > (INT64_MAX - 9) / 10)
            return "number out of range";
        v = v * 10 + (s[i] - '0');
    }
    if (v < min || v > max)
        return "number out of range";
    *out = v;
    return NULL;
}

const char *fupin__parse_year(const char *s, size_t n, int32_t min, int32_t max, int32_t *out)
{
    if (n != 4 || !is_digit(s[0]) || !is_digit(s[1]) || !is_digit(s[2]) || !is_digit(s[3]))
        return "not a 4-digit year";
    int32_t v = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    if (v < min || v > max)
        return "year out of range";
    *out = v;
    return NULL;
}

/* 10^k, exact in a double for k <= 22. */
static const double pow10_table[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                     1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                     1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* NUMBER of docs/policy.md: [+-]digits[.digits][(e|E)[+-]digits], nothing else.
 * Converted without depending on the C locale's decimal point: exact small decimals
 * (all real policy values) by one correctly rounded operation, anything else by
 * strtod on a copy spelled with the locale's decimal point. */
const char *fupin__parse_number(const char *s, size_t n, double *out)
{
    size_t i = 0;
    int neg = 0;
    uint64_t mant = 0;
    int mant_digits = 0, exact = 1;
    long exp10 = 0;
    if (n > FUPIN__MAX_NUMBER_CHARS)
        return "number longer than 100 characters";
    if (i < n && (s[i] == '+' || s[i] == '-'))
        neg = s[i++] == '-';
    size_t start = i;
    for (; i < n && is_digit(s[i]); i++) {
        if (mant == 0 && s[i] == '0')
            continue;
        if (mant_digits < 19) {
            mant = mant * 10 + (uint64_t)(s[i] - '0');
            mant_digits++;
        } else {
            exact = 0;
        }
    }
    if (i == start)
        return "not a number";
    if (i < n && s[i] == '.') {
        size_t frac = ++i;
        for (; i < n && is_digit(s[i]); i++) {
            if (mant == 0 && s[i] == '0') {
                exp10--;
                continue;
            }
            if (mant_digits < 19) {
                mant = mant * 10 + (uint64_t)(s[i] - '0');
                mant_digits++;
                exp10--;
            } else {
                exact = 0;
            }
        }
        if (i == frac)
            return "not a number";
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        int eneg = 0;
        long ev = 0;
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            eneg = s[i++] == '-';
        size_t es = i;
        for (; i < n && is_digit(s[i]); i++)
            if (ev < 100000)
                ev = ev * 10 + (s[i] - '0');
        if (i == es)
            return "not a number";
        exp10 += eneg ? -ev : ev;
    }
    if (i != n)
        return "not a number";
    if (mant == 0) {
        *out = 0.0; /* -0 would print as "-0" and compare as negative nowhere */
        return NULL;
    }
    if (exact && mant <= ((uint64_t)1 << 53) && exp10 >= -22 && exp10 <= 22) {
        double v = (double)mant;
        v = exp10 < 0 ? v / pow10_table[-exp10] : v * pow10_table[exp10];
        *out = neg ? -v : v;
        return NULL;
    }
    char tmp[FUPIN__MAX_NUMBER_CHARS + 9]; /* the one '.' may become a multibyte point */
    const char *point = localeconv()->decimal_point;
    size_t plen = point && point[0] && strlen(point) <= 8 ? strlen(point) : 0, o = 0;
    for (size_t k = 0; k < n; k++) {
        if (s[k] == '.' && plen) {
            memcpy(tmp + o, point, plen);
            o += plen;
        } else {
            tmp[o++] = s[k];
        }
    }
    tmp[o] = '\0';
    *out = strtod(tmp, NULL);
    return NULL;
}

const char *fupin__parse_decimal_exact(const char *s, size_t n, double *out)
{
    size_t i = 0;
    while (i < n && is_digit(s[i]))
        i++;
    if (i == 0)
        return "not a non-negative number";
    if (i < n && s[i] == '.') {
        size_t d = ++i;
        while (i < n && is_digit(s[i]))
            i++;
        if (i == d)
            return "not a non-negative number";
    }
    if (i != n)
        return "not a non-negative number";
    double v;
    const char *bad = fupin__parse_number(s, n, &v);
    if (bad)
        return bad;
    if (!isfinite(v))
        return "number out of range";
    *out = v;
    return NULL;
}

/* digits[.digits] of at most 15 digits in all: the whole digit string is below
 * 10^15 < 2^53, so fupin__parse_number would take its exact branch, one correctly
 * rounded division or none, which is what is done here without its second scan.
 * Anything else (longer, malformed, refused) goes to fupin__parse_decimal_exact. */
const char *fupin__parse_decimal(const char *s, size_t n, double *out)
{
    uint64_t mant = 0;
    size_t i = 0, point = n;
    if (n == 0 || n > 16)
        return fupin__parse_decimal_exact(s, n, out);
    for (; i < n; i++) {
        if (is_digit(s[i]))
            mant = mant * 10 + (uint64_t)(s[i] - '0');
        else if (s[i] == '.' && point == n)
            point = i;
        else
            return fupin__parse_decimal_exact(s, n, out);
    }
    size_t decimals = point == n ? 0 : n - point - 1;
    if (point == 0 || (point < n && decimals == 0) || n - (point < n) > 15)
        return fupin__parse_decimal_exact(s, n, out);
    *out = decimals ? (double)mant / pow10_table[decimals] : (double)mant;
    return NULL;
}

const char *fupin__parse_flag(const char *s, size_t n, int8_t *out)
{
    if (n == 1 && (s[0] == '0' || s[0] == '1')) {
        *out = (int8_t)(s[0] - '0');
        return NULL;
    }
    return "not 0 or 1";
}

int fupin__parse_enum(const char *s, size_t n, const char *const *names, int count)
{
    /* One pass over each name, stopping at the first differing byte (the first, for
     * the names of one set mostly differ there), instead of a strlen per name. A name
     * matches when its n bytes equal s and it ends there; s may hold NUL bytes. */
    for (int i = 0; i < count; i++) {
        const char *p = names[i];
        size_t j = 0;
        while (j < n && p[j] != '\0' && p[j] == s[j])
            j++;
        if (j == n && p[n] == '\0')
            return i;
    }
    return -1;
}

int fupin__days_in_month(int32_t y, int32_t m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return days[m - 1];
}

static int two_digits(const char *s, int32_t *out)
{
    if (!is_digit(s[0]) || !is_digit(s[1]))
        return -1;
    *out = (s[0] - '0') * 10 + (s[1] - '0');
    return 0;
}

const char *fupin__parse_date(const char *s, size_t n, int32_t min_year, int32_t max_year,
                              int allow_day, struct fupin__date *out)
{
    int32_t y, m = 0, d = 0;
    int8_t prec;
    const char *bad =
        allow_day ? "not a date (YYYY-MM-DD, YYYY-MM or YYYY)" : "not a month (YYYY-MM or YYYY)";
    if (n != 4 && n != 7 && !(allow_day && n == 10))
        return bad;
    for (size_t i = 0; i < 4; i++)
        if (!is_digit(s[i]))
            return bad;
    y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    prec = 1;
    if (n >= 7) {
        if (s[4] != '-' || two_digits(s + 5, &m))
            return bad;
        if (m < 1 || m > 12)
            return "month out of range";
        prec = 2;
    }
    if (n == 10) {
        if (s[7] != '-' || two_digits(s + 8, &d))
            return bad;
        if (d < 1 || d > fupin__days_in_month(y, m))
            return "day out of range";
        prec = 3;
    }
    if (y < min_year || y > max_year)
        return "year out of range";
    out->y = (int16_t)y;
    out->m = (int8_t)m;
    out->d = (int8_t)d;
    out->prec = prec;
    return NULL;
}

void fupin__date_resolve_birth(const struct fupin__date *in, int32_t *y, int32_t *m, int32_t *d)
{
    *y = in->y;
    *m = in->prec >= 2 ? in->m : 7;
    *d = in->prec >= 3 ? in->d : (in->prec == 2 ? 15 : 1);
}

int32_t fupin__age_on(int32_t by, int32_t bm, int32_t bd, int32_t y, int32_t m, int32_t d)
{
    int32_t age = y - by;
    if (m < bm || (m == bm && d < bd))
        age--;
    return age;
}

/* Length of the well-formed UTF-8 sequence at s (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF), or 0 when it is not one. */
static size_t utf8_sequence(const unsigned char *s, size_t n)
{
    size_t len;
    unsigned char lo = 0x80, hi = 0xbf;
    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xc2 && s[0] <= 0xdf)
        len = 2;
    else if (s[0] >= 0xe0 && s[0] <= 0xef)
        len = 3;
    else if (s[0] >= 0xf0 && s[0] <= 0xf4)
        len = 4;
    else
        return 0;
    if (n < len)
        return 0;
    if (s[0] == 0xe0)
        lo = 0xa0; /* overlong */
    else if (s[0] == 0xed)
        hi = 0x9f; /* surrogates */
    else if (s[0] == 0xf0)
        lo = 0x90; /* overlong */
    else if (s[0] == 0xf4)
        hi = 0x8f; /* above U+10FFFF */
    if (s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < len; i++)
        if (s[i] < 0x80 || s[i] > 0xbf)
            return 0;
    return len;
}

static const char *check_id_exact(const char *s, size_t n);

const char *fupin__check_id(const char *s, size_t n)
{
    /* Ids are nearly always short printable ASCII: one pass proves a 1..64-byte id
     * holds no NUL and no byte >= 0x80, so it is valid UTF-8. Anything else goes
     * through the checks below, in their order, for their message. */
    size_t i = 0;
    if (n - 1 < 64)
        while (i < n && (unsigned char)s[i] >= 0x01 && (unsigned char)s[i] <= 0x7f)
            i++;
    if (i == n && n)
        return NULL;
    return check_id_exact(s, n);
}

static const char *check_id_exact(const char *s, size_t n)
{
    if (n == 0)
        return "id is empty";
    if (n > 64)
        return "id longer than 64 bytes";
    if (memchr(s, '\0', n))
        return "id contains a NUL byte";
    /* docs/dataset.md: ids are UTF-8; they are written into JSON results unchanged. */
    for (size_t i = 0; i < n;) {
        size_t len = utf8_sequence((const unsigned char *)s + i, n - i);
        if (!len)
            return "id is not valid UTF-8";
        i += len;
    }
    return NULL;
}

const char *fupin__check_idnum(const char *s, size_t n, const struct fupin__date *birth)
{
    static const int weight[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static const char check[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    int sum = 0;
    if (n != 18)
        return "identity number is not 18 characters";
    for (size_t i = 0; i < 17; i++) {
        if (!is_digit(s[i]))
            return "identity number has a non-digit";
        sum += (s[i] - '0') * weight[i];
    }
    char last = s[17] == 'x' ? 'X' : s[17];
    if (!is_digit(last) && last != 'X')
        return "identity number has a bad last character";
    if (check[sum % 11] != last)
        return "identity number checksum does not hold";
    /* positions 7..14: the birth date, YYYYMMDD (all digits, checked above) */
    int32_t y = (s[6] - '0') * 1000 + (s[7] - '0') * 100 + (s[8] - '0') * 10 + (s[9] - '0');
    int32_t m = (s[10] - '0') * 10 + (s[11] - '0'), d = (s[12] - '0') * 10 + (s[13] - '0');
    if (y < 1800 || y > 2100 || m < 1 || m > 12 || d < 1 || d > fupin__days_in_month(y, m))
        return "identity number has an impossible birth date";
    if (birth && birth->prec) {
        if (birth->y != y || (birth->prec >= 2 && birth->m != m) ||
            (birth->prec >= 3 && birth->d != d))
            return "identity number does not agree with birth";
    }
    return NULL;
}

void fupin__mask_idnum(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    if (n == 18 && cap > 18) {
        /* an identity number, the one length set for every member: fixed copies */
        memcpy(out, s, 6);
        memcpy(out + 6, "********", 8);
        memcpy(out + 14, s + 14, 4);
        out[18] = '\0';
        return;
    }
    if (!cap)
        return;
    for (size_t i = 0; i < n && o + 1 < cap; i++) {
        int keep = n > 10 && (i < 6 || i >= n - 4);
        out[o++] = keep ? s[i] : '*';
    }
    out[o] = '\0';
}

double fupin__round(double v, int decimals)
{
    static const double scale[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
    if (isnan(v))
        return v;
    double s = scale[decimals];
    double r = round(v * s) / s; /* round(): half away from zero */
    return r == 0 ? 0.0 : r;     /* never -0 */
}

int fupin__round_ratio(fupin__i128 num, fupin__i128 den, int decimals, fupin__i128 *k)
{
    /* 10^38 < 2^127: |num| x 10^decimals fits when |num| <= 10^31 */
    static const fupin__i128 limit = (fupin__i128)10000000000000000LL * 1000000000000000LL;
    if (den == 0 || decimals < 0 || decimals > 6 || num > limit || num < -limit)
        return -1;
    if (den < 0) {
        num = -num;
        den = -den;
    }
    for (int i = 0; i < decimals; i++)
        num *= 10;
    fupin__i128 q = num / den, rem = num % den; /* C: q truncated toward zero */
    fupin__i128 twice = rem < 0 ? -2 * rem : 2 * rem;
    if (twice >= den) /* at or past the half: away from zero */
        q += num < 0 ? -1 : 1;
    *k = q;
    return 0;
}
