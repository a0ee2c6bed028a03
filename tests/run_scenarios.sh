#!/bin/sh
# The command line on the small golden datasets equals the hand-derived files of
# tests/golden/scenarios (derivation: tests/golden/NOTES-scenarios.md), byte for byte,
# with the exact exit status: CSV output, --since, a provincial policy, a year before
# 2020, diff, check, and (scenario `lenient`) a lenient load.
# Usage: run_scenarios.sh FUPIN_EXE SOURCE_ROOT [SCENARIO...]
set -u
exe=$1
src=$2
shift 2
g=$src/tests/golden
mini=$g/mini
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0

# scenario NAME STATUS GOLDEN ARGS...
scenario() {
    name=$1; want=$2; golden=$g/scenarios/$3; shift 3
    "$exe" "$@" > "$tmp/$name.out" 2> "$tmp/$name.err"
    got=$?
    if [ "$got" -ne "$want" ]; then
        echo "FAIL $name: exit $got, want $want (fupin $*)"; sed 's/^/  stderr: /' "$tmp/$name.err"
        failures=$((failures + 1)); return
    fi
    if ! cmp -s "$golden" "$tmp/$name.out"; then
        echo "FAIL $name: output differs from $golden (- golden, + fupin $*)"
        diff -u "$golden" "$tmp/$name.out" | tr ',' '\n' | grep '^[-+]' | head -40
        failures=$((failures + 1)); return
    fi
    echo "ok $name"
}

run_all() {
    # standard output only: standard error carries the CLI's notes (formats.md 5)
    scenario csv 0 mini-2024.csv report --format csv "$mini"
    scenario since 0 mini-2024-since-2019.jsonl report --since 2019 "$mini"
    scenario province 0 mini-2024-province.jsonl report --policy "$g/mini-province.pol" "$mini"
    scenario year2019 0 mini-2019.jsonl report --year 2019 "$mini"
    scenario diff 0 mini-diff-province.txt diff --base national --policy "$g/mini-province.pol" "$mini"
    scenario check 1 mini-check.txt check --expect "$g/mini-expect.csv" "$mini"
    # a field on one side only (alert null in 2019 under national) is a change from null
    scenario diff2019 0 mini-diff-2019-threshold.txt diff --base national \
        --policy "$g/mini-threshold-2019.pol" --year 2019 "$mini"
}
run_lenient() {
    scenario lenient 0 lenient-2024.jsonl report --lenient "$g/lenient"
    # formats.md 1: every skip reported as FILE:LINE: column COLUMN: ... (got "VALUE")
    for want in 'members.csv:4: column birth: .*(got "1990-13-01")$' \
                'incomes.csv:8: column year: .*(got "2024")$'; do
        grep -q "$want" "$tmp/lenient.err" || { echo "FAIL lenient: stderr lacks $want"; failures=$((failures + 1)); }
    done
    # and no other skip (a third FILE:LINE: column report)
    [ "$(grep -c '^[a-z]*\.csv:[0-9]*: column ' "$tmp/lenient.err")" -eq 2 ] ||
        { echo "FAIL lenient: not exactly two skips reported"; cat "$tmp/lenient.err"; failures=$((failures + 1)); }
}
if [ $# -eq 0 ]; then
    run_all
else
    for s in "$@"; do
        case $s in
        lenient) run_lenient ;;
        all) run_all ;;
        *) echo "unknown scenario $s"; exit 2 ;;
        esac
    done
fi
[ "$failures" -eq 0 ]
