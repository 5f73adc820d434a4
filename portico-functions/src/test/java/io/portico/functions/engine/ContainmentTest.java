package io.portico.functions.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A handler that never returns, never blocks and ignores interrupts runs on its environment's own
 * platform thread, and stops at its next loop turn or call once its invocation is given up, whether it
 * spins in its own code or in the JDK's calling back into it.
 */
class ContainmentTest extends RuntimeTesting {

    @ParameterizedTest
    @ValueSource(strings = {"loop", "stream"})
    void spinningHandler_runsOnAPlatformThreadOfItsOwn_andStopsOnceGivenUp(String how) {
        Set<Thread> before = sandboxThreads();
        ExecutionEnvironment spinner = start("example.SpinHandler");
        List<Thread> started = sandboxThreads().stream().filter(t -> !before.contains(t)).toList();
        assertThat(started).singleElement().satisfies(thread -> assertThat(thread.isVirtual()).isFalse());
        Thread sandbox = started.getFirst();

        CompletableFuture<InvocationOutcome> outcome = spinner.submit(request("spin", "{\"how\":\"" + how + "\"}",
                new RecordingLog()));
        await().atMost(Duration.ofSeconds(10)).until(() -> isSpinning(sandbox));
        outcome.cancel(true);

        await().atMost(Duration.ofSeconds(10)).until(() -> !sandbox.isAlive());
    }

    private static Set<Thread> sandboxThreads() {
        return Set.copyOf(Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("lambda-" + Fixtures.FUNCTION_NAME + "-")).toList());
    }

    private static boolean isSpinning(Thread thread) {
        return thread.getState() == Thread.State.RUNNABLE && List.of(thread.getStackTrace()).stream()
                .anyMatch(frame -> frame.getClassName().startsWith("example.SpinHandler"));
    }
}
