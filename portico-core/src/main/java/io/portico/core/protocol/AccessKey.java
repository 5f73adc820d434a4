package io.portico.core.protocol;

import java.util.Objects;

/**
 * One configured credential: the access key id a client signs with, its secret, and the account its
 * calls act in. Parsed from the {@code ACCESS_KEY:SECRET[:ACCOUNT]} form the command line and the
 * {@code PORTICO_CREDENTIALS} variable use. Immutable; thread safe; no component is null.
 *
 * <p>{@link #toString()} never shows the secret, so an access key may be logged safely.
 */
public record AccessKey(String accessKeyId, String secretAccessKey, String accountId) {

    /** The account used when a credential names none and for every call in development mode. */
    public static final String DEFAULT_ACCOUNT = "000000000000";

    public AccessKey {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(accountId, "accountId");
        if (accessKeyId.isBlank() || secretAccessKey.isEmpty()) {
            throw new IllegalArgumentException("access key id and secret must not be empty");
        }
        if (!accountId.matches("\\d{12}")) {
            throw new IllegalArgumentException("account id must be 12 digits, got '" + accountId + "'");
        }
    }

    /**
     * Parses {@code ACCESS_KEY:SECRET[:ACCOUNT]}.
     *
     * @throws IllegalArgumentException if the text has not that form; the message never contains the
     *     secret
     */
    public static AccessKey parse(String text) {
        String[] parts = text.trim().split(":", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("credentials must read ACCESS_KEY:SECRET[:ACCOUNT]");
        }
        return new AccessKey(parts[0], parts[1], parts.length == 3 ? parts[2] : DEFAULT_ACCOUNT);
    }

    @Override
    public String toString() {
        return "AccessKey[" + accessKeyId + ", account " + accountId + "]";
    }
}
