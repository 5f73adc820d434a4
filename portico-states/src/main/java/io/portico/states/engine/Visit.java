package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.states.asl.StatesError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How far a frame had got in the state it is in, as its checkpoint records it: the state was entered
 * (its entered event is in the history), its retriers have retried so often since, it sleeps before
 * the next attempt until {@code retryAt}, it has recorded the events of its attempt that happen once
 * ({@code recorded}: a Parallel's or Map's Started and Succeeded, a Map Run's start), or its failure is
 * final ({@code failed}: Catch comes next).
 *
 * <p>Why it exists: each of these facts is written in the same transaction as the history event that
 * made it true (see {@link DurableJournal}), so a frame that resumes after a crash knows which of its
 * events are already in the history and records none of them again, and a retry budget counts the
 * attempts made before the crash. Immutable.
 */
record Visit(long enteredEventId, Instant enteredTime, List<Integer> attempts, Optional<Instant> retryAt,
             Set<EventType> recorded, Optional<StatesError> failed) {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<List<Integer>> ZEROS = List.of(List.of(), List.of(0), List.of(0, 0), List.of(0, 0, 0),
            List.of(0, 0, 0, 0));

    Visit {
        attempts = List.copyOf(attempts);
        recorded = recorded.isEmpty() ? Set.of() : Set.copyOf(recorded);
    }

    static Visit entered(long eventId, Instant time, int retriers) {
        // Every state entered makes one: shared immutable zeros keep that free of copies (List.copyOf
        // returns an immutable list as it is).
        List<Integer> zero = retriers < ZEROS.size() ? ZEROS.get(retriers) : Collections.nCopies(retriers, 0);
        return new Visit(eventId, time, zero, Optional.empty(), Set.of(), Optional.empty());
    }

    /** The next attempt, after a back-off until {@code at}: it records its own Started and the rest afresh. */
    Visit retrying(int[] counts, Instant at) {
        List<Integer> list = new ArrayList<>(counts.length);
        for (int count : counts) {
            list.add(count);
        }
        return new Visit(enteredEventId, enteredTime, list, Optional.of(at), Set.of(), failed);
    }

    boolean hasRecorded(EventType type) {
        return recorded.contains(type);
    }

    Visit withRecorded(EventType type) {
        EnumSet<EventType> more = recorded.isEmpty() ? EnumSet.noneOf(EventType.class) : EnumSet.copyOf(recorded);
        more.add(type);
        return new Visit(enteredEventId, enteredTime, attempts, retryAt, more, failed);
    }

    Visit withFailure(StatesError error) {
        return new Visit(enteredEventId, enteredTime, attempts, Optional.empty(), recorded, Optional.of(error));
    }

    ObjectNode toNode() {
        ObjectNode node = NODES.objectNode().put("entered", enteredEventId).put("enteredMs", enteredTime.toEpochMilli());
        ArrayNode counts = node.putArray("attempts");
        attempts.forEach(counts::add);
        retryAt.ifPresent(at -> node.put("retryAtMs", at.toEpochMilli()));
        if (!recorded.isEmpty()) {
            ArrayNode types = node.putArray("recorded");
            recorded.forEach(type -> types.add(type.name()));
        }
        failed.ifPresent(e -> node.set("failed", Interpreter.errorDetails(e)));
        return node;
    }

    static Visit from(JsonNode node) {
        List<Integer> attempts = new ArrayList<>();
        node.path("attempts").forEach(n -> attempts.add(n.asInt()));
        Set<EventType> recorded = EnumSet.noneOf(EventType.class);
        node.path("recorded").forEach(n -> recorded.add(EventType.valueOf(n.asText())));
        return new Visit(node.path("entered").asLong(), Instant.ofEpochMilli(node.path("enteredMs").asLong()), attempts,
                node.has("retryAtMs") ? Optional.of(Instant.ofEpochMilli(node.path("retryAtMs").asLong())) : Optional.empty(),
                recorded, node.has("failed") ? Optional.of(error(node.path("failed"))) : Optional.empty());
    }

    /** An error stored as the history's details write it ({@link Interpreter#errorDetails}). */
    static StatesError error(JsonNode node) {
        return new StatesError(node.hasNonNull("error") ? node.path("error").asText() : null,
                node.hasNonNull("cause") ? node.path("cause").asText() : null);
    }
}
