package dev.heaptrail.junit.internal;

import dev.heaptrail.junit.LeakOptions;
import dev.heaptrail.junit.LeakTest;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * {@code @LeakTest}: the method is run through JUnit once (its first run, with every other
 * extension's interception), then again directly for the remaining runs.
 */
public final class LeakTestExtension implements BeforeEachCallback, InvocationInterceptor {

    @Override
    public void beforeEach(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        if (method.getParameterCount() > 0) {
            throw new ExtensionConfigurationException("@LeakTest " + method.getDeclaringClass().getSimpleName() + "." + method.getName()
                    + " takes parameters; a leak test's method takes none (it is run 25 times with nothing to resolve them):"
                    + " set up what it needs in fields or @BeforeEach");
        }
        options(method);
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> call, ExtensionContext context)
            throws Throwable {
        Method method = call.getExecutable();
        Object target = call.getTarget().orElse(null);
        method.setAccessible(true);
        LeakCheck.run(options(method), invocation::proceed, () -> {
            try {
                method.invoke(target);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }, method.getDeclaringClass().getSimpleName() + "." + method.getName());
    }

    private static LeakOptions options(Method method) {
        LeakTest a = AnnotationSupport.findAnnotation(method, LeakTest.class).orElseThrow();
        try {
            return new LeakOptions(a.warmup(), a.iterations(), a.maxBytesPerIteration());
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("@LeakTest on " + method.getDeclaringClass().getSimpleName() + "."
                    + method.getName() + ": " + e.getMessage());
        }
    }
}
