/* The difference between two policies' results (`fupin diff`, docs/cli.md):
 * both results are written as JSON and flattened, so every field of the contract is
 * compared by the same rule, and a field added to the JSON is compared too. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../model/model.h"
#include "flat.h"

struct transition {
    char *text;     /* "alert.level none->warning" */
    char *parts;    /* "alert.level\0none\0warning\0": the same, split */
    uint32_t order; /* the field's place in JSON order */
    uint64_t count;
};

/* One changed field of one record: "household\0H2\0alert.level\0none\0watch\0". */
struct change {
    char *mem;
    size_t line; /* the change line it belongs to */
};

struct fupin_diff {
    char **lines;
    size_t n_lines, cap_lines;
    size_t households_changed, villages_changed;
    struct transition *tr;
    size_t n_tr, cap_tr;
    struct change *ch;
    size_t n_ch, cap_ch;
    /* open-addressing index over tr by text */
    size_t *slots;
    size_t n_slots;
};

/* One side of a comparison: the result line, in a buffer that grows to fit (a
 * village's visit_first list grows with the village), and its flattened leaves. */
struct side {
    char *json;
    size_t cap;
    struct fupin__flat flat;
};

static uint64_t hash_text(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static int grow_slots(fupin_diff *d)
{
    size_t n = d->n_slots ? d->n_slots * 2 : 256;
    size_t *s = fupin__malloc(n * sizeof *s);
    if (!s)
        return -1;
    for (size_t i = 0; i < n; i++)
        s[i] = SIZE_MAX;
    for (size_t t = 0; t < d->n_tr; t++) {
        size_t i = hash_text(d->tr[t].text) & (n - 1);
        while (s[i] != SIZE_MAX)
            i = (i + 1) & (n - 1);
        s[i] = t;
    }
    fupin__free(d->slots);
    d->slots = s;
    d->n_slots = n;
    return 0;
}

static int add_transition(fupin_diff *d, const char *text, uint32_t order)
{
    if ((d->n_tr + 1) * 2 > d->n_slots && grow_slots(d))
        return -1;
    size_t i = hash_text(text) & (d->n_slots - 1);
    while (d->slots[i] != SIZE_MAX) {
        struct transition *t = &d->tr[d->slots[i]];
        if (strcmp(t->text, text) == 0) {
            t->count++;
            return 0;
        }
        i = (i + 1) & (d->n_slots - 1);
    }
    if (d->n_tr == d->cap_tr) {
        size_t cap = d->cap_tr ? d->cap_tr * 2 : 64;
        struct transition *tr = fupin__reallocarray(d->tr, cap, sizeof *tr);
        if (!tr)
            return -1;
        d->tr = tr;
        d->cap_tr = cap;
    }
    char *copy = fupin__strdup(text);
    char *parts = fupin__strdup(text);
    if (!copy || !parts) {
        fupin__free(copy);
        fupin__free(parts);
        return -1;
    }
    /* FIELD BEFORE->AFTER: paths have no space and values never hold "->" */
    char *sp = strchr(parts, ' ');
    char *arrow = sp ? strstr(sp + 1, "->") : NULL;
    if (sp && arrow) {
        *sp = '\0';
        arrow[0] = '\0';
        memmove(arrow + 1, arrow + 2, strlen(arrow + 2) + 1);
    }
    d->tr[d->n_tr] = (struct transition){copy, parts, order, 1};
    d->slots[i] = d->n_tr++;
    return 0;
}

static int add_line(fupin_diff *d, struct fupin__buf *b)
{
    if (b->failed)
        return -1;
    if (d->n_lines == d->cap_lines) {
        size_t cap = d->cap_lines ? d->cap_lines * 2 : 64;
        char **l = fupin__reallocarray(d->lines, cap, sizeof *l);
        if (!l)
            return -1;
        d->lines = l;
        d->cap_lines = cap;
    }
    d->lines[d->n_lines++] = b->data;
    fupin__buf_init(b); /* the line now owns the text */
    return 0;
}

/* A leaf's text in a fresh allocation, or NULL when out of memory. The text is never
 * longer than the raw JSON value (quotes and escapes are dropped), plus the brackets
 * brackets of a list. */
static char *leaf_text(const struct fupin__flat_leaf *leaf, int as_cell)
{
    size_t cap = (leaf ? leaf->value_len : 4) + 3;
    char *out = fupin__malloc(cap);
    if (!out)
        return NULL;
    if (!leaf || (leaf->value_len == 4 && memcmp(leaf->value, "null", 4) == 0)) {
        /* a missing field reads as null (a cell: empty) */
        strcpy(out, as_cell ? "" : "null");
    } else if (!as_cell && leaf->value_len && leaf->value[0] == '[') {
        /* transition values as users read them: lists in brackets, strings unquoted */
        size_t n = fupin__flat_text(leaf, out + 1, cap - 2);
        out[0] = '[';
        out[n + 1] = ']';
        out[n + 2] = '\0';
    } else {
        /* a cell: null empty, lists space-separated, strings bare */
        fupin__flat_text(leaf, out, cap);
    }
    return out;
}

static int add_change(fupin_diff *d, const char *record, const char *id, const char *path,
                      const struct fupin__flat_leaf *la, const struct fupin__flat_leaf *lb)
{
    char *before = leaf_text(la, 1), *after = leaf_text(lb, 1), *mem = NULL;
    int rc = -1;
    if (!before || !after)
        goto done;
    const char *parts[5] = {record, id, path, before, after};
    size_t len[5], total = 0;
    for (int i = 0; i < 5; i++)
        total += (len[i] = strlen(parts[i])) + 1;
    if (d->n_ch == d->cap_ch) {
        size_t cap = d->cap_ch ? d->cap_ch * 2 : 64;
        struct change *c = fupin__reallocarray(d->ch, cap, sizeof *c);
        if (!c)
            goto done;
        d->ch = c;
        d->cap_ch = cap;
    }
    char *o = mem = fupin__malloc(total);
    if (!mem)
        goto done;
    for (int i = 0; i < 5; i++) {
        memcpy(o, parts[i], len[i] + 1);
        o += len[i] + 1;
    }
    d->ch[d->n_ch++] = (struct change){mem, d->n_lines};
    rc = 0;
done:
    fupin__free(before);
    fupin__free(after);
    return rc;
}

/* Whether path names a leaf's descendant: "alert.level" below the leaf "alert". */
static int below(const char *path, const char *parent)
{
    size_t n = strlen(parent);
    return strncmp(path, parent, n) == 0 && path[n] == '.';
}

/* Whether a flattened result has a leaf below path ("alert" -> "alert.level"): then a
 * null at path on the other side is an object that appeared or disappeared, and its
 * leaves are compared one by one instead. */
static int has_children(const struct fupin__flat *f, const char *path)
{
    for (size_t i = 0; i < f->n; i++)
        if (below(f->leaf[i].path, path))
            return 1;
    return 0;
}

/* Whether a leaf of f is an ancestor of path (a null object there). */
static int has_parent(const struct fupin__flat *f, const char *path)
{
    for (size_t i = 0; i < f->n; i++)
        if (below(path, f->leaf[i].path))
            return 1;
    return 0;
}

/* One changed field: append it to the change line, count its transition, keep it. */
static int add_field(fupin_diff *d, struct fupin__buf *line, int *any, const char *key,
                     const char *id, const char *plain_id, const char *path,
                     const struct fupin__flat_leaf *la, const struct fupin__flat_leaf *lb,
                     uint32_t order)
{
    if (!*any) {
        fupin__buf_addf(line, "{\"%s\":", key);
        fupin__buf_add(line, "\"", 1);
        fupin__buf_adds(line, id); /* ids were escaped in the JSON we flattened */
        fupin__buf_adds(line, "\",\"changes\":{");
    } else {
        fupin__buf_add(line, ",", 1);
    }
    *any = 1;
    fupin__buf_addf(line, "\"%s\":[", path);
    if (la)
        fupin__buf_add(line, la->value, la->value_len);
    else
        fupin__buf_adds(line, "null");
    fupin__buf_add(line, ",", 1);
    if (lb)
        fupin__buf_add(line, lb->value, lb->value_len);
    else
        fupin__buf_adds(line, "null");
    fupin__buf_add(line, "]", 1);
    char *ta = leaf_text(la, 0), *tb = leaf_text(lb, 0);
    struct fupin__buf tr;
    fupin__buf_init(&tr);
    if (ta && tb)
        fupin__buf_addf(&tr, "%s %s->%s", path, ta, tb);
    int rc = !ta || !tb || tr.failed || add_transition(d, tr.data, order) ||
             add_change(d, key, plain_id, path, la, lb);
    fupin__free(ta);
    fupin__free(tb);
    fupin__buf_free(&tr);
    return rc ? -1 : 0;
}

/* Compare two flattened results; append a change line and count transitions.
 * key/id: "household"/"H1" or "village"/"520102001001". order_base separates village
 * fields from household fields in the JSON order of the summary. A field present on
 * one side only (a null object on the other: "alert" is null in a year without a
 * monitoring threshold) is a change from or to null, reported both ways. */
static int compare(fupin_diff *d, const struct side *a, const struct side *b, const char *key,
                   const char *id, const char *plain_id, uint32_t order_base, size_t *changed)
{
    struct fupin__buf line;
    int any = 0, rc = 0;
    fupin__buf_init(&line);
    /* Transitions sort by JSON order: 128 sub-places per field of a, for the fields of
     * an object that b has where a has null (FUPIN__FLAT_MAX < 128). */
    for (size_t i = 0; i < a->flat.n && !rc; i++) {
        const struct fupin__flat_leaf *la = &a->flat.leaf[i];
        const struct fupin__flat_leaf *lb = fupin__flat_find(&b->flat, la->path);
        uint32_t order = (order_base + (uint32_t)i) * 128u;
        if (lb) {
            if (!fupin__flat_equal(la, lb))
                rc = add_field(d, &line, &any, key, id, plain_id, la->path, la, lb, order);
        } else if (has_children(&b->flat, la->path)) {
            /* null -> object: each field of b's object, from null, in b's order */
            uint32_t k = 1;
            for (size_t j = 0; j < b->flat.n && !rc; j++)
                if (below(b->flat.leaf[j].path, la->path))
                    rc = add_field(d, &line, &any, key, id, plain_id, b->flat.leaf[j].path, NULL,
                                   &b->flat.leaf[j], order + k++);
        } else {
            /* a field of an object that is null in b (object -> null), or absent */
            rc = add_field(d, &line, &any, key, id, plain_id, la->path, la, NULL, order);
        }
    }
    for (size_t i = 0; i < b->flat.n && !rc; i++) {
        const struct fupin__flat_leaf *lb = &b->flat.leaf[i];
        if (fupin__flat_find(&a->flat, lb->path) || has_parent(&a->flat, lb->path) ||
            has_children(&a->flat, lb->path))
            continue;
        /* a field only b has, after the fields of a */
        rc = add_field(d, &line, &any, key, id, plain_id, lb->path, NULL, lb,
                       (order_base + FUPIN__FLAT_MAX + (uint32_t)i) * 128u);
    }
    if (rc) {
        fupin__buf_free(&line);
        return fupin__oom();
    }
    if (!any)
        return 0;
    fupin__buf_adds(&line, "}}");
    if (add_line(d, &line)) {
        fupin__buf_free(&line);
        return fupin__oom();
    }
    (*changed)++;
    return 0;
}

/* The raw (still escaped) text of a string leaf, for the id of a change line. */
static void leaf_raw_string(const struct fupin__flat *f, const char *path, char *out, size_t cap)
{
    const struct fupin__flat_leaf *l = fupin__flat_find(f, path);
    size_t n = 0;
    if (l && l->value_len >= 2) {
        n = l->value_len - 2;
        if (n >= cap)
            n = cap - 1;
        memcpy(out, l->value + 1, n);
    }
    out[n] = '\0';
}

struct diff_ctx {
    fupin_evaluator *ea, *eb;
    fupin_result *ra, *rb;
    fupin_summary *va, *vb;
    struct side *a, *b; /* large: on the heap, once per diff */
};

/* Write a result or a summary into the side's buffer, growing it to fit. */
static int write_side(struct side *s, const fupin_result *r, const fupin_summary *v)
{
    for (;;) {
        size_t needed = 0;
        int rc = r ? fupin_result_to_json(r, s->json, s->cap, &needed)
                   : fupin_summary_to_json(v, s->json, s->cap, &needed);
        if (rc == FUPIN_ENOSPC) {
            char *p = fupin__realloc(s->json, needed + 1);
            if (!p)
                return fupin__oom();
            s->json = p;
            s->cap = needed + 1;
            continue;
        }
        if (rc)
            return rc;
        if (fupin__flat_parse(&s->flat, s->json, needed))
            return fupin__error(FUPIN_EINVAL, "internal: a result line could not be read back");
        return 0;
    }
}

/* The raw (still escaped) text of a string leaf, for the id of a change line; the
 * cell text (unescaped) for the change records. Ids are at most 64 bytes of UTF-8
 * and village codes 12 digits, so 200 bytes hold either, even escaped (\u00XX). */
static void ids_of(const struct side *s, const char *path, char *raw, char *plain, size_t cap)
{
    leaf_raw_string(&s->flat, path, raw, cap);
    const struct fupin__flat_leaf *l = fupin__flat_find(&s->flat, path);
    if (l)
        fupin__flat_text(l, plain, cap);
    else
        plain[0] = '\0';
}

static int diff_one_village(fupin_diff *d, struct diff_ctx *c, const fupin_village *v)
{
    char id[400], plain[400];
    int rc;
    size_t n = fupin_village_household_count(v);
    for (size_t i = 0; i < n; i++) {
        const fupin_household *h = fupin_village_household(v, i);
        if ((rc = fupin_evaluator_evaluate_household(c->ea, h, c->ra)) ||
            (rc = fupin_evaluator_evaluate_household(c->eb, h, c->rb)))
            return rc;
        if ((rc = write_side(c->a, c->ra, NULL)) || (rc = write_side(c->b, c->rb, NULL)))
            return rc;
        ids_of(c->a, "household", id, plain, sizeof id);
        if ((rc = compare(d, c->a, c->b, "household", id, plain, 0, &d->households_changed)))
            return rc;
    }
    if ((rc = fupin_evaluator_evaluate_village(c->ea, v, c->va)) ||
        (rc = fupin_evaluator_evaluate_village(c->eb, v, c->vb)))
        return rc;
    if ((rc = write_side(c->a, NULL, c->va)) || (rc = write_side(c->b, NULL, c->vb)))
        return rc;
    ids_of(c->a, "village.code", id, plain, sizeof id);
    /* village fields sort after household fields: (100000 + i) * 128 fits in 32 bits */
    return compare(d, c->a, c->b, "village", id, plain, 100000, &d->villages_changed);
}

static int cmp_transition(const void *pa, const void *pb)
{
    const struct transition *a = pa, *b = pb;
    if (a->order != b->order)
        return a->order < b->order ? -1 : 1;
    if (a->count != b->count)
        return a->count > b->count ? -1 : 1;
    return strcmp(a->text, b->text);
}

void fupin_diff_free(fupin_diff *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n_lines; i++)
        fupin__free(d->lines[i]);
    fupin__free(d->lines);
    for (size_t i = 0; i < d->n_tr; i++) {
        fupin__free(d->tr[i].text);
        fupin__free(d->tr[i].parts);
    }
    fupin__free(d->tr);
    for (size_t i = 0; i < d->n_ch; i++)
        fupin__free(d->ch[i].mem);
    fupin__free(d->ch);
    fupin__free(d->slots);
    fupin__free(d);
}

