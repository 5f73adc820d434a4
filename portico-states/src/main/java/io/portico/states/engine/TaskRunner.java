package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.states.asl.QueryLanguage;
import io.portico.states.asl.State;
import io.portico.states.asl.StatesError;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Task state: resolves the resource, evaluates TimeoutSeconds and HeartbeatSeconds, issues a task
 * token when the integration pattern needs one, invokes the resource and enforces the timeout by
 * interrupting the invoking thread. {@code .waitForTaskToken} resources are started and then wait for
 * their callback here, so every resource gets that pattern for free: the resource records up to
 * TaskStarted and returns the service's response, which this runner records as TaskSubmitted; the
 * callback's outcome then becomes TaskSucceeded or TaskFailed, a missed heartbeat TaskTimedOut, as in
 * AWS's histories.
 *
 * <p>The timeout is an alarm on the engine's {@link Timers}, so it fires when the engine's clock reaches
 * the deadline (a manual clock in tests); heartbeats are the {@link TaskTokens}' business, on the same
 * clock. Activities enforce their own timeout while they wait for a worker, so they get no alarm.
 */
final class TaskRunner {
    private static final String WAIT_FOR_TOKEN = ".waitForTaskToken";
    private static final String HEARTBEAT_TIMEOUT = "States.HeartbeatTimeout";

    private final TaskResources resources;
    private final TaskTokens tokens;
    private final Timers timers;
    private final Clock clock;

    TaskRunner(TaskResources resources, TaskTokens tokens, Timers timers, Clock clock) {
        this.resources = resources;
        this.tokens = tokens;
        this.timers = timers;
        this.clock = clock;
    }

    Interpreter.Step run(State.Task task, StateVisit visit) {
        ExecutionRun run = visit.frame().run();
        String resource = task.resource();
        boolean needsToken = resource.endsWith(WAIT_FOR_TOKEN) || ResourceNames.isActivity(resource);
        if (needsToken && visit.taskToken().isEmpty()) {
            visit.taskToken(tokens.issue(run.info().executionArn()));
        }
        JsonNode input = task.queryLanguage() == QueryLanguage.JSONATA
                ? StateIo.arguments(visit) : StateIo.effectiveInput(visit);
        OptionalLong timeout = seconds(visit, task.timeoutSeconds(), task.timeoutSecondsPath(), "TimeoutSeconds");
        OptionalLong heartbeat = seconds(visit, task.heartbeatSeconds(), task.heartbeatSecondsPath(), "HeartbeatSeconds");
        TaskResource handler = resources.resolve(resource).orElseThrow(() -> unsupported(resource));
        run.checkpointer().flush();
        TaskCall call = new TaskCall(resource, input, task.name(), visit.taskToken(), timeout, heartbeat,
                run.info(), (type, details) -> visit.frame().record(type, details));
        JsonNode result = invokeWithTimeout(handler, call, visit);
        return new Interpreter.Step(task.transition().next(),
                StateIo.output(visit, result, Optional.empty(), Optional.empty()));
    }

    private JsonNode invokeWithTimeout(TaskResource handler, TaskCall call, StateVisit visit) {
        ExecutionRun run = visit.frame().run();
        AtomicBoolean timedOut = new AtomicBoolean();
        Thread caller = Thread.currentThread();
        io.portico.core.time.Timers.Scheduled alarm = call.timeoutSeconds().isPresent()
                && !ResourceNames.isActivity(call.resource())
                ? timers.alarm(clock.instant().plusSeconds(call.timeoutSeconds().getAsLong()), () -> {
                    timedOut.set(true);
                    caller.interrupt();
                })
                : null;
        try {
            JsonNode result = handler.invoke(call);
            if (call.resource().endsWith(WAIT_FOR_TOKEN)) {
                result = awaitCallback(call, result);
            }
            return result;
        } catch (InterruptedException e) {
            if (timedOut.get()) {
                Thread.interrupted();
                call.events().record(EventType.TaskTimedOut, () -> timedOutDetails(call));
                throw new StatesError(StatesError.TIMEOUT, null);
            }
            Thread.currentThread().interrupt();
            run.checkRunning();
            throw new ExecutionInterrupted();
        } catch (StatesError | ExecutionInterrupted e) {
            throw e;
        } catch (RuntimeException e) {
            if (timedOut.get()) {
                // the timeout's interrupt landed inside a store call of the resource (a nested start, say)
                Thread.interrupted();
                call.events().record(EventType.TaskTimedOut, () -> timedOutDetails(call));
                throw new StatesError(StatesError.TIMEOUT, null);
            }
            throw e;
        } finally {
            if (alarm != null) {
                alarm.cancel();
            }
            call.taskToken().ifPresent(tokens::retire);
        }
    }

    private JsonNode awaitCallback(TaskCall call, JsonNode submitted) throws InterruptedException {
        call.events().record(EventType.TaskSubmitted, () -> withOutput(resourceDetails(call), submitted));
        TaskTokens.Completion completion;
        try {
            completion = tokens.await(call.taskToken().orElseThrow(), OptionalLong.empty(), call.heartbeatSeconds());
        } catch (StatesError e) {
            if (HEARTBEAT_TIMEOUT.equals(e.error())) {
                call.events().record(EventType.TaskTimedOut, () -> resourceDetails(call).put("error", HEARTBEAT_TIMEOUT));
            }
            throw e;
        }
        return switch (completion) {
            case TaskTokens.Completion.Success s -> {
                call.events().record(EventType.TaskSucceeded, () -> withOutput(resourceDetails(call), s.output()));
                yield s.output();
            }
            case TaskTokens.Completion.Failure f -> {
                call.events().record(EventType.TaskFailed,
                        () -> resourceDetails(call).setAll(Interpreter.errorDetails(f.error(), f.cause())));
                throw new StatesError(f.error(), f.cause());
            }
        };
    }

    private static ObjectNode resourceDetails(TaskCall call) {
        ResourceNames.Parsed parsed = ResourceNames.parse(call.resource());
        return JsonNodeFactory.instance.objectNode().put("resourceType", parsed.resourceType())
                .put("resource", parsed.resource());
    }

    private static ObjectNode withOutput(ObjectNode details, JsonNode output) {
        details.put("output", output.toString());
        details.putObject("outputDetails").put("truncated", false);
        return details;
    }

    private static ObjectNode timedOutDetails(TaskCall call) {
        return resourceDetails(call).put("error", StatesError.TIMEOUT);
    }

    private static OptionalLong seconds(StateVisit visit, Optional<JsonNode> literal, Optional<String> path, String field) {
        if (literal.isPresent()) {
            JsonNode value = literal.get();
            if (value.isTextual()) {
                return OptionalLong.of(StateIo.jsonataGuard(visit, () -> DataLanguage.jsonataEvaluator()
                        .requireInteger(value, StateIo.jsonataScope(visit), field, 1, 99_999_999L)));
            }
            return OptionalLong.of(value.asLong());
        }
        if (path.isEmpty()) {
            return OptionalLong.empty();
        }
        JsonNode value = StateIo.pathValue(visit, visit.input(), path.get(), field + "Path");
        if (!value.canConvertToExactIntegral() || value.asLong() < 1) {
            throw visit.qualify(StatesError.runtime("The " + field + "Path parameter references an invalid value: "
                    + path.get() + " == " + value));
        }
        return OptionalLong.of(value.asLong());
    }

    private static StatesError unsupported(String resource) {
        return new StatesError(StatesError.TASK_FAILED, "The resource '" + resource
                + "' is not available in Portico yet: this Task integration arrives with the service that provides it.");
    }
}
