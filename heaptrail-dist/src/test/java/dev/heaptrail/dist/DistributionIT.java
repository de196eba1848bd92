package dev.heaptrail.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heaptrail.testkit.ChildProcess;
import dev.heaptrail.testkit.Jdks;
import dev.heaptrail.testkit.KnownHeap;
import dev.heaptrail.testkit.KnownHeapDump;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The archive a user installs, unpacked into an empty folder and run as they would run it: no
 * source tree beside it, no Maven on the PATH (only the few tools the launcher uses), Java found
 * through JAVA_HOME; on a real dump and real processes.
 */
class DistributionIT {

    private static final Path WORK = Path.of("target", "dist-it").toAbsolutePath();
    private static final String VERSION = System.getProperty("heaptrail.version", "0.1.0-SNAPSHOT");
    private static Path home;
    private static Path tools;

    @BeforeAll
    static void unpack() throws Exception {
        deleteTree(WORK);
        Path installed = Files.createDirectories(WORK.resolve("opt"));
        Path archive = Path.of("target", "heaptrail-" + VERSION + ".tar.gz").toAbsolutePath();
        assertThat(archive).as("mvn package makes the archive").exists();
        Process tar = new ProcessBuilder("tar", "xzf", archive.toString(), "-C", installed.toString()).inheritIO().start();
        assertThat(tar.waitFor()).isZero();
        home = installed.resolve("heaptrail-" + VERSION);
        // the launcher's own tools, and nothing else: no java, no mvn
        tools = Files.createDirectories(WORK.resolve("tools"));
        for (String tool : List.of("bash", "dirname", "readlink", "sed", "env")) {
            Path found = Stream.of("/usr/bin", "/bin").map(d -> Path.of(d, tool)).filter(Files::isExecutable).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + tool + " in /usr/bin or /bin"));
            Files.createSymbolicLink(tools.resolve(tool), found);
        }
    }

    private record Run(int exitCode, String output) {}

    private static Run heaptrail(Path javaHome, String... args) throws Exception {
        return heaptrail(Map.of(), javaHome, args);
    }

    /** Runs the installed launcher; its class-data archives go to target/dist-it/cache unless {@code env} says otherwise. */
    private static Run heaptrail(Map<String, String> extraEnv, Path javaHome, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin").resolve("heaptrail").toString()));
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command).directory(WORK.toFile());
        Map<String, String> env = b.environment();
        env.keySet().removeIf(k -> k.startsWith("HEAPTRAIL_") || k.equals("JAVA_HOME") || k.startsWith("MAVEN"));
        env.put("PATH", tools.toString());
        if (javaHome != null) {
            env.put("JAVA_HOME", javaHome.toString());
        }
        env.put("XDG_CACHE_HOME", WORK.resolve("cache").toString());
        env.putAll(extraEnv);
        try (ChildProcess p = ChildProcess.start(b, false)) {
            int code = p.waitFor(Duration.ofSeconds(120));
            return new Run(code, p.output());
        }
    }

    private static Path java17() {
        return Path.of(System.getProperty("java.home"));
    }

    @Test
    void theArchiveHoldsTheLauncherTheJarsDeployAndTheLicences() throws Exception {
        assertThat(Files.isExecutable(home.resolve("bin/heaptrail"))).isTrue();
        assertThat(home.resolve("lib/heaptrail.jar")).isRegularFile();
        assertThat(home.resolve("lib/heaptrail-agent.jar")).isRegularFile();
        assertThat(home.resolve("deploy/prometheus/heaptrail-rules.yml")).isRegularFile();
        assertThat(home.resolve("deploy/grafana/heaptrail-dashboard.json")).isRegularFile();
        assertThat(home.resolve("deploy/kubernetes/deployment.yaml")).isRegularFile();
        assertThat(home.resolve("deploy/kubernetes/prometheusrule.yaml")).isRegularFile();
        assertThat(home.resolve("README.md")).isRegularFile();
        assertThat(Files.readString(home.resolve("licences/THIRD-PARTY.txt"))).contains("info.picocli:picocli", "jackson-core",
                "fastutil", "async-profiler", "prometheus-metrics-core");
        assertThat(Files.readString(home.resolve("licences/d3.LICENSE"))).contains("Mike Bostock");
        assertThat(Files.readString(home.resolve("licences/dagre.LICENSE"))).contains("MIT");
        Path zip = Path.of("target", "heaptrail-" + VERSION + ".zip");
        assertThat(zip).isRegularFile();
        assertThat(Files.size(zip)).isGreaterThan(Files.size(home.resolve("lib/heaptrail.jar")) / 2);
    }

    @Test
    void histoAndAnalyzeReadARealDump() throws Exception {
        Path dir = WORK.resolve("dump");
        KnownHeapDump.Result known = KnownHeapDump.create(Jdks.current(), List.of("-Xmx128m"), dir, false);
        Run histo = heaptrail(java17(), "histo", known.dump().toString(), "--format", "json");
        assertThat(histo.exitCode()).as(histo.output()).isZero();
        // the JVM's own class histogram, taken just before the dump, says how many
        Matcher m = Pattern.compile("\\s+\\d+:\\s+(\\d+)\\s+\\d+\\s+" + Pattern.quote(KnownHeap.class.getName() + "$Session") + "\\s")
                .matcher(Files.readString(known.histogram()));
        assertThat(m.find()).as("KnownHeap$Session in the JVM's histogram").isTrue();
        JsonNode json = new ObjectMapper().readTree(histo.output().substring(histo.output().indexOf('{')));
        long sessions = -1;
        for (JsonNode c : json.get("classes")) {
            if (c.get("class").asText().equals(KnownHeap.class.getName() + "$Session")) {
                sessions = c.get("instances").asLong();
            }
        }
        assertThat(sessions).isEqualTo(Long.parseLong(m.group(1)));

        Run analyze = heaptrail(java17(), "analyze", known.dump().toString(), "--threshold", "1");
        assertThat(analyze.exitCode()).as(analyze.output()).isIn(0, 1);
        assertThat(analyze.output()).contains("Suspect 1:", "leak trace:");
    }

    /**
     * The launcher gives histo (memory that does not grow with the dump) the serial collector and
     * no performance-data file, unless the user chose a collector; other commands keep the JVM's.
     */
    @Test
    void histoRunsOnTheSerialCollectorUnlessTheUserChoseOne() throws Exception {
        Path dir = WORK.resolve("gc-dump");
        KnownHeapDump.Result known = KnownHeapDump.create(Jdks.current(), List.of("-Xmx64m"), dir, false);
        String dump = known.dump().toString();
        Run histo = heaptrail(Map.of("HEAPTRAIL_JAVA_OPTS", "-XX:+PrintCommandLineFlags"), java17(), "histo", dump, "--top", "1");
        assertThat(histo.exitCode()).as(histo.output()).isZero();
        assertThat(flags(histo)).contains("-XX:+UseSerialGC", "-XX:-UsePerfData");

        Run chosen = heaptrail(Map.of("HEAPTRAIL_JAVA_OPTS", "-XX:+UseParallelGC -XX:+PrintCommandLineFlags"), java17(),
                "histo", dump, "--top", "1");
        assertThat(chosen.exitCode()).as(chosen.output()).isZero();
        assertThat(flags(chosen)).contains("-XX:+UseParallelGC").doesNotContain("UseSerialGC");
        assertThat(chosen.output()).contains("1:");

        Run tool = heaptrail(Map.of("JAVA_TOOL_OPTIONS", "-XX:+UseParallelGC", "HEAPTRAIL_JAVA_OPTS", "-XX:+PrintCommandLineFlags"),
                java17(), "histo", dump, "--top", "1");
        assertThat(tool.exitCode()).as(tool.output()).isZero();
        assertThat(flags(tool)).contains("-XX:+UseParallelGC").doesNotContain("UseSerialGC");

        Run info = heaptrail(Map.of("HEAPTRAIL_JAVA_OPTS", "-XX:+PrintCommandLineFlags"), java17(), "info", dump);
        assertThat(info.exitCode()).as(info.output()).isZero();
        assertThat(flags(info)).doesNotContain("UseSerialGC", "UsePerfData");
    }

    /** The line -XX:+PrintCommandLineFlags prints first: the options the JVM ran with. */
    private static String flags(Run run) {
        return run.output().lines().filter(l -> l.startsWith("-XX:")).findFirst()
                .orElseThrow(() -> new AssertionError("no flags line in: " + run.output()));
    }

    @Test
    void watchFollowsARealJvmAndAgentPathIsTheOneInLib() throws Exception {
        try (ChildProcess target = ChildProcess.start(ChildProcess.javaCommand(Jdks.current(), List.of("-Xmx64m"),
                KnownHeap.class.getName(), List.of()))) {
            target.await(Pattern.compile("^ready "), Duration.ofSeconds(60));
            Run watch = heaptrail(java17(), "watch", Long.toString(target.pid()), "--interval", "300ms", "--duration", "2s",
                    "--format", "json");
            assertThat(watch.exitCode()).as(watch.output()).isIn(0, 1);
            JsonNode json = new ObjectMapper().readTree(watch.output().substring(watch.output().indexOf('{')));
            assertThat(json.get("pid").asLong()).isEqualTo(target.pid());
            assertThat(json.get("kind").asText()).isEqualTo("jvm");
            assertThat(json.get("samples").size()).isGreaterThanOrEqualTo(4);
        }
        Run agent = heaptrail(java17(), "agent", "path");
        assertThat(agent.exitCode()).as(agent.output()).isZero();
        assertThat(agent.output().strip()).isEqualTo(home.resolve("lib/heaptrail-agent.jar").toString());
    }

    @Test
    void withoutJavaOrWithAnOldOneItSaysSo() throws Exception {
        Run none = heaptrail(null, "--version");
        assertThat(none.exitCode()).isEqualTo(4);
        assertThat(none.output()).isEqualTo("heaptrail: needs Java 17 or later, and found none: set JAVA_HOME to one,"
                + " or put its bin/java on the PATH");
        Run wrongHome = heaptrail(WORK, "--version");
        assertThat(wrongHome.exitCode()).isEqualTo(4);
        assertThat(wrongHome.output()).contains("JAVA_HOME=" + WORK + " has no bin/java");
        Path jdk11 = Jdks.find(11).orElseThrow(() -> new AssertionError("a JDK 11 (.ci/setup installs one)")).getParent().getParent();
        Run old = heaptrail(jdk11, "--version");
        assertThat(old.exitCode()).isEqualTo(4);
        assertThat(old.output()).startsWith("heaptrail: needs Java 17 or later; ").contains("is Java 11");
        Run ok = heaptrail(java17(), "--version");
        assertThat(ok.exitCode()).as(ok.output()).isZero();
        assertThat(ok.output()).contains(VERSION);
    }

    /**
     * Start-up: the first run has a class-data archive made for this jar and this Java, in the
     * background; the next runs map it (the JVM's class-loading log says where each class came from)
     * and print the same; a jar newer than the archive is not run with it, and gets a fresh one.
     */
    @Test
    void theFirstRunHasAClassDataArchiveMadeThatTheNextRunsUse() throws Exception {
        Path cache = WORK.resolve("cds-cache");
        deleteTree(cache);
        Path dir = WORK.resolve("cds-dump");
        KnownHeapDump.Result known = KnownHeapDump.create(Jdks.current(), List.of("-Xmx64m"), dir, false);
        Path log = WORK.resolve("cds-class-load.log");
        Map<String, String> env = Map.of("XDG_CACHE_HOME", cache.toString(),
                "HEAPTRAIL_JAVA_OPTS", "-Xlog:class+load=info:file=" + log);

        Run first = heaptrail(env, java17(), "histo", known.dump().toString(), "--top", "5");
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(Files.readString(log)).contains("dev.heaptrail.cli.Main source: file:");
        Path archive = awaitArchive(cache.resolve("heaptrail/cds"), null);

        Run second = heaptrail(env, java17(), "histo", known.dump().toString(), "--top", "5");
        assertThat(second.exitCode()).as(second.output()).isZero();
        assertThat(second.output()).isEqualTo(first.output());
        String loaded = Files.readString(log);
        assertThat(loaded).contains("dev.heaptrail.cli.Main source: shared objects file",
                "dev.heaptrail.cli.HistoCommand source: shared objects file",
                "dev.heaptrail.hprof.HprofReader source: shared objects file");

        // a new jar (an upgrade in place): the old archive is not mapped, and a new one is made
        java.nio.file.attribute.FileTime made = Files.getLastModifiedTime(archive);
        Files.setLastModifiedTime(home.resolve("lib/heaptrail.jar"),
                java.nio.file.attribute.FileTime.fromMillis(made.toMillis() + 2000));
        Run upgraded = heaptrail(env, java17(), "histo", known.dump().toString(), "--top", "5");
        assertThat(upgraded.output()).isEqualTo(first.output());
        assertThat(Files.readString(log)).contains("dev.heaptrail.cli.Main source: file:");
        assertThat(awaitArchive(cache.resolve("heaptrail/cds"), made)).isEqualTo(archive);

        // a damaged archive (a full disk, another JDK's): the JVM refuses it, heaptrail runs as without,
        // and has it made again
        Files.delete(archive); // the JVM writes archives read-only
        Files.write(archive, new byte[4096]);
        java.nio.file.attribute.FileTime damaged = Files.getLastModifiedTime(archive);
        Run refused = heaptrail(env, java17(), "histo", known.dump().toString(), "--top", "5");
        assertThat(refused.exitCode()).as(refused.output()).isZero();
        assertThat(refused.output()).isEqualTo(first.output());
        assertThat(Files.readString(log)).contains("dev.heaptrail.cli.Main source: file:");
        awaitArchive(cache.resolve("heaptrail/cds"), damaged);
        Run repaired = heaptrail(env, java17(), "histo", known.dump().toString(), "--top", "5");
        assertThat(repaired.output()).isEqualTo(first.output());
        assertThat(Files.readString(log)).contains("dev.heaptrail.cli.Main source: shared objects file");

        // HEAPTRAIL_CDS=off: no archive mapped even where one is fresh
        Run off = heaptrail(Map.of("XDG_CACHE_HOME", cache.toString(), "HEAPTRAIL_CDS", "off",
                "HEAPTRAIL_JAVA_OPTS", "-Xlog:class+load=info:file=" + log), java17(), "histo", known.dump().toString(), "--top", "5");
        assertThat(off.output()).isEqualTo(first.output());
        assertThat(Files.readString(log)).contains("dev.heaptrail.cli.Main source: file:");

        // archives of other installs and Javas (1 to 5 days old): making one keeps the four newest
        Path cds = cache.resolve("heaptrail/cds");
        java.time.Instant now = java.time.Instant.now();
        for (int d = 1; d <= 5; d++) {
            Path other = Files.write(cds.resolve("heaptrail-" + d + ".jsa"), new byte[4096]);
            Files.setLastModifiedTime(other, java.nio.file.attribute.FileTime.from(now.minus(Duration.ofDays(d))));
        }
        java.nio.file.attribute.FileTime before = Files.getLastModifiedTime(archive);
        Files.setLastModifiedTime(home.resolve("lib/heaptrail.jar"),
                java.nio.file.attribute.FileTime.fromMillis(Math.max(before.toMillis(), now.toEpochMilli()) + 2000));
        assertThat(heaptrail(env, java17(), "--help").exitCode()).isZero();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        List<String> left = List.of();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(cds)) {
                left = files.map(p -> p.getFileName().toString()).sorted().toList();
            }
            if (Files.getLastModifiedTime(archive).compareTo(before) > 0
                    && left.stream().noneMatch(n -> n.endsWith(".building") || n.endsWith(".tmp"))) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(left.stream().filter(n -> n.endsWith(".jsa")).toList())
                .containsExactlyInAnyOrder(archive.getFileName().toString(), "heaptrail-1.jsa", "heaptrail-2.jsa",
                        "heaptrail-3.jsa");
    }

    /** Huge pages for the heap exactly where the kernel hands them out on request (its THP mode is madvise). */
    @Test
    void theHeapGetsHugePagesWhereTheKernelGivesThemOnRequest() throws Exception {
        Path thp = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        boolean onRequest = Files.isReadable(thp) && Files.readString(thp).contains("[madvise]");
        Run flags = heaptrail(Map.of("HEAPTRAIL_JAVA_OPTS", "-XX:+PrintFlagsFinal"), java17(), "--version");
        assertThat(flags.exitCode()).as(flags.output()).isZero();
        assertThat(flags.output()).containsPattern("bool UseTransparentHugePages\\s+= " + onRequest + "\\s");
        // and a user's own choice wins
        Run off = heaptrail(Map.of("HEAPTRAIL_JAVA_OPTS", "-XX:-UseTransparentHugePages -XX:+PrintFlagsFinal"), java17(), "--version");
        assertThat(off.output()).containsPattern("bool UseTransparentHugePages\\s+= false\\s");
    }

    /** The one archive in {@code dir}, once complete and (when {@code after} is given) newer than that. */
    private static Path awaitArchive(Path dir, java.nio.file.attribute.FileTime after) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    List<Path> all = files.toList();
                    List<Path> archives = all.stream().filter(p -> p.toString().endsWith(".jsa")).toList();
                    boolean building = all.stream().anyMatch(p -> p.toString().endsWith(".building") || p.toString().endsWith(".tmp"));
                    if (archives.size() == 1 && !building
                            && (after == null || Files.getLastModifiedTime(archives.get(0)).compareTo(after) > 0)) {
                        return archives.get(0);
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no class-data archive made in " + dir + " within 120 s");
    }

    /**
     * The container image's Java runtime, made here as its Dockerfile makes it (jlink, the modules it
     * names; no Docker needed): it holds every module jdeps finds in the CLI jar, and heaptrail runs on
     * it against a real JVM (attach and JMX over RMI, jcmd for a gzipped dump).
     */
    @Test
    void theImagesJavaRuntimeHoldsWhatHeaptrailNeeds() throws Exception {
        String dockerfile = Files.readString(home.resolve("Dockerfile"));
        Matcher m = Pattern.compile("--add-modules (\\S+)").matcher(dockerfile);
        assertThat(m.find()).as("the Dockerfile's jlink --add-modules").isTrue();
        List<String> modules = List.of(m.group(1).split(","));
        Path jdk = java17();
        Process jdeps = new ProcessBuilder(jdk.resolve("bin/jdeps").toString(), "--multi-release", "17", "--ignore-missing-deps",
                "--print-module-deps", home.resolve("lib/heaptrail.jar").toString()).redirectErrorStream(true).start();
        String needed = new String(jdeps.getInputStream().readAllBytes()).strip();
        assertThat(jdeps.waitFor()).as(needed).isZero();
        assertThat(modules).containsAll(List.of(needed.split(",")));

        Path runtime = WORK.resolve("image-java");
        Process jlink = new ProcessBuilder(jdk.resolve("bin/jlink").toString(), "--add-modules", m.group(1), "--strip-debug",
                "--no-header-files", "--no-man-pages", "--output", runtime.toString()).redirectErrorStream(true).start();
        String said = new String(jlink.getInputStream().readAllBytes());
        assertThat(jlink.waitFor()).as(said).isZero();
        try (ChildProcess target = ChildProcess.start(ChildProcess.javaCommand(Jdks.current(), List.of("-Xmx64m"),
                KnownHeap.class.getName(), List.of()))) {
            target.await(Pattern.compile("^ready "), Duration.ofSeconds(60));
            String pid = Long.toString(target.pid());
            Run histo = heaptrail(runtime, "histo", pid, "--top", "5", "--format", "json");
            assertThat(histo.exitCode()).as(histo.output()).isZero();
            assertThat(histo.output()).contains("\"classes\"");
            Run watch = heaptrail(runtime, "watch", pid, "--interval", "300ms", "--duration", "1s", "--format", "json");
            assertThat(watch.exitCode()).as(watch.output()).isIn(0, 1);
            assertThat(watch.output()).contains("\"kind\" : \"jvm\"");
            Path dump = WORK.resolve("image-dump.hprof.gz");
            Run gz = heaptrail(runtime, "dump", pid, "-o", dump.toString(), "--gz");
            assertThat(gz.exitCode()).as(gz.output()).isZero();
            assertThat(dump).isRegularFile();
        }
    }

    private static void deleteTree(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
