package dev.heaptrail.heap;

import dev.heaptrail.heap.internal.ClassNames;
import dev.heaptrail.heap.internal.ClassStats;
import dev.heaptrail.heap.internal.FieldLayout;
import dev.heaptrail.heap.internal.LayoutCandidates;
import dev.heaptrail.heap.internal.LayoutSample;
import dev.heaptrail.hprof.BasicType;
import dev.heaptrail.hprof.HeapRecord;
import dev.heaptrail.hprof.HprofReader;
import dev.heaptrail.hprof.HprofRecord;
import dev.heaptrail.hprof.HprofVisitor;
import dev.heaptrail.hprof.ReadProgress;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds a {@link ClassHistogram} in one streaming pass. Memory grows with the number of classes
 * and names, never with the number of objects.
 *
 * <p>HPROF records neither object sizes nor the JVM's layout flags, so sizes are computed with
 * HotSpot's layout rules under each candidate {@link ObjectLayout}, and the candidate is chosen by
 * the objects' addresses: in a heap, an object's size is exactly the distance to the next object
 * when the two are adjacent, which most are. Classes the rules cannot size exactly (fields the JVM
 * injects, {@code @Contended} padding) are sized by that distance directly.
 */
public final class ClassHistogramBuilder implements HprofVisitor {


    private final Long2ObjectOpenHashMap<String> strings;
    private final Long2LongOpenHashMap classNameIds = new Long2LongOpenHashMap();
    private final Long2ObjectOpenHashMap<ClassStats> classes = new Long2ObjectOpenHashMap<>();
    private final ClassStats[] primitiveArrays = new ClassStats[12];
    private static final int STATS_CACHE = 4096;
    private final ClassStats[] statsCache = new ClassStats[STATS_CACHE];
    private long classDumps;

    private final LayoutSample sample = new LayoutSample();
    private final List<ClassHistogramBuilder> merged = new ArrayList<>();
    private long prevAddress;
    /** The previous object's class when it was an instance, else null: whose size the next address tells. */
    private ClassStats prevInstanceClass;

    public ClassHistogramBuilder() {
        this(new Long2ObjectOpenHashMap<>());
    }

    /** A worker of a parallel read: it shares the names the main builder read, read-only. */
    private ClassHistogramBuilder(Long2ObjectOpenHashMap<String> strings) {
        this.strings = strings;
    }

    /**
     * Reads the whole dump (does I/O) and returns its histogram. A large plain file is read by
     * several threads (see {@link #defaultThreads}), a compressed one by one.
     */
    public static ClassHistogram build(HprofReader reader, ReadProgress progress) throws IOException {
        return build(reader, progress, Integer.getInteger("heaptrail.threads", defaultThreads(reader.fileSize())));
    }

    /**
     * One thread per core up to 4, for dumps big enough to repay it: the JIT compiler needs a core
     * while a pass warms up, so on two cores a second reader only wins on dumps of gigabytes
     * (measured: 10 % faster on 3 GB, 10 % slower on 1 GB; see docs/performance.md).
     */
    static int defaultThreads(long fileSize) {
        int cores = Runtime.getRuntime().availableProcessors();
        long worthIt = cores >= 4 ? 256L << 20 : 3L << 29;
        return fileSize >= worthIt ? Math.min(4, cores) : 1;
    }

    /** As {@link #build(HprofReader, ReadProgress)} with this many threads (1 reads sequentially). */
    public static ClassHistogram build(HprofReader reader, ReadProgress progress, int threads) throws IOException {
        ClassHistogramBuilder main = new ClassHistogramBuilder();
        if (threads < 2 || !reader.canReadInParallel()) {
            reader.accept(main, progress);
            return main.result();
        }
        List<ClassHistogramBuilder> workers = new ArrayList<>();
        workers.add(main);
        for (int i = 1; i < threads; i++) {
            workers.add(new ClassHistogramBuilder(main.strings));
        }
        reader.acceptParallel(main, workers, progress);
        for (int i = 1; i < threads; i++) {
            main.merge(workers.get(i));
        }
        return main.result();
    }

    /** Adds what another builder counted over other segments of the same dump. */
    private void merge(ClassHistogramBuilder other) {
        for (ClassStats theirs : other.classes.values()) {
            ClassStats ours = classes.get(theirs.classId);
            if (ours == null) {
                classes.put(theirs.classId, theirs);
            } else {
                ours.merge(theirs);
            }
        }
        for (int t = 0; t < primitiveArrays.length; t++) {
            if (other.primitiveArrays[t] != null) {
                if (primitiveArrays[t] == null) {
                    primitiveArrays[t] = other.primitiveArrays[t];
                } else {
                    primitiveArrays[t].merge(other.primitiveArrays[t]);
                }
            }
        }
        classDumps += other.classDumps;
        merged.add(other);
    }

