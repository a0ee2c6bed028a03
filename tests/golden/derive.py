#!/usr/bin/env python3
"""Write sample-report-2024.jsonl from the HAND derivation in NOTES.md.

Every status, level, category and reason list below was decided by hand from
docs/reference/rules.md (see NOTES.md, household by household); this script only does the
arithmetic (per-capita, growth, village sums) and the JSON layout of docs/reference/output.md
section 4. It does not implement any rule: change a verdict here only after
re-deriving it in NOTES.md.

Usage: derive.py > tests/golden/sample-report-2024.jsonl
"""
from fractions import Fraction as F
import json

YEAR = 2024
LINE = 4000
NAT = {2023: 21691, 2024: 23119}   # national_rural_income
CPI = {2024: F(3, 10)}             # rural_cpi 2024, percent

def rnd(x, places):
    """Round half away from zero to `places` decimals; returns a Fraction."""
    if x is None:
        return None
    s = F(10) ** places
    v = abs(x) * s
    q = int(v)
    if v - q >= F(1, 2):
        q += 1
    r = F(q) / s
    return -r if x < 0 and r != 0 else r

def num(x):
    """Shortest JSON number of an already rounded Fraction."""
    if x is None:
        return None
    if x.denominator == 1:
        return int(x)
    return float(x)

def pct(x):
    return None if x is None else x * 100

nat_g = F(NAT[2024], NAT[2023]) - 1
def real(g):
    return None if g is None else (1 + g) / (1 + CPI[2024] / 100) - 1
nat_r = real(nat_g)

# name, village, members, net2023, net2024 (yuan; None = unknown / no row),
# guarantee dims (food, clothing, education, medical, housing, water),
# guarantee reasons, exit_eligible, registration, alert level, category,
# alert reasons, monitor status, monitor reasons.
M, U, K = "met", "unmet", "unknown"
H = [
 ("GZ01","522327101203",4,60000,64000,(M,M,M,M,M,M),[],True,"never","none","none",[],"not_monitored",[]),
 ("GZ02","522327101203",3,11400,11700,(M,M,M,M,M,M),[],False,"registered","severe","registered",
  ["INCOME_BELOW_LINE"],"not_monitored",[]),
 ("GZ03","522327101203",5,45000,50000,(M,M,U,M,M,M),["EDU_DROPOUT"],False,"exited","severe","hardship",
  ["EDU_DROPOUT"],"stay",["MONITORED_TOO_SHORT","GUARANTEE_NOT_MET"]),
 ("GZ04","522327101203",4,22000,20000,(M,M,M,M,U,M),["HOUSING_UNSAFE"],False,"never","severe","marginal",
  ["INCOME_BELOW_THRESHOLD","EVENT_DISASTER","HOUSING_UNSAFE"],"stay",
  ["INCOME_BELOW_THRESHOLD","GUARANTEE_NOT_MET","RISK_PRESENT"]),
 ("GZ05","522327101203",3,30000,33000,(M,M,M,M,M,U),["WATER_SUPPLY","WATER_QUALITY"],False,"never","severe",
  "hardship",["WATER_SUPPLY","WATER_QUALITY"],"not_monitored",[]),
 ("GZ06","522327101203",2,15000,16400,(M,M,M,M,M,M),[],True,"exited","none","none",[],"eligible",[]),
 ("GZ07","522327101203",2,10000,10800,(M,M,M,M,M,M),[],True,"never","warning","marginal",
  ["INCOME_BELOW_THRESHOLD","NO_LABOR","NO_LABOR_UNCOVERED"],"stay",["INCOME_BELOW_THRESHOLD","NO_LABOR"]),
 ("GZ08","522327101203",4,30000,20000,(M,M,M,M,M,M),[],True,"exited","warning","unstable",
  ["INCOME_BELOW_THRESHOLD","INCOME_DROP","EVENT_ACCIDENT","EVENT_JOB_LOSS"],"not_monitored",[]),
 ("GS01","620522105210",4,26000,28000,(M,M,M,M,M,M),[],True,"registered","none","none",[],"not_monitored",[]),
 ("GS02","620522105210",4,16000,None,(M,M,M,M,M,M),[],None,"registered","warning","registered",
  ["RIGID_EXPENSE","EVENT_MAJOR_ILLNESS","INCOME_UNKNOWN"],"not_monitored",[]),
 ("GS03","620522105210",3,9600,9000,(U,U,M,M,M,M),["FOOD_INSECURE","CLOTHING_INSECURE"],False,"registered",
  "severe","registered",["INCOME_BELOW_LINE","FOOD_INSECURE","CLOTHING_INSECURE"],"not_monitored",[]),
 ("GS04","620522105210",3,16500,17400,(M,M,M,U,M,M),["MED_UNINSURED"],False,"exited","severe","unstable",
  ["INCOME_BELOW_THRESHOLD","MED_UNINSURED"],"stay",
  ["MONITORED_TOO_SHORT","INCOME_BELOW_THRESHOLD","GUARANTEE_NOT_MET","RISK_UNKNOWN"]),
 ("GS05","620522105210",2,11000,12000,(M,M,M,M,M,U),["WATER_QUANTITY","WATER_ACCESS"],False,"never","severe",
  "hardship",["EVENT_DEATH","WATER_QUANTITY","WATER_ACCESS"],"not_monitored",[]),
 ("GS06","620522105210",4,24000,22000,(M,M,M,M,M,M),[],True,"exited","warning","unstable",
  ["INCOME_BELOW_THRESHOLD","EVENT_BUSINESS_FAILURE"],"stay",["INCOME_BELOW_THRESHOLD","RISK_PRESENT"]),
 ("GS07","620522105210",3,30000,21000,(M,M,M,M,M,M),[],True,"never","warning","hardship",
  ["INCOME_DROP","EVENT_DISABILITY","EVENT_OTHER"],"stay",["RISK_PRESENT","LABOR_UNKNOWN"]),
 ("HN01","411523103105",3,None,42000,(M,M,M,M,M,M),[],True,"never","none","none",[],"not_monitored",[]),
 ("HN02","411523103105",2,18000,19000,(K,K,K,K,K,K),
  ["FOOD_UNKNOWN","CLOTHING_UNKNOWN","EDU_UNKNOWN","MED_UNKNOWN","HOUSING_UNKNOWN","WATER_UNKNOWN"],None,
  "never","watch","none",
  ["FOOD_UNKNOWN","CLOTHING_UNKNOWN","EDU_UNKNOWN","MED_UNKNOWN","HOUSING_UNKNOWN","WATER_UNKNOWN"],
  "not_monitored",[]),
 ("HN03","411523103105",2,7600,8000,(M,M,M,M,M,M),[],True,"never","watch","none",
  ["INCOME_BELOW_THRESHOLD"],"not_monitored",[]),
]
VILLAGES = [("522327101203","坡脚村",1260,F(3,100)),
            ("620522105210","杨寺村",210,F(3,100)),
            ("411523103105","田铺村",None,F(2,100))]

