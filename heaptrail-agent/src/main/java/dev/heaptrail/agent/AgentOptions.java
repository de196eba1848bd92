package dev.heaptrail.agent;

import dev.heaptrail.live.Durations;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The agent's settings. Read, later ones winning: defaults, a properties file ({@code config=FILE}
 * or {@code HEAPTRAIL_AGENT_CONFIG}), environment variables ({@code HEAPTRAIL_AGENT_PORT} for
 * {@code port}, and so on), then the {@code key=value,key=value} string of {@code -javaagent:} or
 * {@code heaptrail agent attach}. An unknown key or a bad value is an {@link IllegalArgumentException}
 * naming it.
 *
 * @param port            Prometheus endpoint port; 0 picks a free one; -1 (the default) serves none
 * @param host            address the endpoint binds to: loopback unless told
 * @param window          the sliding window the trend is judged on
 * @param interval        how often the figures are read and the trend judged
 * @param minSlope        bytes an hour below which a rising floor is not called a leak here (0: the statistics' own
 *                        threshold, 1 % of the limit an hour; a larger value only raises it)
 * @param floorPercent    the high-water mark: a floor above this share of the max heap secures evidence at once
 * @param timeToLimit     act when the projected time to the limit falls under this
 * @param actions         evidence taken when a leak is suspected: log, histogram, jfr, heapdump, webhook
 * @param actionInterval  at most one of each action in this time
 * @param keepFiles       files of each kind kept in {@code dir}, oldest deleted
 * @param dir             where evidence goes (created 0700)
 * @param diskMargin      a heap dump needs this much free disk beyond the heap's size
 * @param webhook         URL a JSON summary is POSTed to, or null
 * @param jfrDuration     how long the Old Object Sample recording runs before it is written
 */
public record AgentOptions(int port, String host, Duration window, Duration interval, long minSlope, double floorPercent,
                           Duration timeToLimit, Set<String> actions, Duration actionInterval, int keepFiles, Path dir,
                           long diskMargin, String webhook, Duration jfrDuration) {

    static final Set<String> ACTIONS = Set.of("log", "histogram", "jfr", "heapdump", "webhook");

    static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("port", "-1");
        d.put("host", "127.0.0.1");
        d.put("window", "30m");
        d.put("interval", "5s");
        d.put("minSlope", "0");
        d.put("floorPercent", "90");
        d.put("timeToLimit", "1h");
        d.put("actions", "log+histogram");
        d.put("actionInterval", "10m");
        d.put("keepFiles", "5");
        d.put("dir", Path.of(System.getProperty("java.io.tmpdir"), "heaptrail").toString());
        d.put("diskMargin", "1g");
        d.put("webhook", "");
        d.put("jfrDuration", "2m");
        return d;
    }

    /** Reads the settings from every source (see the class comment). */
    public static AgentOptions parse(String agentArgs, Map<String, String> env) {
        Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
        Map<String, String> given = pairs(agentArgs);
        String config = given.getOrDefault("config", env.get("HEAPTRAIL_AGENT_CONFIG"));
        if (config != null && !config.isBlank()) {
            values.putAll(file(Path.of(config)));
        }
        for (String key : DEFAULTS.keySet()) {
            String v = env.get("HEAPTRAIL_AGENT_" + snake(key));
            if (v != null) {
                values.put(key, v);
            }
        }
        given.remove("config");
        values.putAll(given);
        return of(values);
    }

    /** Parses {@code key=value,key=value}; lists inside a value use {@code +} (actions=log+heapdump). */
    static Map<String, String> pairs(String args) {
        Map<String, String> m = new LinkedHashMap<>();
        if (args == null || args.isBlank()) {
            return m;
        }
        for (String pair : args.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("agent option '" + pair.trim() + "' is not key=value");
            }
            m.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return m;
    }

    private static Map<String, String> file(Path path) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read agent config " + path + ": " + e.getMessage(), e);
        }
        Map<String, String> m = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k).trim()));
        return m;
    }

    private static String snake(String key) {
        return key.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    static AgentOptions of(Map<String, String> v) {
        Set<String> unknown = new TreeSet<>(v.keySet());
        unknown.removeAll(DEFAULTS.keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown agent option " + unknown + "; known: " + DEFAULTS.keySet());
        }
        Set<String> actions = new TreeSet<>();
        for (String a : v.get("actions").split("[+ ]")) {
            if (a.isBlank() || a.equals("none")) {
                continue;
            }
            if (!ACTIONS.contains(a)) {
                throw new IllegalArgumentException("unknown action '" + a + "' in actions=; known: " + new TreeSet<>(ACTIONS));
            }
            actions.add(a);
        }
        String webhook = v.get("webhook").isBlank() ? null : v.get("webhook");
        if (actions.contains("webhook") && webhook == null) {
            throw new IllegalArgumentException("actions= names webhook but no webhook=URL is given");
        }
        int port = integer(v, "port");
        if (port < -1 || port > 65535) {
            throw new IllegalArgumentException("port=" + port + " is not a port (0 picks a free one, -1 serves none)");
        }
        double floor = Double.parseDouble(v.get("floorPercent"));
        if (!(floor > 0 && floor <= 100)) {
            throw new IllegalArgumentException("floorPercent=" + v.get("floorPercent") + " must be within (0, 100]");
        }
        return new AgentOptions(port, v.get("host"), duration(v, "window"), duration(v, "interval"), bytes(v, "minSlope"), floor,
                duration(v, "timeToLimit"), Set.copyOf(actions), duration(v, "actionInterval"), integer(v, "keepFiles"),
                Path.of(v.get("dir")), bytes(v, "diskMargin"), webhook, duration(v, "jfrDuration"));
    }

    private static int integer(Map<String, String> v, String key) {
        try {
            return Integer.parseInt(v.get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + "=" + v.get(key) + " is not a whole number", e);
        }
    }

    /** 500ms, 30s, 10m, 2h (a bare number is seconds). */
    static Duration duration(Map<String, String> v, String key) {
        try {
            return Durations.parse(v.get(key));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + "=" + v.get(key) + " is not a duration such as 500ms, 30s, 10m, 2h"
                    + " (more than zero)", e);
        }
    }

    /** 512k, 64m, 1g or bytes. */
    static long bytes(Map<String, String> v, String key) {
        String s = v.get(key).trim().toLowerCase(Locale.ROOT);
        try {
            char unit = s.charAt(s.length() - 1);
            long scale = switch (unit) {
                case 'k' -> 1L << 10;
                case 'm' -> 1L << 20;
                case 'g' -> 1L << 30;
                default -> 1;
            };
            return Long.parseLong(scale == 1 ? s : s.substring(0, s.length() - 1)) * scale;
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException(key + "=" + v.get(key) + " is not a size such as 512m or 1g", e);
        }
    }
}
