/* An Office Open XML workbook (ECMA-376 SpreadsheetML), written as stored zip entries
 * with no library: inline-string text cells (formatted as text, so codes and ids stay
 * text), number cells, a bold frozen header row with a filter. Sheets are written
 * one after the other, each streamed row by row. */
#ifndef FUPIN_XLSX_H
#define FUPIN_XLSX_H

#include <stdint.h>
#include <stdio.h>

#include "present.h"
#include "zip.h"

enum { XLSX_MAX_SHEETS = 64, XLSX_MAX_ROWS = 1048576 };

struct xlsx {
    struct zip z;
    char names[XLSX_MAX_SHEETS][32];
    size_t n_sheets, sheet; /* declared, and the next to write */
    uint32_t row;           /* rows written to the open sheet */
    size_t cols;            /* columns of its header */
};

/* Declare every sheet first (their names go into the workbook), then write them in
 * order with xlsx_sheet_begin / xlsx_row / xlsx_sheet_end. A name is cut at 31 bytes
 * (at a character boundary) and characters Excel forbids become '_'. */
void xlsx_start(struct xlsx *x, FILE *f);
int xlsx_declare(struct xlsx *x, const char *name);
void xlsx_sheet_begin(struct xlsx *x, const struct row *header);
/* Returns -1 when the sheet is full (XLSX_MAX_ROWS rows, header included). */
int xlsx_row(struct xlsx *x, const struct row *r);
void xlsx_sheet_end(struct xlsx *x);
int xlsx_finish(struct xlsx *x);
const char *xlsx_error(const struct xlsx *x);

#endif
