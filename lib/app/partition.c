/* Partitions: walking a root's datasets in parallel with bounded memory, grouping over
 * a root by merging the partitions' group results (R-V4, R-V5), and reading the
 * serialised form of a group result (finished by the rules, hence here in app). */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../io/io.h"
#include "../rules/rules.h"
#include "fupin/rollup.h"

int fupin_summary_parse(fupin_summary *result, const char *text, size_t len)
{
    if (!result || (!text && len))
        return fupin__error(FUPIN_EINVAL, "fupin_summary_parse: NULL argument");
    struct fupin_summary *tmp = fupin__malloc(sizeof *tmp);
    if (!tmp)
        return fupin__oom();
    int rc = fupin__group_parse(text ? text : "", len, tmp);
    if (!rc) {
        fupin__group_finish(tmp);
        fupin__group_copy(result, tmp);
    }
    fupin__free(tmp);
    return rc;
}

/* ------------------------------------------------------------ the ordered walk */

/* The village codes seen so far, to refuse a village in two partitions (it would be
 * counted twice). Open addressing on the 12-digit code as a number; touched only by
 * the thread whose turn it is. */
struct seen {
    uint64_t *code; /* code + 1; 0 = empty slot */
    uint32_t *partition;
    size_t n, cap;
};

static uint64_t code_number(const char *code)
{
    uint64_t x = 0;
    for (size_t i = 0; code[i]; i++)
        x = x * 10 + (uint64_t)(code[i] - '0');
    return x + 1;
}

static size_t slot_of(const struct seen *s, uint64_t key)
{
    size_t i = (size_t)((key * 0x9e3779b97f4a7c15ULL) >> 20) & (s->cap - 1);
    while (s->code[i] && s->code[i] != key)
        i = (i + 1) & (s->cap - 1);
    return i;
}

static int seen_grow(struct seen *s)
{
    struct seen t = {NULL, NULL, s->n, s->cap ? s->cap * 2 : 1024};
    t.code = fupin__calloc(t.cap, sizeof *t.code);
    t.partition = fupin__calloc(t.cap, sizeof *t.partition);
    if (!t.code || !t.partition) {
        fupin__free(t.code);
        fupin__free(t.partition);
        return fupin__oom();
    }
    for (size_t i = 0; i < s->cap; i++)
        if (s->code[i]) {
            size_t j = slot_of(&t, s->code[i]);
            t.code[j] = s->code[i];
            t.partition[j] = s->partition[i];
        }
    fupin__free(s->code);
    fupin__free(s->partition);
    *s = t;
    return 0;
}

/* Record partition i's villages; a code already seen in another partition is an error
 * (FUPIN_EEXIST) in strict and lenient loads alike: no record could be skipped in its
 * place, since the other partition is already reported. */
static int seen_add(struct seen *s, const struct fupin_root *root, size_t i,
                    const struct fupin_dataset *ds)
{
    for (size_t v = 0; v < ds->n_villages; v++) {
        if ((s->n + 1) * 2 > s->cap && seen_grow(s))
            return FUPIN_ENOMEM;
        uint64_t key = code_number(ds->villages[v].code);
        size_t j = slot_of(s, key);
        if (s->code[j])
            return fupin__error(FUPIN_EEXIST,
                                "%s: villages.csv: village %s is also in partition %s (a village "
                                "belongs to one partition)",
                                fupin_root_partition_path(root, i), ds->villages[v].code,
                                fupin_root_partition_path(root, s->partition[j]));
        s->code[j] = key;
        s->partition[j] = (uint32_t)i;
        s->n++;
    }
    return 0;
}

struct walk {
    struct seen seen;
    const struct fupin_root *root;
    uint32_t flags;
    const fupin_load_options *options; /* NULL: flags */
    fupin_root_visit_fn visit;
    void *user;
    pthread_mutex_t lock;
    pthread_cond_t turn_changed;
    size_t next_load, turn; /* the next partition to load; the one to visit now */
    int stop, rc;
    char message[1024]; /* the failure's detail, carried to the caller's thread */
};

static void walk_fail(struct walk *w, int rc, const char *path)
{
    /* the error detail is per thread: keep it for the caller */
    if (path)
        snprintf(w->message, sizeof w->message, "%s: %s", path, fupin_last_error());
    else
        snprintf(w->message, sizeof w->message, "%s", fupin_last_error());
    w->rc = rc;
    w->stop = 1;
}

/* Partitions are taken in index order, so the one whose turn it is was taken by a
 * thread that never waits: the walk cannot deadlock. */
