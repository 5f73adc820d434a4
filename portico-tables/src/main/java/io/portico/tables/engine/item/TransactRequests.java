package io.portico.tables.engine.item;

import io.portico.core.idempotency.ClientToken;
import io.portico.tables.engine.TableRef;
import io.portico.tables.engine.expression.Condition;
import io.portico.tables.engine.expression.Projection;
import io.portico.tables.engine.value.AttributeValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * TransactWriteItems and TransactGetItems, parsed: values checked and expressions parsed by the api, what
 * needs the tables left to {@link Transactions}. {@code oldOnConditionFailure} is an action's
 * ReturnValuesOnConditionCheckFailure=ALL_OLD. Immutable.
 */
public final class TransactRequests {
    private TransactRequests() {
    }

    /** One action of a TransactWriteItems: a closed set, each naming its table and item. */
    public sealed interface WriteAction {
        TableRef table();

        Optional<Condition> condition();

        boolean oldOnConditionFailure();

        record Put(TableRef table, Map<String, AttributeValue> item, Optional<Condition> condition,
                boolean oldOnConditionFailure) implements WriteAction {
        }

        /**
         * PartiQL's INSERT in ExecuteTransaction: a put that must not find the item, cancelled with the
         * reason {@code DuplicateItem} when it does.
         */
        record Insert(TableRef table, Map<String, AttributeValue> item) implements WriteAction {
            @Override
            public Optional<Condition> condition() {
                return Optional.empty();
            }

            @Override
            public boolean oldOnConditionFailure() {
                return false;
            }
        }

        record Update(TableRef table, Map<String, AttributeValue> key,
                io.portico.tables.engine.expression.Update update, Optional<Condition> condition,
                boolean oldOnConditionFailure) implements WriteAction {
        }

        record Delete(TableRef table, Map<String, AttributeValue> key, Optional<Condition> condition,
                boolean oldOnConditionFailure) implements WriteAction {
        }

        /** Checks a condition on an item without writing it. */
        record ConditionCheck(TableRef table, Map<String, AttributeValue> key, Condition required,
                boolean oldOnConditionFailure) implements WriteAction {
            @Override
            public Optional<Condition> condition() {
                return Optional.of(required);
            }
        }
    }

    /** A TransactWriteItems; {@code token} is its ClientRequestToken with the request's fingerprint. */
    public record TransactWrite(List<WriteAction> actions, Optional<ClientToken> token, Reporting reporting) {
    }

    /** One Get of a TransactGetItems. */
    public record GetAction(TableRef table, Map<String, AttributeValue> key, Optional<Projection> projection) {
    }

    public record TransactGet(List<GetAction> actions, Reporting.CapacityDetail capacity) {
    }
}
