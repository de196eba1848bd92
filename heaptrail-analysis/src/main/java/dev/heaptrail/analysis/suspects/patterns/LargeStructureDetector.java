package dev.heaptrail.analysis.suspects.patterns;

import dev.heaptrail.analysis.suspects.LeakPattern;
import dev.heaptrail.analysis.suspects.LeakPatternDetector;
import dev.heaptrail.analysis.suspects.SuspectFacts;

/**
 * A collection or array of references that is large without a leak's shape: few elements (a pool
 * of three compiler contexts) or elements of many kinds (an index of names). Not one large object
 * either: what helps next is to see whether it grows, which one dump cannot show.
 */
public final class LargeStructureDetector implements LeakPatternDetector {

    @Override
    public LeakPattern pattern() {
        return LeakPattern.LARGE_STRUCTURE;
    }

    @Override
    public boolean matches(SuspectFacts suspect) {
        return suspect.collection();
    }
}
