package dev.heaptrail.analysis.suspects;

import dev.heaptrail.analysis.paths.PathStep;

import java.util.List;
import java.util.Objects;

/**
 * One place where memory accumulates, ranked by what it retains and how leak-like it is. The
 * parts are records of their own: where it piles up ({@link Point}), what it is made of
 * ({@link MadeOf}), what holds it ({@link HeldBy}); the accessors below read through them.
 *
 * @param rank    1 for the first suspect
 * @param pattern the leak pattern the first matching detector names
 * @param shape   whether the suspect has a leak's shape, and why; only leak-like suspects make
 *                {@code analyze} exit 1
 * @param ranking why it ranks where it does; null until ranked
 */
public record LeakSuspect(int rank, LeakPattern pattern, Point point, MadeOf madeOf, HeldBy heldBy, LeakShape shape,
                          Ranking ranking) {

    public LeakSuspect {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(point, "point");
        Objects.requireNonNull(madeOf, "madeOf");
        Objects.requireNonNull(heldBy, "heldBy");
        Objects.requireNonNull(shape, "shape");
    }

    /**
     * Where the memory piles up.
     *
     * @param object          the accumulation point's object number (a collection, usually)
     * @param address         its address in the dump
     * @param kind            what it is, e.g. "java.util.HashMap"
     * @param elements        its element count when it is a collection or array (for a backlog, the
     *                        queue's length), else -1
     * @param retainedBytes   what the suspect retains
     * @param retainedPercent that as a share of the heap
     */
    public record Point(long object, long address, String kind, long elements, long retainedBytes, double retainedPercent) {}

    /**
     * What the suspect is made of.
     *
     * @param dominantClass   the class whose objects make up most of what it retains
     * @param instances       how many of them
     * @param bytes           what they retain
     * @param captured        for a listener or callback: what the largest of them holds in its fields
     *                        ({@code arg$1} of a lambda, {@code this$0} of an inner class), largest first
     * @param duplicatedClass when the point holds objects of several copies of one class, each from its
     *                        own class loader (plugins in a list): that class; else null
     * @param loaderGroup     when the suspect is many class loaders rather than one object: how many,
     *                        and a class each defines its own copy of; the point is then the largest
     *                        of the loaders; else null
     * @param linkedChain     when the point heads an application's own linked structure, its nodes
     *                        (then also the dominant class); else null
     */
    public record MadeOf(String dominantClass, long instances, long bytes, List<Capture> captured, DuplicatedClass duplicatedClass,
                         LoaderGroup loaderGroup, LinkedChain linkedChain) {

        public MadeOf {
            captured = List.copyOf(captured);
        }

        /** What a point is made of when it heads no linked structure. */
        public MadeOf(String dominantClass, long instances, long bytes, List<Capture> captured, DuplicatedClass duplicatedClass,
                      LoaderGroup loaderGroup) {
            this(dominantClass, instances, bytes, captured, duplicatedClass, loaderGroup, null);
        }
    }

    /**
     * What holds the suspect.
     *
     * @param path        the shortest strong path from a GC root to the accumulation point
     * @param thread      the thread that holds it, when a thread does, else null
     * @param threadLocal the ThreadLocal whose value it is ("Handler.BUFFERS"), when it is one, else null
     * @param spread      when the suspect is one leak held the same way under several roots (one
     *                    ThreadLocal's values in several threads): each of them, largest first; the
     *                    sizes and counts are then their sums, the point, path and thread the
     *                    largest's; else null
     * @param blockedIn   for a backlog (objects waiting for their finalize() or cleaning action): the
     *                    stack frame that holds one of them, where the queue's thread is stuck
     *                    ("Slow.finalize(Slow.java:12)"), when the dump says; else null
     */
    public record HeldBy(List<PathStep> path, String thread, String threadLocal, Spread spread, String blockedIn) {

        public HeldBy {
            path = List.copyOf(path);
        }
    }

    /**
     * One leak under several roots: {@code anchor} holds each of {@code members} ("ThreadLocal
     * Handler.BUFFERS", "field Session.cache").
     */
    public record Spread(String anchor, List<Member> members) {

        public Spread {
            members = List.copyOf(members);
        }
    }

    /** One of a spread suspect's parts: its own accumulation point, what it retains and its thread (or null). */
    public record Member(long address, long retainedBytes, double retainedPercent, long elements, String thread) {}

    /**
     * Where a suspect ranks and why: by {@code score}, its share of the heap times the weight of its
     * evidence ({@link LeakShape.Evidence#weight()}).
     *
     * @param why for people, e.g. "32.0 = 32.0 % of the heap × 1 (a known leak pattern); above #2,
     *            which retains more (58.0 %) but shows a pile-up of similar objects, ..."
     */
    public record Ranking(double score, String why) {}

    /** A reference field of a listener or callback and what it keeps alive. */
    public record Capture(String field, String className, long retainedBytes) {}

    /** Class loaders of one kind, each with its own copy of {@code duplicatedClass}. */
    public record LoaderGroup(int loaders, String duplicatedClass) {}

    /** This suspect at {@code rank}, ranked for {@code ranking}. */
    public LeakSuspect ranked(int rank, Ranking ranking) {
        return new LeakSuspect(rank, pattern, point, madeOf, heldBy, shape, ranking);
    }

    /** One line for people. */
    public String description() {
        return SuspectDescription.description(this);
    }

    /**
     * For a listener or callback that captures: how to keep less, one line per captured field of the
     * largest of them that points to an enclosing object ({@code this$0}) or a lambda's captured
     * value ({@code arg$N}); empty otherwise.
     */
    public List<String> captureAdvice() {
        return SuspectDescription.captureAdvice(this);
    }

    // Read-through accessors, for renderers and tests.

    public long retainedBytes() {
        return point.retainedBytes();
    }

    public double retainedPercent() {
        return point.retainedPercent();
    }

    public long accumulationPoint() {
        return point.object();
    }

    public long accumulationAddress() {
        return point.address();
    }

    public String kind() {
        return point.kind();
    }

    public long elements() {
        return point.elements();
    }

    public String dominantClass() {
        return madeOf.dominantClass();
    }

    public long dominantInstances() {
        return madeOf.instances();
    }

    public long dominantBytes() {
        return madeOf.bytes();
    }

    public List<Capture> captured() {
        return madeOf.captured();
    }

    public DuplicatedClass duplicatedClass() {
        return madeOf.duplicatedClass();
    }

    public LoaderGroup loaderGroup() {
        return madeOf.loaderGroup();
    }

    public LinkedChain linkedChain() {
        return madeOf.linkedChain();
    }

    public List<PathStep> path() {
        return heldBy.path();
    }

    public String thread() {
        return heldBy.thread();
    }

    public String threadLocal() {
        return heldBy.threadLocal();
    }

    public Spread spread() {
        return heldBy.spread();
    }

    public String blockedIn() {
        return heldBy.blockedIn();
    }
}
