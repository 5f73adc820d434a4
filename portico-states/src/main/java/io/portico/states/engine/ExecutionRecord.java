package io.portico.states.engine;

import java.time.Instant;
import java.util.Optional;

/** An execution as DescribeExecution reports it. */
public record ExecutionRecord(
        String arn,
        String machineArn,
        String name,
        String status,
        String input,
        Optional<String> output,
        Optional<String> error,
        Optional<String> cause,
        Instant startDate,
        Optional<Instant> stopDate,
        String definition,
        String roleArn,
        Optional<String> versionArn,
        Optional<String> aliasArn,
        int redriveCount,
        Optional<Instant> redriveDate,
        Optional<String> traceHeader,
        Optional<String> mapRunArn) {

    public boolean isRunning() {
        return "RUNNING".equals(status) || "PENDING_REDRIVE".equals(status);
    }
}
