package dev.heaptrail.heap.index;

import dev.heaptrail.heap.internal.Background;
import dev.heaptrail.heap.internal.PhaseLog;
import dev.heaptrail.heap.store.MappedNodeArray;
import dev.heaptrail.heap.store.NodeArray;
import dev.heaptrail.hprof.ReadProgress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where a dump's index is kept, and whether a saved one is reused or rebuilt: the index cache
 * policy every command that indexes a dump follows. One store serves one dump for one run; it is
 * not thread-safe.
 *
 * <p>By default the index lives in {@code DUMP.heaptrail-index} beside the dump (or in the temp
 * directory when the dump's folder is not writable), is reused while {@link IndexFiles} finds it
 * valid for the dump, and is rebuilt otherwise. A new index is saved beside the caller's own work:
 * {@link #startSaving()} when the caller can spare the second core, {@link #finishSaving()} before
 * it exits.
 */
public final class IndexStore {

    /**
     * Share of the free heap the index's arrays may take before they go to memory-mapped files,
     * and the analysis's share of what is then left. The rest is for what the suspects read (a
     * collection's table, 8 bytes an element) and walk (a stack as wide as the widest node): a
     * larger share made large dumps need a larger -Xmx (docs/performance.md, analyze).
     */
    private static final double HEAP_SHARE = 0.4;

    /** Where the index's arrays live. */
    public enum Placement {
        /** In the heap while a share of it holds them, then in memory-mapped files kept for the next run. */
        FILES,
        /** In the Java heap only, nothing kept: faster on small dumps. */
        HEAP
    }

    /**
     * How a dump is indexed.
     *
     * @param folder    where to keep the index, or null for the default beside the dump
     * @param placement where the arrays live
     */
    public record Options(Path folder, Placement placement) {
        public static final Options DEFAULT = new Options(null, Placement.FILES);
    }

    /** What {@link #openOrBuild} reports before the long work, for the user to see. */
    public interface Listener {
        /** A saved index valid for this dump is used. */
        default void reusing(Path folder) {}

        /** A saved index is there but cannot be used: {@code why} says why. */
        default void rebuilding(Path folder, String why) {}
    }

    private final Path dump;
    private final Options options;
    private Path folder;
    private java.util.concurrent.Callable<Void> pendingSave;
    private Background<Void> saving;

    private IndexStore(Path dump, Options options) {
        this.dump = dump;
        this.options = options;
    }

    public static IndexStore of(Path dump, Options options) {
        return new IndexStore(dump, options);
    }

    /**
     * The dump's index: the saved one when it is valid for this dump, else a new one (does I/O: reads
     * the whole dump). A new index is saved only once {@link #startSaving()} or {@link #finishSaving()} is called.
     */
    public HeapIndex openOrBuild(ReadProgress progress, Listener listener) throws IOException {
        if (options.placement() == Placement.HEAP) {
            return HeapIndexBuilder.build(dump, progress);
        }
        Path dir = folder();
        StringBuilder whyNot = new StringBuilder();
        HeapIndex saved = IndexFiles.loadIfValid(dir, dump, whyNot);
        PhaseLog.mark("index: loaded");
        if (saved != null) {
            listener.reusing(dir);
            return saved;
        }
        if (Files.exists(dir.resolve("meta.bin"))) {
            listener.rebuilding(dir, whyNot.toString());
        }
        // In the heap while a share of it holds them (far faster to fill and read than fresh
        // mapped pages), then in files; saving writes the heap arrays out beside the analysis.
        NodeArray.Factory arrays = heapFirst(MappedNodeArray.in(dir));
        HeapIndex built = HeapIndexBuilder.build(dump, progress, arrays, arrays, true);
        pendingSave = () -> {
            IndexFiles.save(built, dir, dump);
            return null;
        };
        return built;
    }

    /** Where an analysis of this index keeps its own (temporary) arrays. */
    public NodeArray.Factory analysisArrays() {
        if (options.placement() == Placement.HEAP) {
            return NodeArray.Factory.DEFAULT;
        }
        // temporary: in the heap while a share of what is free there holds them (most of the heap is
        // free once the index is mapped), then mapped files
        return heapFirst(MappedNodeArray.in(folder()));
    }

    /** Starts saving a new index on a thread of its own; nothing to do when the index was reused. */
    public void startSaving() {
        if (pendingSave != null) {
            saving = Background.start("save-index", pendingSave);
            pendingSave = null;
        }
    }

    /**
     * Waits for the new index to be saved.
     *
     * @throws UncheckedIOException when it could not be: the run's own results stand, the next run rebuilds
     */
    public void finishSaving() {
        startSaving();
        if (saving == null) {
            return;
        }
        try {
            saving.join();
            PhaseLog.mark("index: saved");
        } finally {
            saving = null;
        }
    }

    /** The folder the index is kept in (chosen on first use). */
    public Path folder() {
        if (folder == null) {
            folder = options.folder() != null ? options.folder() : defaultFolder(dump);
        }
        return folder;
    }

    private static Path defaultFolder(Path dump) {
        Path absolute = dump.toAbsolutePath();
        Path parent = absolute.getParent();
        return parent != null && Files.isWritable(parent)
                ? parent.resolve(absolute.getFileName() + ".heaptrail-index")
                : Path.of(System.getProperty("java.io.tmpdir"), "heaptrail-index-" + hash(absolute.toString()));
    }

    /** Arrays in the heap while {@link #HEAP_SHARE} of what is free there holds them, then from {@code overflow}. */
    private static NodeArray.Factory heapFirst(NodeArray.Factory overflow) {
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        return NodeArray.Factory.heapFirst((long) (free * HEAP_SHARE), overflow);
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