def combine(dims):
    if "unmet" in dims: return "unmet"
    if "unknown" in dims: return "unknown"
    return "met"

def household_line(h):
    (hid, vc, m, n23, n24, dims, greasons, ee, reg, level, cat, areasons, mstat, mreasons) = h
    pc24 = None if n24 is None else F(n24, m)
    pc23 = None if n23 is None else F(n23, m)
    status = "unknown" if pc24 is None else ("below" if pc24 < LINE else "above")
    g = None if (pc24 is None or pc23 is None or pc23 <= 0) else pc24 / pc23 - 1
    names = ("food","clothing","education","medical","housing","water")
    guar = {"status": combine(dims)}
    guar.update(zip(names, dims))
    guar["reasons"] = greasons
    inc = {"per_capita": num(rnd(pc24, 2)), "poverty_line": LINE, "status": status,
           "growth": num(rnd(pct(g), 2)), "national_growth": num(rnd(pct(nat_g), 2)),
           "gap_pp": num(rnd(None if g is None else pct(g - nat_g), 2)),
           "real_growth": num(rnd(pct(real(g)), 2)),
           "national_real_growth": num(rnd(pct(nat_r), 2))}
    return {"household": hid, "village": vc, "year": YEAR, "guarantee": guar, "income": inc,
            "exit_eligible": ee,
            "alert": {"level": level, "category": cat, "reasons": areasons},
            "monitor_exit": {"status": mstat, "reasons": mreasons}}

def village_line(code, name, pop, inc_max, hs):
    poor = sum(h[2] for h in hs if h[8] == "registered")
    if pop is None:
        incidence, ee, reasons = None, None, ["INCIDENCE_UNKNOWN"]
    else:
        incidence = rnd(F(poor, pop), 4)
        ok = poor <= inc_max * pop
        ee, reasons = (True, []) if ok else (False, ["INCIDENCE_TOO_HIGH"])
    def count(idx, keys):
        return {k: sum(1 for h in hs if (combine(h[5]) if idx == 5 else h[idx]) == k) for k in keys}
    known = [h for h in hs if h[4] is not None]
    panel = [h for h in hs if h[3] is not None and h[4] is not None]
    pc = F(sum(h[4] for h in known), sum(h[2] for h in known)) if known else None
    g = None
    if panel:
        s23 = F(sum(h[3] for h in panel), sum(h[2] for h in panel))
        s24 = F(sum(h[4] for h in panel), sum(h[2] for h in panel))
        g = s24 / s23 - 1 if s23 > 0 else None
    above = sum(1 for h in panel if h[3] > 0 and F(h[4], h[3]) - 1 > nat_g)
    inc = {"per_capita": num(rnd(pc, 2)), "growth": num(rnd(pct(g), 2)),
           "national_growth": num(rnd(pct(nat_g), 2)),
           "gap_pp": num(rnd(None if g is None else pct(g - nat_g), 2)),
           "real_growth": num(rnd(pct(real(g)), 2)),
           "national_real_growth": num(rnd(pct(nat_r), 2)),
           "households_income_known": len(known), "panel_households": len(panel),
           "households_above_national": above}
    return {"village": {"code": code, "name": name, "year": YEAR, "households": len(hs),
            "population": pop, "poor_population": poor, "incidence": num(incidence),
            "exit_eligible": ee, "exit_reasons": reasons,
            "guarantee": count(5, ("met", "unmet", "unknown")),
            "alerts": count(9, ("none", "watch", "warning", "severe")),
            "categories": count(10, ("none", "registered", "unstable", "marginal", "hardship")),
            "monitor_exit": count(12, ("not_monitored", "stay", "eligible")),
            "income": inc,
            # Issue 5 (main 6dae7e3): severe households, then warnings, village order.
            "visit_first": [h[0] for lvl in ("severe", "warning") for h in hs if h[9] == lvl]}}

def dump(o):
    return json.dumps(o, ensure_ascii=False, separators=(",", ":"))

for code, name, pop, inc_max in VILLAGES:
    hs = [h for h in H if h[1] == code]
    for h in hs:
        print(dump(household_line(h)))
    print(dump(village_line(code, name, pop, inc_max, hs)))
