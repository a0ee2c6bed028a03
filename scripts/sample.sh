#!/bin/sh
# Build fupin and run the main job, `fupin report`, on the bundled sample dataset.
set -eu
cd "$(dirname "$0")/.."
sh scripts/deps.sh
[ -f build/build.ninja ] || meson setup build >/dev/null
ninja -C build >/dev/null
./build/tools/fupin report examples/data
