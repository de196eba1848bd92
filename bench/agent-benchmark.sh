#!/usr/bin/env bash
# Measures the heaptrail agent (issue 5's performance goals):
#   overhead  - a one-thread allocation-heavy workload with and without the agent (all monitoring on,
#               metrics served and scraped, no action firing), JVMs run in turns, several repetitions
#   detect    - time until heaptrail_leak_verdict turns 1 for leaks of 10 % and 1 % of the max heap a minute
#   stable    - a steady and a warming-up application watched by the agent: the verdict must stay 0
#   footprint - the agent's own heap: retained size of its Monitor in a heap dump, by heaptrail itself
# Usage: bench/agent-benchmark.sh [overhead] [detect] [stable] [footprint]   (default: all)
# Needs the build: mvn -B verify.
set -euo pipefail
cd "$(dirname "$0")/.."
parts=("$@")
[ $# -eq 0 ] && parts=(overhead detect stable footprint)
out=target/bench/agent
mkdir -p "$out"
agent=heaptrail-agent/target/heaptrail-agent.jar
targets=heaptrail-cli/target/test-classes
[ -f "$agent" ] && [ -d "$targets" ] || { echo "bench: build first: mvn -B verify" >&2; exit 4; }

port_of() { # the metrics port the agent printed in a child's output file
  for _ in $(seq 100); do
    p=$(grep -o 'metrics on http://[^:]*:[0-9]*' "$1" 2>/dev/null | head -1 | sed 's/.*://') && [ -n "$p" ] && { echo "$p"; return; }
    sleep 0.2
  done
  echo "bench: no metrics port in $1" >&2; return 1
}

overhead() {
  local reps=${REPS:-5} secs=${SECS:-40}
  : > "$out/overhead-runs.txt"
  for i in $(seq "$reps"); do
    for mode in without with; do
      local opts=() scraper=""
      [ "$mode" = with ] && opts=("-javaagent:$agent=port=0")
      java -Xmx512m "${opts[@]}" bench/WatchWorkload.java throughput > "$out/run.txt" 2>&1 &
      local pid=$!
      if [ "$mode" = with ]; then
        local port; port=$(port_of "$out/run.txt")
        # scraped like Prometheus would, every 5 s
        (while kill -0 "$pid" 2>/dev/null; do curl -s "127.0.0.1:$port/metrics" > /dev/null || true; sleep 5; done) &
        scraper=$!
      fi
      sleep "$secs"
      kill "$pid"; wait "$pid" 2>/dev/null || true
      [ -n "$scraper" ] && { kill "$scraper" 2>/dev/null || true; }
      # mean ops/s after a 10 s warm-up
      awk -v m="$mode" -v r="$i" '/^[0-9]+ [0-9]+/ { n++; if (n > 10) { s += $2; c++ } } END { printf "%s %d %.0f\n", m, r, s / c }' \
        "$out/run.txt" >> "$out/overhead-runs.txt"
    done
  done
  awk '{ sum[$1] += $3; n[$1]++ } END {
         w = sum["with"] / n["with"]; wo = sum["without"] / n["without"]
         printf "mean ops/s over %d runs each: without the agent %.0f, with it %.0f: %+.2f %%\n", n["with"], wo, w, (w - wo) / wo * 100 }' \
    "$out/overhead-runs.txt" | tee "$out/overhead.txt"
}

# time (s) from start until heaptrail_leak_verdict is 1, or "never" within the limit
verdict_time() {
  local log=$1 limit=$2 pid=$3 port t0; port=$(port_of "$log"); t0=$(date +%s)
  while [ $(( $(date +%s) - t0 )) -lt "$limit" ]; do
    if curl -s "127.0.0.1:$port/metrics" | grep -q '^heaptrail_leak_verdict 1'; then echo $(( $(date +%s) - t0 )); return; fi
    sleep 1
  done
  echo never
}

detect() {
  for rate in 0.10 0.01; do
    java -javaagent:"$agent"=port=0 -Xmx512m -cp "$targets" 'dev.heaptrail.cli.WatchTargets$HeapLeak' "$rate" > "$out/detect-$rate.txt" 2>&1 &
    local pid=$!
    local t; t=$(verdict_time "$out/detect-$rate.txt" 420 "$pid")
    kill "$pid"
    echo "leak of $rate of the max heap a minute (512 MB heap, default options): verdict 1 after $t s"
  done | tee "$out/detect.txt"
}

stable() {
  local minutes=${MINUTES:-10}
  for main in Steady WarmingCache; do
    (
      java -javaagent:"$agent"=port=0 -Xmx512m -cp "$targets" "dev.heaptrail.cli.WatchTargets\$$main" > "$out/stable-$main.txt" 2>&1 &
      pid=$!
      t=$(verdict_time "$out/stable-$main.txt" $((minutes * 60)) "$pid")
      kill "$pid"
      echo "$main watched $minutes min by the agent: verdict 1 after: $t"
    ) &
  done > "$out/stable.txt"
  wait
  cat "$out/stable.txt"
}

footprint() {
  # live heap (after the full GC histo PID runs) of the same application with and without the agent,
  # once the agent's window has filled for a while and it has been scraped: the difference is the agent's
  local secs=${SECS:-120}
  java -Xmx512m -cp "$targets" 'dev.heaptrail.cli.WatchTargets$Steady' > "$out/footprint-without.txt" 2>&1 &
  local without=$!
  java -javaagent:"$agent"=port=0 -Xmx512m -cp "$targets" 'dev.heaptrail.cli.WatchTargets$Steady' > "$out/footprint-with.txt" 2>&1 &
  local with=$!
  local port; port=$(port_of "$out/footprint-with.txt")
  for _ in $(seq $((secs / 5))); do curl -s "127.0.0.1:$port/metrics" > /dev/null; sleep 5; done
  ./heaptrail histo "$without" --format json > "$out/footprint-without.json"
  ./heaptrail histo "$with" --format json > "$out/footprint-with.json"
  local reported; reported=$(curl -s "127.0.0.1:$port/metrics" | awk '/^heaptrail_agent_heap_bytes/ {print $2}')
  kill "$without" "$with"
  python3 - "$out/footprint-without.json" "$out/footprint-with.json" "$reported" <<'PY' | tee "$out/footprint.txt"
import json, sys
a = json.load(open(sys.argv[1]))["totalBytes"]
b = json.load(open(sys.argv[2]))["totalBytes"]
print(f"live heap without the agent {a / 2**20:.2f} MiB, with it {b / 2**20:.2f} MiB: the agent holds {(b - a) / 2**20:.2f} MiB"
      f" (it reports {float(sys.argv[3]) / 2**20:.2f} MiB of its own buffers)")
PY
}

# overhead alone (it measures speed); the others only wait for verdicts, so they run side by side
for p in "${parts[@]}"; do
  if [ "$p" = overhead ]; then overhead; else "$p" & fi
done
wait
