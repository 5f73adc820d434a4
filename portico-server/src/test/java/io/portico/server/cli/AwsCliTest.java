package io.portico.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.portico.server.testing.PorticoTest;
import io.portico.server.testing.TestFunctions;
import io.portico.testing.Prerequisites;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real AWS CLI v2 (Debian's {@code awscli} package) against a running Portico. Tests install
 * nothing: {@code .ci/run} installs the package when it is missing, so under {@code CI=true} a missing
 * CLI fails these tests; elsewhere they are skipped and say why (listed in skipped-tests.md).
 */
@PorticoTest
class AwsCliTest {
    private static final Path AWS = Path.of("/usr/bin/aws");

    @TempDir
    Path temp;

    @BeforeAll
    static void requireCli() {
        Prerequisites.fromEnvironment().require(Files.isExecutable(AWS),
                "Debian's awscli at " + AWS + " (apt-get install awscli; .ci/run installs it)");
    }

    private String aws(URI endpoint, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(AWS.toString(), "--endpoint-url", endpoint.toString(),
                "--output", "json"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("AWS_ACCESS_KEY_ID", "test");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        builder.environment().put("AWS_DEFAULT_REGION", "us-east-1");
        builder.environment().put("AWS_CONFIG_FILE", "/dev/null");
        builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        builder.environment().put("AWS_PAGER", "");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("aws " + String.join(" ", args) + "\n" + output).isZero();
        return output;
    }

    @Test
    void lambda_createAndInvoke(URI endpoint) throws Exception {
        Path zip = temp.resolve("function.zip");
        Files.write(zip, TestFunctions.bootstrapZip("/functions/scripted/bootstrap"));
        String created = aws(endpoint, "lambda", "create-function", "--function-name", "cli-echo",
                "--runtime", "provided.al2023", "--handler", "bootstrap", "--role", TestFunctions.ROLE,
                "--environment", "Variables={MODE=echo}", "--zip-file", "fileb://" + zip);
        assertThat(created).contains("\"FunctionArn\": \"arn:aws:lambda:us-east-1:000000000000:function:cli-echo\"");
        aws(endpoint, "lambda", "wait", "function-active-v2", "--function-name", "cli-echo");

        Path out = temp.resolve("out.json");
        String invoked = aws(endpoint, "lambda", "invoke", "--function-name", "cli-echo",
                "--cli-binary-format", "raw-in-base64-out", "--payload", "{\"from\": \"cli\"}", out.toString());

        assertThat(invoked).contains("\"StatusCode\": 200").contains("\"ExecutedVersion\": \"$LATEST\"");
        assertThat(Files.readString(out)).isEqualTo("{\"from\": \"cli\"}");
    }

    @Test
    void stepFunctions_createAndRun(URI endpoint) throws Exception {
        String arn = aws(endpoint, "stepfunctions", "create-state-machine", "--name", "cli-machine",
                "--role-arn", "arn:aws:iam::000000000000:role/sfn", "--definition",
                "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Result\":{\"ok\":true},\"End\":true}}}")
                .replaceAll("(?s).*\"stateMachineArn\": \"([^\"]+)\".*", "$1");
        String execution = aws(endpoint, "stepfunctions", "start-execution", "--state-machine-arn", arn)
                .replaceAll("(?s).*\"executionArn\": \"([^\"]+)\".*", "$1");
        String described = await().atMost(Duration.ofSeconds(60)).until(
                () -> aws(endpoint, "stepfunctions", "describe-execution", "--execution-arn", execution),
                answer -> !answer.contains("\"status\": \"RUNNING\""));
        assertThat(described).contains("\"status\": \"SUCCEEDED\"").contains("\"output\": \"{\\\"ok\\\":true}\"");
    }

    @Test
    void dynamoDb_createWaitDescribeWriteReadDelete(URI endpoint) throws Exception {
        String created = aws(endpoint, "dynamodb", "create-table", "--table-name", "cli-table",
                "--attribute-definitions", "AttributeName=id,AttributeType=S", "--key-schema", "AttributeName=id,KeyType=HASH",
                "--billing-mode", "PAY_PER_REQUEST");
        assertThat(created).contains("\"TableArn\": \"arn:aws:dynamodb:us-east-1:000000000000:table/cli-table\"")
                .contains("\"TableStatus\": \"CREATING\"");
        aws(endpoint, "dynamodb", "wait", "table-exists", "--table-name", "cli-table");
        assertThat(aws(endpoint, "dynamodb", "describe-table", "--table-name", "cli-table"))
                .contains("\"TableStatus\": \"ACTIVE\"");
        assertThat(aws(endpoint, "dynamodb", "list-tables")).contains("\"cli-table\"");
        aws(endpoint, "dynamodb", "put-item", "--table-name", "cli-table",
                "--item", "{\"id\": {\"S\": \"a\"}, \"n\": {\"N\": \"1\"}}");
        assertThat(aws(endpoint, "dynamodb", "update-item", "--table-name", "cli-table", "--key", "{\"id\": {\"S\": \"a\"}}",
                "--update-expression", "SET n = n + :one", "--expression-attribute-values", "{\":one\": {\"N\": \"1\"}}",
                "--return-values", "UPDATED_NEW")).contains("\"N\": \"2\"");
        assertThat(aws(endpoint, "dynamodb", "query", "--table-name", "cli-table", "--key-condition-expression", "id = :id",
                "--expression-attribute-values", "{\":id\": {\"S\": \"a\"}}")).contains("\"Count\": 1");
        assertThat(aws(endpoint, "dynamodb", "execute-statement", "--statement", "SELECT n FROM \"cli-table\" WHERE id = 'a'"))
                .contains("\"N\": \"2\"");
        aws(endpoint, "dynamodb", "delete-table", "--table-name", "cli-table");
        aws(endpoint, "dynamodb", "wait", "table-not-exists", "--table-name", "cli-table");
    }
}
