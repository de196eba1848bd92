package dev.heaptrail.analysis.suspects;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A leak pattern heaptrail names, with its usual fix. The built-in ones are the constants below;
 * a {@link LeakPatternDetector} loaded through {@link java.util.ServiceLoader} brings its own.
 * Equal when id, title and advice are.
 *
 * @param id     stable identifier for JSON and scripts, e.g. {@code unbounded-static-collection}: lower
 *               case words joined by dashes
 * @param title  what the pattern is, for people
 * @param advice the one-line fix
 */
public record LeakPattern(String id, String title, String advice) {

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public static final LeakPattern STATIC_COLLECTION = new LeakPattern("unbounded-static-collection", "unbounded collection in a static field",
            "bound it (an LRU or size-capped cache, or Caffeine with maximumSize/expireAfterAccess) or remove entries when they are done");
    public static final LeakPattern THREAD_LOCAL = new LeakPattern("thread-local-in-pooled-thread", "ThreadLocal values accumulating in pooled threads",
            "call ThreadLocal.remove() in a finally block at the end of each task; pooled threads never end, so their ThreadLocals are never freed");
    public static final LeakPattern CAPTURING_LISTENER = new LeakPattern("capturing-listener", "listener or callback capturing large objects, never removed",
            "unregister the listener when its owner is done, or capture only what the callback needs (not this, not the whole object)");
    public static final LeakPattern CANCELLED_TASKS = new LeakPattern("cancelled-tasks-in-scheduler",
            "cancelled tasks kept in a scheduler's queue until they were due",
            "call setRemoveOnCancelPolicy(true) on the ScheduledThreadPoolExecutor (a cancelled task otherwise stays queued until its"
                    + " delay ends), or purge() a java.util.Timer after cancelling its tasks (each keeps all it captured until then)");
    public static final LeakPattern EXECUTOR_BACKLOG = new LeakPattern("executor-queue-backlog", "executor queue backlog",
            "use a bounded queue with a rejection policy (or backpressure) so that producers cannot outrun the workers");
    public static final LeakPattern UNREMOVABLE_KEYS = new LeakPattern("unremovable-hash-keys", "hash set or map whose keys changed after they were added",
            "keep the fields that equals/hashCode use final (or leave mutable fields out of them); to change a key, remove it first and add it back after");
    public static final LeakPattern WEAK_KEYS_HELD_BY_VALUES = new LeakPattern("weak-map-values-hold-keys",
            "WeakHashMap whose values hold their own keys, so no entry is ever cleared",
            "a WeakHashMap holds its values strongly: a value that references its key keeps the key, and the entry, alive for ever;"
                    + " keep the key out of the value (or hold it through a WeakReference), or remove entries explicitly");
    public static final LeakPattern CLASS_LOADER = new LeakPattern("class-loader-leak", "class loaders kept alive after their application was undeployed",
            "find what still references the old loader (a static in a shared class, a thread, a ThreadLocal, a JDBC driver) and clear it on undeploy");
    public static final LeakPattern FINALIZER_BACKLOG = new LeakPattern("finalizer-backlog", "objects waiting behind a slow or blocked finalize()",
            "make finalize() fast and never block in it, or better replace it with java.lang.ref.Cleaner or try-with-resources:"
                    + " one finalizer thread runs them one at a time, and each object waiting keeps all it references");
    public static final LeakPattern REFERENCE_QUEUE_BACKLOG = new LeakPattern("reference-queue-backlog",
            "references piling up in a queue nobody drains (a Cleaner's actions, PhantomReferences)",
            "keep cleaning actions short and never blocking (hand slow work to an executor), and poll every ReferenceQueue you create;"
                    + " each queued reference keeps what its action captured");
    /** The id says "growing" for the scripts that read it; the title claims no more than one dump shows. */
    public static final LeakPattern COLLECTION = new LeakPattern("growing-collection", "many similar objects gathered in one collection",
            "check why entries are added but never removed; bound the collection or remove entries when they are done");
    public static final LeakPattern LARGE_STRUCTURE = new LeakPattern("large-structure", "a large structure (one dump cannot show whether it grows)",
            "take a second dump later and compare what this structure retains, or follow the process with `heaptrail watch PID`"
                    + " (`heaptrail growth PID` names the classes that grow); it is a leak only if it keeps growing");
    public static final LeakPattern LARGE_OBJECT = new LeakPattern("large-object", "one large object",
            "check whether it must be this large, and whether whatever holds it should let it go sooner");

    public LeakPattern {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(advice, "advice");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a pattern id is lower case words joined by dashes: " + id);
        }
    }
}
