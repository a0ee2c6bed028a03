/* Results checked against an expectations file (`fupin check`,
 * docs/reference/README.md#expectations). Each row names a household (or a village, with a
 * `village.` path), a year, a dotted field of the JSON result and the expected value. Values are
 * compared on the JSON we write, flattened (flat.h), so the paths are exactly those of the result
 * lines. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../model/model.h"
#include "../io/csv.h"
#include "flat.h"
#include "../io/io.h"

struct fupin_check {
    size_t passed, failed;
    char **mismatch;
    size_t cap;
};

/* Evaluators are made once per year the file asks for. */
struct year_eval {
    int32_t year;
    fupin_evaluator *e;
};

struct id_ref {
    const char *id;
    const fupin_household *h;
};

struct ctx {
    const fupin_policy *policy;
    const fupin_dataset *dataset;
    struct year_eval *years;
    size_t n_years;
    struct id_ref *index; /* households sorted by id */
    size_t n_index;
    fupin_result *r;
    fupin_summary *vr;
    char *json; /* grows to fit the longest result line (visit_first grows with a village) */
    size_t cap;
    struct fupin__flat flat;
};

static int cmp_ref(const void *a, const void *b)
{
    return strcmp(((const struct id_ref *)a)->id, ((const struct id_ref *)b)->id);
}

static const fupin_household *find_household(const struct ctx *c, const char *id)
{
    struct id_ref key = {id, NULL};
    const struct id_ref *r = bsearch(&key, c->index, c->n_index, sizeof key, cmp_ref);
    return r ? r->h : NULL;
}

static const fupin_village *find_village(const struct ctx *c, const char *code)
{
    size_t n = fupin_dataset_village_count(c->dataset);
    for (size_t i = 0; i < n; i++) {
        const fupin_village *v = fupin_dataset_village(c->dataset, i);
        if (strcmp(fupin_village_code(v), code) == 0)
            return v;
    }
    return NULL;
}

static int evaluator_for(struct ctx *c, int32_t year, fupin_evaluator **out)
{
    for (size_t i = 0; i < c->n_years; i++)
        if (c->years[i].year == year) {
            *out = c->years[i].e;
            return 0;
        }
    struct year_eval *y = fupin__reallocarray(c->years, c->n_years + 1, sizeof *y);
    if (!y)
        return fupin__oom();
    c->years = y;
    int rc = fupin_evaluator_create(&y[c->n_years].e, c->policy, year);
    if (rc)
        return rc;
    y[c->n_years].year = year;
    *out = y[c->n_years++].e;
    return 0;
}

/* docs/reference/rules.md Rounding: derived figures compare within one unit of their last printed
 * place; everything else numeric (years, counts) compares exactly. */
static double tolerance(const char *path)
{
    static const char *const cents[] = {"per_capita",           "poverty_line", "growth",
                                        "national_growth",      "gap_pp",       "real_growth",
                                        "national_real_growth", "cagr",         "national_cagr"};
    const char *last = strrchr(path, '.');
    last = last ? last + 1 : path;
    if (strcmp(last, "incidence") == 0)
        return 1e-4 * (1 + 1e-9);
    for (size_t i = 0; i < sizeof cents / sizeof cents[0]; i++)
        if (strcmp(last, cents[i]) == 0)
            return 1e-2 * (1 + 1e-9);
    return 0;
}

static int parse_number(const char *s, double *out)
{
    char *end;
    if (!*s)
        return -1;
    *out = strtod(s, &end);
    return *end || !isfinite(*out) ? -1 : 0;
}

/* Whether the space-separated codes of `want` are exactly the set in `got`. */
static int same_set(const char *want, const char *got)
{
    const char *sets[2] = {want, got};
    for (int pass = 0; pass < 2; pass++) {
        const char *s = sets[pass], *other = sets[1 - pass];
        while (*s) {
            while (*s == ' ')
                s++;
            size_t n = strcspn(s, " ");
            if (!n)
                break;
            int found = 0;
            const char *o = other;
            while (*o && !found) {
                while (*o == ' ')
                    o++;
                size_t m = strcspn(o, " ");
                found = m == n && memcmp(o, s, n) == 0;
                o += m;
            }
            if (!found)
                return 0;
            s += n;
        }
    }
    return 1;
}

