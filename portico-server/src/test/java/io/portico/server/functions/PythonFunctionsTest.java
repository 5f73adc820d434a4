package io.portico.server.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.core.json.Json;
import io.portico.server.testing.PorticoClients;
import io.portico.server.testing.PorticoTest;
import io.portico.server.testing.TestFunctions;
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
 * Python functions through the official {@code LambdaClient}: a handler's answer and its log in Lambda's
 * format, an uncaught exception with the Python runtime's payload, and a module that cannot be imported.
 * Runs on the machine's {@code python3} ({@code python3.9} runs on any Python from 3.9 on).
 */
@PorticoTest
class PythonFunctionsTest {
    private final PorticoClients clients;

    PythonFunctionsTest(PorticoClients clients) {
        this.clients = clients;
    }

    @BeforeAll
    static void pythonIsThere() {
        Prerequisites.fromEnvironment().require(TestFunctions.onPath("python3"),
                "Python 3.9 or newer as python3 on the PATH (apt-get install python3)");
    }

    @Test
    void handler_answers_andLogsInLambdasFormat() {
        try (LambdaClient lambda = clients.lambda()) {
            deploy(lambda, "py-ok", "lambda_function.lambda_handler", Map.of("lambda_function.py", """
                    import logging
                    logger = logging.getLogger()
                    logger.setLevel(logging.INFO)
                    def lambda_handler(event, context):
                        print("printed", event["name"])
                        logger.info("logged %s", context.function_name)
                        return {"greeting": "hello " + event["name"]}
                    """));

            InvokeResponse response = lambda.invoke(b -> b.functionName("py-ok").logType(LogType.TAIL)
                    .payload(SdkBytes.fromUtf8String("{\"name\":\"bff\"}")));

            assertThat(response.functionError()).isNull();
            assertThat(response.payload().asUtf8String()).isEqualTo("{\"greeting\": \"hello bff\"}");
            String requestId = response.responseMetadata().requestId();
            assertThat(log(response)).contains("START RequestId: " + requestId).contains("printed bff\n")
                    .containsPattern("\\[INFO]\t[-0-9T:.]+Z\t" + requestId + "\tlogged py-ok\n")
                    .contains("END RequestId: " + requestId + "\n");
        }
    }

    @Test
    void uncaughtException_answersThePythonRuntimesPayload_asAnUnhandledFunctionError() {
        try (LambdaClient lambda = clients.lambda()) {
            // as AWS's recorded test_uncaught_exception_invoke[python*] raises it
            deploy(lambda, "py-error", "app.handler", Map.of("app.py", """
                    def handler(event, context):
                        raise Exception("Error: some_error_msg")
                    """));

            InvokeResponse response = lambda.invoke(b -> b.functionName("py-error").payload(SdkBytes.fromUtf8String("{}")));

            assertThat(response.functionError()).isEqualTo("Unhandled");
            var payload = Json.readOne(response.payload().asByteArray());
            assertThat(payload.get("errorType").asText()).isEqualTo("Exception");
            assertThat(payload.get("errorMessage").asText()).isEqualTo("Error: some_error_msg");
            assertThat(payload.get("requestId").asText()).isEqualTo(response.responseMetadata().requestId());
            assertThat(payload.get("stackTrace").isArray()).isTrue();
        }
    }

    @Test
    void moduleThatCannotBeImported_answersRuntimeImportModuleError() {
        try (LambdaClient lambda = clients.lambda()) {
            deploy(lambda, "py-nomodule", "missing.handler", Map.of("app.py", "def handler(e, c):\n    return 1\n"));

            InvokeResponse response = lambda.invoke(b -> b.functionName("py-nomodule").payload(SdkBytes.fromUtf8String("{}")));

            assertThat(response.functionError()).isEqualTo("Unhandled");
            var payload = Json.readOne(response.payload().asByteArray());
            assertThat(payload.get("errorType").asText()).isEqualTo("Runtime.ImportModuleError");
            assertThat(payload.get("errorMessage").asText()).isEqualTo("Unable to import module 'missing': No module named 'missing'");
        }
    }

    private static void deploy(LambdaClient lambda, String name, String handler, Map<String, String> files) {
        TestFunctions.deploySource(lambda, name, Runtime.PYTHON3_9, handler, files);
    }

    private static String log(InvokeResponse response) {
        return new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
    }
}
