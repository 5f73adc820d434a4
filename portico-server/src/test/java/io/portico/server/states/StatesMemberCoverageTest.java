package io.portico.server.states;

import static io.portico.server.testing.MemberCoverageHarness.json;
import static io.portico.server.testing.MemberCoverageHarness.text;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.core.json.Json;
import io.portico.core.testing.members.InputSamples;
import io.portico.server.testing.MemberCoverageHarness;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every input member of every Step Functions operation is honoured (its handler reads it) or listed in
 * the overlay as not honoured, with the reason docs/states.md shows. Each operation is called through
 * the call bus of a real Portico, with every member present, against a state machine (with a version
 * and an alias), a finished execution and an activity made for it. Operations that delete run last.
 */
class StatesMemberCoverageTest {
    private static final String PASS = "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}";
    private static MemberCoverageHarness portico;
    private static Map<String, JsonNode> values;

    @BeforeAll
    static void start() throws Exception {
        portico = MemberCoverageHarness.start();
        var machine = portico.call("states", "CreateStateMachine", Json.object().put("name", "coverage")
                .put("definition", PASS).put("roleArn", StateMachineApiTest.ROLE).put("publish", true));
        String machineArn = machine.path("stateMachineArn").asText();
        String versionArn = machine.path("stateMachineVersionArn").asText();
        JsonNode routing = json("[{\"stateMachineVersionArn\":\"" + versionArn + "\",\"weight\":100}]");
        var alias = Json.object().put("name", "live");
        alias.set("routingConfiguration", routing);
        String aliasArn = portico.call("states", "CreateStateMachineAlias", alias).path("stateMachineAliasArn").asText();
        String executionArn = portico.call("states", "StartExecution", Json.object().put("stateMachineArn", machineArn)
                .put("name", "done")).path("executionArn").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> !portico.call("states", "DescribeExecution",
                Json.object().put("executionArn", executionArn)).path("status").asText().equals("RUNNING"));
        String activityArn = portico.call("states", "CreateActivity", Json.object().put("name", "worker"))
                .path("activityArn").asText();
        values = Map.ofEntries(
                Map.entry("stateMachineArn", text(machineArn)),
                Map.entry("stateMachineVersionArn", text(versionArn)),
                Map.entry("stateMachineAliasArn", text(aliasArn)),
                Map.entry("executionArn", text(executionArn)),
                Map.entry("activityArn", text(activityArn)),
                Map.entry("resourceArn", text(machineArn)),
                Map.entry("routingConfiguration", routing),
                Map.entry("definition", text(PASS)),
                Map.entry("TestState.definition", text("{\"Type\":\"Pass\",\"End\":true}")),
                Map.entry("roleArn", text(StateMachineApiTest.ROLE)),
                Map.entry("input", text("{}")),
                Map.entry("output", text("{}")),
                Map.entry("variables", text("{}")),
                Map.entry("context", text("{}")),
                Map.entry("mock", json("{\"result\":\"{}\"}")));
    }

    @AfterAll
    static void stop() {
        portico.close();
    }

    @Test
    void everyInputMember_isHonouredOrListedAsNotHonoured() throws InterruptedException {
        portico.assertEveryMemberHonouredOrListed("states", InputSamples.of(portico.service("states").model()),
                values, List.of("DeleteStateMachineAlias", "DeleteStateMachineVersion", "DeleteActivity",
                        "DeleteStateMachine"));
    }

    @Test
    void docsPage_showsTheOverlaysListOfMembersNotHonoured() throws Exception {
        portico.assertDocsShowTheList("states", "states.md");
    }
}
