/* The one allocator of the library, with a per-thread failure hook so that tests can
 * make the n-th allocation fail and prove every failure path (style.md, Memory). */
/* MAP_ANONYMOUS is not POSIX. */
#define _DEFAULT_SOURCE
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "core.h"

static _Thread_local long fail_at; /* 0: never fail */
static _Thread_local long alloc_count;
static _Thread_local long alloc_live;

void fupin__test_fail_alloc_at(long n)
{
    fail_at = n;
    alloc_count = 0;
}

long fupin__test_alloc_count(void)
{
    return alloc_count;
}

long fupin__test_alloc_live(void)
{
    return alloc_live;
}

int fupin__test_alloc_failing(void)
{
    return fail_at > 0;
}

void fupin__alloc_adopt(long live)
{
    alloc_live += live;
}

static int should_fail(void)
{
    alloc_count++;
    return fail_at > 0 && alloc_count == fail_at;
}

void *fupin__malloc(size_t size)
{
    if (should_fail())
        return NULL;
    void *p = malloc(size ? size : 1);
    if (p)
        alloc_live++;
    return p;
}

void *fupin__calloc(size_t n, size_t size)
{
    if (should_fail())
        return NULL;
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (p)
        alloc_live++;
    return p;
}

void *fupin__realloc(void *ptr, size_t size)
{
    if (should_fail())
        return NULL;
    void *p = realloc(ptr, size ? size : 1);
    if (p && !ptr)
        alloc_live++;
    return p;
}

void *fupin__reallocarray(void *ptr, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    return fupin__realloc(ptr, n * size);
}

void fupin__free(void *ptr)
{
    if (ptr) {
        alloc_live--;
        free(ptr);
    }
}

void *fupin__map(size_t size)
{
    if (should_fail())
        return NULL;
    void *p =
        mmap(NULL, size ? size : 1, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    alloc_live++;
    return p;
}

void fupin__unmap(void *p, size_t size)
{
    if (p) {
        alloc_live--;
        munmap(p, size ? size : 1);
    }
}

char *fupin__strndup(const char *s, size_t n)
{
    char *d = fupin__malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

char *fupin__strdup(const char *s)
{
    return fupin__strndup(s, strlen(s));
}
