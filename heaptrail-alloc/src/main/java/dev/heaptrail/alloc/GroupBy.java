package dev.heaptrail.alloc;

/** What one allocation site is, as tracemalloc's {@code statistics('lineno' | 'traceback')}. */
public enum GroupBy {
    /** The first frame outside the JDK and {@code --skip}: its class, method and line. */
    LINE,
    /** That frame's class and method, all lines together. */
    METHOD,
    /** The whole stack, cut to {@code --depth} frames. */
    TRACE
}
