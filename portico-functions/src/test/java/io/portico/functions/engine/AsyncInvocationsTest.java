package io.portico.functions.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.portico.store.sqlite.SqliteStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The asynchronous queue over a real store and the in-process Java runtime: an accepted event runs
 * even when Portico itself fails on the first tries (here: its endpoint is not yet known, as at
 * start-up before the server listened), rather than staying claimed for the lease's 16 minutes.
 */
class AsyncInvocationsTest {
    @TempDir
    Path dir;

    private SqliteStore store;
    private Functions functions;
    private AsyncInvocations async;

    @AfterEach
    void close() {
        if (async != null) {
            async.close();
            async = null;
        }
        if (functions != null) {
            functions.close();
            functions = null;
        }
        if (store != null) {
            store.close();
            store = null;
        }
    }

    @Test
    void eventQueuedBeforeARestartRunsOnceThePlatformFailureHasPassed() throws IOException {
        open(() -> URI.create("http://127.0.0.1:4566"));
        FunctionRef ref = createCounter();
        async.enqueue(ref, "{}".getBytes()); // accepted, not run: the queue's poller has not started
        close();

        AtomicInteger endpointCalls = new AtomicInteger();
        open(() -> {
            if (endpointCalls.incrementAndGet() <= 2) {
                throw new IllegalStateException("not started");
            }
            return URI.create("http://127.0.0.1:4566");
        });
        async.start();

        await().atMost(Duration.ofSeconds(20)).until(() -> !functions.logs().entries(ref.arn()).isEmpty());
        assertThat(endpointCalls.get()).isGreaterThan(2);
        assertThat(functions.logs().entries(ref.arn())).hasSize(1);
    }

    private void open(Supplier<URI> endpoint) {
        store = SqliteStore.open(dir.resolve("data"));
        functions = new Functions(store, dir.resolve("data"), List.of(JavaRuntime.create(Clock.systemUTC())),
                Clock.systemUTC(), endpoint);
        functions.start();
        async = new AsyncInvocations(functions, store, Destinations.NONE, Duration.ofMillis(100));
    }

    private FunctionRef createCounter() throws IOException {
        byte[] zip = Files.readAllBytes(Fixtures.directory().resolve("portico-functions-fixtures-lambda.zip"));
        FunctionSettings settings = new FunctionSettings("java21", "example.CounterHandler::handleRequest",
                "arn:aws:iam::" + Fixtures.ACCOUNT + ":role/test", "", 10, 512, Map.of(), Optional.empty(),
                List.of("x86_64"), 512, "PassThrough");
        FunctionVersion created = functions.create(new NewFunction(Fixtures.ACCOUNT, Fixtures.REGION, "counter",
                settings, zip, false, Map.of()));
        FunctionRef ref = new FunctionRef(Fixtures.ACCOUNT, Fixtures.REGION, "counter", Optional.empty());
        await().atMost(Duration.ofSeconds(20)).until(() -> functions.get(ref).state().ready());
        assertThat(created.functionArn()).isEqualTo(ref.arn());
        return ref;
    }
}