    @Override
    public void record(HprofRecord record, long offset) {
        if (record instanceof HprofRecord.Utf8 s) {
            strings.put(s.id(), s.value());
        } else if (record instanceof HprofRecord.LoadClass c) {
            classNameIds.put(c.classId(), c.nameId());
        }
    }

    @Override
    public void classDump(HeapRecord.ClassDump dump) {
        classDumps++;
        ClassStats s = stats(dump.objectId());
        s.dumped = true;
        s.superId = dump.superClassId();
        int refs = 0;
        int[] prims = new int[dump.instanceFields().size()];
        int n = 0;
        for (HeapRecord.FieldDescriptor f : dump.instanceFields()) {
            if (f.type() == BasicType.OBJECT) {
                refs++;
            } else {
                prims[n++] = f.type().size();
            }
        }
        s.referenceFields = refs;
        s.primitiveFieldSizes = java.util.Arrays.copyOf(prims, n);
        int staticRefs = 0;
        int[] staticPrims = new int[dump.staticFields().size()];
        int m = 0;
        for (HeapRecord.StaticField f : dump.staticFields()) {
            String name = strings.get(f.nameId());
            if (name != null && name.startsWith("<")) {
                continue; // <resolved_references>, <init_lock>: the dumper's additions, not fields of the mirror
            }
            if (f.type() == BasicType.OBJECT) {
                staticRefs++;
            } else {
                staticPrims[m++] = f.type().size();
            }
        }
        s.staticReferences = staticRefs;
        s.staticPrimitiveSizes = java.util.Arrays.copyOf(staticPrims, m);
    }

    @Override
    public void instanceHead(long objectId, int stackTraceSerial, long classId, long fieldsOffset, int fieldsLength) {
        ClassStats s = stats(classId);
        s.instances++;
        if (!sample.full()) {
            sample.add(objectId, LayoutSample.INSTANCE, s, 0, 0);
        }
        gapTo(objectId);
        prevInstanceClass = s;
    }

    @Override
    public void objectArrayHead(long objectId, int stackTraceSerial, long arrayClassId, int length, long elementsOffset) {
        ClassStats s = stats(arrayClassId);
        s.countArray(length);
        if (!sample.full()) {
            sample.add(objectId, LayoutSample.OBJECT_ARRAY, s, 0, length);
        }
        gapTo(objectId);
        prevInstanceClass = null;
    }

    @Override
    public void primitiveArrayHead(long objectId, int stackTraceSerial, BasicType type, int length, long elementsOffset) {
        ClassStats s = primitiveArrays[type.value()];
        if (s == null) {
            s = primitiveArrays[type.value()] = new ClassStats(0);
        }
        s.countArray(length);
        if (!sample.full()) {
            sample.add(objectId, LayoutSample.PRIMITIVE_ARRAY, s, type.size(), length);
        }
        gapTo(objectId);
        prevInstanceClass = null;
    }

    // With contents (another visitor in a tee asked for them): the same counting.
    @Override
    public void instance(HeapRecord.InstanceDump d) {
        instanceHead(d.objectId(), d.stackTraceSerial(), d.classId(), d.fieldsOffset(), d.fieldsLength());
    }

    @Override
    public void objectArray(HeapRecord.ObjectArrayDump d) {
        objectArrayHead(d.objectId(), d.stackTraceSerial(), d.arrayClassId(), d.length(), d.elementsOffset());
    }

    @Override
    public void primitiveArray(HeapRecord.PrimitiveArrayDump d) {
        primitiveArrayHead(d.objectId(), d.stackTraceSerial(), d.type(), d.length(), d.elementsOffset());
    }

    private ClassStats stats(long classId) {
        // A direct-mapped cache in front of the map: most objects belong to a few hundred classes,
        // and this lookup runs once per object. Class ids are 8-aligned addresses.
        int slot = (int) (classId >>> 3) & (STATS_CACHE - 1);
        ClassStats s = statsCache[slot];
        if (s != null && s.classId == classId) {
            return s;
        }
        s = classes.get(classId);
        if (s == null) {
            s = new ClassStats(classId);
            classes.put(classId, s);
        }
        statsCache[slot] = s;
        return s;
    }

    /** The distance from the previous object, when an instance, to this one bounds its class's size. */
    private void gapTo(long address) {
        ClassStats prev = prevInstanceClass;
        if (prev != null) {
            long gap = address - prevAddress;
            if (gap > 0) {
                prev.observeGap(gap);
            }
        }
        prevAddress = address;
    }

    /** End of the last field under candidate k, or -1 when the class or a superclass was never dumped. */
    private int instanceEnd(ClassStats s, int k) {
        FieldLayout layout = layout(s, k);
        return layout == null ? -1 : layout.end();
    }

