package dev.heaptrail.cli;

import dev.heaptrail.analysis.diff.DumpDiff;
import dev.heaptrail.analysis.diff.HistogramDiff;
import dev.heaptrail.heap.ClassHistogram;
import dev.heaptrail.heap.index.IndexStore;
import dev.heaptrail.report.DumpDiffResult;
import dev.heaptrail.report.HeapTotals;
import dev.heaptrail.report.HistogramDiffResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "diff", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = {"What grew between two moments of one JVM, most bytes first.",
            "Given two heap dumps, it ranks the structures that grew by retained bytes. Object ids change "
                + "between dumps, so structures are matched by how they are held: the chain of classes and fields "
                + "from the GC root, a collection's internals left out. Each comes with its growing class, growth "
                + "in objects and bytes, the path to it, and the pattern and fix as in analyze. A large structure "
                + "that stayed the same size never ranks above a smaller one that grew. Exit 1 when a structure "
                + "grew by 1 %% of the later heap or more, else 0.",
            "Given two class histograms saved with 'heaptrail histo --format json' or '--format csv' (of dumps "
                + "or of a running JVM), it ranks the classes that grew, with instances and bytes before and after "
                + "(exit 0). The mode follows from the files."},
        footer = {"", "Examples:",
            "  heaptrail diff monday.hprof tuesday.hprof",
            "  heaptrail diff before.hprof after.hprof --format json | jq '.groups[0].signature'",
            "  heaptrail histo 12345 --format json > before.json; sleep 600; heaptrail histo 12345 --format json > after.json",
            "  heaptrail diff before.json after.json --top 10",
            "  heaptrail diff monday.csv tuesday.csv --format json | jq '.groups[0]'",
            "  heaptrail diff before.hprof after.hprof --index-dir /scratch/indexes --format html > diff.html"})
final class DiffCommand implements Callable<Integer> {

    @ParentCommand
    HeaptrailCommand root;

    @Parameters(index = "0", paramLabel = "BEFORE", description = "The earlier dump (.hprof, .hprof.gz), or histogram (.json or .csv from heaptrail histo).")
    Path before;

    @Parameters(index = "1", paramLabel = "AFTER", description = "The later one, of the same JVM.")
    Path after;

    @Option(names = "--index-dir", paramLabel = "DIR",
            description = "Keep the two dumps' indexes in DIR, as 1-BEFORE and 2-AFTER (default: beside each dump, or the temp"
                    + " directory when that is not writable). They are reused while the dumps are unchanged.")
    Path indexDir;

    @Option(names = "--in-heap", description = "Build each index in the Java heap and keep nothing on disk: faster on small dumps.")
    boolean inHeap;

    @Option(names = "--top", paramLabel = "N", defaultValue = "20",
            description = "Show the N structures or classes that grew most; 0 shows all (default: ${DEFAULT-VALUE}).")
    int top;

    @Mixin
    FormatOption format = new FormatOption(DumpDiffResult.class, HistogramDiffResult.class);

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        if (top < 0) {
            throw new UsageException("--top must be 0 (all) or more, not " + top);
        }
        SavedHistogram.Kind was = kind(before);
        SavedHistogram.Kind now = kind(after);
        boolean dumps = was == SavedHistogram.Kind.HEAP_DUMP;
        if (dumps != (now == SavedHistogram.Kind.HEAP_DUMP)) {
            throw new UsageException("give two heap dumps or two saved histograms, not one of each (save a dump's with"
                    + " heaptrail histo DUMP --format json > FILE)");
        }
        if (dumps) {
            return dumps();
        }
        ClassHistogram a = SavedHistogram.read(before, was);
        ClassHistogram b = SavedHistogram.read(after, now);
        format.render(new HistogramDiffResult(before.toString(), after.toString(), HistogramDiff.of(a, b), top), root.out);
        return ExitCodes.OK;
    }

    /**
     * Each dump analysed in turn, and only what the diff needs kept of the first before the second
     * is read: two dumps take the memory of one.
     */
    private int dumps() throws Exception {
        Taken a = take(before, 1);
        Taken b = take(after, 2);
        DumpDiffResult result = new DumpDiffResult(before.toString(), a.totals(), after.toString(), b.totals(),
                DumpDiff.of(a.groups(), b.groups()), top);
        format.render(result, root.out);
        long finding = (long) Math.ceil(b.totals().reachableBytes() * DumpDiff.THRESHOLD_PERCENT / 100);
        return result.diff().groups().stream().anyMatch(g -> g.sureGrowthBytes() >= finding) ? ExitCodes.FINDING : ExitCodes.OK;
    }

    private record Taken(HeapTotals totals, DumpDiff.Groups groups) {}

    private Taken take(Path dump, int which) throws Exception {
        DumpFile.open(dump, "diff").close(); // one clear error for a bad file before the long work
        if (!common.quiet) {
            root.err.println("heaptrail: analysing " + dump);
        }
        // numbered: two dumps may well share a file name (heap.hprof from two runs)
        Path dir = indexDir == null ? null : indexDir.resolve(which + "-" + dump.getFileName());
        DumpInput.Opened opened = DumpInput.open(dump, new IndexStore.Options(dir,
                        inHeap ? IndexStore.Placement.HEAP : IndexStore.Placement.FILES),
                root.err, common.quiet);
        try {
            return new Taken(HeapTotals.of(opened.analysis()), DumpDiff.groups(opened.analysis()));
        } finally {
            DumpInput.finishSaving(opened.store(), root.err);
        }
    }

    private static SavedHistogram.Kind kind(Path file) throws Exception {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        SavedHistogram.Kind k = SavedHistogram.kind(file);
        if (k == SavedHistogram.Kind.OTHER) {
            throw new BadInputException(file + " at byte 0: neither a histogram saved by heaptrail histo (--format json"
                    + " or csv) nor a heap dump; save one with heaptrail histo DUMP|PID --format json > FILE", null);
        }
        return k;
    }
}
