package io.portico.server.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.server.testing.FunctionFixtures;
import io.portico.server.testing.PorticoClients;
import io.portico.server.testing.PorticoTest;
import io.portico.server.testing.TestFunctions;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Java handlers, unchanged, through LambdaClient: an events-typed handler, a handler whose AWS SDK
 * reaches this Portico with no endpoint in its code, and the errors Lambda gives for a handler class
 * that does not exist and for a static initialiser that throws.
 */
@PorticoTest
class JavaFunctionsTest {
    private final LambdaClient lambda;
    private final PorticoClients clients;

    JavaFunctionsTest(PorticoClients clients) {
        this.clients = clients;
        this.lambda = clients.lambda();
    }

    @AfterEach
    void close() {
        lambda.close();
    }

    private void deploy(String name, String handler) {
        lambda.createFunction(b -> b.functionName(name).runtime(Runtime.JAVA21).handler(handler)
                .role(TestFunctions.ROLE).environment(e -> e.variables(Map.of("STAGE", "test")))
                .code(c -> c.zipFile(SdkBytes.fromByteArray(FunctionFixtures.lambdaZipBytes()))));
        lambda.waiter().waitUntilFunctionActiveV2(b -> b.functionName(name));
    }

    private InvokeResponse invoke(String name, String payload) {
        return lambda.invoke(b -> b.functionName(name).payload(SdkBytes.fromUtf8String(payload)));
    }

    @Test
    void sdkInsideHandler_reachesPortico_withNoEndpointInCode() {
        try (SfnClient sfn = clients.sfn()) {
            sfn.createStateMachine(b -> b.name("seen-from-a-function").roleArn("arn:aws:iam::000000000000:role/x")
                    .definition("{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}"));
        }
        deploy("sdk-caller", "example.StepFunctionsSdkHandler");

        InvokeResponse response = invoke("sdk-caller", "{}");

        assertThat(response.functionError()).as(response.payload().asUtf8String()).isNull();
        assertThat(response.payload().asUtf8String()).contains("seen-from-a-function");
    }

    @Test
    void eventsTypedHandler_getsLambdasSerialization() {
        deploy("api-handler", "example.ApiGatewayHandler");
        InvokeResponse response = invoke("api-handler", """
                {"version": "2.0", "routeKey": "GET /trips", "rawPath": "/trips", "rawQueryString": "",
                 "headers": {"accept": "application/json"},
                 "requestContext": {"http": {"method": "GET", "path": "/trips"}}, "isBase64Encoded": false}""");
        assertThat(response.functionError()).as(response.payload().asUtf8String()).isNull();
        assertThat(response.payload().asUtf8String()).contains("\"statusCode\"");
    }

    @Test
    void unknownHandlerClass_andFailingStaticInit_getLambdasErrors() {
        deploy("missing-class", "example.DoesNotExist");
        InvokeResponse missing = invoke("missing-class", "{}");
        assertThat(missing.functionError()).isEqualTo("Unhandled");
        assertThat(missing.payload().asUtf8String()).contains("example.DoesNotExist");

        deploy("bad-init", "example.StaticInitFailureHandler");
        InvokeResponse badInit = invoke("bad-init", "{}");
        assertThat(badInit.functionError()).isEqualTo("Unhandled");
        assertThat(badInit.payload().asUtf8String())
                .contains("\"errorMessage\":\"Error loading class example.StaticInitFailureHandler\"")
                .contains("\"errorType\":\"java.lang.ExceptionInInitializerError\"");
    }
}
