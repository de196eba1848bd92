package dev.heaptrail.live;

import com.sun.management.HotSpotDiagnosticMXBean;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.RuntimeMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A running JVM's class histogram, as {@code jcmd PID GC.class_histogram} prints it (through the
 * DiagnosticCommand MBean), with the VM options that fix its object layout.
 *
 * @param rows      by bytes, largest first, class names as the JVM prints them ({@code [B}, {@code java.lang.String})
 * @param compressedOops, compressedClassPointers, compactHeaders, alignment, elementAlignedArrayBase: the layout
 */
public record LiveHistogram(List<Row> rows, long totalInstances, long totalBytes, boolean compressedOops,
                            boolean compressedClassPointers, boolean compactHeaders, int alignment,
                            boolean elementAlignedArrayBase) {

    /** One class: its name as the JVM prints it, its module or loader note dropped. */
    public record Row(String jvmName, long instances, long bytes) {}

    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");
    private static final Pattern TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)\\s*$");

    /**
     * The histogram of process {@code pid}: of live objects (the target runs a full GC first), or
     * with {@code all} of every object, unreachable ones too, without a GC. Does I/O.
     */
    public static LiveHistogram of(long pid, boolean all) throws IOException {
        try (JvmConnection jvm = JvmConnection.to(pid)) {
            return from(jvm.server(), all, "process " + pid);
        }
    }

    /**
     * The class histogram of live objects of the JVM this code runs in (it runs a full GC first), as
     * the JVM prints it: one String, so that a histogram kept while the next is taken adds one
     * String and its byte[] to it, not a row per class. {@link #rows(String)} reads it.
     */
    public static String textOfThisJvm() throws IOException {
        return text(ManagementFactory.getPlatformMBeanServer(), false, "this JVM");
    }

    /** The rows of a histogram's text ({@link #textOfThisJvm()}). */
    public static List<Row> rows(String text) throws IOException {
        return parse(text, false, false, false, 8, false).rows();
    }

    private static String text(MBeanServerConnection server, boolean all, String who) throws IOException {
        try {
            Object result = server.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {all ? new String[] {"-all"} : new String[0]}, new String[] {String[].class.getName()});
            return String.valueOf(result);
        } catch (javax.management.JMException e) {
            throw new AttachFailedException(who + " did not give its class histogram: " + e.getMessage(), e);
        }
    }

    private static LiveHistogram from(MBeanServerConnection server, boolean all, String who) throws IOException {
        String text = text(server, all, who);
        HotSpotDiagnosticMXBean diagnostic = ManagementFactory.newPlatformMXBeanProxy(server,
                "com.sun.management:type=HotSpotDiagnostic", HotSpotDiagnosticMXBean.class);
        RuntimeMXBean runtime = ManagementFactory.newPlatformMXBeanProxy(server, ManagementFactory.RUNTIME_MXBEAN_NAME,
                RuntimeMXBean.class);
        int feature = feature(runtime.getSpecVersion());
        return parse(text, flag(diagnostic, "UseCompressedOops"), flag(diagnostic, "UseCompressedClassPointers"),
                flag(diagnostic, "UseCompactObjectHeaders"), number(diagnostic, "ObjectAlignmentInBytes", 8), feature >= 22);
    }

    /** Parses {@code GC.class_histogram} output. */
    static LiveHistogram parse(String text, boolean compressedOops, boolean compressedClassPointers, boolean compactHeaders,
                               int alignment, boolean elementAlignedArrayBase) throws IOException {
        List<Row> rows = new ArrayList<>();
        long instances = -1;
        long bytes = -1;
        for (String line : text.split("\n")) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                rows.add(new Row(m.group(3), Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
                continue;
            }
            Matcher t = TOTAL.matcher(line.trim());
            if (t.matches()) {
                instances = Long.parseLong(t.group(1));
                bytes = Long.parseLong(t.group(2));
            }
        }
        if (instances < 0) {
            throw new IOException("the JVM's class histogram has no Total line: " + text.lines().findFirst().orElse("(empty)"));
        }
        return new LiveHistogram(List.copyOf(rows), instances, bytes, compressedOops, compressedClassPointers, compactHeaders,
                alignment, elementAlignedArrayBase);
    }

    private static boolean flag(HotSpotDiagnosticMXBean d, String name) {
        try {
            return Boolean.parseBoolean(d.getVMOption(name).getValue());
        } catch (IllegalArgumentException e) {
            return false; // an option this JVM does not know (compact headers before JDK 24)
        }
    }

    private static int number(HotSpotDiagnosticMXBean d, String name, int otherwise) {
        try {
            return Integer.parseInt(d.getVMOption(name).getValue());
        } catch (IllegalArgumentException e) {
            return otherwise;
        }
    }

    private static int feature(String specVersion) {
        try {
            return Integer.parseInt(specVersion.startsWith("1.") ? specVersion.substring(2) : specVersion.split("\\.")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
