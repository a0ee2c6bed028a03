/* Loading a dataset folder (docs/dataset.md).
 *
 * Every file is parsed once: read in pieces (a stream) when it is UTF-8, else whole.
 * Records go into pools sized from the file's line count (so they are allocated once;
 * a stream of members.csv or incomes.csv is not counted, its pools start from an
 * estimate and grow) and ids into one string arena; hash tables of indices (open
 * addressing, allocated once per file) resolve references. Strict and lenient loads
 * run the same code: every bad record is found and reported with its position (file,
 * line, column), lenient keeps the reports, strict keeps the first by position. That is what makes
 * "first" independent of when an error is found (a household without members is only known after
 * members.csv, but is reported at its households.csv line). At the end the pools are permuted in
 * place into the grouped order the villages and households point into. */
/* strcasecmp, DIR: POSIX, not C11 */
#define _DEFAULT_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <strings.h>
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
    fupin__ld_ahead_free(L);
    fupin__ld_free_header(L);
    fupin__buf_free(&L->arena);
    fupin__buf_free(&L->marena);
    fupin__free(L->v);
    fupin__free(L->v_nameoff);
    fupin__free(L->vskip_off);
    fupin__ld_idtab_free(&L->vt);
    fupin__free(L->h);
    fupin__free(L->hskip_off);
    fupin__ld_idtab_free(&L->ht);
    fupin__free(L->m);
    fupin__free(L->ms);
    fupin__free(L->m_prev);
    fupin__ld_idtab_free(&L->mt);
    fupin__free(L->inc);
    fupin__free(L->i_h);
    fupin__free(L->i_prev);
    fupin__free(L->h_inc);
    fupin__free(L->ev);
    fupin__free(L->e_h);
    fupin__free(L->end);
    fupin__ld_free_findings(L);
}

void fupin__ld_free_findings(struct loader *L)
{
    for (size_t i = 0; i < L->nprobs; i++)
        fupin__free(L->probs[i].msg);
    fupin__free(L->probs);
    for (size_t i = 0; i < L->nnotices; i++)
        fupin__free(L->notices[i]);
    fupin__free(L->notices);
    L->probs = NULL;
    L->notices = NULL;
    L->nprobs = L->nnotices = 0;
}

/* Tables no longer needed once a file's references are resolved. */
void fupin__ld_release_after(struct loader *L, int file)
{
    if (file == FUPIN_FILE_MEMBERS) {
        /* check_members has run: members are no longer looked up */
        fupin__ld_idtab_free(&L->mt);
        fupin__free(L->m_prev);
        L->m_prev = NULL;
    }
    if (file == FUPIN_FILE_INCOMES) {
        fupin__free(L->i_prev);
        fupin__free(L->h_inc);
        L->i_prev = L->h_inc = NULL;
    }
}

/* ------------------------------------------------------------ notices, progress */

int fupin__ld_notice(struct loader *L, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (L->nnotices == L->capnotices) {
        size_t cap = L->capnotices ? L->capnotices * 2 : 8;
        char **n = fupin__reallocarray(L->notices, cap, sizeof *n);
        if (!n)
            return FUPIN_ENOMEM;
        L->notices = n;
        L->capnotices = cap;
    }
    if (!(L->notices[L->nnotices] = fupin__strdup(msg)))
        return FUPIN_ENOMEM;
    L->nnotices++;
    return 0;
}

static void progress_report(struct loader *L, uint64_t done)
{
    if (done > L->p_total)
        done = L->p_total;
    if (!L->progress || done <= L->p_last)
        return;
    L->p_last = done;
    L->progress(L->progress_ctx, done, L->p_total);
}

/* The position in the current text (len bytes for a file of file_bytes) at which the
 * next report is due. */
static size_t progress_mark(const struct loader *L, size_t len, size_t file_bytes)
{
    if (!L->progress)
        return SIZE_MAX;
    uint64_t need = L->p_next > L->p_base ? L->p_next - L->p_base : 0;
    if (len != file_bytes && file_bytes)
        need = (uint64_t)((double)need * (double)len / (double)file_bytes);
    return need < SIZE_MAX ? (size_t)need : SIZE_MAX;
}

