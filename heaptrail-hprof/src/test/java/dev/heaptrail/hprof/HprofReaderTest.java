package dev.heaptrail.hprof;

import dev.heaptrail.testkit.HprofWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every record kind of the format, written by hand, read back as the same typed values. */
class HprofReaderTest {

    /**
     * Instances handed over in place (the reader's buffer) carry the same bytes as copied ones,
     * across buffer refills and compaction, in plain and gzip files, and big instances still arrive.
     */
    @ParameterizedTest(name = "gzip {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void instancesInPlaceMatchCopiedInstances(boolean gzip) throws Exception {
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        HprofWriter w = new HprofWriter("JAVA PROFILE 1.0.2", 8, 1_700_000_000_000L);
        HprofWriter.Body heap = w.body();
        int count = 30_000;
        for (int i = 0; i < count; i++) {
            int length = i % 5_000 == 17 ? 70_000 + random.nextInt(0, 100_000) : random.nextInt(0, 300);
            byte[] fields = new byte[length];
            random.nextBytes(fields);
            heap.u1(0x21).id(0x1000 + 16L * i).u4(0).id(0x99).u4(length).bytes(fields);
        }
        w.record(0x1C, heap.build());
        w.record(0x2C, new byte[0]);
        Path file = w.writeTo(Path.of("target", "synthetic", "in-place.hprof"));
        if (gzip) {
            Path gz = Path.of("target", "synthetic", "in-place.hprof.gz");
            try (var out = new java.util.zip.GZIPOutputStream(java.nio.file.Files.newOutputStream(gz))) {
                java.nio.file.Files.copy(file, out);
            }
            file = gz;
        }
        List<String> copied = new ArrayList<>();
        List<String> inPlace = new ArrayList<>();
        int[] bigCopies = {0};
        try (HprofReader reader = HprofReader.open(file)) {
            reader.accept(new HprofVisitor() {
                @Override
                public boolean wantsContent(long id) {
                    return true;
                }

                @Override
                public void instance(HeapRecord.InstanceDump d) {
                    copied.add(seen(d.objectId(), d.fieldsOffset(), d.fieldValues()));
                }
            }, ReadProgress.NONE);
        }
        try (HprofReader reader = HprofReader.open(file)) {
            reader.accept(new HprofVisitor() {
                @Override
                public boolean wantsContent(long id) {
                    return true;
                }

                @Override
                public boolean wantsFieldsInPlace() {
                    return true;
                }

                @Override
                public void instanceInPlace(long objectId, long classId, long fieldsOffset, java.nio.ByteBuffer buffer, int at, int length) {
                    byte[] b = new byte[length];
                    buffer.get(at, b, 0, length);
                    inPlace.add(seen(objectId, fieldsOffset, b));
                }

                @Override
                public void instance(HeapRecord.InstanceDump d) { // too big for the buffer: copied
                    bigCopies[0]++;
                    inPlace.add(seen(d.objectId(), d.fieldsOffset(), d.fieldValues()));
                }
            }, ReadProgress.NONE);
        }
        assertThat(copied).hasSize(count);
        assertThat(inPlace).isEqualTo(copied);
        assertThat(bigCopies[0]).isEqualTo(6);
    }

    private static String seen(long objectId, long fieldsOffset, byte[] fields) {
        return objectId + "@" + fieldsOffset + ":" + java.util.HexFormat.of().formatHex(fields);
    }

    private static final int UTF8 = 0x01;

