package dev.heaptrail.analysis.suspects;

import dev.heaptrail.analysis.HeapAnalysis;
import dev.heaptrail.analysis.dominators.Csr;
import dev.heaptrail.analysis.dominators.DeepStack;
import dev.heaptrail.heap.index.HeapIndex;
import dev.heaptrail.heap.internal.Background;

/**
 * What the objects under a point of the dominator tree are made of, by class: for each class, its
 * outermost objects there (those with no object of the same class above them, up to the point),
 * how many, the bytes they retain and the largest. A walk of the whole subtree, often most of the
 * heap: where the tree fans out, its two halves are walked on two threads.
 */
final class ClassTally {

    /** Fewer children than this are walked on one thread. */
    private static final int SPLIT_AT = 1024;

    final long[] bytes;
    final long[] count;
    final long[] largest;
    final long[] largestRetained;
    private final int[] open;
    private final HeapIndex index;
    private final HeapAnalysis analysis;
    private final Csr tree;
    /** Class objects are looked through, not grouped. */
    private final int classClass;

    private final int shallowLevels;

    private ClassTally(HeapAnalysis analysis, int classClass, int[] open, int shallowLevels) {
        this.shallowLevels = shallowLevels;
        this.analysis = analysis;
        this.index = analysis.index();
        this.tree = analysis.dominatorChildren();
        this.classClass = classClass;
        int classes = index.classes().size();
        this.open = open;
        bytes = new long[classes];
        count = new long[classes];
        largest = new long[classes];
        largestRetained = new long[classes];
    }

    /** The tally of everything {@code point} dominates (not the point itself). */
    static ClassTally under(HeapAnalysis analysis, long point, int classClass) {
        return under(analysis, point, classClass, SPLIT_AT, Levels.SHALLOW);
    }

    /**
     * As {@link #under(HeapAnalysis, long, int)}, split in two where {@code splitAt} children or
     * more fan out, the walk's first {@code shallowLevels} levels in plain arrays.
     */
    static ClassTally under(HeapAnalysis analysis, long point, int classClass, int splitAt, int shallowLevels) {
        ClassTally chain = new ClassTally(analysis, classClass, new int[analysis.index().classes().size()], shallowLevels);
        Csr tree = chain.tree;
        long x = point;
        while (tree.end(x) - tree.start(x) == 1) { // a chain of one child each: every later object is below it
            x = tree.target(tree.start(x));
            chain.visit(x);
        }
        long first = tree.start(x);
        long end = tree.end(x);
        if (end - first < splitAt) {
            chain.walk(first, end);
            return chain;
        }
        // The walk visits the later children first: the later half's tally merges before the earlier's.
        long mid = first + (end - first) / 2;
        ClassTally later = new ClassTally(analysis, classClass, chain.open.clone(), shallowLevels);
        ClassTally earlier = new ClassTally(analysis, classClass, chain.open.clone(), shallowLevels);
        Background<ClassTally> other = Background.start("class-tally", () -> {
            later.walk(mid, end);
            return later;
        });
        earlier.walk(first, mid);
        chain.merge(other.join());
        chain.merge(earlier);
        return chain;
    }

    /** Counts {@code v} when it is outermost of its class, and opens its class for what is below it. */
    /** A tally to fill with {@link #add}: of objects the dominator tree does not hold. */
    static ClassTally empty(HeapAnalysis analysis) {
        return new ClassTally(analysis, -1, new int[analysis.index().classes().size()], Levels.SHALLOW);
    }

    /** Counts {@code object}, of class {@code c}, as holding {@code bytes}. */
    void add(int c, long object, long bytes) {
        if (count[c] == 0 || bytes > largestRetained[c]) {
            largest[c] = object;
            largestRetained[c] = bytes;
        }
        this.bytes[c] += bytes;
        count[c]++;
    }

    private void visit(long v) {
        int c = index.classIndexOf(v);
        if (c == classClass) {
            return;
        }
        count(v, c);
        open[c]++;
    }

