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
    void json_roundTrip_keepsEnvironmentVpcAndFileSystems() {
        FunctionSettings settings = new FunctionSettings("java21", "example.Handler", "arn:aws:iam::000000000000:role/r",
                "", 3, 128, Map.of(), Optional.empty(), List.of("x86_64"), 512, "PassThrough", true,
                Optional.of(new VpcConfig(List.of("subnet-1"), List.of("sg-1"), true)),
                List.of(new FileSystemConfig("arn:aws:elasticfilesystem:us-east-1:000000000000:access-point/fsap-1",
                        "/mnt/data")));

        assertThat(Json.read(Json.write(settings), FunctionSettings.class)).isEqualTo(settings);
    }

    @Test
    void json_storedBeforeVpcAndFileSystems_readsThemAsAbsent() {
        String stored = """
                {"runtime":"java21","handler":"example.Handler","role":"arn:aws:iam::000000000000:role/r",
                 "description":"","timeoutSeconds":3,"memorySizeMb":128,"environment":{"A":"1"},
                 "deadLetterTargetArn":null,"architectures":["x86_64"],"ephemeralStorageMb":512,
                 "tracingMode":"PassThrough"}
                """;

        FunctionSettings read = Json.read(stored.getBytes(StandardCharsets.UTF_8), FunctionSettings.class);

        assertThat(read.vpc()).isEmpty();
        assertThat(read.fileSystems()).isEmpty();
        assertThat(read.environmentSet()).isFalse();
        assertThat(read.environment()).containsEntry("A", "1");
    }
}
