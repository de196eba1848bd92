package dev.heaptrail.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Start-up: the launchers run heaptrail with a class-data-sharing archive of the classes its
 * common commands load (the jar's and the JDK's, already parsed and linked), which takes about a
 * tenth of a second off every command. An archive fits one jar and one Java, so it is made on the
 * user's machine: when the launcher finds none fresh for this pair, it names one in
 * {@value #ARCHIVE} and the command, once done, has it made in the background from the class list
 * that the build wrote beside the jar ({@code heaptrail.classlist}); so it is when the JVM refused the
 * archive the launcher gave it (no "sharing" in {@code java.vm.info}). Nothing here may fail a command.
 */
final class CdsArchive {

    static final String ARCHIVE = "heaptrail.cds.archive";
    static final String CLASS_LIST = "heaptrail.cds.classlist";
    /** Set by the launcher when it mapped {@value #ARCHIVE}: the JVM may still have refused it. */
    static final String MAPPED = "heaptrail.cds.mapped";
    /** Another run already making the archive: not started twice, unless that one died long ago. */
    private static final Duration BUILDING = Duration.ofMinutes(10);
    /**
     * Archives kept in the folder, the newest: each install (a jar path) and each Java makes its own
     * of about 20 MB, and upgrades would otherwise pile them up in the user's cache for ever.
     */
    static final int KEPT = 4;

    private CdsArchive() {}

    /** Starts making the archive the launcher asked for, if any, in a process of its own; returns at once. */
    static void makeInBackgroundIfAsked() {
        String archive = System.getProperty(ARCHIVE);
        String classList = System.getProperty(CLASS_LIST);
        String jar = System.getProperty("java.class.path");
        if (archive == null || classList == null || jar == null || jar.contains(File.pathSeparator)) {
            return;
        }
        boolean refused = Boolean.getBoolean(MAPPED);
        if (refused && System.getProperty("java.vm.info", "").contains("sharing")) {
            return; // the launcher mapped a fresh archive, and the JVM took it
        }
        // else none yet, a stale one, or one the JVM refused (damaged, another JDK build): made anew
        try {
            Path target = Path.of(archive);
            if (refused && !retryRefused(Path.of(archive + ".refused"))) {
                return;
            }
            if (!Files.isRegularFile(Path.of(classList))) {
                return;
            }
            Path dir = target.toAbsolutePath().getParent();
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Path marker = Path.of(archive + ".building");
            try {
                Files.createFile(marker);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (Files.getLastModifiedTime(marker).toInstant().isAfter(Instant.now().minus(BUILDING))) {
                    return;
                }
                Files.setLastModifiedTime(marker, java.nio.file.attribute.FileTime.from(Instant.now()));
            }
            // a JVM of its own makes it (no shell or tools needed), so this command ends now
            new ProcessBuilder(java(), "-cp", jar, CdsArchive.class.getName(), classList, archive, jar)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException | RuntimeException e) {
            // no archive: the next run starts a little slower and asks again
        }
    }

    /**
     * A refused archive is made again at most once a day: a JVM that never shares (-Xshare:off in
     * HEAPTRAIL_JAVA_OPTS, a platform without CDS) must not start a maker after every command.
     */
    private static boolean retryRefused(Path note) throws IOException {
        if (Files.exists(note) && Files.getLastModifiedTime(note).toInstant().isAfter(Instant.now().minus(Duration.ofDays(1)))) {
            return false;
        }
        Files.write(note, new byte[0]);
        return true;
    }

    /**
     * Deletes all but the {@code kept} newest archives in {@code dir} (by when they were made), and the
     * partial ones a maker killed mid-way left there over a day ago. A file in use is only unlinked: a
     * JVM that mapped it keeps its pages, and the next run of that install makes it again.
     */
    static void prune(Path dir, int kept) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> archives = new ArrayList<>();
            Instant dayAgo = Instant.now().minus(Duration.ofDays(1));
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (!name.startsWith("heaptrail-")) {
                    continue;
                }
                if (name.endsWith(".jsa")) {
                    archives.add(p);
                } else if (name.endsWith(".tmp") && Files.getLastModifiedTime(p).toInstant().isBefore(dayAgo)) {
                    Files.deleteIfExists(p);
                }
            }
            Map<Path, Long> made = new HashMap<>();
            for (Path p : archives) {
                made.put(p, Files.getLastModifiedTime(p).toMillis());
            }
            archives.sort(Comparator.comparing((Path p) -> made.get(p)).reversed());
            for (Path old : archives.subList(Math.min(kept, archives.size()), archives.size())) {
                Files.deleteIfExists(old);
                Files.deleteIfExists(Path.of(old + ".refused"));
            }
        } catch (IOException | RuntimeException e) {
            // an archive left is disk space, not a failure
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The background maker: {@code CdsArchive CLASS_LIST ARCHIVE JAR}. The JVM writes the archive
     * under a name of its own, moved into place when complete: a run starting meanwhile never maps
     * half a file.
     */
    public static void main(String[] args) throws Exception {
        Path archive = Path.of(args[1]);
        Path marker = Path.of(args[1] + ".building");
        Path partial = Path.of(args[1] + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Process dump = new ProcessBuilder(java(), "-Xshare:dump", "-XX:SharedClassListFile=" + args[0],
                    "-XX:SharedArchiveFile=" + partial, "-cp", args[2])
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!dump.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)) {
                dump.destroyForcibly();
            } else if (dump.exitValue() == 0 && Files.isRegularFile(partial)) {
                Files.move(partial, archive, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                prune(archive.toAbsolutePath().getParent(), KEPT);
            }
        } finally {
            Files.deleteIfExists(partial);
            Files.deleteIfExists(marker);
        }
    }
}
