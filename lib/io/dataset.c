/* Loading a dataset folder (formats.md section 1).
 *
 * Every file is read whole and parsed once. Records go into pools sized from the
 * file's line count (so they are allocated once) and ids into one string arena; hash
 * tables of indices (open addressing, allocated once per file) resolve references.
 * Strict and lenient loads run the same code: every bad record is found and reported
 * with its position (file, line, column), lenient keeps the reports, strict keeps the
 * first by position. That is what makes "first" independent of when an error is found
 * (a household without members is only known after members.csv, but is reported at
 * its households.csv line). At the end the pools are permuted in place into the
 * grouped order the villages and households point into. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "loader.h"

const char *const fupin__dataset_file_names[FUPIN_FILE_COUNT] = {
    "villages.csv", "households.csv", "members.csv", "incomes.csv", "events.csv"};

static void loader_free(struct loader *L)
{
    fupin__ld_free_header(L);
    fupin__buf_free(&L->arena);
    fupin__free(L->v);
    fupin__free(L->v_nameoff);
    fupin__free(L->vskip_off);
    fupin__ld_idtab_free(&L->vt);
    fupin__free(L->h);
    fupin__free(L->h_idoff);
    fupin__free(L->h_vidx);
    fupin__free(L->h_line);
    fupin__free(L->h_ref);
    fupin__free(L->hskip_off);
    fupin__ld_idtab_free(&L->ht);
    fupin__free(L->m);
    fupin__free(L->ms);
    fupin__free(L->m_prev);
    fupin__free(L->h_mem);
    fupin__free(L->h_nm);
    fupin__ld_idtab_free(&L->mt);
    fupin__free(L->inc);
    fupin__free(L->i_h);
    fupin__free(L->i_prev);
    fupin__free(L->h_inc);
    fupin__free(L->ev);
    fupin__free(L->e_h);
    for (size_t i = 0; i < L->nprobs; i++)
        fupin__free(L->probs[i].msg);
    fupin__free(L->probs);
}

/* Tables no longer needed once a file's references are resolved. */
static void release_after(struct loader *L, int file)
{
    if (file == FUPIN_FILE_MEMBERS) {
        /* check_members has run: lines and references are no longer asked for */
        fupin__free(L->h_line);
        fupin__free(L->h_ref);
        L->h_line = NULL;
        L->h_ref = NULL;
        fupin__ld_idtab_free(&L->mt);
        fupin__free(L->m_prev);
        fupin__free(L->h_mem);
        fupin__free(L->h_nm);
        L->m_prev = L->h_mem = NULL;
        L->h_nm = NULL;
    }
    if (file == FUPIN_FILE_INCOMES) {
        fupin__free(L->i_prev);
        fupin__free(L->h_inc);
        L->i_prev = L->h_inc = NULL;
    }
}

struct dir_src {
    const char *dir;
    struct fupin__file f;
};
static int dir_open(void *ctx, int file, const char **data, size_t *len);

int fupin__dataset_load_source(fupin_dataset **out, const struct fupin__dataset_source *src,
                               uint32_t flags)
{
    struct loader L;
    int rc = 0;
    if (out)
        *out = NULL;
    if (!out || !src)
        return fupin__error(FUPIN_EINVAL, "fupin_dataset_load: NULL argument");
    if (flags & ~(uint32_t)FUPIN_LOAD_LENIENT)
        return fupin__error(FUPIN_EINVAL, "fupin_dataset_load: unknown flags 0x%x",
                            (unsigned)flags);
    memset(&L, 0, sizeof L);
    L.lenient = (flags & FUPIN_LOAD_LENIENT) != 0;
    L.last_h = SIZE_MAX;
    fupin__buf_init(&L.arena);
    for (int f = 0; f < FUPIN_FILE_COUNT; f++) {
        const char *data = NULL;
        size_t len = 0;
        L.file = f;
        L.fname = fupin__dataset_file_names[f];
        rc = src->open(src->ctx, f, &data, &len);
        if (rc == FUPIN_ENOTFOUND && !fupin__ld_specs[f].required) {
            rc = 0;
        } else if (rc == FUPIN_ENOTFOUND) {
            rc = fupin__error(FUPIN_ENOTFOUND, "%s: required file is missing", L.fname);
        } else if (rc == 0) {
            L.mapped = src->open == dir_open && ((struct dir_src *)src->ctx)->f.mapped;
            rc = fupin__ld_parse_file(&L, data, len);
            src->close(src->ctx, f, data, len);
            if (f == FUPIN_FILE_HOUSEHOLDS && !rc)
                L.col_hid_households = L.col[HC_ID];
            fupin__ld_free_header(&L);
        }
        if (!rc && f == FUPIN_FILE_MEMBERS)
            rc = fupin__ld_check_members(&L) ? fupin__oom() : 0;
        if (rc) {
            /* strict: an error in an earlier position still comes first */
            if (!L.lenient && L.have_err && rc != FUPIN_ENOMEM)
                rc = fupin__error(FUPIN_EPARSE, "%s", L.err_msg);
            loader_free(&L);
            return rc;
        }
        release_after(&L, f);
        /* strict: nothing read later can come before an error already found, except
         * a household without members (known once members.csv is read) */
        if (!L.lenient && L.have_err && f != FUPIN_FILE_HOUSEHOLDS)
            break;
    }
    if (!L.lenient && L.have_err) {
        rc = fupin__error(FUPIN_EPARSE, "%s", L.err_msg);
        loader_free(&L);
        return rc;
    }
    fupin_dataset *d = fupin__calloc(1, sizeof *d);
    if (!d) {
        loader_free(&L);
        return fupin__oom();
    }
    rc = fupin__ld_build(&L, d);
    if (!rc)
        rc = fupin__ld_take_problems(&L, d);
    loader_free(&L);
    if (rc) {
        fupin_dataset_free(d);
        return rc;
    }
    *out = d;
    return 0;
}

