package io.portico.functions.engine.java;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The switch that stops one sandbox's code. The function's checkpoints (see {@link Checkpoints}) read
 * {@link #signal()} through its hooks: empty while the code may run; once {@link #stop stopped}, the
 * {@link Stopped} error that every checkpoint then throws. The first reason given is kept. Thread
 * safe.
 */
final class StopSignal {

    /** Why Portico stopped a sandbox's code. */
    enum Reason {
        /** The invoker gave the invocation up: it timed out, or Portico is stopping. */
        CANCELLED("its invocation timed out or was cancelled"),
        /** The heap guard found that the invocation outgrew its memory, or that Portico's heap is full. */
        OUT_OF_MEMORY("it outgrew its memory"),
        /** The execution environment closed (idle, retired, or Portico is stopping). */
        CLOSED("its execution environment was closed");

        private final String why;

        Reason(String why) {
            this.why = why;
        }
    }

    /**
     * What a stopped function's checkpoints throw. An {@link Error}, so that {@code catch (Exception e)}
     * lets it through; a handler catching {@code Throwable} swallows one, and meets the next at its next
     * call or loop turn. No stack trace: it is thrown a great many times and read by no one.
     */
    static final class Stopped extends Error {
        private final Reason reason;

        Stopped(Reason reason) {
            super("Portico stopped this function's code: " + reason.why, null, false, false);
            this.reason = reason;
        }

        Reason reason() {
            return reason;
        }
    }

    private final AtomicReference<Error> signal = new AtomicReference<>();

    /** What the function's hooks read at every checkpoint. */
    AtomicReference<Error> signal() {
        return signal;
    }

    /** Stops the code for {@code reason}; returns whether this call did (false if it was stopped already). */
    boolean stop(Reason reason) {
        return signal.compareAndSet(null, new Stopped(reason));
    }

    /** Why the code was stopped, if it was. */
    Optional<Reason> reason() {
        return Optional.ofNullable((Stopped) signal.get()).map(Stopped::reason);
    }
}
