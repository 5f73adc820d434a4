package io.portico.tables.engine;

import java.time.Instant;
import java.util.Optional;

/**
 * What a StreamSpecification does to a table's stream in UpdateTable: enabling makes a new stream (a new
 * label, hence a new ARN), disabling keeps the latest stream, disabled. Enabling a stream that is on, or
 * disabling one that is off, is refused as DynamoDB refuses it (texts from a catalogue of DynamoDB's answers,
 * ack-api-quirks, dynamodb, 2026-10-09). Stateless.
 */
final class StreamRules {
    private StreamRules() {
    }

    static Optional<TableStream> apply(Optional<TableStream> current, StreamRequest request, String table, Instant now) {
        boolean on = current.filter(TableStream::enabled).isPresent();
        if (request.enabled() && request.viewType().isEmpty()) {
            throw TablesException.invalidParameter("If stream is being enabled then UpdateViewType is required");
        }
        if (!request.enabled() && request.viewType().isPresent()) {
            throw TablesException.invalidParameter("If stream is being disabled, then UpdateViewType must not be specified");
        }
        if (request.enabled()) {
            if (on) {
                throw TablesException.invalidRequest("Table already has an enabled stream: TableName: " + table);
            }
            return Optional.of(TableStream.enabledAfter(current, now, request.viewType().orElseThrow()));
        }
        if (!on) {
            throw TablesException.invalidRequest("Table has no stream to disable: TableName: " + table);
        }
        return current.map(TableStream::disabled);
    }
}
