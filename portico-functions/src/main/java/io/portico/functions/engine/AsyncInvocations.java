package io.portico.functions.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.core.work.Outcome;
import io.portico.core.work.QueueOptions;
import io.portico.core.work.WorkItem;
import io.portico.core.work.WorkQueue;
import io.portico.functions.store.AsyncQueue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asynchronous (Event) invocation as Lambda runs it: accepted invocations are queued durably, run in
 * the background, retried on function errors ({@code MaximumRetryAttempts}, default 2; Lambda waits
 * one minute, then two, here {@code retryDelay} and twice that), retried on throttles without
 * counting, dropped once older than {@code MaximumEventAgeInSeconds}; then an invocation record goes
 * to the OnSuccess / OnFailure destination, or a failed event to the function's dead-letter queue.
 *
 * <p>How: each event is an item of the platform's {@link WorkQueue} (queue {@value AsyncQueue#QUEUE}),
 * enqueued before the caller gets its 202, and this class is the queue's handler, which turns one
 * invocation into the queue's outcome: done, retry (a function error, counted as an attempt), postpone
 * (a throttle, not counted) or dead-letter (an event that can never run, such as one for a deleted
 * function; kept aside where AWS drops it). When Portico itself fails on the way, the handler throws
 * and the queue retries with backoff from 1 s doubling to 5 min; should the fault come after the
 * function ran, it runs again: at least once, as Lambda promises. A fault that outlasts Lambda's
 * longest event age (six hours) ends in a dead letter. A crash mid-invocation leaves the item claimed
 * by this node, which frees it when it starts again. Thread safe.
 */
