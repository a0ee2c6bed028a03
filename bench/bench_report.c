/* Time the work of `fupin report` after loading: bench_report DATASET [YEAR] [REPEAT].
 * Prints, best of REPEAT runs: evaluation alone (every household and village), and
 * evaluation plus JSON writing into a reused buffer (no output I/O), per household. */
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

/* One pass over the dataset; returns the bytes of JSON written (0 when !json). */
static size_t pass(const fupin_dataset *d, const fupin_evaluator *e, fupin_result *r,
                   fupin_summary *vr, int json, size_t *households)
{
    static char buf[1 << 16];
    size_t bytes = 0, n = 0, needed = 0;
    for (size_t v = 0; v < fupin_dataset_village_count(d); v++) {
        const fupin_village *village = fupin_dataset_village(d, v);
        for (size_t i = 0; i < fupin_village_household_count(village); i++) {
            if (fupin_evaluator_evaluate_household(e, fupin_village_household(village, i), r))
                exit(1);
            n++;
            if (json && !fupin_result_to_json(r, buf, sizeof buf, &needed))
                bytes += needed + 1;
        }
        if (fupin_evaluator_evaluate_village(e, village, vr))
            exit(1);
        if (json && !fupin_summary_to_json(vr, buf, sizeof buf, &needed))
            bytes += needed + 1;
    }
    *households = n;
    return bytes;
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
    fupin_result *r = NULL;
    fupin_summary *vr = NULL;
    int32_t year = argc > 2 ? atoi(argv[2]) : 0;
    int repeat = argc > 3 ? atoi(argv[3]) : 3;
    if (fupin_dataset_load(&d, argv[1], FUPIN_LOAD_STRICT) ||
        fupin_policy_builtin(&p, "national") || (!year && fupin_dataset_latest_year(d, &year)) ||
        fupin_evaluator_create(&e, p, year) || fupin_result_create(&r) ||
        fupin_summary_create(&vr)) {
        fprintf(stderr, "bench_report: %s\n", fupin_last_error());
        return 1;
    }
    for (int json = 0; json <= 1; json++) {
        double best = 1e30;
        size_t n = 0, bytes = 0;
        for (int k = 0; k < repeat; k++) {
            double t0 = now();
            bytes = pass(d, e, r, vr, json, &n);
            double t = now() - t0;
            if (t < best)
                best = t;
        }
        printf("%s: %zu households in %.3f s (%.0f ns per household)%s",
               json ? "evaluate+json" : "evaluate", n, best, best / (double)n * 1e9,
               json ? "" : "\n");
        if (json)
            printf(", %.1f MB of JSON\n", (double)bytes / 1e6);
    }
    fupin_summary_free(vr);
    fupin_result_free(r);
    fupin_evaluator_free(e);
    fupin_policy_free(p);
    fupin_dataset_free(d);
    return 0;
}
