package dev.heaptrail.live;

import com.sun.management.HotSpotDiagnosticMXBean;

import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM's Native Memory Tracking (NMT), as {@code jcmd PID VM.native_memory} prints it, asked for
 * through the DiagnosticCommand MBean of an attached JVM. NMT must have been switched on when the
 * JVM started ({@code -XX:NativeMemoryTracking=summary} or {@code =detail}).
 */
public final class NativeMemory {

    /**
     * One NMT category as the JVM names it (Java Heap, Class, Thread, Other...). The diffs are the
     * change since the baseline, 0 outside a diff.
     */
    public record Category(String name, long reservedBytes, long committedBytes, long reservedDiffBytes,
                           long committedDiffBytes) {}

    /** The totals and every category the JVM printed, in its order; {@code diff} when compared with a baseline. */
    public record Summary(long totalReservedBytes, long totalCommittedBytes, long totalReservedDiffBytes,
                          long totalCommittedDiffBytes, List<Category> categories, boolean diff) {

        /** The same, categories by committed growth, largest first (then by reserved growth). */
        public Summary byGrowth() {
            List<Category> sorted = new ArrayList<>(categories);
            sorted.sort(Comparator.comparingLong(Category::committedDiffBytes)
                    .thenComparingLong(Category::reservedDiffBytes).reversed());
            return new Summary(totalReservedBytes, totalCommittedBytes, totalReservedDiffBytes, totalCommittedDiffBytes,
                    List.copyOf(sorted), diff);
        }
    }

    // "reserved=1573170KB +65538KB, committed=196450KB -12KB": the unit depends on scale=, the change only in a diff
    private static final String AMOUNT = "(\\d+)([KMG]?B)?(?:\\s+([+-]\\d+)([KMG]?B)?)?";
    private static final String AMOUNTS = "reserved=" + AMOUNT + ",\\s*committed=" + AMOUNT;
    private static final Pattern TOTAL = Pattern.compile("^Total:\\s+" + AMOUNTS);
    private static final Pattern CATEGORY = Pattern.compile("^-\\s*(.+?)\\s+\\(" + AMOUNTS);

    private final MBeanServerConnection server;
    private final long pid;

    public NativeMemory(MBeanServerConnection server, long pid) {
        this.server = server;
        this.pid = pid;
    }

    /** Whether NMT runs in the target: its NativeMemoryTracking option is not "off" (does I/O). */
    public boolean tracking() {
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.newPlatformMXBeanProxy(server,
                    "com.sun.management:type=HotSpotDiagnostic", HotSpotDiagnosticMXBean.class);
            return !hotspot.getVMOption("NativeMemoryTracking").getValue().equalsIgnoreCase("off");
        } catch (IOException | RuntimeException e) {
            return false; // not HotSpot: no NMT
        }
    }

    /** The categories now. */
    public Summary summary() throws IOException {
        return parse(command("summary", "scale=b"), false);
    }

    /** Records the figures now in the target, for a later {@link #diff()}. */
    public void baseline() throws IOException {
        String said = command("baseline");
        String lower = said.toLowerCase(Locale.ROOT);
        // JDK 17 and 25 answer "Baseline taken"; the wording has changed over releases, a failure says "failed"
        if (!lower.contains("baseline") || lower.contains("fail")) {
            throw new AttachFailedException("process " + pid + " did not take an NMT baseline: " + firstLine(said), null);
        }
    }

    /** The categories now with their change since the baseline; empty when the target has no baseline. */
    public Optional<Summary> diff() throws IOException {
        String text = command("summary.diff", "scale=b");
        if (text.contains("No baseline")) {
            return Optional.empty();
        }
        return Optional.of(parse(text, true));
    }

    private String command(String... args) throws IOException {
        try {
            Object result = server.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                    new Object[] {args}, new String[] {String[].class.getName()});
            return String.valueOf(result);
        } catch (JMException e) {
            throw new AttachFailedException("process " + pid + " did not run VM.native_memory: " + e.getMessage(), e);
        }
    }

    /**
     * Reads {@code VM.native_memory summary} or {@code summary.diff} output of any scale. Categories
     * are taken as printed, so ones a newer JVM adds come through.
     */
    public static Summary parse(String text, boolean diff) throws AttachFailedException {
        long[] total = null;
        List<Category> categories = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher t = TOTAL.matcher(line);
            if (t.find()) {
                total = amounts(t, 1);
                continue;
            }
            Matcher c = CATEGORY.matcher(line);
            if (c.find()) {
                long[] a = amounts(c, 2);
                categories.add(new Category(c.group(1), a[0], a[2], a[1], a[3]));
            }
        }
        if (total == null) {
            throw new AttachFailedException("unexpected VM.native_memory output (no Total line): " + firstLine(text), null);
        }
        return new Summary(total[0], total[2], total[1], total[3], List.copyOf(categories), diff);
    }

    /** reserved, its change, committed, its change: from the eight groups starting at {@code first}. */
    private static long[] amounts(Matcher m, int first) {
        long[] out = new long[4];
        for (int i = 0; i < 4; i++) {
            String number = m.group(first + 2 * i);
            out[i] = number == null ? 0 : Long.parseLong(number) * unit(m.group(first + 2 * i + 1));
        }
        return out;
    }

    private static long unit(String unit) {
        if (unit == null || unit.equals("B")) {
            return 1;
        }
        return switch (unit) {
            case "KB" -> 1L << 10;
            case "MB" -> 1L << 20;
            case "GB" -> 1L << 30;
            default -> throw new IllegalArgumentException(unit);
        };
    }

    private static String firstLine(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("(nothing)");
    }
}
