package io.portico.tables.engine;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The table's latest stream: its label (the time it was enabled, which names it in its ARN), what its
 * records carry, and whether it is still enabled. A disabled stream stays the table's latest stream (its
 * records remain readable for 24 hours on AWS) until streams are enabled again, which makes a new one.
 */
public record TableStream(String label, StreamViewType viewType, boolean enabled) {
    /** AWS's stream labels are the creation time to the millisecond: {@code 2025-02-22T03:03:25.490}. */
    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    /** A new, enabled stream created at {@code now}. */
    public static TableStream enabledAt(Instant now, StreamViewType viewType) {
        return new TableStream(LABEL.format(now), viewType, true);
    }

    /**
     * A new, enabled stream created at {@code now}, labelled after {@code previous}: a label names the
     * stream in its ARN, so two streams of one table enabled within a millisecond must still differ.
     */
    public static TableStream enabledAfter(Optional<TableStream> previous, Instant now, StreamViewType viewType) {
        Instant at = now;
        if (previous.isPresent()) {
            Instant last = LocalDateTime.parse(previous.get().label()).toInstant(ZoneOffset.UTC);
            if (!at.isAfter(last)) {
                at = last.plusMillis(1);
            }
        }
        return enabledAt(at, viewType);
    }

    public TableStream disabled() {
        return new TableStream(label, viewType, false);
    }
}
