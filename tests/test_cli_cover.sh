#!/bin/sh
# The command line's error paths and less common options (issue 16 item 3): bad and
# missing option values, outputs that cannot be written, years without a monitoring
# threshold, empty datasets, shared division prefixes and CSV injection in diff.
# Every case checks the exit status and what the user sees (stdout or stderr).
# Usage: test_cli_cover.sh FUPIN_EXE SOURCE_ROOT
set -u
exe=$1
src=$2
data=$src/examples/data
pol=$src/examples/policies
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
n=0

. "$src/tests/cli_lib.sh"
# full NAME EXPECTED_STATUS ARGS...: runs fupin with stdout on /dev/full (a full disk).
full() {
    name=$1; want=$2; shift 2
    n=$((n + 1))
    "$exe" "$@" > /dev/full 2> "$tmp/$name.err"
    got=$?
    if [ "$got" -ne "$want" ]; then
        echo "FAIL $name: exit $got, want $want (fupin $* > /dev/full)"
        sed 's/^/  stderr: /' "$tmp/$name.err"
        failures=$((failures + 1))
    fi
}
lacks() { ! grep -qF -- "$2" "$tmp/$1" || fail "$1 should not have: $2"; }

# --- policy: a subcommand is required, and only `show` exists
run policy_none 2 policy
hasf policy_none.err "fupin: policy needs a subcommand: 'policy show' (got '')"
hasf policy_none.err "Try 'fupin policy --help'."
empty policy_none.out
run policy_bad 2 policy list
hasf policy_bad.err "(got 'list')"
empty policy_bad.out
run policy_missing_file 2 policy show --policy "$tmp/nonexistent.pol"
hasf policy_missing_file.err "nonexistent.pol\": no such file"
empty policy_missing_file.out
run policy_year_low 2 policy show --year 1948
hasf policy_year_low.err "--year must be a year 1949..2100 (got '1948')"
empty policy_year_low.out
# the 2015 poverty line (2855) is a built-in figure; a year before any figure still shows
# the fixed parameters (the school ages of R-G3)
run policy_2015 0 policy show --year 2015
hasf policy_2015.out "poverty_line = 2855"
run policy_1990 0 policy show --year 1990
hasf policy_1990.out "school_age_min = 6"
lacks policy_1990.out "poverty_line = 2855"
full policy_full 2 policy show
hasf policy_full.err "fupin: writing the results failed: No space left on device"

# --- option values that are refused, for every command that takes them
run lang_bad 2 report "$data" --lang fr
hasf lang_bad.err "--lang must be zh or en (got 'fr')"
empty lang_bad.out
run lang_empty 2 summary "$data" --lang ""
hasf lang_empty.err "--lang must be zh or en (got '')"
run records_bad 2 report "$data" --format csv --records village
hasf records_bad.err "--records must be households or villages (got 'village')"
run prefix_letters 2 report "$data" --format html --prefix 52a
hasf prefix_letters.err "--prefix must be 2, 4, 6 or 9 digits of a division code (got '52a')"
run prefix_len3 2 group "$data" --prefix 522
hasf prefix_len3.err "(got '522')"
run prefix_len10 2 group "$data" --prefix 5223271012
hasf prefix_len10.err "(got '5223271012')"
# 64 prefixes are accepted, the 65th is refused
set --
i=0
while [ $i -lt 64 ]; do set -- "$@" --prefix 52; i=$((i + 1)); done
run prefix_64 0 group "$data" --year 2024 "$@"
[ "$(grep -c '"prefix":"52"' "$tmp/prefix_64.out")" -eq 64 ] || fail "prefix_64: not 64 groups"
run prefix_65 2 group "$data" --year 2024 "$@" --prefix 62
hasf prefix_65.err "too many --prefix options (at most 64)"
empty prefix_65.out
set --
run output_empty 2 report "$data" -o ""
hasf output_empty.err "-o needs a file path"
run xlsx_no_output 2 report "$data" --format xlsx
hasf xlsx_no_output.err "--format xlsx needs -o FILE"
empty xlsx_no_output.out
run visits_csv 2 report "$data" --format csv --visits 3
hasf visits_csv.err "--visits applies to --format html (and summary)"
run bom_jsonl 2 report "$data" --bom
hasf bom_jsonl.err "--bom applies to --format csv only"
run records_jsonl 2 report "$data" --records villages
hasf records_jsonl.err "--records applies to --format csv only"
run prefix_jsonl 2 report "$data" --prefix 52
hasf prefix_jsonl.err "--prefix applies to --format xlsx and html (for JSON or CSV: fupin group)"

