package io.portico.server.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.portico.server.testing.FunctionFixtures;
import io.portico.server.testing.PorticoClients;
import io.portico.server.testing.PorticoTest;
import io.portico.server.testing.TestFunctions;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * Regression (issue 8): a Java handler that busy-loops froze the whole server. Its invocation timed
 * out, but the handler kept spinning on the virtual thread it ran on, which held a carrier; a second
 * one held the other carrier of a 2-core machine, and nothing else ran: not the timeout of the next
 * call, not {@code /_portico/health}. Now handlers run on platform threads of their own and the
 * function's code stops at its next loop or call once its environment is discarded.
 */
@PorticoTest
class SpinningHandlerTest {
    /** Far above what any answer here takes, so that only a stalled server trips it. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final PorticoClients clients;

    SpinningHandlerTest(PorticoClients clients) {
        this.clients = clients;
    }

    @Test
    void spinningHandlers_onEveryCoreAndOneMore_timeOut_andTheServerStillAnswers() throws Exception {
        int spinners = java.lang.Runtime.getRuntime().availableProcessors() + 1;
        try (LambdaClient lambda = clients.create(LambdaClient.builder()
                .overrideConfiguration(c -> c.apiCallTimeout(PATIENCE)));
                ExecutorService callers = Executors.newFixedThreadPool(spinners)) {
            deploy(lambda, "spinner", "example.SpinHandler", 1);
            deploy(lambda, "echo", "example.EchoHandler", 30);

            List<Future<InvokeResponse>> spinning = new ArrayList<>();
            for (int i = 0; i < spinners; i++) {
                String how = i % 2 == 0 ? "loop" : "stream"; // in its own code, and inside the JDK's
                spinning.add(callers.submit(() -> invoke(lambda, "spinner", "{\"how\":\"" + how + "\"}")));
            }
            for (Future<InvokeResponse> call : spinning) {
                InvokeResponse timedOut = call.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                assertThat(timedOut.functionError()).isEqualTo("Unhandled");
                assertThat(timedOut.payload().asUtf8String()).contains("\"errorType\":\"Sandbox.Timedout\"")
                        .contains("Task timed out after 1.00 seconds");
            }

            assertThat(health().statusCode()).isEqualTo(200);
            InvokeResponse echoed = invoke(lambda, "echo", "{\"still\":\"here\"}");
            assertThat(echoed.functionError()).isNull();
            assertThat(echoed.payload().asUtf8String()).isEqualTo("{\"still\":\"here\"}");
        }
        // The discarded environments' code does not spin on in the background either.
        await().atMost(PATIENCE).until(() -> threadsNamed("lambda-spinner").isEmpty());
    }

    private static void deploy(LambdaClient lambda, String name, String handler, int timeoutSeconds) {
        lambda.createFunction(b -> b.functionName(name).runtime(Runtime.JAVA21).handler(handler)
                .role(TestFunctions.ROLE).timeout(timeoutSeconds)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(FunctionFixtures.lambdaZipBytes()))));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
    }

    private static InvokeResponse invoke(LambdaClient lambda, String name, String payload) {
        return lambda.invoke(b -> b.functionName(name).payload(SdkBytes.fromUtf8String(payload)));
    }

    private HttpResponse<String> health() throws Exception {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(PATIENCE).build()) {
            return http.send(HttpRequest.newBuilder(clients.endpoint().resolve("/_portico/health")).timeout(PATIENCE)
                    .build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static List<Thread> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix)).toList();
    }
}
