package io.portico.functions.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;

/**
 * Base of the Java runtime tests: starts environments of fixture handlers, invokes them with JSON
 * text, and closes every environment it started after each test.
 */
public abstract class RuntimeTesting {
    protected static final ObjectMapper JSON = new ObjectMapper();
    protected final JavaRuntime runtime = JavaRuntime.create();
    private final List<ExecutionEnvironment> started = new ArrayList<>();

    @AfterEach
    void closeEnvironments() {
        started.forEach(ExecutionEnvironment::close);
    }

    protected ExecutionEnvironment start(String handler) {
        return start(Fixtures.spec(handler), new RecordingLog());
    }

    protected ExecutionEnvironment start(VersionSpec spec, RecordingLog initLog) {
        try {
            ExecutionEnvironment environment = runtime.start(spec, initLog);
            started.add(environment);
            return environment;
        } catch (FunctionInitException | InterruptedException e) {
            throw new AssertionError("init failed: " + e.getMessage() + "\n" + initLog.text(), e);
        }
    }

    protected FunctionInitException initFailure(String handler, RecordingLog initLog) {
        try {
            ExecutionEnvironment environment = runtime.start(Fixtures.spec(handler), initLog);
            environment.close();
            throw new AssertionError("init of " + handler + " succeeded");
        } catch (FunctionInitException e) {
            return e;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    protected static InvocationRequest request(String requestId, String payload, RecordingLog log) {
        return new InvocationRequest(requestId, payload.getBytes(StandardCharsets.UTF_8), Instant.now().plusSeconds(30),
                Fixtures.FUNCTION_ARN, Optional.empty(), Optional.empty(), log);
    }

    protected static InvocationOutcome invoke(ExecutionEnvironment environment, String payload) {
        return invoke(environment, payload, new RecordingLog());
    }

    protected static InvocationOutcome invoke(ExecutionEnvironment environment, String payload, RecordingLog log) {
        try {
            return environment.invoke(request("request-1", payload, log));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** The response text of a successful invocation. */
    protected static String response(InvocationOutcome outcome) {
        assertThat(outcome).isInstanceOf(InvocationOutcome.Success.class);
        return new String(((InvocationOutcome.Success) outcome).payload(), StandardCharsets.UTF_8);
    }

    protected static InvocationOutcome.FunctionError error(InvocationOutcome outcome) {
        assertThat(outcome).isInstanceOf(InvocationOutcome.FunctionError.class);
        return (InvocationOutcome.FunctionError) outcome;
    }

    protected static JsonNode json(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected static JsonNode json(String text) {
        return json(text.getBytes(StandardCharsets.UTF_8));
    }
}
