package io.portico.states.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portico.states.asl.Definition;
import io.portico.states.asl.parse.DefinitionParser;
import io.portico.states.asl.parse.MachineType;
import io.portico.states.engine.StepFunctionsException.Kind;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Distributed Map states run through the interpreter, and the Map Run records they leave. */
class DistributedMapTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PARENT_ARN = "arn:aws:states:us-east-1:000000000000:execution:orders:run-1";
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private final Interpreter interpreter = new Interpreter(Clock.systemUTC(), TaskResources.NONE, EngineTimers.tokens(),
            EngineTimers.waiting());

    @Test
    void distributedMap_runsItemsAsChildren_andKeepsTheirEventsOutOfTheParentHistory() {
        Run run = run(definition("\"Label\": \"Double\",", "\"Items\": [1, 2, 3],",
                passOutput("{% $states.input * 2 %}")), "{}");

        assertThat(run.output()).isEqualTo(json("[2, 4, 6]"));
        assertThat(run.eventTypes()).containsExactly("ExecutionStarted", "MapStateEntered", "MapStateStarted",
                "MapRunStarted", "MapRunSucceeded", "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded");
    }

    @Test
    void mapRun_isRecordedWithAwsArnAndFinalCounts() {
        Run run = run(definition("\"Label\": \"Double\", \"MaxConcurrency\": 2,", "\"Items\": [1, 2, 3],",
                passOutput("{% $states.input %}")), "{}");

        MapRunInfo mapRun = onlyMapRun();
        assertThat(mapRun.mapRunArn()).matches("arn:aws:states:us-east-1:000000000000:mapRun:orders/Double:" + UUID_PATTERN);
        assertThat(run.mapRunStartedArn()).isEqualTo(mapRun.mapRunArn());
        assertThat(mapRun.executionArn()).isEqualTo(PARENT_ARN);
        assertThat(mapRun.stateMachineArn()).isEqualTo("arn:aws:states:us-east-1:000000000000:stateMachine:orders/Double");
        assertThat(mapRun.status()).isEqualTo("SUCCEEDED");
        assertThat(mapRun.stopDate()).isPresent();
        assertThat(mapRun.maxConcurrency()).isEqualTo(2);
        assertThat(mapRun.itemCounts()).isEqualTo(new MapRunCounts(0, 0, 3, 0, 0, 0, 3, 3, 0, 0));
        assertThat(mapRun.executionCounts()).isEqualTo(new MapRunCounts(0, 0, 3, 0, 0, 0, 3, 3, 0, 0));
    }

    @Test
    void childExecution_seesItsOwnContextObject() {
        Run run = run(definition("\"Label\": \"Ctx\",", "\"Items\": [\"a\"],",
                passOutput("{% {'id': $states.context.Execution.Id, 'machine': $states.context.StateMachine.Name, "
                        + "'input': $states.context.Execution.Input} %}")), "{}");

        JsonNode child = run.output().get(0);
        assertThat(child.path("id").asText())
                .matches("arn:aws:states:us-east-1:000000000000:execution:orders/Ctx:" + UUID_PATTERN);
        assertThat(child.path("machine").asText()).isEqualTo("orders/Ctx");
        assertThat(child.path("input")).isEqualTo(json("\"a\""));
    }

    @Test
    void itemSelector_seesTheItemInTheParent_andShapesTheChildInput() {
        Run run = run(definition("\"ItemSelector\": {\"value\": \"{% $states.context.Map.Item.Value %}\", "
                + "\"index\": \"{% $states.context.Map.Item.Index %}\", \"all\": \"{% $states.input.tag %}\"},",
                "\"Items\": [\"a\", \"b\"],", passOutput("{% $states.input %}")), "{\"tag\": \"t\"}");

        assertThat(run.output()).isEqualTo(json("""
                [{"value": "a", "index": 0, "all": "t"}, {"value": "b", "index": 1, "all": "t"}]"""));
    }

    @Test
    void mapRunLabel_defaultsToTheStateName() {
        run(definition("", "\"Items\": [1],", passOutput("{% $states.input %}")), "{}");

        assertThat(onlyMapRun().mapRunArn()).contains(":mapRun:orders/Fanout:");
    }

    @Test
    void toleratedFailures_withinThreshold_mapSucceedsWithTheFailedChildsResult() {
        Run run = run(definition("\"ToleratedFailureCount\": 1,", "\"Items\": [1, 2, 3],", failOnTwo()), "{}");

        assertThat(run.result()).isInstanceOf(ExecutionResult.Succeeded.class);
        JsonNode failed = run.output().get(1);
        assertThat(failed.path("Status").asText()).isEqualTo("FAILED");
        assertThat(failed.path("Error").asText()).isEqualTo("Boom");
        assertThat(failed.path("Cause").asText()).isEqualTo("item two");
        assertThat(failed.path("ExecutionArn").asText()).contains(":execution:orders/Fanout:");
        assertThat(failed.path("Input").asText()).isEqualTo("2");
        assertThat(run.output().get(0)).isEqualTo(json("1"));
        MapRunInfo mapRun = onlyMapRun();
        assertThat(mapRun.status()).isEqualTo("SUCCEEDED");
        assertThat(mapRun.itemCounts().failed()).isEqualTo(1);
        assertThat(mapRun.itemCounts().succeeded()).isEqualTo(2);
    }

    @Test
    void toleratedFailures_exceeded_failsWithExceedToleratedFailureThreshold() {
        Run run = run(definition("\"ToleratedFailurePercentage\": 20,", "\"Items\": [1, 2, 3, 4],", failOnTwo()), "{}");

        assertThat(run.result()).isEqualTo(new ExecutionResult.Failed("States.ExceedToleratedFailureThreshold",
                "The specified tolerated failure threshold was exceeded"));
        assertThat(run.eventTypes()).containsSubsequence("MapRunStarted", "MapRunFailed", "MapStateFailed",
                "ExecutionFailed");
        HistoryEvent mapRunFailed = run.events().stream().filter(e -> e.type() == EventType.MapRunFailed).findFirst()
                .orElseThrow();
        assertThat(mapRunFailed.details().path("error").asText()).isEqualTo("States.ExceedToleratedFailureThreshold");
        assertThat(onlyMapRun().status()).isEqualTo("FAILED");
    }

    @Test
    void toleratedFailures_noneSet_anyFailureFailsTheMap() {
        Run run = run(definition("\"MaxConcurrency\": 1,", "\"Items\": [1, 2, 3],", failOnTwo()), "{}");

        assertThat(run.result()).isInstanceOf(ExecutionResult.Failed.class);
        MapRunInfo mapRun = onlyMapRun();
        assertThat(mapRun.itemCounts().failed()).isEqualTo(1);
        assertThat(mapRun.itemCounts().total()).isEqualTo(3);
        assertThat(mapRun.itemCounts().pending()).isZero();
    }

    @Test
    void exceededThreshold_isCatchable() {
        String definition = """
                {"QueryLanguage": "JSONata", "StartAt": "Fanout", "States": {
                  "Fanout": {"Type": "Map", "Items": [2],
                    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, %s},
                    "Catch": [{"ErrorEquals": ["States.ExceedToleratedFailureThreshold"], "Next": "Caught"}],
                    "End": true},
                  "Caught": {"Type": "Pass", "End": true}}}""".formatted(failOnTwo());
        Run run = run(definition, "{}");

        assertThat(run.output().path("Error").asText()).isEqualTo("States.ExceedToleratedFailureThreshold");
    }

    @Test
    void itemBatcher_groupsItemsIntoChildInputsWithBatchInput() {
        Run run = run(definition("\"ItemBatcher\": {\"MaxItemsPerBatch\": 2, \"BatchInput\": {\"job\": \"{% $states.input.job %}\"}},",
                "\"Items\": [1, 2, 3, 4, 5],", passOutput("{% $states.input %}")), "{\"job\": 7}");

        assertThat(run.output()).isEqualTo(json("""
                [{"Items": [1, 2], "BatchInput": {"job": 7}},
                 {"Items": [3, 4], "BatchInput": {"job": 7}},
                 {"Items": [5], "BatchInput": {"job": 7}}]"""));
        MapRunInfo mapRun = onlyMapRun();
        assertThat(mapRun.itemCounts().total()).isEqualTo(5);
        assertThat(mapRun.executionCounts().total()).isEqualTo(3);
        assertThat(mapRun.executionCounts().succeeded()).isEqualTo(3);
    }

    @Test
    void itemBatcher_maxInputBytesPerBatch_splitsBySize() {
        Run run = run(definition("\"ItemBatcher\": {\"MaxInputBytesPerBatch\": 10},",
                "\"Items\": [\"aaaa\", \"bbbb\", \"cccc\"],", passOutput("{% $count($states.input.Items) %}")), "{}");

        assertThat(run.output()).isEqualTo(json("[1, 1, 1]"));
    }

    @Test
    void itemReader_withoutAnObjectStore_failsWithItemReaderFailedNamingWhatIsMissing() {
        Run run = run(definition("\"ItemReader\": {\"Resource\": \"arn:aws:states:::s3:getObject\", "
                + "\"Arguments\": {\"Bucket\": \"b\", \"Key\": \"k\"}},", "", passOutput("{% $states.input %}")), "{}");

        ExecutionResult.Failed failed = (ExecutionResult.Failed) run.result();
        assertThat(failed.error()).isEqualTo("States.ItemReaderFailed");
        assertThat(failed.cause()).contains("arn:aws:states:::s3:getObject").contains("object store");
    }

    @Test
    void resultWriter_withoutAnObjectStore_isAcceptedAndOutputIsAsWithout() {
        Run run = run(definition("\"ResultWriter\": {\"Resource\": \"arn:aws:states:::s3:putObject\", "
                + "\"Arguments\": {\"Bucket\": \"b\", \"Prefix\": \"p\"}},", "\"Items\": [1, 2],",
                passOutput("{% $states.input %}")), "{}");

        assertThat(run.output()).isEqualTo(json("[1, 2]"));
    }

    @Test
    void childCheckpoints_useAStableKeyPerItem_soAResumedParentSkipsFinishedChildren() {
        RecordingCheckpointer checkpointer = new RecordingCheckpointer();
        // The Map's entered event is the execution's second: its children's keys carry it.
        checkpointer.done.put("/Fanout[0]@2", json("\"from before the restart\""));
        Run run = run(definition("", "\"Items\": [1, 2],", passOutput("{% $states.input * 10 %}")), "{}", checkpointer);

        assertThat(run.output()).isEqualTo(json("[\"from before the restart\", 20]"));
        assertThat(checkpointer.done).containsEntry("/Fanout[1]@2", json("20"));
    }

    @Test
    void updateMapRun_raisesMaxConcurrencyOfTheRunningMapRun() throws Exception {
        AtomicInteger concurrent = new AtomicInteger();
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch bothRunning = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        TaskResources blocking = resource -> Optional.of(call -> {
            concurrent.incrementAndGet();
            firstRunning.countDown();
            bothRunning.countDown();
            release.await();
            return call.input();
        });
        Interpreter withTask = new Interpreter(Clock.systemUTC(), blocking, EngineTimers.tokens(), EngineTimers.waiting());
        String definition = definition("\"MaxConcurrency\": 1,", "\"Items\": [1, 2],", """
                "StartAt": "Work", "States": {"Work": {"Type": "Task",
                  "Resource": "arn:aws:lambda:us-east-1:000000000000:function:work", "End": true}}""");
        CompletableFuture<ExecutionResult> result = CompletableFuture.supplyAsync(() ->
                withTask.run(newRun(definition, "{}", Checkpointer.NONE)));

        assertThat(firstRunning.await(10, TimeUnit.SECONDS)).isTrue();
        MapRunInfo running = withTask.mapRuns().list(PARENT_ARN).get(0);
        assertThat(running.itemCounts().running()).isEqualTo(1);
        assertThat(running.itemCounts().pending()).isEqualTo(1);
        withTask.mapRuns().update(running.mapRunArn(), Optional.of(2), Optional.empty(), Optional.of(50.0));
        assertThat(bothRunning.await(10, TimeUnit.SECONDS)).isTrue();
        MapRunInfo updated = withTask.mapRuns().describe(running.mapRunArn());
        assertThat(updated.maxConcurrency()).isEqualTo(2);
        assertThat(updated.toleratedFailurePercentage()).contains(50.0);
        assertThat(updated.itemCounts().running()).isEqualTo(2);
        release.countDown();

        assertThat(result.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionResult.Succeeded.class);
        assertThat(concurrent.get()).isEqualTo(2);
        assertThatThrownBy(() -> withTask.mapRuns().update(running.mapRunArn(), Optional.of(3), Optional.empty(),
                Optional.empty())).isInstanceOf(StepFunctionsException.class).hasMessageContaining("not running");
    }

    @Test
    void stoppingTheParent_abortsTheMapRunAndItsChildren() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        TaskResources blocking = resource -> Optional.of(call -> {
            started.countDown();
            new CountDownLatch(1).await();
            return call.input();
        });
        Interpreter withTask = new Interpreter(Clock.systemUTC(), blocking, EngineTimers.tokens(), EngineTimers.waiting());
        ExecutionRun parent = newRun(definition("", "\"Items\": [1],", """
                "StartAt": "Work", "States": {"Work": {"Type": "Task",
                  "Resource": "arn:aws:lambda:us-east-1:000000000000:function:work", "End": true}}"""), "{}",
                Checkpointer.NONE);
        CompletableFuture<ExecutionResult> result = CompletableFuture.supplyAsync(() -> withTask.run(parent));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        parent.stop(new ExecutionResult.Aborted(null, null));

        assertThat(result.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionResult.Aborted.class);
        MapRunInfo mapRun = withTask.mapRuns().list(PARENT_ARN).get(0);
        assertThat(mapRun.status()).isEqualTo("ABORTED");
        assertThat(mapRun.itemCounts().aborted()).isEqualTo(1);
    }

    @Test
    void describeMapRun_errorsAsAws() {
        MapRuns runs = MapRuns.inMemory(Clock.systemUTC());

        assertThatThrownBy(() -> runs.describe("arn:aws:states:us-east-1:000000000000:execution:x:y"))
                .isInstanceOfSatisfying(StepFunctionsException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.MALFORMED_ARN));
        assertThatThrownBy(() -> runs.describe("arn:aws:states:us-east-1:000000000000:mapRun:x/y:" + java.util.UUID.randomUUID()))
                .isInstanceOfSatisfying(StepFunctionsException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.RESOURCE_NOT_FOUND));
    }

    // --- helpers ---

    private record Run(ExecutionResult result, List<HistoryEvent> events) {
        JsonNode output() {
            return ((ExecutionResult.Succeeded) result).output();
        }

        List<String> eventTypes() {
            return events.stream().map(e -> e.type().name()).toList();
        }

        String mapRunStartedArn() {
            return events.stream().filter(e -> e.type() == EventType.MapRunStarted).findFirst().orElseThrow()
                    .details().path("mapRunArn").asText();
        }
    }

    private Run run(String definition, String input) {
        return run(definition, input, Checkpointer.NONE);
    }

    private Run run(String definition, String input, Checkpointer checkpointer) {
        ExecutionRun run = newRun(definition, input, checkpointer);
        ExecutionResult result = interpreter.run(run);
        return new Run(result, run.journal().events());
    }

    private static ExecutionRun newRun(String definitionText, String input, Checkpointer checkpointer) {
        Definition definition = DefinitionParser.parse(definitionText, MachineType.STANDARD);
        ExecutionInfo info = new ExecutionInfo(PARENT_ARN, "run-1", "arn:aws:states:us-east-1:000000000000:stateMachine:orders",
                "orders", "arn:aws:iam::000000000000:role/orders", Instant.now(), json(input), 0);
        return new ExecutionRun(info, definition, MemoryJournal.keeping(Clock.systemUTC()), checkpointer);
    }

    private MapRunInfo onlyMapRun() {
        List<MapRunInfo> runs = interpreter.mapRuns().list(PARENT_ARN);
        assertThat(runs).hasSize(1);
        return interpreter.mapRuns().describe(runs.get(0).mapRunArn());
    }

    /** A JSONata definition with one distributed Map "Fanout"; {@code processor} is StartAt and States. */
    private static String definition(String mapFields, String items, String processor) {
        return """
                {"QueryLanguage": "JSONata", "StartAt": "Fanout", "States": {
                  "Fanout": {"Type": "Map", %s %s
                    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, %s},
                    "End": true}}}""".formatted(mapFields, items, processor);
    }

    private static String passOutput(String output) {
        return """
                "StartAt": "Work", "States": {"Work": {"Type": "Pass", "Output": "%s", "End": true}}""".formatted(output);
    }

    private static String failOnTwo() {
        return """
                "StartAt": "Check", "States": {
                  "Check": {"Type": "Choice", "Choices": [{"Condition": "{% $states.input = 2 %}", "Next": "Boom"}],
                    "Default": "Ok"},
                  "Boom": {"Type": "Fail", "Error": "Boom", "Cause": "item two"},
                  "Ok": {"Type": "Pass", "End": true}}""";
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Keeps frame outputs in memory, as the durable checkpointer keeps them in the store. */
    private static final class RecordingCheckpointer extends Checkpointer.Discarding {
        final java.util.Map<String, JsonNode> done = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public void save(String frameKey, FrameCheckpoint position) {
            position.output().ifPresent(output -> done.put(frameKey, output));
        }

        @Override
        public Optional<FrameCheckpoint> load(String frameKey) {
            JsonNode output = done.get(frameKey);
            return output == null ? Optional.empty() : Optional.of(FrameCheckpoint.done(output, false, 0));
        }
    }
}
