#!/bin/sh
# The people's formats of issue 13: fupin group, fupin summary, report --format
# xlsx|html, --bom, --records villages, --progress; checked against the JSON and CSV
# output of the same run (one source of truth) and by real readers.
# Usage: test_people.sh MODE FUPIN_EXE SOURCE_ROOT
#   MODE cli:         the commands, the workbook read with Python's zipfile + XML parser
#   MODE libreoffice: the workbook opened by LibreOffice (Debian libreoffice-calc-nogui)
#   MODE chromium:    the page rendered by Chromium (Debian chromium): DOM and screenshot
# The last two install their package with apt-get where it exists, and exit 77 (skip)
# only when it cannot be installed.
set -u
mode=$1
exe=$2
src=$3
data=$src/examples/data
check="python3 $src/tests/people_check.py"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

n=0
# run, fail, has, hasf, empty
. "$src/tests/cli_lib.sh"
lacks() { ! grep -q -- "$2" "$tmp/$1" || fail "$1 has: $2"; }
# Every line fits 80 terminal columns (East Asian wide characters count 2).
fits80() {
    python3 - "$tmp/$1" <<'EOF' || fail "$1 has a line wider than 80 columns"
import sys, unicodedata
for n, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    w = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line.rstrip("\n"))
    if w > 80:
        print("line %d: %d columns: %s" % (n, w, line.rstrip()))
        sys.exit(1)
EOF
}

# need PROGRAM PACKAGE: the program, installed with apt-get if missing; else skip.
need() {
    command -v "$1" > /dev/null 2>&1 && return 0
    if command -v apt-get > /dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$2" \
            fonts-noto-cjk > "$tmp/apt.log" 2>&1 || tail -5 "$tmp/apt.log"
    fi
    command -v "$1" > /dev/null 2>&1 && return 0
    echo "SKIP: $1 is not installed and $2 could not be installed with apt-get"
    exit 77
}

# The outputs every mode compares with.
"$exe" report "$data" > "$tmp/report.jsonl" || fail "report jsonl"
"$exe" report --format csv "$data" > "$tmp/households.csv" || fail "report csv"
"$exe" report --format csv --records villages "$data" > "$tmp/villages.csv" || fail "villages csv"
"$exe" group --prefix 52 --prefix 62 --prefix 41 "$data" > "$tmp/groups.jsonl" || fail "group"

