/**
 * DynamoDB's expression language, pure: parsers for condition, filter, key condition, projection and update
 * expressions ({@link io.portico.tables.engine.expression.Expressions}) into records
 * ({@link io.portico.tables.engine.expression.Condition}, {@link io.portico.tables.engine.expression.Update},
 * {@link io.portico.tables.engine.expression.Projection}) with placeholders substituted, and what runs them
 * over items: {@link io.portico.tables.engine.expression.ConditionEvaluator},
 * {@link io.portico.tables.engine.expression.UpdateApplier},
 * {@link io.portico.tables.engine.expression.Projector} and
 * {@link io.portico.tables.engine.expression.KeyConditions}. Errors are DynamoDB's, word for word.
 */
package io.portico.tables.engine.expression;
