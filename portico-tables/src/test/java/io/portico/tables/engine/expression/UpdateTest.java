package io.portico.tables.engine.expression;

import static io.portico.tables.engine.expression.Fixtures.attributes;
import static io.portico.tables.engine.value.TestValues.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.tables.engine.value.AttributeValue;
import io.portico.tables.engine.value.AttributeValues;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UpdateTest {

    private static final String ITEM = "{'pk':{'S':'p'},'a':{'S':'x'},'num':{'N':'3'},'ss':{'SS':['a','b']},"
            + "'ns':{'NS':['1','2']},'l':{'L':[{'S':'l0'},{'S':'l1'},{'S':'l2'}]},"
            + "'m':{'M':{'k':{'S':'v'},'child':{'M':{}}}}}";

    @Test
    void parse_readsEverySection() {
        Update update = Expressions.update("SET a = :s, b = num + :n REMOVE c ADD num :n DELETE ss :ss", attributes());
        assertThat(update.actions()).hasSize(5);
        assertThat(update.actions().get(1)).isEqualTo(new UpdateAction.Set(Path.attribute("b"), new Operand.Plus(
                new Operand.PathOf(Path.attribute("num")), new Operand.Literal(AttributeValue.n(1)))));
        assertThat(update.paths()).extracting(Path::toString).containsExactly("a", "b", "c", "num", "ss");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "SET a = :s|{'a':{'S':'x'}}",
            "set a = :s, b = :n|{'a':{'S':'x'},'b':{'N':'1'}}",
            "SET m.k = :s|{'m':{'M':{'k':{'S':'x'},'child':{'M':{}}}}}",
            "SET m.child.fresh2 = :n|{'m':{'M':{'k':{'S':'v'},'child':{'M':{'fresh2':{'N':'1'}}}}}}",
            "SET l[1] = :s|{'l':{'L':[{'S':'l0'},{'S':'x'},{'S':'l2'}]}}",
            "SET l[9] = :s|{'l':{'L':[{'S':'l0'},{'S':'l1'},{'S':'l2'},{'S':'x'}]}}",
            "SET num = num + :n5|{'num':{'N':'8'}}",
            "SET num = num - :n5|{'num':{'N':'-2'}}",
            "SET num = :n5 - num|{'num':{'N':'2'}}",
            "SET z = if_not_exists(z, :n)|{'z':{'N':'1'}}",
            "SET a = if_not_exists(a, :t)|{'a':{'S':'x'}}",
            "SET l = list_append(l, :l)|{'l':{'L':[{'S':'l0'},{'S':'l1'},{'S':'l2'},{'S':'z'}]}}",
            "SET l = list_append(:l, l)|{'l':{'L':[{'S':'z'},{'S':'l0'},{'S':'l1'},{'S':'l2'}]}}",
            "SET a = num, num = a|{'a':{'N':'3'},'num':{'S':'x'}}",
            "SET b = (num + :n)|{'b':{'N':'4'}}",
            "REMOVE a|{}",
            "REMOVE absent|{}",
            "REMOVE m.k|{'m':{'M':{'child':{'M':{}}}}}",
            "REMOVE l[0], l[1]|{'l':{'L':[{'S':'l2'}]}}",
            "REMOVE l[7]|{'l':{'L':[{'S':'l0'},{'S':'l1'},{'S':'l2'}]}}",
            "SET l[1] = :s REMOVE l[0]|{'l':{'L':[{'S':'x'},{'S':'l2'}]}}",
            "ADD num :n|{'num':{'N':'4'}}",
            "ADD fresh :n5|{'fresh':{'N':'5'}}",
            "ADD ss :ss|{'ss':{'SS':['a','b']}}",
            "ADD ns :ns|{'ns':{'NS':['1','2']}}",
            "ADD newset :ss|{'newset':{'SS':['a','b']}}",
            "DELETE ss :ss|{}",
            "DELETE ns :ns|{}",
            "DELETE absent :ss|{}"})
    void apply_changesTheItem(String expression, String changed) {
        Map<String, AttributeValue> before = item(ITEM);
        UpdateApplier.Result result = UpdateApplier.apply(Expressions.update(expression, attributes()), before);
        Map<String, AttributeValue> expected = new java.util.LinkedHashMap<>(before);
        Map<String, AttributeValue> changes = item(changed);
        expected.putAll(changes);
        for (Path path : result.paths()) {
            if (!changes.containsKey(path.attribute()) && !path.isNested()) {
                expected.remove(path.attribute());
            }
        }
        assertThat(AttributeValues.itemToDocument(result.item())).isEqualTo(AttributeValues.itemToDocument(expected));
    }

    @Test
    void apply_deletesSomeMembersOfASet() {
        Map<String, AttributeValue> item = item("{'s':{'SS':['a','b','c']}}");
        var result = UpdateApplier.apply(Expressions.update("DELETE s :ss", attributes()), item);
        assertThat(result.item()).isEqualTo(item("{'s':{'SS':['c']}}"));
    }

    @Test
    void apply_returnsWhatUpdatedOldAndUpdatedNewShow() {
        Map<String, AttributeValue> before = item(ITEM);
        var result = UpdateApplier.apply(Expressions.update("SET m.k = :s, num = num + :n REMOVE a", attributes()), before);
        assertThat(Projector.project(before, result.paths()))
                .isEqualTo(item("{'m':{'M':{'k':{'S':'v'}}},'num':{'N':'3'},'a':{'S':'x'}}"));
        assertThat(Projector.project(result.item(), result.paths()))
                .isEqualTo(item("{'m':{'M':{'k':{'S':'x'}}},'num':{'N':'4'}}"));
    }

    @Test
    void apply_updatedNewHoldsEverySubpathWritten() {
        // measured against AWS (a public conformance suite, 2026): both children come back, not only the last
        Map<String, AttributeValue> before = item("{'pk':{'S':'p'},'m':{'M':{'existing':{'S':'e'}}}}");
        var result = UpdateApplier.apply(Expressions.update("SET m.b = :s, m.c = :t", attributes()), before);
        assertThat(Projector.project(result.item(), result.paths()))
                .isEqualTo(item("{'m':{'M':{'b':{'S':'x'},'c':{'S':'y'}}}}"));
        assertThat(result.item()).isEqualTo(item("{'pk':{'S':'p'},'m':{'M':{'existing':{'S':'e'},'b':{'S':'x'},"
                + "'c':{'S':'y'}}}}"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "SET a = :s SET b = :s|The \"SET\" section can only be used once in an update expression;",
            "REMOVE a ADD b :n REMOVE c|The \"REMOVE\" section can only be used once in an update expression;",
            "SET a = :s, a = :t|Two document paths overlap with each other; must remove or rewrite one of these paths; "
                    + "path one: [a], path two: [a]",
            "SET m.k = :s REMOVE m|Two document paths overlap with each other; must remove or rewrite one of these "
                    + "paths; path one: [m, k], path two: [m]",
            "SET l[0] = :s REMOVE l.x|Two document paths conflict with each other; must remove or rewrite one of these "
                    + "paths; path one: [l, [0]], path two: [l, x]",
            "SET a = :nope|An expression attribute value used in expression is not defined; attribute value: :nope",
            "SET #nope = :s|An expression attribute name used in the document path is not defined; attribute name: #nope",
            "SET #nope = :nope|An expression attribute name used in the document path is not defined; attribute name: "
                    + "#nope",
            "SET name = :s|Attribute name is a reserved keyword; reserved keyword: name",
            "SET a = foo(b)|Invalid function name; function: foo",
            "ADD a :s|Incorrect operand type for operator or function; operator: ADD, operand type: STRING",
            "ADD a :l|Incorrect operand type for operator or function; operator: ADD, operand type: LIST",
            "DELETE a :n|Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER",
            "SET a = :s + :n|Incorrect operand type for operator or function; operator or function: +, operand type: S",
            "SET a = list_append(:s, a)|Incorrect operand type for operator or function; operator or function: "
                    + "list_append, operand type: S",
            "SET a = if_not_exists(:s, :s)|Operator or function requires a document path; operator or function: "
                    + "if_not_exists",
            "SET a = list_append(a)|Incorrect number of operands for operator or function; operator or function: "
                    + "list_append, number of operands: 1",
            "SET|Syntax error; token: \"<EOF>\", near: \"SET\"",
            "SET a = a +|Syntax error; token: \"<EOF>\", near: \"+\"",
            "ADD hits : incr|Syntax error; token: \":\", near: \"hits : incr\"",
            "SET a = :s, updated|Syntax error; token: \"<EOF>\", near: \"updated\"",
            "INVALID SYNTAX HERE|Syntax error; token: \"INVALID\", near: \"INVALID SYNTAX\"",
            "SET a = :s, #, b = :s|Syntax error; token: \"#\", near: \", #,\"",
            "''|The expression can not be empty;"})
    void parse_refusesWithDynamoDbMessage(String expression, String problem) {
        assertThatThrownBy(() -> Expressions.update(expression, attributes()))
                .hasMessage("Invalid UpdateExpression: " + problem);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "SET x = m + :n|An operand in the update expression has an incorrect data type",
            "SET num = a + :n|An operand in the update expression has an incorrect data type",
            "SET l = list_append(a, :l)|An operand in the update expression has an incorrect data type",
            "ADD a :n|An operand in the update expression has an incorrect data type",
            "ADD ss :ns|An operand in the update expression has an incorrect data type",
            "DELETE a :ss|An operand in the update expression has an incorrect data type",
            "SET b = absent|The provided expression refers to an attribute that does not exist in the item",
            "SET absent.k = :s|The document path provided in the update expression is invalid for update",
            "SET a.k = :s|The document path provided in the update expression is invalid for update",
            "SET m[0] = :s|The document path provided in the update expression is invalid for update",
            "SET l[5].k = :s|The document path provided in the update expression is invalid for update",
            "REMOVE absent.k|The document path provided in the update expression is invalid for update",
            "ADD absent.k :n|The document path provided in the update expression is invalid for update"})
    void apply_refusesWithDynamoDbMessage(String expression, String message) {
        Update update = Expressions.update(expression, attributes());
        assertThatThrownBy(() -> UpdateApplier.apply(update, item(ITEM))).hasMessage(message);
    }

    @Test
    void requireKeysUntouched_namesTheFirstKeyWritten() {
        Update update = Expressions.update("SET sk = :s, pk.x = :s, b = :s", attributes());
        assertThatThrownBy(() -> update.requireKeysUntouched(List.of("pk", "sk")))
                .hasMessage("One or more parameter values were invalid: Cannot update attribute pk. "
                        + "This attribute is part of the key");
        Expressions.update("SET b = :s", attributes()).requireKeysUntouched(List.of("pk", "sk"));
    }

    @Test
    void parse_refusesExpressionsOver4Kb() {
        String atLimit = "SET a = :s" + " ".repeat(4096 - 10);
        Expressions.update(atLimit, attributes());
        assertThatThrownBy(() -> Expressions.update(atLimit + " ", attributes()))
                .hasMessage("Invalid UpdateExpression: Expression size has exceeded the maximum allowed size; "
                        + "expression size: 4097");
    }

    @Test
    void apply_numberOverflowIsRefused() {
        var attributes = ExpressionAttributes.builder().values(Map.of(":big",
                AttributeValue.n("9.9999999999999999999999999999999999999E+125"))).build();
        Update update = Expressions.update("ADD n :big", attributes);
        Map<String, AttributeValue> item = Map.of("n", AttributeValue.n("9E+125"));
        assertThatThrownBy(() -> UpdateApplier.apply(update, item)).hasMessageStartingWith("Number overflow.");
        assertThat(List.of(update.paths().get(0).toString())).containsExactly("n");
    }
}
