package io.portico.states.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portico.states.asl.parse.MachineType;
import io.portico.states.engine.EngineTimers;
import io.portico.states.engine.ExecutionRecord;
import io.portico.states.engine.Executions;
import io.portico.states.engine.MapRunInfo;
import io.portico.states.engine.StateMachines;
import io.portico.states.engine.StepFunctions;
import io.portico.states.engine.TaskResources;
import io.portico.states.store.StatesStores;
import io.portico.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A STANDARD parent stopped mid-Map by a shutdown resumes its Map Run without rerunning finished children. */
class MapRunRecoveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WORK = "arn:aws:lambda:us-east-1:000000000000:function:work";
    private static final String DEFINITION = """
            {"QueryLanguage": "JSONata", "StartAt": "Fanout", "States": {
              "Fanout": {"Type": "Map", "Items": [1, 2], "MaxConcurrency": 1,
                "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                  "StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "%s", "End": true}}},
                "End": true}}}""".formatted(WORK);

    @TempDir
    Path dataDir;

    @Test
    void resumedParent_continuesItsMapRun_andSkipsFinishedChildren() throws Exception {
        SqliteStore store = SqliteStore.open(dataDir);
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        CountDownLatch secondItemStarted = new CountDownLatch(1);
        TaskResources first = worker("before", calls, secondItemStarted);
        StepFunctions before = StepFunctions.create(StatesStores.over(store, Clock.systemUTC()), EngineTimers.kit(), first);
        before.start();
        String machineArn = before.machines().create(new StateMachines.CreateRequest("000000000000", "us-east-1", "orders",
                DEFINITION, "arn:aws:iam::000000000000:role/orders", MachineType.STANDARD, Optional.empty(),
                Optional.empty(), false, Optional.empty(), Map.of())).arn();
        String executionArn = before.executions().start(new Executions.StartRequest(machineArn, Optional.empty(),
                Optional.of("{}"), Optional.empty())).executionArn();
        assertThat(secondItemStarted.await(10, TimeUnit.SECONDS)).isTrue();
        String mapRunArn = before.mapRuns().list(executionArn).get(0).mapRunArn();

        before.close();
        StepFunctions after = StepFunctions.create(StatesStores.over(store, Clock.systemUTC()), EngineTimers.kit(),
                worker("after", calls, new CountDownLatch(0)));
        after.start();
        ExecutionRecord end = after.executions().awaitEnd(executionArn);

        assertThat(end.status()).isEqualTo("SUCCEEDED");
        assertThat(JSON.readTree(end.output().orElseThrow())).isEqualTo(JSON.readTree("""
                [{"by": "before", "item": 1}, {"by": "after", "item": 2}]"""));
        assertThat(calls.get("after:1")).isNull();
        List<MapRunInfo> runs = after.mapRuns().list(executionArn);
        assertThat(runs).extracting(MapRunInfo::mapRunArn).containsExactly(mapRunArn);
        assertThat(runs.get(0).status()).isEqualTo("SUCCEEDED");
        assertThat(after.mapRuns().executions(mapRunArn, Optional.empty())).extracting(ExecutionRecord::status)
                .containsExactly("SUCCEEDED", "SUCCEEDED");
        after.close();
        store.close();
    }

    /** A Lambda stand-in: answers at once, except item 2 before the restart, which blocks until stopped. */
    private static TaskResources worker(String by, Map<String, AtomicInteger> calls, CountDownLatch secondItemStarted) {
        return resource -> WORK.equals(resource) ? Optional.of(call -> {
            int item = call.input().asInt();
            calls.computeIfAbsent(by + ":" + item, k -> new AtomicInteger()).incrementAndGet();
            if (by.equals("before") && item == 2) {
                secondItemStarted.countDown();
                new CountDownLatch(1).await();
            }
            JsonNode out = JSON.createObjectNode().put("by", by).put("item", item);
            return out;
        }) : Optional.empty();
    }
}
