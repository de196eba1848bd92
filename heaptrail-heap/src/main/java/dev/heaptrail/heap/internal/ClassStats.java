package dev.heaptrail.heap.internal;

import java.util.Arrays;

/** What one pass learns about one class: its shape (from the CLASS DUMP) and counts of its objects. */
public final class ClassStats {

    public final long classId;
    /** Set when the CLASS DUMP is seen; objects may reference a class before that. */
    public boolean dumped;
    public long superId;
    public int[] primitiveFieldSizes = new int[0];
    public int referenceFields;
    public int[] staticPrimitiveSizes = new int[0];
    public int staticReferences;

    public long instances;
    /** Smallest positive address distance from an instance to the next object dumped, or MAX_VALUE. */
    public long minGap = Long.MAX_VALUE;
    public int gaps;
    /** How many of the gaps equal {@link #minGap}. */
    public int gapsAtMin;

    /** For array classes: sum of lengths and how many arrays have each length modulo 64. */
    public long lengthSum;
    public long[] lengthResidues;

    /** Per layout candidate, memoized field layout (null until needed). */
    public final FieldLayout[] layouts = new FieldLayout[LayoutCandidates.COUNT];
    /** Per layout candidate, instance size before alignment to more than 8, or 0 when not yet known. */
    public final int[] sizes = new int[LayoutCandidates.COUNT];

    public ClassStats(long classId) {
        this.classId = classId;
    }

    public void countArray(int length) {
        if (lengthResidues == null) {
            lengthResidues = new long[64];
        }
        instances++;
        lengthSum += length;
        lengthResidues[length & 63]++;
    }

    /** Exact total of {@code align(base + length * elementBytes, alignment)} over the arrays, for alignment ≤ 64. */
    public long arrayBytes(int base, int elementBytes, int alignment) {
        if (lengthResidues == null) {
            return 0;
        }
        long total = 0;
        long residueSum = 0;
        for (int r = 0; r < 64; r++) {
            long n = lengthResidues[r];
            if (n != 0) {
                long raw = base + (long) r * elementBytes;
                total += n * ((raw + alignment - 1) / alignment * alignment);
                residueSum += n * r;
            }
        }
        return total + (lengthSum - residueSum) * elementBytes;
    }

    /** Adds the counts another pass over other parts of the dump made for the same class. */
    public void merge(ClassStats other) {
        if (other.dumped && !dumped) {
            dumped = true;
            superId = other.superId;
            primitiveFieldSizes = other.primitiveFieldSizes;
            referenceFields = other.referenceFields;
            staticPrimitiveSizes = other.staticPrimitiveSizes;
            staticReferences = other.staticReferences;
            java.util.Arrays.fill(layouts, null);
        }
        instances += other.instances;
        lengthSum += other.lengthSum;
        if (other.lengthResidues != null) {
            if (lengthResidues == null) {
                lengthResidues = new long[64];
            }
            for (int r = 0; r < 64; r++) {
                lengthResidues[r] += other.lengthResidues[r];
            }
        }
        gaps += other.gaps;
        if (other.minGap < minGap) {
            minGap = other.minGap;
            gapsAtMin = other.gapsAtMin;
        } else if (other.minGap == minGap && minGap != Long.MAX_VALUE) {
            gapsAtMin += other.gapsAtMin;
        }
    }

    public void observeGap(long gap) {
        gaps++;
        if (gap < minGap) {
            minGap = gap;
            gapsAtMin = 1;
        } else if (gap == minGap) {
            gapsAtMin++;
        }
    }

    @Override
    public String toString() {
        return "ClassStats[" + Long.toHexString(classId) + " prims=" + Arrays.toString(primitiveFieldSizes)
                + " refs=" + referenceFields + "]";
    }
}
