#!/bin/sh
# The fupin command line: exit codes, which stream gets what (docs/cli.md),
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

. "$src/tests/cli_lib.sh"

# --- version, help, usage errors
run version 0 version
[ "$(cat "$tmp/version.out")" = "fupin $version" ] || fail "version prints '$(cat "$tmp/version.out")', want 'fupin $version'"
empty version.err
run help 0 --help
has help.out "usage:"
empty help.err
run report_help 0 report --help
has report_help.out "--alerts-only"
# each command's --help and `help COMMAND` explain that command's own options
for c in report summary group validate check diff policy version help; do
    run "help_$c" 0 help "$c"
    has "help_$c.out" "usage: fupin $c"
    empty "help_$c.err"
done
run report_help_same 0 report --year 2024 --help
cmp -s "$tmp/report_help_same.out" "$tmp/help_report.out" || fail "report --help differs from help report"
has help_report.out "--alerts-only   write only the households at watch, warning or severe"
has help_report.out "--since Y0"
has help_report.out "--lenient       skip bad records"
has help_validate.out "--lenient"
has help_check.out "--expect FILE"
has help_diff.out "--base P1"
has help_policy.out "low confidence"
# every option the overall usage gives a command is in that command's own help, both
# in its usage line and explained (--encoding was once only in `fupin --help`)
for c in report validate check diff policy; do
    opts=$(awk -v c="$c" '$1 == "fupin" && $2 == c { on = 1; print; next }
                          /^  fupin / { on = 0 } on && /^   / { print }' "$tmp/help.out" |
           grep -o -- '--[a-z][a-z-]*' | sort -u)
    [ -n "$opts" ] || [ "$c" = policy ] || fail "fupin --help gives $c no option"
    for opt in $opts; do
        sed -n '1,/^$/p' "$tmp/help_$c.out" | grep -q -- "$opt" ||
            fail "help $c: usage lacks $opt (fupin --help gives it)"
        grep -q -- "^  $opt " "$tmp/help_$c.out" || fail "help $c: does not explain $opt"
    done
done
has help_report.out "--encoding E    utf-8 (the default) or gb18030"
run check_help 0 check --help
cmp -s "$tmp/check_help.out" "$tmp/help_check.out" || fail "check --help differs from help check"
# the man page fupin(1) documents every command and every option the help shows
for c in report summary group validate check diff policy version help; do
    grep -q "^\.B.* $c\b\|^\.B fupin $c\|^\.B $c\b\|^\.BR $c " "$src/man/fupin.1" ||
        fail "man/fupin.1 lacks the command $c"
done
for opt in $(cat "$tmp"/help_*.out | grep -o -- '--[a-z][a-z-]*' | sort -u); do
    roff=$(printf '%s' "$opt" | sed 's/-/\\-/g')
    grep -qF -- "$roff" "$src/man/fupin.1" || fail "man/fupin.1 lacks the option $opt"
done
# after --, --help is a DATASET path, not a request for help
run help_after_dashdash 2 report -- --help
empty help_after_dashdash.out
run help_unknown 2 help reprot
hasf help_unknown.err "no command 'reprot' (did you mean report?)"
# the closest valid name for a slip of the keyboard
run suggest_option 2 report --alert-only "$data"
hasf suggest_option.err "unknown option '--alert-only' (did you mean --alerts-only?)"
hasf suggest_option.err "Try 'fupin report --help'."
run suggest_option_value 2 report --sinse=2020 "$data"
hasf suggest_option_value.err "unknown option '--sinse' (did you mean --since?)"
run option_of_another_command 2 check --since 2020 "$data"
hasf option_of_another_command.err "check does not take --since"
run suggest_command 2 reprot "$data"
hasf suggest_command.err "unknown command 'reprot' (did you mean report?)"
run suggest_policy_name 2 report --policy natinal "$data"
hasf suggest_policy_name.err "did you mean the built-in policy national?"
printf 'povrty_line@2024 = 4200\n' > "$tmp/typo.pol"
run suggest_parameter 2 policy show --policy "$tmp/typo.pol"
hasf suggest_parameter.err "typo.pol:1: unknown parameter, did you mean poverty_line? (got \"povrty_line\")"
# low-confidence built-in values: flagged in policy show (data/national-defaults.csv)
run show_2021 0 policy show --year 2021
hasf show_2021.out "rural_cpi = 0.7    # built-in: as recalled; consistent with income deflator [low confidence: unconfirmed]"
hasf show_2021.out "poverty_line = 4000    # built-in: SCIO press conference 2021-04-06: 'about 4000 yuan'"
grep -q "poverty_line = 4000.*low confidence" "$tmp/show_2021.out" && fail "the 2020 line is not low-confidence"
# and carried by results: 2021 uses rural_cpi@2021 (unconfirmed); 2024 uses none
run report_2021 0 report --year 2021 "$data"
grep -v '"low_confidence":\["rural_cpi@2021"\]}' "$tmp/report_2021.out" > "$tmp/report_2021.rest"
empty report_2021.rest
run report_2024 0 report --year 2024 "$data"
grep -q low_confidence "$tmp/report_2024.out" && fail "2024 results list low-confidence values"
# check: a misspelt result field fails with the path meant; low_confidence absent = []
printf 'household_id,year,field,expected\nGZ01,2024,alert.levle,none\nGZ01,2024,low_confidence,\nGZ01,2021,low_confidence,rural_cpi@2021\n522327101203,2024,village.low_confidence,\n' > "$tmp/typo.expect.csv"
run check_suggest 1 check --expect "$tmp/typo.expect.csv" "$data"
hasf check_suggest.out "GZ01 2024 alert.levle: expected none, got no such field (did you mean alert.level?)"
hasf check_suggest.out "3 passed, 1 failed"
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
only_year() { [ "$(cat "$tmp/$1")" = "fupin: year 2024: latest in incomes.csv" ] ||
    { fail "$1 should hold only the year line:"; head -5 "$tmp/$1"; }; }
