package io.portico.states.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.portico.states.asl.parse.DefinitionParser;
import io.portico.states.asl.parse.MachineType;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * An inline Map of 100,000 items (issue 8: one of them ran out of its five minutes with 5.8 GB
 * resident): it runs at most 40 iterations at once (AWS's bound) on at most 40 threads, whatever the
 * item count and MaxConcurrency, keeps its results in item order, and fails with
 * States.DataLimitExceeded as soon as results it would output whole pass 256 KiB, or with
 * States.Runtime at a kept history's 25,000 events. The checks count
 * threads and calls through the Task resource each iteration calls, never time.
 */
class InlineMapLimitsTest {
    private static final int ITEMS = 100_000;
    private static final String PROBE = "arn:aws:lambda:us-east-1:000000000000:function:probe";

    private final Probe probe = new Probe();
    private final Interpreter interpreter = new Interpreter(Clock.systemUTC(),
            resource -> resource.equals(PROBE) ? Optional.of(probe) : Optional.empty(),
            EngineTimers.tokens(), EngineTimers.waiting());

    @Test
    void inlineMapOf100000Items_runsAtMost40IterationsOnAtMost40Threads() {
        // ResultSelector: the 100,000 results (about 590 KB) are reshaped, so the Map runs every item.
        ExecutionResult result = run(map("", "\"ResultSelector\": {\"first.$\": \"$[0]\", \"last.$\": \"$[99999]\", "
                + "\"count.$\": \"States.ArrayLength($)\"},"), indices(ITEMS));

        assertThat(result).isEqualTo(new ExecutionResult.Succeeded(json("{\"first\": 0, \"last\": 99999, \"count\": 100000}")));
        assertThat(probe.calls.get()).isEqualTo(ITEMS);
        assertThat(probe.mostAtOnce.get()).isBetween(1, MapLimits.INLINE_CONCURRENCY);
        assertThat(probe.threads).hasSizeLessThanOrEqualTo(MapLimits.INLINE_CONCURRENCY);
    }

    @Test
    void maxConcurrencyOverForty_isHeldToForty() {
        ExecutionResult result = run(map("\"MaxConcurrency\": 1000,", "\"ResultPath\": null,"), indices(5_000));

        assertThat(result).isInstanceOf(ExecutionResult.Succeeded.class);
        assertThat(probe.mostAtOnce.get()).isLessThanOrEqualTo(MapLimits.INLINE_CONCURRENCY);
        assertThat(probe.threads).hasSizeLessThanOrEqualTo(MapLimits.INLINE_CONCURRENCY);
    }

    @Test
    void maxConcurrencyOne_runsOneIterationAtATime_inItemOrder() {
        ExecutionResult result = run(map("\"MaxConcurrency\": 1,", ""), indices(1_000));

        assertThat(result).isEqualTo(new ExecutionResult.Succeeded(indices(1_000)));
        assertThat(probe.mostAtOnce.get()).isEqualTo(1);
        assertThat(probe.threads).hasSize(1);
    }

    @Test
    void resultsInItemOrder_whenIterationsRunSideBySide() {
        ExecutionResult result = run(map("", ""), indices(20_000));

        assertThat(result).isEqualTo(new ExecutionResult.Succeeded(indices(20_000)));
    }

    @Test
    void resultsOverTheQuota_failTheMapEarly_withDataLimitExceeded() {
        // {"i":12345} is about 11 bytes: the results pass 256 KiB after some 24,000 items.
        ExecutionResult result = run(map("\"ItemSelector\": {\"i.$\": \"$$.Map.Item.Index\"},", ""), indices(ITEMS));

        assertThat(result).isEqualTo(new ExecutionResult.Failed("States.DataLimitExceeded",
                "The state/task 'Each' returned a result with a size exceeding the maximum number of bytes service limit."));
        assertThat(probe.calls.get()).isLessThan(30_000);
    }

    @Test
    void resultsOverTheQuota_thatTheMapReshapes_runEveryItem() {
        ExecutionResult result = run(map("\"ItemSelector\": {\"i.$\": \"$$.Map.Item.Index\"},",
                "\"ResultSelector\": {\"count.$\": \"States.ArrayLength($)\"},"), indices(ITEMS));

        assertThat(result).isEqualTo(new ExecutionResult.Succeeded(json("{\"count\": 100000}")));
        assertThat(probe.calls.get()).isEqualTo(ITEMS);
    }

    @Test
    void jsonataResultsOverTheQuota_failTheMapEarly_unlessItsOutputReshapesThem() {
        String items = "\"ItemSelector\": \"{% {'i': $states.context.Map.Item.Index} %}\",";
        ExecutionResult whole = run(jsonata(map(items, "")), indices(ITEMS));

        assertThat(whole).isEqualTo(new ExecutionResult.Failed("States.DataLimitExceeded",
                "The state/task 'Each' returned a result with a size exceeding the maximum number of bytes service limit."));
        assertThat(probe.calls.get()).isLessThan(30_000);

        // 30,000 results of about 11 bytes are over the quota, but Output only counts them.
        probe.calls.set(0);
        ExecutionResult counted = run(jsonata(map(items, "\"Output\": \"{% $count($states.result) %}\",")),
                indices(30_000));
        assertThat(counted).isEqualTo(new ExecutionResult.Succeeded(json("30000")));
        assertThat(probe.calls.get()).isEqualTo(30_000);
    }

    @Test
    void inlineMapOf100000Items_withAKeptHistory_endsAtTheHistoryQuota() {
        // Four events an iteration (MapIterationStarted, TaskStateEntered, TaskStateExited,
        // MapIterationSucceeded): the 25,000-event quota of a STANDARD history ends it after some 6,000.
        MemoryJournal history = MemoryJournal.keeping(Clock.systemUTC());
        ExecutionResult result = run(map("", ""), indices(ITEMS), history);

        assertThat(result).isInstanceOf(ExecutionResult.Failed.class);
        assertThat(((ExecutionResult.Failed) result).error()).isEqualTo("States.Runtime");
        assertThat(history.events()).hasSize((int) Journal.MAX_HISTORY_EVENTS);
        assertThat(probe.calls.get()).isLessThan(7_000);
    }

    private ExecutionResult run(String definition, JsonNode input) {
        return run(definition, input, MemoryJournal.counting(Clock.systemUTC()));
    }

    private ExecutionResult run(String definition, JsonNode input, Journal journal) {
        ExecutionInfo info = new ExecutionInfo("arn:aws:states:us-east-1:000000000000:express:big:e:1", "e",
                "arn:aws:states:us-east-1:000000000000:stateMachine:big", "big",
                "arn:aws:iam::000000000000:role/big", Instant.now(), input, 0);
        return interpreter.run(new ExecutionRun(info, DefinitionParser.parse(definition, MachineType.EXPRESS),
                journal, Checkpointer.NONE));
    }

    /** One Map "Each" over the input, each iteration one Task on the probe, with extra Map fields. */
    private static String map(String before, String after) {
        return """
                {"StartAt": "Each", "States": {"Each": {"Type": "Map", %s
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"},
                    "StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "%s", "End": true}}},
                  %s "End": true}}}""".formatted(before, PROBE, after);
    }

    /** {@code definition} with JSONata as its query language. */
    private static String jsonata(String definition) {
        return definition.replaceFirst("\\{", "{\"QueryLanguage\": \"JSONata\", ");
    }

    private static ArrayNode indices(int count) {
        ArrayNode items = JsonNodeFactory.instance.arrayNode(count);
        for (int i = 0; i < count; i++) {
            items.add(i);
        }
        return items;
    }

    private static JsonNode json(String text) {
        return MapHarness.json(text);
    }

    /**
     * The Task every iteration calls: counts calls, the calls running at once (at their most) and the
     * threads they ran on, then answers its input. It yields while it counts as running, so that
     * iterations overlap even on one carrier.
     */
    private static final class Probe implements TaskResource {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final Set<Thread> threads = ConcurrentHashMap.newKeySet();

        @Override
        public JsonNode invoke(TaskCall call) {
            calls.incrementAndGet();
            threads.add(Thread.currentThread());
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                Thread.yield();
                return call.input();
            } finally {
                running.decrementAndGet();
            }
        }
    }
}
