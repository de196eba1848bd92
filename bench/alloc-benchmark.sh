#!/usr/bin/env bash
# Issue 15's cost goal: the target's throughput during `heaptrail alloc`, side by side with phases
# without it, in one BusyAllocator JVM (testkit; five churning sites and keepOrder's leak).
#   bench/alloc-benchmark.sh [ROUNDS] [WINDOW_SECONDS] [JAVA_HOME] [-- BusyAllocator args]
# Defaults: 5 rounds of 30 s, this machine's java, BusyAllocator's defaults (300 MB/s ceiling).
# `-- --rate 0` takes the ceiling away: one core busy allocating as fast as it can.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-5}"; window="${2:-30}"
java_home="${3:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
shift $(( $# < 3 ? $# : 3 )); [ "${1:-}" = "--" ] && shift
[ -f heaptrail-cli/target/heaptrail.jar ] || mvn -B -q -o package -pl heaptrail-cli -am -DskipTests
[ -d heaptrail-testkit/target/classes ] || mvn -B -q -o compile -pl heaptrail-testkit
export HEAPTRAIL_BUILD=never
java bench/AllocCost.java "$java_home" "$rounds" "$window" "$@"