static void ctx_free(struct diff_ctx *c)
{
    fupin_evaluator_free(c->ea);
    fupin_evaluator_free(c->eb);
    fupin_result_free(c->ra);
    fupin_result_free(c->rb);
    fupin_summary_free(c->va);
    fupin_summary_free(c->vb);
    if (c->a)
        fupin__free(c->a->json);
    if (c->b)
        fupin__free(c->b->json);
    fupin__free(c->a);
    fupin__free(c->b);
}

static int run(fupin_diff **out, const fupin_policy *base, const fupin_policy *policy,
               const fupin_dataset *dataset, const fupin_village *village, int32_t year,
               const char *func)
{
    struct diff_ctx c = {0};
    int rc;
    if (out)
        *out = NULL;
    if (!out || !base || !policy || (!dataset && !village))
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", func);
    fupin_diff *d = fupin__calloc(1, sizeof *d);
    if (!d)
        return fupin__oom();
    if ((rc = fupin_evaluator_create(&c.ea, base, year)) ||
        (rc = fupin_evaluator_create(&c.eb, policy, year)) || (rc = fupin_result_create(&c.ra)) ||
        (rc = fupin_result_create(&c.rb)) || (rc = fupin_summary_create(&c.va)) ||
        (rc = fupin_summary_create(&c.vb)))
        goto fail;
    c.a = fupin__calloc(1, sizeof *c.a);
    c.b = fupin__calloc(1, sizeof *c.b);
    if (!c.a || !c.b) {
        rc = fupin__oom();
        goto fail;
    }
    if (dataset) {
        size_t n = fupin_dataset_village_count(dataset);
        for (size_t i = 0; i < n && !rc; i++)
            rc = diff_one_village(d, &c, fupin_dataset_village(dataset, i));
    } else {
        rc = diff_one_village(d, &c, village);
    }
    if (rc)
        goto fail;
    if (d->n_tr) /* qsort(NULL, 0) is undefined */
        qsort(d->tr, d->n_tr, sizeof *d->tr, cmp_transition);
    fupin__free(d->slots); /* the index is stale after sorting and no longer needed */
    d->slots = NULL;
    d->n_slots = 0;
    ctx_free(&c);
    *out = d;
    return 0;
fail:
    ctx_free(&c);
    fupin_diff_free(d);
    return rc;
}

