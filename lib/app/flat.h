/* Internal: a result line (our own JSON output) flattened into dotted paths and value
 * texts, the common ground of `check` (expectations) and `diff` (policy changes).
 * Lists are leaves. No allocation: paths live in a fixed buffer inside the struct. */
#ifndef FUPIN_FLAT_H
#define FUPIN_FLAT_H

#include <stddef.h>

#define FUPIN__FLAT_MAX 96

struct fupin__flat_leaf {
    const char *path;  /* "guarantee.status", "village.alerts.none", ... (NUL-terminated) */
    const char *value; /* the raw JSON value text (not NUL-terminated) */
    size_t value_len;
};

struct fupin__flat {
    size_t n;
    struct fupin__flat_leaf leaf[FUPIN__FLAT_MAX];
    char paths[4096];
    size_t paths_len;
};

/* Flatten one JSON object. json must stay alive while flat is used. 0 or -1 (not JSON
 * of the shape we write, or too many leaves). */
int fupin__flat_parse(struct fupin__flat *flat, const char *json, size_t len);
/* The leaf with a path, or NULL. */
const struct fupin__flat_leaf *fupin__flat_find(const struct fupin__flat *flat, const char *path);
/* A leaf's value as users write it in expectations and transitions: strings unquoted,
 * lists space-separated without quotes, null as "null". Returns the length written
 * (truncated to cap-1). */
size_t fupin__flat_text(const struct fupin__flat_leaf *leaf, char *out, size_t cap);
/* Whether two leaves hold the same value (byte-equal JSON text). */
int fupin__flat_equal(const struct fupin__flat_leaf *a, const struct fupin__flat_leaf *b);

#endif
