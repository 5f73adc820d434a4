package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.states.asl.Catcher;
import io.portico.states.asl.EvaluationLimits;
import io.portico.states.asl.QueryLanguage;
import io.portico.states.asl.Retrier;
import io.portico.states.asl.State;
import io.portico.states.asl.StateGraph;
import io.portico.states.asl.StatesError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Amazon States Language graphs.
 *
 * <p>How it works: an execution is a loop over the states of its top-level graph on one (virtual)
 * thread. Each state is entered (a {@code <Type>StateEntered} event), run by the runner for its type,
 * and exited (a {@code <Type>StateExited} event); the exited event carries the frame's move to the next
 * state, which the {@link Checkpointer} makes durable before the loop moves on, so a STANDARD execution
 * that crashes resumes at the last state boundary. Parallel branches and Map iterations are frames of
 * their own, run by the same loop on threads of their own, and checkpoint the same way under their
 * frame key. Within a state, each event that must not be recorded twice (its entry, a Parallel's or
 * Map's Started, a final failure) carries the frame's {@link Visit} the same way, so a frame resumed
 * inside a state records none of them again, and a retry's count and deadline survive the crash.
 *
 * <p>Errors are {@link StatesError} exceptions. A state's Retry and Catch see the error the state
 * raised; {@code States.Runtime} is terminal (AWS: no Retry or Catch, not even {@code States.ALL},
 * handles it) and ends the execution from any depth. Stops and
 * timeouts unwind as {@link ExecutionInterrupted}, which nothing catches (or, when the interrupt lands
 * inside a store call, as that call's failure, which a stopped execution treats the same way). Any
 * other exception (or a stack overflow) that reaches the top of an execution is Portico's own failure:
 * the execution ends FAILED with {@code States.Runtime} ({@link InternalFailure}) rather than being
 * left RUNNING with no thread behind it.
 *
 * <p>Why threads that block instead of a state machine of callbacks: on virtual threads blocking is
 * cheap, the code reads in the order ASL defines, and every wait that must survive a crash is also
 * written down by the Checkpointer (a Wait's deadline; a Task's wait on its task token, with the
 * token), so a restart never depends on a thread having been alive: the frame resumes inside the
 * state that was waiting, without recording its entry again, and waits on.
 *
 * <p>Thread safe; holds no per-execution state.
 */
public final class Interpreter {
    private static final Logger LOG = LoggerFactory.getLogger(Interpreter.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Clock clock;
    private final EvaluationLimits limits;
    private final TaskRunner tasks;
    private final ExecutionWaits waits;
    /** Where distributed Maps keep their Map Runs; in memory until the engine attaches its durable one. */
    private volatile MapRuns mapRuns;
    /** Where distributed Maps read items (ItemReader) and export results (ResultWriter); none until attached. */
    private volatile ObjectStore objectStore = ObjectStore.NONE;

    /** An interpreter whose evaluations run under the {@linkplain EvaluationLimits#defaults() default} limits. */
    public Interpreter(Clock clock, TaskResources resources, TaskTokens tokens, ExecutionWaits waits) {
        this(clock, resources, tokens, waits, EvaluationLimits.defaults());
    }

    public Interpreter(Clock clock, TaskResources resources, TaskTokens tokens, ExecutionWaits waits,
                       EvaluationLimits limits) {
        this.clock = clock;
        this.limits = limits;
        this.waits = waits;
        this.tasks = new TaskRunner(resources, tokens, waits, clock);
        this.mapRuns = MapRuns.inMemory(clock);
    }

    /** Uses {@code runs} for the Map Runs of distributed Maps from now on. */
    public void attachMapRuns(MapRuns runs) {
        this.mapRuns = runs;
    }

    MapRuns mapRuns() {
        return mapRuns;
    }

    /** Uses {@code store} for distributed Maps' ItemReader and ResultWriter from now on. */
    public void attachObjectStore(ObjectStore store) {
        this.objectStore = store;
    }

    ObjectStore objectStore() {
        return objectStore;
    }

    Clock clock() {
        return clock;
    }

    ExecutionWaits waits() {
        return waits;
    }

    /** The bounds every expression evaluation of this interpreter's executions runs under. */
    EvaluationLimits limits() {
        return limits;
    }

    /**
     * Runs the execution to its end (or resumes it after a restart) and records its final event.
     * Returns how it ended.
     */
    public ExecutionResult run(ExecutionRun run) {
        run.enlist(Thread.currentThread());
        try {
            Frame root = Frame.root(run, Variables.root(), run.journal().lastEventId(), limits);
            if (root.lastEventId() == 0) {
                root.record(EventType.ExecutionStarted, () -> executionStarted(run.info()));
            }
            JsonNode output = runGraph(run.definition().graph(), run.info().input(), root);
            root.record(EventType.ExecutionSucceeded, () -> outputDetails(output));
            return new ExecutionResult.Succeeded(output);
        } catch (StatesError e) {
            if (run.stopResult().isPresent()) {
                return recordStop(run);
            }
            return recordFailure(run, e);
        } catch (ExecutionInterrupted e) {
            return recordStop(run);
        } catch (RuntimeException | StackOverflowError e) {
            // A stop interrupts the execution's threads wherever they are, a store call included, which
            // then fails (the SQLite store: "interrupted waiting for a write to commit"). That failure is
            // the stop arriving, not a crash: record the stop so the execution closes as asked.
            if (run.stopResult().isPresent()) {
                return recordStop(run);
            }
            return recordFailure(run, InternalFailure.of(e)); // logs it, with the incident id it shows
        } finally {
            run.dismiss(Thread.currentThread());
            Thread.interrupted();
        }
    }

    private static ExecutionResult recordFailure(ExecutionRun run, StatesError e) {
        run.journal().record(EventType.ExecutionFailed, run.journal().lastEventId(), () -> errorDetails(e));
        return new ExecutionResult.Failed(e.error(), e.detail());
    }

    private ExecutionResult recordStop(ExecutionRun run) {
        ExecutionResult result = run.stopResult().orElseThrow();
        EventType type = result instanceof ExecutionResult.TimedOut ? EventType.ExecutionTimedOut : EventType.ExecutionAborted;
        String[] errorCause = switch (result) {
            case ExecutionResult.TimedOut t -> new String[] {t.error(), t.cause()};
            case ExecutionResult.Aborted a -> new String[] {a.error(), a.cause()};
            default -> new String[] {null, null};
        };
        run.journal().record(type, run.journal().lastEventId(), () -> errorDetails(errorCause[0], errorCause[1]));
        return result;
    }

    /**
     * Runs one graph in a frame from its start, or from the frame's checkpoint after a restart: a frame
     * that had finished answers its output (or its failure) again, and one that was inside a state resumes
     * that visit without recording what its checkpoint says is recorded already.
     */
    JsonNode runGraph(StateGraph graph, JsonNode input, Frame frame) {
        return runGraph(graph, input, frame, frame.run().checkpointer().load(frame.key()));
    }

    /** {@link #runGraph(StateGraph, JsonNode, Frame)} from the frame's checkpoint the caller loaded. */
    JsonNode runGraph(StateGraph graph, JsonNode input, Frame frame, Optional<Checkpointer.FrameCheckpoint> resumed) {
        ExecutionRun run = frame.run();
        Checkpointer checkpointer = run.checkpointer();
        String name = graph.startAt();
        JsonNode current = input;
        Optional<Visit> resumedVisit = Optional.empty();
        if (resumed.isPresent()) {
            Checkpointer.FrameCheckpoint cp = resumed.get();
            frame.resumedAfter(cp.lastEventId());
            if (cp.output().isPresent()) {
                return cp.output().get();
            }
            name = cp.state().orElse(name);
            current = cp.input();
            frame.variables().assignAll(cp.variables());
            frame.resumedTimer(cp.timerUntil());
            frame.resumedTask(cp.task());
            resumedVisit = cp.visit().or(() -> legacyVisit(cp, frame));
        }
        while (true) {
            run.checkRunning();
            State state = graph.state(name);
            frame.at(name, current, resumedVisit);
            Step step = runState(state, current, frame, resumedVisit);
            resumedVisit = Optional.empty();
            if (step.next().isEmpty()) {
                checkpointer.save(frame.key(), Checkpointer.FrameCheckpoint.done(step.output(), false, frame.lastEventId()));
                return step.output();
            }
            name = step.next().get();
            current = step.output();
            String next = name;
            JsonNode nextInput = current;
            checkpointer.moved(frame.key(), () -> Checkpointer.FrameCheckpoint.at(next, nextInput,
                    frame.variables().own(), Optional.empty(), frame.lastEventId()));
        }
    }

    /**
     * A checkpoint written before visits were recorded (an execution that was running across the upgrade
     * to store migration 5): a stored timer or task token meant that the Wait or Task state was entered.
     */
    private Optional<Visit> legacyVisit(Checkpointer.FrameCheckpoint cp, Frame frame) {
        boolean entered = cp.timerUntil().isPresent() || cp.task().isPresent();
        return entered ? Optional.of(Visit.entered(frame.lastEventId(), clock.instant(), 0)) : Optional.empty();
    }

    /** Where a state leads: the next state and its input, or the end of the graph with its output. */
    record Step(Optional<String> next, JsonNode output) {
    }

    private Step runState(State state, JsonNode input, Frame frame, Optional<Visit> resumed) {
        StateVisit visit = visit(state, input, frame, resumed);
        if (resumed.isPresent()) {
            Optional<StatesError> failed = resumed.get().failed();
            if (failed.isPresent()) {
                return caught(state, visit, failed.get()); // its failure was final before the crash
            }
            Optional<Instant> retryAt = resumed.get().retryAt();
            if (retryAt.isPresent()) {
                // The retry's stored deadline, not a new one; the resumed visit counts this retry already.
                waits.sleepUntil(frame.run(), retryAt.get());
            }
        }
        while (true) {
            try {
                Step step = dispatch(visit);
                checkOutput(state, step.output(), frame);
                recordExited(visit, step);
                return step;
            } catch (StatesError error) {
                if (isTerminal(error)) {
                    throw error;
                }
                if (!(state instanceof State.Recoverable recoverable)) {
                    recordFailed(state, frame, error);
                    throw error;
                }
                Optional<Duration> backoff = retryDelay(recoverable.retry(), visit.attempts(), error.error());
                if (backoff.isPresent()) {
                    Instant at = clock.instant().plus(backoff.get());
                    int[] attempts = visit.attempts();
                    frame.changeVisit(v -> v.retrying(attempts, at));
                    frame.run().checkpointer().flush(); // the attempt's failure and the retry's count, together
                    waits.sleepUntil(frame.run(), at);
                    visit.retried();
                    continue;
                }
                recordFailed(state, frame, error);
                return caught(state, visit, error);
            }
        }
    }

    /** The state's failure is final: its Catch moves on, or the failure leaves the frame. */
    private Step caught(State state, StateVisit visit, StatesError error) {
        Optional<Catcher> catcher = state instanceof State.Recoverable recoverable
                ? find(recoverable.catchers(), error.error()) : Optional.empty();
        if (catcher.isEmpty()) {
            throw error;
        }
        JsonNode output = StateIo.caught(visit, catcher.get(), errorOutput(error));
        Step step = new Step(Optional.of(catcher.get().next()), output);
        recordExited(visit, step);
        return step;
    }

    /** A new visit to the state, its entry recorded, or the visit a crash interrupted. */
    private StateVisit visit(State state, JsonNode input, Frame frame, Optional<Visit> resumed) {
        Optional<WaitingTask> waiting = frame.takeResumedTask();
        if (waiting.isPresent()) {
            return StateVisit.resumed(state, input, frame, waiting.get());
        }
        if (resumed.isPresent()) {
            return StateVisit.resumed(state, input, frame, resumed.get());
        }
        Instant now = clock.instant();
        int retriers = state instanceof State.Recoverable r ? r.retry().size() : 0;
        long enteredId = frame.enter(EventType.entered(state), () -> stateEntered(state.name(), input), now, retriers);
        return new StateVisit(state, input, frame, enteredId, now);
    }

    /**
     * AWS records MapStateFailed / ParallelStateFailed once a failure is final for the state: not for
     * attempts that are retried, but before a Catch moves on. The frame's visit records the failure as
     * final with it, so that a restart goes on to the Catch instead of trying the state again.
     */
    private static void recordFailed(State state, Frame frame, StatesError error) {
        if (state instanceof State.Map) {
            frame.recordInVisit(EventType.MapStateFailed, () -> null, v -> v.withFailure(error));
        } else if (state instanceof State.Parallel) {
            frame.recordInVisit(EventType.ParallelStateFailed, () -> null, v -> v.withFailure(error));
        } else {
            frame.changeVisit(v -> v.withFailure(error));
        }
    }

    /** Runs the state's own work, by its type; entering, exiting, Retry and Catch are the caller's. */
    Step dispatch(StateVisit visit) {
        return switch (visit.state()) {
            case State.Pass pass -> SimpleStates.pass(pass, visit);
            case State.Choice choice -> SimpleStates.choice(choice, visit);
            case State.Succeed succeed -> SimpleStates.succeed(visit);
            case State.Fail fail -> SimpleStates.fail(fail, visit);
            case State.Wait wait -> WaitRunner.run(wait, visit, waits);
            case State.Task task -> tasks.run(task, visit);
            case State.Parallel parallel -> new ParallelRunner(this).run(parallel, visit);
            case State.Map map -> new MapRunner(this).run(map, visit);
        };
    }

    /**
     * AWS's 256 KiB quota on what a state passes on, raised as an error the state's Catch can handle,
     * and the engine's nesting bound, a terminal error ({@link PayloadSize}). Under JSONPath a Choice,
     * Wait or Succeed state passes on (part of) its input, which was checked as the previous state's
     * output (or the execution's input): measuring it again would only cost time on the hot path.
     */
    static void checkOutput(State state, JsonNode output, Frame frame) {
        boolean passesOnItsInput = state.queryLanguage() == QueryLanguage.JSONPATH
                && (state instanceof State.Choice || state instanceof State.Wait || state instanceof State.Succeed);
        if (!passesOnItsInput) {
            PayloadSize.requireWithinQuota(output, state.name(), "returned a result", frame.payloadSizes());
        }
    }

    /**
     * Records the state's exit, carrying the frame's move to where the step leads (the next state, not
     * yet entered, or the graph's end), so the exit and the move are durable together.
     */
    private void recordExited(StateVisit visit, Step step) {
        State state = visit.state();
        Frame frame = visit.frame();
        if (state instanceof State.Fail) {
            return;
        }
        JsonNode output = step.output();
        EventType exited = EventType.exited(state);
        frame.record(exited, () -> {
            ObjectNode d = NODES.objectNode();
            d.put("name", state.name());
            d.put("output", output.toString());
            d.putObject("outputDetails").put("truncated", false);
            return d;
        }, id -> step.next().isPresent()
                ? Checkpointer.FrameCheckpoint.at(step.next().get(), output, frame.variables().own(), Optional.empty(), id)
                : Checkpointer.FrameCheckpoint.done(output, false, id));
    }

    private static boolean isTerminal(StatesError error) {
        return StatesError.RUNTIME.equals(error.error());
    }

    /** Finds the first retrier matching the error; returns its delay, or empty when retries are exhausted. */
    private static Optional<Duration> retryDelay(List<Retrier> retriers, int[] attempts, String error) {
        for (int i = 0; i < retriers.size(); i++) {
            Retrier retrier = retriers.get(i);
            if (!ErrorNames.matches(retrier.errorEquals(), error)) {
                continue;
            }
            if (attempts[i] >= retrier.maxAttempts()) {
                return Optional.empty();
            }
            double seconds = retrier.intervalSeconds() * Math.pow(retrier.backoffRate(), attempts[i]);
            attempts[i]++;
            if (retrier.maxDelaySeconds().isPresent()) {
                seconds = Math.min(seconds, retrier.maxDelaySeconds().get());
            }
            if (retrier.jitterStrategy() == Retrier.JitterStrategy.FULL) {
                seconds = ThreadLocalRandom.current().nextDouble() * seconds;
            }
            return Optional.of(Duration.ofMillis((long) (seconds * 1000)));
        }
        return Optional.empty();
    }

    private static Optional<Catcher> find(List<Catcher> catchers, String error) {
        for (Catcher catcher : catchers) {
            if (ErrorNames.matches(catcher.errorEquals(), error)) {
                return Optional.of(catcher);
            }
        }
        return Optional.empty();
    }

    static ObjectNode errorOutput(StatesError error) {
        ObjectNode out = NODES.objectNode();
        if (error.error() != null) {
            out.put("Error", error.error());
        }
        if (error.detail() != null) {
            out.put("Cause", error.detail());
        }
        return out;
    }

    static ObjectNode stateEntered(String name, JsonNode input) {
        ObjectNode d = NODES.objectNode();
        d.put("name", name);
        d.put("input", input.toString());
        d.putObject("inputDetails").put("truncated", false);
        return d;
    }

    static ObjectNode executionStarted(ExecutionInfo info) {
        ObjectNode d = NODES.objectNode();
        d.put("input", info.input().toString());
        d.putObject("inputDetails").put("truncated", false);
        d.put("roleArn", info.roleArn());
        return d;
    }

    private static ObjectNode outputDetails(JsonNode output) {
        ObjectNode d = NODES.objectNode();
        d.put("output", output.toString());
        d.putObject("outputDetails").put("truncated", false);
        return d;
    }

    static ObjectNode errorDetails(StatesError e) {
        return errorDetails(e.error(), e.detail());
    }

    static ObjectNode errorDetails(String error, String cause) {
        ObjectNode d = NODES.objectNode();
        if (error != null) {
            d.put("error", error);
        }
        if (cause != null) {
            d.put("cause", cause);
        }
        return d;
    }
}
