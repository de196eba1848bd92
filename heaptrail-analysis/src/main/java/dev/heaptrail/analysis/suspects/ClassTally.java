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

    private ClassTally(HeapAnalysis analysis, int classClass, int[] open) {
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
        return under(analysis, point, classClass, SPLIT_AT);
    }

    /** As {@link #under(HeapAnalysis, long, int)}, split in two where {@code splitAt} children or more fan out. */
    static ClassTally under(HeapAnalysis analysis, long point, int classClass, int splitAt) {
        ClassTally chain = new ClassTally(analysis, classClass, new int[analysis.index().classes().size()]);
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
        ClassTally later = new ClassTally(analysis, classClass, chain.open.clone());
        ClassTally earlier = new ClassTally(analysis, classClass, chain.open.clone());
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
        DeepStack cursor = new DeepStack(analysis.arrays(), tree.edgeCount());
        DeepStack rowFirst = new DeepStack(analysis.arrays(), tree.edgeCount());
        DeepStack opened = new DeepStack(analysis.arrays(), open.length + 1L); // class index + 1, 0: none
        long depth = 0;
        cursor.set(0, end);
        rowFirst.set(0, first);
        opened.set(0, 0);
        while (depth >= 0) {
            long e = cursor.get(depth);
            if (e == rowFirst.get(depth)) { // this level's children are done: close its class
                long c = opened.get(depth);
                if (c > 0) {
                    open[(int) c - 1]--;
                }
                depth--;
                continue;
            }
            cursor.set(depth, --e);
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
            depth++;
            cursor.set(depth, to);
            rowFirst.set(depth, from);
            opened.set(depth, grouped ? c + 1 : 0);
        }
    }

    /** Adds a tally of objects the walk visits after this one's (the first largest stays on a tie). */
    private void merge(ClassTally after) {
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
