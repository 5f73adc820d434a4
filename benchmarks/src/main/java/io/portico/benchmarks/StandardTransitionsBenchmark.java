package io.portico.benchmarks;

import io.portico.core.time.Timers;
import io.portico.states.asl.parse.MachineType;
import io.portico.states.engine.ExecutionRecord;
import io.portico.states.engine.Executions;
import io.portico.states.engine.StateMachines;
import io.portico.states.engine.StepFunctions;
import io.portico.states.engine.TaskResources;
import io.portico.states.store.StatesStores;
import io.portico.store.sqlite.SqliteStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
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

/**
 * Durable STANDARD executions on the embedded SQLite store: each operation is StartExecution of the
 * 10-state workload and a wait for its end, with every transition committed (fsynced, group commit)
 * before the next state runs. Run it with many threads ({@code -t 64}): group commit turns concurrent
 * executions into shared fsyncs, which is how a busy server uses it. Transitions/s = ops/s x 10.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StandardTransitionsBenchmark {
    private Path dataDir;
    private SqliteStore store;
    private Timers timers;
    private StepFunctions engine;
    private String machineArn;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Workloads w = Workloads.load("pass-choice-10");
        dataDir = Files.createTempDirectory(Path.of(System.getProperty("portico.bench.dir", "/tmp")), "portico-bench");
        store = SqliteStore.open(dataDir);
        timers = Timers.create(Clock.systemUTC(), "benchmark");
        engine = StepFunctions.create(StatesStores.over(store, Clock.systemUTC()), timers,
                TaskResources.NONE);
        engine.start();
        machineArn = engine.machines().create(new StateMachines.CreateRequest("000000000000", "us-east-1", "bench",
                w.definitionText(), "arn:aws:iam::000000000000:role/bench", MachineType.STANDARD, Optional.empty(),
                Optional.empty(), false, Optional.empty(), Map.of())).arn();
        String input = w.input().toString();
        ExecutionRecord check = run(input);
        if (!check.status().equals("SUCCEEDED") || !check.output().orElseThrow().equals(w.expected().toString())) {
            throw new IllegalStateException("unexpected result " + check);
        }
        this.input = input;
    }

    private String input;

    @Benchmark
    public ExecutionRecord execution() {
        return run(input);
    }

    private ExecutionRecord run(String in) {
        try {
            Executions.Started started = engine.executions().start(new Executions.StartRequest(machineArn,
                    Optional.empty(), Optional.of(in), Optional.empty()));
            return engine.executions().awaitEnd(started.executionArn());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        engine.close();
        timers.close();
        store.close();
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
