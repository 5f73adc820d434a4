package io.portico.benchmarks;

import io.portico.core.time.Timers;
import io.portico.states.engine.Checkpointer;
import io.portico.states.engine.ExecutionResult;
import io.portico.states.engine.ExecutionRun;
import io.portico.states.engine.Interpreter;
import io.portico.states.engine.MemoryJournal;
import io.portico.states.engine.TaskResources;
import io.portico.states.engine.TaskTokens;
import io.portico.states.engine.ExecutionWaits;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * EXPRESS executions run in-process through the interpreter, as StartSyncExecution runs them, minus
 * HTTP: executions per second. Multiply by the workload's transitions per execution (printed at
 * setup) for transitions per second; {@code benchmarks/run-states.sh} does that.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ExpressTransitionsBenchmark {
    @Param({"pass-choice-10", "map-1000"})
    public String workload;

    private Workloads w;
    private Interpreter interpreter;
    private Timers timers;
    private final Clock clock = Clock.systemUTC();

    @Setup(Level.Trial)
    public void setUp() {
        timers = Timers.create(clock, "benchmark");
        interpreter = new Interpreter(clock, TaskResources.NONE, new TaskTokens(timers), ExecutionWaits.on(timers));
        w = Workloads.load(workload);
        System.out.println("# transitions-per-execution " + workload + " " + w.transitionsPerExecution(interpreter));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        timers.close();
    }

    @Benchmark
    public ExecutionResult execution() {
        return interpreter.run(new ExecutionRun(w.info("e"), w.definition(), MemoryJournal.counting(clock), Checkpointer.NONE));
    }
}
