/* Internal: the dataset loader's state, shared by its parts (io layer only).
 *   idtab.c            hash tables of ids, the per-household chains, pools
 *   dataset_read.c     one file: header, pool sizing, paging, the record loop
 *   dataset_records.c  one record of each file: values, references, problems
 *   dataset_build.c    the loaded pools grouped into villages and households
 *   dataset_par.c      the files after households.csv, in two threads
 *   dataset.c          the load itself, its sources, the public API
 */
#ifndef FUPIN_LOADER_H
#define FUPIN_LOADER_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include "../model/fields.h"
#include "csv.h"
#include "io.h"

/* ------------------------------------------------------------ columns */

enum {
    VC_CODE,
    VC_NAME,
    VC_REGION,
    VC_POPULATION,
    VC_WATER_SCARCE,
    VC_PAVED_ROAD,
    VC_ELECTRICITY,
    VC_CLINIC,
    VC_BROADBAND,
    VC_COLLECTIVE_INCOME,
    VC_N
};

enum {
    HC_ID,
    HC_VILLAGE,
    HC_REGISTERED,
    HC_EXIT,
    HC_MONITOR,
    HC_MONITOR_SINCE,
    HC_ASSISTANCE,
    HC_HOUSING,
    HC_FOOD,
    HC_CLOTHING,
    HC_LITRES,
    HC_MINUTES,
    HC_SUPPLY,
    HC_QUALITY,
    HC_N
};

enum {
    MC_HOUSEHOLD,
    MC_ID,
    MC_BIRTH,
    MC_SEX,
    MC_IDNUM,
    MC_SCHOOL,
    MC_DISABILITY,
    MC_INSURED,
    MC_HEALTH,
    MC_LABOR,
    MC_N
};

enum {
    IC_HOUSEHOLD,
    IC_YEAR,
    IC_WAGE,
    IC_BUSINESS,
    IC_PROPERTY,
    IC_TRANSFER,
    IC_PRODUCTION,
    IC_MEDICAL,
    IC_EDUCATION,
    IC_N
};

enum { EC_HOUSEHOLD, EC_YEAR, EC_KIND, EC_AMOUNT, EC_N };

#define MAX_COLS 16

struct file_spec {
    const char *const *cols;
    int ncols;
    int optional_col; /* the one column that may be missing from the header, or -1 */
    int required;     /* the file itself is required */
};

extern const struct file_spec fupin__ld_specs[FUPIN_FILE_COUNT];

/* ------------------------------------------------------------ loader state */

/* Open-addressing table of record indices; val 0 = empty, else value + 1. The upper
 * half of the key's hash is kept in the slot (the lower half chose the slot): a probe
 * that meets another key is settled without fetching that key's text (two cache
 * misses at random on a large load). 8 bytes a slot: values are below
 * FUPIN__LD_MAX_RECORDS * 2 + 2. */
struct idslot {
    uint32_t tag;
    uint32_t val;
};
struct idtab {
    struct idslot *slot;
    /* Or, once households.csv is read and the households' table only looked up
     * (fupin__ld_idtab_narrow), 4 bytes a slot: a value is below the slot count
     * (mask + 1, at least twice the records), so it keeps the low bits and the tag the
     * bits above them (11 of 32 on a million households); slot is then NULL. */
    uint32_t *narrow;
    size_t mask;
};

struct problem {
    int file;
    int col;
    uint64_t line;
    size_t seq;
    char *msg;
};

/* Records of one file are counted in 32 bits (their indices, the chains through them,
 * the tables' values), which halves the loader's side arrays: a file holds at most
 * FUPIN__LD_MAX_RECORDS records (docs/scale.md), and a record past it is refused. Not
 * UINT32_MAX: a village or household slot holds its index shifted left by one. */
#define FUPIN__LD_MAX_RECORDS ((size_t)INT32_MAX - 1)
/* The limit in force: FUPIN__LD_MAX_RECORDS unless a test lowered it (0 restores).
 * Read inline: every record of a load checks it (issue 15). */
extern size_t fupin__ld_records_limit;
static inline size_t fupin__ld_max_records(void)
{
    return fupin__ld_records_limit;
}
void fupin__ld_test_max_records(size_t n);

/* A file read ahead on a thread of its own while households.csv is parsed
 * (dataset_par.c): opened, converted, checked as UTF-8 and its lines counted. Only when
 * it is not streamed: a stream of members.csv or incomes.csv is read once, by its
 * parse (fupin__ld_parse_stream_once), so there is nothing to do ahead. */
