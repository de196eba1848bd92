package dev.heaptrail.cli;

import dev.heaptrail.analysis.HeapAnalysis;
import dev.heaptrail.analysis.suspects.LeakSuspects;
import dev.heaptrail.demo.SessionStoreService;
import dev.heaptrail.heap.index.HeapIndexBuilder;
import dev.heaptrail.report.HeapTotals;
import dev.heaptrail.report.HistogramResult;
import dev.heaptrail.report.Renderers;
import dev.heaptrail.report.SuspectsResult;
import dev.heaptrail.heap.ClassHistogram;
import dev.heaptrail.heap.ClassHistogramBuilder;
import dev.heaptrail.hprof.HprofReader;
import dev.heaptrail.live.HeapDumper;
import dev.heaptrail.report.Bytes;
import dev.heaptrail.report.OutputFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

@Command(name = "demo", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = {"Diagnoses a bundled leaky service, start to finish.",
            "Starts the demo service in a child JVM (a session store that never evicts), lets it serve "
                + "requests, dumps its heap (0600) and shows what holds the memory."},
        footer = {"", "Examples:", "  heaptrail demo", "  heaptrail demo --requests 50000 --dir /tmp/demo"})
final class DemoCommand implements java.util.concurrent.Callable<Integer> {

    private static final String SESSION_CLASS = "dev.heaptrail.demo.UserSession";

    @ParentCommand
    HeaptrailCommand root;

    @Option(names = "--requests", paramLabel = "N", defaultValue = "20000",
            description = "Requests the demo service handles before the dump (default: ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Where to write the dump (default: a folder of yours under the system temp directory).")
    Path dir;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        if (format != OutputFormat.TEXT && format != OutputFormat.JSON) { // checked before the service starts
            throw new UsageException("demo prints text or json, not " + format.label());
        }
        if (requests < 1 || requests > 2_000_000) {
            throw new UsageException("--requests must be between 1 and 2000000, not " + requests);
        }
        PrintStream say = format == OutputFormat.TEXT ? root.out : root.err;
        Path folder = dir != null ? dir : Path.of(System.getProperty("java.io.tmpdir"), "heaptrail-demo-" + System.getProperty("user.name"));
        Path dump = prepare(folder).resolve("session-store.hprof");
        say.println("heaptrail demo: a session store that never evicts");
        Process child = startService();
        try {
            String ready = awaitReady(child);
            say.println("  the demo service (pid " + child.pid() + ") handled " + Bytes.count(requests)
                    + " requests; its store now holds " + Bytes.count(Long.parseLong(ready.split(" ")[2])) + " sessions");
            say.println("  dumping its heap to " + dump);
            HeapDumper.dump(child.pid(), dump, true);
        } finally {
            stop(child);
        }
        say.println("  dump written: " + Bytes.human(Files.size(dump)) + ", readable only by you (0600)");
        ClassHistogram histogram;
        try (HprofReader reader = HprofReader.open(dump)) {
            histogram = ClassHistogramBuilder.build(reader, ProgressBar.forTerminal(root.err, "reading", common.quiet));
        }
        Renderers renderers = Renderers.standard();
        int classes = histogram.rows().size();
        if (format == OutputFormat.JSON) {
            renderers.render(new HistogramResult(histogram, classes, OptionalInt.of(20)), OutputFormat.JSON, root.out);
            return ExitCodes.OK;
        }
        // a tour, not a result: text narrates around the same renderers the commands use
        root.out.println();
        root.out.println("Largest classes in the demo's heap:");
        renderers.render(new HistogramResult(histogram, classes, OptionalInt.of(8)), OutputFormat.TEXT, root.out);
        root.out.println();
        root.out.println("What holds the memory (heaptrail analyze):");
        HeapAnalysis analysis = HeapAnalysis.of(HeapIndexBuilder.build(dump, ProgressBar.forTerminal(root.err, "indexing", common.quiet)));
        // the demo's dump is small: its index stays in the heap
        renderers.render(new SuspectsResult(HeapTotals.of(analysis), LeakSuspects.find(analysis, 10, 1)), OutputFormat.TEXT, root.out);
        explain(histogram, dump);
        return ExitCodes.OK;
    }

    private void explain(ClassHistogram histogram, Path dump) {
        ClassHistogram.Row sessions = histogram.rows().stream().filter(r -> r.className().equals(SESSION_CLASS))
                .findFirst().orElse(null);
        root.out.println();
        if (sessions != null) {
            root.out.println("What it shows: " + Bytes.count(sessions.instances()) + " " + SESSION_CLASS
                    + " objects are alive, one per request ever served, each with its byte[] render cache and");
            root.out.println("HashMap of attributes: the static SessionStore.SESSIONS map adds a session per login and never removes one.");
        }
        String self = System.getProperty("heaptrail.launcher", "heaptrail"); // as the user typed it
        root.out.println("Next: " + self + " analyze " + dump);
        root.out.println("      " + self + " dominators " + dump + " --depth 3");
        root.out.println("      " + self + " histo " + dump + " --filter 'dev\\.heaptrail\\.demo'");
    }

    private static Path prepare(Path folder) throws IOException {
        Files.createDirectories(folder);
        try {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // not POSIX: the folder keeps the platform's default ACL
        }
        Files.deleteIfExists(folder.resolve("session-store.hprof"));
        return folder;
    }

    private Process startService() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(java.toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                SessionStoreService.class.getName(), Integer.toString(requests));
        try {
            return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new EnvironmentException("cannot start the demo service with " + java + ": " + e.getMessage(), e);
        }
    }

    private static String awaitReady(Process child) throws InterruptedException {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                String l;
                while ((l = out.readLine()) != null) {
                    if (l.startsWith("ready ")) {
                        return l;
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        try {
            String ready = line.get(120, TimeUnit.SECONDS);
            if (ready == null) {
                throw new EnvironmentException("the demo service exited before it was ready (exit code "
                        + child.waitFor() + ")", null);
            }
            return ready;
        } catch (TimeoutException | ExecutionException e) {
            throw new EnvironmentException("the demo service did not get ready within 120 s", e);
        }
    }

    private static void stop(Process child) throws InterruptedException {
        try (OutputStream in = child.getOutputStream()) {
            in.write('\n');
        } catch (IOException e) {
            // it already exited: nothing to tell it
        }
        if (!child.waitFor(10, TimeUnit.SECONDS)) {
            child.destroyForcibly();
        }
    }
}
