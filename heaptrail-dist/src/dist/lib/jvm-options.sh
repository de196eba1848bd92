# The JVM options both launchers give heaptrail (bin/heaptrail of the distribution, ./heaptrail of a
# clone source this file). heaptrail_jvm_options JAR JDK ARGS... sets the array jvm_opts. Start-up
# counts: bash built-ins only, no process started.

heaptrail_jvm_options() {
  local jar=$1 jdk=$2
  shift 2
  jvm_opts=()

  # A class-data archive of heaptrail's classes for this jar and this Java, made in the background
  # after the first run (dev.heaptrail.cli.CdsArchive); HEAPTRAIL_CDS=off goes without.
  local classlist="${jar%.jar}.classlist"
  local cache="${XDG_CACHE_HOME:-${HOME:-}/.cache}"
  if [ "${HEAPTRAIL_CDS:-on}" != off ] && [ -f "$classlist" ] && [ "$cache" != /.cache ]; then
    local key=0 s="$jar|$jdk" c i
    for ((i = 0; i < ${#s}; i++)); do printf -v c %d "'${s:i:1}"; key=$(((key * 31 + c) % 4294967291)); done
    local archive="$cache/heaptrail/cds/heaptrail-$key.jsa"
    if [ "$#" = 1 ] && { [ "$1" = --version ] || [ "$1" = -V ]; }; then
      :   # answered from a few classes: mapping the archive would cost more than it saves
    elif [ "$archive" -nt "$jar" ] && [ "$archive" -nt "$jdk/lib/modules" ]; then
      # (if the JVM cannot map it after all, heaptrail sees no sharing and has it made again)
      jvm_opts+=(-XX:SharedArchiveFile="$archive" -Xshare:auto -Dheaptrail.cds.archive="$archive"
        -Dheaptrail.cds.classlist="$classlist" -Dheaptrail.cds.mapped=true)
    else
      # none yet, or older than the jar or the JDK: this run has one made once it is done
      jvm_opts+=(-Dheaptrail.cds.archive="$archive" -Dheaptrail.cds.classlist="$classlist")
    fi
  fi

  # Huge pages for the heap where the kernel gives them on request (mode madvise; with "always"
  # every process has them already): analyze fills hundreds of MB of fresh arrays, and a page fault
  # per 2 MB instead of per 4 KB took a third off its time (docs/performance.md, issue 17).
  # HEAPTRAIL_JAVA_OPTS=-XX:-UseTransparentHugePages turns it off.
  if [ -r /sys/kernel/mm/transparent_hugepage/enabled ]; then
    local mode=""
    read -r mode < /sys/kernel/mm/transparent_hugepage/enabled || true
    case "$mode" in *"[madvise]"*) jvm_opts+=(-XX:+UseTransparentHugePages) ;; esac
  fi

  # histo streams a dump (or asks a JVM) in memory that does not grow with the dump: the serial
  # collector starts fastest and has no concurrent threads to compete with the pass for a core, and
  # a short command's own performance counters (the hsperfdata file jps and jstat read) serve no one.
  # Together 50 ms of a 0.6 s histo (docs/performance.md, issue 17). A collector the user chose wins.
  if [ "${1:-}" = histo ]; then
    case " ${HEAPTRAIL_JAVA_OPTS:-} ${JAVA_TOOL_OPTIONS:-} ${JDK_JAVA_OPTIONS:-} " in
      *" -XX:+Use"*"GC "*) ;;
      *) jvm_opts+=(-XX:+UseSerialGC) ;;
    esac
    jvm_opts+=(-XX:-UsePerfData)
  fi
}
