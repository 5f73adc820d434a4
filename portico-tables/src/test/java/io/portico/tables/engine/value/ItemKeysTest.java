package io.portico.tables.engine.value;

import static io.portico.tables.engine.value.TestValues.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ItemKeysTest {

    private static final KeySchema SCHEMA = KeySchema.of("pk", "S", "sk", "N");

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            // recorded against AWS for BatchWriteItem (test_dynamodb.snapshot.json)
            "{'pk':{'S':'a'}}|The provided key element does not match the schema",
            "{'pk':{'S':'a'},'sk':{'N':'1'},'x':{'S':'b'}}|The provided key element does not match the schema",
            "{'pk':{'S':'a'},'sk':{'S':'1'}}|The provided key element does not match the schema",
            "{'pk':{'S':'a'},'other':{'N':'1'}}|The provided key element does not match the schema",
            "{'pk':{'S':''},'sk':{'N':'1'}}|One or more parameter values are not valid. The AttributeValue for a key "
                    + "attribute cannot contain an empty string value. Key: pk"})
    void checkKey_refusesWithDynamoDbMessage(String key, String message) {
        assertThatThrownBy(() -> ItemKeys.checkKey(item(key), SCHEMA)).hasMessage(message);
    }

    @Test
    void checkKey_emptyKeyValueInEachCheckersWords() {
        // captured for UpdateItem's Key (a public conformance suite, 2026)
        KeySchema binary = KeySchema.of("pk", "B");
        assertThatThrownBy(() -> ItemKeys.checkKey(Map.of("pk", new AttributeValue.B(Bytes.of())), binary))
                .hasMessage("One or more parameter values are not valid. The AttributeValue for a key attribute cannot "
                        + "contain an empty binary value. Key: pk");
        // dynalite's wording, kept for the older checker
        assertThatThrownBy(() -> ItemKeys.checkKey(Map.of("pk", new AttributeValue.B(Bytes.of())), binary, Wording.OLDER))
                .hasMessage("One or more parameter values were invalid: The AttributeValue for a key attribute cannot "
                        + "contain an empty binary value. Key: pk");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "{'sk':{'N':'1'}}|One or more parameter values were invalid: Missing the key pk in the item",
            "{'pk':{'N':'1'},'sk':{'N':'1'}}|One or more parameter values were invalid: Type mismatch for key pk "
                    + "expected: S actual: N",
            "{'pk':{'S':''},'sk':{'N':'1'}}|One or more parameter values are not valid. The AttributeValue for a key "
                    + "attribute cannot contain an empty string value. Key: pk"})
    void checkItem_refusesWithDynamoDbMessage(String document, String message) {
        assertThatThrownBy(() -> ItemKeys.checkItem(item(document), SCHEMA)).hasMessage(message);
    }

    @Test
    void checkItem_keySizeLimits() {
        ItemKeys.checkItem(Map.of("pk", new AttributeValue.S("p".repeat(2048)), "sk", AttributeValue.n(1)), SCHEMA);
        assertThatThrownBy(() -> ItemKeys.checkItem(
                Map.of("pk", new AttributeValue.S("p".repeat(2049)), "sk", AttributeValue.n(1)), SCHEMA))
                .hasMessage("One or more parameter values were invalid: Size of hashkey has exceeded the maximum size "
                        + "limit of2048 bytes");
        KeySchema binarySort = KeySchema.of("pk", "S", "sk", "B");
        ItemKeys.checkKey(Map.of("pk", new AttributeValue.S("p"), "sk", new AttributeValue.B(Bytes.of(new byte[1024]))),
                binarySort);
        assertThatThrownBy(() -> ItemKeys.checkKey(
                Map.of("pk", new AttributeValue.S("p"), "sk", new AttributeValue.B(Bytes.of(new byte[1025]))), binarySort))
                .hasMessage("One or more parameter values were invalid: Aggregated size of all range keys has exceeded "
                        + "the size limit of 1024 bytes");
    }

    @Test
    void keyOf_takesTheKeyAttributesInSchemaOrder() {
        var key = ItemKeys.keyOf(item("{'x':{'S':'1'},'sk':{'N':'2'},'pk':{'S':'a'}}"), SCHEMA);
        assertThat(List.copyOf(key.keySet())).containsExactly("pk", "sk");
        assertThat(SCHEMA.names()).containsExactly("pk", "sk");
    }
}
