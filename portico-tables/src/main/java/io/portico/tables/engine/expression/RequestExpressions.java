package io.portico.tables.engine.expression;

import io.portico.tables.engine.TablesException;
import java.util.Optional;

/**
 * Every expression of one request, parsed in DynamoDB's order (UpdateExpression, ConditionExpression,
 * KeyConditionExpression, FilterExpression, ProjectionExpression, so the first invalid one in that order is
 * the one reported), then the check that every placeholder was used.
 *
 * <pre>{@code
 * ExpressionAttributes attributes = ExpressionAttributes.builder()
 *         .names(Map.of("#s", "status")).valueDocuments(input.get("ExpressionAttributeValues")).build();
 * RequestExpressions parsed = RequestExpressions.builder(attributes)
 *         .update("SET #s = :s").condition("attribute_exists(pk)").parse();
 * }</pre>
 */
public record RequestExpressions(Optional<Update> update, Optional<Condition> condition,
        Optional<Condition> keyCondition, Optional<Condition> filter, Optional<Projection> projection) {

    public static Builder builder(ExpressionAttributes attributes) {
        return new Builder(attributes);
    }

    /** The texts a request carries; a member the request lacks is simply not set. */
    public static final class Builder {
        private final ExpressionAttributes attributes;
        private String update;
        private String condition;
        private String keyCondition;
        private String filter;
        private String projection;

        private Builder(ExpressionAttributes attributes) {
            this.attributes = attributes;
        }

        public Builder update(String text) {
            this.update = text;
            return this;
        }

        public Builder condition(String text) {
            this.condition = text;
            return this;
        }

        public Builder keyCondition(String text) {
            this.keyCondition = text;
            return this;
        }

        public Builder filter(String text) {
            this.filter = text;
            return this;
        }

        public Builder projection(String text) {
            this.projection = text;
            return this;
        }

        /** @throws TablesException {@code INVALID_REQUEST}: the first invalid expression, or an unused placeholder */
        public RequestExpressions parse() {
            Optional<Update> parsedUpdate = Optional.ofNullable(update).map(t -> Expressions.update(t, attributes));
            Optional<Condition> parsedCondition =
                    Optional.ofNullable(condition).map(t -> Expressions.condition(t, attributes));
            Optional<Condition> parsedKeyCondition =
                    Optional.ofNullable(keyCondition).map(t -> Expressions.keyCondition(t, attributes));
            Optional<Condition> parsedFilter = Optional.ofNullable(filter).map(t -> Expressions.filter(t, attributes));
            Optional<Projection> parsedProjection =
                    Optional.ofNullable(projection).map(t -> Expressions.projection(t, attributes));
            attributes.requireAllUsed();
            return new RequestExpressions(parsedUpdate, parsedCondition, parsedKeyCondition, parsedFilter,
                    parsedProjection);
        }
    }
}
