/* fupin_dataset_report: the report's lines (formats.md section 5), evaluated and
 * formatted in parallel blocks of villages and delivered in file order. A household's
 * evaluation touches only its own records, the policy and the year (architecture), so
 * the blocks need no locks; only the hand-over of finished blocks is ordered. A block
 * finished before its turn is parked, and its thread goes on formatting. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../rules/rules.h"
#include "fupin/rollup.h"

/* A block holds whole villages and about this many households (a few MB of JSON). */
#define BLOCK_HOUSEHOLDS 4096
/* Finished blocks that may wait for their turn at once (each a few MB). */
#define PARKED_MAX 4

struct out {
    char *p;
    size_t n, cap;
};

static int out_reserve(struct out *o, size_t more)
{
    if (o->n + more <= o->cap)
        return 0;
    size_t cap = o->cap ? o->cap : (size_t)1 << 22;
    while (cap < o->n + more)
        cap *= 2;
    char *p = fupin__realloc(o->p, cap);
    if (!p)
        return fupin__oom();
    o->p = p;
    o->cap = cap;
    return 0;
}

typedef int (*record_fn)(const void *obj, const void *extra, char *buf, size_t cap, size_t *needed);

static int household_json(const void *obj, const void *extra, char *buf, size_t cap, size_t *needed)
{
    (void)extra;
    return fupin_result_to_json(obj, buf, cap, needed);
}

static int household_csv(const void *obj, const void *extra, char *buf, size_t cap, size_t *needed)
{
    (void)extra;
    return fupin_result_to_csv(obj, buf, cap, needed);
}

static int village_json(const void *obj, const void *extra, char *buf, size_t cap, size_t *needed)
{
    (void)extra; /* the summary owns its name */
    return fupin_summary_to_json(obj, buf, cap, needed);
}

/* Room kept free before each record: more than the longest household line (about
 * 12 KB before any low-confidence labels, lib/io/json.c LINE_MOST), so that the writer
 * formats every ordinary line in place rather than through its scratch buffer. */
#define RECORD_ROOM 16384

/* Format one record straight into the block buffer, then its newline. */
static int emit(struct out *o, record_fn fn, const void *obj, const void *extra)
{
    size_t needed = 0;
    if (out_reserve(o, RECORD_ROOM))
        return FUPIN_ENOMEM;
    int rc = fn(obj, extra, o->p + o->n, o->cap - o->n, &needed);
    if (rc == FUPIN_ENOSPC) {
        if (out_reserve(o, needed + 1))
            return FUPIN_ENOMEM;
        rc = fn(obj, extra, o->p + o->n, o->cap - o->n, &needed);
    }
    if (rc)
        return rc;
    o->p[o->n + needed] = '\n';
    o->n += needed + 1;
    return 0;
}

struct job {
    const struct fupin_dataset *ds;
    const struct fupin_evaluator *e;
    uint32_t flags;
    fupin_report_write_fn write;
    void *user;
    size_t *starts, blocks; /* block b: villages starts[b] .. starts[b + 1] */
    pthread_mutex_t lock;
    pthread_cond_t turn_changed;
    size_t next, turn;
    int stop, rc;
    char message[1024];
    /* Blocks formatted before their turn, parked so that their thread goes on to the
     * next block instead of waiting (the writes are in file order, one at a time, and
     * took as long as the formatting: threads spent 40 % of the report waiting). The
     * thread that writes a block writes the parked ones that follow it. */
    struct out parked[PARKED_MAX];
    size_t parked_block[PARKED_MAX];
    int parked_used[PARKED_MAX];
    pthread_t caller;
    long adopt; /* allocations the other threads left live (alloc.c), for the caller */
};

/* One block's lines into o. Each household is evaluated once, for its line and for its
 * village's summary. On failure the message names the household or village. */