    private void count(long v, int c) {
        if (open[c] == 0) {
            long r = analysis.retainedBytes(v);
            if (count[c] == 0 || r > largestRetained[c]) {
                largest[c] = v;
                largestRetained[c] = r;
            }
            bytes[c] += r;
            count[c]++;
        }
    }

    /**
     * Walks the subtrees of the children at edges [first, end) of the tree, the last first. Each
     * level of the walk keeps its row's cursor, so the stack is as deep as the tree, not as wide
     * as a collection (a map's table holds millions of children), and grows in chunks from the
     * analysis's arrays (a linked list makes the tree millions deep).
     */
    private void walk(long first, long end) {
        Levels levels = new Levels(analysis.arrays(), tree.edgeCount(), open.length + 1L, shallowLevels);
        long depth = 0;
        levels.push(0, end, first, 0);
        while (depth >= 0) {
            long e = levels.cursor(depth);
            if (e == levels.rowFirst(depth)) { // this level's children are done: close its class
                long c = levels.opened(depth);
                if (c > 0) {
                    open[(int) c - 1]--;
                }
                depth--;
                continue;
            }
            levels.setCursor(depth, --e);
            long v = tree.target(e);
            int c = index.classIndexOf(v);
            boolean grouped = c != classClass;
            if (grouped) {
                count(v, c);
            }
            long from = tree.start(v);
            long to = tree.end(v);
            if (from == to) {
                continue; // most objects hold nothing: no level to open
            }
            if (grouped) {
                open[c]++;
            }
            levels.push(++depth, to, from, grouped ? c + 1 : 0);
        }
    }

    /**
     * The walk's levels: each one's cursor, first edge and opened class (+1; 0 for none). The
     * first few thousand in plain arrays (a heap's dominator tree is rarely deeper), the rest in
     * chunks from the analysis's arrays.
     */
    private static final class Levels {
        static final int SHALLOW = 1 << 12;
        private final int depthInArrays;
        private final long[] shallow;
        private final DeepStack cursor;
        private final DeepStack rowFirst;
        private final DeepStack opened;

        Levels(dev.heaptrail.heap.store.NodeArray.Factory arrays, long edges, long classes, int depthInArrays) {
            this.depthInArrays = depthInArrays;
            shallow = new long[3 * depthInArrays];
            cursor = new DeepStack(arrays, edges);
            rowFirst = new DeepStack(arrays, edges);
            opened = new DeepStack(arrays, classes);
        }

        void push(long depth, long cursorValue, long first, long openedClass) {
            if (depth < depthInArrays) {
                int at = 3 * (int) depth;
                shallow[at] = cursorValue;
                shallow[at + 1] = first;
                shallow[at + 2] = openedClass;
            } else {
                cursor.set(depth, cursorValue);
                rowFirst.set(depth, first);
                opened.set(depth, openedClass);
            }
        }

        long cursor(long depth) {
            return depth < depthInArrays ? shallow[3 * (int) depth] : cursor.get(depth);
        }

        void setCursor(long depth, long value) {
            if (depth < depthInArrays) {
                shallow[3 * (int) depth] = value;
            } else {
                cursor.set(depth, value);
            }
        }

        long rowFirst(long depth) {
            return depth < depthInArrays ? shallow[3 * (int) depth + 1] : rowFirst.get(depth);
        }

        long opened(long depth) {
            return depth < depthInArrays ? shallow[3 * (int) depth + 2] : opened.get(depth);
        }
    }

    /**
     * Adds a tally of objects the walk visits after this one's, or of another point's subtree (the
     * first largest stays on a tie).
     */
    void merge(ClassTally after) {
        for (int c = 0; c < count.length; c++) {
            if (after.count[c] == 0) {
                continue;
            }
            if (count[c] == 0 || after.largestRetained[c] > largestRetained[c]) {
                largest[c] = after.largest[c];
                largestRetained[c] = after.largestRetained[c];
            }
            bytes[c] += after.bytes[c];
            count[c] += after.count[c];
        }
    }
}
