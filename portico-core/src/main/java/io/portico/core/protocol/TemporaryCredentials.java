package io.portico.core.protocol;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Session credentials Portico issues to what it runs on a caller's behalf (Lambda functions get them
 * as {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} and {@code AWS_SESSION_TOKEN}, as Lambda
 * hands a function its execution role's session), and the verifier accepts beside the configured
 * keys. One random credential per account, living as long as this Portico process: nothing that
 * holds one (an execution environment) outlives the process either.
 *
 * <p>A request signed with an issued key must carry its session token ({@code X-Amz-Security-Token}),
 * as AWS requires for {@code ASIA} keys. Nothing here is persisted or logged. Thread safe.
 */
public final class TemporaryCredentials {
    private static final char[] KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    /** An issued credential: its access key (id, secret, account) and the session token it requires. */
    public record Issued(AccessKey key, String sessionToken) {
        @Override
        public String toString() {
            return "Issued[" + key + "]"; // never the secret or the token
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Issued> byAccount = new ConcurrentHashMap<>();
    private final Map<String, Issued> byKeyId = new ConcurrentHashMap<>();

    /** The credential of {@code accountId}, issued on first use. */
    public Issued forAccount(String accountId) {
        return byAccount.computeIfAbsent(accountId, account -> {
            Issued issued = new Issued(new AccessKey(keyId(), secret(30), account), secret(96));
            byKeyId.put(issued.key().accessKeyId(), issued);
            return issued;
        });
    }

    /** The issued credential with this access key id, if any. */
    public Optional<Issued> find(String accessKeyId) {
        return Optional.ofNullable(byKeyId.get(accessKeyId));
    }

    /** {@code ASIA} and 16 base32 characters, the shape of an AWS session key id. */
    private String keyId() {
        StringBuilder id = new StringBuilder("ASIA");
        for (int i = 0; i < 16; i++) {
            id.append(KEY_ALPHABET[random.nextInt(KEY_ALPHABET.length)]);
        }
        return id.toString();
    }

    private String secret(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getEncoder().encodeToString(value);
    }
}
