#!/bin/sh
# Run a command that must exit with exactly the given status (a crash, a bad file or
# bad usage is a different status, so it fails), and whose standard output must hold
# the given text.  Usage: expect_exit.sh STATUS TEXT COMMAND [ARG...]
want=$1
text=$2
shift 2
out=$("$@")
got=$?
printf '%s\n' "$out"
if [ "$got" -ne "$want" ]; then
    echo "expect_exit: '$*' exited $got, expected exactly $want" >&2
    exit 1
fi
case $out in
*"$text"*) ;;
*)
    echo "expect_exit: output lacks '$text'" >&2
    exit 1
    ;;
esac
exit 0
