package io.portico.functions.engine.process;

import io.portico.functions.engine.ExecutionEnvironment;
import io.portico.functions.engine.FunctionInitException;
import io.portico.functions.engine.InvocationLog;
import io.portico.functions.engine.InvocationOutcome;
import io.portico.functions.engine.InvocationRequest;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * An execution environment whose handler is a worker process ({@link RuntimeWorker}), kept warm
 * between invocations.
 *
 * <p>When the worker ends (it exited, crashed, was killed), Lambda discards the sandbox and the next
 * invocation gets a fresh one; likewise here the next invocation starts a new worker first, its init
 * output going to that invocation's log with Lambda's {@code INIT_REPORT} line when it fails, and the
 * init's error becoming the invocation's outcome. Callers can thus keep pooling the environment after
 * a {@code Runtime.ExitError}, as they do after any function error.
 *
 * <p>Invocations are serialised by the caller; {@link #close} may come from any thread and also
 * removes the environment's directory. {@code onClose} tells the runtime it is gone.
 */
final class ProcessEnvironment implements ExecutionEnvironment {
    private final WorkerLaunch launch;
    private final Consumer<ProcessEnvironment> onClose;
    private final long initDurationMillis;
    private final ReentrantLock lock = new ReentrantLock();
    private RuntimeWorker worker; // guarded by lock
    private boolean closed; // guarded by lock

    private ProcessEnvironment(WorkerLaunch launch, Consumer<ProcessEnvironment> onClose, RuntimeWorker worker,
            long initDurationMillis) {
        this.launch = launch;
        this.onClose = onClose;
        this.worker = worker;
        this.initDurationMillis = initDurationMillis;
    }

    /** Starts the first worker; on failure the environment's directory is removed again. */
    static ProcessEnvironment start(WorkerLaunch launch, InvocationLog initLog, Consumer<ProcessEnvironment> onClose)
            throws FunctionInitException, InterruptedException {
        long started = System.nanoTime();
        try {
            RuntimeWorker worker = RuntimeWorker.start(launch, initLog);
            return new ProcessEnvironment(launch, onClose, worker, (System.nanoTime() - started) / 1_000_000);
        } catch (FunctionInitException | InterruptedException | RuntimeException e) {
            Directories.deleteRecursively(launch.directory());
            throw e;
        }
    }

    @Override
    public long initDurationMillis() {
        return initDurationMillis;
    }

    @Override
    public InvocationOutcome invoke(InvocationRequest request) throws InterruptedException {
        RuntimeWorker current;
        try {
            current = liveWorker(request.log());
        } catch (FunctionInitException e) {
            return e.error();
        }
        return current.invoke(request);
    }

    /** The current worker, or a new one when it has ended (see the class comment). */
    private RuntimeWorker liveWorker(InvocationLog log) throws FunctionInitException, InterruptedException {
        RuntimeWorker ended;
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the environment of " + launch.spec().qualifiedArn() + " is closed");
            }
            if (worker.isAlive()) {
                return worker;
            }
            ended = worker;
        } finally {
            lock.unlock();
        }
        ended.close();
        long started = System.nanoTime();
        RuntimeWorker fresh;
        try {
            fresh = RuntimeWorker.start(launch, log);
        } catch (FunctionInitException e) {
            log.write(initReport(started, e.error().errorType()));
            throw e;
        }
        lock.lock();
        try {
            if (!closed) {
                worker = fresh;
                return fresh;
            }
        } finally {
            lock.unlock();
        }
        fresh.close(); // closed while it started
        throw new IllegalStateException("the environment of " + launch.spec().qualifiedArn() + " is closed");
    }

    /** Lambda's line for an init that failed during an invocation. */
    private static String initReport(long startedNanos, String errorType) {
        double millis = (System.nanoTime() - startedNanos) / 1_000_000.0;
        return "INIT_REPORT Init Duration: " + String.format(Locale.ROOT, "%.2f", millis)
                + " ms\tPhase: invoke\tStatus: error\tError Type: " + errorType + "\n";
    }

    /** The current worker's process id, for tests. */
    long pid() {
        lock.lock();
        try {
            return worker.pid();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        RuntimeWorker last;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            last = worker;
        } finally {
            lock.unlock();
        }
        try {
            last.close();
        } finally {
            Directories.deleteRecursively(launch.directory());
            onClose.accept(this);
        }
    }
}
