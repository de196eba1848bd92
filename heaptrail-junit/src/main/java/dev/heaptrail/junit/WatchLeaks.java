package dev.heaptrail.junit;

import dev.heaptrail.junit.internal.WatchLeaksExtension;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a test class: after each test, {@link Leaks#assertCollected()} checks that every object the
 * test watched with {@link Leaks#expectCollected} has become unreachable.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(WatchLeaksExtension.class)
public @interface WatchLeaks {
}
