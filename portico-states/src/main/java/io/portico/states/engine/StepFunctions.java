package io.portico.states.engine;

import io.portico.core.paging.PageTokens;
import io.portico.core.store.Store;
import io.portico.core.tags.TagTable;
import io.portico.states.store.ExecutionStore;
import io.portico.states.store.MapRunStore;
import io.portico.states.store.ResourceStore;
import io.portico.states.store.ResourceTags;
import io.portico.states.store.StateMachineStore;
import io.portico.states.store.StatesSchema;
import io.portico.states.store.TokenStore;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Step Functions engine as one object: state machines, executions, activities, task tokens and
 * tags over one store, with the interpreter wired to the Task resources this module provides
 * (activities, nested executions) followed by the ones other modules contribute.
 *
 * <p>{@link #start()} brings the schema up to date and resumes the executions a previous run left
 * running; {@link #close()} stops execution threads without recording an end. Thread safe.
 */
public final class StepFunctions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StepFunctions.class);
    /** How long closed executions stay queryable, as on AWS. */
    public static final Duration HISTORY_RETENTION = Duration.ofDays(90);

    private final Store store;
    private final Clock clock;
    private final StateMachines machines;
    private final Executions executions;
    private final Activities activities;
    private final ResourceStore resources;
    private final Aliases aliases;
    /** Every wait and deadline of this engine, on its clock; closed with it. */
    private final io.portico.core.time.Timers timers;
    private final TaskTokens tokens;
    private final Interpreter interpreter;
    private final MapRuns mapRuns;
    private final StateTester tester;
    private final PageTokens pageTokens;
    private final TagTable tagTable;

    /**
     * Engine settings: values that are fixed on AWS but that embedders (tests above all) may shorten,
     * and the services the engine reaches outside itself.
     *
     * @param activityLongPoll how long GetActivityTask waits for a task before answering without one
     *     (AWS: 60 seconds)
     * @param objectStore where a distributed Map's ItemReader reads and its ResultWriter writes (AWS:
     *     Amazon S3); {@link ObjectStore#NONE} by default, which fails every ItemReader
     */
    public record Settings(Duration activityLongPoll, ObjectStore objectStore) {
        public Settings {
            if (activityLongPoll.isNegative() || activityLongPoll.isZero()) {
                throw new IllegalArgumentException("activityLongPoll must be positive: " + activityLongPoll);
            }
            java.util.Objects.requireNonNull(objectStore, "objectStore");
        }

        /** AWS's values, and no object store. */
        public static Settings defaults() {
            return new Settings(Activities.LONG_POLL, ObjectStore.NONE);
        }

        public Settings withActivityLongPoll(Duration value) {
            return new Settings(value, objectStore);
        }

        public Settings withObjectStore(ObjectStore value) {
            return new Settings(activityLongPoll, value);
        }
    }

    private StepFunctions(Store store, Clock clock, TaskResources contributed, Settings settings) {
        this.store = store;
        this.clock = clock;
        this.timers = io.portico.core.time.Timers.create(clock, "states");
        this.tokens = new TaskTokens(timers, new TokenStore(store));
        this.tagTable = TagTable.of(store);
        ResourceTags tags = ResourceTags.on(tagTable);
        this.resources = new ResourceStore(store, tags);
        this.machines = new StateMachines(new StateMachineStore(store, tags), resources, clock);
        this.pageTokens = PageTokens.of(store, clock);
        this.activities = new Activities(resources, clock, settings.activityLongPoll());
        this.aliases = new Aliases(resources, machines, clock);
        DeferredResources nested = new DeferredResources();
        TaskResources taskResources = activities.orElse(nested).orElse(contributed);
        this.interpreter = new Interpreter(clock, taskResources, tokens, Timers.on(timers));
        this.tester = StateTester.create(clock, taskResources, tokens, Timers.on(timers));
        ExecutionStore executionStore = new ExecutionStore(store);
        this.executions = new Executions(clock, interpreter, executionStore, machines);
        this.mapRuns = MapRuns.durable(clock, new MapRunStore(store), executionStore);
        interpreter.attachMapRuns(mapRuns);
        interpreter.attachObjectStore(settings.objectStore());
        nested.set(new NestedExecutions(executions));
    }

    public static StepFunctions create(Store store, Clock clock, TaskResources contributed) {
        return new StepFunctions(store, clock, contributed, Settings.defaults());
    }

    /** An engine with other {@link Settings} than AWS's. */
    public static StepFunctions create(Store store, Clock clock, TaskResources contributed, Settings settings) {
        return new StepFunctions(store, clock, contributed, settings);
    }

    public void start() {
        tagTable.migrate(); // first: the states schema's migration 3 moves old tags into it
        store.migrate(StatesSchema.MODULE, StatesSchema.migrations());
        int purged = new ExecutionStore(store).purgeClosedBefore(clock.instant().minus(HISTORY_RETENTION));
        new MapRunStore(store).purgeClosedBefore(clock.instant().minus(HISTORY_RETENTION));
        int resumed = executions.recover();
        if (resumed > 0 || purged > 0) {
            LOG.info("Step Functions resumed {} running executions, purged {} expired ones", resumed, purged);
        }
    }

    public StateMachines machines() {
        return machines;
    }

    public Executions executions() {
        return executions;
    }

    public Aliases aliases() {
        return aliases;
    }

    public Activities activities() {
        return activities;
    }

    public ResourceStore resources() {
        return resources;
    }

    public TaskTokens tokens() {
        return tokens;
    }

    /** The page tokens of every list operation (keyed by the store, so they survive a restart). */
    public PageTokens pageTokens() {
        return pageTokens;
    }

    public MapRuns mapRuns() {
        return mapRuns;
    }

    public Interpreter interpreter() {
        return interpreter;
    }

    /** The TestState operation's engine, wired to the same Task resources as executions. */
    public StateTester tester() {
        return tester;
    }

    public Clock clock() {
        return clock;
    }

    /** Every timer of the engine: a test on a manual clock waits until the one it expects is armed. */
    io.portico.core.time.Timers timers() {
        return timers;
    }

    @Override
    public void close() {
        executions.close();
        timers.close();
    }

    /** Breaks the cycle between the interpreter and the executions that nested executions start. */
    private static final class DeferredResources implements TaskResources {
        private volatile TaskResources target = TaskResources.NONE;

        void set(TaskResources resources) {
            target = resources;
        }

        @Override
        public java.util.Optional<TaskResource> resolve(String resource) {
            return target.resolve(resource);
        }
    }
}
