package dev.heaptrail.hprof.internal;

import dev.heaptrail.hprof.BasicType;
import dev.heaptrail.hprof.HprofFormatException;
import dev.heaptrail.hprof.HprofRecord;
import dev.heaptrail.hprof.HprofTag;
import dev.heaptrail.hprof.HprofVisitor;
import dev.heaptrail.hprof.ReadProgress;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Walks the top-level records: header of 9 bytes (tag, time, length), then the body. */
public final class RecordParser {

    /** Symbols in the JVM are at most 65535 bytes; anything far beyond is a corrupt length. */
    private static final long MAX_UTF8 = 16L << 20;
    /** HotSpot records at most a few thousand frames a trace; this bounds what a corrupt count can allocate. */
    private static final long MAX_FRAMES = 1 << 20;

    private final HprofInput in;
    private final HprofVisitor visitor;
    private final HeapDumpParser heap;
    private final ProgressTicker ticker;
    private final int idSize;

    private final List<long[]> segments;

    /**
     * @param heap     parses heap dump contents in line; null to skip them (by seeking) and only
     *                 collect where each heap dump record's body is, see {@link #segments()}
     */
    public RecordParser(HprofInput in, HprofVisitor visitor, HeapDumpParser heap, ReadProgress progress) {
        this.in = in;
        this.visitor = visitor;
        this.heap = heap;
        this.ticker = new ProgressTicker(in::fileBytesConsumed, in.fileSize(), heap == null ? ReadProgress.NONE : progress);
        this.idSize = in.idSize();
        this.segments = heap == null ? new ArrayList<>() : null;
    }

    /** The (offset, length) of each heap dump record's body, when heap contents were skipped. */
    public List<long[]> segments() {
        return segments;
    }

    public void run() throws IOException {
        boolean sawSegment = false;
        boolean sawEnd = false;
        boolean sawHeap = false;
        long records = 0;
        while (true) {
            long at = in.position();
            if (!in.tryRequire(9)) {
                if (in.atEnd()) {
                    break;
                }
                throw in.truncated("record header", 9);
            }
            int tagByte = in.u1();
            in.i4(); // microseconds since the header's timestamp: not used
            long length = in.u4();
            HprofTag tag = HprofTag.ofValueOrNull(tagByte);
            if (tag == null) {
                throw new HprofFormatException(in.file(), at, String.format(
                        "unknown record tag 0x%02x: expected one of the HPROF record tags (corrupt file?)", tagByte));
            }
            records++;
            long bodyAt = in.position();
            long end = bodyAt + length;
            if (in.length() >= 0 && end > in.length()) {
                throw new HprofFormatException(in.file(), at, tag.label() + " record claims " + length
                        + " bytes but the file ends after " + (in.length() - bodyAt) + " (corrupt length, or truncated"
                        + in.stillBeingWritten() + ")");
            }
            if (tag == HprofTag.HEAP_DUMP || tag == HprofTag.HEAP_DUMP_SEGMENT) {
                sawEnd = false; // after an END, a second dump in one file: legal, rare
                sawSegment = tag == HprofTag.HEAP_DUMP_SEGMENT;
                sawHeap = true;
                visitor.record(new HprofRecord.HeapDumpStart(tag, bodyAt, length), at);
                if (heap != null) {
                    heap.parse(end, ticker);
                } else {
                    segments.add(new long[] {bodyAt, length});
                    in.skip(length, tag.label());
                }
            } else {
                HprofRecord record = body(tag, length, at);
                if (in.position() != end) {
                    throw new HprofFormatException(in.file(), at, tag.label() + " record claims " + length
                            + " bytes but its contents take " + (in.position() - bodyAt));
                }
                if (tag == HprofTag.HEAP_DUMP_END) {
                    sawEnd = true;
                    sawSegment = false;
                }
                visitor.record(record, at);
            }
            ticker.tick();
        }
        if (!sawHeap) {
            throw new HprofFormatException(in.file(), in.position(), "no heap dump in this file: it ends after " + records
                    + " records without a HEAP DUMP or HEAP DUMP SEGMENT (truncated before the heap" + in.stillBeingWritten()
                    + ", or a profile without a heap dump)");
        }
        if (sawSegment && !sawEnd) {
            throw new HprofFormatException(in.file(), in.position(), "truncated: the file ends without a HEAP DUMP END record"
                    + " after its last heap dump segment" + in.stillBeingWritten());
        }
        ticker.done();
    }

