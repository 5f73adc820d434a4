package io.portico.states.engine;

import io.portico.core.paging.PageTokens;
import io.portico.core.time.Timers;
import io.portico.states.asl.EvaluationLimits;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Step Functions engine as one object: state machines, executions, activities, task tokens and
 * tags over the module's {@link StatesRepositories}, with the interpreter wired to the Task resources this module provides
 * (activities, nested executions) followed by the ones other modules contribute.
 *
 * <p>{@link #start()} brings the schema up to date and resumes the executions a previous run left
 * running; {@link #close()} stops execution threads without recording an end. Thread safe.
 */
public final class StepFunctions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StepFunctions.class);
    /** How long closed executions stay queryable, as on AWS. */
    public static final Duration HISTORY_RETENTION = Duration.ofDays(90);

    private final StatesRepositories repositories;
    private final Clock clock;
    private final StateMachines machines;
    private final Executions executions;
    private final Activities activities;
    private final ResourceRepository resources;
    private final Aliases aliases;
    /** Every wait and deadline of this engine: its scope of the platform's timers, closed with it. */
    private final Timers timers;
    private final TaskTokens tokens;
    private final Interpreter interpreter;
    private final MapRuns mapRuns;
    private final StateTester tester;
    private final PageTokens pageTokens;

    /**
     * Engine settings: values that are fixed on AWS but that embedders (tests above all) may shorten,
     * and the services the engine reaches outside itself.
     *
     * @param activityLongPoll how long GetActivityTask waits for a task before answering without one
     *     (AWS: 60 seconds)
     * @param objectStore where a distributed Map's ItemReader reads and its ResultWriter writes (AWS:
     *     Amazon S3); {@link ObjectStore#NONE} by default, which fails every ItemReader
     * @param evaluation the time and size every expression evaluation (JSONata, a JSONPath read, an
     *     intrinsic function) may take; Portico's {@link EvaluationLimits#defaults()} by default, as AWS
     *     documents no figures
     */
    public record Settings(Duration activityLongPoll, ObjectStore objectStore, EvaluationLimits evaluation) {
        public Settings {
            if (activityLongPoll.isNegative() || activityLongPoll.isZero()) {
                throw new IllegalArgumentException("activityLongPoll must be positive: " + activityLongPoll);
            }
            Objects.requireNonNull(objectStore, "objectStore");
            Objects.requireNonNull(evaluation, "evaluation");
        }

        /** AWS's values, no object store, and Portico's evaluation limits. */
        public static Settings defaults() {
            return new Settings(Activities.LONG_POLL, ObjectStore.NONE, EvaluationLimits.defaults());
        }

        public Settings withActivityLongPoll(Duration value) {
            return new Settings(value, objectStore, evaluation);
        }

        public Settings withObjectStore(ObjectStore value) {
            return new Settings(activityLongPoll, value, evaluation);
        }

        public Settings withEvaluation(EvaluationLimits value) {
            return new Settings(activityLongPoll, objectStore, value);
        }
    }

    private StepFunctions(StatesRepositories repositories, Timers platform, TaskResources contributed,
            Settings settings) {
        this.repositories = repositories;
        this.clock = platform.clock();
        this.timers = platform.scope("states");
        this.tokens = new TaskTokens(timers, repositories.tokens());
        this.resources = repositories.resources();
        this.machines = new StateMachines(repositories.machines(), resources, clock);
        this.pageTokens = repositories.pageTokens();
        this.activities = new Activities(resources, clock, settings.activityLongPoll());
        this.aliases = new Aliases(resources, machines, clock);
        DeferredResources nested = new DeferredResources();
        TaskResources taskResources = activities.orElse(nested).orElse(contributed);
        ExecutionWaits waits = ExecutionWaits.on(timers);
        this.interpreter = new Interpreter(clock, taskResources, tokens, waits, settings.evaluation());
        this.tester = StateTester.create(clock, taskResources, tokens, waits, settings.evaluation());
        this.executions = new Executions(clock, interpreter, repositories.executions(), machines);
        this.mapRuns = MapRuns.durable(clock, repositories.mapRuns(), repositories.executions());
        interpreter.attachMapRuns(mapRuns);
        interpreter.attachObjectStore(settings.objectStore());
        nested.set(new NestedExecutions(executions, clock));
    }

    /**
     * An engine keeping its state in {@code repositories} (in production
     * {@code io.portico.states.store.StatesStores.over(store, clock)}), waiting on a scope of
     * {@code timers} (the platform's; their clock is the engine's), with AWS's {@link Settings}.
     */
    public static StepFunctions create(StatesRepositories repositories, Timers timers, TaskResources contributed) {
        return new StepFunctions(repositories, timers, contributed, Settings.defaults());
    }

    /** An engine with other {@link Settings} than AWS's. */
    public static StepFunctions create(StatesRepositories repositories, Timers timers, TaskResources contributed,
            Settings settings) {
        return new StepFunctions(repositories, timers, contributed, settings);
    }

    public void start() {
        repositories.migrate();
        int purged = repositories.executions().purgeClosedBefore(clock.instant().minus(HISTORY_RETENTION));
        repositories.mapRuns().purgeClosedBefore(clock.instant().minus(HISTORY_RETENTION));
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

    public ResourceRepository resources() {
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
    Timers timers() {
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
        public Optional<TaskResource> resolve(String resource) {
            return target.resolve(resource);
        }
    }
}
