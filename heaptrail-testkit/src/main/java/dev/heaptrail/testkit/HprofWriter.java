package dev.heaptrail.testkit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes HPROF files byte by byte, for tests of what HotSpot never writes (ALLOC SITES, CPU
 * SAMPLES, 4-byte identifiers, version 1.0.1) and of broken files. Knows the format, not the reader.
 */
public final class HprofWriter {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);
    private final int idSize;

    public HprofWriter(String version, int idSize, long timestamp) {
        this.idSize = idSize;
        try {
            out.write(version.getBytes(StandardCharsets.US_ASCII));
            out.write(0);
            out.writeInt(idSize);
            out.writeLong(timestamp);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A top-level record: tag, time 0, length of body, body. */
    public HprofWriter record(int tag, byte[] body) {
        try {
            out.write(tag);
            out.writeInt(0);
            out.writeInt(body.length);
            out.write(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** Raw bytes, for broken files. */
    public HprofWriter raw(byte[] b) {
        bytes.writeBytes(b);
        return this;
    }

    public Body body() {
        return new Body(idSize);
    }

    public byte[] toByteArray() {
        return bytes.toByteArray();
    }

    public Path writeTo(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, toByteArray());
    }

    /** Builds a record body field by field. */
    public static final class Body {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final DataOutputStream out = new DataOutputStream(bytes);
        private final int idSize;

        Body(int idSize) {
            this.idSize = idSize;
        }

        public Body u1(int v) {
            return io(() -> out.writeByte(v));
        }

        public Body u2(int v) {
            return io(() -> out.writeShort(v));
        }

        public Body u4(int v) {
            return io(() -> out.writeInt(v));
        }

        public Body u8(long v) {
            return io(() -> out.writeLong(v));
        }

        public Body id(long v) {
            return io(() -> {
                if (idSize == 8) {
                    out.writeLong(v);
                } else {
                    out.writeInt((int) v);
                }
            });
        }

        public Body bytes(byte[] b) {
            return io(() -> out.write(b));
        }

        public Body utf8(String s) {
            return bytes(s.getBytes(StandardCharsets.UTF_8));
        }

        public byte[] build() {
            return bytes.toByteArray();
        }

        private Body io(IoAction a) {
            try {
                a.run();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return this;
        }

        private interface IoAction {
            void run() throws IOException;
        }
    }
}
