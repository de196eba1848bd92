#!/usr/bin/env bash
# How fast `heaptrail sites` reads a 100 MB JFR recording with a 256 MB heap (issue 15: under 5 s).
# The recording is real: testkit's BusyAllocator profiled by `heaptrail alloc` with a small sampling
# interval (many samples), made once under target/bench/ and reused. Then three timed runs.
#   bench/sites-benchmark.sh [SIZE_MB]      (default 100)
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb="${1:-100}"
dir=target/bench
file="$dir/sites-${size_mb}mb.jfr"
mkdir -p "$dir"
[ -f heaptrail-cli/target/heaptrail.jar ] || mvn -B -q -o package -pl heaptrail-cli -am -DskipTests
export HEAPTRAIL_BUILD=never

if [ ! -f "$file" ]; then
  parts=()
  fifo="$dir/busy.stdin"; rm -f "$fifo"; mkfifo "$fifo"
  java -Xmx1g -cp heaptrail-testkit/target/classes dev.heaptrail.testkit.BusyAllocator --rate 400 <"$fifo" >"$dir/busy.log" 2>&1 &
  exec 3>"$fifo"
  busy=$!
  trap 'echo quit >&3 || true; kill $busy 2>/dev/null || true; rm -f "$fifo"' EXIT
  until grep -q '^ready' "$dir/busy.log" 2>/dev/null; do sleep 0.2; done
  n=0
  total=0
  # one window writes about 40 MB at a 4 KiB interval; concatenated chunks are one recording
  while [ "$total" -lt $((size_mb * 1000 * 1000)) ]; do
    part="$dir/sites-part-$n.jfr"; rm -f "$part"
    ./heaptrail alloc "$busy" --duration 20s --interval 4096 --output "$part" -q >/dev/null
    parts+=("$part"); n=$((n + 1))
    total=$(cat "${parts[@]}" | wc -c)
  done
  cat "${parts[@]}" > "$file"
  rm -f "${parts[@]}"
fi

echo "file: $file ($(($(stat -c %s "$file") / 1000 / 1000)) MB), $(jfr summary "$file" | awk '/ObjectAllocationInNewTLAB|profiler.LiveObject|OldObjectSample|ObjectAllocationSample/ {printf "%s %s  ", $1, $2}')"
for run in 1 2 3; do
  /usr/bin/time -f "run $run: %e s wall, %M KB max RSS" env HEAPTRAIL_JAVA_OPTS=-Xmx256m ./heaptrail sites "$file" --top 5 -q >/dev/null
done
