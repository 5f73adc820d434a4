package io.portico.core.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import io.portico.core.json.Json;
import io.portico.core.store.Migration;
import io.portico.core.store.Store;
import io.portico.core.store.StoreTransaction;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Remembers client tokens: {@code (scope, token) -> (request fingerprint, result, expiry)} in
 * {@code core_client_tokens}, so a retried request gets the first call's result and a reused token with
 * another request gets the service's mismatch error.
 *
 * <p>How {@link #once} stays correct under concurrency: it first claims the token with one statement,
 * {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE expired}, which inserts a fresh claim or takes over
 * an expired one, and changes nothing when a live entry holds the token. Only the caller whose statement
 * changed a row runs the operation; everyone else reads the live entry. Because the claim, the
 * operation's own writes and the stored result are in the caller's one transaction, a failed operation
 * leaves no claim behind (AWS does not remember failed requests either), and a concurrent repeat on
 * PostgreSQL waits for the first to commit instead of running the operation a second time.
 *
 * <p>Windows differ by service, so each call passes its own: DynamoDB keeps a
 * {@code ClientRequestToken} for 10 minutes; a per-resource token lives as long as its resource, which
 * a service expresses with a long window and {@link #forget} when the resource goes. Expiry is measured
 * on the injected clock. Expired entries are ignored at once and deleted by {@link #sweep}, which
 * {@link #once} also runs now and then (at most once a minute per instance) so the table stays small
 * without a scheduler.
 *
 * <p>Results are stored as JSON through {@link Json#mapper()}: records, strings and JSON trees work.
 * Thread safe. {@link #migrate} creates the table (module {@value #MODULE}).
 */
public final class ClientTokens {
    /** The schema module name under which the client token table is migrated. */
    public static final String MODULE = "core.clienttokens";
    private static final long SWEEP_EVERY_MS = Duration.ofMinutes(1).toMillis();

    private final Store store;
    private final Clock clock;
    private final AtomicLong lastSweepMs = new AtomicLong(Long.MIN_VALUE);

    private ClientTokens(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The client tokens of {@code store}, expiring on {@code clock}; nothing is read or written until used. */
    public static ClientTokens of(Store store, Clock clock) {
        return new ClientTokens(store, clock);
    }

    /** Creates the table if absent (idempotent); belongs in the service's start. */
    public void migrate() {
        store.migrate(MODULE, List.of(Migration.of(1, """
                CREATE TABLE core_client_tokens (
                  scope TEXT NOT NULL, token TEXT NOT NULL, fingerprint TEXT NOT NULL, result TEXT,
                  expires_ms BIGINT NOT NULL, PRIMARY KEY (scope, token))""",
                "CREATE INDEX core_client_tokens_expiry ON core_client_tokens(expires_ms)")));
    }

    /** {@link #once(StoreTransaction, ClientToken, Duration, JavaType, Supplier)} for a plain result class. */
    public <T> T once(StoreTransaction tx, ClientToken token, Duration window, Class<T> resultType, Supplier<T> operation) {
        return once(tx, token, window, Json.mapper().constructType(resultType), operation);
    }

    /**
     * Runs {@code operation} unless {@code token} was seen within {@code window}, inside the caller's
     * transaction {@code tx}, and returns its result; a repeat with the same fingerprint returns the
     * stored result without running it.
     *
     * @throws ClientTokenConflictException if the token is live with another fingerprint
     */
    public <T> T once(StoreTransaction tx, ClientToken token, Duration window, JavaType resultType, Supplier<T> operation) {
        long now = clock.millis();
        sweepNowAndThen(tx, now);
        int claimed = tx.update("INSERT INTO core_client_tokens (scope, token, fingerprint, result, expires_ms) "
                        + "VALUES (?,?,?,NULL,?) ON CONFLICT (scope, token) DO UPDATE SET "
                        + "fingerprint=excluded.fingerprint, result=NULL, expires_ms=excluded.expires_ms "
                        + "WHERE core_client_tokens.expires_ms <= ?",
                token.scope(), token.token(), token.fingerprint(), expiry(now, window), now);
        if (claimed == 1) {
            T result = operation.get();
            tx.update("UPDATE core_client_tokens SET result=? WHERE scope=? AND token=?",
                    Json.writeString(result), token.scope(), token.token());
            return result;
        }
        Remembered remembered = tx.queryOne("SELECT fingerprint, result FROM core_client_tokens WHERE scope=? AND token=?",
                r -> new Remembered(r.string("fingerprint"), r.string("result")), token.scope(), token.token())
                .orElseThrow(() -> new IllegalStateException("client token " + token.token() + " neither claimed nor found"));
        if (!remembered.fingerprint().equals(token.fingerprint())) {
            throw new ClientTokenConflictException(token);
        }
        return read(remembered.result(), resultType);
    }

    /** Forgets every token of {@code scope} (its resource was deleted). */
    public void forget(StoreTransaction tx, String scope) {
        tx.update("DELETE FROM core_client_tokens WHERE scope=?", scope);
    }

    /** Deletes every expired entry; returns how many. */
    public int sweep(StoreTransaction tx) {
        long now = clock.millis();
        lastSweepMs.set(now);
        return tx.update("DELETE FROM core_client_tokens WHERE expires_ms <= ?", now);
    }

    private void sweepNowAndThen(StoreTransaction tx, long now) {
        long last = lastSweepMs.get();
        if ((last == Long.MIN_VALUE || now - last >= SWEEP_EVERY_MS) && lastSweepMs.compareAndSet(last, now)) {
            tx.update("DELETE FROM core_client_tokens WHERE expires_ms <= ?", now);
        }
    }

    private static long expiry(long now, Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a client token window must be positive: " + window);
        }
        try {
            return Math.addExact(now, window.toMillis());
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE; // a window as long as the resource lives
        }
    }

    private static <T> T read(String json, JavaType type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored client token result does not read as " + type, e);
        }
    }

    private record Remembered(String fingerprint, String result) {
    }
}
