package dev.heaptrail.heap.index;

import dev.heaptrail.heap.store.NodeArray;
import dev.heaptrail.hprof.HeapRecord;
import dev.heaptrail.hprof.HeapTag;
import dev.heaptrail.hprof.HprofReader;
import dev.heaptrail.hprof.HprofVisitor;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Map;

/**
 * Reads the contents of chosen objects back from the dump: by position in a plain file, or, in a
 * compressed one, by streaming it once for all the objects asked for together. Contents are the
 * raw bytes as the dump holds them (big-endian; ids of {@code idSize} bytes).
 */
public final class ObjectContents {

    /** Contents larger than this are not read back whole (a path step needs only ids). */
    private static final long MAX_READ = 64L << 20;

    private final Path dump;
    private final int idSize;
    private final NodeArray offset;
    private final NodeArray length;
    /** Null until {@link #positional()} first asks the dump. */
    private volatile Boolean positional;

    ObjectContents(Path dump, int idSize, NodeArray offset, NodeArray length) {
        this.dump = dump;
        this.idSize = idSize;
        this.offset = offset;
        this.length = length;
    }

    public int idSize() {
        return idSize;
    }

    /** The dump the contents are read from. */
    public Path file() {
        return dump;
    }

    /**
     * Bytes of an object's contents in the dump: its field values, or its elements (for an array
     * of references, {@code idSize} each); 0 for a class object.
     */
    public long length(long object) {
        return length.get(object);
    }

    /**
     * The contents of each object asked for (objects without contents, class objects, map to
     * empty arrays; over 64 MB, to their first 64 MB). Does I/O.
     */
    public Map<Long, byte[]> read(Collection<Long> objects, HeapIndex index) throws IOException {
        Long2ObjectOpenHashMap<byte[]> out = new Long2ObjectOpenHashMap<>();
        if (positional()) {
            try (FileChannel ch = FileChannel.open(dump, StandardOpenOption.READ)) {
                for (long o : objects) {
                    ByteBuffer b = ByteBuffer.allocate((int) Math.min(MAX_READ, length.get(o)));
                    long at = offset.get(o);
                    while (b.hasRemaining() && ch.read(b, at + b.position()) > 0) {
                        // keep reading: a positional read may return less than asked
                    }
                    out.put(o, b.array());
                }
            }
            return out;
        }
        try (HprofReader reader = HprofReader.open(dump)) {
            streamOnce(reader, objects, index, out);
        }
        return out;
    }

    /**
     * Whether contents are read in place (a plain file) rather than streamed (a compressed one).
     * Asked of the dump once: opening a reader costs a megabyte buffer, which reads of one object
     * at a time (paths, the object view) paid on every read.
     */
    private boolean positional() throws IOException {
        Boolean known = positional;
        if (known == null) {
            try (HprofReader reader = HprofReader.open(dump)) {
                positional = known = reader.canReadInParallel();
            }
        }
        return known;
    }

    /**
     * Bytes [from, from + max) of an object's contents, fewer at their end: a window into a big
     * array without holding all of it. Does I/O (the whole object, cut, in a compressed dump).
     */
    public byte[] readRange(long object, long from, int max, HeapIndex index) throws IOException {
        long available = Math.max(0, length.get(object) - from);
        int n = (int) Math.min(max, available);
        if (!positional()) {
            byte[] all = read(java.util.List.of(object), index).get(object);
            int start = (int) Math.min(from, all.length);
            return java.util.Arrays.copyOfRange(all, start, (int) Math.min(all.length, start + (long) n));
        }
        try (FileChannel ch = FileChannel.open(dump, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(n);
            long at = offset.get(object) + from;
            while (b.hasRemaining() && ch.read(b, at + b.position()) > 0) {
                // keep reading: a positional read may return less than asked
            }
            return b.array();
        }
    }

    private void streamOnce(HprofReader reader, Collection<Long> objects, HeapIndex index, Long2ObjectOpenHashMap<byte[]> out)
            throws IOException {
        LongOpenHashSet wanted = new LongOpenHashSet();
        for (long o : objects) {
            wanted.add(index.address(o));
            out.put(o, new byte[0]);
        }
        reader.accept(new HprofVisitor() {
            @Override
            public boolean wantsContent(HeapTag kind, long objectId) {
                return wanted.contains(objectId);
            }

            @Override
            public void instance(HeapRecord.InstanceDump d) {
                if (d.fieldValues() != null) {
                    out.put(index.objectNumber(d.objectId()), d.fieldValues());
                }
            }

            @Override
            public void objectArray(HeapRecord.ObjectArrayDump d) {
                if (d.elements() != null) {
                    ByteBuffer b = ByteBuffer.allocate(d.elements().length * idSize);
                    for (long e : d.elements()) {
                        if (idSize == 8) {
                            b.putLong(e);
                        } else {
                            b.putInt((int) e);
                        }
                    }
                    out.put(index.objectNumber(d.objectId()), b.array());
                }
            }

            @Override
            public void primitiveArray(HeapRecord.PrimitiveArrayDump d) {
                if (d.elements() != null) {
                    out.put(index.objectNumber(d.objectId()), d.elements());
                }
            }
        });
    }
}
