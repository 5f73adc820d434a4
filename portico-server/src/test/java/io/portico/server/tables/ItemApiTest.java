package io.portico.server.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.server.testing.PorticoClients;
import io.portico.server.testing.PorticoTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * PutItem, GetItem, UpdateItem and DeleteItem through the official DynamoDbClient: round trips of every
 * type, conditions (expressions and Expected), updates (expressions and AttributeUpdates), projections,
 * ReturnValues, the item in a failed condition's answer, capacity, counts in DescribeTable, and
 * DynamoDB's recorded messages for what it refuses.
 */
@PorticoTest
class ItemApiTest {
    @AutoClose
    private final DynamoDbClient ddb;

    ItemApiTest(PorticoClients clients) {
        this.ddb = clients.dynamoDb();
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }

    static void createSimple(DynamoDbClient ddb, String name) {
        ddb.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH)));
    }

    @Test
    void putThenGet_roundTripsEveryType_andDescribeTableCountsTheItem() {
        createSimple(ddb, "types");
        Map<String, AttributeValue> item = Map.ofEntries(Map.entry("id", s("a")), Map.entry("n", n("12.50")),
                Map.entry("big", n("-1234567890123456789012345678901234567.8")),
                Map.entry("b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {(byte) 0x90, 0, 1}))),
                Map.entry("ss", AttributeValue.fromSs(java.util.List.of("x", "y"))),
                Map.entry("ns", AttributeValue.fromNs(java.util.List.of("1", "2.5"))),
                Map.entry("bs", AttributeValue.fromBs(java.util.List.of(SdkBytes.fromUtf8String("q")))),
                Map.entry("m", AttributeValue.fromM(Map.of("k", s("v"), "l", AttributeValue.fromL(java.util.List.of(
                        AttributeValue.fromBool(true), AttributeValue.fromNul(true)))))),
                Map.entry("empty", s("")));

        ddb.putItem(r -> r.tableName("types").item(item));
        GetItemResponse got = ddb.getItem(r -> r.tableName("types").key(Map.of("id", s("a"))).consistentRead(true));

        assertThat(got.item()).isEqualTo(Map.ofEntries(Map.entry("id", s("a")), Map.entry("n", n("12.5")),
                Map.entry("big", n("-1234567890123456789012345678901234567.8")),
                Map.entry("b", item.get("b")), Map.entry("ss", item.get("ss")), Map.entry("ns", item.get("ns")),
                Map.entry("bs", item.get("bs")), Map.entry("m", item.get("m")), Map.entry("empty", s(""))));
        var table = ddb.describeTable(r -> r.tableName("types")).table();
        assertThat(table.itemCount()).isEqualTo(1);
        assertThat(table.tableSizeBytes()).isPositive();
        assertThat(ddb.getItem(r -> r.tableName("types").key(Map.of("id", s("none")))).hasItem()).isFalse();
    }

    @Test
    void returnValuesInPutItem_answerAsRecordedFromAws() {
        createSimple(ddb, "ret");
        Map<String, AttributeValue> first = Map.of("id", s("id1"), "data", s("foobar"));
        assertThat(ddb.putItem(r -> r.tableName("ret").item(first)).hasAttributes()).isFalse();
        assertThat(ddb.putItem(r -> r.tableName("ret").item(first).returnValues(ReturnValue.ALL_OLD)).attributes())
                .isEqualTo(first);
        assertThat(ddb.putItem(r -> r.tableName("ret").item(Map.of("id", s("id2"))).returnValues(ReturnValue.ALL_OLD))
                .hasAttributes()).isFalse();
        assertThat(ddb.putItem(r -> r.tableName("ret").item(first).returnValues(ReturnValue.NONE)).hasAttributes())
                .isFalse();
        assertThatThrownBy(() -> ddb.putItem(r -> r.tableName("ret").item(first).returnValues(ReturnValue.ALL_NEW)))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("Return values set to invalid value"));
    }

    @Test
    void failedCondition_answersAsRecordedFromAws_withTheItemWhenAsked() {
        createSimple(ddb, "cond");
        Map<String, AttributeValue> item = Map.of("id", s("456"), "price", n("650"), "product", s("sporting goods"));
        ddb.putItem(r -> r.tableName("cond").item(item));

        assertThatThrownBy(() -> ddb.putItem(r -> r.tableName("cond").item(Map.of("id", s("456")))
                .conditionExpression("attribute_not_exists(id)")
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)))
                .isInstanceOfSatisfying(ConditionalCheckFailedException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The conditional request failed");
                    assertThat(e.item()).isEqualTo(item);
                });
        assertThatThrownBy(() -> ddb.deleteItem(r -> r.tableName("cond").key(Map.of("id", s("456")))
                .conditionExpression("price < :p").expressionAttributeValues(Map.of(":p", n("10")))))
                .isInstanceOfSatisfying(ConditionalCheckFailedException.class, e -> assertThat(e.hasItem()).isFalse());
        assertThat(ddb.getItem(r -> r.tableName("cond").key(Map.of("id", s("456")))).item()).isEqualTo(item);
    }

    @Test
    void updateItem_expressionsAndReturnValues() {
        createSimple(ddb, "upd");
        var created = ddb.updateItem(r -> r.tableName("upd").key(Map.of("id", s("u")))
                .updateExpression("SET #c = if_not_exists(#c, :zero) + :one, tags = :t")
                .expressionAttributeNames(Map.of("#c", "count"))
                .expressionAttributeValues(Map.of(":zero", n("0"), ":one", n("1"), ":t", AttributeValue.fromSs(
                        java.util.List.of("a")))).returnValues(ReturnValue.ALL_NEW));
        assertThat(created.attributes()).isEqualTo(Map.of("id", s("u"), "count", n("1"),
                "tags", AttributeValue.fromSs(java.util.List.of("a"))));

        var updatedOld = ddb.updateItem(r -> r.tableName("upd").key(Map.of("id", s("u")))
                .updateExpression("ADD #c :one REMOVE tags").expressionAttributeNames(Map.of("#c", "count"))
                .expressionAttributeValues(Map.of(":one", n("1"))).returnValues(ReturnValue.UPDATED_OLD));
        assertThat(updatedOld.attributes()).isEqualTo(Map.of("count", n("1"), "tags",
                AttributeValue.fromSs(java.util.List.of("a"))));

        var updatedNew = ddb.updateItem(r -> r.tableName("upd").key(Map.of("id", s("u")))
                .attributeUpdates(Map.of("count", AttributeValueUpdate.builder().action("ADD").value(n("5")).build()))
                .expected(Map.of("count", ExpectedAttributeValue.builder().value(n("2")).build()))
                .returnValues(ReturnValue.UPDATED_NEW));
        assertThat(updatedNew.attributes()).isEqualTo(Map.of("count", n("7")));

        assertThatThrownBy(() -> ddb.updateItem(r -> r.tableName("upd").key(Map.of("id", s("u")))
                .updateExpression("SET id = :v").expressionAttributeValues(Map.of(":v", s("x")))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("One or more parameter values were invalid: Cannot update attribute id. "
                                + "This attribute is part of the key"));
    }

    @Test
    void getItem_projectionExpressionAndAttributesToGet() {
        createSimple(ddb, "proj");
        ddb.putItem(r -> r.tableName("proj").item(Map.of("id", s("p"), "a", n("1"), "m",
                AttributeValue.fromM(Map.of("x", s("1"), "y", s("2"))))));

        assertThat(ddb.getItem(r -> r.tableName("proj").key(Map.of("id", s("p"))).projectionExpression("#m.x, a")
                .expressionAttributeNames(Map.of("#m", "m"))).item())
                .isEqualTo(Map.of("a", n("1"), "m", AttributeValue.fromM(Map.of("x", s("1")))));
        assertThat(ddb.getItem(r -> r.tableName("proj").key(Map.of("id", s("p"))).attributesToGet("id")).item())
                .isEqualTo(Map.of("id", s("p")));
    }

    @Test
    void deleteItem_returnsTheOldItem_andCountsGoBackToZero() {
        createSimple(ddb, "del");
        ddb.putItem(r -> r.tableName("del").item(Map.of("id", s("d"), "v", s("x"))));

        assertThat(ddb.deleteItem(r -> r.tableName("del").key(Map.of("id", s("d"))).returnValues(ReturnValue.ALL_OLD))
                .attributes()).isEqualTo(Map.of("id", s("d"), "v", s("x")));
        assertThat(ddb.deleteItem(r -> r.tableName("del").key(Map.of("id", s("d"))).returnValues(ReturnValue.ALL_OLD))
                .hasAttributes()).isFalse();
        var table = ddb.describeTable(r -> r.tableName("del")).table();
        assertThat(table.itemCount()).isZero();
        assertThat(table.tableSizeBytes()).isZero();
    }

    @Test
    void consumedCapacity_oneUnitPerKbWritten_andPerFourKbRead() {
        createSimple(ddb, "cap");
        String text = "x".repeat(5000);
        var put = ddb.putItem(r -> r.tableName("cap").item(Map.of("id", s("c"), "t", s(text)))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertThat(put.consumedCapacity().tableName()).isEqualTo("cap");
        assertThat(put.consumedCapacity().capacityUnits()).isEqualTo(5.0);
        var strong = ddb.getItem(r -> r.tableName("cap").key(Map.of("id", s("c"))).consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES));
        assertThat(strong.consumedCapacity().capacityUnits()).isEqualTo(2.0);
        assertThat(strong.consumedCapacity().table().capacityUnits()).isEqualTo(2.0);
        var eventual = ddb.getItem(r -> r.tableName("cap").key(Map.of("id", s("c")))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertThat(eventual.consumedCapacity().capacityUnits()).isEqualTo(1.0);
    }

    @Test
    void attributeNameOf60000Characters_isStoredAndReadBack() {
        createSimple(ddb, "long-names");
        String name = "n".repeat(60_000); // legal in DynamoDB (65,535 bytes); past Jackson's default of 50,000
        ddb.putItem(r -> r.tableName("long-names").item(Map.of("id", s("x"), name, s("v"))));

        assertThat(ddb.getItem(r -> r.tableName("long-names").key(Map.of("id", s("x")))).item())
                .containsEntry(name, s("v"));
    }

    @Test
    void refusals_inDynamoDbsWords() {
        createSimple(ddb, "bad");
        assertThatThrownBy(() -> ddb.putItem(r -> r.tableName("missing-table").item(Map.of("id", s("x")))))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).isEqualTo("Requested resource not found"));
        assertThatThrownBy(() -> ddb.getItem(r -> r.tableName("missing-table").key(Map.of("id", s("x")))))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> ddb.getItem(r -> r.tableName("bad").key(Map.of("id", n("1")))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("The provided key element does not match the schema"));
        assertThatThrownBy(() -> ddb.putItem(r -> r.tableName("bad").item(Map.of("id", n("1")))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("One or more parameter values were invalid: Type mismatch for key id expected: S "
                                + "actual: N"));
        assertThatThrownBy(() -> ddb.putItem(r -> r.tableName("bad").item(Map.of("other", s("1")))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("One or more parameter values were invalid: Missing the key id in the item"));
        assertThatThrownBy(() -> ddb.putItem(r -> r.tableName("bad").item(Map.of("id", s("big"), "t",
                s("x".repeat(400 * 1024))))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("Item size has exceeded the maximum allowed size"));
        assertThatThrownBy(() -> ddb.putItem(r -> r.tableName("bad").item(Map.of("id", s("x")))
                .conditionExpression("attribute_not_exists(id) AND").expressionAttributeValues(Map.of(":u", s("1")))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .startsWith("1 validation error detected: Invalid ConditionExpression: Syntax error;"));
        assertThatThrownBy(() -> ddb.putItem(r -> r.tableName("bad").item(Map.of("id", s("x")))
                .conditionExpression("attribute_not_exists(id)").expressionAttributeValues(Map.of(":u", s("1")))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("1 validation error detected: Value provided in ExpressionAttributeValues unused in "
                                + "expressions: keys: {:u}"));
        assertThatThrownBy(() -> ddb.getItem(r -> r.tableName("bad").key(Map.of("id", s("x")))
                .projectionExpression("a").attributesToGet("b")))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("Can not use both expression and non-expression parameters in the same request: "
                                + "Non-expression parameters: {AttributesToGet} Expression parameters: "
                                + "{ProjectionExpression}"));
        for (var call : List.<Runnable>of(() -> ddb.putItem(r -> r.tableName("h").item(Map.of("id", s("x")))),
                () -> ddb.updateItem(r -> r.tableName("h").key(Map.of("id", s("x")))),
                () -> ddb.deleteItem(r -> r.tableName("h").key(Map.of("id", s("x")))))) {
            assertThatThrownBy(call::run) // one envelope: the enveloped operations do not wrap a member's own
                    .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("1 validation error detected: Value 'h' at 'tableName' failed to satisfy "
                                    + "constraint: Member must have length greater than or equal to 3"));
        }
    }
}