package dev.heaptrail.heap.index;

import dev.heaptrail.heap.ClassHistogram;
import dev.heaptrail.heap.ObjectLayout;
import dev.heaptrail.heap.store.IntNodeArray;
import dev.heaptrail.heap.store.MappedNodeArray;
import dev.heaptrail.heap.store.NodeArray;
import dev.heaptrail.heap.store.RunFolders;
import dev.heaptrail.hprof.BasicType;
import dev.heaptrail.hprof.HeapTag;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * A {@link HeapIndex} kept in a folder beside its dump, to be reused by the next run. The folder
 * holds one file per array, the model, and {@code meta.bin}, written last: the dump's size,
 * modification time and a hash of its first and last MiB, the model's checksum, and each
 * array's size and checksum. An index is reused only when all of these match; anything else
 * rebuilds it. The arrays are not forced to disk when saved (that took longer than computing
 * them): a crash before the kernel writes them back leaves files whose checksums do not match.
 */
public final class IndexFiles {

    private static final int MAGIC = 0x48544958; // "HTIX"
    private static final int VERSION = 4; // 2: arrays in the native byte order; 3: array checksums; 4: root frames
    private static final String[] ARRAYS = {"addresses", "classOf", "shallow", "contentOffset", "contentLength",
        "outStart", "outTargets", "inStart", "inSources"};

    private IndexFiles() {}

