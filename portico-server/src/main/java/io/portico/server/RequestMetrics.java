package io.portico.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.portico.core.protocol.CallListener;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Records every AWS call as the timer {@code portico.aws.requests} tagged with service, operation and
 * status (Prometheus: {@code portico_aws_requests_seconds_count} and friends). Thread safe.
 */
final class RequestMetrics implements CallListener {

    private final MeterRegistry registry;
    /** Each timer once: building its id and finding it in the registry on every call showed in profiles. */
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

    private record TimerKey(String service, String operation, int status) {
    }

    RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onCall(String service, String operation, int status, long durationNanos) {
        timers.computeIfAbsent(new TimerKey(service, operation, status), this::register)
                .record(durationNanos, TimeUnit.NANOSECONDS);
    }

    private Timer register(TimerKey key) {
        return Timer.builder("portico.aws.requests")
                .description("AWS API calls answered by the protocol front")
                .tag("service", key.service())
                .tag("operation", key.operation())
                .tag("status", Integer.toString(key.status()))
                .register(registry);
    }
}
