#!/bin/sh
# The project on its own: the committed tree is cloned into a temporary folder,
# `meson dist` makes the release tarball from it, and the tarball is unpacked into
# another temporary folder with nothing beside it, where it is configured (release,
# -Dwerror=true), built and tested once, then installed to a prefix; the installed
# `fupin` must run without LD_LIBRARY_PATH and its man pages must be there.
# So a bare clone builds and passes, and so does the tarball (they are the same
# committed files). Run by scripts/test.sh; uncommitted changes are not tested.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
if ! git -C "$here" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    echo "test_clone: $here is not a git checkout (a release tarball?): skipped" >&2
    exit 0
fi
if [ -n "$(git -C "$here" status --porcelain --untracked-files=no)" ]; then
    echo "test_clone: note: uncommitted changes are not part of this test (HEAD only)" >&2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git clone -q "$here" "$tmp/clone"
# meson dist asks `git diff-index HEAD`, which does not refresh the index: files
# written in the same second as the index look changed ("racy git"), and on a busy
# machine even a refresh two seconds later was seen to leave one. The clone was just
# made and holds only committed files (its build folder is ignored), and meson dist
# archives the committed files whatever the check says: --allow-dirty only silences
# that false alarm.
# The dist tarball, from the clone.
meson setup "$tmp/clone/build" -Dtests=false -Dbench=false >"$tmp/dist-setup.log" 2>&1 ||
    { cat "$tmp/dist-setup.log"; exit 1; }
meson dist -C "$tmp/clone/build" --no-tests --allow-dirty --formats xztar \
    >"$tmp/dist.log" 2>&1 ||
    { cat "$tmp/dist.log"; exit 1; }
tarball=$(ls "$tmp"/clone/build/meson-dist/*.tar.xz)
mkdir "$tmp/alone"
tar -C "$tmp/alone" -xJf "$tarball"
src=$(ls -d "$tmp"/alone/*)
# nothing beside the unpacked tree: no sibling folder or checkout of any kind
[ "$(ls "$tmp/alone" | wc -l)" -eq 1 ] || { echo "FAIL: something beside the tree"; exit 1; }
echo "test_clone: testing $(basename "$tarball") alone in $tmp/alone" >&2
cd "$src"
meson setup build -Dwerror=true -Dbench=false -Dbuildtype=release --prefix "$tmp/prefix" \
    >"$tmp/setup.log" 2>&1 || { cat "$tmp/setup.log"; exit 1; }
nice ninja -C build >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log"; exit 1; }
meson test -C build --num-processes 2 --print-errorlogs || exit 1
meson install -C build --no-rebuild --quiet >/dev/null
# The installed program finds its library by itself (rpath $ORIGIN/../LIBDIR).
out=$(env -u LD_LIBRARY_PATH "$tmp/prefix/bin/fupin" version) ||
    { echo "FAIL: the installed fupin does not run without LD_LIBRARY_PATH"; exit 1; }
echo "test_clone: installed: $out" >&2
env -u LD_LIBRARY_PATH "$tmp/prefix/bin/fupin" report "$src/examples/data" >/dev/null
for page in man1/fupin.1 man5/fupin-dataset.5 man5/fupin-policy.5; do
    [ -f "$tmp/prefix/share/man/$page" ] || { echo "FAIL: $page not installed"; exit 1; }
done
# The clone stayed clean: the build wrote only inside build/.
[ -z "$(git -C "$tmp/clone" status --porcelain)" ] ||
    { echo "FAIL: the clone is dirty:"; git -C "$tmp/clone" status --short; exit 1; }
echo "test_clone: the committed tree builds, passes and installs on its own" >&2
