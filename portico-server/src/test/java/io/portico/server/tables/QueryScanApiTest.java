package io.portico.server.tables;

import static io.portico.server.tables.ItemApiTest.n;
import static io.portico.server.tables.ItemApiTest.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.server.testing.PorticoClients;
import io.portico.server.testing.PorticoTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnItemCollectionMetrics;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Query and Scan through the official DynamoDbClient: key conditions in DynamoDB's key order, both
 * directions, paging with Limit and LastEvaluatedKey, the 1 MB page, filters (Count against ScannedCount),
 * projections, Select, parallel Scan, local and global indexes (sparse, projected, backfilled), the SDK's
 * paginators, and DynamoDB's refusals.
 */
@PorticoTest
class QueryScanApiTest {
    @AutoClose
    private final DynamoDbClient ddb;

    QueryScanApiTest(PorticoClients clients) {
        this.ddb = clients.dynamoDb();
    }

    /** A table keyed (pk S, sk N) with a local index on lsk and a global index on gpk (KEYS_ONLY). */
    private void createComposite(String name) {
        ddb.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("sk").attributeType(ScalarAttributeType.N),
                        a -> a.attributeName("lsk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("gpk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH), k -> k.attributeName("sk").keyType(KeyType.RANGE))
                .localSecondaryIndexes(l -> l.indexName("by-lsk").keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH),
                        k -> k.attributeName("lsk").keyType(KeyType.RANGE)).projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)))
                .globalSecondaryIndexes(g -> g.indexName("by-gpk").keySchema(k -> k.attributeName("gpk").keyType(KeyType.HASH))
                        .projection(p -> p.projectionType(ProjectionType.INCLUDE).nonKeyAttributes("v"))));
    }

    private void put(String table, String pk, int sk, Map<String, AttributeValue> more) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(more);
        item.put("pk", s(pk));
        item.put("sk", n(String.valueOf(sk)));
        ddb.putItem(r -> r.tableName(table).item(item));
    }

    private static List<String> sortKeys(List<Map<String, AttributeValue>> items) {
        return items.stream().map(i -> i.get("sk").n()).toList();
    }

    @Test
    void query_readsOnePartitionInNumericOrder_bothWays_withSortKeyConditions() {
        createComposite("q-order");
        for (int sk : new int[] {10, -5, 2, 100, 0}) {
            put("q-order", "a", sk, Map.of());
        }
        put("q-order", "b", 1, Map.of());

        QueryResponse all = ddb.query(r -> r.tableName("q-order").keyConditionExpression("pk = :a")
                .expressionAttributeValues(Map.of(":a", s("a"))));
        assertThat(sortKeys(all.items())).containsExactly("-5", "0", "2", "10", "100");
        assertThat(all.count()).isEqualTo(5);
        assertThat(all.hasLastEvaluatedKey()).isFalse();

        QueryResponse backwards = ddb.query(r -> r.tableName("q-order").keyConditionExpression("pk = :a AND sk BETWEEN :lo AND :hi")
                .expressionAttributeValues(Map.of(":a", s("a"), ":lo", n("0"), ":hi", n("10"))).scanIndexForward(false));
        assertThat(sortKeys(backwards.items())).containsExactly("10", "2", "0");

        QueryResponse legacy = ddb.query(r -> r.tableName("q-order").keyConditions(Map.of(
                "pk", Condition.builder().comparisonOperator(ComparisonOperator.EQ).attributeValueList(s("a")).build(),
                "sk", Condition.builder().comparisonOperator(ComparisonOperator.GT).attributeValueList(n("2")).build())));
        assertThat(sortKeys(legacy.items())).containsExactly("10", "100");
    }

    @Test
    void query_pagesWithLimit_andThePaginatorReadsEverything() {
        createComposite("q-pages");
        for (int sk = 0; sk < 25; sk++) {
            put("q-pages", "p", sk, Map.of());
        }

        QueryResponse first = ddb.query(r -> r.tableName("q-pages").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p"))).limit(10));
        assertThat(first.count()).isEqualTo(10);
        assertThat(first.lastEvaluatedKey()).isEqualTo(Map.of("pk", s("p"), "sk", n("9")));
        QueryResponse second = ddb.query(r -> r.tableName("q-pages").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p"))).limit(10).exclusiveStartKey(first.lastEvaluatedKey()));
        assertThat(sortKeys(second.items()).get(0)).isEqualTo("10");

        List<String> all = new ArrayList<>();
        ddb.queryPaginator(r -> r.tableName("q-pages").keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", s("p"))).limit(7)).items().forEach(i -> all.add(i.get("sk").n()));
        assertThat(all).hasSize(25).doesNotHaveDuplicates();
    }

    @Test
    void query_filterCountsAgainstScanned_projectionAndSelectCount() {
        createComposite("q-filter");
        for (int sk = 0; sk < 10; sk++) {
            put("q-filter", "f", sk, Map.of("even", AttributeValue.fromBool(sk % 2 == 0), "v", s("v" + sk)));
        }

        QueryResponse filtered = ddb.query(r -> r.tableName("q-filter").keyConditionExpression("pk = :f")
                .filterExpression("even = :t").projectionExpression("sk, v")
                .expressionAttributeValues(Map.of(":f", s("f"), ":t", AttributeValue.fromBool(true))).limit(6));
        assertThat(filtered.scannedCount()).isEqualTo(6);
        assertThat(filtered.count()).isEqualTo(3);
        assertThat(filtered.items()).containsExactly(Map.of("sk", n("0"), "v", s("v0")), Map.of("sk", n("2"), "v", s("v2")),
                Map.of("sk", n("4"), "v", s("v4")));

        QueryResponse counted = ddb.query(r -> r.tableName("q-filter").keyConditionExpression("pk = :f")
                .expressionAttributeValues(Map.of(":f", s("f"))).select(Select.COUNT));
        assertThat(counted.count()).isEqualTo(10);
        assertThat(counted.hasItems()).isFalse();
    }

    @Test
    void indexes_areSparse_projected_andPagedWithIndexAndTableKeys() {
        createComposite("q-index");
        put("q-index", "a", 1, Map.of("lsk", s("z"), "gpk", s("g"), "v", s("1"), "other", s("x")));
        put("q-index", "a", 2, Map.of("lsk", s("y"), "gpk", s("g"), "v", s("2")));
        put("q-index", "a", 3, Map.of("v", s("3")));   // in neither index
        put("q-index", "b", 1, Map.of("gpk", s("g")));

        QueryResponse local = ddb.query(r -> r.tableName("q-index").indexName("by-lsk").keyConditionExpression("pk = :a")
                .expressionAttributeValues(Map.of(":a", s("a"))));
        assertThat(local.items()).containsExactly(Map.of("pk", s("a"), "sk", n("2"), "lsk", s("y")),
                Map.of("pk", s("a"), "sk", n("1"), "lsk", s("z")));
        QueryResponse localAll = ddb.query(r -> r.tableName("q-index").indexName("by-lsk").keyConditionExpression("pk = :a")
                .expressionAttributeValues(Map.of(":a", s("a"))).select(Select.ALL_ATTRIBUTES).limit(1));
        assertThat(localAll.items().get(0)).containsEntry("v", s("2"));
        assertThat(localAll.lastEvaluatedKey()).isEqualTo(Map.of("pk", s("a"), "sk", n("2"), "lsk", s("y")));

        QueryResponse global = ddb.query(r -> r.tableName("q-index").indexName("by-gpk").keyConditionExpression("gpk = :g")
                .expressionAttributeValues(Map.of(":g", s("g"))).limit(2));
        assertThat(global.items()).containsExactly(Map.of("pk", s("a"), "sk", n("1"), "gpk", s("g"), "v", s("1")),
                Map.of("pk", s("a"), "sk", n("2"), "gpk", s("g"), "v", s("2")));
        assertThat(global.lastEvaluatedKey()).isEqualTo(Map.of("gpk", s("g"), "pk", s("a"), "sk", n("2")));
        QueryResponse rest = ddb.query(r -> r.tableName("q-index").indexName("by-gpk").keyConditionExpression("gpk = :g")
                .expressionAttributeValues(Map.of(":g", s("g"))).exclusiveStartKey(global.lastEvaluatedKey()));
        assertThat(rest.items()).containsExactly(Map.of("pk", s("b"), "sk", n("1"), "gpk", s("g")));

        ScanResponse indexScan = ddb.scan(r -> r.tableName("q-index").indexName("by-gpk"));
        assertThat(indexScan.count()).isEqualTo(3);

        // an update that removes the index key takes the item out of the index
        ddb.updateItem(r -> r.tableName("q-index").key(Map.of("pk", s("a"), "sk", n("1"))).updateExpression("REMOVE gpk"));
        ddb.deleteItem(r -> r.tableName("q-index").key(Map.of("pk", s("a"), "sk", n("2"))));
        assertThat(ddb.scan(r -> r.tableName("q-index").indexName("by-gpk")).items())
                .containsExactly(Map.of("pk", s("b"), "sk", n("1"), "gpk", s("g")));
    }

    @Test
    void itemCollectionMetrics_forATableWithALocalIndex() {
        createComposite("q-metrics");
        var put = ddb.putItem(r -> r.tableName("q-metrics").item(Map.of("pk", s("m"), "sk", n("1"), "lsk", s("x")))
                .returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE));
        assertThat(put.itemCollectionMetrics().itemCollectionKey()).isEqualTo(Map.of("pk", s("m")));
        assertThat(put.itemCollectionMetrics().sizeEstimateRangeGB()).containsExactly(0.0, 1.0);
        var deleted = ddb.deleteItem(r -> r.tableName("q-metrics").key(Map.of("pk", s("none"), "sk", n("1")))
                .returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE));
        assertThat(deleted.itemCollectionMetrics().itemCollectionKey()).isEqualTo(Map.of("pk", s("none")));
    }

    @Test
    void consumedCapacity_countsIndexWritesAndIndexReadsOnTheirIndex() {
        createComposite("q-capacity");
        var put = ddb.putItem(r -> r.tableName("q-capacity").item(Map.of("pk", s("c"), "sk", n("1"), "lsk", s("l"),
                "gpk", s("g"), "v", s("v"))).returnConsumedCapacity(ReturnConsumedCapacity.INDEXES));
        assertThat(put.consumedCapacity().capacityUnits()).isEqualTo(3.0);
        assertThat(put.consumedCapacity().table().capacityUnits()).isEqualTo(1.0);
        assertThat(put.consumedCapacity().globalSecondaryIndexes().get("by-gpk").capacityUnits()).isEqualTo(1.0);
        assertThat(put.consumedCapacity().localSecondaryIndexes().get("by-lsk").capacityUnits()).isEqualTo(1.0);
        // a change of an attribute no index holds costs the table alone
        var update = ddb.updateItem(r -> r.tableName("q-capacity").key(Map.of("pk", s("c"), "sk", n("1")))
                .updateExpression("SET note = :o").expressionAttributeValues(Map.of(":o", s("o")))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertThat(update.consumedCapacity().capacityUnits()).isEqualTo(1.0);

        var query = ddb.query(r -> r.tableName("q-capacity").indexName("by-gpk").keyConditionExpression("gpk = :g")
                .expressionAttributeValues(Map.of(":g", s("g"))).returnConsumedCapacity(ReturnConsumedCapacity.INDEXES));
        assertThat(query.consumedCapacity().capacityUnits()).isEqualTo(0.5);
        assertThat(query.consumedCapacity().table().capacityUnits()).isEqualTo(0.0);
        assertThat(query.consumedCapacity().globalSecondaryIndexes().get("by-gpk").capacityUnits()).isEqualTo(0.5);
    }

    @Test
    void globalIndexCreatedOnATableWithItems_isBackfilled_andActive() {
        ItemApiTest.createSimple(ddb, "q-backfill");
        for (int i = 0; i < 30; i++) {
            String id = "i" + i;
            ddb.putItem(r -> r.tableName("q-backfill").item(Map.of("id", s(id), "colour", s(id.hashCode() % 2 == 0 ? "red" : "blue"))));
        }
        ddb.updateTable(r -> r.tableName("q-backfill")
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("colour").attributeType(ScalarAttributeType.S))
                .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("by-colour")
                        .keySchema(k -> k.attributeName("colour").keyType(KeyType.HASH))
                        .projection(p -> p.projectionType(ProjectionType.ALL)))));

        var index = ddb.describeTable(r -> r.tableName("q-backfill")).table().globalSecondaryIndexes().get(0);
        assertThat(index.indexStatus()).isEqualTo(IndexStatus.ACTIVE);
        assertThat(index.backfilling()).isNull();
        int red = ddb.query(r -> r.tableName("q-backfill").indexName("by-colour").keyConditionExpression("colour = :c")
                .expressionAttributeValues(Map.of(":c", s("red")))).count();
        int blue = ddb.query(r -> r.tableName("q-backfill").indexName("by-colour").keyConditionExpression("colour = :c")
                .expressionAttributeValues(Map.of(":c", s("blue")))).count();
        assertThat(red + blue).isEqualTo(30);

        // deleting the index drops its entries: the same name created again holds only what it is filled with
        ddb.updateTable(r -> r.tableName("q-backfill").globalSecondaryIndexUpdates(u -> u.delete(d -> d.indexName("by-colour"))));
        ddb.putItem(r -> r.tableName("q-backfill").item(Map.of("id", s("i0"), "shade", s("red"))));
        ddb.updateTable(r -> r.tableName("q-backfill")
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("colour").attributeType(ScalarAttributeType.S))
                .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("by-colour")
                        .keySchema(k -> k.attributeName("colour").keyType(KeyType.HASH))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)))));
        assertThat(ddb.scan(r -> r.tableName("q-backfill").indexName("by-colour")).count()).isEqualTo(29);
    }

    @Test
    void scan_pagesThroughEverything_andParallelSegmentsAreDisjointAndComplete() {
        ItemApiTest.createSimple(ddb, "s-all");
        for (int i = 0; i < 40; i++) {
            String id = "k" + i;
            ddb.putItem(r -> r.tableName("s-all").item(Map.of("id", s(id))));
        }

        List<String> paged = new ArrayList<>();
        ddb.scanPaginator(r -> r.tableName("s-all").limit(9)).items().forEach(i -> paged.add(i.get("id").s()));
        assertThat(paged).hasSize(40).doesNotHaveDuplicates();

        Set<String> union = new HashSet<>();
        int total = 0;
        for (int segment = 0; segment < 4; segment++) {
            int seg = segment;
            List<Map<String, AttributeValue>> items = ddb.scan(r -> r.tableName("s-all").segment(seg).totalSegments(4)).items();
            total += items.size();
            items.forEach(i -> union.add(i.get("id").s()));
        }
        assertThat(total).isEqualTo(40);
        assertThat(union).hasSize(40);
    }

    @Test
    void scan_stopsAPageAtOneMegabyteRead() {
        ItemApiTest.createSimple(ddb, "s-big");
        String payload = "x".repeat(100 * 1024);
        for (int i = 0; i < 15; i++) {
            String id = String.format("k%02d", i);
            ddb.putItem(r -> r.tableName("s-big").item(Map.of("id", s(id), "p", s(payload))));
        }

        ScanResponse first = ddb.scan(r -> r.tableName("s-big").filterExpression("attribute_not_exists(p)"));
        assertThat(first.count()).isZero();
        assertThat(first.scannedCount()).isEqualTo(11);   // 11 items of just over 100 KB reach 1 MB
        assertThat(first.hasLastEvaluatedKey()).isTrue();
        ScanResponse second = ddb.scan(r -> r.tableName("s-big").exclusiveStartKey(first.lastEvaluatedKey()));
        assertThat(second.scannedCount()).isEqualTo(4);
        assertThat(second.hasLastEvaluatedKey()).isFalse();
    }

    @Test
    void refusals_inDynamoDbsWords() {
        createComposite("q-bad");
        assertRefused(() -> ddb.query(r -> r.tableName("q-bad").indexName("nope").keyConditionExpression("pk = :a")
                .expressionAttributeValues(Map.of(":a", s("a")))), "The table does not have the specified index: nope");
        assertRefused(() -> ddb.query(r -> r.tableName("q-bad").keyConditionExpression("pk = :a").select(Select.ALL_PROJECTED_ATTRIBUTES)
                .expressionAttributeValues(Map.of(":a", s("a")))),
                "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
        assertRefused(() -> ddb.query(r -> r.tableName("q-bad").keyConditionExpression("pk = :a").select(Select.SPECIFIC_ATTRIBUTES)
                .expressionAttributeValues(Map.of(":a", s("a")))),
                "Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES");
        assertRefused(() -> ddb.query(r -> r.tableName("q-bad").keyConditionExpression("pk = :a").select(Select.COUNT)
                .projectionExpression("sk").expressionAttributeValues(Map.of(":a", s("a")))),
                "Cannot specify the ProjectionExpression when choosing to get only the Count");
        assertRefused(() -> ddb.query(r -> r.tableName("q-bad").indexName("by-gpk").keyConditionExpression("gpk = :a")
                .select(Select.ALL_ATTRIBUTES).expressionAttributeValues(Map.of(":a", s("a")))),
                "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global "
                        + "secondary index by-gpk because its projection type is not ALL");
        assertRefused(() -> ddb.query(r -> r.tableName("q-bad").indexName("by-gpk").keyConditionExpression("gpk = :a")
                .consistentRead(true).expressionAttributeValues(Map.of(":a", s("a")))),
                "Consistent reads are not supported on global secondary indexes");
        assertRefused(() -> ddb.query(r -> r.tableName("q-bad")), "Either the KeyConditions or KeyConditionExpression "
                + "parameter must be specified in the request.");
        assertRefused(() -> ddb.query(r -> r.tableName("q-bad").keyConditionExpression("sk = :a")
                .expressionAttributeValues(Map.of(":a", n("1")))), "Query condition missed key schema element: pk");
        assertRefused(() -> ddb.query(r -> r.tableName("q-bad").keyConditionExpression("pk = :a")
                .expressionAttributeValues(Map.of(":a", s("a"))).exclusiveStartKey(Map.of("pk", s("a")))),
                "The provided starting key is invalid: The provided key element does not match the schema");
        assertRefused(() -> ddb.query(r -> r.tableName("q-bad").keyConditionExpression("pk = :a").filterExpression("sk > :n")
                .expressionAttributeValues(Map.of(":a", s("a"), ":n", n("1")))),
                "Filter Expression can only contain non-primary key attributes: Primary key attribute: sk");
        assertRefused(() -> ddb.query(r -> r.tableName("q-bad").keyConditionExpression("pk = :a")
                .expressionAttributeValues(Map.of(":a", s("a"))).exclusiveStartKey(Map.of("pk", s("b"), "sk", n("1")))),
                "The provided starting key is outside query boundaries based on provided conditions");
        assertRefused(() -> ddb.scan(r -> r.tableName("q-bad").segment(2).totalSegments(2)),
                "The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 2 is not "
                        + "less than TotalSegments: 2");
        assertThatThrownBy(() -> ddb.scan(r -> r.tableName("missing-table")))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("Requested resource not found"));
    }

    private static void assertRefused(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DynamoDbException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }
}
