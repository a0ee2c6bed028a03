#!/usr/bin/env python3
"""Generate the built-in national table (C) from data/national-defaults.csv.

The build runs this (lib/meson.build), so the compiled-in `national` policy always
carries exactly the rows of the data file: value, kind, status and source.
Usage: national_table.py data/national-defaults.csv OUTPUT.c
"""
import csv
import math
import sys

HEADER = ['name', 'variant', 'year', 'value', 'unit', 'kind', 'status', 'source']
# Statuses that mark a value of low confidence (the data file's header explains them).
LOW_CONFIDENCE = {'unconfirmed', 'weak', 'widely quoted'}
VARIANTS = {'', 'scarce', 'east', 'central', 'west'}


def c_str(s):
    out = []
    for ch in s:
        if ch in '\\"':
            out.append('\\' + ch)
        elif ord(ch) < 0x20:
            out.append('\\%03o' % ord(ch))
        else:
            out.append(ch)
    return '"' + ''.join(out) + '"'


def fail(path, line, msg):
    sys.exit('%s:%d: %s' % (path, line, msg))


def main():
    path, out_path = sys.argv[1], sys.argv[2]
    with open(path, encoding='utf-8', newline='') as f:
        lines = [(i + 1, l) for i, l in enumerate(f) if not l.startswith('#') and l.strip()]
    records = list(csv.reader([l for _, l in lines]))
    if not records or records[0] != HEADER:
        fail(path, lines[0][0] if lines else 1, 'header must be ' + ','.join(HEADER))
    rows = []
    for (lineno, _), r in zip(lines[1:], records[1:]):
        if len(r) != len(HEADER):
            fail(path, lineno, 'expected %d fields, got %d' % (len(HEADER), len(r)))
        d = dict(zip(HEADER, r))
        if d['kind'] not in ('rule', 'statistic'):
            fail(path, lineno, 'kind must be rule or statistic')
        if d['variant'] not in VARIANTS:
            fail(path, lineno, 'unknown variant "%s"' % d['variant'])
        if d['year'] and not (d['year'].isdigit() and len(d['year']) == 4):
            fail(path, lineno, 'year must be 4 digits or blank')
        try:
            v = float(d['value'])
        except ValueError:
            fail(path, lineno, 'value is not a number')
        if not math.isfinite(v):
            fail(path, lineno, 'value is not finite')
        rows.append(d)
    low = [i for i, d in enumerate(rows) if d['status'] in LOW_CONFIDENCE]
    if len(low) > 64:
        sys.exit('%s: more than 64 low-confidence rows (results carry them as a 64-bit set)' % path)
    o = []
    o.append('/* Generated at build time by tools/gen/national_table.py from\n'
             ' * data/national-defaults.csv: edit that file, not this one. */\n')
    o.append('#include "national.h"\n\n/* clang-format off */\n')
    o.append('const struct fupin__national_row fupin__national_rows[] = {\n')
    for i, d in enumerate(rows):
        bit = low.index(i) if i in low else -1
        label = d['name'] + (':' + d['variant'] if d['variant'] else '') + \
            ('@' + d['year'] if d['year'] else '')
        o.append('    {%s, %s, %s, %s, %s, %s, %s, %s, %d},\n' % (
            c_str(d['name']), c_str(d['variant']), d['year'] or '0', d['value'],
            c_str(d['kind']), c_str(d['status']), c_str(d['source']), c_str(label), bit))
    o.append('};\n')
    o.append('const size_t fupin__national_count = %d;\n' % len(rows))
    o.append('const uint16_t fupin__national_low_rows[] = {%s};\n'
             % (', '.join(str(i) for i in low) if low else '0'))
    o.append('const size_t fupin__national_low_count = %d;\n/* clang-format on */\n' % len(low))
    with open(out_path, 'w', encoding='utf-8', newline='\n') as f:
        f.write(''.join(o))


main()
