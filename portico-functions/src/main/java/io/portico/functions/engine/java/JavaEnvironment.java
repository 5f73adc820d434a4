package io.portico.functions.engine.java;

import io.portico.functions.engine.ExecutionEnvironment;
import io.portico.functions.engine.FunctionInitException;
import io.portico.functions.engine.InvocationLog;
import io.portico.functions.engine.InvocationOutcome;
import io.portico.functions.engine.InvocationRequest;
import io.portico.functions.engine.VersionSpec;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One Java execution environment: a {@link LoadedFunction} (its own class loader, statics, variables,
 * output and exit) serving invocations one at a time on the caller's thread.
 *
 * <p>An invocation routes the environment's stdout/stderr to its log, makes the function's loader
 * the context class loader, runs the handler and maps what happened to Lambda's outcome: the
 * serialised response, the error document of what the handler threw, or {@code Runtime.ExitError}
 * when it called {@code System.exit}. After an exit, or a {@link VirtualMachineError}, Lambda's
 * runtime process is gone and Lambda starts a new environment for the next invocation; here the
 * environment drops its loader and loads the function afresh on its next invocation, whose log then
 * shows the init output and whose outcome is the init error if that init fails. Callers can thus keep
 * pooling it. An interrupted calling thread (timeout, shutdown) ends the invocation with
 * {@link InterruptedException} once the handler returns control.
 *
 * <p>Not thread safe for invocations (the caller serialises them); {@link #close} may come from
 * another thread.
 */
public final class JavaEnvironment implements ExecutionEnvironment {
    private static final DateTimeFormatter LOG_STREAM_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd");

    private final VersionSpec spec;
    private final Clock clock;
    private final String logStreamName;
    private final Map<String, String> variables;
    private final LogRouter router;
    private final long initDurationMillis;
    private final ReentrantLock lock = new ReentrantLock(); // orders replacing the function against close
    private volatile LoadedFunction function; // null after the runtime exited, until the next invocation
    private volatile boolean closed;

    private JavaEnvironment(VersionSpec spec, Clock clock, String logStreamName, Map<String, String> variables,
            LogRouter router, LoadedFunction function, long initDurationMillis) {
        this.spec = spec;
        this.clock = clock;
        this.logStreamName = logStreamName;
        this.variables = variables;
        this.router = router;
        this.function = function;
        this.initDurationMillis = initDurationMillis;
    }

    /** Creates the environment and runs the function's init, its output going to {@code initLog}. */
    public static JavaEnvironment start(VersionSpec spec, InvocationLog initLog, Clock clock)
            throws FunctionInitException, InterruptedException {
        long started = System.nanoTime();
        String logStreamName = logStreamName(spec, clock);
        Map<String, String> variables = LambdaVariables.of(spec, logStreamName, System.getenv());
        LogRouter router = new LogRouter(initLog);
        LoadedFunction function = LoadedFunction.load(spec, variables, router, initLog);
        long initMillis = (System.nanoTime() - started) / 1_000_000;
        return new JavaEnvironment(spec, clock, logStreamName, variables, router, function, initMillis);
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
        if (closed) {
            throw new IllegalStateException("the environment of " + spec.qualifiedArn() + " is closed");
        }
        router.route(request.log());
        LoadedFunction current = function;
        if (current == null) {
            try {
                current = restart(request.log());
            } catch (FunctionInitException e) {
                return e.error();
            }
        }
        return run(current, request);
    }

    /** Loads the function afresh after its runtime exited, as Lambda starts a new environment. */
    private LoadedFunction restart(InvocationLog initLog) throws FunctionInitException, InterruptedException {
        LoadedFunction fresh = LoadedFunction.load(spec, variables, router, initLog);
        lock.lock();
        try {
            if (!closed) {
                function = fresh;
                return fresh;
            }
        } finally {
            lock.unlock();
        }
        fresh.close(); // closed while it loaded
        throw new IllegalStateException("the environment of " + spec.qualifiedArn() + " is closed");
    }

    private InvocationOutcome run(LoadedFunction current, InvocationRequest request) throws InterruptedException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(current.loader());
        byte[] response = null;
        Throwable failure = null;
        try {
            response = current.handle(request.payload(), new LambdaContext(spec, logStreamName, request, clock));
        } catch (Throwable t) {
            failure = t;
        } finally {
            thread.setContextClassLoader(previous);
            router.flush();
        }
        OptionalInt exit = current.exitStatus();
        if (exit.isPresent() || failure instanceof VirtualMachineError) {
            retire(current);
        }
        if (Thread.interrupted() || failure instanceof InterruptedException) {
            throw new InterruptedException("invocation " + request.requestId() + " was interrupted");
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

    /** The runtime of {@code dead} is gone: forget it, so that the next invocation starts over. */
    private void retire(LoadedFunction dead) {
        lock.lock();
        try {
            if (function == dead) {
                function = null;
            }
            dead.close();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            LoadedFunction current = function;
            function = null;
            if (current != null) {
                current.close();
            }
        } finally {
            lock.unlock();
        }
    }
}
