package dev.heaptrail.heap.index;

import dev.heaptrail.heap.ClassHistogram;

import java.util.List;

/** The small part of a {@link HeapIndex}, held in the heap: classes, GC roots, the histogram. */
record IndexModel(int idSize, long objectCount, long referenceCount, List<IndexedClass> classes,
                  List<GcRootEntry> roots, ClassHistogram histogram) {}
