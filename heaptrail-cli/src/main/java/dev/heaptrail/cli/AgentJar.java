package dev.heaptrail.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Where the agent jar is: {@code HEAPTRAIL_AGENT_JAR} if set; else the copy bundled inside
 * heaptrail's own jar, written out once to a folder of this user's under the temporary directory
 * (readable by all: a JVM of another user must be able to load it); else the one the build left
 * beside the sources.
 */
final class AgentJar {

    private AgentJar() {}

    static Path find() {
        String set = System.getenv("HEAPTRAIL_AGENT_JAR");
        if (set != null && !set.isBlank()) {
            Path p = Path.of(set);
            if (!Files.isRegularFile(p)) {
                throw new EnvironmentException("HEAPTRAIL_AGENT_JAR=" + set + ": no such file", null);
            }
            return p.toAbsolutePath();
        }
        try (InputStream bundled = AgentJar.class.getResourceAsStream("/agent/heaptrail-agent.jar")) {
            if (bundled != null) {
                return extract(bundled);
            }
        } catch (IOException e) {
            throw new EnvironmentException("cannot write the agent jar out: " + e.getMessage(), e);
        }
        Path built = besideSources();
        if (built != null) {
            return built;
        }
        throw new EnvironmentException("the agent jar is not in this build of heaptrail: build it with 'mvn -B verify'"
                + " (or set HEAPTRAIL_AGENT_JAR)", null);
    }

    private static Path extract(InputStream bundled) throws IOException {
        byte[] jar = bundled.readAllBytes();
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(jar);
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "heaptrail-" + System.getProperty("user.name"));
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        }
        // a folder someone else made could hold a jar of theirs, which would run inside the target
        PosixFileAttributes attrs = Files.readAttributes(dir, PosixFileAttributes.class);
        if (!attrs.owner().getName().equals(System.getProperty("user.name"))
                || attrs.permissions().contains(java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE)
                || attrs.permissions().contains(java.nio.file.attribute.PosixFilePermission.GROUP_WRITE)) {
            throw new EnvironmentException(dir + " is not this user's own folder: remove it, or set HEAPTRAIL_AGENT_JAR", null);
        }
        Path jarFile = dir.resolve("heaptrail-agent-" + Long.toHexString(crc.getValue()) + ".jar");
        if (!Files.isRegularFile(jarFile) || Files.size(jarFile) != jar.length) {
            Path tmp = Files.createTempFile(dir, "agent", ".tmp");
            Files.write(tmp, jar);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(tmp, jarFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        return jarFile;
    }

    private static Path besideSources() {
        try {
            Path here = Path.of(AgentJar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = here; p != null; p = p.getParent()) {
                Path jar = p.resolve("heaptrail-agent").resolve("target").resolve("heaptrail-agent.jar");
                if (Files.isRegularFile(jar)) {
                    return jar;
                }
            }
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return null;
        }
        return null;
    }
}
