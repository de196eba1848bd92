package dev.heaptrail.cli;

import dev.heaptrail.analysis.HeapAnalysis;
import dev.heaptrail.heap.index.HeapIndex;
import dev.heaptrail.heap.index.IndexStore;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The dump-input options of the commands that analyse a dump (DUMP, {@code --index-dir},
 * {@code --in-heap}), and the analysis they lead to.
 */
final class DumpInput {

    @Mixin
    DumpFile dump;

    @Mixin
    IndexOptions index;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    private IndexStore store;

    /**
     * The dump's analysis: checks the file first (one clear error before the long work), then
     * indexes it (or reuses its index) and computes dominators and retained sizes. A new index is
     * saved beside the command's own work: call {@link #finishSaving} before the command ends.
     */
    HeapAnalysis analysis(PrintStream err, boolean quiet) throws IOException {
        dump.open(command.name()).close();
        Opened opened = open(dump.path, index.options(), err, quiet);
        store = opened.store();
        return opened.analysis();
    }

    /** A dump's analysis and the index store that keeps its index for the next run. */
    record Opened(HeapAnalysis analysis, IndexStore store) {}

    /**
     * As {@link #analysis}, for a dump given otherwise (a command of two dumps); the file is checked
     * by the caller. Call {@link IndexStore#finishSaving} on the store before the command ends.
     */
    static Opened open(Path file, IndexStore.Options options, PrintStream err, boolean quiet)
            throws IOException {
        IndexStore store = IndexStore.of(file, options);
        HeapIndex built = store.openOrBuild(ProgressBar.forTerminal(err, "indexing", quiet), new IndexStore.Listener() {
            @Override
            public void reusing(Path folder) {
                if (!quiet) {
                    err.println("heaptrail: reusing the index in " + folder);
                }
            }

            @Override
            public void rebuilding(Path folder, String why) {
                if (!quiet) {
                    err.println("heaptrail: rebuilding the index: " + why);
                }
            }
        });
        // Saved on the second core beside the dominator tree, once that core has built the incoming
        // rows (the save waits for them): the tree's own phases leave it idle until the children.
        store.startSaving();
        HeapAnalysis analysis = HeapAnalysis.of(built, store.analysisArrays());
        return new Opened(analysis, store);
    }

    /** Waits for a new index to be saved (a warning, not a failure, when it cannot be). */
    void finishSaving(PrintStream err) {
        finishSaving(store, err);
    }

    static void finishSaving(IndexStore store, PrintStream err) {
        if (store == null) {
            return;
        }
        try {
            store.finishSaving();
        } catch (UncheckedIOException e) {
            err.println("heaptrail: warning: could not keep the index in " + store.folder() + " for the next run: " + e.getMessage());
        }
    }
}
