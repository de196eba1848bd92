package dev.heaptrail.report;

import dev.heaptrail.analysis.suspects.LeakPattern;

import java.util.List;

/** {@code heaptrail analyze --patterns}: the leak patterns heaptrail can name, in the order they are tried. */
public record PatternsResult(List<LeakPattern> patterns) {}
