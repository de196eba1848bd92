package dev.heaptrail.analysis.suspects.patterns;

import dev.heaptrail.analysis.suspects.LeakPattern;
import dev.heaptrail.analysis.suspects.LeakPatternDetector;
import dev.heaptrail.analysis.suspects.SuspectFacts;

/**
 * A collection that a static field holds, directly or on the way, with many similar objects in it: it
 * lives as long as its class, and so does all it gathers.
 */
public final class StaticCollectionDetector implements LeakPatternDetector {

    @Override
    public LeakPattern pattern() {
        return LeakPattern.STATIC_COLLECTION;
    }

    @Override
    public boolean matches(SuspectFacts suspect) {
        return suspect.collection() && suspect.heldByStaticField() && suspect.manySimilarElements();
    }
}
