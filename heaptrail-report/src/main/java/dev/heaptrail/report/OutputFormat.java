package dev.heaptrail.report;

import java.util.Locale;

/** How a command prints its result; which formats a result has is up to {@link Renderers}. */
public enum OutputFormat {
    TEXT, JSON, CSV,
    /** One self-contained page (scripts and styles inlined, nothing fetched), for a browser. */
    HTML,
    /** Graphviz's language, for a picture ({@code heaptrail graph}). */
    DOT,
    /** A picture as one SVG file, laid out by Graphviz's dot. */
    SVG;

    /** As the user types it: text, json, csv, html, dot, svg. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