static void *walk_worker(void *arg)
{
    struct walk *w = arg;
    size_t n = fupin_root_partition_count(w->root);
    for (;;) {
        pthread_mutex_lock(&w->lock);
        if (w->stop || w->next_load >= n) {
            pthread_mutex_unlock(&w->lock);
            return NULL;
        }
        size_t i = w->next_load++;
        pthread_mutex_unlock(&w->lock);

        const char *path = fupin_root_partition_path(w->root, i);
        fupin_dataset *ds = NULL;
        int rc = w->options ? fupin_dataset_load_with_options(&ds, path, w->options)
                            : fupin_dataset_load(&ds, path, w->flags);
        char message[1024];
        if (rc)
            snprintf(message, sizeof message, "%s: %s", path, fupin_last_error());

        pthread_mutex_lock(&w->lock);
        while (w->turn != i && !w->stop)
            pthread_cond_wait(&w->turn_changed, &w->lock);
        int stop = w->stop;
        pthread_mutex_unlock(&w->lock);
        if (stop) {
            fupin_dataset_free(ds);
            return NULL;
        }
        int visited_rc = 0;
        if (!rc) {
            rc = seen_add(&w->seen, w->root, i, ds);
            if (rc)
                snprintf(message, sizeof message, "%s", fupin_last_error());
        }
        if (!rc)
            visited_rc = w->visit(w->user, i, ds);
        fupin_dataset_free(ds);

        pthread_mutex_lock(&w->lock);
        if (rc) {
            memcpy(w->message, message, sizeof message);
            w->rc = rc;
            w->stop = 1;
        } else if (visited_rc) {
            walk_fail(w, visited_rc, NULL);
        }
        w->turn++;
        pthread_cond_broadcast(&w->turn_changed);
        pthread_mutex_unlock(&w->lock);
    }
}

static int32_t threads_for(int32_t threads, size_t partitions)
{
    if (threads <= 0) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        threads = cpus > 0 && cpus < 256 ? (int32_t)cpus : 1;
    }
    if ((size_t)threads > partitions)
        threads = (int32_t)partitions;
    return threads < 1 ? 1 : threads;
}

static int root_walk(const fupin_root *root, uint32_t flags, const fupin_load_options *options,
                     int32_t threads, fupin_root_visit_fn visit, void *user)
{
    struct walk w;
    memset(&w, 0, sizeof w);
    w.root = root;
    w.flags = flags;
    w.options = options;
    w.visit = visit;
    w.user = user;
    if (pthread_mutex_init(&w.lock, NULL))
        return fupin__oom();
    if (pthread_cond_init(&w.turn_changed, NULL)) {
        pthread_mutex_destroy(&w.lock);
        return fupin__oom();
    }
    int32_t n = threads_for(threads, fupin_root_partition_count(root));
    pthread_t tid[256];
    int32_t started = 0;
    /* the calling thread is one of the workers */
    while (started < n - 1 && pthread_create(&tid[started], NULL, walk_worker, &w) == 0)
        started++;
    walk_worker(&w);
    for (int32_t i = 0; i < started; i++)
        pthread_join(tid[i], NULL);
    pthread_cond_destroy(&w.turn_changed);
    pthread_mutex_destroy(&w.lock);
    fupin__free(w.seen.code);
    fupin__free(w.seen.partition);
    if (w.rc)
        return fupin__error(w.rc, "%s", w.message);
    return 0;
}

int fupin_root_each(const fupin_root *root, uint32_t flags, int32_t threads,
                    fupin_root_visit_fn visit, void *user)
{
    if (!root || !visit)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    return root_walk(root, flags, NULL, threads, visit, user);
}

int fupin_root_each_with_options(const fupin_root *root, const fupin_load_options *options,
                                 int32_t threads, fupin_root_visit_fn visit, void *user)
{
    if (!root || !options || !visit)
        return fupin__error(FUPIN_EINVAL, "%s: NULL argument", __func__);
    return root_walk(root, 0, options, threads, visit, user);
}

/* ------------------------------------------------------------ groups over a root */

struct root_group {
    const struct fupin_evaluator *e;
    const char *prefix;
    struct fupin_summary *part, *sum;
};

static int group_partition(void *user, size_t partition, const fupin_dataset *ds)
{
    (void)partition;
    struct root_group *g = user;
    int rc = fupin_evaluator_evaluate_group(g->e, ds, g->prefix, g->part);
    return rc ? rc : fupin_summary_merge(g->sum, g->part);
}

int fupin_root_group(const fupin_root *root, const fupin_evaluator *e, const char *prefix,
                     uint32_t flags, int32_t threads, fupin_summary *result)
{
    if (!root || !e || !prefix || !result)
        return fupin__error(FUPIN_EINVAL, "fupin_root_group: NULL argument");
    struct root_group g = {e, prefix, NULL, NULL};
    int rc = fupin_summary_create(&g.part);
    if (!rc)
        rc = fupin_summary_create(&g.sum);
    /* an empty group first: a root where no village matches still has its result, and a
     * bad prefix fails before anything is loaded */
    if (!rc)
        rc = fupin_evaluator_evaluate_group_villages(e, NULL, 0, prefix, g.sum);
    if (!rc)
        rc = fupin_root_each(root, flags, threads, group_partition, &g);
    if (!rc)
        fupin__group_copy(result, g.sum);
    fupin_summary_free(g.part);
    fupin_summary_free(g.sum);
    return rc;
}
