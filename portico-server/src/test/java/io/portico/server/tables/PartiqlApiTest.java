package io.portico.server.tables;

import static io.portico.server.tables.ItemApiTest.n;
import static io.portico.server.tables.ItemApiTest.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.portico.server.testing.PorticoClients;
import io.portico.server.testing.PorticoTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchExecuteStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DuplicateItemException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.ExecuteTransactionResponse;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ParameterizedStatement;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** PartiQL through the official DynamoDbClient: statements, batches and transactions, with AWS's recorded answers. */
@PorticoTest
class PartiqlApiTest {
    @AutoClose
    private final DynamoDbClient ddb;

    PartiqlApiTest(PorticoClients clients) {
        this.ddb = clients.dynamoDb();
    }

    private void createUsers(String table) {
        ddb.createTable(r -> r.tableName(table).billingMode(software.amazon.awssdk.services.dynamodb.model.BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("Username").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("Username").keyType(KeyType.HASH)));
    }

    private ExecuteStatementResponse execute(String statement, AttributeValue... parameters) {
        return ddb.executeStatement(r -> {
            r.statement(statement);
            if (parameters.length > 0) {
                r.parameters(parameters);
            }
        });
    }

    @Test
    void insertSelectUpdateDelete_withParameters() {
        createUsers("pq-users");
        execute("INSERT INTO \"pq-users\" VALUE {'Username': 'alice', 'Age': 30, 'Tags': <<'a', 'b'>>, "
                + "'Address': {'City': 'Oslo'}, 'Scores': [1, 2]}");
        execute("INSERT INTO \"pq-users\" VALUE {'Username': ?, 'Age': ?}", s("bob"), n("40"));

        assertThatThrownBy(() -> execute("INSERT INTO \"pq-users\" VALUE {'Username': 'bob'}"))
                .isInstanceOfSatisfying(DuplicateItemException.class, e -> assertThat(e.awsErrorDetails()
                        .errorMessage()).isEqualTo("Duplicate primary key exists in table"));

        ExecuteStatementResponse alice = execute("SELECT Age, Address.City FROM \"pq-users\" WHERE Username = ?",
                s("alice"));
        assertThat(alice.items()).containsExactly(Map.of("Age", n("30"),
                "Address", AttributeValue.fromM(Map.of("City", s("Oslo")))));

        execute("UPDATE \"pq-users\" SET Age = Age + 1 REMOVE Scores WHERE Username = 'alice'");
        assertThat(execute("SELECT * FROM \"pq-users\" WHERE Username = 'alice'").items().get(0))
                .containsEntry("Age", n("31")).doesNotContainKey("Scores");

        // an UPDATE does not create an item, and its WHERE beyond the key is its condition
        assertThatThrownBy(() -> execute("UPDATE \"pq-users\" SET Age = 1 WHERE Username = 'nobody'"))
                .isInstanceOf(ConditionalCheckFailedException.class);
        assertThatThrownBy(() -> execute("UPDATE \"pq-users\" SET Age = 1 WHERE Username = 'bob' AND Age > 100"))
                .isInstanceOf(ConditionalCheckFailedException.class);

        // a Scan with a filter when the key is not pinned
        assertThat(execute("SELECT Username FROM \"pq-users\" WHERE Age >= 40").items())
                .containsExactly(Map.of("Username", s("bob")));

        execute("DELETE FROM \"pq-users\" WHERE Username = 'bob'");
        assertThat(execute("SELECT * FROM \"pq-users\" WHERE Username = 'bob'").items()).isEmpty();
    }

    @Test
    void isNotMissing_asRecordedFromAws() {
        createUsers("pq-missing");
        execute("INSERT INTO \"pq-missing\" VALUE {'Username': 'Alice123', 'FirstName': 'Alice'}");
        execute("INSERT INTO \"pq-missing\" VALUE {'Username': 'Bob123'}");

        // recorded (test_dynamodb_partiql_missing)
        assertThat(execute("SELECT * FROM \"pq-missing\" WHERE FirstName IS NOT MISSING").items())
                .containsExactly(Map.of("FirstName", s("Alice"), "Username", s("Alice123")));
        assertThat(execute("SELECT Username FROM \"pq-missing\" WHERE FirstName IS MISSING").items())
                .containsExactly(Map.of("Username", s("Bob123")));
    }

