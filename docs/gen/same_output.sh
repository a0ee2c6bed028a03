#!/bin/sh
# same_output.sh PAGE PROGRAM: the checked-in PAGE equals PROGRAM's output.
set -eu
page=$1
shift
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$@" >"$out"
if ! cmp -s "$page" "$out"; then
    echo "FAIL: $page is not what $1 prints now; regenerate it:" >&2
    echo "  $* > $page" >&2
    diff -u "$page" "$out" | head -40 >&2
    exit 1
fi
