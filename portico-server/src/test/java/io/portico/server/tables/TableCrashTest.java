package io.portico.server.tables;

import static org.assertj.core.api.Assertions.assertThat;

import io.portico.server.testing.PorticoProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** Every acknowledged CreateTable, UpdateTable and DeleteTable survives a SIGKILL of the process. */
class TableCrashTest {
    @TempDir
    Path dataDir;

    @Test
    void kill9_afterAcknowledgedCreatesUpdatesAndDeletes_theyAllSurvive() {
        try (PorticoProcess portico = PorticoProcess.start(dataDir.resolve("data"))) {
            List<String> ids = new ArrayList<>();
            try (DynamoDbClient ddb = portico.clients().dynamoDb()) {
                for (int i = 0; i < 10; i++) {
                    int n = i;
                    ids.add(ddb.createTable(r -> r.tableName("crash-" + n).billingMode(BillingMode.PAY_PER_REQUEST)
                            .attributeDefinitions(d -> d.attributeName("id").attributeType(ScalarAttributeType.S))
                            .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))).tableDescription().tableId());
                }
                ddb.updateTable(r -> r.tableName("crash-0").deletionProtectionEnabled(true));
                ddb.deleteTable(r -> r.tableName("crash-9"));
            }

            portico.kill9();

            try (DynamoDbClient ddb = portico.restart().clients().dynamoDb()) {
                assertThat(ddb.listTables().tableNames()).containsExactly("crash-0", "crash-1", "crash-2", "crash-3",
                        "crash-4", "crash-5", "crash-6", "crash-7", "crash-8");
                for (int i = 0; i < 9; i++) {
                    int n = i;
                    var table = ddb.describeTable(r -> r.tableName("crash-" + n)).table();
                    assertThat(table.tableId()).isEqualTo(ids.get(i));
                    assertThat(table.tableStatus()).isEqualTo(TableStatus.ACTIVE);
                }
                assertThat(ddb.describeTable(r -> r.tableName("crash-0")).table().deletionProtectionEnabled()).isTrue();
            }
        }
    }
}
