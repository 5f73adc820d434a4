package io.portico.tables.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.arn.Arn;
import io.portico.core.json.Json;
import io.portico.tables.engine.BillingMode;
import io.portico.tables.engine.Encryption;
import io.portico.tables.engine.IndexStatus;
import io.portico.tables.engine.KeySchema;
import io.portico.tables.engine.Projection;
import io.portico.tables.engine.ProjectionType;
import io.portico.tables.engine.SecondaryIndex;
import io.portico.tables.engine.Table;
import io.portico.tables.engine.TableDefinition;
import io.portico.tables.engine.TableStatus;
import io.portico.tables.engine.TableUpdate;
import io.portico.tables.engine.Throughput;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A table as DynamoDB describes it ({@code TableDescription}), member for member as LocalStack's
 * recordings of AWS show it ({@code test_table_crud}, {@code test_gsi_with_billing_mode},
 * {@code test_dynamodb_stream_stream_view_type}, {@code test_dynamodb_create_table_with_partial_sse_specification}):
 * members AWS leaves out are left out, never sent as null. Stateless.
 */
final class TableDescriptions {
    /** Warm throughput AWS reports for an on-demand table and its indexes (recorded). */
    private static final Throughput ON_DEMAND_WARM = new Throughput(12_000, 4_000);

    private TableDescriptions() {
    }

    /**
     * The full description with {@code status} (see {@code Tables} on why it depends on the operation).
     * DescribeTable's and UpdateTable's answers ({@code described}) add what AWS's recordings show there and
     * not in CreateTable's: warm throughput (CreateTable's shows only the one it asked for, UPDATING) and when
     * the table last switched to on-demand billing
     * ({@code test_lambda_integration_dynamodbstreams}' {@code update_table_response}). In CreateTable's answer
     * (status CREATING) global indexes are CREATING too, as the table is.
     */
    static ObjectNode full(Table table, TableStatus status, boolean described) {
        TableDefinition d = table.definition();
        ObjectNode out = Json.object();
        ArrayNode attributes = out.putArray("AttributeDefinitions");
        d.attributes().forEach(a -> attributes.addObject().put("AttributeName", a.name()).put("AttributeType", a.type().name()));
        if (d.billing() == BillingMode.PAY_PER_REQUEST || d.payPerRequestSince().isPresent()) {
            ObjectNode summary = out.putObject("BillingModeSummary").put("BillingMode", d.billing().name());
            d.payPerRequestSince().filter(t -> described)
                    .ifPresent(t -> summary.put("LastUpdateToPayPerRequestDateTime", seconds(t)));
        }
        out.put("CreationDateTime", seconds(table.created()));
        out.put("DeletionProtectionEnabled", d.deletionProtection());
        if (!d.globalIndexes().isEmpty()) {
            ArrayNode globals = out.putArray("GlobalSecondaryIndexes");
            d.globalIndexes().forEach(i -> globals.add(globalIndex(table,
                    status == TableStatus.CREATING ? i.withStatus(IndexStatus.CREATING) : i, described)));
        }
        out.put("ItemCount", table.itemCount());
        keys(out, d.keys());
        d.stream().ifPresent(s -> out.put("LatestStreamArn", table.streamArn(s)).put("LatestStreamLabel", s.label()));
        if (!d.localIndexes().isEmpty()) {
            ArrayNode locals = out.putArray("LocalSecondaryIndexes");
            d.localIndexes().forEach(i -> locals.add(localIndex(table, i)));
        }
        throughput(out, d.throughput());
        d.encryption().ifPresent(e -> sse(out, table, e, "ENABLED"));
        d.stream().filter(s -> s.enabled()).ifPresent(s -> out.putObject("StreamSpecification")
                .put("StreamEnabled", true).put("StreamViewType", s.viewType().name()));
        out.put("TableArn", table.arn());
        d.tableClass().ifPresent(c -> out.putObject("TableClassSummary").put("TableClass", c));
        out.put("TableId", table.id());
        out.put("TableName", table.name());
        out.put("TableSizeBytes", table.sizeBytes());
        out.put("TableStatus", status.name());
        if (described) {
            warm(out, d.warmThroughput().orElse(d.billing() == BillingMode.PAY_PER_REQUEST ? ON_DEMAND_WARM
                    : d.throughput()), "ACTIVE");
        } else {
            // Recorded (test_table_warm_throughput): CreateTable's answer shows the warm throughput asked for, UPDATING.
            d.warmThroughput().ifPresent(w -> warm(out, w, "UPDATING"));
        }
        return out;
    }

