#!/usr/bin/env bash
# Issue 15's accuracy on one busy target, side by side: JFR's `profile` settings, async-profiler's
# `alloc,live` (both out of the box) and `heaptrail alloc`, each for SECONDS on testkit's
# BusyAllocator (five churning sites at 300 MB/s, keepOrder keeping 64-byte orders at 300 KB/s).
#   bench/alloc-anchors.sh [SECONDS] [JAVA_HOME of the target]   (default 60, this machine's java)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
java_home="${2:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
dir=target/bench/anchors; mkdir -p "$dir"; rm -f "$dir"/*.jfr
[ -f heaptrail-cli/target/heaptrail.jar ] || mvn -B -q -o package -pl heaptrail-cli -am -DskipTests
export HEAPTRAIL_BUILD=never
lib="$dir/libasyncProfiler.so"
unzip -o -q -j ~/.m2/repository/tools/profiler/async-profiler/4.2/async-profiler-4.2.jar linux-x64/libasyncProfiler.so -d "$dir"

run_target() {
  fifo="$dir/busy.stdin"; rm -f "$fifo"; mkfifo "$fifo"
  "$java_home/bin/java" -Xmx1g -cp heaptrail-testkit/target/classes dev.heaptrail.testkit.BusyAllocator <"$fifo" >"$dir/busy.log" 2>&1 &
  busy=$!
  exec 3>"$fifo"
  until grep -q '^ready' "$dir/busy.log" 2>/dev/null; do sleep 0.2; done
  sleep 5 # past start-up
}
stop_target() { echo quit >&3 || true; exec 3>&-; wait "$busy" 2>/dev/null || true; rm -f "$fifo"; }

echo "target: $("$java_home/bin/java" -version 2>&1 | head -1), BusyAllocator defaults, $seconds s each"
echo "== JFR, settings=profile"
run_target; java bench/AllocAnchors.java jfr "$busy" "$seconds" "$PWD/$dir/jfr-profile.jfr"; stop_target
echo "== async-profiler alloc,live (no GC before the end)"
run_target; java bench/AllocAnchors.java async-profiler "$busy" "$seconds" "$PWD/$dir/async-live.jfr" "$PWD/$lib"; stop_target
echo "== heaptrail alloc"
run_target; ./heaptrail alloc "$busy" --duration "${seconds}s" --top 6 -q --output "$dir/heaptrail.jfr" | sed -n '1,12p'; stop_target