struct ld_ahead {
    pthread_t tid;
    int running; /* tid is still to be joined */
    const struct fupin__dataset_source *src;
    int file, encoding;
    int rc;         /* src->open's return code (FUPIN_ENOTFOUND: absent) */
    int conv_rc;    /* the GB18030 conversion's */
    char msg[1024]; /* the message of either */
    int opened;     /* data is src->open's, still to be closed */
    const char *data;
    size_t len;
    char *conv; /* the text converted to UTF-8, or NULL */
    size_t conv_len;
    size_t bad;   /* fupin__utf8_invalid of the text */
    size_t lines; /* fupin__ld_count_lines of the text */
    long live;    /* the thread's allocations still live when it ended (alloc.c) */
};

struct loader {
    int lenient;
    int encoding; /* enum fupin_encoding */
    int empty;    /* the current file had no header (an empty optional file) */
    /* progress: the callback, all bytes, bytes of the files before this one, the
     * next position in this file to report at, the last value reported */
    fupin_progress_fn progress;
    void *progress_ctx;
    uint64_t p_total, p_base, p_last, p_next; /* p_next: all bytes at the next report */
    size_t p_mark;
    /* notices (fupin_dataset_notice), in the order they are found */
    char **notices;
    size_t nnotices, capnotices;
    int mapped; /* the current file is a private file mapping the loader may page */
    int file;
    const char *fname;
    /* header of the current file */
    int col[MAX_COLS]; /* known column -> header index, -1 when absent */
    /* known column -> the model's setter index: names are resolved once per file,
     * not per value */
    int fidx[MAX_COLS];
    int *hmap; /* header index -> known column, -1 when unknown */
    /* header index (the first MAX_COLS) -> the setter of its value in a members.csv or
     * incomes.csv record, NULL when the record step reads it itself or it is unknown
     * (fupin__ld_bind_setters) */
    fupin__setter *hset[MAX_COLS];
    char **hname; /* header names (for messages) */
    char *hbuf;
    int nhdr;
    int col_hid_households; /* header index of household_id in households.csv */
    /* village and household ids and names; only read once households.csv is loaded,
     * when two threads share it (dataset_par.c) */
    struct fupin__buf arena;
    struct fupin__buf marena; /* member ids (written by the members.csv thread alone) */
    /* villages */
    struct fupin_village *v;
    size_t nv;
    uint32_t full; /* bit per file: a record past the limit was reported (lenient) */
    size_t *v_nameoff;
    size_t *vskip_off; /* codes of skipped villages (arena offsets) */
    size_t nvskip;
    struct idtab vt;
    /* households, in file order */
    struct fupin_household *h;
    size_t nh;
    /* Until the members are grouped (fupin__ld_build_members), fields of each household
     * record that the grouping sets carry what the load knows of it, instead of side
     * arrays of 4 and 8 bytes a household alive at the load's peak (issue 15, memory):
     * its households.csv line in `members` (fupin__ld_household_line), the members
     * read so far in n_members and its last member + 1 (0: none) in cap_members.
     * Whether some members.csv record resolved to it is n_members || incomplete.
     * Until fupin__ld_build, `id` holds its household_id's offset in arena (which may
     * pass 4 GB, and moves as it grows): fupin__ld_household_idoff; and n_events its
     * village's index, then (fupin__ld_order_households) its final position:
     * fupin__ld_household_dests. */
    uint32_t *h_inc;         /* last income record of the household + 1 (0: none) */
    size_t last_h;           /* the household the previous reference resolved to, or SIZE_MAX */
    size_t last_off, last_n; /* its id: arena offset and length (while last_h is set) */
    size_t *hskip_off;
    size_t nhskip;
    struct idtab ht;
    /* members, incomes, events, in file order */
    struct fupin__member *m;
    size_t nm;
    uint32_t *ms;     /* each member's household (load index), later its final position; its
                       * member_id's offset in marena is kept in the record itself until
                       * fupin__ld_build_members (fupin__ld_member_idoff): 4 bytes a member, not 16.
                       * Written only once the members are chains (m_chained, idtab.c) */
    size_t capm;      /* records m, ms and m_prev hold (fupin__ld_add_member grows them) */
    uint32_t *m_prev; /* previous member of the same household + 1 (0: none); chains only */
    int m_chained;    /* ms and m_prev are in use: some household's members are apart */
    size_t m_run;     /* not chained: the current run's first member, */
    size_t m_run_h;   /* and its household */
    struct idtab mt;  /* members of large households only (allocated at first need) */
    struct fupin__income *inc;
    size_t ni;
    size_t capi;      /* records inc, i_h and i_prev hold (fupin__ld_add_income grows them) */
    uint32_t *i_h;    /* each income's household; chains only, as ms */
    uint32_t *i_prev; /* previous income record of the same household + 1 (0: none) */
    int i_chained;    /* i_h and i_prev are in use (as m_chained) */
    int i_unsorted;   /* not chained: some run's household comes before the run before's */
    size_t i_run, i_run_h;
    struct fupin__event *ev;
    size_t ne;
    uint32_t *e_h;
    /* problems: all of them (lenient) or the first by position (strict) */
    struct problem *probs;
    size_t nprobs, capprobs, seq;
    int have_err, err_file, err_col;
    uint64_t err_line;
    char err_msg[1024];
    uint64_t read[FUPIN_FILE_COUNT], loaded[FUPIN_FILE_COUNT], skipped[FUPIN_FILE_COUNT];
    int32_t latest;
    struct ld_ahead *ahead[FUPIN_FILE_COUNT]; /* files read ahead, or NULL */
    /* dataset_split.c: the second half of households.csv keeps where each of its
     * records ends, for the progress reports made after it */
    int split_ends;
    uint64_t *end;
    size_t nend, capend;
};

