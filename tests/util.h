/* Helpers shared by the tests. */
#ifndef FUPIN_TEST_UTIL_H
#define FUPIN_TEST_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "fupin.h"

/* Assert that a fupin call returned 0, printing fupin_last_error() when not. */
#define FUPIN_OK_OR_FAIL(call)                                                                     \
    do {                                                                                           \
        int rc_ = (call);                                                                          \
        if (rc_ != 0)                                                                              \
            fail_msg("%s returned %d: %s", #call, rc_, fupin_last_error());                        \
    } while (0)

/* Path of a file under the source tree (static buffer). */
const char *tu_source_path(const char *rel);

/* A household with one adult member born 1980-05-01, every guarantee met, water
 * fully safe, in a non-scarce eastern context; incomes for `year` giving the
 * household `total_yuan` (as wage). Caller frees. */
fupin_household *tu_household_ok(const char *id, int32_t year, const char *total_yuan);

/* A group fixture: the built-in national policy and a result buffer. */
struct fx {
    fupin_policy *policy;
    fupin_result *r;
};
int tu_setup_national(void **state);
int tu_teardown_national(void **state);

/* Write text to a new file in a fresh temporary folder; returns the file path. */
/* mkdtemp(tmpl), and the folder removed with what it holds when the program exits. */
char *tu_mkdtemp(char *tmpl);
const char *tu_write_temp(const char *name, const char *text);
/* Write the dataset files (text[i] NULL: absent, in the order of enum
 * fupin_dataset_file) to a fresh temporary folder, load it with fupin_dataset_load and
 * remove it: the load's return code. */
int tu_load_folder(const char *const text[FUPIN_FILE_COUNT], uint32_t flags, fupin_dataset **out);
/* A strict tu_load_folder of text must fail (FUPIN_EPARSE, no dataset) with exactly msg. */
void tu_expect_folder_error(const char *const text[FUPIN_FILE_COUNT], const char *msg);

#endif
