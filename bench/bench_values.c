/* Time the per-field value parsing of the loader, without the CSV reader:
 * bench_values DATASET [REPEAT]. For households.csv, members.csv and incomes.csv,
 * every column's values are gathered first, then handed one after another to the
 * setter the loader calls for them (fupin__*_set_field_at, fupin__check_id for ids,
 * fupin__parse_year for the incomes year), and the best of REPEAT passes is printed
 * as ns per field. Columns are timed in file order on one record per row, so that
 * id_number is checked against the birth set before it, as when loading. A checksum
 * of the parsed records and the count of refused values per column let two builds
 * be compared: they must print the same. The files must be unquoted (as gen_dataset
 * writes them); a quoted line is counted and skipped. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "model/fields.h"

struct span {
    uint32_t off, len;
};

struct file {
    char *text;
    size_t size;
    char **row;     /* start of each data row */
    size_t rows;    /* data rows (header excluded, quoted rows dropped) */
    size_t skipped; /* quoted rows */
    char *header[32];
    int columns;
};

static double cpu_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int read_file(const char *dir, const char *name, struct file *f)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return -1;
    fseek(fp, 0, SEEK_END);
    long size = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    memset(f, 0, sizeof *f);
    f->text = malloc((size_t)size + 1);
    if (!f->text || fread(f->text, 1, (size_t)size, fp) != (size_t)size) {
        fclose(fp);
        return -1;
    }
    fclose(fp);
    f->size = (size_t)size;
    f->text[size] = '\0';
    size_t lines = 0;
    for (size_t i = 0; i < f->size; i++)
        lines += f->text[i] == '\n';
    f->row = malloc((lines + 1) * sizeof *f->row);
    if (!f->row)
        return -1;
    /* the header: split in place */
    char *p = f->text, *eol = strchr(p, '\n');
    if (!eol)
        return -1;
    *eol = '\0';
    if (eol > p && eol[-1] == '\r')
        eol[-1] = '\0';
    for (char *c = p; f->columns < 32;) {
        f->header[f->columns++] = c;
        char *comma = strchr(c, ',');
        if (!comma)
            break;
        *comma = '\0';
        c = comma + 1;
    }
    for (p = eol + 1; p < f->text + f->size;) {
        char *e = memchr(p, '\n', (size_t)(f->text + f->size - p));
        size_t n = e ? (size_t)(e - p) : (size_t)(f->text + f->size - p);
        if (memchr(p, '"', n))
            f->skipped++;
        else if (n)
            f->row[f->rows++] = p;
        p += n + 1;
    }
    return 0;
}

/* Column col of every row, as spans into the text. */
static void gather(const struct file *f, int col, struct span *out)
{
    for (size_t r = 0; r < f->rows; r++) {
        const char *p = f->row[r];
        for (int c = 0; c < col; c++) {
            while (*p != ',' && *p != '\n' && *p != '\r' && *p)
                p++;
            if (*p == ',')
                p++;
        }
        const char *e = p;
        while (*e != ',' && *e != '\n' && *e != '\r' && *e)
            e++;
        out[r].off = (uint32_t)(p - f->text);
        out[r].len = (uint32_t)(e - p);
    }
}

static uint64_t mix(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 1099511628211ULL;
    return h;
}

enum kind { K_ID, K_YEAR, K_HOUSEHOLD, K_MEMBER, K_INCOME };

static int repeat = 5;

