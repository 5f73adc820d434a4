package io.portico.server.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.core.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * An SDK interceptor that keeps the JSON body of the last answer each thread received, so that a test can
 * compare what Portico sent with AWS's recorded answer member by member (the SDK's model objects hide an
 * absent member behind an empty list or map). Add it with
 * {@code clients.create(DynamoDbClient.builder().overrideConfiguration(c -> c.addExecutionInterceptor(wire)))}
 * and read {@link #body} right after the call (a sync client runs the interceptor on the calling thread).
 * Refusals need no interceptor: {@code AwsErrorDetails} keeps their code, message, status and body.
 *
 * <p>Thread safe.
 */
public final class WireAnswers implements ExecutionInterceptor {
    private final ThreadLocal<byte[]> last = new ThreadLocal<>();

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
            ExecutionAttributes attributes) {
        Optional<InputStream> body = context.responseBody();
        if (body.isEmpty()) {
            last.set(new byte[0]);
            return body;
        }
        try (InputStream in = body.get()) {
            byte[] bytes = in.readAllBytes();
            last.set(bytes);
            return Optional.of(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The JSON of {@code response}, the answer this thread received last (an empty object for an empty body).
     *
     * @throws IllegalStateException when this thread has not called through a client with this interceptor
     */
    public JsonNode body(SdkResponse response) {
        return last();
    }

    /** The JSON of the answer this thread received last. */
    public JsonNode last() {
        byte[] body = last.get();
        if (body == null) {
            throw new IllegalStateException("no answer kept: was the client built with this interceptor?");
        }
        try {
            return body.length == 0 ? Json.object() : Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
