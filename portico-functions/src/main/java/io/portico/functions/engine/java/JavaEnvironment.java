package io.portico.functions.engine.java;

import io.portico.functions.engine.ExecutionEnvironment;
import io.portico.functions.engine.FunctionInitException;
import io.portico.functions.engine.InvocationLog;
import io.portico.functions.engine.InvocationOutcome;
import io.portico.functions.engine.InvocationRequest;
import io.portico.functions.engine.VersionSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One Java execution environment: a {@link Sandbox} (a platform thread of its own, the function's
 * class loader with its statics, variables, output and exit) serving invocations one at a time.
 *
 * <p>An invocation is handed to the sandbox's thread and the caller gets its outcome to come (see
 * {@link #submit}): the caller, a virtual thread, only waits, and no function code ever runs on a
 * carrier thread. On its thread, an invocation routes the environment's stdout/stderr to its log,
 * makes the function's loader the context class loader, runs the handler under the {@link HeapGuard}
 * and maps what happened to Lambda's outcome: the serialised response, the error document of what the
 * handler threw, {@code Runtime.ExitError} when it called {@code System.exit}, or
 * {@code Runtime.OutOfMemory} when the guard stopped it.
 *
 * <p>After an exit, a {@link VirtualMachineError}, an invocation given up by its caller (cancelled:
 * a timeout) or one the guard stopped, Lambda's runtime process is gone and Lambda starts a new
 * environment for the next invocation; here the environment retires its sandbox (stopping whatever of
 * its code still runs) and loads the function afresh in a new one on its next invocation, whose log
 * then shows the init output and whose outcome is the init error if that init fails. Callers can thus
 * keep pooling it.
 *
 * <p>Not thread safe for invocations (the caller serialises them); {@link #close} and the guard's
 * {@link #shedIfIdle} may come from other threads.
 */
public final class JavaEnvironment implements ExecutionEnvironment, HeapGuard.Sheddable {
    private static final DateTimeFormatter LOG_STREAM_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd");
    /**
     * Lambda's init limit. An init that outlasts it is retried within the first invocation, under the
     * function's timeout, so an init fails only after both, as a worker process's does.
     */
    private static final Duration INIT_LIMIT = Duration.ofSeconds(10);

    private final VersionSpec spec;
    private final Clock clock;
    private final HeapGuard guard;
    private final String logStreamName;
    private final Map<String, String> variables;
    private final LogRouter router;
    private final long initDurationMillis;
    private final ReentrantLock lock = new ReentrantLock(); // orders replacing the sandbox against close, shedding and submitting
    private Sandbox sandbox; // guarded by lock; null once retired, until the next invocation
    private boolean closed; // guarded by lock

    private JavaEnvironment(VersionSpec spec, Clock clock, HeapGuard guard, String logStreamName,
            Map<String, String> variables, LogRouter router, Sandbox sandbox, long initDurationMillis) {
        this.spec = spec;
        this.clock = clock;
        this.guard = guard;
        this.logStreamName = logStreamName;
        this.variables = variables;
        this.router = router;
        this.sandbox = sandbox;
        this.initDurationMillis = initDurationMillis;
    }

    /**
     * Creates the environment and runs the function's init on its sandbox's thread, watched by the
     * guard, its output going to {@code initLog}; the calling thread waits, at most Lambda's init limit
     * and the function's timeout. Interrupting it stops the init.
     */
    public static JavaEnvironment start(VersionSpec spec, InvocationLog initLog, Clock clock, HeapGuard guard)
            throws FunctionInitException, InterruptedException {
        long started = System.nanoTime();
        String logStreamName = logStreamName(spec, clock);
        Map<String, String> variables = LambdaVariables.of(spec, logStreamName, System.getenv());
        LogRouter router = new LogRouter(initLog);
        Sandbox sandbox = Sandbox.initialised(spec, variables, router, initLog, guard,
                INIT_LIMIT.plusSeconds(spec.timeoutSeconds()));
        long initMillis = (System.nanoTime() - started) / 1_000_000;
        JavaEnvironment environment = new JavaEnvironment(spec, clock, guard, logStreamName, variables, router,
                sandbox, initMillis);
        guard.register(environment);
        return environment;
    }

    /** Lambda's {@code yyyy/MM/dd/[version]<32 hex>}, one per environment. */
    private static String logStreamName(VersionSpec spec, Clock clock) {
        String date = LocalDate.now(clock.withZone(ZoneOffset.UTC)).format(LOG_STREAM_DATE);
        return date + "/[" + spec.version() + "]" + UUID.randomUUID().toString().replace("-", "");
    }

    @Override
    public long initDurationMillis() {
        return initDurationMillis;
    }

    /** The log stream this environment writes to, as {@code Context.getLogStreamName()} reports it. */
    public String logStreamName() {
        return logStreamName;
    }

    @Override
    public InvocationOutcome invoke(InvocationRequest request) throws InterruptedException {
        CompletableFuture<InvocationOutcome> outcome = submit(request);
        try {
            return outcome.get();
        } catch (InterruptedException e) {
            outcome.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("invocation " + request.requestId() + " failed", cause);
        }
    }

    /**
     * Hands the invocation to the sandbox's thread (a new sandbox, whose init runs first, after the last
     * one was retired) and returns at once. Cancelling the returned future stops the function's code and
     * retires the sandbox.
     */
    @Override
    public CompletableFuture<InvocationOutcome> submit(InvocationRequest request) {
        router.route(request.log());
        CompletableFuture<InvocationOutcome> outcome = new CompletableFuture<>();
        Sandbox current;
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the environment of " + spec.qualifiedArn() + " is closed");
            }
            if (sandbox == null) {
                sandbox = Sandbox.start(spec.functionName());
            }
            current = sandbox;
            // Handed over under the lock, so that the guard never sheds a sandbox about to run.
            current.run(() -> outcome.complete(runGuarded(current, request, outcome)))
                    .exceptionally(outcome::completeExceptionally);
        } finally {
            lock.unlock();
        }
        current.spinFor(outcome);
        outcome.whenComplete((done, failure) -> {
            if (outcome.isCancelled()) {
                current.stop(StopSignal.Reason.CANCELLED);
                retire(current);
            }
        });
        return outcome;
    }

    /** On the sandbox's thread: init if the sandbox is new, then the invocation, watched by the guard. */
    private InvocationOutcome runGuarded(Sandbox current, InvocationRequest request,
            CompletableFuture<InvocationOutcome> outcome) throws InterruptedException {
        try (HeapGuard.Watch watch = guard.watch(() -> spec.qualifiedArn() + " (request " + request.requestId() + ")",
                Thread.currentThread(), spec.memorySizeMb(),
                () -> outOfMemory(current, request, outcome))) {
            Optional<LoadedFunction> loaded = current.function();
            if (loaded.isPresent()) {
                return run(current, loaded.get(), request);
            }
            try {
                return run(current, current.load(spec, variables, router, request.log()), request);
            } catch (FunctionInitException e) {
                retire(current);
                return e.error();
            }
        }
    }

    private InvocationOutcome run(Sandbox current, LoadedFunction function, InvocationRequest request)
            throws InterruptedException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(function.loader());
        byte[] response = null;
        Throwable failure = null;
        try {
            response = function.handle(request.payload(), new LambdaContext(spec, logStreamName, request, clock));
        } catch (Throwable t) {
            failure = t;
        } finally {
            thread.setContextClassLoader(previous);
            router.flush();
        }
        OptionalInt exit = function.exitStatus();
        // Stopped: whoever stopped it has answered already. Interrupted: Portico is stopping.
        boolean stopped = current.stopped() || Thread.interrupted() || failure instanceof InterruptedException;
        if (stopped || exit.isPresent() || failure instanceof VirtualMachineError) {
            retire(current);
        }
        if (stopped) {
            throw new InterruptedException("invocation " + request.requestId() + " was stopped");
        }
        if (exit.isPresent()) {
            Optional<String> requestId = Optional.of(request.requestId());
            request.log().write(ErrorDocuments.exitMessage(requestId, exit.getAsInt()) + "\n" + ErrorDocuments.EXIT_ERROR + "\n");
            return ErrorDocuments.exit(requestId, exit.getAsInt());
        }
        if (failure != null) {
            InvocationOutcome.FunctionError error = ErrorDocuments.unhandled(failure);
            request.log().write(ErrorDocuments.logText(failure));
            return error;
        }
        return new InvocationOutcome.Success(response);
    }

    /**
     * The guard found the invocation over its memory (on the guard's thread): answer as Lambda does when
     * its kernel kills the sandbox, at once, and stop the code, which ends at its next checkpoint.
     */
    private void outOfMemory(Sandbox current, InvocationRequest request, CompletableFuture<InvocationOutcome> outcome) {
        if (!outcome.isDone()) {
            Optional<String> requestId = Optional.of(request.requestId());
            request.log().write(ErrorDocuments.outOfMemoryMessage(requestId) + "\n" + ErrorDocuments.OUT_OF_MEMORY + "\n");
            outcome.complete(ErrorDocuments.outOfMemory(requestId));
        }
        current.stop(StopSignal.Reason.OUT_OF_MEMORY);
        retire(current);
    }

    /** The runtime of {@code dead} is gone: close it, so that the next invocation starts a new one. */
    private void retire(Sandbox dead) {
        lock.lock();
        try {
            if (sandbox == dead) {
                sandbox = null;
            }
        } finally {
            lock.unlock();
        }
        dead.close();
    }

    /** The heap is full and nothing runs: drop the function's code and statics until the next invocation. */
    @Override
    public void shedIfIdle() {
        Sandbox idle;
        lock.lock();
        try {
            if (sandbox == null || sandbox.busy()) {
                return;
            }
            idle = sandbox;
            sandbox = null;
        } finally {
            lock.unlock();
        }
        idle.close();
    }

    @Override
    public void close() {
        Sandbox current;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            current = sandbox;
            sandbox = null;
        } finally {
            lock.unlock();
        }
        guard.unregister(this);
        if (current != null) {
            current.close();
        }
    }
}
