package io.portico.functions.engine;

import java.time.Instant;
import java.util.Optional;

/**
 * PutFunctionEventInvokeConfig for one function qualifier: how often an asynchronous invocation is
 * retried (0-2, default 2), how old an event may get (60 s to 6 h, default 6 h), and where records of
 * successes and failures go.
 */
public record EventInvokeConfig(String functionArn, int maximumRetryAttempts, int maximumEventAgeSeconds,
        Optional<String> onSuccess, Optional<String> onFailure, Instant lastModified) {
    public static final int DEFAULT_RETRIES = 2;
    public static final int DEFAULT_MAX_AGE_SECONDS = 21600;

    public static EventInvokeConfig defaults(String functionArn, Instant now) {
        return new EventInvokeConfig(functionArn, DEFAULT_RETRIES, DEFAULT_MAX_AGE_SECONDS, Optional.empty(),
                Optional.empty(), now);
    }
}
