package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.time.Timers;
import io.portico.states.asl.QueryLanguage;
import io.portico.states.asl.State;
import io.portico.states.asl.StatesError;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Task state: resolves the resource, evaluates TimeoutSeconds and HeartbeatSeconds, issues a task
 * token when the integration pattern needs one, invokes the resource and enforces the timeout by
 * interrupting the invoking thread. {@code .waitForTaskToken} resources are started and then wait for
 * their callback here, so every resource gets that pattern for free: the resource records up to
 * TaskStarted and returns the service's response, which this runner records as TaskSubmitted; the
 * callback's outcome then becomes TaskSucceeded or TaskFailed, a missed deadline TaskTimedOut, as in
 * AWS's histories.
 *
 * <p>Time: while the resource is invoked, the timeout is an alarm on the engine's {@link ExecutionWaits} that
 * interrupts the invoking thread when the engine's clock reaches the deadline (a manual clock in tests).
 * Once the callback is submitted, the wait on the token enforces the same deadline, and HeartbeatSeconds,
 * itself ({@link TaskTokens#await}), on the same clock. Activities wait on their token from the start,
 * so they get no alarm.
 *
 * <p>Crashes: a submitted callback is stored as waiting ({@link TaskWait#waiting}) together with its
 * TaskSubmitted event. A STANDARD execution restarted after that resumes the Task with the stored wait
 * and goes straight back to waiting on the same token, with what is left of its deadlines, instead of
 * calling the resource again (which would hand a second token to a second worker).
 */
final class TaskRunner {
    private static final String WAIT_FOR_TOKEN = ".waitForTaskToken";

    private final TaskResources resources;
    private final TaskTokens tokens;
    private final ExecutionWaits waits;
    private final Clock clock;

    TaskRunner(TaskResources resources, TaskTokens tokens, ExecutionWaits waits, Clock clock) {
        this.resources = resources;
        this.tokens = tokens;
        this.waits = waits;
        this.clock = clock;
    }

    Interpreter.Step run(State.Task task, StateVisit visit) {
        try {
            Optional<WaitingTask> resumed = visit.resumedTask();
            TaskCall call = resumed.isPresent() ? resumedCall(task, visit, resumed.get()) : newCall(task, visit);
            TaskResource handler = resources.resolve(task.resource()).orElseThrow(() -> unsupported(task.resource()));
            JsonNode result = invoke(handler, call, visit);
            return new Interpreter.Step(task.transition().next(),
                    StateIo.output(visit, result, Optional.empty(), Optional.empty()));
        } finally {
            // However the attempt ended, its token is done with: a callback now finds it closed.
            visit.taskToken().ifPresent(tokens::retire);
        }
    }

    private TaskCall newCall(State.Task task, StateVisit visit) {
        ExecutionRun run = visit.frame().run();
        String resource = task.resource();
        if (needsToken(resource)) {
            visit.taskToken(tokens.issue(run.info().executionArn()));
        }
        JsonNode input = task.queryLanguage() == QueryLanguage.JSONATA
                ? StateIo.arguments(visit) : StateIo.effectiveInput(visit);
        OptionalLong timeout = seconds(visit, task.timeoutSeconds(), task.timeoutSecondsPath(), "TimeoutSeconds");
        OptionalLong heartbeat = seconds(visit, task.heartbeatSeconds(), task.heartbeatSecondsPath(), "HeartbeatSeconds");
        run.checkpointer().flush();
        Optional<Instant> timeoutAt = timeout.isPresent()
                ? Optional.of(clock.instant().plusSeconds(timeout.getAsLong())) : Optional.empty();
        Optional<TaskWait> wait = visit.taskToken().map(token -> TaskWait.start(tokens, visit, token, timeoutAt, heartbeat));
        return new TaskCall(resource, input, task.name(), wait, timeout, heartbeat, run.info(), events(visit));
    }

    /**
     * The call of a Task that was waiting on its token when the execution stopped: its resource is not
     * called again, so the call carries the activity's stored input (a callback's is not needed).
     */
    private TaskCall resumedCall(State.Task task, StateVisit visit, WaitingTask waiting) {
        TaskWait wait = TaskWait.resume(tokens, visit, waiting);
        JsonNode input = waiting.activity().map(WaitingTask.Activity::input)
                .orElse(JsonNodeFactory.instance.objectNode());
        return new TaskCall(task.resource(), input, task.name(), Optional.of(wait), OptionalLong.empty(),
                waiting.heartbeatSeconds(), visit.frame().run().info(), events(visit));
    }

    private static TaskCall.Events events(StateVisit visit) {
        return (type, details) -> visit.frame().record(type, details);
    }

    private static boolean needsToken(String resource) {
        return resource.endsWith(WAIT_FOR_TOKEN) || ResourceNames.isActivity(resource);
    }

    private JsonNode invoke(TaskResource handler, TaskCall call, StateVisit visit) {
        boolean callback = call.resource().endsWith(WAIT_FOR_TOKEN);
        try {
            if (callback && call.tokenWait().orElseThrow().resumed().isPresent()) {
                return awaitCallback(call, call.tokenWait().get());
            }
            JsonNode response = invokeWithTimeout(handler, call);
            if (!callback) {
                return response;
            }
            call.events().record(EventType.TaskSubmitted, () -> withOutput(resourceDetails(call), response));
            TaskWait wait = call.tokenWait().orElseThrow();
            wait.waiting(Optional.empty());
            return awaitCallback(call, wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            visit.frame().run().checkRunning();
            throw new ExecutionInterrupted();
        }
    }

    private JsonNode invokeWithTimeout(TaskResource handler, TaskCall call) throws InterruptedException {
        InvokeAlarm alarm = call.timeoutSeconds().isPresent() && !ResourceNames.isActivity(call.resource())
                ? InvokeAlarm.arm(waits, clock.instant().plusSeconds(call.timeoutSeconds().getAsLong()))
                : InvokeAlarm.NONE;
        JsonNode response;
        try {
            response = handler.invoke(call);
        } catch (InterruptedException e) {
            if (!alarm.disarm()) {
                throw e; // a stop
            }
            throw timedOut(call);
        } catch (StatesError | ExecutionInterrupted e) {
            alarm.disarm();
            throw e;
        } catch (RuntimeException e) {
            if (!alarm.disarm()) {
                throw e;
            }
            throw timedOut(call); // the timeout's interrupt landed inside a store call of the resource (a nested start, say)
        }
        if (alarm.disarm()) {
            throw timedOut(call); // the deadline came as the resource returned
        }
        return response;
    }

    private static StatesError timedOut(TaskCall call) {
        call.events().record(EventType.TaskTimedOut, () -> resourceDetails(call).put("error", StatesError.TIMEOUT));
        return new StatesError(StatesError.TIMEOUT, null);
    }

    private static JsonNode awaitCallback(TaskCall call, TaskWait wait) throws InterruptedException {
        return switch (wait.await()) {
            case TaskTokens.Completion.Success s -> {
                call.events().record(EventType.TaskSucceeded, () -> withOutput(resourceDetails(call), s.output()));
                yield s.output();
            }
            case TaskTokens.Completion.Failure f -> {
                call.events().record(EventType.TaskFailed,
                        () -> resourceDetails(call).setAll(Interpreter.errorDetails(f.error(), f.cause())));
                throw new StatesError(f.error(), f.cause());
            }
            case TaskTokens.Completion.TimedOut t -> {
                call.events().record(EventType.TaskTimedOut, () -> resourceDetails(call).put("error", t.error()));
                throw new StatesError(t.error(), null);
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

    /**
     * The Task's TimeoutSeconds while its resource is invoked: interrupts the invoking thread when the
     * clock reaches the deadline, unless disarmed first. Disarming tells whether it fired, and then
     * consumes its interrupt, so that an interrupt meant for the resource never lands in what follows.
     */
    private static final class InvokeAlarm {
        static final InvokeAlarm NONE = new InvokeAlarm();

        private final AtomicBoolean armed = new AtomicBoolean(true);
        private final CompletableFuture<Void> interrupted = new CompletableFuture<>();
        private Timers.Scheduled scheduled;

        static InvokeAlarm arm(ExecutionWaits waits, Instant at) {
            InvokeAlarm alarm = new InvokeAlarm();
            Thread caller = Thread.currentThread();
            alarm.scheduled = waits.alarm(at, () -> {
                if (alarm.armed.compareAndSet(true, false)) {
                    caller.interrupt();
                    alarm.interrupted.complete(null);
                }
            });
            return alarm;
        }

        /** Disarms the alarm; true when it had fired (its interrupt is consumed). */
        boolean disarm() {
            if (scheduled == null) {
                return false;
            }
            scheduled.cancel();
            if (armed.compareAndSet(true, false)) {
                return false;
            }
            interrupted.join(); // the alarm is between its decision and its interrupt: a moment
            Thread.interrupted();
            return true;
        }
    }
}