# --- outputs that cannot be written: the message names the file, nothing is left behind
run out_nodir 2 report "$data" -o "$tmp/no/such/dir/r.jsonl"
hasf out_nodir.err "r.jsonl.partial: No such file or directory"
empty out_nodir.out
mkdir "$tmp/adir"
run out_dir_jsonl 2 report "$data" -o "$tmp/adir"
hasf out_dir_jsonl.err "adir: Is a directory"
[ ! -e "$tmp/adir.partial" ] || fail "out_dir_jsonl left adir.partial behind"
run out_dir_html 2 report "$data" --format html -o "$tmp/adir"
hasf out_dir_html.err "adir: Is a directory"
[ ! -e "$tmp/adir.partial" ] || fail "out_dir_html left adir.partial behind"
run out_dir_xlsx 2 report "$data" --format xlsx -o "$tmp/adir"
hasf out_dir_xlsx.err "adir: Is a directory"
[ -z "$(ls "$tmp/adir")" ] || fail "out_dir_xlsx wrote into the folder"
full full_jsonl 2 report "$data"
hasf full_jsonl.err "fupin: writing the results failed: No space left on device"
full full_csv 2 report "$data" --format csv
hasf full_csv.err "fupin: writing the results failed: No space left on device"
full full_villages 2 report "$data" --format csv --records villages
hasf full_villages.err "fupin: writing the results failed: No space left on device"
full full_html 2 report "$data" --format html
hasf full_html.err "fupin: writing the results failed"
full full_summary 2 summary "$data"
hasf full_summary.err "fupin: writing the results failed: No space left on device"
full full_group 2 group "$data" --prefix 52
hasf full_group.err "fupin: writing the results failed: No space left on device"
full full_diff 2 diff "$data" --base national --policy "$pol/county-2024.pol"
hasf full_diff.err "fupin: writing the results failed: No space left on device"

# --- policy files that are missing, and --since outside its span (R-A4 growth base)
for c in report summary group; do
    extra=
    [ "$c" = group ] && extra="--prefix 52"
    # shellcheck disable=SC2086
    run "nopolicy_$c" 2 "$c" "$data" $extra --policy "$tmp/none.pol"
    hasf "nopolicy_$c.err" "none.pol\": no such file"
    empty "nopolicy_$c.out"
done
run since_late_report 2 report "$data" --since 2030
hasf since_late_report.err "the span start year 2030 must be in 1949..2023, before the evaluation year 2024"
empty since_late_report.out
run since_late_html 2 report "$data" --format html --since 2024
hasf since_late_html.err "the span start year 2024 must be in 1949..2023, before the evaluation year 2024"
empty since_late_html.out
run since_late_group 2 group "$data" --prefix 52 --since 2024
hasf since_late_group.err "the span start year 2024 must be in 1949..2023"
empty since_late_group.out
run since_late_summary 2 summary "$data" --since 2025
hasf since_late_summary.err "the span start year 2025 must be in 1949..2023"
# exactly at the limit: the year before the evaluation year is a span of one year
run since_edge_summary 0 summary "$data" --since 2023
hasf since_edge_summary.out "fupin summary: 2024, policy national, 3 villages"

# --- a dataset with no households: every command says so and still gives its frame
empty_ds=$tmp/empty
mkdir "$empty_ds"
for f in villages households members incomes events; do
    head -1 "$data/$f.csv" > "$empty_ds/$f.csv"
done
run empty_summary 0 summary "$empty_ds" --year 2024
hasf empty_summary.err "no households were loaded: there is nothing to evaluate"
hasf empty_summary.out "fupin summary: 2024, policy national, 0 villages"
run empty_summary_zh 0 summary "$empty_ds" --year 2024 --lang zh
hasf empty_summary_zh.out "fupin 汇总：2024 年，政策 national，0 个村"
run empty_html 0 report "$empty_ds" --format html --year 2024
hasf empty_html.out "<!DOCTYPE html>"
hasf empty_html.out "</html>"
run empty_group 0 group "$empty_ds" --prefix 52 --year 2024
hasf empty_group.err "fupin: no village code starts with 52"
hasf empty_group.out '"villages":0,"households":0'
hasf empty_group.out '"exit_reasons":["INCIDENCE_UNKNOWN"]'

