package dev.heaptrail.testkit.synthetic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A heap built in code and written as an HPROF dump (JAVA PROFILE 1.0.2, 8-byte ids) as a JDK 17
 * HotSpot on a little-endian machine writes one: classes with their fields and statics, instances,
 * arrays, strings, GC roots, threads with stack traces, and JDK collections with their real
 * internal structure. For tests of code that reads dumps, in milliseconds and without a child JVM:
 * <pre>{@code
 * Path dump = SyntheticHeap.write(dir.resolve("cache.hprof"), heap -> {
 *     ClassDef cache = heap.newClass("com.example.Cache");
 *     cache.staticField("ENTRIES", heap.hashMap(Map.of(heap.string("k"), heap.string("v"))));
 * });
 * }</pre>
 * The JDK classes it knows ({@code java.lang.String}, {@code java.util.HashMap}...) are declared
 * the first time they are used; declare one yourself first (e.g. a JDK 8 String) to replace it.
 * Like HotSpot, every class without a class loader is a sticky-class GC root. Objects get
 * increasing ids, spaced by their size in a JDK 17 heap with compressed oops. Not thread-safe.
 */
public final class SyntheticHeap {

    private static final long FIRST_CLASS = 0x0800_0000L;
    private static final long CLASS_STRIDE = 0x200;
    private static final long FIRST_OBJECT = 0x1000_0000L;

    /** GC root kinds with their sub-record tags. */
    enum RootKind {
        JNI_GLOBAL(0x01), JNI_LOCAL(0x02), JAVA_FRAME(0x03), STICKY_CLASS(0x05), MONITOR_USED(0x07), THREAD_OBJECT(0x08);

        final int tag;

        RootKind(int tag) {
            this.tag = tag;
        }
    }

    /** A GC root; {@code thread} and {@code frame} for the stack roots and the thread object. */
    record Root(RootKind kind, long id, ThreadDef thread, int frame) {}

    private long nextClassId = FIRST_CLASS;
    private long nextObjectId = FIRST_OBJECT;
    private final List<ClassDef> classes = new ArrayList<>();
    private final Map<String, List<ClassDef>> classesByName = new HashMap<>();
    /** Instances and arrays, in the order made (and of their ids). */
    private final List<Ref> objects = new ArrayList<>();
    private final List<Root> roots = new ArrayList<>();
    private final List<ThreadDef> threads = new ArrayList<>();
    private final JdkStructures jdk = new JdkStructures(this);

    public SyntheticHeap() {
        classNamed("java.lang.Object");
        classNamed("java.lang.Class"); // every dump has it: class objects are its instances
    }

    /** Builds a heap with {@code build} and writes it to {@code file} (its folder made if needed). */
    public static Path write(Path file, Consumer<SyntheticHeap> build) throws IOException {
        SyntheticHeap heap = new SyntheticHeap();
        build.accept(heap);
        return heap.writeTo(file);
    }

    /** Builds a heap with {@code build} and returns its dump's bytes. */
    public static byte[] bytes(Consumer<SyntheticHeap> build) {
        SyntheticHeap heap = new SyntheticHeap();
        build.accept(heap);
        return heap.toByteArray();
    }

    public byte[] toByteArray() {
        return new DumpWriter(this).write();
    }

    public Path writeTo(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        return Files.write(file, toByteArray());
    }

    /** A reference to an id the dump holds no object for, as in a dump whose writer skipped one. */
    public static Ref dangling(long id) {
        return new Dangling(id);
    }

    private record Dangling(long id) implements Ref {}

    // ---- classes

    /** Declares a class extending java.lang.Object; add fields with {@link ClassDef#field}. */
    public ClassDef newClass(String name) {
        return newClass(name, classNamed("java.lang.Object"));
    }

    /** Declares a class; a second class of the same name (another loader's copy) is allowed. */
    public ClassDef newClass(String name, ClassDef superclass) {
        return declare(name, java.util.Objects.requireNonNull(superclass, "superclass"));
    }

    /** Declares a class; java.lang.Object alone has no superclass. */
    private ClassDef declare(String name, ClassDef superclass) {
        ClassDef c = new ClassDef(this, nextClassId, name, superclass);
        nextClassId += CLASS_STRIDE;
        classes.add(c);
        classesByName.computeIfAbsent(name, k -> new ArrayList<>()).add(c);
        return c;
    }