int fupin_diff_dataset(fupin_diff **out, const fupin_policy *base, const fupin_policy *policy,
                       const fupin_dataset *dataset, int32_t year)
{
    return run(out, base, policy, dataset, NULL, year, __func__);
}

int fupin_diff_village(fupin_diff **out, const fupin_policy *base, const fupin_policy *policy,
                       const fupin_village *village, int32_t year)
{
    return run(out, base, policy, NULL, village, year, __func__);
}

size_t fupin_diff_households_changed(const fupin_diff *d)
{
    if (!d) {
        fupin__misuse(__func__, "NULL argument");
        return 0;
    }
    return d->households_changed;
}

size_t fupin_diff_villages_changed(const fupin_diff *d)
{
    if (!d) {
        fupin__misuse(__func__, "NULL argument");
        return 0;
    }
    return d->villages_changed;
}

size_t fupin_diff_line_count(const fupin_diff *d)
{
    if (!d) {
        fupin__misuse(__func__, "NULL argument");
        return 0;
    }
    return d->n_lines;
}

const char *fupin_diff_line(const fupin_diff *d, size_t i)
{
    if (!d || i >= d->n_lines) {
        fupin__misuse(__func__, d ? "index out of range" : "NULL argument");
        return NULL;
    }
    return d->lines[i];
}

