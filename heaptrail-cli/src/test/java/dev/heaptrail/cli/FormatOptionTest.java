package dev.heaptrail.cli;

import dev.heaptrail.heap.DumpSummary;
import dev.heaptrail.report.ClassDominatorsResult;
import dev.heaptrail.report.DominatorsResult;
import dev.heaptrail.report.DumpResult;
import dev.heaptrail.report.GrowthResult;
import dev.heaptrail.report.HistogramResult;
import dev.heaptrail.report.NativeResult;
import dev.heaptrail.report.OutputFormat;
import dev.heaptrail.report.PathsResult;
import dev.heaptrail.report.ProcessesResult;
import dev.heaptrail.report.Renderers;
import dev.heaptrail.report.SitesResult;
import dev.heaptrail.report.SuspectsResult;
import dev.heaptrail.report.WatchResult;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintStream;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command that prints a result takes {@code --format} from the one mixin, every result it
 * declares has a text and a json renderer, and a format without a renderer is a usage error before
 * any work: a new format is one renderer per result, no command edited.
 */
class FormatOptionTest {

    @Test
    void everyCommandsResultsHaveATextAndAJsonRenderer() {
        Map<String, List<Class<?>>> results = resultsByCommand();
        assertThat(results).containsOnlyKeys("analyze", "histo", "info", "dominators", "path", "ps", "dump", "growth",
                "watch", "native", "alloc", "sites", "diff", "graph");
        assertThat(results.get("analyze")).containsExactly(SuspectsResult.class, dev.heaptrail.report.PatternsResult.class);
        assertThat(results.get("dominators")).containsExactly(DominatorsResult.class, ClassDominatorsResult.class);
        assertThat(results.get("path")).containsExactly(PathsResult.class);
        assertThat(results.get("graph")).containsExactly(dev.heaptrail.report.GraphResult.class);
        assertThat(results.get("histo")).containsExactly(HistogramResult.class);
        assertThat(results.get("info")).containsExactly(DumpSummary.class);
        assertThat(results.get("ps")).containsExactly(ProcessesResult.class);
        assertThat(results.get("dump")).containsExactly(DumpResult.class);
        assertThat(results.get("growth")).containsExactly(GrowthResult.class);
        assertThat(results.get("watch")).containsExactly(WatchResult.class);
        assertThat(results.get("native")).containsExactly(NativeResult.class);
        assertThat(results.get("alloc")).containsExactly(SitesResult.class);
        assertThat(results.get("sites")).containsExactly(SitesResult.class);
        Set<Class<?>> declared = new HashSet<>();
        results.values().forEach(declared::addAll);
        for (Class<?> type : declared) {
            assertThat(Renderers.standard().formats(type)).as(type.getSimpleName()).contains(OutputFormat.TEXT, OutputFormat.JSON);
        }
        Set<Class<?>> printed = new HashSet<>(Renderers.standard().resultTypes());
        assertThat(declared).as("no renderer is registered for a result no command prints")
                .containsExactlyInAnyOrderElementsOf(printed);
    }

    @Test
    void aFormatWithoutARendererIsAUsageErrorBeforeAnyWork() {
        // a process that does not exist and a dump that is not there: the format is refused first (exit 2, not 4 or 3)
        for (String command : List.of("dump")) {
            CliRun run = CliRun.of(command, "999999999", "--format", "csv");
            assertThat(run.exitCode()).as(command).isEqualTo(ExitCodes.USAGE);
            assertThat(run.oneLineError()).isEqualTo("heaptrail: " + command + " prints text or json, not csv");
        }
        for (String command : List.of("watch", "growth", "native")) {
            CliRun run = CliRun.of(command, "999999999", "--format", "csv");
            assertThat(run.exitCode()).as(command).isEqualTo(ExitCodes.USAGE);
            assertThat(run.oneLineError()).isEqualTo("heaptrail: " + command + " prints text, json or html, not csv");
        }
        CliRun info = CliRun.of("info", "target/no-such.hprof", "--format", "csv");
        assertThat(info.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(info.oneLineError()).isEqualTo("heaptrail: info prints text or json, not csv");
        for (String command : List.of("analyze", "dominators")) {
            CliRun run = CliRun.of(command, "target/no-such.hprof", "--format", "csv");
            assertThat(run.exitCode()).as(command).isEqualTo(ExitCodes.USAGE);
            assertThat(run.oneLineError()).isEqualTo("heaptrail: " + command + " prints text, json or html, not csv");
        }
        CliRun ps = CliRun.of("ps", "--format", "CSV");
        assertThat(ps.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(ps.oneLineError()).isEqualTo("heaptrail: ps prints text or json, not csv");
    }

    @Test
    void helpNamesTheFormatsTheRenderersGive() {
        assertThat(CliRun.of("histo", "--help").out()).contains("--format=FORMAT   text, json or csv (default: text).");
        for (String command : List.of("info", "ps", "dump")) {
            assertThat(CliRun.of(command, "--help").out()).as(command).contains("text or json (default: text).");
        }
        for (String command : List.of("analyze", "dominators", "path", "growth", "native", "watch")) {
            assertThat(CliRun.of(command, "--help").out()).as(command).contains("text, json or html (default: text).");
        }
        assertThat(CliRun.of("graph", "--help").out()).contains("text, json, html, dot or svg (default: text).");
    }

    /** What each command declares to its --format mixin, read from the model picocli builds. */
    private static Map<String, List<Class<?>>> resultsByCommand() {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        CommandLine cl = new CommandLine(new HeaptrailCommand(nowhere, nowhere));
        HeaptrailCommand.SUBCOMMANDS.forEach(cl::addSubcommand);
        Map<String, List<Class<?>>> out = new LinkedHashMap<>();
        cl.getSubcommands().forEach((name, sub) -> {
            for (CommandSpec mixin : sub.getCommandSpec().mixins().values()) {
                if (mixin.userObject() instanceof FormatOption f) {
                    out.put(name, f.results());
                }
            }
        });
        return out;
    }
}
