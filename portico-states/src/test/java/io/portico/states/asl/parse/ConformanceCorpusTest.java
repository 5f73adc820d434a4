package io.portico.states.asl.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portico.states.conformance.CorpusCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the parser over the AWS-recorded ASL corpus: every definition AWS ran must parse, every
 * definition AWS refused must fail with the recorded message, and ValidateStateMachineDefinition cases
 * must give the recorded diagnostics. The corpus lives outside the repository
 * (see {@link CorpusCase#root()}).
 */
class ConformanceCorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> corpus_matchesAwsRecordings() throws IOException {
        Path cases = CorpusCase.root();
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.walk(cases)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode c = JSON.readTree(file.toFile());
                String name = cases.relativize(file).toString();
                tests.add(DynamicTest.dynamicTest(c.get("kind").asText() + " " + name, () -> run(c)));
            }
        }
        return tests.stream();
    }

    private static void run(JsonNode c) {
        String definition = definition(c);
        MachineType type = c.path("requiresStandard").asBoolean(false) ? MachineType.STANDARD
                : MachineType.valueOf(c.path("type").asText("STANDARD"));
        JsonNode expected = c.get("expected");
        switch (c.get("kind").asText()) {
            case "execution", "startError" -> {
                assertThat(DefinitionParser.check(definition, type).stream().filter(Diagnostic::isError).toList()).isEmpty();
                assertThat(DefinitionParser.parse(definition, type).graph().states()).isNotEmpty();
            }
            case "createError" -> {
                if (!expected.get("createError").asText().equals("InvalidDefinition")) {
                    assertThat(DefinitionParser.check(definition, type)).isEmpty();
                    return;
                }
                var error = catchThrowableOfType(InvalidDefinitionException.class,
                        () -> DefinitionParser.parse(definition, type));
                assertThat(error).isNotNull();
                if (expected.hasNonNull("message")) {
                    assertThat(error.getMessage()).matches(glob(expected.get("message").asText()));
                }
            }
            case "validate" -> {
                JsonNode validate = expected.get("validate");
                ValidationReport report = DefinitionParser.validate(definition, type, Diagnostic.Severity.ERROR, 0);
                assertThat(report.result().name()).isEqualTo(validate.get("result").asText());
                assertThat(report.truncated()).isEqualTo(validate.get("truncated").asBoolean());
                List<String> actual = report.diagnostics().stream().map(ConformanceCorpusTest::describe).toList();
                List<String> wanted = new ArrayList<>();
                validate.get("diagnostics").forEach(d -> wanted.add(d.get("severity").asText() + " " + d.get("code").asText()
                        + " " + d.get("message").asText() + " @" + d.path("location").asText("-")));
                assertThat(actual).isEqualTo(wanted);
            }
            default -> assertThatThrownBy(() -> {
                throw new AssertionError("unknown kind");
            });
        }
    }

    private static String describe(Diagnostic d) {
        return d.severity() + " " + d.code() + " " + d.message() + " @" + d.location().orElse("-");
    }

    private static String definition(JsonNode c) {
        String text = c.has("definitionString") ? c.get("definitionString").asText() : c.get("definition").toString();
        return text.replaceAll("\\$\\{lambdaArn:([^}]+)}", "arn:aws:lambda:us-east-1:000000000000:function:$1")
                .replaceAll("\\$\\{lambdaName:([^}]+)}", "$1");
    }

    private static String glob(String expected) {
        StringBuilder regex = new StringBuilder("(?s)");
        String[] parts = expected.split(Pattern.quote("<any>"), -1);
        for (int i = 0; i < parts.length; i++) {
            regex.append(Pattern.quote(parts[i]));
            if (i < parts.length - 1) {
                regex.append(".*");
            }
        }
        return regex.toString();
    }
}
