package io.portico.tables.engine.value;

/**
 * Which of DynamoDB's two value-checking layers words a refusal. DynamoDB runs different checkers per
 * operation, and they word a bad number or a duplicate set member differently (captured in four regions,
 * 2026-10, by a public conformance suite):
 *
 * <ul>
 *   <li>{@link #CURRENT}: PutItem, UpdateItem, DeleteItem (whose api wraps the message in
 *       {@code 1 validation error detected: }), GetItem, BatchGetItem and Query. An empty number reads
 *       {@code ...numeric value: } with the colon; an exponent past an int is range-checked by its sign;
 *       duplicate strings and binaries are quoted, sorted up to the first repeat; a bad expression
 *       attribute value is reported bare.
 *   <li>{@link #OLDER}: BatchWriteItem, TransactWriteItems, TransactGetItems and Scan (and dynalite). An
 *       empty number has no colon; {@code 1e2147483647} underflows (Java's int exponent wraps); duplicates
 *       are listed as sent; a bad expression attribute value is wrapped in
 *       {@code ExpressionAttributeValues contains invalid value: ... for key :v}.
 * </ul>
 */
public enum Wording {
    CURRENT,
    OLDER
}