static int matches(const struct fupin__flat_leaf *leaf, const char *got, const char *want)
{
    const char *v = leaf->value;
    if (leaf->value_len == 4 && memcmp(v, "null", 4) == 0)
        return !*want || strcmp(want, "null") == 0;
    if (v[0] == '[')
        return same_set(want, got);
    if (v[0] == '"' || v[0] == 't' || v[0] == 'f')
        return strcmp(want, got) == 0;
    double a, b;
    if (parse_number(want, &a) || parse_number(got, &b))
        return 0;
    return fabs(a - b) <= tolerance(leaf->path);
}

static int add_mismatch(fupin_check *k, const char *id, int32_t year, const char *field,
                        const char *want, const char *got)
{
    struct fupin__buf b;
    fupin__buf_init(&b);
    fupin__buf_addf(&b, "%s %d %s: expected %s, got %s", id, (int)year, field,
                    *want ? want : "(blank)", got);
    if (b.failed)
        return fupin__oom();
    /* The line echoes the user's id and expected value: mask identity numbers. */
    fupin__mask_ids(b.data, b.len);
    if (k->failed == k->cap) {
        size_t cap = k->cap ? k->cap * 2 : 16;
        char **m = fupin__reallocarray(k->mismatch, cap, sizeof *m);
        if (!m) {
            fupin__buf_free(&b);
            return fupin__oom();
        }
        k->mismatch = m;
        k->cap = cap;
    }
    k->mismatch[k->failed++] = b.data;
    return 0;
}

/* Write a result or a summary into c->json, growing it to fit. */
static int write_json(struct ctx *c, const fupin_result *r, const fupin_summary *v, size_t *len)
{
    for (;;) {
        int rc = r ? fupin_result_to_json(r, c->json, c->cap, len)
                   : fupin_summary_to_json(v, c->json, c->cap, len);
        if (rc != FUPIN_ENOSPC)
            return rc;
        char *p = fupin__realloc(c->json, *len + 1);
        if (!p)
            return fupin__oom();
        c->json = p;
        c->cap = *len + 1;
    }
}

static int check_row(struct ctx *c, fupin_check *k, const char *id, int32_t year, const char *field,
                     const char *want)
{
    fupin_evaluator *e = NULL;
    size_t len = 0;
    int rc, is_village = strncmp(field, "village.", 8) == 0;
    if ((rc = evaluator_for(c, year, &e)))
        return rc;
    if (is_village) {
        const fupin_village *v = find_village(c, id);
        if (!v)
            return add_mismatch(k, id, year, field, want, "no such village");
        if ((rc = fupin_evaluator_evaluate_village(e, v, c->vr)) ||
            (rc = write_json(c, NULL, c->vr, &len)))
            return rc;
    } else {
        const fupin_household *h = find_household(c, id);
        if (!h)
            return add_mismatch(k, id, year, field, want, "no such household");
        if ((rc = fupin_evaluator_evaluate_household(e, h, c->r)) ||
            (rc = write_json(c, c->r, NULL, &len)))
            return rc;
    }
    if (fupin__flat_parse(&c->flat, c->json, len))
        return fupin__error(FUPIN_EINVAL, "internal: a result line could not be read back");
    const struct fupin__flat_leaf *leaf = fupin__flat_find(&c->flat, field);
    /* low_confidence is written only when non-empty: absent is the empty list */
    if (!leaf && strcmp(field + (is_village ? 8 : 0), "low_confidence") == 0) {
        if (!*want) {
            k->passed++;
            return 0;
        }
        return add_mismatch(k, id, year, field, want, "(empty)");
    }
    if (!leaf) {
        /* the closest path of this result, for a misspelt field */
        const char *paths[FUPIN__FLAT_MAX];
        for (size_t i = 0; i < c->flat.n; i++)
            paths[i] = c->flat.leaf[i].path;
        const char *near = fupin__closest(field, paths, c->flat.n);
        char got_hint[160];
        snprintf(got_hint, sizeof got_hint, "no such field%s%.100s%s",
                 near ? " (did you mean " : "", near ? near : "", near ? "?)" : "");
        return add_mismatch(k, id, year, field, want, got_hint);
    }
    /* the text is never longer than the raw JSON value (quotes and escapes drop) */
    char *got = fupin__malloc(leaf->value_len + 1);
    if (!got)
        return fupin__oom();
    fupin__flat_text(leaf, got, leaf->value_len + 1);
    rc = 0;
    if (!matches(leaf, got, want))
        rc = add_mismatch(k, id, year, field, want,
                          leaf->value_len == 4 && !memcmp(leaf->value, "null", 4) ? "null"
                          : *got                                                  ? got
                                                                                  : "(empty)");
    else
        k->passed++;
    fupin__free(got);
    return rc;
}

