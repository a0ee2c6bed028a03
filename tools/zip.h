/* A zip archive of stored (uncompressed) entries, written to a seekable file: enough
 * for an Office Open XML workbook with no library (issue 13 item 3). Each entry's
 * local header is written first with its CRC-32 and sizes zero, then patched once the
 * entry is complete, so an entry of any size streams through without being held in
 * memory. No zip64: an entry or archive past 4 GiB is refused. */
#ifndef FUPIN_ZIP_H
#define FUPIN_ZIP_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum { ZIP_MAX_ENTRIES = 256, ZIP_MAX_NAME = 64 };

struct zip_entry {
    char name[ZIP_MAX_NAME];
    uint32_t crc, size;
    uint64_t offset;
};

struct zip {
    FILE *f;
    uint32_t table[256]; /* CRC-32 (IEEE 802.3, reflected 0xEDB88320) */
    struct zip_entry e[ZIP_MAX_ENTRIES];
    size_t n;
    int open_entry;
    uint32_t crc;    /* running, before the final inversion */
    uint64_t size;   /* of the open entry */
    uint64_t pos;    /* bytes written to the archive */
    const char *err; /* the first failure, NULL while all is well */
};

/* CRC-32 of data, continuing from crc (0 to start), as zip and PNG compute it. */
uint32_t zip_crc32(const uint32_t table[256], uint32_t crc, const void *data, size_t n);
void zip_crc32_table(uint32_t table[256]);

void zip_start(struct zip *z, FILE *f);
/* Begin an entry; every write until zip_end goes into it. */
void zip_begin(struct zip *z, const char *name);
void zip_write(struct zip *z, const void *data, size_t n);
void zip_puts(struct zip *z, const char *s);
void zip_end(struct zip *z);
/* Write the central directory. Returns 0, or -1 with z->err saying what failed. */
int zip_finish(struct zip *z);

#endif
