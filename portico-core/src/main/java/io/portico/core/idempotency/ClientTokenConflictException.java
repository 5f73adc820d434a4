package io.portico.core.idempotency;

/**
 * A client token was reused, within its window, with a request that differs from the one it was first
 * sent with. The service maps it to its own AWS error (DynamoDB {@code IdempotentParameterMismatchException},
 * EC2 {@code IdempotentParameterMismatch}, ...).
 */
public final class ClientTokenConflictException extends RuntimeException {
    private final ClientToken token;

    public ClientTokenConflictException(ClientToken token) {
        super("client token " + token.token() + " in " + token.scope() + " was first used with another request");
        this.token = token;
    }

    /** The token as the conflicting request sent it (with that request's fingerprint). */
    public ClientToken token() {
        return token;
    }
}
