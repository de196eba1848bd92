package dev.heaptrail.cli;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Where the top-level records of a well-formed dump start, found independently of the reader under test. */
final class DumpLayout {

    private DumpLayout() {}

    static List<Long> recordOffsets(byte[] dump) {
        int header = 0;
        while (dump[header] != 0) {
            header++;
        }
        ByteBuffer b = ByteBuffer.wrap(dump);
        long at = header + 1 + 12;
        List<Long> offsets = new ArrayList<>();
        while (at + 9 <= dump.length) {
            offsets.add(at);
            long length = b.getInt((int) at + 5) & 0xffffffffL;
            at += 9 + length;
        }
        return offsets;
    }
}
