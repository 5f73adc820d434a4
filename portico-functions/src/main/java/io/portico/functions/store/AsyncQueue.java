package io.portico.functions.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.core.store.Row;
import io.portico.core.store.StoreTransaction;
import io.portico.core.work.WorkItem;
import io.portico.core.work.WorkQueue;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * Lambda's internal queue of asynchronous (Event) invocations, as items of the platform's
 * {@link WorkQueue} (queue {@value #QUEUE}), so that an accepted invocation (202) survives a crash and
 * runs at least once: this class is the layout of one event in an item's payload, and the migration
 * that carried the events of Portico's former {@code lambda_async_queue} table over. Stateless; thread
 * safe.
 *
 * <p>Payload layout: one line of JSON ({@code functionArn} and, if any, {@code qualifier}), a newline,
 * then the event's bytes untouched (Lambda accepts any bytes up to 256 KB, so no base64). JSON never
 * has a raw newline inside a string, so the first newline ends the header.
 */
public final class AsyncQueue {
    /** The work queue name of Lambda's asynchronous invocations. */
    public static final String QUEUE = "lambda.async";

    private AsyncQueue() {
    }

    /**
     * One queued invocation: the work item's id (the invocation's request id), the function and
     * qualifier it was invoked with, its event, the invocations already made and when it was accepted.
     */
    public record Entry(String id, String functionArn, Optional<String> qualifier, byte[] payload, int attempts,
            Instant enqueued) {
    }

    /** The work item payload of an event for {@code functionArn} (unqualified) and {@code qualifier}. */
    public static byte[] encode(String functionArn, Optional<String> qualifier, byte[] event) {
        ObjectNode header = Json.object().put("functionArn", functionArn);
        qualifier.ifPresent(q -> header.put("qualifier", q));
        ByteArrayOutputStream out = new ByteArrayOutputStream(event.length + 128);
        out.writeBytes(Json.write(header));
        out.write('\n');
        out.writeBytes(event);
        return out.toByteArray();
    }

    /** The invocation a work item of {@value #QUEUE} carries. */
    public static Entry decode(WorkItem item) {
        byte[] payload = item.payload();
        int newline = indexOf(payload, (byte) '\n');
        if (newline < 0) {
            throw new IllegalArgumentException("work item " + item.id() + " is not an asynchronous invocation");
        }
        JsonNode header = Json.read(Arrays.copyOfRange(payload, 0, newline), JsonNode.class);
        return new Entry(item.id(), header.path("functionArn").asText(),
                Optional.ofNullable(header.get("qualifier")).map(JsonNode::asText),
                Arrays.copyOfRange(payload, newline + 1, payload.length), item.attempts(), item.enqueuedAt());
    }

    /**
     * Schema step 2: moves every event of the former {@code lambda_async_queue} into the work queue,
     * keeping its id (its request id), attempts and times, so events an older Portico accepted still
     * run, then drops the table. An event that table had claimed (its process died mid-invocation)
     * becomes due at once.
     */
    static void carryOver(StoreTransaction tx) {
        tx.query("SELECT id, function_arn, qualifier, payload, attempts, due_ms, enqueued_ms, claimed "
                + "FROM lambda_async_queue", AsyncQueue::formerEntry).forEach(item -> WorkQueue.restore(tx, item));
        tx.update("DROP TABLE lambda_async_queue");
    }

    private static WorkItem formerEntry(Row r) {
        Instant enqueued = Instant.ofEpochMilli(r.longValue("enqueued_ms"));
        Instant due = r.longValue("claimed") != 0 ? enqueued : Instant.ofEpochMilli(r.longValue("due_ms"));
        byte[] payload = encode(r.string("function_arn"), Optional.ofNullable(r.string("qualifier")), r.bytes("payload"));
        return new WorkItem(r.string("id"), QUEUE, payload, (int) r.longValue("attempts"), 0, enqueued, due);
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
