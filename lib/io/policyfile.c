/* Policy files (docs/policy.md, docs/reference/rules.md section 7): a file is checked line by
 * line into a small entry table, then its parent is loaded and the entries are applied
 * on top of it, undated ones first. The text is untrusted: every token is checked
 * against a strict grammar before it is converted, and nothing is ever read past the
 * given length (the text need not be NUL-terminated). */
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../model/model.h"

/* A policy file is a few hundred bytes; refuse anything absurd before reading it all. */
#define POLICY_MAX_BYTES ((size_t)16 << 20)
/* extends chains are a few files deep; the limit only stops runaway recursion. */
#define POLICY_MAX_DEPTH 32
#define YEAR_MIN         FUPIN_YEAR_MIN
#define YEAR_MAX         FUPIN_YEAR_MAX
/* Slots per name+variant in the duplicate bitmap: undated, then 1949..2100. */
#define YEAR_SLOTS (YEAR_MAX - YEAR_MIN + 2)

struct pf_entry {
    int32_t year;
    int16_t param;
    int8_t variant;
    double value;
    struct fupin__dec dec; /* the value exactly as written */
    size_t line;
};

struct pf_parsed {
    struct pf_entry *e;
    size_t n, cap;
    const char *name; /* points into the text */
    size_t name_len, name_line;
    const char *extends;
    size_t extends_len, extends_line;
};

/* The files being loaded, innermost first, to find cycles in extends. */
struct pf_frame {
    const struct pf_frame *up;
    int has_id;
    dev_t dev;
    ino_t ino;
    int depth;
};

static int is_space(char c)
{
    return c == ' ' || c == '\t';
}

static void trim(const char **s, size_t *n)
{
    while (*n && is_space((*s)[0])) {
        (*s)++;
        (*n)--;
    }
    while (*n && is_space((*s)[*n - 1]))
        (*n)--;
}

/* FILE:LINE: what (got "TEXT") */
static int line_error(int code, const char *file, size_t line, const char *what, const char *got,
                      size_t got_len)
{
    char q[256];
    fupin__quote_value(q, sizeof q, got, got_len);
    return fupin__error(code, "%s:%zu: %s (got \"%s\")", file, line, what, q);
}

/* name values end up in results and messages: printable UTF-8 only. */
static int valid_text(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        size_t k;
        uint32_t cp;
        if (c < 0x80) {
            if (c < 0x20 || c == 0x7f)
                return 0;
            i++;
            continue;
        }
        if (c >= 0xc2 && c <= 0xdf) {
            k = 1;
            cp = c & 0x1f;
        } else if (c >= 0xe0 && c <= 0xef) {
            k = 2;
            cp = c & 0x0f;
        } else if (c >= 0xf0 && c <= 0xf4) {
            k = 3;
            cp = c & 0x07;
        } else {
            return 0;
        }
        if (n - i <= k)
            return 0;
        for (size_t j = 1; j <= k; j++) {
            unsigned char d = (unsigned char)s[i + j];
            if ((d & 0xc0) != 0x80)
                return 0;
            cp = (cp << 6) | (d & 0x3f);
        }
        if ((k == 2 && cp < 0x800) || (k == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
            (cp >= 0xd800 && cp <= 0xdfff))
            return 0;
        i += k + 1;
    }
    return 1;
}

static size_t key_slot(int param, int variant, int32_t year)
{
    size_t y = year ? (size_t)(year - YEAR_MIN + 1) : 0;
    return ((size_t)param * FUPIN__V_COUNT + (size_t)variant) * YEAR_SLOTS + y;
}

static int add_entry(struct pf_parsed *pp, const struct pf_entry *e)
{
    if (pp->n == pp->cap) {
        size_t cap = pp->cap ? pp->cap * 2 : 16;
        struct pf_entry *ne = fupin__reallocarray(pp->e, cap, sizeof *ne);
        if (!ne)
            return fupin__oom();
        pp->e = ne;
        pp->cap = cap;
    }
    pp->e[pp->n++] = *e;
    return 0;
}

