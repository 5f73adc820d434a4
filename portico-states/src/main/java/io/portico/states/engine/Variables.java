package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.states.asl.VariableScope;
import java.util.Map;
import java.util.Optional;

/**
 * The workflow variables of one scope: the execution's top level, or one Parallel branch or Map
 * iteration. A scope reads its own variables first, then its enclosing scopes'; Assign always writes
 * to the scope of the state that assigns, so a branch never changes what its parent sees (AWS's rule:
 * child scopes are isolated and their variables vanish when the branch ends).
 *
 * <p>Assign is all-at-once: every right-hand side is evaluated against the variables as they were
 * when the state started, then all are stored, which {@link #assignAll} does in one step.
 * Not thread safe; each scope belongs to one running branch.
 */
public final class Variables implements VariableScope {
    private final VariableScope parent;
    private ObjectNode own;

    private Variables(VariableScope parent, ObjectNode own) {
        this.parent = parent;
        this.own = own;
    }

    public static Variables root() {
        return new Variables(VariableScope.EMPTY, JsonNodeFactory.instance.objectNode());
    }

    public static Variables restored(VariableScope parent, ObjectNode own) {
        return new Variables(parent, own.deepCopy());
    }

    public Variables child() {
        return new Variables(this, JsonNodeFactory.instance.objectNode());
    }

    @Override
    public Optional<JsonNode> get(String name) {
        JsonNode value = own.get(name);
        return value != null ? Optional.of(value) : parent.get(name);
    }

    public void assignAll(ObjectNode values) {
        if (values.isEmpty()) {
            return;
        }
        // Copy-on-write: checkpoints and Map iterations may still hold the previous object.
        ObjectNode next = own.deepCopy();
        for (Map.Entry<String, JsonNode> e : values.properties()) {
            next.set(e.getKey(), e.getValue());
        }
        own = next;
    }

    /** This scope's own variables (not its parents'), for checkpoints. */
    public ObjectNode own() {
        return own;
    }
}
