#!/bin/sh
# Edge paths of report, validate and group over a ROOT of partitions (docs/scale.md):
# a root with no dataset, hidden folders and stray files, a partition that fails to
# load (strict stops naming it, --lenient goes on), a village in two partitions, an
# incomes.csv without a year column, bad options and outputs over a root. Each case
# checks the exit status and the message or output.   test_root_cover.sh FUPIN SOURCE_ROOT
set -eu
fupin=$1
src=$2
# the test runs in a temporary folder: make the paths absolute first
case $fupin in /*) ;; *) fupin=$PWD/$fupin ;; esac
case $src in /*) ;; *) src=$PWD/$src ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
python3 "$src/examples/dask/split_dataset.py" "$src/examples/data" root --digits 12 >/dev/null
fail() { echo "FAIL: $*" >&2; exit 1; }
# expect STATUS CMD...: run, keep stdout in out and stderr in err, check the status
expect() {
    want=$1
    shift
    set +e
    "$@" >out 2>err
    got=$?
    set -e
    [ "$got" = "$want" ] || { cat err >&2; fail "$* exited $got, expected $want"; }
}

# a root with no partition: only a hidden folder (skipped) and a stray file
mkdir -p empty/.hidden
cp -r root/41/411523103105 empty/.hidden/
echo x >empty/file.txt
expect 2 "$fupin" report empty
grep -q "empty: no dataset (a folder with villages.csv) in it or below it" err || fail "empty root"
[ ! -s out ] || fail "empty root wrote output"
expect 2 "$fupin" validate empty
grep -q "no dataset" err || fail "validate empty root"
expect 2 "$fupin" group --prefix 41 empty
grep -q "no dataset" err || fail "group empty root"

# a stray file beside the partitions is ignored; --year and csv over a root
cp -r root r2
echo x >r2/41/note.txt
expect 0 "$fupin" report --year 2023 --format csv r2
grep -q "year 2023: given with --year" err || fail "--year over a root"
[ "$(grep -c '^household,village,year,' out)" = 1 ] || fail "one CSV header over a root"
[ "$(grep -c ',2023,' out)" = "$(($(wc -l <out) - 1))" ] || fail "every row of 2023"
grep -q '^HN01,411523103105,2023,' out || fail "a household of the first partition"
# -o over a root writes the file, and only the file
expect 0 "$fupin" report -o r2.jsonl r2
[ ! -s out ] || fail "-o also wrote stdout"
[ "$(wc -l <r2.jsonl)" = 21 ] || fail "-o over a root: $(wc -l <r2.jsonl) lines, expected 21"
[ ! -e r2.jsonl.partial ] || fail "partial file left"
expect 2 "$fupin" report -o /nonexistent-dir/x root
grep -q "/nonexistent-dir/x.partial: No such file or directory" err || fail "-o unwritable"
# options a root refuses or cannot honour
expect 2 "$fupin" report --prefix 41 r2
grep -q -- "--prefix applies to --format xlsx and html" err || fail "--prefix over a root"
expect 2 "$fupin" report --format xlsx -o x.xlsx r2
[ ! -e x.xlsx ] || fail "xlsx of a root written"
expect 2 "$fupin" report --policy /nonexistent-policy r2
grep -q 'policy file "/nonexistent-policy": no such file' err || fail "missing policy"
expect 2 "$fupin" group --prefix 4x r2
grep -q -- "--prefix must be 2, 4, 6 or 9 digits" err || fail "group bad prefix"
# group over a root: a prefix no partition has still gets its (empty) line
expect 0 "$fupin" group --prefix 11 --year 2023 r2
grep -q "no village code starts with 11" err || fail "group prefix without villages"
grep -q '^{"group":{"prefix":"11","year":2023,"villages":0,"households":0,' out || fail "empty group line"
expect 0 "$fupin" group --prefix 41 --prefix 52 --format text r2
grep -q '^prefix  *41  *52$' out || fail "group text header"
grep -q '^households  *3  *8$' out || fail "group text households (3 in 41, 8 in 52)"
expect 0 "$fupin" group --prefix 41 --format csv --bom r2
head -c 3 out | od -An -tx1 | grep -q 'ef bb bf' || fail "group csv BOM"
grep -q '^41,1,2024,3,' out || fail "group csv row"

# a village in two partitions: refused strictly and leniently, both paths named
cp -r root dup
cp -r root/41/411523103105 dup/52/zz
for cmd in "report" "report --lenient" "group --prefix 41" "validate"; do
    # shellcheck disable=SC2086
    expect 2 "$fupin" $cmd dup
    grep -q "dup/52/zz: villages.csv: village 411523103105 is also in partition dup/41/411523103105" err ||
        fail "$cmd: village in two partitions"
done

# a partition that fails to load: strict stops naming it, --lenient reports and goes on
cp -r root bad
echo "BAD1,411523103105,notanumber" >>bad/52/522327101203/households.csv
expect 2 "$fupin" report bad
grep -q "^fupin: bad/52/522327101203: households.csv:10: column village_code: unknown village" err ||
    fail "strict partition failure"
expect 2 "$fupin" group --prefix 52 bad
grep -q "bad/52/522327101203: households.csv:10:" err || fail "group strict partition failure"
expect 0 "$fupin" report --lenient bad
[ "$(wc -l <out)" = 21 ] || fail "lenient report lost records"
grep -q "^bad/52/522327101203/households.csv:10: column registered_year: not a 4-digit year" err ||
    fail "lenient problem reported"
expect 0 "$fupin" group --lenient --prefix 52 bad
grep -q '"prefix":"52","year":2024,"villages":1,"households":8,' out || fail "lenient group"
grep -q "^bad/52/522327101203/households.csv:10:" err || fail "lenient group problem"
expect 2 "$fupin" validate bad
grep -q "^households.csv  read 19, loaded 18, skipped 1$" out || fail "validate counts"
grep -q "3 problems" out || fail "validate problems"

# an incomes.csv without a year column: no default year; --year still needs the column
cp -r root ny
sed -i '1s/,year,/,yr,/' ny/62/620522105210/incomes.csv
expect 2 "$fupin" report ny
grep -q 'ny/62/620522105210/incomes.csv:1: no column "year"' err || fail "no year column"
[ ! -s out ] || fail "output without a year"
expect 2 "$fupin" report --year 2024 ny
grep -q "ny/62/620522105210: incomes.csv:1: column year: required column is missing" err ||
    fail "--year with a partition missing the year column"
expect 2 "$fupin" group --prefix 62 ny
grep -q 'ny/62/620522105210/incomes.csv:1: no column "year"' err || fail "group: no year column"

# --since over a root: the span reaches the groups; a span start after the year is refused
expect 0 "$fupin" group --prefix 41 --since 2022 root
grep -q '"since":2022' out || fail "group --since over a root"
expect 2 "$fupin" group --prefix 41 --since 2025 root
grep -q "policy: the span start year 2025 must be in 1949..2023" err || fail "group --since 2025"
expect 2 "$fupin" report --since 2025 root
grep -q "policy: the span start year 2025 must be in 1949..2023" err || fail "report --since 2025"
[ ! -s out ] || fail "report wrote before refusing --since"
# CSV over a root, leniently and with a BOM: one header, the skipped row absent
expect 0 "$fupin" report --lenient --format csv --bom bad
head -c 3 out | od -An -tx1 | grep -q 'ef bb bf' || fail "report csv BOM"
[ "$(wc -l <out)" = 19 ] || fail "lenient csv: header and 18 households"
[ "$(grep -c 'household,village,year,' out)" = 1 ] || fail "one header"
! grep -q '^BAD1,' out || fail "skipped household in the output"
echo "ok: root edge cases"
