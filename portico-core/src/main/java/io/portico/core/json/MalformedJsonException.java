package io.portico.core.json;

/**
 * Text that is not exactly one JSON value (see {@link Json#readOne}). The message is the parser's
 * description of the first problem and names no Java class, so a service may show it to its caller. It
 * carries no stack trace: it reports bad input, not a fault.
 */
public final class MalformedJsonException extends RuntimeException {

    MalformedJsonException(String message) {
        super(message, null, false, false);
    }
}
