#!/bin/sh
# Findings of the second review that show at the command line (docs/cli.md),
# each with its expected output derived by hand from the contract.
# Usage: test_review_cli.sh FUPIN_EXE
set -u
exe=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL $1"; failures=$((failures + 1)); }

# A dataset without incomes.csv: one village, one household of one adult.
d=$tmp/noincomes
mkdir "$d"
cat > "$d/villages.csv" <<'CSV'
village_code,name,region,population,water_scarce,paved_road,electricity,clinic,broadband,collective_income
110101001001,V,east,100,0,1,1,1,1,0
CSV
cat > "$d/households.csv" <<'CSV'
household_id,village_code,registered_year,exit_year,monitor,monitor_since,assistance,housing,food_secure,clothing_secure,water_litres,water_minutes,water_supply_rate,water_quality_ok
H1,110101001001,,,,,none,A,1,1,40,10,95,1
CSV
cat > "$d/members.csv" <<'CSV'
household_id,member_id,birth,sex,id_number,school,disability,insured,health,labor
H1,M1,1980,M,,completed,0,1,healthy,full
CSV

# docs/dataset.md, "Which year": Y defaults to the latest year in incomes.csv, or the current policy's
# latest year when there are no incomes. `check` refused a blank year instead. The
# built-in national policy's latest year is 2024 (national_rural_income and rural_cpi
# of data/national-defaults.csv); without incomes the income status is unknown (R-I1).
cat > "$tmp/expect.csv" <<'CSV'
household_id,year,field,expected
H1,,year,2024
H1,,income.status,unknown
H1,,guarantee.status,met
CSV
"$exe" check --expect "$tmp/expect.csv" "$d" > "$tmp/check.out" 2> "$tmp/check.err"
st=$?
[ "$st" -eq 0 ] || { fail "check with blank years and no incomes: exit $st, want 0"; sed 's/^/  /' "$tmp/check.err"; }
grep -qx '3 passed, 0 failed' "$tmp/check.out" || { fail "check: want '3 passed, 0 failed'"; sed 's/^/  /' "$tmp/check.out"; }
# --year still fills the blank years
cat > "$tmp/expect2.csv" <<'CSV'
household_id,year,field,expected
H1,,year,2023
H1,2024,year,2024
CSV
"$exe" check --expect "$tmp/expect2.csv" --year 2023 "$d" > "$tmp/check2.out" 2> "$tmp/check2.err"
st=$?
[ "$st" -eq 0 ] || { fail "check --year 2023: exit $st, want 0"; sed 's/^/  /' "$tmp/check2.out" "$tmp/check2.err"; }

if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s)"
    exit 1
fi
echo "all review CLI checks passed"
