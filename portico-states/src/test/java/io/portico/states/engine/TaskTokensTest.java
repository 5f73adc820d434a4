package io.portico.states.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Delivering callbacks to task tokens: open, closed and malformed tokens. */
class TaskTokensTest {
    private static final String EXECUTION = "arn:aws:states:us-east-1:000000000000:execution:m:e";
    private static final TaskTokens.Completion DONE = new TaskTokens.Completion.Success(TextNode.valueOf("done"));

    private final TaskTokens tokens = EngineTimers.tokens();

    @Test
    void complete_openToken_isDeliveredOnce() throws InterruptedException {
        String token = tokens.issue(EXECUTION);
        assertThat(tokens.heartbeat(token)).isEqualTo(TaskTokens.Delivery.DELIVERED);
        assertThat(tokens.complete(token, DONE)).isEqualTo(TaskTokens.Delivery.DELIVERED);
        assertThat(tokens.complete(token, DONE)).isEqualTo(TaskTokens.Delivery.CLOSED);
        assertThat(tokens.heartbeat(token)).isEqualTo(TaskTokens.Delivery.CLOSED);
        assertThat(tokens.await(token, Optional.empty(), OptionalLong.empty())).isEqualTo(DONE);
    }

    /** Regression: a callback after the task closed was TaskDoesNotExist; AWS answers TaskTimedOut. */
    @Test
    void complete_afterTheTaskEnded_isClosedNotUnknown() {
        String token = tokens.issue(EXECUTION);
        tokens.retire(token);
        assertThat(tokens.complete(token, DONE)).isEqualTo(TaskTokens.Delivery.CLOSED);
        assertThat(tokens.heartbeat(token)).isEqualTo(TaskTokens.Delivery.CLOSED);
    }

    @Test
    void complete_garbage_isMalformed() {
        assertThat(tokens.complete("not-a-token", DONE)).isEqualTo(TaskTokens.Delivery.MALFORMED);
        assertThat(tokens.heartbeat("")).isEqualTo(TaskTokens.Delivery.MALFORMED);
        assertThat(TaskTokens.executionArn(tokens.issue(EXECUTION))).contains(EXECUTION);
    }
}
