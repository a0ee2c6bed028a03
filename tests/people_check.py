#!/usr/bin/env python3
"""Checks of the people's formats (issue 13) by independent readers: Python's zipfile
and XML parser for the workbook, LibreOffice's CSV export of it, Chromium's DOM of
the report page and its screenshot. Each check compares with the JSON or CSV output of
the same run (one source of truth) and exits 1 with the first difference.

  people_check.py xlsx BOOK.xlsx HOUSEHOLDS.csv VILLAGES.csv
  people_check.py lo DIR BOOK_STEM HOUSEHOLDS.csv VILLAGES.csv
  people_check.py dom DOM.html REPORT.jsonl GROUPS.jsonl
  people_check.py vcsv VILLAGES.csv REPORT.jsonl
  people_check.py png SHOT.png
"""
import csv
import io
import json
import struct
import sys
import zipfile
import zlib
from html.parser import HTMLParser
from xml.etree import ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def col_index(ref):
    n = 0
    for ch in ref:
        if ch.isalpha():
            n = n * 26 + ord(ch) - 64
        else:
            break
    return n - 1


def xlsx_sheets(path):
    """{sheet name: [[(kind, text) or None, ...] per row]} read with zipfile + XML."""
    z = zipfile.ZipFile(path)
    if z.testzip() is not None:
        fail("a zip entry's CRC-32 does not hold")
    for info in z.infolist():
        if info.compress_type != zipfile.ZIP_STORED:
            fail("entry %s is not stored" % info.filename)
    ET.fromstring(z.read("[Content_Types].xml"))
    wb = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    target = {r.get("Id"): r.get("Target") for r in rels.iter(REL + "Relationship")}
    sheets = {}
    for s in wb.find("m:sheets", NS):
        rid = s.get("{%s}id" % NS["r"])
        root = ET.fromstring(z.read("xl/" + target[rid]))
        pane = root.find("m:sheetViews/m:sheetView/m:pane", NS)
        if pane is None or pane.get("state") != "frozen" or pane.get("ySplit") != "1":
            fail("sheet %s: the header row is not frozen" % s.get("name"))
        rows = []
        for row in root.find("m:sheetData", NS):
            cells = []
            for c in row:
                i = col_index(c.get("r"))
                while len(cells) < i:
                    cells.append(None)
                if c.get("t") == "inlineStr":
                    t = c.find("m:is/m:t", NS)
                    cells.append(("text", t.text or ""))
                elif c.get("t") is None:
                    cells.append(("num", c.find("m:v", NS).text))
                else:
                    fail("unexpected cell type %s" % c.get("t"))
            rows.append(cells)
        sheets[s.get("name")] = rows
    return sheets


def compare_sheet(name, rows, expected, numeric_columns):
    header = expected[0]
    got_header = [c[1] if c else "" for c in rows[0]]
    if got_header[: len(header)] != header:
        fail("%s: header %s != %s" % (name, got_header[: len(header)], header))
    if len(rows) != len(expected):
        fail("%s: %d rows, the CSV has %d" % (name, len(rows), len(expected)))
    for r, (got, want) in enumerate(zip(rows[1:], expected[1:]), start=2):
        got = got + [None] * (len(header) - len(got))
        for i, col in enumerate(header):
            cell, value = got[i], want[i]
            if value == "":
                if cell is not None:
                    fail("%s row %d %s: want an empty cell, got %r" % (name, r, col, cell))
                continue
            if cell is None:
                fail("%s row %d %s: empty cell, CSV has %r" % (name, r, col, value))
            kind = "num" if col in numeric_columns else "text"
            if cell[0] != kind:
                fail("%s row %d %s: %s cell, want %s" % (name, r, col, cell[0], kind))
            if cell[1] != value:
                fail("%s row %d %s: %r != CSV %r" % (name, r, col, cell[1], value))
            if col in ("village", "code") and not (len(value) == 12 and value.isdigit()):
                fail("%s row %d: village code %r is not 12 digits" % (name, r, value))


HOUSEHOLD_NUMERIC = {"year", "income.per_capita", "income.poverty_line", "income.growth",
                     "income.national_growth", "income.gap_pp", "income.real_growth",
                     "income.national_real_growth", "income.since", "income.cagr",
                     "income.national_cagr"}


def village_numeric(header):
    text = {"code", "name", "exit_eligible", "exit_reasons"}
    return {c for c in header if c not in text and not c.startswith("exit_reasons.")}


def check_xlsx(book, households_csv, villages_csv):
    sheets = xlsx_sheets(book)
    names = list(sheets)
    hh, vv = read_csv(households_csv), read_csv(villages_csv)
    compare_sheet(names[0], sheets[names[0]], hh, HOUSEHOLD_NUMERIC)
    compare_sheet(names[1], sheets[names[1]], vv, village_numeric(vv[0]))
    print("xlsx: %d sheets, %d household rows and %d village rows equal the CSV" %
          (len(names), len(hh) - 1, len(vv) - 1))


