package dev.heaptrail.analysis.paths;

import dev.heaptrail.heap.index.GcRootEntry;
import dev.heaptrail.heap.index.HeapIndex;
import dev.heaptrail.heap.index.IndexedClass;
import dev.heaptrail.heap.index.InstanceFields;
import dev.heaptrail.heap.index.ObjectKind;
import dev.heaptrail.hprof.BasicType;
import dev.heaptrail.hprof.HeapTag;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names each step of a path: which field, array index or static field of the referrer holds the
 * next object, which thread holds the root, and which ThreadLocal a ThreadLocalMap entry is for. Reads the referrers' contents back from the
 * dump, all paths' at once.
 */
public final class PathDescriber {

    private static final String ENTRY = "java.lang.ThreadLocal$ThreadLocalMap$Entry";

    private final HeapIndex index;
    /**
     * Each rooted object's root as a step shows it: a thread as the thread object it is (its own
     * run() frame roots it too), else a root that names its frame, else the first.
     */
    private final Map<Long, GcRootEntry> roots = new HashMap<>();
    private final InstanceFields fields;
    private final ThreadFacts threads;

    public PathDescriber(HeapIndex index) {
        this.index = index;
        this.fields = new InstanceFields(index);
        this.threads = new ThreadFacts(index);
        for (GcRootEntry r : index.gcRoots()) {
            GcRootEntry seen = roots.get(r.object());
            if (seen == null || rank(r) > rank(seen)) {
                roots.put(r.object(), r);
            }
        }
    }

    /** Describes several paths (does I/O once for all of them). */
    public List<List<PathStep>> describe(List<List<Long>> paths) throws IOException {
        Set<Long> referrers = new LinkedHashSet<>();
        for (List<Long> path : paths) {
            for (int i = 0; i + 1 < path.size(); i++) {
                ObjectKind k = index.kind(path.get(i));
                if (k == ObjectKind.INSTANCE || k == ObjectKind.OBJECT_ARRAY) {
                    referrers.add(path.get(i));
                }
            }
        }
        Map<Long, byte[]> contents = index.contents().read(referrers, index);
        List<List<PathStep>> out = new ArrayList<>();
        for (List<Long> path : paths) {
            List<PathStep> steps = new ArrayList<>();
            for (int i = 0; i < path.size(); i++) {
                long o = path.get(i);
                if (i == 0) {
                    GcRootEntry root = roots.get(o);
                    steps.add(PathStep.root(o, index.address(o), index.typeName(o), root == null ? "root" : label(root),
                            threads.threadOf(o), root == null ? null : root.frame()));
                } else {
                    PathStep step = link(path.get(i - 1), o, contents.get(path.get(i - 1)));
                    if (step.className().equals(ENTRY)) {
                        step = step.withThreadLocal(threads.threadLocalOfEntry(o));
                    }
                    steps.add(step);
                }
            }
            out.add(steps);
        }
        return out;
    }

    private static int rank(GcRootEntry root) {
        return root.kind() == HeapTag.ROOT_THREAD_OBJECT ? 2 : root.frame() != null ? 1 : 0;
    }

    private static String label(GcRootEntry root) {
        return root.kind().label().substring("ROOT ".length()).toLowerCase();
    }

    private PathStep link(long from, long to, byte[] content) {
        long target = index.address(to);
        String name = index.typeName(to);
        switch (index.kind(from)) {
            case CLASS -> {
                IndexedClass c = index.classById(index.address(from));
                if (c != null) {
                    for (IndexedClass.Field f : c.staticFields()) {
                        if (f.type() == BasicType.OBJECT && f.staticValue() == target) {
                            return new PathStep(to, target, name, null, f.name(), -1, true);
                        }
                    }
                    if (c.superId() == target) {
                        return new PathStep(to, target, name, null, "<superclass>", -1, false);
                    }
                    if (c.loaderId() == target) {
                        return new PathStep(to, target, name, null, "<classloader>", -1, false);
                    }
                }
                return new PathStep(to, target, name, null, "<constant pool>", -1, false);
            }
            case OBJECT_ARRAY -> {
                ByteBuffer b = ByteBuffer.wrap(content == null ? new byte[0] : content);
                int id = index.contents().idSize();
                for (int i = 0; (long) (i + 1) * id <= b.capacity(); i++) {
                    long v = fields.id(b, i * id);
                    if (v == target) {
                        return new PathStep(to, target, name, null, null, i, false);
                    }
                }
                return new PathStep(to, target, name, null, "<class>", -1, false);
            }
            case INSTANCE -> {
                String field = instanceField(from, target, content);
                return new PathStep(to, target, name, null, field, -1, false);
            }
            default -> {
                return new PathStep(to, target, name, null, "<reference>", -1, false);
            }
        }
    }

    /** The name of the instance field of {@code from} that holds {@code target}, or the implicit link to its class. */
    private String instanceField(long from, long target, byte[] content) {
        String field = fields.fieldHolding(from, content, target);
        return field != null ? field : "<class>";
    }

}
