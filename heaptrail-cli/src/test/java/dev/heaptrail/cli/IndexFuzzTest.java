package dev.heaptrail.cli;

import dev.heaptrail.testkit.SmallDump;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The commands that index a dump ({@code dominators}, {@code path}, {@code analyze}) on mutated
 * small dumps: flipped bits, extreme ids and lengths, ids of other objects, copied, duplicated and
 * removed records, class cycles, truncation. Each run must end in a result (0, 1) or one clean
 * line with exit 3, within its time limit: never exit 70, an OutOfMemoryError (exit 4) or a hang.
 * A failing case's dump is kept under target/index-fuzz/failed, named by seed, case and mutation.
 */
class IndexFuzzTest {

    private static final int CASES = Integer.getInteger("heaptrail.fuzz.indexCases", 1000);
    private static final long SEED = Long.getLong("heaptrail.fuzz.seed", 20261124L);
    /** One case only (its number), to reproduce a failure. */
    private static final int ONLY = Integer.getInteger("heaptrail.fuzz.case", -1);
    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static final Path DIR = Path.of("target", "index-fuzz");

    /** The dumps every case mutates: the small dump whole, and cut to its last objects. */
    record Bases(byte[] whole, SubRecords.Layout wholeLayout, byte[] small, SubRecords.Layout smallLayout) {}

    @Test
    void everyMutationEndsInAResultOrACleanError() throws Exception {
        byte[] whole = Files.readAllBytes(SmallDump.create(Path.of("target", "small.hprof")));
        byte[] small = FuzzBase.reduce(whole, 600);
        Bases bases = new Bases(whole, SubRecords.of(whole), small, SubRecords.of(small));
        Files.createDirectories(DIR);
        // the cases are independent: one worker a core, each on files of its own
        int workers = ONLY >= 0 ? 1 : Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicIntegerArray byExit = new java.util.concurrent.atomic.AtomicIntegerArray(4);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int worker = w;
                done.add(pool.submit(() -> {
                    runCases(worker, workers, bases, failures, byExit);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(failures).as("failed cases").isEmpty();
        if (ONLY < 0) {
            // neither all refused nor all read: the mutations reach past the reader, and it still refuses what it must
            assertThat(byExit.get(ExitCodes.BAD_INPUT)).as("runs refused (exit 3)").isGreaterThan(CASES / 5);
            assertThat(byExit.get(ExitCodes.OK) + byExit.get(ExitCodes.FINDING)).as("runs with a result").isGreaterThan(CASES / 5);
        }
    }

    /** The cases {@code worker}, {@code worker + workers}, ... in turn, each through the three commands. */
    private static void runCases(int worker, int workers, Bases bases, List<String> failures,
            java.util.concurrent.atomic.AtomicIntegerArray byExit) throws Exception {
        ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "index-fuzz-" + worker);
            t.setDaemon(true); // a hung run must not keep the test JVM alive
            return t;
        });
        Path file = DIR.resolve("case-" + worker + ".hprof");
        Path index = DIR.resolve("case-" + worker + ".index");
        Path own = DIR.resolve("analyze-" + worker + ".index");
        try {
            int first = ONLY >= 0 ? ONLY : worker;
            int end = ONLY >= 0 ? ONLY + 1 : CASES;
            for (int i = first; i < end && failures.size() < 10; i += workers) {
                Random random = new Random(SEED * 1_000_003L + i);
                // a whole JVM heap now and then; mostly its last objects, indexed ten times faster
                boolean full = i % 200 == 199;
                Mutations.Mutated m = Mutations.apply(full ? bases.whole() : bases.small(),
                        full ? bases.wholeLayout() : bases.smallLayout(), random);
                Files.write(file, m.bytes());
                Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(3600)));
                String failure = null;
                // dominators builds and saves an index, path reuses it, analyze builds its own (--in-heap
                // would be slower: its columns start at a full chunk each, zeroed in every run)
                for (String[] args : List.of(
                        new String[] {"dominators", file.toString(), "--quiet", "--format", "json", "--index-dir", index.toString()},
                        new String[] {"path", file.toString(), "--quiet", "--class", "java.lang.String", "--index-dir", index.toString()},
                        new String[] {"analyze", file.toString(), "--quiet", "--format", "json", "--index-dir", own.toString()})) {
                    String what = "case " + i + " (seed " + SEED + (full ? ", whole dump, " : ", ") + m.description() + ") " + args[0];
                    failure = check(runner, args, what, file, byExit);
                    if (failure != null) {
                        break;
                    }
                }
                deleteTree(index);
                deleteTree(own);
                if (failure != null) {
                    Path kept = DIR.resolve("failed").resolve("seed-" + SEED + "-case-" + i + "-" + m.kind() + ".hprof");
                    Files.createDirectories(kept.getParent());
                    Files.copy(file, kept, StandardCopyOption.REPLACE_EXISTING);
                    failures.add(failure + "\n  kept as " + kept + "; rerun with -Dheaptrail.fuzz.case=" + i);
                }
            }
        } finally {
            runner.shutdownNow();
        }
    }

    /** Null when the run ended as it may, else why not. */
    private static String check(ExecutorService runner, String[] args, String what, Path file,
            java.util.concurrent.atomic.AtomicIntegerArray byExit) throws Exception {
        Future<CliRun> future = runner.submit(() -> CliRun.of(args));
        CliRun run;
        try {
            run = future.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            future.cancel(true);
            return what + ": still running after " + LIMIT.toSeconds() + " s (a hang?)";
        }
        int code = run.exitCode();
        if (code >= 0 && code < byExit.length()) {
            byExit.incrementAndGet(code);
        }
        if (code == ExitCodes.OK || code == ExitCodes.FINDING) {
            return run.out().isBlank() ? what + ": exit " + code + " without output" : null;
        }
        if (code == ExitCodes.USAGE && args[0].equals("path") && run.err().contains("holds no object of class")) {
            return null; // the mutation removed every String: a right answer
        }
        if (code != ExitCodes.BAD_INPUT) {
            return what + ": exit " + code + ": " + run.err().strip();
        }
        String err = run.err().strip();
        if (err.contains("\n") || !err.startsWith("heaptrail: ") || !err.contains(file.toString())) {
            return what + ": exit 3 without one line naming the file: " + err;
        }
        return null;
    }

    private static void deleteTree(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (var all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
