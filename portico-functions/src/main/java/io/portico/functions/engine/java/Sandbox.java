package io.portico.functions.engine.java;

import io.portico.functions.engine.FunctionInitException;
import io.portico.functions.engine.InvocationLog;
import io.portico.functions.engine.VersionSpec;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What stands in for one Lambda runtime process inside Portico's JVM: a platform thread that runs all
 * of the function's code (its init, then its invocations one at a time, as the runtime's main thread
 * does), the {@link StopSignal} that stops that code, and the {@link LoadedFunction} it loaded.
 *
 * <p>Why a platform thread of its own, and not the virtual thread of the request. Virtual threads are
 * scheduled cooperatively on a few carrier threads (as many as there are cores): a handler that spins
 * without blocking never gives its carrier back, and as many such handlers as cores stopped every
 * request of the server, timeouts and {@code /_portico/health} included. The operating system
 * preempts platform threads, so spinning code only takes its share of the CPU. One thread per sandbox
 * rather than a pool: an invocation's memory is measured by its thread's allocations (see
 * {@code HeapGuard}), thread-locals live as long as the sandbox as they do in Lambda's runtime, and a
 * thread lost to code that cannot be stopped takes no other function's capacity with it.
 *
 * <p>Stopping sets the signal, so the function's code throws at its next checkpoint, on this thread
 * and on any thread the function started, and interrupts this thread out of a sleep or a wait. A
 * stopped sandbox is never used again: the environment starts a new one. Closing it also stops it,
 * closes the function's class loader and lets the thread end once the code has let go. Thread safe.
 */
final class Sandbox implements AutoCloseable {
    private static final AtomicInteger NUMBERS = new AtomicInteger();
    /** Work that usually takes less than this is waited for by spinning (see {@link #spinFor}). */
    private static final long SPIN_FOR_NANOS = 50_000;
    /** The most a caller spins: some tens of microseconds, whatever the processor's pause. */
    private static final int MAX_SPINS = 2_000;

    private final StopSignal stop = new StopSignal();
    private final ThreadPoolExecutor executor;
    private final Thread thread;
    private final AtomicInteger queued = new AtomicInteger(); // work handed to the thread and not finished
    private volatile LoadedFunction function; // once init succeeded
    private volatile long recentNanos; // how long the thread's recent work took, smoothed

