package dev.heaptrail.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * What {@code heaptrail --version} prints. Free of picocli on purpose: {@link Main} answers
 * {@code --version} from here without building any command model, which is most of start-up.
 */
final class VersionLines {

    private VersionLines() {}

    static String[] lines() throws IOException {
        Properties p = new Properties();
        try (InputStream in = VersionLines.class.getResourceAsStream("/heaptrail-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return new String[] {"heaptrail " + p.getProperty("version", "unknown"),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }

    static boolean isVersionRequest(String[] args) {
        return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
    }
}
