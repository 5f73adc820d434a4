package io.portico.functions.engine.mappings;

import java.time.Instant;
import java.util.Objects;

/**
 * A mapping from a stream to a function, as kept. {@code enabled} is the state it settles in
 * ({@code Enabled} or {@code Disabled}); the answers of Create, Update and Delete report the transition
 * Lambda reports ({@link #reported}). {@code pollerToken} names the one poller allowed to run it: a
 * poller whose token is not the mapping's stops, so enabling again, or a restart, never leaves two
 * pollers on one shard.
 */
public record EventSourceMapping(String uuid, String accountId, String region, String eventSourceArn,
        String functionArn, String startingPosition, MappingSettings settings, boolean enabled,
        String lastProcessingResult, Instant lastModified, String pollerToken) {

    /** What LastProcessingResult reads before the first invocation. */
    public static final String NO_RECORDS = "No records processed";

    public EventSourceMapping {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(pollerToken, "pollerToken");
    }

    public String arn() {
        return "arn:aws:lambda:" + region + ":" + accountId + ":event-source-mapping:" + uuid;
    }

    /** The state it settles in. */
    public String state() {
        return enabled ? "Enabled" : "Disabled";
    }

    /** The same mapping reported in a transitional state ({@code Creating}, {@code Disabling}, ...). */
    public Reported reported(String transitionalState) {
        return new Reported(this, transitionalState);
    }

    /** The same mapping as a stored state reports it. */
    public Reported reported() {
        return new Reported(this, state());
    }

    public EventSourceMapping with(MappingSettings value, boolean enabledValue, String token, Instant modified) {
        return new EventSourceMapping(uuid, accountId, region, eventSourceArn, functionArn, startingPosition, value,
                enabledValue, lastProcessingResult, modified, token);
    }

    public EventSourceMapping withFunctionArn(String value) {
        return new EventSourceMapping(uuid, accountId, region, eventSourceArn, value, startingPosition, settings,
                enabled, lastProcessingResult, lastModified, pollerToken);
    }

    /** A mapping with the state its answer shows. */
    public record Reported(EventSourceMapping mapping, String state) {
    }
}
