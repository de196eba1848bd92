package dev.heaptrail.report;

import dev.heaptrail.heap.ClassHistogram;

import java.util.OptionalInt;

/**
 * {@code heaptrail histo}: the classes that passed the filter, largest first.
 *
 * @param matching   the classes that passed the filter; its totals are the whole heap's
 * @param allClasses how many classes the heap has
 * @param top        the rows asked for (0: all); empty leaves it to the format (a screenful of text, all of json)
 */
public record HistogramResult(ClassHistogram matching, int allClasses, OptionalInt top) {

    /** The rows to show: {@code top}, or {@code formatDefault} (0: all) when none was asked for. */
    public ClassHistogram shown(int formatDefault) {
        return matching.select(r -> true, top.orElse(formatDefault));
    }
}
