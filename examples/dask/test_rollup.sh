#!/bin/sh
# examples/dask/rollup.py with 2 workers on a LocalCluster prints exactly what the
# library gives for one dataset holding every partition (and what `fupin group`
# prints, where this build has that command). Installs python3-distributed with
# apt-get where apt-get exists; skips (77) where it cannot be had.
#   test_rollup.sh SOURCE_ROOT FUPIN_PROGRAM LIBFUPIN
set -eu
src=$1
fupin=$2
export FUPIN_LIBRARY=$3
py=/usr/bin/python3
if ! $py -c 'import distributed' 2>/dev/null; then
    if command -v apt-get >/dev/null 2>&1; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-distributed >/dev/null
    else
        echo "python3-distributed is not installed and apt-get is not available: skipped"
        exit 77
    fi
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PYTHONPATH="$src/bindings/python"
export PYTHONDONTWRITEBYTECODE=1
# one partition per village: every group is spread over several partitions
$py "$src/examples/dask/split_dataset.py" "$src/examples/data" "$tmp/root" --digits 12
prefixes="52 5223 522327 62 41 11"
args=""
for p in $prefixes; do args="$args --prefix $p"; done

# expected: the library's group of the whole dataset, one line per prefix
$py - "$src/examples/data" $prefixes >"$tmp/expected" <<'PY'
import sys
import fupin
with fupin.Policy.builtin() as p, fupin.Dataset.load(sys.argv[1]) as ds:
    year = ds.latest_year
    with fupin.Evaluator(p, year) as ev:
        for prefix in sys.argv[2:]:
            with ev.group_result(ds, prefix) as r:
                print(r.to_json())
PY
$py "$src/examples/dask/rollup.py" "$tmp/root" $args --workers 2 >"$tmp/got" 2>"$tmp/err" || {
    cat "$tmp/err"
    exit 1
}
diff "$tmp/expected" "$tmp/got"
# the CLI's own group command, once this build has it
if "$fupin" --help 2>&1 | grep -q "^ *fupin group"; then
    "$fupin" group $args "$tmp/root" >"$tmp/cli"
    diff "$tmp/cli" "$tmp/got"
    echo "rollup.py agrees with fupin group"
fi
# a span and a lenient run go through the same way
$py "$src/examples/dask/rollup.py" "$tmp/root" --prefix 52 --since 2022 --lenient \
    --workers 2 >"$tmp/span" 2>"$tmp/err" || { cat "$tmp/err"; exit 1; }
grep -q '"cagr"' "$tmp/span"
echo "ok: rollup.py with 2 workers equals the one-dataset group for: $prefixes"
