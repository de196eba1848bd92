package dev.heaptrail.hprof;

/** Sub-record tags inside a HEAP DUMP or HEAP DUMP SEGMENT record. */
public enum HeapTag {
    ROOT_UNKNOWN(0xFF, "ROOT UNKNOWN"),
    ROOT_JNI_GLOBAL(0x01, "ROOT JNI GLOBAL"),
    ROOT_JNI_LOCAL(0x02, "ROOT JNI LOCAL"),
    ROOT_JAVA_FRAME(0x03, "ROOT JAVA FRAME"),
    ROOT_NATIVE_STACK(0x04, "ROOT NATIVE STACK"),
    ROOT_STICKY_CLASS(0x05, "ROOT STICKY CLASS"),
    ROOT_THREAD_BLOCK(0x06, "ROOT THREAD BLOCK"),
    ROOT_MONITOR_USED(0x07, "ROOT MONITOR USED"),
    ROOT_THREAD_OBJECT(0x08, "ROOT THREAD OBJECT"),
    CLASS_DUMP(0x20, "CLASS DUMP"),
    INSTANCE_DUMP(0x21, "INSTANCE DUMP"),
    OBJECT_ARRAY_DUMP(0x22, "OBJECT ARRAY DUMP"),
    PRIMITIVE_ARRAY_DUMP(0x23, "PRIMITIVE ARRAY DUMP");

    private static final HeapTag[] BY_VALUE = new HeapTag[256];

    static {
        for (HeapTag t : values()) {
            BY_VALUE[t.value] = t;
        }
    }

    private final int value;
    private final String label;

    HeapTag(int value, String label) {
        this.value = value;
        this.label = label;
    }

    public int value() {
        return value;
    }

    public String label() {
        return label;
    }

    /** True for the nine GC root kinds. */
    public boolean isRoot() {
        return ordinal() <= ROOT_THREAD_OBJECT.ordinal();
    }

    /** The tag with this byte value, or null when the byte is not a known heap sub-record tag. */
    public static HeapTag ofValueOrNull(int value) {
        return value >= 0 && value < 256 ? BY_VALUE[value] : null;
    }
}
