package io.portico.functions.engine.process;

import static io.portico.functions.engine.process.Functions.bashBootstrap;
import static io.portico.functions.engine.process.Functions.provided;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.portico.core.time.ManualClock;
import io.portico.core.time.Timers;
import io.portico.functions.engine.FunctionLogs;
import io.portico.functions.engine.InvokeOptions;
import io.portico.functions.engine.InvokeResult;
import io.portico.functions.engine.Invoker;
import io.portico.functions.engine.VersionSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An idle worker process is ended when the invoker reclaims its environment; the next call starts another. */
class IdleWorkersTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final ManualClock clock = ManualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
    private final Timers timers = Timers.create(clock, "idle-workers-test");
    private ProcessRuntime runtime;
    private Invoker invoker;
    private VersionSpec spec;

    @BeforeEach
    void start(@TempDir Path temp) {
        runtime = ProcessRuntime.create();
        invoker = new Invoker(List.of(runtime), new FunctionLogs(), timers, TIMEOUT);
        spec = provided("echo", bashBootstrap(temp.resolve("code")), "echo");
    }

    @AfterEach
    void close() {
        invoker.close();
        timers.close();
        runtime.close();
    }

    @Test
    void reclaimIdle_endsTheIdleWorkerProcess_andTheNextInvocationColdStarts() throws Exception {
        Set<Long> before = childPids();
        InvokeResult cold = invoke("1");
        List<ProcessHandle> workers = ProcessHandle.current().children().filter(p -> !before.contains(p.pid())).toList();
        assertThat(workers).hasSize(1);
        assertThat(cold.log()).contains("Init Duration: ");

        clock.advance(TIMEOUT.minusSeconds(1));
        assertThat(invoker.reclaimIdle()).isZero();
        assertThat(invoke("2").log()).doesNotContain("Init Duration");

        clock.advance(TIMEOUT);
        invoker.reclaimIdle(); // or the invoker's background sweep, driven by the same clock
        await().until(() -> invoker.environmentCount() == 0 && runtime.environmentCount() == 0);
        workers.get(0).onExit().get(10, TimeUnit.SECONDS); // killed, not merely forgotten

        InvokeResult again = invoke("3");
        assertThat(again.log()).startsWith("init stdout echo\n").contains("Init Duration: ");
        assertThat(new String(again.payload(), StandardCharsets.UTF_8)).isEqualTo("3");
        assertThat(runtime.environmentCount()).isEqualTo(1);
    }

    private InvokeResult invoke(String payload) throws InterruptedException {
        return invoker.invoke(spec, "revision-1", payload.getBytes(StandardCharsets.UTF_8),
                InvokeOptions.of(UUID.randomUUID().toString(), spec.qualifiedArn()), 10);
    }

    private static Set<Long> childPids() {
        return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
    }
}