void fupin_check_free(fupin_check *k)
{
    if (!k)
        return;
    for (size_t i = 0; i < k->failed; i++)
        fupin__free(k->mismatch[i]);
    fupin__free(k->mismatch);
    fupin__free(k);
}

static void ctx_free(struct ctx *c)
{
    for (size_t i = 0; i < c->n_years; i++)
        fupin_evaluator_free(c->years[i].e);
    fupin__free(c->years);
    fupin__free(c->index);
    fupin_result_free(c->r);
    fupin_summary_free(c->vr);
    fupin__free(c->json);
    fupin__free(c);
}

static int build_index(struct ctx *c)
{
    size_t n = 0, nv = fupin_dataset_village_count(c->dataset);
    for (size_t i = 0; i < nv; i++)
        n += fupin_village_household_count(fupin_dataset_village(c->dataset, i));
    c->index = fupin__malloc((n ? n : 1) * sizeof *c->index);
    if (!c->index)
        return fupin__oom();
    for (size_t i = 0; i < nv; i++) {
        const fupin_village *v = fupin_dataset_village(c->dataset, i);
        for (size_t j = 0; j < fupin_village_household_count(v); j++) {
            const fupin_household *h = fupin_village_household(v, j);
            c->index[c->n_index++] = (struct id_ref){fupin_household_id(h), h};
        }
    }
    qsort(c->index, c->n_index, sizeof *c->index, cmp_ref);
    return 0;
}

static const char *const expect_columns[4] = {"household_id", "year", "field", "expected"};

/* The expectations file: a CSV with the four columns found by name
 * (docs/reference/README.md#expectations). */
struct expect_file {
    const char *name; /* as given: the user's own path is the clearest name */
    struct fupin__file f;
    struct fupin__csv csv;
    int col[4];
    size_t n_header;
};

static int value_error(const char *name, uint64_t line, const char *column, const char *what,
                       const char *v, size_t n)
{
    char q[100];
    fupin__quote_value(q, sizeof q, v, n);
    return fupin__error(FUPIN_EPARSE, "%s:%lu: column %s: %s (got \"%s\")", name,
                        (unsigned long)line, column, what, q);
}

static int expect_open(struct expect_file *x, const char *path)
{
    struct fupin__csv_record rec;
    x->name = path;
    int rc = fupin__file_open(&x->f, path, path);
    if (rc == FUPIN_ENOTFOUND)
        return fupin__error(FUPIN_ENOTFOUND, "%s: expectations file not found", path);
    if (rc)
        return rc;
    /* docs/dataset.md: text is UTF-8; ids and values echoed in mismatches must be too */
    size_t bad = fupin__utf8_invalid(x->f.data, x->f.len);
    if (bad != SIZE_MAX)
        return fupin__text_not_utf8(path, x->f.data, x->f.len, bad, 0);
    fupin__csv_init(&x->csv, x->f.data, x->f.len);
    rc = fupin__csv_next(&x->csv, &rec);
    if (rc < 0)
        return rc;
    if (rc == 0)
        return fupin__error(FUPIN_EPARSE, "%s: the expectations file is empty", path);
    x->n_header = rec.n;
    for (int c = 0; c < 4; c++) {
        x->col[c] = -1;
        for (size_t i = 0; i < rec.n; i++)
            if (rec.fields[i].n == strlen(expect_columns[c]) &&
                memcmp(rec.fields[i].p, expect_columns[c], rec.fields[i].n) == 0)
                x->col[c] = (int)i;
        if (x->col[c] < 0)
            return value_error(path, rec.line, expect_columns[c],
                               "required column is missing from the header", rec.raw, rec.raw_n);
    }
    return 0;
}

