package io.portico.server.states;

import static io.portico.server.states.StateMachineApiTest.ROLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * The steps the Step Functions SDK tests take again and again: create a state machine, start it, wait
 * for the execution to end, read its history. It also keeps a pool of virtual threads for the worker's
 * side of a test (an activity worker that claims and answers a task while the test waits on the
 * execution). One per test instance, held with {@code @AutoClose}: closing it stops the workers still
 * waiting for a task.
 */
final class StatesFixture implements AutoCloseable {
    static final String ARN_PREFIX = "arn:aws:states:us-east-1:000000000000:";

    private final SfnClient sfn;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();

    StatesFixture(SfnClient sfn) {
        this.sfn = sfn;
    }

    /** Creates a STANDARD state machine with the test role and returns its ARN. */
    String machine(String name, String definition) {
        return sfn.createStateMachine(b -> b.name(name).definition(definition).roleArn(ROLE)).stateMachineArn();
    }

    /** Starts an execution of {@code machine} without input and returns its ARN. */
    String start(String machine) {
        return sfn.startExecution(b -> b.stateMachineArn(machine)).executionArn();
    }

    /** Starts an execution of {@code machine} on {@code input} and returns its ARN. */
    String start(String machine, String input) {
        return sfn.startExecution(b -> b.stateMachineArn(machine).input(input)).executionArn();
    }

    /** Waits (ten seconds at most) until the execution is no longer RUNNING and describes it. */
    DescribeExecutionResponse awaitEnd(String execution) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() ->
                sfn.describeExecution(b -> b.executionArn(execution)).status() != ExecutionStatus.RUNNING);
        return sfn.describeExecution(b -> b.executionArn(execution));
    }

    /** {@link #awaitEnd(String)}, asserting that the execution ended {@code expected}. */
    DescribeExecutionResponse awaitEnd(String execution, ExecutionStatus expected) {
        DescribeExecutionResponse end = awaitEnd(execution);
        assertThat(end.status()).as(execution).isEqualTo(expected);
        return end;
    }

    List<HistoryEvent> history(String execution) {
        return sfn.getExecutionHistory(b -> b.executionArn(execution)).events();
    }

    /** The first event of {@code type}; fails the test when there is none. */
    static HistoryEvent event(List<HistoryEvent> events, HistoryEventType type) {
        return events.stream().filter(e -> e.type() == type).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " event in " + events));
    }

    /** Threads for the worker's side of a test; {@link #close()} interrupts those still running. */
    ExecutorService workers() {
        return workers;
    }

    @Override
    public void close() throws InterruptedException {
        workers.shutdownNow();
        workers.awaitTermination(5, TimeUnit.SECONDS);
    }
}
