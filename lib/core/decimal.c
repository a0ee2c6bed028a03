/* Exact decimals for policy values (formats.md section 2: a policy number is
 * [+-]digits[.digits] with an optional exponent). A value is held as m x 10^-k with
 * at most 18 significant digits, whatever its number of decimals, and compared with
 * whole numbers exactly in 128-bit arithmetic, so a ratio such as 0.0199996 decides
 * the boundary case it names (rules.md R-A3, R-A4, R-V2, R-V4). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core.h"
#include "value.h"

__extension__ typedef unsigned __int128 u128;

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The exponent of %e output: [+-]digits. */
static long strtol_ascii(const char *p)
{
    int neg = 0;
    long v = 0;
    if (*p == '+' || *p == '-')
        neg = *p++ == '-';
    for (; is_digit(*p); p++)
        if (v < 100000)
            v = v * 10 + (*p - '0');
    return neg ? -v : v;
}

const char *fupin__dec_parse(const char *s, size_t n, struct fupin__dec *out)
{
    char d[FUPIN__MAX_NUMBER_CHARS + 1];
    size_t nd = 0, i = 0;
    long frac = 0, e = 0;
    int neg = 0;
    if (n > FUPIN__MAX_NUMBER_CHARS)
        return "number longer than 100 characters";
    if (i < n && (s[i] == '+' || s[i] == '-'))
        neg = s[i++] == '-';
    size_t start = i;
    for (; i < n && is_digit(s[i]); i++)
        d[nd++] = s[i];
    if (i == start)
        return "not a number";
    if (i < n && s[i] == '.') {
        size_t fs = ++i;
        for (; i < n && is_digit(s[i]); i++) {
            d[nd++] = s[i];
            frac++;
        }
        if (i == fs)
            return "not a number";
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        int eneg = 0;
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            eneg = s[i++] == '-';
        size_t es = i;
        for (; i < n && is_digit(s[i]); i++)
            if (e < 100000)
                e = e * 10 + (s[i] - '0');
        if (i == es)
            return "not a number";
        if (eneg)
            e = -e;
    }
    if (i != n)
        return "not a number";
    /* value = int(d) x 10^(e - frac); drop leading and trailing zeros */
    size_t lo = 0;
    while (lo < nd && d[lo] == '0')
        lo++;
    long scale = e - frac;
    while (nd > lo && d[nd - 1] == '0') {
        nd--;
        scale++;
    }
    if (lo == nd) {
        out->m = 0;
        out->k = 0;
        return NULL;
    }
    if (nd - lo > 18)
        return "more than 18 significant digits";
    int64_t m = 0;
    for (size_t j = lo; j < nd; j++)
        m = m * 10 + (d[j] - '0');
    /* k >= 0 always: a whole number carries its zeros in m. */
    for (; scale > 0; scale--) {
        if (m > INT64_MAX / 10)
            return "number out of range";
        m *= 10;
    }
    if (-scale > 1000000)
        return "number out of range";
    out->m = neg ? -m : m;
    out->k = (int32_t)-scale;
    return NULL;
}

int fupin__dec_from_double(double v, struct fupin__dec *out)
{
    if (!isfinite(v))
        return -1;
    /* The shortest decimal that reads back as v: what the caller meant by it. The
     * digits of %e are read without its decimal point, which is the locale's. */
    for (int prec = 0; prec <= 17; prec++) {
        char t[64], u[64];
        int n = snprintf(t, sizeof t, "%.*e", prec, v);
        if (n < 0 || (size_t)n >= sizeof t)
            return -1;
        size_t o = 0;
        long exp = 0;
        const char *p = t;
        if (*p == '-')
            u[o++] = *p++;
        int digits_after = -1;
        for (; *p && *p != 'e' && *p != 'E'; p++) {
            if (is_digit(*p)) {
                u[o++] = *p;
                digits_after++;
            }
        }
        if (*p)
            exp = strtol_ascii(p + 1);
        exp -= digits_after;
        o += (size_t)snprintf(u + o, sizeof u - o, "e%ld", exp);
        double back;
        if (fupin__parse_number(u, o, &back) == NULL && back == v)
            return fupin__dec_parse(u, o, out) ? -1 : 0;
    }
    return -1;
}

/* |x| x 10^k as a u128; 0 when it does not fit (x != 0). */
static int scaled(uint64_t x, int32_t k, u128 *out)
{
    u128 r = x;
    for (int32_t i = 0; i < k; i++) {
        if (r > (~(u128)0) / 10)
            return 0;
        r *= 10;
    }
    *out = r;
    return 1;
}

int fupin__dec_cmp_mul(int64_t a, const struct fupin__dec *r, int64_t b)
{
    /* sign(a - r x b) = sign(a x 10^k - m x b) */
    int sa = (a > 0) - (a < 0);
    int sb = ((r->m > 0) - (r->m < 0)) * ((b > 0) - (b < 0));
    uint64_t ua = a < 0 ? (uint64_t)0 - (uint64_t)a : (uint64_t)a;
    uint64_t um = r->m < 0 ? (uint64_t)0 - (uint64_t)r->m : (uint64_t)r->m;
    uint64_t ub = b < 0 ? (uint64_t)0 - (uint64_t)b : (uint64_t)b;
    u128 rhs = (u128)um * ub; /* < 2^127 */
    u128 lhs;
    if (sa == 0)
        return -sb;
    if (!scaled(ua, r->k, &lhs))
        return sa; /* |a| x 10^k > 2^128 > |m x b| */
    if (sa != sb)
        return sa > sb ? 1 : -1;
    if (lhs == rhs)
        return 0;
    return (lhs > rhs) == (sa > 0) ? 1 : -1;
}

int fupin__dec_to_fen(const struct fupin__dec *d, int64_t *fen)
{
    if (d->k > 2)
        return -1;
    int64_t v = d->m;
    for (int32_t i = d->k; i < 2; i++) {
        if (v > INT64_MAX / 10 || v < INT64_MIN / 10)
            return -1;
        v *= 10;
    }
    *fen = v;
    return 0;
}

int fupin__dec_equal(const struct fupin__dec *a, const struct fupin__dec *b)
{
    return a->m == b->m && a->k == b->k;
}

size_t fupin__dec_format(const struct fupin__dec *d, char *buf, size_t cap)
{
    char digits[24];
    uint64_t u = d->m < 0 ? (uint64_t)0 - (uint64_t)d->m : (uint64_t)d->m;
    size_t nd = 0, o = 0;
    do {
        digits[nd++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    /* digits are reversed; the point goes k digits from the right */
    size_t need = 1 + (d->k >= (int32_t)nd ? (size_t)d->k + 2 : nd + 1) + 1;
    if (cap < need || d->k > 40) {
        if (cap)
            buf[0] = '\0';
        return 0;
    }
    if (d->m < 0)
        buf[o++] = '-';
    if ((size_t)d->k >= nd) {
        buf[o++] = '0';
        buf[o++] = '.';
        for (size_t z = nd; z < (size_t)d->k; z++)
            buf[o++] = '0';
    }
    for (size_t i = nd; i-- > 0;) {
        buf[o++] = digits[i];
        if (d->k > 0 && i == (size_t)d->k && (size_t)d->k < nd)
            buf[o++] = '.';
    }
    buf[o] = '\0';
    return o;
}
