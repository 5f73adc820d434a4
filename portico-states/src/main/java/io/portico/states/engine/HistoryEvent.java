package io.portico.states.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One event of an execution's history. {@code id} counts from 1 per execution; {@code previousEventId}
 * is the event this one follows in its own branch of the execution (0 for the first), as AWS links
 * them. {@code details} is the details object as served by GetExecutionHistory (may be empty).
 */
public record HistoryEvent(long id, long previousEventId, Instant timestamp, EventType type, ObjectNode details) {
}
