package dev.heaptrail.analysis.suspects.patterns;

import dev.heaptrail.analysis.suspects.LeakPattern;
import dev.heaptrail.analysis.suspects.LeakPatternDetector;
import dev.heaptrail.analysis.suspects.SuspectFacts;

import java.io.IOException;
import java.io.UncheckedIOException;

/** A hash set or map whose keys mostly look alike: keys changed after they were added (see {@link HashKeys}). */
public final class UnremovableKeysDetector implements LeakPatternDetector {

    @Override
    public LeakPattern pattern() {
        return LeakPattern.UNREMOVABLE_KEYS;
    }

    @Override
    public boolean matches(SuspectFacts suspect) {
        try {
            return new HashKeys(suspect.graph().index()).mostKeysLookAlike(suspect.point().number());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
