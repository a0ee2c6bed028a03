#!/bin/sh
# The fupin command line: exit codes, which stream gets what (formats.md section 5),
# and that no identity number is ever printed in full.
# Usage: test_cli.sh FUPIN_EXE SOURCE_ROOT VERSION
set -u
exe=$1
src=$2
version=$3
data=$src/examples/data
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
n=0

# run NAME EXPECTED_STATUS ARGS...: runs fupin, keeping stdout and stderr apart.
run() {
    name=$1; want=$2; shift 2
    n=$((n + 1))
    "$exe" "$@" > "$tmp/$name.out" 2> "$tmp/$name.err"
    got=$?
    if [ "$got" -ne "$want" ]; then
        echo "FAIL $name: exit $got, want $want (fupin $*)"; sed 's/^/  stderr: /' "$tmp/$name.err"
        failures=$((failures + 1))
    fi
}
fail() { echo "FAIL $1"; failures=$((failures + 1)); }
has() { grep -q -- "$2" "$tmp/$1" || fail "$1 lacks: $2"; }
hasf() { grep -qF -- "$2" "$tmp/$1" || fail "$1 lacks: $2"; }
empty() { [ ! -s "$tmp/$1" ] || { fail "$1 should be empty:"; head -5 "$tmp/$1"; }; }
nonempty() { [ -s "$tmp/$1" ] || fail "$1 should not be empty"; }

# --- version, help, usage errors
run version 0 version
[ "$(cat "$tmp/version.out")" = "fupin $version" ] || fail "version prints '$(cat "$tmp/version.out")', want 'fupin $version'"
empty version.err
run help 0 --help
has help.out "usage:"
empty help.err
run report_help 0 report --help
has report_help.out "--alerts-only"
run noargs 2
empty noargs.out; nonempty noargs.err
run unknown_command 2 frobnicate
has unknown_command.err "unknown command"
empty unknown_command.out
run unknown_option 2 report --colour "$data"
has unknown_option.err "unknown option '--colour'"
run bad_year 2 report --year 24 "$data"
has bad_year.err "--year"
run bad_format 2 report --format xml "$data"
has bad_format.err "--format"
run no_dataset 2 report
has no_dataset.err "DATASET"
run two_datasets 2 report "$data" "$data"
run empty_dataset 2 report ""
has empty_dataset.err "empty path"
run validate_rejects_policy 2 validate --policy national "$data"
run policy_no_sub 2 policy
run version_args 2 version extra
# check: exit 0 when every expectation holds, 1 on a mismatch, 2 on a bad file
printf 'household_id,year,field,expected\nGZ01,2024,guarantee.status,met\n' > "$tmp/pass.csv"
run check_pass 0 check --expect "$tmp/pass.csv" "$data"
has check_pass.out "1 passed, 0 failed"
printf 'household_id,year,field,expected\nGZ01,2024,guarantee.status,unmet\nNOPE,2024,alert.level,none\n' > "$tmp/mismatch.csv"
run check_mismatch 1 check --expect "$tmp/mismatch.csv" "$data"
has check_mismatch.out "GZ01 2024 guarantee.status: expected unmet, got met"
has check_mismatch.out "NOPE 2024 alert.level: expected none, got no such household"
has check_mismatch.out "0 passed, 2 failed"
run check_no_expect 2 check "$data"
printf 'household_id,year,field\nGZ01,2024,guarantee.status\n' > "$tmp/bad.csv"
run check_bad_file 2 check --expect "$tmp/bad.csv" "$data"
has check_bad_file.err "bad.csv:1: column expected: required column is missing"
# B2 (issue 14): a village of 2,000 households, all alerted (per capita 3000 yuan is
# below the 2024 line of 4000: severe), goes through report, diff and check whatever
# the length of its lines (visit_first lists all 2,000 ids, about 16 KiB).
big=$tmp/big
mkdir -p "$big"
printf 'village_code,name,region,population,water_scarce,paved_road,electricity,clinic,broadband,collective_income\n520102001001,Big,west,2000,0,1,1,1,1,0\n' > "$big/villages.csv"
awk 'BEGIN {
    print "household_id,village_code,registered_year,exit_year,monitor,monitor_since,assistance,housing,food_secure,clothing_secure,water_litres,water_minutes,water_supply_rate,water_quality_ok" > "'"$big"'/households.csv"
    print "household_id,member_id,birth,sex,id_number,school,disability,insured,health,labor" > "'"$big"'/members.csv"
    print "household_id,year,wage,business,property,transfer,production_expense,medical_expense,education_expense" > "'"$big"'/incomes.csv"
    for (i = 1; i <= 2000; i++) {
        id = sprintf("BIGHOUSEHOLD%04d", i)
        print id ",520102001001,,,,,none,A,1,1,40,10,95,1" > "'"$big"'/households.csv"
        print id "," id "-1,1980-01-01,M,,completed,0,1,healthy,full" > "'"$big"'/members.csv"
        print id ",2024,3000,0,0,0,0,0,0" > "'"$big"'/incomes.csv"
    }
}'
run big_report 0 report --year 2024 "$big"
[ "$(wc -l < "$tmp/big_report.out")" -eq 2001 ] || fail "big report: $(wc -l < "$tmp/big_report.out") lines, want 2001"
hasf big_report.out '"alerts":{"none":0,"watch":0,"warning":0,"severe":2000}'
hasf big_report.out '"visit_first":["BIGHOUSEHOLD0001","BIGHOUSEHOLD0002",'
hasf big_report.out ',"BIGHOUSEHOLD1999","BIGHOUSEHOLD2000"]}}'
# a policy with a line of 2000 and a threshold of 2500: nobody is alerted any more
printf 'poverty_line@2024 = 2000\nmonitoring_threshold@2024 = 2500\n' > "$tmp/low.pol"
run big_diff 0 diff --year 2024 --base national --policy "$tmp/low.pol" "$big"
hasf big_diff.out '{"household":"BIGHOUSEHOLD2000","changes":{"income.poverty_line":[4000,2000],"income.status":["below","above"],'
hasf big_diff.out '"village.visit_first":[["BIGHOUSEHOLD0001",'
hasf big_diff.out ',"BIGHOUSEHOLD2000"],[]]}}'
{
    printf 'household_id,year,field,expected\n'
    printf '520102001001,2024,village.alerts.severe,2000\n'
    printf '520102001001,2024,village.visit_first,'
    awk 'BEGIN { for (i = 1; i <= 2000; i++) printf "%sBIGHOUSEHOLD%04d", (i > 1 ? " " : ""), i; print "" }'
} > "$tmp/big_expect.csv"
run big_check 0 check --expect "$tmp/big_expect.csv" "$big"
has big_check.out "2 passed, 0 failed"
# diff: identical policies change nothing; a threshold change lists its transitions
run diff_same 0 diff --base national --policy national "$data"
[ -s "$tmp/diff_same.out" ] && fail "diff of identical policies printed something"
run diff_threshold 0 diff --base national --policy "$src/examples/policies/province-2024.pol" "$data"
hasf diff_threshold.out '{"household":"GZ06","changes":{"alert.level":["none","watch"]'
has diff_threshold.out "alert.level none->watch: 2"
run diff_csv 0 diff --format csv --base national --policy "$src/examples/policies/province-2024.pol" "$data"
has diff_csv.out "record,id,field,before,after,count"
has diff_csv.out "household,GZ06,alert.level,none,watch,"
has diff_csv.out "transition,,alert.level,none,watch,2"
run diff_no_base 2 diff --policy national "$data"