/* idtab.c */
uint64_t fupin__ld_hash_bytes(const char *s, size_t n, uint64_t seed);
/* A table for n ids; dense: nearly every page will hold one (see fupin__ld_zpool). */
int fupin__ld_idtab_init(struct idtab *t, size_t n, int dense);
void fupin__ld_idtab_free(struct idtab *t);
/* The table in 4 bytes a slot (struct idtab), for fupin__ld_lookup_household only:
 * half the households' table out of the load's peak (issue 15, memory). 0, or
 * FUPIN_ENOMEM (the table is narrowed even then). */
int fupin__ld_idtab_narrow(struct idtab *t);
int fupin__ld_str_eq(const char *stored, const char *p, size_t n);
uint32_t *fupin__ld_find_village(struct loader *L, const char *p, size_t n);
/* The slot of household id p[0..n) given h = fupin__ld_household_prefetch(L, p, n),
 * which starts fetching it early: its own, or the empty one where it goes. */
uint64_t fupin__ld_household_prefetch(const struct loader *L, const char *p, size_t n);
uint32_t *fupin__ld_find_household_hashed(struct loader *L, const char *p, size_t n, uint64_t h);
/* The value of a household id's slot, 0 when absent: reads the table only, so the
 * threads of dataset_par.c may look up at the same time. */
size_t fupin__ld_lookup_household(const struct loader *L, const char *p, size_t n);
/* During a load a member's id holds the offset of its text in marena, which moves as
 * it grows; fupin__ld_build_members makes it a pointer. */
size_t fupin__ld_member_idoff(const struct fupin__member *m);
/* Likewise a household's id, in arena, until fupin__ld_build (inline: read per record
 * of members.csv and incomes.csv, by both their threads at once, which write other
 * fields of the same records; nothing writes it until the build). */
static inline size_t fupin__ld_household_idoff(const struct fupin_household *h)
{
    return (size_t)(uintptr_t)h->id;
}
static inline void fupin__ld_set_household_idoff(struct fupin_household *h, size_t off)
{
    h->id = (char *)(uintptr_t)off;
}
int fupin__ld_member_exists(struct loader *L, size_t h, const char *p, size_t n);
/* A record appended to the pools, which grow when full (a stream's pools are sized
 * from an estimate, fupin__ld_parse_stream_once). 0 or FUPIN_ENOMEM. */
int fupin__ld_add_member(struct loader *L, size_t h, const struct fupin__member *m, size_t idoff);
int fupin__ld_has_income(struct loader *L, size_t h, int32_t year);
/* Every record of the household for year: income unknown (a lenient load). */
void fupin__ld_income_unknown(struct loader *L, size_t h, int32_t year);
int fupin__ld_add_income(struct loader *L, size_t h, const struct fupin__income *inc);
/* The run ends of the records of households 0..nh-1, a uint32_t `stride` bytes apart
 * from `at`: end j - 1 (0: household j has none). A side array of them (h_inc), or the
 * members' ends kept in the household records themselves (cap_members). */
