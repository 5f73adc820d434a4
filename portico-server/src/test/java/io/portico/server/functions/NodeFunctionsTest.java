package io.portico.server.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.server.testing.PorticoClients;
import io.portico.server.testing.PorticoTest;
import io.portico.server.testing.TestFunctions;
import io.portico.core.json.Json;
import io.portico.testing.Prerequisites;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * Node.js functions through the official {@code LambdaClient}: a CommonJS and an ES module handler, a
 * callback handler, an uncaught error with the Node.js runtime's payload, a handler that cannot be loaded,
 * and the function's log in Lambda's format. Runs on the machine's {@code node} ({@code nodejs18.x} runs
 * on any Node.js from 18 on).
 */
@PorticoTest
class NodeFunctionsTest {
    private final PorticoClients clients;

    NodeFunctionsTest(PorticoClients clients) {
        this.clients = clients;
    }

    @BeforeAll
    static void nodeIsThere() {
        Prerequisites.fromEnvironment().require(TestFunctions.onPath("node"),
                "Node.js 18 or newer as node on the PATH (apt-get install nodejs; .ci/run installs it)");
    }

    @Test
    void commonJsHandler_answers_andLogsInLambdasFormat() {
        try (LambdaClient lambda = clients.lambda()) {
            deploy(lambda, "node-cjs", "index.handler", Map.of("index.js", """
                    exports.handler = async (event, context) => {
                      console.log("got", JSON.stringify(event));
                      return { greeting: `hello ${event.name}`, fn: context.functionName };
                    };
                    """));

            InvokeResponse response = lambda.invoke(b -> b.functionName("node-cjs").logType(LogType.TAIL)
                    .payload(SdkBytes.fromUtf8String("{\"name\":\"bff\"}")));

            assertThat(response.functionError()).isNull();
            assertThat(response.payload().asUtf8String()).isEqualTo("{\"greeting\":\"hello bff\",\"fn\":\"node-cjs\"}");
            String requestId = response.responseMetadata().requestId();
            assertThat(log(response)).contains("START RequestId: " + requestId + " Version: $LATEST\n")
                    .containsPattern("Z\t" + requestId + "\tINFO\tgot \\{\"name\":\"bff\"}\n")
                    .contains("END RequestId: " + requestId + "\n").contains("REPORT RequestId: " + requestId);
        }
    }

    @Test
    void jsonLogFormat_fromTheLoggingConfig_writesJsonRecords_filteredByTheApplicationLevel() {
        try (LambdaClient lambda = clients.lambda()) {
            deploy(lambda, "node-json-logs", "index.handler", Map.of("index.js", """
                    exports.handler = async () => { console.debug("hidden"); console.warn("shown %d", 1); return 1; };
                    """));
            lambda.updateFunctionConfiguration(b -> b.functionName("node-json-logs")
                    .loggingConfig(l -> l.logFormat("JSON").applicationLogLevel("WARN")));
            lambda.waiter().waitUntilFunctionUpdatedV2(b -> b.functionName("node-json-logs"));

            InvokeResponse response = lambda.invoke(b -> b.functionName("node-json-logs").logType(LogType.TAIL));

            String requestId = response.responseMetadata().requestId();
            assertThat(log(response)).doesNotContain("hidden").containsPattern("\\{\"timestamp\":\"[-0-9T:.]+Z\","
                    + "\"level\":\"WARN\",\"requestId\":\"" + requestId + "\",\"message\":\"shown 1\"}\n");
        }
    }

    @Test
    void esModuleHandler_andCallbackHandler_answer() {
        try (LambdaClient lambda = clients.lambda()) {
            deploy(lambda, "node-esm", "app.handler", Map.of("app.mjs", """
                    const base = await Promise.resolve(40);
                    export const handler = async (event) => base + event.add;
                    """));
            deploy(lambda, "node-callback", "index.handler", Map.of("index.js", """
                    exports.handler = (event, context, callback) => setTimeout(() => callback(null, event.add * 2), 1);
                    """));

            assertThat(lambda.invoke(b -> b.functionName("node-esm").payload(SdkBytes.fromUtf8String("{\"add\":2}")))
                    .payload().asUtf8String()).isEqualTo("42");
            assertThat(lambda.invoke(b -> b.functionName("node-callback").payload(SdkBytes.fromUtf8String("{\"add\":21}")))
                    .payload().asUtf8String()).isEqualTo("42");
        }
    }

    @Test
    void uncaughtError_answersTheNodeRuntimesPayload_asAnUnhandledFunctionError() {
        try (LambdaClient lambda = clients.lambda()) {
            // as AWS's recorded test_uncaught_exception_invoke[nodejs*] throws it
            deploy(lambda, "node-error", "index.handler", Map.of("index.js", """
                    exports.handler = async () => { throw new Error("Error: some_error_msg"); };
                    """));

            InvokeResponse response = lambda.invoke(b -> b.functionName("node-error").payload(SdkBytes.fromUtf8String("{}")));

            assertThat(response.functionError()).isEqualTo("Unhandled");
            var payload = Json.readOne(response.payload().asByteArray());
            assertThat(payload.get("errorType").asText()).isEqualTo("Error");
            assertThat(payload.get("errorMessage").asText()).isEqualTo("Error: some_error_msg");
            assertThat(payload.get("trace").get(0).asText()).isEqualTo("Error: Error: some_error_msg");
        }
    }

    @Test
    void handlerThatIsNotExported_answersRuntimeHandlerNotFound() {
        try (LambdaClient lambda = clients.lambda()) {
            deploy(lambda, "node-noexport", "index.handler", Map.of("index.js", "exports.other = async () => 1;\n"));

            InvokeResponse response = lambda.invoke(b -> b.functionName("node-noexport").payload(SdkBytes.fromUtf8String("{}")));

            assertThat(response.functionError()).isEqualTo("Unhandled");
            assertThat(Json.readOne(response.payload().asByteArray()).get("errorType").asText())
                    .isEqualTo("Runtime.HandlerNotFound");
        }
    }

    private static void deploy(LambdaClient lambda, String name, String handler, Map<String, String> files) {
        TestFunctions.deploySource(lambda, name, Runtime.NODEJS18_X, handler, files);
    }

    private static String log(InvokeResponse response) {
        return new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
    }
}
