package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Watches the intermediate values of a state's input and output processing (after InputPath, after
 * Parameters or Arguments, the raw result, after ResultSelector, after ResultPath). TestState uses it
 * to fill {@code inspectionData}; ordinary executions use {@link #NONE}, which costs one virtual call
 * per step.
 *
 * <p>Implementations must be thread safe: Parallel branches and Map iterations of the same run call it
 * from their own threads (and should ignore visits they are not interested in).
 */
@FunctionalInterface
interface Inspector {

    /** {@code field} is the TestState inspectionData member name, e.g. {@code afterInputPath}. */
    void record(StateVisit visit, String field, JsonNode value);

    Inspector NONE = (visit, field, value) -> {
    };
}