void fupin__ld_progress_start(struct loader *L, size_t len, size_t file_bytes)
{
    L->p_mark = progress_mark(L, len, file_bytes);
}

void fupin__ld_progress(struct loader *L, size_t pos, size_t len, size_t file_bytes)
{
    uint64_t in_file =
        len == file_bytes ? pos : (uint64_t)((double)pos / (double)len * (double)file_bytes);
    uint64_t done = L->p_base + in_file;
    progress_report(L, done);
    L->p_next = done + FUPIN__LD_PROGRESS_STEP;
    L->p_mark = progress_mark(L, len, file_bytes);
}

/* What follows from an optional file that is absent or empty (issue 10 item 3). */
static int absent_notice(struct loader *L, int file, const char *how)
{
    if (file == FUPIN_FILE_INCOMES)
        return fupin__ld_notice(L,
                                "%s: %s: every income is unknown (R-I1), so no income "
                                "status, growth or exit is decided",
                                L->fname, how);
    return fupin__ld_notice(L, "%s: %s: no risk events are known (R-A5 raises no alert)", L->fname,
                            how);
}

/* After the build: facts about what was loaded. */
static int load_notices(struct loader *L, const fupin_dataset *d)
{
    if (d->n_households == 0)
        return fupin__ld_notice(L, "households.csv: no households were loaded: there is "
                                   "nothing to evaluate");
    for (size_t i = 0; i < d->n_villages; i++) {
        const struct fupin_village *v = &d->villages[i];
        if (v->n_households == 0 &&
            fupin__ld_notice(L, "village %s: no household records in households.csv%s", v->code,
                             v->household_skipped ? " were loaded (some were skipped)" : ""))
            return FUPIN_ENOMEM;
    }
    return 0;
}

/* After a file's records: what the file leaves behind. */
static int file_done(struct loader *L, int f, int rc, uint64_t bytes)
{
    if (f == FUPIN_FILE_HOUSEHOLDS && !rc) {
        L->col_hid_households = L->col[HC_ID];
        /* from here ids are only looked up (members.csv, incomes.csv, events.csv); the
         * table exists: a households.csv read without error had a header */
        if (fupin__ld_idtab_narrow(&L->ht))
            rc = fupin__oom();
    }
    fupin__ld_free_header(L);
    if (!rc && L->empty && absent_notice(L, f, "empty"))
        rc = fupin__oom();
    L->p_base += bytes;
    return rc;
}

/* fupin__ld_load_file's results when a stream turned out not to be UTF-8: read the
 * file whole, for the message (or the conversion); NAME_WHOLE when the stream was
 * parsed already, so the whole text is only checked, for the message. */
#define READ_WHOLE 1
#define NAME_WHOLE 2

/* What a strict load's first error is, kept over the parse of a file read once. */
struct err_state {
    int have_err, err_file, err_col;
    uint64_t err_line;
    char err_msg[sizeof((struct loader *)0)->err_msg];
};

/* members.csv or incomes.csv read once (fupin__ld_parse_stream_once). A file that is
 * not UTF-8 ends the load with that message, as when its count found it (before any
 * value was looked at): whatever its parse found before the bad byte is forgotten, and
 * a strict load's first error is the one before the file. */
static int parse_once(struct loader *L, struct fupin__stream *s)
{
    struct err_state e = {L->have_err, L->err_file, L->err_col, L->err_line, ""};
    if (L->have_err)
        memcpy(e.err_msg, L->err_msg, sizeof e.err_msg);
    L->empty = 0;
    int rc = fupin__ld_parse_stream_once(L, s);
    if (rc != FUPIN__LD_NOT_UTF8)
        return rc;
    L->have_err = e.have_err;
    L->err_file = e.err_file;
    L->err_col = e.err_col;
    L->err_line = e.err_line;
    memcpy(L->err_msg, e.err_msg, sizeof e.err_msg);
    return NAME_WHOLE;
}

/* File f as a stream: members.csv and incomes.csv read once; the others counted first
 * (the file's lines and text), households.csv perhaps in two halves. */
