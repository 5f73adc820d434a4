package io.portico.states.asl.jsonpath;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portico.states.conformance.CorpusCase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the AWS-recorded conformance cases whose machines are only Pass/Choice/Succeed/Fail states in
 * JSONPath mode through {@link MiniMachine}, i.e. through this package's functions, and compares with
 * what AWS answered (wildcards as the corpus README describes).
 */
class CorpusGoldenTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> corpus_matchesAwsRecording() throws IOException {
        Path cases = CorpusCase.root();
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.walk(cases)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode c = MAPPER.readTree(file.toFile());
                if (!"execution".equals(c.path("kind").asText()) || !MiniMachine.supports(c.get("definition"))) {
                    continue;
                }
                String name = cases.relativize(file).toString();
                tests.add(DynamicTest.dynamicTest(name, () -> check(name, c)));
            }
        }
        return tests.stream();
    }

    private static void check(String name, JsonNode c) throws IOException {
        JsonNode input = c.get("input").isNull() ? MAPPER.createObjectNode() : MAPPER.readTree(c.get("input").asText());
        MiniMachine.Outcome outcome = MiniMachine.run(c.get("definition"), input, "EXPRESS".equals(c.path("type").asText()));
        JsonNode expected = c.get("expected");
        if ("SUCCEEDED".equals(expected.get("status").asText())) {
            assertThat(outcome.succeeded()).as(name + ": succeeded, got %s: %s", outcome.error(), outcome.cause()).isTrue();
            assertThat(matches(expected.get("output"), outcome.output()))
                    .as(name + ": output %s, expected %s", outcome.output(), expected.get("output")).isTrue();
        } else {
            assertThat(outcome.succeeded()).as(name + ": failed, got %s", outcome.output()).isFalse();
            assertThat(outcome.error()).isEqualTo(expected.get("error").isNull() ? null : expected.get("error").asText());
            JsonNode cause = expected.get("cause");
            if (cause.isTextual()) {
                assertThat(glob(cause.asText(), outcome.cause())).as(name + ": cause %s, expected %s", outcome.cause(), cause).isTrue();
            }
        }
    }

    static boolean matches(JsonNode expected, JsonNode actual) {
        if (expected.isTextual() && expected.asText().contains("<any>")) {
            return actual != null && (expected.asText().equals("<any>") || actual.isTextual() && glob(expected.asText(), actual.asText()));
        }
        if (actual == null) {
            return false;
        }
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        if (expected.isObject() && actual.isObject()) {
            if (expected.size() != actual.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!matches(e.getValue(), actual.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isArray() && actual.isArray()) {
            if (expected.size() != actual.size()) {
                return false;
            }
            for (int i = 0; i < expected.size(); i++) {
                if (!matches(expected.get(i), actual.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return expected.equals(actual);
    }

    static boolean glob(String pattern, String text) {
        if (text == null) {
            return false;
        }
        String[] parts = pattern.split("<any>", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append("[\\s\\S]*");
            }
            regex.append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString()).matcher(text).matches();
    }
}
