package dev.heaptrail.heap.graph;

import dev.heaptrail.heap.index.ObjectKind;
import dev.heaptrail.hprof.BasicType;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** An array of references: its length and elements, read a window at a time (a big array is never read whole). */
public record HeapObjectArray(HeapGraph graph, long number) implements HeapObject {

    public HeapObjectArray {
        graph.requireKind(number, ObjectKind.OBJECT_ARRAY);
    }

    public int length() {
        return (int) (graph.contents().length(number) / graph.idSize());
    }

    /**
     * Element {@code i} as a value: a reference, null, or an id the dump holds no object for.
     *
     * @throws IndexOutOfBoundsException when {@code i} is not in [0, {@link #length()})
     */
    public HeapValue elementValue(int i) {
        Objects.checkIndex(i, length());
        int idSize = graph.idSize();
        byte[] b = graph.contents().read(number, (long) i * idSize, idSize);
        long id = b.length < idSize ? 0 : HeapInstance.bits(BasicType.OBJECT, ByteBuffer.wrap(b), 0, idSize);
        return new HeapValue(graph, BasicType.OBJECT, id);
    }

    /** Element {@code i}; empty when null or an id the dump holds no object for. */
    public Optional<HeapObject> element(int i) {
        return elementValue(i).asObject();
    }

    /** The elements that are objects of the dump, in index order (null slots left out); read lazily. */
    public Stream<HeapObject> elements() {
        return IntStream.range(0, length()).mapToObj(this::element).flatMap(Optional::stream);
    }

    /** Each element it holds, named by its index ({@code [3]}). */
    @Override
    public List<HeapReference> referents() {
        List<HeapReference> out = new ArrayList<>();
        for (int i = 0, n = length(); i < n; i++) {
            int at = i;
            element(i).ifPresent(o -> out.add(new HeapReference(this, "[" + at + "]", o)));
        }
        return out;
    }

    @Override
    public String toString() {
        return className() + "(" + length() + ")@0x" + Long.toHexString(address());
    }
}
