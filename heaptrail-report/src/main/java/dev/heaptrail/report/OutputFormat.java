package dev.heaptrail.report;

import java.util.Locale;

/** How a command prints its result; which formats a result has is up to {@link Renderers}. */
public enum OutputFormat {
    TEXT, JSON, CSV;

    /** As the user types it: text, json, csv. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