/* The next row's four fields: 1, 0 at the end, or a negative code. */
static int expect_next(struct expect_file *x, struct fupin__csv_field f[4], uint64_t *line)
{
    struct fupin__csv_record rec;
    int rc = fupin__csv_next(&x->csv, &rec);
    if (rc <= 0)
        return rc;
    *line = rec.line;
    if (rec.fault) {
        size_t i = rec.fault_field < rec.n ? rec.fault_field : 0;
        return value_error(x->name, rec.line, i < 4 ? expect_columns[i] : "?",
                           fupin__csv_fault_text(rec.fault), rec.raw, rec.raw_n);
    }
    if (rec.n != x->n_header)
        return value_error(x->name, rec.line, "household_id", "wrong number of fields", rec.raw,
                           rec.raw_n);
    for (int c = 0; c < 4; c++)
        f[c] = rec.fields[x->col[c]];
    return 1;
}

static void expect_close(struct expect_file *x)
{
    fupin__csv_free(&x->csv);
    if (x->f.data)
        fupin__file_close(&x->f);
}

int fupin_check_dataset(fupin_check **out, const fupin_policy *policy, const fupin_dataset *dataset,
                        const char *expect_path, int32_t default_year)
{
    struct expect_file x = {0};
    int rc;
    if (out)
        *out = NULL;
    if (!out || !policy || !dataset || !expect_path)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    /* docs/dataset.md, "Which year": Y defaults to the latest year in incomes.csv, or the
     * policy's latest year when there are no incomes (as for report and diff). */
    if (!default_year && fupin_dataset_default_year(dataset, policy, &default_year))
        default_year = 0;
    fupin_check *k = fupin__calloc(1, sizeof *k);
    struct ctx *c = fupin__calloc(1, sizeof *c);
    if (!k || !c) {
        fupin__free(k);
        fupin__free(c);
        return fupin__oom();
    }
    c->policy = policy;
    c->dataset = dataset;
    if ((rc = fupin_result_create(&c->r)) || (rc = fupin_summary_create(&c->vr)) ||
        (rc = build_index(c)) || (rc = expect_open(&x, expect_path)))
        goto done;
    struct fupin__csv_field f[4];
    uint64_t line = 0;
    while ((rc = expect_next(&x, f, &line)) > 0) {
        /* ids are <= 64 bytes and paths short; an expected value may be as long as a
         * list of a whole village's households */
        char id[200], field[200];
        int32_t year = default_year;
        const char *bad;
        if (f[1].n &&
            (bad = fupin__parse_year(f[1].p, f[1].n, FUPIN_YEAR_MIN, FUPIN_YEAR_MAX, &year))) {
            rc = value_error(x.name, line, "year", bad, f[1].p, f[1].n);
            goto done;
        }
        if (!year) {
            rc = value_error(x.name, line, "year",
                             "no year given, and neither the dataset's incomes nor the policy "
                             "name a year (give a year)",
                             f[1].p, f[1].n);
            goto done;
        }
        const struct {
            int col;
            char *dst;
            size_t cap;
        } copy[2] = {{0, id, sizeof id}, {2, field, sizeof field}};
        for (int i = 0; i < 2; i++) {
            const struct fupin__csv_field *v = &f[copy[i].col];
            if ((copy[i].col != 3 && !v->n) || v->n >= copy[i].cap) {
                rc = value_error(x.name, line, expect_columns[copy[i].col],
                                 v->n ? "too long" : "required", v->p, v->n);
                goto done;
            }
            memcpy(copy[i].dst, v->p, v->n);
            copy[i].dst[v->n] = '\0';
        }
        char *want = fupin__strndup(f[3].p, f[3].n);
        if (!want) {
            rc = fupin__oom();
            goto done;
        }
        rc = check_row(c, k, id, year, field, want);
        fupin__free(want);
        if (rc)
            goto done;
    }
done:
    expect_close(&x);
    ctx_free(c);
    if (rc < 0) {
        fupin_check_free(k);
        return rc;
    }
    *out = k;
    return 0;
}

size_t fupin_check_passed(const fupin_check *k)
{
    if (!k) {
        fupin__misuse(__func__, "NULL argument");
        return 0;
    }
    return k->passed;
}

size_t fupin_check_failed(const fupin_check *k)
{
    if (!k) {
        fupin__misuse(__func__, "NULL argument");
        return 0;
    }
    return k->failed;
}

const char *fupin_check_mismatch(const fupin_check *k, size_t i)
{
    if (!k || i >= k->failed) {
        fupin__misuse(__func__, k ? "index out of range" : "NULL argument");
        return NULL;
    }
    return k->mismatch[i];
}
