package dev.heaptrail.analysis.suspects;

import dev.heaptrail.heap.index.HeapIndex;
import dev.heaptrail.heap.index.IndexedClass;
import dev.heaptrail.heap.index.ObjectKind;

/** Tells class loaders on the long API: instances of java.lang.ClassLoader or a subclass. */
final class ClassLoaders {

    private final HeapIndex index;

    ClassLoaders(HeapIndex index) {
        this.index = index;
    }

    boolean isLoader(long object) {
        return index.kind(object) == ObjectKind.INSTANCE && isLoaderClass(index.classOf(object));
    }

    private boolean isLoaderClass(IndexedClass c) {
        for (int depth = 0; c != null && depth < 64; depth++) {
            if (c.name().equals("java.lang.ClassLoader")) {
                return true;
            }
            c = index.classById(c.superId());
        }
        return false;
    }
}
