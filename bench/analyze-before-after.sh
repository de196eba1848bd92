#!/usr/bin/env bash
# Times `analyze` of one dump with two jars, in turns (before, after, before, after...), the index
# removed before each run so that every run builds it. Prints each run and both medians.
# Usage: bench/analyze-before-after.sh BEFORE.jar AFTER.jar DUMP INDEX_DIR [PAIRS]
set -euo pipefail
before=$1 after=$2 dump=$3 index=$4 pairs=${5:-5}
mkdir -p "$index"
declare -a tb ta
run() { # jar → seconds
    rm -rf "${index:?}"/*
    local start end
    start=$(date +%s.%N)
    java -Xmx1g -jar "$1" analyze "$dump" --quiet --top 1 --index-dir "$index" > /dev/null || [ $? -eq 1 ]
    end=$(date +%s.%N)
    echo "$end - $start" | bc
}
for i in $(seq "$pairs"); do
    tb+=("$(run "$before")"); ta+=("$(run "$after")")
    echo "pair $i: before ${tb[-1]} s, after ${ta[-1]} s"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
echo "median before: $(median "${tb[@]}") s, after: $(median "${ta[@]}") s"
