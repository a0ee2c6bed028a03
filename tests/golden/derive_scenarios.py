#!/usr/bin/env python3
"""Write the scenario golden files of tests/golden/scenarios/ from the HAND derivation
in NOTES-scenarios.md.

As derive.py does for the sample report: every status, level, category, reason list,
diff change and check verdict below was decided by hand from rules.md and formats.md
(NOTES-scenarios.md gives the reasoning); this script only does the arithmetic
(per-capita, growth, CAGR, village sums, rounding half away from zero) and the output
layout (JSON Lines, CSV, the diff and check texts of formats.md sections 4 and 5). It
implements no rule: change a verdict here only after re-deriving it in the notes.

Usage: derive_scenarios.py OUTDIR
"""
from fractions import Fraction as F
import json
import math
import os
import sys

M, U, K = "met", "unmet", "unknown"
DIMS = ("food", "clothing", "education", "medical", "housing", "water")
NAT = {2013: 9430, 2018: 14617, 2019: 16021, 2023: 21691, 2024: 23119}  # national_rural_income
CPI = {2019: F(32, 10), 2024: F(3, 10)}                                   # rural_cpi, percent
MEMBERS = {"A1": 2, "A2": 1, "A3": 3}
NET = {  # household net income per year (yuan), incomes.csv of tests/golden/mini
    "A1": {2019: 8000, 2023: 10000, 2024: 10500},
    "A2": {2018: 3000, 2019: 3300, 2023: 7000, 2024: 8000},
    "A3": {2018: 8100, 2019: 9000, 2023: 11400, 2024: 12600},
}
VILLAGE = ("530102001001", "甲村", 100)


def rnd(x, places):
    """Half away from zero to `places` decimals, exactly (x a Fraction or None)."""
    if x is None:
        return None
    s = F(10) ** places
    v = abs(x) * s
    q = int(v)
    if v - q >= F(1, 2):
        q += 1
    r = F(q) / s
    return -r if x < 0 and r != 0 else r


def rnd_float(x, places):
    """CAGR is a real power, not a ratio of integers: a float, checked to lie far from
    a rounding midpoint so that its rounding is not in doubt."""
    if x is None:
        return None
    s = 10 ** places
    frac = abs(x) * s - math.floor(abs(x) * s)
    assert abs(frac - 0.5) > 1e-6, "a CAGR too near a tie to derive by float"
    return rnd(F(x), places)


def num(x):
    if x is None:
        return None
    return int(x) if x.denominator == 1 else float(x)


def pct(x):
    return None if x is None else x * 100


def growth(now, prev):
    return None if now is None or prev is None or prev <= 0 else F(now, prev) - 1


def real(g, year):
    return None if g is None or year not in CPI else (1 + g) / (1 + CPI[year] / 100) - 1


def nat_growth(year):
    return growth(NAT.get(year), NAT.get(year - 1))


def cagr(now, base, years):
    if now is None or base is None or base <= 0 or now < 0:
        return None
    return (now / base) ** (1.0 / years) - 1


# docs/choices.md, low-confidence values: built-in values whose status in
# national-defaults.csv is unconfirmed, weak or widely quoted, that a result uses. In
# 2019 the line (3218, weak) and rural_cpi (3.2, unconfirmed: the national real growth
# uses it) are; the national incomes of 2018 and 2019 are confirmed. In 2024 none is.
LOW = {2019: ["poverty_line@2019", "rural_cpi@2019"], 2024: []}


