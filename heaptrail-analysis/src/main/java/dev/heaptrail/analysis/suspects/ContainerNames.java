package dev.heaptrail.analysis.suspects;

import java.util.regex.Pattern;

/**
 * Containers told by their class names. A dump records superclasses but not interfaces, so a
 * {@code java.util.Map} that extends no JDK class is only known by its name; the accumulation
 * points and the dominant class share this one rule so that they agree on what a container is.
 */
public final class ContainerNames {

    private static final Pattern INTERNALS = Pattern.compile(".*\\$(Node|Entry|TreeNode|Segment|HashEntry|Cell|Itr)(\\[\\])*");
    private static final Pattern PRIMITIVE_ARRAY = Pattern.compile("(boolean|byte|char|short|int|long|float|double)(\\[\\])+");
    private static final Pattern COLLECTION = Pattern.compile(".*(Map|List|Set|Queue|Deque|Vector|Stack|Collection|Cache|Table|Bag)");

    private ContainerNames() {}

    /** A collection's entry, node or segment (or an array of them). */
    public static boolean internals(String className) {
        return INTERNALS.matcher(className).matches();
    }

    /** A collection class, not one of its internals. */
    public static boolean collection(String className) {
        return COLLECTION.matcher(className).matches() && !internals(className);
    }

    /** Anything that only holds other objects: a collection, its internals, an array of references. */
    public static boolean container(String className) {
        boolean referenceArray = className.endsWith("[]") && !PRIMITIVE_ARRAY.matcher(className).matches();
        return referenceArray || internals(className) || COLLECTION.matcher(className).matches();
    }

    /**
     * A collection's inner parts, which pictures and signatures leave out: its nodes and entries,
     * and the arrays a collection or a node holds ({@code referrer} is the class that holds it).
     */
    public static boolean plumbing(String className, String referrer) {
        if (internals(className)) {
            return true;
        }
        return className.endsWith("[]") && (collection(referrer) || internals(referrer));
    }
}
