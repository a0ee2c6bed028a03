/* Internal: the dataset loader's entry points below the public API, so that tests
 * and the fuzzer can load from memory. io -> model, core. */
#ifndef FUPIN_IO_H
#define FUPIN_IO_H

#include <stddef.h>
#include <stdint.h>

#include "../model/model.h"

/* The bare file names, in load order (enum fupin_dataset_file). */
extern const char *const fupin__dataset_file_names[FUPIN_FILE_COUNT];

/* Where the loader gets each file's bytes. open returns 0, FUPIN_ENOTFOUND when the
 * file does not exist (no message needed), or another code with the message set.
 * close is called once for every successful open. One file is open at a time. */
struct fupin__dataset_source {
    int (*open)(void *ctx, int file, const char **data, size_t *len);
    void (*close)(void *ctx, int file, const char *data, size_t len);
    void *ctx;
};

int fupin__dataset_load_source(fupin_dataset **out, const struct fupin__dataset_source *src,
                               uint32_t flags);
/* data[i] == NULL: file i is absent. */
int fupin__dataset_load_memory(fupin_dataset **out, const char *const data[FUPIN_FILE_COUNT],
                               const size_t len[FUPIN_FILE_COUNT], uint32_t flags);

/* A whole file in memory: mapped when possible (the readers look at each byte once),
 * else read through the allocator. */
struct fupin__file {
    const char *data;
    size_t len;
    int mapped;
};
/* 0; FUPIN_ENOTFOUND when the file does not exist (no message set: callers decide);
 * FUPIN_EIO (message names `name`) or FUPIN_ENOMEM. */
/* Read the serialised form of a group result (docs/scale.md) into r: totals, context
 * and prefix, every field checked; the summary figures are left to the rules
 * (fupin__group_finish). 0 or FUPIN_EPARSE with the message naming the line. */
int fupin__group_parse(const char *text, size_t len, struct fupin_summary *r);

int fupin__file_open(struct fupin__file *f, const char *path, const char *name);
void fupin__file_close(struct fupin__file *f);

#endif