class Scenario:
    def __init__(self, year, line, since=None):
        self.year, self.line, self.since = year, line, since

    def figures(self, now, prev, base=None):
        """income figures (R-I4..R-I6) of totals now/prev (same members)."""
        y = self.year
        g, ng = growth(now, prev), nat_growth(y)
        d = {"growth": num(rnd(pct(g), 2)), "national_growth": num(rnd(pct(ng), 2)),
             "gap_pp": num(rnd(None if g is None or ng is None else pct(g - ng), 2)),
             "real_growth": num(rnd(pct(real(g, y)), 2)),
             "national_real_growth": num(rnd(pct(real(ng, y)), 2))}
        if self.since:
            n = y - self.since
            c = cagr(now, base, n)
            nc = cagr(NAT.get(y), NAT.get(self.since), n)
            d["since"] = self.since
            d["cagr"] = num(rnd_float(None if c is None else c * 100, 2))
            d["national_cagr"] = num(rnd_float(None if nc is None else nc * 100, 2))
        return d

    def household(self, hid, dims, greasons, exit_eligible, alert, monitor):
        y, m = self.year, MEMBERS[hid]
        now, prev = NET[hid].get(y), NET[hid].get(y - 1)
        if m is None:  # incomplete household: nothing per member is known (R-I3)
            now = prev = None
        pc = None if now is None else F(now, m)
        status = "unknown" if pc is None else ("below" if pc < self.line[hid] else "above")
        statuses = dict(zip(DIMS, dims))
        overall = U if U in dims else (K if K in dims else M)
        inc = {"per_capita": num(rnd(pc, 2)), "poverty_line": self.line[hid], "status": status}
        inc.update(self.figures(now, prev, NET[hid].get(self.since) if self.since else None))
        return {"household": hid, "village": VILLAGE[0], "year": y,
                "guarantee": dict([("status", overall)] + list(statuses.items()) +
                                  [("reasons", greasons)]),
                "income": inc, "exit_eligible": exit_eligible,
                "alert": None if alert is None else dict(zip(("level", "category", "reasons"), alert)),
                "monitor_exit": None if monitor is None else dict(zip(("status", "reasons"), monitor)),
                **({"low_confidence": LOW[y]} if LOW[y] else {})}

    def village(self, hs, poor, exit_eligible, exit_reasons, counts, visit):
        y = self.year
        code, name, pop = VILLAGE
        known = [h for h in hs if NET[h].get(y) is not None and MEMBERS[h] is not None]
        panel = [h for h in known if NET[h].get(y - 1) is not None]
        total = sum(NET[h][y] for h in known)
        members = sum(MEMBERS[h] for h in known)
        now = sum(NET[h][y] for h in panel)
        prev = sum(NET[h][y - 1] for h in panel)
        ng = nat_growth(y)
        above = sum(1 for h in panel if growth(NET[h][y], NET[h][y - 1]) > ng) if ng is not None else None
        inc = {"per_capita": num(rnd(F(total, members), 2))}
        span = None
        base = None
        if self.since:
            span = [h for h in known if NET[h].get(self.since) is not None]
            now_s = sum(NET[h][y] for h in span)
            base = sum(NET[h][self.since] for h in span)
        fig = self.figures(now if panel else None, prev if panel else None, base)
        if self.since:
            c = cagr(now_s, base, y - self.since) if span else None
            fig["cagr"] = num(rnd_float(None if c is None else c * 100, 2))
        inc.update(fig)
        inc["households_income_known"] = len(known)
        inc["panel_households"] = len(panel)
        inc["households_above_national"] = above
        if self.since:
            inc["span_panel_households"] = len(span)
        v = {"code": code, "name": name, "year": y, "households": len(hs), "population": pop,
             "poor_population": poor,
             "incidence": None if poor is None else num(rnd(F(poor, pop), 4)),
             "exit_eligible": exit_eligible, "exit_reasons": exit_reasons}
        v.update(counts)
        v["income"] = inc
        v["visit_first"] = visit
        if LOW[y]:
            v["low_confidence"] = LOW[y]
        return {"village": v}


def dump(o):
    return json.dumps(o, ensure_ascii=False, separators=(",", ":"))


def counts(g, alerts, cats, mon):
    keys = (("met", "unmet", "unknown"), ("none", "watch", "warning", "severe"),
            ("none", "registered", "unstable", "marginal", "hardship"),
            ("not_monitored", "stay", "eligible"))
    out = {"guarantee": dict(zip(keys[0], g))}
    out["alerts"] = None if alerts is None else dict(zip(keys[1], alerts))
    out["categories"] = None if cats is None else dict(zip(keys[2], cats))
    out["monitor_exit"] = None if mon is None else dict(zip(keys[3], mon))
    return out


ALL_MET = (M, M, M, M, M, M)
A3_DIMS = (M, M, K, M, U, M)


def national_2024(since=None):
    """NOTES-scenarios.md, 2024 under national (line 4000, threshold 6000)."""
    s = Scenario(2024, {"A1": 4000, "A2": 4000, "A3": 4000}, since)
    hs = [
        s.household("A1", ALL_MET, [], True, ("watch", "none", ["INCOME_BELOW_THRESHOLD"]),
                    ("not_monitored", [])),
        s.household("A2", ALL_MET, [], True, ("none", "none", []), ("eligible", [])),
        s.household("A3", A3_DIMS, ["EDU_UNKNOWN", "HOUSING_UNSAFE"], False,
                    ("severe", "registered", ["INCOME_BELOW_THRESHOLD", "EDU_UNKNOWN", "HOUSING_UNSAFE"]),
                    ("not_monitored", [])),
    ]
    v = s.village(["A1", "A2", "A3"], 3, True, [],
                  counts((2, 1, 0), (1, 1, 0, 1), (2, 1, 0, 0, 0), (2, 0, 1)), ["A3"])
    return hs, v


