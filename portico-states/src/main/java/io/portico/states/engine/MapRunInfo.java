package io.portico.states.engine;

import java.time.Instant;
import java.util.Optional;

/**
 * A Map Run as DescribeMapRun and ListMapRuns report it. {@code stateMachineArn} is the qualified ARN
 * of the Map's item processor ({@code ...:stateMachine:<name>/<label>}), which the child executions
 * name as their state machine. An unset tolerated failure count or percentage is reported as 0, as AWS
 * does.
 */
public record MapRunInfo(
        String mapRunArn,
        String executionArn,
        String stateMachineArn,
        String status,
        Instant startDate,
        Optional<Instant> stopDate,
        int maxConcurrency,
        Optional<Long> toleratedFailureCount,
        Optional<Double> toleratedFailurePercentage,
        MapRunCounts itemCounts,
        MapRunCounts executionCounts) {

    public boolean isRunning() {
        return "RUNNING".equals(status);
    }
}
