/**
 * DynamoDB's expression language, pure: parsers for condition, filter, key condition, projection and update
 * expressions ({@link io.portico.tables.engine.expression.Expressions}) into records
 * ({@link io.portico.tables.engine.expression.Condition}, {@link io.portico.tables.engine.expression.Update},
 * {@link io.portico.tables.engine.expression.Projection}) with placeholders substituted, and what runs them
 * over items: {@link io.portico.tables.engine.expression.ConditionEvaluator},
 * {@link io.portico.tables.engine.expression.UpdateApplier},
 * {@link io.portico.tables.engine.expression.Projector} and
 * {@link io.portico.tables.engine.expression.KeyConditions}. Errors are DynamoDB's, word for word.
 *
 * <p>Where the wording or behaviour is inferred rather than recorded (see the tests for each source): the
 * {@code near:} text of a syntax error (the token before to the token after, from public reports of
 * DynamoDB's answers); which semantic problem wins when an expression has several (dynalite's observed
 * precedence); what counts toward the 300-operator limit; whether IN's operand count includes its left
 * side. A parenthesised term ({@code (a) = :v}) is accepted and a doubled one refused, as dynalite's
 * grammar does.
 */
package io.portico.tables.engine.expression;