def province_2024():
    """NOTES-scenarios.md, 2024 under mini-province.pol (west line 4200, threshold 8700)."""
    s = Scenario(2024, {"A1": 4200, "A2": 4200, "A3": 4200})
    hs = [
        s.household("A1", ALL_MET, [], True, ("watch", "none", ["INCOME_BELOW_THRESHOLD"]),
                    ("not_monitored", [])),
        s.household("A2", ALL_MET, [], True, ("watch", "none", ["INCOME_BELOW_THRESHOLD"]),
                    ("stay", ["INCOME_BELOW_THRESHOLD"])),
        s.household("A3", A3_DIMS, ["EDU_UNKNOWN", "HOUSING_UNSAFE"], False,
                    ("severe", "registered", ["INCOME_BELOW_THRESHOLD", "EDU_UNKNOWN", "HOUSING_UNSAFE"]),
                    ("not_monitored", [])),
    ]
    v = s.village(["A1", "A2", "A3"], 3, False, ["INCIDENCE_TOO_HIGH", "VILLAGE_NO_CLINIC"],
                  counts((2, 1, 0), (0, 2, 0, 1), (2, 1, 0, 0, 0), (2, 1, 0)), ["A3"])
    return hs, v


def national_2019():
    """NOTES-scenarios.md, 2019: line 3218, no monitoring threshold yet."""
    s = Scenario(2019, {"A1": 3218, "A2": 3218, "A3": 3218})
    hs = [
        s.household("A1", ALL_MET, [], True, None, None),
        s.household("A2", ALL_MET, [], True, None, None),
        s.household("A3", (M, M, M, M, U, M), ["HOUSING_UNSAFE"], False, None, None),
    ]
    v = s.village(["A1", "A2", "A3"], 4, False, ["INCIDENCE_TOO_HIGH"],
                  counts((2, 1, 0), None, None, None), None)
    return hs, v


CSV_HEADER = ("household,village,year,guarantee.status,guarantee.food,guarantee.clothing,"
              "guarantee.education,guarantee.medical,guarantee.housing,guarantee.water,"
              "guarantee.reasons,income.per_capita,income.poverty_line,income.status,"
              "income.growth,income.national_growth,income.gap_pp,income.real_growth,"
              "income.national_real_growth,income.since,income.cagr,income.national_cagr,"
              "exit_eligible,alert.level,alert.category,alert.reasons,monitor_exit.status,"
              "monitor_exit.reasons,low_confidence")


