package dev.heaptrail.analysis.suspects;

import dev.heaptrail.analysis.HeapAnalysis;
import dev.heaptrail.analysis.dominators.Csr;
import dev.heaptrail.analysis.paths.GcRootPaths;
import dev.heaptrail.analysis.paths.PathDescriber;
import dev.heaptrail.analysis.paths.PathStep;
import dev.heaptrail.heap.index.HeapIndex;
import dev.heaptrail.heap.index.IndexedClass;
import dev.heaptrail.heap.index.ObjectKind;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds where memory accumulates, the way Eclipse MAT's Leak Suspects does, minus its trap: from
 * each big object under the GC roots, go down the dominator tree while one child keeps most of
 * the retained size; stop at the accumulation point. Class loaders, their class lists and class
 * objects are looked through, not reported: they hold every static field of every class they
 * loaded, so they would otherwise always "retain 98 %".
 */
public final class LeakSuspects {

    /** A child keeping this share of its parent's retained size is where the memory really is. */
    private static final double DESCEND = 0.8;
    private static final Pattern COLLECTION_INTERNALS = Pattern.compile(".*\\$(Node|Entry|TreeNode|Segment|HashEntry|Cell|Itr)(\\[\\])*");
    private static final Pattern PRIMITIVE_ARRAY = Pattern.compile("(boolean|byte|char|short|int|long|float|double)(\\[\\])+");
    private static final Pattern COLLECTION = Pattern.compile(".*(Map|List|Set|Queue|Deque|Vector|Stack|Collection|Cache|Table|Bag)");

    private final HeapAnalysis analysis;
    private final HeapIndex index;

    private LeakSuspects(HeapAnalysis analysis) {
        this.analysis = analysis;
        this.index = analysis.index();
    }

    /**
     * The suspects retaining at least {@code thresholdPercent} of the reachable heap, largest first
     * (does I/O: reads the objects on their paths back from the dump).
     */
    public static List<LeakSuspect> find(HeapAnalysis analysis, double thresholdPercent, int max) throws IOException {
        return new LeakSuspects(analysis).find(thresholdPercent, max);
    }

