package io.portico.states.engine;

import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeoutException;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stops the engine at every persistence point of a set of executions and proves that a restart on the
 * same data finishes each exactly as an uninterrupted run does. For each machine, a reference run counts
 * its commits; then, for every N below that count, a fresh run dies right after its Nth commit
 * ({@link CrashingRepositories}), a new engine starts on the data and resumes it, and the history it
 * leaves must read as one run:
 * <ul>
 *   <li>event ids run 1..n without gaps, each event after the one it names as previous;</li>
 *   <li>one ExecutionStarted, first, and one terminal event, last;</li>
 *   <li>the engine's own events (states entered and exited, Parallel and Map started and ended, Map
 *       iterations) are exactly the reference's, none repeated, none missing;</li>
 *   <li>failed attempts (TaskFailed and the like) are exactly the reference's, so a retry budget is
 *       never exceeded, and a task is scheduled at most once more than in the reference (the attempt a
 *       crash interrupted is tried again: at least once, as on AWS);</li>
 *   <li>the same status and output.</li>
 * </ul>
 */
class CrashPointSimulationTest {
    @TempDir
    Path root;

    /**
     * A machine to crash: its definition, in which {@code %2$s} stands for the ARN of a second machine
     * ({@code child}, when there is one) that it starts; its input; and whether a run that fails is
     * redriven once (as a user would) before it counts as ended.
     */
    record Scenario(String name, String definition, String input, Optional<String> child, boolean redrive) {
        Scenario(String name, String definition, String input) {
            this(name, definition, input, Optional.empty(), false);
        }

        String machine(CrashWorld world) {
            String childArn = child.map(c -> world.createMachine("child", c)).orElse("");
            return world.createMachine("m", definition.replace("%2$s", childArn));
        }
    }

    /** One execution in one world. */
    record Run(CrashWorld world, String executionArn, boolean redrive) {
        /** The end, after redriving a failed run once if the scenario says so. */
        ExecutionRecord finish() throws Exception {
            ExecutionRecord end = awaitEnd();
            if (redrive && end.status().equals("FAILED") && end.redriveCount() == 0) {
                world.engine().executions().redrive(executionArn);
                end = awaitEnd();
            }
            return end;
        }