    private Sandbox(String name) {
        Thread[] created = new Thread[1];
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), task -> {
            // Nothing of the request that happened to start it: the function's thread is the function's.
            created[0] = Thread.ofPlatform().name(name).daemon().inheritInheritableThreadLocals(false).unstarted(task);
            return created[0];
        });
        executor.prestartCoreThread();
        this.thread = created[0];
    }

    /** A sandbox whose thread is named after {@code functionName}, {@code lambda-<function>-<n>}. */
    static Sandbox start(String functionName) {
        return new Sandbox("lambda-" + functionName + "-" + NUMBERS.incrementAndGet());
    }

    /**
     * A new sandbox of {@code spec}'s function, initialised: the init runs on its thread, watched by
     * {@code guard}, its output going to {@code initLog}, while the calling thread waits up to
     * {@code limit} (on the system clock, as a worker process's init is waited for); interrupting that
     * thread stops the init. Throws the init's error, Lambda's out-of-memory error when the guard
     * stopped it, or {@code Sandbox.Timedout} past the limit, the init then stopped.
     */
    static Sandbox initialised(VersionSpec spec, Map<String, String> variables, LogRouter router, InvocationLog initLog,
            HeapGuard guard, Duration limit) throws FunctionInitException, InterruptedException {
        Sandbox sandbox = start(spec.functionName());
        try {
            sandbox.run(() -> {
                try (HeapGuard.Watch watch = guard.watch(() -> spec.qualifiedArn() + " (init)", Thread.currentThread(),
                        spec.memorySizeMb(), () -> sandbox.stop(StopSignal.Reason.OUT_OF_MEMORY))) {
                    return sandbox.load(spec, variables, router, initLog);
                }
            }).get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return sandbox;
        } catch (InterruptedException e) {
            sandbox.close();
            throw e;
        } catch (TimeoutException e) {
            sandbox.close();
            throw new FunctionInitException(ErrorDocuments.initTimedOut(spec.timeoutReason()), spec.timeoutReason());
        } catch (ExecutionException e) {
            sandbox.close();
            throw sandbox.initFailure(e.getCause(), initLog);
        }
    }

    private FunctionInitException initFailure(Throwable cause, InvocationLog initLog) throws InterruptedException {
        if (stop.reason().filter(StopSignal.Reason.OUT_OF_MEMORY::equals).isPresent()) {
            String message = ErrorDocuments.outOfMemoryMessage(Optional.empty());
            initLog.write(message + "\n" + ErrorDocuments.OUT_OF_MEMORY + "\n");
            return new FunctionInitException(ErrorDocuments.outOfMemory(Optional.empty()), message);
        }
        return switch (cause) {
            case FunctionInitException init -> init;
            case InterruptedException interrupted -> throw interrupted;
            case RuntimeException runtime -> throw runtime;
            case Error error -> throw error;
            default -> throw new IllegalStateException("init failed", cause);
        };
    }

    /**
     * Runs {@code work} on the sandbox's thread after what is already queued; the future completes with
     * what it returns or throws.
     */
    <T> CompletableFuture<T> run(Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        queued.incrementAndGet();
        try {
            executor.execute(() -> {
                long began = System.nanoTime();
                try {
                    result.complete(work.call());
                } catch (Throwable failure) {
                    result.completeExceptionally(failure);
                } finally {
                    recentNanos += (System.nanoTime() - began - recentNanos) / 4;
                    queued.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException closed) {
            queued.decrementAndGet();
            result.completeExceptionally(new IllegalStateException("the sandbox is closed", closed));
        }
        return result;
    }

    /**
     * Waits a little for {@code result} by spinning on the calling thread, when this sandbox's recent
     * work took less than {@link #SPIN_FOR_NANOS}: the caller, a request's virtual thread, then finds the
     * result without parking, and its carrier need not be woken by the operating system, which is most
     * of what handing work to a platform thread costs a fast function. Slower work is not spun for, and
     * no spin outlasts {@link #MAX_SPINS} pauses, so a carrier is never held for long.
     */
    void spinFor(CompletableFuture<?> result) {
        if (recentNanos > SPIN_FOR_NANOS) {
            return;
        }
        for (int i = 0; i < MAX_SPINS && !result.isDone(); i++) {
            Thread.onSpinWait();
        }
    }

    /** Whether work was handed to the thread and has not finished. */
    boolean busy() {
        return queued.get() > 0;
    }

    /**
     * Loads and initialises the function: call on the sandbox's thread (through {@link #run}). See
     * {@link LoadedFunction#load}.
     */
    LoadedFunction load(VersionSpec spec, Map<String, String> variables, LogRouter router, InvocationLog initLog)
            throws FunctionInitException, InterruptedException {
        LoadedFunction loaded = LoadedFunction.load(spec, variables, router, initLog, stop);
        function = loaded;
        if (stopped()) { // closed while it loaded
            loaded.close();
            throw new InterruptedException("the sandbox of " + spec.qualifiedArn() + " was stopped during init");
        }
        return loaded;
    }

    /** The function, once its init succeeded. */
    Optional<LoadedFunction> function() {
        return Optional.ofNullable(function);
    }

    /** The thread the function's code runs on, whose allocations are the invocation's. */
    Thread thread() {
        return thread;
    }

    /**
     * Stops the function's code for {@code reason} (the first reason is kept) and interrupts its thread,
     * unless called on it: the code there has let go already.
     */
    void stop(StopSignal.Reason reason) {
        stop.stop(reason);
        if (Thread.currentThread() != thread) {
            thread.interrupt();
        }
    }

    /** Whether the code was stopped: the sandbox must then be replaced. */
    boolean stopped() {
        return stop.reason().isPresent();
    }

    /** Stops the code, if it was not stopped already, and ends the thread once the code has let go. */
    @Override
    public void close() {
        stop(StopSignal.Reason.CLOSED);
        if (Thread.currentThread() == thread) {
            executor.shutdown(); // the thread retires its own sandbox: it ends once this work returns
        } else {
            executor.shutdownNow();
        }
        LoadedFunction loaded = function;
        if (loaded != null) {
            loaded.close();
        }
    }
}
