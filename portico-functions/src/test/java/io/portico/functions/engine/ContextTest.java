package io.portico.functions.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the handler's Context reports, and the Android client switch to Gson serialisation. */
class ContextTest extends RuntimeTesting {

    @Test
    void context_reportsInvocationAndFunction() throws Exception {
        ExecutionEnvironment environment = start("example.ContextHandler");
        Instant deadline = Instant.now().plusSeconds(20);
        InvocationRequest request = new InvocationRequest("3f7c-request", "{}".getBytes(StandardCharsets.UTF_8), deadline,
                Fixtures.FUNCTION_ARN + ":live",
                Optional.of("{\"client\":{\"installation_id\":\"i-1\",\"app_title\":\"Travel\"},\"custom\":{\"k\":\"v\"},\"env\":{\"platform\":\"iPhoneOS\"}}"),
                Optional.of("{\"cognitoIdentityId\":\"eu-west-1:abc\",\"cognitoIdentityPoolId\":\"eu-west-1:pool\"}"),
                new RecordingLog());

        JsonNode context = json(response(environment.invoke(request)));

        assertThat(context.get("awsRequestId").asText()).isEqualTo("3f7c-request");
        assertThat(context.get("functionName").asText()).isEqualTo("fixture");
        assertThat(context.get("functionVersion").asText()).isEqualTo("$LATEST");
        assertThat(context.get("invokedFunctionArn").asText()).isEqualTo(Fixtures.FUNCTION_ARN + ":live");
        assertThat(context.get("memoryLimitInMB").asInt()).isEqualTo(512);
        assertThat(context.get("remainingTimeInMillis").asInt()).isBetween(10_000, 20_000);
        assertThat(context.get("logGroupName").asText()).isEqualTo("/aws/lambda/fixture");
        assertThat(context.get("logStreamName").asText()).matches("\\d{4}/\\d{2}/\\d{2}/\\[\\$LATEST][0-9a-f]{32}");
        assertThat(context.get("identityId").asText()).isEqualTo("eu-west-1:abc");
        assertThat(context.get("identityPoolId").asText()).isEqualTo("eu-west-1:pool");
        assertThat(context.get("clientAppTitle").asText()).isEqualTo("Travel");
        assertThat(context.get("clientCustom")).isEqualTo(json("{\"k\":\"v\"}"));
        assertThat(context.get("clientEnvironment")).isEqualTo(json("{\"platform\":\"iPhoneOS\"}"));
        assertThat(context.get("contextClassLoaderIsOwn").asBoolean()).isTrue();
    }

    @Test
    void context_withoutIdentityOrClientContext_hasNulls_andTheStreamStaysPerEnvironment() {
        ExecutionEnvironment environment = start("example.ContextHandler");

        JsonNode first = json(response(invoke(environment, "{}")));
        JsonNode second = json(response(invoke(environment, "{}")));

        // getIdentity() is null; Lambda's Jackson leaves null map values out of the response.
        assertThat(first.has("identityId")).isFalse();
        assertThat(first.has("clientAppTitle")).isFalse();
        assertThat(second.get("logStreamName")).isEqualTo(first.get("logStreamName"));
        assertThat(json(response(invoke(start("example.ContextHandler"), "{}"))).get("logStreamName"))
                .isNotEqualTo(first.get("logStreamName"));
    }

    @Test
    void androidClient_isSerialisedWithGson_asLambdaDoes() throws Exception {
        ExecutionEnvironment echo = start("example.EchoHandler");
        InvocationRequest fromAndroid = new InvocationRequest("r", "{\"n\":1}".getBytes(StandardCharsets.UTF_8),
                Instant.now().plusSeconds(5), Fixtures.FUNCTION_ARN, Optional.of("{\"env\":{\"platform\":\"Android\"}}"),
                Optional.empty(), new RecordingLog());

        // Gson reads every JSON number of an untyped map as a double; Jackson keeps 1 an integer.
        assertThat(response(echo.invoke(fromAndroid))).isEqualTo("{\"n\":1.0}");
        assertThat(response(invoke(echo, "{\"n\":1}"))).isEqualTo("{\"n\":1}");
    }
}
