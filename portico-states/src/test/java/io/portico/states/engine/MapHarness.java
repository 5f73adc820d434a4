package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portico.states.asl.Definition;
import io.portico.states.asl.parse.DefinitionParser;
import io.portico.states.asl.parse.MachineType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Runs one-state definitions through an interpreter wired to a directory object store, for the tests of
 * ItemReader and ResultWriter. The parent execution is {@code orders/run-1}.
 */
final class MapHarness {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PARENT_ARN = "arn:aws:states:us-east-1:000000000000:execution:orders:run-1";

    final Path objects;
    final Interpreter interpreter = new Interpreter(Clock.systemUTC(), TaskResources.NONE, EngineTimers.tokens(),
            EngineTimers.waiting());

    MapHarness(Path dir) {
        this.objects = dir.resolve("objects");
        interpreter.attachObjectStore(io.portico.states.store.DirectoryObjectStore.at(objects));
    }

    /** How a run ended and what it recorded. */
    record Run(ExecutionResult result, List<HistoryEvent> events) {
        JsonNode output() {
            if (!(result instanceof ExecutionResult.Succeeded s)) {
                throw new AssertionError("expected success, got " + result);
            }
            return s.output();
        }

        ExecutionResult.Failed failure() {
            if (!(result instanceof ExecutionResult.Failed f)) {
                throw new AssertionError("expected failure, got " + result);
            }
            return f;
        }
    }

    /** Writes {@code content} as the object {@code bucket/key}, creating the bucket directory. */
    MapHarness object(String bucket, String key, String content) {
        try {
            Path file = objects.resolve(bucket).resolve(key);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    MapHarness bucket(String bucket) {
        try {
            Files.createDirectories(objects.resolve(bucket));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    String read(String bucket, String key) {
        try {
            return Files.readString(objects.resolve(bucket).resolve(key), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Run run(String definitionText, String input) {
        Definition definition = DefinitionParser.parse(definitionText, MachineType.STANDARD);
        ExecutionInfo info = new ExecutionInfo(PARENT_ARN, "run-1", "arn:aws:states:us-east-1:000000000000:stateMachine:orders",
                "orders", "arn:aws:iam::000000000000:role/orders", Instant.now(), json(input), 0);
        ExecutionRun run = new ExecutionRun(info, definition, MemoryJournal.keeping(Clock.systemUTC()), Checkpointer.NONE);
        return new Run(interpreter.run(run), run.journal().events());
    }

    MapRunInfo onlyMapRun() {
        List<MapRunInfo> runs = interpreter.mapRuns().list(PARENT_ARN);
        if (runs.size() != 1) {
            throw new AssertionError("expected one Map Run, got " + runs);
        }
        return interpreter.mapRuns().describe(runs.get(0).mapRunArn());
    }

    /** A JSONata definition with one distributed Map "Fanout" whose children output their input. */
    static String jsonata(String mapFields) {
        return """
                {"QueryLanguage": "JSONata", "StartAt": "Fanout", "States": {
                  "Fanout": {"Type": "Map", %s,
                    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                      "StartAt": "Work", "States": {"Work": {"Type": "Pass", "End": true}}},
                    "End": true}}}""".formatted(mapFields);
    }

    /** The same in JSONPath. */
    static String jsonPath(String mapFields) {
        return """
                {"StartAt": "Fanout", "States": {
                  "Fanout": {"Type": "Map", %s,
                    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                      "StartAt": "Work", "States": {"Work": {"Type": "Pass", "End": true}}},
                    "End": true}}}""".formatted(mapFields);
    }

    /** A JSONata processor that fails for input {@code "2"} (CSV fields are strings) or 2. */
    static String failingOnTwo(String mapFields) {
        return """
                {"QueryLanguage": "JSONata", "StartAt": "Fanout", "States": {
                  "Fanout": {"Type": "Map", %s,
                    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                      "StartAt": "Check", "States": {
                        "Check": {"Type": "Choice", "Choices": [{"Condition": "{%% $string($states.input.n) = '2' %%}",
                          "Next": "Boom"}], "Default": "Ok"},
                        "Boom": {"Type": "Fail", "Error": "Boom", "Cause": "item two"},
                        "Ok": {"Type": "Pass", "End": true}}},
                    "End": true}}}""".formatted(mapFields);
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
