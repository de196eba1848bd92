package dev.heaptrail.testkit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * A child-JVM program that builds a heap with known counts of classes of many shapes and waits,
 * so that {@link KnownHeapDump} can take the JVM's own class histogram and a dump of it.
 */
public final class KnownHeap {

    /** Instance counts of the fixture classes, distinct so a mix-up shows. */
    public static final Map<String, Integer> EXPECTED = Map.of(
            Node.class.getName(), 1001,
            Mixed.class.getName(), 1003,
            OnlyBoolean.class.getName(), 1007,
            SubFillsGap.class.getName(), 1009,
            Empty.class.getName(), 1013,
            Inner.class.getName(), 1019,
            Session.class.getName(), 1021);

    static final List<Object> KEEP = new ArrayList<>();
    /** What {@link #build} puts in KEEP: the static list is this heap's biggest accumulation. */
    public static final int KEEP_SIZE = 1 + 1003 + 1007 + 1009 + 1013 + 1019 + 1 + 64 + 300 * 10 + 1 + 1;
    /** Softly reachable only: survives a full GC without memory pressure, but holds nothing strongly. */
    public static final int SOFT_ARRAY_LENGTH = 222_223;
    static final java.lang.ref.SoftReference<byte[]> SOFT = new java.lang.ref.SoftReference<>(new byte[SOFT_ARRAY_LENGTH]);

    static class Node {
        long id;
        Node next;
    }

    static class Mixed {
        byte b;
        long l;
        int i;
        short s;
        boolean z;
        char c;
        double d;
        float f;
        Object ref;
        String name;
    }

    static class OnlyBoolean {
        boolean z;
    }

    static class BaseWithLong {
        long a;
    }

    static class SubFillsGap extends BaseWithLong {
        int b;
        byte c;
        Object r;
    }

    static class Empty {}

    final class Inner {
        int value = 7;
    }

    static class Session {
        static long created;
        static final Map<String, Session> STORE = new HashMap<>();
        final String id;
        final byte[] payload;
        final long startedAt = created++;

        Session(String id, int size) {
            this.id = id;
            this.payload = new byte[size];
        }
    }

    static class ManyStatics {
        static long a1;
        static int a2;
        static byte a3;
        static Object a4 = new Object();
        static double a5;
        static short a6;
        static boolean a7;
    }

    /** Builds the heap, says "ready", then waits for a line on stdin (or its end) and exits. */
    public static void main(String[] args) throws Exception {
        build();
        if (KEEP.size() != KEEP_SIZE) {
            throw new IllegalStateException("KEEP holds " + KEEP.size() + ", not KEEP_SIZE " + KEEP_SIZE);
        }
        System.out.println("ready " + ProcessHandle.current().pid());
        System.out.flush();
        new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
        System.out.println("kept " + KEEP.size());
    }

    static void build() {
        KnownHeap outer = new KnownHeap();
        Node prev = null;
        for (int i = 0; i < 1001; i++) {
            Node n = new Node();
            n.id = i;
            n.next = prev;
            prev = n;
        }
        KEEP.add(prev);
        for (int i = 0; i < 1003; i++) {
            Mixed m = new Mixed();
            m.name = "mixed-" + i; // 1003 Strings and their byte[]
            KEEP.add(m);
        }
        repeat(1007, OnlyBoolean::new);
        repeat(1009, SubFillsGap::new);
        repeat(1013, Empty::new);
        for (int i = 0; i < 1019; i++) {
            KEEP.add(outer.new Inner());
        }
        for (int i = 0; i < 1021; i++) {
            String id = "session-" + i;
            Session.STORE.put(id, new Session(id, i % 97));
        }
        KEEP.add(Session.STORE);
        for (int i = 0; i < 64; i++) {
            KEEP.add(new byte[65_536 + i]); // a few MB, so that totals are not dominated by JDK internals
        }
        for (int len = 0; len < 300; len++) {
            KEEP.add(new int[len]);
            KEEP.add(new long[len]);
            KEEP.add(new char[len]);
            KEEP.add(new short[len]);
            KEEP.add(new boolean[len]);
            KEEP.add(new double[len]);
            KEEP.add(new float[len]);
            KEEP.add(new Object[len]);
            KEEP.add(new String[len % 13]);
            KEEP.add(new int[len % 5][len % 3]);
        }
        List<IntSupplier> lambdas = new ArrayList<>();
        for (int i = 0; i < 211; i++) {
            int captured = i;
            lambdas.add(() -> captured * 2);
        }
        KEEP.add(lambdas);
        KEEP.add(ManyStatics.a4);
    }

    private static void repeat(int n, java.util.function.Supplier<Object> factory) {
        for (int i = 0; i < n; i++) {
            KEEP.add(factory.get());
        }
    }
}
