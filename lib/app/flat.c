/* A minimal reader for the JSON we write ourselves (docs/reference/output.md): objects,
 * arrays of scalars, strings, numbers, true, false, null. Anything else is refused. */
#include <string.h>

#include "flat.h"

struct cursor {
    const char *s;
    size_t i, n;
};

static void skip_ws(struct cursor *c)
{
    while (c->i < c->n &&
           (c->s[c->i] == ' ' || c->s[c->i] == '\t' || c->s[c->i] == '\n' || c->s[c->i] == '\r'))
        c->i++;
}

/* Skip a string starting at the opening quote; 0 or -1. */
static int skip_string(struct cursor *c)
{
    if (c->i >= c->n || c->s[c->i] != '"')
        return -1;
    for (c->i++; c->i < c->n; c->i++) {
        if (c->s[c->i] == '\\')
            c->i++;
        else if (c->s[c->i] == '"') {
            c->i++;
            return 0;
        }
    }
    return -1;
}

static int skip_scalar(struct cursor *c)
{
    if (c->i < c->n && c->s[c->i] == '"')
        return skip_string(c);
    size_t start = c->i;
    while (c->i < c->n && c->s[c->i] != ',' && c->s[c->i] != '}' && c->s[c->i] != ']' &&
           c->s[c->i] != ' ' && c->s[c->i] != '\n')
        c->i++;
    return c->i > start ? 0 : -1;
}

static int skip_array(struct cursor *c)
{
    c->i++; /* [ */
    skip_ws(c);
    if (c->i < c->n && c->s[c->i] == ']') {
        c->i++;
        return 0;
    }
    for (;;) {
        skip_ws(c);
        if (skip_scalar(c))
            return -1;
        skip_ws(c);
        if (c->i >= c->n)
            return -1;
        if (c->s[c->i] == ']') {
            c->i++;
            return 0;
        }
        if (c->s[c->i] != ',')
            return -1;
        c->i++;
    }
}

static int add_path(struct fupin__flat *f, const char *prefix, size_t plen, const char *key,
                    size_t klen, const char **out)
{
    size_t need = plen + (plen ? 1 : 0) + klen + 1;
    if (f->paths_len + need > sizeof f->paths)
        return -1;
    char *p = f->paths + f->paths_len;
    memcpy(p, prefix, plen);
    size_t o = plen;
    if (plen)
        p[o++] = '.';
    memcpy(p + o, key, klen);
    p[o + klen] = '\0';
    f->paths_len += need;
    *out = p;
    return 0;
}

static int parse_object(struct fupin__flat *f, struct cursor *c, const char *prefix, size_t plen,
                        int depth)
{
    if (depth > 4 || c->i >= c->n || c->s[c->i] != '{')
        return -1;
    c->i++;
    skip_ws(c);
    if (c->i < c->n && c->s[c->i] == '}') {
        c->i++;
        return 0;
    }
    for (;;) {
        skip_ws(c);
        size_t kstart = c->i + 1;
        if (skip_string(c))
            return -1;
        size_t klen = c->i - 1 - kstart;
        const char *path;
        if (add_path(f, prefix, plen, c->s + kstart, klen, &path))
            return -1;
        skip_ws(c);
        if (c->i >= c->n || c->s[c->i] != ':')
            return -1;
        c->i++;
        skip_ws(c);
        if (c->i < c->n && c->s[c->i] == '{') {
            if (parse_object(f, c, path, strlen(path), depth + 1))
                return -1;
        } else {
            size_t vstart = c->i;
            int rc = c->i < c->n && c->s[c->i] == '[' ? skip_array(c) : skip_scalar(c);
            if (rc || f->n >= FUPIN__FLAT_MAX)
                return -1;
            f->leaf[f->n].path = path;
            f->leaf[f->n].value = c->s + vstart;
            f->leaf[f->n].value_len = c->i - vstart;
            f->n++;
        }
        skip_ws(c);
        if (c->i >= c->n)
            return -1;
        if (c->s[c->i] == '}') {
            c->i++;
            return 0;
        }
        if (c->s[c->i] != ',')
            return -1;
        c->i++;
    }
}

int fupin__flat_parse(struct fupin__flat *flat, const char *json, size_t len)
{
    struct cursor c = {json, 0, len};
    flat->n = 0;
    flat->paths_len = 0;
    skip_ws(&c);
    if (parse_object(flat, &c, "", 0, 0))
        return -1;
    skip_ws(&c);
    return c.i == c.n ? 0 : -1;
}

const struct fupin__flat_leaf *fupin__flat_find(const struct fupin__flat *flat, const char *path)
{
    for (size_t i = 0; i < flat->n; i++)
        if (strcmp(flat->leaf[i].path, path) == 0)
            return &flat->leaf[i];
    return NULL;
}

size_t fupin__flat_text(const struct fupin__flat_leaf *leaf, char *out, size_t cap)
{
    size_t o = 0;
    if (!cap)
        return 0;
    for (size_t i = 0; i < leaf->value_len && o + 1 < cap; i++) {
        char ch = leaf->value[i];
        if (ch == '[' || ch == ']' || ch == '"')
            continue;
        if (ch == ',' && leaf->value[0] == '[') {
            out[o++] = ' ';
            continue;
        }
        if (ch == '\\' && i + 1 < leaf->value_len)
            ch = leaf->value[++i];
        out[o++] = ch;
    }
    out[o] = '\0';
    return o;
}

int fupin__flat_equal(const struct fupin__flat_leaf *a, const struct fupin__flat_leaf *b)
{
    return a->value_len == b->value_len && memcmp(a->value, b->value, a->value_len) == 0;
}
