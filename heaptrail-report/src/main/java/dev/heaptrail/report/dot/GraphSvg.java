package dev.heaptrail.report.dot;

import dev.heaptrail.report.GraphResult;
import dev.heaptrail.report.Renderer;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The picture as one SVG file, laid out by Graphviz's {@code dot} (the tool made for it, found on
 * the PATH): a file any viewer shows, with no script. Pages ({@code --format html}) lay the same
 * graph out in the browser instead, and need nothing installed.
 */
public final class GraphSvg implements Renderer<GraphResult> {

    /** How long dot may take: a picture of a few dozen nodes takes milliseconds. */
    private static final long TIMEOUT_SECONDS = 60;

    /** Graphviz's dot on the PATH, if there is one. */
    public static Optional<Path> dot() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "dot");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** What to do when there is no dot, for the error line. */
    public static final String NO_DOT = "--format svg needs Graphviz's dot on the PATH (Debian/Ubuntu: apt install graphviz;"
            + " macOS: brew install graphviz); --format html draws the same picture with nothing installed";

    @Override
    public void render(GraphResult r, PrintStream out) throws IOException {
        Path dot = dot().orElseThrow(() -> new IOException(NO_DOT));
        Process p = new ProcessBuilder(dot.toString(), "-Tsvg").redirectErrorStream(false).start();
        CompletableFuture<byte[]> svg = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<byte[]> errors = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        try (OutputStream in = p.getOutputStream()) {
            in.write(GraphDot.dot(r).getBytes(StandardCharsets.UTF_8));
        }
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(dot + " took more than " + TIMEOUT_SECONDS + " s to lay the graph out");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + dot + " laid the graph out", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(dot + " failed (exit " + p.exitValue() + "): "
                    + new String(errors.join(), StandardCharsets.UTF_8).strip());
        }
        out.write(svg.join());
    }

    private static byte[] readAll(InputStream in) {
        try (in; ByteArrayOutputStream b = new ByteArrayOutputStream()) {
            in.transferTo(b);
            return b.toByteArray();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