struct ld_ends {
    const unsigned char *at;
    size_t stride;
};
static inline uint32_t fupin__ld_end(struct ld_ends e, size_t j)
{
    return *(const uint32_t *)(const void *)(e.at + j * e.stride);
}
static inline struct ld_ends fupin__ld_ends_array(const uint32_t *a)
{
    struct ld_ends e = {(const unsigned char *)a, sizeof *a};
    return e;
}
/* owner[0..n) (household load indices) from runs of records that end at the ends
 * (fupin__ld_end) and together cover 0..n-1. */
void fupin__ld_owners_from_runs(uint32_t *owner, size_t n, struct ld_ends last, size_t nh);
/* The members' run ends and counts, in L->h until the members are grouped. */
struct ld_ends fupin__ld_member_ends(const struct loader *L);
/* Each household's village index, then its final position, in L->h until fupin__ld_build
 * places the events (the same strided view as the ends; struct loader). */
struct ld_ends fupin__ld_household_dests(const struct loader *L);
struct ld_ends fupin__ld_member_counts(const struct loader *L);
/* A household's households.csv line, kept in its record until the members are grouped:
 * a file's lines are counted in size_t (fupin__ld_count_lines), so the number fits. */
void fupin__ld_set_household_line(struct fupin_household *h, uint64_t line);
uint64_t fupin__ld_household_line(const struct fupin_household *h);
void *fupin__ld_pool(size_t n, size_t size);
void *fupin__ld_zpool(size_t n, size_t size);

/* dataset_records.c */
int fupin__ld_pos_before(int f1, uint64_t l1, int c1, int f2, uint64_t l2, int c2);
int fupin__ld_report_at(struct loader *L, int file, uint64_t line, int col, const char *colname,
                        const char *what, const char *v, size_t n);
int fupin__ld_village_record(struct loader *L, const struct fupin__csv_record *r);
int fupin__ld_household_record(struct loader *L, const struct fupin__csv_record *r);
int fupin__ld_member_record(struct loader *L, const struct fupin__csv_record *r);
int fupin__ld_income_record(struct loader *L, const struct fupin__csv_record *r);
int fupin__ld_event_record(struct loader *L, const struct fupin__csv_record *r);
int fupin__ld_check_members(struct loader *L);
/* Resolve L->hset from the header just read (dataset_read.c calls it). */
void fupin__ld_bind_setters(struct loader *L);

/* Progress is reported every FUPIN__LD_PROGRESS_STEP bytes of input at most. */
#define FUPIN__LD_PROGRESS_STEP ((uint64_t)4 << 20)

/* dataset.c: free the problems and notices a loader holds */
void fupin__ld_free_findings(struct loader *L);
/* dataset.c: a notice (not a problem); 0 or FUPIN_ENOMEM */
int fupin__ld_notice(struct loader *L, const char *fmt, ...) FUPIN__PRINTF(2, 3);
/* Progress: pos of len bytes of the current text read (file_bytes: the file's size,
 * which differs from len once converted). */
void fupin__ld_progress(struct loader *L, size_t pos, size_t len, size_t file_bytes);
/* Before the records of a text: where its first report is due (p_mark). */
void fupin__ld_progress_start(struct loader *L, size_t len, size_t file_bytes);

/* dataset_read.c */
void fupin__ld_free_header(struct loader *L);
/* An upper bound on the records of d[0..n): its lines (CR, LF and CRLF end one). */
size_t fupin__ld_count_lines(const char *d, size_t n);
int fupin__ld_parse_file(struct loader *L, const char *data, size_t len);
/* Streams (docs/scale.md, "Memory and threads"): a stream's lines, as
 * fupin__ld_count_lines counts them, and whether it is UTF-8 (when not, the file is
 * read whole); then its parse, with pools for `lines` records at most. 0 or a return
 * code with the message set (the file changed, shrank or grew: FUPIN_EIO). */
int fupin__ld_stream_count(struct fupin__stream *s, size_t *lines, int *utf8);
/* ------------------------------------------------------------ split (dataset_split.c)
 * households.csv parsed in two halves at once, merged into what one parse gives. */
struct ld_split {
    uint64_t at;   /* in: where to look for a line end; out: the second half's start */
    uint64_t line; /* its line number (the line ends before it + 1) */
    int found;     /* a line end was found at or after at */
    int quote;     /* the text has a double quote: a line end may be inside a field */
};
struct ld_split_job;
/* fupin__ld_stream_count, and with sp, whether the text has a quote and where a line
 * end at or after sp->at is. */
int fupin__ld_stream_count_split(struct fupin__stream *s, size_t *lines, int *utf8,
                                 struct ld_split *sp);