static int format_block(struct job *j, size_t b, struct out *o, fupin_result *r, fupin_summary *vr,
                        char *message, size_t cap)
{
    int csv = (j->flags & FUPIN_REPORT_CSV) != 0;
    int rc;
    struct fupin__village_run run;
    o->n = 0;
    for (size_t v = j->starts[b]; v < j->starts[b + 1]; v++) {
        const fupin_village *village = &j->ds->villages[v];
        size_t nh = village->n_households;
        if (!csv && (rc = fupin__village_begin(j->e, village, vr, &run))) {
            snprintf(message, cap, "%s: %s", village->code, fupin_last_error());
            return rc;
        }
        for (size_t i = 0; i < nh; i++) {
            const fupin_household *h = &village->households[i];
            if ((rc = fupin_evaluator_evaluate_household(j->e, h, r))) {
                snprintf(message, cap, "%s: %s", h->id, fupin_last_error());
                return rc;
            }
            if (!csv)
                fupin__village_add(&run, i, r);
            /* alerts only: watch or above; a null alert (no threshold) is not one */
            if ((j->flags & FUPIN_REPORT_ALERTS_ONLY) && r->alert_level < FUPIN_ALERT_WATCH)
                continue;
            if ((rc = emit(o, csv ? household_csv : household_json, r, NULL))) {
                snprintf(message, cap, "writing a result: %s", fupin_last_error());
                return rc;
            }
        }
        if (!csv) {
            fupin__village_end(&run);
            if ((rc = emit(o, village_json, vr, village))) {
                snprintf(message, cap, "writing a result: %s", fupin_last_error());
                return rc;
            }
        }
    }
    return 0;
}

/* Under the lock: park block b's lines (o), giving the thread a free buffer in
 * exchange; 0 when every place is taken. */
static int park(struct job *j, size_t b, struct out *o)
{
    for (int k = 0; k < PARKED_MAX; k++) {
        if (j->parked_used[k])
            continue;
        struct out t = j->parked[k];
        j->parked[k] = *o;
        j->parked_block[k] = b;
        j->parked_used[k] = 1;
        *o = t;
        o->n = 0;
        return 1;
    }
    return 0;
}

/* Under the lock: take the parked block whose turn it is into o (o's buffer, already
 * written, takes its place); 0 when it is not parked. */
static int unpark_turn(struct job *j, struct out *o)
{
    for (int k = 0; k < PARKED_MAX; k++) {
        if (!j->parked_used[k] || j->parked_block[k] != j->turn)
            continue;
        struct out t = j->parked[k];
        o->n = 0;
        j->parked[k] = *o;
        j->parked_used[k] = 0;
        *o = t;
        return 1;
    }
    return 0;
}

/* Under the lock, with the turn: write o, then every parked block that follows it.
 * The lock is let go during each write. */
static void write_in_turn(struct job *j, struct out *o)
{
    do {
        size_t b = j->turn;
        pthread_mutex_unlock(&j->lock);
        int wrc = j->write(j->user, o->p, o->n, j->starts[b + 1] - j->starts[b]);
        pthread_mutex_lock(&j->lock);
        if (wrc && !j->stop) {
            j->stop = 1;
            j->rc = wrc;
            snprintf(j->message, sizeof j->message, "%s", fupin_last_error());
        }
        j->turn++;
        pthread_cond_broadcast(&j->turn_changed);
    } while (!j->stop && unpark_turn(j, o));
    o->n = 0;
}

/* Blocks are taken in order, and the block whose turn it is is being formatted,
 * parked (then its writer's predecessor writes it) or held by a thread waiting for
 * exactly that turn: the hand-over cannot deadlock. */
