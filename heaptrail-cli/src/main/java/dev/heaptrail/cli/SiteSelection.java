package dev.heaptrail.cli;

import dev.heaptrail.alloc.GroupBy;
import dev.heaptrail.alloc.SiteOptions;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** How {@code alloc} and {@code sites} turn samples into sites: the options both take. */
final class SiteSelection {

    @Option(names = "--group-by", paramLabel = "line|method|trace", defaultValue = "line",
            description = "What one site is (default: ${DEFAULT-VALUE}): the line of the first frame outside the JDK "
                + "(java.*, jdk.*, sun.*) and --skip, so a leak through HashMap.put names its caller; that "
                + "frame's method; or the whole stack from that frame, cut to --depth frames.")
    String groupBy;

    @Option(names = "--depth", paramLabel = "N", defaultValue = "64",
            description = "Frames kept per stack, for --group-by trace and the flame graph (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--skip", paramLabel = "REGEX",
            description = "Frames to look past when naming a site, besides the JDK's, matched against "
                + "\"class.method:line\", e.g. '^com\\.acme\\.util\\.' for your own collection helpers.")
    String skip;

    @Option(names = "--filter", paramLabel = "REGEX",
            description = "Only samples with a frame matching, e.g. 'com\\.acme\\.' (\"class.method:line\").")
    String filter;

    @Option(names = "--top", paramLabel = "N", defaultValue = "20", description = "Sites shown (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--min-age", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Survivors younger than this at the end are left out: objects that work in flight still "
                + "uses (default: a tenth of the recording, between 1s and 10s; 0 counts all).")
    Duration minAge;

    SiteOptions options() {
        GroupBy by;
        try {
            by = GroupBy.valueOf(groupBy.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--group-by takes line, method or trace, not '" + groupBy + "'");
        }
        if (depth < 1) {
            throw new UsageException("--depth must be 1 or more");
        }
        if (top < 1) {
            throw new UsageException("--top must be 1 or more");
        }
        if (minAge != null && minAge.isNegative()) {
            throw new UsageException("--min-age must not be negative");
        }
        return new SiteOptions(by, depth, pattern("--skip", skip), pattern("--filter", filter), top, minAge);
    }

    private static Pattern pattern(String option, String regex) {
        if (regex == null) {
            return null;
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new UsageException(option + " is not a regular expression: " + e.getDescription() + " in '" + regex + "'");
        }
    }
}
