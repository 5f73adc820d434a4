package io.portico.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The skip policy, run on fixture classes through the JUnit Platform test kit with a skip list of the
 * test's own: an unlisted skip fails, a listed one stays a skip.
 */
class SkipPolicyTest {
    @TempDir
    Path temp;

    @Test
    void abortedTest_unlisted_fails() throws IOException {
        events(Aborting.class, "")
                .assertThatEvents().haveExactly(1, event(test("aborts"), finishedWithFailure(instanceOf(AssertionFailedError.class),
                        message(m -> m.contains("without an entry in skipped-tests.md") && m.contains("no tool here")))));
    }

    @Test
    void abortedTest_listedByMethod_isSkipped() throws IOException {
        Events events = events(Aborting.class, "- `" + Aborting.class.getName() + "#aborts`: the tool is optional");

        events.assertThatEvents().haveExactly(1, event(test("aborts"), abortedWithReason(message(m -> m.contains("no tool here")))));
        events.assertThatEvents().haveExactly(1, event(test("passes"), finishedSuccessfully()));
    }

    @Test
    void abortedTest_otherMethodListed_fails() throws IOException {
        events(Aborting.class, "- `" + Aborting.class.getName() + "#passes`: a different test")
                .assertThatEvents().haveExactly(1, event(test("aborts"), finishedWithFailure()));
    }

    @Test
    void abortInBeforeAll_unlisted_failsTheClass() throws IOException {
        EngineTestKit.Builder kit = kit(AbortingBeforeAll.class, "");
        kit.execute().containerEvents().assertThatEvents().haveExactly(1,
                event(container(AbortingBeforeAll.class), finishedWithFailure(message(m -> m.contains("without an entry")))));
    }

    @Test
    void abortInBeforeAll_classListed_isSkipped() throws IOException {
        kit(AbortingBeforeAll.class, "- `" + AbortingBeforeAll.class.getName() + "`: the whole class needs a tool")
                .execute().containerEvents().assertThatEvents().haveExactly(1,
                        event(container(AbortingBeforeAll.class), abortedWithReason(message(m -> m.contains("no tool here")))));
    }

    @Test
    void dynamicTest_listedByDisplayNamePrefix_isSkippedOthersFail() throws IOException {
        Events events = events(Dynamic.class, "- `" + Dynamic.class.getName() + "#case-a`: known difference");

        events.assertThatEvents().haveExactly(1, event(test(), displayName("case-a1"), abortedWithReason(message(m -> m.contains("differs")))));
        events.assertThatEvents().haveExactly(1, event(test(), displayName("case-b1"), finishedWithFailure(message(m -> m.contains("without an entry")))));
    }

    @Test
    void disabled_unlisted_fails() throws IOException {
        events(Conditional.class, "")
                .assertThatEvents().haveExactly(1, event(test("disabled"), finishedWithFailure(message(m -> m.contains("is conditional")))))
                .haveExactly(1, event(test("conditional"), finishedWithFailure(message(m -> m.contains("is conditional")))))
                .haveExactly(1, event(test("plain"), finishedSuccessfully()));
    }

    @Test
    void disabled_listed_isSkippedWithTheListedReason() throws IOException {
        events(Conditional.class, "- `" + Conditional.class.getName() + "#disabled`: waits for the timer rework\n"
                + "- `" + Conditional.class.getName() + "#conditional`: runs only where the property is set")
                .assertThatEvents().haveExactly(1, event(test("disabled"), skippedWithReason(r -> r.contains("waits for the timer rework"))))
                .haveExactly(1, event(test("conditional"), skippedWithReason(r -> r.contains("portico.never.set"))));
    }

    @Test
    void fuzzTest_inABuild_runsItsSeedsWithoutAnEntry() throws IOException {
        // Not fuzzing (JAZZER_FUZZ unset): Jazzer's condition enables the test and it replays its seeds.
        Events events = events(Fuzzing.class, "");

        events.assertThatEvents().haveExactly(1, event(test(), displayName("<empty input>"), finishedSuccessfully()));
        events.assertStatistics(stats -> stats.skipped(0).aborted(0).failed(0).succeeded(1));
    }

    /** The fixtures above run with this configuration; the build must run every module's tests with it too. */
    @Test
    @ExtendWith(ContextParameter.class)
    void buildConfiguration_runsEveryTestUnderThePolicy(ExtensionContext context) {
        assertThat(context.getConfigurationParameter("junit.jupiter.extensions.autodetection.enabled"))
                .as("the parent POM's surefire configurationParameters enable extension autodetection").contains("true");
        assertThat(context.getConfigurationParameter("junit.jupiter.conditions.deactivate"))
                .as("the parent POM's surefire configurationParameters deactivate JUnit's DisabledCondition")
                .hasValueSatisfying(v -> assertThat(v).contains("DisabledCondition"));
    }

    private Events events(Class<?> fixture, String list) throws IOException {
        return kit(fixture, list).execute().testEvents();
    }

    private EngineTestKit.Builder kit(Class<?> fixture, String list) throws IOException {
        Path file = Files.writeString(temp.resolve(SkippedTests.FILE_NAME), "# Skipped tests\n\n" + list + "\n");
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true")
                .configurationParameter("junit.jupiter.conditions.deactivate", "org.junit.*DisabledCondition")
                .configurationParameter(SkipPolicy.LIST_PARAMETER, file.toString())
                .selectors(selectClass(fixture));
    }

    /** Gives a test its own extension context. */
    static class ContextParameter implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == ExtensionContext.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context;
        }
    }

    // Fixtures: static nested classes, so surefire does not run them on their own.

    static class Aborting {
        @Test
        void aborts() {
            Assumptions.assumeTrue(false, "no tool here");
        }

        @Test
        void passes() {
        }
    }

    static class AbortingBeforeAll {
        @BeforeAll
        static void needsTool() {
            throw new TestAbortedException("no tool here");
        }

        @Test
        void anything() {
        }
    }

    static class Dynamic {
        @TestFactory
        Stream<DynamicTest> cases() {
            return Stream.of("case-a1", "case-b1").map(name -> DynamicTest.dynamicTest(name, () ->
                    Assumptions.assumeTrue(false, "differs")));
        }
    }

    static class Fuzzing {
        @FuzzTest
        void anyBytes(byte[] data) {
        }
    }

    static class Conditional {
        @Test
        @Disabled("no reason is reason enough")
        void disabled() {
        }

        @Test
        @EnabledIfSystemProperty(named = "portico.never.set", matches = "x")
        void conditional() {
        }

        @Test
        void plain() {
        }
    }
}
