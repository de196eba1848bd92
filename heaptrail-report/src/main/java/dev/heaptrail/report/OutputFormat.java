package dev.heaptrail.report;

import java.util.Locale;

/** How a command prints its result; which formats a result has is up to {@link Renderers}. */
public enum OutputFormat {
    TEXT, JSON, CSV,
    /** One self-contained page (scripts and styles inlined, nothing fetched), for a browser. */
    HTML;

    /** As the user types it: text, json, csv, html. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
