package io.portico.states.engine;

import java.util.Optional;

/**
 * Resolves a Task state's {@code Resource} to what runs it. Service modules contribute resources
 * (Lambda functions, activities, nested executions); the server wires them together. An unresolved
 * resource makes the Task fail with {@code States.TaskFailed} naming what is missing.
 */
@FunctionalInterface
public interface TaskResources {

    Optional<TaskResource> resolve(String resource);

    TaskResources NONE = resource -> Optional.empty();

    /** This resolver, then {@code other} for what this one does not know. */
    default TaskResources orElse(TaskResources other) {
        return resource -> resolve(resource).or(() -> other.resolve(resource));
    }
}