/* Whether households.csv (s, `lines` lines) is to be split; sp->at set where to look. */
int fupin__ld_split_plan(const struct loader *L, const struct fupin__stream *s, size_t lines,
                         struct ld_split *sp);
/* Once the header is read and the pools prepared: the second half starts (a thread, or
 * later on this one: *job NULL when it could not be set up). */
void fupin__ld_split_start(struct loader *L, struct fupin__stream *s, size_t lines,
                           const struct ld_split *sp, struct ld_split_job **job);
/* After the first half (rc its return code): the second merged into L, or parsed again
 * here. 0 or a return code with the message set. */
int fupin__ld_split_finish(struct loader *L, struct fupin__stream *s, size_t lines,
                           const struct ld_split *sp, struct ld_split_job *job, int rc);
/* A record of the second half ended at file offset at. 0 or FUPIN_ENOMEM. */
int fupin__ld_split_end(struct loader *L, uint64_t at);
/* Tests only: 1 splits households.csv whatever its size (on this thread when threads
 * are not allowed), -1 never; split_at: look for the split there, not in the middle. */
extern int fupin__ld_test_split;
extern uint64_t fupin__ld_test_split_at;
/* Tests only: second halves merged, and parsed again on the calling thread. */
extern unsigned long fupin__ld_test_split_merged, fupin__ld_test_split_again;
/* The records of s from offset from (a line start, line number line) to its end. */
int fupin__ld_parse_stream_part(struct loader *L, struct fupin__stream *s, size_t lines,
                                uint64_t from, uint64_t line);
int fupin__ld_parse_stream(struct loader *L, struct fupin__stream *s, size_t lines,
                           const struct ld_split *sp);
/* members.csv or incomes.csv as a stream, read once (docs/scale.md, "Memory and
 * threads"): no count first; its pools start from an estimate of its records and grow,
 * and each piece is checked as UTF-8 as it is read. 0, a return code with the message
 * set, or FUPIN__LD_NOT_UTF8: the file is not UTF-8 (the rest of it was checked when
 * the parse stopped early), nothing said yet; what was parsed of it is to be dropped
 * with the load. */
int fupin__ld_parse_stream_once(struct loader *L, struct fupin__stream *s);
#define FUPIN__LD_NOT_UTF8 (-1000)
/* Tests only: non-zero is the estimate of records a stream read once starts from, so
 * that its pools grow many times. */
extern size_t fupin__ld_test_estimate;
/* Tests only: non-zero reads streams in pieces of this many bytes (8 at least) and
 * streams memory sources too, so that records cut at every place are read. */
extern size_t fupin__ld_test_window;
/* Tests only: called after a streamed file is counted and before it is parsed (only
 * households.csv and events.csv are counted; members.csv and incomes.csv are read
 * once). */
extern void (*fupin__ld_test_between)(int file);

/* dataset.c: one dataset file of src (open, parse, close); 0 or a return code with
 * the calling thread's error set */
int fupin__ld_load_file(struct loader *L, const struct fupin__dataset_source *src, int f);
void fupin__ld_release_after(struct loader *L, int file);

/* dataset_par.c: members.csv on the calling thread while another reads incomes.csv
 * and events.csv; on return L holds both as if read one after the other (the same
 * records, problems, notices and first error). 0, or the first return code in file
 * order with the calling thread's error set. */
int fupin__ld_load_rest(struct loader *L, const struct fupin__dataset_source *src);
/* Start reading members.csv and incomes.csv ahead, each on a thread of its own (none
 * when a test arms the allocation-failure hook, or a thread cannot start). */
void fupin__ld_ahead_start(struct loader *L, const struct fupin__dataset_source *src);
/* Wait for file f's reader; the text is then in L->ahead[f]. */
void fupin__ld_ahead_join(struct ld_ahead *a);
/* Join, close and free whatever was read ahead and not used. */
void fupin__ld_ahead_free(struct loader *L);

/* dataset_build.c */
/* Each household's village index becomes its final position (once households.csv is
 * read; fupin__ld_household_dests). */
void fupin__ld_order_households(struct loader *L);
/* The incomes' and the members' parts of the build, each as soon as its file is read
 * (dataset_par.c), on its own thread; households ordered first. 0 or FUPIN_ENOMEM. */
int fupin__ld_build_incomes(struct loader *L);
int fupin__ld_build_members(struct loader *L);
int fupin__ld_build(struct loader *L, fupin_dataset *d);
int fupin__ld_take_problems(struct loader *L, fupin_dataset *d);

#endif
