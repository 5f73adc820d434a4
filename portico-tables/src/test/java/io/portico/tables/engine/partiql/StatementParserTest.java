package io.portico.tables.engine.partiql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.tables.engine.TablesException;
import io.portico.tables.engine.expression.Comparator;
import io.portico.tables.engine.expression.Condition;
import io.portico.tables.engine.expression.ConditionEvaluator;
import io.portico.tables.engine.expression.Operand;
import io.portico.tables.engine.expression.Path;
import io.portico.tables.engine.expression.UpdateAction;
import io.portico.tables.engine.value.AttributeValue;
import io.portico.tables.engine.value.DynamoNumber;
import io.portico.tables.engine.value.KeySchema;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** DynamoDB's PartiQL subset parsed into the expression engine's records, and its refusals. */
class StatementParserTest {
    private static final AttributeValue.S A = new AttributeValue.S("a");

    @Test
    void select_withQuotedNamesNestedPathsAndAnIndex() {
        Statement statement = StatementParser.parse(
                "SELECT \"Info\".\"City\", tags[1] FROM \"my-table\".\"by-city\" WHERE \"id\" = 'a' AND n > 3", List.of());

        assertThat(statement).isEqualTo(new Statement.Select("my-table", Optional.of("by-city"), List.of(
                new Path(List.of(new Path.Key("Info"), new Path.Key("City"))),
                new Path(List.of(new Path.Key("tags"), new Path.Index(1)))),
                Optional.of(new Condition.And(
                        new Condition.Compare(Comparator.EQ, new Operand.PathOf(Path.attribute("id")), new Operand.Literal(A)),
                        new Condition.Compare(Comparator.GT, new Operand.PathOf(Path.attribute("n")),
                                new Operand.Literal(AttributeValue.N.of("3")))))));
    }

    @Test
    void insert_literals_tuplesListsSetsAndParameters() {
        Statement statement = StatementParser.parse("INSERT INTO t VALUE {'id': ?, 'ok': TRUE, 'none': NULL, "
                + "'list': [1, 'x'], 'set': <<'p', 'q'>>, 'nums': <<1, -2>>, 'map': {'it''s': 'x'}}", List.of(A));

        assertThat(statement).isEqualTo(new Statement.Insert("t", Map.of("id", A, "ok", AttributeValue.BOOL.TRUE,
                "none", AttributeValue.NULL.INSTANCE,
                "list", new AttributeValue.L(List.of(AttributeValue.N.of("1"), new AttributeValue.S("x"))),
                "set", new AttributeValue.SS(Set.of("p", "q")),
                "nums", new AttributeValue.NS(Set.of(DynamoNumber.parse("1"), DynamoNumber.parse("-2"))),
                "map", new AttributeValue.M(Map.of("it's", new AttributeValue.S("x"))))));
    }

    @Test
    void update_setAndRemove_andItsWhereSplitsIntoKeyAndCondition() {
        Statement.Update update = (Statement.Update) StatementParser.parse(
                "UPDATE t SET n = n + 1, s = 'x' REMOVE old WHERE id = 'a' AND n < 10", List.of());

        assertThat(update.actions()).hasSize(3).element(2).isEqualTo(new UpdateAction.Remove(Path.attribute("old")));
        Statements.KeySplit split = Statements.KeySplit.full(update.where(), KeySchema.of("id", "S"));
        assertThat(split.key()).isEqualTo(Map.of("id", A));
        assertThat(split.rest()).isPresent();
        assertThat(ConditionEvaluator.matches(split.rest().get(), Map.of("n", AttributeValue.N.of("3")))).isTrue();
    }

    @Test
    void isMissing_betweenIn_andFunctions_evaluateAsConditions() {
        Statement.Select select = (Statement.Select) StatementParser.parse("SELECT * FROM t WHERE a IS NOT MISSING "
                + "AND b IS MISSING AND n BETWEEN 1 AND 5 AND c IN ['x', 'y'] AND begins_with(c, 'x') "
                + "AND NOT (n = 4 OR n = 2)", List.of());
        Map<String, AttributeValue> item = Map.of("a", A, "n", AttributeValue.N.of("3"), "c", new AttributeValue.S("x"));

        assertThat(ConditionEvaluator.matches(select.where().orElseThrow(), item)).isTrue();
        assertThat(ConditionEvaluator.matches(select.where().orElseThrow(), Map.of("n", AttributeValue.N.of("3"))))
                .isFalse();
    }

    @Test
    void refusals() {
        assertThatThrownBy(() -> StatementParser.parse("SELEC * FROM t", List.of()))
                .isInstanceOf(TablesException.class).hasMessageStartingWith("Statement wasn't well formed, can't be processed: ");
        assertThatThrownBy(() -> StatementParser.parse("SELECT * FROM t WHERE id = ?", List.of()))
                .hasMessage("Number of parameters in request and statement don't match.");
        assertThatThrownBy(() -> StatementParser.parse("SELECT * FROM t", List.of(A)))
                .hasMessage("Number of parameters in request and statement don't match.");
        assertThatThrownBy(() -> StatementParser.parse("SELECT * FROM t WHERE id = 'a", List.of()))
                .hasMessageStartingWith("Statement wasn't well formed");
        assertThatThrownBy(() -> Statements.KeySplit.full(((Statement.Delete) StatementParser.parse(
                "DELETE FROM t WHERE n = 1", List.of())).where(), KeySchema.of("id", "S")))
                .hasMessage("Where clause does not contain a mandatory equality on all key attributes");
    }

    @Test
    void nesting_isBounded_parenthesesAndNotAlike_butAHundredLevelsParse() {
        String hundred = "SELECT * FROM t WHERE " + "(".repeat(50) + "NOT ".repeat(50) + "id = 'a'" + ")".repeat(50);
        assertThat(StatementParser.parse(hundred, List.of())).isInstanceOf(Statement.Select.class);

        for (String deep : List.of("(".repeat(3000) + "id = 'a'" + ")".repeat(3000), "NOT ".repeat(2000) + "id = 'a'",
                "(".repeat(60) + "NOT ".repeat(41) + "id = 'a'" + ")".repeat(60))) {
            assertThatThrownBy(() -> StatementParser.parse("SELECT * FROM t WHERE " + deep, List.of()))
                    .isInstanceOf(TablesException.class)
                    .hasMessage("Statement wasn't well formed, can't be processed: parentheses and NOT nest deeper "
                            + "than 100 levels");
        }
    }
}
