package io.portico.states.asl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * A parsed and validated state machine definition. {@code raw} is the definition object as written,
 * kept for DescribeStateMachine and for states that need fields the model does not lift out.
 */
public record Definition(
        StateGraph graph,
        Optional<String> comment,
        Optional<String> version,
        Optional<Long> timeoutSeconds,
        ObjectNode raw) {

    public QueryLanguage queryLanguage() {
        return graph.queryLanguage();
    }
}
