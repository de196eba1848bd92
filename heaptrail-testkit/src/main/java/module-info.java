/**
 * For tests only: known heaps from child JVMs, heaps built in code, a real Prometheus, pages in headless Chromium.
 */
module dev.heaptrail.testkit {
    // NoSilentSkips is a JUnit extension
    requires transitive org.junit.jupiter.api;
    requires org.opentest4j;
    requires com.fasterxml.jackson.core;
    // HeadlessChromium.evaluate answers with a JsonNode
    requires transitive com.fasterxml.jackson.databind;
    requires java.management;
    requires jdk.management;
    requires java.net.http;

    exports dev.heaptrail.testkit;
    exports dev.heaptrail.testkit.synthetic;

    // the module-path twin of META-INF/services/org.junit.jupiter.api.extension.Extension
    provides org.junit.jupiter.api.extension.Extension with dev.heaptrail.testkit.NoSilentSkips;
}
