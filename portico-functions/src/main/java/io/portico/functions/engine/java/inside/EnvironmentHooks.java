package io.portico.functions.engine.java.inside;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntFunction;

/**
 * The replacements that function bytecode calls instead of the JVM-global {@code System.getenv},
 * {@code System.out}/{@code err}/{@code in}, {@code System.setOut}/{@code setErr}/{@code setIn}, {@code System.exit},
 * {@code Runtime.exit} and {@code Runtime.halt}: the class loader rewrites those calls to these static
 * methods as it defines each class of the function.
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

    private EnvironmentHooks() {
    }

    /**
     * Sets this environment's variables (unmodifiable), its output streams and what exiting throws.
     * Portico calls it once, right after defining the class; later calls fail.
     */
    public static void install(Map<String, String> variables, PrintStream stdout, PrintStream stderr,
            IntFunction<Error> onExit) {
        INSTALL.lock();
        try {
            if (exit != null) {
                throw new IllegalStateException("environment hooks are installed already");
            }
            environment = Objects.requireNonNull(variables);
            out = Objects.requireNonNull(stdout);
            err = Objects.requireNonNull(stderr);
            exit = Objects.requireNonNull(onExit);
        } finally {
            INSTALL.unlock();
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