    private FieldLayout layout(ClassStats s, int k) {
        if (s.layouts[k] != null) {
            return s.layouts[k];
        }
        if (!s.dumped) {
            return null; // cheap, and common in a parallel worker whose segments hold no CLASS DUMPs
        }
        // Collect the chain up to a root class iteratively: a corrupt dump may hold a superclass cycle.
        List<ClassStats> chain = new ArrayList<>();
        ClassStats c = s;
        FieldLayout base = null;
        while (true) {
            if (c == null || !c.dumped || chain.size() > 256) {
                return null;
            }
            if (c.layouts[k] != null) {
                base = c.layouts[k];
                break;
            }
            chain.add(c);
            if (c.superId == 0) {
                base = FieldLayout.header(LayoutCandidates.ALL[k].headerBytes());
                break;
            }
            c = classes.get(c.superId);
        }
        int refBytes = LayoutCandidates.ALL[k].referenceBytes();
        for (int i = chain.size() - 1; i >= 0; i--) {
            ClassStats link = chain.get(i);
            base = base.extend(link.primitiveFieldSizes, link.referenceFields, refBytes);
            link.layouts[k] = base;
        }
        return base;
    }

    static int alignmentOf(long addressBits) {
        if (addressBits == 0) {
            return 8;
        }
        int alignment = 1 << Math.min(Long.numberOfTrailingZeros(addressBits), 8);
        return Math.max(8, alignment);
    }

    /** The histogram of everything visited so far. */
    public ClassHistogram result() {
        long addressBits = sample.addressBits();
        for (ClassHistogramBuilder other : merged) {
            addressBits |= other.sample.addressBits();
        }
        int alignment = alignmentOf(addressBits);
        long[] exactMatches = new long[LayoutCandidates.COUNT];
        // A worker's sample holds its own ClassStats; size them with the merged ones, which know every CLASS DUMP.
        LayoutSample.InstanceSizes sizes = (s, k) -> instanceEnd(s.dumped ? s : classes.get(s.classId), k);
        sample.score(exactMatches, alignment, sizes);
        for (ClassHistogramBuilder other : merged) {
            other.sample.score(exactMatches, alignment, sizes);
        }
        int best = 0;
        for (int k = 1; k < LayoutCandidates.COUNT; k++) {
            if (exactMatches[k] > exactMatches[best]) {
                best = k;
            }
        }
        ObjectLayout layout = LayoutCandidates.ALL[best].withAlignment(alignment);
        RowsBuilder rows = new RowsBuilder(layout, best);
        return rows.build();
    }

    private String className(long classId) {
        long nameId = classNameIds.getOrDefault(classId, -1L);
        String name = nameId == -1L ? null : strings.get(nameId);
        return name == null ? "unknown class 0x" + Long.toHexString(classId) : ClassNames.toJava(name);
    }

    /** Turns the per-class counts into rows under the chosen layout. */
    private final class RowsBuilder {
        private final ObjectLayout layout;
        private final int candidate;
        private final List<ClassHistogram.Row> rows = new ArrayList<>();

        RowsBuilder(ObjectLayout layout, int candidate) {
            this.layout = layout;
            this.candidate = candidate;
        }

        ClassHistogram build() {
            long classClassId = findClass("java/lang/Class");
            for (ClassStats s : classes.values()) {
                if (s.classId == classClassId) {
                    continue;
                }
                if (s.lengthResidues != null) {
                    int ref = layout.referenceBytes();
                    rows.add(new ClassHistogram.Row(className(s.classId), s.classId, s.instances,
                            arrayBytes(s, layout.arrayBase(ref), ref)));
                } else if (s.instances > 0) {
                    rows.add(new ClassHistogram.Row(className(s.classId), s.classId, s.instances, s.instances * instanceSize(s)));
                }
            }
            for (BasicType type : BasicType.values()) {
                ClassStats s = type == BasicType.OBJECT ? null : primitiveArrays[type.value()];
                if (s != null) {
                    long id = findClass("[" + type.descriptor());
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

        /** Size of one instance: HotSpot's layout, unless adjacent objects prove the class bigger or smaller. */
        private long instanceSize(ClassStats s) {
            int end = instanceEnd(s, candidate);
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
            if (classDumps == 0 && primitiveMirrors == 0) {
                return;
            }
            long base = classClass == null ? layout.align(layout.headerBytes() + 64L) : instanceSize(classClass);
            long bytes = primitiveMirrors * base;
            long mirrors = 0;
            int ref = layout.referenceBytes();
            for (ClassStats s : classes.values()) {
                if (s.dumped) {
                    mirrors++;
                    int end = FieldLayout.startingAt((int) base).extend(s.staticPrimitiveSizes, s.staticReferences, ref).end();
                    bytes += layout.align(end);
                }
            }
            rows.add(new ClassHistogram.Row("java.lang.Class", Math.max(classClassId, 0), primitiveMirrors + mirrors, bytes));
        }

        private long findClass(String internalName) {
            for (Long2LongOpenHashMap.Entry e : classNameIds.long2LongEntrySet()) {
                if (internalName.equals(strings.get(e.getLongValue()))) {
                    return e.getLongKey();
                }
            }
            return -1;
        }
    }
}
