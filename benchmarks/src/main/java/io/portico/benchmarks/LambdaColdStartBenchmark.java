package io.portico.benchmarks;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Cold start: before each measured Invoke the function's configuration changes (a new environment
 * variable), so the invoke must start a new execution environment (class loader, Lambda's
 * serialization, static initialisation) as Lambda does after an update.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class LambdaColdStartBenchmark {
    private final AtomicInteger generation = new AtomicInteger();
    private LambdaBench bench;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        bench = new LambdaBench();
        bench.deploy("cold", "example.EchoHandler");
    }

    @Setup(Level.Invocation)
    public void newEnvironment() {
        bench.lambda.updateFunctionConfiguration(b -> b.functionName("cold")
                .environment(e -> e.variables(Map.of("GENERATION", Integer.toString(generation.incrementAndGet())))));
        bench.lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("cold"));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        bench.close();
    }

    @Benchmark
    public InvokeResponse coldInvoke() {
        return bench.lambda.invoke(b -> b.functionName("cold").payload(SdkBytes.fromUtf8String("{}")));
    }
}
