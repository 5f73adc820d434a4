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
 * <p>Difference from AWS: scheduled-but-unclaimed tasks are held in memory; after a restart the
 * execution re-enters its Task state and schedules the task again with a new token.
 */
public final class Activities implements TaskResources {
    /** How long GetActivityTask waits for a task on AWS. */
    public static final Duration LONG_POLL = Duration.ofSeconds(60);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ResourceRepository store;
    private final TaskTokens tokens;
    private final Clock clock;
    private final Duration longPoll;
    private final ConcurrentMap<String, BlockingQueue<Pending>> queues = new ConcurrentHashMap<>();

    /** A task waiting for a worker. */
    private record Pending(String token, JsonNode input, TaskCall call) {
    }

    /** What GetActivityTask hands a worker. */
    public record ActivityTask(String taskToken, String input) {
    }

    /** Activities whose GetActivityTask waits up to {@code longPoll} (AWS: {@link #LONG_POLL}). */
    public Activities(ResourceRepository store, TaskTokens tokens, Clock clock, Duration longPoll) {
        this.store = store;
        this.tokens = tokens;
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
     * all answer the same activity (the store decides which insert wins). TooManyTags creates nothing.
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
        return store.findActivity(arn).orElseThrow(() -> ServiceError.activityMissing(arn));
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
        Pending p = queue(activityArn).poll(longPoll.toMillis(), TimeUnit.MILLISECONDS);
        if (p == null) {
            return Optional.empty();
        }
        tokens.heartbeat(p.token());
        p.call().events().record(EventType.ActivityStarted, () -> {
            ObjectNode d = NODES.objectNode();
            workerName.ifPresent(w -> d.put("workerName", w));
            return d;
        });
        return Optional.of(new ActivityTask(p.token(), p.input().toString()));
    }

    @Override
    public Optional<TaskResource> resolve(String resource) {
        if (!ResourceNames.isActivity(resource)) {
            return Optional.empty();
        }
        return Optional.of(this::schedule);
    }

    private JsonNode schedule(TaskCall call) throws InterruptedException {
        if (store.findActivity(call.resource()).isEmpty()) {
            call.events().record(EventType.ActivityScheduleFailed, () -> NODES.objectNode()
                    .put("error", "States.Runtime").put("cause", "Activity does not exist: " + call.resource()));
            throw new StatesError(StatesError.TASK_FAILED, "Activity does not exist: " + call.resource());
        }
        String token = call.taskToken().orElseThrow();
        call.events().record(EventType.ActivityScheduled, () -> {
            ObjectNode d = NODES.objectNode();
            d.put("resource", call.resource());
            d.put("input", call.input().toString());
            d.putObject("inputDetails").put("truncated", false);
            call.timeoutSeconds().ifPresent(t -> d.put("timeoutInSeconds", t));
            call.heartbeatSeconds().ifPresent(h -> d.put("heartbeatInSeconds", h));
            return d;
        });
        Pending pending = new Pending(token, call.input(), call);
        queue(call.resource()).add(pending);
        try {
            TaskTokens.Completion completion = tokens.await(token, call.timeoutSeconds(), call.heartbeatSeconds());
            return switch (completion) {
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
            };
        } catch (StatesError e) {
            if (e.error() != null && (e.error().equals(StatesError.TIMEOUT) || e.error().equals("States.HeartbeatTimeout"))) {
                call.events().record(EventType.ActivityTimedOut, () -> Interpreter.errorDetails(e.error(), e.detail()));
            }
            throw e;
        } finally {
            queue(call.resource()).remove(pending);
        }
    }

    private BlockingQueue<Pending> queue(String activityArn) {
        return queues.computeIfAbsent(activityArn, k -> new LinkedBlockingQueue<>());
    }

    private static void checkArn(String arn) {
        Optional<Arn> parsed = Arn.parse(arn);
        if (parsed.isEmpty() || !parsed.get().service().equals("states") || !parsed.get().resource().startsWith("activity:")) {
            throw ServiceError.invalidArn(arn);
        }
    }
}