# --- missing or bad input: 2, the path on stderr, nothing on stdout
run missing 2 report "$tmp/no-such-folder"
has missing.err "$tmp/no-such-folder"
empty missing.out
run missing_validate 2 validate "$tmp/no-such-folder"
has missing_validate.err "no-such-folder"
run missing_policy 2 report --policy "$tmp/no-such.policy" "$data"
has missing_policy.err "no-such.policy"
empty missing_policy.out
run year_without_line 2 report --year 2009 "$data"
has year_without_line.err "poverty_line"
empty year_without_line.out

# --- the sample dataset
run validate_ok 0 validate "$data"
empty validate_ok.err
has validate_ok.out "households.csv *read 18, loaded 18, skipped 0"
has validate_ok.out "members.csv *read 57, loaded 57, skipped 0"
run report 0 report "$data"
empty report.err
[ "$(wc -l < "$tmp/report.out")" -eq 21 ] || fail "report: want 18 household + 3 village lines"
run report_2023 0 report --year 2023 "$data"
has report_2023.out '"year":2023'
run report_since 0 report --since 2022 "$data"
has report_since.out '"since":2022'
run report_since_after 2 report --year 2023 --since 2024 "$data"
run report_eq 0 report --year=2024 --policy=national --format=jsonl "$data"
cmp -s "$tmp/report.out" "$tmp/report_eq.out" || fail "--opt=value differs from the defaults"

# --format csv: the library's header, then one row per household (no village rows).
run csv 0 report --format csv "$data"
empty csv.err
head -1 "$tmp/csv.out" | grep -q "guarantee.status" || fail "csv header lacks guarantee.status"
[ "$(wc -l < "$tmp/csv.out")" -eq 19 ] || fail "csv: want header + 18 rows"
grep -q '"village":{' "$tmp/csv.out" && fail "csv holds a village JSON line"

