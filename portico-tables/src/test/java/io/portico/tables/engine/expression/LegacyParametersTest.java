package io.portico.tables.engine.expression;

import static io.portico.tables.engine.value.TestValues.item;
import static io.portico.tables.engine.value.TestValues.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.tables.engine.value.AttributeValue;
import io.portico.tables.engine.value.Wording;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LegacyParametersTest {

    private static final Map<String, AttributeValue> ITEM = item("{'a':{'S':'abc'},'n':{'N':'3'},'ss':{'SS':['x']}}");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{'a':{'ComparisonOperator':'EQ','AttributeValueList':[{'S':'abc'}]}}|true",
            "{'a':{'ComparisonOperator':'NE','AttributeValueList':[{'S':'abc'}]}}|false",
            "{'n':{'ComparisonOperator':'GT','AttributeValueList':[{'N':'2'}]}}|true",
            "{'n':{'ComparisonOperator':'BETWEEN','AttributeValueList':[{'N':'1'},{'N':'2'}]}}|false",
            "{'a':{'ComparisonOperator':'BEGINS_WITH','AttributeValueList':[{'S':'ab'}]}}|true",
            "{'ss':{'ComparisonOperator':'CONTAINS','AttributeValueList':[{'S':'x'}]}}|true",
            "{'zz':{'ComparisonOperator':'NOT_CONTAINS','AttributeValueList':[{'S':'x'}]}}|true",
            "{'zz':{'ComparisonOperator':'NULL'}}|true",
            "{'a':{'ComparisonOperator':'NOT_NULL'}}|true",
            "{'n':{'ComparisonOperator':'IN','AttributeValueList':[{'N':'1'},{'N':'3'}]}}|true",
            "{'a':{'ComparisonOperator':'NULL'},'n':{'ComparisonOperator':'NOT_NULL'}}|false"})
    void conditions_meanWhatTheirExpressionsMean(String conditions, boolean expected) {
        Condition condition = LegacyParameters.conditions(json(conditions), "AND");
        assertThat(ConditionEvaluator.matches(condition, ITEM)).isEqualTo(expected);
    }

    @Test
    void conditions_orJoinsWithOr() {
        Condition condition = LegacyParameters.conditions(
                json("{'a':{'ComparisonOperator':'NULL'},'n':{'ComparisonOperator':'NOT_NULL'}}"), "OR");
        assertThat(ConditionEvaluator.matches(condition, ITEM)).isTrue();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "{'a':{'ComparisonOperator':'EQ'}}|One or more parameter values were invalid: Invalid number of "
                    + "argument(s) for the EQ ComparisonOperator",
            "{'a':{'ComparisonOperator':'NULL','AttributeValueList':[{'S':'x'}]}}|One or more parameter values were "
                    + "invalid: Invalid number of argument(s) for the NULL ComparisonOperator",
            "{'a':{'ComparisonOperator':'IN','AttributeValueList':[{'S':'x'},{'N':'1'}]}}|One or more parameter "
                    + "values were invalid: AttributeValues inside AttributeValueList must be of same type",
            "{'a':{'ComparisonOperator':'LT','AttributeValueList':[{'BOOL':true}]}}|One or more parameter values "
                    + "were invalid: ComparisonOperator LT is not valid for BOOL AttributeValue type",
            "{'a':{'ComparisonOperator':'BETWEEN','AttributeValueList':[{'N':'5'},{'N':'1'}]}}|The BETWEEN "
                    + "condition was provided a range where the lower bound is greater than the upper bound"})
    void conditions_refuseWithDynamoDbMessage(String conditions, String message) {
        assertThatThrownBy(() -> LegacyParameters.conditions(json(conditions), "AND")).hasMessage(message);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{'a':{'Value':{'S':'abc'}}}|true",
            "{'a':{'Value':{'S':'abc'},'Exists':true}}|true",
            "{'zz':{'Exists':false}}|true",
            "{'a':{'Exists':false}}|false",
            "{'n':{'ComparisonOperator':'LE','Value':{'N':'3'}}}|true"})
    void expected_meansWhatItsExpressionMeans(String expected, boolean matches) {
        assertThat(ConditionEvaluator.matches(LegacyParameters.expected(json(expected), "AND"), ITEM))
                .isEqualTo(matches);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "{'a':{'Value':{'S':'x'},'AttributeValueList':[{'S':'x'}]}}|Value and AttributeValueList cannot be used "
                    + "together for Attribute: a",
            "{'a':{'ComparisonOperator':'EQ','Exists':true}}|Exists and ComparisonOperator cannot be used together "
                    + "for Attribute: a",
            "{'a':{'ComparisonOperator':'EQ'}}|Value or AttributeValueList must be used with ComparisonOperator: EQ "
                    + "for Attribute: a",
            "{'a':{'AttributeValueList':[{'S':'x'}]}}|AttributeValueList can only be used with a ComparisonOperator "
                    + "for Attribute: a",
            "{'a':{}}|Value must be provided when Exists is null for Attribute: a",
            // captured for PutItem (a public conformance suite, 2026), as is the ComparisonOperator EQ row above
            "{'a':{'Exists':true}}|Value must be provided when Exists is true for Attribute: a",
            "{'a':{'Exists':false,'Value':{'S':'x'}}}|Value cannot be used when Exists is false for Attribute: a"})
    void expected_refusesWithDynamoDbMessage(String expected, String problem) {
        assertThatThrownBy(() -> LegacyParameters.expected(json(expected), "AND"))
                .hasMessage("One or more parameter values were invalid: " + problem);
    }

    @Test
    void attributeUpdates_applyAsUpdates() {
        Update update = LegacyParameters.attributeUpdates(json("{'a':{'Action':'PUT','Value':{'S':'new'}},"
                + "'n':{'Action':'ADD','Value':{'N':'2'}},'ss':{'Action':'DELETE','Value':{'SS':['x']}},"
                + "'l':{'Action':'ADD','Value':{'L':[{'S':'e'}]}},'gone':{'Action':'DELETE'},'p':{'Value':{'N':'1'}}}"));
        Map<String, AttributeValue> before = item("{'a':{'S':'abc'},'n':{'N':'3'},'ss':{'SS':['x']},"
                + "'l':{'L':[{'S':'d'}]},'gone':{'S':'x'}}");
        assertThat(UpdateApplier.apply(update, before).item()).isEqualTo(item(
                "{'a':{'S':'new'},'n':{'N':'5'},'l':{'L':[{'S':'d'},{'S':'e'}]},'p':{'N':'1'}}"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "{'a':{'Action':'PUT'}}|Only DELETE action is allowed when no attribute value is specified",
            "{'a':{'Action':'DELETE','Value':{'S':'x'}}}|DELETE action with value is not supported for the type S",
            "{'a':{'Action':'ADD','Value':{'S':'x'}}}|ADD action is not supported for the type S"})
    void attributeUpdates_refuseWithDynamoDbMessage(String updates, String problem) {
        assertThatThrownBy(() -> LegacyParameters.attributeUpdates(json(updates)))
                .hasMessage("One or more parameter values were invalid: " + problem);
    }

    @Test
    void attributesToGet_isAProjectionWithoutDuplicates() {
        assertThat(Projector.project(ITEM, LegacyParameters.attributesToGet(List.of("a", "zz"))))
                .isEqualTo(item("{'a':{'S':'abc'}}"));
        assertThatThrownBy(() -> LegacyParameters.attributesToGet(List.of("a", "a")))
                .hasMessage("One or more parameter values were invalid: Duplicate value in attribute name: a");
    }

    @Test
    void requireOneStyle_refusesMixedRequests() {
        assertThatThrownBy(() -> LegacyParameters.requireOneStyle(Set.of("AttributesToGet", "ProjectionExpression"),
                List.of("ProjectionExpression"), List.of("AttributesToGet")))
                .hasMessage("Can not use both expression and non-expression parameters in the same request: "
                        + "Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}");
        assertThatThrownBy(() -> LegacyParameters.requireOneStyle(Set.of("ExpressionAttributeNames"),
                List.of("ProjectionExpression"), List.of("AttributesToGet")))
                .hasMessage("ExpressionAttributeNames can only be specified when using expressions");
        // captured for PutItem (a public conformance suite, 2026): no list of null expressions
        assertThatThrownBy(() -> LegacyParameters.requireOneStyle(Set.of("ExpressionAttributeValues"),
                List.of("ConditionExpression"), List.of("Expected")))
                .hasMessage("ExpressionAttributeValues can only be specified when using expressions");
        // dynalite's wording, kept for the older checker
        assertThatThrownBy(() -> LegacyParameters.requireOneStyle(Set.of("ExpressionAttributeValues"),
                List.of("UpdateExpression", "ConditionExpression"), List.of("AttributeUpdates", "Expected"),
                Wording.OLDER))
                .hasMessage("ExpressionAttributeValues can only be specified when using expressions: "
                        + "UpdateExpression and ConditionExpression are null");
        // a query may keep KeyConditions beside a FilterExpression
        LegacyParameters.requireOneStyle(Set.of("KeyConditions", "FilterExpression"),
                List.of("ProjectionExpression", "FilterExpression", "KeyConditionExpression"),
                List.of("AttributesToGet", "QueryFilter", "ConditionalOperator", "KeyConditions"));
    }
}