def check_lo(outdir, stem, households_csv, villages_csv):
    import glob
    import os
    files = sorted(glob.glob(os.path.join(outdir, stem + "-*.csv")))
    if len(files) < 2:
        fail("LibreOffice wrote %s" % files)
    by_sheet = {os.path.basename(f)[len(stem) + 1:-4]: f for f in files}
    for sheet, want_path, numeric in (("households", households_csv, HOUSEHOLD_NUMERIC),
                                      ("villages", villages_csv, None)):
        want = read_csv(want_path)
        if numeric is None:
            numeric = village_numeric(want[0])
        raw = open(by_sheet[sheet], encoding="utf-8").read()
        got = list(csv.reader(io.StringIO(raw)))
        if len(got) != len(want):
            fail("LibreOffice %s: %d rows, CSV %d" % (sheet, len(got), len(want)))
        header = want[0]
        for r, (g, w) in enumerate(zip(got, want), start=1):
            g = g + [""] * (len(header) - len(g))
            for i, col in enumerate(header):
                if g[i] != w[i]:
                    fail("LibreOffice %s row %d %s: %r != %r" % (sheet, r, col, g[i], w[i]))
        # Text cells are quoted in the export (quote all text cells), numbers are not:
        # the village codes were read as text, 12 digits, not as 5.22327E+11.
        lines = raw.splitlines()[1:]
        key = "village" if sheet == "households" else "code"
        idx = header.index(key)
        for line in lines:
            field = next(csv.reader([line]))[idx]
            if '"%s"' % field not in line or len(field) != 12:
                fail("LibreOffice %s: village code %r is not 12-digit text in %r" %
                     (sheet, field, line[:60]))
    print("LibreOffice: households and villages read back equal to the CSV; codes are text")


class DomTables(HTMLParser):
    """Rows of the report page's tables: {table id: [{attrs, cells: {key: (text, attrs)}}]}."""

    def __init__(self):
        super().__init__()
        self.tables, self.table, self.row, self.cell, self.cards = {}, None, None, None, {}
        self.card = None
        self.text = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self.table = a.get("id")
            self.tables[self.table] = []
        elif tag == "tr" and self.table:
            self.row = {"attrs": a, "cells": {}}
        elif tag == "td" and self.row is not None and "data-key" in a:
            self.cell = (a["data-key"], a)
            self.text = []
        elif tag == "b" and "data-key" in a:
            self.card = a["data-key"]
            self.text = []

    def handle_endtag(self, tag):
        if tag == "td" and self.cell:
            key, a = self.cell
            self.row["cells"][key] = ("".join(self.text), a)
            self.cell = None
        elif tag == "tr" and self.row is not None:
            if self.row["cells"]:
                self.tables[self.table].append(self.row)
            self.row = None
        elif tag == "table":
            self.table = None
        elif tag == "b" and self.card:
            self.cards[self.card] = "".join(self.text)
            self.card = None

    def handle_data(self, data):
        self.text.append(data)


def json_path(obj, path):
    for part in path.split("."):
        if obj is None:
            return None
        obj = obj[part]
    return obj


def same_number(text, value, where):
    if value is None:
        if text != "—":
            fail("%s: DOM %r, JSON null" % (where, text))
        return
    if text == "—":
        fail("%s: DOM null, JSON %r" % (where, value))
    if isinstance(value, str):
        if text != value:
            fail("%s: DOM %r != JSON %r" % (where, text, value))
    elif float(text) != float(value) or text != json.dumps(value):
        fail("%s: DOM %r != JSON %r" % (where, text, value))


