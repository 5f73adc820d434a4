package io.portico.functions.engine.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.portico.functions.engine.Fixtures;
import io.portico.functions.engine.FunctionInitException;
import io.portico.functions.engine.RecordingLog;
import io.portico.functions.engine.VersionSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** An init that never finishes fails at its limit with Lambda's timeout, and its code stops. */
class SandboxTest {

    @Test
    void initThatSpinsPastItsLimit_failsWithSandboxTimedout_andItsThreadEnds() throws Exception {
        VersionSpec spec = Fixtures.spec("example.SpinningInitHandler");
        RecordingLog initLog = new RecordingLog();
        FutureTask<Sandbox> init = new FutureTask<>(() -> Sandbox.initialised(spec, Map.of(), new LogRouter(initLog),
                initLog, HeapGuard.create(90), Duration.ofSeconds(1)));
        Thread.ofVirtual().start(init);

        AtomicReference<Thread> spinning = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            spinning.set(spinningInit().orElse(null));
            return spinning.get() != null;
        });
        ExecutionException thrown = catchThrowableOfType(ExecutionException.class, () -> init.get(10, TimeUnit.SECONDS));

        assertThat(thrown.getCause()).isInstanceOfSatisfying(FunctionInitException.class, failure -> assertThat(
                new String(failure.error().payload(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"errorType\":\"Sandbox.Timedout\",\"errorMessage\":\"Error: Task timed out after 30.00 seconds\"}"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !spinning.get().isAlive());
    }

    /** The sandbox thread running the spinning static initialiser, if any. */
    private static Optional<Thread> spinningInit() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().startsWith("lambda-" + Fixtures.FUNCTION_NAME + "-"))
                .filter(e -> Arrays.stream(e.getValue()).anyMatch(f -> f.getClassName().equals("example.SpinningInitHandler")))
                .map(Map.Entry::getKey).findFirst();
    }
}
