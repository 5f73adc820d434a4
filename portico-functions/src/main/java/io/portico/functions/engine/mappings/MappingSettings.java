package io.portico.functions.engine.mappings;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a stream mapping is told to do, with Lambda's defaults for streams filled in
 * ({@link #streamDefaults}).
 *
 * @param batchSize records per invocation, at most (1 to 10,000; default 100)
 * @param maximumBatchingWindowSeconds how long to gather records before invoking with fewer than a batch (0 to 300)
 * @param parallelizationFactor how many batches of one shard are in flight at once (1 to 10), split by item key
 * @param filterPatterns FilterCriteria's patterns (EventBridge patterns), in order; empty: no filter
 * @param onFailure DestinationConfig.OnFailure.Destination, if any
 * @param maximumRecordAgeSeconds -1 (forever) or 60 to 604,800
 * @param bisectOnError whether a failed batch is split in two and each half retried
 * @param maximumRetryAttempts -1 (until the record expires) or 0 to 10,000
 * @param tumblingWindowSeconds the tumbling window's length (1 to 900), or 0 for none (see {@code TumblingWindows})
 * @param reportBatchItemFailures FunctionResponseTypes contains ReportBatchItemFailures
 */
public record MappingSettings(int batchSize, int maximumBatchingWindowSeconds, int parallelizationFactor,
        List<String> filterPatterns, Optional<String> onFailure, int maximumRecordAgeSeconds, boolean bisectOnError,
        int maximumRetryAttempts, int tumblingWindowSeconds, boolean reportBatchItemFailures) {

    public MappingSettings {
        filterPatterns = List.copyOf(filterPatterns);
        Objects.requireNonNull(onFailure, "onFailure");
    }

    /** Lambda's defaults for a DynamoDB or Kinesis stream, as CreateEventSourceMapping reports them. */
    public static MappingSettings streamDefaults() {
        return new MappingSettings(100, 0, 1, List.of(), Optional.empty(), -1, false, -1, 0, false);
    }

    public MappingSettings withBatchSize(int value) {
        return new MappingSettings(value, maximumBatchingWindowSeconds, parallelizationFactor, filterPatterns,
                onFailure, maximumRecordAgeSeconds, bisectOnError, maximumRetryAttempts, tumblingWindowSeconds,
                reportBatchItemFailures);
    }

    public MappingSettings withBatchingWindow(int value) {
        return new MappingSettings(batchSize, value, parallelizationFactor, filterPatterns, onFailure,
                maximumRecordAgeSeconds, bisectOnError, maximumRetryAttempts, tumblingWindowSeconds,
                reportBatchItemFailures);
    }

    public MappingSettings withParallelizationFactor(int value) {
        return new MappingSettings(batchSize, maximumBatchingWindowSeconds, value, filterPatterns, onFailure,
                maximumRecordAgeSeconds, bisectOnError, maximumRetryAttempts, tumblingWindowSeconds,
                reportBatchItemFailures);
    }

    public MappingSettings withFilterPatterns(List<String> value) {
        return new MappingSettings(batchSize, maximumBatchingWindowSeconds, parallelizationFactor, value, onFailure,
                maximumRecordAgeSeconds, bisectOnError, maximumRetryAttempts, tumblingWindowSeconds,
                reportBatchItemFailures);
    }

    public MappingSettings withOnFailure(Optional<String> value) {
        return new MappingSettings(batchSize, maximumBatchingWindowSeconds, parallelizationFactor, filterPatterns,
                value, maximumRecordAgeSeconds, bisectOnError, maximumRetryAttempts, tumblingWindowSeconds,
                reportBatchItemFailures);
    }

    public MappingSettings withMaximumRecordAge(int value) {
        return new MappingSettings(batchSize, maximumBatchingWindowSeconds, parallelizationFactor, filterPatterns,
                onFailure, value, bisectOnError, maximumRetryAttempts, tumblingWindowSeconds, reportBatchItemFailures);
    }

    public MappingSettings withBisectOnError(boolean value) {
        return new MappingSettings(batchSize, maximumBatchingWindowSeconds, parallelizationFactor, filterPatterns,
                onFailure, maximumRecordAgeSeconds, value, maximumRetryAttempts, tumblingWindowSeconds,
                reportBatchItemFailures);
    }

    public MappingSettings withMaximumRetryAttempts(int value) {
        return new MappingSettings(batchSize, maximumBatchingWindowSeconds, parallelizationFactor, filterPatterns,
                onFailure, maximumRecordAgeSeconds, bisectOnError, value, tumblingWindowSeconds,
                reportBatchItemFailures);
    }

    public MappingSettings withTumblingWindow(int value) {
        return new MappingSettings(batchSize, maximumBatchingWindowSeconds, parallelizationFactor, filterPatterns,
                onFailure, maximumRecordAgeSeconds, bisectOnError, maximumRetryAttempts, value,
                reportBatchItemFailures);
    }

    public MappingSettings withReportBatchItemFailures(boolean value) {
        return new MappingSettings(batchSize, maximumBatchingWindowSeconds, parallelizationFactor, filterPatterns,
                onFailure, maximumRecordAgeSeconds, bisectOnError, maximumRetryAttempts, tumblingWindowSeconds, value);
    }
}
