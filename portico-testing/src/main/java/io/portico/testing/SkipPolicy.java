package io.portico.testing;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * A skipped test fails the build unless {@value SkippedTests#FILE_NAME} lists it with its reason.
 *
 * <p>How. JUnit skips a test in two ways, and this extension guards both. A failed assumption aborts a
 * test while it runs: as an {@link InvocationInterceptor} around every invocation JUnit makes on a test
 * class (constructor, lifecycle methods, test, template and factory methods, dynamic tests), it turns
 * an {@link TestAbortedException} into an {@link AssertionFailedError} unless an entry covers the test.
 * A condition skips a test before it runs ({@code @Disabled}, {@code @EnabledIf…}, {@code @DisabledIf…},
 * {@code @EnabledOnOs} and every other annotation that registers an {@link ExecutionCondition}): as an
 * execution condition it throws for such an element unless an entry covers it, and JUnit reports a
 * throwing condition as a failure of that test or class. A listed element is left to its own condition.
 * Conditions that never skip in a build (Jazzer's, on every {@code @FuzzTest}) need no entry.
 *
 * <p>Why this way. A skip is a test that silently stopped testing; the list makes each one a decision
 * with a reason that review sees, in one file. Conditions cannot be overruled once one has disabled a
 * test, so JUnit's own {@code DisabledCondition}, which runs before extensions registered through
 * ServiceLoader, is deactivated in the build ({@code junit.jupiter.conditions.deactivate}) and this
 * condition answers for {@code @Disabled} itself.
 *
 * <p>Registered for every module's tests through ServiceLoader
 * ({@code junit.jupiter.extensions.autodetection.enabled=true} in the parent POM's surefire
 * configuration). The list is read once per test run, from the configuration parameter
 * {@value #LIST_PARAMETER} if set, else from the repository root. Stateless and thread-safe.
 */
public final class SkipPolicy implements InvocationInterceptor, ExecutionCondition {
    /** The configuration parameter naming another skip list file (the policy's own tests use it). */
    public static final String LIST_PARAMETER = "portico.skippedTests.file";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SkipPolicy.class);

    /**
     * Conditions that skip nothing in a build, by class name (the policy depends on no test library).
     * Jazzer's {@code FuzzTestExtensions}, which every {@code @FuzzTest} carries, enables each fuzz test
     * unless {@code JAZZER_FUZZ} is set; only in such a fuzzing run, which is never the build's, does it
     * skip the fuzz tests after the first one it fuzzes (docs/reliability.md, Fuzzing).
     */
    private static final Set<String> NEVER_SKIP_IN_A_BUILD = Set.of("com.code_intelligence.jazzer.junit.FuzzTestExtensions");

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<AnnotatedElement> element = context.getElement();
        boolean disabled = element.filter(e -> AnnotationSupport.isAnnotated(e, Disabled.class)).isPresent();
        if (!disabled && element.filter(SkipPolicy::hasCondition).isEmpty()) {
            return ConditionEvaluationResult.enabled("no condition");
        }
        TestCoordinates coordinates = TestCoordinates.of(context);
        SkippedTests.Entry entry = list(context).find(coordinates).orElseThrow(() -> new AssertionFailedError(
                coordinates + " is conditional (@Disabled, @EnabledIf..., @DisabledIf...) without an entry in "
                        + SkippedTests.FILE_NAME + " (list it there with its reason, or remove the condition)"));
        return disabled ? ConditionEvaluationResult.disabled("listed in " + SkippedTests.FILE_NAME + ": " + entry.reason())
                : ConditionEvaluationResult.enabled("listed in " + SkippedTests.FILE_NAME + ": " + entry.reason());
    }

    /**
     * Whether an annotation on the element, directly or as a meta-annotation, registers a condition that
     * can skip it in a build.
     */
    private static boolean hasCondition(AnnotatedElement element) {
        return AnnotationSupport.findRepeatableAnnotations(element, ExtendWith.class).stream()
                .flatMap(extendWith -> Arrays.stream(extendWith.value()))
                .anyMatch(type -> ExecutionCondition.class.isAssignableFrom(type) && type != SkipPolicy.class
                        && !NEVER_SKIP_IN_A_BUILD.contains(type.getName()));
    }

    @Override
    public <T> T interceptTestClassConstructor(Invocation<T> invocation,
            ReflectiveInvocationContext<Constructor<T>> invocationContext, ExtensionContext context) throws Throwable {
        return guard(invocation, context);
    }

    @Override
    public void interceptBeforeAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context) throws Throwable {
        guard(invocation, context);
    }

    @Override
    public void interceptBeforeEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context) throws Throwable {
        guard(invocation, context);
    }

    @Override
    public void interceptTestMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context) throws Throwable {
        guard(invocation, context);
    }

    @Override
    public <T> T interceptTestFactoryMethod(Invocation<T> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context) throws Throwable {
        return guard(invocation, context);
    }

    @Override
    public void interceptTestTemplateMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context) throws Throwable {
        guard(invocation, context);
    }

    @Override
    public void interceptDynamicTest(Invocation<Void> invocation, DynamicTestInvocationContext invocationContext,
            ExtensionContext context) throws Throwable {
        guard(invocation, context);
    }

    @Override
    public void interceptAfterEachMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context) throws Throwable {
        guard(invocation, context);
    }

    @Override
    public void interceptAfterAllMethod(Invocation<Void> invocation, ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context) throws Throwable {
        guard(invocation, context);
    }

    private static <T> T guard(Invocation<T> invocation, ExtensionContext context) throws Throwable {
        try {
            return invocation.proceed();
        } catch (TestAbortedException aborted) {
            TestCoordinates coordinates = TestCoordinates.of(context);
            if (list(context).find(coordinates).isPresent()) {
                throw aborted;
            }
            throw new AssertionFailedError(coordinates + " skipped without an entry in " + SkippedTests.FILE_NAME
                    + " (list it there with its reason, or make it run): " + aborted.getMessage(), aborted);
        }
    }

    private static SkippedTests list(ExtensionContext context) {
        Path file = context.getConfigurationParameter(LIST_PARAMETER).map(Path::of)
                .orElseGet(() -> Repository.root().resolve(SkippedTests.FILE_NAME));
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(file, SkippedTests::load, SkippedTests.class);
    }
}