# --- a prefix no village has: said on stderr, in the people's formats too
run html_noprefix 0 report "$data" --format html --prefix 999999
hasf html_noprefix.err "fupin: no village code starts with 999999"
hasf html_noprefix.out "</html>"
run xlsx_noprefix 0 report "$data" --format xlsx --prefix 45 -o "$tmp/noprefix.xlsx"
hasf xlsx_noprefix.err "fupin: no village code starts with 45"
[ -s "$tmp/noprefix.xlsx" ] || fail "xlsx_noprefix wrote no workbook"
run villages_bom 0 report "$data" --format csv --records villages --bom
head -c 3 "$tmp/villages_bom.out" | od -An -tx1 | grep -q "ef bb bf" || fail "villages_bom: no BOM"
hasf villages_bom.out "code,name,year,households"

# --- more than 60 villages sharing a township: the page caps its charts at 60, says so,
# and gives the township's exit (R-V4); names are escaped (& < >)
many=$tmp/many
mkdir "$many"
echo "village_code,name,region,population,water_scarce,paved_road,electricity,clinic,broadband,collective_income" > "$many/villages.csv"
head -1 "$data/households.csv" > "$many/households.csv"
head -1 "$data/members.csv" > "$many/members.csv"
head -1 "$data/incomes.csv" > "$many/incomes.csv"
head -1 "$data/events.csv" > "$many/events.csv"
i=1
while [ $i -le 61 ]; do
    code=$(printf '5223271012%02d' $i)
    echo "$code,V$i & <b>,west,100,0,1,1,1,1,1000" >> "$many/villages.csv"
    echo "H$i,$code,,,,,none,B,1,1,40,10,95,1" >> "$many/households.csv"
    echo "H$i,H$i-1,1985-03-12,M,,completed,0,1,healthy,full" >> "$many/members.csv"
    echo "H$i,2024,44000,0,0,0,0,0,0" >> "$many/incomes.csv"
    i=$((i + 1))
done
run many_html 0 report "$many" --format html -o "$tmp/many.html"
empty many_html.out
hasf many.html "The charts show the 60 villages with the most households to visit first, of 61"
hasf many.html "Exit of 522327101 (R-V4): yes"
hasf many.html "V61 &amp; &lt;b&gt;"
lacks many.html "V61 & <b>"
run many_html_zh 0 report "$many" --format html --lang zh
has many_html_zh.out "60.*61"
lacks many_html_zh.out "V61 & <b>"

# --- diff --format csv: ids a spreadsheet would run as a formula are quoted with a ',
# numbers and plain ids are not (OWASP CSV injection)
inj=$tmp/inj
cp -r "$data" "$inj"
for f in households members incomes events; do
    sed 's/^GS01,/-12,/; s/^GS03,/-1.5,/; s/^GS04,/-1.,/; s/^GS05,/-1.x,/; s/^GS07,/=GS07,/; s/^GZ06,/@x,/' \
        "$data/$f.csv" > "$inj/$f.csv"
done
run diff_inj 0 diff "$inj" --base national --policy "$pol/county-2024.pol" --format csv
hasf diff_inj.out "household,-12,alert.level,none,watch,"
hasf diff_inj.out "household,-1.5,guarantee.water,met,unmet,"
hasf diff_inj.out "household,\"'-1.\",guarantee.water,met,unmet,"
hasf diff_inj.out "household,\"'-1.x\",alert.category,hardship,marginal,"
hasf diff_inj.out "household,\"'=GS07\",alert.category,hardship,marginal,"
hasf diff_inj.out "household,\"'@x\",monitor_exit.status,eligible,stay,"
hasf diff_inj.out "transition,,alert.level,none,watch,2"

# --- --visits: 1..1000000000 or all; the edges and what is refused
for v in 0 1000000001 3x -1; do
    run "visits_bad_$v" 2 summary "$data" --visits "$v"
    hasf "visits_bad_$v.err" "--visits must be a number 1.. or all (got '$v')"
    empty "visits_bad_$v.out"
