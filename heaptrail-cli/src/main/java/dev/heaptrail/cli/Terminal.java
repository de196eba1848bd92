package dev.heaptrail.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether stderr is a terminal, where progress bars make sense. */
final class Terminal {

    private Terminal() {}

    static boolean stderrIsTerminal() {
        if (System.getenv("HEAPTRAIL_PROGRESS") != null) {
            return !System.getenv("HEAPTRAIL_PROGRESS").equals("0");
        }
        try {
            Path target = Files.readSymbolicLink(Path.of("/proc/self/fd/2"));
            String t = target.toString();
            return t.startsWith("/dev/pts/") || t.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null; // not Linux: the console tells about stdin/stdout, close enough
        }
    }
}