    @ParameterizedTest(name = "{0} with {1}-byte ids")
    @CsvSource({"JAVA PROFILE 1.0.1, 4", "JAVA PROFILE 1.0.2, 8", "JAVA PROFILE 1.0.2, 4"})
    void readsEveryRecordKind(String version, int idSize) throws Exception {
        long big = idSize == 8 ? 0x7fff_0000_1234L : 0x8000_1234L; // high bit set for 4-byte ids: must read unsigned
        HprofWriter w = new HprofWriter(version, idSize, 1_700_000_000_123L);
        w.record(UTF8, w.body().id(big).utf8("java/lang/Thread").build());
        w.record(UTF8, w.body().id(big + 1).utf8("näme \u20ac").build());
        w.record(0x02, w.body().u4(7).id(big + 2).u4(3).id(big).build());
        w.record(0x03, w.body().u4(7).build());
        w.record(0x04, w.body().id(11).id(12).id(13).id(14).u4(7).u4(-3).build());
        w.record(0x05, w.body().u4(3).u4(1).u4(2).id(11).id(15).build());
        w.record(0x06, w.body().u2(1).u4(Float.floatToIntBits(0.5f)).u4(100).u4(10).u8(1000).u8(50).u4(2)
                .u1(0).u4(7).u4(3).u4(40).u4(4).u4(400).u4(40)
                .u1(10).u4(8).u4(3).u4(60).u4(6).u4(600).u4(60).build());
        w.record(0x07, w.body().u4(100).u4(10).u8(1000).u8(50).build());
        w.record(0x0A, w.body().u4(1).id(big + 3).u4(3).id(big).id(big + 1).id(0).build());
        w.record(0x0B, w.body().u4(1).build());
        w.record(0x0D, w.body().u4(9).u4(2).u4(5).u4(3).u4(4).u4(6).build());
        w.record(0x0E, w.body().u4(2).u2(8).build());
        HprofWriter.Body heap = w.body();
        heap.u1(0xFF).id(big + 3);
        heap.u1(0x01).id(big + 3).id(99);
        heap.u1(0x02).id(big + 3).u4(1).u4(0);
        heap.u1(0x03).id(big + 3).u4(1).u4(2);
        heap.u1(0x04).id(big + 3).u4(1);
        heap.u1(0x05).id(big + 2);
        heap.u1(0x06).id(big + 3).u4(1);
        heap.u1(0x07).id(big + 3);
        heap.u1(0x08).id(big + 3).u4(1).u4(3);
        heap.u1(0x20).id(big + 2).u4(3).id(0).id(0).id(0).id(0).id(0).id(0).u4(idSize + 4)
                .u2(1).u2(5).u1(10).u4(42)
                .u2(2).id(big + 1).u1(2).id(big + 3).id(big).u1(11).u8(-2L)
                .u2(2).id(big).u1(2).id(big + 1).u1(10);
        heap.u1(0x21).id(big + 3).u4(3).id(big + 2).u4(idSize + 4).id(big + 3).u4(77);
        heap.u1(0x22).id(big + 4).u4(3).u4(2).id(big + 2).id(big + 3).id(0);
        heap.u1(0x23).id(big + 5).u4(3).u4(3).u1(5).u2('a').u2('b').u2('c');
        boolean segmented = version.endsWith("1.0.2");
        w.record(segmented ? 0x1C : 0x0C, heap.build());
        if (segmented) {
            w.record(0x2C, new byte[0]);
        }
        Path file = w.writeTo(Path.of("target", "synthetic", "all-records-" + idSize + version.charAt(version.length() - 1) + ".hprof"));

        List<Object> seen = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        try (HprofReader reader = HprofReader.open(file)) {
            assertThat(reader.header()).isEqualTo(new HprofHeader(version, idSize, 1_700_000_000_123L, version.length() + 13));
            reader.accept(new HprofVisitor() {
                @Override
                public void record(HprofRecord record, long offset) {
                    seen.add(record);
                    offsets.add(offset);
                }

                @Override
                public void gcRoot(HeapRecord.GcRoot root) {
                    seen.add(root);
                }

                @Override
                public void classDump(HeapRecord.ClassDump c) {
                    seen.add(c);
                }

                @Override
                public boolean wantsContent(long id) {
                    return true;
                }

                @Override
                public void instance(HeapRecord.InstanceDump i) {
                    seen.add(i);
                }

                @Override
                public void objectArray(HeapRecord.ObjectArrayDump a) {
                    seen.add(a);
                }

                @Override
                public void primitiveArray(HeapRecord.PrimitiveArrayDump a) {
                    seen.add(a);
                }
            });
        }
        assertThat(offsets.get(0)).isEqualTo(version.length() + 13);
        assertThat(seen.get(0)).isEqualTo(new HprofRecord.Utf8(big, "java/lang/Thread"));
        assertThat(seen.get(1)).isEqualTo(new HprofRecord.Utf8(big + 1, "näme \u20ac"));
        assertThat(seen.get(2)).isEqualTo(new HprofRecord.LoadClass(7, big + 2, 3, big));
        assertThat(seen.get(3)).isEqualTo(new HprofRecord.UnloadClass(7));
        assertThat(seen.get(4)).isEqualTo(new HprofRecord.StackFrame(11, 12, 13, 14, 7, -3));
        HprofRecord.StackTrace trace = (HprofRecord.StackTrace) seen.get(5);
        assertThat(trace.serial()).isEqualTo(3);
        assertThat(trace.frameIds()).containsExactly(11, 15);
        HprofRecord.AllocSites sites = (HprofRecord.AllocSites) seen.get(6);
        assertThat(sites.cutoffRatio()).isEqualTo(0.5f);
        assertThat(sites.totalBytesAllocated()).isEqualTo(1000);
        assertThat(sites.sites()).containsExactly(
                new HprofRecord.AllocSite(false, null, 7, 3, 40, 4, 400, 40),
                new HprofRecord.AllocSite(true, BasicType.INT, 8, 3, 60, 6, 600, 60));
        assertThat(seen.get(7)).isEqualTo(new HprofRecord.HeapSummary(100, 10, 1000, 50));
        assertThat(seen.get(8)).isEqualTo(new HprofRecord.StartThread(1, big + 3, 3, big, big + 1, 0));
        assertThat(seen.get(9)).isEqualTo(new HprofRecord.EndThread(1));
        assertThat(seen.get(10)).isEqualTo(new HprofRecord.CpuSamples(9,
                List.of(new HprofRecord.CpuSample(5, 3), new HprofRecord.CpuSample(4, 6))));
        assertThat(seen.get(11)).isEqualTo(new HprofRecord.ControlSettings(2, 8));
        assertThat(seen.get(12)).isInstanceOf(HprofRecord.HeapDumpStart.class);
        assertThat(((HprofRecord.HeapDumpStart) seen.get(12)).tag()).isEqualTo(segmented ? HprofTag.HEAP_DUMP_SEGMENT : HprofTag.HEAP_DUMP);
        assertThat(seen.subList(13, 22)).containsExactly(
                new HeapRecord.GcRoot(HeapTag.ROOT_UNKNOWN, big + 3, -1, -1, 0),
                new HeapRecord.GcRoot(HeapTag.ROOT_JNI_GLOBAL, big + 3, -1, -1, 99),
                new HeapRecord.GcRoot(HeapTag.ROOT_JNI_LOCAL, big + 3, 1, 0, 0),
                new HeapRecord.GcRoot(HeapTag.ROOT_JAVA_FRAME, big + 3, 1, 2, 0),
                new HeapRecord.GcRoot(HeapTag.ROOT_NATIVE_STACK, big + 3, 1, -1, 0),
                new HeapRecord.GcRoot(HeapTag.ROOT_STICKY_CLASS, big + 2, -1, -1, 0),
                new HeapRecord.GcRoot(HeapTag.ROOT_THREAD_BLOCK, big + 3, 1, -1, 0),
                new HeapRecord.GcRoot(HeapTag.ROOT_MONITOR_USED, big + 3, -1, -1, 0),
                new HeapRecord.GcRoot(HeapTag.ROOT_THREAD_OBJECT, big + 3, 1, -1, 3));
        HeapRecord.ClassDump cls = (HeapRecord.ClassDump) seen.get(22);
        assertThat(cls.objectId()).isEqualTo(big + 2);
        assertThat(cls.instanceSize()).isEqualTo(idSize + 4);
        assertThat(cls.constantPool()).containsExactly(new HeapRecord.ConstantPoolEntry(5, BasicType.INT, 42));
        assertThat(cls.staticFields()).containsExactly(new HeapRecord.StaticField(big + 1, BasicType.OBJECT, big + 3),
                new HeapRecord.StaticField(big, BasicType.LONG, -2L));
        assertThat(cls.instanceFields()).containsExactly(new HeapRecord.FieldDescriptor(big, BasicType.OBJECT),
                new HeapRecord.FieldDescriptor(big + 1, BasicType.INT));
        HeapRecord.InstanceDump inst = (HeapRecord.InstanceDump) seen.get(23);
        assertThat(inst.classId()).isEqualTo(big + 2);
        assertThat(inst.fieldValues()).hasSize(idSize + 4);
        HeapRecord.ObjectArrayDump arr = (HeapRecord.ObjectArrayDump) seen.get(24);
        assertThat(arr.elements()).containsExactly(big + 3, 0);
        HeapRecord.PrimitiveArrayDump chars = (HeapRecord.PrimitiveArrayDump) seen.get(25);
        assertThat(chars.type()).isEqualTo(BasicType.CHAR);
        assertThat(new String(chars.elements(), java.nio.charset.StandardCharsets.UTF_16BE)).isEqualTo("abc");
        assertThat(seen).hasSize(segmented ? 27 : 26);
    }

