package io.portico.states.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.time.ManualClock;
import io.portico.core.time.Timers;
import io.portico.states.engine.StepFunctionsException.Kind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * TestState's engine, state by state, with the statuses, outputs and validation errors AWS documents
 * for the TestState API.
 */
class StateTesterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final StateTester tester = StateTester.create(Clock.systemUTC(), TaskResources.NONE, EngineTimers.tokens(),
            EngineTimers.waiting());

    @Test
    void pass_jsonataOutput_succeedsWithOutputAndNextState() {
        TestStateResult result = tester.test(TestStateRequest.of("""
                {"Type": "Pass", "QueryLanguage": "JSONata", "Output": "{% $states.input.value * 2 %}", "Next": "After"}
                """).withInput(json("{\"value\": 21}")));

        assertThat(result.status()).isEqualTo(TestStateResult.Status.SUCCEEDED);
        assertThat(result.output()).contains(json("42"));
        assertThat(result.nextState()).contains("After");
        assertThat(result.error()).isEmpty();
    }

    @Test
    void pass_atEnd_hasNoNextState() {
        TestStateResult result = tester.test(TestStateRequest.of("""
                {"Type": "Pass", "QueryLanguage": "JSONata", "Output": {"fixed": true}, "End": true}
                """));

        assertThat(result.status()).isEqualTo(TestStateResult.Status.SUCCEEDED);
        assertThat(result.output()).contains(json("{\"fixed\": true}"));
        assertThat(result.nextState()).isEmpty();
    }

    @Test
    void pass_assign_showsVariablesAfterTheStateInInspection() {
        TestStateResult result = tester.test(TestStateRequest.of("""
                {"Type": "Pass", "QueryLanguage": "JSONata", "Assign": {"total": "{% $count + 1 %}"}, "End": true}
                """).withVariables((ObjectNode) json("{\"count\": 1}")));

        assertThat(result.inspection().data().get("variables")).isEqualTo(json("{\"count\": 1, \"total\": 2}"));
        assertThat(result.inspection().data().get("input")).isEqualTo(json("{}"));
    }

    @Test
    void choice_matchingCondition_returnsItsNextAsNextState() {
        String choice = """
                {"Type": "Choice", "QueryLanguage": "JSONata",
                 "Choices": [{"Condition": "{% $states.input.n > 10 %}", "Next": "Big"}],
                 "Default": "Small"}
                """;

        TestStateResult big = tester.test(TestStateRequest.of(choice).withInput(json("{\"n\": 11}")));
        TestStateResult small = tester.test(TestStateRequest.of(choice).withInput(json("{\"n\": 3}")));

        assertThat(big.status()).isEqualTo(TestStateResult.Status.SUCCEEDED);
        assertThat(big.nextState()).contains("Big");
        assertThat(big.output()).contains(json("{\"n\": 11}"));
        assertThat(small.nextState()).contains("Small");
    }

    @Test
    void fail_reportsItsErrorAndCauseWithoutOutput() {
        TestStateResult result = tester.test(TestStateRequest.of("""
                {"Type": "Fail", "Error": "BookingFailed", "Cause": "no seats left"}
                """));

        assertThat(result.status()).isEqualTo(TestStateResult.Status.FAILED);
        assertThat(result.error()).contains("BookingFailed");
        assertThat(result.cause()).contains("no seats left");
        assertThat(result.output()).isEmpty();
        assertThat(result.nextState()).isEmpty();
    }

    @Test
    void task_mockResult_runsOutputProcessingInsteadOfTheCall() {
        TestStateResult result = tester.test(TestStateRequest.of("""
                {"Type": "Task", "QueryLanguage": "JSONata", "Resource": "arn:aws:states:::lambda:invoke",
                 "Arguments": {"FunctionName": "book", "Payload": "{% $states.input %}"},
                 "Output": "{% $states.result.Payload %}", "Next": "Confirm"}
                """).withInput(json("{\"trip\": 7}"))
                .withMock(new TestMock.Result(json("{\"StatusCode\": 200, \"Payload\": {\"booked\": true}}"))));

        assertThat(result.status()).isEqualTo(TestStateResult.Status.SUCCEEDED);
        assertThat(result.output()).contains(json("{\"booked\": true}"));
        assertThat(result.nextState()).contains("Confirm");
        assertThat(result.inspection().data().get("afterArguments"))
                .isEqualTo(json("{\"FunctionName\": \"book\", \"Payload\": {\"trip\": 7}}"));
        assertThat(result.inspection().data().get("result"))
                .isEqualTo(json("{\"StatusCode\": 200, \"Payload\": {\"booked\": true}}"));
    }

    @Test
    void task_withoutMock_invokesTheResourceThroughTaskResources() {
        AtomicReference<JsonNode> seen = new AtomicReference<>();
        TaskResources resources = resource -> Optional.of(call -> {
            seen.set(call.input());
            return json("{\"answer\": 42}");
        });
        StateTester real = StateTester.create(Clock.systemUTC(), resources, EngineTimers.tokens(), EngineTimers.waiting());

        TestStateResult result = real.test(TestStateRequest.of("""
                {"Type": "Task", "QueryLanguage": "JSONata", "Resource": "arn:aws:states:::lambda:invoke",
                 "Arguments": {"q": "{% $states.input.q %}"}, "End": true}
                """).withInput(json("{\"q\": \"life\"}")));

        assertThat(seen.get()).isEqualTo(json("{\"q\": \"life\"}"));
        assertThat(result.status()).isEqualTo(TestStateResult.Status.SUCCEEDED);
        assertThat(result.output()).contains(json("{\"answer\": 42}"));
    }

    @Test
    void task_runningPastTheFiveMinuteLimitOfTheEnginesClock_failsWithStatesTimeout() throws Exception {
        ManualClock clock = ManualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
        CountDownLatch entered = new CountDownLatch(1);
        TaskResources blocking = resource -> Optional.of(call -> {
            entered.countDown();
            new CountDownLatch(1).await(); // until the time limit interrupts it
            return json("{}");
        });
        try (Timers kit = Timers.create(clock, "test");
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            StateTester limited = StateTester.create(clock, blocking, new TaskTokens(kit), ExecutionWaits.on(kit));
            Future<TestStateResult> result = threads.submit(() -> limited.test(TestStateRequest.of("""
                    {"Type": "Task", "QueryLanguage": "JSONata", "Resource": "arn:aws:states:::lambda:invoke",
                     "Arguments": {}, "End": true, "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Never"}]}
                    """)));
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

            clock.advance(StateTester.TIME_LIMIT.minusSeconds(1));
            assertThat(kit.pending()).isEqualTo(1); // the limit has not fired
            clock.advance(Duration.ofSeconds(1));

            assertThat(result.get(10, TimeUnit.SECONDS).status()).isEqualTo(TestStateResult.Status.FAILED);
            assertThat(result.get().error()).contains("States.Timeout");
        }
    }

    /** Regression: these ran for real and waited up to five minutes for a worker, child or callback. */
    @Test
    void task_activitySyncOrCallbackWithoutMock_isValidationException() {
        for (String resource : new String[] {"arn:aws:states:us-east-1:000000000000:activity:work",
                "arn:aws:states:::states:startExecution.sync", "arn:aws:states:::states:startExecution.sync:2",
                "arn:aws:states:::sqs:sendMessage.waitForTaskToken"}) {
            String definition = "{\"Type\": \"Task\", \"Resource\": \"" + resource + "\", \"End\": true}";
            assertThatThrownBy(() -> tester.test(TestStateRequest.of(definition))).as(resource)
                    .isInstanceOfSatisfying(StepFunctionsException.class,
                            e -> assertThat(e.kind()).isEqualTo(Kind.INVALID_REQUEST))
                    .hasMessageContaining("only when a mock is specified");
            assertThat(tester.test(TestStateRequest.of(definition).withMock(new TestMock.Result(json("{\"ok\": 1}"))))
                    .output()).as(resource).contains(json("{\"ok\": 1}"));
        }
    }

    @Test
    void task_mockErrorMatchingCatch_isCaughtErrorWithCatchersNextAndOutput() {
        TestStateResult result = tester.test(TestStateRequest.of("""
                {"Type": "Task", "QueryLanguage": "JSONata", "Resource": "arn:aws:states:::lambda:invoke",
                 "Arguments": {"FunctionName": "book"}, "Next": "Confirm",
                 "Catch": [{"ErrorEquals": ["Other"], "Next": "Ignore"},
                           {"ErrorEquals": ["States.ALL"], "Next": "Compensate",
                            "Output": {"failed": "{% $states.errorOutput.Error %}"}}]}
                """).withMock(new TestMock.Failure("SeatsGone", Optional.of("none left"))));

        assertThat(result.status()).isEqualTo(TestStateResult.Status.CAUGHT_ERROR);
        assertThat(result.nextState()).contains("Compensate");
        assertThat(result.output()).contains(json("{\"failed\": \"SeatsGone\"}"));
        assertThat(result.error()).contains("SeatsGone");
        assertThat(result.cause()).contains("none left");
        assertThat(result.inspection().errorDetails()).hasValueSatisfying(d -> {
            assertThat(d.catchIndex()).contains(1);
            assertThat(d.retryIndex()).isEmpty();
        });
    }

    @Test
    void task_mockErrorMatchingRetry_isRetriableWithBackoff() {
        TestStateRequest request = TestStateRequest.of("""
                {"Type": "Task", "QueryLanguage": "JSONata", "Resource": "arn:aws:states:::lambda:invoke",
                 "Arguments": {"FunctionName": "book"}, "End": true,
                 "Retry": [{"ErrorEquals": ["Other"]},
                           {"ErrorEquals": ["Busy"], "IntervalSeconds": 2, "BackoffRate": 3, "MaxAttempts": 2}],
                 "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "GiveUp"}]}
                """).withMock(new TestMock.Failure("Busy", Optional.empty()));

        TestStateResult first = tester.test(request);
        TestStateResult second = tester.test(request.withRetrierRetryCount(1));
        TestStateResult exhausted = tester.test(request.withRetrierRetryCount(2));

        assertThat(first.status()).isEqualTo(TestStateResult.Status.RETRIABLE);
        assertThat(first.error()).contains("Busy");
        assertThat(first.output()).isEmpty();
        assertThat(first.inspection().errorDetails()).hasValueSatisfying(d -> {
            assertThat(d.retryIndex()).contains(1);
            assertThat(d.retryBackoffIntervalSeconds()).contains(2);
        });
        assertThat(second.inspection().errorDetails().orElseThrow().retryBackoffIntervalSeconds()).contains(6);
        assertThat(exhausted.status()).isEqualTo(TestStateResult.Status.CAUGHT_ERROR);
        assertThat(exhausted.nextState()).contains("GiveUp");
    }

    @Test
    void task_mockErrorNothingMatches_isFailed() {
        TestStateResult result = tester.test(TestStateRequest.of("""
                {"Type": "Task", "QueryLanguage": "JSONata", "Resource": "arn:aws:states:::lambda:invoke",
                 "Arguments": {}, "End": true, "Retry": [{"ErrorEquals": ["Other"]}]}
                """).withMock(new TestMock.Failure("Boom", Optional.of("it broke"))));

        assertThat(result.status()).isEqualTo(TestStateResult.Status.FAILED);
        assertThat(result.error()).contains("Boom");
        assertThat(result.cause()).contains("it broke");
    }

    @Test
    void wait_longSeconds_returnsWithoutWaiting() {
        TestStateResult result = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> tester.test(TestStateRequest.of("""
                {"Type": "Wait", "QueryLanguage": "JSONata", "Seconds": 86400, "Next": "Later"}
                """).withInput(json("{\"k\": 1}"))));

        assertThat(result.status()).isEqualTo(TestStateResult.Status.SUCCEEDED);
        assertThat(result.output()).contains(json("{\"k\": 1}"));
        assertThat(result.nextState()).contains("Later");
    }

    @Test
    void parallel_withoutMock_runsBranchesInProcess() {
        TestStateResult result = tester.test(TestStateRequest.of("""
                {"Type": "Parallel", "QueryLanguage": "JSONata", "End": true, "Branches": [
                  {"StartAt": "A", "States": {"A": {"Type": "Pass", "Output": "a", "End": true}}},
                  {"StartAt": "B", "States": {"B": {"Type": "Pass", "Output": "b", "End": true}}}]}
                """));

        assertThat(result.status()).isEqualTo(TestStateResult.Status.SUCCEEDED);
        assertThat(result.output()).contains(json("[\"a\", \"b\"]"));
    }

    @Test
    void map_mockResult_isTheIterationsOutput() {
        TestStateResult result = tester.test(TestStateRequest.of("""
                {"Type": "Map", "QueryLanguage": "JSONata", "Next": "After", "Output": "{% $count($states.result) %}",
                 "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}}
                """).withInput(json("[1, 2, 3]")).withMock(new TestMock.Result(json("[10, 20, 30]"))));

        assertThat(result.status()).isEqualTo(TestStateResult.Status.SUCCEEDED);
        assertThat(result.output()).contains(json("3"));
        assertThat(result.nextState()).contains("After");
    }

    @Test
    void parallel_mockResultWithWrongLength_isValidationException() {
        assertThatThrownBy(() -> tester.test(TestStateRequest.of("""
                {"Type": "Parallel", "QueryLanguage": "JSONata", "End": true, "Branches": [
                  {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}]}
                """).withMock(new TestMock.Result(json("[1, 2]")))))
                .isInstanceOfSatisfying(StepFunctionsException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.INVALID_REQUEST);
                    assertThat(e.getMessage()).isEqualTo(
                            "Mocked result must contain the same number of items as number of Parallel branches.");
                });
    }

    @Test
    void stateMachineDefinition_withStateName_testsThatStateOnly() {
        String machine = """
                {"QueryLanguage": "JSONata", "StartAt": "First", "States": {
                  "First": {"Type": "Pass", "Output": 1, "Next": "Second"},
                  "Second": {"Type": "Pass", "Output": "{% $states.input + 1 %}", "End": true}}}
                """;

        TestStateResult result = tester.test(TestStateRequest.of(machine).withStateName("Second").withInput(json("41")));

        assertThat(result.output()).contains(json("42"));
        assertThat(result.nextState()).isEmpty();
        assertThatThrownBy(() -> tester.test(TestStateRequest.of(machine).withStateName("Nope")))
                .isInstanceOfSatisfying(StepFunctionsException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.INVALID_REQUEST));
    }

    @Test
    void invalidStateDefinition_isInvalidDefinition() {
        assertThatThrownBy(() -> tester.test(TestStateRequest.of("""
                {"Type": "Pass", "Next": "A", "End": true}
                """)))
                .isInstanceOfSatisfying(StepFunctionsException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.INVALID_DEFINITION);
                    assertThat(e.getMessage()).startsWith("Invalid State Machine Definition: '");
                });
        assertThatThrownBy(() -> tester.test(TestStateRequest.of("{\"Type\": \"Teleport\"}")))
                .isInstanceOfSatisfying(StepFunctionsException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.INVALID_DEFINITION));
        assertThatThrownBy(() -> tester.test(TestStateRequest.of("not json")))
                .isInstanceOfSatisfying(StepFunctionsException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.INVALID_DEFINITION));
    }

    @Test
    void mock_onPassState_isValidationException() {
        assertThatThrownBy(() -> tester.test(TestStateRequest.of("{\"Type\": \"Pass\", \"End\": true}")
                .withMock(new TestMock.Result(json("{}")))))
                .isInstanceOfSatisfying(StepFunctionsException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.INVALID_REQUEST);
                    assertThat(e.getMessage()).isEqualTo("State type 'Pass' is not supported when a mock is specified");
                });
    }

    @Test
    void mock_withRevealSecrets_isValidationException() {
        assertThatThrownBy(() -> tester.test(TestStateRequest.of("""
                {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}
                """).withMock(new TestMock.Result(json("{}"))).withRevealSecrets(true)))
                .isInstanceOfSatisfying(StepFunctionsException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("TestState does not support RevealSecrets when a mock is specified."));
    }

    /** Needs the real JSONPath package (io.portico.states.asl.jsonpath). */
    @Test
    void task_jsonPathMockResult_inspectionShowsEveryProcessingStep() {
        TestStateResult result = tester.test(TestStateRequest.of("""
                {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "InputPath": "$.order",
                 "Parameters": {"FunctionName": "price", "Payload.$": "$"},
                 "ResultSelector": {"price.$": "$.Payload.price"}, "ResultPath": "$.quote", "End": true}
                """).withInput(json("{\"order\": {\"id\": 5}}"))
                .withMock(new TestMock.Result(json("{\"Payload\": {\"price\": 9}}"))));

        assertThat(result.status()).isEqualTo(TestStateResult.Status.SUCCEEDED);
        assertThat(result.inspection().data()).containsKeys("input", "afterInputPath", "afterParameters", "result",
                "afterResultSelector", "afterResultPath");
        assertThat(result.inspection().data().get("afterInputPath")).isEqualTo(json("{\"id\": 5}"));
        assertThat(result.inspection().data().get("afterParameters"))
                .isEqualTo(json("{\"FunctionName\": \"price\", \"Payload\": {\"id\": 5}}"));
        assertThat(result.inspection().data().get("afterResultSelector")).isEqualTo(json("{\"price\": 9}"));
        assertThat(result.output()).contains(json("{\"order\": {\"id\": 5}, \"quote\": {\"price\": 9}}"));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
