#!/bin/sh
# `pip install --no-build-isolation .` (pyproject.toml, meson-python) builds the
# library and installs the package into a fresh virtual environment; then, from an
# unrelated folder with an empty environment, `import fupin` works and its report
# equals the command line's, report_frame() gives a pandas DataFrame, and without
# pandas the import still works and report_frame() says what is missing.
# Usage: check_pip.sh SOURCE_ROOT FUPIN_PROGRAM
# Needs Debian's python3-mesonpy, python3-venv and python3-pandas (scripts/deps.sh
# test installs them); where they cannot be had, the test says so and fails, unless
# FUPIN_TEST_ALLOW_MISSING=1.
set -eu
src=$1
fupin=$2
py=/usr/bin/python3
[ -x "$py" ] || py=$(command -v python3)
missing=""
"$py" -c 'import mesonpy' 2>/dev/null || missing="$missing python3-mesonpy"
"$py" -c 'import venv, ensurepip' 2>/dev/null || missing="$missing python3-venv"
"$py" -c 'import pandas' 2>/dev/null || missing="$missing python3-pandas"
if [ -n "$missing" ]; then
    echo "check_pip: $py lacks:$missing" >&2
    [ "${FUPIN_TEST_ALLOW_MISSING:-0}" = 1 ] && exit 77
    exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# A copy of the source without build trees: meson-python writes a native file into
# the tree it builds, and the checkout must stay clean.
mkdir "$tmp/src"
(cd "$src" && tar --exclude='./build*' --exclude=./.git --exclude='./.mesonpy*' -cf - .) |
    tar -C "$tmp/src" -xf -
# --system-site-packages: the build backend (mesonpy) and pandas come from Debian.
"$py" -m venv --system-site-packages "$tmp/venv"
"$tmp/venv/bin/python" -m pip install --no-build-isolation --no-index --no-deps -q \
    "$tmp/src" >"$tmp/pip.log" 2>&1 || { cat "$tmp/pip.log"; exit 1; }
mkdir "$tmp/elsewhere"
cd "$tmp/elsewhere"
run() { env -i PATH=/usr/bin:/bin HOME="$tmp" "$tmp/venv/bin/python" "$@"; }
"$fupin" report "$src/examples/data" >"$tmp/cli.jsonl"
run - "$src/examples/data" >"$tmp/py.jsonl" <<'PY'
import json, os, sys
import fupin
# the package's own library, not one from a build tree or the system
assert os.path.dirname(fupin._capi._path) == os.path.dirname(fupin.__file__), fupin._capi._path
with fupin.Policy.builtin("national") as policy, fupin.Dataset.load(sys.argv[1]) as ds:
    for record in ds.report(policy):
        print(json.dumps(record, ensure_ascii=False, separators=(",", ":")))
PY
cmp "$tmp/cli.jsonl" "$tmp/py.jsonl" || { echo "FAIL: the installed package's report differs"; exit 1; }
run - "$src/examples/data" <<'PY'
import sys
import fupin, pandas
with fupin.Policy.builtin("national") as policy, fupin.Dataset.load(sys.argv[1]) as ds:
    df = ds.report_frame(policy)
    assert isinstance(df, pandas.DataFrame)
    # the sample dataset: 18 households (examples/data/README.md), GZ02 severe
    assert len(df) == 18, len(df)
    assert list(df.columns[:4]) == ["household", "village", "year", "guarantee.status"]
    assert df.set_index("household").loc["GZ02", "alert.level"] == "severe"
    villages = ds.report_frame(policy, villages=True)
    assert len(villages) == 3 and villages["code"].tolist()[0] == "522327101203"
PY
run - "$src/examples/data" <<'PY'
import sys
sys.modules["pandas"] = None  # as if pandas were not installed
import fupin
with fupin.Policy.builtin("national") as policy, fupin.Dataset.load(sys.argv[1]) as ds:
    assert len(list(ds.report(policy))) == 21
    try:
        ds.report_frame(policy)
    except ImportError as e:
        assert "needs pandas" in str(e), e
    else:
        raise AssertionError("report_frame without pandas did not raise ImportError")
PY
echo "pip install: import fupin works from anywhere; report_frame with and without pandas"
