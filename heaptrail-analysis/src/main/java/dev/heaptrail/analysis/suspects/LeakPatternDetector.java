package dev.heaptrail.analysis.suspects;

/**
 * Names one leak pattern: given what is known of a suspect, says whether it has this pattern's
 * shape. Detectors are asked in order ({@link LeakPatternDetectors}) and the first that matches
 * names the suspect, so a detector may count on those before it having said no.
 * <p>
 * More detectors come through {@link java.util.ServiceLoader}: a public class with a public
 * no-argument constructor, named in {@code META-INF/services/dev.heaptrail.analysis.suspects.LeakPatternDetector}.
 * Implementations read the heap through {@link SuspectFacts#graph()} (which does I/O) and must be
 * safe to call from one thread at a time.
 */
public interface LeakPatternDetector {

    /** The pattern this detector names: the same value on every call. */
    LeakPattern pattern();

    /** Whether the suspect has this pattern's shape. May read the dump; an I/O error is unchecked. */
    boolean matches(SuspectFacts suspect);
}
