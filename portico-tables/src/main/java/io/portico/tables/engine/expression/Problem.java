package io.portico.tables.engine.expression;

/**
 * The kinds of semantic problem a parse can find. DynamoDB reports one problem per expression, and which
 * one depends on the kind, not on where it stands: each parser lists its kinds in DynamoDB's order of
 * precedence (as dynalite observed it), and the first kind found wins, with the first message of that kind.
 */
enum Problem {
    /** More operators than DynamoDB evaluates in one expression. */
    TOO_MANY_OPERATORS,
    REDUNDANT_PARENS,
    UNKNOWN_FUNCTION,
    MISUSED_FUNCTION,
    RESERVED_WORD,
    SECTION_REPEATED,
    /** An undefined {@code #name} (conditions and projections lump undefined values in too). */
    UNDEFINED_NAME,
    UNDEFINED_VALUE,
    PATH_OVERLAP,
    PATH_CONFLICT,
    OPERAND_COUNT,
    NOT_DISTINCT,
    /** An update's ADD or DELETE operand of the wrong type. */
    ACTION_OPERAND,
    /** A function's operand of the wrong type or kind. */
    FUNCTION_OPERAND,
    /**
     * The first condition's problem among undefined placeholders, operand counts, distinctness and operand
     * types: DynamoDB reports these in the order the conditions are written (measured against AWS).
     */
    FIRST_CONDITION
}
