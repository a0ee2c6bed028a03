/* libFuzzer target for the dataset loader: the input is split on 0xFF bytes into the
 * five files (villages, households, members, incomes, events; a missing part is an
 * absent file) and loaded from memory strictly and leniently, as UTF-8, and leniently
 * as GB18030 (through iconv). Any crash, leak or
 * sanitizer report is a bug; every load must end in 0 or a documented code. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/io.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
            fupin_dataset_free(d);
        } else if (d || (rc != FUPIN_EPARSE && rc != FUPIN_EIO && rc != FUPIN_ENOTFOUND &&
                         rc != FUPIN_ENOMEM)) {
            abort();
        }
    }
    return 0;
}
