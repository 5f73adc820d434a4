package io.portico.tables.engine;

import java.util.Optional;

/**
 * A table's time-to-live setting: whether expired items are deleted, and the attribute holding their
 * expiry (epoch seconds). The attribute is kept when TTL is disabled, as UpdateTimeToLive's answers show.
 */
public record TimeToLive(boolean enabled, Optional<String> attribute) {
    public static final TimeToLive DISABLED = new TimeToLive(false, Optional.empty());
}
