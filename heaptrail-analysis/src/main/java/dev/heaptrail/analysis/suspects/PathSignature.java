package dev.heaptrail.analysis.suspects;

import dev.heaptrail.analysis.paths.PathStep;

import java.util.List;

/**
 * How an object is held, written so that two dumps of one JVM say the same for the same structure:
 * the GC root's kind and class, then each link and class down to the object, without object ids
 * (they change between dumps), array indexes or a collection's internals (a HashMap's table and
 * nodes, an ArrayList's array: "[entry]"), which move as the collection grows.
 *
 * @param text for people and as the key: "(sticky class) class Registry .METRICS (static) java.util.ArrayList"
 */
public record PathSignature(String text) {

    /** The signature of a path, root first. */
    public static PathSignature of(List<PathStep> path) {
        if (path.isEmpty()) {
            return new PathSignature("");
        }
        PathStep root = path.get(0);
        StringBuilder s = new StringBuilder("(").append(root.rootKind()).append(") ").append(root.className());
        boolean inEntry = false;
        for (int i = 1; i < path.size(); i++) {
            PathStep step = path.get(i);
            PathStep referrer = path.get(i - 1);
            if (plumbing(step, referrer)) {
                if (!inEntry) {
                    s.append(" [entry]");
                    inEntry = true;
                }
                continue;
            }
            inEntry = false;
            s.append(' ').append(link(step)).append(' ').append(step.className());
        }
        return new PathSignature(s.toString());
    }

    private static boolean plumbing(PathStep step, PathStep referrer) {
        return ContainerNames.plumbing(step.className(), referrer.className());
    }

    private static String link(PathStep step) {
        return step.field() != null ? "." + step.field() + (step.isStatic() ? " (static)" : "") : step.index() >= 0 ? "[]" : "→";
    }
}
