package io.portico.tables.engine;

import java.util.Optional;

/**
 * UpdateTimeToLive's rules: enabling TTL that is on, or disabling TTL that is off, is refused, and TTL on
 * one attribute is neither enabled on nor disabled for another. Texts from a catalogue of DynamoDB's
 * answers (ack-api-quirks, dynamodb, 2026-10-09). DynamoDB's 30-minute cooldown between changes is not
 * kept. Stateless.
 */
final class TimeToLiveRules {
    private TimeToLiveRules() {
    }

    static TimeToLive apply(TimeToLive current, boolean enabled, String attribute) {
        if (!enabled && !current.enabled()) {
            throw TablesException.invalidRequest("TimeToLive is already disabled");
        }
        if (current.enabled() && !current.attribute().equals(Optional.of(attribute))) {
            throw TablesException.invalidRequest("TimeToLive is active on a different AttributeName: current AttributeName is "
                    + current.attribute().orElse(""));
        }
        if (enabled && current.enabled()) {
            throw TablesException.invalidRequest("TimeToLive is already enabled");
        }
        return new TimeToLive(enabled, Optional.of(attribute));
    }
}
