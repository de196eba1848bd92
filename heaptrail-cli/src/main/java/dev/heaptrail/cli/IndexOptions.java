package dev.heaptrail.cli;

import dev.heaptrail.heap.store.MappedNodeArray;
import dev.heaptrail.heap.store.NodeArray;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the commands that index a dump keep the index's arrays. */
final class IndexOptions {

    @Option(names = "--index-dir", paramLabel = "DIR",
            description = "Keep the index's arrays in memory-mapped files in DIR (default: beside the dump, or the temp"
                    + " directory when that is not writable; removed on exit). Lets dumps larger than the heap be analysed.")
    Path indexDir;

    @Option(names = "--in-heap", description = "Keep the index's arrays in the Java heap: faster on small dumps, needs a heap"
            + " several times the dump's object count in bytes.")
    boolean inHeap;

    /** The arrays' factory for a dump: in the heap only when asked, else mapped files. */
    NodeArray.Factory arraysFor(Path dump) {
        if (inHeap) {
            return NodeArray.Factory.DEFAULT;
        }
        Path dir = indexDir;
        if (dir == null) {
            Path parent = dump.toAbsolutePath().getParent();
            dir = parent != null && Files.isWritable(parent)
                    ? parent.resolve(dump.getFileName() + ".heaptrail-index")
                    : Path.of(System.getProperty("java.io.tmpdir"), "heaptrail-index-" + ProcessHandle.current().pid());
            dir.toFile().deleteOnExit(); // registered before its files, so deleted after them
        }
        return MappedNodeArray.in(dir);
    }
}
