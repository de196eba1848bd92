package dev.heaptrail.alloc;

/**
 * One frame of an allocation stack.
 *
 * @param className the class, dotted ("com.shop.Cart"); a lambda's hidden class keeps its JVM name
 * @param method    the method's name
 * @param line      the source line, or null when the recording does not know it
 */
public record Frame(String className, String method, Integer line) {

    /** "com.shop.Cart.add:42", or "com.shop.Cart.add" when the line is unknown: as people read a frame. */
    public String describe() {
        return className + "." + method + (line == null ? "" : ":" + line);
    }

    /** Frames of the JDK itself, which a site by line or method looks past to name its caller. */
    public boolean isJdk() {
        return className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.")
                || className.startsWith("com.sun.");
    }
}
