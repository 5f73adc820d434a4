package io.portico.functions.engine;

import io.portico.functions.engine.java.HeapGuard;
import io.portico.functions.engine.java.JavaEnvironment;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;

/**
 * Lambda's managed Java runtimes ({@code java17}, {@code java21}, {@code java25}) run in Portico's own
 * JVM: each execution environment is a class loader over the function's code rather than a process.
 *
 * <p>What makes that behave like Lambda's one-JVM-per-environment:
 *
 * <ul>
 *   <li><b>Class loading.</b> Each environment loads the function's classes ({@code codeDirectory}'s
 *       root, then {@code lib/*.jar}) in its own loader, so static initialisers run once per
 *       environment. Its parent is the JDK's platform loader; only aws-lambda-java-core's handler
 *       interfaces ({@code Context}, {@code RequestHandler}, ...) are Portico's, shared with the
 *       handler. Whatever else the function bundles (Jackson, the AWS SDK, aws-lambda-java-events)
 *       is its own, and Portico's class path stays invisible to it.
 *   <li><b>Isolation.</b> Each class is rewritten with ASM as it is defined: {@code System.getenv}
 *       returns the function's variables plus those Lambda sets (with {@code AWS_ENDPOINT_URL}
 *       pointing at Portico), {@code System.out}/{@code err} write to the current invocation's log,
 *       and {@code System.exit}/{@code Runtime.exit}/{@code halt} fail the invocation with
 *       {@code Runtime.ExitError} instead of ending Portico. Nothing JVM-global is changed.
 *   <li><b>Handlers and serialization.</b> {@code RequestHandler}, {@code RequestStreamHandler} and
 *       {@code Class::method} handlers are resolved by Lambda's rules; payloads go through Lambda's
 *       own aws-lambda-java-serialization, defined per environment; errors are Lambda's documents.
 *   <li><b>Containment.</b> A function's code runs on a platform thread of its environment's, never
 *       on the virtual threads that serve requests, and the rewrite puts a checkpoint at every method
 *       entry and loop turn: code that ignores its timeout stops once its environment is discarded,
 *       and code that cannot be stopped (spinning inside the JDK) takes only its share of the CPU. A
 *       {@link HeapGuard} stops an invocation that outgrows its memory size, or that takes the heap
 *       past its ceiling, with Lambda's {@code Runtime.OutOfMemory}.
 * </ul>
 *
 * <p>Departures from Lambda, each for want of a separate JVM: the JVM's default time zone, system
 * properties, JDK-internal output (java.util.logging's console handler) and child processes' variables
 * are Portico's; threads a handler leaves running are not frozen between invocations (they stop when
 * their environment closes); code that reaches {@code System.exit} through reflection is not stopped;
 * memory is enforced from garbage collections and per-thread allocations, not exactly (see
 * {@link HeapGuard}). Thread safe.
 */
public final class JavaRuntime implements FunctionRuntime {
    private static final Set<String> RUNTIMES = Set.of("java17", "java21", "java25");

    private final Clock clock;
    private final HeapGuard guard;

    private JavaRuntime(Clock clock, HeapGuard guard) {
        this.clock = clock;
        this.guard = guard;
    }

    /** A runtime whose contexts count remaining time on the system clock. */
    public static JavaRuntime create() {
        return create(Clock.systemUTC());
    }

    /**
     * A runtime whose contexts count remaining time on {@code clock}, the clock invocation deadlines come
     * from, guarding the heap past {@link HeapGuard#DEFAULT_CEILING_PERCENT}.
     */
    public static JavaRuntime create(Clock clock) {
        return create(clock, HeapGuard.create(HeapGuard.DEFAULT_CEILING_PERCENT));
    }

    /** A runtime as {@link #create(Clock)} whose environments run under {@code guard}. */
    public static JavaRuntime create(Clock clock, HeapGuard guard) {
        return new JavaRuntime(Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(guard, "guard"));
    }

    @Override
    public boolean supports(String runtime) {
        return RUNTIMES.contains(runtime);
    }

    @Override
    public ExecutionEnvironment start(VersionSpec spec, InvocationLog initLog) throws FunctionInitException, InterruptedException {
        if (!supports(spec.runtime())) {
            throw new IllegalArgumentException("JavaRuntime does not run " + spec.runtime());
        }
        return JavaEnvironment.start(spec, initLog, clock, guard);
    }
}
