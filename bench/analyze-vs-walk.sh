#!/usr/bin/env bash
# Issue 17's measure: heaptrail analyze (index built each time) against the leanest walk of the
# same dump (bench/LeanWalk.java), in turns so both see the machine in the same state; medians of
# N rounds. With and without the launchers' huge pages, at the heap sizes given.
# Usage: bench/analyze-vs-walk.sh ROUNDS DUMP [XMX...]     e.g. bench/analyze-vs-walk.sh 3 target/bench/bench-512mb.hprof 1g 256m
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=$1 dump=$2; shift 2
heaps=("$@"); [ ${#heaps[@]} -eq 0 ] && heaps=(1g)
out=target/bench
jar=$out/heaptrail.jar
cp heaptrail-cli/target/heaptrail.jar "$jar"
mkdir -p "$out/classes"
javac -d "$out/classes" bench/LeanWalk.java
cat "$dump" > /dev/null
declare -A times
ms() { local s e; s=$(date +%s%N); "$@" > /dev/null 2>&1 || true; e=$(date +%s%N); echo $(((e - s) / 1000000)); }
labels=("lean walk")
for xmx in "${heaps[@]}"; do labels+=("analyze -Xmx$xmx" "analyze -Xmx$xmx +THP"); done
for _ in $(seq "$rounds"); do
  times["lean walk"]+="$(ms java -cp "$out/classes" LeanWalk "$dump") "
  for xmx in "${heaps[@]}"; do
    rm -rf "$out/index"
    times["analyze -Xmx$xmx"]+="$(ms java -Xmx$xmx -jar "$jar" analyze "$dump" --quiet --top 1 --index-dir "$out/index") "
    rm -rf "$out/index"
    times["analyze -Xmx$xmx +THP"]+="$(ms java -Xmx$xmx -XX:+UseTransparentHugePages -jar "$jar" analyze "$dump" --quiet --top 1 --index-dir "$out/index") "
  done
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}'; }
walk=$(echo "${times["lean walk"]}" | median)
echo "| $(basename "$dump") | median of $rounds | x lean walk | runs (ms) |"
echo "|---|---|---|---|"
for l in "${labels[@]}"; do
  m=$(echo "${times[$l]}" | median)
  printf '| %s | %.2f s | %.1f | %s|\n' "$l" "$(awk "BEGIN{print $m/1000}")" "$(awk "BEGIN{print $m/$walk}")" "${times[$l]}"
done
