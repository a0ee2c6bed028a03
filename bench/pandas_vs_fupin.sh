#!/bin/sh
# Side-by-side timing of `fupin report` and bench/pandas_report.py (issue 15), alternating:
#   sh bench/pandas_vs_fupin.sh FUPIN DATASET [RUNS] [OUTDIR]
# FUPIN is a release build's tools/fupin; both write their report to a file in OUTDIR
# (default /tmp). Prints one line per run: tool, wall s, user s, sys s, peak RSS KiB,
# and the 1-minute load average before the run; then checks that the last two reports
# agree (bench/compare_reports.py). Needs /usr/bin/time and python3 with pandas.
set -eu
fupin=$1
data=$2
runs=${3:-3}
out=${4:-/tmp}
here=$(dirname "$0")
py=${PYTHON:-python3}
echo "tool wall_s user_s sys_s peak_rss_kib load1"
i=1
while [ "$i" -le "$runs" ]; do
    for tool in fupin pandas; do
        load=$(cut -d' ' -f1 /proc/loadavg)
        if [ "$tool" = fupin ]; then
            /usr/bin/time -f "%e %U %S %M" -o "$out/time.txt" \
                nice -n 5 "$fupin" report "$data" >"$out/report_fupin.jsonl" 2>/dev/null
        else
            /usr/bin/time -f "%e %U %S %M" -o "$out/time.txt" \
                nice -n 5 "$py" "$here/pandas_report.py" "$data" -o "$out/report_pandas.jsonl"
        fi
        echo "$tool $(cat "$out/time.txt") $load"
    done
    i=$((i + 1))
done
rm -f "$out/time.txt"
"$py" "$here/compare_reports.py" "$out/report_fupin.jsonl" "$out/report_pandas.jsonl" | tail -n 1
