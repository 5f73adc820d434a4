package io.portico.server.tables;

import static io.portico.server.testing.MemberCoverageHarness.json;
import static io.portico.server.testing.MemberCoverageHarness.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.core.json.Json;
import io.portico.core.testing.members.InputSamples;
import io.portico.server.testing.MemberCoverageHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every input member of every DynamoDB Streams operation is honoured (its handler reads it): each is called
 * through the call bus of a real Portico with every member present, against a stream made for it.
 */
class DynamoDbStreamsMemberCoverageTest {
    private static MemberCoverageHarness portico;
    private static Map<String, JsonNode> values;

    @BeforeAll
    static void start() throws Exception {
        portico = MemberCoverageHarness.start();
        var create = Json.object().put("TableName", "coverage").put("BillingMode", "PAY_PER_REQUEST");
        create.set("AttributeDefinitions", json("[{\"AttributeName\":\"id\",\"AttributeType\":\"S\"}]"));
        create.set("KeySchema", json("[{\"AttributeName\":\"id\",\"KeyType\":\"HASH\"}]"));
        create.set("StreamSpecification", json("{\"StreamEnabled\":true,\"StreamViewType\":\"KEYS_ONLY\"}"));
        String arn = portico.call("dynamodb", "CreateTable", create).path("TableDescription").path("LatestStreamArn")
                .asText();
        String shard = portico.call("dynamodbstreams", "DescribeStream", Json.object().put("StreamArn", arn))
                .path("StreamDescription").path("Shards").path(0).path("ShardId").asText();
        String iterator = portico.call("dynamodbstreams", "GetShardIterator", Json.object().put("StreamArn", arn)
                .put("ShardId", shard).put("ShardIteratorType", "TRIM_HORIZON")).path("ShardIterator").asText();
        values = Map.of("TableName", text("coverage"), "StreamArn", text(arn), "ShardId", text(shard),
                "ShardIterator", text(iterator), "ExclusiveStartStreamArn", text(arn), "ExclusiveStartShardId",
                text(shard), "GetShardIterator.ShardIteratorType", text("AT_SEQUENCE_NUMBER"));
    }

    @AfterAll
    static void stop() {
        portico.close();
    }

    @Test
    void everyInputMember_isHonoured() throws InterruptedException {
        InputSamples samples = InputSamples.of(portico.service("dynamodbstreams").model());
        portico.assertEveryMemberHonouredOrListed("dynamodbstreams", samples, values, List.of());
    }
}
