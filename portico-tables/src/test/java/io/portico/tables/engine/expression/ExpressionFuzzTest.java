package io.portico.tables.engine.expression;

import static io.portico.tables.engine.value.TestValues.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.tables.engine.TablesException;
import io.portico.tables.engine.value.AttributeValue;
import io.portico.tables.engine.value.KeySchema;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random token soup through every parser and, when it parses, through evaluation: whatever the text, the
 * answer is a result or DynamoDB's ValidationException, never another exception (which the api would
 * answer as an internal failure).
 */
class ExpressionFuzzTest {

    private static final List<String> TOKENS = List.of("a", "b", "l", "m", "#n", "#a", "#nope", ":s", ":n", ":l",
            ":ss", ":ns", ":m", ":nope", ":typeS", "0", "1", "99999999999", "(", ")", "[", "]", ",", ".", "=", "<>",
            "<", "<=", ">", ">=", "+", "-", "AND", "OR", "NOT", "BETWEEN", "IN", "SET", "REMOVE", "ADD", "DELETE",
            "size", "attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains",
            "if_not_exists", "list_append", "foo", "name", "@", "#", ":", "pk", "sk");

    private static final Map<String, AttributeValue> ITEM = item("{'pk':{'S':'p'},'a':{'S':'x'},'b':{'N':'2'},"
            + "'l':{'L':[{'S':'z'},{'N':'1'}]},'m':{'M':{'k':{'S':'v'}}}}");

    @Test
    void everyParser_answersOnlyWithValidationErrors() {
        Random random = new Random(9);
        int parsed = 0;
        for (int i = 0; i < 30_000; i++) {
            String text = soup(random);
            parsed += survives(() -> {
                Condition condition = Expressions.condition(text, Fixtures.attributes());
                ConditionEvaluator.matches(condition, ITEM);
            });
            parsed += survives(() -> KeyConditions.analyse(Expressions.keyCondition(text, Fixtures.attributes()),
                    KeySchema.of("pk", "S", "sk", "N")));
            parsed += survives(() -> UpdateApplier.apply(Expressions.update(text, Fixtures.attributes()), ITEM));
            parsed += survives(() -> Projector.project(ITEM, Expressions.projection(text, Fixtures.attributes())));
        }
        assertThat(parsed).as("some soups are valid expressions").isPositive();
    }

    @Test
    void deeplyNestedParentheses_areRefusedNotOverflowed() {
        String deep = "(".repeat(2000) + "a = :s" + ")".repeat(2000);
        assertThat(survives(() -> Expressions.condition(deep, Fixtures.attributes()))).isZero();
        // On a thread with half the default stack (512 KiB; a coverage agent makes frames larger still), where
        // the unbounded descent overflowed in CI.
        Throwable[] failure = new Throwable[1];
        Thread small = new Thread(null, () -> {
            try {
                Expressions.condition(deep, Fixtures.attributes());
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "small-stack", 512 * 1024);
        small.start();
        try {
            small.join();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        assertThat(failure[0]).isInstanceOfSatisfying(TablesException.class, e -> assertThat(e.getMessage())
                .isEqualTo("Invalid ConditionExpression: The expression has redundant parentheses;"));
        // Within the bound, nesting that holds an operator per level parses; the operator limit still applies.
        String nested = "(".repeat(100) + "a = :s" + " AND a = :s)".repeat(100);
        assertThat(survives(() -> Expressions.condition(nested, Fixtures.attributes()))).isOne();
        String tooMany = "(".repeat(ConditionParser.MAX_NESTING - 1) + "a = :s" + " AND a = :s)".repeat(
                ConditionParser.MAX_NESTING - 1);
        assertThatThrownBy(() -> Expressions.condition(tooMany, Fixtures.attributes()))
                .hasMessageStartingWith("Invalid ConditionExpression: The expression contains too many operators");
    }

    private static int survives(Runnable run) {
        try {
            run.run();
            return 1;
        } catch (TablesException refused) {
            assertThat(refused.kind()).isEqualTo(TablesException.Kind.INVALID_REQUEST);
            return 0;
        }
    }

    private static String soup(Random random) {
        StringBuilder text = new StringBuilder();
        int length = 1 + random.nextInt(12);
        for (int i = 0; i < length; i++) {
            text.append(TOKENS.get(random.nextInt(TOKENS.size())));
            if (random.nextInt(3) > 0) {
                text.append(' ');
            }
        }
        return text.toString();
    }

}
