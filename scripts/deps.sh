#!/bin/sh
# Install what fupin needs, when it is missing.
#   sh scripts/deps.sh build   what building and running `fupin` needs
#   sh scripts/deps.sh test    that, plus what the test suite needs
# On Debian and its derivatives (apt-get present, running as root) the missing
# packages are installed with apt-get. Elsewhere nothing is installed: the script
# names the programs that are missing and stops, so that you can install them with
# your system's package manager (README.md, "Install").
set -eu
mode=${1:-test}

# Debian package -> a file that proves it is installed (checked without dpkg, so the
# check also works where dpkg does not exist).
build_pkgs="meson:meson ninja-build:ninja gcc:cc pkg-config:pkg-config python3:python3"
# g++: headers compile as C++; libcmocka-dev: the unit tests; binutils: nm/readelf in
# the install test; locales-all: a comma-decimal locale proves number parsing ignores
# LC_NUMERIC; git: the clean-clone test; python3-mesonpy, python3-venv, python3-pip:
# the pip install test; python3-pandas: report_frame(); groff-base: the man page check.
test_pkgs="g++:g++ libcmocka-dev:@cmocka binutils:nm locales-all:@locale git:git
python3-mesonpy:@mesonpy python3-venv:@venv python3-pip:@pip python3-pandas:@pandas
groff-base:groff"

have() {
    case $1 in
        @cmocka) pkg-config --exists cmocka 2>/dev/null ;;
        @locale) [ -d /usr/lib/locales-all ] || locale -a 2>/dev/null | grep -qi '^de_DE.utf' ;;
        @mesonpy) /usr/bin/python3 -c 'import mesonpy' 2>/dev/null ;;
        @venv) /usr/bin/python3 -c 'import ensurepip, venv' 2>/dev/null ;;
        @pip) /usr/bin/python3 -m pip --version >/dev/null 2>&1 ;;
        @pandas) /usr/bin/python3 -c 'import pandas' 2>/dev/null ;;
        *) command -v "$1" >/dev/null 2>&1 ;;
    esac
}

case $mode in
    build) wanted=$build_pkgs ;;
    test) wanted="$build_pkgs $test_pkgs" ;;
    *) echo "usage: sh scripts/deps.sh [build|test]" >&2; exit 2 ;;
esac
need=""
for pair in $wanted; do
    pkg=${pair%%:*}
    probe=${pair#*:}
    # with dpkg, ask it (exact); without, look for the program or file
    if command -v dpkg >/dev/null 2>&1; then
        dpkg -s "$pkg" >/dev/null 2>&1 || need="$need $pkg"
    else
        have "$probe" || need="$need $pkg"
    fi
done
[ -z "$need" ] && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "installing:$need" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq $need >/dev/null
    exit 0
fi
echo "fupin: missing (Debian package names):$need" >&2
echo "Install them with your package manager (README.md, Install), then run again." >&2
if [ "$mode" = test ]; then
    # The test scripts skip what cannot run; only the build tools are required.
    for pair in $build_pkgs; do
        have "${pair#*:}" || exit 1
    done
    exit 0
fi
exit 1
