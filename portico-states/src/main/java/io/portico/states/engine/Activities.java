package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.arn.Arn;
import io.portico.core.store.Insertion;
import io.portico.states.asl.StatesError;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Activities: named task queues served to workers by GetActivityTask (a long poll of up to 60
 * seconds, as on AWS; shorter when the engine's {@link StepFunctions.Settings} say so), and the Task resource that schedules work on them. A scheduled task waits for
 * SendTaskSuccess / SendTaskFailure on its token, bounded by the state's TimeoutSeconds and
 * HeartbeatSeconds. Thread safe.
 *
 * <p>Durability: a STANDARD execution stores a scheduled task (token, input, deadlines) with its
 * ActivityScheduled event, and a worker's claim on it before GetActivityTask answers. The queue a
 * poller waits on lives in memory and is filled again by the executions that resume after a restart:
 * a task no worker had claimed is offered again with its original token; one a worker had taken
 * stays with that worker, which still holds the token, and waits for its callback.
 */
public final class Activities implements TaskResources {
    /** How long GetActivityTask waits for a task on AWS. */
    public static final Duration LONG_POLL = Duration.ofSeconds(60);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ResourceRepository store;
    private final Clock clock;
    private final Duration longPoll;
    private final ConcurrentMap<String, BlockingQueue<Pending>> queues = new ConcurrentHashMap<>();

    /** A task waiting for a worker. */
    private record Pending(TaskWait task, JsonNode input, TaskCall call) {
    }

    /** What GetActivityTask hands a worker. */
    public record ActivityTask(String taskToken, String input) {
    }

    /** Activities whose GetActivityTask waits up to {@code longPoll} (AWS: {@link #LONG_POLL}). */
    public Activities(ResourceRepository store, Clock clock, Duration longPoll) {
        this.store = store;
        this.clock = clock;
        this.longPoll = longPoll;
    }

    /** {@link #create(String, String, String, Map)} without tags. */
    public ActivityInfo create(String account, String region, String name) {
        return create(account, region, name, Map.of());
    }

    /**
     * CreateActivity: the new activity with its tags, or the existing one of that name. AWS makes
     * CreateActivity idempotent by name and ignores a repeat's tags, so concurrent creates of one name
     * all answer the same activity (the store decides which insert wins). A refusal of TOO_MANY_TAGS
     * creates nothing.
     */
    public ActivityInfo create(String account, String region, String name, Map<String, String> tags) {
        Names.check(name);
        String arn = Arn.of("states", region, account, "activity:" + name).toString();
        // Truncated to the store's precision, so the first answer and every repeat carry one date.
        ActivityInfo info = new ActivityInfo(arn, account, region, name, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        return switch (store.insertActivityIfAbsent(info, tags)) {
            case Insertion.Inserted<ActivityInfo> inserted -> info;
            case Insertion.Existing<ActivityInfo> existing -> existing.row();
        };
    }

    public ActivityInfo describe(String arn) {
        checkArn(arn);
        return store.findActivity(arn).orElseThrow(() -> StepFunctionsException.activityNotFound(arn));
    }

    public List<ActivityInfo> list(String account, String region) {
        return store.activities(account, region);
    }

    public void delete(String arn) {
        checkArn(arn);
        store.deleteActivity(arn);
    }

    /** Waits up to the long poll (60 seconds, as on AWS) for a task of the activity; empty when none came. */
    public Optional<ActivityTask> poll(String activityArn, Optional<String> workerName) throws InterruptedException {
        describe(activityArn);
        // The long poll is a wait of the HTTP request, on real time like the client's own timeout.
        long until = System.nanoTime() + longPoll.toNanos();
        while (true) {
            Pending p = queue(activityArn).poll(until - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (p == null) {
                return Optional.empty();
            }
            boolean taken = p.task().handOut(workerName, () -> p.call().events().record(EventType.ActivityStarted, () -> {
                ObjectNode d = NODES.objectNode();
                workerName.ifPresent(w -> d.put("workerName", w));
                return d;
            }));
            if (!taken) {
                continue; // it timed out or its execution stopped before this worker came
            }
            return Optional.of(new ActivityTask(p.task().token(), p.input().toString()));
        }
    }

    @Override
    public Optional<TaskResource> resolve(String resource) {
        if (!ResourceNames.isActivity(resource)) {
            return Optional.empty();
        }
        return Optional.of(this::schedule);
    }

    private JsonNode schedule(TaskCall call) throws InterruptedException {
        TaskWait wait = call.tokenWait().orElseThrow();
        Optional<WaitingTask.Activity> resumed = wait.resumed().flatMap(WaitingTask::activity);
        if (resumed.isEmpty()) {
            scheduleNew(call, wait);
        }
        Pending pending = new Pending(wait, call.input(), call);
        if (resumed.flatMap(WaitingTask.Activity::handedOut).isEmpty()) {
            queue(call.resource()).add(pending);
        }
        try {
            return switch (wait.await()) {
                case TaskTokens.Completion.Success s -> {
                    call.events().record(EventType.ActivitySucceeded, () -> {
                        ObjectNode d = NODES.objectNode().put("output", s.output().toString());
                        d.putObject("outputDetails").put("truncated", false);
                        return d;
                    });
                    yield s.output();
                }
                case TaskTokens.Completion.Failure f -> {
                    call.events().record(EventType.ActivityFailed, () -> Interpreter.errorDetails(f.error(), f.cause()));
                    throw new StatesError(f.error(), f.cause());
                }
                case TaskTokens.Completion.TimedOut t -> {
                    call.events().record(EventType.ActivityTimedOut, () -> Interpreter.errorDetails(t.error(), null));
                    throw new StatesError(t.error(), null);
                }
            };
        } finally {
            queue(call.resource()).remove(pending);
        }
    }

    /** Records the task as scheduled and stores it, before any worker can see it. */
    private void scheduleNew(TaskCall call, TaskWait wait) {
        if (store.findActivity(call.resource()).isEmpty()) {
            call.events().record(EventType.ActivityScheduleFailed, () -> NODES.objectNode()
                    .put("error", "States.Runtime").put("cause", "Activity does not exist: " + call.resource()));
            throw new StatesError(StatesError.TASK_FAILED, "Activity does not exist: " + call.resource());
        }
        call.events().record(EventType.ActivityScheduled, () -> {
            ObjectNode d = NODES.objectNode();
            d.put("resource", call.resource());
            d.put("input", call.input().toString());
            d.putObject("inputDetails").put("truncated", false);
            call.timeoutSeconds().ifPresent(t -> d.put("timeoutInSeconds", t));
            call.heartbeatSeconds().ifPresent(h -> d.put("heartbeatInSeconds", h));
            return d;
        });
        wait.waiting(Optional.of(new WaitingTask.Activity(call.resource(), call.input(), Optional.empty())));
    }

    private BlockingQueue<Pending> queue(String activityArn) {
        return queues.computeIfAbsent(activityArn, k -> new LinkedBlockingQueue<>());
    }

    private static void checkArn(String arn) {
        Optional<Arn> parsed = Arn.parse(arn);
        if (parsed.isEmpty() || !parsed.get().service().equals("states") || !parsed.get().resource().startsWith("activity:")) {
            throw StepFunctionsException.malformedArn(arn);
        }
    }
}
