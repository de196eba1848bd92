package dev.heaptrail.heap.internal;

import dev.heaptrail.hprof.BasicType;

/** Class names as Java source spells them: {@code java/lang/String} → {@code java.lang.String}, {@code [[B} → {@code byte[][]}. */
public final class ClassNames {

    private ClassNames() {}

    public static String toJava(String internal) {
        int dims = 0;
        while (dims < internal.length() && internal.charAt(dims) == '[') {
            dims++;
        }
        if (dims == 0) {
            return internal.replace('/', '.');
        }
        String element = internal.substring(dims);
        String base;
        if (element.length() == 1 && BasicType.ofDescriptorOrNull(element.charAt(0)) != null) {
            base = BasicType.ofDescriptorOrNull(element.charAt(0)).javaName();
        } else if (element.startsWith("L") && element.endsWith(";")) {
            base = element.substring(1, element.length() - 1).replace('/', '.');
        } else {
            base = element.replace('/', '.'); // HotSpot sometimes writes array element names without L...;
        }
        return base + "[]".repeat(dims);
    }

    public static String primitiveArray(BasicType type) {
        return type.javaName() + "[]";
    }
}
