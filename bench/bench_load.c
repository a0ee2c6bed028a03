/* Time fupin_dataset_load on a folder: bench_load DATASET [--lenient] [REPEAT]. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "fupin.h"

/* CPU time (user + system) of the process: unlike wall time, it barely moves when
 * other programs share the machine. */
static double cpu_now(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_load DATASET [--lenient] [REPEAT]\n");
        return 2;
    }
    uint32_t flags = FUPIN_LOAD_STRICT;
    int repeat = 1;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--lenient") == 0)
            flags = FUPIN_LOAD_LENIENT;
        else
            repeat = atoi(argv[i]);
    }
    double best = 1e30, best_cpu = 1e30;
    size_t households = 0;
    for (int r = 0; r < repeat; r++) {
        fupin_dataset *d = NULL;
        double t0 = now(), c0 = cpu_now();
        int rc = fupin_dataset_load(&d, argv[1], flags);
        double t = now() - t0, c = cpu_now() - c0;
        if (rc) {
            fprintf(stderr, "load failed (%d): %s\n", rc, fupin_last_error());
            return 1;
        }
        uint64_t loaded = 0;
        fupin_dataset_file_counts(d, FUPIN_FILE_HOUSEHOLDS, NULL, &loaded, NULL);
        households = (size_t)loaded;
        fupin_dataset_free(d);
        if (t < best)
            best = t;
        if (c < best_cpu)
            best_cpu = c;
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("households %zu\nseconds %.3f\ncpu_seconds %.3f\nhouseholds/s %.0f\npeak_rss_mb %.1f\n",
           households, best, best_cpu, (double)households / best, (double)ru.ru_maxrss / 1024.0);
    return 0;
}
