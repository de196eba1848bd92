package dev.heaptrail.analysis.suspects.patterns;

import dev.heaptrail.analysis.suspects.LeakPattern;
import dev.heaptrail.analysis.suspects.LeakPatternDetector;
import dev.heaptrail.analysis.suspects.SuspectFacts;

/** The last resort: whatever else a suspect is, it is one large object. Matches every suspect. */
public final class LargeObjectDetector implements LeakPatternDetector {

    @Override
    public LeakPattern pattern() {
        return LeakPattern.LARGE_OBJECT;
    }

    @Override
    public boolean matches(SuspectFacts suspect) {
        return true;
    }
}
