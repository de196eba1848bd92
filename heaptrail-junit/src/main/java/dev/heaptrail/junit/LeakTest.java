package dev.heaptrail.junit;

import dev.heaptrail.junit.internal.LeakTestExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test, used instead of {@code @Test}, whose method must not leak: it runs {@link #warmup()}
 * times, then {@link #iterations()} times with the heap read after full collections between runs,
 * and fails with a {@link LeakError} (growth per run, the classes that grew, the leak trace) when
 * the heap floor grows steadily by more than {@link #maxBytesPerIteration()} a run.
 *
 * <p>The method takes no parameters. It holds JUnit's global resource lock for writing, so when tests
 * run in parallel none runs beside it (their allocations would read as its own).
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Test
@ExtendWith(LeakTestExtension.class)
@ResourceLock(value = Resources.GLOBAL, mode = ResourceAccessMode.READ_WRITE)
public @interface LeakTest {

    /** Runs before measuring (lazy initialisation, caches, class loading, JIT). */
    int warmup() default LeakOptions.DEFAULT_WARMUP;

    /** Measured runs; 5 or more. */
    int iterations() default LeakOptions.DEFAULT_ITERATIONS;

    /** Growth of the heap floor per run that is tolerated, in bytes. */
    long maxBytesPerIteration() default LeakOptions.DEFAULT_MAX_BYTES_PER_ITERATION;
}
