/* Internal core: allocator with a test hook, thread-local errors, small text helpers.
 * core -> libc only. */
#ifndef FUPIN_CORE_H
#define FUPIN_CORE_H

#include <stddef.h>
#include <stdint.h>

#include "fupin/common.h"

#if defined(__GNUC__)
#define FUPIN__PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define FUPIN__PRINTF(a, b)
#endif

/* "1949..2100" for messages, from FUPIN_YEAR_MIN and FUPIN_YEAR_MAX. */
#define FUPIN__STR(x)  #x
#define FUPIN__XSTR(x) FUPIN__STR(x)
#define FUPIN__YEARS   FUPIN__XSTR(FUPIN_YEAR_MIN) ".." FUPIN__XSTR(FUPIN_YEAR_MAX)

/* Every allocation of the library goes through these (style.md, Memory). */
void *fupin__malloc(size_t size);
void *fupin__calloc(size_t n, size_t size);
void *fupin__realloc(void *ptr, size_t size);
/* realloc for an array of n elements of size, with overflow check. */
void *fupin__reallocarray(void *ptr, size_t n, size_t size);
void fupin__free(void *ptr);
/* A zero-filled anonymous mapping of size bytes, failed and counted as the others: for
 * buffers reused within one call (the loader's pieces of a file, lib/io/dataset_read.c),
 * whose pages must go back to the system when unmapped, not stay with an arena of the
 * allocator (each thread may get its own). */
void *fupin__map(size_t size);
void fupin__unmap(void *p, size_t size);
char *fupin__strdup(const char *s);
char *fupin__strndup(const char *s, size_t n);

/* Test hook (per thread): the n-th allocation from now fails (1 = the next one);
 * 0 switches failing off. fupin__alloc_count() counts allocations made since the
 * last arm, so an OOM loop knows when it has covered every allocation. */
void fupin__test_fail_alloc_at(long n);
long fupin__test_alloc_count(void);
/* Live allocations made through the hook on this thread (for leak checks). */
long fupin__test_alloc_live(void);
/* Whether a test made an allocation of this thread fail (fupin__test_fail_alloc_at):
 * work that would go to another thread stays on this one, so the failure is met. */
int fupin__test_alloc_failing(void);
/* Allocations a finished worker thread left live, now this thread's to free. */
void fupin__alloc_adopt(long live);

/* Set the thread's last-error message and return code (so: return fupin__error(...)). */
int fupin__error(int code, const char *fmt, ...) FUPIN__PRINTF(2, 3);
/* A getter was misused (NULL, index out of range, unknown enum value): set the
 * thread's error as "FUNC: WHAT" and return FUPIN_INVALID (fupin/common.h). */
int fupin__misuse(const char *func, const char *what);
/* The reason codes in table order (for fupin_enum_count / fupin_enum_value). */
size_t fupin__reason_count(void);
int fupin__reason_at(size_t i); /* 0 when out of range */
/* Return FUPIN_ENOMEM with the standard message. */
int fupin__oom(void);
void fupin__error_clear(void);

/* A growable byte buffer for building text (used by writers and messages). */
struct fupin__buf {
    char *data;
    size_t len, cap;
    int failed; /* an allocation failed: every later append is a no-op */
};
void fupin__buf_init(struct fupin__buf *b);
void fupin__buf_free(struct fupin__buf *b);
void fupin__buf_add(struct fupin__buf *b, const char *s, size_t n);
void fupin__buf_adds(struct fupin__buf *b, const char *s);
void fupin__buf_addf(struct fupin__buf *b, const char *fmt, ...) FUPIN__PRINTF(2, 3);

/* Edit distance (optimal string alignment, ASCII case ignored); (size_t)-1 for words
 * over 64 bytes. The name closest to word when it is a likely misspelling, else NULL
 * (fupin_name_suggest documents the limits). */
size_t fupin__edit_distance(const char *a, const char *b);
const char *fupin__closest(const char *word, const char *const *names, size_t count);

/* Copy text to a caller buffer with the ENOSPC convention of the public API. */
int fupin__copy_out(const char *s, size_t len, char *buf, size_t cap, size_t *needed);

/* Quote a value for an error message: at most 60 bytes, control bytes escaped. */
void fupin__quote_value(char *dst, size_t cap, const char *s, size_t len);

/* Mask, in place, every run of characters in s[0..n) that looks like an identity
 * number (formats.md: first 6, `*`, last 4): 17 or more digits, possibly joined by
 * single spaces or dashes (`520402 19680926 8794`) while it holds fewer than 17, or
 * 15 or more digits without separators; an X/x at the end of a run counts as its
 * last character. Separators
 * are kept, so the length does not change. Returns the number of runs masked. Used by
 * fupin__error on every message and by every writer of text a user gave. */
size_t fupin__mask_ids(char *s, size_t n);
/* Masking for one value of a data file (the loader); cut: s is the front of a longer
 * value. */
void fupin__mask_field_ids(char *s, size_t n, int cut);

/* Half away from zero to `decimals` places (0..6), never -0; NaN stays NaN
 * (docs/reference/rules.md, Rounding). */
double fupin__round(double v, int decimals);

/* A 128-bit integer for exact products of fen amounts with counts and ratios. */
__extension__ typedef __int128 fupin__i128;

/* The integer K nearest num x 10^decimals / den, ties half away from zero, computed
 * exactly (rules.md, Rounding: a binary double cannot always tell a tie such as
 * 0.125 % from its neighbours). decimals 0..6, den != 0. Returns 0, or -1 (K unset)
 * when den is 0 or the scaled numerator does not fit in 128 bits. The one exact
 * rounding of the library: growth from fen totals (growth.c) and shares of counts
 * (group.c) print K / 10^decimals. */
int fupin__round_ratio(fupin__i128 num, fupin__i128 den, int decimals, fupin__i128 *k);

#endif
