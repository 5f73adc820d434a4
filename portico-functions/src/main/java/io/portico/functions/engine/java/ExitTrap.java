package io.portico.functions.engine.java;

import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * What {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} do inside a function: record
 * the first status asked for and throw {@link Exit} to unwind the handler. Lambda's runtime process
 * would end there, failing the invocation with {@code Runtime.ExitError} and starting a new
 * environment for the next one; Portico does the same with a new class loader. Recording the status
 * means a handler that catches the {@code Exit} and carries on still fails. Thread safe.
 */
final class ExitTrap implements IntFunction<Error> {
    private final AtomicReference<Integer> status = new AtomicReference<>();

    @Override
    public Error apply(int requested) {
        status.compareAndSet(null, requested);
        return new Exit(requested);
    }

    /** The status of the first exit the function asked for, if it asked. */
    OptionalInt requestedStatus() {
        Integer value = status.get();
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }

    /** Thrown where the function called exit; never caught by Portico as a handler error. */
    static final class Exit extends Error {
        Exit(int status) {
            super("Runtime exited with status " + status, null, false, false);
        }
    }
}
