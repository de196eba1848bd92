package dev.heaptrail.junit.internal;

import dev.heaptrail.junit.Leaks;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** {@code @WatchLeaks}: the watched objects must be gone after each test. */
public final class WatchLeaksExtension implements AfterEachCallback {

    @Override
    public void afterEach(ExtensionContext context) {
        Leaks.assertCollected();
    }
}
