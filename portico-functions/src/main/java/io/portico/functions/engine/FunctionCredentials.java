package io.portico.functions.engine;

/**
 * The credentials a function's environment gets as {@code AWS_ACCESS_KEY_ID},
 * {@code AWS_SECRET_ACCESS_KEY} and {@code AWS_SESSION_TOKEN}: on Lambda its execution role's
 * session, here a session the wiring issues per account, which Portico's endpoint accepts even when
 * it verifies signatures. {@link #toString()} shows neither the secret nor the token.
 */
public record FunctionCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {
    /** Fixed stand-ins for engines wired without issued credentials (tests, development mode). */
    public static final FunctionCredentials PLACEHOLDER = new FunctionCredentials("ASIAPORTICOFUNCTION0",
            "portico/function/dummy/secret/access/key00", "portico-function-dummy-session-token");

    @Override
    public String toString() {
        return "FunctionCredentials[" + accessKeyId + "]";
    }
}
