package dev.heaptrail.analysis.paths;

/**
 * One object on a path from a GC root, and how the object before it refers to it.
 *
 * @param rootKind  for the first step, the kind of GC root (e.g. "sticky class"); else null
 * @param field     the referring object's field that holds this one (a static field of the class
 *                  when {@code isStatic}), or a link such as {@code <class>}; null for array elements and roots
 * @param index     the referring array's index that holds this one, or -1
 * @param thread    for the first step, the name of the thread the root is or belongs to (its
 *                  stack holds it); else null
 * @param threadLocal for a ThreadLocalMap entry, the ThreadLocal it is for: the static field that
 *                  holds it ("Handler.BUFFERS") or "a " and its class; else null
 * @param frame     for the first step when it is a stack root, the frame that holds it
 *                  ("Handler.run(Handler.java:42)") when the dump says; else null
 */
public record PathStep(long object, long address, String className, String rootKind, String field, long index, boolean isStatic,
                       String thread, String threadLocal, String frame) {

    /** A step that is neither a root nor a ThreadLocal's entry. */
    public PathStep(long object, long address, String className, String rootKind, String field, long index, boolean isStatic) {
        this(object, address, className, rootKind, field, index, isStatic, null, null, null);
    }

    /** A root step with the thread and the frame it belongs to (either may be null). */
    static PathStep root(long object, long address, String className, String rootKind, String thread, String frame) {
        return new PathStep(object, address, className, rootKind, null, -1, false, thread, null, frame);
    }

    /**
     * The step for people, as {@code heaptrail path} prints it: "GC root (sticky class) class Cache
     * (0x...)", "  .ENTRIES (static) → java.util.ArrayList (0x...)", "  [3] → byte[] (0x...)".
     */
    public String describe() {
        String object = className + " (0x" + Long.toHexString(address) + ")";
        if (rootKind != null) {
            String in = thread == null ? ""
                    : rootKind.equals("thread object") ? " thread \"" + thread + "\""
                    : " in thread \"" + thread + "\"";
            return "GC root (" + rootKind + ") " + object + in + (frame != null ? " at " + frame : "");
        }
        if (threadLocal != null) {
            object += " for ThreadLocal " + threadLocal;
        }
        if (index >= 0) {
            return "  [" + index + "] → " + object;
        }
        return "  ." + field + (isStatic ? " (static)" : "") + " → " + object;
    }

    PathStep withThreadLocal(String name) {
        return new PathStep(object, address, className, rootKind, field, index, isStatic, thread, name, frame);
    }
}
