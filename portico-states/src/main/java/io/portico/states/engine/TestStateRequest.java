package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * One TestState call as the engine sees it, already decoded from the wire: the definition (a single
 * state, or a whole state machine together with {@code stateName}), the state's input, the variables
 * and context object it runs with, an optional mock, and the retry count of the retrier that would
 * apply ({@code stateConfiguration.retrierRetryCount}). {@code account} and {@code region} scope the
 * ARNs the context object shows. Immutable.
 */
public record TestStateRequest(
        String definition,
        Optional<String> stateName,
        JsonNode input,
        ObjectNode variables,
        Optional<ObjectNode> context,
        Optional<TestMock> mock,
        int retrierRetryCount,
        Optional<String> roleArn,
        boolean revealSecrets,
        String account,
        String region) {

    /** A request for {@code definition} with input {@code {}}, no variables, no mock, in the default scope. */
    public static TestStateRequest of(String definition) {
        return new TestStateRequest(definition, Optional.empty(), JsonNodeFactory.instance.objectNode(),
                JsonNodeFactory.instance.objectNode(), Optional.empty(), Optional.empty(), 0, Optional.empty(), false,
                "000000000000", "us-east-1");
    }

    public TestStateRequest withInput(JsonNode value) {
        return new TestStateRequest(definition, stateName, value, variables, context, mock, retrierRetryCount,
                roleArn, revealSecrets, account, region);
    }

    public TestStateRequest withStateName(String value) {
        return new TestStateRequest(definition, Optional.of(value), input, variables, context, mock,
                retrierRetryCount, roleArn, revealSecrets, account, region);
    }

    public TestStateRequest withVariables(ObjectNode value) {
        return new TestStateRequest(definition, stateName, input, value, context, mock, retrierRetryCount,
                roleArn, revealSecrets, account, region);
    }

    public TestStateRequest withContext(ObjectNode value) {
        return new TestStateRequest(definition, stateName, input, variables, Optional.of(value), mock,
                retrierRetryCount, roleArn, revealSecrets, account, region);
    }

    public TestStateRequest withMock(TestMock value) {
        return new TestStateRequest(definition, stateName, input, variables, context, Optional.of(value),
                retrierRetryCount, roleArn, revealSecrets, account, region);
    }

    public TestStateRequest withRetrierRetryCount(int value) {
        return new TestStateRequest(definition, stateName, input, variables, context, mock, value,
                roleArn, revealSecrets, account, region);
    }

    public TestStateRequest withRoleArn(String value) {
        return new TestStateRequest(definition, stateName, input, variables, context, mock, retrierRetryCount,
                Optional.of(value), revealSecrets, account, region);
    }

    public TestStateRequest withRevealSecrets(boolean value) {
        return new TestStateRequest(definition, stateName, input, variables, context, mock, retrierRetryCount,
                roleArn, value, account, region);
    }

    public TestStateRequest withScope(String accountId, String regionName) {
        return new TestStateRequest(definition, stateName, input, variables, context, mock, retrierRetryCount,
                roleArn, revealSecrets, accountId, regionName);
    }
}
