package dev.heaptrail.report.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One self-contained page: the styles, the script libraries ({@link Vendored}) and the page's own
 * script inlined, the data in a JSON island, nothing fetched. A Content-Security-Policy allows exactly these inline scripts and this
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
        write(out, title, body, data, script, drawn, List.of(Vendored.D3.LIBRARY));
    }

    /** As above, with the libraries the page's script uses, inlined in this order before it. */
    static void write(PrintStream out, String title, String body, String data, String script, String drawn,
                      List<Vendored> libraries) throws IOException {
        write(out, title, body, data, script, drawn, libraries, List.of());
    }

    /** As above, with style sheets of the page's own (resources beside this class) after page.css. */
    static void write(PrintStream out, String title, String body, String data, String script, String drawn,
                      List<Vendored> libraries, List<String> styles) throws IOException {
        StringBuilder css = new StringBuilder(resource("page.css"));
        for (String extra : styles) {
            css.append('\n').append(resource(extra));
        }
        String style = css.toString();
        String app = resource("bytes.js") + "\n" + resource(script);
        StringBuilder hashes = new StringBuilder();
        StringBuilder scripts = new StringBuilder();
        List<String> credits = new ArrayList<>();
        for (Vendored v : libraries) {
            hashes.append(Html.hash(v.script())).append(' ');
            scripts.append("<script>").append(v.script()).append("</script>\n");
            credits.add(v.credit());
        }
        String csp = "default-src 'none'; script-src " + hashes + Html.hash(app) + "; style-src " + Html.hash(style)
                + "; img-src data:; base-uri 'none'; form-action 'none'";
        String page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"" + csp + "\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<meta name=\"generator\" content=\"heaptrail\">\n"
                + "<title>" + Html.text(title) + "</title>\n"
                + "<style>" + style + "</style>\n</head>\n<body>\n" + body
                + "<footer>Made by heaptrail." + (credits.isEmpty() ? "" : " " + Html.text(drawn) + " with "
                + Html.text(String.join(" and ", credits)) + ", inlined below.") + "</footer>\n"
                + "<script type=\"application/json\" id=\"" + DATA_ID + "\">" + data + "</script>\n"
                + scripts
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

}
