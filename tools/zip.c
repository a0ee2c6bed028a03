/* Stored zip entries and CRC-32 (PKWARE APPNOTE 6.3.x, sections 4.3 and 4.4). */
#include <stdio.h>
#include <string.h>

#include "zip.h"

void zip_crc32_table(uint32_t table[256])
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = c & 1u ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
}

uint32_t zip_crc32(const uint32_t table[256], uint32_t crc, const void *data, size_t n)
{
    const unsigned char *p = data;
    crc = ~crc;
    for (size_t i = 0; i < n; i++)
        crc = table[(crc ^ p[i]) & 0xFFu] ^ (crc >> 8);
    return ~crc;
}

static void fail(struct zip *z, const char *what)
{
    if (!z->err)
        z->err = what;
}

static void raw(struct zip *z, const void *data, size_t n)
{
    if (z->err)
        return;
    if (fwrite(data, 1, n, z->f) != n)
        fail(z, "writing the file failed");
    z->pos += n;
    if (z->pos > 0xFFFFFFFFu)
        fail(z, "the workbook would pass 4 GiB (zip64 is not written)");
}

static void u16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)(v & 0xFFu);
    p[1] = (unsigned char)((v >> 8) & 0xFFu);
}

static void u32(unsigned char *p, uint32_t v)
{
    u16(p, v & 0xFFFFu);
    u16(p + 2, v >> 16);
}

/* A fixed date, 1980-01-01 00:00: the same input gives the same bytes. */
enum { DOS_TIME = 0, DOS_DATE = (0 << 9) | (1 << 5) | 1, FLAG_UTF8 = 0x0800, VERSION = 20 };

static void local_header(unsigned char h[30], const struct zip_entry *e, size_t name_len)
{
    u32(h, 0x04034b50u);
    u16(h + 4, VERSION);
    u16(h + 6, FLAG_UTF8);
    u16(h + 8, 0); /* stored */
    u16(h + 10, DOS_TIME);
    u16(h + 12, DOS_DATE);
    u32(h + 14, e->crc);
    u32(h + 18, e->size); /* compressed = uncompressed when stored */
    u32(h + 22, e->size);
    u16(h + 26, (unsigned)name_len);
    u16(h + 28, 0);
}

void zip_start(struct zip *z, FILE *f)
{
    memset(z, 0, sizeof *z);
    z->f = f;
    zip_crc32_table(z->table);
}

void zip_begin(struct zip *z, const char *name)
{
    size_t len = strlen(name);
    if (z->open_entry)
        zip_end(z);
    if (z->n == ZIP_MAX_ENTRIES || len >= ZIP_MAX_NAME) {
        fail(z, "too many sheets");
        return;
    }
    struct zip_entry *e = &z->e[z->n++];
    memset(e, 0, sizeof *e);
    memcpy(e->name, name, len + 1);
    e->offset = z->pos;
    unsigned char h[30];
    local_header(h, e, len);
    raw(z, h, sizeof h);
    raw(z, name, len);
    z->open_entry = 1;
    z->crc = 0;
    z->size = 0;
}

void zip_write(struct zip *z, const void *data, size_t n)
{
    if (!z->open_entry || z->err)
        return;
    z->crc = zip_crc32(z->table, z->crc, data, n);
    z->size += n;
    raw(z, data, n);
}

void zip_puts(struct zip *z, const char *s)
{
    zip_write(z, s, strlen(s));
}

void zip_end(struct zip *z)
{
    if (!z->open_entry)
        return;
    z->open_entry = 0;
    struct zip_entry *e = &z->e[z->n - 1];
    e->crc = z->crc;
    e->size = (uint32_t)z->size;
    if (z->err)
        return;
    /* Patch the CRC and sizes into the local header, then go back to the end. */
    unsigned char h[30];
    local_header(h, e, strlen(e->name));
    if (fflush(z->f) != 0 || fseeko(z->f, (off_t)e->offset, SEEK_SET) != 0 ||
        fwrite(h, 1, sizeof h, z->f) != sizeof h || fflush(z->f) != 0 ||
        fseeko(z->f, 0, SEEK_END) != 0)
        fail(z, "the output is not a regular file that can be rewritten (-o FILE)");
}

int zip_finish(struct zip *z)
{
    zip_end(z);
    uint64_t cd_start = z->pos;
    for (size_t i = 0; i < z->n; i++) {
        const struct zip_entry *e = &z->e[i];
        size_t len = strlen(e->name);
        unsigned char c[46];
        u32(c, 0x02014b50u);
        u16(c + 4, VERSION); /* made by: MS-DOS attributes, spec 2.0 */
        u16(c + 6, VERSION);
        u16(c + 8, FLAG_UTF8);
        u16(c + 10, 0);
        u16(c + 12, DOS_TIME);
        u16(c + 14, DOS_DATE);
        u32(c + 16, e->crc);
        u32(c + 20, e->size);
        u32(c + 24, e->size);
        u16(c + 28, (unsigned)len);
        u16(c + 30, 0); /* extra */
        u16(c + 32, 0); /* comment */
        u16(c + 34, 0); /* disk */
        u16(c + 36, 0); /* internal attributes */
        u32(c + 38, 0); /* external attributes */
        u32(c + 42, (uint32_t)e->offset);
        raw(z, c, sizeof c);
        raw(z, e->name, len);
    }
    unsigned char end[22];
    u32(end, 0x06054b50u);
    u16(end + 4, 0);
    u16(end + 6, 0);
    u16(end + 8, (unsigned)z->n);
    u16(end + 10, (unsigned)z->n);
    u32(end + 12, (uint32_t)(z->pos - cd_start));
    u32(end + 16, (uint32_t)cd_start);
    u16(end + 20, 0);
    raw(z, end, sizeof end);
    if (!z->err && fflush(z->f) != 0)
        fail(z, "writing the file failed");
    return z->err ? -1 : 0;
}
