package dev.heaptrail.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintStream;

@Command(name = "heaptrail", addMethodSubcommands = false,
        mixinStandardHelpOptions = true,
        versionProvider = HeaptrailCommand.Version.class,
        description = "Memory-leak diagnosis for the JVM: read heap dumps, find what holds the memory.",
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  ok",
            "  1  a finding (a leak, a failed assertion)",
            "  2  usage error",
            "  3  bad input: not a heap dump, truncated, corrupt, missing, not permitted",
            "  4  target process or environment problem (attach failed, out of memory, disk full)",
            " 70  internal error (a bug: rerun with --debug and report it)",
            "",
            "Examples:",
            "  heaptrail demo",
            "  heaptrail histo app.hprof --top 20",
            "  heaptrail info app.hprof.gz"})
final class HeaptrailCommand implements Runnable {

    /**
     * The subcommands by name, in the order help lists them. Registered by {@link Cli}, not in the
     * annotation: building one command's model costs a few hundredths of a second, so a run builds
     * only the command it runs (all of them for help or an unknown name).
     */
    static final java.util.Map<String, Class<?>> SUBCOMMANDS = subcommands();

    private static java.util.Map<String, Class<?>> subcommands() {
        java.util.Map<String, Class<?>> m = new java.util.LinkedHashMap<>();
        m.put("analyze", AnalyzeCommand.class);
        m.put("histo", HistoCommand.class);
        m.put("info", InfoCommand.class);
        m.put("dominators", DominatorsCommand.class);
        m.put("path", PathCommand.class);
        m.put("graph", GraphCommand.class);
        m.put("demo", DemoCommand.class);
        m.put("ps", PsCommand.class);
        m.put("dump", DumpCommand.class);
        m.put("growth", GrowthCommand.class);
        m.put("diff", DiffCommand.class);
        m.put("watch", WatchCommand.class);
        m.put("agent", AgentCommand.class);
        m.put("native", NativeCommand.class);
        m.put("alloc", AllocCommand.class);
        m.put("sites", SitesCommand.class);
        m.put("help", CommandLine.HelpCommand.class);
        return java.util.Collections.unmodifiableMap(m);
    }

    final PrintStream out;
    final PrintStream err;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    HeaptrailCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            return VersionLines.lines();
        }
    }
}