/* One non-blank line, comment removed and trimmed. */
static int parse_line(struct pf_parsed *pp, const char *file, size_t line, const char *s, size_t n,
                      unsigned char *seen)
{
    const char *eq = memchr(s, '=', n);
    if (!eq) {
        /* A file that is not a policy (a list of identity numbers, /etc/shadow) must not
         * be shown by the error that refuses it: only a first word that is a parameter
         * name is quoted (`poverty_line 4000` lacks its '='). */
        size_t w = 0;
        while (w < n && ((s[w] >= 'a' && s[w] <= 'z') || s[w] == '_'))
            w++;
        int known = (w == 4 && memcmp(s, "name", 4) == 0) ||
                    (w == 7 && memcmp(s, "extends", 7) == 0) || fupin__param_from_name(s, w) >= 0;
        if (known)
            return fupin__error(FUPIN_EPARSE, "%s:%zu: expected NAME = VALUE after \"%.*s\"", file,
                                line, (int)w, s);
        return fupin__error(FUPIN_EPARSE,
                            "%s:%zu: not a policy line: expected NAME = VALUE (a policy file "
                            "holds only such lines and comments)",
                            file, line);
    }
    const char *key = s, *val = eq + 1;
    size_t key_len = (size_t)(eq - s), val_len = n - key_len - 1;
    trim(&key, &key_len);
    trim(&val, &val_len);

    /* Split NAME[:VARIANT][@YEAR]; blanks around ':' and '@' are allowed like around '='. */
    const char *name = key, *var = NULL, *yr = NULL;
    size_t name_len = key_len, var_len = 0, yr_len = 0;
    const char *at = memchr(key, '@', key_len);
    if (at) {
        yr = at + 1;
        yr_len = key_len - (size_t)(at - key) - 1;
        name_len = (size_t)(at - key);
        trim(&yr, &yr_len);
    }
    const char *colon = memchr(name, ':', name_len);
    if (colon) {
        var = colon + 1;
        var_len = name_len - (size_t)(colon - name) - 1;
        name_len = (size_t)(colon - name);
        trim(&var, &var_len);
    }
    trim(&name, &name_len);

    int is_name = name_len == 4 && memcmp(name, "name", 4) == 0;
    int is_extends = name_len == 7 && memcmp(name, "extends", 7) == 0;
    if (is_name || is_extends) {
        if (colon || at)
            return line_error(FUPIN_EPARSE, file, line,
                              is_name ? "name takes no variant or year"
                                      : "extends takes no variant or year",
                              key, key_len);
        size_t *first = is_name ? &pp->name_line : &pp->extends_line;
        if (*first) {
            char what[96];
            snprintf(what, sizeof what, "duplicate %s, first given on line %zu",
                     is_name ? "name" : "extends", *first);
            return line_error(FUPIN_EPARSE, file, line, what, key, key_len);
        }
        if (!val_len)
            return line_error(FUPIN_EPARSE, file, line,
                              is_name ? "name is empty" : "extends needs a policy name or path",
                              val, val_len);
        if (!valid_text(val, val_len))
            return line_error(FUPIN_EPARSE, file, line,
                              is_name ? "name is not printable UTF-8"
                                      : "extends is not a printable UTF-8 path",
                              val, val_len);
        *first = line;
        if (is_name) {
            pp->name = val;
            pp->name_len = val_len;
        } else {
            pp->extends = val;
            pp->extends_len = val_len;
        }
        return 0;
    }

    struct pf_entry e = {0};
    int param = fupin__param_from_name(name, name_len);
    if (param < 0) {
        const char *near = fupin__param_closest(name, name_len);
        char what[128];
        snprintf(what, sizeof what, "unknown parameter%s%s%s", near ? ", did you mean " : "",
                 near ? near : "", near ? "?" : "");
        return line_error(FUPIN_EPARSE, file, line, what, name, name_len);
    }
    int variant = FUPIN__V_NONE;
    if (colon) {
        variant = fupin__variant_from_name(var, var_len);
        if (variant < 0) {
            const char *near = fupin__variant_closest(var, var_len);
            char what[128];
            snprintf(what, sizeof what, "unknown variant (scarce, east, central or west)%s%s%s",
                     near ? ", did you mean " : "", near ? near : "", near ? "?" : "");
            return line_error(FUPIN_EPARSE, file, line, what, var, var_len);
        }
    }
    if (at) {
        const char *bad = fupin__parse_year(yr, yr_len, YEAR_MIN, YEAR_MAX, &e.year);
        if (bad) {
            char what[96];
            snprintf(what, sizeof what, "%s (years %d..%d)", bad, YEAR_MIN, YEAR_MAX);
            return line_error(FUPIN_EPARSE, file, line, what, yr, yr_len);
        }
    }
    const char *bad = fupin__parse_number(val, val_len, &e.value);
    int code = FUPIN_EPARSE;
    if (!bad && isfinite(e.value)) {
        /* Ratios and money are used exactly as written (fupin__dec); other numbers
         * only as doubles, so their exact form is not needed. */
        int type = fupin__params_info[param].type;
        bad = fupin__dec_parse(val, val_len, &e.dec);
        if (bad && type != FUPIN__TYPE_RATIO && type != FUPIN__TYPE_MONEY) {
            bad = NULL;
            e.dec.m = 0;
            e.dec.k = 0;
        }
    }
    if (!bad)
        bad = fupin__param_check_value(param, e.value, &e.dec, &code);
    if (bad) {
        char what[128];
        snprintf(what, sizeof what, "%s: %s", fupin__params_info[param].name, bad);
        return line_error(FUPIN_EPARSE, file, line, what, val, val_len);
    }
    size_t slot = key_slot(param, variant, e.year);
    if (seen[slot / 8] & (1u << (slot % 8))) {
        size_t first = 0;
        for (size_t i = 0; i < pp->n; i++)
            if (pp->e[i].param == param && pp->e[i].variant == variant && pp->e[i].year == e.year) {
                first = pp->e[i].line;
                break;
            }
        char what[64];
        snprintf(what, sizeof what, "duplicate key, first given on line %zu", first);
        return line_error(FUPIN_EPARSE, file, line, what, key, key_len);
    }
    seen[slot / 8] |= (unsigned char)(1u << (slot % 8));
    e.param = (int16_t)param;
    e.variant = (int8_t)variant;
    e.line = line;
    return add_entry(pp, &e);
}

