#!/usr/bin/env python3
"""The `fupin report` JSON Lines, written independently with pandas (benchmark only).

    python3 bench/pandas_report.py DATASET [--year Y] [-o OUT]

This is the reference side of the speed ratio of issue 15: the same report an analyst
would write with pandas, vectorised, from the rule book (docs/reference/rules.md) and the
output contract (docs/reference/output.md), without using any of fupin's code. It
covers the built-in national policy, a strict load of a valid dataset, and one year
(the latest income year unless --year is given): guarantees R-G1..R-G7, income
R-I1..R-I4 and R-I6, exit R-E1, alerts R-A1..R-A11, monitor exit R-M1 and the village
lines R-V1..R-V3. It does not validate input (use `fupin validate`); --since, policy
files and lenient loads are not covered.

Needs pandas and numpy (Debian: python3-pandas). Nothing in the test suite uses it.
"""
import argparse
import sys
from fractions import Fraction

import numpy as np
import pandas as pd

# ---- the built-in national policy (docs/reference/parameters.md) ----
POVERTY_LINE = {2010: 2300, 2011: 2536, 2012: 2625, 2013: 2736, 2014: 2800, 2015: 2855,
                2016: 2952, 2017: 2952, 2018: 2995, 2019: 3218, 2020: 4000}
MONITORING_THRESHOLD = {2020: 6000}
NATIONAL_RURAL_INCOME = {2013: 9430, 2014: 10489, 2015: 11422, 2016: 12363, 2017: 13432,
                         2018: 14617, 2019: 16021, 2020: 17131, 2021: 18931, 2022: 20133,
                         2023: 21691, 2024: 23119}
RURAL_CPI = {2013: 2.8, 2014: 1.8, 2015: 1.3, 2016: 1.9, 2017: 1.3, 2018: 2.1, 2019: 3.2,
             2020: 3.0, 2021: 0.7, 2022: 2.0, 2023: 0.1, 2024: 0.3}
SCHOOL_AGE_MIN, SCHOOL_AGE_MAX, SCHOOL_AGE_MONTH, SCHOOL_AGE_DAY = 6, 15, 8, 31
WATER_LITRES_MIN, WATER_LITRES_MIN_SCARCE = 35.0, 20.0
WATER_MINUTES_MAX, WATER_SUPPLY_RATE_MIN = 20.0, 90.0
INCOME_DROP_RATIO = Fraction("0.3")
RIGID_EXPENSE_RATIO = Fraction("1.0")
MONITOR_MIN_MONTHS = 6
VILLAGE_EXIT_MAX = {"": Fraction("0.02"), "west": Fraction("0.03")}

EVENT_KINDS = ["major_illness", "accident", "disability", "disaster", "death", "job_loss",
               "business_failure", "other"]


def rule_value(series, year):
    """A `rule` parameter: the entry with the greatest year <= Y (rules.md section 7)."""
    years = [y for y in series if y <= year]
    return series[max(years)] if years else None


# ---- small vectorised helpers ----

def read(path, required=True):
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False,
                           encoding="utf-8-sig")
    except FileNotFoundError:
        if required:
            raise
        return None


def fen(col):
    """Amount text -> integer fen (float64 with NaN for blank; exact below 2**53 fen)."""
    x = pd.to_numeric(col.replace("", np.nan))
    return np.round(x * 100.0)


def tri(met, unmet):
    """Three-valued status column from two boolean masks (unmet wins, else met, else unknown)."""
    return np.where(unmet, "unmet", np.where(met, "met", "unknown"))


def round_half_away_int(num, den):
    """round(num / den) half away from zero, exactly, for int64 arrays with den > 0."""
    q = (2 * np.abs(num) + den) // (2 * den)
    return np.where(num < 0, -q, q)


