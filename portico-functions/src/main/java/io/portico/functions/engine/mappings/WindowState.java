package io.portico.functions.engine.mappings;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A tumbling window open on a shard (or a lane of it): its bounds {@code [start, end)} (a multiple of
 * TumblingWindowInSeconds since the epoch, and that many seconds later) and the {@code state} the function
 * last returned in it, as JSON text ({@code {}} before its first invocation). Kept in the shard's cursor, so it
 * survives a restart. The window keeps the bounds it opened with: a mapping whose TumblingWindowInSeconds
 * changed since then ends it early ({@link #lasts}).
 */
public record WindowState(Instant start, Instant end, String state) {
    public WindowState {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(state, "state");
    }

    /** A window of {@code seconds} from {@code start}, with {@code state}. */
    public static WindowState of(Instant start, int seconds, String state) {
        return new WindowState(start, start.plusSeconds(seconds), state);
    }

    /** The same window with {@code value} as its state. */
    public WindowState withState(String value) {
        return new WindowState(start, end, value);
    }

    /** Whether the window is one of {@code seconds}-second windows (0: windows are off). */
    public boolean lasts(int seconds) {
        return seconds > 0 && Duration.between(start, end).equals(Duration.ofSeconds(seconds));
    }
}
