package io.portico.tables.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * DynamoDB's CreateTable rules in its words and order: the recorded PAY_PER_REQUEST message, and the
 * key-schema and index cases of dynalite's CreateTable tests (checked against DynamoDB).
 */
class CreateTableRulesTest {
    static final Instant NOW = Instant.parse("2026-01-02T03:04:05.678Z");
    static final TableRef REF = new TableRef("000000000000", "us-east-1", "abc");
    static final Optional<Throughput> ONE = Optional.of(new Throughput(1, 1));

    static AttributeDefinition s(String name) {
        return new AttributeDefinition(name, AttributeType.S);
    }

    static KeyElement hash(String name) {
        return new KeyElement(name, KeyType.HASH);
    }

    static KeyElement range(String name) {
        return new KeyElement(name, KeyType.RANGE);
    }

    static NewTable table(List<AttributeDefinition> attributes, List<KeyElement> keys) {
        return new NewTable(REF, attributes, keys, Optional.empty(), Optional.empty(), Optional.empty(), ONE,
                Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), Optional.empty(), false);
    }

    static NewTable withIndexes(NewTable t, Optional<List<IndexRequest>> local, Optional<List<IndexRequest>> global) {
        return new NewTable(t.ref(), t.attributes(), t.keys(), local, global, t.billing(), t.throughput(), t.stream(),
                t.encrypted(), t.kmsKey(), t.tags(), t.tableClass(), t.deletionProtection());
    }

    static IndexRequest index(String name, ProjectionType type, KeyElement... keys) {
        return new IndexRequest(name, List.of(keys), Optional.ofNullable(type), Optional.empty(), ONE);
    }

    static void refused(NewTable request, String message) {
        assertThatThrownBy(() -> CreateTableRules.definition(request, NOW))
                .isInstanceOfSatisfying(TablesException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo(message);
                    assertThat(e.kind()).isEqualTo(TablesException.Kind.INVALID_REQUEST);
                });
    }

    @Test
    void payPerRequestWithCapacity_isTheRecordedMessage() {
        NewTable t = table(List.of(s("id")), List.of(hash("id")));
        NewTable onDemand = new NewTable(REF, t.attributes(), t.keys(), Optional.empty(), Optional.empty(),
                Optional.of(BillingMode.PAY_PER_REQUEST), ONE, Optional.empty(), Optional.empty(), Optional.empty(),
                Map.of(), Optional.empty(), false);
        refused(onDemand, "One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits "
                + "can be specified when BillingMode is PAY_PER_REQUEST");
    }

    @Test
    void provisionedWithoutCapacity_isRefused() {
        NewTable t = table(List.of(s("id")), List.of(hash("id")));
        refused(new NewTable(REF, t.attributes(), t.keys(), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), Optional.empty(), false),
                "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be "
                        + "specified when BillingMode is PROVISIONED");
    }

    @Test
    void keySchemaAgainstDefinitions_readsAsDynamoDbWordsIt() {
        refused(table(List.of(s("b")), List.of(hash("a"))), "One or more parameter values were invalid: Some index key "
                + "attributes are not defined in AttributeDefinitions. Keys: [a], AttributeDefinitions: [b]");
        refused(table(List.of(), List.of(hash("a"))), "Invalid KeySchema: Some index key attribute have no definition");
        refused(table(List.of(s("pk"), s("typo")), List.of(hash("pk"), range("sk"))), "One or more parameter values were "
                + "invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [pk, sk], "
                + "AttributeDefinitions: [pk, typo]");
        refused(table(List.of(s("b")), List.of(hash("a"), range("b"))),
                "Invalid KeySchema: Some index key attribute have no definition");
        refused(table(List.of(s("a")), List.of(hash("a"), hash("a"))),
                "Invalid KeySchema: Some index key attribute have no definition");
        refused(table(List.of(s("a"), s("b")), List.of(hash("a"), hash("a"))),
                "Both the Hash Key and the Range Key element in the KeySchema have the same name");
        refused(table(List.of(s("a"), s("b")), List.of(hash("a"), hash("b"))),
                "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
        refused(table(List.of(s("a"), s("b")), List.of(range("a"), hash("b"))),
                "Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        refused(table(List.of(s("a"), s("c"), s("b")), List.of(hash("a"), range("b"))), "One or more parameter values "
                + "were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in "
                + "AttributeDefinitions");
    }

    @Test
    void localIndexes_followDynamoDbsRules() {
        NewTable simple = table(List.of(s("a"), s("b")), List.of(hash("a")));
        NewTable composite = table(List.of(s("a"), s("b")), List.of(hash("a"), range("b")));
        refused(withIndexes(simple, Optional.of(List.of()), Optional.empty()),
                "One or more parameter values were invalid: List of LocalSecondaryIndexes is empty");
        refused(withIndexes(simple, Optional.of(List.of(index("abc", ProjectionType.ALL, hash("a"), range("b")))),
                Optional.empty()), "One or more parameter values were invalid: Table KeySchema does not have a range key, "
                + "which is required when specifying a LocalSecondaryIndex");
        refused(withIndexes(composite, Optional.of(List.of(index("abc", ProjectionType.ALL, hash("b")))), Optional.empty()),
                "One or more parameter values were invalid: Index KeySchema does not have a range key for index: abc");
        refused(withIndexes(composite, Optional.of(List.of(index("abc", ProjectionType.ALL, hash("b"), range("a")))),
                Optional.empty()), "One or more parameter values were invalid: Index KeySchema does not have the same "
                + "leading hash key as table KeySchema for index: abc. index hash key: b, table hash key: a");
        refused(withIndexes(composite, Optional.of(List.of(index("abc", null, hash("a"), range("b")))), Optional.empty()),
                "One or more parameter values were invalid: Unknown ProjectionType: null");
        refused(withIndexes(composite, Optional.of(List.of(index("abc", ProjectionType.ALL, hash("a"), range("b")),
                index("abc", ProjectionType.ALL, hash("a"), range("b")))), Optional.empty()),
                "One or more parameter values were invalid: Duplicate index name: abc");
    }

    @Test
    void globalIndexes_followDynamoDbsRules() {
        NewTable t = table(List.of(s("a"), s("b")), List.of(hash("a")));
        refused(withIndexes(t, Optional.empty(), Optional.of(List.of(index("abc", ProjectionType.ALL, hash("c"))))),
                "One or more parameter values were invalid: Some index key attributes are not defined in "
                        + "AttributeDefinitions. Keys: [c], AttributeDefinitions: [a, b]");
        refused(withIndexes(t, Optional.empty(), Optional.of(List.of(new IndexRequest("abc", List.of(hash("b")),
                Optional.of(ProjectionType.KEYS_ONLY), Optional.of(List.of("x")), ONE)))),
                "One or more parameter values were invalid: ProjectionType is KEYS_ONLY, but NonKeyAttributes is specified");
        NewTable unused = table(List.of(s("a"), s("b"), s("c")), List.of(hash("a")));
        refused(withIndexes(unused, Optional.empty(), Optional.of(List.of(index("abc", ProjectionType.ALL, hash("b"))))),
                "One or more parameter values were invalid: Some AttributeDefinitions are not used. AttributeDefinitions: "
                        + "[a, b, c], keys used: [a, b]");
    }

    @Test
    void catalogued_createTableTexts() {
        refused(table(List.of(s("a"), s("a")), List.of(hash("a"))), "Attribute Name is duplicated: a");
        NewTable t = table(List.of(s("a"), s("b")), List.of(hash("a")));
        refused(withIndexes(t, Optional.empty(), Optional.of(List.of(index("abc", ProjectionType.INCLUDE, hash("b"))))),
                "One or more parameter values were invalid: ProjectionType is INCLUDE, but NonKeyAttributes is not specified");
        refused(withIndexes(t, Optional.empty(), Optional.of(List.of(new IndexRequest("abc", List.of(hash("b")),
                Optional.of(ProjectionType.ALL), Optional.empty(), Optional.empty())))),
                "One or more parameter values were invalid: ProvisionedThroughput is not specified for index: abc");
        NewTable simple = table(List.of(s("a")), List.of(hash("a")));
        refused(new NewTable(REF, simple.attributes(), simple.keys(), Optional.empty(), Optional.empty(), Optional.empty(),
                ONE, Optional.of(new StreamRequest(true, Optional.empty())), Optional.empty(), Optional.empty(), Map.of(),
                Optional.empty(), false), "One or more parameter values were invalid: Table is being created with a stream "
                + "enabled, UpdateViewType is required");
    }

    @Test
    void validTable_withIndexesStreamAndEncryption_isDefinedWithActiveIndexes() {
        NewTable t = withIndexes(table(List.of(s("a"), s("b"), s("c")), List.of(hash("a"), range("b"))),
                Optional.of(List.of(new IndexRequest("byC", List.of(hash("a"), range("c")), Optional.of(ProjectionType.INCLUDE),
                        Optional.of(List.of("x")), Optional.empty()))),
                Optional.of(List.of(index("byB", ProjectionType.KEYS_ONLY, hash("b")))));
        NewTable full = new NewTable(REF, t.attributes(), t.keys(), t.localIndexes(), t.globalIndexes(), Optional.empty(),
                ONE, Optional.of(new StreamRequest(true, Optional.of(StreamViewType.NEW_IMAGE))), Optional.of(true),
                Optional.empty(), Map.of(), Optional.of("STANDARD_INFREQUENT_ACCESS"), true);

        TableDefinition d = CreateTableRules.definition(full, NOW);

        assertThat(d.keys()).isEqualTo(KeySchema.of("a", "b"));
        assertThat(d.localIndexes()).singleElement().satisfies(i -> {
            assertThat(i.projection()).isEqualTo(new Projection(ProjectionType.INCLUDE, List.of("x")));
            assertThat(i.throughput()).isEmpty();
        });
        assertThat(d.globalIndexes()).singleElement().satisfies(i -> {
            assertThat(i.status()).isEqualTo(IndexStatus.ACTIVE);
            assertThat(i.backfilling()).isFalse();
            assertThat(i.throughput()).contains(new Throughput(1, 1));
        });
        assertThat(d.stream()).contains(new TableStream("2026-01-02T03:04:05.678", StreamViewType.NEW_IMAGE, true));
        assertThat(d.encryption()).contains(new Encryption(Optional.empty()));
        assertThat(d.deletionProtection()).isTrue();
        assertThat(d.billing()).isEqualTo(BillingMode.PROVISIONED);
    }
}
