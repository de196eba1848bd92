package dev.heaptrail.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12: heaptrail_leak_verdict must not flap. The real agent jar in child JVMs whose classpath
 * is only the test classes (so the shaded, relocated Prometheus client is what serves), scraped
 * over HTTP every 2 s. A held verdict outlives the whole 1-minute window it was raised on.
 */
@Execution(ExecutionMode.SAME_THREAD)
// Isolated: five JVMs whose verdicts must not depend on what else the machine runs
@org.junit.jupiter.api.parallel.Isolated
class AgentVerdictIT {

    /** A short interval and window so the test takes minutes; the rates below are what they say. */
    static final String OPTIONS = "port=0,interval=1s,window=1m,actions=log";
    static final long SCRAPE_MILLIS = 2000;
    /**
     * Alone on this machine a leak is raised after 20 to 30 s; five JVMs beside a build on two cores
     * (a load of 10) once took longer than a minute. The bound only says when to give up.
     */
    static final Duration RAISED_WITHIN = Duration.ofSeconds(120);
    static final Duration HELD_FOR = Duration.ofSeconds(61);
    static final Duration CONTROL_FOR = Duration.ofSeconds(70);
    static final Pattern KEPT = Pattern.compile("^kept (\\d+) (\\d+)$");

    /** The verdict as scraped, one reading a scrape, with when (seconds since the first scrape). */
    record Readings(String name, List<Double> verdicts, List<Long> seconds, AgentChild child) {

        int first() {
            return verdicts.indexOf(1.0);
        }

        @Override
        public String toString() {
            return name + ": " + verdicts + "\nthe child said:\n" + String.join("\n", child.lines);
        }
    }

    static AgentChild child(String main, String... args) throws Exception {
        Path classes = Path.of(VerdictTargets.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> command = new ArrayList<>(List.of(AgentChild.java(), "-javaagent:" + AgentChild.agentJar() + "="
                + OPTIONS, "-Xmx1g", "-cp", classes.toString(), VerdictTargets.class.getName() + "$" + main));
        command.addAll(List.of(args));
        // only the 300 MB/s garbage maker is heavy; the others use a tenth of a core or less
        return new AgentChild(command, args.length > 1 && Long.parseLong(args[1]) >= 300);
    }

    /** Scrapes a leaking child until the verdict has been 1 for {@link #HELD_FOR}, or never came within the bound. */
    static Readings leaking(String name, AgentChild child) throws Exception {
        return scrape(name, child, true);
    }

    static Readings control(String name, AgentChild child) throws Exception {
        return scrape(name, child, false);
    }

    private static Readings scrape(String name, AgentChild child, boolean leaking) throws Exception {
        int port = child.metricsPort();
        Readings r = new Readings(name, new ArrayList<>(), new ArrayList<>(), child);
        long start = System.nanoTime();
        long raisedAt = -1;
        while (true) {
            long now = (System.nanoTime() - start) / 1_000_000;
            double v = AgentChild.value(AgentChild.scrape(port), "heaptrail_leak_verdict");
            r.verdicts.add(v);
            r.seconds.add(now / 1000);
            raisedAt = raisedAt < 0 && v == 1.0 ? now : raisedAt;
            boolean done = leaking ? (raisedAt < 0 ? now > RAISED_WITHIN.toMillis()
                    : now - raisedAt >= HELD_FOR.toMillis() && r.verdicts.size() - r.first() > 20)
                    : now >= CONTROL_FOR.toMillis();
            if (done || !child.process.isAlive()) {
                return r;
            }
            Thread.sleep(SCRAPE_MILLIS);
        }
    }

    static void assertHeld(Readings r) {
        int first = r.first();
        assertThat(first).as("raised within %s: %s", RAISED_WITHIN, r).isGreaterThanOrEqualTo(0);
        List<Double> after = r.verdicts.subList(first + 1, r.verdicts.size());
        assertThat(after.size()).as("scrapes after the first 1: %s", r).isGreaterThanOrEqualTo(20);
        assertThat(r.seconds.get(r.seconds.size() - 1) - r.seconds.get(first)).as("seconds after the first 1")
                .isGreaterThanOrEqualTo(60);
        long ones = after.stream().filter(v -> v == 1.0).count();
        assertThat(ones).as("scrapes reading 1 after the first: %s", r).isGreaterThanOrEqualTo((long) Math.ceil(0.9 * after.size()));
        assertThat(r.child.process.isAlive()).as("the application still runs: %s", r).isTrue();
    }

    /** What the child says it kept, in MB a second over its run: the leak is as fast as the test says. */
    static double keptPerSecond(AgentChild child) {
        Matcher last = null;
        for (String line : child.lines) {
            Matcher m = KEPT.matcher(line);
            if (m.find()) {
                last = m;
            }
        }
        assertThat(last).as("the child reports what it kept").isNotNull();
        return Double.parseDouble(last.group(1)) / Double.parseDouble(last.group(2));
    }

    @Test
    void leaksReadOneOnceRaisedAndStableOrWarmingJvmsNever() throws Exception {
        // 6 MB/s kept on a 1 GB heap (the leak): beside 40 or 300 MB/s of short-lived garbage, or with the
        // application calling System.gc() every 20 s. The controls: a 40 MB live set under 80 MB/s of garbage, and a
        // cache filling 30 MB over 8 s, then only hit. All five at once: together they use under a core (measured
        // 26 CPU seconds in 35 s, the 300 MB/s one a quarter of them), so only that one takes a core's permit.
        try (AgentChild steady = child("Leak", "6", "40", "0"); AgentChild heavy = child("Leak", "6", "300", "0");
             AgentChild gc = child("Leak", "6", "40", "20"); AgentChild stable = child("Stable", "80");
             AgentChild warming = child("Warming");
             Scrapers scrapers = new Scrapers()) {
            List<Future<Readings>> leaks = List.of(
                    scrapers.scrape(() -> leaking("steady leak", steady)),
                    scrapers.scrape(() -> leaking("leak under heavy garbage", heavy)),
                    scrapers.scrape(() -> leaking("leak with full collections", gc)));
            List<Future<Readings>> controls = List.of(
                    scrapers.scrape(() -> control("stable", stable)),
                    scrapers.scrape(() -> control("warming up", warming)));
            for (Future<Readings> leak : leaks) {
                Readings r = leak.get();
                assertHeld(r);
                assertThat(keptPerSecond(r.child())).as("%s", r).isBetween(5.0, 7.0);
            }
            for (Future<Readings> f : controls) {
                Readings control = f.get();
                assertThat(control.verdicts).as("%s", control).doesNotContain(1.0).hasSizeGreaterThanOrEqualTo(25);
                assertThat(control.child.process.isAlive()).isTrue();
            }
        }
    }

    /** One thread a child: every child is scraped at its own pace, whatever the common pool's size. */
    static final class Scrapers implements AutoCloseable {
        final ExecutorService threads = Executors.newCachedThreadPool();

        Future<Readings> scrape(Callable<Readings> readings) {
            return threads.submit(readings);
        }

        @Override
        public void close() {
            threads.shutdownNow();
        }
    }
}
