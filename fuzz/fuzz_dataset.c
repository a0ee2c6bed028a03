/* libFuzzer target for the dataset loader: the input is split on 0xFF bytes into the
 * five files (villages, households, members, incomes, events; a missing part is an
 * absent file) and loaded from memory strictly and leniently, as UTF-8, and leniently
 * as GB18030 (through iconv). Any crash, leak or
 * sanitizer report is a bug; every load must end in 0 or a documented code. Then the
 * lenient UTF-8 load again, its files read in small pieces as dataset files are
 * (lib/io/dataset_read.c, streams), members.csv and incomes.csv read once into pools
 * that start small and grow, households.csv split in two halves for every other input
 * (dataset_split.c): it must end exactly as the whole read did. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/io.h"
#include "io/loader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The lenient UTF-8 load in pieces of 8 to 68 bytes ends as the whole read did: the
 * same code and message, or the same problems, notices and counts. */
static void streamed_as_whole(const char *const part[FUPIN_FILE_COUNT],
                              const size_t len[FUPIN_FILE_COUNT], size_t size,
                              const fupin_dataset *whole, int whole_rc, const char *whole_msg)
{
    struct fupin_load_options o = {FUPIN_LOAD_LENIENT, 0, NULL, NULL};
    fupin_dataset *d = NULL;
    fupin__ld_test_window = 8 + size % 61;
    /* members.csv and incomes.csv read once start their pools from 1 to 4 records, so
     * that they grow (and a large household's member table is made again) */
    fupin__ld_test_estimate = 1 + size % 4;
    /* every other input with households.csv split (dataset_split.c) where size says */
    fupin__ld_test_split = size & 1;
    fupin__ld_test_split_at = 1 + size % (len[FUPIN_FILE_HOUSEHOLDS] + 1);
    int rc = fupin__dataset_load_memory_with(&d, part, len, &o);
    fupin__ld_test_window = 0;
    fupin__ld_test_estimate = 0;
    fupin__ld_test_split = 0;
    fupin__ld_test_split_at = 0;
    if (rc != whole_rc || (rc && strcmp(fupin_last_error(), whole_msg) != 0))
        abort();
    if (rc)
        return;
    if (d->n_problems != whole->n_problems || d->n_notices != whole->n_notices ||
        d->n_households != whole->n_households || d->n_villages != whole->n_villages ||
        d->n_members != whole->n_members || d->n_incomes != whole->n_incomes ||
        d->n_events != whole->n_events)
        abort();
    for (size_t i = 0; i < d->n_problems; i++)
        if (strcmp(d->problems[i], whole->problems[i]) != 0)
            abort();
    for (size_t i = 0; i < d->n_notices; i++)
        if (strcmp(d->notices[i], whole->notices[i]) != 0)
            abort();
    for (int f = 0; f < FUPIN_FILE_COUNT; f++)
        if (d->read[f] != whole->read[f] || d->skipped[f] != whole->skipped[f])
            abort();
    fupin_dataset_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *part[FUPIN_FILE_COUNT] = {NULL};
    size_t len[FUPIN_FILE_COUNT] = {0};
    size_t start = 0;
    int n = 0;
    for (size_t i = 0; i <= size && n < FUPIN_FILE_COUNT; i++) {
        if (i == size || data[i] == 0xFF) {
            part[n] = (const char *)data + start;
            len[n] = i - start;
            n++;
            start = i + 1;
        }
    }
    fupin_dataset *whole = NULL;
    int whole_rc = 0;
    char whole_msg[1024];
    for (uint32_t run = 0; run <= 2; run++) {
        uint32_t mode = run ? FUPIN_LOAD_LENIENT : FUPIN_LOAD_STRICT;
        struct fupin_load_options o = {mode, run == 2 ? FUPIN_ENCODING_GB18030 : 0, NULL, NULL};
        fupin_dataset *d = NULL;
        int rc = fupin__dataset_load_memory_with(&d, part, len, &o);
        if (rc == 0) {
            if (!d)
                abort();
            uint64_t r, l, s;
            for (int f = 0; f < FUPIN_FILE_COUNT; f++) {
                fupin_dataset_file_counts(d, f, &r, &l, &s);
                if (r != l + s)
                    abort(); /* docs/dataset.md: read = loaded + skipped */
            }
            if (mode == 0 && fupin_dataset_problem_count(d))
                abort();
            for (size_t i = 0; i < fupin_dataset_notice_count(d); i++)
                if (!fupin_dataset_notice(d, i))
                    abort();
            for (size_t v = 0; v < d->n_villages; v++)
                for (size_t h = 0; h < d->villages[v].n_households; h++) {
                    const struct fupin_household *hh = &d->villages[v].households[h];
                    for (size_t i = 1; i < hh->n_incomes; i++)
                        if (hh->incomes[i - 1].year >= hh->incomes[i].year)
                            abort();
                    if (strcmp(hh->village_code, d->villages[v].code) != 0)
                        abort();
                }
            if (run == 1)
                whole = d;
            else
                fupin_dataset_free(d);
        } else if (d || (rc != FUPIN_EPARSE && rc != FUPIN_EIO && rc != FUPIN_ENOTFOUND &&
                         rc != FUPIN_ENOMEM)) {
            abort();
        }
        if (run == 1) {
            whole_rc = rc;
            snprintf(whole_msg, sizeof whole_msg, "%s", rc ? fupin_last_error() : "");
        }
    }
    streamed_as_whole(part, len, size, whole, whole_rc, whole_msg);
    fupin_dataset_free(whole);
    return 0;
}
