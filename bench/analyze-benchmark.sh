#!/usr/bin/env bash
# Side by side on the same dumps (sizes in MB, default 512): the bare record walk, heaptrail analyze
# (index built, then reused; -Xmx1g), the smallest -Xmx with which heaptrail still builds the index
# and names the suspect, Shark's dominator tree and the NetBeans heap library's retained sizes
# (-Xmx8g each up to 1 GB dumps, 18g and 16g beyond: what they need). Dumps come from
# bench/histo-benchmark.sh's generator under target/bench/. PEERS=no skips Shark and NetBeans.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ $# -eq 0 ] && sizes=(512)
out=target/bench
[ -f heaptrail-cli/target/heaptrail.jar ] || mvn -B -q -DskipTests package -pl heaptrail-cli -am
mkdir -p "$out"
jar=$out/heaptrail.jar # a copy: a rebuild during the long run must not change what is measured
cp heaptrail-cli/target/heaptrail.jar "$jar"
mkdir -p "$out/classes"
javac -d "$out/classes" -cp "$jar" bench/RecordWalk.java
mvn -B -q -f bench/peers/pom.xml compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
peers="bench/peers/target/classes:$(cat bench/peers/target/cp.txt)"

run() { # label, command...: prints "label: seconds s, peak RSS MB" and the command's last line
  local label=$1; shift
  /usr/bin/time -q -f "%e %M" -o "$out/time.txt" "$@" > "$out/last.txt" 2>&1 || true
  read -r s kb < "$out/time.txt"
  printf '%-34s %7s s  %6s MB  %s\n' "$label" "$s" "$((kb / 1024))" "$(tail -c 160 "$out/last.txt" | tr '\n' ' ' | cut -c1-100)"
}

for mb in "${sizes[@]}"; do
  dump="$out/bench-${mb}mb.hprof"
  [ -f "$dump" ] || java -Xmx$((mb * 5 / 2 + 512))m bench/GenerateDump.java "$dump" "$mb" >&2
  echo "== $dump ($(du -h "$dump" | cut -f1))"
  cat "$dump" > /dev/null
  rm -rf "$dump.heaptrail-index"
  run "record walk" java -cp "$jar:$out/classes" RecordWalk "$dump"
  run "heaptrail analyze (-Xmx1g)" java -Xmx1g -jar "$jar" analyze "$dump" --quiet --top 1
  run "heaptrail analyze, index reused" java -Xmx1g -jar "$jar" analyze "$dump" --quiet --top 1
  smallest=""
  failed=""
  for xmx in 768m 512m 384m 256m 192m 128m 96m 64m; do # down until it fails; the last that worked is the smallest
    rm -rf "$dump.heaptrail-index"
    rc=0
    java -Xmx$xmx -jar "$jar" analyze "$dump" --quiet --top 1 > "$out/last.txt" 2>&1 || rc=$?
    if [ $rc -le 1 ] && grep -q ".KEEP (static)" "$out/last.txt"; then # exit 1: a suspect, the right one
      smallest=$xmx
    else
      failed="$xmx fails: $(tail -c 120 "$out/last.txt" | tr '\n' ' ')"
      break
    fi
  done
  printf '%-34s %s (%s)\n' "heaptrail smallest -Xmx" "${smallest:-none}" "${failed:-the smallest tried}"
  [ "${PEERS:-yes}" = no ] && continue
  shark=8g; netbeans=8g
  [ "$mb" -gt 1024 ] && shark=18g && netbeans=16g
  run "Shark 2.14 dominator tree (-Xmx$shark)" java -Xmx$shark -cp "$peers" PeerBench shark "$dump"
  run "NetBeans retained sizes (-Xmx$netbeans)" java -Xmx$netbeans -cp "$peers" PeerBench netbeans "$dump"
done