    private List<LeakSuspect> find(double thresholdPercent, int max) throws IOException {
        long threshold = (long) Math.ceil(analysis.reachableBytes() * thresholdPercent / 100.0);
        Set<Long> points = new LinkedHashSet<>();
        Deque<Long> work = new ArrayDeque<>();
        work.addAll(dominatedAtLeast(-1, threshold));
        while (!work.isEmpty()) {
            long x = work.poll();
            if (transparent(x)) {
                work.addAll(dominatedAtLeast(x, threshold));
                continue;
            }
            long point = accumulationPoint(x);
            if (analysis.retainedBytes(point) >= threshold) {
                points.add(point);
            }
        }
        List<Candidate> ranked = new ArrayList<>();
        for (long p : points) {
            ranked.add(new Candidate(p, analysis.retainedBytes(p), null));
        }
        for (LoaderGroups.Group g : LoaderGroups.find(analysis, points, threshold, this::isClassLoader)) {
            ranked.add(new Candidate(g.loaders().get(0), g.retainedBytes(), g));
        }
        ranked.sort(Comparator.comparingLong(Candidate::retained).reversed().thenComparingLong(Candidate::point));
        if (ranked.size() > max) {
            ranked = ranked.subList(0, max);
        }
        GcRootPaths roots = analysis.gcRootPaths();
        List<List<Long>> paths = new ArrayList<>();
        for (Candidate c : ranked) {
            paths.add(roots.pathTo(c.point()));
        }
        List<List<PathStep>> described = new PathDescriber(index).describe(paths);
        ObjectFacts facts = new ObjectFacts(index);
        List<LeakSuspect> suspects = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            Candidate c = ranked.get(i);
            suspects.add(c.group() == null ? suspect(i + 1, c.point(), described.get(i), facts)
                    : groupSuspect(i + 1, c.group(), described.get(i), facts));
        }
        return suspects;
    }

    /**
     * The objects {@code x} (-1: the virtual root) immediately dominates that retain at least
     * {@code threshold} bytes, largest first: the root can dominate millions of small objects, so
     * they are filtered before anything is sorted.
     */
    private List<Long> dominatedAtLeast(long x, long threshold) {
        Csr tree = analysis.dominatorChildren();
        long slot = x < 0 ? index.objectCount() : x;
        List<Long> big = new ArrayList<>();
        for (long e = tree.start(slot), end = tree.end(slot); e < end; e++) {
            long c = tree.target(e);
            if (analysis.retainedBytes(c) >= threshold) {
                big.add(c);
            }
        }
        big.sort(Comparator.comparingLong((Long o) -> analysis.retainedBytes(o)).reversed().thenComparing(Comparator.naturalOrder()));
        return big;
    }

    /** An accumulation point, or a group of class loaders represented by its largest. */
    private record Candidate(long point, long retained, LoaderGroups.Group group) {}

    private LeakSuspect suspect(int rank, long p, List<PathStep> path, ObjectFacts facts) throws IOException {
        long[] dominant = new long[3];
        int dominantClass = dominantClass(p, dominant);
        String dominantName = dominantClass < 0 ? index.typeName(p) : index.classes().get(dominantClass).name();
        long retained = analysis.retainedBytes(p);
        LeakPattern pattern = pattern(path, p, dominantClass);
        List<LeakSuspect.Capture> captured = pattern == LeakPattern.CAPTURING_LISTENER && dominantClass >= 0
                ? facts.captures(dominant[2], analysis::retainedBytes) : List.of();
        return new LeakSuspect(rank, retained, percent(retained), pattern, p, index.address(p), index.typeName(p),
                facts.elements(p), dominantName, dominant[0], dominant[1], path, facts.threadHolding(path),
                facts.threadLocalOf(path), captured, null);
    }

    private LeakSuspect groupSuspect(int rank, LoaderGroups.Group g, List<PathStep> path, ObjectFacts facts) throws IOException {
        long largest = g.loaders().get(0);
        return new LeakSuspect(rank, g.retainedBytes(), percent(g.retainedBytes()), LeakPattern.CLASS_LOADER, largest,
                index.address(largest), g.loaderClass(), -1, g.loaderClass(), g.loaders().size(), g.retainedBytes(), path,
                facts.threadHolding(path), facts.threadLocalOf(path), List.of(),
                new LeakSuspect.LoaderGroup(g.loaders().size(), g.duplicatedClass()));
    }

    private double percent(long retained) {
        return 100.0 * retained / Math.max(1, analysis.reachableBytes());
    }

    /**
     * Down the dominator tree while one child keeps most of the memory, but not into a collection's
     * internals (a map is reported, not its table) nor along a linked structure (the head of a
     * list of nodes is reported, not a node near its tail); then up to the collection that owns
     * the internals reached.
     */
    private long accumulationPoint(long start) {
        List<Long> chain = new ArrayList<>();
        long x = start;
        chain.add(x);
        while (true) {
            long next;
            if (isCollection(x)) {
                next = elementHoldingMost(x); // a list whose one element is itself the big collection
                if (next < 0) {
                    break;
                }
            } else {
                List<Long> biggest = analysis.dominated(x, 1);
                if (biggest.isEmpty() || analysis.retainedBytes(biggest.get(0)) < DESCEND * analysis.retainedBytes(x)) {
                    break;
                }
                next = biggest.get(0);
                if (index.kind(next) == index.kind(x) && index.kind(x) != ObjectKind.CLASS
                        && index.classOf(next).index() == index.classOf(x).index()) {
                    break;
                }
            }
            x = next;
            chain.add(x);
        }
        for (int i = chain.size() - 1; i >= Math.max(0, chain.size() - 3); i--) {
            if (isCollection(chain.get(i))) {
                return chain.get(i);
            }
        }
        return x;
    }

    /** The one element of a collection, past its internals, that keeps most of it; -1 when none does. */
    private long elementHoldingMost(long collection) {
        long y = collection;
        for (int depth = 0; depth < 4; depth++) {
            List<Long> biggest = analysis.dominated(y, 1);
            if (biggest.isEmpty() || analysis.retainedBytes(biggest.get(0)) < DESCEND * analysis.retainedBytes(collection)) {
                return -1;
            }
            y = biggest.get(0);
            // A HashSet's map, a TreeSet's TreeMap: the set is what people know.
            boolean backingMap = index.typeName(collection).endsWith("Set") && index.typeName(y).endsWith("Map");
            boolean internal = backingMap || index.kind(y) == ObjectKind.OBJECT_ARRAY
                    || COLLECTION_INTERNALS.matcher(index.typeName(y)).matches();
            if (!internal) {
                return y;
            }
        }
        return -1;
    }

    private boolean isCollection(long o) {
        if (index.kind(o) != ObjectKind.INSTANCE) {
            return false;
        }
        String type = index.typeName(o);
        // A thread's ThreadLocalMap is plumbing: the accumulation is in one of its values.
        return COLLECTION.matcher(type).matches() && !COLLECTION_INTERNALS.matcher(type).matches()
                && !type.equals("java.lang.ThreadLocal$ThreadLocalMap");
    }

    /** Class objects, class loaders and the loaders' own lists of classes: looked through, never reported. */
    private boolean transparent(long o) {
        if (index.kind(o) == ObjectKind.CLASS) {
            return true;
        }
        if (isClassLoader(o)) {
            return true;
        }
        long up = o;
        for (int depth = 0; depth < 3; depth++) {
            up = analysis.tree().immediateDominator(up);
            if (up < 0) {
                return false;
            }
            if (isClassLoader(up)) {
                return true; // e.g. ClassLoader.classes (an ArrayList) and its Object[]
            }
        }
        return false;
    }

    private boolean isClassLoader(long o) {
        return index.kind(o) == ObjectKind.INSTANCE && isClassLoaderClass(index.classOf(o));
    }

    private boolean isClassLoaderClass(IndexedClass c) {
        for (int depth = 0; c != null && depth < 64; depth++) {
            if (c.name().equals("java.lang.ClassLoader")) {
                return true;
            }
            c = index.classById(c.superId());
        }
        return false;
    }

    /**
     * The class whose outermost objects under {@code point} retain the most, leaving out the
     * point's own class and containers (collections, their entries and nodes, arrays of references):
     * a map of lists of events is made of events.
     * Fills {@code out} with its instance count, retained bytes and largest instance; returns its
     * index, or -1.
     */
    private int dominantClass(long point, long[] out) {
        int classes = index.classes().size();
        ClassTally tally = ClassTally.under(analysis, point, classIndexOf("java.lang.Class"));
        long[] bytes = tally.bytes;
        long[] count = tally.count;
        int own = index.kind(point) == ObjectKind.CLASS ? -1 : index.classOf(point).index();
        int best = -1;
        for (int c = 0; c < classes; c++) {
            if (c == own || count[c] == 0) {
                continue;
            }
            String name = index.classes().get(c).name();
            boolean referenceArray = name.endsWith("[]") && !PRIMITIVE_ARRAY.matcher(name).matches();
            boolean container = COLLECTION_INTERNALS.matcher(name).matches() || COLLECTION.matcher(name).matches();
            if (referenceArray || container) {
                continue;
            }
            if (best < 0 || bytes[c] > bytes[best]) {
                best = c;
            }
        }
        if (best >= 0) {
            out[0] = count[best];
            out[1] = bytes[best];
            out[2] = tally.largest[best];
        }
        return best;
    }

    private int classIndexOf(String name) {
        for (IndexedClass c : index.classes()) {
            if (c.name().equals(name)) {
                return c.index();
            }
        }
        return -1;
    }

    private LeakPattern pattern(List<PathStep> path, long point, int dominantClass) throws IOException {
        boolean staticField = false;
        boolean lambda = false;
        for (PathStep s : path) {
            String field = s.field() == null ? "" : s.field();
            if (field.equals("threadLocals") || field.equals("inheritableThreadLocals")
                    || s.className().startsWith("java.lang.ThreadLocal$ThreadLocalMap")) {
                return LeakPattern.THREAD_LOCAL;
            }
            if (field.equals("workQueue")) {
                return LeakPattern.EXECUTOR_BACKLOG;
            }
            if (s.className().contains("$$Lambda") || field.matches("arg\\$\\d+")) {
                lambda = true;
            }
            staticField |= s.isStatic();
        }
        if (index.typeName(point).contains("BlockingQueue") || index.typeName(point).contains("BlockingDeque")) {
            return LeakPattern.EXECUTOR_BACKLOG;
        }
        String dominant = dominantClass < 0 ? "" : index.classes().get(dominantClass).name();
        if (dominantClass >= 0 && isClassLoaderClass(index.classes().get(dominantClass))) {
            return LeakPattern.CLASS_LOADER;
        }
        if (lambda || dominant.contains("$$Lambda") || dominant.matches(".*\\$\\d+")) {
            return LeakPattern.CAPTURING_LISTENER;
        }
        if (new HashKeys(index).mostKeysLookAlike(point)) {
            return LeakPattern.UNREMOVABLE_KEYS;
        }
        String type = index.typeName(point);
        boolean collection = index.kind(point) == ObjectKind.OBJECT_ARRAY
                || COLLECTION.matcher(type).matches() && !COLLECTION_INTERNALS.matcher(type).matches();
        if (!collection) {
            return LeakPattern.LARGE_OBJECT;
        }
        return staticField ? LeakPattern.STATIC_COLLECTION : LeakPattern.COLLECTION;
    }
}
