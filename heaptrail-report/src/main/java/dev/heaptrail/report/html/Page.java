package dev.heaptrail.report.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

/**
 * One self-contained page: the styles, d3 and the page's own script inlined, the data in a JSON
 * island, nothing fetched. A Content-Security-Policy allows exactly these inline scripts and this
 * style (by hash) and no network at all, so markup slipped in by a hostile string could not run.
 */
final class Page {

    private static final String DATA_ID = "heaptrail-data";

    private Page() {}

    /**
     * Writes the page in UTF-8, as its meta tag says, whatever {@code out}'s own charset.
     *
     * @param title  plain text (escaped here)
     * @param body   markup, its strings already escaped with {@link Html#text}
     * @param data   JSON from {@link Html#json}, read by {@code script} from the element {@value #DATA_ID}
     * @param script the name of a script resource beside this class
     */
    static void write(PrintStream out, String title, String body, String data, String script) throws IOException {
        write(out, title, body, data, script, "Flame graph laid out");
    }

    /** As above; {@code drawn} says what d3 did on this page ("Bars drawn"), for the footer's credit. */
    static void write(PrintStream out, String title, String body, String data, String script, String drawn) throws IOException {
        String style = resource("page.css");
        String d3 = D3.SCRIPT;
        String app = resource(script);
        String csp = "default-src 'none'; script-src " + Html.hash(d3) + " " + Html.hash(app) + "; style-src " + Html.hash(style)
                + "; img-src data:; base-uri 'none'; form-action 'none'";
        String page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"" + csp + "\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<meta name=\"generator\" content=\"heaptrail\">\n"
                + "<title>" + Html.text(title) + "</title>\n"
                + "<style>" + style + "</style>\n</head>\n<body>\n" + body
                + "<footer>Made by heaptrail. " + Html.text(drawn) + " with d3 " + D3.VERSION + " (ISC licence, inlined below).</footer>\n"
                + "<script type=\"application/json\" id=\"" + DATA_ID + "\">" + data + "</script>\n"
                + "<script>" + d3 + "</script>\n"
                + "<script>" + app + "</script>\n</body>\n</html>\n";
        out.write(page.getBytes(StandardCharsets.UTF_8));
    }

    static String resource(String name) {
        try (InputStream in = Page.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from heaptrail-report's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + " from heaptrail-report's jar", e);
        }
    }

    /**
     * d3 from the org.webjars.npm:d3 jar on the class path, the version the build pinned (read from
     * the jar's pom.properties), with its licence as a comment: each page carries a copy of d3.
     * Loaded on first use, so that only an HTML page needs the jar.
     */
    static final class D3 {
        private static final String WEBJAR = "META-INF/resources/webjars/d3/";
        static final String VERSION = version();
        static final String SCRIPT = script();

        private D3() {}

        private static String version() {
            Properties p = new Properties();
            try (InputStream in = read("META-INF/maven/org.webjars.npm/d3/pom.properties")) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read d3's pom.properties", e);
            }
            return p.getProperty("version");
        }

        private static String script() {
            String licence = text(WEBJAR + VERSION + "/LICENSE");
            String code = text(WEBJAR + VERSION + "/dist/d3.min.js");
            String lower = code.toLowerCase(Locale.ROOT);
            // inlined as it is: a "</script" or "<!--" in it would end or garble the element
            if (lower.contains("</script") || lower.contains("<!--") || licence.contains("*/")) {
                throw new IllegalStateException("d3 " + VERSION + " cannot be inlined as it is");
            }
            return "/*! d3 " + VERSION + ", https://d3js.org\n" + licence.strip() + "\n*/\n" + code;
        }

        private static String text(String path) {
            try (InputStream in = read(path)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path + " from the d3 webjar", e);
            }
        }

        private static InputStream read(String path) {
            InputStream in = Page.class.getClassLoader().getResourceAsStream(path);
            if (in == null) {
                throw new IllegalStateException(path + " is not on the class path: HTML pages need the d3 webjar"
                        + " (org.webjars.npm:d3), a dependency of heaptrail-report");
            }
            return in;
        }
    }
}
