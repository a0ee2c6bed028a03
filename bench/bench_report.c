/* Time the work of `fupin report` after loading: bench_report DATASET [YEAR] [REPEAT].
 * Prints, best of REPEAT runs, per household, on one thread:
 *   evaluate        each household evaluated once, inside its village's summary
 *                   (fupin_evaluator_evaluate_village): the evaluation `fupin report` does;
 *   evaluate twice  each household alone and again inside its village (the figure this
 *                   program printed as "evaluate" before issue 15; not what the report does);
 *   report          fupin_dataset_report on one thread, JSON Lines into a discarding
 *                   writer: evaluation, village lines and formatting exactly as `fupin
 *                   report` does them per core, without the output I/O;
 * and the report on every core (wall time), still without output I/O. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fupin.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct bench {
    const fupin_dataset *d;
    const fupin_evaluator *e;
    fupin_result *r;
    fupin_summary *vr;
    size_t bytes; /* of the report's output */
};

/* Each village once, which evaluates each of its households once. */
static void evaluate(struct bench *b)
{
    for (size_t v = 0; v < fupin_dataset_village_count(b->d); v++)
        if (fupin_evaluator_evaluate_village(b->e, fupin_dataset_village(b->d, v), b->vr))
            exit(1);
}

/* Each household alone, then its village (which evaluates it again). */
static void evaluate_twice(struct bench *b)
{
    for (size_t v = 0; v < fupin_dataset_village_count(b->d); v++) {
        const fupin_village *village = fupin_dataset_village(b->d, v);
        for (size_t i = 0; i < fupin_village_household_count(village); i++)
            if (fupin_evaluator_evaluate_household(b->e, fupin_village_household(village, i), b->r))
                exit(1);
        if (fupin_evaluator_evaluate_village(b->e, village, b->vr))
            exit(1);
    }
}

static int discard(void *user, const char *data, size_t len, size_t villages)
{
    struct bench *b = user;
    (void)data;
    (void)villages;
    b->bytes += len;
    return 0;
}

static void report(struct bench *b, int32_t threads)
{
    b->bytes = 0;
    if (fupin_dataset_report(b->d, b->e, FUPIN_REPORT_JSONL, threads, discard, b))
        exit(1);
}

static void report_one_thread(struct bench *b)
{
    report(b, 1);
}

static void report_all_cores(struct bench *b)
{
    report(b, 0);
}

/* Best wall time of `repeat` runs of fn. */
static double best_of(int repeat, void (*fn)(struct bench *), struct bench *b)
{
    double best = 1e30;
    for (int k = 0; k < repeat; k++) {
        double t0 = now();
        fn(b);
        double t = now() - t0;
        if (t < best)
            best = t;
    }
    return best;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_report DATASET [YEAR] [REPEAT]\n");
        return 2;
    }
    fupin_dataset *d = NULL;
    fupin_policy *p = NULL;
    fupin_evaluator *e = NULL;
    struct bench b = {0};
    int32_t year = argc > 2 ? atoi(argv[2]) : 0;
    int repeat = argc > 3 ? atoi(argv[3]) : 3;
    if (fupin_dataset_load(&d, argv[1], FUPIN_LOAD_STRICT) ||
        fupin_policy_builtin(&p, "national") || (!year && fupin_dataset_latest_year(d, &year)) ||
        fupin_evaluator_create(&e, p, year) || fupin_result_create(&b.r) ||
        fupin_summary_create(&b.vr)) {
        fprintf(stderr, "bench_report: %s\n", fupin_last_error());
        return 1;
    }
    b.d = d;
    b.e = e;
    double n = (double)fupin_dataset_household_count(d);
    static const struct {
        const char *name;
        void (*fn)(struct bench *);
    } runs[] = {{"evaluate", evaluate},
                {"evaluate twice", evaluate_twice},
                {"report (1 thread, no I/O)", report_one_thread},
                {"report (all cores, no I/O)", report_all_cores}};
    for (size_t k = 0; k < sizeof runs / sizeof runs[0]; k++) {
        double t = best_of(repeat, runs[k].fn, &b);
        printf("%s: %.0f households in %.3f s (%.0f ns per household)", runs[k].name, n, t,
               t / n * 1e9);
        if (runs[k].fn == report_one_thread || runs[k].fn == report_all_cores)
            printf(", %.1f MB of JSON", (double)b.bytes / 1e6);
        printf("\n");
    }
    fupin_summary_free(b.vr);
    fupin_result_free(b.r);
    fupin_evaluator_free(e);
    fupin_policy_free(p);
    fupin_dataset_free(d);
    return 0;
}
