package io.portico.functions.engine.java.inside;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntFunction;

/**
 * The replacements that function bytecode calls instead of the JVM-global {@code System.getenv},
 * {@code System.out}/{@code err}/{@code in}, {@code System.setOut}/{@code setErr}/{@code setIn}, {@code System.exit},
 * {@code Runtime.exit} and {@code Runtime.halt}: the class loader rewrites those calls to these static
 * methods as it defines each class of the function. It also puts a call of {@link #checkpoint} at the
 * start of every method and before every backward jump (each turn of a loop), which throws once
 * Portico has stopped the environment: code that ignores its timeout still ends at its next loop turn
 * or call.
 *
 * <p>Portico defines this class once per function class loader and {@link #install installs} the
 * environment's state before any function class initialises, so the static fields below belong to one
 * execution environment; two environments of one function never see each other's. The method
 * signatures mirror what they replace (the instance methods of {@code Runtime} take the receiver as an
 * extra first parameter), so the rewrite is a one-instruction swap. Thread safe.
 */
public final class EnvironmentHooks {
    private static final ReentrantLock INSTALL = new ReentrantLock();
    private static volatile Map<String, String> environment = Map.of();
    private static volatile PrintStream out;
    private static volatile PrintStream err;
    private static volatile InputStream in = InputStream.nullInputStream();
    private static volatile IntFunction<Error> exit;
    /**
     * Read at every checkpoint. Not volatile: {@link #install} sets it once, before any function class
     * runs, and every thread that runs function code starts after that.
     */
    private static AtomicReference<Error> stop = new AtomicReference<>();

    private EnvironmentHooks() {
    }

    /**
     * Sets this environment's variables (unmodifiable), its output streams, what exiting throws, and the
     * stop signal: once Portico sets it, every checkpoint throws the error it holds. Portico calls this
     * once, right after defining the class; later calls fail.
     */
    public static void install(Map<String, String> variables, PrintStream stdout, PrintStream stderr,
            IntFunction<Error> onExit, AtomicReference<Error> stopSignal) {
        INSTALL.lock();
        try {
            if (exit != null) {
                throw new IllegalStateException("environment hooks are installed already");
            }
            environment = Objects.requireNonNull(variables);
            out = Objects.requireNonNull(stdout);
            err = Objects.requireNonNull(stderr);
            stop = Objects.requireNonNull(stopSignal);
            exit = Objects.requireNonNull(onExit); // last: it marks the hooks installed
        } finally {
            INSTALL.unlock();
        }
    }

    /**
     * Called at every method entry and loop turn of the function's code: throws the stop signal's error
     * once the environment is stopped (its invocation timed out, outgrew its memory, or the environment
     * closed). A plain and a volatile read while running, cheap enough for every loop.
     */
    public static void checkpoint() {
        Error stopped = stop.get();
        if (stopped != null) {
            throw stopped;
        }
    }

    /** Replaces {@code System.getenv()}. */
    public static Map<String, String> getenv() {
        return environment;
    }

    /** Replaces {@code System.getenv(String)}; like it, rejects a null name. */
    public static String getenv(String name) {
        return environment.get(Objects.requireNonNull(name, "name"));
    }

    /** Replaces reads of {@code System.out}. */
    public static PrintStream out() {
        return out;
    }

    /** Replaces reads of {@code System.err}. */
    public static PrintStream err() {
        return err;
    }

    /** Replaces reads of {@code System.in}: a function has no console; Lambda's stdin is empty too. */
    public static InputStream in() {
        return in;
    }

    /** Replaces {@code System.setIn}: this environment's stdin only. */
    public static void setIn(InputStream stream) {
        in = stream;
    }

    /** Replaces {@code System.setOut}: redirects this environment's stdout only. */
    public static void setOut(PrintStream stream) {
        out = stream;
    }

    /** Replaces {@code System.setErr}: redirects this environment's stderr only. */
    public static void setErr(PrintStream stream) {
        err = stream;
    }

    /** Replaces {@code System.exit}: never returns; the invocation fails as Lambda's does when its runtime exits. */
    public static void exit(int status) {
        throw exit.apply(status);
    }

    /** Replaces {@code Runtime.exit}. */
    public static void exit(Runtime runtime, int status) {
        Objects.requireNonNull(runtime);
        throw exit.apply(status);
    }

    /** Replaces {@code Runtime.halt}. */
    public static void halt(Runtime runtime, int status) {
        Objects.requireNonNull(runtime);
        throw exit.apply(status);
    }
}
