package io.portico.core.protocol;

/**
 * Told about every call the {@link ProtocolFront} answered, for metrics. Implementations must be thread
 * safe and fast: the front calls them on the request thread after the response is handed to the
 * connection. {@code service} and {@code operation} are {@code "unknown"} when the front could not
 * tell them; never null.
 */
@FunctionalInterface
public interface CallListener {

    CallListener NONE = (service, operation, status, durationNanos) -> { };

    void onCall(String service, String operation, int status, long durationNanos);
}
