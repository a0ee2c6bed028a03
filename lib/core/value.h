/* Internal: parsing of the dataset's value syntax (docs/dataset.md), shared by
 * the API setters and the CSV loader so that both accept and reject exactly the same
 * texts. Each parser returns NULL on success or a static description of what is
 * wrong ("not an amount"), which callers wrap with file, line, column and value. */
#ifndef FUPIN_VALUE_H
#define FUPIN_VALUE_H

#include <stddef.h>
#include <stdint.h>

/* A sentinel for an unknown (blank) amount in fen. */
#define FUPIN__FEN_UNKNOWN INT64_MIN
/* Largest absolute amount: 100,000,000,000 yuan, in fen. */
#define FUPIN__FEN_MAX ((int64_t)10000000000000LL)

/* A date that may be partial: prec 1 = YYYY, 2 = YYYY-MM, 3 = YYYY-MM-DD; 0 = unknown. */
struct fupin__date {
    int16_t y;
    int8_t m, d;
    int8_t prec;
};

const char *fupin__parse_amount(const char *s, size_t n, int allow_negative, int64_t *fen);
const char *fupin__parse_year(const char *s, size_t n, int32_t min, int32_t max, int32_t *out);
/* The longest number text accepted anywhere (policy files, dataset decimals). */
#define FUPIN__MAX_NUMBER_CHARS 100
/* [+-]digits[.digits][(e|E)[+-]digits], converted independently of the C locale. */
const char *fupin__parse_number(const char *s, size_t n, double *out);
/* An exact decimal m x 10^-k (k >= 0, at most 18 significant digits, trailing zeros
 * dropped so that equal values are equal structs; zero is {0, 0}). */
struct fupin__dec {
    int64_t m;
    int32_t k;
};
/* The grammar of fupin__parse_number, held exactly: NULL or what is wrong (more than
 * 18 significant digits, or a whole number beyond int64). */
const char *fupin__dec_parse(const char *s, size_t n, struct fupin__dec *out);
/* The shortest decimal that converts back to v (0), or -1 when v is not finite. */
int fupin__dec_from_double(double v, struct fupin__dec *out);
/* sign(a - r x b), exactly (-1, 0 or 1). */
int fupin__dec_cmp_mul(int64_t a, const struct fupin__dec *r, int64_t b);
/* r x 100 as an integer (yuan to fen): 0, or -1 when r has more than 2 decimals or
 * the result does not fit. */
int fupin__dec_to_fen(const struct fupin__dec *d, int64_t *fen);
int fupin__dec_equal(const struct fupin__dec *a, const struct fupin__dec *b);
/* The decimal as text ("0.0199996", "-50"): its length, or 0 (buf "") when it needs more
 * than cap bytes or more than 40 decimals. Independent of the C locale. */
size_t fupin__dec_format(const struct fupin__dec *d, char *buf, size_t cap);

/* Non-negative decimal: digits[.digits], no sign, no exponent. */
const char *fupin__parse_decimal(const char *s, size_t n, double *out);
/* Whole number without sign in [min, max]. */
const char *fupin__parse_uint(const char *s, size_t n, int64_t min, int64_t max, int64_t *out);
/* "0" or "1". */
const char *fupin__parse_flag(const char *s, size_t n, int8_t *out);
/* Index of s in names[0..count), or -1. */
int fupin__parse_enum(const char *s, size_t n, const char *const *names, int count);
/* YYYY-MM-DD (when allow_day), YYYY-MM or YYYY, year in [min_year, max_year]. */
const char *fupin__parse_date(const char *s, size_t n, int32_t min_year, int32_t max_year,
                              int allow_day, struct fupin__date *out);
/* R-G3 partial birth dates: YYYY -> YYYY-07-01, YYYY-MM -> the 15th. */
void fupin__date_resolve_birth(const struct fupin__date *in, int32_t *y, int32_t *m, int32_t *d);
/* Completed years of age on (y, m, d) for a resolved birth. */
int32_t fupin__age_on(int32_t by, int32_t bm, int32_t bd, int32_t y, int32_t m, int32_t d);
int fupin__days_in_month(int32_t y, int32_t m);

/* GB 11643 identity number: 18 chars, checksum, birth date agreeing with `birth`
 * (in the parts birth gives; birth may be NULL). */
const char *fupin__check_idnum(const char *s, size_t n, const struct fupin__date *birth);
/* Mask as first 6, 8 '*', last 4 (docs/dataset.md); other lengths are masked wholly
 * except the first 6 and last 4 when longer than 10. out needs n+1 bytes (>= 19). */
void fupin__mask_idnum(const char *s, size_t n, char *out, size_t cap);

/* Id: 1..64 bytes. */
const char *fupin__check_id(const char *s, size_t n);

/* The general routines behind the fast paths of fupin__parse_amount and
 * fupin__parse_decimal: the same results and messages for every text (tests compare
 * the two). */
const char *fupin__parse_amount_exact(const char *s, size_t n, int allow_negative, int64_t *fen);
const char *fupin__parse_decimal_exact(const char *s, size_t n, double *out);

#endif
