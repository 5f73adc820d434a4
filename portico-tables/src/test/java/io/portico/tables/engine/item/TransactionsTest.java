package io.portico.tables.engine.item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.core.idempotency.ClientToken;
import io.portico.core.time.ManualClock;
import io.portico.store.sqlite.SqliteStore;
import io.portico.tables.engine.AttributeDefinition;
import io.portico.tables.engine.AttributeType;
import io.portico.tables.engine.BillingMode;
import io.portico.tables.engine.KeyElement;
import io.portico.tables.engine.KeyType;
import io.portico.tables.engine.NewTable;
import io.portico.tables.engine.StreamRequest;
import io.portico.tables.engine.StreamViewType;
import io.portico.tables.engine.TableRef;
import io.portico.tables.engine.Tables;
import io.portico.tables.engine.TablesException;
import io.portico.tables.engine.expression.Condition;
import io.portico.tables.engine.expression.ExpressionAttributes;
import io.portico.tables.engine.expression.Expressions;
import io.portico.tables.engine.expression.Update;
import io.portico.tables.engine.item.TransactRequests.WriteAction;
import io.portico.tables.engine.value.AttributeValue;
import io.portico.tables.store.ItemStore;
import io.portico.tables.store.TableStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transactions over a real SQLite store: all or nothing (items, counts and stream records), a reason per
 * action, one item once, client tokens that survive a reopened store, and concurrent transfers whose
 * total is exact.
 */
class TransactionsTest {
    static final TableRef ACCOUNTS = new TableRef("000000000000", "us-east-1", "accounts");
    static final TableRef AUDIT = new TableRef("000000000000", "us-east-1", "audit");

    @TempDir
    Path dir;
    SqliteStore store;
    final ManualClock clock = ManualClock.at(Instant.parse("2026-03-04T05:06:07.089Z"));
    Tables tables;
    Items items;
    Transactions transactions;

    @BeforeEach
    void open() {
        reopen();
        create(ACCOUNTS);
        create(AUDIT);
    }

    private void reopen() {
        store = SqliteStore.open(dir);
        tables = Tables.create(TableStore.over(store), clock);
        tables.start();
        ItemStore itemStore = ItemStore.over(store, clock);
        items = Items.create(itemStore);
        transactions = Transactions.create(itemStore);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void create(TableRef ref) {
        tables.create(new NewTable(ref, List.of(new AttributeDefinition("id", AttributeType.S)),
                List.of(new KeyElement("id", KeyType.HASH)), Optional.empty(), Optional.empty(),
                Optional.of(BillingMode.PAY_PER_REQUEST), Optional.empty(),
                Optional.of(new StreamRequest(true, Optional.of(StreamViewType.NEW_AND_OLD_IMAGES))), Optional.empty(),
                Optional.empty(), Map.of(), Optional.empty(), false));
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("id", AttributeValue.s(id));
    }

    private static Map<String, AttributeValue> account(String id, long balance) {
        return Map.of("id", AttributeValue.s(id), "balance", AttributeValue.n(Long.toString(balance)));
    }

    private static Condition condition(String text, Map<String, AttributeValue> values) {
        return Expressions.condition(text, values.isEmpty() ? ExpressionAttributes.none()
                : ExpressionAttributes.builder().values(values).build());
    }

    private static Update add(long amount) {
        return Expressions.update("SET balance = balance + :a", ExpressionAttributes.builder()
                .values(Map.of(":a", AttributeValue.n(Long.toString(amount)))).build());
    }

    private TransactResults.TransactWritten write(Optional<ClientToken> token, WriteAction... actions) {
        return transactions.write(new TransactRequests.TransactWrite(List.of(actions), token, Reporting.NONE));
    }

    private Optional<Map<String, AttributeValue>> get(TableRef ref, String id) {
        return items.get(new ItemRequests.GetItem(ref, key(id), Optional.empty(), true, Reporting.NONE)).item();
    }

    private long streamRecords() {
        return store.read(tx -> tx.queryOne("SELECT COUNT(*) AS n FROM ddb_stream_records", r -> r.longValue("n")))
                .orElseThrow();
    }

    @Test
    void failedCondition_cancelsEveryAction_andWritesNoStreamRecord() {
        write(Optional.empty(), new WriteAction.Put(ACCOUNTS, account("a", 5), Optional.empty(), false));
        long recordsBefore = streamRecords();

        assertThatThrownBy(() -> write(Optional.empty(),
                new WriteAction.Put(AUDIT, Map.of("id", AttributeValue.s("t1")), Optional.empty(), false),
                new WriteAction.Update(ACCOUNTS, key("a"), add(-10),
                        Optional.of(condition("balance >= :ten", Map.of(":ten", AttributeValue.n("10")))), true),
                new WriteAction.Delete(ACCOUNTS, key("nobody"), Optional.empty(), false)))
                .isInstanceOfSatisfying(TablesException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TablesException.Kind.TRANSACTION_CANCELED);
                    assertThat(e.getMessage()).isEqualTo("Transaction cancelled, please refer cancellation reasons "
                            + "for specific reasons [None, ConditionalCheckFailed, None]");
                    assertThat(e.reasons()).extracting(CancellationReason::code)
                            .containsExactly("None", "ConditionalCheckFailed", "None");
                    assertThat(e.reasons().get(1).message()).contains("The conditional request failed");
                    assertThat(e.reasons().get(1).item()).contains(account("a", 5));
                });

