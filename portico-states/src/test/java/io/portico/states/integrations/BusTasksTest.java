package io.portico.states.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.core.json.Json;
import io.portico.core.service.Caller;
import io.portico.states.engine.ExecutionInfo;
import io.portico.states.engine.TaskCall;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Whom a Task acts as on the call bus. */
class BusTasksTest {

    @Test
    void caller_isTheExecutionsTrustedScope_notTheAccountItsArnShows() {
        // TestState lets a caller put any execution ARN in the context object; the scope stays the caller's.
        ExecutionInfo shown = new ExecutionInfo("arn:aws:states:us-east-1:111111111111:execution:m:e", "e",
                "arn:aws:states:us-east-1:111111111111:stateMachine:m", "m", "arn:aws:iam::111111111111:role/r",
                Instant.EPOCH, Json.object(), 0, "222222222222", "eu-west-1");
        TaskCall call = new TaskCall("arn:aws:states:::aws-sdk:lambda:getFunction", Json.object(), "Task",
                Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), shown, (type, details) -> { });

        assertThat(BusTasks.caller(call)).isEqualTo(Caller.of("222222222222", "eu-west-1"));
    }

    @Test
    void executionInfo_madeByTheEngine_actsInItsArnsAccountAndRegion() {
        ExecutionInfo info = new ExecutionInfo("arn:aws:states:ap-south-1:333333333333:execution:m:e", "e",
                "arn:aws:states:ap-south-1:333333333333:stateMachine:m", "m", "arn:aws:iam::333333333333:role/r",
                Instant.EPOCH, Json.object(), 0);

        assertThat(info.account()).isEqualTo("333333333333");
        assertThat(info.region()).isEqualTo("ap-south-1");
    }
}
