# Helpers shared by the command-line test scripts, sourced after they set exe, tmp,
# failures and n. run NAME STATUS ARGS... runs fupin with stdout and stderr kept
# apart in $tmp/NAME.out and $tmp/NAME.err and counts a wrong exit status; the others
# check those files and count what is missing.
run() {
    name=$1; want=$2; shift 2
    n=$((n + 1))
    "$exe" "$@" > "$tmp/$name.out" 2> "$tmp/$name.err"
    got=$?
    if [ "$got" -ne "$want" ]; then
        echo "FAIL $name: exit $got, want $want (fupin $*)"; sed 's/^/  stderr: /' "$tmp/$name.err"
        failures=$((failures + 1))
    fi
}
fail() { echo "FAIL $1"; failures=$((failures + 1)); }
has() { grep -q -- "$2" "$tmp/$1" || fail "$1 lacks: $2"; }
hasf() { grep -qF -- "$2" "$tmp/$1" || fail "$1 lacks: $2"; }
empty() { [ ! -s "$tmp/$1" ] || { fail "$1 should be empty:"; head -5 "$tmp/$1"; }; }
nonempty() { [ -s "$tmp/$1" ] || fail "$1 should not be empty"; }
