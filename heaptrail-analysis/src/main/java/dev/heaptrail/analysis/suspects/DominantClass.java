package dev.heaptrail.analysis.suspects;

import dev.heaptrail.analysis.HeapAnalysis;
import dev.heaptrail.heap.index.HeapIndex;
import dev.heaptrail.heap.index.IndexedClass;
import dev.heaptrail.heap.index.ObjectKind;

import java.util.Optional;

/**
 * The class whose outermost objects under an accumulation point retain the most: a map of lists of
 * events is made of events.
 *
 * @param classIndex the class's index in the heap index
 * @param name       its name, e.g. {@code byte[]}
 * @param instances  its outermost objects under the point
 * @param bytes      what they retain together
 * @param largest    the object number of the one that retains the most
 */
public record DominantClass(int classIndex, String name, long instances, long bytes, long largest) {

    /**
     * The dominant class under {@code point}, leaving out the point's own class and containers
     * (collections, their entries and nodes, arrays of references); empty when nothing else is
     * there. Walks the point's whole dominator subtree.
     */
    static Optional<DominantClass> under(HeapAnalysis analysis, long point) {
        return in(analysis.index(), tally(analysis, point), point);
    }

    /** The walk of the point's subtree that both the dominant class and a duplicated class are read from. */
    static ClassTally tally(HeapAnalysis analysis, long point) {
        return ClassTally.under(analysis, point, classIndexOf(analysis.index(), "java.lang.Class"));
    }

    /** As {@link #under}, from the point's tally. */
    static Optional<DominantClass> in(HeapIndex index, ClassTally tally, long point) {
        int own = index.kind(point) == ObjectKind.CLASS ? -1 : index.classOf(point).index();
        int best = -1;
        for (int c = 0, classes = index.classes().size(); c < classes; c++) {
            if (c == own || tally.count[c] == 0 || ContainerNames.container(index.classes().get(c).name())) {
                continue;
            }
            if (best < 0 || tally.bytes[best] < tally.bytes[c]) {
                best = c;
            }
        }
        return best < 0 ? Optional.empty() : Optional.of(new DominantClass(best, index.classes().get(best).name(),
                tally.count[best], tally.bytes[best], tally.largest[best]));
    }

    private static int classIndexOf(HeapIndex index, String name) {
        for (IndexedClass c : index.classes()) {
            if (c.name().equals(name)) {
                return c.index();
            }
        }
        return -1;
    }
}
