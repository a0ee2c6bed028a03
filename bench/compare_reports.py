#!/usr/bin/env python3
"""Compare two report JSON Lines files field by field (benchmark tool, stdlib only).

    python3 bench/compare_reports.py A.jsonl B.jsonl [--show N]

Lines are matched by position and must describe the same household or village. Every
leaf field (dotted path, e.g. income.growth or village.alerts.watch) is compared:
`exact` counts identical values; numbers that differ by at most one unit in the last
printed place (formats.md: derived figures are compared with that tolerance) count as
`within tolerance`; anything else is a difference, listed per field with examples.
Lists of reason codes compare as ordered lists. A key that only one file prints (a
key added after formats.md section 4) is listed apart and not compared. Exit status 0 when nothing differs
beyond the tolerance, 1 otherwise.
"""
import argparse
import json
import sys
from collections import Counter, defaultdict


def leaves(obj, prefix=""):
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from leaves(v, f"{prefix}.{k}" if prefix else k)
    else:
        yield prefix, obj


def ulp(text):
    """One unit in the last printed place of a JSON number's text."""
    t = text.lstrip("-")
    return 10.0 ** -(len(t) - t.index(".") - 1) if "." in t else 1.0


def key_of(obj):
    if "village" in obj and isinstance(obj["village"], dict):
        return ("village", obj["village"]["code"])
    return ("household", obj.get("household"))


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("--show", type=int, default=3, help="examples per differing field")
    args = ap.parse_args(argv)
    exact, tol, diff, only = Counter(), Counter(), Counter(), Counter()
    examples = defaultdict(list)
    lines = 0
    with open(args.a, encoding="utf-8") as fa, open(args.b, encoding="utf-8") as fb:
        for n, (la, lb) in enumerate(zip(fa, fb), 1):
            lines += 1
            # parse numbers as text so that the printed places are known
            ja = json.loads(la, parse_float=str, parse_int=str)
            jb = json.loads(lb, parse_float=str, parse_int=str)
            if key_of(ja) != key_of(jb):
                print(f"line {n}: {key_of(ja)} against {key_of(jb)}: order differs")
                return 1
            kind = key_of(ja)[0]
            da, db = dict(leaves(ja)), dict(leaves(jb))
            for f in sorted(set(da) | set(db)):
                va, vb = da.get(f, "<missing>"), db.get(f, "<missing>")
                field = f if kind == "village" else "household." + f
                if va == vb:
                    exact[field] += 1
                    continue
                if "<missing>" in (va, vb):
                    # a key only one side prints: not part of the contract both follow
                    only[field] += 1
                    continue
                ok = False
                if isinstance(va, str) and isinstance(vb, str):
                    try:
                        x, y = float(va), float(vb)
                        ok = abs(x - y) <= max(ulp(va), ulp(vb)) * (1 + 1e-9)
                    except ValueError:
                        ok = False
                if ok:
                    tol[field] += 1
                else:
                    diff[field] += 1
                if len(examples[field]) < args.show:
                    examples[field].append(f"line {n} {key_of(ja)[1]}: {va!r} vs {vb!r}")
        extra_a, extra_b = fa.readline(), fb.readline()
    if extra_a or extra_b:
        print(f"line count differs after {lines} lines")
        return 1
    for f in sorted(only):
        print(f"{f}: present in only one file on {only[f]} lines (not compared)")
    fields = sorted(set(exact) | set(tol) | set(diff))
    print(f"{lines} lines, {len(fields)} fields")
    print(f"{'field':50} {'exact':>9} {'within 1 ulp':>12} {'differ':>8}")
    for f in fields:
        print(f"{f:50} {exact[f]:9d} {tol[f]:12d} {diff[f]:8d}")
    total = sum(exact.values()) + sum(tol.values()) + sum(diff.values())
    print(f"total values {total}: exact {sum(exact.values())}, within tolerance "
          f"{sum(tol.values())}, differ {sum(diff.values())}")
    for f in fields:
        if examples[f]:
            print(f"{f} ({'differs' if diff[f] else 'within tolerance'}):")
            for e in examples[f]:
                print("   ", e)
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main())
