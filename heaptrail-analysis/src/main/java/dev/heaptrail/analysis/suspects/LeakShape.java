package dev.heaptrail.analysis.suspects;

import java.util.Locale;

/**
 * Whether a suspect has the shape of a leak, and why, as far as one dump can tell. A single dump
 * cannot show growth, so size alone is never enough: a suspect is leak-like when it matches a known
 * leak pattern (a ThreadLocal in pooled threads, an executor's backlog, class loaders, ...) or when
 * many similar objects are gathered in one place; a structure that is merely large is not.
 * {@code analyze} exits 1 only for leak-like suspects.
 *
 * @param evidence how strongly the shape points to a leak: a known pattern, a pile-up, or size only
 * @param why      the reason, for people: "ThreadLocal values accumulating in pooled threads, a known
 *                 leak pattern", "5,000 long[] objects gathered in one collection (98 % of what it retains)"
 */
public record LeakShape(Evidence evidence, String why) {

    /**
     * What one dump shows of a leak, weakest last, with the weight suspects are ranked by (their
     * share of the heap times it). A known pattern names a cause as well as a shape; a pile-up of
     * similar elements is a leak's shape, but caches and indexes have it too; size alone is no
     * evidence. Halving per step lets a known pattern outrank a pile-up up to twice its size.
     */
    public enum Evidence {
        KNOWN_PATTERN, MANY_SIMILAR, SIZE_ONLY;

        public double weight() {
            return switch (this) {
                case KNOWN_PATTERN -> 1.0;
                case MANY_SIMILAR -> 0.5;
                case SIZE_ONLY -> 0.25;
            };
        }

        /** For people: "a known leak pattern". */
        public String label() {
            return switch (this) {
                case KNOWN_PATTERN -> "a known leak pattern";
                case MANY_SIMILAR -> "a pile-up of similar objects, which bounded caches show too";
                case SIZE_ONLY -> "size alone";
            };
        }
    }

    public LeakShape {
        java.util.Objects.requireNonNull(evidence, "evidence");
    }

    /** Whether the suspect has a leak's shape: only these make {@code analyze} exit 1. */
    public boolean leakLike() {
        return evidence != Evidence.SIZE_ONLY;
    }

    /**
     * Elements a collection needs before it counts as a pile-up: a fixed set of parts (a pool of 3
     * compiler contexts, 30 buffers) stays under it; the smallest leak in the known scenarios has 200.
     */
    static final int MANY = 100;

    /** The share of the point's memory one class must hold for its elements to count as similar. */
    static final double MOST = 0.5;

    /**
     * Many objects of one class under one point: at least {@link #MANY} of the dominant class, at
     * least {@link #MANY} elements when the point's count is known, and the elements alike: the
     * dominant class holds most ({@link #MOST}) of what the point retains, or there are one or two
     * of its objects per element (a map of 600,000 small arrays, whose nodes and boxed keys outweigh
     * the arrays). A class-name index (a map from names to lists of names: 46,645 strings in 20,127
     * elements, 41 % of it, in JShell) is many elements of many kinds and fails both.
     */
    static boolean manySimilarElements(SuspectFacts s) {
        if (s.dominantClass().isEmpty() || s.retainedBytes() <= 0) {
            return false;
        }
        DominantClass d = s.dominantClass().get();
        boolean most = d.bytes() >= MOST * s.retainedBytes();
        boolean onePerElement = s.elements() > 0 && 2 * d.instances() >= s.elements() && d.instances() <= 2 * s.elements();
        return d.instances() >= MANY && (s.elements() < 0 || s.elements() >= MANY) && (most || onePerElement);
    }

    /** The shape of a suspect named {@code pattern}, with these facts. */
    static LeakShape of(LeakPattern pattern, SuspectFacts s) {
        String id = pattern.id();
        if (id.equals(LeakPattern.LARGE_OBJECT.id())) {
            return new LeakShape(Evidence.SIZE_ONLY, "one large object, not many gathered in one place; one dump cannot show whether it grows");
        }
        if (id.equals(LeakPattern.LARGE_STRUCTURE.id())) {
            return new LeakShape(Evidence.SIZE_ONLY, largeOnly(s) + "; one dump cannot show whether it grows");
        }
        if ((id.equals(LeakPattern.STATIC_COLLECTION.id()) || id.equals(LeakPattern.COLLECTION.id())) && s.dominantClass().isPresent()) {
            return new LeakShape(Evidence.MANY_SIMILAR, gathered(s));
        }
        return new LeakShape(Evidence.KNOWN_PATTERN, pattern.title() + ", a known leak pattern");
    }

    /** A group of class loaders no single object holds. */
    static LeakShape loaderGroup(int loaders) {
        return new LeakShape(Evidence.KNOWN_PATTERN, String.format(Locale.ROOT,
                "%,d class loaders of one kind, each with its own copy of the same classes: a class-loader leak, a known leak pattern", loaders));
    }

    private static String gathered(SuspectFacts s) {
        DominantClass d = s.dominantClass().orElseThrow();
        if (s.linkedChain().isPresent()) {
            LinkedChain c = s.linkedChain().get();
            return c.nodesInWords() + " gathered in one place" + (c.links().isEmpty() ? "" : "; " + c.linkedBy());
        }
        return String.format(Locale.ROOT, "%,d %s objects gathered in one place (%.0f %% of what it retains)%s", d.instances(), d.name(),
                100.0 * d.bytes() / Math.max(1, s.retainedBytes()),
                s.elements() >= 0 ? String.format(Locale.ROOT, ", %,d elements", s.elements()) : "");
    }

    private static String largeOnly(SuspectFacts s) {
        if (s.heldOnlyByTheJvm()) {
            return "held by a JNI global reference alone, with no class's field on the way, and made of JDK classes only:"
                    + " the JVM's own data (such as its class-data archive's objects) or native code's";
        }
        if (s.elements() >= 0 && s.elements() < MANY) {
            return String.format(Locale.ROOT, "%,d elements, too few to be a pile-up", s.elements());
        }
        if (s.dominantClass().isEmpty()) {
            return "no class of objects stands out in it";
        }
        DominantClass d = s.dominantClass().get();
        if (d.instances() < MANY) {
            return String.format(Locale.ROOT, "%,d %s objects hold most of it, too few to be a pile-up",
                    d.instances(), d.name());
        }
        return String.format(Locale.ROOT, "its elements are of many kinds (the largest share, %s, holds %.0f %%, %.1f objects an element)",
                d.name(), 100.0 * d.bytes() / Math.max(1, s.retainedBytes()), (double) d.instances() / Math.max(1, s.elements()));
    }
}
