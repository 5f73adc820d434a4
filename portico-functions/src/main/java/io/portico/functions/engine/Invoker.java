package io.portico.functions.engine;

import io.portico.core.Shutdown;
import io.portico.core.json.Json;
import io.portico.core.time.Timers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs invocations on pooled execution environments, as Lambda does: a warm environment of the
 * version is reused when one is idle, otherwise a new one is started (a cold start, whose init time
 * the REPORT line shows); concurrency per function is bounded; an invocation that outlives the
 * function's timeout fails with {@code Sandbox.Timedout} and its environment is discarded.
 *
 * <p>The invoker never runs a function's code itself: it {@linkplain ExecutionEnvironment#submit hands}
 * the invocation to the environment, which picks the thread (a Java environment its own platform
 * thread), and waits for the outcome on the function's deadline; past it, it cancels the invocation,
 * which stops the function's code, and discards the environment.
 *
 * <p>Environments are keyed by version and revision, so an updated {@code $LATEST} never reuses an
 * environment of its old code.
 *
 * <p>Idle environments are reclaimed, as Lambda reclaims idle sandboxes: one idle for the idle timeout
 * (on the invoker's clock) is closed by a background sweep, so a burst of 50 concurrent calls does not
 * keep 50 environments (or worker processes) for good. The sweep is a timer on the invoker's scope of
 * the platform's {@link Timers}, on that clock too, rescheduled after each run and dropped when the
 * invoker closes: a test advancing a manual clock
 * drives it, and an idle Portico wakes only when a sweep is due. Warm reuse takes the most recently used
 * environment first, so under a lighter load the least recently used ones age out. An environment is
 * closed only by whoever removes it from the idle deque: an invocation that took it first owns it,
 * and the sweep never sees it. Thread safe.
 */
public final class Invoker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Invoker.class);
    /** Lambda does not publish how long it keeps an idle sandbox; it is some minutes. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration MAX_SWEEP_INTERVAL = Duration.ofSeconds(30);
    /** Lambda's errorType for a sandbox killed for its memory, which its REPORT line names. */
    private static final String OUT_OF_MEMORY = "Runtime.OutOfMemory";

    private final List<FunctionRuntime> runtimes;
    private final FunctionLogs logs;
    private final Clock clock;
    private final Duration idleTimeout;
    private final ConcurrentHashMap<String, Pool> pools = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    /** Invocations under way by request id, for a shutdown to name the ones it cuts off. */
    private final ConcurrentHashMap<String, Running> running = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private final Timers timers;
    private final Duration sweepEvery;

    /**
     * An invoker that closes environments idle for {@code idleTimeout} (positive), sweeping in the
     * background every quarter of it (at most every 30 s) on a scope of {@code platform} (the platform's
     * timers; their clock is the invoker's) until {@link #close}.
     */
    public Invoker(List<FunctionRuntime> runtimes, FunctionLogs logs, Timers platform, Duration idleTimeout) {
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive: " + idleTimeout);
        }
        this.runtimes = List.copyOf(runtimes);
        this.logs = logs;
        this.clock = platform.clock();
        this.idleTimeout = idleTimeout;
        this.sweepEvery = Duration.ofMillis(Math.max(1, min(idleTimeout.dividedBy(4), MAX_SWEEP_INTERVAL).toMillis()));
        this.timers = platform.scope("lambda");
        this.timers.schedule(sweepEvery, this::sweep);
    }

    /** Whether some runtime of this build runs {@code runtime}. */
    public boolean supports(String runtime) {
        return runtimes.stream().anyMatch(r -> r.supports(runtime));
    }

    /**
     * One synchronous invocation. {@code concurrencyLimit} bounds the function's (all versions')
     * invocations in flight; above it the call is refused as {@code THROTTLED}.
     */
    public InvokeResult invoke(VersionSpec spec, String revisionId, byte[] payload, InvokeOptions options,
            int concurrencyLimit) throws InterruptedException {
        AtomicInteger counter = inFlight.computeIfAbsent(spec.functionArn(), k -> new AtomicInteger());
        if (counter.incrementAndGet() > concurrencyLimit) {
            counter.decrementAndGet();
            throw FunctionsException.of(FunctionsException.Kind.THROTTLED, "Rate Exceeded.");
        }
        try {
            return run(pool(spec, revisionId), payload, options);
        } finally {
            counter.decrementAndGet();
        }
    }

    /** Closes the environments of a function (every version), e.g. after its code or settings changed. */
    public void retire(String functionArn) {
        pools.values().removeIf(pool -> {
            if (pool.spec.functionArn().equals(functionArn)) {
                pool.close();
                return true;
            }
            return false;
        });
    }

    /** Environments started and not yet closed, idle or busy: for tests and metrics. */
    public int environmentCount() {
        return pools.values().stream().mapToInt(p -> p.live.get()).sum();
    }

    /**
     * Closes every environment that has been idle for the idle timeout or longer, by the clock, and
     * returns how many. The background sweep calls this; tests driving the clock call it directly.
     * Busy environments are never touched.
     */
    public int reclaimIdle() {
        Instant idleSince = clock.instant().minus(idleTimeout);
        int reclaimed = 0;
        for (Pool pool : pools.values()) {
            reclaimed += pool.reclaimIdleSince(idleSince);
        }
        return reclaimed;
    }

    /**
     * Stops the sweep (one under way finishes) and closes every idle environment. Invocations still
     * under way are cut off (their waits end with the invoker's timers) and each is named in the log.
     */
    @Override
    public void close() {
        closed = true;
        running.forEach((requestId, invocation) -> Shutdown.abandoned(LOG, "invocation " + requestId + " of "
                + invocation.qualifiedArn() + ": in flight " + Shutdown.since(invocation.startedNanos())));
        timers.close();
        pools.values().forEach(Pool::close);
        pools.clear();
    }

    private void sweep() {
        try {
            int reclaimed = reclaimIdle();
            if (reclaimed > 0) {
                LOG.debug("Closed {} execution environments idle for {}", reclaimed, idleTimeout);
            }
        } catch (RuntimeException e) {
            // A failed sweep must not end the schedule, which would keep idle environments for good.
            LOG.warn("Reclaiming idle execution environments failed", e);
        }
        try {
            timers.schedule(sweepEvery, this::sweep);
        } catch (IllegalStateException closed) {
            // the invoker closed while this sweep ran: no next one
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private Pool pool(VersionSpec spec, String revisionId) {
        String key = spec.qualifiedArn() + "@" + revisionId;
        Pool pool = pools.get(key);
        if (pool != null) {
            return pool;
        }
        // A new revision of the same version replaces the old pool: its environments run stale code.
        pools.values().removeIf(p -> {
            if (p.spec.qualifiedArn().equals(spec.qualifiedArn()) && !p.key.equals(key)) {
                p.close();
                return true;
            }
            return false;
        });
        FunctionRuntime runtime = runtimes.stream().filter(r -> r.supports(spec.runtime())).findFirst()
                .orElseThrow(() -> FunctionsException.invalidParameter("The runtime parameter of " + spec.runtime()
                        + " is not supported by this build of Portico."));
        return pools.computeIfAbsent(key, k -> new Pool(k, spec, runtime));
    }

    /** Runs one invocation, known to {@link #close} (which names it should it still run) from its cold start on. */
    private InvokeResult run(Pool pool, byte[] payload, InvokeOptions options) throws InterruptedException {
        running.put(options.requestId(), new Running(pool.spec.qualifiedArn(), System.nanoTime()));
        try {
            return runOnEnvironment(pool, payload, options);
        } finally {
            running.remove(options.requestId());
        }
    }

    private InvokeResult runOnEnvironment(Pool pool, byte[] payload, InvokeOptions options) throws InterruptedException {
        VersionSpec spec = pool.spec;
        LogBuffer log = new LogBuffer();
        String requestId = options.requestId();
        Instant started = clock.instant();
        long initMillis = -1;
        ExecutionEnvironment environment = pool.takeIdle();
        if (environment == null) {
            try {
                environment = pool.start(log);
                initMillis = environment.initDurationMillis();
            } catch (FunctionInitException e) {
                log.write("START RequestId: " + requestId + " Version: " + spec.version() + "\n");
                log.write(e.error().errorType() + ": " + e.getMessage() + "\n");
                log.write("END RequestId: " + requestId + "\n");
                log.write(report(requestId, Duration.between(started, clock.instant()), spec, -1, "\tStatus: error"
                        + "\tError Type: Runtime.Unknown"));
                return finish(spec, log, requestId, new InvocationOutcome.FunctionError(e.error().errorType(),
                        e.error().payload()));
            }
        }
        log.write("START RequestId: " + requestId + " Version: " + spec.version() + "\n");
        Instant deadline = clock.instant().plusSeconds(spec.timeoutSeconds());
        InvocationRequest request = new InvocationRequest(requestId, payload, deadline, options.invokedArn(),
                options.clientContextJson(), options.cognitoIdentityJson(), log);
        ExecutionEnvironment env = environment;
        CompletableFuture<InvocationOutcome> task;
        try {
            task = env.submit(request);
        } catch (RuntimeException e) {
            task = CompletableFuture.failedFuture(e); // answered below as any failure outside the handler
        }
        InvocationOutcome outcome;
        boolean reusable = true;
        try {
            // The function's Timeout runs on the injected clock, as every Portico deadline does.
            Optional<InvocationOutcome> done = timers.awaitUntil(task, deadline);
            if (done.isPresent()) {
                outcome = done.get();
            } else {
                reusable = false;
                task.cancel(true);
                String message = "RequestId: " + requestId + " Error: " + spec.timeoutReason();
                log.write(Instant.now(clock) + " " + message + "\n");
                outcome = new InvocationOutcome.FunctionError("Sandbox.Timedout", Json.write(Json.object()
                        .put("errorType", "Sandbox.Timedout").put("errorMessage", message)));
            }
        } catch (RuntimeException | Error e) {
            reusable = false;
            if (closed) {
                task.cancel(true); // cut off by the shutdown, which named it
            } else {
                LOG.warn("Environment of {} failed outside the handler", spec.qualifiedArn(), e);
            }
            outcome = new InvocationOutcome.FunctionError("Runtime.Unknown", Json.write(Json.object()
                    .put("errorType", "Runtime.Unknown")
                    .put("errorMessage", "Unknown application error occurred")));
        } catch (InterruptedException e) {
            task.cancel(true);
            pool.discard(env);
            throw e;
        }
        log.write("END RequestId: " + requestId + "\n");
        log.write(report(requestId, Duration.between(started, clock.instant()), spec, initMillis, status(reusable, outcome)));
        if (reusable) {
            pool.release(env, clock.instant());
        } else {
            pool.discard(env);
        }
        return finish(spec, log, requestId, outcome);
    }

    /**
     * The REPORT line's status: {@code timeout} for an invocation whose environment is not reused (it
     * timed out), Lambda's error status for one that outgrew its memory, nothing otherwise.
     */
    private static String status(boolean reusable, InvocationOutcome outcome) {
        if (!reusable) {
            return "\tStatus: timeout";
        }
        if (outcome instanceof InvocationOutcome.FunctionError error && OUT_OF_MEMORY.equals(error.errorType())) {
            return "\tStatus: error\tError Type: " + OUT_OF_MEMORY;
        }
        return "";
    }

    private InvokeResult finish(VersionSpec spec, LogBuffer log, String requestId, InvocationOutcome outcome) {
        logs.append(spec.functionArn(), new FunctionLogs.Entry(clock.instant(), spec.version(), requestId, log.text()));
        return switch (outcome) {
            case InvocationOutcome.Success s -> new InvokeResult(s.payload(), Optional.empty(), log.text(),
                    spec.version(), requestId);
            case InvocationOutcome.FunctionError f -> new InvokeResult(f.payload(), Optional.of("Unhandled"),
                    log.text(), spec.version(), requestId);
        };
    }

    private static String report(String requestId, Duration took, VersionSpec spec, long initMillis, String suffix) {
        double millis = took.toNanos() / 1_000_000.0;
        StringBuilder line = new StringBuilder("REPORT RequestId: ").append(requestId)
                .append("\tDuration: ").append(String.format(Locale.ROOT, "%.2f", millis)).append(" ms")
                .append("\tBilled Duration: ").append((long) Math.ceil(Math.max(1, millis))).append(" ms")
                .append("\tMemory Size: ").append(spec.memorySizeMb()).append(" MB")
                .append("\tMax Memory Used: ").append(MemoryEstimate.usedMb(spec.memorySizeMb())).append(" MB");
        if (initMillis >= 0) {
            line.append("\tInit Duration: ").append(String.format(Locale.ROOT, "%.2f", (double) initMillis)).append(" ms");
        }
        return line.append(suffix).append("\t\n").toString();
    }

    /** An invocation under way: what it runs and since when (a {@link System#nanoTime()}, for the log). */
    private record Running(String qualifiedArn, long startedNanos) {
    }

    /**
     * An idle environment and when it became idle. Compared by identity, so that removing an entry
     * removes exactly the one seen, never a later entry of the same environment.
     */
    private static final class Idle {
        final ExecutionEnvironment environment;
        final Instant since;

        Idle(ExecutionEnvironment environment, Instant since) {
            this.environment = environment;
            this.since = since;
        }
    }

    /** The environments of one version at one revision: the idle ones, and a count of all live ones. */
    private static final class Pool {
        final String key;
        final VersionSpec spec;
        final FunctionRuntime runtime;
        final Deque<Idle> idle = new ConcurrentLinkedDeque<>();
        final AtomicInteger live = new AtomicInteger();
        volatile boolean closed;

        Pool(String key, VersionSpec spec, FunctionRuntime runtime) {
            this.key = key;
            this.spec = spec;
            this.runtime = runtime;
        }

        ExecutionEnvironment start(InvocationLog initLog) throws FunctionInitException, InterruptedException {
            ExecutionEnvironment env = runtime.start(spec, initLog);
            live.incrementAndGet();
            return env;
        }

        /** The most recently used idle environment, now the caller's, or null when none is idle. */
        ExecutionEnvironment takeIdle() {
            Idle entry = idle.pollFirst();
            return entry == null ? null : entry.environment;
        }

        void release(ExecutionEnvironment env, Instant now) {
            // Most recently used first: the warmest environment serves the next call, idle ones age out.
            Idle entry = new Idle(env, now);
            idle.addFirst(entry);
            if (closed && idle.remove(entry)) {
                discard(env);
            }
        }

        /**
         * Closes the environments idle since {@code idleSince} or earlier, oldest first. Each is closed
         * only if this call removed its entry: the deque's removal is atomic, so an invocation that
         * took it first keeps it. Every entry is looked at, since concurrent releases need not be in
         * clock order.
         */
        int reclaimIdleSince(Instant idleSince) {
            int reclaimed = 0;
            for (Iterator<Idle> entries = idle.descendingIterator(); entries.hasNext(); ) {
                Idle entry = entries.next();
                if (!entry.since.isAfter(idleSince) && idle.remove(entry)) {
                    discard(entry.environment);
                    reclaimed++;
                }
            }
            return reclaimed;
        }

        void discard(ExecutionEnvironment env) {
            live.decrementAndGet();
            try {
                env.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing an environment of {} failed", spec.qualifiedArn(), e);
            }
        }

        void close() {
            closed = true;
            List<ExecutionEnvironment> drained = new ArrayList<>();
            for (ExecutionEnvironment env = takeIdle(); env != null; env = takeIdle()) {
                drained.add(env);
            }
            drained.forEach(this::discard);
        }
    }
}
