package io.portico.tables.engine.expression;

import static io.portico.tables.engine.expression.Fixtures.attributes;
import static io.portico.tables.engine.value.TestValues.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProjectionTest {

    private static final String ITEM = "{'a':{'S':'x'},'b':{'N':'1'},'l':{'L':[{'S':'l0'},{'M':{'k':{'S':'v'},"
            + "'j':{'S':'w'}}},{'S':'l2'},{'S':'l3'}]},'m':{'M':{'k':{'S':'v'},'n':{'M':{'deep':{'BOOL':true}}}}},"
            + "'name':{'S':'reserved'}}";

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "a|{'a':{'S':'x'}}",
            "a, b, absent|{'a':{'S':'x'},'b':{'N':'1'}}",
            "m.k|{'m':{'M':{'k':{'S':'v'}}}}",
            "m.n.deep, m.k|{'m':{'M':{'n':{'M':{'deep':{'BOOL':true}}},'k':{'S':'v'}}}}",
            "l[3], l[0]|{'l':{'L':[{'S':'l0'},{'S':'l3'}]}}",
            "l[1].k|{'l':{'L':[{'M':{'k':{'S':'v'}}}]}}",
            "l[9], m.absent, a.k|{}",
            "#n|{'name':{'S':'reserved'}}"})
    void project_keepsTheSelectedPathsInPlace(String expression, String expected) {
        Projection projection = Expressions.projection(expression, attributes());
        assertThat(Projector.project(item(ITEM), projection)).isEqualTo(item(expected));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "a, a|Two document paths overlap with each other; must remove or rewrite one of these paths; "
                    + "path one: [a], path two: [a]",
            "m, m.k|Two document paths overlap with each other; must remove or rewrite one of these paths; "
                    + "path one: [m], path two: [m, k]",
            "l[0], l.k|Two document paths conflict with each other; must remove or rewrite one of these paths; "
                    + "path one: [l, [0]], path two: [l, k]",
            "name|Attribute name is a reserved keyword; reserved keyword: name",
            "#nope|An expression attribute name used in the document path is not defined; attribute name: #nope",
            "a b|Syntax error; token: \"b\", near: \"a b\"",
            "a,|Syntax error; token: \"<EOF>\", near: \",\"",
            "a-b|Syntax error; token: \"-\", near: \"a-b\"",
            "''|The expression can not be empty;"})
    void parse_refusesWithDynamoDbMessage(String expression, String problem) {
        assertThatThrownBy(() -> Expressions.projection(expression, attributes()))
                .hasMessage("Invalid ProjectionExpression: " + problem);
    }

    @org.junit.jupiter.api.Test
    void parse_readsPathsInOrder() {
        assertThat(Expressions.projection("b, a.c[1]", attributes()).paths())
                .extracting(Path::toString).isEqualTo(List.of("b", "a.c[1]"));
    }
}
