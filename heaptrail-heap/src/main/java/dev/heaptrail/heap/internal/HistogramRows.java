package dev.heaptrail.heap.internal;

import dev.heaptrail.heap.ClassHistogram;
import dev.heaptrail.heap.ObjectLayout;
import dev.heaptrail.heap.ShallowSizes;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import dev.heaptrail.hprof.BasicType;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Turns the counts of one pass into histogram rows under the chosen object layout. */
public final class HistogramRows {

    /** End of an instance's last field under the chosen layout, or -1 when the class is unknown. */
    public interface FieldEnds {
        int of(ClassStats s);
    }

    private final ObjectLayout layout;
    private final DumpNames names;
    private final Long2ObjectOpenHashMap<ClassStats> classes;
    private final ClassStats[] primitiveArrays;
    private final FieldEnds fieldEnds;
    private final List<ClassHistogram.Row> rows = new ArrayList<>();
    private final Long2LongOpenHashMap instanceSizes = new Long2LongOpenHashMap();
    private final Long2LongOpenHashMap mirrorSizes = new Long2LongOpenHashMap();
    private long primitiveMirrorSize;

    public HistogramRows(ObjectLayout layout, DumpNames names, Long2ObjectOpenHashMap<ClassStats> classes,
                         ClassStats[] primitiveArrays, FieldEnds fieldEnds) {
        this.layout = layout;
        this.names = names;
        this.classes = classes;
        this.primitiveArrays = primitiveArrays;
        this.fieldEnds = fieldEnds;
    }

    public ClassHistogram build() {
        long classClassId = names.findClass("java/lang/Class");
        for (ClassStats s : classes.values()) {
            if (s.classId == classClassId) {
                continue;
            }
            if (s.lengthResidues != null) {
                int ref = layout.referenceBytes();
                rows.add(new ClassHistogram.Row(names.className(s.classId), s.classId, s.instances,
                        arrayBytes(s, layout.arrayBase(ref), ref)));
            } else if (s.instances > 0) {
                rows.add(new ClassHistogram.Row(names.className(s.classId), s.classId, s.instances, s.instances * instanceSize(s)));
            }
            if (s.dumped && s.lengthResidues == null) {
                instanceSizes.put(s.classId, instanceSize(s));
            }
        }
        for (BasicType type : BasicType.values()) {
            ClassStats s = type == BasicType.OBJECT ? null : primitiveArrays[type.value()];
            if (s != null) {
                long id = names.findClass("[" + type.descriptor());
                rows.add(new ClassHistogram.Row(ClassNames.primitiveArray(type), Math.max(id, 0), s.instances,
                        arrayBytes(s, layout.arrayBase(type.size()), type.size())));
            }
        }
        addClassMirrors(classClassId);
        rows.sort(Comparator.comparingLong(ClassHistogram.Row::shallowBytes).reversed()
                .thenComparing(ClassHistogram.Row::className));
        long instances = 0;
        long bytes = 0;
        for (ClassHistogram.Row r : rows) {
            instances += r.instances();
            bytes += r.shallowBytes();
        }
        return new ClassHistogram(List.copyOf(rows), instances, bytes, layout);
    }

    private long arrayBytes(ClassStats s, int base, int elementBytes) {
        int unit = Math.max(8, layout.alignment());
        if (unit <= 64) {
            return s.arrayBytes(base, elementBytes, unit);
        }
        return s.instances * (base + unit / 2) + s.lengthSum * elementBytes; // alignments over 64: estimate
    }

    /** Sizes of single objects under the same layout; call after {@link #build}. */
    public ShallowSizes shallowSizes() {
        return new ShallowSizes(layout, instanceSizes, mirrorSizes, primitiveMirrorSize);
    }

    /** Size of one instance: HotSpot's layout, unless adjacent objects prove the class bigger or smaller. */
    private long instanceSize(ClassStats s) {
        int end = fieldEnds.of(s);
        long model = end < 0 ? -1 : layout.align(end);
        boolean measured = s.minGap != Long.MAX_VALUE;
        if (model < 0) {
            return measured && s.minGap < (1 << 20) ? s.minGap : layout.align(layout.headerBytes());
        }
        // A distance below the computed size proves the computation wrong. One above it is the
        // class's real size (injected fields, @Contended padding) only if most instances agree:
        // objects the dumper skips (class mirrors, archived objects) leave scattered larger gaps.
        boolean agreed = s.gaps >= 3 && s.gapsAtMin * 2 > s.gaps && s.minGap <= model + 512;
        if (measured && (s.minGap < model || agreed)) {
            return s.minGap;
        }
        return model;
    }

    /** java.lang.Class: one mirror per CLASS DUMP (holding that class's static fields) plus the primitive types' mirrors. */
    private void addClassMirrors(long classClassId) {
        ClassStats classClass = classClassId == -1 ? null : classes.get(classClassId);
        long primitiveMirrors = classClass == null ? 0 : classClass.instances;
        long base = classClass == null ? layout.align(layout.headerBytes() + 64L) : instanceSize(classClass);
        long bytes = primitiveMirrors * base;
        primitiveMirrorSize = base;
        if (classClassId != -1) {
            instanceSizes.put(classClassId, base); // int.class and friends are dumped as instances
        }
        long mirrors = 0;
        int ref = layout.referenceBytes();
        for (ClassStats s : classes.values()) {
            if (s.dumped) {
                mirrors++;
                int end = FieldLayout.startingAt((int) base).extend(s.staticPrimitiveSizes, s.staticReferences, ref).end();
                mirrorSizes.put(s.classId, layout.align(end));
                bytes += layout.align(end);
            }
        }
        if (primitiveMirrors + mirrors > 0) {
            rows.add(new ClassHistogram.Row("java.lang.Class", Math.max(classClassId, 0), primitiveMirrors + mirrors, bytes));
        }
    }
}
