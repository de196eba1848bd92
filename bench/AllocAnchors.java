import com.sun.tools.attach.VirtualMachine;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The anchors of issue 15, out of the box, on a running target: what JFR's `profile` settings and
 * async-profiler's `alloc,live` (no GC before the end) put first, ranked as their own tools show
 * them (old-object samples by count; live objects by bytes), each by the first frame outside the JDK.
 *
 *   java bench/AllocAnchors.java jfr PID SECONDS OUT.jfr
 *   java bench/AllocAnchors.java async-profiler PID SECONDS OUT.jfr LIBASYNCPROFILER.so
 *   java bench/AllocAnchors.java rank FILE.jfr
 */
public class AllocAnchors {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "jfr" -> {
                jcmd(args[1], "JFR.start", "name=anchor", "settings=profile", "filename=" + args[3]);
                Thread.sleep(Long.parseLong(args[2]) * 1000);
                jcmd(args[1], "JFR.stop", "name=anchor");
                rank(Path.of(args[3]));
            }
            case "async-profiler" -> {
                VirtualMachine vm = VirtualMachine.attach(args[1]);
                try {
                    vm.loadAgentPath(args[4], "start,event=alloc,live,file=" + args[3] + ",jfr");
                    Thread.sleep(Long.parseLong(args[2]) * 1000);
                    vm.loadAgentPath(args[4], "stop,file=" + args[3] + ",jfr");
                } finally {
                    vm.detach();
                }
                rank(Path.of(args[3]));
            }
            case "rank" -> rank(Path.of(args[1]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static void jcmd(String pid, String... command) throws Exception {
        List<String> line = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), pid));
        line.addAll(List.of(command));
        Process p = new ProcessBuilder(line).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("jcmd failed: " + line);
        }
    }

    static void rank(Path file) throws Exception {
        Map<String, long[]> old = new HashMap<>();
        Map<String, long[]> live = new HashMap<>();
        try (RecordingFile r = new RecordingFile(file)) {
            while (r.hasMoreEvents()) {
                RecordedEvent e = r.readEvent();
                String type = e.getEventType().getName();
                if (type.equals("jdk.OldObjectSample")) {
                    old.computeIfAbsent(site(e), s -> new long[1])[0]++;
                } else if (type.equals("profiler.LiveObject")) {
                    live.computeIfAbsent(site(e), s -> new long[1])[0] += e.getLong("allocationSize");
                }
            }
        }
        print("jdk.OldObjectSample events by site", old, "");
        print("profiler.LiveObject bytes by site", live, " B");
        System.out.println("file " + file + " " + Files.size(file) + " bytes");
    }

    static void print(String title, Map<String, long[]> bySite, String unit) {
        long total = bySite.values().stream().mapToLong(v -> v[0]).sum();
        if (total == 0) {
            return;
        }
        System.out.println(title + " (total " + total + unit + "):");
        bySite.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0])).limit(6)
                .forEach(e -> System.out.printf("  %5.1f %%  %d%s  %s%n", 100.0 * e.getValue()[0] / total, e.getValue()[0], unit, e.getKey()));
    }

    static String site(RecordedEvent e) {
        if (e.getStackTrace() == null) {
            return "<no stack>";
        }
        for (RecordedFrame f : e.getStackTrace().getFrames()) {
            String c = f.getMethod().getType().getName();
            if (!c.startsWith("java.") && !c.startsWith("jdk.") && !c.startsWith("sun.") && !c.contains("$$Lambda")) {
                return c.substring(c.lastIndexOf('.') + 1) + "." + f.getMethod().getName() + ":" + f.getLineNumber();
            }
        }
        return "<JDK only>";
    }
}
