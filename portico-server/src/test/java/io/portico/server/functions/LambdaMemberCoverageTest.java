package io.portico.server.functions;

import static io.portico.server.testing.MemberCoverageHarness.json;
import static io.portico.server.testing.MemberCoverageHarness.text;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import io.portico.core.json.Json;
import io.portico.core.testing.members.InputSamples;
import io.portico.server.testing.FunctionFixtures;
import io.portico.server.testing.MemberCoverageHarness;
import io.portico.server.testing.TestFunctions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every input member of every Lambda operation Portico serves is honoured (its handler reads it) or
 * listed in the overlay as not honoured, with the reason docs/functions.md shows. Each operation is called
 * through the call bus of a real Portico, with every member present, against a Java function (with a
 * published version and an alias) made for it. Operations that delete run last, DeleteFunction the very
 * last.
 */
class LambdaMemberCoverageTest {
    private static final String FUNCTION = "coverage";
    private static MemberCoverageHarness portico;
    private static Map<String, JsonNode> values;

    @BeforeAll
    static void start() throws Exception {
        portico = MemberCoverageHarness.start();
        BinaryNode zip = BinaryNode.valueOf(FunctionFixtures.lambdaZipBytes());
        var create = Json.object().put("FunctionName", FUNCTION).put("Runtime", "java21")
                .put("Handler", "example.EchoHandler").put("Role", TestFunctions.ROLE);
        create.putObject("Code").set("ZipFile", zip);
        String arn = portico.call("lambda", "CreateFunction", create).path("FunctionArn").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> portico.call("lambda", "GetFunctionConfiguration",
                Json.object().put("FunctionName", FUNCTION)).path("State").asText().equals("Active"));
        portico.call("lambda", "PublishVersion", Json.object().put("FunctionName", FUNCTION));
        portico.call("lambda", "CreateAlias", Json.object().put("FunctionName", FUNCTION).put("Name", "live")
                .put("FunctionVersion", "1"));
        values = Map.ofEntries(
                Map.entry("FunctionName", text(FUNCTION)),
                Map.entry("Qualifier", text("$LATEST")),
                Map.entry("Name", text("live")),
                Map.entry("FunctionVersion", text("1")),
                Map.entry("ListFunctions.FunctionVersion", text("ALL")),
                Map.entry("Resource", text(arn)),
                Map.entry("Runtime", text("java21")),
                Map.entry("Handler", text("example.EchoHandler")),
                Map.entry("Code", json("{\"ZipFile\":\"" + Base64.getEncoder().encodeToString(zip.binaryValue()) + "\"}")),
                Map.entry("ZipFile", zip),
                Map.entry("Payload", BinaryNode.valueOf("{}".getBytes(StandardCharsets.UTF_8))),
                Map.entry("InvocationType", text("RequestResponse")),
                Map.entry("ClientContext", text(Base64.getEncoder().encodeToString("{}".getBytes(StandardCharsets.UTF_8)))));
    }

    @AfterAll
    static void stop() {
        portico.close();
    }

    @Test
    void everyInputMember_isHonouredOrListedAsNotHonoured() throws InterruptedException {
        String function = "arn:aws:lambda:us-east-1:000000000000:function:" + FUNCTION;
        InputSamples samples = InputSamples.of(portico.service("lambda").model())
                .withShape("RoleArn", TestFunctions.ROLE)
                .withShape("SubnetId", "subnet-1")
                .withShape("Arn", "arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/2025-01-01T00:00:00.000")
                .withShape("Topic", "topic")
                .withShape("Endpoint", "kafka:1000")
                .withShape("SecurityGroupId", "sg-1")
                .withShape("ResourceArn", "arn:aws:sqs:us-east-1:000000000000:dead-letters")
                .withShape("EnvironmentVariableName", "KEY")
                .withShape("KMSKeyArn", "arn:aws:kms:us-east-1:000000000000:key/k")
                .withShape("LayerVersionArn", "arn:aws:lambda:us-east-1:000000000000:layer:lib:1")
                .withShape("FileSystemArn", "arn:aws:elasticfilesystem:us-east-1:000000000000:access-point/fsap-0123456789abcdef0")
                .withShape("LocalMountPath", "/mnt/data")
                .withShape("CodeSigningConfigArn",
                        "arn:aws:lambda:us-east-1:000000000000:code-signing-config:csc-0123456789abcdef0")
                .withShape("MasterRegion", "ALL")
                .withShape("Version", "1")
                .withShape("AdditionalVersion", "1")
                .withShape("FunctionArn", function)
                .withShape("TaggableResource", function)
                .withShape("DestinationArn", function);
        portico.assertEveryMemberHonouredOrListed("lambda", samples, values, List.of("DeleteAlias",
                "DeleteFunctionConcurrency", "DeleteFunctionEventInvokeConfig", "DeleteFunction"));
    }

    @Test
    void docsPage_showsTheOverlaysListOfMembersNotHonoured() throws Exception {
        portico.assertDocsShowTheList("lambda", "functions.md");
    }
}
