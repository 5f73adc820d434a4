package io.portico.tables.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A table's point-in-time recovery as DescribeContinuousBackups reports it: on since {@code since} (empty while
 * off), restorable from then up to {@code latestRestorable}, which AWS documents as typically five minutes
 * before now (never before {@code since}). Portico keeps the setting only; it serves no restore. Immutable.
 *
 * @param since when recovery was turned on; empty while it is off
 * @param latestRestorable the latest restorable time while it is on
 */
public record PointInTimeRecovery(Optional<Instant> since, Optional<Instant> latestRestorable) {
    /** AWS's recovery period for a table that does not set one (recorded: {@code RecoveryPeriodInDays} 35). */
    public static final int RECOVERY_PERIOD_DAYS = 35;
    private static final Duration LAG = Duration.ofMinutes(5);

    static PointInTimeRecovery of(Optional<Instant> since, Instant now) {
        return new PointInTimeRecovery(since, since.map(s -> now.minus(LAG).isAfter(s) ? now.minus(LAG) : s));
    }

    public boolean enabled() {
        return since.isPresent();
    }
}
