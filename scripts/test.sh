#!/bin/sh
# Build and run every test: once as a release build with -Dwerror=true, once under
# AddressSanitizer + UBSan, then once more from a clean clone of the committed tree
# with nothing beside it (scripts/test_clone.sh: also `meson dist` and `meson install`).
# Installs what it needs first. Exit status 0 only when every test passed.
set -u
cd "$(dirname "$0")/.."
sh scripts/deps.sh test || exit 2
status=0
# run DIR "OPTIONS" [TEST...]: configure DIR with OPTIONS (single words), build it, and
# run every test, or only the TESTs named.
run() {
    dir=$1
    opts=$2
    shift 2
    # shellcheck disable=SC2086 # OPTIONS are single words
    if [ -f "$dir/build.ninja" ]; then
        # Already configured (e.g. by sample.sh, with other options): impose ours, so
        # that -Dwerror=true and the tests are never silently lost.
        meson configure "$dir" $opts >"$dir/setup.log" 2>&1 || { cat "$dir/setup.log"; return 1; }
    else
        mkdir -p "$dir"
        meson setup "$dir" $opts >"$dir/setup.log" 2>&1 || { cat "$dir/setup.log"; return 1; }
    fi
    ninja -C "$dir" || return 1
    meson test -C "$dir" --print-errorlogs --num-processes 2 "$@"
}
run build "-Dwerror=true -Dtests=true -Dbench=true -Dbuildtype=debugoptimized" || status=1
# UBSan findings abort the test, so they fail it instead of scrolling past.
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    run build-asan "-Db_sanitize=address,undefined -Db_lundef=false -Dbench=false -Dtests=true \
    -Dbuildtype=debug -Dwerror=true" || status=1
# ThreadSanitizer over the tests that load, report and roll up on several threads
# (lib/io/dataset_par.c, lib/io/dataset_split.c, lib/app/report.c, lib/app/partition.c):
# a race fails them.
TSAN_OPTIONS=halt_on_error=1:abort_on_error=1 \
    run build-tsan "-Db_sanitize=thread -Db_lundef=false -Dbench=false -Dtests=true \
    -Dbuildtype=debug -Dwerror=true" test_load_threads test_stream test_split test_dataset test_rollup \
    test_root_cover test_csv golden_sample_report cli_root || status=1
sh scripts/test_clone.sh || status=1
exit $status
