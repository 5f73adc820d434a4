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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Task state: resolves the resource, evaluates TimeoutSeconds and HeartbeatSeconds, issues a task
 * token when the integration pattern needs one, invokes the resource and enforces the timeout by
 * interrupting the invoking thread. {@code .waitForTaskToken} resources are started and then wait for
 * their callback here, so every resource gets that pattern for free: the resource records up to
 * TaskStarted and returns the service's response, which this runner records as TaskSubmitted; the
 * callback's outcome then becomes TaskSucceeded or TaskFailed, a missed heartbeat TaskTimedOut, as in
 * AWS's histories.
 */
final class TaskRunner {
    private static final String WAIT_FOR_TOKEN = ".waitForTaskToken";
    private static final String HEARTBEAT_TIMEOUT = "States.HeartbeatTimeout";
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("portico-task-timeouts").factory());

    private final TaskResources resources;
    private final TaskTokens tokens;

    TaskRunner(TaskResources resources, TaskTokens tokens) {
        this.resources = resources;
        this.tokens = tokens;
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
        ScheduledFuture<?> alarm = call.timeoutSeconds().isPresent() && !ResourceNames.isActivity(call.resource())
                ? WATCHDOG.schedule(() -> {
                    timedOut.set(true);
                    caller.interrupt();
                }, call.timeoutSeconds().getAsLong(), TimeUnit.SECONDS)
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
                alarm.cancel(false);
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
