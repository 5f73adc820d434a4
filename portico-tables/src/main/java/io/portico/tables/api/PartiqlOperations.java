package io.portico.tables.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.idempotency.ClientToken;
import io.portico.core.json.Fingerprint;
import io.portico.core.json.Json;
import io.portico.tables.engine.TableRef;
import io.portico.tables.engine.TablesException;
import io.portico.tables.engine.item.ConsumedCapacity;
import io.portico.tables.engine.item.ReadResult;
import io.portico.tables.engine.item.Reporting;
import io.portico.tables.engine.partiql.Statement;
import io.portico.tables.engine.partiql.StatementParser;
import io.portico.tables.engine.partiql.Statements;
import io.portico.tables.engine.value.AttributeValue;
import io.portico.tables.engine.value.AttributeValues;
import io.portico.tables.engine.value.Wording;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * ExecuteStatement, BatchExecuteStatement and ExecuteTransaction: each statement's text and Parameters
 * parsed ({@link StatementParser}) and run ({@link Statements}). A SELECT's page ends in a NextToken that
 * is the last key read, as JSON in base64url (opaque to clients, as DynamoDB's is).
 */
final class PartiqlOperations {
    private final Statements statements;

    PartiqlOperations(Statements statements) {
        this.statements = statements;
    }

    ObjectNode execute(Input in) {
        Optional<String> token = in.string("NextToken");
        Optional<Integer> limit = in.node("Limit").map(JsonNode::intValue);
        boolean consistent = in.flag("ConsistentRead").orElse(false);
        boolean oldOnConditionFailure = RequestParts.oldOnConditionFailure(in);
        Reporting reporting = RequestParts.reporting(in);
        Statement statement = parse(in.body());
        Optional<Map<String, AttributeValue>> start = token.map(PartiqlOperations::fromToken);
        Statements.Result result = statements.execute(statement, tables(in), limit, start, consistent,
                oldOnConditionFailure, reporting);
        ObjectNode out = Json.object();
        ArrayNode items = out.putArray("Items");
        result.items().forEach(item -> items.add(AttributeValues.itemToDocument(item)));
        result.lastKey().ifPresent(key -> out.put("NextToken", toToken(key)));
        result.capacity().ifPresent(c -> out.set("ConsumedCapacity", RequestParts.capacity(c)));
        return out;
    }

    /**
     * Each statement on its own: a write's answer names its table, a read's carries the item too, and a
     * refused statement's answer is its error (DynamoDB's BatchStatementError codes). ConsumedCapacity, when
     * asked for, has an entry per statement that ran, in the statements' order.
     */
    ObjectNode batch(Input in) {
        JsonNode requests = in.body().path("Statements");
        requireAllReadsOrAllWrites(requests);
        Reporting reporting = RequestParts.reporting(in);
        List<ConsumedCapacity> capacity = new ArrayList<>();
        ObjectNode out = Json.object();
        ArrayNode responses = out.putArray("Responses");
        for (JsonNode request : requests) {
            ObjectNode response = responses.addObject();
            try {
                Statement statement = parse(request);
                response.put("TableName", statement.table());
                if (statement instanceof Statement.Select select) {
                    ReadResult read = statements.get(select, tables(in),
                            request.path("ConsistentRead").asBoolean(false), reporting);
                    read.item().ifPresent(item -> response.set("Item", AttributeValues.itemToDocument(item)));
                    read.capacity().ifPresent(capacity::add);
                } else {
                    statements.execute(statement, tables(in), Optional.empty(), Optional.empty(), true,
                            Input.text(request, "ReturnValuesOnConditionCheckFailure").filter("ALL_OLD"::equals)
                                    .isPresent(), reporting).capacity().ifPresent(capacity::add);
                }
            } catch (TablesException e) {
                response.removeAll();
                ObjectNode error = response.putObject("Error");
                error.put("Code", batchCode(e.kind()));
                error.put("Message", e.getMessage());
                e.item().ifPresent(item -> error.set("Item", AttributeValues.itemToDocument(item)));
            }
        }
        RequestParts.capacities(out, capacity);
        return out;
    }

    ObjectNode transaction(Input in) {
        Optional<ClientToken> token = in.string("ClientRequestToken").map(t -> ClientToken.of(
                "dynamodb:ExecuteTransaction:" + in.account() + ":" + in.region(), t,
                Fingerprint.of(in.body(), Set.of("ClientRequestToken"))));
        Reporting reporting = RequestParts.reporting(in);
        List<Statement> parsed = new ArrayList<>();
        in.body().path("TransactStatements").forEach(request -> parsed.add(parse(request)));
        Statements.Transacted result = statements.transact(parsed, tables(in), token, reporting);
        ObjectNode out = Json.object();
        ArrayNode responses = out.putArray("Responses");
        result.items().forEach(item -> {
            ObjectNode response = responses.addObject();
            item.ifPresent(i -> response.set("Item", AttributeValues.itemToDocument(i)));
        });
        RequestParts.capacities(out, result.capacity());
        return out;
    }

    /**
     * DynamoDB takes a batch of reads or a batch of writes, not both; told by the first word, so that a
     * statement that does not parse is still that statement's own error. The wording is Portico's.
     */
    private static void requireAllReadsOrAllWrites(JsonNode requests) {
        long reads = 0;
        for (JsonNode request : requests) {
            if (request.path("Statement").asText().stripLeading().regionMatches(true, 0, "SELECT", 0, 6)) {
                reads++;
            }
        }
        if (reads != 0 && reads != requests.size()) {
            throw TablesException.validation("Batch must contain either all reads or all writes");
        }
    }

    private static Statement parse(JsonNode request) {
        List<AttributeValue> parameters = new ArrayList<>();
        request.path("Parameters").forEach(p -> parameters.add(AttributeValues.fromDocument(p, Wording.CURRENT)));
        return StatementParser.parse(request.path("Statement").asText(), parameters);
    }

    private static Function<String, TableRef> tables(Input in) {
        return name -> RequestParts.table(in, name);
    }

    /** DynamoDB's BatchStatementError code for a refusal. */
    private static String batchCode(TablesException.Kind kind) {
        return switch (kind) {
            case CONDITION_FAILED -> "ConditionalCheckFailed";
            case DUPLICATE_ITEM -> "DuplicateItem";
            case TABLE_NOT_FOUND -> "ResourceNotFound";
            default -> "ValidationError";
        };
    }

    private static String toToken(Map<String, AttributeValue> key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                Json.writeString(AttributeValues.itemToDocument(key)).getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, AttributeValue> fromToken(String token) {
        try {
            String json = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            return AttributeValues.itemFromDocument(Json.mapper().readTree(json));
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException | TablesException e) {
            throw TablesException.validation("Invalid NextToken");
        }
    }
}