    /**
     * The class of this name: one declared before, else a JDK class this heap knows or an array
     * class ({@code byte[]}, {@code java.lang.Object[]}), declared now.
     */
    public ClassDef classNamed(String name) {
        List<ClassDef> known = classesByName.get(name);
        if (known != null) {
            if (known.size() > 1) {
                throw new IllegalArgumentException(known.size() + " classes are named " + name + ": pass the ClassDef");
            }
            return known.get(0);
        }
        if (name.endsWith("[]")) {
            String element = name.substring(0, name.length() - 2);
            List<ClassDef> elementClass = classesByName.get(element);
            ClassDef c = newClass(name);
            return elementClass == null ? c : c.loader(elementClass.get(0).loader());
        }
        if (!JdkClasses.knows(name)) {
            throw new IllegalArgumentException("no class " + name + ": declare it with newClass; the JDK classes known are "
                    + JdkClasses.names());
        }
        String superclass = JdkClasses.superclassOf(name);
        ClassDef c = declare(name, superclass == null ? null : classNamed(superclass));
        JdkClasses.declareFields(name, c);
        return c;
    }

    // ---- objects

    public InstanceDef instance(ClassDef type) {
        InstanceDef i = new InstanceDef(this, nextObjectId, type);
        nextObjectId += type.heapSize();
        objects.add(i);
        return i;
    }

    /** An instance of {@link #classNamed the class of this name}. */
    public InstanceDef instance(String className) {
        return instance(classNamed(className));
    }

    /** A {@code java.lang.Object[]} of these elements (null for a null slot). */
    public ArrayDef objectArray(Ref... elements) {
        return objectArray("java.lang.Object[]", elements);
    }

    /** An array of references of the named array class, e.g. {@code "java.lang.String[]"}. */
    public ArrayDef objectArray(String arrayClassName, Ref... elements) {
        long[] ids = new long[elements.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = elements[i] == null ? 0 : elements[i].id();
        }
        return add(new ArrayDef(nextObjectId, classNamed(arrayClassName), ids));
    }

    public ArrayDef byteArray(byte... values) {
        return primitiveArray(FieldType.BYTE, values.length, Values.bigEndian(FieldType.BYTE, values));
    }

    public ArrayDef booleanArray(boolean... values) {
        return primitiveArray(FieldType.BOOLEAN, values.length, Values.bigEndian(FieldType.BOOLEAN, values));
    }

    public ArrayDef charArray(char... values) {
        return primitiveArray(FieldType.CHAR, values.length, Values.bigEndian(FieldType.CHAR, values));
    }

    public ArrayDef shortArray(short... values) {
        return primitiveArray(FieldType.SHORT, values.length, Values.bigEndian(FieldType.SHORT, values));
    }

    public ArrayDef intArray(int... values) {
        return primitiveArray(FieldType.INT, values.length, Values.bigEndian(FieldType.INT, values));
    }

    public ArrayDef longArray(long... values) {
        return primitiveArray(FieldType.LONG, values.length, Values.bigEndian(FieldType.LONG, values));
    }

    public ArrayDef floatArray(float... values) {
        return primitiveArray(FieldType.FLOAT, values.length, Values.bigEndian(FieldType.FLOAT, values));
    }

    public ArrayDef doubleArray(double... values) {
        return primitiveArray(FieldType.DOUBLE, values.length, Values.bigEndian(FieldType.DOUBLE, values));
    }

    /** A primitive array whose elements are {@code data} as the dump holds them (big-endian). */
    public ArrayDef primitiveArray(FieldType type, int length, byte[] data) {
        if (data.length != (long) length * type.size()) {
            throw new IllegalArgumentException(length + " elements of " + type + " take " + length * type.size()
                    + " bytes, not " + data.length);
        }
        return add(new ArrayDef(nextObjectId, classNamed(type.arrayClassName()), type, length, data));
    }

    private ArrayDef add(ArrayDef array) {
        nextObjectId += array.heapSize();
        objects.add(array);
        return array;
    }

    // ---- the JDK's objects, laid out as JDK 17 lays them out

    /** A java.lang.String: {@code value} Latin-1 bytes (coder 0), or UTF-16 little-endian (coder 1), and its hash. */
    public InstanceDef string(String text) {
        return jdk.string(text);
    }

