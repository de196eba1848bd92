package dev.heaptrail.analysis.diff;

import dev.heaptrail.analysis.HeapAnalysis;
import dev.heaptrail.analysis.paths.PathStep;
import dev.heaptrail.analysis.suspects.LeakPattern;
import dev.heaptrail.analysis.suspects.LeakSuspect;
import dev.heaptrail.analysis.suspects.LeakSuspects;
import dev.heaptrail.analysis.suspects.PathSignature;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What grew between two dumps of one JVM, by retained bytes. Object ids change between dumps, so
 * the structures of the two are matched by how they are held ({@link PathSignature}): the
 * accumulation points {@code analyze} finds in each, down to a small share of the heap. Ranking by
 * growth, not size, is what tells a catalog loaded once (large, the same in both) from a registry
 * that grows (smaller, but growing): one dump alone cannot.
 *
 * @param groups the structures of the later dump and those gone from it, most growth first
 */
public record DumpDiff(List<GroupChange> groups) {

    public DumpDiff {
        groups = List.copyOf(groups);
    }

    /** Structures retaining at least this share of the reachable heap in one of the dumps are compared. */
    public static final double THRESHOLD_PERCENT = 1;
    /**
     * Each dump is searched down to half of that, so that a structure just over the threshold in one
     * dump and just under in the other is found in both, not taken for new.
     */
    static final double SEARCH_PERCENT = THRESHOLD_PERCENT / 2;
    /** At most this many of them per dump. */
    public static final int MAX_GROUPS = 400;

    /** One structure of one dump, as a diff needs it (small: the analysis can go once it is taken). */
    public record Group(PathSignature signature, List<PathStep> path, long retainedBytes, String dominantClass,
                        long dominantInstances, LeakPattern pattern) {}

    /** One dump's structures, and the size it was searched down to: a structure it lacks retains less there. */
    public record Groups(List<Group> groups, long reachableBytes) {

        long floorBytes() {
            return (long) Math.ceil(reachableBytes * SEARCH_PERCENT / 100);
        }

        long thresholdBytes() {
            return (long) Math.ceil(reachableBytes * THRESHOLD_PERCENT / 100);
        }
    }

    /**
     * One structure in both dumps, or in one only.
     *
     * @param before      the earlier dump's, or null when it was not there (or retained less than half the threshold)
     * @param after       the later dump's, or null when it is gone (or retained less than half the threshold)
     * @param floorBefore what a structure the earlier dump lacks retains there at most
     */
    public record GroupChange(Group before, Group after, long floorBefore) {

        /** The growth it surely had: from what the earlier dump may have held of it when it is missing there. */
        public long sureGrowthBytes() {
            return before == null ? retainedAfter() - floorBefore : growthBytes();
        }

        public String signature() {
            return (after != null ? after : before).signature().text();
        }

        public long retainedBefore() {
            return before == null ? 0 : before.retainedBytes();
        }

        public long retainedAfter() {
            return after == null ? 0 : after.retainedBytes();
        }

        public long growthBytes() {
            return retainedAfter() - retainedBefore();
        }

        /** The later dump's dominant class (the earlier's when the structure is gone). */
        public String className() {
            return (after != null ? after : before).dominantClass();
        }

        /** How many more objects of that class the structure holds (counted only where both dumps name the same class). */
        public long growthObjects() {
            long now = after == null ? 0 : after.dominantInstances();
            long was = before == null || !before.dominantClass().equals(className()) ? 0 : before.dominantInstances();
            return now - was;
        }

        public List<PathStep> path() {
            return (after != null ? after : before).path();
        }

        public LeakPattern pattern() {
            return (after != null ? after : before).pattern();
        }
    }

    /** The structures of one analysed dump worth comparing. Does I/O (reads objects back from the dump). */
    public static Groups groups(HeapAnalysis analysis) throws IOException {
        List<Group> out = new ArrayList<>();
        for (LeakSuspect s : LeakSuspects.find(analysis, SEARCH_PERCENT, MAX_GROUPS)) {
            out.add(new Group(PathSignature.of(s.path()), s.path(), s.retainedBytes(), s.dominantClass(), s.dominantInstances(),
                    s.pattern()));
        }
        return new Groups(out, analysis.reachableBytes());
    }

    /**
     * The two dumps' structures matched by signature, those over the threshold in either dump, most
     * growth first (what shrank or went last).
     */
    public static DumpDiff of(Groups before, Groups after) {
        Map<String, Group> was = bySignature(before.groups());
        Map<String, Group> now = bySignature(after.groups());
        List<GroupChange> changes = new ArrayList<>();
        now.forEach((key, g) -> changes.add(new GroupChange(was.get(key), g, before.floorBytes())));
        was.forEach((key, g) -> {
            if (!now.containsKey(key)) {
                changes.add(new GroupChange(g, null, before.floorBytes()));
            }
        });
        changes.removeIf(c -> c.retainedBefore() < before.thresholdBytes() && c.retainedAfter() < after.thresholdBytes());
        changes.sort(Comparator.comparingLong(GroupChange::growthBytes).reversed()
                .thenComparing(Comparator.comparingLong(GroupChange::retainedAfter).reversed())
                .thenComparing(GroupChange::signature));
        return new DumpDiff(changes);
    }

    /** One group per signature: several held the same way in one dump are one structure, their sizes summed. */
    private static Map<String, Group> bySignature(List<Group> groups) {
        Map<String, Group> m = new LinkedHashMap<>();
        for (Group g : groups) {
            m.merge(g.signature().text(), g, (a, b) -> new Group(a.signature(), a.path(), a.retainedBytes() + b.retainedBytes(),
                    a.dominantClass(), a.dominantClass().equals(b.dominantClass())
                            ? a.dominantInstances() + b.dominantInstances() : a.dominantInstances(), a.pattern()));
        }
        return m;
    }
}