/* ------------------------------------------------------------ sources */

struct memory_src {
    const char *const *data;
    const size_t *len;
};

static int memory_open(void *ctx, int file, const char **data, size_t *len)
{
    const struct memory_src *m = ctx;
    if (!m->data[file])
        return FUPIN_ENOTFOUND;
    *data = m->data[file];
    *len = m->len[file];
    return 0;
}

static void memory_close(void *ctx, int file, const char *data, size_t len)
{
    (void)ctx;
    (void)file;
    (void)data;
    (void)len;
}

int fupin__dataset_load_memory(fupin_dataset **out, const char *const data[FUPIN_FILE_COUNT],
                               const size_t len[FUPIN_FILE_COUNT], uint32_t flags)
{
    struct memory_src m = {data, len};
    struct fupin__dataset_source src = {memory_open, memory_close, &m};
    return fupin__dataset_load_source(out, &src, flags);
}

static int dir_open(void *ctx, int file, const char **data, size_t *len)
{
    struct dir_src *ds = ctx;
    const char *name = fupin__dataset_file_names[file];
    struct fupin__buf path;
    fupin__buf_init(&path);
    fupin__buf_addf(&path, "%s/%s", ds->dir, name);
    if (path.failed)
        return fupin__oom();
    int rc = fupin__file_open(&ds->f, path.data, name);
    fupin__buf_free(&path);
    if (rc)
        return rc;
    *data = ds->f.data;
    *len = ds->f.len;
    return 0;
}

static void dir_close(void *ctx, int file, const char *data, size_t len)
{
    struct dir_src *ds = ctx;
    (void)file, (void)data, (void)len;
    fupin__file_close(&ds->f);
}

/* ------------------------------------------------------------ public API */

int fupin_dataset_load(fupin_dataset **out, const char *dir, uint32_t flags)
{
    if (out)
        *out = NULL;
    if (!out || !dir)
        return fupin__error(FUPIN_EINVAL, "fupin_dataset_load: NULL argument");
    struct dir_src ds = {dir, {0}};
    struct fupin__dataset_source src = {dir_open, dir_close, &ds};
    return fupin__dataset_load_source(out, &src, flags);
}

void fupin_dataset_free(fupin_dataset *d)
{
    if (!d)
        return;
    fupin__free(d->villages);
    fupin__free(d->households);
    fupin__free(d->members);
    fupin__free(d->incomes);
    fupin__free(d->events);
    fupin__free(d->arena);
    for (size_t i = 0; i < d->n_problems; i++)
        fupin__free(d->problems[i]);
    fupin__free(d->problems);
    fupin__free(d);
}

size_t fupin_dataset_village_count(const fupin_dataset *d)
{
    return d ? d->n_villages : 0;
}

const fupin_village *fupin_dataset_village(const fupin_dataset *d, size_t i)
{
    return d && i < d->n_villages ? &d->villages[i] : NULL;
}

size_t fupin_dataset_problem_count(const fupin_dataset *d)
{
    return d ? d->n_problems : 0;
}

const char *fupin_dataset_problem(const fupin_dataset *d, size_t i)
{
    return d && i < d->n_problems ? d->problems[i] : NULL;
}

int fupin_dataset_file_counts(const fupin_dataset *d, int file, uint64_t *read, uint64_t *loaded,
                              uint64_t *skipped)
{
    if (!d || file < 0 || file >= FUPIN_FILE_COUNT)
        return fupin__error(FUPIN_EINVAL, "fupin_dataset_file_counts: bad argument");
    if (read)
        *read = d->read[file];
    if (loaded)
        *loaded = d->loaded[file];
    if (skipped)
        *skipped = d->skipped[file];
    return 0;
}

int fupin_dataset_latest_year(const fupin_dataset *d, int32_t *out)
{
    if (!d || !out)
        return fupin__error(FUPIN_EINVAL, "fupin_dataset_latest_year: NULL argument");
    if (!d->latest_year)
        return fupin__error(FUPIN_ENOTFOUND, "the dataset has no incomes");
    *out = d->latest_year;
    return 0;
}

int fupin_dataset_default_year(const fupin_dataset *d, const fupin_policy *policy, int32_t *out)
{
    if (!d || !policy || !out)
        return fupin__error(FUPIN_EINVAL, "fupin_dataset_default_year: NULL argument");
    /* The year the data was collected for; without incomes, the policy's latest year. */
    if (d->latest_year) {
        *out = d->latest_year;
        return 0;
    }
    if (fupin_policy_latest_year(policy, out) == 0)
        return 0;
    return fupin__error(FUPIN_ENOTFOUND,
                        "no year given, and neither the dataset's incomes nor the policy "
                        "\"%s\" name a year",
                        fupin_policy_name(policy));
}