size_t fupin_diff_transition_count(const fupin_diff *d)
{
    if (!d) {
        fupin__misuse(__func__, "NULL argument");
        return 0;
    }
    return d->n_tr;
}

const char *fupin_diff_transition(const fupin_diff *d, size_t i, uint64_t *count)
{
    if (!d || i >= d->n_tr) {
        fupin__misuse(__func__, d ? "index out of range" : "NULL argument");
        return NULL;
    }
    if (count)
        *count = d->tr[i].count;
    return d->tr[i].text;
}

int fupin_diff_transition_parts(const fupin_diff *d, size_t i, const char **field,
                                const char **before, const char **after, uint64_t *count)
{
    if (!d || i >= d->n_tr)
        return fupin__error(FUPIN_EINVAL, "%s: no transition %zu", __func__, i);
    const char *f = d->tr[i].parts, *b = f + strlen(f) + 1, *a = b + strlen(b) + 1;
    if (field)
        *field = f;
    if (before)
        *before = b;
    if (after)
        *after = a;
    if (count)
        *count = d->tr[i].count;
    return 0;
}

size_t fupin_diff_change_count(const fupin_diff *d)
{
    if (!d) {
        fupin__misuse(__func__, "NULL argument");
        return 0;
    }
    return d->n_ch;
}

int fupin_diff_change(const fupin_diff *d, size_t i, const char **record, const char **id,
                      const char **field, const char **before, const char **after)
{
    if (!d || i >= d->n_ch)
        return fupin__error(FUPIN_EINVAL, "%s: no change %zu", __func__, i);
    const char *p = d->ch[i].mem;
    const char **out[5] = {record, id, field, before, after};
    for (int k = 0; k < 5; k++) {
        if (out[k])
            *out[k] = p;
        p += strlen(p) + 1;
    }
    return 0;
}
