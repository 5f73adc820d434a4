package io.portico.states.engine;

import java.time.Instant;
import java.util.Optional;

/**
 * Where the tasks {@link TaskTokens} has stored as waiting are settled: the store's row of each such
 * task ({@code io.portico.states.store.TokenStore}). The first outcome stored for a task is its
 * outcome, whoever stores it (a callback, or the waiter at a deadline). Every method is one durable
 * write or read; implementations are thread safe.
 */
public interface TokenLedger {
    /** Stores {@code outcome} unless the token's task has one or is gone; true when this call stored it. */
    boolean settle(String token, TaskTokens.Completion outcome);

    /** The stored task's last beat and outcome, if a task is stored under the token. */
    Optional<Stored> find(String token);

    /** Moves the last beat of a stored task that has no outcome yet; false when there is none. */
    boolean beat(String token, Instant at);


    /** What the ledger holds of one task. */
    record Stored(Instant lastBeat, Optional<TaskTokens.Completion> outcome) {
    }

    /** A ledger that stores nothing: for engines without a store (tests, benchmarks). */
    TokenLedger NONE = new TokenLedger() {
        @Override
        public boolean settle(String token, TaskTokens.Completion outcome) {
            return false;
        }

        @Override
        public Optional<Stored> find(String token) {
            return Optional.empty();
        }

        @Override
        public boolean beat(String token, Instant at) {
            return false;
        }

    };
}
