package io.portico.core.service;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A service's own plain-HTTP paths under {@code /_portico/} on the AWS endpoint: things AWS serves
 * elsewhere (a function's code download, which AWS serves from S3) or only in its console (a
 * function's logs). GETs only. When credentials are configured the endpoint requires a SigV4-signed
 * request for every such path, except those a service protects itself ({@link #authenticates}) the way
 * AWS protects them: a presigned-URL-style token in the path or query. Either way the service gets the
 * caller and answers only for the caller's own resources.
 */
public interface PorticoPaths {

    /** Whether {@code path} (it starts with {@code /_portico/}) is one of this service's. */
    boolean owns(String path);

    /**
     * Answers a GET of one of this service's paths for {@code caller} (the signing key's account, or the
     * default account when no credentials are configured; unverified for a path the service
     * {@linkplain #authenticates authenticates} itself). Empty for a path it has nothing at.
     */
    Optional<AwsResponse> get(String path, Map<String, List<String>> query, Caller caller);

    /**
     * Whether this service checks the caller of {@code path} itself (a URL carrying its own signature,
     * as an S3 presigned URL does), so that the endpoint need not require SigV4 for it.
     */
    default boolean authenticates(String path) {
        return false;
    }
}
