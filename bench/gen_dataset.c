/* Deterministic dataset generator for benchmarks:
 *   gen_dataset OUTDIR N_HOUSEHOLDS [SEED]
 * About 1000 households per village, 3-4 members each, 3 income years, some events,
 * valid identity numbers for some members and some blanks (docs/dataset.md). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state;

static uint64_t rnd(void)
{
    /* splitmix64: the same output for the same seed everywhere */
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static int below(int n)
{
    return (int)(rnd() % (uint64_t)n);
}

static FILE *open_out(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f) {
        perror(path);
        exit(1);
    }
    return f;
}

static void idnum(char *out, int y, int m, int d, int seq)
{
    static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static const char c[] = "10X98765432";
    snprintf(out, 19, "520102%04d%02d%02d%03d", y, m, d, seq % 1000);
    int s = 0;
    for (int i = 0; i < 17; i++)
        s += (out[i] - '0') * w[i];
    out[17] = c[s % 11];
    out[18] = '\0';
}

static const char *pick(const char *const *a, int n, int blank_pct)
{
    return below(100) < blank_pct ? "" : a[below(n)];
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: gen_dataset OUTDIR N_HOUSEHOLDS [SEED]\n");
        return 2;
    }
    const char *dir = argv[1];
    long n = atol(argv[2]);
    rng_state = argc > 3 ? strtoull(argv[3], NULL, 10) : 1;
    long nv = (n + 999) / 1000;
    static const char *const regions[] = {"east", "central", "west"};
    static const char *const flags[] = {"0", "1", "1", "1"};
    static const char *const monitor[] = {"unstable", "marginal", "hardship"};
    static const char *const assist[] = {"dibao", "tekun", "none", "none"};
    static const char *const housing[] = {"A", "B", "C", "D", "relocated"};
    static const char *const school[] = {"enrolled", "dropout", "completed", "none"};
    static const char *const health[] = {"healthy", "healthy", "chronic", "major_illness"};
    static const char *const labor[] = {"full", "full", "partial", "none"};
    static const char *const kinds[] = {"major_illness", "accident", "disability",       "disaster",
                                        "death",         "job_loss", "business_failure", "other"};

    FILE *fv = open_out(dir, "villages.csv");
    fprintf(fv, "village_code,name,region,population,water_scarce,paved_road,electricity,"
                "clinic,broadband,collective_income\n");
    for (long v = 0; v < nv; v++)
        fprintf(fv,
                "5201%02ld%03ld%03ld,\"Village %ld, \"\"%s\"\"\",%s,%d,%d,%s,%s,%s,%s,%d.%02d\n",
                (v / 1000000) % 100, (v / 1000) % 1000, v % 1000, v, "\xe6\x9d\x91",
                regions[below(3)], 3000 + below(2000), below(10) == 0, flags[below(4)],
                flags[below(4)], flags[below(4)], flags[below(4)], below(1000000), below(100));
    fclose(fv);

    FILE *fh = open_out(dir, "households.csv");
    FILE *fm = open_out(dir, "members.csv");
    FILE *fi = open_out(dir, "incomes.csv");
    FILE *fe = open_out(dir, "events.csv");
    fprintf(fh, "household_id,village_code,registered_year,exit_year,monitor,monitor_since,"
                "assistance,housing,food_secure,clothing_secure,water_litres,water_minutes,"
                "water_supply_rate,water_quality_ok\n");
    fprintf(fm, "household_id,member_id,birth,sex,id_number,school,disability,insured,health,"
                "labor\n");
    fprintf(fi, "household_id,year,wage,business,property,transfer,production_expense,"
                "medical_expense,education_expense\n");
    fprintf(fe, "household_id,year,kind,amount\n");
    for (long h = 0; h < n; h++) {
        long v = h / 1000;
        char vc[16];
        snprintf(vc, sizeof vc, "5201%02ld%03ld%03ld", (v / 1000000) % 100, (v / 1000) % 1000,
                 v % 1000);
        int reg = below(3) == 0 ? 2014 + below(6) : 0;
        int ex = reg && below(2) ? reg + below(2021 - reg) : 0;
        int mon = below(10) == 0;
        char regs[8] = "", exs[8] = "", since[16] = "";
        if (reg)
            snprintf(regs, sizeof regs, "%d", reg);
        if (ex)
            snprintf(exs, sizeof exs, "%d", ex);
        if (mon)
            snprintf(since, sizeof since, "%d-%02d", 2020 + below(4), 1 + below(12));
        fprintf(fh, "H%09ld,%s,%s,%s,%s,%s,%s,%s,%s,%s,%d,%d,%d,%s\n", h, vc, regs, exs,
                mon ? monitor[below(3)] : "", since, pick(assist, 4, 10), pick(housing, 5, 5),
                pick(flags, 4, 3), pick(flags, 4, 3), 20 + below(100), below(30), 80 + below(21),
                pick(flags, 4, 5));
        int nm = 3 + below(2);
        for (int m = 0; m < nm; m++) {
            int y = 1940 + below(80), mo = 1 + below(12), d = 1 + below(28);
            char birth[16], id[20] = "";
            if (below(3) == 0) {
                snprintf(birth, sizeof birth, "%d-%02d-%02d", y, mo, d);
                idnum(id, y, mo, d, below(1000));
            } else if (below(2)) {
                snprintf(birth, sizeof birth, "%d-%02d", y, mo);
            } else {
                snprintf(birth, sizeof birth, "%d", y);
            }
            fprintf(fm, "H%09ld,m%d,%s,%s,%s,%s,%s,%s,%s,%s\n", h, m + 1, birth,
                    below(2) ? "M" : "F", id, y > 2005 ? pick(school, 4, 5) : "completed",
                    below(20) == 0 ? "3" : "0", pick(flags, 4, 5), pick(health, 4, 5),
                    pick(labor, 4, 5));
        }
        for (int y = 2021; y <= 2023; y++) {
            if (below(50) == 0)
                fprintf(fi, "H%09ld,%d,,%d,0,%d,0,,\n", h, y, below(5000), below(3000));
            else
                fprintf(fi, "H%09ld,%d,%d.%02d,%d,%d,%d.50,%d,%d,%d\n", h, y, below(40000),
                        below(100), below(10000) - 1000, below(500), below(5000), below(2000),
                        below(3000), below(2000));
        }
        if (below(10) == 0)
            fprintf(fe, "H%09ld,%d,%s,%d\n", h, 2021 + below(3), kinds[below(8)], below(50000));
    }
    fclose(fh);
    fclose(fm);
    fclose(fi);
    fclose(fe);
    return 0;
}
