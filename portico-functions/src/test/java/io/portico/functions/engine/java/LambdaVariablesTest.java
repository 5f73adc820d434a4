package io.portico.functions.engine.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.functions.engine.VersionSpec;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LambdaVariablesTest {
    private static final VersionSpec SPEC = new VersionSpec("123456789012", "us-east-2", "orders", "arn:aws:lambda:us-east-2:123456789012:function:orders",
            "7", "java25", "example.Orders::handle", 1024, 10, Map.of("STAGE", "dev"), Path.of("/code/orders"), "http://127.0.0.1:4566");

    @Test
    void of_dropsTheHostsAwsSettings_keepsTheRest() {
        Map<String, String> host = Map.of("PATH", "/usr/bin", "HOME", "/home/dev", "AWS_PROFILE", "production",
                "AWS_ENDPOINT_URL_SFN", "https://states.us-east-2.amazonaws.com", "AWS_SECRET_ACCESS_KEY", "real-secret",
                "LAMBDA_TASK_ROOT", "/elsewhere", "_X_AMZN_TRACE_ID", "Root=1");

        Map<String, String> variables = LambdaVariables.of(SPEC, "stream", host);

        assertThat(variables).containsEntry("PATH", "/usr/bin").containsEntry("HOME", "/home/dev")
                .doesNotContainKeys("AWS_PROFILE", "AWS_ENDPOINT_URL_SFN", "_X_AMZN_TRACE_ID")
                .containsEntry("AWS_SECRET_ACCESS_KEY", LambdaVariables.SECRET_ACCESS_KEY)
                .containsEntry("LAMBDA_TASK_ROOT", Path.of("/code/orders").toAbsolutePath().toString());
    }

    @Test
    void of_setsLambdasVariables() {
        Map<String, String> variables = LambdaVariables.of(SPEC, "2026/01/01/[7]abc", Map.of());

        assertThat(variables).containsEntry("STAGE", "dev")
                .containsEntry("AWS_LAMBDA_FUNCTION_NAME", "orders")
                .containsEntry("AWS_LAMBDA_FUNCTION_VERSION", "7")
                .containsEntry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024")
                .containsEntry("AWS_REGION", "us-east-2")
                .containsEntry("AWS_DEFAULT_REGION", "us-east-2")
                .containsEntry("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/orders")
                .containsEntry("AWS_LAMBDA_LOG_STREAM_NAME", "2026/01/01/[7]abc")
                .containsEntry("AWS_EXECUTION_ENV", "AWS_Lambda_java25")
                .containsEntry("_HANDLER", "example.Orders::handle")
                .containsEntry("TZ", ":UTC")
                .containsEntry("AWS_ENDPOINT_URL", "http://127.0.0.1:4566")
                .containsEntry("AWS_ACCESS_KEY_ID", LambdaVariables.ACCESS_KEY_ID)
                .containsEntry("AWS_SESSION_TOKEN", LambdaVariables.SESSION_TOKEN);
    }

    @Test
    void of_isUnmodifiable() {
        Map<String, String> variables = LambdaVariables.of(SPEC, "s", Map.of());

        assertThatThrownBy(() -> variables.put("X", "y")).isInstanceOf(UnsupportedOperationException.class);
    }
}
