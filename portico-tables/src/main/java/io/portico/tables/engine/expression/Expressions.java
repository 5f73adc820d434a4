package io.portico.tables.engine.expression;

import io.portico.tables.engine.TablesException;

/**
 * Parses one expression of a request with the request's placeholders. Each call marks the placeholders it
 * uses in {@code attributes}; once every expression of the request is parsed, the api calls
 * {@link ExpressionAttributes#requireAllUsed()} (or uses {@link RequestExpressions}, which does all of it in
 * DynamoDB's order). Every method throws {@link TablesException} ({@code INVALID_REQUEST}) with DynamoDB's
 * message, prefixed with the member's name ({@code Invalid ConditionExpression: ...}).
 */
public final class Expressions {

    private Expressions() {}

    public static Condition condition(String text, ExpressionAttributes attributes) {
        return new ConditionParser(ExpressionKind.CONDITION, text, attributes).parse();
    }

    public static Condition filter(String text, ExpressionAttributes attributes) {
        return new ConditionParser(ExpressionKind.FILTER, text, attributes).parse();
    }

    /** A KeyConditionExpression as a condition; {@link KeyConditions#analyse} turns it into a key range. */
    public static Condition keyCondition(String text, ExpressionAttributes attributes) {
        return new ConditionParser(ExpressionKind.KEY_CONDITION, text, attributes).parse();
    }

    public static Update update(String text, ExpressionAttributes attributes) {
        return new UpdateParser(text, attributes).parse();
    }

    public static Projection projection(String text, ExpressionAttributes attributes) {
        return new ProjectionParser(text, attributes).parse();
    }
}
