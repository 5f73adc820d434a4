package io.portico.states.engine;

import java.time.Instant;

/** An activity: a named queue of tasks that workers poll with GetActivityTask. */
public record ActivityInfo(String arn, String account, String region, String name, Instant creationDate) {
}
