package io.portico.benchmarks;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;

/**
 * Lambda-task state transitions in an EXPRESS machine: StartSyncExecution of 5 chained
 * {@code arn:aws:states:::lambda:invoke} Tasks on a warm Java handler. Transitions per second are
 * 5 x the score (ops/s).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LambdaTaskBenchmark {
    static final int TASKS = 5;
    private LambdaBench bench;
    private String machine;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        bench = new LambdaBench();
        bench.deploy("step", "example.EchoHandler");
        StringBuilder states = new StringBuilder();
        for (int i = 1; i <= TASKS; i++) {
            states.append(i > 1 ? "," : "").append("\"T").append(i).append("\":{\"Type\":\"Task\",")
                    .append("\"Resource\":\"arn:aws:states:::lambda:invoke\",\"Parameters\":{\"FunctionName\":\"step\",")
                    .append("\"Payload.$\":\"$\"},\"OutputPath\":\"$.Payload\",")
                    .append(i < TASKS ? "\"Next\":\"T" + (i + 1) + "\"}" : "\"End\":true}");
        }
        String definition = "{\"StartAt\":\"T1\",\"States\":{" + states + "}}";
        machine = bench.sfn.createStateMachine(b -> b.name("lambda-tasks").definition(definition)
                .roleArn("arn:aws:iam::000000000000:role/bench").type(StateMachineType.EXPRESS)).stateMachineArn();
        if (execution().status() != SyncExecutionStatus.SUCCEEDED) {
            throw new IllegalStateException("the Lambda-task machine failed");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        bench.close();
    }

    @Benchmark
    public StartSyncExecutionResponse execution() {
        return bench.sfn.startSyncExecution(b -> b.stateMachineArn(machine).input("{\"n\":1}"));
    }
}
