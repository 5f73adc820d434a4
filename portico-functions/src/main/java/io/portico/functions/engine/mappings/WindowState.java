package io.portico.functions.engine.mappings;

import java.time.Instant;
import java.util.Objects;

/**
 * A tumbling window open on a shard (or a lane of it): when it started (a multiple of
 * TumblingWindowInSeconds since the epoch) and the {@code state} the function last returned in it, as JSON
 * text ({@code {}} before its first invocation). Kept in the shard's cursor, so it survives a restart.
 */
public record WindowState(Instant start, String state) {
    public WindowState {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(state, "state");
    }
}
