import com.sun.management.HotSpotDiagnosticMXBean;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Run at package time (heaptrail-cli's pom): runs the shipped jar's common commands on a small
 * dump of this very JVM and writes the classes they load, as -XX:DumpLoadedClassList lists them,
 * to heaptrail.classlist beside the jar. The launchers build a class-data-sharing archive from it
 * for the Java they run on (CdsArchive), which takes a tenth of a second off every command.
 *
 * Usage: java ClassListTraining.java JAR OUTPUT WORKDIR
 */
public class ClassListTraining {

    /** Something for analyze to find, so its suspect and leak-trace code runs too. */
    static final Map<String, byte[]> KEPT = new HashMap<>();

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]).toAbsolutePath();
        Path output = Path.of(args[1]);
        Path work = Files.createDirectories(Path.of(args[2]));
        for (int i = 0; i < 20_000; i++) {
            KEPT.put("session-" + i, new byte[64]);
        }
        Path dump = work.resolve("training.hprof");
        Files.deleteIfExists(dump);
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class).dumpHeap(dump.toString(), true);
        String index = work.resolve("index").toString();
        List<List<String>> commands = List.of(
                List.of("--help"),
                List.of("histo", "--help"),
                List.of("histo", dump.toString(), "--top", "5"),
                List.of("histo", dump.toString(), "--format", "json"),
                List.of("info", dump.toString()),
                List.of("analyze", dump.toString(), "--index-dir", index),
                List.of("analyze", dump.toString(), "--index-dir", index, "--format", "json"),
                List.of("dominators", dump.toString(), "--index-dir", index),
                List.of("path", dump.toString(), "--class", "java.util.HashMap", "--index-dir", index));
        Set<String> classes = new LinkedHashSet<>();
        List<String> header = new ArrayList<>();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int i = 0; i < commands.size(); i++) {
            Path list = work.resolve("run-" + i + ".classlist");
            List<String> command = new ArrayList<>(List.of(java, "-Xshare:off", "-XX:DumpLoadedClassList=" + list,
                    "-jar", jar.toString()));
            command.addAll(commands.get(i));
            Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("class-list training: " + commands.get(i) + " did not end in 120 s");
            }
            if (p.exitValue() > 1) {
                throw new IllegalStateException("class-list training: " + commands.get(i) + " exited " + p.exitValue());
            }
            for (String line : Files.readAllLines(list)) {
                if (line.startsWith("#")) {
                    if (i == 0) {
                        header.add(line);
                    }
                } else if (!line.isBlank()) {
                    classes.add(line);
                }
            }
        }
        List<String> lines = new ArrayList<>(header);
        lines.addAll(classes);
        Files.write(output, lines);
        Files.delete(dump);
        System.out.println("class-list training: " + classes.size() + " classes from " + commands.size() + " commands -> " + output);
    }
}
