/**
 * DynamoDB's PartiQL subset: a statement's text and parameters parsed ({@link
 * io.portico.tables.engine.partiql.StatementParser}) into a {@link io.portico.tables.engine.partiql.Statement},
 * whose WHERE clauses and SET actions are the expression engine's own {@code Condition} and {@code Update}
 * records, then run on the item engine ({@link io.portico.tables.engine.partiql.Statements}): a SELECT as a
 * Query or a Scan, INSERT, UPDATE and DELETE as the single-item writes or a transaction's actions.
 */
package io.portico.tables.engine.partiql;