    private HprofRecord body(HprofTag tag, long length, long at) throws IOException {
        String what = tag.label() + " record";
        switch (tag) {
            case UTF8: {
                if (length < idSize || length - idSize > MAX_UTF8) {
                    throw new HprofFormatException(in.file(), at, "UTF8 record length " + length + " is implausible (corrupt length)");
                }
                in.require(idSize, what);
                long id = in.id();
                int n = (int) (length - idSize);
                byte[] bytes = new byte[n];
                in.readFully(bytes, 0, n, what);
                return new HprofRecord.Utf8(id, ModifiedUtf8.decode(bytes, 0, n));
            }
            case LOAD_CLASS:
                in.require(8 + 2 * idSize, what);
                return new HprofRecord.LoadClass(in.i4(), in.id(), in.i4(), in.id());
            case UNLOAD_CLASS:
                in.require(4, what);
                return new HprofRecord.UnloadClass(in.i4());
            case STACK_FRAME:
                in.require(4 * idSize + 8, what);
                return new HprofRecord.StackFrame(in.id(), in.id(), in.id(), in.id(), in.i4(), in.i4());
            case STACK_TRACE: {
                in.require(12, what);
                int serial = in.i4();
                int thread = in.i4();
                long frames = in.u4();
                if (12 + frames * idSize != length || frames > MAX_FRAMES) {
                    throw new HprofFormatException(in.file(), at, "TRACE record of " + length + " bytes cannot hold " + frames + " frames");
                }
                long[] ids = new long[(int) frames];
                for (int i = 0; i < ids.length; i++) {
                    in.require(idSize, what);
                    ids[i] = in.id();
                }
                return new HprofRecord.StackTrace(serial, thread, ids);
            }
            case ALLOC_SITES:
                return allocSites(length, at, what);
            case HEAP_SUMMARY:
                in.require(24, what);
                return new HprofRecord.HeapSummary(in.i4(), in.i4(), in.i8(), in.i8());
            case START_THREAD:
                in.require(8 + 4 * idSize, what);
                return new HprofRecord.StartThread(in.i4(), in.id(), in.i4(), in.id(), in.id(), in.id());
            case END_THREAD:
                in.require(4, what);
                return new HprofRecord.EndThread(in.i4());
            case HEAP_DUMP_END:
                return new HprofRecord.HeapDumpEnd();
            case CPU_SAMPLES: {
                in.require(8, what);
                int total = in.i4();
                long n = in.u4();
                if (8 + n * 8 != length) {
                    throw new HprofFormatException(in.file(), at, "CPU SAMPLES record of " + length + " bytes cannot hold " + n + " traces");
                }
                List<HprofRecord.CpuSample> samples = new ArrayList<>();
                for (long i = 0; i < n; i++) {
                    in.require(8, what);
                    samples.add(new HprofRecord.CpuSample(in.i4(), in.i4()));
                }
                return new HprofRecord.CpuSamples(total, samples);
            }
            case CONTROL_SETTINGS:
                in.require(6, what);
                return new HprofRecord.ControlSettings(in.i4(), in.u2());
            default:
                throw new IllegalStateException(tag.toString());
        }
    }

    private HprofRecord allocSites(long length, long at, String what) throws IOException {
        in.require(34, what);
        int flags = in.u2();
        float cutoff = Float.intBitsToFloat(in.i4());
        int liveBytes = in.i4();
        int liveInstances = in.i4();
        long bytesAllocated = in.i8();
        long instancesAllocated = in.i8();
        long n = in.u4();
        if (34 + n * 25 != length) {
            throw new HprofFormatException(in.file(), at, "ALLOC SITES record of " + length + " bytes cannot hold " + n + " sites");
        }
        List<HprofRecord.AllocSite> sites = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            in.require(25, what);
            int arrayType = in.u1();
            sites.add(new HprofRecord.AllocSite(arrayType != 0, BasicType.ofValueOrNull(arrayType), in.i4(), in.i4(),
                    in.i4(), in.i4(), in.i4(), in.i4()));
        }
        return new HprofRecord.AllocSites(flags, cutoff, liveBytes, liveInstances, bytesAllocated, instancesAllocated, sites);
    }
}
