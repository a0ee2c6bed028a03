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

/* A result line is at most a few kilobytes (bounded reason lists); this is ample. */
#define LINE_MAX_BYTES 16384

struct side {
    char json[LINE_MAX_BYTES];
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

/* A value as a spreadsheet cell: null empty, lists space-separated, strings bare. */
static void cell_text(const struct fupin__flat_leaf *leaf, char *out, size_t cap)
{
    if (!leaf || (leaf->value_len == 4 && memcmp(leaf->value, "null", 4) == 0))
        out[0] = '\0';
    else
        fupin__flat_text(leaf, out, cap);
}

static int add_change(fupin_diff *d, const char *record, const char *id,
                      const struct fupin__flat_leaf *la, const struct fupin__flat_leaf *lb)
{
    char before[1024], after[1024];
    cell_text(la, before, sizeof before);
    cell_text(lb, after, sizeof after);
    const char *parts[5] = {record, id, la->path, before, after};
    size_t len[5], total = 0;
    for (int i = 0; i < 5; i++)
        total += (len[i] = strlen(parts[i])) + 1;
    if (d->n_ch == d->cap_ch) {
        size_t cap = d->cap_ch ? d->cap_ch * 2 : 64;
        struct change *c = fupin__reallocarray(d->ch, cap, sizeof *c);
        if (!c)
            return -1;
        d->ch = c;
        d->cap_ch = cap;
    }
    char *mem = fupin__malloc(total), *o = mem;
    if (!mem)
        return -1;
    for (int i = 0; i < 5; i++) {
        memcpy(o, parts[i], len[i] + 1);
        o += len[i] + 1;
    }
    d->ch[d->n_ch++] = (struct change){mem, d->n_lines};
    return 0;
}

/* Transition values as users read them: lists in brackets, strings unquoted. */
static void value_text(const struct fupin__flat_leaf *leaf, char *out, size_t cap)
{
    if (leaf->value_len && leaf->value[0] == '[' && cap > 2) {
        size_t n = fupin__flat_text(leaf, out + 1, cap - 2);
        out[0] = '[';
        out[n + 1] = ']';
        out[n + 2] = '\0';
    } else {
        fupin__flat_text(leaf, out, cap);
    }
}

/* Compare two flattened results; append a change line and count transitions.
 * key/id: "household"/"H1" or "village"/"520102001001". order_base separates village
 * fields from household fields in the JSON order of the summary. */
static int compare(fupin_diff *d, const struct side *a, const struct side *b, const char *key,
                   const char *id, const char *plain_id, uint32_t order_base, size_t *changed)
{
    struct fupin__buf line;
    char ta[1024], tb[1024], tr[2200];
    int any = 0;
    fupin__buf_init(&line);
    for (size_t i = 0; i < a->flat.n; i++) {
        const struct fupin__flat_leaf *la = &a->flat.leaf[i];
        const struct fupin__flat_leaf *lb = fupin__flat_find(&b->flat, la->path);
        if (lb && fupin__flat_equal(la, lb))
            continue;
        if (!any) {
            fupin__buf_addf(&line, "{\"%s\":", key);
            fupin__buf_add(&line, "\"", 1);
            fupin__buf_adds(&line, id); /* ids were escaped in the JSON we flattened */
            fupin__buf_adds(&line, "\",\"changes\":{");
        } else {
            fupin__buf_add(&line, ",", 1);
        }
        any = 1;
        fupin__buf_addf(&line, "\"%s\":[", la->path);
        fupin__buf_add(&line, la->value, la->value_len);
        fupin__buf_add(&line, ",", 1);
        if (lb)
            fupin__buf_add(&line, lb->value, lb->value_len);
        else
            fupin__buf_adds(&line, "null");
        fupin__buf_add(&line, "]", 1);
        value_text(la, ta, sizeof ta);
        if (lb)
            value_text(lb, tb, sizeof tb);
        else
            strcpy(tb, "null");
        snprintf(tr, sizeof tr, "%s %s->%s", la->path, ta, tb);
        if (add_transition(d, tr, order_base + (uint32_t)i) ||
            add_change(d, key, plain_id, la, lb)) {
            fupin__buf_free(&line);
            return fupin__oom();
        }
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
    fupin_village_result *va, *vb;
    struct side *a, *b; /* large: on the heap, once per diff */
};

static int write_and_flatten(struct side *s, int rc)
{
    if (rc)
        return rc;
    if (fupin__flat_parse(&s->flat, s->json, strlen(s->json)))
        return fupin__error(FUPIN_EINVAL, "internal: a result line could not be read back");
    return 0;
}

static int diff_one_village(fupin_diff *d, struct diff_ctx *c, const fupin_village *v)
{
    char id[200], plain[200];
    int rc;
    size_t n = fupin_village_household_count(v);
    for (size_t i = 0; i < n; i++) {
        const fupin_household *h = fupin_village_household(v, i);
        if ((rc = fupin_evaluator_household(c->ea, h, c->ra)) ||
            (rc = fupin_evaluator_household(c->eb, h, c->rb)))
            return rc;
        if ((rc = write_and_flatten(
                 c->a, fupin_result_to_json(c->ra, c->a->json, sizeof c->a->json, NULL))) ||
            (rc = write_and_flatten(
                 c->b, fupin_result_to_json(c->rb, c->b->json, sizeof c->b->json, NULL))))
            return rc;
        leaf_raw_string(&c->a->flat, "household", id, sizeof id);
        cell_text(fupin__flat_find(&c->a->flat, "household"), plain, sizeof plain);
        if ((rc = compare(d, c->a, c->b, "household", id, plain, 0, &d->households_changed)))
            return rc;
    }
    if ((rc = fupin_evaluator_village(c->ea, v, c->va)) ||
        (rc = fupin_evaluator_village(c->eb, v, c->vb)))
        return rc;
    if ((rc = write_and_flatten(
             c->a, fupin_village_result_to_json(c->va, v, c->a->json, sizeof c->a->json, NULL))) ||
        (rc = write_and_flatten(
             c->b, fupin_village_result_to_json(c->vb, v, c->b->json, sizeof c->b->json, NULL))))
        return rc;
    leaf_raw_string(&c->a->flat, "village.code", id, sizeof id);
    cell_text(fupin__flat_find(&c->a->flat, "village.code"), plain, sizeof plain);
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
    fupin_village_result_free(c->va);
    fupin_village_result_free(c->vb);
    fupin__free(c->a);
    fupin__free(c->b);
}

static int run(fupin_diff **out, const fupin_policy *base, const fupin_policy *policy,
               const fupin_dataset *dataset, const fupin_village *village, int32_t year)
{
    struct diff_ctx c = {0};
    int rc;
    if (out)
        *out = NULL;
    if (!out || !base || !policy || (!dataset && !village))
        return fupin__error(FUPIN_EINVAL, "fupin_diff: NULL argument");
    fupin_diff *d = fupin__calloc(1, sizeof *d);
    if (!d)
        return fupin__oom();
    if ((rc = fupin_evaluator_create(&c.ea, base, year)) ||
        (rc = fupin_evaluator_create(&c.eb, policy, year)) || (rc = fupin_result_create(&c.ra)) ||
        (rc = fupin_result_create(&c.rb)) || (rc = fupin_village_result_create(&c.va)) ||
        (rc = fupin_village_result_create(&c.vb)))
        goto fail;
    c.a = fupin__malloc(sizeof *c.a);
    c.b = fupin__malloc(sizeof *c.b);
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
    return run(out, base, policy, dataset, NULL, year);
}

int fupin_diff_village(fupin_diff **out, const fupin_policy *base, const fupin_policy *policy,
                       const fupin_village *village, int32_t year)
{
    return run(out, base, policy, NULL, village, year);
}

size_t fupin_diff_households_changed(const fupin_diff *d)
{
    return d ? d->households_changed : 0;
}

size_t fupin_diff_villages_changed(const fupin_diff *d)
{
    return d ? d->villages_changed : 0;
}

size_t fupin_diff_line_count(const fupin_diff *d)
{
    return d ? d->n_lines : 0;
}

const char *fupin_diff_line(const fupin_diff *d, size_t i)
{
    return d && i < d->n_lines ? d->lines[i] : NULL;
}

size_t fupin_diff_transition_count(const fupin_diff *d)
{
    return d ? d->n_tr : 0;
}

const char *fupin_diff_transition(const fupin_diff *d, size_t i, uint64_t *count)
{
    if (!d || i >= d->n_tr)
        return NULL;
    if (count)
        *count = d->tr[i].count;
    return d->tr[i].text;
}

int fupin_diff_transition_parts(const fupin_diff *d, size_t i, const char **field,
                                const char **before, const char **after, uint64_t *count)
{
    if (!d || i >= d->n_tr)
        return fupin__error(FUPIN_EINVAL, "fupin_diff_transition_parts: no transition %zu", i);
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
    return d ? d->n_ch : 0;
}

int fupin_diff_change(const fupin_diff *d, size_t i, const char **record, const char **id,
                      const char **field, const char **before, const char **after)
{
    if (!d || i >= d->n_ch)
        return fupin__error(FUPIN_EINVAL, "fupin_diff_change: no change %zu", i);
    const char *p = d->ch[i].mem;
    const char **out[5] = {record, id, field, before, after};
    for (int k = 0; k < 5; k++) {
        if (out[k])
            *out[k] = p;
        p += strlen(p) + 1;
    }
    return 0;
}
