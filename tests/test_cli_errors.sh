#!/bin/sh
# The command line's option errors and edge paths (formats.md section 5): every usage
# error exits 2 with a message naming the problem on standard error and nothing on
# standard output; `--` and `--name=value` forms; output that cannot be written.
# Usage: test_cli_errors.sh FUPIN_EXE SOURCE_ROOT
set -u
exe=$1
data=$2/examples/data
pol=$2/examples/policies/county-2024.pol
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
n=0

# case WANT_STATUS STDERR_TEXT ARGS...: exit status exactly, the message on stderr,
# and for a usage error (2) nothing on stdout.
case_() {
    want=$1; text=$2; shift 2
    n=$((n + 1))
    "$exe" "$@" > "$tmp/out" 2> "$tmp/err"
    got=$?
    if [ "$got" -ne "$want" ]; then
        echo "FAIL (fupin $*): exit $got, want $want"; sed 's/^/  stderr: /' "$tmp/err"
        failures=$((failures + 1)); return
    fi
    if [ -n "$text" ] && ! grep -qF -- "$text" "$tmp/err"; then
        echo "FAIL (fupin $*): stderr lacks '$text'"; sed 's/^/  stderr: /' "$tmp/err"
        failures=$((failures + 1))
    fi
    if [ "$want" -eq 2 ] && [ -s "$tmp/out" ]; then
        echo "FAIL (fupin $*): a usage error printed on stdout"; failures=$((failures + 1))
    fi
}

case_ 2 "--year must be a year 1949..2100 (got '19x4')" report --year 19x4 "$data"
case_ 2 "--year must be a year 1949..2100 (got '2101')" report --year 2101 "$data"
case_ 2 "--year must be a year 1949..2100 (got '1948')" report --year 1948 "$data"
case_ 2 "--year must be a year 1949..2100 (got '20245')" report --year 20245 "$data"
case_ 2 "--since must be a year" report --since abc "$data"
case_ 2 "(got 'xml')" report --format xml "$data"
case_ 2 "--policy needs a name or a file path" report --policy= "$data"
case_ 2 "--expect needs a file path" check --expect= "$data"
case_ 2 "--base needs a name or a file path" diff --base= --policy national "$data"
case_ 2 "diff needs --base P1 and --policy P2" diff --policy national "$data"
case_ 2 "unknown option '--bogus'" report --bogus "$data"
case_ 2 "report does not take --expect" report --expect x "$data"
case_ 2 "option '--year' needs a value" report "$data" --year
case_ 2 "option '--lenient=1' takes no value" report --lenient=1 "$data"
case_ 2 "more than one DATASET given" report "$data" "$data"
case_ 2 "DATASET is an empty path" report ""
case_ 2 "unexpected argument 'extra'" policy show extra
case_ 2 "policy needs a subcommand" policy
case_ 2 "policy needs a subcommand: 'policy show' (got 'list')" policy list
case_ 2 "nonexistent.pol" policy show --policy "$tmp/nonexistent.pol"
# rules.md 7: a rule parameter with no value for the year is an error
case_ 2 "poverty_line has no value for 2009" report --year 2009 "$data"
case_ 2 "span start year 2024" report --since 2024 --year 2024 "$data"
# `--` ends the options; --name=value is the same as --name value
case_ 0 "" report --year=2024 -- "$data"
cmp -s "$tmp/out" /dev/null && { echo "FAIL report -- DATASET printed nothing"; failures=$((failures + 1)); }
"$exe" report --year 2024 "$data" > "$tmp/plain" 2>/dev/null
cmp -s "$tmp/out" "$tmp/plain" || { echo "FAIL --year=2024 -- differs from --year 2024"; failures=$((failures + 1)); }
# diff as CSV: a header, then one row per change (formats.md 5)
case_ 0 "" diff --base national --policy "$pol" --format csv "$data"
head -1 "$tmp/out" | grep -qx 'record,id,field,before,after,count' ||
    { echo "FAIL diff --format csv header: $(head -1 "$tmp/out")"; failures=$((failures + 1)); }
grep -qx 'household,GZ06,alert.level,none,watch,' "$tmp/out" ||
    { echo "FAIL diff --format csv lacks the GZ06 alert change"; failures=$((failures + 1)); }
# a missing dataset folder is bad input (exit 2)
case_ 2 "" report "$tmp/no-such-folder"
# a result line longer than the first line buffer (a 6000-byte village name) is
# written whole
mkdir "$tmp/long"
cp "$data/households.csv" "$data/members.csv" "$data/incomes.csv" "$tmp/long/"
name=$(printf '%06000d' 0 | tr 0 n)
{ head -1 "$data/villages.csv"; tail -n +2 "$data/villages.csv" | sed "s/,[^,]*,/,$name,/"; } > "$tmp/long/villages.csv"
case_ 0 "" report "$tmp/long"
grep -q "\"name\":\"$name\"" "$tmp/out" || { echo "FAIL long village name not written whole"; failures=$((failures + 1)); }
# check and diff on a dataset that does not load, or with a policy that does not
case_ 2 "" check --expect "$2/tests/golden/mini-expect.csv" "$tmp/no-such-folder"
case_ 2 "" diff --base national --policy "$tmp/none.pol" "$data"
case_ 2 "" diff --base national --policy national "$tmp/no-such-folder"
# validate writes to a full disk: exit 2
if [ -w /dev/full ]; then
    "$exe" validate "$data" > /dev/full 2>/dev/null
    [ $? -eq 2 ] || { echo "FAIL validate > /dev/full"; failures=$((failures + 1)); }
fi
# diff as CSV quotes a cell with a comma or a quote (RFC 4180): household A2 renamed
# 'A,2"x' in a copy of tests/golden/mini
mkdir "$tmp/q"
for f in villages households members incomes; do
    sed 's/^A2,/"A,2""x",/' "$2/tests/golden/mini/$f.csv" > "$tmp/q/$f.csv"
done
case_ 0 "" diff --base national --policy "$2/tests/golden/mini-province.pol" --format csv "$tmp/q"
grep -qxF 'household,"A,2""x",alert.level,none,watch,' "$tmp/out" ||
    { echo "FAIL diff --format csv does not quote 'A,2\"x'"; sed 's/^/  /' "$tmp/out"; failures=$((failures + 1)); }
# output that cannot be written is an error (exit 2), not a silent truncation
if [ -w /dev/full ]; then
    n=$((n + 1))
    "$exe" report "$data" > /dev/full 2> "$tmp/err"
    got=$?
    [ "$got" -eq 2 ] && grep -q "writing the results failed" "$tmp/err" ||
        { echo "FAIL report > /dev/full: exit $got"; failures=$((failures + 1)); }
    "$exe" policy show > /dev/full 2> "$tmp/err"
    [ $? -eq 2 ] || { echo "FAIL policy show > /dev/full"; failures=$((failures + 1)); }
fi

echo "$n cases, $failures failures"
[ "$failures" -eq 0 ]