public final class AsyncInvocations {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncInvocations.class);
    private static final Duration THROTTLE_DELAY = Duration.ofSeconds(1);
    /**
     * At most 256 events run at once; a Portico-side failure backs off from 1 s doubling to 5 min, and
     * 100 failures in a row (over seven hours, beyond Lambda's six-hour maximum event age) dead-letter.
     */
    private static final QueueOptions OPTIONS = QueueOptions.defaults().withConcurrency(256)
            .withBackoff(Duration.ofSeconds(1), Duration.ofMinutes(5)).withMaxFailures(100);

    private final Functions functions;
    private final WorkQueue work;
    private final Destinations destinations;
    private final Duration retryDelay;

    /** Registers the handler of Lambda's asynchronous invocations on {@code work}, which runs them once started. */
    public AsyncInvocations(Functions functions, WorkQueue work, Destinations destinations, Duration retryDelay) {
        this.functions = functions;
        this.work = work;
        this.destinations = destinations;
        this.retryDelay = retryDelay;
        work.register(AsyncQueue.QUEUE, OPTIONS, this::handle);
    }

    /** Accepts an Event invocation: validated and durably queued before the caller gets its 202. */
    public String enqueue(FunctionRef ref, byte[] payload) {
        if (payload.length > Functions.MAX_ASYNC_PAYLOAD) {
            throw FunctionsException.of(FunctionsException.Kind.TOO_LARGE, "Request must be smaller than "
                    + Functions.MAX_ASYNC_PAYLOAD + " bytes for the InvokeAsync operation");
        }
        functions.checkInvocable(ref);
        return work.enqueue(AsyncQueue.QUEUE, AsyncQueue.encode(ref.arn(), ref.qualifier(), payload),
                functions.clock().instant());
    }

    private Outcome handle(WorkItem item) throws InterruptedException {
        AsyncQueue.Entry entry = AsyncQueue.decode(item);
        FunctionRef ref = parse(entry);
        EventInvokeConfig config = functions.eventInvokeConfig(ref).orElse(EventInvokeConfig.defaults(
                ref.qualifiedArn(), entry.enqueued()));
        Instant now = functions.clock().instant();
        if (Duration.between(entry.enqueued(), now).toSeconds() > config.maximumEventAgeSeconds()) {
            fail(entry, ref, config, "EventAgeExceeded", Optional.empty());
            return Outcome.done();
        }
        InvokeResult result;
        try {
            result = functions.invoke(ref, entry.payload(), entry.id(), Optional.empty());
        } catch (FunctionsException e) {
            if (e.kind() == FunctionsException.Kind.THROTTLED || e.kind() == FunctionsException.Kind.CONFLICT) {
                return Outcome.postpone(now.plus(THROTTLE_DELAY)); // throttled, or still Pending or updating
            }
            LOG.info("Dropping async invocation {} of {}: {}", entry.id(), ref.qualifiedArn(), e.getMessage());
            return Outcome.deadLetter(e.kind() + ": " + e.getMessage());
        }
        int attempt = entry.attempts() + 1;
        if (!result.failed()) {
            config.onSuccess().ifPresent(arn -> deliver(arn, record(entry, ref, attempt, "Success", Optional.of(result))));
            return Outcome.done();
        }
        if (attempt <= config.maximumRetryAttempts()) {
            LOG.info("Async invocation {} of {} failed ({}); retry {} scheduled", entry.id(), ref.qualifiedArn(),
                    result.errorType().orElse("Unhandled"), attempt);
            return Outcome.retry(now.plus(retryDelay.multipliedBy(attempt)));
        }
        fail(entry, ref, config, "RetriesExhausted", Optional.of(result));
        return Outcome.done();
    }

    private void fail(AsyncQueue.Entry entry, FunctionRef ref, EventInvokeConfig config, String condition,
            Optional<InvokeResult> result) {
        if (config.onFailure().isPresent()) {
            deliver(config.onFailure().get(), record(entry, ref, entry.attempts() + (result.isPresent() ? 1 : 0),
                    condition, result));
        } else {
            functions.deadLetterTarget(ref).ifPresent(arn -> deliver(arn, entry.payload()));
        }
    }

    /** Lambda's invocation record, as destinations receive it. */
    private byte[] record(AsyncQueue.Entry entry, FunctionRef ref, int attempts, String condition,
            Optional<InvokeResult> result) {
        ObjectNode record = Json.object().put("version", "1.0").put("timestamp", functions.clock().instant().toString());
        record.putObject("requestContext").put("requestId", entry.id())
                .put("functionArn", ref.arn() + ":" + ref.qualifier().orElse(FunctionVersion.LATEST))
                .put("condition", condition).put("approximateInvokeCount", attempts);
        record.set("requestPayload", parseOrText(entry.payload()));
        if (result.isPresent()) {
            ObjectNode response = record.putObject("responseContext").put("statusCode", 200)
                    .put("executedVersion", result.get().executedVersion());
            result.get().functionError().ifPresent(e -> response.put("functionError", e));
            record.set("responsePayload", parseOrText(result.get().payload()));
        }
        return Json.write(record);
    }

    private void deliver(String arn, byte[] record) {
        try {
            if (arn.startsWith("arn:aws:lambda:")) {
                FunctionRef target = FunctionRef.parse(arn, Optional.empty(), "", "");
                enqueue(target, record);
            } else if (destinations.supports(arn)) {
                destinations.deliver(arn, record);
            } else {
                LOG.warn("Destination {} is not served by this build of Portico; record dropped", arn);
            }
        } catch (RuntimeException e) {
            LOG.warn("Delivering an invocation record to {} failed", arn, e);
        }
    }

    private static JsonNode parseOrText(byte[] payload) {
        try {
            JsonNode node = Json.mapper().readTree(payload);
            return node == null ? Json.mapper().nullNode() : node;
        } catch (IOException e) {
            return Json.mapper().getNodeFactory().textNode(new String(payload, StandardCharsets.UTF_8));
        }
    }

    private static FunctionRef parse(AsyncQueue.Entry entry) {
        FunctionRef unqualified = FunctionRef.parse(entry.functionArn(), Optional.empty(), "", "");
        return new FunctionRef(unqualified.accountId(), unqualified.region(), unqualified.name(), entry.qualifier());
    }
}
