import dev.heaptrail.hprof.BasicType;
import dev.heaptrail.hprof.HeapRecord;
import dev.heaptrail.hprof.HprofReader;
import dev.heaptrail.hprof.HprofRecord;
import dev.heaptrail.hprof.HprofVisitor;

import java.nio.file.Path;

/**
 * The floor for any pass over a dump: read every record and sub-record with heaptrail's reader,
 * count them, nothing else. Usage: java -cp heaptrail.jar RecordWalk DUMP
 */
public class RecordWalk {

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        long[] counts = new long[6];
        try (HprofReader reader = HprofReader.open(Path.of(args[0]))) {
            reader.accept(new HprofVisitor() {
                @Override
                public void record(HprofRecord record, long offset) {
                    counts[0]++;
                }

                @Override
                public void gcRoot(HeapRecord.GcRoot root) {
                    counts[1]++;
                }

                @Override
                public void classDump(HeapRecord.ClassDump c) {
                    counts[2]++;
                }

                // The head methods: the reader's allocation-free path, the same one histo uses.
                @Override
                public void instanceHead(long id, int stack, long classId, long offset, int length) {
                    counts[3]++;
                }

                @Override
                public void objectArrayHead(long id, int stack, long classId, int length, long offset) {
                    counts[4]++;
                }

                @Override
                public void primitiveArrayHead(long id, int stack, BasicType type, int length, long offset) {
                    counts[5]++;
                }
            });
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long objects = counts[3] + counts[4] + counts[5];
        System.out.printf("records=%d roots=%d classes=%d instances=%d objectArrays=%d primitiveArrays=%d objects=%d seconds=%.2f%n",
                counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], objects, seconds);
    }
}