# --alerts-only: households at watch or above, and every village line.
run alerts 0 report --alerts-only "$data"
empty alerts.err
[ "$(grep -c '^{"household"' "$tmp/alerts.out")" -eq 14 ] || fail "alerts-only: want 14 households"
[ "$(grep -c '^{"village"' "$tmp/alerts.out")" -eq 3 ] || fail "alerts-only: want 3 village lines"
grep '^{"household"' "$tmp/alerts.out" | grep -q '"level":"none"' && fail "alerts-only printed a level none household"
grep -q '"household":"GZ01"' "$tmp/alerts.out" && fail "alerts-only printed GZ01 (level none)"
run alerts_csv 0 report --alerts-only --format csv "$data"
[ "$(wc -l < "$tmp/alerts_csv.out")" -eq 15 ] || fail "alerts-only csv: want header + 14 rows"

# --- policy show
run policy_show 0 policy show --year 2024
has policy_show.out "^poverty_line = 4000    # built-in:"
has policy_show.out "^monitoring_threshold = 6000    # built-in:"
empty policy_show.err
run policy_show_national 0 policy show --policy national --year 2024
cmp -s "$tmp/policy_show.out" "$tmp/policy_show_national.out" || fail "--policy national differs from the default"
printf 'name = Test province\npoverty_line@2024 = 4200\n' > "$tmp/prov.policy"
run policy_show_file 0 policy show --policy "$tmp/prov.policy" --year 2024
has policy_show_file.out "^poverty_line = 4200    # .*prov.policy:2"
run report_policy_file 0 report --policy "$tmp/prov.policy" "$data"
has report_policy_file.out '"poverty_line":4200'

# --- a broken dataset: problems in every file, each reported with file and line
broken=$tmp/broken
mkdir "$broken"
cp "$data"/*.csv "$broken"
append() { # FILE ROW -> prints the line number the row lands on
    l=$(($(wc -l < "$broken/$1") + 1)); printf '%s\n' "$2" >> "$broken/$1"; echo "$l"
}
lv=$(append villages.csv '52232710120,坏村,west,100,0,1,1,1,1,')
lh=$(append households.csv 'GZ09,522327101203,,,,,none,E,1,1,40,10,95,1')
bad_id=411523199001010110 # checksum digit wrong (the right one is not 0)
lm=$(append members.csv "HN03,HN03-3,1990-01-01,M,$bad_id,completed,0,1,healthy,full")
li=$(append incomes.csv 'HN01,2023,1e3,0,0,0,0,0,0')
le=$(append events.csv 'GZ01,2024,flood,100')
for mode in "" "--lenient"; do
    name=validate_broken${mode:+_lenient}
    run "$name" 2 validate $mode "$broken"
    has "$name.err" "villages.csv:$lv: column village_code"
    has "$name.err" "households.csv:$lh: column housing"
    has "$name.err" "members.csv:$lm: column id_number"
    has "$name.err" "incomes.csv:$li: column wage"
    has "$name.err" "events.csv:$le: column kind"
    has "$name.out" "villages.csv *read 4, loaded 3, skipped 1"
    has "$name.out" "events.csv *read 12, loaded 11, skipped 1"
done
run report_broken 2 report "$broken"
has report_broken.err "villages.csv:$lv: column village_code"
empty report_broken.out
run report_broken_lenient 0 report --lenient "$broken"
has report_broken_lenient.err "events.csv:$le: column kind"
[ "$(grep -c . "$tmp/report_broken_lenient.err")" -eq 5 ] || fail "report --lenient: want the 5 skips on stderr"
[ "$(grep -c '^{"household"' "$tmp/report_broken_lenient.out")" -eq 18 ] || fail "report --lenient: want the 18 good households"

# --- no identity number in full, anywhere
cut -d, -f5 "$data/members.csv" | grep -E '^[0-9]{17}[0-9Xx]$' > "$tmp/ids"
echo "$bad_id" >> "$tmp/ids"
[ "$(wc -l < "$tmp/ids")" -ge 10 ] || fail "expected the sample to hold identity numbers"
if cat "$tmp"/*.out "$tmp"/*.err | grep -F -i -f "$tmp/ids" > "$tmp/leaks"; then
    fail "a full identity number was printed:"; cat "$tmp/leaks"
fi
grep -q "411523\*\*\*\*\*\*\*\*0110" "$tmp/validate_broken.err" || fail "the bad identity number is not shown masked"

if [ $failures -ne 0 ]; then
    echo "$failures of $n runs failed"; exit 1
fi
echo "ok: $n runs"
