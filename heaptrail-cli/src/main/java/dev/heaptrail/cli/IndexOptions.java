package dev.heaptrail.cli;

import dev.heaptrail.heap.index.IndexStore;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --index-dir} and {@code --in-heap}: the options of {@link IndexStore}, where its policy lives. */
final class IndexOptions {

    @Option(names = "--index-dir", paramLabel = "DIR",
            description = "Keep the index in DIR (default: DUMP.heaptrail-index beside the dump, or the temp directory"
                    + " when that is not writable). It is reused while the dump is unchanged; its memory-mapped files let"
                    + " dumps larger than the heap be analysed.")
    Path indexDir;

    @Option(names = "--in-heap", description = "Build the index in the Java heap and keep nothing on disk: faster on small"
            + " dumps, needs a heap several times the dump's object count in bytes.")
    boolean inHeap;

    IndexStore.Options options() {
        return new IndexStore.Options(indexDir, inHeap ? IndexStore.Placement.HEAP : IndexStore.Placement.FILES);
    }
}
