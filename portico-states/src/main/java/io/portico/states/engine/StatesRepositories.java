package io.portico.states.engine;

import io.portico.core.paging.PageTokens;

/**
 * Everything the Step Functions engine keeps durably, as the engine's own interfaces. The engine
 * depends on these and never on a storage technology; the module's {@code store} package implements
 * them (see {@code io.portico.states.store.StatesStores}) and {@code portico-server} hands them to
 * {@link StepFunctions#create}. Implementations are thread safe; no accessor returns null.
 */
public interface StatesRepositories {

    /**
     * Brings the storage schema up to date. Called once by {@link StepFunctions#start()}, before any
     * other use; idempotent.
     */
    void migrate();

    StateMachineRepository machines();

    ExecutionRepository executions();

    MapRunRepository mapRuns();

    ResourceRepository resources();

    /** Where waiting Tasks keep their task tokens, so that a callback survives a crash. */
    TokenLedger tokens();

    /** The page tokens of every list operation, keyed durably so that they survive a restart. */
    PageTokens pageTokens();
}
