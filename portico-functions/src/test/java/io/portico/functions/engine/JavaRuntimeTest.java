package io.portico.functions.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JavaRuntimeTest extends RuntimeTesting {

    @Test
    void supports_theManagedJavaRuntimes() {
        assertThat(runtime.supports("java17")).isTrue();
        assertThat(runtime.supports("java21")).isTrue();
        assertThat(runtime.supports("java25")).isTrue();
        assertThat(runtime.supports("java11")).isFalse();
        assertThat(runtime.supports("python3.12")).isFalse();
        assertThat(runtime.supports("provided.al2023")).isFalse();
    }

    @Test
    void start_ofAnotherRuntime_isRejected() {
        VersionSpec python = new VersionSpec("000000000000", "eu-west-1", "f", "arn", "$LATEST", "python3.12",
                "app.handler", 128, 3, Map.of(), Path.of("."), "");

        assertThatThrownBy(() -> runtime.start(python, new RecordingLog())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void start_reportsItsInitDuration() {
        ExecutionEnvironment environment = start("example.EchoHandler");

        assertThat(environment.initDurationMillis()).isNotNegative();
    }

    @Test
    void everySupportedRuntime_runsTheJava17Fixtures() {
        for (String version : new String[] {"java17", "java21", "java25"}) {
            VersionSpec base = Fixtures.spec("example.EnvironmentHandler");
            VersionSpec spec = new VersionSpec(base.accountId(), base.region(), base.functionName(), base.functionArn(),
                    base.version(), version, base.handler(), base.memorySizeMb(), base.timeoutSeconds(), base.environment(),
                    base.codeDirectory(), base.endpoint());

            String response = response(invoke(start(spec, new RecordingLog()), "[\"AWS_EXECUTION_ENV\"]"));

            assertThat(json(response).get("AWS_EXECUTION_ENV").asText()).isEqualTo("AWS_Lambda_" + version);
        }
    }
}
