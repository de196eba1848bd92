package dev.heaptrail.analysis.suspects;

import dev.heaptrail.analysis.paths.PathStep;

import java.util.List;

/**
 * One place where memory accumulates, ranked by what it retains.
 *
 * @param accumulationPoint the object under which the memory piles up (a collection, usually)
 * @param kind              what the accumulation point is, e.g. "java.util.HashMap"
 * @param elements          its element count when it is a collection or array, else -1
 * @param dominantClass     the class whose objects make up most of what it retains
 * @param path              the shortest strong path from a GC root to the accumulation point
 * @param thread            the thread that holds it, when a thread does, else null
 * @param threadLocal       the ThreadLocal whose value it is ("Handler.BUFFERS"), when it is one, else null
 * @param captured          for a listener or callback: what the largest of them holds in its fields
 *                          ({@code arg$1} of a lambda, {@code this$0} of an inner class), largest first
 * @param loaderGroup       when the suspect is many class loaders rather than one object: how many,
 *                          and a class each defines its own copy of; the accumulation point is then
 *                          the largest of the loaders; else null
 * @param duplicatedClass   when the point holds objects of several copies of one class, each from
 *                          its own class loader (plugins in a list): that class; else null
 * @param shape             whether the suspect has a leak's shape, and why; only leak-like suspects
 *                          make {@code analyze} exit 1
 * @param spread            when the suspect is one leak held the same way under several roots (one
 *                          ThreadLocal's values in several threads): each of them, largest first; the
 *                          sizes and counts above are their sums, the accumulation point, path and
 *                          thread the largest's; else null
 * @param blockedIn         for a backlog (objects waiting for their finalize() or cleaning action): the
 *                          stack frame that holds one of them, where the queue's thread is stuck
 *                          ("Slow.finalize(Slow.java:12)"), when the dump says; else null
 * @param ranking           why the suspect ranks where it does
 */
public record LeakSuspect(int rank, long retainedBytes, double retainedPercent, LeakPattern pattern,
                          long accumulationPoint, long accumulationAddress, String kind, long elements,
                          String dominantClass, long dominantInstances, long dominantBytes,
                          List<PathStep> path, String thread, String threadLocal,
                          List<Capture> captured, LoaderGroup loaderGroup, DuplicatedClass duplicatedClass,
                          LeakShape shape, Spread spread, String blockedIn, Ranking ranking) {

    public LeakSuspect {
        java.util.Objects.requireNonNull(shape, "shape");
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
     * @param why for people, e.g. "32.0 = 32.0 % × 1 (a known leak pattern); above #2, which retains
     *            more (58.0 %) but has many similar elements, no known pattern"
     */
    public record Ranking(double score, String why) {}

    /** This suspect at {@code rank}, ranked for {@code ranking}. */
    public LeakSuspect ranked(int rank, Ranking ranking) {
        return new LeakSuspect(rank, retainedBytes, retainedPercent, pattern, accumulationPoint, accumulationAddress, kind,
                elements, dominantClass, dominantInstances, dominantBytes, path, thread, threadLocal, captured, loaderGroup,
                duplicatedClass, shape, spread, blockedIn, ranking);
    }

    /** A reference field of a listener or callback and what it keeps alive. */
    public record Capture(String field, String className, long retainedBytes) {}

    /** Class loaders of one kind, each with its own copy of {@code duplicatedClass}. */
    public record LoaderGroup(int loaders, String duplicatedClass) {}

    /** One line for people. */
    public String description() {
        if (pattern.id().equals(LeakPattern.FINALIZER_BACKLOG.id()) && dominantInstances > 0) {
            return String.format(java.util.Locale.ROOT, "%,d %s objects wait for their finalize() and hold %.1f %% of the heap"
                    + " (%,d references in the finalizer's queue)%s", dominantInstances, dominantClass, retainedPercent, elements,
                    blockedIn != null ? "; the finalizer thread is stuck in " + blockedIn : "");
        }
        if (pattern.id().equals(LeakPattern.REFERENCE_QUEUE_BACKLOG.id()) && dominantInstances > 0) {
            return String.format(java.util.Locale.ROOT, "%,d references wait in a %s and hold %.1f %% of the heap through %,d %s objects%s",
                    elements, kind, retainedPercent, dominantInstances, dominantClass,
                    blockedIn != null ? "; the thread that drains it is stuck in " + blockedIn : "");
        }
        if (loaderGroup != null) {
            return String.format(java.util.Locale.ROOT, "%,d class loaders of %s, each with its own copy of %s, retain %.1f %% of the heap",
                    loaderGroup.loaders(), kind, loaderGroup.duplicatedClass(), retainedPercent)
                    + (thread != null ? " (the largest held by thread " + thread + ")" : "");
        }
        String holder = spread != null && threadLocal != null
                ? String.format(java.util.Locale.ROOT, "the values of ThreadLocal %s in %,d threads (%s each)", threadLocal,
                        spread.members().size(), kind)
                : spread != null
                ? String.format(java.util.Locale.ROOT, "%,d %s objects, each under %s,", spread.members().size(), kind, spread.anchor())
                : threadLocal != null
                ? "the value of ThreadLocal " + threadLocal + (thread != null ? " in thread " + thread : "") + " (" + kind + ")"
                : path.size() >= 2 && path.get(path.size() - 1).isStatic()
                ? "static field " + simple(path.get(path.size() - 2).className()) + "." + path.get(path.size() - 1).field() + " ("
                        + kind + ")"
                : kind;
        String many = dominantInstances > 0
                ? String.format(java.util.Locale.ROOT, " in %,d %s objects", dominantInstances, dominantClass)
                : "";
        return String.format(java.util.Locale.ROOT, "%s retain%s %.1f %% of the heap%s%s", holder, spread != null ? "" : "s",
                retainedPercent, many,
                elements >= 0 ? String.format(java.util.Locale.ROOT, " (%,d elements)", elements) : "");
    }

    /**
     * For a listener or callback that captures: how to keep less, one line per captured field of the
     * largest of them that points to an enclosing object ({@code this$0}) or a lambda's captured
     * value ({@code arg$N}); empty otherwise.
     */
    public List<String> captureAdvice() {
        List<String> advice = new java.util.ArrayList<>();
        for (Capture c : captured) {
            if (c.field().startsWith("this$")) {
                advice.add("make " + simple(dominantClass) + " a static nested class (pass it only what it uses): through "
                        + c.field() + " each one keeps its " + simple(c.className()) + " alive");
            } else if (c.field().matches("arg\\$\\d+")) {
                advice.add("capture less in " + simple(dominantClass) + ": " + c.field() + " keeps a whole " + c.className()
                        + "; read the values the lambda needs into locals before making it");
            }
        }
        return List.copyOf(advice);
    }

    private static String simple(String className) {
        String c = className.startsWith("class ") ? className.substring(6) : className;
        int dot = c.lastIndexOf('.');
        return dot < 0 ? c : c.substring(dot + 1);
    }
}
