package dev.heaptrail.heap.internal;

/**
 * The first objects of a pass, as (address, kind, class, element size, length), kept to choose
 * the object layout afterwards: for each candidate layout, count the neighbouring objects whose
 * address distance equals the size that layout predicts. Kept out of the per-object path, which
 * only appends here until the sample is full.
 */
public final class LayoutSample {

    public static final byte INSTANCE = 1;
    public static final byte OBJECT_ARRAY = 2;
    public static final byte PRIMITIVE_ARRAY = 3;

    /**
     * Far more neighbouring pairs than it takes for one layout to stand out, and few enough that
     * scoring them once, in still-cold code at the end of a pass, takes milliseconds.
     */
    public static final int SIZE = 20_000;

    /** Sizes of instances under one candidate layout, or -1 when unknown. */
    public interface InstanceSizes {
        long endOfFields(ClassStats s, int candidate);
    }

    private final long[] addresses = new long[SIZE];
    private final byte[] kinds = new byte[SIZE];
    private final byte[] elementBytes = new byte[SIZE];
    private final int[] lengths = new int[SIZE];
    private final ClassStats[] classes = new ClassStats[SIZE];
    private int size;

    public boolean full() {
        return size == SIZE;
    }

    public void add(long address, byte kind, ClassStats s, int elementSize, int length) {
        int i = size++;
        addresses[i] = address;
        kinds[i] = kind;
        classes[i] = s;
        elementBytes[i] = (byte) elementSize;
        lengths[i] = length;
    }

    /** OR of the sampled addresses: its lowest set bit is the object alignment. */
    public long addressBits() {
        long bits = 0;
        for (int i = 0; i < size; i++) {
            bits |= addresses[i];
        }
        return bits;
    }

    /** Adds, per candidate, how many sampled neighbours are exactly as far apart as it predicts. */
    public void score(long[] exactMatches, int alignment, InstanceSizes instances) {
        for (int i = 1; i < size; i++) {
            long gap = addresses[i] - addresses[i - 1];
            if (gap <= 0 || gap >= (1 << 24)) {
                continue;
            }
            for (int k = 0; k < LayoutCandidates.COUNT; k++) {
                long predicted = predicted(i - 1, k, instances);
                if (predicted > 0 && ((predicted + alignment - 1) & -alignment) == gap) {
                    exactMatches[k]++;
                }
            }
        }
    }

    private long predicted(int i, int k, InstanceSizes instances) {
        var layout = LayoutCandidates.ALL[k];
        return switch (kinds[i]) {
            case INSTANCE -> instances.endOfFields(classes[i], k);
            case OBJECT_ARRAY -> layout.arraySize(layout.referenceBytes(), lengths[i]);
            default -> layout.arraySize(elementBytes[i], lengths[i]);
        };
    }
}
