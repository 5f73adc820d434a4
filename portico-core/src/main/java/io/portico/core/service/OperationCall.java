package io.portico.core.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.model.OperationModel;
import java.util.Optional;

/**
 * One call of an operation, decoded and validated: the input as a document keyed by the model's member
 * names (whatever protocol carried it: URI labels, headers and query parameters are members like any
 * other), who calls, and the request id the answer will carry.
 *
 * <p>Documents use JSON types for the model's types: strings, numbers, booleans, arrays for lists,
 * objects for structures and maps, epoch seconds (a number) for timestamps and binary nodes for blobs.
 * The input is already checked against the model, so a handler reads required members without checking
 * them again. {@code host} is the {@code Host} a wire request was sent to (absent on the call bus), for answers
 * that point back at the endpoint, such as a code download location. Not thread safe: the input belongs
 * to the call.
 */
public record OperationCall(OperationModel operation, ObjectNode input, Caller caller, String requestId,
        Optional<String> host) {

    /** A string member, absent as empty. */
    public Optional<String> string(String member) {
        var v = input.get(member);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    /** A required string member (the model marks it required, so validation has already refused its absence). */
    public String required(String member) {
        return string(member).orElseThrow(() -> new IllegalStateException(member + " is required by the model"));
    }
}
