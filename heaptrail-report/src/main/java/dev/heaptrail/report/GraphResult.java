package dev.heaptrail.report;

import dev.heaptrail.analysis.graph.ReferenceGraph;

/**
 * {@code heaptrail graph}: who holds an object, as a picture.
 *
 * @param dump  the dump's file name, for titles
 * @param about what the picture is of, for people ("object 0x7ff3e2a10", "the 3 largest com.example.Session")
 * @param depth the levels of referrers asked for beyond the shortest paths
 */
public record GraphResult(String dump, String about, int depth, ReferenceGraph graph) {}
