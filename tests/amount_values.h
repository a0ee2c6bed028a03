/* The income amounts every white-box test of the 6-byte amount takes
 * (tests/test_income_record.c, tests/test_eval_round6.c): the boundaries (|amount| <=
 * FUPIN__FEN_MAX = 10^13 fen, docs/dataset.md), the values around zero where the sign
 * extension shows, blank, 2^43 (the highest power of two in range: bit 43 set, the sign
 * bits clear or set), and values whose six stored bytes are all non-zero, positive and
 * negative. */
#ifndef FUPIN_TESTS_AMOUNT_VALUES_H
#define FUPIN_TESTS_AMOUNT_VALUES_H

#include <stdint.h>

#include "model/model.h"

static const int64_t amount_values[] = {
    FUPIN__FEN_MAX,
    -FUPIN__FEN_MAX,
    0,
    -1,
    1,
    FUPIN__FEN_UNKNOWN,
    (int64_t)1 << 43,
    -((int64_t)1 << 43),
    0x090807060504,  /* 9 928 ... fen: byte k is 4 + k */
    -0x090807060504, /* FB F9 F9 F8 F7 F6: no byte zero */
    0x08FFFFFFFFFF,  /* every byte below the top one 0xFF */
    -0x08FFFFFFFFFF,
    FUPIN__FEN_MAX - 1,
    -FUPIN__FEN_MAX + 1,
};

#endif
