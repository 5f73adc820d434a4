package io.portico.tables.engine;

import java.util.Optional;

/**
 * UpdateTimeToLive's rules: enabling TTL that is on, or disabling TTL that is off, is refused, and
 * disabling must name the attribute TTL is on. Not recorded: the wording is Portico's. Stateless.
 */
final class TimeToLiveRules {
    private TimeToLiveRules() {
    }

    static TimeToLive apply(TimeToLive current, boolean enabled, String attribute) {
        if (enabled && current.enabled()) {
            throw TablesException.invalidRequest("TimeToLive is already enabled");
        }
        if (!enabled && !current.enabled()) {
            throw TablesException.invalidRequest("TimeToLive is already disabled");
        }
        if (!enabled && !current.attribute().equals(Optional.of(attribute))) {
            throw TablesException.invalidRequest("Attribute name does not match the attribute name configured for TTL");
        }
        return new TimeToLive(enabled, Optional.of(attribute));
    }
}
