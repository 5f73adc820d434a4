package io.portico.core.paging;

import io.portico.core.paging.InvalidPageTokenException.Reason;
import io.portico.core.store.Insertion;
import io.portico.core.store.Migration;
import io.portico.core.store.NewRow;
import io.portico.core.store.Store;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes and checks the opaque page tokens of every service's list operations.
 *
 * <p>A token is base64url (no padding) of: a version byte, the issue time in epoch seconds, the cursor
 * (an offset, or the key of the last item returned), and the first 16 bytes of an HMAC-SHA256 over
 * the {@link PageScope} and everything before it. The scope itself is not in the token: decoding
 * recomputes the MAC with the scope of the request at hand, so a token from another account, region,
 * operation or filter set fails exactly as a tampered one does, and the client learns nothing about
 * what a token holds. Why a MAC and not a bare offset: a client that edits a token must get the
 * service's InvalidToken error, not someone else's page, and a token must never name a key the caller
 * could not list. An offset token is about 40 characters, well under AWS's usual 1024.
 *
 * <p>The HMAC key is 32 random bytes generated the first time a store is used and kept in it
 * ({@code core_page_keys}, module {@value #MODULE}), so tokens survive a restart, and every process
 * on a shared store accepts every other's tokens. It is read (or made) on first use, not when the
 * service is built, so building a service touches no store. Tokens expire after {@code validity}
 * (AWS documents 24 hours for Step Functions), measured on the injected clock.
 *
 * <p>Thread safe: threads that race to load the key all get the one the store kept (insert-if-absent),
 * and it never changes afterwards; a {@link Mac} is made per call.
 */
public final class PageTokens {
    /** The schema module name under which the key table is migrated. */
    public static final String MODULE = "core.paging";
    /** How long a token stays valid unless a service says otherwise (AWS Step Functions: 24 hours). */
    public static final Duration DEFAULT_VALIDITY = Duration.ofHours(24);
    private static final String KEY_NAME = "page-tokens";
    private static final byte VERSION = 1;
    private static final byte OFFSET = 'O';
    private static final byte AFTER = 'K';
    private static final int MAC_BYTES = 16;
    private static final int HEADER_BYTES = 1 + Long.BYTES + 1;

    private final Supplier<byte[]> keySource;
    private final Clock clock;
    private final Duration validity;
    private volatile SecretKeySpec key;

    private PageTokens(Supplier<byte[]> keySource, Clock clock, Duration validity) {
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive: " + validity);
        }
        this.keySource = keySource;
        this.clock = clock;
        this.validity = validity;
    }

    /** Tokens valid for {@link #DEFAULT_VALIDITY}, keyed by the store's page-token key. */
    public static PageTokens of(Store store, Clock clock) {
        return of(store, clock, DEFAULT_VALIDITY);
    }

    /** Tokens valid for {@code validity}, keyed by the store's page-token key. */
    public static PageTokens of(Store store, Clock clock, Duration validity) {
        return new PageTokens(() -> storedKey(store, clock), clock, validity);
    }

    /** Tokens under a given key, without a store (tests, and tools that must not touch one). */
    static PageTokens withKey(byte[] key, Clock clock, Duration validity) {
        byte[] copy = key.clone();
        return new PageTokens(() -> copy, clock, validity);
    }

    private static byte[] storedKey(Store store, Clock clock) {
        store.migrate(MODULE, List.of(Migration.of(1, """
                CREATE TABLE core_page_keys (
                  name TEXT PRIMARY KEY, secret BLOB NOT NULL, created_ms BIGINT NOT NULL)""")));
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        NewRow row = NewRow.into("core_page_keys").key("name", KEY_NAME).value("secret", fresh)
                .value("created_ms", clock.millis()).build();
        // Two services (or threads) loading at once must end up with one key: the first insert wins.
        return store.write(tx -> switch (tx.insertIfAbsent(row, r -> r.bytes("secret"))) {
            case Insertion.Inserted<byte[]> inserted -> fresh;
            case Insertion.Existing<byte[]> existing -> existing.row();
        });
    }

    private SecretKeySpec key() {
        SecretKeySpec loaded = key;
        if (loaded == null) {
            loaded = new SecretKeySpec(keySource.get(), "HmacSHA256");
            key = loaded;
        }
        return loaded;
    }

    /** A token that continues the listing {@code scope} at {@code cursor}. */
    public String encode(PageScope scope, PageCursor cursor) {
        byte[] payload = switch (cursor) {
            case PageCursor.Offset o -> ByteBuffer.allocate(Integer.BYTES).putInt(o.offset()).array();
            case PageCursor.After a -> a.key().getBytes(StandardCharsets.UTF_8);
        };
        ByteBuffer body = ByteBuffer.allocate(HEADER_BYTES + payload.length + MAC_BYTES);
        body.put(VERSION).putLong(clock.instant().getEpochSecond())
                .put(cursor instanceof PageCursor.Offset ? OFFSET : AFTER).put(payload);
        body.put(mac(scope, body.array(), body.position()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(body.array());
    }

    /**
     * The cursor {@code token} carries, if it was made by this store for {@code scope} and has not
     * expired.
     *
     * @throws InvalidPageTokenException otherwise
     */
    public PageCursor decode(PageScope scope, String token) {
        byte[] bytes = base64(token).orElseThrow(() -> new InvalidPageTokenException(token, Reason.MALFORMED));
        if (bytes.length < HEADER_BYTES + MAC_BYTES || bytes[0] != VERSION) {
            throw new InvalidPageTokenException(token, Reason.MALFORMED);
        }
        int macAt = bytes.length - MAC_BYTES;
        if (!MessageDigest.isEqual(mac(scope, bytes, macAt), Arrays.copyOfRange(bytes, macAt, bytes.length))) {
            throw new InvalidPageTokenException(token, Reason.FOREIGN);
        }
        ByteBuffer body = ByteBuffer.wrap(bytes, 1, macAt - 1);
        Instant issued = Instant.ofEpochSecond(body.getLong());
        if (clock.instant().isAfter(issued.plus(validity))) {
            throw new InvalidPageTokenException(token, Reason.EXPIRED);
        }
        byte kind = body.get();
        if (kind == OFFSET && body.remaining() == Integer.BYTES) {
            int offset = body.getInt();
            if (offset >= 0) {
                return PageCursor.offset(offset);
            }
        } else if (kind == AFTER) {
            return PageCursor.after(new String(bytes, body.position(), body.remaining(), StandardCharsets.UTF_8));
        }
        throw new InvalidPageTokenException(token, Reason.MALFORMED);
    }

    /**
     * The offset an offset token carries.
     *
     * @throws InvalidPageTokenException if the token is invalid for {@code scope} or carries a key
     */
    public int offset(PageScope scope, String token) {
        if (decode(scope, token) instanceof PageCursor.Offset o) {
            return o.offset();
        }
        throw new InvalidPageTokenException(token, Reason.MALFORMED);
    }

    /**
     * The page of {@code items} (the whole listing, in the same order on every call) that starts at
     * {@code offset} and holds at most {@code size} items, with a next token when items remain. An
     * offset past the end gives an empty last page.
     */
    public <T> Page<T> page(PageScope scope, int offset, List<T> items, int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("page size must be positive: " + size);
        }
        int start = Math.min(offset, items.size());
        int end = (int) Math.min(items.size(), (long) start + size);
        Optional<String> next = end < items.size() ? Optional.of(encode(scope, PageCursor.offset(end))) : Optional.empty();
        return new Page<>(items.subList(start, end), next);
    }

    private byte[] mac(PageScope scope, byte[] body, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key());
            mac.update(scope.canonical().getBytes(StandardCharsets.UTF_8));
            mac.update(body, 0, length);
            return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    private static Optional<byte[]> base64(String token) {
        try {
            return Optional.of(Base64.getUrlDecoder().decode(token));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
