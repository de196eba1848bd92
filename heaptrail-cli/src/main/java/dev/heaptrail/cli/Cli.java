package dev.heaptrail.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** Builds the command line with injectable streams, so tests drive the real parser in-process. */
public final class Cli {

    /** A system property that makes every command fail as with a bug (exit 70): for tests only. */
    static final String TEST_INTERNAL_ERROR = "heaptrail.test.internalError";

    private Cli() {}

    /** Runs heaptrail with these arguments and returns its exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        // picocli registers converters for java.sql and java.time types by loading those modules'
        // classes; heaptrail takes none, and skipping them saves a tenth of every command's start-up.
        if (System.getProperty("picocli.converters.excludes") == null) {
            System.setProperty("picocli.converters.excludes", "java\\.sql\\..*|java\\.time\\..*");
        }
        HeaptrailCommand root = new HeaptrailCommand(out, err);
        CommandLine cl = new CommandLine(root);
        Class<?> only = args.length == 0 ? null : HeaptrailCommand.SUBCOMMANDS.get(args[0]);
        if (only != null && only != CommandLine.HelpCommand.class) {
            cl.addSubcommand(args[0], only);
        } else if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // no command's model: the version alone is printed
        } else {
            HeaptrailCommand.SUBCOMMANDS.forEach(cl::addSubcommand);
        }
        cl.getSubcommands().values().forEach(Cli::describeFormats);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        ErrorHandler errors = new ErrorHandler(err, hasDebug(args));
        cl.setExecutionExceptionHandler(errors);
        cl.setExecutionStrategy(parsed -> {
            // For tests of exit 70 only (a bug has no other sure trigger): set on purpose, never by a
            // user's dump or options, and handled exactly as a command's own bug would be.
            String bug = System.getProperty(TEST_INTERNAL_ERROR);
            if (bug != null) {
                throw new CommandLine.ExecutionException(cl, bug, new IllegalStateException(bug));
            }
            checkFormat(parsed);
            return new CommandLine.RunLast().execute(parsed);
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("heaptrail: " + ex.getMessage());
            err.println("Try 'heaptrail " + ex.getCommandLine().getCommandName().replace("heaptrail", "").trim()
                    + (ex.getCommandLine().getCommandName().equals("heaptrail") ? "" : " ") + "--help' for usage.");
            return ExitCodes.USAGE;
        });
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            // picocli lets errors through; by now the command's objects are garbage, so reporting has room.
            return errors.handle(e);
        }
    }

    /** A format the command's results have no renderer for is a usage error before the command starts its work. */
    private static void checkFormat(CommandLine.ParseResult parsed) {
        List<CommandLine> commands = parsed.asCommandLineList();
        CommandLine command = commands.get(commands.size() - 1);
        try {
            formatOption(command.getCommandSpec()).ifPresent(FormatOption::check);
        } catch (UsageException e) {
            throw new CommandLine.ExecutionException(command, e.getMessage(), e);
        }
    }

    /** {@code --format}'s help names the formats the command's results have, as the renderers registered say. */
    private static void describeFormats(CommandLine command) {
        CommandSpec spec = command.getCommandSpec();
        formatOption(spec).ifPresent(format -> {
            OptionSpec option = spec.findOption("--format");
            spec.remove(option);
            spec.addOption(option.toBuilder().description(format.description()).build());
        });
    }

    private static Optional<FormatOption> formatOption(CommandSpec spec) {
        return spec.mixins().values().stream().map(CommandSpec::userObject)
                .filter(FormatOption.class::isInstance).map(FormatOption.class::cast).findFirst();
    }

    private static boolean hasDebug(String[] args) {
        for (String a : args) {
            if (a.equals("--debug")) {
                return true;
            }
        }
        return false;
    }
}
