package io.portico.functions.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Settings as the store keeps them: JSON through the kit's mapper, older rows included. */
class FunctionSettingsTest {

    @Test
    void json_roundTrip_keepsEnvironmentVpcFileSystemsAndLogging() {
        FunctionSettings settings = new FunctionSettings("java21", "example.Handler", "arn:aws:iam::000000000000:role/r",
                "", 3, 128, Map.of(), Optional.empty(), List.of("x86_64"), 512, "PassThrough", true,
                Optional.of(new VpcConfig(List.of("subnet-1"), List.of("sg-1"), true)),
                List.of(new FileSystemConfig("arn:aws:elasticfilesystem:us-east-1:000000000000:access-point/fsap-1",
                        "/mnt/data")),
                new LoggingConfig("JSON", Optional.of("DEBUG"), Optional.of("WARN"), Optional.of("bff-logs")));

        assertThat(Json.read(Json.write(settings), FunctionSettings.class)).isEqualTo(settings);
    }

    @Test
    void json_storedBeforeVpcFileSystemsAndLogging_readsThemAsAbsent() {
        String stored = """
                {"runtime":"java21","handler":"example.Handler","role":"arn:aws:iam::000000000000:role/r",
                 "description":"","timeoutSeconds":3,"memorySizeMb":128,"environment":{"A":"1"},
                 "deadLetterTargetArn":null,"architectures":["x86_64"],"ephemeralStorageMb":512,
                 "tracingMode":"PassThrough"}
                """;

        FunctionSettings read = Json.read(stored.getBytes(StandardCharsets.UTF_8), FunctionSettings.class);

        assertThat(read.vpc()).isEmpty();
        assertThat(read.fileSystems()).isEmpty();
        assertThat(read.logging()).isEqualTo(LoggingConfig.DEFAULT);
        assertThat(read.environmentSet()).isFalse();
        assertThat(read.environment()).containsEntry("A", "1");
    }

    @Test
    void loggingConfig_switchToJson_bringsLambdasDefaultLevels_andBackToText_dropsThem() {
        LoggingConfig json = LoggingConfig.DEFAULT.with(Optional.of("JSON"), Optional.empty(), Optional.of("DEBUG"),
                Optional.empty());
        assertThat(json).isEqualTo(new LoggingConfig("JSON", Optional.of("INFO"), Optional.of("DEBUG"), Optional.empty()));

        LoggingConfig text = json.with(Optional.of("Text"), Optional.empty(), Optional.empty(), Optional.of("cool_lambda"));
        assertThat(text).isEqualTo(new LoggingConfig("Text", Optional.empty(), Optional.empty(), Optional.of("cool_lambda")));
        assertThat(text.logGroupName("orders")).isEqualTo("cool_lambda");
        assertThat(LoggingConfig.DEFAULT.logGroupName("orders")).isEqualTo("/aws/lambda/orders");
    }
}
