/* Checks the fuzz targets make on what the library writes: a strict JSON validator
 * (RFC 8259: one value, no trailing bytes, no inf/nan, no raw control characters,
 * valid UTF-8, nesting bounded) and a finder of identity numbers that must not be
 * printed. Header-only: each target includes it once. */
#ifndef FUPIN_FUZZ_CHECK_H
#define FUPIN_FUZZ_CHECK_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct fz_json {
    const unsigned char *s;
    size_t n, i;
    int depth;
};

static inline void fz_ws(struct fz_json *j)
{
    while (j->i < j->n &&
           (j->s[j->i] == ' ' || j->s[j->i] == '\t' || j->s[j->i] == '\n' || j->s[j->i] == '\r'))
        j->i++;
}

static inline int fz_lit(struct fz_json *j, const char *w)
{
    size_t k = strlen(w);
    if (j->n - j->i < k || memcmp(j->s + j->i, w, k) != 0)
        return 0;
    j->i += k;
    return 1;
}

static inline int fz_hex(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static inline int fz_string(struct fz_json *j)
{
    if (j->i >= j->n || j->s[j->i] != '"')
        return 0;
    j->i++;
    while (j->i < j->n) {
        unsigned char c = j->s[j->i];
        if (c == '"') {
            j->i++;
            return 1;
        }
        if (c < 0x20)
            return 0;
        if (c == '\\') {
            if (++j->i >= j->n)
                return 0;
            c = j->s[j->i];
            if (c == 'u') {
                if (j->n - j->i < 5)
                    return 0;
                for (int k = 1; k <= 4; k++)
                    if (!fz_hex(j->s[j->i + k]))
                        return 0;
                j->i += 5;
            } else if (strchr("\"\\/bfnrt", c) && c) {
                j->i++;
            } else {
                return 0;
            }
            continue;
        }
        if (c < 0x80) {
            j->i++;
            continue;
        }
        /* UTF-8: shortest form, no surrogates, at most U+10FFFF */
        size_t k;
        uint32_t cp;
        if (c >= 0xc2 && c <= 0xdf) {
            k = 1;
            cp = c & 0x1f;
        } else if (c >= 0xe0 && c <= 0xef) {
            k = 2;
            cp = c & 0x0f;
        } else if (c >= 0xf0 && c <= 0xf4) {
            k = 3;
            cp = c & 0x07;
        } else {
            return 0;
        }
        if (j->n - j->i <= k)
            return 0;
        for (size_t t = 1; t <= k; t++) {
            unsigned char d = j->s[j->i + t];
            if ((d & 0xc0) != 0x80)
                return 0;
            cp = (cp << 6) | (d & 0x3f);
        }
        if ((k == 2 && cp < 0x800) || (k == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
            (cp >= 0xd800 && cp <= 0xdfff))
            return 0;
        j->i += k + 1;
    }
    return 0;
}

static inline int fz_digits(struct fz_json *j)
{
    size_t st = j->i;
    while (j->i < j->n && j->s[j->i] >= '0' && j->s[j->i] <= '9')
        j->i++;
    return j->i > st;
}

static inline int fz_number(struct fz_json *j)
{
    if (j->i < j->n && j->s[j->i] == '-')
        j->i++;
    if (j->i < j->n && j->s[j->i] == '0') {
        j->i++;
    } else if (!fz_digits(j)) {
        return 0;
    }
    if (j->i < j->n && j->s[j->i] == '.') {
        j->i++;
        if (!fz_digits(j))
            return 0;
    }
    if (j->i < j->n && (j->s[j->i] == 'e' || j->s[j->i] == 'E')) {
        j->i++;
        if (j->i < j->n && (j->s[j->i] == '+' || j->s[j->i] == '-'))
            j->i++;
        if (!fz_digits(j))
            return 0;
    }
    return 1;
}

static inline int fz_value(struct fz_json *j)
{
    fz_ws(j);
    if (j->i >= j->n)
        return 0;
    unsigned char c = j->s[j->i];
    if (c == '{' || c == '[') {
        if (++j->depth > 64)
            return 0;
        unsigned char close = c == '{' ? '}' : ']';
        j->i++;
        fz_ws(j);
        if (j->i < j->n && j->s[j->i] == close) {
            j->i++;
            j->depth--;
            return 1;
        }
        for (;;) {
            if (c == '{') {
                fz_ws(j);
                if (!fz_string(j))
                    return 0;
                fz_ws(j);
                if (j->i >= j->n || j->s[j->i] != ':')
                    return 0;
                j->i++;
            }
            if (!fz_value(j))
                return 0;
            fz_ws(j);
            if (j->i < j->n && j->s[j->i] == ',') {
                j->i++;
                continue;
            }
            if (j->i < j->n && j->s[j->i] == close) {
                j->i++;
                j->depth--;
                return 1;
            }
            return 0;
        }
    }
    if (c == '"')
        return fz_string(j);
    if (c == 't')
        return fz_lit(j, "true");
    if (c == 'f')
        return fz_lit(j, "false");
    if (c == 'n')
        return fz_lit(j, "null");
    return fz_number(j);
}

/* 1 when s[0..n) is exactly one JSON value (a JSON Lines line: no newline inside). */
static inline int fz_json_valid(const char *s, size_t n)
{
    struct fz_json j = {(const unsigned char *)s, n, 0, 0};
    if (memchr(s, '\n', n))
        return 0;
    if (!fz_value(&j))
        return 0;
    fz_ws(&j);
    return j.i == n;
}

/* Whether needle (18 bytes) occurs in hay. */
static inline int fz_contains(const char *hay, size_t n, const char *needle, size_t k)
{
    if (k == 0 || n < k)
        return 0;
    for (size_t i = 0; i + k <= n; i++)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, k) == 0)
            return 1;
    return 0;
}

/* Calls fn for every 18-character run in text that has the form of an identity
 * number (17 digits and a digit or X) with a valid GB 11643 checksum. */
static inline void fz_each_idnum(const char *s, size_t n, void (*fn)(const char *id, void *ctx),
                                 void *ctx)
{
    static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static const char check[11] = "10X98765432";
    for (size_t i = 0; i + 18 <= n; i++) {
        int ok = 1, sum = 0;
        for (int k = 0; k < 17 && ok; k++) {
            char c = s[i + k];
            if (c < '0' || c > '9')
                ok = 0;
            else
                sum += (c - '0') * w[k];
        }
        char last = s[i + 17];
        if (ok && (last == check[sum % 11] || (last == 'x' && check[sum % 11] == 'X')))
            fn(s + i, ctx);
    }
}

#endif
