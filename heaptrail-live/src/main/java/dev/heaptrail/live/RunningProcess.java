package dev.heaptrail.live;

/**
 * A process as {@code heaptrail ps} lists it.
 *
 * @param rssBytes     resident memory now
 * @param peakRssBytes the most it was resident (VmHWM)
 * @param command      its command line, arguments joined by spaces (its name when that is hidden)
 * @param jvm          whether a HotSpot JVM runs in it (libjvm is mapped)
 * @param hidden       its memory maps are not readable by this user (another user's process): whether
 *                     it is a JVM cannot be told, and it cannot be attached to as this user
 * @param heap         heap figures and Java version when attached, else null
 */
public record RunningProcess(long pid, String user, long rssBytes, long peakRssBytes, String command, boolean jvm,
                             boolean hidden, JvmHeap heap) {

    /** A JVM's heap as its management interface reports it, and the Java version it runs. */
    public record JvmHeap(long usedBytes, long committedBytes, long maxBytes, String javaVersion) {}

    public RunningProcess withHeap(JvmHeap h) {
        return new RunningProcess(pid, user, rssBytes, peakRssBytes, command, jvm, hidden, h);
    }
}
