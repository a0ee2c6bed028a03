#!/bin/sh
# Install what building and testing fupin needs, when it is missing (Debian, as root).
set -eu
need=""
# locales-all: a comma-decimal locale proves number parsing ignores the C locale
for p in meson ninja-build gcc g++ pkg-config libcmocka-dev python3 binutils locales-all; do
    dpkg -s "$p" >/dev/null 2>&1 || need="$need $p"
done
if [ -n "$need" ]; then
    echo "installing:$need" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq $need >/dev/null
fi
