package io.portico.tables.engine.stream;

import io.portico.tables.engine.TablesException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes and checks shard iterators. An iterator names a stream, a shard of it and the next position to read
 * there, and when it was issued; it is base64url of those four (text) followed by {@code .} and the first
 * 16 bytes of an HMAC-SHA256 over them, so a client that edits one gets a refusal, never another position
 * or another account's stream. The key is 32 random bytes made per process: iterators are short-lived on
 * AWS too (15 minutes), and a consumer that restarts asks for a new one from its checkpoint, so keeping
 * the key in the store buys nothing (an iterator issued before a restart is refused as invalid).
 *
 * <p>Thread safe: the key never changes and a {@link Mac} is made per call.
 */
public final class ShardIterators {
    /** AWS: "A shard iterator expires 15 minutes after it is returned to the requester." */
    public static final Duration VALIDITY = Duration.ofMinutes(15);
    private static final int MAC_BYTES = 16;
    /** Java's {@code Date.toString()} in UTC, which the AWS message prints. */
    private static final DateTimeFormatter AWS_DATE = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss 'UTC' yyyy",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    private final SecretKeySpec key;
    private final Clock clock;

    private ShardIterators(byte[] key, Clock clock) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
        this.clock = clock;
    }

    /** Iterators under a fresh random key, dated and expired on {@code clock}. */
    public static ShardIterators create(Clock clock) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new ShardIterators(key, clock);
    }

    /** Where an iterator points: the stream, its shard, and the sequence of the next record to read. */
    public record Position(String streamArn, String shardId, long next) {
    }

    /** An iterator for {@code position}, issued now. */
    public String issue(Position position) {
        String body = position.streamArn() + "\n" + position.shardId() + "\n" + position.next() + "\n"
                + clock.millis();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(bytes) + "." + b64.encodeToString(mac(bytes));
    }

    /**
     * The position {@code iterator} names.
     *
     * @throws TablesException a ValidationException for an iterator Portico did not issue (or that was
     *     edited), an ExpiredIteratorException for one older than {@link #VALIDITY}
     */
    public Position read(String iterator) {
        int dot = iterator.indexOf('.');
        if (dot < 0) {
            throw invalid();
        }
        byte[] body;
        byte[] mac;
        try {
            body = Base64.getUrlDecoder().decode(iterator.substring(0, dot));
            mac = Base64.getUrlDecoder().decode(iterator.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (!MessageDigest.isEqual(mac, mac(body))) {
            throw invalid();
        }
        String[] parts = new String(body, StandardCharsets.UTF_8).split("\n", -1);
        Instant issued = Instant.ofEpochMilli(Long.parseLong(parts[3]));
        Instant now = clock.instant();
        if (now.isAfter(issued.plus(VALIDITY))) {
            throw TablesException.iteratorExpired("Iterator expired. The iterator was created at time "
                    + AWS_DATE.format(issued) + " while right now it is " + AWS_DATE.format(now)
                    + " which is further in the future than the tolerated delay of " + VALIDITY.toMillis()
                    + " milliseconds.");
        }
        return new Position(parts[0], parts[1], Long.parseLong(parts[2]));
    }

    /** Wording inferred: AWS's answer to an iterator it did not issue is not recorded. */
    private static TablesException invalid() {
        return TablesException.validation("Invalid ShardIterator");
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Arrays.copyOf(mac.doFinal(body), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
