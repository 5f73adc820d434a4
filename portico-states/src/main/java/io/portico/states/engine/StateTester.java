package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.time.Timers;
import io.portico.states.asl.Catcher;
import io.portico.states.asl.EvaluationLimits;
import io.portico.states.asl.JsonDepth;
import io.portico.states.asl.QueryLanguage;
import io.portico.states.asl.Retrier;
import io.portico.states.asl.State;
import io.portico.states.asl.StatesError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TestState operation: runs one state in isolation and reports how it ended.
 *
 * <p>How it works: {@link TestDefinitions} validates the definition with the real parser and finds the
 * state. The state then runs once, through the same runners and the same input/output processing as
 * in an execution, in a throw-away {@link ExecutionRun} (memory journal, no checkpoints) whose
 * {@link Inspector} collects the intermediate values DEBUG inspection shows. Next is not followed.
 * Nothing waits: a Wait state returns at once (AWS skips the wait in TestState too), and Retry is not
 * carried out but reported: if a retrier would retry the error, the status is RETRIABLE with the
 * retrier's index and first back-off ({@code retrierRetryCount} says how many retries already
 * happened); else a matching Catch gives CAUGHT_ERROR with the catcher's output and Next; else FAILED.
 *
 * <p>With a mock, a Task's service call (or a Map's or Parallel's fan-out) is replaced by the mocked
 * result or error; its data processing still runs. Without a mock, a Task invokes its resource through
 * the engine's {@link TaskResources} (Activity, {@code .sync} and {@code .waitForTaskToken} Tasks need a
 * mock, as on AWS), and Map and Parallel run their iterations and branches for real
 * in this process (a Portico extension: AWS accepts Map and Parallel only with a mock), without waiting
 * in their Wait states or retry back-offs either. As on AWS, a call that runs longer than five minutes
 * (a slow Task, say) ends FAILED with {@code States.Timeout}.
 *
 * <p>The state's output passes the same checks as in an execution (AWS's 256 KiB quota, the engine's
 * nesting bound), and a failure inside Portico ends the test FAILED with {@code States.Runtime}
 * ({@link InternalFailure}), so that what TestState answers can always be written on the wire. Of the
 * inspection data, a value nested too deep to be written is left out.
 *
 * <p>Thread safe; each call uses its own run.
 */
