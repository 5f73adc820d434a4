package io.portico.states.engine;

/**
 * The item or child-execution counts of a Map Run, as DescribeMapRun reports them in
 * {@code itemCounts} and {@code executionCounts}. {@code failuresNotRedrivable} and
 * {@code pendingRedrive} stay 0: Portico does not redrive Map Runs yet.
 */
public record MapRunCounts(long pending, long running, long succeeded, long failed, long timedOut, long aborted,
                           long total, long resultsWritten, long failuresNotRedrivable, long pendingRedrive) {
}