    @Test
    void impossibleLengthsAreCorruptNotAllocated() throws Exception {
        HprofWriter w = new HprofWriter("JAVA PROFILE 1.0.2", 8, 0);
        w.record(0x1C, w.body().u1(0x23).id(1).u4(0).u4(0xFFFF_FFF0).u1(8).build());
        w.record(0x2C, new byte[0]);
        Path file = w.writeTo(Path.of("target", "synthetic", "huge-array.hprof"));
        try (HprofReader reader = HprofReader.open(file)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> reader.accept(new HprofVisitor() {
                @Override
                public boolean wantsContent(long id) {
                    return true;
                }
            })).isInstanceOf(HprofFormatException.class)
                    .hasMessageContaining("larger than any JVM object")
                    .hasMessageContaining("at byte 40");
        }
    }

    @Test
    void skipsContentsWhenNotAsked() throws Exception {
        HprofWriter w = new HprofWriter("JAVA PROFILE 1.0.2", 8, 0);
        w.record(0x1C, w.body().u1(0x23).id(1).u4(0).u4(4).u1(8).u4(0x01020304).build());
        w.record(0x2C, new byte[0]);
        Path file = w.writeTo(Path.of("target", "synthetic", "skip.hprof"));
        List<HeapRecord.PrimitiveArrayDump> arrays = new ArrayList<>();
        try (HprofReader reader = HprofReader.open(file)) {
            reader.accept(new HprofVisitor() {
                @Override
                public void primitiveArray(HeapRecord.PrimitiveArrayDump a) {
                    arrays.add(a);
                }
            });
        }
        assertThat(arrays).singleElement().satisfies(a -> {
            assertThat(a.elements()).isNull();
            assertThat(a.length()).isEqualTo(4);
            assertThat(a.elementsOffset()).isEqualTo(31 + 9 + 18); // header, record header, sub-record head
        });
    }
}
