package io.portico.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.portico.core.protocol.CallListener;
import java.util.concurrent.TimeUnit;

/**
 * Records every AWS call as the timer {@code portico.aws.requests} tagged with service, operation and
 * status (Prometheus: {@code portico_aws_requests_seconds_count} and friends). Thread safe.
 */
final class RequestMetrics implements CallListener {

    private final MeterRegistry registry;

    RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onCall(String service, String operation, int status, long durationNanos) {
        Timer.builder("portico.aws.requests")
                .description("AWS API calls answered by the protocol front")
                .tag("service", service)
                .tag("operation", operation)
                .tag("status", Integer.toString(status))
                .register(registry)
                .record(durationNanos, TimeUnit.NANOSECONDS);
    }
}
