package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portico.core.Shutdown;
import io.portico.core.arn.Arn;
import io.portico.core.json.Json;
import io.portico.core.json.MalformedJsonException;
import io.portico.core.store.Insertion;
import io.portico.core.time.Timers;
import io.portico.core.validation.Violation;
import io.portico.states.asl.Definition;
import io.portico.states.asl.StatesError;
import io.portico.states.asl.parse.MachineType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, runs, stops and recovers executions.
 *
 * <p>STANDARD executions are durable: StartExecution returns only after the execution row and its
 * ExecutionStarted event are committed; the interpreter then checkpoints every transition through a
 * {@link DurableCheckpointer}; on server start {@link #recover()} resumes every execution the store
 * still shows RUNNING from its last checkpoint (a Task that was waiting on its task token waits again
 * on the same token; see {@link TaskTokens}). EXPRESS executions live in memory only (AWS keeps no
 * history for them either) and count their events instead of keeping them.
 *
 * <p>Thread safe. Executions run on virtual threads.
 */
public final class Executions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Executions.class);
    private static final ObjectMapper JSON = Json.mapper();
    static final int MAX_PAYLOAD = 262_144;
    private static final Duration EXPRESS_LIMIT = Duration.ofMinutes(5);

    private final Clock clock;
    private final Interpreter interpreter;
    private final ExecutionRepository store;
    private final StateMachines machines;
    private final Map<String, ExecutionRun> running = new ConcurrentHashMap<>();
    private final Map<String, Thread> threads = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.CompletableFuture<ExecutionRecord>> ends = new ConcurrentHashMap<>();
    private volatile boolean closing;

    public Executions(Clock clock, Interpreter interpreter, ExecutionRepository store, StateMachines machines) {
        this.clock = clock;
        this.interpreter = interpreter;
        this.store = store;
        this.machines = machines;
    }

    /** What StartExecution and StartSyncExecution ask for. */
    public record StartRequest(String targetArn, Optional<String> name, Optional<String> input,
                               Optional<String> traceHeader) {
    }

    /** What StartExecution answers. */
    public record Started(String executionArn, Instant startDate) {
    }

    /** What StartSyncExecution answers. */
    public record SyncOutcome(String executionArn, String machineArn, String name, Instant startDate,
                              Instant stopDate, String input, ExecutionResult result, long billedMillis) {
    }

    public Started start(StartRequest request) {
        StateMachines.Target target = machines.resolve(request.targetArn());
        Prepared p = prepare(target, request, false);
        if (target.machine().type() == MachineType.EXPRESS) {
            ExecutionRun run = new ExecutionRun(p.info, target.definition(), MemoryJournal.counting(clock), Checkpointer.NONE);
            launch(run, p.info.startTime().plus(EXPRESS_LIMIT), result -> {
            });
            return new Started(p.info.executionArn(), p.info.startTime());
        }
        DurableJournal journal = new DurableJournal(clock, 0);
        journal.record(EventType.ExecutionStarted, 0, () -> Interpreter.executionStarted(p.info));
        ExecutionRecord record = new ExecutionRecord(p.info.executionArn(), target.machine().arn(), p.info.name(),
                "RUNNING", p.inputText, Optional.empty(), Optional.empty(), Optional.empty(), p.info.startTime(),
                Optional.empty(), target.definitionText(), target.machine().roleArn(), target.versionArn(),
                target.aliasArn(), 0, Optional.empty(), request.traceHeader(), Optional.empty());
        // Insert-or-find in one statement: of concurrent starts with one name exactly one runs the
        // execution; the others get AWS's answer for a repeat.
        return switch (store.insertIfAbsent(record, journal.drainEvents())) {
            case Insertion.Inserted<ExecutionRecord> inserted -> {
                runDurable(p.info, target.definition(), journal);
                yield new Started(p.info.executionArn(), p.info.startTime());
            }
            case Insertion.Existing<ExecutionRecord> existing -> repeatedStart(existing.row(), p.inputText);
        };
    }

    /**
     * AWS: StartExecution of a STANDARD machine is idempotent while the execution of that name runs
     * with the same input (the same ARN and start date); a closed execution or another input is
     * ExecutionAlreadyExists.
     */
    private static Started repeatedStart(ExecutionRecord e, String input) {
        if (e.isRunning() && e.input().equals(input)) {
            return new Started(e.arn(), e.startDate());
        }
        throw StepFunctionsException.of(StepFunctionsException.Kind.EXECUTION_ALREADY_EXISTS,
                "Execution Already Exists: '" + e.arn() + "'");
    }

    /** Runs an EXPRESS execution to its end on the calling thread. */
    public SyncOutcome startSync(StartRequest request) {
        StateMachines.Target target = machines.resolve(request.targetArn());
        if (target.machine().type() != MachineType.EXPRESS) {
            throw StepFunctionsException.of(StepFunctionsException.Kind.WRONG_MACHINE_TYPE,
                    "This operation is not supported by this type of state machine");
        }
        Prepared p = prepare(target, request, true);
        ExecutionRun run = new ExecutionRun(p.info, target.definition(), MemoryJournal.counting(clock), Checkpointer.NONE);
        ExecutionResult result;
        running.put(p.info.executionArn(), run); // so that a shutdown stops it and names it
        try {
            result = runBounded(run, p.info.startTime().plus(EXPRESS_LIMIT));
        } finally {
            running.remove(p.info.executionArn());
        }
        Instant stop = clock.instant();
        long billed = Math.max(100, (Duration.between(p.info.startTime(), stop).toMillis() + 99) / 100 * 100);
        return new SyncOutcome(p.info.executionArn(), target.machine().arn(), p.info.name(), p.info.startTime(), stop,
                p.inputText, result, billed);
    }

    /** Runs an execution given directly, outside any stored machine (TestState and tests). */
    public ExecutionResult runDetached(Definition definition, ExecutionInfo info, Journal journal) {
        return interpreter.run(new ExecutionRun(info, definition, journal, Checkpointer.NONE));
    }

    public void stop(String executionArn, Optional<String> error, Optional<String> cause) {
        ExecutionRecord record = describe(executionArn);
        if (!record.isRunning()) {
            throw StepFunctionsException.of(StepFunctionsException.Kind.NOT_RUNNING,
                    "Execution Does Not Exist: '" + executionArn + "'");
        }
        ExecutionRun run = running.get(executionArn);
        ExecutionResult.Aborted aborted = new ExecutionResult.Aborted(error.orElse(null), cause.orElse(null));
        if (run != null) {
            run.stop(aborted);
            return;
        }
        // Not running in this process (e.g. between crash and recovery): close it directly.
        DurableJournal journal = new DurableJournal(clock, store.lastEventId(executionArn));
        journal.record(EventType.ExecutionAborted, journal.lastEventId(), () -> Interpreter.errorDetails(aborted.error(), aborted.cause()));
        store.close(executionArn, "ABORTED", Optional.empty(), error, cause, clock.instant(), journal.drainEvents());
    }

    /**
     * Blocks until the STANDARD execution has ended and returns its final record (nested {@code .sync}
     * executions wait on this).
     */
    public ExecutionRecord awaitEnd(String executionArn) throws InterruptedException {
        java.util.concurrent.CompletableFuture<ExecutionRecord> end =
                ends.computeIfAbsent(executionArn, k -> new java.util.concurrent.CompletableFuture<>());
        ExecutionRecord now = describe(executionArn);
        if (!now.isRunning()) {
            ends.remove(executionArn);
            return now;
        }
        try {
            return end.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    public ExecutionRecord describe(String executionArn) {
        checkExecutionArn(executionArn);
        return store.find(executionArn).orElseThrow(() -> StepFunctionsException.executionNotFound(executionArn));
    }

    public List<ExecutionRecord> list(String machineArn, Optional<String> status) {
        return store.list(machineArn, status, Optional.empty());
    }

    public List<HistoryEvent> history(String executionArn) {
        describe(executionArn);
        return store.history(executionArn);
    }

    /** RedriveExecution: reopens a failed, aborted or timed-out STANDARD execution at the states that did not finish. */
    public Instant redrive(String executionArn) {
        ExecutionRecord record = describe(executionArn);
        if (record.isRunning() || record.status().equals("SUCCEEDED")) {
            throw StepFunctionsException.of(StepFunctionsException.Kind.NOT_REDRIVABLE,
                    "Execution with status " + record.status() + " cannot be redriven: '" + executionArn + "'");
        }
        Instant now = clock.instant();
        StateMachineInfo machine = machines.describe(record.machineArn());
        Definition definition = StateMachines.parse(record.definition(), machine.type());
        int count = record.redriveCount() + 1;
        DurableJournal journal = new DurableJournal(clock, store.lastEventId(executionArn));
        journal.record(EventType.ExecutionRedriven, journal.lastEventId(),
                () -> com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("redriveCount", count));
        // The reopening and its event in one commit: a crash between them would resume the execution
        // without ExecutionRedriven. Of concurrent redrives, one reopens it; the others find it running.
        if (!store.redrive(executionArn, count, now, journal.drainEvents())) {
            throw StepFunctionsException.of(StepFunctionsException.Kind.NOT_REDRIVABLE, "Execution with status "
                    + describe(executionArn).status() + " cannot be redriven: '" + executionArn + "'");
        }
        runDurable(info(record, machine, count), definition, journal);
        return now;
    }

    /** Resumes every STANDARD execution the store shows running; called once when the server starts. */
    public int recover() {
        int resumed = 0;
        for (ExecutionRecord record : store.running()) {
            Definition definition;
            ExecutionInfo info;
            try {
                // The execution carries its own definition: one whose machine was deleted runs on, as on AWS.
                // Only STANDARD executions are stored.
                definition = StateMachines.parse(record.definition(), MachineType.STANDARD);
                info = new ExecutionInfo(record.arn(), record.name(), record.machineArn(), machineName(record),
                        record.roleArn(), record.startDate(), parseStored(record.input()), record.redriveCount());
            } catch (RuntimeException e) {
                failUnresumable(record, e); // what it runs on no longer reads: it can never run again
                continue;
            }
            try {
                runDurable(info, definition, new DurableJournal(clock, store.lastEventId(record.arn())));
                resumed++;
            } catch (RuntimeException e) {
                // A store that fails now may not fail at the next start: the execution stays RUNNING for it.
                LOG.error("Could not resume execution {}; it stays RUNNING for the next start", record.arn(), e);
            }
        }
        return resumed;
    }

    /**
     * Closes an execution that cannot be resumed (its machine, definition or input no longer reads) as
     * FAILED: left RUNNING it would have no thread behind it and never end.
     */
    private void failUnresumable(ExecutionRecord record, RuntimeException cause) {
        StatesError failure = InternalFailure.of(cause);
        try {
            DurableJournal journal = new DurableJournal(clock, store.lastEventId(record.arn()));
            journal.record(EventType.ExecutionFailed, journal.lastEventId(), () -> Interpreter.errorDetails(failure));
            store.close(record.arn(), "FAILED", Optional.empty(), Optional.of(failure.error()),
                    Optional.of(failure.detail()), clock.instant(), journal.drainEvents());
        } catch (RuntimeException e) {
            LOG.error("Could not close execution {} either", record.arn(), e);
        }
    }

    private static String machineName(ExecutionRecord record) {
        String resource = Arn.parse(record.machineArn()).map(Arn::resource).orElse(record.machineArn());
        return resource.substring(resource.indexOf(':') + 1);
    }

    private ExecutionInfo info(ExecutionRecord record, StateMachineInfo machine, int redriveCount) {
        return new ExecutionInfo(record.arn(), record.name(), machine.arn(), machine.name(), record.roleArn(),
                record.startDate(), parseStored(record.input()), redriveCount);
    }

    private void runDurable(ExecutionInfo info, Definition definition, DurableJournal journal) {
        DurableCheckpointer checkpointer = new DurableCheckpointer(store, info.executionArn(), journal);
        ExecutionRun run = new ExecutionRun(info, definition, journal, checkpointer);
        Instant deadline = definition.timeoutSeconds().map(s -> info.startTime().plusSeconds(s)).orElse(Instant.MAX);
        launch(run, deadline, result -> {
            if (!closing) {
                store.close(info.executionArn(), result.status(), output(result), error(result), cause(result),
                        clock.instant(), journal.drainEvents());
                java.util.concurrent.CompletableFuture<ExecutionRecord> end = ends.remove(info.executionArn());
                if (end != null) {
                    end.complete(store.find(info.executionArn()).orElseThrow());
                }
            }
        });
    }

    private void launch(ExecutionRun run, Instant deadline, java.util.function.Consumer<ExecutionResult> onEnd) {
        String arn = run.info().executionArn();
        running.put(arn, run);
        Thread thread = Thread.ofVirtual().name("execution-" + run.info().name()).unstarted(() -> {
            try {
                onEnd.accept(runBounded(run, deadline));
            } catch (RuntimeException e) {
                if (!closing) {
                    LOG.error("Execution {} ended abnormally", arn, e);
                }
            } finally {
                running.remove(arn);
                threads.remove(arn);
            }
        });
        threads.put(arn, thread);
        thread.start();
    }

    /** Runs the execution, stopped with States.Timeout should the engine's clock reach {@code deadline} first. */
    private ExecutionResult runBounded(ExecutionRun run, Instant deadline) {
        Timers.Scheduled alarm = deadline.equals(Instant.MAX) ? null
                : interpreter.waits().alarm(deadline, () -> run.stop(new ExecutionResult.TimedOut("States.Timeout",
                        "The execution timed out")));
        try {
            return interpreter.run(run);
        } finally {
            if (alarm != null) {
                alarm.cancel();
            }
        }
    }

    private record Prepared(ExecutionInfo info, String inputText) {
    }

    private Prepared prepare(StateMachines.Target target, StartRequest request, boolean sync) {
        String inputText = request.input().orElse("{}");
        if (inputText.length() > MAX_PAYLOAD) {
            throw StepFunctionsException.invalid(Violation.unprinted("input",
                    "Member must have length less than or equal to " + MAX_PAYLOAD));
        }
        JsonNode input = parseInput(inputText);
        String name = request.name().orElseGet(() -> UUID.randomUUID().toString());
        Names.check(name);
        StateMachineInfo machine = target.machine();
        Arn machineArn = Arn.parse(machine.arn()).orElseThrow();
        String resource = machine.type() == MachineType.EXPRESS
                ? "express:" + machine.name() + ":" + name + ":" + UUID.randomUUID()
                : "execution:" + machine.name() + ":" + name;
        String arn = Arn.of("states", machineArn.region(), machineArn.account(), resource).toString();
        // The store's precision: a repeated StartExecution must answer the start date the first one did.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return new Prepared(new ExecutionInfo(arn, name, machine.arn(), machine.name(), machine.roleArn(), now, input, 0),
                inputText);
    }

    /** An execution's input as StartExecution, StartSyncExecution and TestState read it, with AWS's errors. */
    public static JsonNode parseInput(String text) {
        if (text.isBlank()) {
            throw StepFunctionsException.invalidInput("Invalid execution input.");
        }
        try {
            // Exactly one value, as AWS reads it: trailing data or a byte-order mark is invalid input.
            return Json.readOne(text.getBytes(StandardCharsets.UTF_8));
        } catch (MalformedJsonException e) {
            throw StepFunctionsException.invalidInput(e.getMessage());
        }
    }

    /** Parses JSON the engine wrote to its repositories itself; failing to is corruption. */
    static JsonNode parseStored(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("corrupt stored JSON", e);
        }
    }

    static void checkExecutionArn(String arn) {
        Optional<Arn> parsed = Arn.parse(arn);
        if (parsed.isEmpty() || !parsed.get().service().equals("states")
                || !(parsed.get().resource().startsWith("execution:") || parsed.get().resource().startsWith("express:"))) {
            throw StepFunctionsException.malformedArn(arn);
        }
    }

    static Optional<String> output(ExecutionResult r) {
        return r instanceof ExecutionResult.Succeeded s ? Optional.of(s.output().toString()) : Optional.empty();
    }

    static Optional<String> error(ExecutionResult r) {
        return switch (r) {
            case ExecutionResult.Succeeded s -> Optional.empty();
            case ExecutionResult.Failed f -> Optional.ofNullable(f.error());
            case ExecutionResult.TimedOut t -> Optional.ofNullable(t.error());
            case ExecutionResult.Aborted a -> Optional.ofNullable(a.error());
        };
    }

    static Optional<String> cause(ExecutionResult r) {
        return switch (r) {
            case ExecutionResult.Succeeded s -> Optional.empty();
            case ExecutionResult.Failed f -> Optional.ofNullable(f.cause());
            case ExecutionResult.TimedOut t -> Optional.ofNullable(t.cause());
            case ExecutionResult.Aborted a -> Optional.ofNullable(a.cause());
        };
    }

    /**
     * Stops the threads of running executions without recording an end, each named in the log: STANDARD
     * executions stay RUNNING in the store and resume from their last checkpoint at the next start, as
     * after a crash; EXPRESS ones, which live in memory, are lost. Waits {@link Shutdown#JOIN_BUDGET}
     * in all for their threads.
     */
    @Override
    public void close() {
        closing = true;
        for (ExecutionRun run : running.values()) {
            run.stop(new ExecutionResult.Aborted(null, "server shutdown"));
            Shutdown.abandoned(LOG, run.checkpointer() == Checkpointer.NONE
                    ? "EXPRESS execution " + run.info().executionArn() + ": it does not survive a restart"
                    : "execution " + run.info().executionArn() + ": left RUNNING, it resumes from its last checkpoint"
                            + " at the next start");
        }
        Shutdown.join(threads.values(), Shutdown.JOIN_BUDGET);
    }
}
