package dev.heaptrail.report;

import java.io.IOException;
import java.io.PrintStream;

/**
 * Writes one kind of command result in one format. A new format is one renderer per result,
 * registered in {@link Renderers#standard()}; no command changes.
 *
 * @param <R> the result record it renders
 */
@FunctionalInterface
public interface Renderer<R> {

    /** Writes {@code result} to {@code out}, ending with a newline; does not flush or close it. */
    void render(R result, PrintStream out) throws IOException;
}
