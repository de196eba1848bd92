#!/usr/bin/env bash
# Measures `heaptrail watch` (issue 4's performance goals):
#   overhead  - throughput of a one-thread workload in 30 s phases with and without a 1 s watch, taken in turns
#   detect    - detection delay of a leak of 1 % of the max heap a minute (verdict leak within 5 minutes?)
#   controls  - 30-minute watches of stable applications (steady garbage, a cache warming up, a churning cache)
# Usage: bench/watch-benchmark.sh [overhead] [detect] [controls]   (default: all three)
# Needs the build: mvn -B verify (the leak and stable targets are the tests' WatchTargets).
set -euo pipefail
cd "$(dirname "$0")/.."
parts=("$@")
[ $# -eq 0 ] && parts=(overhead detect controls)
out=target/bench/watch
mkdir -p "$out"
ht=./heaptrail
targets=heaptrail-cli/target/test-classes
[ -d "$targets" ] || { echo "bench: build first: mvn -B verify" >&2; exit 4; }
java=java

overhead() {
  local pairs=${PAIRS:-6} phase=${PHASE:-30}
  $java -Xmx512m bench/WatchWorkload.java throughput > "$out/throughput.txt" &
  local pid=$!
  sleep 20 # warm-up
  : > "$out/phases.txt"
  for i in $(seq "$pairs"); do
    local t0; t0=$(date +%s%3N); sleep "$phase"; echo "off $t0 $(date +%s%3N)" >> "$out/phases.txt"
    t0=$(date +%s%3N)
    $ht watch "$pid" --interval 1s --duration "${phase}s" -q > /dev/null
    echo "on $t0 $(date +%s%3N)" >> "$out/phases.txt"
  done
  kill "$pid"
  # mean ops/s per phase from the workload's per-second lines inside each phase
  awk 'NR==FNR { kind[NR]=$1; from[NR]=$2; to[NR]=$3; n=NR; next }
       { for (p = 1; p <= n; p++) if ($1 > from[p] + 1000 && $1 <= to[p]) { sum[p] += $2; cnt[p]++ } }
       END {
         for (p = 1; p <= n; p++) { m = sum[p] / cnt[p]; total[kind[p]] += m; phases[kind[p]]++; printf "%s %.0f\n", kind[p], m }
         off = total["off"] / phases["off"]; on = total["on"] / phases["on"]
         printf "mean ops/s: without watch %.0f, with a 1 s watch %.0f: %+.2f %%\n", off, on, (on - off) / off * 100
       }' "$out/phases.txt" "$out/throughput.txt" | tee "$out/overhead.txt"
}

detect() {
  local runs=${RUNS:-3}
  local pids=()
  for i in $(seq "$runs"); do
    $java -Xmx512m -cp "$targets" 'dev.heaptrail.cli.WatchTargets$HeapLeak' 0.01 > /dev/null &
    pids+=($!)
  done
  sleep 1
  local watches=()
  for i in "${!pids[@]}"; do
    $ht watch "${pids[$i]}" --interval 2s --duration 6m --format json -q > "$out/detect-$i.json" || true &
    watches+=($!)
  done
  wait "${watches[@]}" || true
  kill "${pids[@]}"
  for i in "${!pids[@]}"; do
    python3 - "$out/detect-$i.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
print(f"leak of 1 %/min of a 512 MB heap: verdict {j['verdict']} in {j['growingIn']}, called since "
      f"{j['leakSinceSeconds']} s, slope {j['slopeBytesPerHour'] / 2**20:.0f} MB/h (true {0.01 * 512 * 60:.0f} MB/h)")
PY
  done | tee "$out/detect.txt"
}

controls() {
  local minutes=${MINUTES:-30}
  local pids=() names=(Steady WarmingCache churn)
  $java -Xmx512m -cp "$targets" 'dev.heaptrail.cli.WatchTargets$Steady' > /dev/null & pids+=($!)
  $java -Xmx512m -cp "$targets" 'dev.heaptrail.cli.WatchTargets$WarmingCache' > /dev/null & pids+=($!)
  $java -Xmx512m bench/WatchWorkload.java churn > /dev/null & pids+=($!)
  sleep 5
  local watches=()
  for i in "${!pids[@]}"; do
    $ht watch "${pids[$i]}" --interval 2s --duration "${minutes}m" --format json > "$out/control-$i.json" 2> "$out/control-$i.err" || true &
    watches+=($!)
  done
  wait "${watches[@]}" || true
  kill "${pids[@]}"
  for i in "${!pids[@]}"; do
    local lines leaks first
    lines=$(grep -c '\[' "$out/control-$i.err" || true)
    leaks=$(grep -c '\[leak\]' "$out/control-$i.err" || true)
    first=$(grep -m1 '\[leak\]' "$out/control-$i.err" | awk '{print $1}' || true)
    python3 -c "import json,sys; j=json.load(open('$out/control-$i.json')); print(f\"${names[$i]}: final verdict {j['verdict']} ({j['signal']}); running verdict leak in $leaks of $lines samples${first:+, first at $first}\")"
  done | tee "$out/controls.txt"
}

for p in "${parts[@]}"; do "$p"; done
