package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.portico.states.asl.QueryLanguage;
import io.portico.states.asl.State;
import io.portico.states.asl.StatesError;
import java.util.Optional;

/**
 * The Parallel state: every branch gets the state's effective input and runs in a frame of its own;
 * the output is the array of branch outputs in branch order. The first failing branch fails the state
 * with that branch's error and cancels the others, as AWS does.
 */
final class ParallelRunner {
    private final Interpreter interpreter;

    ParallelRunner(Interpreter interpreter) {
        this.interpreter = interpreter;
    }

    Interpreter.Step run(State.Parallel parallel, StateVisit visit) {
        JsonNode input = parallel.queryLanguage() == QueryLanguage.JSONATA
                ? StateIo.arguments(visit) : StateIo.effectiveInput(visit);
        Frame frame = visit.frame();
        frame.recordOnce(EventType.ParallelStateStarted, () -> null);
        // Every branch at once: a definition lists its branches, so their number is already bounded.
        Branches branches = new Branches(frame.run(), parallel.branches().size(), Math.max(1, parallel.branches().size()), i -> {
            Frame child = frame.branch(visit.childKey(parallel.name() + "#" + i), frame.variables().child(),
                    Optional.empty());
            return interpreter.runGraph(parallel.branches().get(i), input, child);
        });
        Branches.Outcome outcome = branches.run(0);
        for (StatesError failure : outcome.failures()) {
            if (failure != null) {
                throw failure;
            }
        }
        ArrayNode results = JsonNodeFactory.instance.arrayNode(outcome.results().length);
        for (JsonNode result : outcome.results()) {
            results.add(result);
        }
        frame.recordOnce(EventType.ParallelStateSucceeded, () -> null);
        return new Interpreter.Step(parallel.transition().next(),
                StateIo.output(visit, results, Optional.empty(), Optional.empty()));
    }
}
