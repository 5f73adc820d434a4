package io.portico.states.asl;

import java.util.Map;

/**
 * A set of states with a start: the top level of a definition, a Parallel branch, or a Map's
 * ItemProcessor. {@code states} keeps definition order. {@code queryLanguage} is the graph's default
 * (inherited from the definition's top level, as AWS does for branches and processors).
 */
public record StateGraph(String startAt, Map<String, State> states, QueryLanguage queryLanguage) {

    public State state(String name) {
        return states.get(name);
    }
}
