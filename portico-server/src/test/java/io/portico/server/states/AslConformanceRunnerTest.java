package io.portico.server.states;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.server.testing.PorticoTest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.portico.server.testing.PorticoClients;
import io.portico.server.testing.TestFunctions;
import io.portico.testing.SharedDirectory;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.lambda.LambdaClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the AWS-recorded ASL corpus with its own runner ({@code shared/conformance/asl/run.py}, the
 * tool that scores any endpoint) against a real Portico over HTTP, in EXPRESS mode (StartSyncExecution)
 * and in STANDARD mode with history checks, with {@code --with-functions}: the corpus's Lambda functions
 * are deployed first, through the real LambdaClient, as the {@code provided.al2023} fixture that
 * behaves as the corpus's function specs say. Every case must pass, except the ones listed here with
 * the reason the runner cannot reproduce them.
 */
@PorticoTest
class AslConformanceRunnerTest {
    /**
     * The runner sends only name, definition, roleArn and type to CreateStateMachine, so a case about
     * another CreateStateMachine member cannot pass through it; StateMachineApiTest covers it with the SDK.
     * Two cases were recorded on STANDARD machines and print the execution ARN, which reads
     * {@code :execution:} there and {@code :express:} when the runner replays them as EXPRESS.
     */
    private static final Set<String> RUNNER_CANNOT_REPRODUCE = Set.of(
            "api/test_sfn_api_versioning__test_create_with_version_description_no_publish.json");
    private static final Set<String> EXPRESS_ONLY_DIFFERENCES = Set.of(
            "context_object/test_context_object__test_output_path_58859d.json",
            "outputdecl/test_output__test_base_cases_BASE_EXPR.json");

    /** The corpus's function specs (shared/conformance/asl/README.md, Functions). */
    private static final Map<String, String> FUNCTIONS = Map.of(
            "echo", "{\"function\":\"echo\"}",
            "hello", "{\"function\":\"constant\",\"value\":{\"Return\":\"HelloWorld\"}}",
            "bytes_str", "{\"function\":\"constant_payload\",\"payload\":\"\\\"HelloWorld!\\\"\"}",
            "decorated", "{\"function\":\"python_fstring\",\"format\":\"input-event-{event}\"}",
            "raise_exception", "{\"function\":\"raise\",\"errorType\":\"Exception\","
                    + "\"errorMessage\":\"Some exception was raised.\"}",
            "raise_custom", "{\"function\":\"raise\",\"errorType\":\"CustomException\",\"errorMessage\":\"\"}",
            "large_output", "{\"function\":\"large_output\",\"bytes\":263168}");

    /**
     * Functions are deployed as {@code fn-<name>-0123456789ab}: one case echoes its input, function name
     * included, and AWS's recorded Content-Length counts the 20 characters of the recording's name,
     * which this pattern reproduces for {@code echo}.
     */
    private static final String NAME_TEMPLATE = "fn-{name}-0123456789ab";

    @TempDir
    Path temp;

    @BeforeAll
    static void deployFunctions(PorticoClients clients) {
        byte[] zip = TestFunctions.bootstrapZip("/functions/conformance/bootstrap");
        try (LambdaClient lambda = clients.lambda()) {
            FUNCTIONS.forEach((name, spec) -> TestFunctions.deployBootstrap(lambda,
                    NAME_TEMPLATE.replace("{name}", name), zip,
                    Map.of("CONFORMANCE_SPEC", spec)));
        }
    }

    @Test
    void runner_expressMode_passesEveryCase(URI endpoint) throws Exception {
        List<String> failures = run(endpoint, "express");
        failures.removeAll(RUNNER_CANNOT_REPRODUCE);
        failures.removeAll(EXPRESS_ONLY_DIFFERENCES);
        assertThat(failures).isEmpty();
    }

    @Test
    void runner_standardModeWithHistory_passesEveryCase(URI endpoint) throws Exception {
        List<String> failures = run(endpoint, "standard", "--standard", "--check-history");
        failures.removeAll(RUNNER_CANNOT_REPRODUCE);
        assertThat(failures).isEmpty();
    }

    private List<String> run(URI endpoint, String label, String... extra) throws IOException, InterruptedException {
        SharedDirectory shared = SharedDirectory.current();
        Path runner = shared.require("conformance/asl/run.py");
        Path results = temp.resolve(label + ".txt");
        List<String> command = new ArrayList<>(List.of("python3", runner.toString(), "--endpoint", endpoint.toString(),
                "--cases", shared.require("conformance/asl/cases").toString(), "--with-functions",
                "--function-name-template", NAME_TEMPLATE, "--function-arn-template",
                "arn:aws:lambda:{region}:000000000000:function:" + NAME_TEMPLATE, "--jobs", "4", "--results", results.toString()));
        command.addAll(List.of(extra));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
        Matcher summary = Pattern.compile("(\\d+) passed, (\\d+) failed").matcher(output);
        assertThat(summary.find()).as("runner output:\n" + output).isTrue();
        List<String> failures = new ArrayList<>();
        for (String line : Files.readAllLines(results)) {
            if (line.startsWith("FAIL ")) {
                failures.add(line.substring(5).split(" ", 2)[0]);
            }
        }
        System.getLogger(getClass().getName()).log(System.Logger.Level.INFO, label + ": " + summary.group());
        assertThat(Integer.parseInt(summary.group(1))).as("cases passed in " + label + " mode").isGreaterThan(600);
        if (!failures.isEmpty()) {
            Files.readAllLines(results).stream().filter(l -> l.startsWith("FAIL")).forEach(l ->
                    System.getLogger(getClass().getName()).log(System.Logger.Level.WARNING, l));
        }
        return failures;
    }
}
