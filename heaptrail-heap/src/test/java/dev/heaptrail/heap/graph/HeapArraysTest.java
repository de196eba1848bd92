package dev.heaptrail.heap.graph;

import dev.heaptrail.hprof.BasicType;
import dev.heaptrail.testkit.synthetic.ArrayDef;
import dev.heaptrail.testkit.synthetic.InstanceDef;
import dev.heaptrail.testkit.synthetic.Ref;
import dev.heaptrail.testkit.synthetic.SyntheticHeap;
import org.junit.jupiter.api.Test;

import java.util.stream.LongStream;

import static dev.heaptrail.heap.graph.SyntheticGraphs.graph;
import static dev.heaptrail.heap.graph.SyntheticGraphs.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Arrays through the view: elements as written, null slots empty, reads bounded and across cache windows. */
class HeapArraysTest {

    @Test
    void objectArrayElementsWithNullsAndIdsThatPointNowhere() {
        SyntheticHeap heap = new SyntheticHeap();
        InstanceDef a = heap.instance("java.lang.Object");
        InstanceDef b = heap.string("b");
        ArrayDef array = heap.objectArray(a, null, b, SyntheticHeap.dangling(0xdead0));
        ArrayDef strings = heap.objectArray("java.lang.String[]", b);
        ArrayDef empty = heap.objectArray();
        HeapGraph g = graph(heap);

        HeapObjectArray arr = object(g, array).asObjectArray().orElseThrow();
        assertThat(arr.className()).isEqualTo("java.lang.Object[]");
        assertThat(arr.length()).isEqualTo(4);
        assertThat(arr.element(0)).contains(object(g, a));
        assertThat(arr.element(1)).isEmpty();
        assertThat(arr.elementValue(1).isNull()).isTrue();
        assertThat(arr.element(2)).contains(object(g, b));
        assertThat(arr.element(3)).isEmpty(); // an id the dump holds no object for
        assertThat(arr.elementValue(3).isNull()).isFalse();
        assertThat(arr.elementValue(3).bits()).isEqualTo(0xdead0L);
        assertThat(arr.elements()).containsExactly(object(g, a), object(g, b));
        assertThat(arr.referents()).extracting(HeapReference::name).containsExactly("[0]", "[2]");
        assertThatThrownBy(() -> arr.element(4)).isInstanceOf(IndexOutOfBoundsException.class);

        assertThat(object(g, strings).className()).isEqualTo("java.lang.String[]");
        assertThat(object(g, empty).asObjectArray().orElseThrow().length()).isZero();
        assertThat(object(g, empty).asObjectArray().orElseThrow().elements()).isEmpty();
    }

    /** 20,000 references take 160 KB, read in 64 KB windows: elements on both sides of each edge. */
    @Test
    void bigArraysAreReadAcrossWindows() {
        SyntheticHeap heap = new SyntheticHeap();
        Ref[] three = {heap.instance("java.lang.Object"), heap.instance("java.lang.Object"), heap.instance("java.lang.Object")};
        Ref[] elements = new Ref[20_000];
        for (int i = 0; i < elements.length; i++) {
            elements[i] = three[i % 3];
        }
        ArrayDef big = heap.objectArray(elements);
        long[] values = LongStream.range(0, 20_000).map(i -> i * 0x0101_0101_0101L - 5).toArray();
        ArrayDef longs = heap.longArray(values);
        HeapGraph g = graph(heap);

        HeapObjectArray arr = object(g, big).asObjectArray().orElseThrow();
        assertThat(arr.length()).isEqualTo(20_000);
        for (int i : new int[] {0, 8_191, 8_192, 8_193, 16_383, 16_384, 19_999}) {
            assertThat(arr.element(i)).as("element %d", i).contains(object(g, three[i % 3]));
        }
        assertThat(arr.elements().count()).isEqualTo(20_000);
        HeapPrimitiveArray l = object(g, longs).asPrimitiveArray().orElseThrow();
        assertThat(l.longs(Integer.MAX_VALUE)).isEqualTo(values);
        assertThat(l.longs(3)).containsExactly(values[0], values[1], values[2]);
    }

    @Test
    void primitiveArraysOfEveryTypeReadBackAsWritten() {
        SyntheticHeap heap = new SyntheticHeap();
        byte[] bytes = {Byte.MIN_VALUE, -1, 0, 1, Byte.MAX_VALUE};
        boolean[] booleans = {true, false, true};
        char[] chars = {'a', 'é', '\uffff', '日'};
        short[] shorts = {Short.MIN_VALUE, 0, Short.MAX_VALUE};
        int[] ints = {Integer.MIN_VALUE, -1, 0, 42, Integer.MAX_VALUE};
        long[] longs = {Long.MIN_VALUE, 0, Long.MAX_VALUE};
        float[] floats = {-0.0f, 1.5f, Float.NaN, Float.MIN_VALUE};
        double[] doubles = {Double.MAX_VALUE, -2.25, Double.NEGATIVE_INFINITY};
        Ref[] arrays = {heap.byteArray(bytes), heap.booleanArray(booleans), heap.charArray(chars), heap.shortArray(shorts),
                heap.intArray(ints), heap.longArray(longs), heap.floatArray(floats), heap.doubleArray(doubles), heap.intArray()};
        HeapGraph g = graph(heap);

        HeapPrimitiveArray[] a = new HeapPrimitiveArray[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            a[i] = object(g, arrays[i]).asPrimitiveArray().orElseThrow();
        }
        assertThat(a).extracting(HeapPrimitiveArray::type).containsExactly(BasicType.BYTE, BasicType.BOOLEAN,
                BasicType.CHAR, BasicType.SHORT, BasicType.INT, BasicType.LONG, BasicType.FLOAT, BasicType.DOUBLE, BasicType.INT);
        assertThat(a).extracting(HeapObject::className).containsExactly("byte[]", "boolean[]", "char[]", "short[]",
                "int[]", "long[]", "float[]", "double[]", "int[]");
        assertThat(a).extracting(HeapPrimitiveArray::length).containsExactly(5, 3, 4, 3, 5, 3, 4, 3, 0);
        assertThat(a[0].bytes(100)).isEqualTo(bytes);
        assertThat(a[1].booleans(100)).isEqualTo(booleans);
        assertThat(a[2].chars(100)).isEqualTo(chars);
        assertThat(a[3].shorts(100)).isEqualTo(shorts);
        assertThat(a[4].ints(100)).isEqualTo(ints);
        assertThat(a[5].longs(100)).isEqualTo(longs);
        assertThat(a[6].floats(100)).isEqualTo(floats);
        assertThat(a[7].doubles(100)).isEqualTo(doubles);
        assertThat(a[8].ints(100)).isEmpty();
        // bounded reads: a prefix, nothing for 0 or less
        assertThat(a[4].ints(2)).containsExactly(Integer.MIN_VALUE, -1);
        assertThat(a[2].chars(1)).containsExactly('a');
        assertThat(a[0].bytes(0)).isEmpty();
        assertThat(a[0].bytes(-5)).isEmpty();
        // what a caller gets is its own copy
        a[0].bytes(100)[0] = 7;
        assertThat(a[0].bytes(1)).containsExactly(Byte.MIN_VALUE);
        assertThatThrownBy(() -> a[4].longs(1)).isInstanceOf(IllegalStateException.class).hasMessageContaining("int[]");
        assertThat(a[4].referents()).isEmpty();
    }
}