def check_dom(dom_path, report_jsonl, groups_jsonl):
    p = DomTables()
    p.feed(open(dom_path, encoding="utf-8").read())
    villages, households = {}, {}
    for line in open(report_jsonl, encoding="utf-8"):
        rec = json.loads(line)
        if "village" in rec and isinstance(rec["village"], dict):
            villages[rec["village"]["code"]] = rec["village"]
        else:
            households.setdefault(rec["village"], []).append(rec)
    groups = {}
    for line in open(groups_jsonl, encoding="utf-8"):
        g = json.loads(line)["group"]
        groups[g["prefix"]] = g
    checked = 0
    for table in ("villages", "alerts"):
        rows = [r for r in p.tables.get(table, []) if "data-village" in r["attrs"]]
        if len(rows) != len(villages):
            fail("table %s has %d village rows, JSON %d" % (table, len(rows), len(villages)))
        for r in rows:
            code = r["attrs"]["data-village"]
            v = villages[code]
            for key, (text, a) in r["cells"].items():
                where = "%s %s %s" % (table, code, key)
                if key == "code":
                    if text != code:
                        fail(where)
                elif key == "name":
                    if text != (v["name"] or ""):
                        fail("%s: %r != %r" % (where, text, v["name"]))
                elif key == "exit_eligible":
                    if a["data-value"] != json.dumps(v["exit_eligible"]):
                        fail(where)
                elif key == "exit_reasons":
                    if a["data-value"].split() != v["exit_reasons"]:
                        fail(where)
                elif key == "visit_first.count":
                    want = None if v["visit_first"] is None else len(v["visit_first"])
                    same_number(text, want, where)
                else:
                    same_number(text, json_path(v, key), where)
                checked += 1
    # guarantee gaps: tallies of the households' own JSON statuses
    for r in p.tables.get("dims", []):
        code = r["attrs"].get("data-village")
        hh = households.get(code, []) if code else [h for l in households.values() for h in l]
        for key, (text, a) in r["cells"].items():
            if not key.startswith("guarantee."):
                continue
            dim = key.split(".")[1]
            unmet = sum(1 for h in hh if h["guarantee"][dim] == "unmet")
            unknown = sum(1 for h in hh if h["guarantee"][dim] == "unknown")
            if (int(a["data-unmet"]), int(a["data-unknown"])) != (unmet, unknown):
                fail("dims %s %s: DOM %s/%s, JSON %d/%d" % (code, key, a["data-unmet"],
                                                            a["data-unknown"], unmet, unknown))
            checked += 1
    grows = [r for r in p.tables.get("groups", [])]
    if len(grows) != len(groups):
        fail("groups table has %d rows, JSON %d" % (len(grows), len(groups)))
    for r in grows:
        g = groups[r["attrs"]["data-group"]]
        for key, (text, a) in r["cells"].items():
            where = "group %s %s" % (g["prefix"], key)
            if key == "prefix":
                if text != g["prefix"]:
                    fail(where)
            elif key == "exit_eligible":
                if a["data-value"] != json.dumps(g["exit_eligible"]):
                    fail(where)
            elif key.startswith("mpi."):
                same_number(text, g["mpi"][key[4:]], where)
            else:
                same_number(text, json_path(g, key), where)
            checked += 1
    total_hh = sum(v["households"] for v in villages.values())
    if int(p.cards.get("households", "-1")) != total_hh:
        fail("card households %r != %d" % (p.cards.get("households"), total_hh))
    print("DOM: %d figures equal the JSON results" % checked)


def check_village_csv(csv_path, report_jsonl):
    """Every column of the village CSV that the JSON village line has equals it."""
    rows = read_csv(csv_path)
    header, rows = rows[0], rows[1:]
    vs = [json.loads(l)["village"] for l in open(report_jsonl, encoding="utf-8")
          if l.startswith('{"village"')]
    if len(rows) != len(vs):
        fail("village CSV has %d rows, JSON %d villages" % (len(rows), len(vs)))
    n = 0
    for row, v in zip(rows, vs):
        for col, val in zip(header, row):
            if col.startswith("exit_reasons.") or (col.startswith("guarantee.") and
                                                  col.count(".") == 2):
                continue  # words, and tallies checked against the households elsewhere
            if col == "visit_first.count":
                want = None if v["visit_first"] is None else len(v["visit_first"])
            elif col == "exit_reasons":
                want = " ".join(v["exit_reasons"])
            else:
                want = v
                for part in col.split("."):
                    want = want.get(part) if isinstance(want, dict) else None
            if want is None:
                want = ""
            elif isinstance(want, bool):
                want = "true" if want else "false"
            elif not isinstance(want, str):
                want = json.dumps(want)
            if want != val:
                fail("village %s %s: CSV %r, JSON %r" % (v["code"], col, val, want))
            n += 1
    print("village CSV: %d values equal the JSON" % n)


def check_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail("not a PNG")
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height, depth, ctype = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    if depth != 8 or ctype not in (2, 6):
        fail("unexpected PNG format depth %d type %d" % (depth, ctype))
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    colours, dark = set(), 0
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pr) & 255
        if y % 4 == 0:
            for x in range(0, width, 4):
                px = bytes(line[x * bpp:x * bpp + 3])
                colours.add(px)
                if sum(px) < 600:
                    dark += 1
        prev = line
    if len(colours) < 8 or dark < 200:
        fail("the screenshot looks blank: %d colours, %d non-white samples" %
             (len(colours), dark))
    print("PNG %dx%d: %d colours, %d non-white samples" % (width, height, len(colours), dark))


def main():
    cmd = sys.argv[1]
    if cmd == "xlsx":
        check_xlsx(*sys.argv[2:5])
    elif cmd == "lo":
        check_lo(*sys.argv[2:6])
    elif cmd == "dom":
        check_dom(*sys.argv[2:5])
    elif cmd == "vcsv":
        check_village_csv(sys.argv[2], sys.argv[3])
    elif cmd == "png":
        check_png(sys.argv[2])
    else:
        fail("unknown check " + cmd)


if __name__ == "__main__":
    main()
