#!/usr/bin/env bash
# `heaptrail diff` at scale (issue 16: it works where analyze works, two 3 GB dumps with -Xmx1g, and
# a second run on the same pair reads no dump again). Two dumps of one JVM from bench/DiffDumps.java
# under target/bench/, then diff with a 1 GB heap: first run (both indexes built), second (reused).
#   bench/diff-benchmark.sh [TARGET_MB]     (default 3072)
set -euo pipefail
cd "$(dirname "$0")/.."
mb="${1:-3072}"
out=target/bench/diff-$mb; mkdir -p "$out"
[ -f heaptrail-cli/target/heaptrail.jar ] || mvn -B -q -DskipTests package -pl heaptrail-cli -am
if [ ! -f "$out/after.hprof" ]; then
  rm -rf "$out"/*.hprof "$out"/*.heaptrail-index
  java -Xmx$((mb * 3 + 1024))m bench/DiffDumps.java "$out/before.hprof" "$out/after.hprof" "$mb"
fi
ls -l "$out"/*.hprof
for run in first second; do
  /usr/bin/time -f "$run run: %e s wall, %M KB max RSS" java -Xmx1g -jar heaptrail-cli/target/heaptrail.jar \
    diff "$out/before.hprof" "$out/after.hprof" --top 3 -q > "$out/$run.txt" || true
  head -12 "$out/$run.txt"
done
