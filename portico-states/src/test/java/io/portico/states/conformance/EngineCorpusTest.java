package io.portico.states.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import io.portico.states.asl.Definition;
import io.portico.states.asl.parse.DefinitionParser;
import io.portico.states.asl.parse.InvalidDefinitionException;
import io.portico.states.asl.parse.MachineType;
import io.portico.states.engine.Checkpointer;
import io.portico.states.engine.EngineTimers;
import io.portico.states.engine.ExecutionInfo;
import io.portico.states.engine.ExecutionResult;
import io.portico.states.engine.ExecutionRun;
import io.portico.states.engine.Interpreter;
import io.portico.states.engine.MemoryJournal;
import io.portico.states.engine.TaskResources;
import io.portico.states.engine.TaskTokens;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case of the AWS-recorded ASL corpus that needs no Lambda function straight through the
 * interpreter (no HTTP, no store): the fast inner loop for engine work. The same corpus runs against
 * a real server through the official runner in the server module.
 *
 * <p>Every case must pass: a difference from AWS is a failure, not a skip. Without the shared corpus the
 * tests are skipped (failed under {@code CI=true}), see {@link CorpusCase#root()}.
 */
class EngineCorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Interpreter INTERPRETER = new Interpreter(Clock.systemUTC(), TaskResources.NONE,
            EngineTimers.tokens(), EngineTimers.waiting());

    @TestFactory
    Stream<DynamicTest> corpus_matchesAwsRecordings() {
        return CorpusCase.all().stream().filter(c -> !c.needsFunctions()).map(c -> DynamicTest.dynamicTest(c.id(),
                () -> assertThat(run(c)).as(c.id()).isEmpty()));
    }

    @TestFactory
    Stream<DynamicTest> corpusHistory_matchesAwsRecordings() {
        return CorpusCase.all().stream()
                .filter(c -> !c.needsFunctions() && c.kind().equals("execution") && c.raw().has("recordedHistory")
                        && c.raw().path("recordedVia").asText().contains("GetExecutionHistory"))
                .map(c -> DynamicTest.dynamicTest(c.id(), () -> assertThat(history(c)).as(c.id()).isEmpty()));
    }

    /** Compares the history rows as the corpus runner does: type, plus state name or error, as a multiset. */
    static Optional<String> history(CorpusCase c) {
        MachineType type = MachineType.valueOf(c.type());
        Definition definition = DefinitionParser.parse(c.definitionText(), type);
        JsonNode input = parseInput(c.input()).orElseGet(JsonNodeFactory.instance::objectNode);
        ExecutionInfo info = new ExecutionInfo("arn:aws:states:us-east-1:000000000000:execution:corpus:exec", "exec",
                "arn:aws:states:us-east-1:000000000000:stateMachine:corpus", "corpus",
                "arn:aws:iam::000000000000:role/corpus", java.time.Instant.now(), input, 0);
        MemoryJournal journal = MemoryJournal.keeping(Clock.systemUTC());
        INTERPRETER.run(new ExecutionRun(info, definition, journal, Checkpointer.NONE));
        java.util.List<String> actual = new java.util.ArrayList<>();
        for (io.portico.states.engine.HistoryEvent e : journal.events()) {
            StringBuilder row = new StringBuilder("[\"").append(e.type().name()).append('"');
            String t = e.type().name();
            if (e.details() != null) {
                if (e.details().has("name") && (t.endsWith("StateEntered") || t.endsWith("StateExited"))) {
                    row.append(",\"").append(e.details().get("name").asText()).append('"');
                } else if (e.details().path("error").isTextual()) {
                    row.append(",\"").append(e.details().get("error").asText()).append('"');
                }
            }
            actual.add(row.append(']').toString());
        }
        java.util.List<String> expected = new java.util.ArrayList<>();
        c.raw().get("recordedHistory").forEach(r -> expected.add(r.toString()));
        java.util.Collections.sort(actual);
        java.util.Collections.sort(expected);
        return actual.equals(expected) ? Optional.empty()
                : Optional.of("history differs:\n expected " + expected + "\n actual   " + actual);
    }

    static Optional<String> run(CorpusCase c) {
        MachineType type = MachineType.valueOf(c.type());
        JsonNode expected = c.expected();
        if (c.kind().equals("validate")) {
            return Optional.empty(); // ValidateStateMachineDefinition: covered by the parser's corpus test
        }
        Definition definition;
        try {
            definition = DefinitionParser.parse(c.definitionText(), type);
        } catch (InvalidDefinitionException e) {
            if (c.kind().equals("createError") && expected.path("createError").asText().equals("InvalidDefinition")) {
                return Optional.empty();
            }
            return Optional.of("definition rejected: " + e.getMessage());
        }
        switch (c.kind()) {
            case "createError":
                return expected.path("createError").asText().equals("InvalidDefinition")
                        ? Optional.of("definition accepted; AWS rejects it") : Optional.empty();
            case "validate":
                return Optional.empty();
            case "startError":
                return parseInput(c.input()).isPresent() ? Optional.of("input accepted; AWS rejects it") : Optional.empty();
            default:
                break;
        }
        JsonNode input = parseInput(c.input()).orElseGet(JsonNodeFactory.instance::objectNode);
        String arn = type == MachineType.EXPRESS
                ? "arn:aws:states:us-east-1:000000000000:express:corpus:exec:" + java.util.UUID.randomUUID()
                : "arn:aws:states:us-east-1:000000000000:execution:corpus:exec";
        ExecutionInfo info = new ExecutionInfo(arn, "exec", "arn:aws:states:us-east-1:000000000000:stateMachine:corpus",
                "corpus", "arn:aws:iam::000000000000:role/corpus", java.time.Instant.now(), input, 0);
        ExecutionResult result = INTERPRETER.run(new ExecutionRun(info, definition, MemoryJournal.keeping(Clock.systemUTC()),
                Checkpointer.NONE));
        return compare(expected, result);
    }

    private static Optional<String> compare(JsonNode expected, ExecutionResult result) {
        String status = expected.path("status").asText();
        if (!status.equals(result.status())) {
            return Optional.of("status " + result.status() + " != " + status + ": " + result);
        }
        if (result instanceof ExecutionResult.Succeeded s) {
            return JsonMatcher.difference(expected.get("output"), s.output(), "output");
        }
        if (result instanceof ExecutionResult.Failed f) {
            Optional<String> d = errorPart(expected, "error", f.error());
            return d.isPresent() ? d : errorPart(expected, "cause", f.cause());
        }
        return Optional.empty();
    }

    private static Optional<String> errorPart(JsonNode expected, String key, String actual) {
        if (!expected.has(key)) {
            return Optional.empty();
        }
        JsonNode e = expected.get(key);
        if (e.isNull()) {
            return actual == null || actual.isEmpty() ? Optional.empty() : Optional.of(key + ": expected none, got " + actual);
        }
        if (actual == null) {
            return Optional.of(key + ": missing, expected " + e);
        }
        if (e.isContainerNode()) {
            try {
                return JsonMatcher.difference(e, JSON.readTree(actual), key);
            } catch (IOException ex) {
                return Optional.of(key + ": expected JSON " + e + ", got " + actual);
            }
        }
        return JsonMatcher.difference(e, TextNode.valueOf(actual), key);
    }

    private static Optional<JsonNode> parseInput(String input) {
        if (input == null) {
            return Optional.of(JsonNodeFactory.instance.objectNode());
        }
        if (input.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(input));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
