package dev.heaptrail.heap.index;

import dev.heaptrail.heap.store.NodeArray;

/**
 * The per-object and per-reference arrays of a {@link HeapIndex}: object ids in id order; each
 * object's class index, kind, shallow size, content offset and length; references as CSR rows.
 */
record IndexArrays(NodeArray addresses, NodeArray classOf, KindColumn kinds, NodeArray shallow,
                   NodeArray contentOffset, NodeArray contentLength,
                   NodeArray outStart, NodeArray outTargets, NodeArray inStart, NodeArray inSources) {}
