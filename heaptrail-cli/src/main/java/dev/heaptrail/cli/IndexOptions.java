package dev.heaptrail.cli;

import dev.heaptrail.heap.index.HeapIndex;
import dev.heaptrail.heap.internal.Background;
import dev.heaptrail.heap.index.HeapIndexBuilder;
import dev.heaptrail.heap.index.IndexFiles;
import dev.heaptrail.heap.store.MappedNodeArray;
import dev.heaptrail.heap.store.NodeArray;
import dev.heaptrail.hprof.ReadProgress;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Where the commands that index a dump keep the index, and whether they reuse it. */
final class IndexOptions {

    @Option(names = "--index-dir", paramLabel = "DIR",
            description = "Keep the index in DIR (default: DUMP.heaptrail-index beside the dump, or the temp directory"
                    + " when that is not writable). It is reused while the dump is unchanged; its memory-mapped files let"
                    + " dumps larger than the heap be analysed.")
    Path indexDir;

    @Option(names = "--in-heap", description = "Build the index in the Java heap and keep nothing on disk: faster on small"
            + " dumps, needs a heap several times the dump's object count in bytes.")
    boolean inHeap;

    private Path folder;

    /**
     * The dump's analysis for {@code command}: checks the file first (one clear error before the
     * long work), then indexes it (or reuses its index) and computes dominators and retained sizes.
     */
    dev.heaptrail.analysis.HeapAnalysis analysis(Path dump, String command, PrintStream err, boolean quiet) throws IOException {
        DumpArgument.open(dump, command).close();
        HeapIndex index = index(dump, ProgressBar.forTerminal(err, "indexing", quiet), err, quiet);
        NodeArray.Factory arrays = analysisArrays(dump);
        // analyze and path want the paths from the GC roots: searched on the second core while the tree is computed
        var analysis = dev.heaptrail.analysis.HeapAnalysis.of(index, arrays, !command.equals("dominators"));
        startSaving(); // after the tree, whose search the second core already serves with the rows and paths
        return analysis;
    }

    /**
     * Saving a new index (checksums, files) runs beside the command's own work; the command ends
     * it with {@link #finishSaving}.
     */
    private java.util.concurrent.Callable<Void> pendingSave;
    private Background<Void> saving;
    private Path savingTo;

    private void startSaving() {
        if (pendingSave != null) {
            saving = Background.start("save-index", pendingSave);
            pendingSave = null;
        }
    }

    /** Waits for the new index to be saved (a warning, not a failure, when it cannot be). */
    void finishSaving(PrintStream err) {
        startSaving();
        if (saving == null) {
            return;
        }
        try {
            saving.join();
            dev.heaptrail.heap.internal.PhaseLog.mark("index: saved");
        } catch (java.io.UncheckedIOException e) {
            err.println("heaptrail: warning: could not keep the index in " + savingTo + " for the next run: " + e.getMessage());
        } finally {
            saving = null;
        }
    }

    /** The dump's index: the saved one when it is valid for this dump, else a new one, saved for next time. */
    HeapIndex index(Path dump, ReadProgress progress, PrintStream err, boolean quiet) throws IOException {
        if (inHeap) {
            return HeapIndexBuilder.build(dump, progress);
        }
        Path dir = folder(dump);
        StringBuilder whyNot = new StringBuilder();
        HeapIndex saved = IndexFiles.loadIfValid(dir, dump, whyNot);
        dev.heaptrail.heap.internal.PhaseLog.mark("index: loaded");
        if (saved != null) {
            if (!quiet) {
                err.println("heaptrail: reusing the index in " + dir);
            }
            return saved;
        }
        if (!quiet && Files.exists(dir.resolve("meta.bin"))) {
            err.println("heaptrail: rebuilding the index: " + whyNot);
        }
        // In the heap while a share of it holds them (far faster to fill and read than fresh
        // mapped pages), then in files; saving writes the heap arrays out beside the analysis.
        NodeArray.Factory arrays = heapFirst(MappedNodeArray.in(dir), 0.4);
        HeapIndex built = HeapIndexBuilder.build(dump, progress, arrays, arrays);
        savingTo = dir;
        pendingSave = () -> {
            IndexFiles.save(built, dir, dump);
            return null;
        };
        return built;
    }

    /** Where the analysis of an index keeps its own (temporary) arrays. */
    NodeArray.Factory analysisArrays(Path dump) {
        if (inHeap) {
            return NodeArray.Factory.DEFAULT;
        }
        // The tree's working arrays are temporary: in the heap while a share of what is free there
        // holds them (most of the heap is free once the index is mapped), then mapped files.
        return heapFirst(MappedNodeArray.in(folder(dump)), 0.4);
    }

    /**
     * Arrays in the heap while a {@code share} of what is free there holds them, then from
     * {@code overflow}. The index takes 0.4 of the free heap, the analysis 0.4 of what is then
     * left: the rest is for what the suspects read (a collection's table, 8 bytes an element) and
     * walk (a stack as wide as the widest node). With 0.6 a 3 GB dump needed -Xmx384m, not 192m.
     */
    private static NodeArray.Factory heapFirst(NodeArray.Factory overflow, double share) {
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        return NodeArray.Factory.heapFirst((long) (free * share), overflow);
    }

    private Path folder(Path dump) {
        if (folder != null) {
            return folder;
        }
        if (indexDir != null) {
            folder = indexDir;
        } else {
            Path absolute = dump.toAbsolutePath();
            Path parent = absolute.getParent();
            folder = parent != null && Files.isWritable(parent)
                    ? parent.resolve(absolute.getFileName() + ".heaptrail-index")
                    : Path.of(System.getProperty("java.io.tmpdir"), "heaptrail-index-" + hash(absolute.toString()));
        }
        return folder;
    }

    private static String hash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