        ExecutionRecord awaitEnd() throws Exception {
            CompletableFuture<ExecutionRecord> end = CompletableFuture.supplyAsync(() -> {
                try {
                    return world.engine().executions().awaitEnd(executionArn);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            try {
                return end.get(30, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("the execution did not end; its history: " + world.engine().executions()
                        .history(executionArn).stream().map(h -> h.type().name()).toList() + "; its checkpoint: "
                        + world.repositories().executions().checkpoint(executionArn, "") + "; pending callbacks: "
                        + world.pendingCallbacks());
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCommitPoint_resumesAsOneRun() {
        return scenarios().stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> simulate(s)));
    }

    private static List<Scenario> scenarios() {
        return List.of(
                new Scenario("task, retry and catch", """
                        {"StartAt": "Flaky", "States": {
                          "Flaky": {"Type": "Task", "Resource": "%1$s",
                            "Parameters": {"attempt.$": "$$.State.RetryCount", "failUntil": 2},
                            "Retry": [{"ErrorEquals": ["Work.Failed"], "IntervalSeconds": 2, "MaxAttempts": 3}],
                            "Next": "Broken"},
                          "Broken": {"Type": "Task", "Resource": "%1$s",
                            "Parameters": {"attempt.$": "$$.State.RetryCount", "failUntil": 9},
                            "Retry": [{"ErrorEquals": ["Work.Failed"], "IntervalSeconds": 1, "MaxAttempts": 2}],
                            "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Done"}],
                            "Next": "Done"},
                          "Done": {"Type": "Pass", "End": true}}}""".formatted(CrashWorld.WORK), "{}"),
                new Scenario("wait", """
                        {"StartAt": "Before", "States": {
                          "Before": {"Type": "Pass", "Result": 1, "ResultPath": "$.n", "Next": "Pause"},
                          "Pause": {"Type": "Wait", "Seconds": 5, "Next": "After"},
                          "After": {"Type": "Pass", "End": true}}}""", "{}"),
                new Scenario("parallel", """
                        {"StartAt": "Fan", "States": {"Fan": {"Type": "Parallel", "End": true, "Branches": [
                          {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "%1$s", "Next": "A2"},
                                                       "A2": {"Type": "Pass", "End": true}}},
                          {"StartAt": "B", "States": {"B": {"Type": "Task", "Resource": "%1$s", "End": true}}},
                          {"StartAt": "C", "States": {"C": {"Type": "Pass", "End": true}}}]}}}"""
                        .formatted(CrashWorld.WORK), "{\"x\": 1}"),
                new Scenario("inline map", """
                        {"StartAt": "Each", "States": {"Each": {"Type": "Map", "MaxConcurrency": 2, "End": true,
                          "ItemProcessor": {"StartAt": "Do", "States": {
                            "Do": {"Type": "Task", "Resource": "%1$s", "Next": "Shape"},
                            "Shape": {"Type": "Pass", "End": true}}}}}}""".formatted(CrashWorld.WORK),
                        "[1, 2, 3, 4, 5, 6]"),
                new Scenario("map of parallels", """
                        {"StartAt": "Each", "States": {"Each": {"Type": "Map", "MaxConcurrency": 2, "End": true,
                          "ItemProcessor": {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true,
                            "Branches": [
                              {"StartAt": "L", "States": {"L": {"Type": "Task", "Resource": "%1$s", "End": true}}},
                              {"StartAt": "R", "States": {"R": {"Type": "Pass", "End": true}}}]}}}}}}"""
                        .formatted(CrashWorld.WORK), "[1, 2, 3]"),
                new Scenario("callback", """
                        {"StartAt": "Ask", "States": {"Ask": {"Type": "Task", "Resource": "%s",
                          "Parameters": {"token.$": "$$.Task.Token", "q": 1}, "End": true}}}"""
                        .formatted(CrashWorld.CALLBACK), "{}"),
                new Scenario("activity", """
                        {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "%s", "Next": "Then"},
                          "Then": {"Type": "Pass", "End": true}}}""".formatted(CrashWorld.ACTIVITY), "{\"job\": 7}"),
                new Scenario("distributed map", """
                        {"StartAt": "Each", "States": {"Each": {"Type": "Map", "MaxConcurrency": 2, "End": true,
                          "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                            "StartAt": "Do", "States": {"Do": {"Type": "Task", "Resource": "%1$s", "End": true}}}}}}"""
                        .formatted(CrashWorld.WORK), "[1, 2, 3, 4]"),
                new Scenario("nested sync", """
                        {"StartAt": "Call", "States": {"Call": {"Type": "Task",
                          "Resource": "arn:aws:states:::states:startExecution.sync:2",
                          "Parameters": {"StateMachineArn": "%2$s", "Input": {"n": 5}}, "OutputPath": "$.Output",
                          "End": true}}}""", "{}", Optional.of("""
                        {"StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "%s", "End": true}}}"""
                        .formatted(CrashWorld.WORK)), false),
                new Scenario("redrive", """
                        {"StartAt": "First", "States": {
                          "First": {"Type": "Pass", "Result": 1, "ResultPath": "$.first", "Next": "Fragile"},
                          "Fragile": {"Type": "Task", "Resource": "%s",
                            "Parameters": {"attempt.$": "$$.Execution.RedriveCount", "failUntil": 1}, "End": true}}}"""
                        .formatted(CrashWorld.WORK), "{}", Optional.empty(), true));
    }

    private void simulate(Scenario scenario) throws Exception {
        Reference reference = reference(scenario);
        List<String> failures = new ArrayList<>();
        int landed = 0;
        for (int n = 1; n < reference.commits(); n++) {
            try (CrashWorld world = new CrashWorld(Files.createTempDirectory(root, "crash"))) {
                String machine = scenario.machine(world);
                world.repositories().crashAfter(n);
                Optional<Run> started = start(world, machine, scenario);
                if (started.isEmpty()) {
                    continue;
                }
                Run run = started.get();
                runUntilCrash(world, run);
                if (world.repositories().crashed()) {
                    landed++;
                }
                world.restart();
                ExecutionRecord end;
                try {
                    end = run.finish();
                } catch (AssertionError e) {
                    failures.add("crash after commit " + n + ": " + e.getMessage());
                    break;
                }
                List<String> problems = problems(reference, end, world.engine().executions().history(run.executionArn()));
                if (!problems.isEmpty()) {
                    failures.add("crash after commit " + n + ": " + problems);
                }
            }
        }
        assertThat(failures).as("%s (%d commits uninterrupted)", scenario.name(), reference.commits()).isEmpty();
        // Commits vary a little with the order concurrent branches take; most crash points must land.
        assertThat(landed).as("crashes that landed before the execution ended").isGreaterThan((reference.commits() - 1) / 2);
    }

    private record Reference(int commits, ExecutionRecord end, List<HistoryEvent> history) {
    }

    private Reference reference(Scenario scenario) throws Exception {
        try (CrashWorld world = new CrashWorld(Files.createTempDirectory(root, "reference"))) {
            String machine = scenario.machine(world);
            world.repositories().count();
            Run run = start(world, machine, scenario).orElseThrow();
            ExecutionRecord end = run.finish();
            return new Reference(world.repositories().commits(), end,
                    world.engine().executions().history(run.executionArn()));
        }
    }

    private static Optional<Run> start(CrashWorld world, String machine, Scenario scenario) {
        try {
            return Optional.of(new Run(world, world.engine().executions().start(new Executions.StartRequest(
                    machine, Optional.of("run"), Optional.of(scenario.input()), Optional.empty())).executionArn(),
                    scenario.redrive()));
        } catch (CrashingRepositories.Crash crash) {
            return Optional.empty();
        }
    }

    /**
     * Runs the execution (redriving it, if the scenario says so) until the engine has died at its commit,
     * or the execution ended before it could.
     */
    private static void runUntilCrash(CrashWorld world, Run run) {
        awaitCrashOrEnd(world, run);
        ExecutionRecord now = world.engine().executions().describe(run.executionArn());
        if (!world.repositories().crashed() && run.redrive() && now.status().equals("FAILED") && now.redriveCount() == 0) {
            try {
                world.engine().executions().redrive(run.executionArn());
            } catch (CrashingRepositories.Crash crash) {
                return;
            }
            awaitCrashOrEnd(world, run);
        }
    }

    private static void awaitCrashOrEnd(CrashWorld world, Run run) {
        // A dead engine's threads die of the crash, uncaught: that is the crash, not a failure of the test.
        org.awaitility.Awaitility.await().dontCatchUncaughtExceptions().atMost(60, TimeUnit.SECONDS)
                .until(() -> world.repositories().crashed()
                || !world.engine().executions().describe(run.executionArn()).isRunning());
    }

    private static List<String> problems(Reference reference, ExecutionRecord end, List<HistoryEvent> history) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            HistoryEvent e = history.get(i);
            if (e.id() != i + 1 || e.previousEventId() >= e.id()) {
                problems.add("event ids out of order at " + e.id() + " (previous " + e.previousEventId() + ")");
                break;
            }
        }
        if (history.isEmpty() || history.get(0).type() != EventType.ExecutionStarted
                || count(history, EventType.ExecutionStarted) != 1) {
            problems.add("not exactly one ExecutionStarted, first");
        }
        // A redriven execution's history keeps the end it was redriven from.
        long terminals = history.stream().filter(e -> e.type().endsExecution()).count();
        long expectedTerminals = 1 + count(history, EventType.ExecutionRedriven);
        if (terminals != expectedTerminals || !history.get(history.size() - 1).type().endsExecution()) {
            problems.add(terminals + " terminal events, " + expectedTerminals + " expected");
        }
        Map<String, Long> engineEvents = signatures(history, CrashPointSimulationTest::isEngineEvent);
        Map<String, Long> expectedEngineEvents = signatures(reference.history(), CrashPointSimulationTest::isEngineEvent);
        if (!engineEvents.equals(expectedEngineEvents)) {
            problems.add("engine events differ: " + difference(engineEvents, expectedEngineEvents));
        }
        Map<String, Long> failed = signatures(history, CrashPointSimulationTest::isFailedAttempt);
        Map<String, Long> expectedFailed = signatures(reference.history(), CrashPointSimulationTest::isFailedAttempt);
        if (!failed.equals(expectedFailed)) {
            problems.add("failed attempts differ: " + difference(failed, expectedFailed));
        }
        Map<String, Long> scheduled = signatures(history, CrashPointSimulationTest::isScheduled);
        signatures(reference.history(), CrashPointSimulationTest::isScheduled).forEach((k, v) -> {
            if (scheduled.getOrDefault(k, 0L) > v + 1) {
                problems.add(k + " scheduled " + scheduled.get(k) + " times, reference " + v);
            }
        });
        if (!end.status().equals(reference.end().status()) || !end.output().equals(reference.end().output())) {
            problems.add("ended " + end.status() + " " + end.output() + ", reference " + reference.end().status() + " "
                    + reference.end().output());
        }
        return problems;
    }

    private static long count(List<HistoryEvent> history, EventType type) {
        return history.stream().filter(e -> e.type() == type).count();
    }

    private static boolean isEngineEvent(EventType type) {
        String name = type.name();
        return name.endsWith("StateEntered") || name.endsWith("StateExited") || name.startsWith("Parallel")
                || name.startsWith("MapState") || name.startsWith("MapIteration") || name.startsWith("MapRun")
                || name.startsWith("Execution");
    }

    private static boolean isFailedAttempt(EventType type) {
        String name = type.name();
        return !isEngineEvent(type) && (name.endsWith("Failed") || name.endsWith("TimedOut"));
    }

    private static boolean isScheduled(EventType type) {
        return type.name().endsWith("Scheduled");
    }

    /**
     * Events of the chosen types, counted by type and where they happened: the state they belong to and
     * the indexes of the Map iterations around it, found by following each event's previous event back
     * (an event names the one before it on its own branch).
     */
    private static Map<String, Long> signatures(List<HistoryEvent> history, Predicate<EventType> which) {
        Map<Long, HistoryEvent> byId = history.stream().collect(Collectors.toMap(HistoryEvent::id, e -> e));
        return history.stream().filter(e -> which.test(e.type()))
                .collect(Collectors.groupingBy(e -> e.type() + " " + place(e, byId), TreeMap::new, Collectors.counting()));
    }

    private static String place(HistoryEvent event, Map<Long, HistoryEvent> byId) {
        String state = null;
        StringBuilder iterations = new StringBuilder();
        for (HistoryEvent e = event; e != null; e = byId.get(e.previousEventId())) {
            JsonNode d = e.details();
            if (state == null && d != null && d.has("name") && e.type().name().endsWith("Entered")) {
                state = d.path("name").asText();
            } else if (state == null && d != null && d.has("name") && e == event) {
                state = d.path("name").asText();
            }
            if (e.type() == EventType.MapIterationStarted && d != null) {
                iterations.insert(0, "[" + d.path("index").asText() + "]");
            }
        }
        return (state == null ? "" : state) + iterations;
    }

    private static String difference(Map<String, Long> actual, Map<String, Long> expected) {
        List<String> out = new ArrayList<>();
        for (String key : new TreeSet<>(union(actual, expected))) {
            long a = actual.getOrDefault(key, 0L);
            long e = expected.getOrDefault(key, 0L);
            if (a != e) {
                out.add(key + " " + a + " (reference " + e + ")");
            }
        }
        return String.join(", ", out);
    }

    private static Set<String> union(Map<String, Long> a, Map<String, Long> b) {
        Set<String> keys = new HashSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }
}