case $mode in
cli)
    # --- fupin group (R-V4, R-V5): one JSON line per prefix, in the order given
    run group 0 group --prefix 62 --prefix 52 "$data"
    [ "$(wc -l < "$tmp/group.out")" -eq 2 ] || fail "group: want 2 lines"
    head -1 "$tmp/group.out" | grep -q '^{"group":{"prefix":"62","year":2024,"villages":1,"households":7,' ||
        fail "group: first line is not prefix 62 with its 7 households"
    has group.out '"prefix":"52".*"exit_eligible":true'
    has group.out '"mpi":{"households_included":'
    # R-V4 with the sample: 620522 holds 杨寺村 alone, 11 poor of 210 > 3 % (west)
    run group_county 0 group --prefix 620522 "$data"
    has group_county.out '"poor_population":11,"incidence":0.0524,"exit_eligible":false,"exit_reasons":\["INCIDENCE_TOO_HIGH"\]'
    run group_text 0 group --format text --prefix 52 --prefix 620522 --prefix 41 --prefix 411523103 --prefix 11 "$data"
    grep -q '^households  *8  *7  *3  *3$' "$tmp/group_text.out" || fail "group text: households row"
    grep -q '^incidence  *0.0024  *0.0524  *-  *-$' "$tmp/group_text.out" || fail "group text: incidence row"
    has group_text.out "^  INCIDENCE_TOO_HIGH: poverty incidence above the exit maximum$"
    fits80 group_text.out
    has group_text.err "no village code starts with 11"
    run group_csv 0 group --format csv --bom --prefix 52 "$data"
    [ "$(head -c 3 "$tmp/group_csv.out" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "group csv --bom"
    has group_csv.out '^52,1,2024,8,1260,3,0.0024,true,'
    run group_noprefix 2 group "$data"
    has group_noprefix.err "--prefix"
    run group_badprefix 2 group --prefix 5223271 "$data"
    has group_badprefix.err "2, 4, 6 or 9 digits"
    run group_badformat 2 group --prefix 52 --format xlsx "$data"

    # lenient loads: a bad household record is skipped (and said), the group goes on
    broken=$tmp/broken
    mkdir "$broken"
    cp "$data"/*.csv "$broken"
    echo 'GZ09,522327101203,,,,,none,E,1,1,40,10,95,1' >> "$broken/households.csv"
    run group_strict 2 group --prefix 52 "$broken"
    run group_lenient 0 group --prefix 52 --lenient "$broken"
    has group_lenient.err "households.csv:20: column housing"
    # R-V1: a skipped household record makes the poor population unknown
    has group_lenient.out '"households":8,"population":1260,"poor_population":null'
    run summary_lenient 0 summary --lenient --lang en "$broken"

    # --- fupin summary: languages, 80 columns, visit-first households in words
    LANG=zh_CN.UTF-8 LC_ALL= LC_MESSAGES= "$exe" summary "$data" > "$tmp/summary_zh.out" 2> "$tmp/summary_zh.err" ||
        fail "summary zh"
    lacks summary_zh.err "villages,"
    has summary_zh.out "优先走访户"
    has summary_zh.out "^坡脚村 *522327101203 *8 *1260 *3 *0.24 *是$"
    has summary_zh.out "人均纯收入低于扶贫标准"
    fits80 summary_zh.out
    LANG=C LC_ALL= LC_MESSAGES= "$exe" summary "$data" > "$tmp/summary_en.out" 2> "$tmp/summary_en.err" ||
        fail "summary en"
    has summary_en.out "^Households to visit first"
    # GZ02: 3900 yuan per person < the 4000 line: R-A1, severe, registered poor
    grep -A1 '^  GZ02 ' "$tmp/summary_en.out" | grep -q "per-capita income below the poverty line" ||
        fail "summary: GZ02's reason in words"
    has summary_en.out "^  GZ02  *severe  registered poor$"
    has summary_en.out "^杨寺村 *620522105210 *7 *210 *11 *5.24 *no$"
    has summary_en.out "杨寺村 620522105210: poverty incidence above the exit maximum"
    # 田铺村 has a blank population: incidence and exit unknown (R-V2)
    has summary_en.out "^田铺村 *411523103105 *3 *- *0 *- *unknown$"
    fits80 summary_en.out
    LANG=zh_CN.UTF-8 "$exe" summary --lang en "$data" > "$tmp/summary_flag.out" 2>&1 || fail "summary --lang"
    has summary_flag.out "^Villages and exit"
    # guarantee columns are tallies of the households' JSON statuses: 坡脚村 has GZ03
    # (education), GZ04 (housing), GZ05 (water) unmet
    has summary_en.out "^坡脚村 *0/0 *0/0 *1/0 *0/0 *1/0 *1/0$"

    # --visits N: the first N of each village's list, then how many more (坡脚村 and
    # 杨寺村 each have 6 households at warning or above)
    run summary_visits 0 summary --visits 2 --lang en "$data"
    [ "$(grep -c '^  ... and 4 more' "$tmp/summary_visits.out")" -eq 2 ] || fail "summary --visits 2"
    has summary_visits.out "^  GS04 "
    lacks summary_visits.out "^  GS05 "
    run summary_visits_bad 2 summary --visits 0 "$data"
    run html_visits 0 report --format html --visits 2 "$data"
    [ "$(grep -c 'class="more"' "$tmp/html_visits.out")" -eq 2 ] || fail "html --visits 2"
    run xlsx_visits 2 report --format xlsx --visits 2 -o "$tmp/v.xlsx" "$data"

    # --- CSV for Excel: --bom, and the village records
    run bom 0 report --format csv --bom "$data"
    [ "$(head -c 3 "$tmp/bom.out" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "--bom: no BOM"
    tail -c +4 "$tmp/bom.out" | cmp -s - "$tmp/households.csv" || fail "--bom changed the rows"
    [ "$(head -c 3 "$tmp/households.csv" | od -An -tx1 | tr -d ' ')" != efbbbf ] || fail "BOM without --bom"
    head -1 "$tmp/villages.csv" | grep -q '^code,name,year,households,population,poor_population,incidence,exit_eligible,exit_reasons,guarantee.met,' ||
        fail "village CSV header"
    # 坡脚村: 3 poor of 1260 = 0.00238 -> 0.0024; exits (<= 3 %, west)
    grep -q '^522327101203,坡脚村,2024,8,1260,3,0.0024,true,,5,3,0,2,0,2,4,' "$tmp/villages.csv" ||
        fail "village CSV row of 坡脚村"
    [ "$(wc -l < "$tmp/villages.csv")" -eq 4 ] || fail "village CSV: header + 3 rows"
    $check vcsv "$tmp/villages.csv" "$tmp/report.jsonl" || failures=$((failures + 1))
    "$exe" report --since 2023 "$data" > "$tmp/since.jsonl"
    "$exe" report --since 2023 --format csv --records villages "$data" > "$tmp/since_v.csv"
    $check vcsv "$tmp/since_v.csv" "$tmp/since.jsonl" || failures=$((failures + 1))
    run records_jsonl 2 report --records villages "$data"
    run bom_jsonl 2 report --bom "$data"
    # a name a spreadsheet would run as a formula is written as text
    evil=$tmp/evil
    mkdir "$evil"
    cp "$data"/*.csv "$evil"
    sed -i 's/^522327101203,坡脚村,/522327101203,"=HYPERLINK(""http:\/\/x"",""a \& <b>"")",/' "$evil/villages.csv"
    run evil_csv 0 report --format csv --records villages "$evil"
    hasf evil_csv.out "522327101203,\"'=HYPERLINK(\"\"http://x\"\",\"\"a & <b>\"\")\","

    # --- the workbook, read with Python's zipfile and XML parser
    run xlsx_no_o 2 report --format xlsx "$data"
    has xlsx_no_o.err "needs -o FILE"
    run xlsx 0 report --format xlsx -o "$tmp/book.xlsx" "$data"
    empty xlsx.out
    $check xlsx "$tmp/book.xlsx" "$tmp/households.csv" "$tmp/villages.csv" || failures=$((failures + 1))
    [ ! -e "$tmp/book.xlsx.partial" ] || fail "xlsx: the partial file is left"
    run xlsx_groups 0 report --format xlsx --lang zh --prefix 52 --prefix 620522 -o "$tmp/zh.xlsx" "$data"
    python3 - "$tmp/zh.xlsx" <<'EOF' || fail "xlsx zh: sheet names or roll-up"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
wb = z.read("xl/workbook.xml").decode()
assert 'name="农户"' in wb and 'name="村"' in wb and 'name="区域汇总"' in wb, wb
s3 = z.read("xl/worksheets/sheet3.xml").decode()
assert "<t>620522</t>" in s3 and "INCIDENCE_TOO_HIGH" in s3, s3[:400]
s1 = z.read("xl/worksheets/sheet1.xml").decode()
assert "人均纯收入低于扶贫标准" in s1  # reason texts in the chosen language
EOF
    run xlsx_evil 0 report --format xlsx -o "$tmp/evil.xlsx" "$evil"
    "$exe" report --format csv --records villages "$evil" > "$tmp/evil_v.csv"
    python3 - "$tmp/evil.xlsx" <<'EOF' || fail "xlsx: a name with markup"
import sys, zipfile, xml.etree.ElementTree as ET
z = zipfile.ZipFile(sys.argv[1])
x = z.read("xl/worksheets/sheet2.xml")
ET.fromstring(x)
assert b"=HYPERLINK(&quot;http://x&quot;,&quot;a &amp; &lt;b&gt;&quot;)" in x
assert b"<f>" not in x  # never a formula
EOF
    run xlsx_baddir 2 report --format xlsx -o "$tmp/no/such/dir/b.xlsx" "$data"

    # --- the page: self-contained, no script, four charts, print stylesheet
    run html 0 report --format html -o "$tmp/page.html" "$data"
    cp "$tmp/page.html" "$tmp/page.txt"
    lacks page.txt "<script"
    lacks page.txt ' src='
    lacks page.txt ' href='
    lacks page.txt 'url('
    lacks page.txt '@import'
    [ "$(grep -o '<svg' "$tmp/page.txt" | wc -l)" -eq 4 ] || fail "html: want 4 inline SVG charts"
    has page.txt "@media print"
    has page.txt 'class="national"'
    run html_zh 0 report --format html --lang zh "$data"
    has html_zh.out '<html lang="zh-CN">'
    has html_zh.out "各村人均纯收入增长与全国平均"
    run html_alerts 2 report --format html --alerts-only -o "$tmp/x.html" "$data"
    # a year without a monitoring threshold (2019): no alert chart, said in words
    run html_2019 0 report --format html --year 2019 --lang en "$data"
    has html_2019.out "No monitoring threshold this year"

    # --- -o FILE for the programs' formats: the same bytes as standard output
    run jsonl_o 0 report -o "$tmp/r.jsonl" "$data"
    cmp -s "$tmp/r.jsonl" "$tmp/report.jsonl" || fail "-o FILE differs from stdout"
    empty jsonl_o.out

    # --- progress: stderr only, only on a terminal or with --progress
    run prog 0 report --progress "$data"
    has prog.err "loading the dataset"
    cmp -s "$tmp/prog.out" "$tmp/report.jsonl" || fail "--progress changed the results"
    run noprog 0 report "$data"
    lacks noprog.err "loading"
    lacks noprog.err "villages,"
    run noprog_summary 0 summary "$data"
    lacks noprog_summary.err "loading"
    lacks noprog_summary.err "villages,"
    ;;
libreoffice)
    need soffice libreoffice-calc-nogui
    "$exe" report --format xlsx -o "$tmp/book.xlsx" "$data" || fail "xlsx"
    # All sheets, UTF-8, every text cell quoted (so a code read as text shows).
    timeout 300 soffice --headless "-env:UserInstallation=file://$tmp/profile" \
        --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true,false,false,false,-1' \
        --outdir "$tmp/lo" "$tmp/book.xlsx" > "$tmp/lo.log" 2>&1 || { cat "$tmp/lo.log"; fail "soffice"; }
    $check lo "$tmp/lo" book "$tmp/households.csv" "$tmp/villages.csv" || failures=$((failures + 1))
    ;;
chromium)
    need chromium chromium
    "$exe" report --format html --prefix 52 --prefix 62 --prefix 41 -o "$tmp/page.html" "$data" || fail "html"
    flags="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"
    # shellcheck disable=SC2086
    timeout 120 chromium $flags "--user-data-dir=$(mktemp -d -p "$tmp")" --dump-dom "file://$tmp/page.html" \
        > "$tmp/dom.html" 2> "$tmp/chromium.log" || { tail -5 "$tmp/chromium.log"; fail "chromium --dump-dom"; }
    $check dom "$tmp/dom.html" "$tmp/report.jsonl" "$tmp/groups.jsonl" || failures=$((failures + 1))
    # shellcheck disable=SC2086
    timeout 120 chromium $flags "--user-data-dir=$(mktemp -d -p "$tmp")" --window-size=1200,2400 \
        "--screenshot=$tmp/shot.png" "file://$tmp/page.html" > "$tmp/shot.log" 2>&1 ||
        { tail -5 "$tmp/shot.log"; fail "chromium --screenshot"; }
    $check png "$tmp/shot.png" || failures=$((failures + 1))
    ;;
*)
    echo "unknown mode $mode"
    exit 2
    ;;
esac

if [ "$failures" -ne 0 ]; then
    echo "$failures failure(s)"
    exit 1
fi
echo "ok: $mode"
