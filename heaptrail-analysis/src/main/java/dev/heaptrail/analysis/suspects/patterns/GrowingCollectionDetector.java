package dev.heaptrail.analysis.suspects.patterns;

import dev.heaptrail.analysis.suspects.LeakPattern;
import dev.heaptrail.analysis.suspects.LeakPatternDetector;
import dev.heaptrail.analysis.suspects.SuspectFacts;

/** Any other collection or array of references in which many similar objects are gathered. */
public final class GrowingCollectionDetector implements LeakPatternDetector {

    @Override
    public LeakPattern pattern() {
        return LeakPattern.COLLECTION;
    }

    @Override
    public boolean matches(SuspectFacts suspect) {
        return suspect.collection() && suspect.manySimilarElements();
    }
}
