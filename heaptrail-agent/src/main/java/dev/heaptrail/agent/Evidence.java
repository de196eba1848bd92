package dev.heaptrail.agent;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.heaptrail.live.watch.WatchVerdict;

import javax.management.ObjectName;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Leaves evidence when memory climbs: a log line, a class histogram with its growth since the
 * previous one, an Old Object Sample recording, a heap dump, a webhook. Each at most once an
 * {@code actionInterval}, at most {@code keepFiles} files of a kind kept; each failure is caught,
 * counted and said once, and the next action still runs. Called on the monitor's thread only.
 */
final class Evidence {

    /** Why evidence is taken now. {@code urgent}: the floor passed the high-water mark, OOM is near. */
    record Suspicion(String why, WatchVerdict verdict, long floorBytes, long heapMaxBytes, boolean urgent) {}

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS", Locale.ROOT);
    private final AgentOptions options;
    private final AgentMetrics metrics;
    private final AgentLog log;
    private final Map<String, Long> lastRun = new HashMap<>();
    private final long pid = ProcessHandle.current().pid();
    private Map<String, Long> previousHistogram;
    private JfrEvidence jfr;

    Evidence(AgentOptions options, AgentMetrics metrics, AgentLog log) {
        this.options = options;
        this.metrics = metrics;
        this.log = log;
    }

    /** Takes whatever actions are configured and due. Never throws. */
    void take(Suspicion s) {
        List<String> order = new ArrayList<>(List.of("log", "heapdump", "histogram", "jfr", "webhook"));
        if (!s.urgent()) { // a dump first only when the heap is about to run out: it is the evidence that matters then
            order.remove("heapdump");
            order.add(3, "heapdump");
        }
        List<Path> written = new ArrayList<>();
        for (String action : order) {
            if (!options.actions().contains(action) || !due(action)) {
                continue;
            }
            try {
                Path file = run(action, s, written);
                if (file != null) {
                    written.add(file);
                }
                metrics.actions.labelValues(action).inc();
            } catch (Exception | LinkageError e) { // an action must never take the application down with it
                metrics.failures.labelValues(action).inc();
                log.warnOnce(action + ":" + e.getClass().getName(), action + " failed: " + e);
            }
        }
    }

    /** Called every interval: writes a JFR recording that has run its time, whatever the rate limit. */
    void tick() {
        if (jfr == null || !jfr.due()) {
            return;
        }
        try {
            jfr.write(this::file);
        } catch (Exception | LinkageError e) {
            metrics.failures.labelValues("jfr").inc();
            log.warnOnce("jfr-write:" + e.getClass().getName(), "writing the JFR recording failed: " + e);
        }
    }

    private boolean due(String action) {
        long now = System.nanoTime();
        Long last = lastRun.get(action);
        if (last != null && now - last < options.actionInterval().toNanos()) {
            return false;
        }
        lastRun.put(action, now);
        return true;
    }

    private Path run(String action, Suspicion s, List<Path> written) throws Exception {
        switch (action) {
            case "log" -> {
                log.info(s.why());
                return null;
            }
            case "histogram" -> {
                return histogram();
            }
            case "jfr" -> {
                if (jfr == null) {
                    jfr = new JfrEvidence(options, log);
                }
                jfr.start(); // written by tick() once it has sampled long enough
                return null;
            }
            case "heapdump" -> {
                return heapDump();
            }
            case "webhook" -> {
                webhook(s, written);
                return null;
            }
            default -> throw new IllegalStateException(action);
        }
    }

    /** A new file of this kind in the evidence folder (created 0700), the oldest beyond keepFiles deleted. */
    Path file(String kind, String extension) throws IOException {
        Path dir = options.dir();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        String prefix = "heaptrail-" + kind + "-" + pid + "-";
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> old = files.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
            for (int i = 0; i <= old.size() - Math.max(1, options.keepFiles()); i++) {
                Files.deleteIfExists(old.get(i));
            }
        }
        return dir.resolve(prefix + LocalDateTime.now().format(STAMP) + extension);
    }

    private Path histogram() throws Exception {
        Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        Map<String, Long> now = ClassHistogramText.bytesByClass(String.valueOf(text));
        StringBuilder out = new StringBuilder();
        if (previousHistogram != null) {
            out.append("Growth since the previous histogram (bytes, instances of live objects), largest first:\n");
            ClassHistogramText.growth(previousHistogram, now, 20).forEach(line -> out.append("  ").append(line).append('\n'));
            out.append('\n');
        }
        out.append(text);
        previousHistogram = now;
        Path file = file("histogram", ".txt");
        Files.writeString(file, out, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private Path heapDump() throws IOException {
        Path file = file("heapdump", ".hprof");
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
        long free = Files.getFileStore(file.getParent()).getUsableSpace();
        if (free < heap + options.diskMargin()) {
            throw new IOException("no heap dump: " + (free >> 20) + " MiB free in " + file.getParent() + ", the heap is "
                    + (heap >> 20) + " MiB and " + (options.diskMargin() >> 20) + " MiB are kept free");
        }
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        hotspot.dumpHeap(file.toString(), true);
        // the folder is 0700 already; the file is the user's alone too: dumps hold secrets
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        log.info("heap dump written: " + file + " (" + (Files.size(file) >> 20) + " MiB); analyse it with: heaptrail analyze " + file);
        return file;
    }

    private void webhook(Suspicion s, List<Path> written) throws IOException, InterruptedException {
        WatchVerdict v = s.verdict();
        StringBuilder files = new StringBuilder("[");
        for (Path p : written) {
            files.append(files.length() > 1 ? "," : "").append(Json.string(p.toString()));
        }
        files.append(']');
        String body = "{\"event\":\"heaptrail.leak-suspected\",\"pid\":" + pid
                + ",\"host\":" + Json.string(host())
                + ",\"verdict\":" + Json.string(v == null ? "unknown" : v.verdict().label())
                + ",\"growingIn\":" + (v == null || v.growingIn() == null ? "null" : Json.string(v.growingIn().label()))
                + ",\"slopeBytesPerHour\":" + (v == null ? "null" : Json.number(v.trend().slopeBytesPerHour()))
                + ",\"timeToLimitSeconds\":" + (v == null || v.timeToLimitSeconds() == null ? "null" : Json.number(v.timeToLimitSeconds()))
                + ",\"heapFloorBytes\":" + s.floorBytes() + ",\"heapMaxBytes\":" + s.heapMaxBytes()
                + ",\"urgent\":" + s.urgent() + ",\"reason\":" + Json.string(s.why()) + ",\"files\":" + files + "}";
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(options.webhook())).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() >= 300) {
            throw new IOException("webhook " + options.webhook() + " answered HTTP " + response.statusCode());
        }
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    void close() {
        if (jfr != null) {
            jfr.close();
        }
    }
}
