package dev.heaptrail.alloc;

import dev.heaptrail.heap.JavaClassNames;
import dev.heaptrail.analysis.paths.PathStep;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedObject;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The reference chain of a {@code jdk.OldObjectSample} as {@link RetentionStep}s, root first, so that
 * it reads as {@code analyze}'s paths do. JFR writes it from the sampled object outwards: each
 * {@code OldObject} names its {@code referrer} (the field or array slot that holds it, the object
 * that has that slot, and how many links were left out in between), and the event's {@code root}
 * says what kind of GC root holds the last one.
 */
final class RetentionChains {

    /** Longer chains are cut: JFR itself keeps a few links at each end of a long chain. */
    private static final int MAX_STEPS = 100;

    private RetentionChains() {}

    /** Root first; empty when the sample has no chain (recorded without path-to-gc-roots). */
    static List<RetentionStep> of(RecordedObject sampled, RecordedObject root) {
        if (sampled == null) {
            return List.of();
        }
        // Walk from the sample to the root, remembering how each object is held.
        List<RecordedObject> objects = new ArrayList<>();
        List<RecordedObject> heldBy = new ArrayList<>();
        RecordedObject object = sampled;
        while (object != null && objects.size() < MAX_STEPS) {
            RecordedObject referrer = object.hasField("referrer") ? object.getValue("referrer") : null;
            objects.add(object);
            heldBy.add(referrer);
            object = referrer == null ? null : referrer.getValue("object");
        }
        if (objects.size() == 1 && root == null) {
            return List.of(); // no chain was recorded: a lone object is not a path
        }
        List<RetentionStep> steps = new ArrayList<>(objects.size());
        for (int i = objects.size() - 1; i >= 0; i--) {
            RecordedObject o = objects.get(i);
            String className = className(o);
            long address = o.hasField("address") ? o.getLong("address") : 0;
            if (i == objects.size() - 1) {
                steps.add(new RetentionStep(new PathStep(-1, address, className, rootKind(root), null, -1, false,
                        thread(root), null, null), 0));
                continue;
            }
            RecordedObject link = heldBy.get(i); // how objects[i+1] holds objects[i]
            RecordedObject field = link.getValue("field");
            RecordedObject array = link.getValue("array");
            int skipped = link.hasField("skip") ? link.getInt("skip") : 0;
            String name = field == null ? null : field.getString("name");
            boolean isStatic = field != null && Modifier.isStatic(field.getShort("modifiers"));
            long index = array == null ? -1 : array.getInt("index");
            if (name == null && index < 0) {
                name = "?"; // JFR recorded the link but not its slot
            }
            steps.add(new RetentionStep(new PathStep(-1, address, className, null, name, index, isStatic), skipped));
        }
        return Collections.unmodifiableList(steps);
    }

    private static String className(RecordedObject o) {
        RecordedClass type = o.hasField("type") ? o.getValue("type") : null;
        String name = type == null || type.getName() == null ? "?" : JavaClassNames.fromJvm(type.getName());
        String description = o.hasField("description") ? o.getString("description") : null;
        String prefix = "Class Name: ";
        if (name.equals("java.lang.Class") && description != null && description.startsWith(prefix)) {
            return "class " + description.substring(prefix.length()); // the class whose static field holds the rest
        }
        return name;
    }

    /** "stack variable", "class loader data", ...; "GC root" when JFR did not say. */
    private static String rootKind(RecordedObject root) {
        if (root == null) {
            return "GC root";
        }
        String type = root.getString("type");
        String system = root.getString("system");
        String kind = type != null && !type.isBlank() ? type : system;
        return kind == null || kind.isBlank() ? "GC root" : kind.toLowerCase(java.util.Locale.ROOT);
    }

    /** The thread a thread root belongs to, from JFR's description "Thread Name: main". */
    private static String thread(RecordedObject root) {
        String description = root == null ? null : root.getString("description");
        String prefix = "Thread Name: ";
        return description != null && description.startsWith(prefix) ? description.substring(prefix.length()) : null;
    }
}
