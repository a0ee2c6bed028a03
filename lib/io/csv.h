/* Internal: an RFC 4180 reader over a buffer held in memory (docs/dataset.md).
 * io -> core. Records are arrays of (pointer, length) fields pointing into the input,
 * or into a per-record scratch buffer when a field had to be unescaped; nothing is
 * allocated per field. Every input is accepted: malformed records are returned with
 * what is wrong and the first field concerned, so callers can report or skip them. */
#ifndef FUPIN_CSV_H
#define FUPIN_CSV_H

#include <stddef.h>
#include <stdint.h>

/* What is wrong with a malformed record (the first fault found, left to right). */
enum fupin__csv_fault {
    FUPIN__CSV_FINE = 0,
    FUPIN__CSV_QUOTE_IN_FIELD = 1,   /* a quote inside an unquoted field */
    FUPIN__CSV_TEXT_AFTER_QUOTE = 2, /* text after a closing quote */
    FUPIN__CSV_UNTERMINATED = 3      /* an unterminated quote (runs to the end) */
};

struct fupin__csv_field {
    const char *p;
    size_t n;
};

struct fupin__csv_record {
    const struct fupin__csv_field *fields; /* valid until the next call */
    size_t n;
    uint64_t line;      /* physical line on which the record starts (first = 1) */
    int fault;          /* enum fupin__csv_fault */
    size_t fault_field; /* index of the first malformed field */
    const char *raw;    /* its raw text in the input */
    size_t raw_n;
};

struct fupin__csv {
    const char *data;
    size_t len, pos;
    uint64_t line;
    struct fupin__csv_field *fields;
    size_t *scratch_off; /* per field: offset in scratch, or SIZE_MAX */
    size_t cap_fields;
    char *scratch;
    size_t scratch_len, scratch_cap;
};

/* The high bit of each byte of the word w that equals ch, and only of those (no carry
 * crosses a byte: a 7-bit value plus 0x7F stays within its byte). */
static inline uint64_t fupin__bytes_equal(uint64_t w, unsigned char ch)
{
    uint64_t v = w ^ (ch * 0x0101010101010101ULL);
    return ~(((v & 0x7F7F7F7F7F7F7F7FULL) + 0x7F7F7F7F7F7F7F7FULL) | v) & 0x8080808080808080ULL;
}

/* Tests only: non-zero reads every record byte by byte, never eight bytes at a
 * time, so the two ways can be compared. */
extern int fupin__csv_test_bytewise;

/* Start reading data[0..len) (a UTF-8 byte-order mark at the start is skipped). */
void fupin__csv_init(struct fupin__csv *c, const char *data, size_t len);
/* Go on reading in data[0..len) from its start, with the line count and buffers kept:
 * the text is the rest of the one read so far (a file read in pieces). */
void fupin__csv_window(struct fupin__csv *c, const char *data, size_t len);
/* The next record: 1 when one was read, 0 at the end, FUPIN_ENOMEM. Completely
 * empty lines are skipped. */
int fupin__csv_next(struct fupin__csv *c, struct fupin__csv_record *rec);
/* A short description of a fault ("unterminated quote"). */
const char *fupin__csv_fault_text(int fault);
void fupin__csv_free(struct fupin__csv *c);

#endif
