package io.portico.functions.engine.mappings;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.core.json.Json;
import io.portico.functions.engine.InvokeResult;
import java.io.IOException;
import java.util.List;

/**
 * What an invocation with a batch came to, read as Lambda reads it. Without ReportBatchItemFailures any
 * function error fails the whole batch. With it, a response {@code {"batchItemFailures":[{"itemIdentifier":
 * "<SequenceNumber>"}]}} fails the batch from its earliest listed record on; an empty or null response, an
 * empty object, or an empty or null list is a success; a failure entry whose identifier is missing, null,
 * empty, not a string or not a record of the batch fails the whole batch (the recorded
 * {@code test_dynamodb_report_batch_item_failure_scenarios} and {@code _success_scenarios}).
 */
sealed interface BatchVerdict {

    record Success() implements BatchVerdict {
    }

    record Failure() implements BatchVerdict {
    }

    /** Records from {@code index} (in the delivered batch) on failed; those before it succeeded. */
    record FailedFrom(int index) implements BatchVerdict {
    }

    static BatchVerdict of(InvokeResult result, boolean reportBatchItemFailures, List<String> sequenceNumbers) {
        if (result.failed()) {
            return new Failure();
        }
        if (!reportBatchItemFailures) {
            return new Success();
        }
        JsonNode response;
        try {
            response = result.payload().length == 0 ? null : Json.mapper().readTree(result.payload());
        } catch (IOException e) {
            return new Failure();
        }
        if (response == null || response.isNull() || !response.isObject()) {
            return new Success(); // Lambda reads a response that is not an object as no failures
        }
        JsonNode failures = response.get("batchItemFailures");
        if (failures == null || failures.isNull() || (failures.isArray() && failures.isEmpty())) {
            return new Success();
        }
        if (!failures.isArray()) {
            return new Failure();
        }
        int earliest = Integer.MAX_VALUE;
        for (JsonNode failure : failures) {
            JsonNode id = failure.get("itemIdentifier");
            if (id == null || !id.isTextual() || id.asText().isEmpty()) {
                return new Failure();
            }
            int index = sequenceNumbers.indexOf(id.asText());
            if (index < 0) {
                return new Failure();
            }
            earliest = Math.min(earliest, index);
        }
        return new FailedFrom(earliest);
    }
}
