package dev.heaptrail.analysis.suspects;

import dev.heaptrail.analysis.paths.PathStep;

import java.util.List;
import java.util.Optional;

/**
 * How a suspect is held, apart from which root holds it: the ThreadLocal whose value it is, or the
 * field that holds it, and every class and link from there to the suspect. Suspects with one
 * signature are one leak spread over several roots: one ThreadLocal's values in each pooled
 * thread, one field of every session object.
 *
 * @param anchor what holds each of them, for people: "ThreadLocal Handler.BUFFERS", "field Session.cache"
 * @param key    the anchor and every link and class from it down to the suspect: equal keys, the
 *               same way of being held
 */
record RetentionSignature(String anchor, String key) {

    /**
     * The signature of a path (root first), read from the suspect up: the nearest ThreadLocal entry,
     * else the nearest field of an object that is not a collection, its internals or an array (a
     * map's node holding a list is plumbing; the field that holds the map is the anchor). Empty when
     * the path has neither.
     */
    static Optional<RetentionSignature> of(List<PathStep> path) {
        StringBuilder below = new StringBuilder();
        for (int i = path.size() - 1; i >= 1; i--) {
            PathStep step = path.get(i);
            PathStep referrer = path.get(i - 1);
            below.insert(0, link(step) + " " + step.className() + " ");
            if (referrer.threadLocal() != null) {
                String anchor = "ThreadLocal " + referrer.threadLocal();
                return Optional.of(new RetentionSignature(anchor, anchor + " " + below.toString().trim()));
            }
            boolean namedField = step.field() != null && !step.field().startsWith("<");
            if (namedField && !ContainerNames.container(referrer.className())) {
                String holder = referrer.className().startsWith("class ") ? referrer.className().substring(6) : referrer.className();
                String anchor = (step.isStatic() ? "static field " : "field ") + holder + "." + step.field();
                return Optional.of(new RetentionSignature(anchor, anchor + " " + below.toString().trim()));
            }
        }
        return Optional.empty();
    }

    private static String link(PathStep step) {
        return step.field() != null ? "." + step.field() : step.index() >= 0 ? "[]" : "→";
    }
}
