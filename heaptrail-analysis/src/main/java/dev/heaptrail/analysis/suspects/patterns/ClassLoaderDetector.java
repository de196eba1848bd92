package dev.heaptrail.analysis.suspects.patterns;

import dev.heaptrail.analysis.suspects.LeakPattern;
import dev.heaptrail.analysis.suspects.LeakPatternDetector;
import dev.heaptrail.analysis.suspects.SuspectFacts;

/**
 * Memory made of class loaders (each keeps every class it loaded and their statics), or of objects
 * of several copies of one class, each copy from its own loader: plugins kept in a list.
 */
public final class ClassLoaderDetector implements LeakPatternDetector {

    @Override
    public LeakPattern pattern() {
        return LeakPattern.CLASS_LOADER;
    }

    @Override
    public boolean matches(SuspectFacts suspect) {
        return suspect.duplicatedClass().isPresent()
                || suspect.dominantHeapClass().map(c -> c.isSubclassOf("java.lang.ClassLoader")).orElse(false);
    }
}
