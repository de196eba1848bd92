package dev.heaptrail.testkit.synthetic;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * JDK 17 classes as its dumps describe them: superclass and instance fields with their real
 * names, in declaration order (checked against a JDK 17 dump, which lists them in reverse), so
 * that code reading a synthetic heap sees what a JVM writes.
 * Statics are left out (set them with {@link ClassDef#staticField} where a test needs one).
 */
final class JdkClasses {

    /** Superclass, then each instance field as "name:descriptor letter". */
    private static final Map<String, List<String>> CLASSES = Map.ofEntries(
            declare("java.lang.Object", null),
            declare("java.lang.String", "java.lang.Object", "value:L", "coder:B", "hash:I", "hashIsZero:Z"),
            declare("java.lang.Class", "java.lang.Object", "cachedConstructor:L", "name:L", "module:L", "classLoader:L",
                    "classData:L", "packageName:L", "componentType:L", "reflectionData:L", "classRedefinedCount:I",
                    "genericInfo:L", "enumConstants:L", "enumConstantDirectory:L", "annotationData:L",
                    "annotationType:L", "classValueMap:L"),
            declare("java.lang.ClassLoader", "java.lang.Object", "parent:L", "name:L", "unnamedModule:L", "nameAndId:L",
                    "parallelLockMap:L", "package2certs:L", "classes:L", "defaultDomain:L", "packages:L", "libraries:L",
                    "assertionLock:L", "defaultAssertionStatus:Z", "packageAssertionStatus:L", "classAssertionStatus:L",
                    "classLoaderValueMap:L"),
            declare("java.lang.Thread", "java.lang.Object", "name:L", "priority:I", "daemon:Z", "interrupted:Z",
                    "stillborn:Z", "eetop:J", "target:L", "group:L", "contextClassLoader:L",
                    "inheritedAccessControlContext:L", "threadLocals:L", "inheritableThreadLocals:L", "stackSize:J",
                    "tid:J", "threadStatus:I", "parkBlocker:L", "blocker:L", "blockerLock:L",
                    "uncaughtExceptionHandler:L", "threadLocalRandomSeed:J", "threadLocalRandomProbe:I",
                    "threadLocalRandomSecondarySeed:I"),
            declare("java.lang.ThreadLocal", "java.lang.Object", "threadLocalHashCode:I"),
            declare("java.lang.ThreadLocal$ThreadLocalMap", "java.lang.Object", "table:L", "size:I", "threshold:I"),
            declare("java.lang.ThreadLocal$ThreadLocalMap$Entry", "java.lang.ref.WeakReference", "value:L"),
            declare("java.lang.ref.Reference", "java.lang.Object", "referent:L", "queue:L", "next:L", "discovered:L"),
            declare("java.lang.ref.WeakReference", "java.lang.ref.Reference"),
            declare("java.lang.ref.SoftReference", "java.lang.ref.Reference", "timestamp:J"),
            declare("java.lang.ref.PhantomReference", "java.lang.ref.Reference"),
            declare("java.lang.ref.FinalReference", "java.lang.ref.Reference"),
            declare("java.lang.ref.Finalizer", "java.lang.ref.FinalReference", "next:L", "prev:L"),
            declare("java.lang.ref.ReferenceQueue", "java.lang.Object", "lock:L", "head:L", "queueLength:J"),
            declare("java.lang.Number", "java.lang.Object"),
            declare("java.lang.Integer", "java.lang.Number", "value:I"),
            declare("java.lang.Long", "java.lang.Number", "value:J"),
            declare("java.lang.Short", "java.lang.Number", "value:S"),
            declare("java.lang.Byte", "java.lang.Number", "value:B"),
            declare("java.lang.Float", "java.lang.Number", "value:F"),
            declare("java.lang.Double", "java.lang.Number", "value:D"),
            declare("java.lang.Character", "java.lang.Object", "value:C"),
            declare("java.lang.Boolean", "java.lang.Object", "value:Z"),
            declare("java.util.AbstractMap", "java.lang.Object", "keySet:L", "values:L"),
            declare("java.util.HashMap", "java.util.AbstractMap", "table:L", "entrySet:L", "size:I", "modCount:I",
                    "threshold:I", "loadFactor:F"),
            declare("java.util.HashMap$Node", "java.lang.Object", "hash:I", "key:L", "value:L", "next:L"),
            declare("java.util.AbstractCollection", "java.lang.Object"),
            declare("java.util.AbstractSet", "java.util.AbstractCollection"),
            declare("java.util.HashSet", "java.util.AbstractSet", "map:L"),
            declare("java.util.AbstractList", "java.util.AbstractCollection", "modCount:I"),
            declare("java.util.ArrayList", "java.util.AbstractList", "elementData:L", "size:I"));

    private JdkClasses() {}

    private static Map.Entry<String, List<String>> declare(String name, String superclass, String... fields) {
        List<String> spec = new java.util.ArrayList<>();
        spec.add(superclass == null ? "" : superclass);
        spec.addAll(List.of(fields));
        return Map.entry(name, List.copyOf(spec));
    }

    static boolean knows(String name) {
        return CLASSES.containsKey(name);
    }

    /** The superclass of a known class, or null for java.lang.Object. */
    static String superclassOf(String name) {
        String s = CLASSES.get(name).get(0);
        return s.isEmpty() ? null : s;
    }

    /** Declares the known class's fields on {@code c}. */
    static void declareFields(String name, ClassDef c) {
        List<String> spec = CLASSES.get(name);
        for (String field : spec.subList(1, spec.size())) {
            int colon = field.indexOf(':');
            c.field(field.substring(0, colon), FieldType.ofDescriptor(field.charAt(colon + 1)));
        }
    }

    static String names() {
        return String.join(", ", new TreeSet<>(CLASSES.keySet()));
    }
}
