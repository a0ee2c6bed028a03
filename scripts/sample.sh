#!/bin/sh
# Build fupin and run the main job, `fupin report`, on the bundled sample dataset.
# Installs only what building needs (scripts/deps.sh build).
set -eu
cd "$(dirname "$0")/.."
sh scripts/deps.sh build
# The main job needs neither cmocka nor the benchmarks: -Dtests=false -Dbench=false.
# scripts/test.sh reconfigures the same build/ with its own options later.
if [ ! -f build/build.ninja ]; then
    mkdir -p build
    meson setup build -Dtests=false -Dbench=false >build/setup.log 2>&1 ||
        { cat build/setup.log; exit 1; }
fi
ninja -C build >/dev/null
./build/tools/fupin report examples/data
