package io.portico.states.asl;

import java.util.List;
import java.util.Optional;

/**
 * One element of a state's Retry field, with AWS's defaults filled in: IntervalSeconds 1,
 * MaxAttempts 3, BackoffRate 2.0, no MaxDelaySeconds, JitterStrategy NONE.
 */
public record Retrier(
        List<String> errorEquals,
        int intervalSeconds,
        int maxAttempts,
        double backoffRate,
        Optional<Integer> maxDelaySeconds,
        JitterStrategy jitterStrategy) {

    public enum JitterStrategy { FULL, NONE }
}
