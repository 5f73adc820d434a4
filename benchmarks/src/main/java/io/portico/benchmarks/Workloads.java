package io.portico.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portico.core.json.Json;
import io.portico.states.asl.Definition;
import io.portico.states.asl.parse.DefinitionParser;
import io.portico.states.asl.parse.MachineType;
import io.portico.states.engine.Checkpointer;
import io.portico.states.engine.ExecutionInfo;
import io.portico.states.engine.ExecutionResult;
import io.portico.states.engine.ExecutionRun;
import io.portico.states.engine.HistoryEvent;
import io.portico.states.engine.Interpreter;
import io.portico.states.engine.MemoryJournal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Instant;

/**
 * The shared benchmark workloads in {@code benchmarks/machines/} (the same files the peer harness
 * runs): a definition, its input, and how many state transitions one execution makes, counted as
 * states entered, the way both engines are compared.
 */
public record Workloads(String name, String definitionText, Definition definition, JsonNode input, JsonNode expected) {
    private static final ObjectMapper JSON = Json.mapper();

    public static Path directory() {
        Path configured = Paths.get(System.getProperty("portico.bench.machines", "benchmarks/machines"));
        if (Files.isDirectory(configured)) {
            return configured;
        }
        return Paths.get("machines");
    }

    public static Workloads load(String name) {
        try {
            Path dir = directory();
            String text = Files.readString(dir.resolve(name + ".asl.json"));
            JsonNode input = JSON.readTree(dir.resolve(name + ".input.json").toFile());
            JsonNode expected = JSON.readTree(dir.resolve(name + ".expected.json").toFile());
            return new Workloads(name, text, DefinitionParser.parse(text, MachineType.EXPRESS), input, expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ExecutionInfo info(String id) {
        return new ExecutionInfo("arn:aws:states:us-east-1:000000000000:express:bench:" + id, id,
                "arn:aws:states:us-east-1:000000000000:stateMachine:bench", "bench",
                "arn:aws:iam::000000000000:role/bench", Instant.now(), input, 0);
    }

    /** Runs one execution with a keeping journal and counts the states it entered. */
    public int transitionsPerExecution(Interpreter interpreter) {
        MemoryJournal journal = MemoryJournal.keeping(Clock.systemUTC());
        ExecutionResult result = interpreter.run(new ExecutionRun(info("count"), definition, journal, Checkpointer.NONE));
        if (!(result instanceof ExecutionResult.Succeeded succeeded) || !succeeded.output().equals(expected)) {
            throw new IllegalStateException(name + " did not produce the expected output: " + result);
        }
        int entered = 0;
        for (HistoryEvent e : journal.events()) {
            if (e.type().name().endsWith("StateEntered")) {
                entered++;
            }
        }
        return entered;
    }
}
