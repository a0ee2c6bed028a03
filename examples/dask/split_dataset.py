#!/usr/bin/env python3
"""Split one dataset folder into a root of partitions, one per division-code prefix.

    python3 examples/dask/split_dataset.py DATASET OUT [--digits 6]

OUT/<first 2 digits>/<first DIGITS digits>/ receives the villages whose code starts
with that prefix, their households and the members, incomes and events of those
households (docs/scale.md). Rows are copied as they are (re-quoted only where CSV
needs it), in their file order; rows that name no known household go nowhere and are
counted on standard error. Standard library only.
"""

import argparse
import csv
import os
import sys

FILES = ("villages", "households", "members", "incomes", "events")


def split(dataset, out, digits):
    tables = {}
    for name in FILES:
        path = os.path.join(dataset, name + ".csv")
        if not os.path.exists(path):
            continue
        with open(path, newline="", encoding="utf-8-sig") as f:
            tables[name] = list(csv.reader(f))
    col = {name: t[0] for name, t in tables.items()}
    vcode = col["villages"].index("village_code")
    part_of_village = {r[vcode]: r[vcode][:digits] for r in tables["villages"][1:] if r}
    hid = col["households"].index("household_id")
    hv = col["households"].index("village_code")
    part_of_household = {}
    for r in tables["households"][1:]:
        if len(r) > max(hid, hv) and r[hv] in part_of_village:
            part_of_household.setdefault(r[hid], part_of_village[r[hv]])
    rows = {}
    dropped = 0
    for name, t in tables.items():
        for r in t[1:]:
            if not r:
                continue
            if name == "villages":
                key = r[vcode][:digits]
            elif name == "households":
                key = part_of_village.get(r[hv]) if len(r) > hv else None
            else:
                k = col[name].index("household_id")
                key = part_of_household.get(r[k]) if len(r) > k else None
            if key is None:
                dropped += 1
                continue
            rows.setdefault(key, {}).setdefault(name, []).append(r)
    for key, files in rows.items():
        d = os.path.join(out, key[:2], key)
        os.makedirs(d, exist_ok=True)
        for name in tables:
            with open(os.path.join(d, name + ".csv"), "w", newline="", encoding="utf-8") as f:
                csv.writer(f, lineterminator="\n").writerows([col[name]] + files.get(name, []))
    if dropped:
        print("split_dataset: %d rows name no known village or household" % dropped,
              file=sys.stderr)
    return len(rows)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dataset")
    ap.add_argument("out")
    ap.add_argument("--digits", type=int, default=6, choices=(2, 4, 6, 9, 12))
    a = ap.parse_args(argv)
    n = split(a.dataset, a.out, a.digits)
    print("%d partitions under %s" % (n, a.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
