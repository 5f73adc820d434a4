package io.portico.tables.engine.expression;

import static io.portico.tables.engine.value.TestValues.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.tables.engine.value.Wording;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpressionAttributesTest {

    @Test
    void build_refusesEmptyMapsBadKeysAndBadValues() {
        assertThatThrownBy(() -> ExpressionAttributes.builder().names(Map.of()).build())
                .hasMessage("ExpressionAttributeNames must not be empty");
        assertThatThrownBy(() -> ExpressionAttributes.builder().valueDocuments(json("{}")).build())
                .hasMessage("ExpressionAttributeValues must not be empty");
        assertThatThrownBy(() -> ExpressionAttributes.builder().names(Map.of("n", "x")).build())
                .hasMessage("ExpressionAttributeNames contains invalid key: Syntax error; key: \"n\"");
        assertThatThrownBy(() -> ExpressionAttributes.builder().valueDocuments(json("{':a-b':{'S':'x'}}")).build())
                .hasMessage("ExpressionAttributeValues contains invalid key: Syntax error; key: \":a-b\"");
        // the current checker (Query, PutItem, ...) reports a bad value bare, the older one (Scan, transactions)
        // inside a wrapper naming the key, as captured in four regions by a public conformance suite
        assertThatThrownBy(() -> ExpressionAttributes.builder().valueDocuments(json("{':v':{'SS':['b','a','b']}}"))
                .build())
                .hasMessage("One or more parameter values were invalid: Input collection [\"a\", \"b\", \"b\"] "
                        + "contains duplicates.");
        assertThatThrownBy(() -> ExpressionAttributes.builder().wording(Wording.OLDER)
                .valueDocuments(json("{':t':{'SS':['b','a','b']}}")).build())
                .hasMessage("ExpressionAttributeValues contains invalid value: One or more parameter values were "
                        + "invalid: Input collection [b, a, b] contains duplicates. for key :t");
        assertThatThrownBy(() -> ExpressionAttributes.builder().wording(Wording.OLDER)
                .valueDocuments(json("{':v':{}}")).build())
                .hasMessage("ExpressionAttributeValues contains invalid value: Supplied AttributeValue is empty, must "
                        + "contain exactly one of the supported datatypes for key :v");
    }

    @Test
    void requireAllUsed_namesUnusedNamesFirstThenValues() {
        Map<String, String> names = new LinkedHashMap<>();
        names.put("#a", "a");
        names.put("#b", "b");
        names.put("#c", "c");
        ExpressionAttributes attributes = ExpressionAttributes.builder().names(names)
                .valueDocuments(json("{':x':{'S':'x'},':y':{'S':'y'}}")).build();
        Expressions.condition("#b = :x", attributes);
        assertThatThrownBy(attributes::requireAllUsed)
                .hasMessage("Value provided in ExpressionAttributeNames unused in expressions: keys: {#a, #c}");
        Expressions.projection("#a, #c", attributes);
        assertThatThrownBy(attributes::requireAllUsed)
                .hasMessage("Value provided in ExpressionAttributeValues unused in expressions: keys: {:y}");
        Expressions.filter("a = :y", attributes);
        attributes.requireAllUsed();
    }

    @Test
    void requestExpressions_parsesInDynamoDbOrderAndChecksUse() {
        ExpressionAttributes attributes = ExpressionAttributes.builder()
                .valueDocuments(json("{':x':{'S':'x'},':unused':{'S':'y'}}")).build();
        // the update is parsed first, so its error wins over the condition's
        assertThatThrownBy(() -> RequestExpressions.builder(attributes).condition("a =").update("SET").parse())
                .hasMessageStartingWith("Invalid UpdateExpression:");
        assertThatThrownBy(() -> RequestExpressions.builder(attributes).condition("a = :x").parse())
                .hasMessage("Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}");
        RequestExpressions parsed = RequestExpressions.builder(ExpressionAttributes.builder()
                .valueDocuments(json("{':x':{'S':'x'}}")).build()).update("SET a = :x").projection("a").parse();
        assertThat(parsed.update()).isPresent();
        assertThat(parsed.projection()).isPresent();
        assertThat(parsed.condition()).isEmpty();
    }
}