static int parse_text(struct pf_parsed *pp, const char *text, size_t len, const char *file)
{
    unsigned char seen[(FUPIN__P_COUNT * FUPIN__V_COUNT * YEAR_SLOTS + 7) / 8];
    memset(seen, 0, sizeof seen);
    size_t pos = 0, line = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;
    while (pos < len) {
        /* LF, CRLF and a lone CR each end a line (issue 10 item 1) */
        const char *s = text + pos;
        size_t n = 0;
        while (pos + n < len && s[n] != '\n' && s[n] != '\r')
            n++;
        pos += n;
        if (pos < len)
            pos += text[pos] == '\r' && pos + 1 < len && text[pos + 1] == '\n' ? 2 : 1;
        line++;
        const char *hash = memchr(s, '#', n);
        if (hash)
            n = (size_t)(hash - s);
        trim(&s, &n);
        if (!n)
            continue;
        int rc = parse_line(pp, file, line, s, n, seen);
        if (rc)
            return rc;
    }
    return 0;
}

/* Read a whole regular file. On failure returns FUPIN_ENOTFOUND or FUPIN_EIO with *why
 * set (no message yet: the caller knows which line to blame). */
static int read_file(const char *path, char **data, size_t *len, struct stat *st, const char **why)
{
    *data = NULL;
    *len = 0;
    /* O_NONBLOCK: opening a FIFO named by an untrusted extends must not hang. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT || errno == ENOTDIR) {
            *why = "no such file";
            return FUPIN_ENOTFOUND;
        }
        *why = errno == EACCES ? "permission denied" : "cannot open";
        return FUPIN_EIO;
    }
    if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode)) {
        close(fd);
        *why = "not a regular file";
        return FUPIN_EIO;
    }
    /* At most POLICY_MAX_BYTES are accepted: one byte more is read only to know that
     * the file is larger (a file that grows while it is read counts as it is read). */
    const size_t limit = POLICY_MAX_BYTES + 1;
    size_t cap = st->st_size > 0 && (uint64_t)st->st_size <= POLICY_MAX_BYTES
                     ? (size_t)st->st_size + 1
                     : 4096;
    char *buf = fupin__malloc(cap);
    if (!buf) {
        close(fd);
        return FUPIN_ENOMEM;
    }
    size_t n = 0;
    for (;;) {
        if (n == cap) {
            if (cap >= limit) {
                fupin__free(buf);
                close(fd);
                *why = "larger than 16 MiB (16777216 bytes), the most a policy file may be";
                return FUPIN_EIO;
            }
            size_t ncap = cap * 2 < limit ? cap * 2 : limit;
            char *nb = fupin__realloc(buf, ncap);
            if (!nb) {
                fupin__free(buf);
                close(fd);
                return FUPIN_ENOMEM;
            }
            buf = nb;
            cap = ncap;
        }
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            fupin__free(buf);
            close(fd);
            *why = "read error";
            return FUPIN_EIO;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    close(fd);
    *data = buf;
    *len = n;
    return 0;
}

/* The folder part of a path ("" when it has none, so that a relative extends is used
 * as written, i.e. relative to the current folder, which is the file's folder). */
static size_t dir_len(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? (size_t)(slash - path) + 1 : 0;
}

/* dir (first dlen bytes, may end in '/') joined with a relative or absolute path. */
static char *join_path(const char *dir, size_t dlen, const char *rel, size_t rlen)
{
    if (rlen && rel[0] == '/')
        dlen = 0;
    int sep = dlen && dir[dlen - 1] != '/';
    char *p = fupin__malloc(dlen + (size_t)sep + rlen + 1);
    if (!p)
        return NULL;
    if (dlen)
        memcpy(p, dir, dlen);
    if (sep)
        p[dlen] = '/';
    memcpy(p + dlen + (size_t)sep, rel, rlen);
    p[dlen + (size_t)sep + rlen] = '\0';
    return p;
}

static int load_text(fupin_policy **out, const char *text, size_t len, const char *file,
                     const char *dir, size_t dlen, const struct pf_frame *frame, int top);

static int load_parent(fupin_policy **out, const struct pf_parsed *pp, const char *file,
                       const char *dir, size_t dlen, const struct pf_frame *frame)
{
    if (!pp->extends || (pp->extends_len == 8 && memcmp(pp->extends, "national", 8) == 0)) {
        int rc = fupin__policy_national(out);
        return rc;
    }
    if (frame->depth >= POLICY_MAX_DEPTH)
        return line_error(FUPIN_EPARSE, file, pp->extends_line,
                          "extends chain deeper than 32 files", pp->extends, pp->extends_len);
    char *path = join_path(dir, dlen, pp->extends, pp->extends_len);
    if (!path)
        return fupin__oom();
    char *data;
    size_t n;
    struct stat st;
    const char *why = NULL;
    int rc = read_file(path, &data, &n, &st, &why);
    if (rc) {
        if (rc == FUPIN_ENOMEM) {
            fupin__free(path);
            return fupin__oom();
        }
        char what[512];
        char qp[256];
        fupin__quote_value(qp, sizeof qp, path, strlen(path));
        snprintf(what, sizeof what, "parent policy file \"%s\": %s", qp, why);
        fupin__free(path);
        return line_error(rc, file, pp->extends_line, what, pp->extends, pp->extends_len);
    }
    for (const struct pf_frame *f = frame; f; f = f->up)
        if (f->has_id && f->dev == st.st_dev && f->ino == st.st_ino) {
            fupin__free(data);
            fupin__free(path);
            return line_error(FUPIN_EPARSE, file, pp->extends_line,
                              "extends cycle: that file is already being loaded", pp->extends,
                              pp->extends_len);
        }
    struct pf_frame child = {frame, 1, st.st_dev, st.st_ino, frame->depth + 1};
    rc = load_text(out, data, n, path, path, dir_len(path), &child, 0);
    fupin__free(data);
    fupin__free(path);
    return rc;
}

static int apply_entries(fupin_policy *p, const struct pf_parsed *pp, const char *file)
{
    size_t flen = strlen(file);
    char *origin = fupin__malloc(flen + 24);
    if (!origin)
        return fupin__oom();
    memcpy(origin, file, flen);
    /* docs/reference/rules.md 7: undated entries replace the inherited series, so they go first and
     * the file's dated entries layer on top of them whatever the line order. */
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < pp->n; i++) {
            const struct pf_entry *e = &pp->e[i];
            if ((e->year == 0) != (pass == 0))
                continue;
            snprintf(origin + flen, 24, ":%zu", e->line);
            int rc = fupin__policy_set_entry(p, e->param, e->variant, e->year, e->value, &e->dec,
                                             origin);
            if (rc) {
                fupin__free(origin);
                return rc;
            }
        }
    fupin__free(origin);
    return 0;
}

