package dev.heaptrail.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A copy of this test classpath under the temporary directory that every user can read, for a child
 * that runs as another user (the build folder, under root's home, may not be readable). Closing it
 * removes the copy: nothing of the build is left in /tmp.
 */
public final class ClassPathCopy implements AutoCloseable {

    private final Path dir;
    private final String classPath;

    private ClassPathCopy(Path dir, String classPath) {
        this.dir = dir;
        this.classPath = classPath;
    }

    public static ClassPathCopy create() throws IOException {
        Path dir = Files.createTempDirectory("heaptrail-cp");
        try {
            List<String> entries = new ArrayList<>();
            int i = 0;
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path source = Path.of(entry);
                if (!Files.exists(source)) {
                    continue;
                }
                Path target = dir.resolve(i++ + "-" + source.getFileName());
                try (Stream<Path> files = Files.walk(source)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        Path t = target.resolve(source.relativize(f).toString());
                        if (Files.isDirectory(f)) {
                            Files.createDirectories(t);
                        } else {
                            Files.createDirectories(t.getParent());
                            Files.copy(f, t, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
                entries.add(target.toString());
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(Files.isDirectory(f) ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
            return new ClassPathCopy(dir, String.join(File.pathSeparator, entries));
        } catch (IOException | RuntimeException e) {
            delete(dir);
            throw e;
        }
    }

    /** The copy's class path, for {@code -cp}. */
    public String classPath() {
        return classPath;
    }

    /** The folder holding the copy (readable by all): a place for other files such a child needs. */
    public Path dir() {
        return dir;
    }

    @Override
    public void close() throws IOException {
        delete(dir);
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(f);
            }
        }
    }
}
