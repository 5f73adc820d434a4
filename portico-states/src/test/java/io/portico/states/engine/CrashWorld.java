package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.time.ManualClock;
import io.portico.core.time.Timers;
import io.portico.states.asl.StatesError;
import io.portico.states.asl.parse.MachineType;
import io.portico.states.store.StatesStores;
import io.portico.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * One data directory with an engine on it that can die at a chosen commit and be started again on the
 * same data, as {@code kill -9} and a restart would: the world of {@link CrashPointSimulationTest}.
 *
 * <p>Everything outside the engine that an execution talks to is here and deterministic, so that an
 * interrupted run must end exactly as an uninterrupted one: a Task resource ({@value #WORK}) that answers
 * its input, or fails with {@code Work.Failed} while the input's {@code failUntil} is above the
 * {@code attempt} it was given; a callback resource ({@value #CALLBACK}) whose tokens a worker completes
 * with the input; an activity whose worker answers the input. A driver moves the manual clock to every
 * timer due within a minute (Wait states, retry back-off), never to the far deadline of a task without a
 * timeout. Workers and the driver follow whichever engine is current.
 */
final class CrashWorld implements AutoCloseable {
    static final String ACCOUNT = "000000000000";
    static final String REGION = "us-east-1";
    static final String ROLE = "arn:aws:iam::000000000000:role/r";
    static final String WORK = "arn:aws:states:::lambda:invoke";
    static final String CALLBACK = "arn:aws:states:::sqs:sendMessage.waitForTaskToken";
    static final String ACTIVITY = "arn:aws:states:us-east-1:000000000000:activity:crash-worker";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Duration NEAR = Duration.ofMinutes(1);

    private final SqliteStore store;
    private final StatesRepositories data;
    private final ManualClock clock = ManualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
    private final AtomicReference<Engine> current = new AtomicReference<>();
    private final BlockingQueue<Callback> callbacks = new LinkedBlockingQueue<>();
    private final Thread driver;
    private final Thread callbackWorker;
    private final Thread activityWorker;
    private volatile boolean closed;

    /**
     * An engine with the platform timers it waits on and its own way to the data; all three die
     * together, and a dead engine's repositories refuse every write for good, as a dead process writes
     * nothing more.
     */
    private record Engine(StepFunctions engine, Timers timers, CrashingRepositories repositories) {
    }

    private record Callback(String token, JsonNode output) {
    }

    CrashWorld(Path dir) {
        this.store = SqliteStore.open(dir);
        this.data = StatesStores.over(store, clock);
        boot();
        engine().activities().create(ACCOUNT, REGION, "crash-worker");
        this.driver = Thread.ofVirtual().start(this::driveClock);
        this.callbackWorker = Thread.ofVirtual().start(this::answerCallbacks);
        this.activityWorker = Thread.ofVirtual().start(this::answerActivities);
    }

    /** The callbacks the worker has yet to deliver (for a failure's message). */
    int pendingCallbacks() {
        return callbacks.size();
    }

    /** The current engine's repositories. */
    CrashingRepositories repositories() {
        return current.get().repositories();
    }

    StepFunctions engine() {
        return current.get().engine();
    }

    String createMachine(String name, String definition) {
        return engine().machines().create(new StateMachines.CreateRequest(ACCOUNT, REGION, name, definition, ROLE,
                MachineType.STANDARD, Optional.empty(), Optional.empty(), false, Optional.empty(), Map.of())).arn();
    }

    /** Kills the engine (its threads stop; nothing more reaches the store) and starts a new one on the data. */
    void restart() {
        Engine dead = current.get();
        dead.repositories().crashAfter(0);
        try {
            dead.engine().close();
        } catch (CrashingRepositories.Crash whatADeadProcessCannotWrite) {
            // closing writes (a Map Run's stop, say) that a killed process never makes
        }
        dead.timers().close();
        boot();
    }

    private void boot() {
        Timers timers = Timers.create(clock, "crash-world");
        CrashingRepositories repositories = new CrashingRepositories(data);
        StepFunctions engine = StepFunctions.create(repositories, timers, this::resource,
                StepFunctions.Settings.defaults().withActivityLongPoll(Duration.ofMillis(50)));
        current.set(new Engine(engine, timers, repositories)); // before it resumes anything: workers follow it
        engine.start();
    }

    private Optional<TaskResource> resource(String resource) {
        return switch (resource) {
            case WORK -> Optional.of(this::work);
            case CALLBACK -> Optional.of(this::notify);
            default -> Optional.empty();
        };
    }

    private JsonNode work(TaskCall call) {
        taskEvent(call, EventType.TaskScheduled);
        taskEvent(call, EventType.TaskStarted);
        JsonNode input = call.input();
        if (input.path("attempt").asInt() < input.path("failUntil").asInt()) {
            call.events().record(EventType.TaskFailed, () -> details(call).put("error", "Work.Failed")
                    .put("cause", "attempt " + input.path("attempt").asInt()));
            throw new StatesError("Work.Failed", "attempt " + input.path("attempt").asInt());
        }
        call.events().record(EventType.TaskSucceeded, () -> details(call).put("output", input.toString()));
        return input;
    }

    private JsonNode notify(TaskCall call) {
        taskEvent(call, EventType.TaskScheduled);
        taskEvent(call, EventType.TaskStarted);
        callbacks.add(new Callback(call.taskToken().orElseThrow(), ((ObjectNode) call.input().deepCopy()).without("token")));
        return NODES.objectNode().put("MessageId", "m");
    }

    private static void taskEvent(TaskCall call, EventType type) {
        call.events().record(type, () -> details(call));
    }

    private static ObjectNode details(TaskCall call) {
        return NODES.objectNode().put("resourceType", "portico").put("resource", call.resource());
    }

    private void driveClock() {
        while (!closed) {
            Optional<Instant> due = current.get().timers().nextDue();
            if (due.isPresent() && due.get().isBefore(clock.instant().plus(NEAR))) {
                clock.advanceTo(due.get());
            }
            LockSupport.parkNanos(200_000);
        }
    }

    private void answerCallbacks() {
        while (!closed) {
            try {
                Callback callback = callbacks.poll(10, TimeUnit.MILLISECONDS);
                if (callback == null) {
                    continue;
                }
                try {
                    engine().tokens().complete(callback.token(), new TaskTokens.Completion.Success(callback.output()));
                } catch (RuntimeException deadEngine) {
                    callbacks.add(callback); // tried on a dead engine: the next one may still wait on it
                    LockSupport.parkNanos(1_000_000);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Polls the activity and answers each task it gets through the callbacks queue, which retries on
     * the next engine when the current one has died: a worker that was handed a task keeps its token.
     */
    private void answerActivities() {
        while (!closed) {
            try {
                Optional<Activities.ActivityTask> task = engine().activities().poll(ACTIVITY, Optional.of("w"));
                task.ifPresent(t -> callbacks.add(new Callback(t.taskToken(), Executions.parseStored(t.input()))));
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException deadEngine) {
                LockSupport.parkNanos(1_000_000); // the next engine offers a task no worker took again
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        driver.join();
        callbackWorker.join();
        activityWorker.interrupt();
        activityWorker.join();
        Engine last = current.get();
        last.engine().close();
        last.timers().close();
        store.close();
    }
}