static int set_name(fupin_policy *p, const struct pf_parsed *pp, const char *file)
{
    const char *s = pp->name;
    size_t n = pp->name_len;
    if (!s) {
        s = file + dir_len(file);
        n = strlen(s);
        const char *dot = strrchr(s, '.');
        if (dot && dot != s)
            n = (size_t)(dot - s);
        if (!n) {
            s = file;
            n = strlen(file);
        }
    }
    char *name = fupin__strndup(s, n);
    if (!name)
        return fupin__oom();
    fupin__free(p->name);
    p->name = name;
    return 0;
}

static int load_text(fupin_policy **out, const char *text, size_t len, const char *file,
                     const char *dir, size_t dlen, const struct pf_frame *frame, int top)
{
    struct pf_parsed pp = {0};
    fupin_policy *p = NULL;
    *out = NULL;
    int rc = parse_text(&pp, text, len, file);
    if (!rc)
        rc = load_parent(&p, &pp, file, dir, dlen, frame);
    if (!rc)
        rc = apply_entries(p, &pp, file);
    if (!rc && top)
        rc = set_name(p, &pp, file);
    fupin__free(pp.e);
    if (rc) {
        fupin_policy_free(p);
        return rc;
    }
    *out = p;
    return 0;
}

int fupin_policy_load(fupin_policy **out, const char *path)
{
    if (out)
        *out = NULL;
    if (!out || !path)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    if (strcmp(path, "national") == 0)
        return fupin__policy_national(out);
    char *data;
    size_t n;
    struct stat st;
    const char *why = NULL;
    int rc = read_file(path, &data, &n, &st, &why);
    if (rc == FUPIN_ENOMEM)
        return fupin__oom();
    if (rc) {
        char q[256];
        fupin__quote_value(q, sizeof q, path, strlen(path));
        return fupin__error(rc, "policy file \"%s\": %s", q, why);
    }
    struct pf_frame top = {NULL, 1, st.st_dev, st.st_ino, 0};
    rc = load_text(out, data, n, path, path, dir_len(path), &top, 1);
    fupin__free(data);
    return rc;
}

int fupin_policy_parse(fupin_policy **out, const char *text, size_t len, const char *filename,
                       const char *base_dir)
{
    if (out)
        *out = NULL;
    if (!out || (!text && len) || !filename)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    const char *dir = base_dir ? base_dir : "";
    size_t dlen = strlen(dir);
    /* If the text is a file on disk, know it, so that a parent extending it back is a
     * cycle rather than a second copy. */
    struct pf_frame top = {NULL, 0, 0, 0, 0};
    char *self = join_path(dir, dlen, filename, strlen(filename));
    if (!self)
        return fupin__oom();
    struct stat st;
    if (stat(self, &st) == 0 && S_ISREG(st.st_mode)) {
        top.has_id = 1;
        top.dev = st.st_dev;
        top.ino = st.st_ino;
    }
    fupin__free(self);
    return load_text(out, text ? text : "", len, filename, dir, dlen, &top, 1);
}
