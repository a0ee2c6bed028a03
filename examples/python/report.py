#!/usr/bin/env python3
"""Households at risk in a dataset, and what raising the monitoring threshold changes.

    python3 examples/python/report.py [DATASET]

DATASET defaults to examples/data. Needs only the Python standard library and the
built libfupin (found through FUPIN_LIBRARY, the build/ tree, or the system).
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

try:
    import fupin
except ImportError:
    # Run from the source tree without installing the package.
    sys.path.insert(0, os.path.join(ROOT, "bindings", "python"))
    import fupin

AT_RISK = ("warning", "severe")


def alert_level(record):
    alert = record["alert"]
    return alert["level"] if alert else None


def main(argv):
    data = argv[1] if len(argv) > 1 else os.path.join(ROOT, "examples", "data")
    if not os.path.isfile(os.path.join(data, "villages.csv")):
        print("usage: report.py DATASET (no villages.csv in %s)" % data, file=sys.stderr)
        return 2
    try:
        with fupin.Policy.builtin("national") as national, fupin.Dataset.load(data) as ds:
            year = ds.default_year(national)
            before = {}
            print("Households at warning or above in %d (national policy):" % year)
            for rec in ds.report(national, year):
                if "household" not in rec:
                    continue
                before[rec["household"]] = alert_level(rec)
                if alert_level(rec) in AT_RISK:
                    print("  %-12s village %s  %-7s %-10s %s" % (
                        rec["household"], rec["village"], rec["alert"]["level"],
                        rec["alert"]["category"], " ".join(rec["alert"]["reasons"])))

            with national.copy() as raised:
                raised.set("monitoring_threshold", 8700, year=2024)
                print("\nWith monitoring_threshold = %g from 2024 (national: %g in %d):" % (
                    raised.get("monitoring_threshold", year=year),
                    national.get("monitoring_threshold", year=year), year))
                changed = 0
                for rec in ds.report(raised, year):
                    if "household" not in rec:
                        continue
                    old, new = before[rec["household"]], alert_level(rec)
                    if old != new:
                        changed += 1
                        print("  %-12s village %s  %s -> %s" % (
                            rec["household"], rec["village"], old, new))
                print("  %d household(s) change alert level" % changed)
    except fupin.FupinError as e:
        print("report.py: %s" % e.message, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
