#!/usr/bin/env bash
# Measures `heaptrail histo` against the floor (a bare record walk) and `cat`, on dumps of the
# given sizes in MB (default 1024 3072), warm page cache, best of 5, with peak RSS.
# Dumps go under target/bench/ and are reused; never commit them.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ $# -eq 0 ] && sizes=(1024 3072)
out=target/bench
jar=heaptrail-cli/target/heaptrail.jar
mkdir -p "$out/classes"

if [ ! -x /usr/bin/time ]; then
  echo "bench: /usr/bin/time is missing (peak RSS needs it): apt-get install -y time" >&2
  exit 4
fi
[ -f "$jar" ] || mvn -B -q -DskipTests package -pl heaptrail-cli -am
javac -d "$out/classes" -cp "$jar" bench/RecordWalk.java

# best of 5: prints "seconds peak_rss_mb" of the fastest run
measure() {
  local best="" rss=""
  for _ in 1 2 3 4 5; do
    /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" > "$out/last.txt"
    read -r s kb < "$out/time.txt"
    if [ -z "$best" ] || awk "BEGIN{exit !($s < $best)}"; then best=$s; rss=$((kb / 1024)); fi
  done
  echo "$best $rss"
}

echo "| dump | objects | cat | record walk | histo (-Xmx256m) | histo/walk |"
echo "|---|---|---|---|---|---|"
verdicts=()
for mb in "${sizes[@]}"; do
  dump="$out/bench-${mb}mb.hprof"
  if [ ! -f "$dump" ]; then
    heap=$((mb * 5 / 2 + 512))
    java -Xmx${heap}m -Xms${heap}m bench/GenerateDump.java "$dump" "$mb" >&2
  fi
  bytes=$(stat -c %s "$dump")
  mbs() { awk "BEGIN{printf \"%.0f\", $bytes / 1048576 / $1}"; }
  cat "$dump" > /dev/null                      # warm the page cache
  read -r cat_s _ <<< "$(measure cat "$dump")"
  read -r walk_s walk_rss <<< "$(measure java -Xmx256m -cp "$jar:$out/classes" RecordWalk "$dump")"
  objects=$(sed -n 's/.*objects=\([0-9]*\).*/\1/p' "$out/last.txt")
  read -r histo_s histo_rss <<< "$(measure java -Xmx256m -jar "$jar" histo "$dump" --top 5 --quiet)"
  ratio=$(awk "BEGIN{printf \"%.2f\", $histo_s / $walk_s}")
  printf "| %.2f GB | %'d | %.2f s (%s MB/s) | %.2f s (%s MB/s), %s MB RSS | %.2f s (%s MB/s), %s MB RSS | %s |\n" \
    "$(awk "BEGIN{print $bytes / 1073741824}")" "$objects" "$cat_s" "$(mbs "$cat_s")" \
    "$walk_s" "$(mbs "$walk_s")" "$walk_rss" "$histo_s" "$(mbs "$histo_s")" "$histo_rss" "$ratio"
  verdicts+=("$mb MB: histo/walk $ratio (goal <= 1.5): $(awk "BEGIN{print ($ratio <= 1.5) ? \"PASS\" : \"FAIL\"}")")
  verdicts+=("$mb MB: histo $(mbs "$histo_s") MB/s (goal >= 500 on the 3 GB dump): $(awk "BEGIN{print ($(mbs "$histo_s") >= 500) ? \"PASS\" : \"FAIL\"}")")
  verdicts+=("$mb MB: histo peak RSS $histo_rss MB (goal < 512): $( [ "$histo_rss" -lt 512 ] && echo PASS || echo FAIL)")
done
printf '\n'
printf '%s\n' "${verdicts[@]}"
