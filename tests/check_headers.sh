#!/bin/sh
# Every public header compiles alone, as C99 and as C++ (style.md, The public face).
# Usage: check_headers.sh SRC_INCLUDE BUILD_INCLUDE
set -eu
src=$1
bld=$2
cc=${CC:-cc}
cxx=${CXX:-c++}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
for h in fupin.h fupin/common.h fupin/policy.h fupin/household.h fupin/village.h fupin/dataset.h fupin/summary.h fupin/evaluate.h fupin/diff.h; do
    printf '#include <%s>\nint main(void) { return 0; }\n' "$h" > "$tmp/t.c"
    if ! $cc -std=c99 -Wall -Wextra -pedantic -Werror -I"$src" -I"$bld" -c "$tmp/t.c" -o "$tmp/t.o"; then
        echo "FAIL: $h as C99"; fail=1
    fi
    if command -v "$cxx" >/dev/null 2>&1; then
        cp "$tmp/t.c" "$tmp/t.cpp"
        if ! $cxx -std=c++11 -Wall -Wextra -pedantic -Werror -I"$src" -I"$bld" -c "$tmp/t.cpp" -o "$tmp/t.o"; then
            echo "FAIL: $h as C++"; fail=1
        fi
    else
        echo "FAIL: no C++ compiler ($cxx) to check $h"; fail=1
    fi
done
[ $fail -eq 0 ] && echo "all public headers compile alone as C99 and C++"
exit $fail
