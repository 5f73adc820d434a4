package io.portico.functions.engine.process;

import io.portico.functions.engine.FunctionInitException;
import io.portico.functions.engine.InvocationLog;
import io.portico.functions.engine.InvocationOutcome;
import io.portico.functions.engine.InvocationRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One worker process with what serves it: its Runtime API session and server and its output file.
 * It lives from a launch to its exit (or {@link #close}); a crashed worker is replaced, not revived.
 *
 * <p>{@link #start} returns once the worker has asked for its first event, its output so far written
 * to the init log; an init error, an early exit or an init past its time fail it with
 * {@link FunctionInitException} carrying Lambda's error. {@link #invoke} offers the event and waits
 * for the worker's answer or its end (then briefly for its next {@code /next}, see
 * {@link #awaitNextCall}): a worker that dies mid-invocation yields {@code Runtime.ExitError} with
 * Lambda's message and log lines. Interruption returns at once; the worker is then unusable and
 * the caller closes it. Invocations are serialised by the caller; {@link #close} may come from any
 * thread.
 */
final class RuntimeWorker implements AutoCloseable {
    private static final AtomicLong WORKERS = new AtomicLong();
    private static final Duration POST_RESPONSE_WAIT = Duration.ofSeconds(1);
    private static final Duration DEADLINE_MARGIN = Duration.ofMillis(100);

    private final RuntimeApiSession session;
    private final RuntimeApiServer server;
    private final ProcessOutput output;
    private final WorkerProcess process;

    private RuntimeWorker(RuntimeApiSession session, RuntimeApiServer server, ProcessOutput output, WorkerProcess process) {
        this.session = session;
        this.server = server;
        this.output = output;
        this.process = process;
    }

    /** Launches a worker and waits for the end of its init, whose output goes to {@code initLog}. */
    static RuntimeWorker start(WorkerLaunch launch, InvocationLog initLog) throws FunctionInitException, InterruptedException {
        RuntimeApiSession session = new RuntimeApiSession();
        ProcessOutput output = createOutput(launch);
        RuntimeApiServer server = launch.servers().start(session);
        WorkerProcess process;
        try {
            process = WorkerProcess.start(launch.command(), launch.spec().codeDirectory(), WorkerVariables.of(
                    launch.spec(), server.address(), launch.newLogStreamName(), launch.command().runtimeVariables(),
                    System.getenv()), output.file());
        } catch (IOException e) {
            server.close();
            output.close();
            String reason = WorkerProcess.execFailure(launch.command().program(), e);
            throw new FunctionInitException(PlatformErrors.invalidEntrypoint(reason), reason);
        }
        process.exited().thenAccept(status -> session.workerExited(PlatformErrors.exitReason(status)));
        RuntimeWorker worker = new RuntimeWorker(session, server, output, process);
        worker.awaitInit(launch, initLog);
        return worker;
    }

    private static ProcessOutput createOutput(WorkerLaunch launch) {
        try {
            return ProcessOutput.create(launch.directory().resolve("worker-" + WORKERS.incrementAndGet() + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the output file of a worker in " + launch.directory(), e);
        }
    }

    private void awaitInit(WorkerLaunch launch, InvocationLog initLog) throws FunctionInitException, InterruptedException {
        InitOutcome outcome;
        try {
            outcome = session.initialised().get(launch.initTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            String reason = launch.spec().timeoutReason();
            outcome = new InitOutcome.Failed(PlatformErrors.timedOut(reason), reason);
        } catch (InterruptedException e) {
            fail(initLog);
            throw e;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a worker's init cannot fail exceptionally", e);
        }
        if (outcome instanceof InitOutcome.Failed failed) {
            fail(initLog);
            throw new FunctionInitException(failed.error(), failed.message());
        }
        output.drainTo(initLog);
    }

    private void fail(InvocationLog log) {
        process.kill();
        output.drainTo(log);
        close();
    }

    /** Whether the process is still running; an ended worker cannot serve another invocation. */
    boolean isAlive() {
        return process.isAlive();
    }

    /** The process id, for diagnostics and tests. */
    long pid() {
        return process.pid();
    }

    /** Runs one invocation: its event to the worker, the worker's output to {@code request.log()}. */
    InvocationOutcome invoke(InvocationRequest request) throws InterruptedException {
        output.drainTo(request.log()); // what the worker wrote since the last invocation ended
        CompletableFuture<InvocationOutcome> pending = session.offer(RuntimeEvent.of(request));
        try {
            InvocationOutcome outcome = pending.get();
            awaitNextCall(request);
            output.drainTo(request.log());
            return outcome;
        } catch (InterruptedException e) {
            output.drainTo(request.log());
            throw e;
        } catch (ExecutionException e) {
            output.drainTo(request.log());
            return exited(request, e.getCause().getMessage());
        }
    }

    /**
     * Lambda ends an invocation (its END line) when the runtime asks for the next event, so what a
     * runtime writes after posting its answer is still the invocation's (Lambda's Java runtime, for
     * one, logs a handler's exception after posting it). This waits for that call, for at most
     * {@link #POST_RESPONSE_WAIT} and never into the last {@link #DEADLINE_MARGIN} before the deadline,
     * where the caller's timeout would discard the answer in hand; later output goes to the next
     * invocation's log.
     */
    private void awaitNextCall(InvocationRequest request) throws InterruptedException {
        long left = Duration.between(Instant.now(), request.deadline()).minus(DEADLINE_MARGIN).toMillis();
        long wait = Math.min(POST_RESPONSE_WAIT.toMillis(), left);
        if (wait <= 0) {
            return;
        }
        try {
            session.parked().get(wait, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // still busy after its answer: the rest of its output goes to the next invocation's log
        }
    }

    /** Lambda's outcome and log lines for a worker that ended during the invocation. */
    private static InvocationOutcome exited(InvocationRequest request, String reason) {
        Optional<String> requestId = Optional.of(request.requestId());
        request.log().write(PlatformErrors.message(requestId, reason) + "\n" + PlatformErrors.EXIT_ERROR + "\n");
        return PlatformErrors.exited(requestId, reason);
    }

    /** Kills the process tree and stops the server; the output file is deleted. Idempotent. */
    @Override
    public void close() {
        process.kill();
        server.close();
        output.close();
    }
}
