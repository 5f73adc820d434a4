package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.states.asl.DataFlow;
import io.portico.states.asl.QueryLanguage;
import io.portico.states.asl.State;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The size of an inline Map's results so far, against AWS's 256 KiB quota on the state's output: once
 * the results alone are over it, the Map fails with {@code States.DataLimitExceeded} at once, the
 * iterations still running are cancelled and no further one starts, instead of running every item to
 * build an output that cannot be passed on. The error is the one the state's output check would raise
 * at the end ({@code The state/task '<name>' returned a result with a size exceeding ...}), so Retry
 * and Catch see the same thing, only sooner.
 *
 * <p>Only when the results are certain to reach the output whole: no ResultSelector, a ResultPath
 * that keeps the result and OutputPath {@code $} (JSONPath), or no Output (JSONata). A Map that
 * selects, discards or reshapes its results runs to the end and its output is measured then, as every
 * state's is. Each result is measured once, and the walk stops at the quota, so the accounting costs
 * at most the quota's worth of nodes over the whole Map.
 *
 * <p>Thread safe: the Map's workers add concurrently.
 */
final class MapOutputQuota {
    private static final MapOutputQuota NONE = new MapOutputQuota("");

    private final String stateName;
    private final AtomicLong bytes = new AtomicLong(1); // the opening bracket; each result adds its comma or the closing one

    private MapOutputQuota(String stateName) {
        this.stateName = stateName;
    }

    /** The quota for {@code map}'s results, or one that counts nothing when its output may be smaller than they are. */
    static MapOutputQuota of(State.Map map) {
        return resultsReachOutputWhole(map) ? new MapOutputQuota(map.name()) : NONE;
    }

    /**
     * Counts one iteration's output.
     *
     * @throws io.portico.states.asl.StatesError {@code States.DataLimitExceeded} once the results so far
     *                                           are over the quota
     */
    void add(JsonNode output) {
        if (this == NONE) {
            return;
        }
        long total = bytes.addAndGet(PayloadSize.size(output, PayloadSize.MAX_BYTES) + 1);
        if (total > PayloadSize.MAX_BYTES) {
            throw PayloadSize.overQuota(stateName, "returned a result");
        }
    }

    private static boolean resultsReachOutputWhole(State.Map map) {
        DataFlow flow = map.dataFlow();
        if (map.queryLanguage() == QueryLanguage.JSONATA) {
            return flow.output().isEmpty();
        }
        return flow.resultSelector().isEmpty() && flow.resultPath().isPresent()
                && flow.outputPath().equals(DataFlow.DEFAULT_PATH);
    }
}
