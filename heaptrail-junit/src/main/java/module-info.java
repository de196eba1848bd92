/**
 * Leak assertions for JUnit 5: {@code @LeakTest}, {@code Leaks.assertNoLeak}, {@code Leaks.expectCollected}.
 */
module dev.heaptrail.junit {
    requires transitive org.junit.jupiter.api;
    requires dev.heaptrail.analysis;
    requires dev.heaptrail.live;
    requires java.management;
    requires jdk.management;

    exports dev.heaptrail.junit;
    // JUnit builds the extensions by reflection
    opens dev.heaptrail.junit.internal to org.junit.platform.commons;
}
