/* Time fupin_dataset_load on a folder: bench_load DATASET [--lenient] [REPEAT]. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "fupin.h"

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
    double best = 1e30;
    size_t households = 0;
    for (int r = 0; r < repeat; r++) {
        fupin_dataset *d = NULL;
        double t0 = now();
        int rc = fupin_dataset_load(&d, argv[1], flags);
        double t = now() - t0;
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
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("households %zu\nseconds %.3f\nhouseholds/s %.0f\npeak_rss_mb %.1f\n", households, best,
           (double)households / best, (double)ru.ru_maxrss / 1024.0);
    return 0;
}
