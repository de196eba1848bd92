package dev.heaptrail.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class whose requirement CI cannot install (a Docker engine needs a privileged host) and
 * whose issue allows a skip where it is absent. {@link NoSilentSkips} lets its skips stay skips, in CI
 * too; the skip must still say what was missing, and {@code .ci/test-summary.py} prints why.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface MaySkipWithout {

    /** What may be missing, in the user's words: "a Docker engine". */
    String value();
}