done
run visits_eq_empty 2 summary "$data" --visits=
hasf visits_eq_empty.err "--visits must be a number 1.. or all (got '')"
run visits_overflow 2 summary "$data" --visits 99999999999999999999
hasf visits_overflow.err "--visits must be a number 1.. or all"
run visits_novalue 2 summary "$data" --visits
hasf visits_novalue.err "option '--visits' needs a value"
# one per village: GZ02 then GS03 (both severe and first in their village), 5 more each
run visits_1 0 summary "$data" --visits 1
hasf visits_1.out "  ... and 5 more (--visits all lists them, as does fupin report --alerts-only)"
[ "$(grep -c 'and 5 more' "$tmp/visits_1.out")" -eq 2 ] || fail "visits_1: not two villages with 5 more"
lacks visits_1.out "GZ03"
run visits_1_zh 0 summary "$data" --visits 1 --lang zh
hasf visits_1_zh.out "……另有 5 户（--visits all 全部列出，或 fupin report --alerts-only）"
run visits_max 0 summary "$data" --visits 1000000000
lacks visits_max.out "more (--visits all"
has visits_max.out "GZ03"

# --- other option values refused with the option named
run policy_empty 2 report "$data" --policy ""
hasf policy_empty.err "--policy needs a name or a file path"
run base_empty 2 diff "$data" --base "" --policy national
hasf base_empty.err "--base needs a name or a file path"
run diff_nobase 2 diff "$data" --policy national
hasf diff_nobase.err "diff needs --base P1 and --policy P2"
run expect_empty 2 check "$data" --expect ""
hasf expect_empty.err "--expect needs a file path"
run since_low 2 report "$data" --since 1948
hasf since_low.err "--since must be a year 1949..2100 (got '1948')"
run flag_value 2 report "$data" --lenient=1
hasf flag_value.err "option '--lenient=1' takes no value"
run not_taken 2 report "$data" --expect x
hasf not_taken.err "report does not take --expect"
run summary_format 2 summary "$data" --format csv
hasf summary_format.err "summary does not take --format"

# --- village names a terminal table and a workbook must handle: quotes and markup,
# 4-byte and full-width characters (2 columns each), control characters (no column),
# a name too long for its column (cut with an ellipsis), a line break in a quoted cell
nm=$tmp/names
mkdir "$nm"
head -1 "$many/villages.csv" > "$nm/villages.csv"
head -1 "$data/households.csv" > "$nm/households.csv"
head -1 "$data/members.csv" > "$nm/members.csv"
head -1 "$data/incomes.csv" > "$nm/incomes.csv"
head -1 "$data/events.csv" > "$nm/events.csv"
i=1
for name in '"Say ""hi"" <&>"' '𠀀가Ａ￥村' "$(printf 'a\tb\001c\177d')" '这是一个名字非常非常非常长的村庄名称啊' '"line1
line2"'; do
    code=$(printf '5223271012%02d' $i)
    printf '%s\n' "$code,$name,west,100,0,1,1,1,1,1000" >> "$nm/villages.csv"
    echo "H$i,$code,,,,,none,B,1,1,40,10,95,1" >> "$nm/households.csv"
    echo "H$i,H$i-1,1985-03-12,M,,completed,0,1,healthy,full" >> "$nm/members.csv"
    echo "H$i,2024,44000,0,0,0,0,0,0" >> "$nm/incomes.csv"
    i=$((i + 1))
done
run names_summary 0 summary "$nm"
hasf names_summary.out 'Say "hi" <&>    522327101201'
# five wide characters are 10 columns: 6 spaces pad them to 16
hasf names_summary.out '𠀀가Ａ￥村      522327101202'
hasf names_summary.out 'abcd            522327101203'
# six wide characters and the ellipsis fill 13 of the 14 columns; the seventh would not fit
hasf names_summary.out '这是一个名字…   522327101204'
hasf names_summary.out 'line1line2      522327101205'
hasf names_summary.out 'Total 5223271…     522327101       5      500'
run names_summary_zh 0 summary "$nm" --lang zh
hasf names_summary_zh.out '合计 522327101     522327101       5      500'
run names_xlsx 0 report "$nm" --format xlsx -o "$tmp/names.xlsx"
empty names_xlsx.out
if command -v python3 >/dev/null 2>&1; then
    python3 - "$tmp/names.xlsx" > "$tmp/names_xlsx.txt" <<'PY' || fail "names.xlsx does not read back"
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
s = z.read("xl/worksheets/sheet2.xml").decode("utf-8")
for m in re.findall(r'<c r="B\d+"[^>]*><is><t[^>]*>(.*?)</t>', s, re.S):
    print(repr(m))
