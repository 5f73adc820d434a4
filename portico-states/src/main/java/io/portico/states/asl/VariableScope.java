package io.portico.states.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The workflow variables (Assign) visible to a state. Inner scopes (Parallel branches, Map iterations)
 * see the variables of enclosing scopes read-only. Implementations are supplied by the interpreter.
 */
public interface VariableScope {

    Optional<JsonNode> get(String name);

    VariableScope EMPTY = name -> Optional.empty();
}
