package dev.heaptrail.heap;

import dev.heaptrail.heap.internal.ClassNames;

/** Class names as Java source spells them, for names that come from elsewhere than a dump (a live histogram). */
public final class JavaClassNames {

    private JavaClassNames() {}

    /** {@code java/lang/String} → {@code java.lang.String}, {@code [[B} → {@code byte[][]}, {@code [Ljava.lang.Object;} → {@code java.lang.Object[]}. */
    public static String fromJvm(String jvmName) {
        return ClassNames.toJava(jvmName);
    }
}
