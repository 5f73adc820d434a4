package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The execution row of one STANDARD child of a Map Run: inserted RUNNING when the child starts (so
 * ListExecutions with mapRunArn and DescribeExecution show it), closed with its whole history when it
 * ends. Without a store (EXPRESS parents or children) it does nothing. A child that a resumed parent
 * runs again keeps its row; history events already written are not written twice.
 */
final class ChildRecords {
    private final Optional<ExecutionRepository> store;
    private final MapRun mapRun;
    private final ExecutionRun parent;
    private final ExecutionInfo info;

    ChildRecords(Optional<ExecutionRepository> store, MapRun mapRun, ExecutionRun parent, ExecutionInfo info) {
        this.store = store;
        this.mapRun = mapRun;
        this.parent = parent;
        this.info = info;
    }

    void started(JsonNode input) {
        if (store.isEmpty()) {
            return;
        }
        String definition = store.get().find(parent.info().executionArn()).map(ExecutionRecord::definition)
                .orElse(parent.definition().raw().toString());
        // A child that a resumed parent runs again finds its row there and keeps it.
        store.get().insertIfAbsent(new ExecutionRecord(info.executionArn(), mapRun.stateMachineArn(), info.name(), "RUNNING",
                input.toString(), Optional.empty(), Optional.empty(), Optional.empty(), info.startTime(), Optional.empty(),
                definition, info.roleArn(), Optional.empty(), Optional.empty(), 0, Optional.empty(), Optional.empty(),
                Optional.of(mapRun.arn())), List.of());
    }

    void ended(ExecutionResult result, Instant stop, List<HistoryEvent> events) {
        store.ifPresent(s -> s.close(info.executionArn(), result.status(), Executions.output(result),
                Executions.error(result), Executions.cause(result), stop, events));
    }
}
