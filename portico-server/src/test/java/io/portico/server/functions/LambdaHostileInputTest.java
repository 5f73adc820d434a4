package io.portico.server.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.server.testing.PorticoClients;
import io.portico.server.testing.PorticoTest;
import io.portico.server.testing.TestFunctions;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * Lambda requests AWS refuses that Portico once accepted or answered in the wrong order or words: each
 * test is named after what broke, and sends the request through the official LambdaClient.
 */
@PorticoTest
class LambdaHostileInputTest {
    private static final byte[] SCRIPTED = TestFunctions.bootstrapZip("/functions/scripted/bootstrap");
    private static final String KEY_CONSTRAINT = "Map keys must satisfy constraint: [Member must have length less"
            + " than or equal to 128, Member must have length greater than or equal to 1]";

    private final LambdaClient lambda;

    LambdaHostileInputTest(PorticoClients clients) {
        this.lambda = clients.lambda();
    }

    @AfterEach
    void close() {
        lambda.close();
    }

    @Test
    void tagKeyEmptyOrOver128Characters_isValidationException_atCreateAndTagResource() {
        String arn = TestFunctions.deployBootstrap(lambda, "tag-keys", SCRIPTED, Map.of());
        String longKey = "k".repeat(129);

        assertThatThrownBy(() -> lambda.tagResource(b -> b.resource(arn).tags(Map.of("", "v"))))
                .isInstanceOfSatisfying(LambdaException.class, e -> assertValidation(e, "tags", KEY_CONSTRAINT));
        assertThatThrownBy(() -> lambda.tagResource(b -> b.resource(arn).tags(Map.of(longKey, "v"))))
                .isInstanceOfSatisfying(LambdaException.class, e -> assertValidation(e, "tags", KEY_CONSTRAINT));
        assertThatThrownBy(() -> lambda.createFunction(b -> b.functionName("tag-keys-create")
                .runtime(Runtime.PROVIDED_AL2023).handler("bootstrap").role(TestFunctions.ROLE)
                .code(c -> c.zipFile(SdkBytes.fromByteArray(SCRIPTED))).tags(Map.of(longKey, "v"))))
                .isInstanceOfSatisfying(LambdaException.class, e -> assertValidation(e, "tags", KEY_CONSTRAINT));
        assertThat(lambda.listTags(b -> b.resource(arn)).tags()).isEmpty();
    }

    @Test
    void createFunctionOfATakenName_withTooManyTags_isRefusedForTheTags_notTheName() {
        TestFunctions.deployBootstrap(lambda, "taken", SCRIPTED, Map.of());
        Map<String, String> tags = new HashMap<>();
        for (int i = 0; i <= 50; i++) {
            tags.put("k" + i, "v");
        }

        assertThatThrownBy(() -> lambda.createFunction(b -> b.functionName("taken").runtime(Runtime.PROVIDED_AL2023)
                .handler("bootstrap").role(TestFunctions.ROLE).code(c -> c.zipFile(SdkBytes.fromByteArray(SCRIPTED)))
                .tags(tags)))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith("Number of tags exceeds resource tag limit.");
    }

    @Test
    void clientContextThatIsNoBase64JsonObject_isInvalidRequestContent_beforeTheFunctionRuns() {
        TestFunctions.deployBootstrap(lambda, "context", SCRIPTED, Map.of("MODE", "echo"));
        for (String context : List.of("not json", "[1]", "{} {}")) {
            String header = Base64.getEncoder().encodeToString(context.getBytes(StandardCharsets.UTF_8));
            assertRefusedClientContext(header, context);
        }
        assertRefusedClientContext("%%% not base64", "not base64");
        String object = Base64.getEncoder().encodeToString("{\"custom\":{\"k\":\"v\"}}".getBytes(StandardCharsets.UTF_8));
        assertThat(lambda.invoke(b -> b.functionName("context").clientContext(object)).statusCode()).isEqualTo(200);
    }

    private void assertRefusedClientContext(String header, String description) {
        assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("context").clientContext(header)
                .payload(SdkBytes.fromUtf8String("{}"))))
                .as(description)
                .isInstanceOfSatisfying(InvalidRequestContentException.class, e -> assertThat(e.statusCode()).isEqualTo(400))
                .hasMessageStartingWith("Client context must be a valid Base64-encoded JSON object.");
    }

    private static void assertValidation(LambdaException e, String member, String constraint) {
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(e.awsErrorDetails().errorMessage()).startsWith("1 validation error detected: Value '")
                .contains("' at '" + member + "' failed to satisfy constraint: " + constraint);
    }
}
