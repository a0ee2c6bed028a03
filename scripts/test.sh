#!/bin/sh
# Build and run every test: once normally and once under AddressSanitizer + UBSan.
# Installs what it needs first. Exit status 0 only when every test passed.
set -u
cd "$(dirname "$0")/.."
sh scripts/deps.sh || exit 2
status=0
run() {
    dir=$1
    shift
    if [ ! -f "$dir/build.ninja" ]; then
        meson setup "$dir" "$@" >"$dir.setup.log" 2>&1 || { cat "$dir.setup.log"; return 1; }
    fi
    ninja -C "$dir" || return 1
    meson test -C "$dir" --print-errorlogs --num-processes 2
}
run build -Dwerror=true || status=1
# UBSan findings abort the test, so they fail it instead of scrolling past.
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    run build-asan -Db_sanitize=address,undefined -Db_lundef=false -Dbench=false \
    -Dbuildtype=debug -Dwerror=true || status=1
exit $status
