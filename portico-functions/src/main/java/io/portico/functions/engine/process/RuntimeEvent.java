package io.portico.functions.engine.process;

import io.portico.functions.engine.InvocationRequest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One invocation as the Runtime API's {@code /next} hands it to a worker: the event body and what
 * goes into the {@code Lambda-Runtime-*} headers.
 */
record RuntimeEvent(
        String requestId,
        byte[] payload,
        long deadlineEpochMillis,
        String invokedFunctionArn,
        String traceId,
        Optional<String> clientContext,
        Optional<String> cognitoIdentity) {

    /** The event of {@code request}, with a fresh X-Ray trace header as Lambda sends one with every event. */
    static RuntimeEvent of(InvocationRequest request) {
        return new RuntimeEvent(request.requestId(), request.payload(), request.deadline().toEpochMilli(),
                request.invokedFunctionArn(), newTraceId(Instant.now()), request.clientContextJson(),
                request.cognitoIdentityJson());
    }

    /**
     * {@code Root=1-<epoch seconds, 8 hex>-<24 hex>;Parent=<16 hex>;Sampled=0}: X-Ray's format. Not
     * sampled, since Portico runs no X-Ray daemon a runtime could send segments to.
     */
    static String newTraceId(Instant now) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        HexFormat hex = HexFormat.of();
        byte[] root = new byte[12];
        byte[] parent = new byte[8];
        random.nextBytes(root);
        random.nextBytes(parent);
        return "Root=1-" + String.format("%08x", now.getEpochSecond()) + "-" + hex.formatHex(root)
                + ";Parent=" + hex.formatHex(parent) + ";Sampled=0";
    }
}
