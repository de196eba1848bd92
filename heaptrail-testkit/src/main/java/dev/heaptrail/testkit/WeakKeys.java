package dev.heaptrail.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Two WeakHashMaps, for {@code LeakScenarios weak-keys}: in {@link #REGISTRY} each value holds its
 * own key (through {@link Metadata#owner}), so no entry is ever cleared, the leak WeakHashMap's
 * javadoc warns of; in {@link #CACHE} the keys are alive because {@link #SESSIONS} holds them,
 * and the values do not reach them: large, but no such leak.
 */
public final class WeakKeys {

    public static final int REGISTERED = 4_000;
    public static final int CACHED = 3_000;

    public static final Map<Widget, Metadata> REGISTRY = new WeakHashMap<>();
    public static final Map<Widget, byte[]> CACHE = new WeakHashMap<>();
    public static final List<Widget> SESSIONS = new ArrayList<>();

    private WeakKeys() {}

    static void build() {
        for (int i = 0; i < REGISTERED; i++) {
            Widget w = new Widget(i);
            REGISTRY.put(w, new Metadata(w));
        }
        for (int i = 0; i < CACHED; i++) {
            Widget w = new Widget(-i);
            SESSIONS.add(w);
            CACHE.put(w, new byte[1_200]);
        }
    }

    public static final class Widget {
        final int id;

        Widget(int id) {
            this.id = id;
        }
    }

    public static final class Metadata {
        final Widget owner;
        final byte[] layout = new byte[2_000];

        Metadata(Widget owner) {
            this.owner = owner;
        }
    }
}
