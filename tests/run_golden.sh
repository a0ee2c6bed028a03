#!/bin/sh
# The CLI's report on the bundled sample dataset equals the hand-derived golden file
# byte for byte (tests/golden/NOTES.md derives every line from docs/reference/rules.md).
# Usage: run_golden.sh FUPIN_EXE SOURCE_ROOT
set -u
exe=$1
src=$2
golden=$src/tests/golden/sample-report-2024.jsonl
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! "$exe" report "$src/examples/data" > "$tmp/out.jsonl" 2> "$tmp/err"; then
    echo "FAIL: fupin report exited non-zero"; cat "$tmp/err"; exit 1
fi
# On a clean dataset, stderr says only the year and why (issue 10 item 4).
if [ "$(cat "$tmp/err")" != "fupin: year 2024: latest in incomes.csv" ]; then
    echo "FAIL: fupin report wrote more than its year to stderr on a clean dataset:"
    cat "$tmp/err"; exit 1
fi
if cmp -s "$golden" "$tmp/out.jsonl"; then
    echo "ok: report matches the golden file ($(wc -l < "$tmp/out.jsonl") lines)"
    exit 0
fi
echo "FAIL: report differs from tests/golden/sample-report-2024.jsonl (- golden, + fupin)"
# One key per line, each prefixed with its record's id, makes the difference readable.
split() {
    awk '{ id = $0; sub(/^\{"(household|village)":\{?"?(code":")?/, "", id); sub(/".*/, "", id);
           n = split($0, parts, ",\""); for (i = 1; i <= n; i++) print id ": " (i > 1 ? "\"" : "") parts[i] }' "$1"
}
split "$golden" > "$tmp/golden.split"
split "$tmp/out.jsonl" > "$tmp/out.split"
diff -u "$tmp/golden.split" "$tmp/out.split"
exit 1
