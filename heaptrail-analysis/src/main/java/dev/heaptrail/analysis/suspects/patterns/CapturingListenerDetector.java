package dev.heaptrail.analysis.suspects.patterns;

import dev.heaptrail.analysis.paths.PathStep;
import dev.heaptrail.analysis.suspects.LeakPattern;
import dev.heaptrail.analysis.suspects.LeakPatternDetector;
import dev.heaptrail.analysis.suspects.SuspectFacts;

import java.util.regex.Pattern;

/**
 * Lambdas and anonymous classes gathered somewhere, or on the way to the memory: each keeps what
 * it captured ({@code arg$1}, {@code this$0}). The JVM names their classes {@code Outer$$Lambda...}
 * and {@code Outer$1}, so that is how they are told.
 */
public final class CapturingListenerDetector implements LeakPatternDetector {

    private static final Pattern CAPTURED_ARGUMENT = Pattern.compile("arg\\$\\d+");
    private static final Pattern ANONYMOUS_CLASS = Pattern.compile(".*\\$\\d+");

    @Override
    public LeakPattern pattern() {
        return LeakPattern.CAPTURING_LISTENER;
    }

    @Override
    public boolean matches(SuspectFacts suspect) {
        if (suspect.indexOfStep(CapturingListenerDetector::throughLambda) >= 0) {
            return true;
        }
        String dominant = suspect.dominantClassName();
        return dominant.contains("$$Lambda") || ANONYMOUS_CLASS.matcher(dominant).matches();
    }

    private static boolean throughLambda(PathStep s) {
        return s.className().contains("$$Lambda") || s.field() != null && CAPTURED_ARGUMENT.matcher(s.field()).matches();
    }
}
