#!/bin/sh
# fupin report, validate and group over a ROOT of partitions (docs/scale.md): the
# sample split into one partition per village gives the same records as the sample
# itself, villages in sorted path order; a household whose village is in another
# partition is an error naming the partition.   test_root_cli.sh FUPIN SOURCE_ROOT
set -eu
fupin=$1
src=$2
py=$(command -v python3)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
data="$src/examples/data"
"$py" "$src/examples/dask/split_dataset.py" "$data" "$tmp/root" --digits 12 >/dev/null

# the same lines; villages in partition order (sorted codes here)
"$fupin" report "$data" 2>/dev/null | sort >"$tmp/one"
"$fupin" report "$tmp/root" 2>"$tmp/err" >"$tmp/root.jsonl"
sort "$tmp/root.jsonl" | cmp - "$tmp/one"
grep -q "year 2024: latest in the partitions' incomes.csv" "$tmp/err"
grep '"village":{' "$tmp/root.jsonl" | sed 's/.*"code":"\([0-9]*\)".*/\1/' >"$tmp/order"
sort "$tmp/order" | cmp - "$tmp/order"
# CSV: one header, the same rows
"$fupin" report --format csv "$data" 2>/dev/null | sort >"$tmp/one.csv"
"$fupin" report --format csv "$tmp/root" 2>/dev/null | sort | cmp - "$tmp/one.csv"
# validate sums the counts
"$fupin" validate "$data" 2>/dev/null | grep 'read' >"$tmp/v1"
"$fupin" validate "$tmp/root" 2>/dev/null | grep 'read' | cmp - "$tmp/v1"
# group over the root equals group over the dataset
"$fupin" group --prefix 52 --prefix 62 --prefix 11 "$data" 2>/dev/null >"$tmp/g1"
"$fupin" group --prefix 52 --prefix 62 --prefix 11 "$tmp/root" 2>/dev/null | cmp - "$tmp/g1"
# formats that gather every village refuse a root
if "$fupin" report --format html "$tmp/root" >/dev/null 2>&1; then exit 1; fi
# a household whose village is in another partition: the partition is named
first=$(ls -d "$tmp"/root/*/* | head -1)
last=$(ls -d "$tmp"/root/*/* | tail -1)
code=$(tail -1 "$last/villages.csv" | cut -d, -f1)
echo "MOVED1,$code,,,,,,A,1,1,60,0,95,1" >>"$first/households.csv"
echo "MOVED1,m1,1980,,,,,1,,full" >>"$first/members.csv"
if "$fupin" report "$tmp/root" >/dev/null 2>"$tmp/err"; then exit 1; fi
grep -q "$first: households.csv:.*village_code" "$tmp/err"
"$fupin" report --lenient "$tmp/root" >/dev/null 2>"$tmp/err"
grep -q "^$first/households.csv:" "$tmp/err"
echo "ok: report, validate and group over a root"
