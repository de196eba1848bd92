package dev.heaptrail.alloc;

/**
 * One frame of an allocation stack.
 *
 * @param className the class, dotted ("com.shop.Cart"); a lambda's hidden class keeps its JVM name
 * @param method    the method's name
 * @param line      the source line, or null when the recording does not know it
 */
public record Frame(String className, String method, Integer line) {

    /** The class of frames that are the JVM's own work, with no Java method (async-profiler's "no_Java_frame"). */
    public static final String JVM = "<jvm>";

    /** "com.shop.Cart.add:42", or "com.shop.Cart.add" when the line is unknown: as people read a frame. */
    public String describe() {
        return className + "." + method + (line == null ? "" : ":" + line);
    }

    /**
     * Frames a site by line or method looks past to name the code that asked: the JDK's own, and the
     * classes the JVM spins for a lambda ({@code Foo$$Lambda$17/0x...}), whose names change from run
     * to run and whose only code is a call (and perhaps a boxing) on the way to the lambda's body.
     */
    public boolean isJdk() {
        return className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.")
                || className.startsWith("com.sun.") || className.contains("$$Lambda") || className.equals(JVM);
    }
}
