package io.portico.tables.engine.expression;

import static io.portico.tables.engine.expression.Fixtures.attributes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.tables.engine.TablesException;
import io.portico.tables.engine.value.AttributeValue;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionParserTest {

    private static final Operand A = new Operand.PathOf(Path.attribute("a"));
    private static final Operand S = new Operand.Literal(new AttributeValue.S("x"));

    @Test
    void parse_notBindsTighterThanAndTighterThanOr() {
        Condition parsed = Expressions.condition("a = :s OR b < :s AND NOT c >= :s", attributes());
        assertThat(parsed).isEqualTo(new Condition.Or(
                new Condition.Compare(Comparator.EQ, A, S),
                new Condition.And(
                        new Condition.Compare(Comparator.LT, new Operand.PathOf(Path.attribute("b")), S),
                        new Condition.Not(new Condition.Compare(Comparator.GE,
                                new Operand.PathOf(Path.attribute("c")), S)))));
    }

    @Test
    void parse_parenthesesGroup() {
        Condition parsed = Expressions.condition("(a = :s OR b = :s) and c = :s", attributes());
        assertThat(parsed).isInstanceOf(Condition.And.class);
        assertThat(((Condition.And) parsed).left()).isInstanceOf(Condition.Or.class);
    }

    @Test
    void parse_substitutesNamesAndReadsNestedPaths() {
        Condition parsed = Expressions.condition("#n.k[2].#a = :s", attributes());
        Path path = new Path(List.of(new Path.Key("name"), new Path.Key("k"), new Path.Index(2), new Path.Key("a")));
        assertThat(parsed).isEqualTo(new Condition.Compare(Comparator.EQ, new Operand.PathOf(path), S));
    }

    @Test
    void parse_everyFunctionAndOperator() {
        ExpressionAttributes attributes = attributes();
        assertThat(Expressions.condition("attribute_exists(a)", attributes))
                .isEqualTo(new Condition.AttributeExists(Path.attribute("a")));
        assertThat(Expressions.condition("attribute_not_exists(a)", attributes))
                .isEqualTo(new Condition.AttributeNotExists(Path.attribute("a")));
        assertThat(Expressions.condition("attribute_type(a, :typeS)", attributes))
                .isEqualTo(new Condition.AttributeType(Path.attribute("a"), "S"));
        assertThat(Expressions.condition("begins_with(a, :s)", attributes)).isEqualTo(new Condition.BeginsWith(A, S));
        assertThat(Expressions.condition("contains(a, :s)", attributes)).isEqualTo(new Condition.Contains(A, S));
        assertThat(Expressions.condition("size(a) > :n", attributes)).isEqualTo(new Condition.Compare(Comparator.GT,
                new Operand.Size(A), new Operand.Literal(AttributeValue.n(1))));
        assertThat(Expressions.condition("a between :s and :t", attributes)).isEqualTo(
                new Condition.Between(A, S, new Operand.Literal(new AttributeValue.S("y"))));
        assertThat(Expressions.condition("a IN (:s, :t)", attributes)).isEqualTo(
                new Condition.In(A, List.of(S, new Operand.Literal(new AttributeValue.S("y")))));
        assertThat(Expressions.condition("a <> :s", attributes)).isEqualTo(new Condition.Compare(Comparator.NE, A, S));
        assertThat(Expressions.condition("a<=:s", attributes)).isEqualTo(new Condition.Compare(Comparator.LE, A, S));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            // syntax errors: the token the grammar cannot take and the text from the token before to the one after
            "a =|Syntax error; token: \"<EOF>\", near: \"=\"",
            "a = :s AND|Syntax error; token: \"<EOF>\", near: \"AND\"",
            "a : s|Syntax error; token: \":\", near: \"a : s\"",
            "a = :s b|Syntax error; token: \"b\", near: \":s b\"",
            "a = :s)|Syntax error; token: \")\", near: \":s)\"",
            "= :s|Syntax error; token: \"=\", near: \"= :s\"",
            "a|Syntax error; token: \"<EOF>\", near: \"a\"",
            "a = :s AND (b = :s|Syntax error; token: \"<EOF>\", near: \":s\"",
            "a[x] = :s|Syntax error; token: \"x\", near: \"[x]\"",
            "a = :s @ b|Syntax error; token: \"@\", near: \":s @ b\"",
            "a IN ()|Syntax error; token: \")\", near: \"()\"",
            // an empty expression
            "''|The expression can not be empty;",
            "'   '|The expression can not be empty;",
            // semantic problems
            "foo(a)|Invalid function name; function: foo",
            "a = :nope|An expression attribute value used in expression is not defined; attribute value: :nope",
            "#nope = :s|An expression attribute name used in the document path is not defined; attribute name: #nope",
            "name = :s|Attribute name is a reserved keyword; reserved keyword: name",
            "a.size = :s|Attribute name is a reserved keyword; reserved keyword: size",
            "attribute_exists(a, b)|Incorrect number of operands for operator or function; operator or function: "
                    + "attribute_exists, number of operands: 2",
            "a = a|The first operand must be distinct from the remaining operands for this operator or function; "
                    + "operator: =, first operand: [a]",
            "begins_with(a.b, a.b)|The first operand must be distinct from the remaining operands for this operator "
                    + "or function; operator: begins_with, first operand: [a, b]",
            "attribute_exists(:s)|Operator or function requires a document path; operator or function: "
                    + "attribute_exists",
            "begins_with(a, :n)|Incorrect operand type for operator or function; operator or function: begins_with, "
                    + "operand type: N",
            "attribute_type(a, :n)|Incorrect operand type for operator or function; operator or function: "
                    + "attribute_type, operand type: N",
            "attribute_type(a, :s)|Invalid attribute type name found; type: x, valid types: "
                    + "{B,NULL,SS,BOOL,L,BS,N,NS,S,M}",
            "size(:n) = :n|Incorrect operand type for operator or function; operator or function: size, "
                    + "operand type: N",
            "a BETWEEN :n AND :s|The BETWEEN operator requires same data type for lower and upper bounds; lower "
                    + "bound operand: AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:x}",
            "a BETWEEN :n5 AND :n|The BETWEEN operator requires upper bound to be greater than or equal to lower "
                    + "bound; lower bound operand: AttributeValue: {N:5}, upper bound operand: AttributeValue: {N:1}",
            "((a = :s))|The expression has redundant parentheses;",
            // the next two as captured for PutItem (a public conformance suite, 2026), with #a for their #a: data
            "((attribute_not_exists(a)))|The expression has redundant parentheses;",
            "contains(#a, #a)|The first operand must be distinct from the remaining operands for this operator or "
                    + "function; operator: contains, first operand: [a]",
            "size(a)|The function is not allowed to be used this way in an expression; function: size",
            "attribute_exists(a) = :s|The function is not allowed to be used this way in an expression; function: "
                    + "attribute_exists",
            // one problem is reported, chosen by kind: reserved words before undefined placeholders, ...
            "name = :nope|Attribute name is a reserved keyword; reserved keyword: name",
            "foo(name)|Invalid function name; function: foo",
            "a = :nope AND b = b|An expression attribute value used in expression is not defined; attribute value: "
                    + ":nope",
            "b = b AND ((a = :s))|The expression has redundant parentheses;"})
    void parse_refusesWithDynamoDbMessage(String expression, String problem) {
        assertThatThrownBy(() -> Expressions.condition(expression, attributes()))
                .isInstanceOfSatisfying(TablesException.class,
                        e -> assertThat(e.kind()).isEqualTo(TablesException.Kind.INVALID_REQUEST))
                .hasMessage("Invalid ConditionExpression: " + problem);
    }

    @Test
    void parse_parenthesesMayEncloseATerm() {
        ExpressionAttributes attributes = attributes();
        assertThat(Expressions.condition("(a) = :s", attributes)).isEqualTo(new Condition.Compare(Comparator.EQ, A, S));
        assertThat(Expressions.condition("((size(a)) < :n AND a = :s)", attributes)).isEqualTo(new Condition.And(
                new Condition.Compare(Comparator.LT, new Operand.Size(A), new Operand.Literal(AttributeValue.n(1))),
                new Condition.Compare(Comparator.EQ, A, S)));
        assertThatThrownBy(() -> Expressions.condition("((a)) = :s", attributes))
                .hasMessage("Invalid ConditionExpression: The expression has redundant parentheses;");
    }

    @Test
    void parse_inTakesAtMost100Values() {
        String hundred = "a IN (" + String.join(", ", java.util.Collections.nCopies(100, ":s")) + ")";
        assertThat(Expressions.filter(hundred, attributes())).isInstanceOf(Condition.In.class);
        assertThatThrownBy(() -> Expressions.filter("a IN (:s, " + hundred.substring(6), attributes()))
                .hasMessage("Invalid FilterExpression: The IN operator is provided with too many operands; "
                        + "number of operands: 101");
    }

    @Test
    void parse_refusesMoreThan300Operators() {
        String atLimit = "NOT a = :s" + " OR a = :s".repeat(149);        // 150 comparisons, 149 ORs, a NOT: 300
        assertThat(Expressions.filter(atLimit, attributes())).isInstanceOf(Condition.Or.class);
        assertThatThrownBy(() -> Expressions.filter(atLimit + " OR a = :s", attributes()))
                .hasMessage("Invalid FilterExpression: The expression contains too many operators; operator count: 302");
    }

    @Test
    void parse_namesTheMemberTheExpressionCameFrom() {
        assertThatThrownBy(() -> Expressions.filter("a =", attributes()))
                .hasMessage("Invalid FilterExpression: Syntax error; token: \"<EOF>\", near: \"=\"");
        assertThatThrownBy(() -> Expressions.keyCondition("", attributes()))
                .hasMessage("Invalid KeyConditionExpression: The expression can not be empty;");
    }

    @Test
    void parse_recordedUserReport_eofAfterValue() {
        // a KeyConditionExpression cut short after its value, as reported from DynamoDB in a public issue
        assertThatThrownBy(() -> Expressions.keyCondition("pk = :s AND :s", attributes()))
                .hasMessage("Invalid KeyConditionExpression: Syntax error; token: \"<EOF>\", near: \":s\"");
    }
}
