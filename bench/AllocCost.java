import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What `heaptrail alloc` costs a busy target, side by side in one target JVM: phases without and
 * with a profile, taken in turns, each measured over the same stretch (the profile's window less its
 * first seconds of start-up and its last of collection). Throughput is the target's requests a second;
 * the CPU it spends per request is read from its own process CPU time.
 *
 *   java bench/AllocCost.java JAVA_HOME ROUNDS WINDOW_SECONDS [BusyAllocator args...]
 */
public class AllocCost {

    record Sample(long ops, long cpuNanos, long millis) {}

    static BufferedReader out;
    static PrintStream in;

    public static void main(String[] args) throws Exception {
        Path javaHome = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        int window = Integer.parseInt(args[2]);
        List<String> command = new ArrayList<>(List.of(javaHome.resolve("bin/java").toString(), "-Xmx1g", "-cp",
                "heaptrail-testkit/target/classes", "dev.heaptrail.testkit.BusyAllocator"));
        command.addAll(Arrays.asList(args).subList(3, args.length));
        Process target = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        out = new BufferedReader(new InputStreamReader(target.getInputStream()));
        in = new PrintStream(target.getOutputStream(), true);
        String ready = out.readLine();
        long pid = target.pid();
        System.out.println("target " + pid + " (" + ready + "): " + String.join(" ", command.subList(5, command.size()))
                + "; " + rounds + " rounds of " + window + " s without, " + window + " s with heaptrail alloc");
        Thread.sleep(10_000); // past start-up and the first compilations
        int skipHead = 4;  // attach, rate measurement, profiler start
        int skipTail = 2;  // the final collection and the dump come after the window
        int measured = window - skipHead - skipTail;
        List<double[]> without = new ArrayList<>();
        List<double[]> with = new ArrayList<>();
        Path dir = Files.createDirectories(Path.of("target/bench/cost"));
        for (int r = 0; r < rounds; r++) {
            Thread.sleep(skipHead * 1000L);
            Sample a = sample();
            Thread.sleep(measured * 1000L);
            Sample b = sample();
            Thread.sleep(skipTail * 1000L);
            without.add(rate(a, b));

            Path file = dir.resolve("round-" + r + ".jfr");
            Files.deleteIfExists(file);
            Process alloc = new ProcessBuilder("./heaptrail", "alloc", Long.toString(pid), "--duration", window + "s", "-q",
                    "--output", file.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            Thread.sleep(skipHead * 1000L);
            Sample c = sample();
            Thread.sleep(measured * 1000L);
            Sample d = sample();
            int exit = alloc.waitFor();
            with.add(rate(c, d));
            System.out.printf("round %d: without %.0f req/s, %.1f us CPU/req; with %.0f req/s, %.1f us CPU/req (alloc exit %d)%n",
                    r + 1, without.get(r)[0], without.get(r)[1] / 1e3, with.get(r)[0], with.get(r)[1] / 1e3, exit);
            Thread.sleep(3000); // the profiler's last work, before the next quiet phase
        }
        double t0 = mean(without, 0), t1 = mean(with, 0), c0 = mean(without, 1), c1 = mean(with, 1);
        System.out.printf("mean: without %.0f req/s, with %.0f req/s: throughput %+.2f %%; CPU per request %+.1f %%%n",
                t0, t1, (t1 / t0 - 1) * 100, (c1 / c0 - 1) * 100);
        in.println("quit");
        target.waitFor();
    }

    static Sample sample() throws Exception {
        in.println("ops");
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("ops ")) { }
        String[] f = line.split(" ");
        return new Sample(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]));
    }

    /** Requests a second, and CPU nanoseconds a request, between two samples. */
    static double[] rate(Sample a, Sample b) {
        double ops = b.ops() - a.ops();
        return new double[] {ops / ((b.millis() - a.millis()) / 1e3), (b.cpuNanos() - a.cpuNanos()) / ops};
    }

    static double mean(List<double[]> xs, int i) {
        return xs.stream().mapToDouble(x -> x[i]).average().orElse(Double.NaN);
    }
}
