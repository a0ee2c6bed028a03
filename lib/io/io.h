/* Internal: the dataset loader's entry points below the public API, so that tests
 * and the fuzzer can load from memory. io -> model, core. */
#ifndef FUPIN_IO_H
#define FUPIN_IO_H

#include <stddef.h>
#include <stdint.h>

#include "../model/model.h"

/* The bare file names, in load order (enum fupin_dataset_file). */
extern const char *const fupin__dataset_file_names[FUPIN_FILE_COUNT];

/* The public load options (fupin_load_options). */
struct fupin_load_options {
    uint32_t flags;
    int encoding; /* enum fupin_encoding */
    fupin_progress_fn progress;
    void *progress_ctx;
};

/* Where the loader gets each file's bytes. open returns 0, FUPIN_ENOTFOUND when the
 * file does not exist (no message needed), or another code with the message set.
 * close is called once for every successful open. One file is open at a time.
 * pageable (may be NULL): the file just opened is an anonymous mapping whose pages
 * the loader may give back behind it. total: the bytes of all files, for progress. */
struct fupin__stream;
/* stream (may be NULL): open file as a stream instead (fupin__stream_*), for the loader
 * to read in pieces; same return codes as open. The loader closes it. */
struct fupin__dataset_source {
    int (*open)(void *ctx, int file, const char **data, size_t *len);
    void (*close)(void *ctx, int file, const char *data, size_t len);
    int (*pageable)(void *ctx, int file);
    void *ctx;
    uint64_t total;
    int (*stream)(void *ctx, int file, struct fupin__stream *s);
};

/* options NULL: strict, UTF-8, no progress. notices (may be NULL): lines said before
 * the load (the folder's), taken over by the dataset. */
int fupin__dataset_load_source(fupin_dataset **out, const struct fupin__dataset_source *src,
                               const struct fupin_load_options *options, char **notices,
                               size_t n_notices);
/* data[i] == NULL: file i is absent. */
int fupin__dataset_load_memory(fupin_dataset **out, const char *const data[FUPIN_FILE_COUNT],
                               const size_t len[FUPIN_FILE_COUNT], uint32_t flags);
int fupin__dataset_load_memory_with(fupin_dataset **out, const char *const data[FUPIN_FILE_COUNT],
                                    const size_t len[FUPIN_FILE_COUNT],
                                    const struct fupin_load_options *options);

/* A whole file in memory, read once (never mapped: a file truncated while mapped
 * raises SIGBUS). mapped: data is an anonymous mapping of cap bytes whose pages the
 * reader may give back (madvise) once it has read past them. */
struct fupin__file {
    const char *data;
    size_t len, cap;
    int mapped;
};
/* A file read in pieces, twice (the loader's count, then its parse) through one
 * descriptor, so that a file replaced by another (a rename) is never mixed with it.
 * A write to the file changes its size or its modification or status-change time:
 * fupin__stream_check says so. Or bytes in memory (mem, fd -1), for tests. */
struct fupin__stream {
    int fd;
    const char *mem;
    const char *name; /* for messages */
    uint64_t size;
    int64_t mtime_s, mtime_ns, ctime_s, ctime_ns;
};
/* 0; FUPIN_ENOTFOUND (no message), FUPIN_EIO as fupin__file_open. */
int fupin__stream_open(struct fupin__stream *s, const char *path, const char *name);
void fupin__stream_memory(struct fupin__stream *s, const char *data, size_t len, const char *name);
/* Up to n bytes from offset off; *got < n only at the end of the file. 0 or FUPIN_EIO. */
int fupin__stream_read(struct fupin__stream *s, uint64_t off, char *buf, size_t n, size_t *got);
/* after reading to the end at offset end: 0 when the file is as it was when opened,
 * else FUPIN_EIO naming what changed (it shrank, grew or was written) */
int fupin__stream_check(const struct fupin__stream *s, uint64_t end);
void fupin__stream_close(struct fupin__stream *s);

/* Read the serialised form of a group summary (docs/scale.md) into r: totals, context
 * and prefix, every field checked; the summary figures are left to the rules
 * (fupin__group_finish). 0 or FUPIN_EPARSE with the message naming the line. */
int fupin__group_parse(const char *text, size_t len, struct fupin_summary *r);

/* 0; FUPIN_ENOTFOUND when the file does not exist (no message set: callers decide);
 * FUPIN_EIO (message names `name`: a dangling link, a FIFO, device or folder, a
 * read error with its strerror text, a file that shrank or grew while read) or
 * FUPIN_ENOMEM. Never blocks on a FIFO. */
int fupin__file_open(struct fupin__file *f, const char *path, const char *name);
void fupin__file_close(struct fupin__file *f);
/* What fupin__file_open would refuse, without reading: 0 and the size of a regular
 * file (or a link to one); FUPIN_ENOTFOUND (nothing there, no message); FUPIN_EIO. */
int fupin__file_stat(const char *path, const char *name, uint64_t *size);

/* Text (text.c). The offset of the first byte that is not valid UTF-8, or SIZE_MAX. */
size_t fupin__utf8_invalid(const char *data, size_t len);
/* FUPIN_EPARSE: `name` is not UTF-8 at data[off]; names line, CSV column, and how to
 * convert (offer_encoding: and that the GB18030 load option reads it). */
int fupin__text_not_utf8(const char *name, const char *data, size_t len, size_t off,
                         int offer_encoding);
/* GB18030 (GBK is a subset) to UTF-8 through iconv; *out is freed with fupin__free. */
int fupin__text_from_gb18030(const char *name, const char *data, size_t len, char **out,
                             size_t *out_len);

#endif
