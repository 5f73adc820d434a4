package io.portico.functions.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.Component;
import io.portico.core.json.Json;
import io.portico.core.store.Store;
import io.portico.functions.store.AsyncQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asynchronous (Event) invocation as Lambda runs it: accepted invocations are queued durably, run by
 * a background worker, retried on function errors ({@code MaximumRetryAttempts}, default 2; Lambda
 * waits one minute, then two, here {@code retryDelay} and twice that), retried on throttles without
 * counting, dropped once older than {@code MaximumEventAgeInSeconds}; then an invocation record goes
 * to the OnSuccess / OnFailure destination, or a failed event to the function's dead-letter queue.
 * Thread safe.
 */
public final class AsyncInvocations implements Component {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncInvocations.class);
    private static final Duration THROTTLE_DELAY = Duration.ofSeconds(1);
    private static final Duration MAX_POSTPONE = Duration.ofMinutes(5);
    private static final int BATCH = 32;

    private final Functions functions;
    private final AsyncQueue queue;
    private final Destinations destinations;
    private final Duration retryDelay;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore running = new Semaphore(256);
    /** Portico-side failures per entry id since the entry last ran to an end, for the postponing backoff. */
    private final java.util.concurrent.ConcurrentHashMap<String, Integer> platformFailures =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final Object wake = new Object();
    private boolean signalled; // guarded by wake: the queue changed since the poller last looked
    private volatile boolean stopped;
    private Thread poller;

    public AsyncInvocations(Functions functions, Store store, Destinations destinations, Duration retryDelay) {
        this.functions = functions;
        this.queue = new AsyncQueue(store);
        this.destinations = destinations;
        this.retryDelay = retryDelay;
    }

    /** Accepts an Event invocation: validated and durably queued before the caller gets its 202. */
    public String enqueue(FunctionRef ref, byte[] payload) {
        if (payload.length > Functions.MAX_ASYNC_PAYLOAD) {
            throw new FunctionsException("RequestTooLargeException", "Request must be smaller than "
                    + Functions.MAX_ASYNC_PAYLOAD + " bytes for the InvokeAsync operation");
        }
        functions.checkInvocable(ref);
        String id = UUID.randomUUID().toString();
        Instant now = functions.clock().instant();
        queue.add(new AsyncQueue.Entry(id, ref.arn(), ref.qualifier(), payload, 0, now, now));
        signal();
        return id;
    }

    @Override
    public void start() {
        int resumed = queue.releaseClaims(functions.clock().instant());
        if (resumed > 0) {
            LOG.info("Resuming {} asynchronous invocations interrupted by a restart", resumed);
        }
        poller = Thread.ofVirtual().name("lambda-async").start(this::poll);
    }

    @Override
    public void close() {
        stopped = true;
        if (poller != null) {
            poller.interrupt();
        }
        workers.shutdownNow();
    }

    private void poll() {
        while (!stopped) {
            try {
                Instant now = functions.clock().instant();
                // The lease covers the longest possible run (900 s) so a live worker is never doubled.
                List<AsyncQueue.Entry> due = queue.claim(now, now.plusSeconds(FunctionSettings.MAX_TIMEOUT_SECONDS + 60),
                        BATCH);
                for (AsyncQueue.Entry entry : due) {
                    running.acquire();
                    workers.submit(() -> {
                        try {
                            processOrPostpone(entry);
                        } finally {
                            running.release();
                            signal(); // a retry may now be due sooner than anything the poller knows of
                        }
                    });
                }
                if (due.size() < BATCH) {
                    awaitWork(queue.nextDue());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Async invocation worker failed; retrying", e);
                sleepQuietly();
            }
        }
    }

    /**
     * Runs {@code entry}; should Portico itself fail on the way (not the function), the entry is put
     * back for a later try rather than left claimed for the lease's 16 minutes.
     */
    private void processOrPostpone(AsyncQueue.Entry entry) {
        try {
            process(entry);
            platformFailures.remove(entry.id());
        } catch (RuntimeException e) {
            // A fault that persists (a full disk, a runtime that cannot start) must neither spin nor
            // flood the log: back off from 1 s doubling to 5 min, with the stack trace once. Should the
            // fault come after the function ran, it runs again: at least once, as Lambda promises.
            int failures = platformFailures.merge(entry.id(), 1, Integer::sum);
            Duration delay = THROTTLE_DELAY.multipliedBy(1L << Math.min(failures - 1, 8));
            delay = delay.compareTo(MAX_POSTPONE) > 0 ? MAX_POSTPONE : delay;
            if (failures == 1) {
                LOG.warn("Async invocation {} of {} could not run; trying again in {}", entry.id(), entry.functionArn(),
                        delay, e);
            } else {
                LOG.warn("Async invocation {} of {} could not run ({} times, last: {}); trying again in {}", entry.id(),
                        entry.functionArn(), failures, e.toString(), delay);
            }
            try {
                queue.retry(entry, functions.clock().instant().plus(delay), false);
            } catch (RuntimeException again) {
                LOG.warn("Async invocation {} stays claimed until its lease ends", entry.id(), again);
            }
        }
    }

    /**
     * Sleeps until the next entry is due, or, with none queued, until something is queued: every
     * change to the queue signals, so an idle Portico does not poll its store.
     */
    private void awaitWork(Optional<Instant> nextDue) throws InterruptedException {
        synchronized (wake) {
            if (!signalled) {
                if (nextDue.isEmpty()) {
                    wake.wait();
                } else {
                    long millis = Duration.between(functions.clock().instant(), nextDue.get()).toMillis();
                    if (millis > 0) {
                        wake.wait(millis);
                    }
                }
            }
            signalled = false;
        }
    }

    private void signal() {
        synchronized (wake) {
            signalled = true;
            wake.notifyAll();
        }
    }

    private void process(AsyncQueue.Entry entry) {
        FunctionRef ref = parse(entry);
        EventInvokeConfig config = functions.eventInvokeConfig(ref).orElse(EventInvokeConfig.defaults(
                ref.qualifiedArn(), entry.enqueued()));
        Instant now = functions.clock().instant();
        if (Duration.between(entry.enqueued(), now).toSeconds() > config.maximumEventAgeSeconds()) {
            fail(entry, ref, config, "EventAgeExceeded", Optional.empty());
            return;
        }
        InvokeResult result;
        try {
            result = functions.invoke(ref, entry.payload(), entry.id(), Optional.empty());
        } catch (FunctionsException e) {
            if (e.code().equals("TooManyRequestsException")) {
                queue.retry(entry, now.plus(THROTTLE_DELAY), false);
            } else if (e.code().equals("ResourceConflictException")) {
                queue.retry(entry, now.plus(THROTTLE_DELAY), false); // still Pending or updating
            } else {
                LOG.info("Dropping async invocation {} of {}: {}", entry.id(), ref.qualifiedArn(), e.getMessage());
                queue.remove(entry.id());
            }
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // shutdown: the lease expires and the entry runs again after restart
        }
        int attempt = entry.attempts() + 1;
        if (!result.failed()) {
            config.onSuccess().ifPresent(arn -> deliver(arn, record(entry, ref, attempt, "Success", Optional.of(result))));
            queue.remove(entry.id());
        } else if (attempt <= config.maximumRetryAttempts()) {
            LOG.info("Async invocation {} of {} failed ({}); retry {} scheduled", entry.id(), ref.qualifiedArn(),
                    result.errorType().orElse("Unhandled"), attempt);
            queue.retry(entry, now.plus(retryDelay.multipliedBy(attempt)), true);
        } else {
            fail(entry, ref, config, "RetriesExhausted", Optional.of(result));
        }
    }

    private void fail(AsyncQueue.Entry entry, FunctionRef ref, EventInvokeConfig config, String condition,
            Optional<InvokeResult> result) {
        if (config.onFailure().isPresent()) {
            deliver(config.onFailure().get(), record(entry, ref, entry.attempts() + (result.isPresent() ? 1 : 0),
                    condition, result));
        } else {
            functions.deadLetterTarget(ref).ifPresent(arn -> deliver(arn, entry.payload()));
        }
        queue.remove(entry.id());
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
        } catch (java.io.IOException e) {
            return Json.mapper().getNodeFactory().textNode(new String(payload, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static FunctionRef parse(AsyncQueue.Entry entry) {
        FunctionRef unqualified = FunctionRef.parse(entry.functionArn(), Optional.empty(), "", "");
        return new FunctionRef(unqualified.accountId(), unqualified.region(), unqualified.name(), entry.qualifier());
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
