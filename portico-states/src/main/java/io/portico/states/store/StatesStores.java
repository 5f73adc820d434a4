package io.portico.states.store;

import io.portico.core.paging.PageTokens;
import io.portico.core.store.Store;
import io.portico.core.tags.TagTable;
import io.portico.states.engine.ExecutionRepository;
import io.portico.states.engine.MapRunRepository;
import io.portico.states.engine.ResourceRepository;
import io.portico.states.engine.StateMachineRepository;
import io.portico.states.engine.StatesRepositories;
import io.portico.states.engine.TokenLedger;
import java.time.Clock;

/**
 * The Step Functions module's assembly point for persistence: the engine's repositories over one
 * platform {@link Store}, with the kit's tag table and page tokens on the same store. The dependency
 * points one way, store to engine: the engine declares what it keeps ({@link StatesRepositories}) and
 * this package supplies it, so the engine never names a table. {@code portico-server} calls
 * {@link #over} when it wires the module.
 *
 * <p>Creating the repositories touches nothing (TestState runs over a store that refuses every call);
 * the schema is brought up to date by {@link #migrate()}, which the engine calls when it starts.
 * Immutable; thread safe.
 */
public final class StatesStores implements StatesRepositories {
    private final Store store;
    private final TagTable tagTable;
    private final StateMachineStore machines;
    private final ExecutionStore executions;
    private final MapRunStore mapRuns;
    private final ResourceStore resources;
    private final PageTokens pageTokens;
    private final TokenStore tokens;

    private StatesStores(Store store, Clock clock) {
        this.store = store;
        this.tagTable = TagTable.of(store);
        ResourceTags tags = ResourceTags.on(tagTable);
        this.machines = new StateMachineStore(store, tags);
        this.executions = new ExecutionStore(store);
        this.mapRuns = new MapRunStore(store);
        this.resources = new ResourceStore(store, tags);
        this.pageTokens = PageTokens.of(store, clock);
        this.tokens = new TokenStore(store);
    }

    /** The Step Functions repositories kept in {@code store}; page tokens age on {@code clock}. */
    public static StatesStores over(Store store, Clock clock) {
        return new StatesStores(store, clock);
    }

    @Override
    public void migrate() {
        tagTable.migrate(); // first: the states schema's migration 3 moves old tags into it
        store.migrate(StatesSchema.MODULE, StatesSchema.migrations());
    }

    @Override
    public StateMachineRepository machines() {
        return machines;
    }

    @Override
    public ExecutionRepository executions() {
        return executions;
    }

    @Override
    public MapRunRepository mapRuns() {
        return mapRuns;
    }

    @Override
    public ResourceRepository resources() {
        return resources;
    }

    @Override
    public TokenLedger tokens() {
        return tokens;
    }

    @Override
    public PageTokens pageTokens() {
        return pageTokens;
    }
}
