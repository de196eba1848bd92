package dev.heaptrail.agent;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The {@code heaptrail_} metrics beside the Prometheus client's standard JVM metrics, in a registry
 * of the agent's own (the client is relocated inside the agent jar: the application's copy, if
 * any, never sees it), served on one daemon thread.
 */
final class AgentMetrics implements AutoCloseable {

    final PrometheusRegistry registry = new PrometheusRegistry();
    final Gauge floor = gauge("heaptrail_heap_floor_bytes", "Heap in use after collections: the lowest in the last interval");
    final Gauge oldFloor = gauge("heaptrail_old_gen_floor_bytes", "Old generation after the lowest collection in the last interval");
    final Gauge heapMax = gauge("heaptrail_heap_max_bytes", "The heap's maximum (-Xmx)");
    final Gauge slope = gauge("heaptrail_leak_slope_bytes_per_second", "Theil-Sen slope of the heap floor over the window");
    final Gauge verdict = gauge("heaptrail_leak_verdict", "1 while a leak is suspected, else 0");
    final Gauge timeToLimit = gauge("heaptrail_time_to_limit_seconds", "Projected time until the limit at this slope; +Inf when not rising");
    final Gauge metaspace = gauge("heaptrail_metaspace_bytes", "Metaspace in use");
    final Gauge direct = gauge("heaptrail_direct_buffer_bytes", "Direct and mapped ByteBuffers");
    final Gauge threads = gauge("heaptrail_threads", "Live threads");
    final Gauge allocation = gauge("heaptrail_allocation_bytes_per_second", "Allocated between collections, per second");
    final Gauge agentHeap = gauge("heaptrail_agent_heap_bytes", "The agent's own heap: its buffers, by estimate");
    final Counter actions = Counter.builder().name("heaptrail_actions_total")
            .help("Evidence actions taken, by action").labelNames("action").register(registry);
    final Counter failures = Counter.builder().name("heaptrail_action_failures_total")
            .help("Evidence actions that failed or were skipped (disk, network), by action").labelNames("action").register(registry);
    private HTTPServer server;

    AgentMetrics() {
        JvmMetrics.builder().register(registry);
    }

    private Gauge gauge(String name, String help) {
        return Gauge.builder().name(name).help(help).register(registry);
    }

    /** Serves /metrics on host:port (port 0: a free one); returns the port. */
    int serve(String host, int port) throws IOException {
        ExecutorService one = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(16), r -> {
            Thread t = new Thread(r, "heaptrail-agent-metrics");
            t.setDaemon(true); // never keeps the application alive
            return t;
        }, new ThreadPoolExecutor.DiscardPolicy()); // a scrape storm is dropped, not queued without bound
        server = HTTPServer.builder().hostname(host).port(port).registry(registry).executorService(one).buildAndStart();
        return server.getPort();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