only_year report.err
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
only_year csv.err
head -1 "$tmp/csv.out" | grep -q "guarantee.status" || fail "csv header lacks guarantee.status"
[ "$(wc -l < "$tmp/csv.out")" -eq 19 ] || fail "csv: want header + 18 rows"
grep -q '"village":{' "$tmp/csv.out" && fail "csv holds a village JSON line"

# --alerts-only: households at watch or above, and every village line.
run alerts 0 report --alerts-only "$data"
only_year alerts.err
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
[ "$(grep -c '\.csv:[0-9]' "$tmp/report_broken_lenient.err")" -eq 5 ] || fail "report --lenient: want the 5 skips on stderr"
[ "$(grep -c '^{"household"' "$tmp/report_broken_lenient.out")" -eq 18 ] || fail "report --lenient: want the 18 good households"

# --- real-world files (issue 10): line ends, encodings, the folder, the year
copy() { rm -rf "$tmp/$1"; mkdir "$tmp/$1"; cp "$data"/*.csv "$tmp/$1"; echo "$tmp/$1"; }
# Excel's "CSV (Macintosh)": CR alone ends a line; the events are all read
d=$(copy cr); tr '\n' '\r' < "$data/events.csv" > "$d/events.csv"
run cr_validate 0 validate "$d"
has cr_validate.out "events.csv *read 11, loaded 11, skipped 0"
run cr_report 0 report "$d"
cmp -s "$tmp/report.out" "$tmp/cr_report.out" || fail "a CR-only events.csv reports differently"
# CRLF, LF and CR mixed in one file
d=$(copy mixed)
awk 'NR % 3 == 0 { printf "%s\r\n", $0; next } NR % 3 == 1 { printf "%s\r", $0; next } { print }' \
    "$data/households.csv" > "$d/households.csv"
run mixed_report 0 report "$d"
cmp -s "$tmp/report.out" "$tmp/mixed_report.out" || fail "mixed line ends report differently"
# a database export: BOM, CRLF, an extra Chinese column in front, ids and all
d=$(copy extra)
awk 'NR == 1 { printf "\357\273\277备注,%s\r\n", $0; next } { printf "第%d户,%s\r\n", NR, $0 }' \
    "$data/households.csv" > "$d/households.csv"
run extra_report 0 report "$d"
cmp -s "$tmp/report.out" "$tmp/extra_report.out" || fail "an export with an extra column reports differently"
# policy and expectations files with CR-only line ends
printf 'name = CR province\rpoverty_line@2024 = 4200\r' > "$tmp/cr.policy"
run cr_policy 0 policy show --policy "$tmp/cr.policy" --year 2024
has cr_policy.out "^poverty_line = 4200    # .*cr.policy:2"
tr '\n' '\r' < "$src/examples/policies/province-2024.expect.csv" > "$tmp/cr.expect.csv"
run cr_expect 0 check --expect "$tmp/cr.expect.csv" --policy "$src/examples/policies/province-2024.pol" "$data"
has cr_expect.out "^15 passed, 0 failed"
printf 'household_id,year,field,expected\nGZ01,2024,guarantee.status,\302\372\n' > "$tmp/gbk.expect.csv"
run gbk_expect 2 check --expect "$tmp/gbk.expect.csv" "$data"
has gbk_expect.err "gbk.expect.csv:2: column expected: not UTF-8 text"
# GBK (Excel on Chinese Windows): found, named, and read with --encoding
d=$(copy gbk); iconv -f UTF-8 -t GBK < "$data/villages.csv" > "$d/villages.csv"
run gbk_validate 2 validate "$d"
has gbk_validate.err "villages.csv:2: column name: not UTF-8 text"
has gbk_validate.err "iconv -f GB18030 -t UTF-8"
has gbk_validate.err "encoding gb18030"
run gbk_report 0 report --encoding gb18030 "$d"
cmp -s "$tmp/report.out" "$tmp/gbk_report.out" || fail "--encoding gb18030 reports differently"
run gbk_bad_name 2 report --encoding latin1 "$d"
# a misnamed file is named with the dataset file it resembles
d=$(copy misnamed); mv "$d/incomes.csv" "$d/Incomes.csv"
run misnamed 0 validate "$d"
has misnamed.err "note: Incomes.csv is not read: did you mean incomes.csv?"
has misnamed.err "note: incomes.csv: not present: every income is unknown"
has misnamed.out "^ok: no problems (2 notes on standard error: read them)$"
d=$(copy nearcol); sed -i '1s/production_expense/production_expenses/' "$d/incomes.csv"
run nearcol 0 validate "$d"
has nearcol.err "note: incomes.csv: column \"production_expenses\" is not read: did you mean production_expense?"
has nearcol.out "^ok: no problems (1 note on standard error: read it)$"
# dangling links, FIFOs, folders: refused at once, never waited on
d=$(copy links); rm "$d/events.csv"; ln -s "$d/nowhere.csv" "$d/events.csv"
run dangling 2 validate "$d"
has dangling.err "events.csv: a symbolic link to nothing"
d=$(copy fifo); rm "$d/incomes.csv"; mkfifo "$d/incomes.csv"
n=$((n + 1)); timeout 10 "$exe" validate "$d" > "$tmp/fifo.out" 2> "$tmp/fifo.err"
[ $? -eq 2 ] || fail "a FIFO incomes.csv: want exit 2 at once"
has fifo.err "incomes.csv: is a FIFO (named pipe), not a file: refused"
d=$(copy dev); rm "$d/events.csv"; ln -s /dev/zero "$d/events.csv"
n=$((n + 1)); timeout 10 "$exe" validate "$d" > "$tmp/dev.out" 2> "$tmp/dev.err"
[ $? -eq 2 ] || fail "a device as events.csv: want exit 2 at once"
has dev.err "events.csv: is a device, not a file: refused"
d=$(copy dir); rm "$d/events.csv"; mkdir "$d/events.csv"
run folder_file 2 validate "$d"
has folder_file.err "events.csv: is a folder, not a file: refused"
# a file that grows while it is read (a /proc file says size 0) is an error
d=$(copy grows); rm "$d/events.csv"; ln -s /proc/self/status "$d/events.csv"
run grows 2 validate "$d"
has grows.err "events.csv: the file grew while it was read"
# no households: said, and validate exits 2; a village without households: a notice
d=$(copy empty); head -1 "$data/households.csv" > "$d/households.csv"
head -1 "$data/members.csv" > "$d/members.csv"; head -1 "$data/incomes.csv" > "$d/incomes.csv"
head -1 "$data/events.csv" > "$d/events.csv"
run no_households 2 validate "$d"
has no_households.err "households.csv: no households were loaded"
has no_households.out "no households: nothing to evaluate"
d=$(copy lonely); printf '522327101299,Lonely,west,10,0,1,1,1,1,\n' >> "$d/villages.csv"
run lonely 0 validate "$d"
has lonely.err "note: village 522327101299: no household records"
# one stray row of a new year: the year, why, and the thin coverage are said
d=$(copy stray); printf 'GZ01,2025,1,0,0,0,0,0,0\n' >> "$d/incomes.csv"
run stray 0 report "$d"
has stray.err "^fupin: year 2025: latest in incomes.csv"
has stray.err "warning: year 2025: incomes.csv has income records for 1 household in 2025 but 18 in 2024"
run stray_validate 0 validate "$d"
has stray_validate.out "^year 2025: latest in incomes.csv"
has stray_validate.err "warning: year 2025"
run past 0 report --year 2020 "$data"
has past.err "^fupin: year 2020: given with --year"
has past.err "note: year 2020 is before the latest income year 2024"
# messages: a missing folder, strerror text, no doubled names, ids typed with spaces
run no_folder 2 report "$tmp/nowhere"
has no_folder.err "no such dataset folder"
run no_expect 2 check --expect "$tmp/nope.csv" "$data"
has no_expect.err "nope.csv: expectations file not found"
run no_policy 2 report --policy "$tmp/nope.pol" "$data"
grep -q "nope.pol.*nope.pol" "$tmp/no_policy.err" && fail "the policy file name is doubled"
grep -q "nope.csv: .*nope.csv:" "$tmp/no_expect.err" && fail "the file name is doubled"
d=$(copy spaced); printf 'GZ01,GZ01-9,520402 19900204 6393,M,,completed,0,1,healthy,full\n' \
    >> "$d/members.csv"
run spaced 2 validate "$d"
has spaced.err "column birth: .*520402 \*\*\*\*\*\*\*\* 6393"
echo "520402 19900204 6393" >> "$tmp/ids_spaced"
grep -qF -f "$tmp/ids_spaced" "$tmp"/*.err && fail "an identity number typed with spaces was printed"
# a file truncated while fupin reads it: an error or a clean load, never a signal
d=$(copy truncate)
awk 'NR == 1 { print; next } { for (i = 0; i < 3000; i++) print }' "$data/members.csv" \
    > "$d/members.csv"
for try in 1 2 3; do
    cp "$d/members.csv" "$d/members.big"
    "$exe" validate "$d" > /dev/null 2>&1 &
    pid=$!
    : > "$d/members.csv"
    wait $pid; st=$?
    [ $st -lt 128 ] || fail "truncating members.csv during a load killed fupin (exit $st)"
    mv "$d/members.big" "$d/members.csv"
done

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
