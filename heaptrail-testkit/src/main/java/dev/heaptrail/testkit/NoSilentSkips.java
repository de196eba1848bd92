package dev.heaptrail.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * In CI a test whose requirement is missing fails instead of skipping: a green run must mean every
 * test ran. A skipped test (an assumption that did not hold: no JDK 25, no prometheus, no root…)
 * turns into a failure that says what was missing and that {@code .ci/setup} should install it.
 * On a developer's machine skips stay skips, and so do those of a class marked {@link MaySkipWithout}.
 *
 * <p>Registered for every module's tests through ServiceLoader autodetection (the parent pom turns it
 * on). Required when the configuration parameter {@value #REQUIRE_ALL} is true, which it is by
 * default when the environment variable {@code CI} is {@code true}.
 */
public final class NoSilentSkips implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    public static final String REQUIRE_ALL = "heaptrail.tests.requireAll";

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        throw failInCi(context, thrown);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        throw failInCi(context, thrown);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        throw failInCi(context, thrown);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        throw failInCi(context, thrown);
    }

    @Override
    public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        throw failInCi(context, thrown);
    }

    static Throwable failInCi(ExtensionContext context, Throwable thrown) {
        if (thrown instanceof TestAbortedException && required(context) && !maySkip(context)) {
            AssertionFailedError failure = new AssertionFailedError("a requirement is missing, and in CI that fails"
                    + " instead of skipping (install it in .ci/setup): " + thrown.getMessage());
            failure.setStackTrace(thrown.getStackTrace());
            return failure;
        }
        return thrown;
    }

    /** A class marked {@link MaySkipWithout} skips where its requirement is absent, in CI too, saying so. */
    static boolean maySkip(ExtensionContext context) {
        return context.getTestClass().map(c -> c.isAnnotationPresent(MaySkipWithout.class)).orElse(false);
    }

    static boolean required(ExtensionContext context) {
        return context.getConfigurationParameter(REQUIRE_ALL).map(Boolean::parseBoolean)
                .orElseGet(() -> "true".equalsIgnoreCase(System.getenv("CI")));
    }
}
