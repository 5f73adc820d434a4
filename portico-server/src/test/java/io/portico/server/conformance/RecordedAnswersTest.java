package io.portico.server.conformance;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.core.json.Json;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The comparison {@link RecordedAnswers} makes: what it lets through and what it refuses. */
class RecordedAnswersTest {
    private static final String RECORDED = """
            {"TableArn": "arn:<partition>:dynamodb:<region>:111111111111:table/<table-name:1>",
             "TableName": "<table-name:1>", "ItemCount": 0, "CreationDateTime": "datetime",
             "Key": {"B": "b'\\\\x90'"}, "Other": "<table-name:2>"}""";

    private static JsonNode json(String text) throws IOException {
        return Json.mapper().readTree(text);
    }

    private static void compare(String actual) throws IOException {
        RecordedAnswers.dynamoDb("TestDynamoDB::test_table_crud").assertMatches("test", json(RECORDED), json(actual));
    }

    @Test
    void placeholdersAccountRegionDatesAndBinaries_match() {
        assertThatCode(() -> compare("""
                {"TableArn": "arn:aws:dynamodb:us-east-1:000000000000:table/t1", "TableName": "t1", "ItemCount": 0.0,
                 "CreationDateTime": 1.7E9, "Key": {"B": "kA=="}, "Other": "t2"}""")).doesNotThrowAnyException();
    }

    @Test
    void aValueBoundToAPlaceholder_mustRepeat_andAnotherPlaceholderMustDiffer() {
        assertThatThrownBy(() -> compare("""
                {"TableArn": "arn:aws:dynamodb:us-east-1:000000000000:table/t1", "TableName": "t9", "ItemCount": 0,
                 "CreationDateTime": 1, "Key": {"B": "kA=="}, "Other": "t2"}""")).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> compare("""
                {"TableArn": "arn:aws:dynamodb:us-east-1:000000000000:table/t1", "TableName": "t1", "ItemCount": 0,
                 "CreationDateTime": 1, "Key": {"B": "kA=="}, "Other": "t1"}""")).isInstanceOf(AssertionError.class);
    }

    @Test
    void aMissingOrExtraMember_orAnotherNumber_differs() {
        assertThatThrownBy(() -> compare("""
                {"TableArn": "arn:aws:dynamodb:us-east-1:000000000000:table/t1", "TableName": "t1", "ItemCount": 0,
                 "CreationDateTime": 1, "Key": {"B": "kA=="}}""")).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> compare("""
                {"TableArn": "arn:aws:dynamodb:us-east-1:000000000000:table/t1", "TableName": "t1", "ItemCount": 0,
                 "CreationDateTime": 1, "Key": {"B": "kA=="}, "Other": "t2", "Extra": true}""")).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> compare("""
                {"TableArn": "arn:aws:dynamodb:us-east-1:000000000000:table/t1", "TableName": "t1", "ItemCount": 1,
                 "CreationDateTime": 1, "Key": {"B": "kA=="}, "Other": "t2"}""")).isInstanceOf(AssertionError.class);
    }
}
