package dev.heaptrail.hprof;

/** Top-level record tags of the HPROF format, with the byte value each has in the file. */
public enum HprofTag {
    UTF8(0x01, "UTF8"),
    LOAD_CLASS(0x02, "LOAD CLASS"),
    UNLOAD_CLASS(0x03, "UNLOAD CLASS"),
    STACK_FRAME(0x04, "FRAME"),
    STACK_TRACE(0x05, "TRACE"),
    ALLOC_SITES(0x06, "ALLOC SITES"),
    HEAP_SUMMARY(0x07, "HEAP SUMMARY"),
    START_THREAD(0x0A, "START THREAD"),
    END_THREAD(0x0B, "END THREAD"),
    HEAP_DUMP(0x0C, "HEAP DUMP"),
    CPU_SAMPLES(0x0D, "CPU SAMPLES"),
    CONTROL_SETTINGS(0x0E, "CONTROL SETTINGS"),
    HEAP_DUMP_SEGMENT(0x1C, "HEAP DUMP SEGMENT"),
    HEAP_DUMP_END(0x2C, "HEAP DUMP END");

    private static final HprofTag[] BY_VALUE = new HprofTag[256];

    static {
        for (HprofTag t : values()) {
            BY_VALUE[t.value] = t;
        }
    }

    private final int value;
    private final String label;

    HprofTag(int value, String label) {
        this.value = value;
        this.label = label;
    }

    /** The tag's byte in the file. */
    public int value() {
        return value;
    }

    /** The record's name as the HPROF specification spells it. */
    public String label() {
        return label;
    }

    /** The tag with this byte value, or null when the byte is not a known top-level tag. */
    public static HprofTag ofValueOrNull(int value) {
        return value >= 0 && value < 256 ? BY_VALUE[value] : null;
    }
}
