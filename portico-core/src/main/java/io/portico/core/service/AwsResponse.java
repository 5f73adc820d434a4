package io.portico.core.service;

import java.util.Map;

/**
 * What the AWS endpoint answers to one call; the protocol front adds {@code x-amzn-RequestId} and writes
 * it. {@code contentType} may be null for an empty body.
 */
public record AwsResponse(int status, String contentType, Map<String, String> headers, byte[] body) {

    public static AwsResponse json(int status, String contentType, byte[] body) {
        return new AwsResponse(status, contentType, Map.of(), body);
    }
}
