package dev.heaptrail.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.heaptrail.testkit.Jdks;
import dev.heaptrail.testkit.JvmHistogram;
import dev.heaptrail.testkit.KnownHeap;
import dev.heaptrail.testkit.KnownHeapDump;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The commands' public contract: JSON field names, formats, options and exit codes. */
class CommandsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static KnownHeapDump.Result known;
    static KnownHeapDump.Result knownGz;

    @BeforeAll
    static void dumps() throws Exception {
        known = KnownHeapDump.create(Jdks.current(), List.of("-Xmx128m"), Path.of("target", "known"), false);
        knownGz = KnownHeapDump.create(Jdks.current(), List.of("-Xmx128m"), Path.of("target", "known-gz"), true);
    }

    @Test
    void histoJsonIsTheDocumentedContract() throws Exception {
        CliRun run = CliRun.of("histo", known.dump().toString(), "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode root = JSON.readTree(run.out());
        Map<String, JsonNode> byClass = new HashMap<>();
        long instances = 0;
        long bytes = 0;
        long previous = Long.MAX_VALUE;
        for (JsonNode row : root.get("classes")) {
            byClass.put(row.get("class").asText(), row);
            instances += row.get("instances").asLong();
            bytes += row.get("shallowBytes").asLong();
            assertThat(row.get("shallowBytes").asLong()).isLessThanOrEqualTo(previous);
            previous = row.get("shallowBytes").asLong();
        }
        assertThat(root.get("totalInstances").asLong()).isEqualTo(instances);
        assertThat(root.get("totalBytes").asLong()).isEqualTo(bytes);
        for (Map.Entry<String, Integer> e : KnownHeap.EXPECTED.entrySet()) {
            assertThat(byClass.get(e.getKey()).get("instances").asLong()).as(e.getKey()).isEqualTo(e.getValue().longValue());
        }
        JvmHistogram truth = JvmHistogram.parse(known.histogram());
        for (String name : List.of("byte[]", "java.lang.String", "java.lang.String[]", "int[][]", "long[]")) {
            JvmHistogram.Row t = truth.rows().stream().filter(r -> r.className().equals(name)).findFirst().orElseThrow();
            assertThat(byClass.get(name).get("instances").asLong()).as(name).isEqualTo(t.instances());
            assertThat(byClass.get(name).get("shallowBytes").asLong()).as(name).isEqualTo(t.bytes());
        }
    }

    @Test
    void gzipDumpsGiveTheSameCountsAsTheJvm() throws Exception {
        CliRun run = CliRun.of("histo", knownGz.dump().toString(), "--format", "json", "--filter", "KnownHeap\\$");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode root = JSON.readTree(run.out());
        assertThat(root.get("classes")).hasSize(KnownHeap.EXPECTED.size() + countLambdaAndHelperRows(root));
        for (JsonNode row : root.get("classes")) {
            Integer expected = KnownHeap.EXPECTED.get(row.get("class").asText());
            if (expected != null) {
                assertThat(row.get("instances").asLong()).isEqualTo(expected.longValue());
            }
        }
    }

    private static int countLambdaAndHelperRows(JsonNode root) {
        int n = 0;
        for (JsonNode row : root.get("classes")) {
            if (!KnownHeap.EXPECTED.containsKey(row.get("class").asText())) {
                n++;
            }
        }
        return n;
    }

    @Test
    void topFilterAndCsv() {
        CliRun top = CliRun.of("histo", known.dump().toString(), "--top", "3", "--format", "csv");
        assertThat(top.exitCode()).isZero();
        List<String> lines = top.out().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("class,instances,shallowBytes");
        assertThat(lines.get(1)).startsWith("byte[],");

        CliRun filtered = CliRun.of("histo", known.dump().toString(), "--filter", "KnownHeap\\$(Node|Mixed)$", "--format", "csv");
        assertThat(filtered.out().lines().skip(1).map(l -> l.split(",")[0]).sorted().toList())
                .containsExactly(KnownHeap.class.getName() + "$Mixed", KnownHeap.class.getName() + "$Node");

        CliRun text = CliRun.of("histo", known.dump().toString(), "--top", "5");
        assertThat(text.out()).contains("byte[]").contains("whole heap").contains("more classes").contains("object layout: 12-byte headers");
        assertThat(text.out().lines().filter(l -> l.matches("\\s+\\d+:.*")).count()).isEqualTo(5);
    }

    @Test
    void infoTellsFormatJvmAndCounts() throws Exception {
        CliRun run = CliRun.of("info", knownGz.dump().toString(), "--format", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode info = JSON.readTree(run.out());
        assertThat(info.get("compressed").asBoolean()).isTrue();
        assertThat(info.get("idSize").asInt()).isEqualTo(8);
        assertThat(info.get("format").asText()).isEqualTo("JAVA PROFILE 1.0.2");
        assertThat(info.get("jvm").asText()).contains(System.getProperty("java.version"));
        assertThat(info.get("objects").asLong()).isEqualTo(info.get("instances").asLong()
                + info.get("objectArrays").asLong() + info.get("primitiveArrays").asLong());
        assertThat(info.get("gcRootsByKind").get("ROOT_THREAD_OBJECT").asLong()).isPositive();
        assertThat(info.get("records").get("HEAP_DUMP_END").asLong()).isEqualTo(1);
        assertThat(Math.abs(info.get("timestampMillis").asLong() - Files.getLastModifiedTime(knownGz.dump()).toMillis())).isLessThan(120_000);

        CliRun text = CliRun.of("info", known.dump().toString());
        assertThat(text.out()).contains("JAVA PROFILE 1.0.2, 8-byte identifiers").contains("jvm:").contains("gc roots:");
    }

    @Test
    void dominatorsJsonListsTheTopOfTheTreeLargestFirst() throws Exception {
        CliRun run = CliRun.of("dominators", known.dump().toString(), "--format", "json", "--top", "5", "--depth", "2", "--quiet");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode root = JSON.readTree(run.out());
        JsonNode histo = JSON.readTree(CliRun.of("histo", known.dump().toString(), "--format", "json").out());
        assertThat(root.get("reachableBytes").asLong() + root.get("unreachableBytes").asLong())
                .isEqualTo(histo.get("totalBytes").asLong());
        JsonNode top = root.get("dominators");
        assertThat(top).hasSize(5);
        long previous = Long.MAX_VALUE;
        for (JsonNode d : top) {
            long retained = d.get("retainedBytes").asLong();
            assertThat(retained).isLessThanOrEqualTo(previous).isGreaterThanOrEqualTo(d.get("shallowBytes").asLong());
            previous = retained;
            assertThat(d.get("id").asText()).startsWith("0x");
            long children = 0;
            for (JsonNode c : d.path("children")) {
                children += c.get("retainedBytes").asLong();
            }
            assertThat(children + d.get("shallowBytes").asLong()).isLessThanOrEqualTo(retained);
        }
        CliRun byClass = CliRun.of("dominators", known.dump().toString(), "--by-class", "--format", "json", "--quiet");
        JsonNode classes = JSON.readTree(byClass.out()).get("classes");
        assertThat(classes.get(0).get("retainedBytes").asLong()).isGreaterThanOrEqualTo(classes.get(1).get("retainedBytes").asLong());
        assertThat(CliRun.of("dominators", known.dump().toString(), "--top", "3", "--quiet").out())
                .contains("reachable:").contains("unreachable:").contains("%");
    }

    @Test
    void pathNamesTheStaticFieldTheFieldsAndTheIndexThatHoldAnObject() throws Exception {
        CliRun run = CliRun.of("path", known.dump().toString(), "--class", KnownHeap.class.getName() + "$Session",
                "--limit", "2", "--format", "json", "--quiet");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode paths = JSON.readTree(run.out()).get("paths");
        assertThat(paths).hasSize(2);
        for (JsonNode p : paths) {
            JsonNode steps = p.get("path");
            int n = steps.size();
            assertThat(steps.get(0).has("rootKind")).isTrue();
            assertThat(steps.get(n - 1).get("field").asText()).isEqualTo("value");
            assertThat(steps.get(n - 1).get("id").asText()).isEqualTo(p.get("id").asText());
            int i = n - 2;
            while (steps.get(i).path("field").asText().equals("next")) {
                i--; // a bucket's collision chain: HashMap$Node.next
            }
            assertThat(steps.get(i).get("index").asInt()).isNotNegative();
            assertThat(steps.get(i - 1).get("field").asText()).isEqualTo("table");
            assertThat(steps.get(i - 2).get("class").asText()).isEqualTo("java.util.HashMap");
            assertThat(steps.get(i - 2).get("field").asText()).isEqualTo("STORE");
            assertThat(steps.get(i - 2).get("static").asBoolean()).isTrue();
            assertThat(steps.get(i - 3).get("class").asText()).isEqualTo("class " + KnownHeap.class.getName() + "$Session");
        }
        String id = paths.get(0).get("id").asText();
        CliRun one = CliRun.of("path", known.dump().toString(), "--object", id, "--quiet");
        assertThat(one.exitCode()).isZero();
        assertThat(one.out()).contains(".STORE (static) → java.util.HashMap").contains(".table →").contains(".value → ");
        assertThat(CliRun.of("path", known.dump().toString(), "--object", "0x1", "--quiet").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void anIndexOnDiskGivesTheSameAnswersAsOneInTheHeap() throws Exception {
        Path dir = Path.of("target", "index-dir-test");
        CliRun mapped = CliRun.of("analyze", known.dump().toString(), "--format", "json", "--quiet", "--index-dir", dir.toString());
        CliRun inHeap = CliRun.of("analyze", known.dump().toString(), "--format", "json", "--quiet", "--in-heap");
        assertThat(mapped.exitCode()).as(mapped.err()).isEqualTo(ExitCodes.FINDING);
        assertThat(JSON.readTree(mapped.out())).isEqualTo(JSON.readTree(inHeap.out()));
        CliRun dominators = CliRun.of("dominators", known.dump().toString(), "--format", "json", "--quiet", "--index-dir", dir.toString());
        CliRun dominatorsInHeap = CliRun.of("dominators", known.dump().toString(), "--format", "json", "--quiet", "--in-heap");
        assertThat(JSON.readTree(dominators.out())).isEqualTo(JSON.readTree(dominatorsInHeap.out()));

        CliRun nowhere = CliRun.of("analyze", known.dump().toString(), "--quiet", "--index-dir", "/proc/heaptrail-cannot-be-here");
        assertThat(nowhere.exitCode()).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(nowhere.oneLineError()).contains("cannot create the index folder /proc/heaptrail-cannot-be-here").contains("--in-heap");
    }

    @Test
    void aHeapWithoutObjectsHasNoSuspectAndNoTree() throws Exception {
        dev.heaptrail.testkit.HprofWriter w = new dev.heaptrail.testkit.HprofWriter("JAVA PROFILE 1.0.2", 8, 1_700_000_000_000L);
        w.record(0x1C, new byte[0]); // one empty HEAP DUMP SEGMENT
        w.record(0x2C, new byte[0]);
        Path empty = w.writeTo(Path.of("target", "empty-heap", "empty.hprof"));
        for (String where : new String[] {"--in-heap", "--index-dir=target/empty-heap/index"}) {
            CliRun analyze = CliRun.of("analyze", empty.toString(), "--format", "json", "--quiet", where);
            assertThat(analyze.exitCode()).as(analyze.err()).isZero();
            JsonNode root = JSON.readTree(analyze.out());
            assertThat(root.get("suspects")).isEmpty();
            assertThat(root.get("reachableBytes").asLong()).isZero();
            CliRun dominators = CliRun.of("dominators", empty.toString(), "--quiet", where);
            assertThat(dominators.exitCode()).as(dominators.err()).isZero();
            assertThat(dominators.out()).contains("reachable:   0 objects");
        }
    }

    @Test
    void theIndexIsReusedWhileValidAndRebuiltWhenStaleOrDamaged() throws Exception {
        Path copy = Path.of("target", "reuse", "heap.hprof");
        Files.createDirectories(copy.getParent());
        Files.copy(known.dump(), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path dir = Path.of("target", "reuse", "index");
        CliRun first = CliRun.of("analyze", copy.toString(), "--format", "json", "--index-dir", dir.toString());
        assertThat(first.err()).doesNotContain("reusing");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        try (var saved = Files.list(dir)) {
            List<Path> files = saved.filter(Files::isRegularFile).collect(java.util.stream.Collectors.toList());
            assertThat(files).extracting(f -> f.getFileName().toString()).contains("meta.bin", "model.bin", "addresses.bin");
            assertThat(files).allSatisfy(f -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                    .as("%s", f).isEqualTo("rw-------"));
        }
        CliRun second = CliRun.of("analyze", copy.toString(), "--format", "json", "--index-dir", dir.toString());
        assertThat(second.err()).contains("reusing the index in " + dir);
        assertThat(JSON.readTree(second.out())).isEqualTo(JSON.readTree(first.out()));

        byte[] model = Files.readAllBytes(dir.resolve("model.bin"));
        model[model.length / 2] ^= 0x40;
        Files.write(dir.resolve("model.bin"), model);
        CliRun damaged = CliRun.of("analyze", copy.toString(), "--format", "json", "--index-dir", dir.toString());
        assertThat(damaged.err()).contains("rebuilding the index").contains("damaged");
        assertThat(JSON.readTree(damaged.out())).isEqualTo(JSON.readTree(first.out()));

        for (String array : new String[] {"inSources.bin", "kinds.bin"}) {
            // one flipped bit inside an array: sizes still match, only the checksum can tell
            byte[] bytes = Files.readAllBytes(dir.resolve(array));
            bytes[bytes.length / 3] ^= 0x04;
            Files.write(dir.resolve(array), bytes);
            CliRun flipped = CliRun.of("analyze", copy.toString(), "--format", "json", "--index-dir", dir.toString());
            assertThat(flipped.err()).contains("rebuilding the index").contains("checksum of " + array.replace(".bin", ""));
            assertThat(JSON.readTree(flipped.out())).isEqualTo(JSON.readTree(first.out()));
        }

        Files.setLastModifiedTime(copy, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        CliRun stale = CliRun.of("analyze", copy.toString(), "--format", "json", "--index-dir", dir.toString());
        assertThat(stale.err()).contains("rebuilding the index").contains("another version of the dump");
        assertThat(JSON.readTree(stale.out())).isEqualTo(JSON.readTree(first.out()));

        Files.delete(dir.resolve("outTargets.bin"));
        CliRun missing = CliRun.of("dominators", copy.toString(), "--format", "json", "--index-dir", dir.toString());
        assertThat(missing.err()).contains("rebuilding the index");
        assertThat(missing.exitCode()).isZero();
    }

    @Test
    void aCompressedDumpGivesTheSameSuspectsWithTheirTraces() throws Exception {
        JsonNode plain = JSON.readTree(CliRun.of("analyze", known.dump().toString(), "--format", "json", "--quiet", "--in-heap").out());
        JsonNode gz = JSON.readTree(CliRun.of("analyze", knownGz.dump().toString(), "--format", "json", "--quiet").out());
        JsonNode a = plain.get("suspects").get(0);
        JsonNode b = gz.get("suspects").get(0);
        assertThat(b.get("description").asText()).isEqualTo(a.get("description").asText());
        assertThat(b.get("pattern").asText()).isEqualTo(a.get("pattern").asText());
        assertThat(b.get("accumulationPoint").get("elements")).isEqualTo(a.get("accumulationPoint").get("elements"));
        JsonNode last = b.get("path").get(b.get("path").size() - 1);
        assertThat(last.get("field").asText()).isEqualTo("KEEP"); // field names read back from the gzip stream
    }

    @Test
    void usageErrorsExitTwo() {
        for (String[] args : List.of(new String[] {"histo"}, new String[] {"histo", "x.hprof", "--top", "-1"},
                new String[] {"histo", "x.hprof", "--filter", "["}, new String[] {"histo", "x.hprof", "--format", "xml"},
                new String[] {"frobnicate"}, new String[] {"info", "4242424"}, new String[] {"info", "x.hprof", "--format", "csv"},
                new String[] {})) {
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(String.join(" ", args) + " → " + run.err()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err()).startsWith("heaptrail: ").doesNotContain("\tat ");
        }
    }

    @Test
    void versionAndHelp() {
        CliRun version = CliRun.of("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("heaptrail 0.");
        assertThat(CliRun.of("-V").out()).isEqualTo(version.out());
        for (String command : HeaptrailCommand.SUBCOMMANDS.keySet()) {
            if (command.equals("help")) {
                continue;
            }
            CliRun help = CliRun.of(command, "--help");
            assertThat(help.exitCode()).isZero();
            assertThat(help.out()).contains("Usage: heaptrail " + command).contains("Examples:").contains("heaptrail " + command);
            assertThat(help.err()).as(command + " --help on stderr (picocli's warnings)").isEmpty();
        }
        String root = CliRun.of("--help").out();
        assertThat(root).contains("Exit codes:");
        // the command list shows each command's first description line: a whole sentence, not one cut off
        Map<String, String> summaries = commandSummaries(root);
        assertThat(summaries.keySet()).containsExactlyElementsOf(HeaptrailCommand.SUBCOMMANDS.keySet());
        summaries.forEach((command, summary) -> assertThat(summary).as(command).matches("[A-Z].*[.?]"));
    }

    /**
     * picocli formats every help text with String.format; a lone % ("1 % of the heap") makes it print a
     * warning to the real stderr, past the streams a test sees, and show the text unformatted.
     */
    @Test
    void everyHelpTextFormatsAsPicocliFormatsIt() {
        CommandLine cl = new CommandLine(new HeaptrailCommand(System.out, System.err));
        HeaptrailCommand.SUBCOMMANDS.forEach(cl::addSubcommand);
        List<String> texts = new ArrayList<>();
        collectHelpTexts(cl, texts);
        assertThat(texts).hasSizeGreaterThan(100);
        for (String text : texts) {
            assertThatCode(() -> String.format(Locale.ROOT, text)).as(text).doesNotThrowAnyException();
        }
    }

    private static void collectHelpTexts(CommandLine cl, List<String> texts) {
        CommandLine.Model.CommandSpec spec = cl.getCommandSpec();
        texts.addAll(List.of(spec.usageMessage().description()));
        texts.addAll(List.of(spec.usageMessage().header()));
        texts.addAll(List.of(spec.usageMessage().footer()));
        // one paragraph an option, wrapped by picocli: lines wrapped by hand rendered at the wrong indent
        spec.options().forEach(o -> assertThat(o.description()).as(spec.qualifiedName() + " " + o.longestName()).hasSize(1));
        spec.options().forEach(o -> texts.addAll(List.of(o.description())));
        spec.positionalParameters().forEach(p -> texts.addAll(List.of(p.description())));
        for (CommandLine sub : cl.getSubcommands().values()) {
            collectHelpTexts(sub, texts);
        }
    }

    /** The "Commands:" section of a help page: each command's summary, its wrapped lines joined. */
    static Map<String, String> commandSummaries(String help) {
        Map<String, String> summaries = new java.util.LinkedHashMap<>();
        String current = null;
        boolean inList = false;
        for (String line : help.split("\\R")) {
            if (line.equals("Commands:")) {
                inList = true;
            } else if (inList && line.isBlank()) {
                break;
            } else if (inList && line.matches("  [a-z]\\S*\\s+\\S.*")) {
                String[] parts = line.strip().split("\\s+", 2);
                current = parts[0];
                summaries.put(current, parts[1]);
            } else if (inList && current != null) {
                summaries.put(current, summaries.get(current) + " " + line.strip());
            }
        }
        return summaries;
    }

    @Test
    void demoRefusesAFormatItDoesNotPrintBeforeStartingAnything() {
        CliRun run = CliRun.of("demo", "--format", "csv");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("demo prints text or json, not csv");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void demoFindsTheSessionsItLeaked() throws Exception {
        Path dir = Path.of("target", "demo-test");
        CliRun run = CliRun.of("demo", "--requests", "3000", "--dir", dir.toString(), "--quiet");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("handled 3,000 requests").contains("3,000 dev.heaptrail.demo.UserSession objects are alive");
        Path dump = dir.resolve("session-store.hprof");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dump))).isEqualTo("rw-------");
        CliRun histo = CliRun.of("histo", dump.toString(), "--filter", "UserSession$", "--format", "csv");
        assertThat(histo.out()).contains("dev.heaptrail.demo.UserSession,3000,");
        assertThat(run.out()).contains("Suspect 1: static field SessionStore.SESSIONS (java.util.HashMap)")
                .contains("unbounded collection in a static field").contains(".SESSIONS (static) → java.util.HashMap");

        CliRun analyze = CliRun.of("analyze", dump.toString(), "--format", "json", "--quiet");
        assertThat(analyze.exitCode()).as(analyze.err()).isEqualTo(ExitCodes.FINDING);
        JsonNode top = JSON.readTree(analyze.out()).get("suspects").get(0);
        assertThat(top.get("rank").asInt()).isEqualTo(1);
        assertThat(top.get("pattern").asText()).isEqualTo("unbounded-static-collection");
        assertThat(top.get("advice").asText()).isNotBlank();
        assertThat(top.get("description").asText()).contains("SessionStore.SESSIONS");
        assertThat(top.get("retainedPercent").asDouble()).isBetween(30.0, 100.0); // 3,000 sessions beside the JDK's own objects
        assertThat(top.get("accumulationPoint").get("class").asText()).isEqualTo("java.util.HashMap");
        assertThat(top.get("accumulationPoint").get("kind").asText()).isEqualTo("map");
        assertThat(top.get("accumulationPoint").get("elements").asLong()).isEqualTo(3000);
        assertThat(top.get("dominantClass").get("class").asText()).isEqualTo("dev.heaptrail.demo.UserSession");
        assertThat(top.get("dominantClass").get("instances").asLong()).isEqualTo(3000);
        JsonNode path = top.get("path");
        assertThat(path.get(0).has("rootKind")).isTrue();
        JsonNode last = path.get(path.size() - 1);
        assertThat(last.get("field").asText()).isEqualTo("SESSIONS");
        assertThat(last.get("static").asBoolean()).isTrue();
        assertThat(top.get("thread").asText()).isEqualTo("main"); // the demo's main thread holds the service in a frame
    }
}
