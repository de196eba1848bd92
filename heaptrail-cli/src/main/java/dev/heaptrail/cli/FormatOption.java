package dev.heaptrail.cli;

import dev.heaptrail.report.OutputFormat;
import dev.heaptrail.report.Renderers;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code --format}, chosen once for every command: a command builds its result record and hands it
 * to {@link #render}; which formats it takes follows from the renderers its results have. A
 * command declares its results when it creates the mixin:
 * {@code @Mixin FormatOption format = new FormatOption(SuspectsResult.class);}
 */
final class FormatOption {

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    private final List<Class<?>> results;

    FormatOption(Class<?>... results) {
        this.results = List.of(results);
    }

    /** The results the command prints. */
    List<Class<?>> results() {
        return results;
    }

    /** The formats every result of the command can be rendered in. */
    Set<OutputFormat> formats() {
        Set<OutputFormat> all = EnumSet.allOf(OutputFormat.class);
        for (Class<?> r : results) {
            all.retainAll(Renderers.standard().formats(r));
        }
        return all;
    }

    /** The option's help: the formats, as the user types them ("text or json", "text, json or csv"). */
    String description() {
        return spoken(formats()) + " (default: ${DEFAULT-VALUE}).";
    }

    /**
     * A usage error when the format chosen is not one the command's results have: checked before the
     * command runs (a watch of ten minutes must not end in it).
     */
    void check() {
        if (!formats().contains(format)) {
            throw new UsageException(command.name() + " prints " + spoken(formats()) + ", not " + format.label());
        }
    }

    /** Writes {@code result} in the format chosen and flushes. */
    void render(Object result, PrintStream out) throws IOException {
        check();
        Renderers.standard().render(result, format, out);
        out.flush();
    }

    private static String spoken(Set<OutputFormat> formats) {
        List<String> labels = new ArrayList<>();
        formats.forEach(f -> labels.add(f.label()));
        if (labels.size() < 2) {
            return String.join("", labels);
        }
        return String.join(", ", labels.subList(0, labels.size() - 1)) + " or " + labels.get(labels.size() - 1);
    }
}