    /** A java.lang.Integer, Long, Short, Byte, Character, Boolean, Float or Double holding {@code value}. */
    public InstanceDef box(Object value) {
        return jdk.box(value);
    }

    /**
     * A java.util.HashMap of these entries, in their iteration order: its table (16 bins, doubled
     * while over 3/4 full), nodes in the bins their keys' hashes choose, size and threshold.
     * Keys made by {@link #string} or {@link #box} hash as in the JVM, others by their id.
     */
    public InstanceDef hashMap(Map<? extends Ref, ? extends Ref> entries) {
        return jdk.hashMap(entries);
    }

    /** A java.util.HashSet: a HashMap of the elements to one shared value. */
    public InstanceDef hashSet(Collection<? extends Ref> elements) {
        return jdk.hashSet(elements);
    }

    /** A java.util.ArrayList: {@code elementData} grown as {@code add} grows it (10, 15, 22...), and size. */
    public InstanceDef arrayList(List<? extends Ref> elements) {
        return jdk.arrayList(elements);
    }

    /** A java.lang.ThreadLocal with the next hash code, as the JDK numbers them. */
    public InstanceDef threadLocal() {
        return jdk.threadLocal();
    }

    // ---- GC roots and threads

    public SyntheticHeap jniGlobal(Ref object) {
        roots.add(new Root(RootKind.JNI_GLOBAL, object.id(), null, 0));
        return this;
    }

    /** Makes a class a sticky root (a class without a loader already is). */
    public SyntheticHeap stickyClass(ClassDef c) {
        roots.add(new Root(RootKind.STICKY_CLASS, c.id(), null, 0));
        return this;
    }

    public SyntheticHeap monitorUsed(Ref object) {
        roots.add(new Root(RootKind.MONITOR_USED, object.id(), null, 0));
        return this;
    }

    /**
     * A running java.lang.Thread named {@code name}, a GC root, whose stack holds {@code frames},
     * innermost first, each as a stack trace prints it: {@code "com.example.Worker.run(Worker.java:42)"}.
     * A frame's class is declared when the heap has none of that name.
     */
    public ThreadDef thread(String name, String... frames) {
        InstanceDef t = instance("java.lang.Thread").set("name", string(name)).set("priority", 5)
                .set("tid", (long) threads.size() + 1).set("threadStatus", 5);
        return thread(t, frames);
    }

    /** As {@link #thread(String, String...)} for a thread instance made by the test (e.g. of a subclass). */
    public ThreadDef thread(InstanceDef threadInstance, String... frames) {
        List<ThreadDef.Frame> parsed = new ArrayList<>();
        for (String f : frames) {
            ThreadDef.Frame frame = ThreadDef.Frame.parse(f);
            if (!classesByName.containsKey(frame.className())) {
                newClass(frame.className());
            }
            parsed.add(frame);
        }
        ThreadDef t = new ThreadDef(this, threads.size() + 1, threadInstance, parsed);
        threads.add(t);
        roots.add(new Root(RootKind.THREAD_OBJECT, threadInstance.id(), t, 0));
        return t;
    }

    void stackRoot(RootKind kind, Ref object, ThreadDef thread, int frame) {
        if (frame < 0 || frame >= thread.frames().size()) {
            throw new IllegalArgumentException("thread " + thread.serial() + " has " + thread.frames().size()
                    + " frames; no frame " + frame);
        }
        roots.add(new Root(kind, object.id(), thread, frame));
    }

    // ---- what was built

    /**
     * The objects made so far by class name, as a class histogram of the dump counts them:
     * instances, arrays, and each class's class object as a java.lang.Class.
     */
    public Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("java.lang.Class", classes.size());
        for (Ref o : objects) {
            String name = o instanceof InstanceDef i ? i.type().name() : ((ArrayDef) o).arrayClass().name();
            counts.merge(name, 1, Integer::sum);
        }
        return counts;
    }

    JdkStructures jdkStructures() {
        return jdk;
    }

    List<ClassDef> classes() {
        return classes;
    }

    List<Ref> objects() {
        return objects;
    }

    List<Root> roots() {
        return roots;
    }

    List<ThreadDef> threads() {
        return threads;
    }

    static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }
}