    /**
     * UpdateTable's answer: the table UPDATING, a global index it created CREATING, one it deleted still
     * listed as DELETING (AWS's answers while the change is under way; DescribeTable shows the outcome).
     */
    static ObjectNode updated(TableUpdate update) {
        ObjectNode out = full(update.after(), TableStatus.UPDATING, true);
        List<String> created = update.created().stream().map(SecondaryIndex::name).toList();
        if (out.get("GlobalSecondaryIndexes") instanceof ArrayNode globals) {
            globals.forEach(i -> {
                if (created.contains(i.path("IndexName").asText())) {
                    ((ObjectNode) i).put("IndexStatus", IndexStatus.CREATING.name());
                }
            });
        }
        Optional<Encryption> dropped = update.before().definition().encryption()
                .filter(e -> update.after().definition().encryption().isEmpty());
        // Recorded (test_dynamodb_create_table_with_partial_sse_specification): turning KMS encryption off
        // answers the key being left, UPDATING.
        dropped.ifPresent(e -> sse(out, update.before(), e, "UPDATING"));
        if (!update.deleted().isEmpty()) {
            ArrayNode globals = out.has("GlobalSecondaryIndexes") ? (ArrayNode) out.get("GlobalSecondaryIndexes")
                    : out.putArray("GlobalSecondaryIndexes");
            update.deleted().forEach(i -> globals.add(globalIndex(update.before(), i.withStatus(IndexStatus.DELETING), false)));
        }
        return out;
    }

    /** DeleteTable's answer: AWS sends only these members of the deleted table (recorded in test_table_crud). */
    static ObjectNode deleted(Table table) {
        ObjectNode out = Json.object();
        out.put("DeletionProtectionEnabled", table.definition().deletionProtection());
        out.put("ItemCount", table.itemCount());
        throughput(out, table.definition().throughput());
        out.put("TableArn", table.arn());
        out.put("TableId", table.id());
        out.put("TableName", table.name());
        out.put("TableSizeBytes", table.sizeBytes());
        out.put("TableStatus", TableStatus.DELETING.name());
        return out;
    }

    private static ObjectNode globalIndex(Table table, SecondaryIndex index, boolean warmThroughput) {
        ObjectNode out = Json.object();
        if (index.backfilling()) {
            out.put("Backfilling", true);
        }
        out.put("IndexArn", table.indexArn(index.name()));
        out.put("IndexName", index.name());
        // Index item counts and sizes are not kept yet (docs/tables.md, Differences); an empty table's index is empty.
        out.put("IndexSizeBytes", 0);
        out.put("IndexStatus", index.status().name());
        out.put("ItemCount", 0);
        keys(out, index.keys());
        projection(out, index.projection());
        Throughput throughput = index.throughput().orElse(Throughput.NONE);
        throughput(out, throughput);
        if (warmThroughput) {
            warm(out, index.throughput().isPresent() ? throughput : ON_DEMAND_WARM, "ACTIVE");
        }
        return out;
    }

    private static ObjectNode localIndex(Table table, SecondaryIndex index) {
        ObjectNode out = Json.object();
        out.put("IndexArn", table.indexArn(index.name()));
        out.put("IndexName", index.name());
        out.put("IndexSizeBytes", 0);
        out.put("ItemCount", 0);
        keys(out, index.keys());
        projection(out, index.projection());
        return out;
    }

    private static void keys(ObjectNode out, KeySchema keys) {
        ArrayNode schema = out.putArray("KeySchema");
        keys.elements().forEach(k -> schema.addObject().put("AttributeName", k.attribute()).put("KeyType", k.type().name()));
    }

    private static void projection(ObjectNode out, Projection projection) {
        ObjectNode p = out.putObject("Projection");
        if (projection.type() == ProjectionType.INCLUDE) {
            ArrayNode attributes = p.putArray("NonKeyAttributes");
            projection.nonKeyAttributes().forEach(attributes::add);
        }
        p.put("ProjectionType", projection.type().name());
    }

    private static void throughput(ObjectNode out, Throughput throughput) {
        out.putObject("ProvisionedThroughput").put("NumberOfDecreasesToday", 0)
                .put("ReadCapacityUnits", throughput.read()).put("WriteCapacityUnits", throughput.write());
    }

    private static void warm(ObjectNode out, Throughput throughput, String status) {
        out.putObject("WarmThroughput").put("ReadUnitsPerSecond", throughput.read()).put("Status", status)
                .put("WriteUnitsPerSecond", throughput.write());
    }

    /**
     * Recorded: {@code Enabled: true} without a key is encrypted with the account's AWS-managed key, an ARN
     * of KMS. Portico has no KMS yet; it names a stable key per account and region.
     */
    private static void sse(ObjectNode out, Table table, Encryption encryption, String status) {
        String key = encryption.kmsKey().filter(k -> k.startsWith("arn:")).orElseGet(() -> Arn.of("kms",
                table.ref().region(), table.ref().account(), "key/" + encryption.kmsKey().orElseGet(() -> managedKey(table)))
                .toString());
        out.putObject("SSEDescription").put("KMSMasterKeyArn", key).put("SSEType", "KMS").put("Status", status);
    }

    private static String managedKey(Table table) {
        return UUID.nameUUIDFromBytes(("aws/dynamodb:" + table.ref().account() + ":" + table.ref().region())
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Timestamps are epoch seconds with milliseconds, as AWS JSON sends them. */
    static BigDecimal seconds(Instant t) {
        return BigDecimal.valueOf(t.toEpochMilli(), 3);
    }
}
