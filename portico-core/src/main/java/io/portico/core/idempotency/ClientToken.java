package io.portico.core.idempotency;

import java.util.Objects;

/**
 * One client token as a service sees it: the scope it is unique in, the token the client sent, and the
 * fingerprint of the request that came with it.
 *
 * <p>The scope says where a token is unique on AWS: for a request-level token (DynamoDB's
 * {@code ClientRequestToken}) the service, operation, account and region, e.g.
 * {@code dynamodb:TransactWriteItems:000000000000:us-east-1}; for a per-resource token (Secrets
 * Manager's {@code ClientRequestToken}, which names a secret version) the resource's ARN. The
 * fingerprint covers every request member that must match for a repeat to count as the same request
 * (usually all but the token; see {@link io.portico.core.json.Fingerprint}). Immutable; no member is
 * null.
 */
public record ClientToken(String scope, String token, String fingerprint) {

    public ClientToken {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    public static ClientToken of(String scope, String token, String fingerprint) {
        return new ClientToken(scope, token, fingerprint);
    }
}
