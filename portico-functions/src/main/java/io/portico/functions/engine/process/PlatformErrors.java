package io.portico.functions.engine.process;

import io.portico.core.json.Json;
import io.portico.functions.engine.InvocationOutcome.FunctionError;
import java.util.Map;
import java.util.Optional;

/**
 * The errors Lambda itself reports about a worker (as opposed to those the worker posts), worded as
 * Lambda words them: {@code {"errorType":...,"errorMessage":"RequestId: <id> Error: <reason>"}}, the
 * {@code RequestId: } part only when an invocation is known (never during init). Thread safe.
 */
final class PlatformErrors {
    static final String EXIT_ERROR = "Runtime.ExitError";
    static final String INVALID_ENTRYPOINT = "Runtime.InvalidEntrypoint";
    static final String RESPONSE_TOO_LARGE = "Function.ResponseSizeTooLarge";
    static final String TIMED_OUT = "Sandbox.Timedout";

    /**
     * Exit statuses above 128 are how Java reports a process killed by a signal (128 + signal), where
     * Lambda's Go supervisor prints the signal's name; the common ones are named the same way here. A
     * process that itself exits with such a status is reported as signalled too: Java cannot tell.
     */
    private static final Map<Integer, String> SIGNALS = Map.of(1, "hangup", 2, "interrupt", 6, "aborted",
            9, "killed", 11, "segmentation fault", 15, "terminated");

    private PlatformErrors() {
    }

    /** Why a worker ended: {@code Runtime exited with error: exit status 1}, {@code ... signal: killed}. */
    static String exitReason(int status) {
        if (status == 0) {
            return "Runtime exited without providing a reason";
        }
        String signal = status > 128 ? SIGNALS.get(status - 128) : null;
        return "Runtime exited with error: " + (signal == null ? "exit status " + status : "signal: " + signal);
    }

    /** A worker that exited during init ({@code requestId} empty) or during an invocation. */
    static FunctionError exited(Optional<String> requestId, String reason) {
        return error(EXIT_ERROR, message(requestId, reason));
    }

    /** A response over the limit; the runtime got 413 for it. */
    static FunctionError responseTooLarge(long size) {
        return error(RESPONSE_TOO_LARGE, "Response payload size (" + size + " bytes) exceeded maximum allowed"
                + " payload size (" + RuntimeApiSession.MAX_RESPONSE_BYTES + " bytes).");
    }

    /** The bootstrap is missing or cannot be executed; {@code reason} as Go's exec reports it. */
    static FunctionError invalidEntrypoint(String reason) {
        return error(INVALID_ENTRYPOINT, message(Optional.empty(), reason));
    }

    /** An init that outlasted its time (see {@link ProcessRuntime.Settings#initGrace()}). */
    static FunctionError timedOut(String reason) {
        return error(TIMED_OUT, message(Optional.empty(), reason));
    }

    /** {@code RequestId: <id> Error: <reason>}, or {@code Error: <reason>} without an invocation. */
    static String message(Optional<String> requestId, String reason) {
        return requestId.map(id -> "RequestId: " + id + " ").orElse("") + "Error: " + reason;
    }

    private static FunctionError error(String type, String message) {
        return new FunctionError(type, Json.write(Json.object().put("errorType", type).put("errorMessage", message)));
    }
}
