package io.portico.states.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.store.StoreException;
import io.portico.states.asl.parse.DefinitionParser;
import io.portico.states.asl.parse.MachineType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Regression: StopExecution interrupts the execution's threads wherever they are. When the interrupt
 * landed inside a store call (a checkpoint waiting for its group commit), the store's failure escaped
 * the interpreter, the execution was never closed and stayed RUNNING although StopExecution had
 * answered. A stopped execution now records its stop whatever the interrupted call threw.
 */
class StopDuringStoreCallTest {
    private static final Clock CLOCK = Clock.systemUTC();

    @Test
    void stop_whileACheckpointWaitsForTheStore_endsAborted() throws Exception {
        BlockingStore store = new BlockingStore(1);
        ExecutionRun run = run("""
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "End": true}}}""",
                store);

        ExecutionResult result = stopWhenBlocked(run, store);

        assertThat(result).isEqualTo(new ExecutionResult.Aborted("Operator", "no longer needed"));
        List<HistoryEvent> events = ((MemoryJournal) run.journal()).events();
        assertThat(events.get(events.size() - 1).type()).isEqualTo(EventType.ExecutionAborted);
    }

    @Test
    void stop_whileParallelBranchesWaitForTheStore_endsAborted() throws Exception {
        BlockingStore store = new BlockingStore(2);
        ExecutionRun run = run("""
                {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true, "Branches": [
                  {"StartAt": "L1", "States": {"L1": {"Type": "Pass", "Next": "L2"}, "L2": {"Type": "Pass", "End": true}}},
                  {"StartAt": "R1", "States": {"R1": {"Type": "Pass", "Next": "R2"}, "R2": {"Type": "Pass", "End": true}}}]}}}""",
                store);

        ExecutionResult result = stopWhenBlocked(run, store);

        assertThat(result).isInstanceOf(ExecutionResult.Aborted.class);
        assertThat(store.escaped.get()).as("branch threads that died of the store failure").isZero();
    }

    /**
     * Without a stop, a store failure is Portico's own: the execution ends FAILED with States.Runtime
     * (issue 8) rather than the failure escaping the thread and leaving the execution RUNNING.
     */
    @Test
    void storeFailureWithoutAStop_endsTheExecutionFailed() {
        Checkpointer failing = new BlockingStore(0) {
            @Override
            public void moved(String frameKey, Supplier<FrameCheckpoint> position) {
                throw new StoreException("disk full", null);
            }
        };
        ExecutionRun run = run("""
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "End": true}}}""",
                failing);
        Interpreter interpreter = new Interpreter(CLOCK, TaskResources.NONE, EngineTimers.tokens(), EngineTimers.waiting());
        assertThat(interpreter.run(run)).isInstanceOfSatisfying(ExecutionResult.Failed.class, failed -> {
            assertThat(failed.error()).isEqualTo("States.Runtime");
            assertThat(failed.cause()).startsWith("Portico failed internally while running the execution (incident ")
                    .doesNotContain("disk full");
        });
        List<HistoryEvent> events = ((MemoryJournal) run.journal()).events();
        assertThat(events.getLast().type()).isEqualTo(EventType.ExecutionFailed);
    }

    private static ExecutionResult stopWhenBlocked(ExecutionRun run, BlockingStore store) throws Exception {
        Interpreter interpreter = new Interpreter(CLOCK, TaskResources.NONE, EngineTimers.tokens(), EngineTimers.waiting());
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<ExecutionResult> result = CompletableFuture.supplyAsync(() -> interpreter.run(run), threads);
            assertThat(store.blocked.await(5, TimeUnit.SECONDS)).isTrue();
            run.stop(new ExecutionResult.Aborted("Operator", "no longer needed"));
            return result.get(5, TimeUnit.SECONDS);
        }
    }

    private static ExecutionRun run(String definition, Checkpointer checkpointer) {
        ExecutionInfo info = new ExecutionInfo("arn:aws:states:us-east-1:000000000000:execution:m:e", "e",
                "arn:aws:states:us-east-1:000000000000:stateMachine:m", "m", "arn:aws:iam::000000000000:role/r",
                Instant.now(), JsonNodeFactory.instance.objectNode(), 0);
        return new ExecutionRun(info, DefinitionParser.parse(definition, MachineType.STANDARD),
                MemoryJournal.keeping(CLOCK), checkpointer);
    }

    /**
     * A store whose checkpoints wait for a commit that never comes, and fail as the SQLite store does
     * when the waiting thread is interrupted.
     */
    private static class BlockingStore extends Checkpointer.Discarding {
        final CountDownLatch blocked;
        final AtomicInteger escaped = new AtomicInteger();

        BlockingStore(int waiters) {
            this.blocked = new CountDownLatch(waiters);
        }

        @Override
        public void moved(String frameKey, Supplier<FrameCheckpoint> position) {
            blocked.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                // counts the failure if it kills the thread instead of being handled
                Thread.currentThread().setUncaughtExceptionHandler((t, ex) -> escaped.incrementAndGet());
                throw new StoreException("interrupted waiting for a write to commit", e);
            }
        }
    }
}
