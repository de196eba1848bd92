package dev.heaptrail.heap.internal;

import dev.heaptrail.hprof.BasicType;

/** Class names as Java source spells them: {@code java/lang/String} → {@code java.lang.String}, {@code [[B} → {@code byte[][]}. */
public final class ClassNames {

    private ClassNames() {}

    public static String toJava(String internal) {
        // Hidden classes (lambdas) are named Foo$$Lambda+0x... inside the JVM and Foo$$Lambda/0x... to people.
        int plus = internal.lastIndexOf("+0x");
        if (plus > 0) {
            internal = internal.substring(0, plus) + "/" + internal.substring(plus + 1);
        }
        int dims = 0;
        while (dims < internal.length() && internal.charAt(dims) == '[') {
            dims++;
        }
        if (dims == 0) {
            return dotted(internal);
        }
        String element = internal.substring(dims);
        String base;
        if (element.length() == 1 && BasicType.ofDescriptorOrNull(element.charAt(0)) != null) {
            base = BasicType.ofDescriptorOrNull(element.charAt(0)).javaName();
        } else if (element.startsWith("L") && element.endsWith(";")) {
            base = dotted(element.substring(1, element.length() - 1));
        } else {
            base = dotted(element); // HotSpot sometimes writes array element names without L...;
        }
        return base + "[]".repeat(dims);
    }

    /** Slashes to dots, but not the one before a hidden class's address suffix. */
    private static String dotted(String name) {
        int hidden = name.lastIndexOf("/0x");
        if (hidden > 0) {
            return name.substring(0, hidden).replace('/', '.') + name.substring(hidden);
        }
        return name.replace('/', '.');
    }

    public static String primitiveArray(BasicType type) {
        return type.javaName() + "[]";
    }
}
