package dev.heaptrail.alloc.profile;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.heaptrail.live.AttachFailedException;

import javax.management.JMException;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * The target's JDK Flight Recorder and collections, through its DiagnosticCommand MBean: the
 * commands {@code jcmd} sends ({@code JFR.start}, {@code JFR.dump}, {@code JFR.stop},
 * {@code GC.run}), over the JMX connection heaptrail holds already.
 *
 * <p>Rather than FlightRecorderMXBean, because: the target writes its recording to a file itself,
 * where the MXBean would send every byte through JMX; {@code path-to-gc-roots=true}, which writes the
 * reference chains of the old-object samples, is an option of {@code JFR.dump} the MXBean has no
 * equivalent for; and these are the commands people know from {@code jcmd}, with the same arguments
 * on JDK 11 and 25.
 */
final class DiagnosticCommands {

    private static final ObjectName NAME = name("com.sun.management:type=DiagnosticCommand");

    private final MBeanServerConnection server;
    private final long pid;

    DiagnosticCommands(MBeanServerConnection server, long pid) {
        this.server = server;
        this.pid = pid;
    }

    /**
     * Why the target cannot record with JDK Flight Recorder, or null when it can: its DiagnosticCommand
     * MBean offers no JFR.start, or JFR.check answers that the recorder is off (-XX:-FlightRecorder).
     */
    String noJfr() throws IOException {
        boolean offered;
        try {
            offered = Arrays.stream(server.getMBeanInfo(NAME).getOperations()).map(MBeanOperationInfo::getName)
                    .anyMatch("jfrStart"::equals);
        } catch (JMException e) {
            throw new AttachFailedException("process " + pid + " did not describe its diagnostic commands: " + e.getMessage(), e);
        }
        if (!offered) {
            return "this JVM has no JDK Flight Recorder";
        }
        String check = run("jfrCheck").trim();
        return check.contains("disabled") ? check.lines().findFirst().orElse(check) : null;
    }

    /**
     * Starts recording {@code name} with the settings file {@code settings} (as the target sees it).
     * The recording ends by itself after {@code duration} and is then written to {@code file}: a
     * recording heaptrail could not stop (killed) does not run on.
     */
    void jfrStart(String name, String settings, Duration duration, String file) throws IOException {
        String out = run("jfrStart", "name=" + name, "settings=" + settings, "duration=" + Math.max(1, duration.toSeconds()) + "s",
                "filename=" + file);
        if (!out.contains("Started recording")) { // the recorder answers in words when it is off
            throw new AttachFailedException("JFR.start did not start a recording in process " + pid + ": "
                    + out.trim().lines().findFirst().orElse("no answer"), null);
        }
    }

    /** Writes what recording {@code name} holds to {@code file}, with the old-object samples' reference chains. */
    void jfrDump(String name, String file) throws IOException {
        run("jfrDump", "name=" + name, "filename=" + file, "path-to-gc-roots=true");
    }

    void jfrStop(String name) throws IOException {
        run("jfrStop", "name=" + name);
    }

    /** Whether recording {@code name} is still there (running, or stopped and not yet closed). */
    boolean jfrRecording(String name) throws IOException {
        // "Recording 3: name=heaptrail-alloc-... duration=1m (running)"
        return Pattern.compile("name=" + Pattern.quote(name) + "(\\s|$)").matcher(run("jfrCheck")).find();
    }

    /**
     * A full collection in the target. {@code GC.run} is {@code System.gc()}, which
     * -XX:+DisableExplicitGC turns into nothing; there the collection that
     * {@code GC.class_histogram} starts for itself (which that option does not stop) is used.
     *
     * @return a note when the collection was not the plain one, else null
     */
    String fullGc() throws IOException {
        if (flag("DisableExplicitGC")) {
            run("gcClassHistogram");
            return "the target runs with -XX:+DisableExplicitGC: the final full collection was the one"
                    + " GC.class_histogram makes";
        }
        run("gcRun");
        return null;
    }

    private boolean flag(String option) throws IOException {
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.newPlatformMXBeanProxy(server,
                "com.sun.management:type=HotSpotDiagnostic", HotSpotDiagnosticMXBean.class);
        try {
            return Boolean.parseBoolean(hotspot.getVMOption(option).getValue());
        } catch (IllegalArgumentException e) {
            return false; // an option this JVM does not have
        }
    }

    private String run(String command, String... arguments) throws IOException {
        try {
            Object out = command.equals("gcRun") // the one command here without arguments
                    ? server.invoke(NAME, command, null, null)
                    : server.invoke(NAME, command, new Object[] {arguments}, new String[] {String[].class.getName()});
            return out == null ? "" : out.toString();
        } catch (JMException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new AttachFailedException(command + " failed in process " + pid + ": " + cause.getMessage(), e);
        }
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
    }
}
