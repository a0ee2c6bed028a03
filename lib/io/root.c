/* Dataset roots: the partitions (dataset folders) under a folder, found depth first in
 * byte order of names at each level (docs/scale.md), and the default year over all of
 * them without loading any. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "csv.h"
#include "io.h"
#include "fupin/rollup.h"

#define ROOT_MAX_DEPTH 64

struct fupin_root {
    char **paths;
    size_t n, cap;
};

static char *join(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    int slash = na > 0 && a[na - 1] != '/';
    char *s = fupin__malloc(na + (size_t)slash + nb + 1);
    if (!s)
        return NULL;
    memcpy(s, a, na);
    if (slash)
        s[na] = '/';
    memcpy(s + na + (size_t)slash, b, nb + 1);
    return s;
}

static int is_dataset(const char *dir)
{
    char *v = join(dir, "villages.csv");
    struct stat st;
    int yes = v && stat(v, &st) == 0 && S_ISREG(st.st_mode);
    fupin__free(v);
    return yes;
}

static int add_path(struct fupin_root *r, char *path)
{
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 16;
        char **p = fupin__reallocarray(r->paths, cap, sizeof *p);
        if (!p) {
            fupin__free(path);
            return fupin__oom();
        }
        r->paths = p;
        r->cap = cap;
    }
    r->paths[r->n++] = path;
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Takes ownership of dir. */
static int walk(struct fupin_root *r, char *dir, int depth)
{
    if (is_dataset(dir))
        return add_path(r, dir);
    if (depth >= ROOT_MAX_DEPTH) {
        fupin__free(dir);
        return 0;
    }
    DIR *d = opendir(dir);
    if (!d) {
        int rc = fupin__error(FUPIN_EIO, "%s: cannot read the folder (errno %d)", dir, errno);
        fupin__free(dir);
        return rc;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    struct dirent *e;
    while (!rc && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            size_t c = cap ? cap * 2 : 16;
            char **p = fupin__reallocarray(names, c, sizeof *p);
            if (!p) {
                rc = fupin__oom();
                break;
            }
            names = p;
            cap = c;
        }
        size_t len = strlen(e->d_name);
        if (!(names[n] = fupin__malloc(len + 1))) {
            rc = fupin__oom();
            break;
        }
        memcpy(names[n++], e->d_name, len + 1);
    }
    closedir(d);
    if (!rc && n > 1)
        qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        if (!rc) {
            char *sub = join(dir, names[i]);
            struct stat st;
            if (!sub)
                rc = fupin__oom();
            else if (stat(sub, &st) == 0 && S_ISDIR(st.st_mode))
                rc = walk(r, sub, depth + 1);
            else
                fupin__free(sub);
        }
        fupin__free(names[i]);
    }
    fupin__free(names);
    fupin__free(dir);
    return rc;
}

void fupin_root_free(fupin_root *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++)
        fupin__free(r->paths[i]);
    fupin__free(r->paths);
    fupin__free(r);
}

int fupin_root_open(fupin_root **out, const char *path)
{
    if (out)
        *out = NULL;
    if (!out || !path)
        return fupin__error(FUPIN_EINVAL, "fupin_root_open: NULL argument");
    struct fupin_root *r = fupin__calloc(1, sizeof *r);
    if (!r)
        return fupin__oom();
    size_t len = strlen(path);
    char *top = fupin__malloc(len + 1);
    if (!top) {
        fupin__free(r);
        return fupin__oom();
    }
    memcpy(top, path, len + 1);
    int rc = walk(r, top, 0);
    if (!rc && r->n == 0)
        rc = fupin__error(FUPIN_ENOTFOUND,
                          "%s: no dataset (a folder with villages.csv) in it or below it", path);
    if (rc) {
        fupin_root_free(r);
        return rc;
    }
    *out = r;
    return 0;
}

size_t fupin_root_partition_count(const fupin_root *r)
{
    return r ? r->n : 0;
}

const char *fupin_root_partition_path(const fupin_root *r, size_t i)
{
    return r && i < r->n ? r->paths[i] : NULL;
}

/* The latest valid year in one incomes.csv (0 when none; the file may be absent). */
static int scan_years(const char *dir, int32_t *latest)
{
    char *path = join(dir, "incomes.csv");
    if (!path)
        return fupin__oom();
    struct fupin__file f;
    int rc = fupin__file_open(&f, path, path);
    fupin__free(path);
    if (rc == FUPIN_ENOTFOUND)
        return 0;
    if (rc)
        return rc;
    struct fupin__csv c;
    struct fupin__csv_record rec;
    fupin__csv_init(&c, f.data, f.len);
    size_t col = SIZE_MAX;
    int first = 1;
    while ((rc = fupin__csv_next(&c, &rec)) == 1) {
        if (first) {
            first = 0;
            for (size_t i = 0; i < rec.n; i++)
                if (rec.fields[i].n == 4 && memcmp(rec.fields[i].p, "year", 4) == 0) {
                    col = i;
                    break;
                }
            if (col == SIZE_MAX) {
                rc = fupin__error(FUPIN_EPARSE, "%s/incomes.csv:1: no column \"year\"", dir);
                break;
            }
            continue;
        }
        int32_t y;
        if (rec.fault == FUPIN__CSV_FINE && col < rec.n &&
            !fupin__parse_year(rec.fields[col].p, rec.fields[col].n, 1949, 2100, &y) && y > *latest)
            *latest = y;
    }
    fupin__csv_free(&c);
    fupin__file_close(&f);
    return rc < 0 ? rc : 0;
}

int fupin_root_latest_year(const fupin_root *r, int32_t *out)
{
    if (!r || !out)
        return fupin__error(FUPIN_EINVAL, "fupin_root_latest_year: NULL argument");
    int32_t latest = 0;
    for (size_t i = 0; i < r->n; i++) {
        int rc = scan_years(r->paths[i], &latest);
        if (rc)
            return rc;
    }
    *out = latest;
    return 0;
}
