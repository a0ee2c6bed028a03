#!/bin/sh
# Median of N runs of a command, with /usr/bin/time -v: wall seconds, CPU seconds
# (user + sys), peak resident memory, and MB/s of CSV when DATA (a dataset or root)
# is given; the load average before each run says how busy the machine was.
#   bench/measure.sh N DATA OUT -- COMMAND ARGS...
# The command's standard output goes to OUT (a file, as a user would write it).
set -eu
n=$1 data=$2 out=$3
shift 3
[ "$1" = "--" ] && shift
bytes=$(find "$data" -name '*.csv' -type f -exec cat {} + | wc -c)
tmp=$(mktemp)
trap 'rm -f "$tmp" "$tmp.t"' EXIT
i=0
while [ $i -lt "$n" ]; do
    load=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -v -o "$tmp.t" "$@" >"$out"
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, a, ":"); s = 0;
        for (i = 1; i <= n; i++) s = s * 60 + a[i]; print s}' "$tmp.t")
    cpu=$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {print u + s}' "$tmp.t")
    rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$tmp.t")
    echo "$wall $cpu $rss $load" >>"$tmp"
    printf 'run %d: wall %.2f s, cpu %.2f s, peak %d MiB, load before %s\n' $((i + 1)) \
        "$wall" "$cpu" $((rss / 1024)) "$load"
    i=$((i + 1))
done
# each figure's own median
med() { sort -n | awk -v n="$n" 'NR == int((n + 1) / 2)'; }
wall=$(cut -d' ' -f1 "$tmp" | med)
cpu=$(cut -d' ' -f2 "$tmp" | med)
rss=$(cut -d' ' -f3 "$tmp" | med)
awk -v n="$n" -v w="$wall" -v c="$cpu" -v r="$rss" -v bytes="$bytes" 'BEGIN {
    printf "median of %d: wall %.2f s, cpu %.2f s, peak %d MiB, %.0f MB of CSV, %.0f MB/s\n",
        n, w, c, r / 1024, bytes / 1e6, bytes / 1e6 / w }'