PY
    hasf names_xlsx.txt "'Say &quot;hi&quot; &lt;&amp;&gt;'"
    hasf names_xlsx.txt "'𠀀가Ａ￥村'"
    # the tab stays, the control character U+0001 (not allowed in XML) goes
    hasf names_xlsx.txt "'a\\tbc\\x7fd'"
    hasf names_xlsx.txt "'line1\\nline2'"
fi

# --- the front door: unknown commands, -h, help with two commands, --version
run cmd_typo 2 reprot
hasf cmd_typo.err "fupin: unknown command 'reprot' (did you mean report?)"
empty cmd_typo.out
run dash_h 0 -h
hasf dash_h.out "usage:"
run report_dash_h 0 report -h
hasf report_dash_h.out "usage: fupin report"
run help_two 2 help report summary
hasf help_two.err "fupin: help takes one COMMAND (got 'summary')"
run dash_version 0 --version
has dash_version.out "^fupin [0-9]"
run year_letters 2 report "$data" --year 20x4
hasf year_letters.err "--year must be a year 1949..2100 (got '20x4')"
run policy_typo 2 report "$data" --policy nationl
hasf policy_typo.err 'policy file "nationl": no such file'
hasf policy_typo.err "fupin: did you mean the built-in policy national?"
run encoding_bad 2 report "$data" --encoding latin1
hasf encoding_bad.err "--encoding must be utf-8, gb18030 or gbk (got 'latin1')"
run check_nopolicy 2 check "$data" --expect "$pol/county-2024.expect.csv" --policy "$tmp/none.pol"
hasf check_nopolicy.err 'none.pol": no such file'
long=$(printf 'x%.0s' $(seq 1 100))
run option_long 2 report "$data" "--$long"
# the option is cut to 79 characters in the message
hasf option_long.err "fupin: unknown option '--$(printf 'x%.0s' $(seq 1 77))'"
lacks option_long.err "--$long"

# --- --progress on a pipe: forced on, it reports the load on stderr, never on stdout
run progress 0 summary "$data" --progress
hasf progress.err "fupin: loading the dataset"
hasf progress.err "MB/s"
lacks progress.out "MB/s"
hasf progress.out "fupin summary: 2024, policy national, 3 villages"
run progress_policy 0 summary "$data" --policy "$pol/county-2024.pol"
hasf progress_policy.out "policy $pol/county-2024.pol, 3 villages"
run progress_policy_zh 0 summary "$data" --policy "$pol/county-2024.pol" --lang zh
hasf progress_policy_zh.out "政策 $pol/county-2024.pol，3 个村"

# --- validate --lenient counts the records it would skip (2 in tests/golden/lenient);
# problems are still problems: exit 2
run validate_lenient 2 validate "$src/tests/golden/lenient" --lenient
hasf validate_lenient.out "2 problems (report --lenient skips these records)"

# --- group --format text: a row nobody has is left out (no alerts in 2019: no monitoring
# threshold, rules section 4); exit reasons are listed under the table, in either language
run group_text 0 group "$data" --prefix 62 --prefix 41 --format text
has group_text.out "^exit_eligible  *false  *-$"
hasf group_text.out "62 exit_reasons:"
hasf group_text.out "  INCIDENCE_TOO_HIGH: poverty incidence above the exit maximum"
hasf group_text.out "41 exit_reasons:"
hasf group_text.out "  INCIDENCE_UNKNOWN: poverty incidence unknown"
has group_text.out "^alerts.severe  *3  *0$"
run group_text_2019 0 group "$data" --prefix 62 --format text --year 2019 --lang zh
lacks group_text_2019.out "alerts."
lacks group_text_2019.out "monitor_exit."
hasf group_text_2019.out "  INCIDENCE_TOO_HIGH: 贫困发生率高于退出标准"

# --- one unnamed village of 70 severe households (income 1000 < line 4000, R-A10): the
# list of visits grows past its first allocation; the code stands for the missing name
sev=$tmp/sev
mkdir "$sev"
head -1 "$many/villages.csv" > "$sev/villages.csv"
echo "522327101201,,west,1000,0,1,1,1,1,1000" >> "$sev/villages.csv"
head -1 "$data/households.csv" > "$sev/households.csv"
head -1 "$data/members.csv" > "$sev/members.csv"
head -1 "$data/incomes.csv" > "$sev/incomes.csv"
head -1 "$data/events.csv" > "$sev/events.csv"
i=1
while [ $i -le 70 ]; do
    echo "H$i,522327101201,,,,,none,B,1,1,40,10,95,1" >> "$sev/households.csv"
    echo "H$i,H$i-1,1985-03-12,M,,completed,0,1,healthy,full" >> "$sev/members.csv"
    echo "H$i,2024,1000,0,0,0,0,0,0" >> "$sev/incomes.csv"
    i=$((i + 1))
