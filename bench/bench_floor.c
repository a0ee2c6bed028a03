/* What a load costs the kernel before any parsing: bench_floor DATASET [MIB] [REPEAT].
 *
 * A streamed load (lib/io/dataset_read.c) reads each dataset file twice in pieces of
 * 1 MiB into one reused buffer (once to count its lines and check it is UTF-8, once to
 * parse it) and writes its records into fresh memory, about 0.4 MiB per household. This
 * program does only that, on one thread, with nothing parsed: the files read twice,
 * then MIB mebibytes of fresh memory (default: as many as the dataset's bytes) written
 * once a page. It prints the CPU seconds (user, system) of each part, best of REPEAT
 * runs, and the loading speed per core-second that would be left if the parse itself
 * cost nothing (issue 15's target is 500 MB/s per core). */
/* MAP_ANONYMOUS is not POSIX. */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#define PIECE ((size_t)1 << 20)

static double cpu_now(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

/* Every *.csv of dir read `passes` times in pieces; returns the bytes of one pass, or
 * -1 when the folder cannot be read. A byte of each piece is summed, so that no read is
 * left out. */
static long long read_all(const char *dir, char *buf, int passes, unsigned *sum)
{
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    long long bytes = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n < 4 || strcmp(e->d_name + n - 4, ".csv") != 0)
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        for (int p = 0; p < passes; p++) {
            int fd = open(path, O_RDONLY);
            if (fd < 0)
                continue;
            ssize_t got;
            while ((got = read(fd, buf, PIECE)) > 0) {
                *sum += (unsigned char)buf[got - 1];
                if (p == 0)
                    bytes += got;
            }
            close(fd);
        }
    }
    closedir(d);
    return bytes;
}

/* mib MiB of fresh memory, written once a page, then given back. 0, or -1. */
static int touch(size_t mib)
{
    size_t n = mib << 20;
    if (!n)
        return 0;
    char *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return -1;
    for (size_t i = 0; i < n; i += 4096)
        p[i] = 1;
    munmap(p, n);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_floor DATASET [MIB] [REPEAT]\n");
        return 2;
    }
    long mib_arg = argc > 2 ? atol(argv[2]) : -1;
    int repeat = argc > 3 ? atoi(argv[3]) : 3;
    char *buf = malloc(PIECE);
    if (!buf)
        return 1;
    unsigned sum = 0;
    double best_read = 1e30, best_touch = 1e30;
    long long bytes = 0;
    for (int r = 0; r < repeat; r++) {
        double c0 = cpu_now();
        bytes = read_all(argv[1], buf, 2, &sum);
        double c1 = cpu_now();
        if (bytes < 0) {
            fprintf(stderr, "bench_floor: cannot read %s\n", argv[1]);
            return 1;
        }
        size_t mib = mib_arg >= 0 ? (size_t)mib_arg : (size_t)(bytes >> 20);
        if (touch(mib)) {
            fprintf(stderr, "bench_floor: cannot map %zu MiB\n", mib);
            return 1;
        }
        double c2 = cpu_now();
        if (c1 - c0 < best_read)
            best_read = c1 - c0;
        if (c2 - c1 < best_touch)
            best_touch = c2 - c1;
    }
    double floor = best_read + best_touch;
    printf("csv_bytes %lld\nread_twice_cpu_seconds %.3f\nfresh_memory_cpu_seconds %.3f\n"
           "floor_cpu_seconds %.3f\nceiling_mb_per_core_second %.0f\n(checksum %u)\n",
           bytes, best_read, best_touch, floor, floor > 0 ? (double)bytes / 1e6 / floor : 0.0,
           sum & 1);
    return 0;
}
