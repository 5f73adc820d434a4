package io.portico.functions.engine.java;

import java.util.Optional;

/**
 * A handler that cannot be loaded, in the terms of Lambda's runtime: a message, the errorType when the
 * fault comes from an exception (Lambda sends none for, e.g., a malformed handler string), and that
 * exception for the log.
 */
final class HandlerFault extends Exception {
    private final Optional<String> errorType;

    private HandlerFault(String message, Optional<String> errorType, Throwable cause) {
        super(message, cause, false, false);
        this.errorType = errorType;
    }

    /** A fault Lambda describes with a message only. */
    static HandlerFault message(String message) {
        return new HandlerFault(message, Optional.empty(), null);
    }

    /** A fault with Lambda's message for it and the exception behind it. */
    static HandlerFault of(String message, Throwable cause) {
        return new HandlerFault(message, Optional.of(cause.getClass().getName()), cause);
    }

    /** A fault that is just an exception: its message (or class name) and its class. */
    static HandlerFault of(Throwable cause) {
        String message = cause.getLocalizedMessage() == null ? cause.getClass().getName() : cause.getLocalizedMessage();
        return of(message, cause);
    }

    Optional<String> errorType() {
        return errorType;
    }
}
