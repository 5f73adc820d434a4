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
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Warm Invoke of a no-op Java handler ({@code example.EchoHandler}) through the official LambdaClient
 * (Apache HTTP client) over loopback: signing, HTTP, routing, the pooled warm environment, Lambda's
 * serialization and back. Run in sample-time mode for p50/p99 and throughput mode with threads for
 * invokes per second.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LambdaInvokeBenchmark {
    private static final SdkBytes PAYLOAD = SdkBytes.fromUtf8String("{\"id\":1}");
    private LambdaBench bench;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        bench = new LambdaBench();
        bench.deploy("noop", "example.EchoHandler");
        if (invoke().functionError() != null) {
            throw new IllegalStateException("the no-op function failed");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        bench.close();
    }

    @Benchmark
    @BenchmarkMode({Mode.SampleTime, Mode.Throughput})
    public InvokeResponse invoke() {
        return bench.lambda.invoke(b -> b.functionName("noop").payload(PAYLOAD));
    }
}