        assertThat(get(AUDIT, "t1")).isEmpty();
        assertThat(get(ACCOUNTS, "a")).contains(account("a", 5));
        assertThat(tables.describe(AUDIT).itemCount()).isZero();
        assertThat(streamRecords()).isEqualTo(recordsBefore);
    }

    @Test
    void updateThatCannotApply_isAValidationErrorReason() {
        write(Optional.empty(), new WriteAction.Put(ACCOUNTS, Map.of("id", AttributeValue.s("a"),
                "balance", AttributeValue.s("text")), Optional.empty(), false));

        assertThatThrownBy(() -> write(Optional.empty(),
                new WriteAction.Update(ACCOUNTS, key("a"), add(1), Optional.empty(), false)))
                .isInstanceOfSatisfying(TablesException.class, e -> {
                    assertThat(e.reasons()).extracting(CancellationReason::code).containsExactly("ValidationError");
                    assertThat(e.reasons().get(0).message().orElseThrow()).contains("incorrect data type");
                });
    }

    @Test
    void oneItemTwice_isRefusedBeforeAnythingRuns() {
        assertThatThrownBy(() -> write(Optional.empty(),
                new WriteAction.Put(ACCOUNTS, account("a", 1), Optional.empty(), false),
                new WriteAction.ConditionCheck(ACCOUNTS, key("a"), condition("attribute_exists(id)", Map.of()), false)))
                .isInstanceOfSatisfying(TablesException.class, e -> assertThat(e.getMessage())
                        .isEqualTo("Transaction request cannot include multiple operations on one item"));
        assertThat(get(ACCOUNTS, "a")).isEmpty();
    }

    @Test
    void missingTable_isResourceNotFound() {
        assertThatThrownBy(() -> write(Optional.empty(), new WriteAction.Put(
                new TableRef("000000000000", "us-east-1", "nope"), account("a", 1), Optional.empty(), false)))
                .isInstanceOfSatisfying(TablesException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TablesException.Kind.TABLE_NOT_FOUND);
                    assertThat(e.getMessage()).isEqualTo("Requested resource not found");
                });
    }

    @Test
    void clientToken_repeatWritesNothing_otherRequestIsAMismatch_andSurvivesAReopenedStore() {
        write(Optional.empty(), new WriteAction.Put(ACCOUNTS, account("a", 0), Optional.empty(), false));
        ClientToken token = ClientToken.of("scope", "token-1", "fingerprint-1");
        WriteAction increment = new WriteAction.Update(ACCOUNTS, key("a"), add(1), Optional.empty(), false);

        write(Optional.of(token), increment);
        write(Optional.of(token), increment);
        assertThat(get(ACCOUNTS, "a")).contains(account("a", 1));

        assertThatThrownBy(() -> write(Optional.of(ClientToken.of("scope", "token-1", "fingerprint-2")), increment))
                .isInstanceOfSatisfying(TablesException.class,
                        e -> assertThat(e.kind()).isEqualTo(TablesException.Kind.IDEMPOTENT_MISMATCH));

        store.close();
        reopen();
        write(Optional.of(token), increment);
        assertThat(get(ACCOUNTS, "a")).contains(account("a", 1));

        clock.advance(Duration.ofMinutes(10).plusSeconds(1));   // DynamoDB's window is over
        write(Optional.of(token), increment);
        assertThat(get(ACCOUNTS, "a")).contains(account("a", 2));
    }

    @Test
    void cancelledTransaction_leavesNoTokenClaim() {
        ClientToken token = ClientToken.of("scope", "token-2", "fingerprint");
        WriteAction needsA = new WriteAction.ConditionCheck(ACCOUNTS, key("a"),
                condition("attribute_exists(id)", Map.of()), false);
        assertThatThrownBy(() -> write(Optional.of(token), needsA)).isInstanceOf(TablesException.class);

        write(Optional.empty(), new WriteAction.Put(ACCOUNTS, account("a", 0), Optional.empty(), false));
        write(Optional.of(token), needsA);   // runs now: the failed attempt claimed nothing
    }

    @Test
    void transactGet_readsEveryItemInOneSnapshot_withProjections() {
        write(Optional.empty(), new WriteAction.Put(ACCOUNTS, account("a", 3), Optional.empty(), false),
                new WriteAction.Put(AUDIT, Map.of("id", AttributeValue.s("t"), "note", AttributeValue.s("x")),
                        Optional.empty(), false));

        TransactResults.TransactGot got = transactions.get(new TransactRequests.TransactGet(List.of(
                new TransactRequests.GetAction(ACCOUNTS, key("a"),
                        Optional.of(Expressions.projection("balance", ExpressionAttributes.none()))),
                new TransactRequests.GetAction(ACCOUNTS, key("missing"), Optional.empty()),
                new TransactRequests.GetAction(AUDIT, key("t"), Optional.empty())), Reporting.CapacityDetail.TOTAL));

        assertThat(got.items()).containsExactly(Optional.of(Map.of("balance", AttributeValue.n("3"))), Optional.empty(),
                Optional.of(Map.of("id", AttributeValue.s("t"), "note", AttributeValue.s("x"))));
        // two transactional reads (2 units each) on accounts, one on audit
        assertThat(got.capacity()).extracting(ConsumedCapacity::units).containsExactly(4.0, 2.0);
    }

    /**
     * 8 threads × 100 transfers of random amounts between two accounts, each refused when it would take a
     * balance below zero: the sum never changes and no balance goes negative.
     */
    @Test
    void concurrentTransfers_keepTheTotalExact() throws Exception {
        write(Optional.empty(), new WriteAction.Put(ACCOUNTS, account("a", 500), Optional.empty(), false),
                new WriteAction.Put(ACCOUNTS, account("b", 500), Optional.empty(), false));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            done.add(pool.submit(() -> {
                int committed = 0;
                for (int i = 0; i < 100; i++) {
                    boolean aToB = ThreadLocalRandom.current().nextBoolean();
                    long amount = ThreadLocalRandom.current().nextLong(1, 200);
                    if (transfer(aToB ? "a" : "b", aToB ? "b" : "a", amount)) {
                        committed++;
                    }
                }
                return committed;
            }));
        }
        int committed = 0;
        for (Future<Integer> f : done) {
            committed += f.get();
        }
        pool.shutdown();

        long a = balance("a");
        long b = balance("b");
        assertThat(a + b).isEqualTo(1000);
        assertThat(a).isNotNegative();
        assertThat(b).isNotNegative();
        assertThat(committed).isPositive();
    }

    private boolean transfer(String from, String to, long amount) {
        Map<String, AttributeValue> enough = Map.of(":a", AttributeValue.n(Long.toString(amount)));
        try {
            write(Optional.empty(),
                    new WriteAction.Update(ACCOUNTS, key(from), add(-amount),
                            Optional.of(condition("balance >= :a", enough)), false),
                    new WriteAction.Update(ACCOUNTS, key(to), add(amount), Optional.empty(), false));
            return true;
        } catch (TablesException e) {
            assertThat(e.kind()).isEqualTo(TablesException.Kind.TRANSACTION_CANCELED);
            return false;
        }
    }

    private long balance(String id) {
        return ((AttributeValue.N) get(ACCOUNTS, id).orElseThrow().get("balance")).value().value().longValueExact();
    }
}
