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
 * Every input member of every served DynamoDB operation is honoured (its handler reads it) or listed in
 * the overlay as not honoured, with the reason docs/tables.md shows. Each operation is called through the
 * call bus of a real Portico, with every member present, against a table made for it; DeleteTable runs last.
 */
class DynamoDbMemberCoverageTest {
    private static MemberCoverageHarness portico;
    private static Map<String, JsonNode> values;

    @BeforeAll
    static void start() throws Exception {
        portico = MemberCoverageHarness.start();
        var create = Json.object().put("TableName", "coverage").put("BillingMode", "PAY_PER_REQUEST");
        create.set("AttributeDefinitions", json("[{\"AttributeName\":\"id\",\"AttributeType\":\"S\"}]"));
        create.set("KeySchema", json("[{\"AttributeName\":\"id\",\"KeyType\":\"HASH\"}]"));
        String arn = portico.call("dynamodb", "CreateTable", create).path("TableDescription").path("TableArn").asText();
        // valid items and keys, so that every call gets past the values to the members it is about
        values = Map.of("TableName", text("coverage"), "ResourceArn", text(arn),
                "Item", json("{\"id\":{\"S\":\"a\"}}"), "Key", json("{\"id\":{\"S\":\"a\"}}"));
    }

    @AfterAll
    static void stop() {
        portico.close();
    }

    @Test
    void everyInputMember_isHonouredOrListedAsNotHonoured() throws InterruptedException {
        InputSamples samples = InputSamples.of(portico.service("dynamodb").model())
                .withShape("IndexName", "by-key").withShape("TableName", "coverage");
        portico.assertEveryMemberHonouredOrListed("dynamodb", samples, values, List.of("DeleteTable"));
    }

    @Test
    void docsPage_showsTheOverlaysListOfMembersNotHonoured() throws Exception {
        portico.assertDocsShowTheList("dynamodb", "tables.md");
    }
}
