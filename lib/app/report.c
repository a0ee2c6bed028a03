/* fupin_dataset_report: the report's lines (formats.md section 5), evaluated and
 * formatted in parallel blocks of villages and delivered in file order. A household's
 * evaluation touches only its own records, the policy and the year (architecture), so
 * the blocks need no locks; only the hand-over of finished blocks is ordered. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "../rules/rules.h"
#include "fupin/rollup.h"

/* A block holds whole villages and about this many households (a few MB of JSON). */
#define BLOCK_HOUSEHOLDS 4096

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

/* Blocks are taken in order, so the block whose turn it is belongs to a thread that
 * never waits: the hand-over cannot deadlock. */
static void *report_worker(void *arg)
{
    struct job *j = arg;
    struct out o = {NULL, 0, 0};
    fupin_result *r = NULL;
    fupin_summary *vr = NULL;
    char message[1024] = "";
    int rc = fupin_result_create(&r);
    if (!rc)
        rc = fupin_summary_create(&vr);
    if (rc)
        snprintf(message, sizeof message, "%s", fupin_last_error());
    for (;;) {
        pthread_mutex_lock(&j->lock);
        if (j->stop || j->next >= j->blocks) {
            pthread_mutex_unlock(&j->lock);
            break;
        }
        if (rc) { /* this thread could not start: stop the report and say why */
            j->stop = 1;
            j->rc = rc;
            memcpy(j->message, message, sizeof message);
            pthread_cond_broadcast(&j->turn_changed);
            pthread_mutex_unlock(&j->lock);
            break;
        }
        size_t b = j->next++;
        pthread_mutex_unlock(&j->lock);

        rc = format_block(j, b, &o, r, vr, message, sizeof message);

        pthread_mutex_lock(&j->lock);
        while (j->turn != b && !j->stop)
            pthread_cond_wait(&j->turn_changed, &j->lock);
        int stop = j->stop;
        pthread_mutex_unlock(&j->lock);
        if (stop)
            break;
        int wrc = 0;
        if (!rc)
            wrc = j->write(j->user, o.p, o.n, j->starts[b + 1] - j->starts[b]);
        pthread_mutex_lock(&j->lock);
        if (rc) {
            j->stop = 1;
            j->rc = rc;
            memcpy(j->message, message, sizeof message);
        } else if (wrc) {
            j->stop = 1;
            j->rc = wrc;
            snprintf(j->message, sizeof j->message, "%s", fupin_last_error());
        }
        j->turn++;
        pthread_cond_broadcast(&j->turn_changed);
        pthread_mutex_unlock(&j->lock);
        if (rc || wrc)
            break;
    }
    fupin__free(o.p);
    fupin_summary_free(vr);
    fupin_result_free(r);
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
    while (started < threads - 1 && pthread_create(&tid[started], NULL, report_worker, &j) == 0)
        started++;
    report_worker(&j);
    for (int32_t i = 0; i < started; i++)
        pthread_join(tid[i], NULL);
    pthread_cond_destroy(&j.turn_changed);
    pthread_mutex_destroy(&j.lock);
    fupin__free(j.starts);
    if (j.rc)
        return fupin__error(j.rc, "%s", j.message);
    return 0;
}
