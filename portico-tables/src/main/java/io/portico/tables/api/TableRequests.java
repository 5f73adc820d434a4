package io.portico.tables.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.portico.tables.engine.AttributeDefinition;
import io.portico.tables.engine.AttributeType;
import io.portico.tables.engine.BillingMode;
import io.portico.tables.engine.IndexChange;
import io.portico.tables.engine.IndexRequest;
import io.portico.tables.engine.KeyElement;
import io.portico.tables.engine.KeyType;
import io.portico.tables.engine.NewTable;
import io.portico.tables.engine.ProjectionType;
import io.portico.tables.engine.StreamRequest;
import io.portico.tables.engine.StreamViewType;
import io.portico.tables.engine.TableChange;
import io.portico.tables.engine.Throughput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads CreateTable and UpdateTable off the wire into the engine's requests. Enumerations are already
 * checked by the kit against the model, so {@code valueOf} cannot fail. Stateless.
 */
final class TableRequests {
    private TableRequests() {
    }

    static NewTable newTable(Input in) {
        JsonNode sse = in.node("SSESpecification").orElse(MissingNode.getInstance());
        return new NewTable(in.table(), attributes(in), keys(in.node("KeySchema")),
                in.node("LocalSecondaryIndexes").map(TableRequests::indexes),
                in.node("GlobalSecondaryIndexes").map(TableRequests::indexes),
                in.string("BillingMode").map(BillingMode::valueOf), in.node("ProvisionedThroughput").map(TableRequests::throughput),
                in.node("StreamSpecification").map(TableRequests::stream),
                Input.present(sse.get("Enabled")).map(JsonNode::booleanValue), Input.text(sse, "KMSMasterKeyId"),
                tags(in.node("Tags")), in.string("TableClass"), in.flag("DeletionProtectionEnabled").orElse(false),
                in.node("WarmThroughput").map(w -> new Throughput(w.path("ReadUnitsPerSecond").asLong(),
                        w.path("WriteUnitsPerSecond").asLong())));
    }

    static TableChange change(Input in) {
        JsonNode sse = in.node("SSESpecification").orElse(MissingNode.getInstance());
        return new TableChange(attributes(in), in.string("BillingMode").map(BillingMode::valueOf),
                in.node("ProvisionedThroughput").map(TableRequests::throughput),
                Input.list(in.node("GlobalSecondaryIndexUpdates"), TableRequests::indexChange),
                in.node("StreamSpecification").map(TableRequests::stream),
                Input.present(sse.get("Enabled")).map(JsonNode::booleanValue), Input.text(sse, "KMSMasterKeyId"),
                in.string("TableClass"), in.flag("DeletionProtectionEnabled"));
    }

    /** {@code [{"Key": k, "Value": v}]}, in request order. */
    static Map<String, String> tags(Optional<JsonNode> list) {
        Map<String, String> tags = new LinkedHashMap<>();
        list.ifPresent(l -> l.forEach(t -> tags.put(t.path("Key").asText(), t.path("Value").asText(""))));
        return tags;
    }

    private static List<AttributeDefinition> attributes(Input in) {
        return Input.list(in.node("AttributeDefinitions"), a -> new AttributeDefinition(a.path("AttributeName").asText(),
                AttributeType.valueOf(a.path("AttributeType").asText())));
    }

    private static List<KeyElement> keys(Optional<JsonNode> schema) {
        return Input.list(schema, k -> new KeyElement(k.path("AttributeName").asText(),
                KeyType.valueOf(k.path("KeyType").asText())));
    }

    private static List<IndexRequest> indexes(JsonNode list) {
        return Input.list(Optional.of(list), TableRequests::index);
    }

    private static IndexRequest index(JsonNode index) {
        JsonNode projection = index.path("Projection");
        return new IndexRequest(index.path("IndexName").asText(), keys(Input.present(index.get("KeySchema"))),
                Input.text(projection, "ProjectionType").map(ProjectionType::valueOf),
                Input.present(projection.get("NonKeyAttributes")).map(l -> Input.list(Optional.of(l), JsonNode::asText)),
                Input.present(index.get("ProvisionedThroughput")).map(TableRequests::throughput));
    }

    private static Throughput throughput(JsonNode t) {
        return new Throughput(t.path("ReadCapacityUnits").asLong(), t.path("WriteCapacityUnits").asLong());
    }

    private static StreamRequest stream(JsonNode s) {
        return new StreamRequest(s.path("StreamEnabled").asBoolean(false),
                Input.text(s, "StreamViewType").map(StreamViewType::valueOf));
    }

    private static IndexChange indexChange(JsonNode update) {
        if (Input.present(update.get("Create")).isPresent()) {
            return new IndexChange.Create(index(update.get("Create")));
        }
        if (Input.present(update.get("Update")).isPresent()) {
            JsonNode u = update.get("Update");
            return new IndexChange.Update(u.path("IndexName").asText(), throughput(u.path("ProvisionedThroughput")));
        }
        return new IndexChange.Delete(update.path("Delete").path("IndexName").asText());
    }
}
