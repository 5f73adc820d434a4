package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.states.asl.StatesError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How far a frame had got in the state it is in, as its checkpoint records it: the state was entered
 * (its entered event is in the history), and since then its retriers have retried so often, it sleeps
 * before the next attempt until {@code retryAt}, its Parallel or Map has recorded its Started event,
 * or its failure is final ({@code failed}: the Failed event is recorded, Catch comes next).
 *
 * <p>Why it exists: each of these facts is written in the same transaction as the history event that
 * made it true (see {@link DurableJournal}), so a frame that resumes after a crash knows which of its
 * events are already in the history and records none of them again, and a retry budget counts the
 * attempts made before the crash.
 */
record Visit(long enteredEventId, Instant enteredTime, List<Integer> attempts, Optional<Instant> retryAt,
             boolean started, Optional<StatesError> failed) {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    Visit {
        attempts = List.copyOf(attempts);
    }

    static Visit entered(long eventId, Instant time, int retriers) {
        List<Integer> zero = new ArrayList<>(retriers);
        for (int i = 0; i < retriers; i++) {
            zero.add(0);
        }
        return new Visit(eventId, time, zero, Optional.empty(), false, Optional.empty());
    }

    /** The next attempt, after a back-off until {@code at}: a Parallel or Map starts over. */
    Visit retrying(int[] counts, Instant at) {
        List<Integer> list = new ArrayList<>(counts.length);
        for (int count : counts) {
            list.add(count);
        }
        return new Visit(enteredEventId, enteredTime, list, Optional.of(at), false, failed);
    }

    Visit withStarted() {
        return new Visit(enteredEventId, enteredTime, attempts, retryAt, true, failed);
    }

    Visit withFailure(StatesError error) {
        return new Visit(enteredEventId, enteredTime, attempts, Optional.empty(), started, Optional.of(error));
    }

    ObjectNode toNode() {
        ObjectNode node = NODES.objectNode().put("entered", enteredEventId).put("enteredMs", enteredTime.toEpochMilli());
        ArrayNode counts = node.putArray("attempts");
        attempts.forEach(counts::add);
        retryAt.ifPresent(at -> node.put("retryAtMs", at.toEpochMilli()));
        if (started) {
            node.put("started", true);
        }
        failed.ifPresent(e -> node.set("failed", error(e)));
        return node;
    }

    static Visit from(JsonNode node) {
        List<Integer> attempts = new ArrayList<>();
        node.path("attempts").forEach(n -> attempts.add(n.asInt()));
        return new Visit(node.path("entered").asLong(), Instant.ofEpochMilli(node.path("enteredMs").asLong()), attempts,
                node.has("retryAtMs") ? Optional.of(Instant.ofEpochMilli(node.path("retryAtMs").asLong())) : Optional.empty(),
                node.path("started").asBoolean(), node.has("failed") ? Optional.of(error(node.path("failed"))) : Optional.empty());
    }

    /** An error as the history's details write it, so that a stored failure reads the same. */
    static ObjectNode error(StatesError e) {
        return Interpreter.errorDetails(e);
    }

    static StatesError error(JsonNode node) {
        return new StatesError(node.hasNonNull("error") ? node.path("error").asText() : null,
                node.hasNonNull("cause") ? node.path("cause").asText() : null);
    }
}