done
run sev_all 0 summary "$sev" --visits all
[ "$(grep -c '^  H[0-9]* *severe  marginal$' "$tmp/sev_all.out")" -eq 70 ] || fail "sev_all: not 70 severe visits"
has sev_all.out "^ 522327101201$"
has sev_all.out "^522327101201    522327101201      70     1000"
lacks sev_all.out "more (--visits all"
run sev_default 0 summary "$sev"
hasf sev_default.out "  ... and 50 more (--visits all lists them, as does fupin report --alerts-only)"
run sev_html_all 0 report "$sev" --format html --visits all
[ "$(grep -c 'data-key="alert.level"' "$tmp/sev_html_all.out")" -eq 70 ] || fail "sev_html_all: not 70 rows"
run sev_html 0 report "$sev" --format html
[ "$(grep -c 'data-key="alert.level"' "$tmp/sev_html.out")" -eq 20 ] || fail "sev_html: not 20 rows"

# --- one township's villages only (杨寺村, 11 poor of 210, R-V1): the total is the
# township's, not exit-eligible, and says why in every format for people
gs=$tmp/gs
mkdir "$gs"
for f in villages households members incomes events; do
    awk -F, 'NR == 1 || $1 ~ /^GS/ || $1 == "620522105210"' "$data/$f.csv" > "$gs/$f.csv"
done
run gs_html 0 report "$gs" --format html
hasf gs_html.out "Exit of 620522105 (R-V4): no (poverty incidence above the exit maximum)"
run gs_html_zh 0 report "$gs" --format html --lang zh
hasf gs_html_zh.out "620522105 退出（R-V4）：否"
hasf gs_html_zh.out "贫困发生率高于退出标准"
run gs_summary 0 summary "$gs"
hasf gs_summary.out "  Total 620522105: poverty incidence above the exit maximum"
hasf gs_summary.out "  杨寺村 620522105210: poverty incidence above the exit maximum"

# --- --alerts-only is for household records, not a page or the village rows
run alerts_html 2 report "$data" --alerts-only --format html
hasf alerts_html.err "--alerts-only applies to household records only"
empty alerts_html.out
run alerts_villages 2 report "$data" --alerts-only --format csv --records villages
hasf alerts_villages.err "--alerts-only applies to household records only"
empty alerts_villages.out

# --- one bad record (a 13th month): "1 problem", singular, with and without --lenient
one=$tmp/one
cp -r "$data" "$one"
sed '2s/1985-03-12/1985-13-12/' "$data/members.csv" > "$one/members.csv"
run validate_one_lenient 2 validate "$one" --lenient
hasf validate_one_lenient.out "1 problem (report --lenient skips these records)"
hasf validate_one_lenient.err 'members.csv:2: column birth: month out of range (got "1985-13-12")'
run validate_one 2 validate "$one"
hasf validate_one.out "1 problem (report would stop at the first; --lenient skips them)"

# --- diff: both policies are needed, and each must load
run diff_nopolicy 2 diff "$data" --base national
hasf diff_nopolicy.err "diff needs --base P1 and --policy P2"
run diff_base_missing 2 diff "$data" --base "$tmp/none.pol" --policy national
hasf diff_base_missing.err 'none.pol": no such file'
empty diff_base_missing.out
run diff_policy_missing 2 diff "$data" --base national --policy "$tmp/none.pol"
hasf diff_policy_missing.err 'none.pol": no such file'
run diff_no_dataset 2 diff "$tmp/nonexistent" --base national --policy national
hasf diff_no_dataset.err "nonexistent: no such dataset folder"
empty diff_no_dataset.out

# --- the page escapes markup and drops control characters (U+0001), keeping the tab
run names_html 0 report "$nm" --format html
hasf names_html.out 'data-key="name">Say &quot;hi&quot; &lt;&amp;&gt;</td>'
hasf names_html.out "data-key=\"name\">$(printf 'a\tbc\177d')</td>"
lacks names_html.out "$(printf '\001')"

if [ $failures -ne 0 ]; then
    echo "$failures of $n runs failed"; exit 1
fi
echo "ok: $n runs"