/* One column: returns the best ns per field and counts the refused values. */
static double time_column(const struct file *f, const struct span *sp, enum kind k, int index,
                          struct fupin_household *h, struct fupin__member *m,
                          struct fupin__income *inc, size_t *refused)
{
    double best = 1e30;
    for (int pass = 0; pass < repeat; pass++) {
        size_t bad = 0;
        double t0 = cpu_ns();
        for (size_t r = 0; r < f->rows; r++) {
            const char *v = f->text + sp[r].off;
            size_t n = sp[r].len;
            const char *why = NULL;
            switch (k) {
            case K_ID:
                why = fupin__check_id(v, n);
                break;
            case K_YEAR:
                why = fupin__parse_year(v, n, FUPIN_YEAR_MIN, FUPIN_YEAR_MAX, &inc[0].year);
                break;
            case K_HOUSEHOLD:
                why = fupin__household_set_field_at(h, index, v, n);
                break;
            case K_MEMBER:
                why = fupin__member_set_field_at(&m[r], index, v, n);
                break;
            case K_INCOME:
                why = fupin__income_set_field_at(inc, index, v, n);
                break;
            }
            bad += why != NULL;
        }
        double t = (cpu_ns() - t0) / (double)(f->rows ? f->rows : 1);
        if (t < best)
            best = t;
        *refused = bad;
    }
    return best;
}

static int run(const char *dir, const char *name, int which)
{
    struct file f;
    if (read_file(dir, name, &f)) {
        fprintf(stderr, "bench_values: cannot read %s/%s\n", dir, name);
        return 1;
    }
    struct span *sp = malloc((f.rows + 1) * sizeof *sp);
    struct fupin__member *m = which == K_MEMBER ? calloc(f.rows + 1, sizeof *m) : NULL;
    struct fupin_household h;
    struct fupin__income inc;
    if (!sp || (which == K_MEMBER && !m))
        return 1;
    fupin__household_init(&h);
    memset(&inc, 0, sizeof inc);
    for (size_t r = 0; which == K_MEMBER && r < f.rows; r++)
        m[r].sex = m[r].school = m[r].disability = m[r].insured = m[r].health = m[r].labor = -1;
    printf("%s: %zu rows (%zu quoted rows skipped)\n", name, f.rows, f.skipped);
    double total = 0;
    size_t fields = 0;
    uint64_t sum = 1469598103934665603ULL;
    for (int c = 0; c < f.columns; c++) {
        const char *col = f.header[c];
        enum kind k = (enum kind)which;
        int index = 0;
        if (strcmp(col, "household_id") == 0 || strcmp(col, "member_id") == 0)
            k = K_ID;
        else if (which == K_INCOME && strcmp(col, "year") == 0)
            k = K_YEAR;
        else if (which == K_HOUSEHOLD)
            index = fupin__household_field_index(col);
        else if (which == K_MEMBER)
            index = fupin__member_field_index(col);
        else
            index = fupin__income_field_index(col);
        if (index < 0) {
            printf("  %-20s (not a field: skipped)\n", col);
            continue;
        }
        gather(&f, c, sp);
        size_t refused = 0;
        double ns = time_column(&f, sp, k, index, &h, m, &inc, &refused);
        if (k == K_HOUSEHOLD)
            sum = mix(sum, &h, sizeof h);
        else if (k == K_INCOME)
            sum = mix(sum, &inc, sizeof inc);
        printf("  %-20s %7.2f ns/field  refused %zu\n", col, ns, refused);
        if (k != K_ID && k != K_YEAR) {
            total += ns * (double)f.rows;
            fields += f.rows;
        }
    }
    for (size_t r = 0; which == K_MEMBER && r < f.rows; r++) {
        m[r].id = NULL;
        sum = mix(sum, &m[r], sizeof m[r]);
    }
    printf("  %-20s %7.2f ns/field over the setter's columns, checksum %016llx\n", "setter",
           fields ? total / (double)fields : 0.0, (unsigned long long)sum);
    free(m);
    free(sp);
    free(f.row);
    free(f.text);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_values DATASET [REPEAT]\n");
        return 2;
    }
    if (argc > 2 && atoi(argv[2]) > 0)
        repeat = atoi(argv[2]);
    int rc = run(argv[1], "households.csv", K_HOUSEHOLD);
    rc |= run(argv[1], "members.csv", K_MEMBER);
    rc |= run(argv[1], "incomes.csv", K_INCOME);
    return rc;
}