static int load_stream(struct loader *L, const struct fupin__dataset_source *src, int f)
{
    struct fupin__stream s;
    struct ld_split split = {0, 0, 0, 0}, *sp = &split;
    size_t lines = 0;
    int once = f == FUPIN_FILE_MEMBERS || f == FUPIN_FILE_INCOMES;
    int utf8 = 1, rc = src->stream(src->ctx, f, &s), opened = !rc;
    /* households.csv may be parsed in two halves at once (dataset_split.c) */
    if (!rc && !once && fupin__ld_split_plan(L, &s, 0, &split))
        rc = fupin__ld_stream_count_split(&s, &lines, &utf8, &split);
    else if (!rc && !once)
        rc = fupin__ld_stream_count(&s, &lines, &utf8);
    if (rc || !utf8) {
        if (opened)
            fupin__stream_close(&s);
        if (rc == FUPIN_ENOTFOUND && !fupin__ld_specs[f].required)
            return absent_notice(L, f, "not present") ? fupin__oom() : 0;
        if (rc == FUPIN_ENOTFOUND)
            return fupin__error(FUPIN_ENOTFOUND, "%s: required file is missing", L->fname);
        return rc ? rc : READ_WHOLE;
    }
    L->mapped = 0;
    if (once) {
        rc = parse_once(L, &s);
        fupin__stream_close(&s);
        return rc == NAME_WHOLE ? rc : file_done(L, f, rc, s.size);
    }
    if (fupin__ld_test_between)
        fupin__ld_test_between(f);
    if (!fupin__ld_split_plan(L, &s, lines, sp))
        sp = NULL;
    rc = fupin__ld_parse_stream(L, &s, lines, sp);
    fupin__stream_close(&s);
    return file_done(L, f, rc, s.size);
}

/* A file read once and found not UTF-8 (NAME_WHOLE), read whole: its message, as
 * fupin__ld_parse_file gives it. Valid now, it was written while it was read. */
static int name_not_utf8(struct loader *L, const char *data, size_t len)
{
    size_t bad = fupin__utf8_invalid(data, len);
    if (bad != SIZE_MAX)
        return fupin__text_not_utf8(L->fname, data, len, bad, 1);
    return fupin__error(FUPIN_EIO,
                        "%s: the file was written while it was read: load it again when "
                        "nothing is writing it",
                        L->fname);
}

int fupin__ld_load_file(struct loader *L, const struct fupin__dataset_source *src, int f)
{
    const char *data = NULL;
    size_t len = 0;
    L->file = f;
    L->fname = fupin__dataset_file_names[f];
    struct ld_ahead *a = L->ahead[f];
    int rc, named = 0;
    if (a)
        fupin__ld_ahead_join(a);
    /* UTF-8 files are streamed (and never read ahead); GB18030 ones are converted
     * whole */
    if (!a && src->stream && L->encoding == FUPIN_ENCODING_UTF8) {
        rc = load_stream(L, src, f);
        if (rc != READ_WHOLE && rc != NAME_WHOLE)
            return rc;
        named = rc == NAME_WHOLE;
    }
    if (a) {
        /* read ahead: its outcome, as src->open would give it now */
        rc = a->rc;
        data = a->data;
        len = a->len;
        if (rc && rc != FUPIN_ENOTFOUND)
            rc = rc == FUPIN_ENOMEM ? fupin__oom() : fupin__error(rc, "%s", a->msg);
    } else {
        rc = src->open(src->ctx, f, &data, &len);
    }
    if (rc == FUPIN_ENOTFOUND && !fupin__ld_specs[f].required)
        return absent_notice(L, f, "not present") ? fupin__oom() : 0;
    if (rc == FUPIN_ENOTFOUND)
        return fupin__error(FUPIN_ENOTFOUND, "%s: required file is missing", L->fname);
    if (rc)
        return rc;
    L->mapped = src->pageable && src->pageable(src->ctx, f);
    rc = named ? name_not_utf8(L, data, len) : fupin__ld_parse_file(L, data, len);
    src->close(src->ctx, f, data, len);
    if (a) {
        a->opened = 0;
        fupin__free(a->conv);
        a->conv = NULL;
    }
    return file_done(L, f, rc, len);
}

