package io.portico.states.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import io.portico.core.tags.TagTable;
import io.portico.states.engine.ExecutionRepository;
import io.portico.states.engine.TaskTokens;
import io.portico.states.engine.TokenLedger;
import io.portico.states.engine.WaitingTask;
import io.portico.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stored waits of Tasks on their tokens: written with a frame's checkpoint, settled once (the first
 * outcome wins, whoever sends it), and gone once the frame moves on or the execution closes.
 */
class TokenStoreTest {
    private static final String EXECUTION = "arn:aws:states:us-east-1:000000000000:execution:m:e";
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final TaskTokens.Completion DONE = new TaskTokens.Completion.Success(TextNode.valueOf("done"));
    private static final TaskTokens.Completion TIMED_OUT = new TaskTokens.Completion.TimedOut("States.Timeout");

    @TempDir
    Path dir;
    private SqliteStore store;
    private ExecutionStore executions;
    private TokenStore ledger;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir);
        TagTable.of(store).migrate();
        store.migrate(StatesSchema.MODULE, StatesSchema.migrations());
        executions = new ExecutionStore(store);
        ledger = new TokenStore(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void checkpointWaiting_storesTheTaskWithTheFramesPosition() {
        WaitingTask task = new WaitingTask("t-1", Optional.of(new WaitingTask.Activity(
                "arn:aws:states:us-east-1:000000000000:activity:review", JsonNodeFactory.instance.objectNode().put("n", 1),
                Optional.empty())), 2, T0, List.of(1, 0), Optional.of(T0.plusSeconds(30)), OptionalLong.of(10),
                T0.plusSeconds(1));
        waiting("/Branch#0", task);

        ExecutionStore.CheckpointRow row = executions.checkpoint(EXECUTION, "/Branch#0").orElseThrow();
        assertThat(row.frame().state()).isEqualTo("Review");
        assertThat(row.task()).contains(task);
        assertThat(executions.checkpoint(EXECUTION, "")).isEmpty();
    }

    @Test
    void settle_theFirstOutcomeWins() {
        waiting("", task("t-1"));

        assertThat(ledger.settle("t-1", DONE)).isTrue();
        assertThat(ledger.settle("t-1", TIMED_OUT)).isFalse();
        assertThat(ledger.find("t-1").flatMap(TokenLedger.Stored::outcome)).contains(DONE);
        assertThat(ledger.beat("t-1", T0.plusSeconds(5))).isFalse();
        assertThat(handOut("t-1", T0.plusSeconds(5), Optional.empty())).isFalse();
    }

    @Test
    void settle_aFailureKeepsItsErrorAndCause_andATimeoutItsError() {
        waiting("", task("t-1"));
        waiting("/Other#0", task("t-2"));
        TaskTokens.Completion failed = new TaskTokens.Completion.Failure("Review.Rejected", null);

        ledger.settle("t-1", failed);
        ledger.settle("t-2", TIMED_OUT);

        assertThat(ledger.find("t-1").flatMap(TokenLedger.Stored::outcome)).contains(failed);
        assertThat(ledger.find("t-2").flatMap(TokenLedger.Stored::outcome)).contains(TIMED_OUT);
    }

    @Test
    void beatAndHandOut_moveTheLastBeat_andAWorkerTakesATaskOnce() {
        waiting("", task("t-1"));

        assertThat(ledger.beat("t-1", T0.plusSeconds(4))).isTrue();
        assertThat(ledger.find("t-1").map(TokenLedger.Stored::lastBeat)).contains(T0.plusSeconds(4));
        assertThat(handOut("t-1", T0.plusSeconds(6), Optional.of("worker"))).isTrue();
        assertThat(handOut("t-1", T0.plusSeconds(7), Optional.of("another"))).isFalse();
        assertThat(ledger.find("t-1").map(TokenLedger.Stored::lastBeat)).contains(T0.plusSeconds(6));
    }

    @Test
    void aFramesNextCheckpoint_andTheExecutionsClose_endItsWait() {
        waiting("", task("t-1"));
        waiting("/Branch#1", task("t-2"));

        executions.checkpoint(EXECUTION, () -> new ExecutionRepository.Batch(List.of(),
                List.of(new ExecutionRepository.FrameRow("", "Next", "{}", "{}", null, null, null))));
        assertThat(ledger.find("t-1")).isEmpty();
        assertThat(ledger.settle("t-1", DONE)).isFalse();
        assertThat(ledger.find("t-2")).isPresent();

        executions.close(EXECUTION, "ABORTED", Optional.empty(), Optional.empty(), Optional.empty(), T0, List.of());
        assertThat(ledger.find("t-2")).isEmpty();
    }

    @Test
    void checkpointWaiting_aRetryReplacesTheFramesEarlierWait() {
        waiting("", task("t-1"));
        ledger.settle("t-1", new TaskTokens.Completion.Failure("Flaky", null));

        waiting("", task("t-2"));

        assertThat(ledger.find("t-1")).isEmpty();
        assertThat(executions.checkpoint(EXECUTION, "").flatMap(ExecutionStore.CheckpointRow::task)
                .map(WaitingTask::token)).contains("t-2");
    }

    private void waiting(String frameKey, WaitingTask task) {
        executions.checkpointWaiting(EXECUTION, () -> new ExecutionRepository.Batch(List.of(),
                List.of(new ExecutionRepository.FrameRow(frameKey, "Review", "{}", "{}", null, null, null))), task,
                Optional.empty());
    }

    private boolean handOut(String token, Instant at, Optional<String> worker) {
        return executions.checkpointHandOut(EXECUTION, token, at, worker,
                () -> new ExecutionRepository.Batch(List.of(), List.of()));
    }

    private static WaitingTask task(String token) {
        return new WaitingTask(token, Optional.empty(), 2, T0, List.of(), Optional.empty(), OptionalLong.empty(), T0);
    }
}
