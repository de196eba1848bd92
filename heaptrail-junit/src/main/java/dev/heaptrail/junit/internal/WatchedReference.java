package dev.heaptrail.junit.internal;

import java.lang.ref.WeakReference;

/**
 * A weak reference to an object that should be collected, with a key that a heap dump shows (its
 * referent is the object the leak trace leads to), in the spirit of LeakCanary's KeyedWeakReference.
 */
public final class WatchedReference extends WeakReference<Object> {

    /** Read from the dump by name: keep the field. */
    final String key;
    final String description;
    final long watchedAtNanos;

    WatchedReference(Object referent, String key, String description) {
        super(referent);
        this.key = key;
        this.description = description;
        this.watchedAtNanos = System.nanoTime();
    }

    public String key() {
        return key;
    }

    public String description() {
        return description;
    }
}
