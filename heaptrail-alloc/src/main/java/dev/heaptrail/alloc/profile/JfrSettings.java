package dev.heaptrail.alloc.profile;

/**
 * The JFR settings (a .jfc file) of heaptrail's recording: only what the allocation report reads,
 * so that the recording stays cheap.
 * <ul>
 * <li>{@code jdk.OldObjectSample} with its allocation stack and {@code cutoff=infinity}: sampled
 * objects still alive at the end, and their whole reference chain when dumped with
 * {@code path-to-gc-roots=true};</li>
 * <li>{@code jdk.ObjectAllocationSample} (JDK 16 and later), throttled: the allocation rate by
 * stack. On JDK 11 to 15, which lack it, {@code jdk.ObjectAllocationInNewTLAB} and
 * {@code ...OutsideTLAB} (one event per TLAB refill, and per object too large for one) stand in.
 * Neither beside async-profiler, whose allocation samples give the rates: the recording there is
 * for the reference chains alone, and costs the target less;</li>
 * <li>{@code jdk.GarbageCollection}, every one: the final full collection is found among them
 * (a survivor sampled after it was not judged by it);</li>
 * <li>{@code jdk.JVMInformation}: which JVM was recorded;</li>
 * <li>{@code jdk.ActiveSetting}: the settings, so a reader knows the old-object sampler was on
 * (a recording with no sample then says that nothing sampled survived).</li>
 * </ul>
 * Stacks are the recorder's depth (64 frames unless the JVM was started with another
 * {@code stackdepth}, which cannot change once the recorder runs).
 */
final class JfrSettings {

    /** Allocation samples a second at most (JFR's "profile" settings take 300). */
    static final int ALLOCATION_SAMPLES_PER_SECOND = 1000;

    private JfrSettings() {}

    /**
     * The .jfc text for a target of Java feature release {@code feature}. Beside async-profiler, no
     * allocation events: async-profiler's give the rates (and it writes TLAB events of the same
     * names, which would be counted twice).
     */
    static String jfc(int feature, boolean besideAsyncProfiler) {
        StringBuilder xml = new StringBuilder();
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<configuration version=\"2.0\" label=\"heaptrail alloc\"")
                .append(" description=\"Allocation sites of surviving objects (heaptrail alloc)\" provider=\"heaptrail\">\n");
        event(xml, "jdk.OldObjectSample", "stackTrace", "true", "cutoff", "infinity");
        if (besideAsyncProfiler) {
            // the chains only
        } else if (feature >= 16) {
            event(xml, "jdk.ObjectAllocationSample", "stackTrace", "true", "throttle", ALLOCATION_SAMPLES_PER_SECOND + "/s");
        } else {
            event(xml, "jdk.ObjectAllocationInNewTLAB", "stackTrace", "true");
            event(xml, "jdk.ObjectAllocationOutsideTLAB", "stackTrace", "true");
        }
        event(xml, "jdk.GarbageCollection", "threshold", "0 ms");
        event(xml, "jdk.JVMInformation", "period", "beginChunk");
        event(xml, "jdk.ActiveSetting");
        return xml.append("</configuration>\n").toString();
    }

    private static void event(StringBuilder xml, String name, String... settings) {
        xml.append("  <event name=\"").append(name).append("\">\n");
        xml.append("    <setting name=\"enabled\">true</setting>\n");
        for (int i = 0; i < settings.length; i += 2) {
            xml.append("    <setting name=\"").append(settings[i]).append("\">").append(settings[i + 1]).append("</setting>\n");
        }
        xml.append("  </event>\n");
    }
}
