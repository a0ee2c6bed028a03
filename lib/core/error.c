/* Return codes, the thread-local last-error message and small text helpers. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core.h"

static _Thread_local char last_error[1024];

const char *fupin_strerror(int code)
{
    switch (code) {
    case FUPIN_OK:
        return "success";
    case FUPIN_ENOMEM:
        return "out of memory";
    case FUPIN_EINVAL:
        return "invalid argument or value";
    case FUPIN_EPARSE:
        return "parse error";
    case FUPIN_ERANGE:
        return "value out of range";
    case FUPIN_ENOTFOUND:
        return "not found";
    case FUPIN_EIO:
        return "input/output error";
    case FUPIN_EEXIST:
        return "already exists";
    case FUPIN_ENOSPC:
        return "buffer too small";
    case FUPIN_ENULL:
        return "value is null (not computable)";
    default:
        return "unknown error";
    }
}

const char *fupin_last_error(void)
{
    return last_error;
}

void fupin__error_clear(void)
{
    last_error[0] = '\0';
}

int fupin__error(int code, const char *fmt, ...)
{
    /* Formatted whole first, so that an identity number cut by the size limit is
     * still masked as a whole. */
    char tmp[4096];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        n = 0;
    size_t len = (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1;
    fupin__mask_ids(tmp, len);
    if (len >= sizeof last_error)
        len = sizeof last_error - 1;
    memcpy(last_error, tmp, len);
    last_error[len] = '\0';
    return code;
}

int fupin__misuse(const char *func, const char *what)
{
    fupin__error(FUPIN_EINVAL, "%s: %s", func, what);
    return FUPIN_INVALID;
}

void fupin_year_range(int32_t *min, int32_t *max)
{
    if (min)
        *min = FUPIN_YEAR_MIN;
    if (max)
        *max = FUPIN_YEAR_MAX;
}

int fupin__oom(void)
{
    return fupin__error(FUPIN_ENOMEM, "out of memory");
}

void fupin__buf_init(struct fupin__buf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}

void fupin__buf_free(struct fupin__buf *b)
{
    fupin__free(b->data);
    fupin__buf_init(b);
}

static int buf_reserve(struct fupin__buf *b, size_t extra)
{
    if (b->failed)
        return -1;
    if (b->len + extra + 1 <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *d = fupin__realloc(b->data, cap);
    if (!d) {
        b->failed = 1;
        return -1;
    }
    b->data = d;
    b->cap = cap;
    return 0;
}

void fupin__buf_add(struct fupin__buf *b, const char *s, size_t n)
{
    if (buf_reserve(b, n))
        return;
    if (n) /* s may be NULL then (an empty buffer's data), which memcpy may not get */
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void fupin__buf_adds(struct fupin__buf *b, const char *s)
{
    fupin__buf_add(b, s, strlen(s));
}

void fupin__buf_addf(struct fupin__buf *b, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof tmp) {
        fupin__buf_add(b, tmp, (size_t)n);
        return;
    }
    if (buf_reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

int fupin__copy_out(const char *s, size_t len, char *buf, size_t cap, size_t *needed)
{
    if (needed)
        *needed = len;
    if (!buf || cap < len + 1) {
        if (buf && cap)
            buf[0] = '\0';
        return fupin__error(FUPIN_ENOSPC, "buffer of %zu bytes too small: %zu needed", cap,
                            len + 1);
    }
    memcpy(buf, s, len);
    buf[len] = '\0';
    return 0;
}

void fupin__quote_value(char *dst, size_t cap, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    size_t o = 0;
    const size_t limit = 60;
    if (!cap)
        return;
    for (size_t i = 0; i < len && i < limit; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
            if (o + 4 >= cap)
                break;
            dst[o++] = '\\';
            if (c == '"' || c == '\\') {
                dst[o++] = (char)c;
            } else if (c == '\n') {
                dst[o++] = 'n';
            } else if (c == '\r') {
                dst[o++] = 'r';
            } else {
                dst[o++] = 'x';
                dst[o++] = hex[c >> 4];
                dst[o++] = hex[c & 15];
            }
        } else {
            if (o + 1 >= cap)
                break;
            dst[o++] = (char)c;
        }
    }
    if (len > limit && o + 3 < cap) {
        memcpy(dst + o, "...", 3);
        o += 3;
    }
    dst[o] = '\0';
}
