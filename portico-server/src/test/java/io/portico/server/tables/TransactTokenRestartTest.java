package io.portico.server.tables;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.server.testing.PorticoProcess;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * A TransactWriteItems retried with its ClientRequestToken after Portico was killed does not write again:
 * the token is claimed in the transaction's commit, so it is as durable as the write.
 */
class TransactTokenRestartTest {
    @TempDir
    Path dataDir;

    @Test
    void retryWithToken_afterKill9_writesNothingAgain() {
        TransactWriteItem increment = TransactWriteItem.builder().update(u -> u.tableName("tx-restart")
                .key(Map.of("id", AttributeValue.fromS("counter"))).updateExpression("ADD n :one")
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))).build();
        try (PorticoProcess portico = PorticoProcess.start(dataDir.resolve("data"))) {
            try (DynamoDbClient ddb = portico.clients().dynamoDb()) {
                ItemApiTest.createSimple(ddb, "tx-restart");
                ddb.transactWriteItems(r -> r.clientRequestToken("retry-me").transactItems(increment));
            }
            portico.kill9();
            try (DynamoDbClient ddb = portico.restart().clients().dynamoDb()) {
                ddb.transactWriteItems(r -> r.clientRequestToken("retry-me").transactItems(increment));
                assertThat(ddb.getItem(r -> r.tableName("tx-restart")
                        .key(Map.of("id", AttributeValue.fromS("counter")))).item().get("n").n()).isEqualTo("1");
            }
        }
    }
}
