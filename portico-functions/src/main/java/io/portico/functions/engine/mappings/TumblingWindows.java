package io.portico.functions.engine.mappings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.functions.engine.ChangeStreams.ChangeRecord;
import io.portico.functions.engine.InvokeResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * TumblingWindowInSeconds, as Lambda's DynamoDB stream windows work: every record belongs to the window
 * {@code [n × W, (n + 1) × W)} (epoch seconds) its creation time falls in; the batches of one window are
 * invoked with Lambda's {@code DynamodbTimeWindowEvent} ({@code Records}, {@code window} {@code {start,
 * end}}, {@code state}, {@code shardId}, {@code eventSourceARN}, {@code isFinalInvokeForWindow},
 * {@code isWindowTerminatedEarly}); the function answers {@code {"state": {...}, "batchItemFailures": [...]}}
 * and that state goes with the window's next invocation; once the window has ended (and its records are
 * done) a last invocation with no records and {@code isFinalInvokeForWindow: true} hands the function the
 * final state. An answer without a {@code state} object is a failed invocation, as on Lambda. A state over
 * {@link #MAX_STATE_BYTES} ends the window early: the final invocation says {@code isWindowTerminatedEarly},
 * and the window goes on with a fresh state. A window that no longer has the mapping's length (its
 * TumblingWindowInSeconds changed, or was set to 0) or whose shard's lanes are redrawn (ParallelizationFactor
 * changed) ends early the same way, with its own bounds, and is not reopened. Stateless.
 */
final class TumblingWindows {
    /** The state a window starts with. */
    static final String EMPTY_STATE = "{}";
    /** Lambda: "Your state can be a maximum of 1 MB per shard. If it exceeds that size, Lambda terminates the window early." */
    static final int MAX_STATE_BYTES = 1024 * 1024;

    private TumblingWindows() {
    }

    /** The start of the window of {@code seconds} that {@code record} belongs to. */
    static Instant windowOf(ChangeRecord record, int seconds) {
        long epoch = record.approximateCreation().getEpochSecond();
        return Instant.ofEpochSecond(Math.floorDiv(epoch, seconds) * seconds);
    }

    /** Whether the window's state has outgrown what Lambda keeps, which ends the window early. */
    static boolean overLimit(WindowState window) {
        return window.state().getBytes(StandardCharsets.UTF_8).length > MAX_STATE_BYTES;
    }

    /** Lambda's DynamodbTimeWindowEvent for {@code records} of the window {@code window}. */
    static byte[] event(List<ChangeRecord> records, WindowState window, String shardId,
            String eventSourceArn, boolean finalInvoke, boolean terminatedEarly) {
        ObjectNode event = Json.object();
        ArrayNode array = event.putArray("Records");
        records.forEach(r -> array.add(r.event()));
        event.putObject("window").put("start", window.start().toString()).put("end", window.end().toString());
        event.set("state", parse(window.state()).orElseGet(Json::object));
        event.put("shardId", shardId).put("eventSourceARN", eventSourceArn)
                .put("isFinalInvokeForWindow", finalInvoke).put("isWindowTerminatedEarly", terminatedEarly);
        return Json.write(event);
    }

    /** The {@code state} object of a function's answer, as JSON text; empty when the answer has none. */
    static Optional<String> state(InvokeResult result) {
        return parse(result.payload()).map(answer -> answer.get("state"))
                .filter(JsonNode::isObject).map(state -> new String(Json.write(state), StandardCharsets.UTF_8));
    }

    private static Optional<JsonNode> parse(String json) {
        return parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<JsonNode> parse(byte[] json) {
        try {
            return Optional.ofNullable(Json.mapper().readTree(json));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
