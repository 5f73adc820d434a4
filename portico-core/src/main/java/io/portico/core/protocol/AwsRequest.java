package io.portico.core.protocol;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One AWS API call as the protocol front decoded it, before any service looks at it.
 *
 * <p>{@code operation} is the operation name: the part after the dot of {@code X-Amz-Target} for the
 * JSON protocols, or empty for REST protocols, where the service routes on {@code method} and
 * {@code path}. {@code region} and {@code accountId} scope every resource the call touches: the region
 * comes from the SigV4 credential scope (default {@code us-east-1}) and the account from the access key
 * (default {@code 000000000000}). Header names are lower case. Immutable; thread safe.
 */
public record AwsRequest(
        String service,
        String operation,
        String method,
        String path,
        Map<String, List<String>> query,
        Map<String, String> headers,
        byte[] body,
        String region,
        String accountId,
        String requestId,
        String host) {

    /** The first value of a header, by lower-case name. */
    public Optional<String> header(String lowerCaseName) {
        return Optional.ofNullable(headers.get(lowerCaseName));
    }
}