def cell(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return " ".join(v)
    if isinstance(v, float):
        return repr(v)
    return str(v)


def csv_row(h):
    g, i, a, m = h["guarantee"], h["income"], h["alert"] or {}, h["monitor_exit"] or {}
    vals = [h["household"], h["village"], h["year"], g["status"]] + [g[d] for d in DIMS] + \
        [g["reasons"], i["per_capita"], i["poverty_line"], i["status"], i["growth"],
         i["national_growth"], i["gap_pp"], i["real_growth"], i["national_real_growth"],
         i.get("since"), i.get("cagr"), i.get("national_cagr"), h["exit_eligible"],
         a.get("level"), a.get("category"), a.get("reasons"), m.get("status"), m.get("reasons"),
         h.get("low_confidence", [])]
    return ",".join(cell(v) for v in vals)


OBJECTS = {"alert", "monitor_exit", "alerts", "categories"}


def diff_lines(base, new):
    """formats.md 5: changed fields per record in JSON order, then the transitions.
    A field on one side only (alert and monitor_exit are null objects in a year
    without a threshold) is a change from or to null (issue 16 S3)."""
    def flat(prefix, o, out):
        for k, v in o.items():
            if isinstance(v, dict):
                flat(prefix + k + ".", v, out)
            elif v is None and k in OBJECTS:
                continue  # a null object has no fields
            else:
                out.append((prefix + k, v))
        return out

    def t(v):
        return "[" + " ".join(v) + "]" if isinstance(v, list) else ("null" if v is None else cell(v))
    lines, trans = [], {}
    fields = []
    for b, n in zip(base, new):
        key = "village" if isinstance(b.get("village"), dict) else "household"
        bo = b["village"] if key == "village" else b
        no = n["village"] if key == "village" else n
        pre = "village." if key == "village" else ""
        fb, fn = flat(pre, bo, []), flat(pre, no, [])
        db, dn = dict(fb), dict(fn)
        order = [k for k, _ in fn] + [k for k, _ in fb if k not in dn]
        for k in order:
            if k not in fields:
                fields.append(k)
        ch = [(k, db.get(k), dn.get(k)) for k in order if db.get(k) != dn.get(k)]
        if not ch:
            continue
        rid = bo["code"] if key == "village" else bo["household"]
        lines.append(dump({key: rid, "changes": {k: [x, y] for k, x, y in ch}}))
        for k, x, y in ch:
            text = "%s %s->%s" % (k, t(x), t(y))
            trans[text] = trans.get(text, 0) + 1
    # fields in JSON order (households' before villages'), then count, then text
    fields = [f for f in fields if not f.startswith("village.")] + \
        [f for f in fields if f.startswith("village.")]
    summary = sorted(trans.items(), key=lambda kv: (fields.index(kv[0].split(" ")[0]), -kv[1], kv[0]))
    return lines + ["%s: %d" % kv for kv in summary]


def national_2019_threshold():
    """NOTES-scenarios.md, 2019 with monitoring_threshold@2019 = 5000 (the diff's
    policy): A1 4000 and A2 3300 < 5000 -> R-A2 alone -> watch, none; A3 3000 < 3218
    -> R-A1 with HOUSING_UNSAFE -> severe, registered (registered in 2019); nobody is
    monitored in 2019 (A2 only from 2023-05)."""
    s = Scenario(2019, {"A1": 3218, "A2": 3218, "A3": 3218})
    hs = [
        s.household("A1", ALL_MET, [], True, ("watch", "none", ["INCOME_BELOW_THRESHOLD"]),
                    ("not_monitored", [])),
        s.household("A2", ALL_MET, [], True, ("watch", "none", ["INCOME_BELOW_THRESHOLD"]),
                    ("not_monitored", [])),
        s.household("A3", (M, M, M, M, U, M), ["HOUSING_UNSAFE"], False,
                    ("severe", "registered", ["INCOME_BELOW_LINE", "HOUSING_UNSAFE"]),
                    ("not_monitored", [])),
    ]
    v = s.village(["A1", "A2", "A3"], 4, False, ["INCIDENCE_TOO_HIGH"],
                  counts((2, 1, 0), (0, 2, 0, 1), (2, 1, 0, 0, 0), (3, 0, 0)), ["A3"])
    return hs, v


def lenient_2024():
    """NOTES-scenarios.md, the lenient load of tests/golden/lenient under national 2024:
    B2 lost a member record (incomplete), B3's 2024 income row is duplicated (that
    year's income unknown, formats.md 1)."""
    global NET, MEMBERS, VILLAGE
    NET = {"B1": {2023: 5000, 2024: 9000}, "B2": {2023: 6000, 2024: 7000}, "B3": {2023: 7000}}
    MEMBERS = {"B1": 1, "B2": None, "B3": 1}
    VILLAGE = ("110101001001", "乙村", 50)
    s = Scenario(2024, {"B1": 4000, "B2": 4000, "B3": 4000})
    hs = [
        s.household("B1", ALL_MET, [], True, ("none", "none", []), ("not_monitored", [])),
        s.household("B2", (M, M, K, K, M, M), ["EDU_UNKNOWN", "MED_UNKNOWN"], None,
                    ("watch", "none", ["EDU_UNKNOWN", "MED_UNKNOWN", "INCOME_UNKNOWN"]),
                    ("not_monitored", [])),
        s.household("B3", ALL_MET, [], None, ("watch", "none", ["INCOME_UNKNOWN"]),
                    ("not_monitored", [])),
    ]
    v = s.village(["B1", "B2", "B3"], None, None, ["INCIDENCE_UNKNOWN"],
                  counts((2, 0, 1), (1, 2, 0, 0), (3, 0, 0, 0, 0), (3, 0, 0)), [])
    return hs, v


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)

    def write(name, lines):
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            f.write("".join(line + "\n" for line in lines))

    hs, v = national_2024()
    write("mini-2024.csv", [CSV_HEADER] + [csv_row(h) for h in hs])
    hs_s, v_s = national_2024(since=2019)
    write("mini-2024-since-2019.jsonl", [dump(x) for x in hs_s + [v_s]])
    hp, vp = province_2024()
    write("mini-2024-province.jsonl", [dump(x) for x in hp + [vp]])
    h19, v19 = national_2019()
    write("mini-2019.jsonl", [dump(x) for x in h19 + [v19]])
    write("mini-diff-province.txt", diff_lines(hs + [v], hp + [vp]))
    ht, vt = national_2019_threshold()
    write("mini-diff-2019-threshold.txt", diff_lines(h19 + [v19], ht + [vt]))
    # check: the verdicts of mini-expect.csv, row by row (NOTES-scenarios.md)
    write("mini-check.txt", [
        "A1 2024 alert.level: expected none, got watch",
        "A3 2024 income.growth: expected 10.51, got 10.53",
        "530102001001 2024 village.exit_eligible: expected false, got true",
        "A9 2024 alert.level: expected none, got no such household",
        "A1 2024 alert.nonexistent: expected x, got no such field",
        "6 passed, 5 failed"])
    hl, vl = lenient_2024()
    write("lenient-2024.jsonl", [dump(x) for x in hl + [vl]])


if __name__ == "__main__":
    main()
