package io.portico.core.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.core.store.Migration;
import io.portico.core.store.StoreContract;
import io.portico.core.testing.Race;
import io.portico.core.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Client tokens: a retry within the window gets the first result, another request the conflict. */
public abstract class ClientTokensContract extends StoreContract {
    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);
    private static final String SCOPE = "dynamodb:TransactWriteItems:000000000000:us-east-1";

    record Created(String id, int number) {
    }

    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final AtomicInteger runs = new AtomicInteger();
    private ClientTokens tokens;

    @BeforeEach
    void openTokens() {
        tokens = ClientTokens.of(store, clock);
        tokens.migrate();
        store.migrate("client-token-test", List.of(Migration.of(1, "CREATE TABLE effects (id TEXT PRIMARY KEY)")));
    }

    /** The operation under test: writes one row (so a second run would be visible) and returns its id. */
    private Created create(ClientToken token) {
        return store.write(tx -> tokens.once(tx, token, TEN_MINUTES, Created.class, () -> {
            int n = runs.incrementAndGet();
            tx.update("INSERT INTO effects (id) VALUES (?)", "effect-" + n);
            return new Created("effect-" + n, n);
        }));
    }

    private List<String> rememberedTokens() {
        return store.read(tx -> tx.query("SELECT token FROM core_client_tokens", r -> r.string("token")));
    }

    private int effects() {
        return store.read(tx -> tx.query("SELECT id FROM effects", r -> r.string("id"))).size();
    }

    @Test
    void once_firstCall_runsTheOperation() {
        Created created = create(ClientToken.of(SCOPE, "t1", "fp-a"));

        assertThat(created).isEqualTo(new Created("effect-1", 1));
        assertThat(effects()).isEqualTo(1);
    }

    @Test
    void once_repeatWithSameFingerprintInWindow_returnsTheStoredResultWithoutRunning() {
        Created first = create(ClientToken.of(SCOPE, "t1", "fp-a"));
        clock.advance(Duration.ofMinutes(9));

        Created again = create(ClientToken.of(SCOPE, "t1", "fp-a"));

        assertThat(again).isEqualTo(first);
        assertThat(runs).hasValue(1);
        assertThat(effects()).isEqualTo(1);
    }

    @Test
    void once_repeatWithOtherFingerprintInWindow_isAConflict() {
        create(ClientToken.of(SCOPE, "t1", "fp-a"));

        assertThatThrownBy(() -> create(ClientToken.of(SCOPE, "t1", "fp-b")))
                .isInstanceOfSatisfying(ClientTokenConflictException.class,
                        e -> assertThat(e.token()).isEqualTo(ClientToken.of(SCOPE, "t1", "fp-b")));
        assertThat(effects()).isEqualTo(1);
    }

    @Test
    void once_afterTheWindow_runsAgain_evenWithAnotherFingerprint() {
        create(ClientToken.of(SCOPE, "t1", "fp-a"));
        clock.advance(TEN_MINUTES);

        Created later = create(ClientToken.of(SCOPE, "t1", "fp-b"));

        assertThat(later.number()).isEqualTo(2);
        assertThat(create(ClientToken.of(SCOPE, "t1", "fp-b"))).isEqualTo(later);
    }

    @Test
    void once_sameTokenInAnotherScope_isIndependent() {
        create(ClientToken.of(SCOPE, "t1", "fp-a"));

        Created other = create(ClientToken.of("dynamodb:TransactWriteItems:111111111111:us-east-1", "t1", "fp-b"));

        assertThat(other.number()).isEqualTo(2);
    }

    @Test
    void once_failedOperation_isNotRemembered() {
        ClientToken token = ClientToken.of(SCOPE, "t1", "fp-a");
        assertThatThrownBy(() -> store.write(tx -> tokens.once(tx, token, TEN_MINUTES, Created.class, () -> {
            throw new IllegalStateException("condition check failed");
        }))).hasMessage("condition check failed");

        assertThat(create(ClientToken.of(SCOPE, "t1", "fp-b")).number()).isEqualTo(1);
    }

    @Test
    void once_concurrentRepeats_runTheOperationOnce() throws Exception {
        ClientToken token = ClientToken.of(SCOPE, "t1", "fp-a");

        List<Race.Outcome<Created>> outcomes = Race.run(24, i -> () -> create(token));

        assertThat(Race.failures(outcomes)).isEmpty();
        assertThat(Race.values(outcomes)).containsOnly(new Created("effect-1", 1));
        assertThat(runs).hasValue(1);
        assertThat(effects()).isEqualTo(1);
    }

    @Test
    void sweep_deletesOnlyExpiredEntries() {
        create(ClientToken.of(SCOPE, "old", "fp"));
        clock.advance(Duration.ofMinutes(6));
        create(ClientToken.of(SCOPE, "new", "fp"));
        clock.advance(Duration.ofMinutes(5));

        int swept = store.write(tokens::sweep);

        assertThat(swept).isEqualTo(1);
        assertThat(rememberedTokens())
                .containsExactly("new");
    }

    @Test
    void once_sweepsExpiredEntriesNowAndThen() {
        create(ClientToken.of(SCOPE, "old", "fp"));
        clock.advance(Duration.ofMinutes(11));

        create(ClientToken.of(SCOPE, "new", "fp"));

        assertThat(rememberedTokens())
                .containsExactly("new");
    }

    @Test
    void forget_dropsEveryTokenOfTheScope() {
        create(ClientToken.of(SCOPE, "t1", "fp-a"));

        store.write(tx -> {
            tokens.forget(tx, SCOPE);
            return null;
        });

        assertThat(create(ClientToken.of(SCOPE, "t1", "fp-b")).number()).isEqualTo(2);
    }

    @Test
    void once_veryLongWindow_neverExpires() {
        ClientToken token = ClientToken.of("arn:aws:secretsmanager:us-east-1:000000000000:secret:s", "v1", "fp");
        Created first = store.write(tx -> tokens.once(tx, token, Duration.ofSeconds(Long.MAX_VALUE), Created.class,
                () -> new Created("version", runs.incrementAndGet())));
        clock.advance(Duration.ofDays(3650));

        Created again = store.write(tx -> tokens.once(tx, token, Duration.ofSeconds(Long.MAX_VALUE), Created.class,
                () -> new Created("version", runs.incrementAndGet())));

        assertThat(again).isEqualTo(first);
    }

    @Test
    void once_rememberedResultSurvivesReopen() {
        Created first = create(ClientToken.of(SCOPE, "t1", "fp-a"));

        reopen();
        tokens = ClientTokens.of(store, clock);
        tokens.migrate();

        assertThat(create(ClientToken.of(SCOPE, "t1", "fp-a"))).isEqualTo(first);
    }
}
