package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * What TestState's {@code mock} stands in for the state's own work: a result (the Task's service
 * response, or the array a Map or Parallel state would have produced) or an error it raised.
 */
public sealed interface TestMock {

    /** The state's work returned {@code value}. */
    record Result(JsonNode value) implements TestMock {
    }

    /** The state's work failed with {@code error} (and, when given, {@code cause}). */
    record Failure(String error, Optional<String> cause) implements TestMock {
    }
}
