package dev.heaptrail.heap;

/**
 * How the JVM that wrote a dump laid out objects: the dump does not say, so it is inferred
 * (see {@link ClassHistogramBuilder}). Sizes follow HotSpot: an instance is its header plus
 * fields packed by HotSpot's field layout, an array its header, length and elements; both are
 * rounded up to the object alignment.
 *
 * @param headerBytes    12 with compressed class pointers, 16 without, 8 with compact object headers
 * @param referenceBytes 4 with compressed oops, else 8
 * @param elementAlignedArrayBase true on JDK 22+ where an array's elements start right after its
 *                       length field (aligned to the element size) instead of at a word boundary
 * @param alignment      object alignment in bytes ({@code -XX:ObjectAlignmentInBytes}, 8 by default)
 */
public record ObjectLayout(int headerBytes, int referenceBytes, boolean elementAlignedArrayBase, int alignment) {

    /** Offset of an array's first element of the given size. */
    public int arrayBase(int elementBytes) {
        int lengthEnd = headerBytes + 4;
        int unit = elementAlignedArrayBase ? elementBytes : 8;
        return align(lengthEnd, unit);
    }

    public long arraySize(int elementBytes, long length) {
        return align(arrayBase(elementBytes) + elementBytes * length, alignment);
    }

    public long align(long bytes) {
        return align(bytes, Math.max(8, alignment));
    }

    public ObjectLayout withAlignment(int alignment) {
        return new ObjectLayout(headerBytes, referenceBytes, elementAlignedArrayBase, alignment);
    }

    public boolean compressedOops() {
        return referenceBytes == 4;
    }

    public boolean compressedClassPointers() {
        return headerBytes == 12;
    }

    public boolean compactHeaders() {
        return headerBytes == 8;
    }

    /** One line for people, e.g. "12-byte headers (compressed class pointers), 4-byte references (compressed oops), 8-byte alignment". */
    public String describe() {
        String header = switch (headerBytes) {
            case 8 -> "8-byte headers (compact object headers)";
            case 12 -> "12-byte headers (compressed class pointers)";
            default -> headerBytes + "-byte headers (uncompressed class pointers)";
        };
        String refs = referenceBytes == 4 ? "4-byte references (compressed oops)" : "8-byte references (uncompressed oops)";
        return header + ", " + refs + ", " + alignment + "-byte alignment";
    }

    static long align(long value, long unit) {
        return (value + unit - 1) / unit * unit;
    }

    static int align(int value, int unit) {
        return (value + unit - 1) / unit * unit;
    }
}
