/**
 * The production agent. Shipped as a class-path jar with the Prometheus client relocated into it
 * (the shade leaves this descriptor out); the descriptor keeps its code inside its layer.
 */
module dev.heaptrail.agent {
    requires transitive dev.heaptrail.live;
    // premain and agentmain take an Instrumentation
    requires transitive java.instrument;
    requires java.management;
    requires jdk.management;
    requires jdk.jfr;
    requires java.net.http;
    requires io.prometheus.metrics.core;
    requires io.prometheus.metrics.model;
    requires io.prometheus.metrics.instrumentation.jvm;
    requires io.prometheus.metrics.exporter.httpserver;

    exports dev.heaptrail.agent;
}