int fupin__dataset_load_source(fupin_dataset **out, const struct fupin__dataset_source *src,
                               const struct fupin_load_options *options, char **notices,
                               size_t n_notices)
{
    struct loader L;
    int rc = 0;
    uint32_t flags = options ? options->flags : 0;
    if (out)
        *out = NULL;
    if (!out || !src) {
        rc = fupin__error(FUPIN_EINVAL, "fupin_dataset_load: NULL argument");
        goto free_notices;
    }
    if (flags & ~(uint32_t)FUPIN_LOAD_LENIENT) {
        rc = fupin__error(FUPIN_EINVAL, "fupin_dataset_load: unknown flags 0x%x", (unsigned)flags);
        goto free_notices;
    }
    memset(&L, 0, sizeof L);
    L.lenient = (flags & FUPIN_LOAD_LENIENT) != 0;
    L.encoding = options ? options->encoding : FUPIN_ENCODING_UTF8;
    L.progress = options ? options->progress : NULL;
    L.progress_ctx = options ? options->progress_ctx : NULL;
    L.p_total = src->total;
    L.p_next = FUPIN__LD_PROGRESS_STEP;
    L.last_h = SIZE_MAX;
    L.notices = notices;
    L.nnotices = L.capnotices = n_notices;
    fupin__buf_init(&L.arena);
    fupin__buf_init(&L.marena);
    /* villages.csv and households.csv here, while members.csv and incomes.csv are
     * read ahead; then members.csv on this thread while another reads incomes.csv and
     * events.csv (dataset_par.c) */
    fupin__ld_ahead_start(&L, src);
    for (int f = 0; f <= FUPIN_FILE_HOUSEHOLDS; f++) {
        rc = fupin__ld_load_file(&L, src, f);
        if (rc) {
            /* strict: an error in an earlier position still comes first */
            if (!L.lenient && L.have_err && rc != FUPIN_ENOMEM)
                rc = fupin__error(FUPIN_EPARSE, "%s", L.err_msg);
            loader_free(&L);
            return rc;
        }
        /* strict: nothing read later can come before an error already found, except
         * a household without members (known once members.csv is read) */
        if (!L.lenient && L.have_err && f != FUPIN_FILE_HOUSEHOLDS)
            break;
    }
    if (L.lenient || !L.have_err || L.file == FUPIN_FILE_HOUSEHOLDS) {
        rc = fupin__ld_load_rest(&L, src);
        if (rc) {
            loader_free(&L);
            return rc;
        }
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
    if (!rc)
        rc = load_notices(&L, d) ? fupin__oom() : 0;
    if (!rc) {
        d->notices = L.notices;
        d->n_notices = L.nnotices;
        L.notices = NULL;
        L.nnotices = 0;
        L.p_total = L.p_total > L.p_base ? L.p_total : L.p_base;
        progress_report(&L, L.p_total);
    }
    loader_free(&L);
    if (rc) {
        fupin_dataset_free(d);
        return rc;
    }
    *out = d;
    return 0;
free_notices:
    for (size_t i = 0; i < n_notices; i++)
        fupin__free(notices[i]);
    fupin__free(notices);
    return rc;
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

/* tests (fupin__ld_test_window): memory read in pieces, as files are */
static int memory_stream(void *ctx, int file, struct fupin__stream *s)
{
    const struct memory_src *m = ctx;
    if (!m->data[file])
        return FUPIN_ENOTFOUND;
    fupin__stream_memory(s, m->data[file], m->len[file], fupin__dataset_file_names[file]);
    return 0;
}

int fupin__dataset_load_memory_with(fupin_dataset **out, const char *const data[FUPIN_FILE_COUNT],
                                    const size_t len[FUPIN_FILE_COUNT],
                                    const struct fupin_load_options *options)
{
    struct memory_src m = {data, len};
    struct fupin__dataset_source src = {
        memory_open, memory_close, NULL, &m, 0, fupin__ld_test_window ? memory_stream : NULL};
    for (int f = 0; f < FUPIN_FILE_COUNT; f++)
        if (data[f])
            src.total += len[f];
    return fupin__dataset_load_source(out, &src, options, NULL, 0);
}

int fupin__dataset_load_memory(fupin_dataset **out, const char *const data[FUPIN_FILE_COUNT],
                               const size_t len[FUPIN_FILE_COUNT], uint32_t flags)
{
    struct fupin_load_options o = {flags, FUPIN_ENCODING_UTF8, NULL, NULL};
    return fupin__dataset_load_memory_with(out, data, len, &o);
}

struct dir_src {
    const char *dir;
    struct fupin__file f[FUPIN_FILE_COUNT]; /* two may be open at once (dataset_par.c) */
};

static int dir_path(struct fupin__buf *path, const char *dir, const char *name)
{
    fupin__buf_init(path);
    fupin__buf_addf(path, "%s/%s", dir, name);
    return path->failed ? fupin__oom() : 0;
}

static int dir_open(void *ctx, int file, const char **data, size_t *len)
{
    struct dir_src *ds = ctx;
    const char *name = fupin__dataset_file_names[file];
    struct fupin__buf path;
    int rc = dir_path(&path, ds->dir, name);
    if (!rc)
        rc = fupin__file_open(&ds->f[file], path.data, name);
    fupin__buf_free(&path);
    if (rc)
        return rc;
    *data = ds->f[file].data;
    *len = ds->f[file].len;
    return 0;
}

static void dir_close(void *ctx, int file, const char *data, size_t len)
{
    struct dir_src *ds = ctx;
    (void)data, (void)len;
    fupin__file_close(&ds->f[file]);
}

static int dir_stream(void *ctx, int file, struct fupin__stream *s)
{
    struct dir_src *ds = ctx;
    const char *name = fupin__dataset_file_names[file];
    struct fupin__buf path;
    int rc = dir_path(&path, ds->dir, name);
    if (!rc)
        rc = fupin__stream_open(s, path.data, name);
    fupin__buf_free(&path);
    return rc;
}

static int dir_pageable(void *ctx, int file)
{
    return ((struct dir_src *)ctx)->f[file].mapped;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int add_line(char ***list, size_t *n, size_t *cap, const char *s)
{
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 8;
        char **l = fupin__reallocarray(*list, c, sizeof *l);
        if (!l)
            return FUPIN_ENOMEM;
        *list = l;
        *cap = c;
    }
    if (!((*list)[*n] = fupin__strdup(s)))
        return FUPIN_ENOMEM;
    (*n)++;
    return 0;
}

/* The folder itself (issue 10 item 3, issue 11 item 7): it must exist; a .csv file in
 * it that is not a dataset file is named, with the closest dataset file name (an
 * `Incomes.csv` would otherwise leave every income unknown without a word); the
 * dataset files must be files (a dangling link, FIFO or device is refused at once). */
static int dir_check(const char *dir, uint64_t *total, char ***notices, size_t *n_notices)
{
    struct stat st;
    if (stat(dir, &st) != 0)
        return fupin__error(errno == ENOENT ? FUPIN_ENOTFOUND : FUPIN_EIO, "%s",
                            errno == ENOENT ? "no such dataset folder" : strerror(errno));
    if (!S_ISDIR(st.st_mode))
        return fupin__error(FUPIN_EIO, "not a folder (a dataset is a folder of CSV files)");
    *total = 0;
    for (int f = 0; f < FUPIN_FILE_COUNT; f++) {
        struct fupin__buf path;
        uint64_t size = 0;
        int rc = dir_path(&path, dir, fupin__dataset_file_names[f]);
        if (!rc)
            rc = fupin__file_stat(path.data, fupin__dataset_file_names[f], &size);
        fupin__buf_free(&path);
        if (rc && rc != FUPIN_ENOTFOUND)
            return rc;
        *total += size;
    }
    DIR *dh = opendir(dir);
    if (!dh)
        return 0; /* listing is only for notices; the files themselves were found */
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    struct dirent *e;
    while (!rc && (e = readdir(dh)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len < 4 || strcasecmp(e->d_name + len - 4, ".csv") != 0)
            continue;
        int known = 0;
        for (int f = 0; f < FUPIN_FILE_COUNT; f++)
            known |= strcmp(e->d_name, fupin__dataset_file_names[f]) == 0;
        if (!known)
            rc = add_line(&names, &n, &cap, e->d_name);
    }
    closedir(dh);
    if (n)
        qsort(names, n, sizeof *names, cmp_str);
    size_t ncap = *n_notices;
    for (size_t i = 0; !rc && i < n; i++) {
        const char *best = NULL;
        size_t bd = SIZE_MAX;
        for (int f = 0; f < FUPIN_FILE_COUNT; f++) {
            /* the one edit distance of the project (core suggest.c) */
            size_t dd = fupin__edit_distance(names[i], fupin__dataset_file_names[f]);
            if (dd < bd) {
                bd = dd;
                best = fupin__dataset_file_names[f];
            }
        }
        char msg[512], q[256];
        fupin__quote_value(q, sizeof q, names[i], strlen(names[i]));
        if (bd <= 3)
            snprintf(msg, sizeof msg, "%s is not read: did you mean %s?", q, best);
        else
            snprintf(msg, sizeof msg, "%s is not read: it is not a dataset file", q);
        rc = add_line(notices, n_notices, &ncap, msg);
    }
    for (size_t i = 0; i < n; i++)
        fupin__free(names[i]);
    fupin__free(names);
    return rc == FUPIN_ENOMEM ? fupin__oom() : rc;
}

/* ------------------------------------------------------------ public API */

int fupin_load_options_create(fupin_load_options **out)
{
    if (!out)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    *out = fupin__calloc(1, sizeof **out);
    return *out ? 0 : fupin__oom();
}

void fupin_load_options_free(fupin_load_options *o)
{
    fupin__free(o);
}

int fupin_load_options_set_flags(fupin_load_options *o, uint32_t flags)
{
    if (!o)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    if (flags & ~(uint32_t)FUPIN_LOAD_LENIENT)
        return fupin__error(FUPIN_EINVAL, "%s: unknown flags 0x%x", __func__, (unsigned)flags);
    o->flags = flags;
    return 0;
}

int fupin_load_options_set_encoding(fupin_load_options *o, int encoding)
{
    if (!o)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    if (encoding != FUPIN_ENCODING_UTF8 && encoding != FUPIN_ENCODING_GB18030)
        return fupin__error(FUPIN_EINVAL, "%s: unknown encoding %d", __func__, encoding);
    o->encoding = encoding;
    return 0;
}

int fupin_encoding_from_name(const char *name, int *out)
{
    if (!name || !out)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    if (strcasecmp(name, "utf-8") == 0 || strcasecmp(name, "utf8") == 0)
        *out = FUPIN_ENCODING_UTF8;
    else if (strcasecmp(name, "gb18030") == 0 || strcasecmp(name, "gbk") == 0)
        *out = FUPIN_ENCODING_GB18030;
    else
        return fupin__error(FUPIN_ENOTFOUND, "unknown encoding (known: utf-8, gb18030, gbk)");
    return 0;
}

int fupin_load_options_set_progress(fupin_load_options *o, fupin_progress_fn fn, void *ctx)
{
    if (!o)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    o->progress = fn;
    o->progress_ctx = fn ? ctx : NULL;
    return 0;
}

int fupin_dataset_load_with_options(fupin_dataset **out, const char *dir,
                                    const fupin_load_options *options)
{
    if (out)
        *out = NULL;
    if (!out || !dir)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    struct dir_src ds;
    memset(&ds, 0, sizeof ds);
    ds.dir = dir;
    struct fupin__dataset_source src = {dir_open, dir_close, dir_pageable, &ds, 0, dir_stream};
    char **notices = NULL;
    size_t n_notices = 0;
    int rc = dir_check(dir, &src.total, &notices, &n_notices);
    if (rc) {
        for (size_t i = 0; i < n_notices; i++)
            fupin__free(notices[i]);
        fupin__free(notices);
        return rc;
    }
    return fupin__dataset_load_source(out, &src, options, notices, n_notices);
}

int fupin_dataset_load(fupin_dataset **out, const char *dir, uint32_t flags)
{
    struct fupin_load_options o = {flags, FUPIN_ENCODING_UTF8, NULL, NULL};
    return fupin_dataset_load_with_options(out, dir, &o);
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
    fupin__free(d->member_ids);
    for (size_t i = 0; i < d->n_problems; i++)
        fupin__free(d->problems[i]);
    fupin__free(d->problems);
    for (size_t i = 0; i < d->n_notices; i++)
        fupin__free(d->notices[i]);
    fupin__free(d->notices);
    fupin__free(d);
}

/* The misuse contract (fupin.h, Conventions): NULL or an index out of range gives 0
 * or NULL and the thread's error naming the function. */
static size_t count_of(const fupin_dataset *d, const char *func, size_t n)
{
    if (!d) {
        fupin__misuse(func, "NULL argument");
        return 0;
    }
    return n;
}

static const void *item_of(const fupin_dataset *d, const char *func, size_t i, size_t n,
                           const void *item)
{
    if (!d || i >= n) {
        fupin__misuse(func, d ? "index out of range" : "NULL argument");
        return NULL;
    }
    return item;
}

size_t fupin_dataset_village_count(const fupin_dataset *d)
{
    return count_of(d, __func__, d ? d->n_villages : 0);
}

const fupin_village *fupin_dataset_village(const fupin_dataset *d, size_t i)
{
    return item_of(d, __func__, i, d ? d->n_villages : 0,
                   d && i < d->n_villages ? &d->villages[i] : NULL);
}

size_t fupin_dataset_problem_count(const fupin_dataset *d)
{
    return count_of(d, __func__, d ? d->n_problems : 0);
}

const char *fupin_dataset_problem(const fupin_dataset *d, size_t i)
{
    return item_of(d, __func__, i, d ? d->n_problems : 0,
                   d && i < d->n_problems ? d->problems[i] : NULL);
}

size_t fupin_dataset_notice_count(const fupin_dataset *d)
{
    return count_of(d, __func__, d ? d->n_notices : 0);
}

const char *fupin_dataset_notice(const fupin_dataset *d, size_t i)
{
    return item_of(d, __func__, i, d ? d->n_notices : 0,
                   d && i < d->n_notices ? d->notices[i] : NULL);
}

size_t fupin_dataset_household_count(const fupin_dataset *d)
{
    return count_of(d, __func__, d ? d->n_households : 0);
}

int fupin_dataset_income_household_count(const fupin_dataset *d, int32_t year, size_t *out)
{
    if (!d || !out)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    size_t n = 0;
    for (size_t i = 0; i < d->n_households; i++) {
        const struct fupin_household *h = &d->households[i];
        for (size_t k = 0; k < h->n_incomes; k++)
            if (h->incomes[k].year == year && !h->incomes[k].skipped) {
                n++;
                break;
            }
    }
    *out = n;
    return 0;
}

int fupin_dataset_file_counts(const fupin_dataset *d, int file, uint64_t *read, uint64_t *loaded,
                              uint64_t *skipped)
{
    if (!d || file < 0 || file >= FUPIN_FILE_COUNT)
        return fupin__error(FUPIN_EINVAL, "%s: bad argument", __func__);
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
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    if (!d->latest_year)
        return fupin__error(FUPIN_ENOTFOUND, "the dataset has no incomes");
    *out = d->latest_year;
    return 0;
}

int fupin_dataset_default_year(const fupin_dataset *d, const fupin_policy *policy, int32_t *out)
{
    if (!d || !policy || !out)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
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

int fupin_dataset_default_year_source(const fupin_dataset *d, const fupin_policy *policy, int *out)
{
    int32_t y;
    if (!d || !policy || !out)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    int rc = fupin_dataset_default_year(d, policy, &y);
    if (rc)
        return rc;
    *out = d->latest_year ? FUPIN_YEAR_FROM_INCOMES : FUPIN_YEAR_FROM_POLICY;
    return 0;
}
