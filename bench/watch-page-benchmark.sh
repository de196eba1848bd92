#!/usr/bin/env bash
# Measures the page of `heaptrail watch --format html` (issue 16): a watch of 10,000 samples saved
# with --csv, rendered with `watch --from FILE --format html`; reports the page's size, the time
# heaptrail takes to judge and render it, and the time headless Chromium takes to draw it.
#   real      - (default) a real watch of a leaking JVM (the tests' WatchTargets$HeapLeak) every
#               20 ms until 10,000 samples are taken (a little over 3 minutes)
#   synthetic - rows synthesized in the CSV's own format (a leak with a sawtooth), in a second
# Usage: bench/watch-page-benchmark.sh [real|synthetic]   SAMPLES=10000 RUNS=5 to change them.
# Needs the build (mvn -B verify, or the test classes: mvn -B -o test-compile -pl heaptrail-cli -am)
# and Chromium. Never installs anything into ~/.m2.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-real}
samples=${SAMPLES:-10000}
runs=${RUNS:-5}
out=target/bench/watch-page
mkdir -p "$out"
ht=./heaptrail
targets=heaptrail-cli/target/test-classes
[ -d "$targets" ] && [ -d heaptrail-testkit/target/classes ] || { echo "bench: build first: mvn -B verify" >&2; exit 4; }
csv="$out/mem-$samples.csv"

case "$mode" in
  real)
    java -Xmx256m -XX:+UseG1GC -cp "$targets" 'dev.heaptrail.cli.WatchTargets$HeapLeak' 0.02 > "$out/target.txt" &
    pid=$!
    for _ in $(seq 100); do grep -q ready "$out/target.txt" 2>/dev/null && break; sleep 0.2; done
    # n samples at 20 ms: the watch stops after the sample at (n - 1) * 20 ms
    $ht watch "$pid" --interval 20ms --duration "$(( (samples - 1) * 20 ))ms" --csv "$csv" -q > /dev/null || true
    kill "$pid"; wait "$pid" 2>/dev/null || true
    ;;
  synthetic)
    python3 - "$csv" "$samples" <<'PY'
import sys, datetime
path, n = sys.argv[1], int(sys.argv[2])
header = ("time,elapsedSeconds,rssBytes,peakRssBytes,heapUsedBytes,heapCommittedBytes,heapMaxBytes,heapAfterGcBytes,"
          "oldGenAfterGcBytes,metaspaceUsedBytes,metaspaceCommittedBytes,codeCacheUsedBytes,directBufferBytes,"
          "mappedBufferBytes,threads,gcCount,gcTimeMillis")
start = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
MiB = 1 << 20
with open(path, "w") as f:
    f.write(header + "\n")
    floor, gcs, peak = 40 * MiB, 0, 0
    for i in range(n):
        t = i * 1.0  # one sample a second: 10,000 samples are 2.8 hours
        floor = 40 * MiB + int(t * 20000)           # a leak of about 69 MiB an hour
        used = floor + (i % 20) * 6 * MiB           # a sawtooth: a collection every 20 samples
        if i % 20 == 0 and i > 0:
            gcs += 1
        rss = 300 * MiB + int(t * 21000)
        peak = max(peak, rss)
        at = (start + datetime.timedelta(seconds=t)).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        row = [at, "%.3f" % t, rss, peak, used, 256 * MiB, 256 * MiB, floor if gcs else -1, floor - 8 * MiB if gcs else -1,
               30 * MiB, 31 * MiB, 12 * MiB, 64 * 1024, 0, 20, gcs, gcs * 3]
        f.write(",".join(str(v) for v in row) + "\n")
PY
    ;;
  *) echo "usage: $0 [real|synthetic]" >&2; exit 2 ;;
esac
echo "csv: $csv, $(( $(wc -l < "$csv") - 1 )) samples"

page="$out/watch-$samples.html"
t0=$(date +%s%3N)
$ht watch --from "$csv" --format html > "$page" || [ $? -eq 1 ] # exit 1: a leak found, the page is written
t1=$(date +%s%3N)
echo "heaptrail watch --from $csv --format html: $(( t1 - t0 )) ms (JVM start, read, judge, render), page $(stat -c %s "$page") bytes"

if [ ! -f "$out/testkit-cp.txt" ]; then
  mvn -B -o -q -pl heaptrail-testkit dependency:build-classpath -Dmdep.outputFile="$PWD/$out/testkit-cp.txt" > /dev/null
fi
java -cp "heaptrail-testkit/target/classes:$(cat "$out/testkit-cp.txt")" bench/WatchPageRender.java "$page" "$runs" \
  | tee "$out/render.txt"
