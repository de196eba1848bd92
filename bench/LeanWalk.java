import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The leanest pass over a dump any tool can make, and the floor issue 17 measures analyze against:
 * every record and heap sub-record stepped over by its length, nothing decoded beyond what the
 * length needs, nothing kept, no visitor. Standalone (no heaptrail classes).
 * Usage: java bench/LeanWalk.java DUMP   (or compiled: java -cp DIR LeanWalk DUMP)
 */
public class LeanWalk {

    private static final int BUFFER = 4 << 20;
    private final FileChannel channel;
    private final ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER);
    private long bufStart; // file offset of buf[0]
    private int idSize;
    private long fileSize;

    LeanWalk(FileChannel channel) {
        this.channel = channel;
        buf.limit(0);
    }

    /** Makes n bytes readable at the current position. */
    private void need(int n) throws IOException {
        n = (int) Math.min(n, fileSize - position());
        if (buf.remaining() >= n) {
            return;
        }
        bufStart += buf.position();
        buf.compact();
        while (buf.position() < n) {
            if (channel.read(buf, bufStart + buf.position()) < 0) {
                throw new IOException("truncated at " + (bufStart + buf.position()));
            }
        }
        buf.flip();
    }

    private void skip(long n) throws IOException {
        if (n <= buf.remaining()) {
            buf.position(buf.position() + (int) n);
            return;
        }
        long target = bufStart + buf.position() + n;
        bufStart = target;
        buf.clear().limit(0);
    }

    private long position() {
        return bufStart + buf.position();
    }

    private long id() {
        return idSize == 8 ? buf.getLong() : buf.getInt() & 0xFFFFFFFFL;
    }

    private static int typeSize(int type, int idSize) {
        switch (type) {
            case 2: return idSize;
            case 4: case 8: return 1;
            case 5: case 9: return 2;
            case 6: case 10: return 4;
            case 7: case 11: return 8;
            default: throw new IllegalStateException("basic type " + type);
        }
    }

    long[] walk(long fileSize) throws IOException {
        this.fileSize = fileSize;
        long records = 0;
        long objects = 0;
        need(32);
        while (buf.get() != 0) {
            // the header's text, up to its NUL
        }
        idSize = buf.getInt();
        buf.getLong();
        while (position() < fileSize) {
            need(9);
            int tag = buf.get() & 0xFF;
            buf.getInt();
            long length = buf.getInt() & 0xFFFFFFFFL;
            records++;
            if (tag != 0x0C && tag != 0x1C) {
                skip(length);
                continue;
            }
            long end = position() + length;
            while (position() < end) {
                need(1 + 2 * idSize + 8);
                int sub = buf.get() & 0xFF;
                switch (sub) {
                    case 0xFF: skip(idSize); break;
                    case 0x01: skip(2L * idSize); break;
                    case 0x02: case 0x03: skip(idSize + 8); break;
                    case 0x04: case 0x06: skip(idSize + 4); break;
                    case 0x05: case 0x07: skip(idSize); break;
                    case 0x08: skip(idSize + 8); break;
                    case 0x20: classDump(); break;
                    case 0x21: {
                        skip(idSize + 4 + idSize);
                        need(4);
                        skip(buf.getInt() & 0xFFFFFFFFL);
                        objects++;
                        break;
                    }
                    case 0x22: {
                        skip(idSize + 4);
                        need(4 + idSize);
                        long count = buf.getInt() & 0xFFFFFFFFL;
                        skip(idSize + count * idSize);
                        objects++;
                        break;
                    }
                    case 0x23: {
                        skip(idSize + 4);
                        need(5);
                        long count = buf.getInt() & 0xFFFFFFFFL;
                        int type = buf.get();
                        skip(count * typeSize(type, idSize));
                        objects++;
                        break;
                    }
                    default: throw new IOException("sub-record tag 0x" + Integer.toHexString(sub) + " at " + (position() - 1));
                }
            }
        }
        return new long[] {records, objects};
    }

    private void classDump() throws IOException {
        skip(7L * idSize + 4);
        need(8);
        buf.getInt(); // instance size
        int constants = buf.getShort() & 0xFFFF;
        for (int i = 0; i < constants; i++) {
            need(3);
            buf.getShort();
            int type = buf.get();
            skip(typeSize(type, idSize));
        }
        need(2);
        int statics = buf.getShort() & 0xFFFF;
        for (int i = 0; i < statics; i++) {
            need(idSize + 1);
            skip(idSize);
            int type = buf.get();
            skip(typeSize(type, idSize));
        }
        need(2);
        int fields = buf.getShort() & 0xFFFF;
        skip((long) fields * (idSize + 1));
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        try (FileChannel ch = FileChannel.open(Path.of(args[0]), StandardOpenOption.READ)) {
            long[] r = new LeanWalk(ch).walk(ch.size());
            System.out.printf("records=%d objects=%d seconds=%.2f%n", r[0], r[1], (System.nanoTime() - start) / 1e9);
        }
    }
}
