package io.portico.tables.engine.expression;

/** Which request member an expression came from; DynamoDB names it at the start of every error about it. */
public enum ExpressionKind {
    CONDITION("ConditionExpression"),
    KEY_CONDITION("KeyConditionExpression"),
    FILTER("FilterExpression"),
    PROJECTION("ProjectionExpression"),
    UPDATE("UpdateExpression");

    private final String member;

    ExpressionKind(String member) {
        this.member = member;
    }

    /** The request member's name, e.g. {@code ConditionExpression}. */
    public String member() {
        return member;
    }

    /** {@code Invalid ConditionExpression: } followed by {@code problem}. */
    public String invalid(String problem) {
        return "Invalid " + member + ": " + problem;
    }
}
