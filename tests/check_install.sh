#!/bin/sh
# After `meson install`, pkg-config lets a separate program compile and link against
# the library; the shared library exports only fupin_ symbols and needs only libc/libm.
# Usage: check_install.sh BUILD_ROOT SOURCE_ROOT
set -eu
build=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
meson install -C "$build" --destdir "$tmp/root" --no-rebuild --quiet >/dev/null
pc=$(find "$tmp/root" -name fupin.pc | head -n 1)
[ -n "$pc" ] || { echo "FAIL: fupin.pc not installed"; exit 1; }
export PKG_CONFIG_PATH=$(dirname "$pc")
export PKG_CONFIG_SYSROOT_DIR="$tmp/root"
cflags=$(pkg-config --cflags fupin)
libs=$(pkg-config --libs fupin)
${CC:-cc} -std=c99 -Wall -Wextra -Werror $cflags "$src/examples/c/embed.c" -o "$tmp/embed" $libs
so=$(find "$tmp/root" -name 'libfupin.so.*' -type f | head -n 1)
LD_LIBRARY_PATH=$(dirname "$so") "$tmp/embed" | grep -q "guarantee status unknown" || {
    echo "FAIL: the embedding program did not run"; exit 1; }
# The policy-change example a user would copy: cmocka + fupin through pkg-config.
ex="$src/examples/policy-test/test_threshold_change.c"
${CC:-cc} -std=c99 -Wall -Wextra -Werror $cflags $(pkg-config --cflags cmocka) "$ex" \
    -o "$tmp/policy_test" $libs $(pkg-config --libs cmocka)
LD_LIBRARY_PATH=$(dirname "$so") "$tmp/policy_test" || {
    echo "FAIL: examples/policy-test did not pass against the installed library"; exit 1; }
# The installed program runs with no LD_LIBRARY_PATH: its run path is relative to it.
prog=$(find "$tmp/root" -path '*/bin/fupin' -type f | head -n 1)
[ -n "$prog" ] || { echo "FAIL: bin/fupin not installed"; exit 1; }
env -u LD_LIBRARY_PATH "$prog" version | grep -q "^fupin " || {
    echo "FAIL: the installed fupin does not run without LD_LIBRARY_PATH"; exit 1; }
readelf -d "$prog" | grep -q 'R.*PATH.*\$ORIGIN/\.\./' || {
    echo "FAIL: the installed fupin has no \$ORIGIN run path"; exit 1; }
for page in man1/fupin.1 man5/fupin-dataset.5 man5/fupin-policy.5; do
    f=$(find "$tmp/root" -path "*/man/$page" | head -n 1)
    [ -n "$f" ] || { echo "FAIL: man page $page not installed"; exit 1; }
    # well-formed roff: groff reports no warning (where groff exists)
    if command -v groff >/dev/null 2>&1; then
        w=$(groff -man -Tutf8 -ww -z "$f" 2>&1)
        [ -z "$w" ] || { echo "FAIL: $page: $w"; exit 1; }
    fi
    grep -q '@VERSION@' "$f" && { echo "FAIL: $page has no version"; exit 1; }
done
bad=$(nm -D --defined-only "$so" | awk '{print $3}' | grep -v '^fupin_' || true)
[ -z "$bad" ] || { echo "FAIL: exported symbols without the fupin_ prefix: $bad"; exit 1; }
internal=$(nm -D --defined-only "$so" | awk '{print $3}' | grep '^fupin__' || true)
[ -z "$internal" ] || { echo "FAIL: internal symbols exported: $internal"; exit 1; }
needed=$(readelf -d "$so" | awk '/NEEDED/ {print $5}' | tr -d '[]' | sort | tr '\n' ' ')
for lib in $needed; do
    case "$lib" in
        libc.so.*|libm.so.*) ;;
        # glibc keeps __tls_get_addr (thread-local errors) in its dynamic loader
        ld-linux*.so.*) ;;
        *) echo "FAIL: the library needs $lib"; exit 1 ;;
    esac
done
echo "installed library links through pkg-config; exports only fupin_*; needs: $needed"
