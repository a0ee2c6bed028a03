#!/bin/sh
# Line and branch coverage of the test suite, per directory (docs/testing.md).
# Builds build-coverage (-Db_coverage=true, debug, no optimisation), runs every test,
# and prints one row per source directory plus the totals of lib/ and tools/, from
# gcovr (installed with apt-get when missing and apt-get exists). The full per-file
# table is written to build-coverage/coverage.txt.
set -u
cd "$(dirname "$0")/.." || exit 2
if ! command -v gcovr >/dev/null 2>&1; then
    if command -v apt-get >/dev/null 2>&1; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gcovr >/dev/null || exit 2
    else
        echo "coverage.sh: needs gcovr" >&2
        exit 2
    fi
fi
dir=build-coverage
if [ ! -f "$dir/build.ninja" ]; then
    # atomic counters: threaded tests would otherwise race on them (negative counts)
    meson setup "$dir" -Db_coverage=true -Dbuildtype=debug -Dbench=false \
        -Dc_args=-fprofile-update=atomic >/dev/null 2>&1 || exit 2
fi
ninja -C "$dir" >/dev/null 2>&1 || { ninja -C "$dir"; exit 2; }
find "$dir" -name '*.gcda' -delete
# A failing test still gives coverage; its status is reported, not hidden.
meson test -C "$dir" --num-processes 2 >/dev/null 2>&1
status=$?
[ $status -eq 0 ] || echo "coverage.sh: some tests failed (see $dir/meson-logs/testlog.txt)" >&2
gcovr -r . --object-directory "$dir" --filter 'lib/' --filter 'tools/' \
    --exclude-unreachable-branches --exclude-throw-branches \
    --json-summary "$dir/coverage.json" --txt "$dir/coverage.txt" >/dev/null || exit 2
python3 - "$dir/coverage.json" <<'PY'
import json, sys
from collections import OrderedDict
data = json.load(open(sys.argv[1]))
rows = OrderedDict()
def add(key, f):
    r = rows.setdefault(key, [0, 0, 0, 0])
    r[0] += f["line_covered"]; r[1] += f["line_total"]
    r[2] += f["branch_covered"]; r[3] += f["branch_total"]
for f in sorted(data["files"], key=lambda f: f["filename"]):
    name = f["filename"]
    add(name.rsplit("/", 1)[0] + "/", f)
for f in data["files"]:
    add("all " + f["filename"].split("/", 1)[0] + "/", f)
def pct(c, t):
    return "%6.1f %%" % (100.0 * c / t) if t else "     -  "
print("%-16s %9s %13s %9s %13s" % ("directory", "lines", "", "branches", ""))
for k, (lc, lt, bc, bt) in rows.items():
    print("%-16s %s %6d/%-6d %s %6d/%-6d" % (k, pct(lc, lt), lc, lt, pct(bc, bt), bc, bt))
PY
exit $status
