package io.portico.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.portico.core.time.Timers;
import io.portico.states.asl.Definition;
import io.portico.states.asl.parse.DefinitionParser;
import io.portico.states.asl.parse.MachineType;
import io.portico.states.engine.Checkpointer;
import io.portico.states.engine.ExecutionInfo;
import io.portico.states.engine.ExecutionResult;
import io.portico.states.engine.ExecutionRun;
import io.portico.states.engine.ExecutionWaits;
import io.portico.states.engine.Interpreter;
import io.portico.states.engine.MemoryJournal;
import io.portico.states.engine.TaskResources;
import io.portico.states.engine.TaskTokens;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A load driver for one large inline Map, run as an EXPRESS execution in process (what
 * StartSyncExecution runs, minus HTTP): the wall time of one execution over {@code N} items, or the
 * memory it retains. Not JMH: one execution of 100,000 items is one long shot whose memory, not its
 * mean, is the question, and each figure wants a JVM of its own.
 *
 * <pre>
 *   java -Xmx4g -cp "$cp" io.portico.benchmarks.InlineMapLoad time   zeros   100000
 *   java -Xmx4g -cp "$cp" io.portico.benchmarks.InlineMapLoad memory indexed 60000
 * </pre>
 *
 * <p>Workloads (one Map, INLINE, no MaxConcurrency, one Pass per item):
 * <ul>
 *   <li>{@code zeros}: the input is N zeros (200,001 bytes at 100,000: a valid StartSyncExecution input)
 *       and every iteration passes its item on, so the output is the input: it fits the 256 KiB quota
 *       at every N and the execution succeeds;</li>
 *   <li>{@code indexed}: the same input, each iteration outputs {@code {"i": <index>}} (ItemSelector
 *       with {@code $$.Map.Item.Index}), about 10 bytes an item: past about 25,000 items the Map's
 *       output is over 256 KiB and the execution fails with States.DataLimitExceeded;</li>
 *   <li>{@code jsonata}: {@code zeros} in JSONata: Items, an ItemSelector reading
 *       {@code $states.context.Map.Item.Value} and a Pass whose Output is its input's value;</li>
 *   <li>{@code calling}: the same input, each iteration a Task whose resource answers its input after
 *       1 ms (a stand-in for a quick remote call, a warm Lambda function say): the iterations wait, so
 *       as many are alive at once as the Map lets run; the output is the input.</li>
 * </ul>
 *
 * <p>{@code time}: three warm-up executions of the workload at 10,000 items, then one measured
 * execution. {@code memory}: while the one execution runs, a platform thread forces a full GC every
 * 10 ms and records the heap used right after it; the figure is the largest of those minus the heap
 * used (after a GC) before the execution started, i.e. what the execution kept alive at its worst,
 * the input excepted. Both stop the execution (TimedOut) after {@code --timeout} seconds, AWS's five
 * minutes by default. One line of JSON per run on standard output.
 */
public final class InlineMapLoad {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String ZEROS = """
            {"StartAt": "Each", "States": {"Each": {"Type": "Map",
              "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"},
                "StartAt": "Work", "States": {"Work": {"Type": "Pass", "End": true}}},
              "End": true}}}""";
    private static final String INDEXED = """
            {"StartAt": "Each", "States": {"Each": {"Type": "Map",
              "ItemSelector": {"i.$": "$$.Map.Item.Index"},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"},
                "StartAt": "Work", "States": {"Work": {"Type": "Pass", "End": true}}},
              "End": true}}}""";
    private static final String JSONATA = """
            {"QueryLanguage": "JSONata", "StartAt": "Each", "States": {"Each": {"Type": "Map",
              "Items": "{% $states.input %}", "ItemSelector": {"v": "{% $states.context.Map.Item.Value %}"},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"},
                "StartAt": "Work", "States": {"Work": {"Type": "Pass", "Output": "{% $states.input.v %}", "End": true}}},
              "End": true}}}""";
    private static final String CALLING = """
            {"StartAt": "Each", "States": {"Each": {"Type": "Map",
              "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"},
                "StartAt": "Call", "States": {"Call": {"Type": "Task", "Resource": "%s", "End": true}}},
              "End": true}}}""".formatted(Remote.ARN);
    private static final long GC_PERIOD_MS = 10;

    private final Clock clock = Clock.systemUTC();
    private final Timers timers = Timers.create(clock, "map-load");
    private final Interpreter interpreter = new Interpreter(clock, Remote.RESOURCES, new TaskTokens(timers),
            ExecutionWaits.on(timers));
    private final Definition definition;