public final class StateTester {
    private static final Logger LOG = LoggerFactory.getLogger(StateTester.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** AWS stops a TestState call after five minutes with {@code States.Timeout}. */
    static final Duration TIME_LIMIT = Duration.ofMinutes(5);

    private final Clock clock;
    private final TaskTokens tokens;
    /** The engine's deadlines; sleeps that never wait: TestState returns as soon as the state's work is done. */
    private final ExecutionWaits waits;
    /** Runs the tested state, and the states inside its Map or Parallel, without ever waiting. */
    private final Interpreter interpreter;

    private StateTester(Clock clock, TaskResources resources, TaskTokens tokens, ExecutionWaits waits,
                        EvaluationLimits limits) {
        this.clock = clock;
        this.tokens = tokens;
        this.waits = waits.withoutWaiting();
        this.interpreter = new Interpreter(clock, resources, tokens, this.waits, limits);
    }

    /** A tester whose deadlines (its five minutes, a Task's TimeoutSeconds) are on {@code waits}. */
    public static StateTester create(Clock clock, TaskResources resources, TaskTokens tokens, ExecutionWaits waits) {
        return create(clock, resources, tokens, waits, EvaluationLimits.defaults());
    }

    /** A tester whose expression evaluations run under {@code limits}. */
    public static StateTester create(Clock clock, TaskResources resources, TaskTokens tokens, ExecutionWaits waits,
                                     EvaluationLimits limits) {
        return new StateTester(clock, resources, tokens, waits, limits);
    }

    /**
     * Tests the state. Throws {@link StepFunctionsException} {@code INVALID_DEFINITION} for a definition the
     * parser rejects and {@code INVALID_REQUEST} for parameters AWS rejects together.
     */
    public TestStateResult test(TestStateRequest request) {
        request.roleArn().ifPresent(StateMachines::checkRoleArn);
        TestMocks.checkRequest(request);
        TestDefinitions.Target target = TestDefinitions.resolve(request.definition(), request.stateName());
        State state = target.state();
        TestMocks.checkNeedsMock(state, request.mock());
        request.mock().ifPresent(mock -> TestMocks.checkFits(state, mock));
        ExecutionRun run = new ExecutionRun(info(request), target.definition(), MemoryJournal.keeping(clock),
                Checkpointer.NONE);
        Variables variables = Variables.root();
        variables.assignAll(request.variables());
        Frame frame = Frame.root(run, variables, 0, interpreter.limits());
        Recorder recorder = new Recorder(state, frame, request.input());
        run.inspector(recorder);
        frame.record(EventType.ExecutionStarted, () -> Interpreter.executionStarted(run.info()));
        EventType entered = EventType.valueOf(state.typeName() + "StateEntered");
        long enteredId = frame.record(entered, () -> Interpreter.stateEntered(state.name(), request.input()));
        StateVisit visit = new StateVisit(state, request.input(), frame, enteredId, clock.instant());
        for (int i = 0; i < request.retrierRetryCount(); i++) {
            visit.retried();
        }
        run.enlist(Thread.currentThread());
        Timers.Scheduled deadline = waits.alarm(clock.instant().plus(TIME_LIMIT),
                () -> run.stop(new ExecutionResult.TimedOut(StatesError.TIMEOUT, null)));
        try {
            Interpreter.Step step = dispatch(visit, request.mock());
            Interpreter.checkOutput(state, step.output(), frame);
            return result(TestStateResult.Status.SUCCEEDED, Optional.of(step.output()), null, step.next(),
                    recorder, variables, Optional.empty());
        } catch (StatesError error) {
            if (run.stopResult().isPresent()) {
                return timedOut(recorder, variables);
            }
            return handle(error, visit, request.retrierRetryCount(), recorder, variables);
        } catch (ExecutionInterrupted e) {
            return timedOut(recorder, variables);
        } catch (RuntimeException | StackOverflowError e) {
            if (run.stopResult().isPresent()) {
                return timedOut(recorder, variables);
            }
            return result(TestStateResult.Status.FAILED, Optional.empty(), InternalFailure.of(e), Optional.empty(),
                    recorder, variables, Optional.empty());
        } finally {
            deadline.cancel();
            run.dismiss(Thread.currentThread());
            Thread.interrupted();
        }
    }

    private Interpreter.Step dispatch(StateVisit visit, Optional<TestMock> mock) {
        if (mock.isPresent()) {
            return TestMocks.run(visit, mock.get(), tokens);
        }
        return interpreter.dispatch(visit);
    }

    private static TestStateResult timedOut(Recorder recorder, Variables variables) {
        return result(TestStateResult.Status.FAILED, Optional.empty(), new StatesError(StatesError.TIMEOUT, null),
                Optional.empty(), recorder, variables, Optional.empty());
    }

    /** What Retry and Catch would make of the error, decided without waiting. */
    private TestStateResult handle(StatesError error, StateVisit visit, int retryCount, Recorder recorder,
                                   Variables variables) {
        if (isTerminal(error) || !(visit.state() instanceof State.Recoverable recoverable)) {
            return result(TestStateResult.Status.FAILED, Optional.empty(), error, Optional.empty(), recorder,
                    variables, Optional.empty());
        }
        List<Retrier> retriers = recoverable.retry();
        for (int i = 0; i < retriers.size(); i++) {
            Retrier retrier = retriers.get(i);
            if (!ErrorNames.matches(retrier.errorEquals(), error.error())) {
                continue;
            }
            if (retryCount < retrier.maxAttempts()) {
                TestStateResult.ErrorDetails details = new TestStateResult.ErrorDetails(Optional.empty(),
                        Optional.of(i), Optional.of(backoffSeconds(retrier, retryCount)));
                return result(TestStateResult.Status.RETRIABLE, Optional.empty(), error, Optional.empty(), recorder,
                        variables, Optional.of(details));
            }
            break; // the first matching retrier is exhausted: Catch decides, as in an execution
        }
        List<Catcher> catchers = recoverable.catchers();
        for (int i = 0; i < catchers.size(); i++) {
            Catcher catcher = catchers.get(i);
            if (!ErrorNames.matches(catcher.errorEquals(), error.error())) {
                continue;
            }
            JsonNode output;
            try {
                output = StateIo.caught(visit, catcher, Interpreter.errorOutput(error));
            } catch (StatesError e) {
                return result(TestStateResult.Status.FAILED, Optional.empty(), e, Optional.empty(), recorder,
                        variables, Optional.empty());
            }
            TestStateResult.ErrorDetails details = new TestStateResult.ErrorDetails(Optional.of(i),
                    Optional.empty(), Optional.empty());
            return result(TestStateResult.Status.CAUGHT_ERROR, Optional.of(output), error,
                    Optional.of(catcher.next()), recorder, variables, Optional.of(details));
        }
        return result(TestStateResult.Status.FAILED, Optional.empty(), error, Optional.empty(), recorder,
                variables, Optional.empty());
    }

    /**
     * The wait before the next retry: IntervalSeconds × BackoffRate^retries, capped by MaxDelaySeconds.
     * Difference from AWS: with JitterStrategy FULL an execution waits a random part of this; TestState
     * reports the full interval so that the answer is repeatable.
     */
    static int backoffSeconds(Retrier retrier, int retryCount) {
        double seconds = retrier.intervalSeconds() * Math.pow(retrier.backoffRate(), retryCount);
        if (retrier.maxDelaySeconds().isPresent()) {
            seconds = Math.min(seconds, retrier.maxDelaySeconds().get());
        }
        return (int) Math.min(Integer.MAX_VALUE, Math.floor(seconds));
    }

    private static boolean isTerminal(StatesError error) {
        return StatesError.RUNTIME.equals(error.error()) || "States.DataLimitExceeded".equals(error.error());
    }

    private static TestStateResult result(TestStateResult.Status status, Optional<JsonNode> output, StatesError error,
                                          Optional<String> next, Recorder recorder, Variables variables,
                                          Optional<TestStateResult.ErrorDetails> details) {
        Optional<String> errorName = error == null ? Optional.empty() : Optional.ofNullable(error.error());
        Optional<String> cause = error == null ? Optional.empty() : Optional.ofNullable(error.detail());
        return new TestStateResult(status, output, errorName, cause, next,
                new TestStateResult.Inspection(recorder.snapshot(variables.own()), details));
    }

    /** The identity the context object shows: the given context's, else a made-up express execution. */
    private ExecutionInfo info(TestStateRequest request) {
        String machineName = "TestState-" + UUID.randomUUID();
        String executionName = UUID.randomUUID().toString();
        String prefix = "arn:aws:states:" + request.region() + ":" + request.account() + ":";
        String roleArn = request.roleArn().orElse("arn:aws:iam::" + request.account() + ":role/TestStateRole");
        ObjectNode context = request.context().orElse(NODES.objectNode());
        JsonNode execution = context.path("Execution");
        JsonNode machine = context.path("StateMachine");
        Instant start = execution.path("StartTime").isTextual()
                ? WaitRunner.parse(execution.path("StartTime").textValue()).orElse(clock.instant())
                : clock.instant();
        return new ExecutionInfo(
                text(execution, "Id").orElse(prefix + "express:" + machineName + ":" + executionName),
                text(execution, "Name").orElse(executionName),
                text(machine, "Id").orElse(prefix + "stateMachine:" + machineName),
                text(machine, "Name").orElse(machineName),
                text(execution, "RoleArn").orElse(roleArn),
                start,
                execution.has("Input") ? execution.get("Input") : request.input(),
                execution.path("RedriveCount").asInt(0), request.account(), request.region());
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? Optional.of(value.textValue()) : Optional.empty();
    }

    /**
     * Collects the tested state's own data-processing steps, ignoring the states that run inside its
     * Parallel branches or Map iterations (they share the run but not the frame).
     */
    private static final class Recorder implements Inspector {
        private final State state;
        private final Frame frame;
        private final ReentrantLock lock = new ReentrantLock(); // branches of a Parallel may record at once
        private final Map<String, JsonNode> data = new LinkedHashMap<>(); // guarded by lock

        Recorder(State state, Frame frame, JsonNode input) {
            this.state = state;
            this.frame = frame;
            data.put("input", input);
        }

        @Override
        public void record(StateVisit visit, String field, JsonNode value) {
            // A value too deep to write fails the state; the inspection answer leaves it out.
            if (visit.state() != state || visit.frame() != frame || JsonDepth.tooDeep(value)) {
                return;
            }
            lock.lock();
            try {
                data.put(field, value);
            } finally {
                lock.unlock();
            }
        }

        Map<String, JsonNode> snapshot(ObjectNode variables) {
            lock.lock();
            try {
                Map<String, JsonNode> copy = new LinkedHashMap<>(data);
                if (state.queryLanguage() == QueryLanguage.JSONATA) {
                    copy.remove("afterInputPath");
                    copy.remove("afterParameters");
                }
                if (!variables.isEmpty()) {
                    copy.put("variables", variables);
                }
                return copy;
            } finally {
                lock.unlock();
            }
        }
    }
}
