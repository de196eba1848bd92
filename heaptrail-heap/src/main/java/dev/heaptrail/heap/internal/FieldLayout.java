package dev.heaptrail.heap.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * HotSpot's field layout (JDK 15 and later, FieldLayoutBuilder) reduced to what sizes need: the
 * empty holes below the last field and the end of the last field. A subclass starts from its
 * superclass's layout, places primitive fields largest first, each in the smallest hole that fits
 * it aligned to its own size (else at the end), then its references the same way. Subclass fields
 * therefore fill the header gap and padding that the superclass left. Immutable.
 */
public final class FieldLayout {

    /** Pairs (offset, size) of the empty holes, sorted by offset. */
    private final int[] holes;
    private final int end;

    private FieldLayout(int[] holes, int end) {
        this.holes = holes;
        this.end = end;
    }

    /** The layout of {@code java.lang.Object}: just the header. */
    public static FieldLayout header(int headerBytes) {
        return new FieldLayout(new int[0], headerBytes);
    }

    /** A layout whose fields start at {@code start} with nothing before free (static fields in a mirror). */
    public static FieldLayout startingAt(int start) {
        return new FieldLayout(new int[0], start);
    }

    /** End of the last field, before rounding to the object size. */
    public int end() {
        return end;
    }

    /**
     * The layout after adding fields.
     *
     * @param primitiveSizes sizes in bytes of the primitive fields, any order
     * @param references     number of reference fields
     * @param referenceBytes 4 with compressed oops, else 8
     */
    public FieldLayout extend(int[] primitiveSizes, int references, int referenceBytes) {
        if (primitiveSizes.length == 0 && references == 0) {
            return this;
        }
        Builder b = new Builder(holes, end);
        int[] sorted = primitiveSizes.clone();
        Arrays.sort(sorted);
        int[] descending = new int[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            descending[i] = sorted[sorted.length - 1 - i];
        }
        b.add(descending);
        int[] refs = new int[references];
        Arrays.fill(refs, referenceBytes);
        b.add(refs);
        return b.build();
    }

    private static final class Builder {
        private final List<int[]> holes = new ArrayList<>();
        private int end;

        Builder(int[] inherited, int end) {
            // Reconstructing a superclass layout merges touching holes into one.
            for (int i = 0; i < inherited.length; i += 2) {
                int off = inherited[i];
                int size = inherited[i + 1];
                if (!holes.isEmpty()) {
                    int[] last = holes.get(holes.size() - 1);
                    if (last[0] + last[1] == off) {
                        last[1] += size;
                        continue;
                    }
                }
                holes.add(new int[] {off, size});
            }
            this.end = end;
        }

        void add(int[] sizes) {
            int lastSize = 0;
            boolean lastFound = false;
            for (int size : sizes) {
                int candidate = -1;
                if (size == lastSize && !lastFound) {
                    candidate = -1; // same request failed just before: append
                } else {
                    lastSize = size;
                    lastFound = true;
                    for (int i = holes.size() - 1; i >= 0; i--) {
                        int[] h = holes.get(i);
                        if (fits(h[0], h[1], size) && (candidate < 0 || h[1] < holes.get(candidate)[1])) {
                            candidate = i;
                        }
                    }
                    if (candidate < 0) {
                        lastFound = false;
                    }
                }
                place(candidate, size);
            }
        }

        private static boolean fits(int off, int holeSize, int size) {
            int adjust = off % size == 0 ? 0 : size - off % size;
            return adjust + size <= holeSize;
        }

        private void place(int holeIndex, int size) {
            if (holeIndex < 0) {
                int adjust = end % size == 0 ? 0 : size - end % size;
                if (adjust > 0) {
                    holes.add(new int[] {end, adjust});
                }
                end += adjust + size;
                return;
            }
            int[] h = holes.remove(holeIndex);
            int off = h[0];
            int adjust = off % size == 0 ? 0 : size - off % size;
            int after = h[1] - adjust - size;
            int at = holeIndex;
            if (adjust > 0) {
                holes.add(at++, new int[] {off, adjust});
            }
            if (after > 0) {
                holes.add(at, new int[] {off + adjust + size, after});
            }
        }

        FieldLayout build() {
            int[] flat = new int[holes.size() * 2];
            for (int i = 0; i < holes.size(); i++) {
                flat[2 * i] = holes.get(i)[0];
                flat[2 * i + 1] = holes.get(i)[1];
            }
            return new FieldLayout(flat, end);
        }
    }
}
