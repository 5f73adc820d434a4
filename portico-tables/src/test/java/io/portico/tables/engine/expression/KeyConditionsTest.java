package io.portico.tables.engine.expression;

import static io.portico.tables.engine.expression.Fixtures.attributes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.tables.engine.value.AttributeValue;
import io.portico.tables.engine.value.KeyEncoding;
import io.portico.tables.engine.value.KeySchema;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyConditionsTest {

    private static final KeySchema HASH_ONLY = KeySchema.of("pk", "S");
    private static final KeySchema COMPOSITE = KeySchema.of("pk", "S", "sk", "N");
    private static final KeySchema STRING_SORT = KeySchema.of("pk", "S", "sk", "S");

    private static KeyQuery analyse(String expression, KeySchema schema) {
        return KeyConditions.analyse(Expressions.keyCondition(expression, attributes()), schema);
    }

    @Test
    void analyse_partitionOnly() {
        KeyQuery query = analyse("pk = :s", COMPOSITE);
        assertThat(query.partition()).isEqualTo(new AttributeValue.S("x"));
        assertThat(query.sort()).isEqualTo(new KeyQuery.Any());
        assertThat(query.sortName()).contains("sk");
        assertThat(analyse(":s = pk", HASH_ONLY).partition()).isEqualTo(new AttributeValue.S("x"));
    }

    @Test
    void analyse_sortConditionsGiveEncodedBounds() {
        byte[] one = KeyEncoding.encode(AttributeValue.n(1));
        byte[] five = KeyEncoding.encode(AttributeValue.n(5));
        KeyQuery.SortCondition less = analyse("pk = :s AND sk < :n", COMPOSITE).sort();
        assertThat(less.lower()).isEmpty();
        assertThat(less.upper()).contains(new KeyQuery.Bound(one, false));
        KeyQuery.SortCondition mirrored = analyse(":n <= sk AND pk = :s", COMPOSITE).sort();
        assertThat(mirrored).isEqualTo(new KeyQuery.Compared(Comparator.GE, AttributeValue.n(1)));
        assertThat(mirrored.lower()).contains(new KeyQuery.Bound(one, true));
        KeyQuery.SortCondition between = analyse("pk = :s AND sk BETWEEN :n AND :n5", COMPOSITE).sort();
        assertThat(between.lower()).contains(new KeyQuery.Bound(one, true));
        assertThat(between.upper()).contains(new KeyQuery.Bound(five, true));
        assertThat(between.matches(AttributeValue.n(3))).isTrue();
        assertThat(between.matches(AttributeValue.n(6))).isFalse();
    }

    @Test
    void analyse_beginsWithScansUpToThePrefixSuccessor() {
        KeyQuery.SortCondition begins = analyse("pk = :s AND begins_with(sk, :pre)", STRING_SORT).sort();
        assertThat(begins.lower()).contains(new KeyQuery.Bound("ab".getBytes(StandardCharsets.UTF_8), true));
        assertThat(begins.upper()).contains(new KeyQuery.Bound("ac".getBytes(StandardCharsets.UTF_8), false));
        assertThat(begins.matches(new AttributeValue.S("abz"))).isTrue();
        assertThat(begins.matches(new AttributeValue.S("b"))).isFalse();
        assertThat(new KeyQuery.BeginsWith(AttributeValue.b((byte) 1, (byte) 0xFF)).upper())
                .contains(new KeyQuery.Bound(new byte[] {2}, false));
        assertThat(new KeyQuery.BeginsWith(AttributeValue.b((byte) 0xFF)).upper()).isEqualTo(Optional.empty());
    }

    /** Shape errors: dynalite's wording, with the expression prefix AWS gives the one of them captured. */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "pk = :s OR sk = :n|Invalid operator used in KeyConditionExpression: OR",
            "NOT pk = :s|Invalid operator used in KeyConditionExpression: NOT",
            "pk IN (:s)|Invalid operator used in KeyConditionExpression: IN",
            "pk <> :s|Invalid operator used in KeyConditionExpression: <>",
            "attribute_exists(pk)|Invalid operator used in KeyConditionExpression: attribute_exists",
            "contains(pk, :s)|Invalid operator used in KeyConditionExpression: contains",
            "size(pk) = :n|KeyConditionExpressions cannot contain nested operations",
            "pk = :s AND :n BETWEEN sk AND :n5|Invalid condition in KeyConditionExpression: BETWEEN operator must have "
                    + "the key attribute as its first operand",
            "pk = :s AND begins_with(:s, sk)|Invalid condition in KeyConditionExpression: begins_with operator must "
                    + "have the key attribute as its first operand",
            "pk = sk|Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition",
            "pk.x = :s|KeyConditionExpressions cannot have conditions on nested attributes",
            ":s = :t|Invalid condition in KeyConditionExpression: No key attribute specified",
            "pk = :s AND pk = :t|KeyConditionExpressions must only contain one condition per key"})
    void analyse_refusesTheShapeWithDynamoDbMessage(String expression, String problem) {
        assertThatThrownBy(() -> analyse(expression, COMPOSITE)).hasMessage("Invalid KeyConditionExpression: " + problem);
    }

    /** Measured against AWS (a public conformance suite, eu-west-2, 2026-10), messages verbatim. */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "pk = :s AND begins_with(sk, :n)|Invalid KeyConditionExpression: Incorrect operand type for operator or "
                    + "function; operator or function: begins_with, operand type: N",
            "pk = :s AND begins_with(sk, :bool)|Invalid KeyConditionExpression: Incorrect operand type for operator or "
                    + "function; operator or function: begins_with, operand type: BOOL",
            "pk = :s AND sk < :bool|Invalid KeyConditionExpression: Incorrect operand type for operator or function; "
                    + "operator or function: <, operand type: BOOL",
            "pk = :s AND :bool >= sk|Invalid KeyConditionExpression: Incorrect operand type for operator or function; "
                    + "operator or function: >=, operand type: BOOL",
            "pk = :s AND sk BETWEEN :bool AND :bool|Invalid KeyConditionExpression: Incorrect operand type for operator "
                    + "or function; operator or function: BETWEEN, operand type: BOOL",
            "pk = :s AND sk = :bool|One or more parameter values were invalid: Condition parameter type does not match "
                    + "schema type",
            "pk = :s AND sk > :n AND sk < :n5|Invalid KeyConditionExpression: KeyConditionExpressions must only contain "
                    + "one condition per key",
            "pk = :s AND sk > :n AND extra = :n5|The number of query conditions (3) exceeds the number of key "
                    + "attributes defined in the schema (2)"})
    void analyse_refusesAsMeasuredAgainstAws(String expression, String message) {
        assertThatThrownBy(() -> analyse(expression, COMPOSITE)).hasMessage(message);
    }

    /** A number sort key: begins_with with a string fails the schema check (measured), with a number the parser. */
    @Test
    void analyse_beginsWithOnANumberSortKey() {
        assertThatThrownBy(() -> analyse("pk = :s AND begins_with(sk, :s)", COMPOSITE))
                .hasMessage("One or more parameter values were invalid: Condition parameter type does not match schema type");
    }

    /** Against the schema: dynalite's wording. */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "sk = :n|Query condition missed key schema element: pk",
            "pk = :s AND x = :n|Query condition missed key schema element: sk",
            "pk > :s|Query key condition not supported",
            "begins_with(pk, :s)|Query key condition not supported",
            "pk = :n|One or more parameter values were invalid: Condition parameter type does not match schema type",
            "pk = :s AND sk = :s|One or more parameter values were invalid: Condition parameter type does not match "
                    + "schema type"})
    void analyse_refusesAgainstTheSchemaWithDynamoDbMessage(String expression, String message) {
        assertThatThrownBy(() -> analyse(expression, COMPOSITE)).hasMessage(message);
    }

    /** Measured against AWS (a public conformance suite, eu-west-2, 2026-10): the first problem as written wins. */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "pk = :missing AND begins_with(sk, :n)|An expression attribute value used in expression is not defined; "
                    + "attribute value: :missing",
            "begins_with(sk, :n) AND pk = :missing|Incorrect operand type for operator or function; operator or "
                    + "function: begins_with, operand type: N",
            "pk = :s AND begins_with(sk, :n) AND sk = :missing|Incorrect operand type for operator or function; "
                    + "operator or function: begins_with, operand type: N",
            "pk = :s AND begins_with(sk, :n) AND sk > :s|Incorrect operand type for operator or function; operator "
                    + "or function: begins_with, operand type: N"})
    void parse_reportsTheFirstProblemAsWritten(String expression, String problem) {
        assertThatThrownBy(() -> analyse(expression, COMPOSITE))
                .hasMessage("Invalid KeyConditionExpression: " + problem);
    }

    @Test
    void analyse_hashOnlyTableTakesOneCondition() {
        assertThatThrownBy(() -> analyse("pk = :s AND sk = :n", HASH_ONLY)).hasMessage(
                "The number of query conditions (2) exceeds the number of key attributes defined in the schema (1)");
    }
}
