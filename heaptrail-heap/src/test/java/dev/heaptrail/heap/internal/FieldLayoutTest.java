package dev.heaptrail.heap.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** HotSpot's field packing, on cases worked out by hand from FieldLayoutBuilder's rules. */
class FieldLayoutTest {

    private static final FieldLayout OBJECT_12 = FieldLayout.header(12);

    @Test
    void aSmallFieldFillsTheHeaderGapLeftByALong() {
        // long goes to 16 (aligned), int into the gap at 12: ends at 24.
        assertThat(OBJECT_12.extend(new int[] {8, 4}, 0, 4).end()).isEqualTo(24);
        // long alone leaves the gap empty: still ends at 24.
        assertThat(OBJECT_12.extend(new int[] {8}, 0, 4).end()).isEqualTo(24);
        // a byte, a short and a boolean all fit in the gap: 12,13,14..16.
        assertThat(OBJECT_12.extend(new int[] {1, 2, 1}, 0, 4).end()).isEqualTo(16);
    }

    @Test
    void referencesComeAfterPrimitivesAndFillGaps() {
        // int at 12, two compressed refs at 16 and 20.
        assertThat(OBJECT_12.extend(new int[] {4}, 2, 4).end()).isEqualTo(24);
        // uncompressed refs are 8-aligned: long at 16, ref fills nothing at 12 (too small), goes to 24.
        assertThat(OBJECT_12.extend(new int[] {8}, 1, 8).end()).isEqualTo(32);
    }

    @Test
    void subclassFieldsFillHolesTheSuperclassLeft() {
        FieldLayout base = OBJECT_12.extend(new int[] {8}, 0, 4); // hole [12,16), long [16,24)
        // the subclass's int goes into the superclass's header gap, its byte after the long.
        FieldLayout sub = base.extend(new int[] {4, 1}, 0, 4);
        assertThat(sub.end()).isEqualTo(25);
        // a compressed reference then lands at 28 after an alignment hole [25,28).
        assertThat(sub.extend(new int[0], 1, 4).end()).isEqualTo(32);
        // ...and a later byte fills that hole rather than growing the object.
        assertThat(sub.extend(new int[0], 1, 4).extend(new int[] {1}, 0, 4).end()).isEqualTo(32);
    }

    @Test
    void withoutAHeaderGapNothingIsPadded() {
        FieldLayout compact = FieldLayout.header(8);
        assertThat(compact.extend(new int[] {8, 4, 1}, 1, 4).end()).isEqualTo(8 + 8 + 4 + 1 + 3 + 4);
        FieldLayout wide = FieldLayout.header(16);
        assertThat(wide.extend(new int[] {4}, 0, 4).end()).isEqualTo(20);
    }
}
