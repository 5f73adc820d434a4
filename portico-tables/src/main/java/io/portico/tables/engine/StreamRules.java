package io.portico.tables.engine;

import java.time.Instant;
import java.util.Optional;

/**
 * What a StreamSpecification does to a table's stream in UpdateTable: enabling makes a new stream (a new
 * label, hence a new ARN), disabling keeps the latest stream, disabled. Enabling a stream that is on, or
 * disabling one that is off, is refused as DynamoDB refuses it. Stateless.
 */
final class StreamRules {
    private StreamRules() {
    }

    static Optional<TableStream> apply(Optional<TableStream> current, StreamRequest request, String table, Instant now) {
        boolean on = current.filter(TableStream::enabled).isPresent();
        if (request.enabled()) {
            if (on) {
                throw TablesException.invalidRequest("Table already has an enabled stream: TableName: " + table);
            }
            return Optional.of(TableStream.enabledAfter(current, now,
                    request.viewType().orElseThrow(StreamRules::viewTypeMissing)));
        }
        if (!on) {
            // Not recorded: Portico's wording, after DynamoDB's for enabling a stream that is on.
            throw TablesException.invalidRequest("Table already has no enabled stream: TableName: " + table);
        }
        return current.map(TableStream::disabled);
    }

    /** Not recorded: Portico's wording for StreamEnabled without StreamViewType. */
    static TablesException viewTypeMissing() {
        return TablesException.invalidParameter("StreamViewType is required when StreamEnabled is true");
    }
}
