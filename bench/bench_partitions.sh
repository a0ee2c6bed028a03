#!/bin/sh
# The whole-country case in miniature (issue 15, item 2): generate a partitioned root
# of N households, PER households a partition, then time `fupin report ROOT` (to a
# file) and `fupin validate ROOT` with bench/measure.sh, and remove everything.
#   bench/bench_partitions.sh BUILD_DIR WORK_DIR [N [PER [RUNS]]]
# Needs about 0.45 GB of disk per million households for the CSV, plus about 0.65 GB
# per million for the report's output: check `df -h WORK_DIR` first.
set -eu
build=$1 work=$2 n=${3:-10000000} per=${4:-250000} runs=${5:-1}
here=$(dirname "$0")
root="$work/root-$n"
mkdir -p "$work"
trap 'rm -rf "$root" "$work/report-$n.jsonl"' EXIT
echo "generating $n households, $per per partition, in $root"
/usr/bin/time -f "generated in %e s" nice "$build/bench/gen_dataset" "$root" "$n" 1 "$per"
du -sh "$root"
echo "partitions: $(find "$root" -name villages.csv | wc -l); cores: $(nproc);" \
    "load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== fupin report ROOT > file"
sh "$here/measure.sh" "$runs" "$root" "$work/report-$n.jsonl" -- "$build/tools/fupin" report "$root"
echo "report lines: $(wc -l <"$work/report-$n.jsonl")"
echo "== fupin validate ROOT"
sh "$here/measure.sh" "$runs" "$root" /dev/null -- "$build/tools/fupin" validate "$root"