    /** Saves the index into {@code dir} (does I/O); its mapped arrays are moved there, others copied. */
    public static void save(HeapIndex index, Path dir, Path dump) throws IOException {
        RunFolders.createPrivate(dir);
        // Two runs on one dump may finish at once: their saves take turns, so meta.bin, written
        // last, describes the files of the save that wrote it.
        try (FileChannel lock = FileChannel.open(dir.resolve("save.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             java.nio.channels.FileLock held = lock.lock()) {
            saveLocked(index, dir, dump);
        }
    }

    private static void saveLocked(HeapIndex index, Path dir, Path dump) throws IOException {
        try {
            // the index describes the heap's structure: as private as the dump it comes from
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // not POSIX: the folder keeps its platform's default ACL
        }
        Files.deleteIfExists(dir.resolve("meta.bin")); // an interrupted save leaves no valid index behind
        IndexArrays a = index.arrays();
        NodeArray[] incoming = index.incoming();
        NodeArray[] arrays = {a.addresses(), a.classOf(), a.shallow(), a.contentOffset(), a.contentLength(),
            a.outStart(), a.outTargets(), incoming[0], incoming[1]};
        Kept[] kept = new Kept[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            kept[i] = keep(arrays[i], dir.resolve(ARRAYS[i] + ".bin"));
        }
        java.util.zip.CRC32C kindsCrc = new java.util.zip.CRC32C();
        Path kinds = temporary(dir, "kinds.bin");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(kinds), bufferFor(a.kinds().size()))) {
            a.kinds().writeTo(out, kindsCrc);
        }
        moveIntoPlace(kinds, dir.resolve("kinds.bin"));
        byte[] model = model(index.model());
        moveIntoPlace(Files.write(temporary(dir, "model.bin"), model), dir.resolve("model.bin"));
        Path meta = temporary(dir, "meta.bin");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(meta)))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            writeFingerprint(out, dump);
            out.writeLong(crc(model));
            out.writeLong(kindsCrc.getValue());
            for (Kept k : kept) {
                out.writeLong(k.size());
                out.writeInt(k.width());
                out.writeLong(k.checksum());
            }
        }
        moveIntoPlace(meta, dir.resolve("meta.bin"));
        ownerOnly(dir);
    }

    /** The saved files readable and writable by their owner alone, like the folder and the dump. */
    private static void ownerOnly(Path dir) throws IOException {
        var rw = java.nio.file.attribute.PosixFilePermissions.fromString("rw-------");
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(f, rw);
                }
            }
        } catch (UnsupportedOperationException e) {
            // not POSIX: the files keep the folder's ACL
        }
    }

    /**
     * A new file of this process's own in {@code dir}, moved into place when complete: a file is
     * never rewritten where another run may have it mapped (it would see it change, or fault
     * past its end), and a save killed half-way leaves a file the next run removes.
     */
    private static Path temporary(Path dir, String name) {
        return dir.resolve(RunFolders.prefix() + "-" + Long.toHexString(System.nanoTime()) + "-" + name);
    }

    private static void moveIntoPlace(Path file, Path target) throws IOException {
        Files.move(file, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The index saved in {@code dir} for this very dump, or null when there is none, or it is stale
     * or damaged; then {@code whyNot} says why (does I/O).
     */
    public static HeapIndex loadIfValid(Path dir, Path dump, StringBuilder whyNot) {
        Path meta = dir.resolve("meta.bin");
        if (!Files.exists(meta)) {
            whyNot.append("no index in ").append(dir);
            return null;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(meta)))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                whyNot.append("the index in ").append(dir).append(" is of another format");
                return null;
            }
            if (!readFingerprint(in).equals(fingerprint(dump))) {
                whyNot.append("the index in ").append(dir).append(" was built from another version of the dump");
                return null;
            }
            long modelCrc = in.readLong();
            byte[] model = Files.readAllBytes(dir.resolve("model.bin"));
            if (crc(model) != modelCrc) {
                whyNot.append("the index in ").append(dir).append(" is damaged (model checksum)");
                return null;
            }
            IndexModel m = readModel(model);
            long kindsCrc = in.readLong();
            NodeArray[] arrays = new NodeArray[ARRAYS.length];
            for (int i = 0; i < ARRAYS.length; i++) {
                MappedNodeArray array = MappedNodeArray.open(dir.resolve(ARRAYS[i] + ".bin"), in.readLong(), in.readInt());
                if (array.checksum() != in.readLong()) {
                    whyNot.append("the index in ").append(dir).append(" is damaged (checksum of ").append(ARRAYS[i]).append(')');
                    return null;
                }
                arrays[i] = array;
            }
            java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
            KindColumn kinds = readKinds(dir.resolve("kinds.bin"), m.objectCount(), crc);
            if (crc.getValue() != kindsCrc) {
                whyNot.append("the index in ").append(dir).append(" is damaged (checksum of kinds)");
                return null;
            }
            IndexArrays a = new IndexArrays(arrays[0], arrays[1], kinds, arrays[2], arrays[3], arrays[4], arrays[5],
                    arrays[6], arrays[7], arrays[8]);
            return new HeapIndex(a, m, dump);
        } catch (IOException | RuntimeException e) {
            whyNot.append("the index in ").append(dir).append(" is damaged (").append(e.getMessage()).append(')');
            return null;
        }
    }

    /** An array as saved: its entries, their width and the checksum of its file. */
    private record Kept(long size, int width, long checksum) {}

    /**
     * Puts the array's contents at {@code target}: a mapped array's file is moved, the chunk files
     * of a column are joined by the kernel, an array in the heap is written out in blocks (not
     * through a fresh mapping, whose every page would fault).
     */
    private static Kept keep(NodeArray array, Path target) throws IOException {
        if (array instanceof MappedNodeArray m) {
            if (!m.file().equals(target)) {
                Files.move(m.file(), target, StandardCopyOption.REPLACE_EXISTING); // the mapping follows the file
            }
            return new Kept(m.size(), m.width(), m.checksum());
        }
        if (array instanceof Column c && c.chunkCount() > 0 && allMapped(c)) {
            int width = ((MappedNodeArray) c.chunk(0)).width();
            Path written = temporary(target.getParent(), target.getFileName().toString());
            try (FileChannel out = FileChannel.open(written, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                long left = c.size() * width;
                for (int i = 0; i < c.chunkCount() && left > 0; i++) {
                    MappedNodeArray chunk = (MappedNodeArray) c.chunk(i);
                    try (FileChannel in = FileChannel.open(chunk.file(), StandardOpenOption.READ)) {
                        long bytes = Math.min(left, chunk.size() * width);
                        for (long at = 0; at < bytes; ) {
                            at += in.transferTo(at, bytes - at, out);
                        }
                        left -= bytes;
                    }
                }
                if (c.size() == 0) {
                    out.write(ByteBuffer.allocate(1)); // an empty array's file holds one byte, as MappedNodeArray makes it
                }
            }
            long checksum = MappedNodeArray.open(written, c.size(), width).checksum();
            moveIntoPlace(written, target);
            return new Kept(c.size(), width, checksum);
        }
        int width = widthOf(array);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        ByteBuffer block = ByteBuffer.allocateDirect(bufferFor(array.size() * width)).order(java.nio.ByteOrder.nativeOrder());
        Path written = temporary(target.getParent(), target.getFileName().toString());
        try (FileChannel out = FileChannel.open(written, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long i = 0, size = array.size(); i < size; ) {
                int count = (int) Math.min(block.capacity() / width, size - i);
                array.copyTo(i, count, block, width);
                write(block, crc, out);
                i += count;
            }
            if (array.size() == 0) {
                block.put((byte) 0); // an empty array's file holds one byte, as MappedNodeArray makes it
            }
            write(block, crc, out);
        }
        moveIntoPlace(written, target);
        return new Kept(array.size(), width, crc.getValue());
    }

    /** 1 MiB for a large file, less for a small one: a small dump's index is saved without a megabyte a file to zero. */
    private static int bufferFor(long bytes) {
        return (int) Math.max(8192, Math.min(1 << 20, bytes));
    }

    private static void write(ByteBuffer block, java.util.zip.CRC32C crc, FileChannel out) throws IOException {
        block.flip();
        crc.update(block.duplicate());
        while (block.hasRemaining()) {
            out.write(block);
        }
        block.clear();
    }

    private static boolean allMapped(Column c) {
        for (int i = 0; i < c.chunkCount(); i++) {
            if (!(c.chunk(i) instanceof MappedNodeArray)) {
                return false;
            }
        }
        return true;
    }

    /** Bytes an entry of an array made by a factory: as it stores them. */
    private static int widthOf(NodeArray array) {
        if (array instanceof Column c) {
            return c.chunkCount() == 0 ? 4 : widthOf(c.chunk(0));
        }
        if (array instanceof MappedNodeArray m) {
            return m.width();
        }
        return array instanceof IntNodeArray ? 4 : 8;
    }

    private static KindColumn readKinds(Path file, long count, java.util.zip.Checksum crc) throws IOException {
        if (Files.size(file) != count) {
            throw new IOException("kinds.bin holds " + Files.size(file) + " bytes, not " + count);
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), bufferFor(count))) {
            return KindColumn.read(in, count, crc);
        }
    }

    private static byte[] model(IndexModel m) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(m.idSize());
            out.writeLong(m.objectCount());
            out.writeLong(m.referenceCount());
            out.writeInt(m.classes().size());
            for (IndexedClass c : m.classes()) {
                out.writeInt(c.index());
                out.writeLong(c.classId());
                out.writeUTF(c.name());
                out.writeLong(c.superId());
                out.writeLong(c.loaderId());
                writeFields(out, c.instanceFields());
                writeFields(out, c.staticFields());
            }
            out.writeInt(m.roots().size());
            for (GcRootEntry r : m.roots()) {
                out.writeLong(r.object());
                out.writeInt(r.kind().ordinal());
                out.writeInt(r.threadSerial());
                out.writeUTF(r.frame() == null ? "" : r.frame());
            }
            ClassHistogram h = m.histogram();
            out.writeInt(h.rows().size());
            for (ClassHistogram.Row r : h.rows()) {
                out.writeUTF(r.className());
                out.writeLong(r.classId());
                out.writeLong(r.instances());
                out.writeLong(r.shallowBytes());
            }
            out.writeLong(h.totalInstances());
            out.writeLong(h.totalBytes());
            ObjectLayout l = h.layout();
            out.writeInt(l.headerBytes());
            out.writeInt(l.referenceBytes());
            out.writeBoolean(l.elementAlignedArrayBase());
            out.writeInt(l.alignment());
        }
        return bytes.toByteArray();
    }

    private static void writeFields(DataOutputStream out, List<IndexedClass.Field> fields) throws IOException {
        out.writeInt(fields.size());
        for (IndexedClass.Field f : fields) {
            out.writeUTF(f.name());
            out.writeByte(f.type().value());
            out.writeLong(f.staticValue());
        }
    }

    private static IndexModel readModel(byte[] model) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(model))) {
            int idSize = in.readInt();
            long objects = in.readLong();
            long references = in.readLong();
            int n = in.readInt();
            List<IndexedClass> classes = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                classes.add(new IndexedClass(in.readInt(), in.readLong(), in.readUTF(), in.readLong(), in.readLong(),
                        readFields(in), readFields(in)));
            }
            int r = in.readInt();
            List<GcRootEntry> roots = new ArrayList<>(r);
            for (int i = 0; i < r; i++) {
                roots.add(new GcRootEntry(in.readLong(), HeapTag.values()[in.readInt()], in.readInt(), nullIfEmpty(in.readUTF())));
            }
            int rows = in.readInt();
            List<ClassHistogram.Row> list = new ArrayList<>(rows);
            for (int i = 0; i < rows; i++) {
                list.add(new ClassHistogram.Row(in.readUTF(), in.readLong(), in.readLong(), in.readLong()));
            }
            long totalInstances = in.readLong();
            long totalBytes = in.readLong();
            ObjectLayout layout = new ObjectLayout(in.readInt(), in.readInt(), in.readBoolean(), in.readInt());
            return new IndexModel(idSize, objects, references, List.copyOf(classes), List.copyOf(roots),
                    new ClassHistogram(List.copyOf(list), totalInstances, totalBytes, layout));
        }
    }

    private static String nullIfEmpty(String s) {
        return s.isEmpty() ? null : s;
    }

    private static List<IndexedClass.Field> readFields(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<IndexedClass.Field> fields = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            fields.add(new IndexedClass.Field(in.readUTF(), BasicType.ofValueOrNull(in.readByte()), in.readLong()));
        }
        return List.copyOf(fields);
    }

    private static void writeFingerprint(DataOutputStream out, Path dump) throws IOException {
        out.writeUTF(fingerprint(dump));
    }

    private static String readFingerprint(DataInputStream in) throws IOException {
        return in.readUTF();
    }

    /** Size, modification time and a hash of the first and last MiB: changes when the dump does. */
    static String fingerprint(Path dump) throws IOException {
        long size = Files.size(dump);
        long mtime = Files.getLastModifiedTime(dump).toMillis();
        try (FileChannel ch = FileChannel.open(dump, StandardOpenOption.READ)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (long start : new long[] {0, Math.max(0, size - (1 << 20))}) {
                ByteBuffer b = ByteBuffer.allocate((int) Math.min(1 << 20, size));
                while (b.hasRemaining() && ch.read(b, start + b.position()) > 0) {
                    // read the whole window
                }
                b.flip();
                sha.update(b);
            }
            return size + ":" + mtime + ":" + java.util.HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long crc(byte[] bytes) {
        CRC32 c = new CRC32();
        c.update(bytes);
        return c.getValue();
    }

}
