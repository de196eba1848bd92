package dev.heaptrail.testkit;

/**
 * Leaks in an application's own linked structures, which no JDK class name gives away, for
 * {@code LeakScenarios hand-made}: an event log linked by {@code next} (with a tail pointer, as
 * such logs keep), a doubly linked history whose owner holds both ends, and a binary tree.
 */
public final class HandMadeStructures {

    public static final int EVENTS = 3_000;
    public static final int HISTORY = 2_000;
    /** A complete binary tree of this depth has 2^(depth+1) - 1 nodes. */
    public static final int TREE_DEPTH = 10;

    public static final EventLog LOG = new EventLog();
    public static final History RECENT = new History();
    public static Branch INDEX;

    private HandMadeStructures() {}

    static void build() {
        for (int i = 0; i < EVENTS; i++) {
            LOG.add(new Event(i));
        }
        for (int i = 0; i < HISTORY; i++) {
            RECENT.add(new Visit());
        }
        INDEX = Branch.of(TREE_DEPTH);
    }

    public static final class Event {
        Event next;
        final long id;
        final byte[] payload = new byte[1_000];

        Event(long id) {
            this.id = id;
        }
    }

    public static final class EventLog {
        Event head;
        Event tail;
        int size;

        void add(Event e) {
            if (tail == null) {
                head = e;
            } else {
                tail.next = e;
            }
            tail = e;
            size++;
        }
    }

    public static final class Visit {
        Visit prev;
        Visit next;
        final long[] trail = new long[120];
    }

    public static final class History {
        Visit first;
        Visit last;

        void add(Visit v) {
            if (last == null) {
                first = v;
            } else {
                v.prev = last;
                last.next = v;
            }
            last = v;
        }
    }

    public static final class Branch {
        Branch left;
        Branch right;
        final int[] keys = new int[200];

        static Branch of(int depth) {
            Branch b = new Branch();
            if (depth > 0) {
                b.left = of(depth - 1);
                b.right = of(depth - 1);
            }
            return b;
        }
    }
}
