package io.portico.states.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.states.asl.parse.MachineType;
import io.portico.states.store.StatesStores;
import io.portico.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history of a {@code .waitForTaskToken} Task, whatever its resource: the resource records
 * TaskScheduled and TaskStarted, the Task state adds TaskSubmitted with the service's response and then
 * the callback's TaskSucceeded or TaskFailed (as AWS records them). Regression: nothing after
 * TaskStarted was recorded.
 */
class CallbackHistoryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SEND = "arn:aws:states:::sqs:sendMessage.waitForTaskToken";
    private static final String DEFINITION = """
            {"StartAt": "Send", "States": {"Send": {"Type": "Task", "Resource": "%s",
              "Parameters": {"Token.$": "$$.Task.Token"}, "End": true}}}""".formatted(SEND);

    @TempDir
    Path dataDir;
    private SqliteStore store;
    private StepFunctions engine;
    private final CompletableFuture<String> token = new CompletableFuture<>();

    @BeforeEach
    void start() {
        store = SqliteStore.open(dataDir);
        TaskResources queue = resource -> SEND.equals(resource) ? Optional.of(call -> {
            call.events().record(EventType.TaskScheduled, () -> JsonNodeFactory.instance.objectNode()
                    .put("resourceType", "sqs").put("resource", "sendMessage.waitForTaskToken"));
            call.events().record(EventType.TaskStarted, () -> JsonNodeFactory.instance.objectNode()
                    .put("resourceType", "sqs").put("resource", "sendMessage.waitForTaskToken"));
            token.complete(call.input().path("Token").asText());
            return JsonNodeFactory.instance.objectNode().put("MessageId", "m-1");
        }) : Optional.empty();
        engine = StepFunctions.create(StatesStores.over(store, Clock.systemUTC()), EngineTimers.kit(), queue);
        engine.start();
    }

    @AfterEach
    void stop() {
        engine.close();
        store.close();
    }

    @Test
    void callbackSuccess_recordsSubmittedThenSucceeded() throws Exception {
        String execution = startExecution();
        engine.tokens().complete(token.get(10, TimeUnit.SECONDS),
                new TaskTokens.Completion.Success(JSON.readTree("{\"ok\":true}")));
        ExecutionRecord end = engine.executions().awaitEnd(execution);

        assertThat(end.status()).isEqualTo("SUCCEEDED");
        assertThat(engine.executions().history(execution)).extracting(e -> e.type().name()).containsExactly(
                "ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSubmitted",
                "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded");
        ObjectNode submitted = details(execution, EventType.TaskSubmitted);
        assertThat(submitted.path("resource").asText()).isEqualTo("sendMessage.waitForTaskToken");
        assertThat(submitted.path("output").asText()).isEqualTo("{\"MessageId\":\"m-1\"}");
        ObjectNode succeeded = details(execution, EventType.TaskSucceeded);
        assertThat(succeeded.path("resourceType").asText()).isEqualTo("sqs");
        assertThat(succeeded.path("output").asText()).isEqualTo("{\"ok\":true}");
    }

    @Test
    void callbackFailure_recordsSubmittedThenFailed() throws Exception {
        String execution = startExecution();
        engine.tokens().complete(token.get(10, TimeUnit.SECONDS), new TaskTokens.Completion.Failure("No.Way", "because"));
        ExecutionRecord end = engine.executions().awaitEnd(execution);

        assertThat(end.status()).isEqualTo("FAILED");
        assertThat(end.error()).contains("No.Way");
        assertThat(engine.executions().history(execution)).extracting(e -> e.type().name()).containsExactly(
                "ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSubmitted",
                "TaskFailed", "ExecutionFailed");
        ObjectNode failed = details(execution, EventType.TaskFailed);
        assertThat(failed.path("error").asText()).isEqualTo("No.Way");
        assertThat(failed.path("cause").asText()).isEqualTo("because");
        assertThat(failed.path("resource").asText()).isEqualTo("sendMessage.waitForTaskToken");
    }

    private String startExecution() {
        String machine = engine.machines().create(new StateMachines.CreateRequest("000000000000", "us-east-1", "sender",
                DEFINITION, "arn:aws:iam::000000000000:role/r", MachineType.STANDARD, Optional.empty(),
                Optional.empty(), false, Optional.empty(), Map.of())).arn();
        return engine.executions().start(new Executions.StartRequest(machine, Optional.empty(), Optional.of("{}"),
                Optional.empty())).executionArn();
    }

    private ObjectNode details(String execution, EventType type) {
        return engine.executions().history(execution).stream().filter(e -> e.type() == type).findFirst()
                .orElseThrow().details();
    }
}
