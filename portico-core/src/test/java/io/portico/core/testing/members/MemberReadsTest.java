package io.portico.core.testing.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.core.json.Json;
import io.portico.core.model.ServiceModels;
import io.portico.core.protocol.InProcessCalls;
import io.portico.core.service.AwsErrorException;
import io.portico.core.service.Caller;
import io.portico.core.service.ServiceApi;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Watching a whole service: each call's handler gets a recording input, and the service is otherwise the same. */
class MemberReadsTest {
    private static final String MACHINE = "arn:aws:states:us-east-1:000000000000:stateMachine:m";

    private final ServiceApi states = ServiceApi.builder(ServiceModels.load("states-2016-11-23"))
            .operation("DescribeStateMachine", call -> Json.object()
                    .put("stateMachineArn", call.required("stateMachineArn")))
            .build();
    private final MemberReads reads = new MemberReads();
    private final InProcessCalls services = InProcessCalls.over(List.of(reads.watch(states)));

    @Test
    void watch_recordsWhatEachOperationsHandlerAsksFor() throws InterruptedException {
        services.call(Caller.of("000000000000", "us-east-1"), "states", "DescribeStateMachine",
                Json.object().put("stateMachineArn", MACHINE).put("includedData", "METADATA_ONLY"));

        assertThat(reads.reached("DescribeStateMachine")).isTrue();
        assertThat(reads.of("DescribeStateMachine")).containsExactly("stateMachineArn");
        assertThat(reads.reached("DescribeExecution")).isFalse();
    }

    @Test
    void watch_keepsTheServicesValidation() {
        assertThatThrownBy(() -> services.call(Caller.of("000000000000", "us-east-1"), "states",
                "DescribeStateMachine", Json.object()))
                .isInstanceOf(AwsErrorException.class).hasMessageContaining("stateMachineArn");
        assertThat(reads.reached("DescribeStateMachine")).isFalse();
    }
}
