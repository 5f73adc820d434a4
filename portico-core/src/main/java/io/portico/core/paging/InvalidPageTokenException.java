package io.portico.core.paging;

/**
 * A page token that cannot continue this listing. The service maps it to its own AWS error, quoting the
 * token as the caller sent it: Step Functions answers {@code InvalidToken} "Invalid Token: '<token>'".
 * {@link #reason()} is for logs and tests, never for the client (AWS does not say why).
 */
public final class InvalidPageTokenException extends RuntimeException {

    /** Why the token was refused. */
    public enum Reason {
        /** Not a token at all: not base64url, too short, an unknown version, or an unexpected cursor kind. */
        MALFORMED,
        /** Well formed, but not made by this store for this scope: tampered with, or from another listing. */
        FOREIGN,
        /** Made for this listing, but longer ago than tokens stay valid. */
        EXPIRED
    }

    private final String token;
    private final Reason reason;

    public InvalidPageTokenException(String token, Reason reason) {
        super("invalid page token (" + reason + "): " + token);
        this.token = token;
        this.reason = reason;
    }

    /** The token exactly as the caller sent it. */
    public String token() {
        return token;
    }

    public Reason reason() {
        return reason;
    }
}