    private InlineMapLoad(String workload) {
        String text = switch (workload) {
            case "zeros" -> ZEROS;
            case "indexed" -> INDEXED;
            case "jsonata" -> JSONATA;
            case "calling" -> CALLING;
            default -> throw new IllegalArgumentException("workload: zeros, indexed, jsonata or calling, not " + workload);
        };
        this.definition = DefinitionParser.parse(text, MachineType.EXPRESS);
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: InlineMapLoad time|memory zeros|indexed|jsonata|calling <items> [--timeout s]");
        }
        String mode = args[0];
        String workload = args[1];
        int items = Integer.parseInt(args[2]);
        long timeoutSeconds = args.length >= 5 && args[3].equals("--timeout") ? Long.parseLong(args[4]) : 300;
        InlineMapLoad load = new InlineMapLoad(workload);
        try {
            String line = switch (mode) {
                case "time" -> load.time(workload, items, timeoutSeconds);
                case "memory" -> load.memory(workload, items, timeoutSeconds);
                default -> throw new IllegalArgumentException("mode: time or memory, not " + mode);
            };
            System.out.println(line);
        } finally {
            load.timers.close();
        }
        System.exit(0); // an execution stopped at its timeout may leave iteration threads unwinding
    }

    private String time(String workload, int items, long timeoutSeconds) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            run(zeros(10_000), timeoutSeconds);
        }
        JsonNode input = zeros(items);
        long start = System.nanoTime();
        ExecutionResult result = run(input, timeoutSeconds);
        double seconds = (System.nanoTime() - start) / 1e9;
        return "{" + common("time", workload, items, result) + String.format(Locale.ROOT, ",\"seconds\":%.3f", seconds)
                + ",\"peakRssMiB\":" + peakRssMiB() + "}";
    }

    private String memory(String workload, int items, long timeoutSeconds) throws InterruptedException {
        JsonNode input = zeros(items);
        long baseline = heapAfterGc();
        AtomicLong peak = new AtomicLong(baseline);
        AtomicBoolean done = new AtomicBoolean();
        Thread sampler = Thread.ofPlatform().daemon().name("heap-sampler").start(() -> {
            while (!done.get()) {
                peak.accumulateAndGet(heapAfterGc(), Math::max);
                try {
                    Thread.sleep(GC_PERIOD_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long start = System.nanoTime();
        ExecutionResult result = run(input, timeoutSeconds);
        double seconds = (System.nanoTime() - start) / 1e9;
        done.set(true);
        sampler.join();
        long retained = peak.get() - baseline;
        long after = heapAfterGc() - baseline;
        return "{" + common("memory", workload, items, result)
                + String.format(Locale.ROOT, ",\"seconds\":%.3f", seconds)
                + ",\"retainedPeakMiB\":" + String.format(Locale.ROOT, "%.1f", retained / 1048576.0)
                + ",\"retainedBytesPerItem\":" + retained / items
                + ",\"retainedAfterMiB\":" + String.format(Locale.ROOT, "%.1f", after / 1048576.0)
                + ",\"peakRssMiB\":" + peakRssMiB() + "}";
    }

    private ExecutionResult run(JsonNode input, long timeoutSeconds) throws InterruptedException {
        ExecutionInfo info = new ExecutionInfo("arn:aws:states:us-east-1:000000000000:express:load:e:1", "e",
                "arn:aws:states:us-east-1:000000000000:stateMachine:load", "load",
                "arn:aws:iam::000000000000:role/load", Instant.now(), input, 0);
        ExecutionRun run = new ExecutionRun(info, definition, MemoryJournal.counting(clock), Checkpointer.NONE);
        ExecutionResult[] result = new ExecutionResult[1];
        Thread thread = Thread.ofVirtual().start(() -> result[0] = interpreter.run(run));
        if (!thread.join(java.time.Duration.ofSeconds(timeoutSeconds))) {
            run.stop(new ExecutionResult.TimedOut("States.Timeout", "The execution timed out"));
            thread.join(java.time.Duration.ofSeconds(60));
            return new ExecutionResult.TimedOut("States.Timeout", "stopped after " + timeoutSeconds + " s");
        }
        return result[0];
    }

    /** The {@code calling} workload's Task resource: answers its input after a millisecond. */
    private static final class Remote {
        static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:echo";
        static final TaskResources RESOURCES = resource -> resource.equals(ARN)
                ? Optional.of(call -> {
                    Thread.sleep(1);
                    return call.input();
                })
                : Optional.empty();
    }

    private static String common(String mode, String workload, int items, ExecutionResult result) {
        String outcome = switch (result) {
            case ExecutionResult.Succeeded s -> "SUCCEEDED (" + s.output().size() + " results)";
            case ExecutionResult.Failed f -> "FAILED " + f.error();
            case ExecutionResult.TimedOut t -> "TIMED_OUT " + t.cause();
            case ExecutionResult.Aborted a -> "ABORTED";
        };
        return "\"mode\":\"" + mode + "\",\"workload\":\"" + workload + "\",\"items\":" + items
                + ",\"outcome\":\"" + outcome + "\",\"cpus\":" + Runtime.getRuntime().availableProcessors()
                + ",\"maxHeapMiB\":" + Runtime.getRuntime().maxMemory() / 1048576
                + ",\"java\":\"" + System.getProperty("java.version") + "\"";
    }

    private static ArrayNode zeros(int items) {
        ArrayNode input = NODES.arrayNode(items);
        for (int i = 0; i < items; i++) {
            input.add(0);
        }
        return input;
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The process's peak resident set (VmHWM), in MiB; -1 where /proc is not there. */
    private static long peakRssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
