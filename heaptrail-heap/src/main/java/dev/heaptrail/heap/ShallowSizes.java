package dev.heaptrail.heap;

import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;

/**
 * Shallow size of any single object of a dump, under the layout its histogram inferred: per-class
 * sizes for instances and class mirrors, the layout's formula for arrays. Read-only.
 */
public final class ShallowSizes {

    private final ObjectLayout layout;
    private final Long2LongOpenHashMap instanceSizes;
    private final Long2LongOpenHashMap mirrorSizes;
    private final long primitiveMirrorSize;

    public ShallowSizes(ObjectLayout layout, Long2LongOpenHashMap instanceSizes, Long2LongOpenHashMap mirrorSizes,
                        long primitiveMirrorSize) {
        this.layout = layout;
        this.instanceSizes = instanceSizes;
        this.mirrorSizes = mirrorSizes;
        this.primitiveMirrorSize = primitiveMirrorSize;
    }

    public ObjectLayout layout() {
        return layout;
    }

    /** Size of an instance of the class, or of the bare header when the dump has no CLASS DUMP for it. */
    public long instance(long classId) {
        return instanceSizes.getOrDefault(classId, layout.align(layout.headerBytes()));
    }

    /** Size of the class's java.lang.Class object (mirror), which holds its static fields. */
    public long mirror(long classId) {
        return mirrorSizes.getOrDefault(classId, primitiveMirrorSize);
    }

    public long objectArray(long length) {
        return layout.arraySize(layout.referenceBytes(), length);
    }

    public long primitiveArray(int elementBytes, long length) {
        return layout.arraySize(elementBytes, length);
    }
}