    @Test
    void select_pagesWithLimitAndNextToken() {
        createUsers("pq-pages");
        for (int i = 0; i < 7; i++) {
            execute("INSERT INTO \"pq-pages\" VALUE {'Username': ?}", s("u" + i));
        }
        List<AttributeValue> seen = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ExecuteStatementResponse page = ddb.executeStatement(r -> r.statement("SELECT * FROM \"pq-pages\"")
                    .limit(3).nextToken(next));
            page.items().forEach(item -> seen.add(item.get("Username")));
            token = page.nextToken();
        } while (token != null);
        assertThat(seen).hasSize(7).doesNotHaveDuplicates();
    }

    @Test
    void batchExecuteStatement_asRecordedFromAws_andErrorsPerStatement() {
        createUsers("pq-batch");
        execute("INSERT INTO \"pq-batch\" VALUE {'Username': 'user02'}");

        BatchExecuteStatementResponse written = ddb.batchExecuteStatement(r -> r.statements(
                BatchStatementRequest.builder().statement("INSERT INTO \"pq-batch\" VALUE {'Username': 'user01'}").build(),
                BatchStatementRequest.builder().statement("UPDATE \"pq-batch\" SET Age=20 WHERE Username='user02'")
                        .build()));
        // recorded (test_dynamodb_batch_execute_statement)
        assertThat(written.responses()).extracting(r -> r.tableName()).containsExactly("pq-batch", "pq-batch");
        assertThat(written.responses()).allSatisfy(r -> assertThat(r.error()).isNull());
        assertThat(execute("SELECT * FROM \"pq-batch\" WHERE Username = 'user02'").items())
                .containsExactly(Map.of("Age", n("20"), "Username", s("user02")));

        BatchExecuteStatementResponse failed = ddb.batchExecuteStatement(r -> r.statements(
                BatchStatementRequest.builder().statement("INSERT INTO \"pq-batch\" VALUE {'Username': 'user01'}").build(),
                BatchStatementRequest.builder().statement("INSERT INTO \"pq-batch\" VALUE {'Username': 'user03'}").build()));
        assertThat(failed.responses().get(0).error().codeAsString()).isEqualTo("DuplicateItem");
        assertThat(failed.responses().get(1).error()).isNull();

        BatchExecuteStatementResponse read = ddb.batchExecuteStatement(r -> r.statements(
                BatchStatementRequest.builder().statement("SELECT * FROM \"pq-batch\" WHERE Username = 'user01'").build(),
                BatchStatementRequest.builder().statement("SELECT * FROM \"pq-batch\" WHERE Username = 'nobody'").build()));
        assertThat(read.responses().get(0).item()).isEqualTo(Map.of("Username", s("user01")));
        assertThat(read.responses().get(1).hasItem()).isFalse();

        assertThatThrownBy(() -> ddb.batchExecuteStatement(r -> r.statements(
                BatchStatementRequest.builder().statement("INSERT INTO \"pq-batch\" VALUE {'Username': 'x'}").build(),
                BatchStatementRequest.builder().statement("SELECT * FROM \"pq-batch\" WHERE Username = 'x'").build())))
                .isInstanceOfSatisfying(DynamoDbException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
    }

    @Test
    void executeTransaction_asRecordedFromAws_allOrNothing() {
        createUsers("pq-tx");
        ExecuteTransactionResponse done = ddb.executeTransaction(r -> r.transactStatements(
                ParameterizedStatement.builder().statement("INSERT INTO \"pq-tx\" VALUE {'Username': 'user01'}").build(),
                ParameterizedStatement.builder().statement("INSERT INTO \"pq-tx\" VALUE {'Username': ?}")
                        .parameters(s("user02")).build()));
        // recorded (test_dynamodb_execute_transaction): no responses for writes, both items there
        assertThat(done.responses()).isEmpty();
        assertThat(ddb.scan(r -> r.tableName("pq-tx")).count()).isEqualTo(2);

        assertThatThrownBy(() -> ddb.executeTransaction(r -> r.transactStatements(
                ParameterizedStatement.builder().statement("INSERT INTO \"pq-tx\" VALUE {'Username': 'user03'}").build(),
                ParameterizedStatement.builder().statement("INSERT INTO \"pq-tx\" VALUE {'Username': 'user01'}").build())))
                .isInstanceOfSatisfying(TransactionCanceledException.class, e -> {
                    assertThat(e.awsErrorDetails().errorMessage()).endsWith("[None, DuplicateItem]");
                    assertThat(e.cancellationReasons().get(1).message()).isEqualTo("Duplicate primary key exists in table");
                });
        assertThat(ddb.scan(r -> r.tableName("pq-tx")).count()).isEqualTo(2);

        ExecuteTransactionResponse read = ddb.executeTransaction(r -> r.transactStatements(
                ParameterizedStatement.builder().statement("SELECT * FROM \"pq-tx\" WHERE Username = 'user01'").build()));
        assertThat(read.responses().get(0).item()).isEqualTo(Map.of("Username", s("user01")));
    }

    /** ReturnConsumedCapacity as the item operations count it: a statement costs what its operation would. */
    @Test
    void returnConsumedCapacity_countsEachStatementAsItsOperation() {
        createUsers("capacity-users");
        var insert = ddb.executeStatement(r -> r.statement("INSERT INTO \"capacity-users\" VALUE {'Username': 'a', 'age': 3}")
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertThat(insert.consumedCapacity().tableName()).isEqualTo("capacity-users");
        assertThat(insert.consumedCapacity().capacityUnits()).isEqualTo(1.0);

        var select = ddb.executeStatement(r -> r.statement("SELECT * FROM \"capacity-users\" WHERE Username = 'a'")
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertThat(select.consumedCapacity().capacityUnits()).isEqualTo(0.5); // eventually consistent, under 4 KB

        var batch = ddb.batchExecuteStatement(r -> r.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).statements(
                s -> s.statement("UPDATE \"capacity-users\" SET age = 4 WHERE Username = 'a'"),
                s -> s.statement("DELETE FROM \"capacity-users\" WHERE Username = 'b'")));
        assertThat(batch.consumedCapacity()).extracting(c -> c.tableName(), c -> c.capacityUnits())
                .containsExactly(tuple("capacity-users", 1.0), tuple("capacity-users", 1.0));

        var reads = ddb.batchExecuteStatement(r -> r.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).statements(
                s -> s.statement("SELECT * FROM \"capacity-users\" WHERE Username = 'a'"),
                s -> s.statement("SELECT * FROM \"capacity-users\" WHERE Username = 'a'").consistentRead(true)));
        assertThat(reads.consumedCapacity()).extracting(c -> c.capacityUnits())
                .containsExactly(0.5, 1.0); // each read as GetItem reads it, not as a transaction's

        var transaction = ddb.executeTransaction(r -> r.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .transactStatements(s -> s.statement("UPDATE \"capacity-users\" SET age = 5 WHERE Username = 'a'")));
        assertThat(transaction.consumedCapacity()).extracting(c -> c.tableName(), c -> c.capacityUnits())
                .containsExactly(tuple("capacity-users", 2.0)); // a transactional write counts twice

        assertThat(ddb.executeStatement(r -> r.statement("SELECT * FROM \"capacity-users\"")).consumedCapacity())
                .isNull();
    }

    @Test
    void refusals_inDynamoDbsWords() {
        createUsers("pq-errors");
        // recorded (test_dynamodb_execute_statement_empy_parameter)
        assertThatThrownBy(() -> ddb.executeStatement(r -> r.statement("SELECT * FROM \"pq-errors\" WHERE Username = ?")
                .parameters(List.of())))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("1 validation error detected: Value '[]' at 'parameters' failed to satisfy "
                                + "constraint: Member must have length greater than or equal to 1"));
        assertThatThrownBy(() -> execute("SELEC * FROM \"pq-errors\""))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .startsWith("Statement wasn't well formed, can't be processed"));
        assertThatThrownBy(() -> execute("SELECT * FROM \"pq-errors\" WHERE Username = ?"))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("Number of parameters in request and statement don't match."));
        assertThatThrownBy(() -> execute("DELETE FROM \"pq-errors\" WHERE Age = 3"))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("Where clause does not contain a mandatory equality on all key attributes"));
        assertThatThrownBy(() -> execute("SELECT * FROM \"pq-none\""))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("ResourceNotFoundException"));
    }
}
