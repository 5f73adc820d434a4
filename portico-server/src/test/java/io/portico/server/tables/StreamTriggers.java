package io.portico.server.tables;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import io.portico.core.json.Json;
import io.portico.core.time.ManualClock;
import io.portico.server.testing.FunctionFixtures;
import io.portico.server.testing.TestFunctions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** What the stream-to-function tests share: a fixture function that writes to a file, and reading it back. */
final class StreamTriggers {
    private StreamTriggers() {
    }

    /** Deploys the fixture {@code handler} as Java function {@code name}, told to write to {@code file}. */
    static void deploy(LambdaClient lambda, String name, String handler, Path file) {
        lambda.createFunction(b -> b.functionName(name).runtime(Runtime.JAVA21).role(TestFunctions.ROLE)
                .handler(handler).environment(e -> e.variables(Map.of("RECORD_TO", file.toString())))
                .code(c -> c.zipFile(SdkBytes.fromByteArray(FunctionFixtures.lambdaZipBytes()))));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
    }

    /** Every record of every event {@code example.EventRecorderHandler} wrote to {@code received}, in order. */
    static List<JsonNode> records(Path received) throws IOException {
        List<JsonNode> records = new ArrayList<>();
        if (!Files.exists(received)) {
            return records;
        }
        try (MappingIterator<JsonNode> events = Json.mapper().readerFor(JsonNode.class).readValues(received.toFile())) {
            while (events.hasNext()) {
                events.next().path("Records").forEach(records::add);
            }
        }
        return records;
    }

    /** Waits for {@code condition}, moving {@code clock} on a second per check so the poller's wake-ups come due. */
    static void awaitTicking(ManualClock clock, Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            clock.advance(Duration.ofSeconds(1));
            return condition.call();
        });
    }
}