def fmt_scaled(v, scale_digits):
    """Integer v / 10**digits as the shortest JSON number (no trailing zeros, no -0)."""
    v = int(v)
    neg = v < 0
    v = abs(v)
    d = 10 ** scale_digits
    whole, frac = divmod(v, d)
    if frac == 0:
        s = str(whole)
    else:
        s = f"{whole}.{frac:0{scale_digits}d}".rstrip("0")
    return "-" + s if neg and (whole or frac) else s


def fmt_col_scaled(vals, known, digits):
    """Column of integers in 10**-digits units -> JSON number text, 'null' where unknown."""
    out = np.full(len(vals), "null", dtype=object)
    idx = np.flatnonzero(known)
    if len(idx):
        vv = np.asarray(vals)[idx].astype(np.int64)
        uniq, inv = np.unique(vv, return_inverse=True)
        out[idx] = np.array([fmt_scaled(u, digits) for u in uniq], dtype=object)[inv]
    return out


def round2(x):
    """Double to 2 decimals, half away from zero, as integer hundredths (NaN stays NaN)."""
    return np.sign(x) * np.floor(np.abs(x) * 100.0 + 0.5)


def pct_fmt(x):
    """Double share (0.0658) -> percent text rounded to 2 decimals, 'null' for NaN."""
    x = np.asarray(x, dtype=float)
    known = ~np.isnan(x)
    h = np.where(known, round2(np.where(known, x, 0.0) * 100.0), 0)
    return fmt_col_scaled(h, known, 2)


def json_str(s):
    return ('"' + s.str.replace("\\", "\\\\", regex=False).str.replace('"', '\\"', regex=False)
            + '"')


def code_list(pairs, n):
    """pairs: [(mask, CODE)] in order -> JSON list text per row."""
    acc = pd.Series([""] * n, dtype=object)
    for mask, code in pairs:
        acc = acc + np.where(mask, '"' + code + '",', "")
    return "[" + acc.str.rstrip(",") + "]"


