package dev.heaptrail.heap;

import dev.heaptrail.heap.internal.ClassStats;
import dev.heaptrail.heap.internal.DumpNames;
import dev.heaptrail.heap.internal.FieldLayout;
import dev.heaptrail.heap.internal.HistogramRows;
import dev.heaptrail.heap.internal.LayoutCandidates;
import dev.heaptrail.heap.internal.LayoutSample;
import dev.heaptrail.hprof.BasicType;
import dev.heaptrail.hprof.HeapRecord;
import dev.heaptrail.hprof.HprofReader;
import dev.heaptrail.hprof.HprofRecord;
import dev.heaptrail.hprof.ObjectHeadVisitor;
import dev.heaptrail.hprof.ReadProgress;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;

import java.io.IOException;
import java.util.ArrayList;
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
public final class ClassHistogramBuilder implements ObjectHeadVisitor {


    private final DumpNames names;
    private final Long2ObjectOpenHashMap<ClassStats> classes = new Long2ObjectOpenHashMap<>();
    private final ClassStats[] primitiveArrays = new ClassStats[12];
    private static final int STATS_CACHE = 4096;
    private final ClassStats[] statsCache = new ClassStats[STATS_CACHE];

    private final LayoutSample sample = new LayoutSample();
    private ShallowSizes shallowSizes;
    private final List<ClassHistogramBuilder> merged = new ArrayList<>();
    private long prevAddress;
    /** The previous object's class when it was an instance, else null: whose size the next address tells. */
    private ClassStats prevInstanceClass;

    public ClassHistogramBuilder() {
        this(new DumpNames());
    }

    /**
     * A builder that keeps names in {@code names}, shared: with a parallel read's main builder
     * (read-only), or with another visitor of the same pass that needs them too.
     */
    public ClassHistogramBuilder(DumpNames names) {
        this.names = names;
    }

    /**
     * Reads the whole dump (does I/O) and returns its histogram. A large plain file is read by
     * several threads (see {@link #readerThreads}), a compressed one by one.
     */
    public static ClassHistogram build(HprofReader reader, ReadProgress progress) throws IOException {
        return build(reader, progress, readerThreads(reader.fileSize()));
    }

    /**
     * How many threads should read a dump (the system property {@code heaptrail.threads} decides
     * when set): one a core up to 4, for dumps big enough to repay it. The JIT compiler needs a
     * core while a pass warms up, so on two cores a second reader only wins on dumps of gigabytes;
     * the same held for the index's reference pass (the figures: docs/performance.md, histo).
     */
    public static int readerThreads(long fileSize) {
        return Integer.getInteger("heaptrail.threads", defaultThreads(fileSize));
    }

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
            workers.add(new ClassHistogramBuilder(main.names));
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
        merged.add(other);
    }

    @Override
    public void record(HprofRecord record, long offset) {
        if (record instanceof HprofRecord.Utf8 s) {
            names.putString(s.id(), s.value());
        } else if (record instanceof HprofRecord.LoadClass c) {
            names.putClass(c.classId(), c.nameId());
        }
    }

    @Override
    public void classDump(HeapRecord.ClassDump dump) {
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
            String name = names.stringOrNull(f.nameId());
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


    private ClassStats stats(long classId) {
        // A direct-mapped cache in front of the map: most objects belong to a few hundred classes,
        // and this lookup runs once per object. Class ids are addresses of class mirrors, whose
        // low bits repeat (mirrors of one size, allocated in a row): hashed, not masked.
        int slot = (int) ((classId * 0x9E3779B97F4A7C15L) >>> 52) & (STATS_CACHE - 1);
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
        int candidate = best;
        HistogramRows rows = new HistogramRows(layout, names, classes, primitiveArrays, s -> instanceEnd(s, candidate));
        ClassHistogram histogram = rows.build();
        shallowSizes = rows.shallowSizes();
        return histogram;
    }

    /** Shallow size of each object, under the layout {@link #result} chose; null before it ran. */
    public ShallowSizes shallowSizes() {
        return shallowSizes;
    }
}
