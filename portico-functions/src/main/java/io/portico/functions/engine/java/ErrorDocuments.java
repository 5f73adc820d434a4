package io.portico.functions.engine.java;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.GsonFactory;
import io.portico.functions.engine.InvocationOutcome.FunctionError;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * Lambda's error documents, byte for byte where Lambda's Java runtime defines them:
 *
 * <ul>
 *   <li>an exception a handler throws: {@code errorMessage} (the message, or the class name when there
 *       is none), {@code errorType} (the class name), {@code stackTrace} (each frame's
 *       {@code toString()}, cut where the runtime's own frames begin) and, when the exception has one,
 *       {@code cause} in the same shape, recursively, as Lambda documents for Java;
 *   <li>a handler that cannot be loaded: {@code errorMessage} and, when the fault has one,
 *       {@code errorType}, without a stack trace (Lambda's runtime omits it for these);
 *   <li>a runtime that exited: {@code errorType} {@code Runtime.ExitError} and Lambda's message;
 *   <li>a function that outgrew its memory: {@code errorType} {@code Runtime.OutOfMemory} and the
 *       message of the kill that ends it on Lambda, {@code Runtime exited with error: signal: killed};
 *   <li>an init that outlasted its time: {@code Sandbox.Timedout} and Lambda's timeout message.
 * </ul>
 *
 * <p>They are written with the Gson configuration of Lambda's serialization library, the one its
 * runtime writes them with: null members left out, no HTML escaping. Thread safe.
 */
final class ErrorDocuments {
    /** Frames of classes under this prefix are Portico's runtime, cut from traces as Lambda cuts its own. */
    static final String RUNTIME_FRAMES = "io.portico.functions.engine.";
    /** What Portico reports as the errorType of a fault that names none (the document itself has none). */
    static final String BAD_FUNCTION_CODE = "Runtime.BadFunctionCode";
    static final String EXIT_ERROR = "Runtime.ExitError";
    static final String OUT_OF_MEMORY = "Runtime.OutOfMemory";
    static final String TIMED_OUT = "Sandbox.Timedout";

    private static final PojoSerializer<ErrorDocument> DOCUMENTS = GsonFactory.getInstance().getSerializer(ErrorDocument.class);
    private static final PojoSerializer<PlatformError> PLATFORM = GsonFactory.getInstance().getSerializer(PlatformError.class);

    private ErrorDocuments() {
    }

    /** The document of an exception from the handler; filters its stack traces in place first. */
    static FunctionError unhandled(Throwable error) {
        filterStackTraces(error);
        ErrorDocument document = document(error, Collections.newSetFromMap(new IdentityHashMap<>()));
        return new FunctionError(document.errorType, write(DOCUMENTS, document));
    }

    /** The document of a handler that could not be loaded. */
    static FunctionError fault(String message, Optional<String> errorType) {
        ErrorDocument document = new ErrorDocument();
        document.errorMessage = message;
        document.errorType = errorType.orElse(null);
        return new FunctionError(errorType.orElse(BAD_FUNCTION_CODE), write(DOCUMENTS, document));
    }

    /** The document of an invocation whose runtime exited with {@code status}; no request id during init. */
    static FunctionError exit(Optional<String> requestId, int status) {
        return new FunctionError(EXIT_ERROR, write(PLATFORM, new PlatformError(EXIT_ERROR, exitMessage(requestId, status))));
    }

    /** Lambda's wording: {@code RequestId: <id> Error: Runtime exited with error: exit status 1}. */
    static String exitMessage(Optional<String> requestId, int status) {
        String reason = status == 0 ? "Runtime exited without providing a reason"
                : "Runtime exited with error: exit status " + status;
        return requestId.map(id -> "RequestId: " + id + " ").orElse("") + "Error: " + reason;
    }

    /**
     * The document of an invocation stopped for outgrowing its memory. Lambda's sandbox is killed when
     * it does ({@code SIGKILL} from the kernel), and Invoke answers {@code Runtime.OutOfMemory} with the
     * kill's message.
     */
    static FunctionError outOfMemory(Optional<String> requestId) {
        return new FunctionError(OUT_OF_MEMORY, write(PLATFORM, new PlatformError(OUT_OF_MEMORY, outOfMemoryMessage(requestId))));
    }

    /** An init that outlasted Lambda's limit: {@code Error: Task timed out after 3.00 seconds}. */
    static FunctionError initTimedOut(String reason) {
        return new FunctionError(TIMED_OUT, write(PLATFORM, new PlatformError(TIMED_OUT, "Error: " + reason)));
    }

    /** {@code RequestId: <id> Error: Runtime exited with error: signal: killed}; no request id during init. */
    static String outOfMemoryMessage(Optional<String> requestId) {
        return requestId.map(id -> "RequestId: " + id + " ").orElse("") + "Error: Runtime exited with error: signal: killed";
    }

    /** What Lambda's runtime logs for an exception from the handler; see {@link #logText(String, Throwable)}. */
    static String logText(Throwable error) {
        String message = error.getLocalizedMessage() == null ? error.getClass().getName() : error.getLocalizedMessage();
        return logText(message, error);
    }

    /**
     * What Lambda's runtime writes to the function's log for a fault: {@code message: type}, then the
     * (already filtered) stack trace as {@code printStackTrace} prints it.
     */
    static String logText(String message, Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        return message + ": " + error.getClass().getName() + "\n" + trace + "\n";
    }

    /** Cuts every trace in the chain (causes and suppressed) before the first runtime frame. */
    static void filterStackTraces(Throwable error) {
        filter(error, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static void filter(Throwable error, Set<Throwable> seen) {
        if (!seen.add(error)) {
            return;
        }
        StackTraceElement[] frames = error.getStackTrace();
        for (int i = 0; i < frames.length; i++) {
            if (frames[i].getClassName().startsWith(RUNTIME_FRAMES)) {
                error.setStackTrace(Arrays.copyOf(frames, i));
                break;
            }
        }
        if (error.getCause() != null) {
            filter(error.getCause(), seen);
        }
        for (Throwable suppressed : error.getSuppressed()) {
            filter(suppressed, seen);
        }
    }

    private static ErrorDocument document(Throwable error, Set<Throwable> seen) {
        seen.add(error);
        ErrorDocument document = new ErrorDocument();
        document.errorMessage = error.getLocalizedMessage() == null ? error.getClass().getName() : error.getLocalizedMessage();
        document.errorType = error.getClass().getName();
        StackTraceElement[] frames = error.getStackTrace();
        document.stackTrace = new String[frames.length];
        for (int i = 0; i < frames.length; i++) {
            document.stackTrace[i] = frames[i].toString();
        }
        Throwable cause = error.getCause();
        if (cause != null && !seen.contains(cause)) {
            document.cause = document(cause, seen);
        }
        return document;
    }

    private static <T> byte[] write(PojoSerializer<T> serializer, T value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer.toJson(value, out);
        return out.toByteArray();
    }

    /** Lambda's function error shape; Gson writes the fields in this order and leaves out nulls. */
    @SuppressWarnings("unused")
    private static final class ErrorDocument {
        String errorMessage;
        String errorType;
        String[] stackTrace;
        ErrorDocument cause;
    }

    /** The shape of errors Lambda itself reports (exit, timeout): type first. */
    @SuppressWarnings("unused")
    private static final class PlatformError {
        final String errorType;
        final String errorMessage;

        PlatformError(String errorType, String errorMessage) {
            this.errorType = errorType;
            this.errorMessage = errorMessage;
        }
    }
}
