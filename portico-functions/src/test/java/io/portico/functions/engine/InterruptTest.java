package io.portico.functions.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Interrupting the invoking thread (the invoker's timeout, a shutdown) ends the invocation with
 * InterruptedException at once, and the environment serves the next one in a fresh sandbox.
 */
class InterruptTest extends RuntimeTesting {

    @Test
    void interruptedInvocation_endsWithInterruptedException_andTheEnvironmentStillWorks() throws Exception {
        ExecutionEnvironment sleeper = start("example.SleepHandler");
        FutureTask<InvocationOutcome> invocation = new FutureTask<>(
                () -> sleeper.invoke(request("long", "{\"ms\":600000}", new RecordingLog())));
        Thread thread = new Thread(invocation, "invocation");
        thread.start();
        // The handler sleeps on its environment's own thread; the invoking thread waits for its outcome.
        await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().startsWith("lambda-" + Fixtures.FUNCTION_NAME) && t.getState() == Thread.State.TIMED_WAITING));

        thread.interrupt();

        ExecutionException thrown = org.assertj.core.api.Assertions.catchThrowableOfType(ExecutionException.class,
                () -> invocation.get(10, TimeUnit.SECONDS));
        assertThat(thrown.getCause()).isInstanceOf(InterruptedException.class);
        assertThat(response(invoke(sleeper, "{\"ms\":1}"))).isEqualTo("\"slept 1 ms\"");
    }
}