static void *report_worker(void *arg)
{
    struct job *j = arg;
    struct out o = {NULL, 0, 0};
    fupin_result *r = NULL;
    fupin_summary *vr = NULL;
    char message[1024] = "";
    long live0 = fupin__test_alloc_live();
    int rc = fupin_result_create(&r);
    if (!rc)
        rc = fupin_summary_create(&vr);
    if (rc)
        snprintf(message, sizeof message, "%s", fupin_last_error());
    pthread_mutex_lock(&j->lock);
    for (;;) {
        if (j->stop || j->next >= j->blocks)
            break;
        if (rc) { /* this thread could not start: stop the report and say why */
            j->stop = 1;
            j->rc = rc;
            memcpy(j->message, message, sizeof message);
            pthread_cond_broadcast(&j->turn_changed);
            break;
        }
        size_t b = j->next++;
        pthread_mutex_unlock(&j->lock);

        rc = format_block(j, b, &o, r, vr, message, sizeof message);

        pthread_mutex_lock(&j->lock);
        if (!rc && j->turn != b && park(j, b, &o))
            continue;
        while (j->turn != b && !j->stop)
            pthread_cond_wait(&j->turn_changed, &j->lock);
        if (j->stop)
            break;
        if (rc) {
            /* the blocks before this one are written; the report ends here */
            j->stop = 1;
            j->rc = rc;
            memcpy(j->message, message, sizeof message);
            pthread_cond_broadcast(&j->turn_changed);
            break;
        }
        write_in_turn(j, &o);
    }
    pthread_mutex_unlock(&j->lock);
    fupin__free(o.p);
    fupin_summary_free(vr);
    fupin_result_free(r);
    if (!pthread_equal(pthread_self(), j->caller)) {
        /* buffers it allocated and handed on are freed by another thread */
        long left = fupin__test_alloc_live() - live0;
        pthread_mutex_lock(&j->lock);
        j->adopt += left;
        pthread_mutex_unlock(&j->lock);
    }
    return NULL;
}

int fupin_dataset_report(const fupin_dataset *ds, const fupin_evaluator *e, uint32_t flags,
                         int32_t threads, fupin_report_write_fn write, void *user)
{
    if (!ds || !e || !write)
        return fupin__error(FUPIN_EINVAL, "fupin_dataset_report: NULL argument");
    struct job j;
    memset(&j, 0, sizeof j);
    j.ds = ds;
    j.e = e;
    j.flags = flags;
    j.write = write;
    j.user = user;
    /* block boundaries: whole villages, about BLOCK_HOUSEHOLDS households each */
    j.starts = fupin__reallocarray(NULL, ds->n_villages + 1, sizeof *j.starts);
    if (!j.starts)
        return fupin__oom();
    size_t in_block = 0;
    j.starts[0] = 0;
    for (size_t v = 0; v < ds->n_villages; v++) {
        in_block += ds->villages[v].n_households + 1;
        if (in_block >= BLOCK_HOUSEHOLDS || v + 1 == ds->n_villages) {
            j.starts[++j.blocks] = v + 1;
            in_block = 0;
        }
    }
    if (threads <= 0) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        threads = cpus > 0 && cpus < 64 ? (int32_t)cpus : 1;
    }
    if ((size_t)threads > j.blocks)
        threads = j.blocks ? (int32_t)j.blocks : 1;
    if (threads > 64)
        threads = 64;
    if (pthread_mutex_init(&j.lock, NULL)) {
        fupin__free(j.starts);
        return fupin__oom();
    }
    if (pthread_cond_init(&j.turn_changed, NULL)) {
        pthread_mutex_destroy(&j.lock);
        fupin__free(j.starts);
        return fupin__oom();
    }
    pthread_t tid[64];
    int32_t started = 0;
    j.caller = pthread_self();
    while (started < threads - 1 && pthread_create(&tid[started], NULL, report_worker, &j) == 0)
        started++;
    report_worker(&j);
    for (int32_t i = 0; i < started; i++)
        pthread_join(tid[i], NULL);
    fupin__alloc_adopt(j.adopt);
    for (int k = 0; k < PARKED_MAX; k++)
        fupin__free(j.parked[k].p);
    pthread_cond_destroy(&j.turn_changed);
    pthread_mutex_destroy(&j.lock);
    fupin__free(j.starts);
    if (j.rc)
        return fupin__error(j.rc, "%s", j.message);
    return 0;
}
