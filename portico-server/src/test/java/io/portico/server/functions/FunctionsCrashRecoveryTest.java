package io.portico.server.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.portico.server.testing.PorticoProcess;
import io.portico.server.testing.TestFunctions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.model.State;

/**
 * Kills a real Portico process with SIGKILL and shows that what Lambda acknowledged survives: a
 * created function (its code too) and every accepted Event invocation, which runs after the restart
 * (at least once, as Lambda's asynchronous invocation promises).
 */
class FunctionsCrashRecoveryTest {
    private static final byte[] SCRIPTED = TestFunctions.bootstrapZip("/functions/scripted/bootstrap");
    private static final int EVENTS = 20;

    @TempDir
    Path dir;

    @Test
    void kill9_afterAcknowledgedCreate_functionAndItsCodeSurvive() {
        try (PorticoProcess portico = PorticoProcess.start(dir.resolve("data"))) {
            LambdaClient lambda = portico.clients().lambda();
            lambda.createFunction(b -> b.functionName("created").runtime(Runtime.PROVIDED_AL2023).handler("bootstrap")
                    .role(TestFunctions.ROLE).code(c -> c.zipFile(SdkBytes.fromByteArray(SCRIPTED)))
                    .environment(e -> e.variables(Map.of("MODE", "echo"))));

            portico.kill9();
            LambdaClient restarted = portico.restart().clients().lambda();

            restarted.waiter().waitUntilFunctionActiveV2(b -> b.functionName("created"));
            assertThat(restarted.invoke(b -> b.functionName("created")
                    .payload(SdkBytes.fromUtf8String("{\"n\": 1}"))).payload().asUtf8String()).isEqualTo("{\"n\": 1}");
        }
    }

    @Test
    void kill9_afterAcknowledgedCreateAndEvents_functionAndEveryEventSurvive() throws Exception {
        Path record = dir.resolve("record.jsonl");
        try (PorticoProcess portico = PorticoProcess.start(dir.resolve("data"))) {
            LambdaClient lambda = portico.clients().lambda();
            lambda.createFunction(b -> b.functionName("durable").runtime(Runtime.PROVIDED_AL2023).handler("bootstrap")
                    .role(TestFunctions.ROLE).code(c -> c.zipFile(SdkBytes.fromByteArray(SCRIPTED)))
                    .timeout(5).environment(e -> e.variables(Map.of("MODE", "sleep-record", "RECORD_FILE",
                            record.toString()))));
            lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName("durable"));
            for (int i = 0; i < EVENTS; i++) {
                int n = i;
                assertThat(lambda.invoke(b -> b.functionName("durable").invocationType(InvocationType.EVENT)
                        .payload(SdkBytes.fromUtf8String("{\"n\": " + n + ", \"ms\": 200}"))).statusCode()).isEqualTo(202);
            }

            portico.kill9();
            LambdaClient restarted = portico.restart().clients().lambda();

            assertThat(restarted.getFunction(b -> b.functionName("durable")).configuration().state())
                    .isEqualTo(State.ACTIVE);
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> recorded(record).size() == EVENTS);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("events recorded: " + recorded(record) + "\nserver log:\n" + portico.output(), e);
            }
            assertThat(restarted.invoke(b -> b.functionName("durable")
                    .payload(SdkBytes.fromUtf8String("{\"n\": 99}"))).functionError()).isNull();
        }
    }

    private static Set<Integer> recorded(Path file) throws Exception {
        Set<Integer> seen = new TreeSet<>();
        if (Files.exists(file)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (String line : lines) {
                String n = line.replaceAll(".*\"n\": (\\d+).*", "$1");
                if (n.matches("\\d+")) {
                    seen.add(Integer.parseInt(n));
                }
            }
        }
        seen.remove(99);
        return seen;
    }
}
