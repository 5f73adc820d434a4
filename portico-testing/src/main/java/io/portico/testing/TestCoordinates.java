package io.portico.testing;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Where a test sits, in the terms {@link SkippedTests} entries use: its class, the test method
 * (for a dynamic test, its factory method) and the display names from the test up to its class
 * (a dynamic or parameterized test's own name first).
 *
 * <p>Immutable and thread-safe.
 *
 * @param testClass the test class's binary name
 * @param method the test or factory method's name; empty at class level
 * @param displayNames display names below the class, innermost first; empty at class level
 */
public record TestCoordinates(String testClass, Optional<String> method, List<String> displayNames) {
    public TestCoordinates {
        displayNames = List.copyOf(displayNames);
    }

    /**
     * The coordinates of the test or class {@code context} describes.
     *
     * @throws org.junit.platform.commons.PreconditionViolationException when no test class is above the context
     */
    public static TestCoordinates of(ExtensionContext context) {
        List<String> names = new ArrayList<>();
        Optional<String> method = Optional.empty();
        ExtensionContext c = context;
        while (!isClassLevel(c)) {
            names.add(c.getDisplayName());
            if (method.isEmpty()) {
                method = c.getTestMethod().map(Method::getName);
            }
            c = c.getParent().orElseThrow();
        }
        // A dynamic test's own context has no class; the class's context, where the walk stopped, has.
        return new TestCoordinates(c.getRequiredTestClass().getName(), method, names);
    }

    /** A test class's context, or the engine's above it: where a test's own names end. */
    private static boolean isClassLevel(ExtensionContext c) {
        return c.getParent().isEmpty() || c.getElement().filter(e -> e instanceof Class<?>).isPresent();
    }

    @Override
    public String toString() {
        return testClass + method.map(m -> "#" + m).orElse("")
                + (displayNames.isEmpty() ? "" : " " + displayNames);
    }
}
