package io.portico.functions.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** System.getenv inside a function: its variables, Lambda's, and the host's underneath. */
class EnvironmentVariablesTest extends RuntimeTesting {

    private JsonNode variables(Map<String, String> functionVariables, String names) {
        ExecutionEnvironment environment = start(Fixtures.spec("example.EnvironmentHandler", functionVariables), new RecordingLog());
        return json(response(invoke(environment, names)));
    }

    @Test
    void getenv_seesFunctionAndLambdaVariables() {
        JsonNode values = variables(Map.of("TABLE", "bookings"), """
                ["TABLE","AWS_LAMBDA_FUNCTION_NAME","AWS_LAMBDA_FUNCTION_VERSION","AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
                 "AWS_REGION","AWS_DEFAULT_REGION","AWS_LAMBDA_LOG_GROUP_NAME","AWS_EXECUTION_ENV","_HANDLER","TZ",
                 "AWS_ENDPOINT_URL","AWS_LAMBDA_INITIALIZATION_TYPE"]""");

        assertThat(values).isEqualTo(json("""
                {"TABLE":"bookings","AWS_LAMBDA_FUNCTION_NAME":"fixture","AWS_LAMBDA_FUNCTION_VERSION":"$LATEST",
                 "AWS_LAMBDA_FUNCTION_MEMORY_SIZE":"512","AWS_REGION":"eu-west-1","AWS_DEFAULT_REGION":"eu-west-1",
                 "AWS_LAMBDA_LOG_GROUP_NAME":"/aws/lambda/fixture","AWS_EXECUTION_ENV":"AWS_Lambda_java21",
                 "_HANDLER":"example.EnvironmentHandler","TZ":":UTC","AWS_ENDPOINT_URL":"http://127.0.0.1:4566",
                 "AWS_LAMBDA_INITIALIZATION_TYPE":"on-demand"}"""));
    }

    @Test
    void getenv_logStreamTaskRootAndCredentials_areSet() {
        JsonNode values = variables(Map.of(), """
                ["AWS_LAMBDA_LOG_STREAM_NAME","LAMBDA_TASK_ROOT","AWS_ACCESS_KEY_ID","AWS_SECRET_ACCESS_KEY","AWS_SESSION_TOKEN"]""");

        assertThat(values.get("AWS_LAMBDA_LOG_STREAM_NAME").asText()).matches("\\d{4}/\\d{2}/\\d{2}/\\[\\$LATEST][0-9a-f]{32}");
        assertThat(values.get("LAMBDA_TASK_ROOT").asText()).isEqualTo(Fixtures.lambdaZipCode().toAbsolutePath().toString());
        assertThat(values.get("AWS_ACCESS_KEY_ID").asText()).startsWith("ASIA");
        assertThat(values.get("AWS_SECRET_ACCESS_KEY").asText()).isNotEqualTo("<unset>");
        assertThat(values.get("AWS_SESSION_TOKEN").asText()).isNotEqualTo("<unset>");
    }

    @Test
    void getenv_reservedVariablesWin_overridableDefaultsYield() {
        JsonNode values = variables(Map.of("AWS_REGION", "mars-1", "TZ", "Europe/Paris",
                "AWS_ENDPOINT_URL", "http://elsewhere:1"), "[\"AWS_REGION\",\"TZ\",\"AWS_ENDPOINT_URL\"]");

        assertThat(values).isEqualTo(json("{\"AWS_REGION\":\"eu-west-1\",\"TZ\":\"Europe/Paris\",\"AWS_ENDPOINT_URL\":\"http://elsewhere:1\"}"));
    }

    @Test
    void getenv_fallsBackToTheHostProcess_forOtherVariables() {
        String path = System.getenv("PATH");

        JsonNode values = variables(Map.of(), "[\"PATH\",\"PORTICO_SURELY_UNSET_VARIABLE\"]");

        assertThat(values.get("PATH").asText()).isEqualTo(path == null ? "<unset>" : path);
        assertThat(values.get("PORTICO_SURELY_UNSET_VARIABLE").asText()).isEqualTo("<unset>");
    }

    @Test
    void getenv_ofTwoFunctions_doNotMix_andPorticosOwnIsUntouched() {
        JsonNode first = variables(Map.of("COLOUR", "red"), "[\"COLOUR\"]");
        JsonNode second = variables(Map.of("COLOUR", "blue"), "[\"COLOUR\"]");

        assertThat(first.get("COLOUR").asText()).isEqualTo("red");
        assertThat(second.get("COLOUR").asText()).isEqualTo("blue");
        assertThat(System.getenv("COLOUR")).isNotIn("red", "blue");
        assertThat(System.getenv("AWS_LAMBDA_FUNCTION_NAME")).isNull();
    }
}
