/* What the people's formats share (issue 13): summaries of villages and groups copied
 * out of the library's results, cells and rows for CSV and xlsx, the words of the two
 * languages, display widths of UTF-8 text, and progress on standard error.
 *
 * Every figure here is read from the library through its accessors (fupin.h), never
 * recomputed: a summary row holds what the village or group result holds, and the
 * per-dimension guarantee counts are tallies of the households' own results. */
#ifndef FUPIN_PRESENT_H
#define FUPIN_PRESENT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "fupin.h"

/* ------------------------------------------------------------ summary rows */

enum { SROW_COUNTS = FUPIN_VC_SPAN_PANEL + 1, SROW_FIGS = FUPIN_VF_NATIONAL_CAGR + 1 };
enum { SROW_REASONS = 16 };

/* One village's or group's summary, copied from its result. */
struct srow {
    int is_group;
    char id[16];      /* village code or group prefix */
    const char *name; /* village name ("" for none, and for groups); borrowed */
    int32_t year;
    int32_t since;    /* 0: no span */
    int64_t villages; /* groups */
    int64_t count[SROW_COUNTS];
    unsigned char count_null[SROW_COUNTS];
    double fig[SROW_FIGS];
    unsigned char fig_null[SROW_FIGS];
    int exit; /* enum fupin_tri */
    int reason[SROW_REASONS];
    size_t n_reason;
    int has_alerts; /* a year with a monitoring threshold */
    /* Households whose dimension is unmet / unknown, tallied from their results. */
    int64_t dim_unmet[FUPIN_DIM_COUNT], dim_unknown[FUPIN_DIM_COUNT];
    int has_dims; /* the tallies above were made */
    size_t visit_count;
    /* R-V5 (groups) */
    int64_t mpi_excluded;
    double mpi[3];
    unsigned char mpi_null[3];
    double censored[FUPIN_MPI_DIM_COUNT], contribution[FUPIN_MPI_DIM_COUNT];
    unsigned char censored_null[FUPIN_MPI_DIM_COUNT], contribution_null[FUPIN_MPI_DIM_COUNT];
};

void srow_from_village(struct srow *r, const fupin_summary *res, const fupin_village *village,
                       int32_t since);
void srow_from_group(struct srow *r, const fupin_summary *res, int32_t since);
/* Add one household's dimension statuses to the row's tallies. */
void srow_tally(struct srow *r, const fupin_result *res);
/* The sum of rows' counts (every count is additive; a null count makes the sum null).
 * Figures and exit are null: they are not sums. */
void srow_sum(struct srow *total, const struct srow *rows, size_t n);

/* ------------------------------------------------------------ cells and rows */

enum cell_kind { CELL_EMPTY = 0, CELL_TEXT = 1, CELL_NUM = 2 };

struct cell {
    int kind;
    const char *s; /* the text, or the number as JSON writes it */
};

enum { ROW_MAX_CELLS = 96, ROW_BUF = 8192 };

struct row {
    struct cell c[ROW_MAX_CELLS];
    size_t n;
    char buf[ROW_BUF];
    size_t used;
};

void row_reset(struct row *r);
void row_text(struct row *r, const char *s);
void row_int(struct row *r, int64_t v);
/* A figure rounded to `decimals` by the library, printed in its shortest form. */
void row_dec(struct row *r, double v, int decimals);
void row_empty(struct row *r);
/* The library's CSV line, split into cells; the columns for which numeric(name) is
 * true (numeric may be NULL) become number cells. */
int row_from_csv_line(struct row *r, const char *line, const char *header,
                      int (*numeric)(const char *column));

/* The village (or group) columns: header names and the row of a summary. */
void srow_header(struct row *r, int is_group, const char *lang);
void srow_cells(struct row *r, const struct srow *s, const char *lang);

/* Write a row as RFC 4180 CSV with a newline. A text cell that a spreadsheet would
 * take for a formula (starting with = + - @, tab or CR) is prefixed with '. */
void row_write_csv(const struct row *r, FILE *out);

/* Whether a household CSV column holds numbers (year, income.since, the figures). */
int household_numeric_column(const char *name);

/* ------------------------------------------------------------ words */

/* Words for people in "zh" or "en". */
struct words {
    const char *dim[FUPIN_DIM_COUNT];
    const char *alert[4];    /* none, watch, warning, severe */
    const char *category[5]; /* none, registered, unstable, marginal, hardship */
    const char *monitor[3];  /* not_monitored, stay, eligible */
    const char *tri[3];      /* unknown, no, yes */
    const char *status[3];   /* unknown, met, unmet */
    const char *reason_sep;
};
const struct words *words_for(const char *lang);
/* The reason texts of a list, joined, into buf (always NUL-terminated). */
void reasons_text(char *buf, size_t cap, const int *codes, size_t n, const char *lang);

/* ------------------------------------------------------------ text width */

/* The number of terminal columns UTF-8 text takes (East Asian wide characters 2). */
size_t text_width(const char *s);
/* Print s padded with spaces to `width` columns (cut with "…" when wider);
 * right-aligned when right is set. */
void print_cell(FILE *out, const char *s, size_t width, int right);

/* Print text after `first`, wrapped at `width` columns (between words, or between
 * any two wide characters), continuation lines starting with `indent`. */
void print_wrapped(FILE *out, const char *first, const char *indent, const char *text,
                   size_t width);

/* ------------------------------------------------------------ progress */

struct progress {
    int on;
    double start, last;
    uint64_t total, done; /* households */
    size_t villages, villages_done;
    int shown;
    int pending; /* a "\r" line waits for its end */
};

/* On when forced (--progress) or when standard error is a terminal. */
void progress_start(struct progress *p, int forced);
void progress_note(struct progress *p, const char *what);
void progress_set_total(struct progress *p, const fupin_dataset *ds);
/* Loading: bytes read of the files' total, with rate and time left (at most four
 * times a second). */
void progress_bytes(struct progress *p, uint64_t done, uint64_t total);
/* Called after each household or village; prints at most four times a second. */
void progress_step(struct progress *p, uint64_t households, size_t villages);
void progress_end(struct progress *p);
/* End a progress line that is still open (before another message). */
void progress_break(struct progress *p);
double progress_now(void);

/* ------------------------------------------------------------ a whole run */

enum { VISIT_REASONS = 40 };

/* A household to visit first (R-A10 warning or above), with its alert reasons. */
struct visit {
    size_t village; /* index into the run's rows */
    char id[72];
    int level, category;
    int reason[VISIT_REASONS];
    size_t n_reason;
};

struct run {
    struct srow *rows; /* one per village, in dataset order */
    size_t n_rows;
    struct visit *visits;
    size_t n_visits, cap_visits;
    struct srow total;     /* the longest shared prefix's group, else sums */
    char total_prefix[16]; /* "" when the villages share no division prefix */
};

/* Called for each household result (may be NULL). Return nonzero to stop. */
typedef int (*run_household_fn)(void *ctx, const fupin_result *res);

/* Evaluate every household and village once, in report order, filling run->rows (and
 * run->visits with up to visits_per_village households of each village; SIZE_MAX for
 * all), then the total. Returns 0 or an exit status (the message printed). */
int run_collect(struct run *run, const fupin_evaluator *ev, const fupin_dataset *ds, int32_t since,
                size_t visits_per_village, struct progress *p, run_household_fn fn, void *ctx);
/* visits_per_village from --visits (0: the default, -1: all). */
size_t run_visits(int64_t option);
void run_free(struct run *run);

#endif
