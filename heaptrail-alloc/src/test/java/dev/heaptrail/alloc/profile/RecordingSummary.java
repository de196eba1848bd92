package dev.heaptrail.alloc.profile;

import dev.heaptrail.testkit.BusyAllocator;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A recording read back with the JDK's own reader: events by type, and the survivors by the
 * {@link BusyAllocator} method that allocated them.
 *
 * @param events      events by type name
 * @param liveObjects async-profiler's profiler.LiveObject events by the allocator's method nearest the allocation
 * @param oldObjects  JFR's jdk.OldObjectSample events likewise
 * @param oldObjectsWithRoot OldObjectSample events that carry a GC root (the chain written by path-to-gc-roots)
 * @param collections jdk.GarbageCollection events as "name cause"
 * @param finalCollectionEnd when the last collection GC.run asked for ended (JFR's event), null without one
 * @param liveBeforeFinalCollection {@code liveObjects} of objects allocated before that collection ended
 */
record RecordingSummary(Map<String, Integer> events, Map<String, Integer> liveObjects, Map<String, Integer> oldObjects,
                        int oldObjectsWithRoot, List<String> collections, Instant finalCollectionEnd,
                        Map<String, Integer> liveBeforeFinalCollection) {

    static RecordingSummary of(Path file) throws IOException {
        Map<String, Integer> events = new TreeMap<>();
        Map<String, Integer> live = new TreeMap<>();
        Map<String, Integer> old = new TreeMap<>();
        List<String> collections = new ArrayList<>();
        List<RecordedEvent> liveEvents = new ArrayList<>();
        Instant collected = null;
        int withRoot = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent e = recording.readEvent();
                String type = e.getEventType().getName();
                events.merge(type, 1, Integer::sum);
                switch (type) {
                    case "profiler.LiveObject" -> {
                        live.merge(site(e), 1, Integer::sum);
                        liveEvents.add(e);
                    }
                    case "jdk.OldObjectSample" -> {
                        old.merge(site(e), 1, Integer::sum);
                        if (e.getValue("root") != null) {
                            withRoot++;
                        }
                    }
                    case "jdk.GarbageCollection" -> {
                        collections.add(e.getString("name") + " " + e.getString("cause"));
                        if (e.getString("cause").equals("Diagnostic Command")) {
                            collected = e.getEndTime();
                        }
                    }
                    default -> { }
                }
            }
        }
        // survivors allocated after the final collection (in the milliseconds before the profiler stopped) were not judged by it
        Map<String, Integer> judged = new TreeMap<>();
        for (RecordedEvent e : liveEvents) {
            if (collected != null && e.getInstant("allocationTime").isBefore(collected)) {
                judged.merge(site(e), 1, Integer::sum);
            }
        }
        return new RecordingSummary(events, live, old, withRoot, collections, collected, judged);
    }

    /** The allocator's method nearest the allocation ("keepOrder"), or "(other)". */
    private static String site(RecordedEvent e) {
        if (e.getStackTrace() != null) {
            for (RecordedFrame f : e.getStackTrace().getFrames()) {
                if (f.getMethod().getType().getName().equals(BusyAllocator.class.getName())) {
                    return f.getMethod().getName();
                }
            }
        }
        return "(other)";
    }

    int count(String type) {
        return events.getOrDefault(type, 0);
    }

    /** The most survivors allocated before the final collection at any other site: a churning method, or another thread ("(other)"). */
    int mostLiveAtAChurningSite() {
        return liveBeforeFinalCollection.entrySet().stream().filter(en -> !en.getKey().equals("keepOrder")).mapToInt(Map.Entry::getValue)
                .max().orElse(0);
    }
}
