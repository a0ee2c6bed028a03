/* The text of a file: UTF-8 checked, other encodings converted (docs/dataset.md: all text
 * is UTF-8; issue 10 item 2). A file that is not UTF-8 is found and named, never
 * read with replacement characters; GBK/GB18030 exports are converted through iconv
 * (glibc) when the caller says that is what they are. */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>

#include "csv.h"
#include "io.h"

/* The length of the valid UTF-8 sequence at s (shortest form, no surrogates, at most
 * U+10FFFF), or 0. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] > 0x9F))
            return 0;
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
            return 0;
        if ((c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] > 0x8F))
            return 0;
        return 4;
    }
    return 0;
}

size_t fupin__utf8_invalid(const char *data, size_t len)
{
    const unsigned char *s = (const unsigned char *)data;
    size_t i = 0;
    while (i < len) {
        /* ASCII runs eight bytes at a time: most of a dataset is digits and commas */
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ULL)
                break;
            i += 8;
        }
        if (i >= len)
            break;
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        size_t k = utf8_len(s + i, len - i);
        if (!k)
            return i;
        i += k;
    }
    return SIZE_MAX;
}

/* Physical line (CR, LF and CRLF each end one) and byte column (1-based) of off. */
static void line_col(const char *d, size_t off, uint64_t *line, size_t *col)
{
    uint64_t ln = 1;
    size_t start = 0;
    for (size_t i = 0; i < off; i++) {
        if (d[i] == '\n' || (d[i] == '\r' && d[i + 1] != '\n')) { /* i + 1 <= off < len */
            ln++;
            start = i + 1;
        }
    }
    *line = ln;
    *col = off - start + 1;
}

int fupin__text_not_utf8(const char *name, const char *data, size_t len, size_t off,
                         int offer_encoding)
{
    uint64_t line;
    size_t col;
    char column[96] = "";
    line_col(data, off, &line, &col);
    /* the CSV column holding the byte: read records up to it (an error path only) */
    struct fupin__csv c;
    struct fupin__csv_record r;
    fupin__csv_init(&c, data, len);
    char header[8][48];
    size_t nheader = 0;
    int first = 1;
    for (;;) {
        size_t before = c.pos;
        if (fupin__csv_next(&c, &r) <= 0)
            break;
        if (first) {
            for (size_t i = 0; i < r.n && i < 8; i++) {
                size_t n = r.fields[i].n < 47 ? r.fields[i].n : 47;
                memcpy(header[i], r.fields[i].p, n);
                header[i][n] = '\0';
                nheader = i + 1;
            }
        }
        if (c.pos > off && before <= off) {
            size_t idx = 0;
            for (size_t i = 0; i < r.n; i++)
                if (r.fields[i].p >= data && r.fields[i].p <= data + off)
                    idx = i;
            if (!first && idx < nheader &&
                fupin__utf8_invalid(header[idx], strlen(header[idx])) == SIZE_MAX)
                snprintf(column, sizeof column, "column %.47s", header[idx]);
            else
                snprintf(column, sizeof column, "column %zu", idx + 1);
            break;
        }
        first = 0;
    }
    fupin__csv_free(&c);
    if (!column[0])
        snprintf(column, sizeof column, "column ?");
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    if (len >= 2 && ((unsigned char)data[0] == 0xFF || (unsigned char)data[0] == 0xFE) &&
        (unsigned char)data[1] == ((unsigned char)data[0] ^ 1))
        return fupin__error(FUPIN_EPARSE,
                            "%s:1: not UTF-8 text: the file is UTF-16 (a byte-order mark %02X "
                            "%02X; Excel's \"Unicode Text\"); save it as \"CSV UTF-8\" or "
                            "convert it (iconv -f UTF-16 -t UTF-8 %s > utf8-%s)",
                            name, (unsigned char)data[0], (unsigned char)data[1], base, base);
    return fupin__error(FUPIN_EPARSE,
                        "%s:%llu: %s: not UTF-8 text (byte 0x%02X at byte %zu of the line): the "
                        "file is in another encoding, most likely GBK/GB18030 (Excel on Chinese "
                        "Windows); convert it to UTF-8 (iconv -f GB18030 -t UTF-8 %s > "
                        "utf8-%s)%s",
                        name, (unsigned long long)line, column, (unsigned char)data[off], col, base,
                        base, offer_encoding ? " or load it with the GB18030 encoding" : "");
}

int fupin__text_from_gb18030(const char *name, const char *data, size_t len, char **out,
                             size_t *out_len)
{
    *out = NULL;
    *out_len = 0;
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1)
        return fupin__error(FUPIN_EIO, "%s: the GB18030 conversion is not available here: %s", name,
                            strerror(errno));
    /* a GB18030 character of n bytes becomes at most ceil(3n/2) UTF-8 bytes (2 -> 3,
     * 4 -> 4, 1 -> 1) */
    if (len > (SIZE_MAX - 16) / 2) {
        iconv_close(cd);
        return fupin__oom();
    }
    size_t cap = len + len / 2 + 16;
    char *buf = fupin__malloc(cap);
    if (!buf) {
        iconv_close(cd);
        return fupin__oom();
    }
    char *in = (char *)data, *o = buf;
    size_t inleft = len, oleft = cap;
    int rc = 0;
    if (iconv(cd, &in, &inleft, &o, &oleft) == (size_t)-1) {
        size_t off = (size_t)(in - data), col;
        uint64_t line;
        line_col(data, off, &line, &col);
        if (errno == E2BIG)
            rc = fupin__oom();
        else
            rc = fupin__error(
                FUPIN_EPARSE, "%s:%llu: not GB18030 text (byte 0x%02X at byte %zu of the line%s)",
                name, (unsigned long long)line, (unsigned char)data[off], col,
                errno == EINVAL ? ", a character cut off at the end of the file" : "");
    }
    iconv_close(cd);
    if (rc) {
        fupin__free(buf);
        return rc;
    }
    *out = buf;
    *out_len = (size_t)(o - buf);
    return 0;
}
