#!/bin/sh
# Run an example program and compare its standard output, byte for byte, with the
# checked-in expected text. Usage: check_output.sh PROGRAM EXPECTED_FILE
set -eu
out="${TMPDIR:-/tmp}/fupin-example-$$.out"
trap 'rm -f "$out"' EXIT
if ! "$1" >"$out"; then
    echo "$1 failed" >&2
    exit 1
fi
diff -u "$2" "$out"