def tv(mask_true, mask_false):
    """Three-valued boolean -> 'true' / 'false' / 'null'."""
    return np.where(mask_false, "false", np.where(mask_true, "true", "null"))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dataset")
    ap.add_argument("--year", type=int)
    ap.add_argument("-o", "--output", default="-")
    a = ap.parse_args(argv)
    d = a.dataset.rstrip("/")

    vil = read(f"{d}/villages.csv")
    hh = read(f"{d}/households.csv")
    mem = read(f"{d}/members.csv")
    inc = read(f"{d}/incomes.csv", required=False)
    ev = read(f"{d}/events.csv", required=False)

    if a.year is not None:
        Y = a.year
    elif inc is not None and len(inc):
        Y = int(pd.to_numeric(inc["year"]).max())
    else:
        Y = 2024  # the national policy's latest year
    line = rule_value(POVERTY_LINE, Y)
    if line is None:
        sys.exit(f"poverty_line has no value for {Y}")
    thr = rule_value(MONITORING_THRESHOLD, Y)
    line_fen, thr_fen = line * 100, (thr * 100 if thr is not None else None)

    n = len(hh)
    hid = hh["household_id"]

    # ---- villages joined to households (region, water scarcity) ----
    vidx = pd.Index(vil["village_code"])
    vpos = vidx.get_indexer(hh["village_code"])
    scarce = (vil["water_scarce"].to_numpy() == "1")[vpos]

    # ---- members: size, education (R-G3), medical (R-G4), labour (R-A7) ----
    hpos = pd.Index(hid).get_indexer(mem["household_id"])
    size = np.bincount(hpos, minlength=n).astype(np.int64)
    birth = mem["birth"]
    by = pd.to_numeric(birth.str.slice(0, 4)).to_numpy()
    blen = birth.str.len().to_numpy()
    bm = np.where(blen >= 7, pd.to_numeric(birth.str.slice(5, 7), errors="coerce"), 7)
    bd = np.where(blen >= 10, pd.to_numeric(birth.str.slice(8, 10), errors="coerce"),
                  np.where(blen >= 7, 15, 1))
    not_yet = (bm > SCHOOL_AGE_MONTH) | ((bm == SCHOOL_AGE_MONTH) & (bd > SCHOOL_AGE_DAY))
    age = Y - by - not_yet.astype(int)
    in_scope = (age >= SCHOOL_AGE_MIN) & (age <= SCHOOL_AGE_MAX)
    school = mem["school"].to_numpy()
    edu_fail = in_scope & np.isin(school, ["dropout", "none"])
    edu_unk = in_scope & (school == "")
    ins = mem["insured"].to_numpy()
    lab = mem["labor"].to_numpy()

    def any_h(mask):
        return np.bincount(hpos, weights=mask.astype(np.int64), minlength=n) > 0

    edu_fail_h, edu_unk_h = any_h(edu_fail), any_h(edu_unk)
    med_fail_h, med_unk_h = any_h(ins == "0"), any_h(ins == "")
    lab_none_n = np.bincount(hpos, weights=(lab == "none").astype(np.int64), minlength=n)
    lab_known_h = any_h(np.isin(lab, ["full", "partial"]))
    lab_blank_h = any_h(lab == "")
    no_labor = (size > 0) & (lab_none_n == size)                       # R-A7

    # ---- guarantees R-G1..R-G7 ----
    food, cloth = hh["food_secure"].to_numpy(), hh["clothing_secure"].to_numpy()
    g_food = tri(food == "1", food == "0")
    g_cloth = tri(cloth == "1", cloth == "0")
    g_edu = tri(~edu_unk_h, edu_fail_h)
    g_med = tri(~med_unk_h, med_fail_h)
    housing = hh["housing"].to_numpy()
    g_house = tri(np.isin(housing, ["A", "B", "relocated"]), np.isin(housing, ["C", "D", "none"]))

    def num(c):
        return pd.to_numeric(hh[c].replace("", np.nan)).to_numpy(dtype=float)

    litres, minutes, supply = num("water_litres"), num("water_minutes"), num("water_supply_rate")
    quality = hh["water_quality_ok"].to_numpy()
    lit_min = np.where(scarce, WATER_LITRES_MIN_SCARCE, WATER_LITRES_MIN)
    w_qty = ~np.isnan(litres) & (litres < lit_min)
    w_acc = ~np.isnan(minutes) & (minutes > WATER_MINUTES_MAX)
    w_sup = ~np.isnan(supply) & (supply < WATER_SUPPLY_RATE_MIN)
    w_qual = quality == "0"
    w_unk = np.isnan(litres) | np.isnan(minutes) | np.isnan(supply) | (quality == "")
    w_fail = w_qty | w_acc | w_sup | w_qual
    g_water = tri(~w_unk, w_fail)

    dims = [g_food, g_cloth, g_edu, g_med, g_house, g_water]
    any_unmet = np.zeros(n, bool)
    any_unk = np.zeros(n, bool)
    for g in dims:
        any_unmet |= g == "unmet"
        any_unk |= g == "unknown"
    g_status = tri(~any_unk, any_unmet)
    g_pairs = [
        (g_food == "unmet", "FOOD_INSECURE"), (g_food == "unknown", "FOOD_UNKNOWN"),
        (g_cloth == "unmet", "CLOTHING_INSECURE"), (g_cloth == "unknown", "CLOTHING_UNKNOWN"),
        (g_edu == "unmet", "EDU_DROPOUT"), (g_edu == "unknown", "EDU_UNKNOWN"),
        (g_med == "unmet", "MED_UNINSURED"), (g_med == "unknown", "MED_UNKNOWN"),
        (g_house == "unmet", "HOUSING_UNSAFE"), (g_house == "unknown", "HOUSING_UNKNOWN"),
        (w_qty, "WATER_QUANTITY"), (w_acc, "WATER_ACCESS"), (w_sup, "WATER_SUPPLY"),
        (w_qual, "WATER_QUALITY"), (g_water == "unknown", "WATER_UNKNOWN"),
    ]

    # ---- income R-I1..R-I4, R-I6 ----
    def year_frame(y):
        """Household net income (fen, NaN unknown) and rigid spending of year y."""
        tot = np.full(n, np.nan)
        medx = np.full(n, np.nan)
        edux = np.full(n, np.nan)
        if inc is None:
            return tot, medx, edux
        f = inc[inc["year"] == str(y)]
        pos = pd.Index(hid).get_indexer(f["household_id"])
        t = fen(f["wage"]) + fen(f["business"]) + fen(f["property"]) + fen(f["transfer"])
        if "production_expense" in f.columns:
            t = t - fen(f["production_expense"])
        tot[pos] = t.to_numpy()
        medx[pos] = fen(f["medical_expense"]).to_numpy()
        edux[pos] = fen(f["education_expense"]).to_numpy()
        return tot, medx, edux

    tY, medY, eduY = year_frame(Y)
    tP, _, _ = year_frame(Y - 1)
    knownY = ~np.isnan(tY) & (size > 0)
    knownP = ~np.isnan(tP) & (size > 0)
    tYi = np.where(knownY, tY, 0).astype(np.int64)
    tPi = np.where(knownP, tP, 0).astype(np.int64)
    sz = np.maximum(size, 1)
    pc_fen = round_half_away_int(tYi, sz)                              # R-I2
    below = knownY & (tYi < line_fen * size)                           # R-I3
    above = knownY & ~below
    inc_status = np.where(below, "below", np.where(above, "above", "unknown"))
    has_growth = knownY & knownP & (tPi > 0)                           # R-I4
    # members cancel: pc(Y)/pc(Y-1) - 1 = tY/tP - 1; rounded exactly to hundredths of %
    g_h = round_half_away_int(np.where(has_growth, 10000 * (tYi - tPi), 0),
                              np.where(has_growth, tPi, 1))
    growth = np.where(has_growth, tYi / np.where(has_growth, tPi, 1) - 1.0, np.nan)
    nri_y, nri_p = NATIONAL_RURAL_INCOME.get(Y), NATIONAL_RURAL_INCOME.get(Y - 1)
    ng = nri_y / nri_p - 1.0 if nri_y is not None and nri_p is not None else None
    cpi = RURAL_CPI.get(Y)
    real = (1 + growth) / (1 + cpi / 100.0) - 1 if cpi is not None else np.full(n, np.nan)
    ng_txt = pct_fmt([ng if ng is not None else np.nan])[0]
    ngr = (1 + ng) / (1 + cpi / 100.0) - 1 if ng is not None and cpi is not None else np.nan
    ngr_txt = pct_fmt([ngr])[0]
    gap = growth - ng if ng is not None else np.full(n, np.nan)

    # ---- exit R-E1 ----
    exit_txt = tv(above & (g_status == "met"), below | (g_status == "unmet"))

    # ---- registration R-E2 ----
    reg = pd.to_numeric(hh["registered_year"].replace("", np.nan)).to_numpy(dtype=float)
    exy = pd.to_numeric(hh["exit_year"].replace("", np.nan)).to_numpy(dtype=float)
    exited = ~np.isnan(exy) & (exy <= Y)
    registered = ~np.isnan(reg) & (reg <= Y) & ~exited

    pieces = {}
    if thr is not None:
        # ---- alerts R-A1..R-A11 ----
        a1 = below
        a2 = knownY & ~a1 & (tYi < thr_fen * size)
        keep = 1 - INCOME_DROP_RATIO                                   # R-A3
        a3 = knownY & knownP & (tPi > 0) & (tYi * keep.denominator <= tPi * keep.numerator)
        base_known = knownP | knownY                                   # R-A4
        base = np.where(knownP, tPi, tYi)
        r = RIGID_EXPENSE_RATIO
        med_k, edu_k = ~np.isnan(medY), ~np.isnan(eduY)
        medi = np.where(med_k, medY, 0).astype(np.int64)
        edui = np.where(edu_k, eduY, 0).astype(np.int64)

        def exceeds(spend):
            over = spend * r.denominator > base * r.numerator
            return base_known & np.where(base <= 0, spend > 0, over)

        both = med_k & edu_k
        a4 = np.where(both, exceeds(medi + edui),
                      (med_k & exceeds(medi)) | (edu_k & exceeds(edui)))
        # decided false: both known and not exceeding, or spending known to be zero
        a4_false = (both & base_known & ~a4) | (both & (medi + edui == 0))
        a4_unk = ~a4 & ~a4_false
        ev_flags = {}
        if ev is not None and len(ev):
            e = ev[ev["year"] == str(Y)]
            epos = pd.Index(hid).get_indexer(e["household_id"])
            ekind = e["kind"].to_numpy()
            for k in EVENT_KINDS:
                ev_flags[k] = np.bincount(epos[ekind == k], minlength=n) > 0
        for k in EVENT_KINDS:
            ev_flags.setdefault(k, np.zeros(n, bool))
        a5 = np.zeros(n, bool)
        for k in EVENT_KINDS:
            a5 |= ev_flags[k]
        assistance = hh["assistance"].to_numpy()
        a7 = no_labor
        a8 = a7 & (assistance == "none")
        a9 = ~knownY
        risk = a3 | a4 | a5 | a8
        any_signal = a1 | a2 | a3 | a4 | a5 | any_unmet | any_unk | a7 | a8 | a9
        severe = a1 | any_unmet                                        # R-A10
        warning = ~severe & ((a2 & (risk | a7)) | a4 | (a3 & a5) | a8)
        level = np.where(severe, "severe", np.where(warning, "warning",
                                                   np.where(any_signal, "watch", "none")))
        cat = np.where(~(severe | warning), "none",                    # R-A11
                       np.where(registered, "registered",
                                np.where(a1 | a2, np.where(exited, "unstable", "marginal"),
                                         "hardship")))
        a_pairs = ([(a1, "INCOME_BELOW_LINE"), (a2, "INCOME_BELOW_THRESHOLD"),
                    (a3, "INCOME_DROP"), (a4, "RIGID_EXPENSE")]
                   + [(ev_flags[k], "EVENT_" + k.upper()) for k in EVENT_KINDS]
                   + g_pairs + [(a7, "NO_LABOR"), (a8, "NO_LABOR_UNCOVERED"),
                                (a9, "INCOME_UNKNOWN")])
        alert_txt = ('{"level":"' + pd.Series(level, dtype=object) + '","category":"' + cat
                     + '","reasons":' + code_list(a_pairs, n) + "}")

        # ---- monitor exit R-M1 ----
        since = hh["monitor_since"]
        sy = pd.to_numeric(since.str.slice(0, 4), errors="coerce").to_numpy()
        sm = np.where(since.str.len().to_numpy() >= 7,
                      pd.to_numeric(since.str.slice(5, 7), errors="coerce"), 12)
        monitored = (hh["monitor"].to_numpy() != "") & ~np.isnan(sy) & (sy <= Y)
        months = (Y * 12 + 12) - (np.nan_to_num(sy) * 12 + sm)
        m_short = months < MONITOR_MIN_MONTHS
        m_below = knownY & (tYi < thr_fen * size)
        m_gnm = g_status != "met"
        m_risk = a3 | a4 | a5
        m_riskunk = ~m_risk & a4_unk
        m_labunk = ~a7 & ~lab_known_h & lab_blank_h
        m_pairs = [(m_short, "MONITORED_TOO_SHORT"), (m_below, "INCOME_BELOW_THRESHOLD"),
                   (~knownY, "INCOME_UNKNOWN"), (m_gnm, "GUARANTEE_NOT_MET"),
                   (m_risk, "RISK_PRESENT"), (m_riskunk, "RISK_UNKNOWN"),
                   (a7, "NO_LABOR"), (m_labunk, "LABOR_UNKNOWN")]
        stay = np.zeros(n, bool)
        for msk, _ in m_pairs:
            stay |= msk
        m_status = np.where(~monitored, "not_monitored", np.where(stay, "stay", "eligible"))
        m_reasons = np.where(monitored, code_list(m_pairs, n), "[]")
        mon_txt = '{"status":"' + pd.Series(m_status, dtype=object) + '","reasons":' + m_reasons + "}"
        pieces.update(level=level, cat=cat, m_status=m_status)
    else:
        alert_txt = pd.Series(["null"] * n, dtype=object)
        mon_txt = alert_txt

    # ---- household lines (formats.md section 4) ----
    gvals = pd.Series(g_status, dtype=object)
    gtxt = ('{"status":"' + gvals + '","food":"' + g_food + '","clothing":"' + g_cloth
            + '","education":"' + g_edu + '","medical":"' + g_med + '","housing":"' + g_house
            + '","water":"' + g_water + '","reasons":' + code_list(g_pairs, n) + "}")
    itxt = ('{"per_capita":' + pd.Series(fmt_col_scaled(pc_fen, knownY, 2), dtype=object)
            + ',"poverty_line":' + str(line) + ',"status":"' + inc_status
            + '","growth":' + fmt_col_scaled(g_h, has_growth, 2)
            + ',"national_growth":' + ng_txt + ',"gap_pp":' + pct_fmt(gap)
            + ',"real_growth":' + pct_fmt(real) + ',"national_real_growth":' + ngr_txt + "}")
    lines = ('{"household":' + json_str(hid) + ',"village":' + json_str(hh["village_code"])
             + ',"year":' + str(Y) + ',"guarantee":' + gtxt + ',"income":' + itxt
             + ',"exit_eligible":' + exit_txt + ',"alert":' + alert_txt
             + ',"monitor_exit":' + mon_txt + "}")

    # ---- village lines R-V1..R-V3 ----
    nv = len(vil)
    vg = pd.DataFrame({
        "v": vpos, "one": 1, "size": size,
        "poor": np.where(registered, size, 0),
        "g_met": g_status == "met", "g_unmet": g_status == "unmet",
        "g_unk": g_status == "unknown",
        "inc_known": knownY, "tY": np.where(knownY, tYi, 0), "mY": np.where(knownY, size, 0),
        "panel": knownY & knownP, "pY": np.where(knownY & knownP, tYi, 0),
        "pP": np.where(knownY & knownP, tPi, 0),
        "beats": has_growth & (growth > (ng if ng is not None else np.inf)),
    })
    if thr is not None:
        for lv in ["none", "watch", "warning", "severe"]:
            vg["al_" + lv] = pieces["level"] == lv
        for c in ["none", "registered", "unstable", "marginal", "hardship"]:
            vg["ca_" + c] = pieces["cat"] == c
        for s in ["not_monitored", "stay", "eligible"]:
            vg["me_" + s] = pieces["m_status"] == s
    agg = vg.groupby("v", sort=True).sum(numeric_only=True).reindex(range(nv), fill_value=0)
    agg = agg.astype(np.int64)

    pop_txt = vil["population"].to_numpy()
    pop_known = pop_txt != ""
    pop = np.where(pop_known, pd.to_numeric(vil["population"].replace("", "0")), 0).astype(np.int64)
    poor = agg["poor"].to_numpy()
    incid = fmt_col_scaled(round_half_away_int(10000 * poor, np.maximum(pop, 1)), pop_known, 4)
    region = vil["region"].to_numpy()
    mx = [VILLAGE_EXIT_MAX["west"] if r_ == "west" else VILLAGE_EXIT_MAX[""] for r_ in region]
    mnum = np.array([m.numerator for m in mx], dtype=np.int64)
    mden = np.array([m.denominator for m in mx], dtype=np.int64)
    too_high = pop_known & (poor * mden > mnum * pop)                  # R-V2
    v_exit = tv(pop_known & ~too_high, too_high)
    v_reasons = np.where(too_high, '["INCIDENCE_TOO_HIGH"]',
                         np.where(~pop_known, '["INCIDENCE_UNKNOWN"]', "[]"))
    mY = agg["mY"].to_numpy()
    v_pc = fmt_col_scaled(round_half_away_int(agg["tY"].to_numpy(), np.maximum(mY, 1)), mY > 0, 2)
    pY, pP = agg["pY"].to_numpy(), agg["pP"].to_numpy()
    v_hasg = (agg["panel"].to_numpy() > 0) & (pP > 0)                  # R-I7 balanced panel
    v_g = round_half_away_int(np.where(v_hasg, 10000 * (pY - pP), 0), np.where(v_hasg, pP, 1))
    v_growth = np.where(v_hasg, pY / np.where(v_hasg, pP, 1) - 1.0, np.nan)
    v_gap = v_growth - ng if ng is not None else np.full(nv, np.nan)
    v_real = (1 + v_growth) / (1 + cpi / 100.0) - 1 if cpi is not None else np.full(nv, np.nan)
    beats = agg["beats"].astype(str).to_numpy(dtype=object) if ng is not None else "null"

    def counts(prefix, names):
        s = pd.Series(["{"] * nv, dtype=object)
        for i, nm in enumerate(names):
            s = s + ('"' + nm + '":') + agg[prefix + nm].astype(str).to_numpy(dtype=object)
            s = s + ("," if i + 1 < len(names) else "}")
        return s

    if thr is not None:
        v_al = counts("al_", ["none", "watch", "warning", "severe"])
        v_ca = counts("ca_", ["none", "registered", "unstable", "marginal", "hardship"])
        v_me = counts("me_", ["not_monitored", "stay", "eligible"])
    else:
        v_al = v_ca = v_me = "null"
    vs = lambda c: agg[c].astype(str).to_numpy(dtype=object)  # noqa: E731
    vlines = ('{"village":{"code":' + json_str(vil["village_code"]) + ',"name":'
              + json_str(vil["name"]) + ',"year":' + str(Y) + ',"households":' + vs("one")
              + ',"population":' + np.where(pop_known, pop_txt, "null").astype(object)
              + ',"poor_population":' + vs("poor") + ',"incidence":' + incid
              + ',"exit_eligible":' + v_exit + ',"exit_reasons":' + v_reasons
              + ',"guarantee":{"met":' + vs("g_met") + ',"unmet":' + vs("g_unmet")
              + ',"unknown":' + vs("g_unk") + '},"alerts":' + v_al + ',"categories":' + v_ca
              + ',"monitor_exit":' + v_me + ',"income":{"per_capita":' + v_pc
              + ',"growth":' + fmt_col_scaled(v_g, v_hasg, 2) + ',"national_growth":' + ng_txt
              + ',"gap_pp":' + pct_fmt(v_gap) + ',"real_growth":' + pct_fmt(v_real)
              + ',"national_real_growth":' + ngr_txt + ',"households_income_known":'
              + vs("inc_known") + ',"panel_households":' + vs("panel")
              + ',"households_above_national":' + beats + "}}}")

    # ---- order: households of a village in file order, then its village line ----
    out = pd.DataFrame({
        "v": np.concatenate([vpos, np.arange(nv)]),
        "k": np.concatenate([np.zeros(n, np.int8), np.ones(nv, np.int8)]),
        "i": np.concatenate([np.arange(n), np.arange(nv)]),
        "t": np.concatenate([lines.to_numpy(dtype=object), vlines.to_numpy(dtype=object)]),
    }).sort_values(["v", "k", "i"], kind="stable")
    text = "\n".join(out["t"].tolist()) + "\n"
    if a.output == "-":
        sys.stdout.write(text)
    else:
        with open(a.output, "w", encoding="utf-8") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
