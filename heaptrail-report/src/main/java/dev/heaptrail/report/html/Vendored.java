package dev.heaptrail.report.html;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A script library from the npm registry, put in this jar by the build (heaptrail-report's pom
 * pins each version and checks each tarball's sha512) under {@code META-INF/heaptrail/npm/NAME}: its
 * one-file build, its licence and its package.json, from which the version and licence name are
 * read, so a page names exactly what it inlines. Each is read once, on first use.
 *
 * @param name    as npm knows it ("d3", "@dagrejs/dagre")
 * @param script  the minified build, with the licence as a leading comment
 */
record Vendored(String name, String version, String licence, String homepage, String script) {

    /** Charts (d3-selection, d3-scale, d3-shape, d3-axis, d3-hierarchy...), ISC. */
    static final class D3 {
        static final Vendored LIBRARY = read("d3", "dist/d3.min.js");
        private D3() {}
    }

    /** Layered graph layout (with graphlib bundled), MIT. */
    static final class Dagre {
        static final Vendored LIBRARY = read("dagre", "dist/dagre.min.js");
        private Dagre() {}
    }

    /** "d3 7.9.0 (ISC licence)". */
    String credit() {
        return name + " " + version + " (" + licence + " licence)";
    }

    private static Vendored read(String folder, String file) {
        String base = "META-INF/heaptrail/npm/" + folder + "/";
        String name = null;
        String version = null;
        String licence = null;
        String homepage = null;
        try (JsonParser p = new JsonFactory().createParser(text(base + "package.json"))) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_STRING) {
                    switch (field) {
                        case "name" -> name = p.getText();
                        case "version" -> version = p.getText();
                        case "license" -> licence = p.getText();
                        case "homepage" -> homepage = p.getText();
                        default -> { }
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + base + "package.json from heaptrail-report's jar", e);
        }
        String licenceText = text(base + "LICENSE");
        String code = text(base + file);
        String lower = code.toLowerCase(Locale.ROOT);
        // inlined as it is: a "</script" or "<!--" in it would end or garble the element
        if (name == null || version == null || licence == null || lower.contains("</script") || lower.contains("<!--")
                || licenceText.contains("*/")) {
            throw new IllegalStateException(base + " cannot be inlined as it is");
        }
        String script = "/*! " + name + " " + version + (homepage != null ? ", " + homepage : "") + "\n"
                + licenceText.strip() + "\n*/\n" + code;
        return new Vendored(name, version, licence, homepage, script);
    }

    private static String text(String path) {
        try (InputStream in = Vendored.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not in heaptrail-report's jar: the build puts it there"
                        + " from the npm registry (mvn -B package)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " from heaptrail-report's jar", e);
        }
    }
}
